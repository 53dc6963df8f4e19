"""Which cards a topic list, or a topic restriction over a list, holds (session 53). Our own wordings on the bundled
table; none is a blind set's turn.

A word a card says only as one of several things it lists by the way (an aside: 「各種台帳等(不動産登記簿、…、農地台帳、
林地台帳等)」, or a run of three or more quoted names, 「「セキュリティ領域」、「データサイエンス領域」、「アジャイル領域」及び
「IoTソリューション領域」」) does not make the card say the list's topic (Retriever._stated_texts, read by
decide.topic_held): 06-04 IT人材スキル標準 is no cyber-security training measure, 05-31 土地情報連携 no farmland one; a
loanword is looked for as the table spells it (セキュリティ, not the analyser's セキュリティー); a topic that enumerates a
part no word names (データ of 「IT・セキュリティ・データ系」) is not checked word by word (Retriever._part_unnamed). An
English list counts the cards named by its topic's table term (decide.named_in_topic), and an English restriction
keeps the cards that state its topic where a card states its subject (assist._states_topic)."""

import pytest

from index.assist import ask


def _counted(retriever, question: str) -> list[str]:
    return sorted(h.card.id for h in ask(retriever, question).answers)


SECURITY_TRAINING = ("06-01", "06-03", "06-05", "06-06", "06-11")
SECURITY_WORDINGS = {
    "polite, 網羅的": "サイバーセキュリティ分野の人材育成に取り組む施策を網羅的にお示しください。",
    "casual": "セキュリティ人材育てるやつ全部おしえて",
    "all of them, with 関係": "サイバーセキュリティ人材の育成関係の施策を一覧で",
}


@pytest.mark.parametrize("name", list(SECURITY_WORDINGS))
def test_a_word_one_of_several_quoted_areas_is_no_topic(retriever, name):
    question = SECURITY_WORDINGS[name]
    got = _counted(retriever, question)
    assert got == list(SECURITY_TRAINING), f"{question!r}: counted {got}, expected {list(SECURITY_TRAINING)}"


FARMLAND = ("03-42", "05-32")
FARMLAND_WORDINGS = {
    "plain": "農地の情報を扱う施策を全部",
    "polite": "農地の区画や貸借に関する情報を取り扱う施策をすべて教えていただけますか。",
    "casual": "農地の区画とか貸し借りの情報のやつ全部ちょうだい",
}


@pytest.mark.parametrize("name", list(FARMLAND_WORDINGS))
def test_a_word_said_in_a_bracket_of_examples_is_no_topic(retriever, name):
    question = FARMLAND_WORDINGS[name]
    got = _counted(retriever, question)
    assert "05-31" not in got and set(FARMLAND) <= set(got), f"{question!r}: counted {got}, expected {list(FARMLAND)}"


# An English restriction keeps the cards that state its topic where a card states its subject: its name or the first
# point of its 課題・取組概要 (03-01 「…義務教育段階の児童生徒1人1台端末…」, 03-03 「…個人の教育データ…」), not only its
# name (03-02 ICTを活用した教育サービス), and still not a card that says it only further on or in a KPI (07-06's
# 通信・放送役務 after a list of 総務省's measures)
CABINET_SECRETARIAT_NOT_LEAD = ("02-10", "03-01", "03-02", "03-03", "03-11", "03-18", "03-43", "03-44", "05-32",
                                "05-36")
EDUCATION = ("03-01", "03-02", "03-03")
EDUCATION_FILTERS = {
    "education-related": "Which of them are related to education?",
    "about schools": "Of these, which ones are about schools?",
    "deal with education": "Which of those deal with education?",
}


@pytest.mark.parametrize("name", list(EDUCATION_FILTERS))
def test_an_english_restriction_reads_where_a_card_states_its_subject(retriever, name):
    from index.conversation import Conversation

    first = ask(retriever, "List every measure the Cabinet Secretariat (内閣官房) takes part in without leading it.",
                Conversation())
    assert sorted(h.card.id for h in first.answers) == list(CABINET_SECRETARIAT_NOT_LEAD)
    question = EDUCATION_FILTERS[name]
    got = sorted(h.card.id for h in ask(retriever, question, first.conversation).answers)
    assert got == list(EDUCATION), f"{question!r}: counted {got}, expected {list(EDUCATION)}"


# An English topic list counts the cards named by its topic as a Japanese one does (decide.named_in_topic): by the
# table's term for its words (disabilities → 障害: 02-09 視覚障害者、高齢者等の移動支援システム, about traffic signals);
# not by that term's other words (glossary.topic_kin: 災害 → 被災者), which an English topic saying more ("sharing …
# information") would take whole (03-18 … 03-21, the 被災者 procedures)
ENGLISH_NAMED = {
    "disabled people, plain": ("Which measures are for disabled people? List them all.",
                               ("02-09", "07-06", "07-07", "07-11")),
    "disabilities, polite": ("Could you list every measure aimed at persons with disabilities?",
                             ("02-09", "07-06", "07-07", "07-11")),
    "disaster information shared": ("List every measure for sharing disaster information between agencies.",
                                    ("03-16", "03-17")),
}


@pytest.mark.parametrize("name", list(ENGLISH_NAMED))
def test_an_english_list_counts_the_cards_named_by_its_topic(retriever, name):
    question, wanted = ENGLISH_NAMED[name]
    got = _counted(retriever, question)
    assert set(wanted) <= set(got) and len(got) <= len(wanted) + 1, f"{question!r}: counted {got}, expected {wanted}"


# A topic that enumerates a part too many cards hold to name a subject (データ, 「IT・セキュリティ・データ系」) is not
# checked word by word (Retriever._part_unnamed): its data and IT cards say no セキュリティ and are still its measures
HUMAN_RESOURCES = tuple(f"06-{n:02d}" for n in range(1, 12))
ENUMERATED_PARTS = {
    "dotted": "IT・セキュリティ・データ系の人材育成の施策を全部",
    "や": "セキュリティやデータ関係の人材を育てる施策、全部",
}


@pytest.mark.parametrize("name", list(ENUMERATED_PARTS))
def test_a_part_without_a_subject_word_keeps_its_cards(retriever, name):
    question = ENUMERATED_PARTS[name]
    got = _counted(retriever, question)
    assert got == list(HUMAN_RESOURCES), f"{question!r}: counted {got}, expected {list(HUMAN_RESOURCES)}"


def test_an_english_restriction_reads_a_card_s_kpis_too(retriever):
    """02-07 says 自動運転 in its KPI (「自動運転車が必要とする交通規制情報の提供及び管理の実現」), 02-08 in its first
    point: both are the police's self-driving measures."""
    from index.conversation import Conversation

    first = ask(retriever, "Which measures does the National Police Agency lead? List them all.", Conversation())
    assert {"02-07", "02-08"} <= {h.card.id for h in first.answers}
    for question in ("Of those, which relate to autonomous driving?", "Which of these are about self-driving cars?"):
        got = sorted(h.card.id for h in ask(retriever, question, first.conversation).answers)
        assert got == ["02-07", "02-08"], f"{question!r}: counted {got}"
