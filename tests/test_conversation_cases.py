"""Conversations on the bundled table as people write them, played turn by turn through `ask` with the history each
answer returns: the subject dropped (「所管は？」), parts of a list (「この中で…」, 「残りは？」, 「トンネルのほうの…」),
ordinals (「ふたつめ」, "the last one", one past the end), topic switches (「ところで」, 「あと、」, a question with a topic
of its own) and two topics in one question. Written for issue 18 in wordings other than those of eval/conversations.jsonl
(the blind set is scored by `seisaku eval --chat`, never copied here); each turn names the cards its answer must count
and the text it must show, as a person reading the cards would expect."""

import pytest

from index.assist import Conversation, answer_text, ask
from index.evaluate_chat import ChatTurn, turn_right


def T(q, expected=(), *must, family=""):  # noqa: N802 - one turn of a conversation, read as a table row
    expected = (expected,) if isinstance(expected, str) else tuple(expected)
    return ChatTurn(q, family, expected, "", tuple(must))


MINISTRY_LEAD_METI = ("03-02", "05-35", "06-04", "06-05", "06-06")
MINISTRY_LEAD_MEXT = ("03-01", "03-03", "03-05", "03-06", "06-07", "06-08", "06-09", "06-10")
MINISTRY_LEAD_MHLW = ("03-08", "03-10", "03-12", "03-13", "03-14", "03-21")
MINISTRY_LEAD_MLIT = ("02-10", "03-43", "03-44", "05-33", "05-34")
MINISTRY_LEAD_NPA = ("02-05", "02-06", "02-07", "02-08", "02-09")
MINISTRY_LEAD_CAO = ("03-11", "03-16", "03-17", "03-18", "03-19", "03-20", "03-21", "03-45", "07-04")

CONVERSATIONS = {
    "rural broadband, the subject dropped": [
        T("光ファイバが来てない田舎のネット整備の施策ってある？", "07-01"),
        T("どこの省がやってる？", "07-01", "総務省"),
        T("数値目標は？", "07-01", "光ファイバ"),
        T("お金はどれくらいかけてるの？", "07-01", "予算"),
    ],
    "drones: lead, the others involved, when": [
        T("ドローンの規制とか制度づくりの施策は？", "04-02"),
        T("所管官庁は？", "04-02", "内閣官房"),
        T("ほかに関係してる役所は？", "04-02", "消防庁"),
        T("いつまでに実現する予定？", "04-02", "令和4年度"),
    ],
    "mobile coverage: a card picked by a word of its text, then the other one": [
        T("携帯電話がつながらない場所をなくす施策", ("07-02", "07-03")),
        T("トンネルのほうの効果KPIは？", "07-03", "125km"),
        T("もう一つのほうの担当は？", "07-02", "総務省"),
    ],
    "MHLW's list, narrowed, then the last of the list": [
        T("厚生労働省が主担当の施策を全部", MINISTRY_LEAD_MHLW),
        T("この中でワクチンに関係するのは？", "03-12"),
        T("それのKPIは？", "03-12", "予防接種履歴"),
        T("一覧の最後の施策名は？", "03-21", "被災者生活再建支援金"),
    ],
    "METI's measures by position": [
        T("経済産業省がメインで担当している施策は？", MINISTRY_LEAD_METI),
        T("3番目は何をする施策？", "06-04", "ITSS"),
        T("最後のやつの進捗KPIは？", "06-06", "ICSCoE"),
        T("7番目は？", ()),
    ],
    "farmland parcels, then two topic switches": [
        T("筆ポリゴンって何？", "03-42"),
        T("担当は？", "03-42", "農林水産省"),
        T("ところで、不動産IDの施策はどうなってる？", "05-34"),
        T("それはどこの省庁？", "05-34", "国土交通省"),
        T("全然別の話だけど、テレワークの普及の目標は？", "04-03", "テレワーク導入企業の割合"),
    ],
    "two training programmes compared": [
        T("CYDERとICSCoEの施策の担当を比べたい", ("06-03", "06-06"), "総務省", "経済産業省"),
        T("それぞれの効果KPIは？", ("06-03", "06-06"), "3,000人", "修了生"),
    ],
    "two medical topics in one question": [
        T("遠隔診療と8K医療の主担当を教えて", ("03-14", "03-15"), "厚生労働省", "総務省"),
    ],
    "cyber ports in English, a pick, a switch": [
        T("Is there a measure for the Cyber Port?", ("02-10", "03-43")),
        T("Who is in charge of them?", ("02-10", "03-43"), "国土交通省"),
        T("What about the logistics one, what's its KPI?", "03-43", "接続可能な港湾関係者数"),
        T("Switching topics, anything on electronic invoices?", "04-01"),
        T("Its KPI?", "04-01", "未設定"),
    ],
    "one answer: その中 is that card, and a second one is not there": [
        T("障害者の本人確認を簡単にする施策は？", "07-07"),
        T("そのうち環境省が関わってるのは？", "07-07", "07-07"),
        T("2つ目は？", ()),
    ],
    "MLIT's list split into port and not port": [
        T("国土交通省が主担当の施策は？", MINISTRY_LEAD_MLIT),
        T("その中で港湾に関するものは？", ("02-10", "03-43", "03-44")),
        T("残りは？", ("05-33", "05-34")),
        T("それぞれの進捗KPIは？", ("05-33", "05-34"), "不動産IDのルール整備"),
    ],
    "MEXT's list, cards picked by descriptions": [
        T("文部科学省が主担当の施策を一覧で", MINISTRY_LEAD_MEXT),
        T("大学のAI教育のやつの効果KPIは？", "06-07", "認定"),
        T("デジタル教科書のほうはいつまで？", "03-06", "令和7年度"),
    ],
    "disaster My Number portal, casual": [
        T("マイナポータルを災害のときに使う施策ある？", "03-20"),
        T("それってどこが担当してんの？", "03-20", "内閣府"),
        T("KPIおしえて", "03-20", "取扱機関"),
    ],
    "vaccination records: progress and effect": [
        T("予防接種の記録を電子化する施策は？", "03-12"),
        T("進捗は？", "03-12", "紐付け"),
        T("効果の方の指標は？", "03-12", "モデル事業"),
    ],
    "web accessibility in English": [
        T("What is being done about web accessibility?", "07-06"),
        T("Which ministry is responsible?", "07-06", "総務省"),
        T("And its outcome KPI?", "07-06", "事業継続率"),
        T("How much money is allocated?", "07-06", "予算"),
    ],
    "data health, then あと with a topic of its own": [
        T("データヘルスの施策は？", "03-13"),
        T("主管は？", "03-13", "厚生労働省"),
        T("あと、異能プログラムってどこの施策？", "07-10", "総務省"),
        T("応募倍率の目標は？", "07-10", "10倍"),
    ],
    "the Cabinet Office's list by position, in English": [
        T("List the measures led by the Cabinet Office.", MINISTRY_LEAD_CAO),
        T("What's the second one about?", "03-16", "ISUT"),
        T("And the last one?", "07-04"),
        T("The twelfth?", ()),
    ],
    "PPC's measures narrowed by a KPI cell": [
        T("個人情報保護委員会が関わる施策は？", ("03-03", "03-07", "05-30", "05-35", "05-36")),
        T("その中でKPIが空欄のものは？", ("05-35", "05-36")),
        T("それらの概要を表で", ("05-35", "05-36")),
    ],
    "an ordinal past one answer, then the card again": [
        T("森林クラウドの施策", "03-41"),
        T("3番目の施策は？", ()),
        T("担当は？", "03-41", "農林水産省"),
    ],
    "two education topics, compared": [
        T("GIGAスクールの端末整備とデジタル教科書の施策、KPIを比較して", ("03-01", "03-06")),
        T("どっちも主担当は文科省？", ("03-01", "03-06"), "文部科学省"),
    ],
    "the NPA's list, picks, and the rest narrowed": [
        T("警察庁が主担当の施策を全部", MINISTRY_LEAD_NPA),
        T("運転免許のやつのKPIは？", "02-05", "開発進捗"),
        T("高齢者の移動支援のほうは誰がやってる？", "02-09", "警察庁"),
        T("残りのうち自動運転に関係するのは？", ("02-07", "02-08")),
    ],
    "SIP4D, then more of the same ministry": [
        T("SIP4Dの施策は？", "03-17"),
        T("ほかに内閣府が主担当の施策は？", tuple(i for i in MINISTRY_LEAD_CAO if i != "03-17")),
        T("そのうち沖縄のは？", "07-04"),
    ],
    "receipts data, casual ellipsis": [
        T("レセプトのデータ使って健康づくりするやつ", "03-13"),
        T("目標って何？", "03-13", "健康保険組合"),
        T("どこの省庁の担当？", "03-13", "厚生労働省"),
    ],
    "PPC in English: who else, then others led by METI": [
        T("Which measures does the Personal Information Protection Commission lead?", "05-36"),
        T("Who else is involved?", "05-36", "外務省"),
        T("Any others led by METI?", MINISTRY_LEAD_METI),
    ],
    "cross-border data, each lead, then a pick": [
        T("国際的なデータ流通の施策は？", ("05-35", "05-36")),
        T("それぞれ誰が主担当？", ("05-35", "05-36"), "経済産業省", "個人情報保護委員会"),
        T("APECのほうに外務省は入ってる？", "05-36", "外務省"),
    ],
    "a topic of its own restarts without a switch word": [
        T("G空間情報センターの施策は？", "05-33"),
        T("KPIは？", "05-33", "ページビュー"),
        T("不動産IDのKPIは？", "05-34", "不動産IDのルール整備"),
        T("主担当は？", "05-34", "国土交通省"),
    ],
    "two topics joined by a comma, then by 'and'": [
        T("テレワーク、ドローンそれぞれの主担当", ("04-03", "04-02"), "内閣官房"),
        T("Compare the KPIs of the telework and drone measures", ("04-03", "04-02"), "実証実験件数"),
    ],
    "one measure named by two words stays one question": [
        T("登記と固定資産税の台帳をつなぐ施策の担当は？", "05-31", "法務省"),
    ],
    "farm and forest lists: the latest deadline among them": [
        T("農林水産省が主担当の施策は？", ("03-41", "03-42", "05-32")),
        T("この中でいちばん期限が遅いのは？", "03-41", "令和10年度"),
        T("それの担当は？", "03-41", "農林水産省"),
    ],
    "CYDER asked about in everyday words, and whether a ministry takes part": [
        T("自治体職員向けのサイバー攻撃対応の訓練ってある？", "06-03"),
        T("どんなことするの？", "06-03", "オンライン受講環境"),
        T("今の状況は？", "06-03", "集合演習の開催回数"),
        T("誰が受けられるの？", "06-03", "地方公共団体"),
        T("経産省も関わってる？", "06-03", "経済産業省: 06-03 には記載なし"),
        T("総務省だけ？", "06-03", "◎総務省"),
    ],
    "MHLW's list: parts by the cards' own words": [
        T("厚生労働省が主担当の施策を全部", MINISTRY_LEAD_MHLW),
        T("うち医療機関で情報を見られるようにするのは？", "03-10"),
        T("その中でデータベースを作ってるのは？", ("03-08", "03-12")),
        T("レセプトのやつの担当は？", "03-13", "厚生労働省"),
        T("The one about rare diseases, what's its KPI?", "03-08", "データ登録進捗率"),
    ],
    "MLIT's list counted from either end": [
        T("国土交通省が主担当の施策は？", MINISTRY_LEAD_MLIT),
        T("最後から2番目の担当は？", "05-33", "国土交通省"),
        T("先頭の施策のKPIは？", "02-10", "未設定"),
        T("What about the 3rd?", "03-44", "AIターミナル"),
        T("No.6は？", ()),
    ],
    "a pronoun for anyone, with a topic of its own, is a new question": [
        T("テレワークの施策は？", "04-03"),
        T("What are they doing about drones?", "04-02"),
        T("それの担当は？", "04-02", "内閣官房"),
    ],
    "MIC's training measures by kana ordinals": [
        T("総務省が主担当の人材育成の施策は？", ("06-02", "06-03", "06-11")),
        T("ふたつめの概要", "06-03", "CYDER"),
        T("1番目の効果KPIは？", "06-02", "600団体"),
    ],
}


def play(retriever, turns):
    conv, out = Conversation(), []
    for t in turns:
        a = ask(retriever, t.q, conv)
        conv = a.conversation
        out.append((t, a))
    return out


def assert_followed(retriever, turns):
    """Play the turns and check each one as `seisaku eval --chat` scores a turn (its cards and its text)."""
    for t, a in play(retriever, turns):
        cards, text, missing = turn_right(t, a)
        got = [h.card.id for h in a.answers]
        assert cards and text, f"{t.q!r}: counted {got}, expected {list(t.expected)}; missing {missing}\n" + \
            answer_text(a, related=False)


# Known misses that come from the first answer (the engine's card confidence or a list that counts only some of its
# cards), not from how the follow-ups are read: kept, so that they show when that is fixed.
KNOWN_MISSES = {
    'mobile coverage: a card picked by a word of its text, then the other one': 'the first answer counts 07-03 only',
}


@pytest.mark.parametrize("name", [pytest.param(n, marks=pytest.mark.xfail(reason=KNOWN_MISSES[n])) if n in KNOWN_MISSES
                                  else n for n in CONVERSATIONS])
def test_a_conversation_is_followed_turn_by_turn(retriever, name):
    assert_followed(retriever, CONVERSATIONS[name])
