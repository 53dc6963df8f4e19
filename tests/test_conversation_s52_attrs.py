"""The table's structure read as the table defines it (session 52): a ministry's role (◎ lead, alone or beside other
◎, or only named in 府省庁名), how many ◎ a card carries, a chapter (the 施策番号's first two digits, named by its
number or by words of its heading), the words a cell holds, a KPI's status and a target year — one reading each,
shared by the opening list and the follow-ups that narrow it (その中で / そのうち), in Japanese and English. The
wordings are our own, written as different people ask (polite, casual, kana, English); none is a blind set's turn."""

import pytest

from index.assist import ask, field_asked
from index.corpus import chapter_titles
from index.retrieve.understand import chapter_named, lead_count
from tests.test_conversation_cases import T, assert_followed

MHLW_LEADS = ("03-08", "03-10", "03-12", "03-13", "03-14", "03-21")
CAS_LEADS = ("03-19", "03-20", "03-21", "04-01", "04-02", "04-03", "05-31", "06-01", "07-07")
CAS_ALONE = ("04-01", "04-02", "04-03", "05-31", "06-01", "07-07")
CO_LED = ("03-19", "03-20", "03-21")
MEXT_IN_06 = ("06-07", "06-08", "06-09", "06-10")
MIC_IN_06 = ("06-02", "06-03", "06-11")
KPI_NONE = ("02-05", "02-10", "04-01", "05-35", "05-36")  # 未設定 written (02-05, 02-10, 04-01) or blank (05-35, 05-36)
KPI_NEITHER = ("04-01", "05-35", "05-36")
PREFECTURES_COUNTED = ("02-06", "02-09", "03-18", "03-19", "03-20", "03-21", "03-41")
FY2025 = ("03-06", "04-03", "06-01", "06-05")
TELECOM = ("07-01", "07-02", "07-03", "07-04")

CONVERSATIONS = {
    # 「…も含めて」 widens the set: the ministry's ◎ cards, those it leads beside another ◎ as well (not those only)
    "joint leads included, polite": [
        T("厚生労働省が◎の施策を、ほかの府省と共同で主担当になっているものも含めて、すべて挙げていただけますか。", MHLW_LEADS),
        T("そのうち総務省も関わっているものはどれですか。", "03-14"),
    ],
    "joint leads included, casual": [
        T("厚労省が◎の施策、ほかの府省と共同で主担当になってるものも入れて全部教えて", MHLW_LEADS),
        T("そのうち総務省も関わってるのは", "03-14"),
    ],
    "joint leads included, English": [
        T("Which measures does MHLW lead, including the ones it co-leads?", MHLW_LEADS),
        T("Which of these also involve MIC?", "03-14"),
    ],
    "joint leads included, then the ones it leads alone": [
        T("内閣官房が◎の施策、共同のものも含めてぜんぶ", CAS_LEADS),
        T("そのうち単独で主担当のものは？", CAS_ALONE),
    ],
    "joint leads included in English, then alone": [
        T("List every measure the Cabinet Secretariat leads, joint leads included.", CAS_LEADS),
        T("Of those, which does it lead alone?", CAS_ALONE),
    ],
    # how many ◎: 「3つの府省が◎」 counts the leads of each card of the list
    "the number of leads, casual": [
        T("◎が2つ以上ついてる施策ぜんぶ", CO_LED),
        T("その中で◎が3つのやつは？", "03-21"),
    ],
    "the number of leads, English": [
        T("Which measures have more than one lead ministry?", CO_LED),
        T("Which of them has three leads?", "03-21"),
    ],
    "the number of leads, in an opening": [
        T("主担当が2つの府省になっている施策を全部", ("03-19", "03-20")),
    ],
    "the number of leads, in an English opening": [
        T("Which measures have three lead ministries?", "03-21", "◎厚生労働省"),
    ],
    # a chapter named by words of its heading or by its number meets the ministry's role
    "a chapter by its heading and a ministry's lead": [
        T("デジタル人材の育成の章にある文科省の施策ぜんぶ", MEXT_IN_06),
        T("同じ章で総務省のものは？", MIC_IN_06),
    ],
    "a chapter by its number": [
        T("06章で経産省が主担当のやつは？", ("06-04", "06-05", "06-06")),
    ],
    "a chapter by its heading, English": [
        T("In the chapter on digital human resources, which measures does MEXT lead?", MEXT_IN_06),
    ],
    "a chapter by its heading, typed in kana": [
        T("じんざいいくせいのしょうで もんかしょうのしさく", MEXT_IN_06),
    ],
    "the same chapter after 第6章": [
        T("第6章で文部科学省が主担当の施策は？", MEXT_IN_06),
        T("同じ章で総務省が主担当のものは。", MIC_IN_06),
    ],
    # the words a cell holds: 府省庁名 named as where they are written
    "a word written in 府省庁名": [
        T("府省庁名が「関係府省庁」になってる施策は？", "03-16", "関係府省庁"),
    ],
    "every role, said as no role asked": [
        T("国土交通省が関わっている施策を、主担当か関係府省かは問わず一覧にしてください",
          ("02-10", "03-43", "03-44", "04-02", "04-03", "05-31", "05-33", "05-34", "07-07")),
    ],
    "named among the responsible bodies, English": [
        T("Which measures list the Personal Information Protection Commission among the responsible bodies?",
          ("03-03", "03-07", "05-30", "05-35", "05-36")),
    ],
    # the 府省庁名 cell named by its column, and a ministry's part in the card just answered, asked as recalled
    "the ministry column of a card, as written": [
        T("06-01の府省庁の欄をそのまま見せて", "06-01", "◎内閣官房、経済産業省、総務省"),
    ],
    "a ministry's part recalled, asked politely": [
        T("農地の貸し借りの情報を地図でまとめるシステムの施策はどれですか", "05-32"),
        T("内閣官房も入っていたのでしたか。", "05-32", "内閣官房"),
    ],
    # a KPI's status as the table has it: 「AかB」 of two states is their union (未設定 written, or a blank cell)
    "KPI unset or blank, casual": [
        T("KPIが決まってないか空っぽのやつ全部", KPI_NONE),
        T("そのうち進捗も効果もどっちもないのは？", KPI_NEITHER),
    ],
    "KPI unset or blank, a purpose said first": [
        T("報告書の参考にしたいので、KPIが未設定あるいは空欄になっている施策を教えていただけますか", KPI_NONE),
        T("そのうち両方ないのは？", KPI_NEITHER),
    ],
    "KPI unset or blank, English": [
        T("List the measures whose KPI is either not set or left blank.", KPI_NONE),
        T("Which of them have no KPI at all in both columns?", KPI_NEITHER),
    ],
    "KPI unset or blank, English with neither": [
        T("Which measures have a KPI that is unset or blank?", KPI_NONE),
        T("Of those, which have neither KPI?", KPI_NEITHER),
    ],
    # an English answer shows a blank KPI cell as the table labels it too
    "a blank KPI in English shows the table's label": [
        T("Which measures cover cross-border data flows?", ("05-35", "05-36")),
        T("Do they have KPIs defined?", ("05-35", "05-36"), "(空欄)"),
    ],
    "a KPI that counts prefectures": [
        T("都道府県の数をKPIにしている施策を全部教えてください", PREFECTURES_COUNTED),
    ],
    "a KPI that counts prefectures, English": [
        T("Which measures use the number of prefectures as a KPI?", PREFECTURES_COUNTED),
    ],
    # a target year, and the targets of the list compared
    "a target year, then the same target": [
        T("令和7年度までの目標を掲げている施策を全部教えてください", FY2025),
        T("そのうち目標がまったく同じものはどれ？", ("06-01", "06-05"), "3万人超"),
    ],
    "a target year said as 該当するもの, then the same target": [
        T("2025年度が目標年度になっている施策を知りたいです。該当するものを全部ください。", FY2025),
        T("そのうち同じ目標のものは？", ("06-01", "06-05")),
    ],
    "a target year in English, then the same target": [
        T("Which measures have FY2025 as their target year?", FY2025),
        T("Do any of those share the exact same numeric target?", ("06-01", "06-05")),
    ],
    "the target's year written, among a list": [
        T("光ファイバや携帯電話、ブロードバンドといった通信インフラ整備の施策を全部挙げてください。", TELECOM),
        T("そのなかで目標の年がかいてあるのは？", ("07-02", "07-04")),
    ],
    "the target's year written, English": [
        T("Which measures deal with telecom infrastructure like fibre, mobile coverage and broadband?", TELECOM),
        T("Which of them have a stated target year?", ("07-02", "07-04")),
    ],
}


@pytest.mark.parametrize("name", list(CONVERSATIONS))
def test_the_tables_structure_is_read_as_it_defines_it(retriever, name):
    assert_followed(retriever, CONVERSATIONS[name])


@pytest.mark.parametrize("q, counted", [
    ("そのうち3つの府省が◎になっているのは？", "==3"),
    ("主担当が三府省のもの", "==3"),
    ("Which of them has three leads?", "==3"),
    ("そのうち単独で主担当のものは？", "==1"),
    ("共同主担当じゃなくて内閣官房だけが◎のものは？", "==1"),
    ("Of those, which does it lead alone?", "==1"),
    ("主担当が一府省のもの", "==1"),  # a kanji 一 is a count as 三 is
    ("3つ目の主担当は？", ""),  # an ordinal, no count
    ("その中で、厚労省が主担当の一つになっているのはどれですか", ""),  # one of the leads, no count
    ("03-21の主担当は？", ""),  # a card's number
    ("総務省が主担当の施策", ""),
])
def test_how_many_leads_a_question_counts(q, counted):
    assert lead_count(q) == counted


@pytest.mark.parametrize("q, chapter", [
    ("人材育成の章（06）のうち", "06"),
    ("人材育成の章で", "06"),
    ("医療の章の施策", "03"),
    ("06章で", "06"),
    ("the chapter on digital human resources, which", "06"),
    ("港湾の章の施策", ""),  # 02 and 03 both hold 港湾: no one chapter
    ("文章にある施策", ""),
])
def test_a_chapter_is_named_by_its_heading_or_number(cards, q, chapter):
    assert chapter_named(q, chapter_titles(cards.cards))[0] == chapter


def test_roles_let_go_ask_no_field():
    # 「主担当・関係府省を問わず」 names the roles to let them go: the cards by 府省庁名, no ministries field of one measure
    assert field_asked("国土交通省が関わる施策を、主担当・関係府省を問わず全部教えてください") is None
    assert field_asked("テレワークの施策の主担当は？") is not None


@pytest.mark.parametrize("q, lead_only", [
    # the だけ of いただける is a polite verb, not "only": every role asked, as without it
    ("農林水産省が関わっている施策を、主担当以外も含めて一覧でいただけますか。", False),
    ("農林水産省が関わっている施策を、主担当以外も含めて一覧で", False),
    # … and a real だけ still asks for the one lead
    ("内閣官房だけが主担当の施策を教えていただけますか", True),
])
def test_the_dake_of_itadakeru_is_no_only(retriever, q, lead_only):
    ids = {h.card.id for h in ask(retriever, q).answers}
    name = "農林水産省" if "農林" in q else "内閣官房"
    cards = [c for c in retriever.cards]
    want = {c.id for c in cards if (c.lead_ministries == (name,) if lead_only else name in c.ministries_raw)}
    assert ids == want and len(want) >= 6
