"""Negation over the answer just given, as one operator whatever the restriction is about: the lead ministry, a
ministry taking part, a topic or a kind. A relation can be denied as well as a thing (「医療と関係ないのは」,
「災害と無関係なのは」), and English negates with a verb or a preposition ("not led by METI", "which aren't about
ports", "don't involve MIC", "not port-related") as well as with "other than". Each wording here is our own."""

import pytest

from index.assist import field_asked, negated_words
from tests.test_conversation_cases import MINISTRY_LEAD_CAO, MINISTRY_LEAD_MHLW, MINISTRY_LEAD_MLIT, T, assert_followed

CYBER_TRAINING = ("06-01", "06-03", "06-05", "06-06", "06-11")  # not 06-04 (ITSS+): decide.topic_held

CONVERSATIONS = {
    "a relation denied: the one card of 厚労省's that is not about medicine": [
        T("厚生労働省が主担当の施策を全部", MINISTRY_LEAD_MHLW),
        # 03-13 (レセプト・健診情報…) is medical by the glossary's table term レセプト, though its text never says 医療
        T("その中で医療に関係のないものは？", "03-21", "被災者生活再建支援金"),
    ],
    "a relation denied, その中 unsaid": [
        T("内閣府が主担当の施策を全部", MINISTRY_LEAD_CAO),
        T("災害と無関係なのは？", ("03-11", "03-45", "07-04")),
    ],
    "a field denied: the complement of the cards named by it": [
        T("国土交通省が主担当の施策を全部", MINISTRY_LEAD_MLIT),
        # 03-43 サイバーポートの整備(港湾物流分野) is in the field by name; 02-10 only mentions it on the way
        T("その中で物流分野以外のものは？", ("02-10", "03-44", "05-33", "05-34")),
    ],
    "a thing taken out with a verb, その中 unsaid": [
        T("国土交通省が主担当の施策を全部", MINISTRY_LEAD_MLIT),
        T("港湾を外すと？", ("05-33", "05-34")),
    ],
    "English: a topic denied with a preposition": [
        T("国土交通省が主担当の施策を全部", MINISTRY_LEAD_MLIT),
        T("Which of them are not about ports?", ("05-33", "05-34")),
    ],
    "English: a topic denied as an adjective": [
        T("国土交通省が主担当の施策を全部", MINISTRY_LEAD_MLIT),
        T("Which ones are not port-related?", ("05-33", "05-34")),
    ],
    "English: what is left out, その中 unsaid": [
        T("国土交通省が主担当の施策を全部", MINISTRY_LEAD_MLIT),
        T("Other than the port ones?", ("05-33", "05-34")),
    ],
}


@pytest.mark.parametrize("name", list(CONVERSATIONS))
def test_a_negated_restriction_is_followed(retriever, name):
    assert_followed(retriever, CONVERSATIONS[name])


@pytest.mark.parametrize("said, lead, ministry", [("Which of them are not led by METI?", True, "経済産業省"),
                                                  ("Which ones does METI not lead?", True, "経済産業省"),
                                                  ("Which ones don't involve MIC?", False, "総務省"),
                                                  ("Which ones is MIC not involved in?", False, "総務省"),
                                                  ("Of those, the ones without MIC?", False, "総務省"),
                                                  ("そのうち経産省抜きのは？", False, "経済産業省"),
                                                  ("経産省がノータッチなのは？", False, "経済産業省")])
def test_a_negated_ministry_keeps_the_listed_cards_without_it(retriever, cards, said, lead, ministry):
    """"not led by" asks about the lead (◎), "don't involve", "without", 〜抜き and ノータッチ about the 府省庁名: the
    listed cards without the ministry there, never cards from outside the list."""
    without = tuple(c.id for c in cards if c.id in CYBER_TRAINING and ministry not in (
        c.lead_ministries if lead else tuple(m.name for m in c.ministries)))
    assert 0 < len(without) < len(CYBER_TRAINING)
    assert_followed(retriever, [T("サイバーセキュリティ人材を育てる施策を全部", CYBER_TRAINING), T(said, without)])


@pytest.mark.parametrize("text, words", [("医療と関係ないのは？", "医療"), ("災害に関わりのないもの", "災害"),
                                         ("港湾と無関係なのは", "港湾"), ("教育に関係していないやつ", "教育"),
                                         ("災害に関係しないのは", "災害"), ("港湾を外すと？", "港湾"),
                                         ("港湾は抜いて", "港湾"), ("港湾を含まないもの", "港湾"),
                                         ("Which of them are not led by MIC?", "MIC"),
                                         ("Which aren't about ports?", "ports"),
                                         ("the ones that don't involve METI", "METI"),
                                         ("Which of those does MEXT not lead?", "MEXT"),
                                         ("the ones the Digital Agency isn't part of", "Digital Agency")])
def test_what_a_negation_leaves_out(text, words):
    negated, rest = negated_words(text)
    assert negated == words and words not in rest


@pytest.mark.parametrize("text", ["関係ないけど、テレワークの施策は？", "話は関係ないんですが、ドローンの施策はある？",
                                  "港湾の施策を抜き出して", "Which ones are without a KPI target?"])
def test_an_aside_is_no_negation(text):
    """「関係ないけど」 opens another subject, 「抜き出して」 asks for a list, "without a KPI target" asks about a cell
    (which the KPI questions read): none of them leaves a topic out."""
    assert negated_words(text) is None


def test_a_position_past_the_end_is_said_as_asked(retriever):
    """Past the end of the list there is no card; counted from the end, the answer says so as the person counted."""
    from index.assist import Conversation, answer_text, ask

    listed = ask(retriever, "港湾の施策を全部", Conversation())
    assert [h.card.id for h in listed.answers] == ["02-10", "03-43", "03-44"]
    conv = listed.conversation
    for said, told in [("4つ目は？", "4 番目の施策はありません"), ("最後から5番目は？", "最後から 5 番目の施策はありません"),
                       ("And the fourth one?", "no measure number 4"),
                       ("the fifth from the end?", "no measure number 5 from the end")]:
        a = ask(retriever, said, conv)
        assert not a.answers and told in answer_text(a), answer_text(a)
    # within the list, counted from the end in English as in Japanese
    for said, card in [("the second to last one?", "03-43"), ("the third from the end?", "02-10"), ("最後から2番目は？", "03-43")]:
        assert [h.card.id for h in ask(retriever, said, conv).answers] == [card], said


@pytest.mark.parametrize("said", ["本題とは関係ないのですが、そのうち内閣官房が入ってるのは？",
                                  "前置き抜きで聞くけど、そのうち内閣官房が入ってるのは？"])
def test_an_aside_before_a_restriction_leaves_it_as_asked(retriever, said):
    """A preface (「本題とは関係ないのですが」, 「前置き抜きで」) says nothing about the cards: the restriction after it
    keeps the cards it keeps when asked plainly, not their complement."""
    from index.assist import Conversation, ask

    listed = ask(retriever, "内閣府の施策を全部", Conversation())
    plain = ask(retriever, "そのうち内閣官房が入ってるのは？", listed.conversation)
    assert [h.card.id for h in ask(retriever, said, listed.conversation).answers] == [h.card.id for h in plain.answers]


def test_a_status_or_a_kind_of_target_is_no_negation(retriever):
    """"not on track" asks how a measure is doing and "without a numeric target" about a KPI cell: neither leaves a
    card out by a word, so no card of MAFF's goes for holding "track" or "numeric"."""
    from index.assist import Conversation, ask

    listed = ask(retriever, "Which measures are led by MAFF?", Conversation())
    assert [h.card.id for h in listed.answers] == ["03-41", "03-42", "05-32"]
    assert negated_words("Which of them are not on track?") is None
    assert negated_words("Which ones are without a numeric target?") is None
    assert field_asked("Which one is targeted at researchers?") is None  # an audience, not the KPI
    # a word ending in -est is no superlative: "forest" picks the one card about forests
    picked = ask(retriever, "Which one is for forest management — who leads it?", listed.conversation)
    assert [h.card.id for h in picked.answers] == ["03-41"]
