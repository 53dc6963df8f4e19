"""How many cards answer a question that does not say 全部 (session 56). Two cards that each hold the topic, rated apart
from the rest (the first ≥ 0.9, the second 0.45-0.6, every later card under half the second), are what a topic
question asks for (「携帯電話がつながらない場所をなくす施策」: 07-02 and 07-03). The chat answers the first only:
SearchResult.answers counts a second card from ALSO_ANSWER_CONFIDENCE (0.6). A rule on the ratings alone (a second card
from 0.45 where the first is ≥ 0.9 and the rest under half of it) fixed 7 openings of the tuning writers and lost 2,
but also counts 03-09 beside 03-14 in 「画面越しでお医者さんにみてもらえるやつってある？」 and 02-10 beside 03-43 in
「港湾物流のサイバーポートについて教えてください」, whose ratings fall the same way (0.95/0.46/0.03, 1.0/0.55/0.0): the
ratings cannot tell them apart; which of the question's words each card holds (its name, first point) must. Kept
here as known misses (strict: they show when a fix counts the pair), with the one-measure questions that such a fix
must keep single. Our own wordings (casual, kana, polite); none is a blind set's turn."""

import pytest

from index.assist import answer_text, ask
from index.conversation import Conversation
from tests.test_conversation_cases import T, assert_followed

COUNTED = {  # rated as a list already (07-03 0.79 beside 07-02 0.91)
    "mobile coverage asked in kana": [
        T("けいたい の でんぱ が とどかない ところ を なくす しさく は どれ", ("07-02", "07-03")),
    ],
}

PAIRS = {
    "mobile coverage asked politely": [
        T("携帯の電波が届かないところをなくす取り組みを教えてください", ("07-02", "07-03")),
    ],
    "land and real-estate data linked, asked casually": [
        T("登記とか不動産のデータをつなぐやつある？", ("05-31", "05-34")),
    ],
    "education data standardised and linked, asked politely": [
        T("教育データを標準化したり連携したりする施策はありますか", ("03-03", "03-04")),
    ],
}


@pytest.mark.parametrize("name", list(COUNTED))
def test_a_pair_rated_alike_answers_together(retriever, name):
    assert_followed(retriever, COUNTED[name])


@pytest.mark.xfail(strict=True, reason="a second card rated 0.45-0.6 is not counted (ALSO_ANSWER_CONFIDENCE 0.6)")
@pytest.mark.parametrize("name", list(PAIRS))
def test_a_pair_apart_from_the_rest_answers_together(retriever, name):
    assert_followed(retriever, PAIRS[name])


@pytest.mark.parametrize("q, card", [
    ("せきゅりてぃきゃんぷって国がやってるの？", "06-05"),  # a program's own name: its card
    ("画面越しでお医者さんにみてもらえるやつってある？", "03-14"),  # 03-09 rated 0.46, the rest ≤ 0.04
    ("港湾物流のサイバーポートについて教えてください", "03-43"),  # 02-10 rated 0.55, the rest 0.0
])
def test_one_measure_asked_keeps_one_answer(retriever, q, card):
    a = ask(retriever, q, Conversation())
    assert [h.card.id for h in a.answers] == [card], answer_text(a, related=False)
