"""Session 55: lists and parts of lists by ministry, read as slots (body, role, scope, not), chapters said by the
digits of their cards' numbers, and the words left over once the slots are read, which must not become a topic.

- A scope note that takes every role at once (「(主担当・関係とも)」, 「主担当・関係の別なく」, "as lead or as a
  partner", "whether leading or not") is what the list spans, never a topic that cuts it.
- 「〜のほう」 (MeCab: 方), "the ones" (one + s), "itself", "they" are no subject either.
- 「ほかに財務省がからんでるのは？」 right after a turn on that ministry sets apart the cards given as its own, not a
  card shown earlier on another ground (the port list).
- 「経産省が主担当のほうは？」 right after the list of what 経産省 is in without leading, 「文科省以外が主担当の…」
  right after 文科省's own list, 「国交省が主担当で港湾じゃないほう」 right after the ports of 国交省's list: the other
  side of the cell, so more of the table beside the list.
- 「07の番号のやつ」, 「07番台」, 「番号が07で始まる」, "IDs starting with 07" name chapter 07.
- 「内閣府と一緒に主担当になっていない」, "not co-led with the Cabinet Office": the shared lead denied.
- "the MLIT-led ones that aren't about ports, what do they do?": "they" are the ones the question names, and a
  ministry's list with a topic denied is the list less what the denied words fit.
Our own wordings beside the blind sets' (dev39 O939 z915 z936 z911 z942 z924, dev38 z807 z841), in polite, casual,
kana and English styles."""

import pytest

from index.retrieve.understand import chapter_by_id
from tests.test_conversation_cases import MINISTRY_LEAD_METI, MINISTRY_LEAD_MEXT, MINISTRY_LEAD_MLIT, T, assert_followed

MHLW_NAMED = ("03-08", "03-09", "03-10", "03-11", "03-12", "03-13", "03-14", "03-21", "04-02", "04-03", "07-07")
PPC_NAMED = ("03-03", "03-07", "05-30", "05-35", "05-36")
METI_NAMED_NOT_LEAD = ("03-01", "03-03", "03-11", "04-01", "04-02", "04-03", "05-36", "06-01", "07-07")
MINISTRY_LEAD_MIC = ("03-04", "03-07", "03-09", "03-15", "05-30", "06-02", "06-03", "06-11", "07-01", "07-02",
                     "07-03", "07-05", "07-06", "07-08", "07-09", "07-10", "07-11")
MIC_CHAPTER_07 = ("07-01", "07-02", "07-03", "07-05", "07-06", "07-08", "07-09", "07-10", "07-11")
MINISTRY_LEAD_CAS = ("03-19", "03-20", "03-21", "04-01", "04-02", "04-03", "05-31", "06-01", "07-07")
CAS_NOT_WITH_CAO = ("04-01", "04-02", "04-03", "05-31", "06-01", "07-07")
PORTS = ("02-10", "03-43", "03-44")
MEXT_EDUCATION_03 = ("03-01", "03-03", "03-05", "03-06")

METI_NOT_LEAD_ASKED = "主担当ではないものの、経済産業省が関係府省として入っている施策を挙げていただけますか。"

LISTS = {
    # a scope note that takes every role at once: the whole list (O939)
    "(主担当・関係とも)": "厚生労働省が関わっている施策(主担当・関係とも)",
    "（主担当・関係とも）, full-width": "厚生労働省が関わっている施策（主担当・関係とも）",
    "主担当・関係の別なく": "厚生労働省が関与している施策を、主担当・関係の別なく全て挙げてください",
    "(メインでもサブでも), casual": "厚労省が入ってる施策ぜんぶ(メインでもサブでも)",
    "kana": "こうせいろうどうしょうがかかわってるしさく(しゅたんとうもかんけいも)",
    "English: lead or partner": "List every measure involving MHLW (lead or partner).",
}

PPC_LISTS = [
    # "as lead or as a partner", "whether leading or not": either role (z915)
    "Please list every measure in which the Personal Information Protection Commission appears, as lead or as a partner.",
    "Which measures does the Personal Information Protection Commission take part in, whether leading or not?",
    "Show all measures where the PPC appears, lead or supporting.",
]

CONVERSATIONS = {
    # the lead side after the list of what the ministry is in without leading (z936)
    "主担当のほう, ほかに after METI's non-lead list": [
        T(METI_NOT_LEAD_ASKED, METI_NAMED_NOT_LEAD),
        T("3つ目の施策のKPI(進捗)は？", "03-11"),
        T("経産省が主担当のほうは、ほかにどれがありますか。", MINISTRY_LEAD_METI),
    ],
    "主担当のほう, no ほかに": [
        T(METI_NOT_LEAD_ASKED, METI_NAMED_NOT_LEAD),
        T("経産省が主担当のほうは？", MINISTRY_LEAD_METI),
    ],
    "しゅたんとうのやつ, kana": [
        T(METI_NOT_LEAD_ASKED, METI_NAMED_NOT_LEAD),
        T("けいさんしょうがしゅたんとうのやつは？", MINISTRY_LEAD_METI),
    ],
    "English: the ones METI leads itself": [
        T(METI_NOT_LEAD_ASKED, METI_NAMED_NOT_LEAD),
        T("And the ones METI leads itself?", MINISTRY_LEAD_METI),
    ],
    # more of a ministry's cards after a turn on that ministry: those given as its own set apart (z807)
    "ほかに財務省 after one port card checked": [
        T("港湾に関する施策を全部", PORTS),
        T("最初のやつって財務省も入ってる？", "02-10"),
        T("ほかに財務省がからんでるのは？", ("03-43", "04-01")),
    ],
    "財務省が関わっている施策はほかに, polite": [
        T("港湾に関する施策を全部", PORTS),
        T("最初のやつって財務省も入ってる？", "02-10"),
        T("財務省が関わっている施策はほかにありますか？", ("03-43", "04-01")),
    ],
    "English: any other measures the Ministry of Finance is involved in": [
        T("港湾に関する施策を全部", PORTS),
        T("最初のやつって財務省も入ってる？", "02-10"),
        T("Any other measures the Ministry of Finance is involved in?", ("03-43", "04-01")),
    ],
    # a chapter said by the digits its cards' numbers begin with, each card with who runs it (z911)
    "07の番号のやつ": [
        T("総務省が主担当の施策、一覧ほしい。全部で何件？", MINISTRY_LEAD_MIC),
        T("その中で07の番号のやつだけ", MIC_CHAPTER_07, "◎総務省"),
        T("そのうち3番目は何？", "07-03", "鉄道トンネル"),
    ],
    "番号が07で始まる": [
        T("総務省が主担当の施策を全部", MINISTRY_LEAD_MIC),
        T("そのうち番号が07で始まるもの", MIC_CHAPTER_07),
    ],
    "07ばんだい, kana": [
        T("総務省が主担当の施策を全部", MINISTRY_LEAD_MIC),
        T("そのなかで07ばんだいのやつ", MIC_CHAPTER_07),
    ],
    "English: IDs starting with 07": [
        T("総務省が主担当の施策を全部", MINISTRY_LEAD_MIC),
        T("Which of those have IDs starting with 07?", MIC_CHAPTER_07),
    ],
    # another body leading, after the ministry's own list: beside it, each with its lead (z942)
    "ほかに、文科省以外がメイン": [
        T("第3章で文部科学省が主担当の施策を全部", MEXT_EDUCATION_03),
        T("ほかに、文科省以外がメインの03章の教育の施策はありますか？", ("03-02", "03-04"), "◎経済産業省", "◎総務省"),
    ],
    "文科省以外が主担当, no ほかに": [
        T("第3章で文部科学省が主担当の施策を全部", MEXT_EDUCATION_03),
        T("文科省以外が主担当の03章の教育の施策は？", ("03-02", "03-04"), "◎経済産業省", "◎総務省"),
    ],
    "文科省じゃないところがメイン, casual": [
        T("第3章で文部科学省が主担当の施策を全部", MEXT_EDUCATION_03),
        T("文科省じゃないところがメインでやってる03章の教育のやつは？", ("03-02", "03-04")),
    ],
    # the shared lead denied (z841)
    "残りの第4章以外のうち、内閣府と一緒に主担当になっていない": [
        T("内閣官房が主担当(◎)になっている施策をすべてください。", MINISTRY_LEAD_CAS),
        T("そのうち第4章のものは", ("04-01", "04-02", "04-03")),
        T("残りの第4章以外のうち、内閣府と一緒に主担当になっていないものは", ("05-31", "06-01", "07-07"), "◎内閣官房"),
    ],
    "内閣府と共同で主担当になっていない": [
        T("内閣官房が主担当(◎)になっている施策をすべてください。", MINISTRY_LEAD_CAS),
        T("その中で内閣府と共同で主担当になっていないのは？", CAS_NOT_WITH_CAO),
    ],
    "English: not co-led with the Cabinet Office": [
        T("内閣官房が主担当(◎)になっている施策をすべてください。", MINISTRY_LEAD_CAS),
        T("Of those, which are not co-led with the Cabinet Office?", CAS_NOT_WITH_CAO),
    ],
    # the body said again with its role after it: "has the Commission as its lead" (z915)
    "English: which of the five has the Commission as its lead": [
        T(PPC_LISTS[0], PPC_NAMED),
        T("Which of the five has the Commission as its lead?", "05-36", "◎個人情報保護委員会"),
    ],
    "English: which of them have it as the lead": [
        T("List every measure involving the PPC.", PPC_NAMED),
        T("which of them have it as the lead?", "05-36"),
    ],
    # the ones the question names before "they", a topic denied (z924)
    "English: the MLIT-led ones that aren't about ports": [
        T("Which measures are led by the Ministry of Land, Infrastructure, Transport and Tourism?", MINISTRY_LEAD_MLIT),
        T("Which of those are about ports?", PORTS),
        T("The last of those - what's its KPI?", "03-44"),
        T("And the MLIT-led ones that aren't about ports, what do they do?", ("05-33", "05-34"), "G空間情報", "不動産ID"),
    ],
    "国交省が主担当で港湾じゃないほう": [
        T("Which measures are led by the Ministry of Land, Infrastructure, Transport and Tourism?", MINISTRY_LEAD_MLIT),
        T("Which of those are about ports?", PORTS),
        T("国交省が主担当で港湾じゃないほうは何をしてるの？", ("05-33", "05-34")),
    ],
}

FRESH = {
    "国交省が主担当で港湾じゃない施策": ("国交省が主担当で港湾じゃない施策は？", ("05-33", "05-34")),
    "English: MLIT-led measures not about ports": ("Which MLIT-led measures are not about ports?", ("05-33", "05-34")),
    "07の番号の施策を全部": ("07の番号の施策を全部", ("07-01", "07-02", "07-03", "07-04", "07-05", "07-06", "07-07",
                                               "07-08", "07-09", "07-10", "07-11")),
    "総務省が主担当で07番台": ("総務省が主担当で07番台のもの", MIC_CHAPTER_07),
    "English: MIC-led, IDs start with 07": ("List the MIC-led measures whose IDs start with 07.", MIC_CHAPTER_07),
    "文部科学省が主担当": ("文部科学省が主担当の施策を全部", MINISTRY_LEAD_MEXT),
}


@pytest.mark.parametrize("name", list(LISTS))
def test_a_scope_note_over_every_role_is_no_topic(retriever, name):
    assert_followed(retriever, [T(LISTS[name], MHLW_NAMED)])


@pytest.mark.parametrize("q", PPC_LISTS)
def test_an_english_body_as_lead_or_partner(retriever, q):
    assert_followed(retriever, [T(q, PPC_NAMED)])


@pytest.mark.parametrize("name", list(CONVERSATIONS))
def test_parts_of_lists_by_ministry(retriever, name):
    assert_followed(retriever, CONVERSATIONS[name])


@pytest.mark.parametrize("name", list(FRESH))
def test_fresh_ministry_lists(retriever, name):
    q, expected = FRESH[name]
    assert_followed(retriever, [T(q, expected)])


@pytest.mark.parametrize("q, said", [
    ("その中で07の番号のやつだけ", "その中で第7章のやつだけ"),
    ("そのうち07番台のものだけ", "そのうち第7章のものだけ"),
    ("番号が07で始まる施策", "第7章の施策"),
    ("そのうち施策番号が07-のもの", "そのうち第7章のもの"),
    ("07-01の担当は", "07-01の担当は"),  # a whole ID stays one
    ("番号が07-03のもの", "番号が07-03のもの"),
    ("2007年の番号", "2007年の番号"),  # no chapter inside a longer number
    ("令和07年", "令和07年"),
    ("施策番号は？", "施策番号は？"),
    ("2007年から始まる", "2007年から始まる"),  # a start date, no chapter
])
def test_a_chapter_by_the_digits_of_its_numbers(q, said):
    assert chapter_by_id(q) == said
