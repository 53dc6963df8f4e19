"""Follow-ups that restrict or pick from the list just given (the その中 and set families): a restriction stays within
the list it restricts, whatever else its words point with (「その中で…のものだけ」: その中 and だけ at once); a list
restricted by ministry does not take in the cards the list nearly counted (shown below it), as one by topic does; two
◎ asked for (「内閣府と内閣官房がともに主担当」, 「ほかの省庁と共同で主担当」) are the cards with both (or more than one)
◎; a statement the cards are said to make (「達成時期が見込めないと記載されている」) is the cards whose own text makes
it, and 「どうして？」 then quotes the sentence that says why; 「残りはみんな経産省？」 answers yes or no for each card of
the rest; 「もう一方は…いつ？」 asks about the other card of two, not among it; "they … it" is the card, not the list;
"Of the five" is the list by its count; 「総務省の分だけ」 is its share (分 no topic), "have MOF taking part" the cards
whose 府省庁名 names it, "the final one" the last. Our own wordings, written from the cards; none is an evaluation turn."""

import pytest

from tests.test_conversation_cases import MINISTRY_LEAD_CAO, MINISTRY_LEAD_METI, MINISTRY_LEAD_NPA, T, assert_followed

CABINET_SECRETARIAT_LEAD = ("03-19", "03-20", "03-21", "04-01", "04-02", "04-03", "05-31", "06-01", "07-07")

CONVERSATIONS = {
    "その中 and だけ said together: the list restricted by the ministry that leads": [
        T("内閣府が主担当の施策を全部", MINISTRY_LEAD_CAO),
        T("その中で内閣府と内閣官房がともに主担当なのは？", ("03-19", "03-20", "03-21")),
        # 03-21 is led by 内閣府, 内閣官房 and 厚生労働省 (◎ each)
        T("その中で厚労省のものだけ", "03-21"),
    ],
    "a lead shared with another ministry": [
        T("内閣官房が主担当の施策を全部", CABINET_SECRETARIAT_LEAD),
        # 「ほかの省庁と」 names the partners of the lead, not other measures
        T("そのうち主担当がほかの省庁と共同のものは？", ("03-19", "03-20", "03-21"), "内閣府"),
        T("2番目は？", "03-20"),
    ],
    "a statement the cards are said to make, then why": [
        T("携帯電話がつながらない所をなくす施策を全部", ("07-02", "07-03")),
        # 07-03's effect KPI: 「…現時点では達成時期が見込めない。」
        T("その中で達成時期が見込めないと記載されているのは？", "07-03", "達成時期が見込めない"),
        T("どうして？", "07-03", "新型コロナウイルス感染症の影響"),
    ],
    "a statement in the overview": [
        T("警察庁が主担当の施策を全部", MINISTRY_LEAD_NPA),
        # 02-05: 「…令和3年(2021年)4月から運用を開始した。」
        T("そのうち運用を開始したと書いてあるのは？", "02-05"),
    ],
    "yes or no for each card of the rest": [
        T("経済産業省が主担当の施策を全部", MINISTRY_LEAD_METI),
        T("最初のは？", "03-02"),
        T("残りはみんな経産省だけが担当？", ("05-35", "06-04", "06-05", "06-06"), "主担当"),
    ],
    "the other one of two, asked about": [
        T("警察庁が主担当の施策を全部", MINISTRY_LEAD_NPA),
        T("そのうち自動運転に関わるのは？", ("02-07", "02-08")),
        T("1つ目の効果KPIは？", "02-07"),
        # 02-08: 「令和4年度(2022年度)以降、モデルシステムの構築及び実証実験を行う。」
        T("もう一方はモデルシステムをいつ作るの？", "02-08", "令和4年度"),
    ],
    "they who run it, it the card": [
        T("警察庁が主担当の施策を全部", MINISTRY_LEAD_NPA),
        T("そのうち効果KPIが未設定のは？", "02-05"),
        T("And when are they going to fill it in?", "02-05", "令和4年度"),
    ],
    "a ministry's share of the list, and the ministry taking part": [
        T("港湾に関する施策を一覧で", ("02-10", "03-43", "03-44")),
        # 02-10 and 03-43 name 財務省 among their ministries; 03-44 does not
        T("Which of these have the Ministry of Finance (財務省) taking part?", ("02-10", "03-43"), "財務省"),
        T("And the final one on the list?", "03-44"),
    ],
    "a ministry's share, 分": [
        # (the five security-training cards the tuning writers label: 06-02 地域情報化アドバイザー and 06-04 IT人材スキル
        # 標準, which names 「セキュリティ領域」 among four areas, are not; session 53)
        T("サイバーセキュリティ人材の育成の施策を全部", ("06-01", "06-03", "06-05", "06-06", "06-11")),
        T("その中から総務省の分だけ", ("06-03", "06-11")),
    ],
    "a card named by its number, checked for a ministry after a list": [
        T("厚生労働省が主担当の施策を全部", ("03-08", "03-10", "03-12", "03-13", "03-14", "03-21")),
        # 03-11 is on no card of the list: the yes or no is about the card named, not the list
        T("03-11って文科省も関わってる？", "03-11", "03-11 は関係府省庁"),
    ],
    "what else it measures: the card picked, not more measures": [
        T("警察庁が主担当の施策を全部", MINISTRY_LEAD_NPA),
        # 02-09 says 高度化PICS; "what else does it …" asks more of that card
        T("The one with 高度化PICS - what else does it count?", "02-09", "高度化PICS整備交差点数"),
    ],
    "the list by its count, in English": [
        T("List every measure the National Police Agency leads.", MINISTRY_LEAD_NPA),
        T("Of the five, which concern self-driving cars?", ("02-07", "02-08")),
    ],
}


@pytest.mark.parametrize("name", list(CONVERSATIONS))
def test_a_follow_up_restricts_or_picks_from_the_list(retriever, name):
    assert_followed(retriever, CONVERSATIONS[name])


def test_a_restriction_by_ministry_stays_within_the_list(retriever):
    """A list that nearly counted a card (shown right below it) is restricted by a ministry to its own cards only:
    the ministry says nothing of whether that card is on the list's topic."""
    from index.assist import ask
    from index.conversation import Conversation, Turn

    # the list nearly counted 03-07 (総務省's PHR card); the restriction by 総務省 keeps to the list
    conv = Conversation().add(Turn("障害者向けの施策を全部", ("02-09", "07-05", "07-06", "07-07", "07-11"),
                                   near=("03-07",)))
    a = ask(retriever, "その中で総務省のものだけ", conv)
    assert [h.card.id for h in a.answers] == ["07-05", "07-06", "07-11"]
