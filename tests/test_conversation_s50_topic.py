"""Topic lists that open a conversation (session 50): where the topic is what is done in a setting (「災害のとき…情報を
共有する仕組み」: sharing information in a disaster), the cards the table names by the setting's other word (被災者,
glossary.TOPIC_KIN of 災害) count only where they say what is done too; a topic that is the setting itself still
takes them. Our own wordings on the bundled table; none is a blind set's turn."""

import pytest

from index.assist import ask

DISASTER_SHARING = ("03-16", "03-17")
VICTIMS = ("03-19", "03-20", "03-21")

LISTS = {
    "information shared in a disaster: not the victims' measures": (
        "災害が起きた際に関係機関が情報を共有する仕組みの施策を全部教えて", DISASTER_SHARING, VICTIMS),
    "disasters themselves: the victims' measures are the table's other word for them": (
        "災害に関する施策を全部教えて", DISASTER_SHARING + VICTIMS, ()),
    "maps or positions: the polygon data named by the map's other word stays": (
        "地図とか位置情報の施策を全部", ("03-42", "05-32", "05-33"), ()),
    "people with disabilities or the elderly: an enumerated item is no setting of the other": (
        "障害のある方や高齢者向けの施策を全部", ("07-05", "07-06", "07-08"), ()),
}


@pytest.mark.parametrize("name", list(LISTS))
def test_topic_list_counts_its_subject(retriever, name):
    question, counted, left = LISTS[name]
    got = [h.card.id for h in ask(retriever, question).answers]
    assert set(counted) <= set(got), f"{question!r}: counted {got}, expected {list(counted)} among them"
    assert not set(left) & set(got), f"{question!r}: counted {got}, not {list(left)}"


# 「AのB」 is B of A's kind: a card that says A but never B is about A at large (03-01 1人1台端末 is for children)
QUALIFIED = {
    "children's programming is programming": ("子どものプログラミングの施策を一覧で", ("06-09", "07-09")),
    "schoolchildren's programming, said with 小学生": ("小学生のプログラミングに関係する施策を全部", ("06-09", "07-09")),
    "a head one card says is no subject of its own: the mobile signal stays the mobile cards": (
        "携帯の電波が届かない場所をなくす施策を全部", ("07-02", "07-03")),
}


@pytest.mark.parametrize("name", list(QUALIFIED))
def test_a_qualified_topic_lists_what_it_qualifies(retriever, name):
    question, expected = QUALIFIED[name]
    got = [h.card.id for h in ask(retriever, question).answers]
    assert sorted(got) == sorted(expected), f"{question!r}: counted {got}, expected {list(expected)}"


# A word a card says only in a bracket listing examples by the way (05-31 土地情報 「(不動産登記簿、…、農地台帳、林地台帳等)」)
# is not what the card is about
FARMLAND = ("03-42", "05-32")
ASIDES = {
    "farmland, said plainly": "農地に関する施策を全部",
    "farmland as a kind of subject": "農地関係の施策をぜんぶ",
    "farmland's parcels and public information": "農地の区画データや農地情報の公開に関する施策を全部",
}


@pytest.mark.parametrize("name", list(ASIDES))
def test_a_word_only_in_a_bracketed_list_of_examples_is_no_subject(retriever, name):
    question = ASIDES[name]
    got = [h.card.id for h in ask(retriever, question).answers]
    assert sorted(got) == list(FARMLAND), f"{question!r}: counted {got}, expected {list(FARMLAND)}"


def test_a_thing_qualified_by_の_is_still_its_subject(retriever):
    """「通信インフラの格差」: 格差 is a state of the network, no activity done for it; every rural network card counts,
    those that never say 格差 too."""
    question = "通信インフラの格差を解消する施策を全部"
    got = [h.card.id for h in ask(retriever, question).answers]
    assert {"07-01", "07-02", "07-03", "07-04"} <= set(got), f"{question!r}: counted {got}"
