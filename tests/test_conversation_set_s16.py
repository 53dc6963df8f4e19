"""Follow-ups on a set of cards already shown (session 16: the set / その中 / ordinal families): a restriction whose
topic every listed card shares restricts by the words some of them write (「港湾局がAI」 among the port cards); an
English restriction reads the table's other words for its topic (disasters → 被災者), a chapter's own heading (training
people → 06 デジタル人材の育成), every listed card that writes the topic, and a card named by the topic over one that
mentions it on the way (broadcasting → 05-30); a position in a ministry's list said with the ministry
(「警察庁主担当で最初の番号の」); 「〜のほう」 after one card whose name holds the description is that card;
「ほかに同じ目標の」 is the cards listing one of its KPIs; 「ほかに〇〇向けのは」 while a list is gone through by topic
stays in the list; 「ほかにKPIが決まってない施策」 is more of the table's unset KPIs; English "any other … on X" keeps
the cards that write X; 「〇〇省がおもにやってる」 in kana says the lead; 「大学・博士人材向け」 is either;
「それなら」 is "then", no card pointed at. Our own wordings; none is a blind set's turn."""

import pytest

from tests.test_conversation_cases import (MINISTRY_LEAD_CAO, MINISTRY_LEAD_METI, MINISTRY_LEAD_MEXT, T,
                                           assert_followed)

MINISTRY_LEAD_MIC = ("03-04", "03-07", "03-09", "03-15", "05-30", "06-02", "06-03", "06-11", "07-01", "07-02",
                     "07-03", "07-05", "07-06", "07-08", "07-09", "07-10", "07-11")
PORTS = ("02-10", "03-43", "03-44")
NO_KPI_BUT_0401 = ("02-05", "02-10", "05-35", "05-36")

CONVERSATIONS = {
    "a restriction by words some of the listed cards write, when all share the topic": [
        T("港湾に関する施策を全部", PORTS),
        T("その中で港湾局がAIを導入してるのは？", "03-44"),
    ],
    "an English restriction reads the table's other words for disasters": [
        T("List every measure the Cabinet Office (内閣府) leads.", MINISTRY_LEAD_CAO),
        T("Which of these deal with disasters?", ("03-16", "03-17", "03-18", "03-19", "03-20", "03-21")),
    ],
    "an English restriction by a kind a chapter is headed by, then the first of it": [
        T("list all measures where 経済産業省 is lead", MINISTRY_LEAD_METI),
        T("of those, which are about training people?", ("06-04", "06-05", "06-06")),
        T("the KPI of the first one?", "06-04", "ITSS+"),
    ],
    "an English restriction keeps the card named by its topic": [
        T("Which measures does 総務省 lead? All of them please.", MINISTRY_LEAD_MIC),
        T("Among those, which are about broadcasting?", "05-30"),
    ],
    "a position in a ministry's list, said with the ministry": [
        T("02-08の主担当は", "02-08"),
        T("警察庁主担当のうち最初の番号の施策は？", "02-05"),
    ],
    "「〜のほう」 named by the card just answered": [
        T("サイバーポートについて教えてください", ("02-10", "03-43")),  # both name it (s52)
        T("港湾物流分野のほうのKPIは？", "03-43", "サイバーポート(港湾物流)"),
    ],
    "the same target listed by another card": [
        T("06-05の効果KPIは", "06-05"),
        T("ほかにも同じ目標をあげている施策ってある？", "06-01", "3万人超"),
    ],
    "more of a list gone through by topic": [
        T("総務省が主担当の施策を全部", MINISTRY_LEAD_MIC),
        T("その中でアクセシビリティ関係のは？", ("07-05", "07-06")),
        T("ほかに障害者向けのものは？", "07-11"),
    ],
    "either of two things done with a verbal noun": [
        T("被災者支援や災害情報の共有に関する施策を全部", ("03-16", "03-17", "03-18", "03-19", "03-20", "03-21")),
        T("その中でマイナンバーかマイナポータルを活用するものを挙げて", ("03-19", "03-20", "03-21")),
    ],
    "more measures with an unset KPI": [
        T("04-01の担当は", "04-01"),
        T("ほかにKPIが決まってない施策は？", NO_KPI_BUT_0401),
    ],
    "English more on two phrases": [
        T("Is there a program for mobile coverage in train tunnels?", "07-03"),
        T("any other measures on mobile coverage in rural areas?", "07-02"),
    ],
    "the lead typed in kana": [
        T("05-32の担当は", "05-32"),
        T("のうりんすいさんしょうがおもにやってるのはほかにある？", ("03-41", "03-42")),
    ],
    "either of those a measure is for, joined by ・": [
        T("文部科学省が主担当の施策を全部", MINISTRY_LEAD_MEXT),
        T("その中で大学・博士人材向けのは？", ("06-07", "06-10")),
    ],
    "それなら says then": [
        # no card (アーカイブ is in none, 整備 in a quarter of them: session 49's topic_unheld); 「それ」 would be the
        # nearest cards it names for reference
        T("デジタルアーカイブの整備に関する施策はある？", ()),
        T("それなら文部科学省が主担当の施策を全部", MINISTRY_LEAD_MEXT),
    ],
}


@pytest.mark.parametrize("name", list(CONVERSATIONS))
def test_a_set_already_shown_is_followed_turn_by_turn(retriever, name):
    assert_followed(retriever, CONVERSATIONS[name])
