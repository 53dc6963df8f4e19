"""A list narrowed by what its measures are about keeps the cards whose subject it is, not those that name it only as
the outcome they serve: 03-04 (教育・学習分野におけるデータ連携の推進, 総務省) closes its overview with 「本件の推進により、
…基盤の構築に繋(つな)がり、生産性の向上や付加価値の高い人材育成に貢献する。」: it builds a data platform for schools and
trains nobody, so it is no 人材育成 measure, whether the list is asked at once (総務省 + 人材育成) or narrowed from
総務省's list (「その中で…」). The last clause of such a sentence (〜に貢献する, 〜に資する, 〜に寄与する, 〜につながる) is
the outcome; its earlier clauses still say what the measure does or meets (02-08 「5Gネットワークの進展等による技術革新に
対応するとともに、…自動運転の実現に寄与する」 is about 5G). And 「そのうちAじゃなくてBのは？」 keeps the B ones of the list;
「ほかに同じ…をKPIにしてる」 keeps the cards whose KPI cell is the one just answered.
Our own wordings; none is an evaluation turn."""

import pytest

from index.retrieve import confidence_label
from index.corpus import load_cards
from index.retrieve.card_words import CardWords, outcome_sentences
from tests.test_conversation_cases import T, assert_followed

MINISTRY_LEAD_MIC = ("03-04", "03-07", "03-09", "03-15", "05-30", "06-02", "06-03", "06-11", "07-01", "07-02",
                     "07-03", "07-05", "07-06", "07-08", "07-09", "07-10", "07-11")
MIC_TRAINING = ("06-02", "06-03", "06-11")  # 地域情報化アドバイザー, CYDER, サイバーセキュリティ人材育成基盤


@pytest.fixture(scope="module")
def cards():
    return {c.id: c for c in load_cards().cards}


def test_the_outcome_of_a_measure_is_the_last_clause_of_its_purpose_sentence(cards):
    assert outcome_sentences(cards["03-04"]) == ["生産性の向上や付加価値の高い人材育成に貢献する。"]
    assert outcome_sentences(cards["03-21"]) == ["支援金手続における被災者及び行政機関の負担軽減に寄与。"]
    assert outcome_sentences(cards["06-11"]) == []  # it says 人材育成 of what it does: 「…人材育成を推進する」


def test_words_said_only_in_the_outcome_are_passing_mentions(cards):
    table = CardWords.of([cards[i] for i in ("03-04", "02-08", "06-03")])
    training, driving, cyber = table.outcome
    assert {"人材", "育成"} <= training  # 03-04 says them nowhere else
    assert "5g" not in driving and "自動" not in driving  # said in the clause before, and in its points
    assert not cyber & {"人材", "育成"}  # 06-03 trains people: 「…対応能力を持つ人材育成が急務である」


CONVERSATIONS = {
    "a ministry's training measures, asked at once": [
        T("総務省がメインでやってる人材育成の施策をすべて", MIC_TRAINING),
    ],
    "a ministry's list narrowed to training": [
        T("総務省が主担当の施策を全部", MINISTRY_LEAD_MIC),
        T("この中で人材育成の取組はどれ？", MIC_TRAINING),
        T("1つ目の効果KPIは？", "06-02", "600団体"),
    ],
}


@pytest.mark.parametrize("name", list(CONVERSATIONS))
def test_a_list_by_subject_leaves_out_a_card_that_only_contributes_to_it(retriever, name):
    assert_followed(retriever, CONVERSATIONS[name])


# 「AじゃなくてB」 inside a list asks for B; A is said only to set it apart (a card of B may say A too: 07-09's 地域の
# 学び合う場 is there because 小学校 teaches programming). With nothing the cards say after the negation, A is taken out.
NOT_THIS_BUT_THAT = {
    "not A but B: the ones B names": [
        T("プログラミング教育の施策を全部", ("06-09", "07-09")),
        T("この中で学校ではなく地域でやっているのは？", "07-09"),
    ],
    "not A but B: whom B says it is for": [
        T("文部科学省が主担当の施策を全部", ("03-01", "03-03", "03-05", "03-06", "06-07", "06-08", "06-09", "06-10")),
        T("そのうち大学じゃなくて小中学校向けのは？", ("03-01", "03-03", "03-05", "03-06", "06-09")),
    ],
}


@pytest.mark.parametrize("name", list(NOT_THIS_BUT_THAT))
def test_not_this_but_that_keeps_the_ones_named_after_the_negation(retriever, name):
    assert_followed(retriever, NOT_THIS_BUT_THAT[name])


def test_not_this_but_that_is_as_sure_in_its_heading_as_on_its_cards(retriever):
    # the card 地域 picks is chosen by the list's own text, each card marked 高; the search for the whole sentence is
    # far less sure (低), and the heading's 確からしさ is the cards', not that search's
    from tests.test_chat_agrees_with_search import chat

    _, part = chat(retriever, "プログラミング教育の施策を全部", "この中で学校じゃなくて地域でやってるほうは？")
    assert [h.card.id for h in part.answers] == ["07-09"]
    assert part.level == "高" == confidence_label(part.answers[0].confidence)


# 「ほかに同じ…をKPIにしてる施策は？」 after one card: the cards whose KPI cell is written as that card's (the cell that
# holds the words said before KPI), not each that mentions a 説明会: 03-21 counts another one (支援金手続に関する説明会).
SAME_KPI = {
    "the same KPI cell as the card just answered": [
        T("罹災証明書をコンビニで受け取れるようにする施策は？", "03-18"),
        T("ほかに同じ説明会の参加団体数を指標にしている施策は？", ("03-19", "03-20"), "説明会"),
    ],
}


@pytest.mark.parametrize("name", list(SAME_KPI))
def test_the_same_kpi_is_the_same_cell(retriever, name):
    assert_followed(retriever, SAME_KPI[name])
