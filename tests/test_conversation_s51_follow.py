"""Session 51 follow-ups that are not a wrong list: 「同じ省」, 「その省」 and "the same ministry" with ほかに name the lead
ministry of the card just answered, the role words after it (が主担当) saying the role, not a field asked of that card;
「もうひとつのほう」 after a list of two, one of which was talked about before, is the other; a topic-switch word
(ところで, 話は変わりますが) followed by a field and nothing named asks that field of the cards just answered; 「KPIが
未設定」 unquoted is the word the table writes in a cell, not a blank cell (「まだ決まってない」 asks for both); 「その中で
総務省が担当しているのは」 is the ministry in charge (◎), as a list question reads 担当; "they" beside "the … one" are the
people who run that card, not the list. Our own wordings on the bundled table; none is a blind set's turn."""

import pytest

from index.assist import _field_rest
from index.conversation import SAME_MINISTRY, Conversation, Turn, follow_up
from tests.test_conversation_cases import T, assert_followed

WRITTEN_UNSET = ("02-05", "02-10", "04-01")  # a KPI cell that says 未設定
BLANK = ("05-35", "05-36")  # both KPI cells empty

CONVERSATIONS = {
    "ほかに同じ省が主担当: the lead of the card just answered, more of its measures": [
        T("森林クラウドの施策は？", "03-41"),
        T("ほかに同じ省が主担当の施策はありますか", ("03-42", "05-32"), "農林水産省"),
        T("2つ目は何のシステム？", "05-32", "農地情報公開システム"),
    ],
    "その省が…ほかに: the same, said with a determiner": [
        T("森林クラウドの施策は？", "03-41"),
        T("その省が主担当になってる施策、ほかにどれがある？", ("03-42", "05-32")),
    ],
    "the same ministry, in English": [
        T("Is there a measure on forest cloud systems?", "03-41"),
        T("Are there other measures led by the same ministry?", ("03-42", "05-32")),
    ],
    "もう片方 after a list of two, one of which was asked about first": [
        T("自治体のホームページのJIS X 8341-3の施策はある？", "07-06"),
        T("アクセシビリティが名前に入ってる施策を全部", ("07-05", "07-06")),
        T("もう片方のKPIは？", "07-05"),
    ],
    "ところで and a field alone: the card just answered": [
        T("PHRの施策はありますか", "03-07"),
        T("話は変わりますが、予算はどのくらいですか", "03-07", "03-07"),
    ],
    "KPIが未設定: the word the cells write, then both cells so": [
        T("KPIが未設定になってる施策を全部", WRITTEN_UNSET),
        T("そのうち進捗も効果も両方未設定なのは？", "04-01"),
    ],
    "その中で総務省が担当: the ministry in charge, its ◎ (06-01 lists 総務省 under 内閣官房's ◎)": [
        T("人材育成の施策をすべて挙げて", ("03-01", "03-02", "03-04") + tuple(f"06-{n:02d}" for n in range(1, 12))),
        T("その中で総務省が担当しているものは？", ("03-04", "06-02", "06-03", "06-11")),
    ],
    "they who run it, and the one the list holds picked by its description": [
        T("Which measures are about automated driving?", ("02-07", "02-08")),
        T("When do they start the trials for the traffic control one?", "02-08"),
    ],
    "an ordinal, then a field typed in kana that begins with the sound of a particle (も of もくひょう)": [
        T("アクセシビリティが名前に入ってる施策を全部", ("07-05", "07-06")),
        T("それぞれ たんとうは", ("07-05", "07-06"), "総務省"),
        T("2つめの もくひょうは", "07-06", "77%"),
    ],
    "KPIがまだ決まってない: 未設定 or blank": [
        T("KPIがまだ決まってない施策を全部", WRITTEN_UNSET + BLANK),
    ],
}


@pytest.mark.parametrize("name", list(CONVERSATIONS))
def test_a_follow_up_is_followed_turn_by_turn(retriever, name):
    assert_followed(retriever, CONVERSATIONS[name])


ONE_CARD = Conversation((Turn("PHRの施策は？", ("03-07",)),))


@pytest.mark.parametrize("q", ["ところで、担当は？", "話は変わりますが、予算はいくらですか", "Off topic - who leads it?"])
def test_a_switch_word_and_a_field_alone_keep_the_card(q):
    assert follow_up(q, ONE_CARD, _field_rest).ids == ("03-07",)


@pytest.mark.parametrize("q", ["話は変わりますが、一番期限が早い施策は？", "ところで、予算がついている施策は？",
                               "ところで、KPIが未設定になっている施策は？", "話変わるけど国交省が主担当の施策全部",
                               "By the way, which measures have a budget?"])
def test_a_switch_word_before_measures_asked_is_a_new_question(q):
    assert follow_up(q, ONE_CARD, _field_rest).kind == "switch"


@pytest.mark.parametrize("q, same", [("ほかに同じ省が主担当の施策は？", True), ("その省庁のほかの施策は？", True),
                                     ("Are there other measures led by the same ministry?", True),
                                     ("その省以外が主担当の施策はほかにある？", False), ("どの省が主担当？", False)])
def test_the_same_ministry_is_said_by_a_determiner_and_its_noun(q, same):
    assert bool(SAME_MINISTRY.search(q)) is same


def test_the_other_of_two_is_said_in_english_too(retriever):
    """The note on how "the other one" was read is the chat's own English, not a half-translated Japanese note."""
    from tests.test_conversation_cases import play

    turns = [T("Is there a measure on JIS X 8341-3 for local government websites?", "07-06"),
             T("List all measures with アクセシビリティ in their name.", ("07-05", "07-06")),
             T("What is the other one's KPI?", "07-05")]
    *_, (_, last) = play(retriever, turns)
    assert [h.card.id for h in last.answers] == ["07-05"]
    assert any("the one of the last two measures not discussed yet (07-05)" in n for n in last.notes), last.notes
