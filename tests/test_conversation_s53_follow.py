"""Session 53 follow-ups that name a list of the conversation and a part or a card of it: "the full list", "your
first list", "that full list" and 「さいしょのりすと」 are the list as first given (before その中 narrowed it), and a card
picked from it by its place makes it the list being discussed again ("that list" next is it, and "the other ones on
that list" are its cards but the one just picked); 「最初の4件の残り2件」, "the two left over from the first list" and
「残る4件」 are the cards of the named list that the narrowing left out; 「うち、…」 opening a question is その中.
Our own wordings on the bundled table; none is a blind set's turn."""

import pytest

from index.assist import _field_rest
from index.conversation import Conversation, Turn, follow_up
from tests.test_conversation_cases import MINISTRY_LEAD_CAO, MINISTRY_LEAD_NPA, T, assert_followed

CO_LED_WITH_CAS = ("03-19", "03-20", "03-21")  # 内閣府's cards where 内閣官房 is a lead too
# 内閣府's list, narrowed to those co-led with 内閣官房, and the 2nd of that part picked
NARROWED = Conversation((Turn("内閣府が主担当の施策", MINISTRY_LEAD_CAO),
                         Turn("そのうち内閣官房も◎のは", CO_LED_WITH_CAS, parent=MINISTRY_LEAD_CAO),
                         Turn("2つ目は", ("03-20",), listing=CO_LED_WITH_CAS, given=CO_LED_WITH_CAS + ("03-20",),
                              parent=MINISTRY_LEAD_CAO)))


@pytest.mark.parametrize("q, pick", [
    ("Going back to the full list, what does the fourth item cover?", "03-18"),
    ("The last item in your first list — is that the Okinawa one?", "07-04"),
    ("And the last item on that full list?", "07-04"),
    ("what's number two on the whole list?", "03-16"),
    ("In the entire list, what's the third one?", "03-17"),
    ("On the original list, the second item?", "03-16"),
    ("さいしょのりすとのいちばんしたのやつなに", "07-04"),
    ("もとのりすとの2こめは", "03-16"),
    ("最初のリストの一番下のは？", "07-04"),
    ("当初の一覧で5番目に当たる施策の担当は。", "03-19"),
])
def test_a_place_in_the_list_as_first_given(q, pick):
    fu = follow_up(q, NARROWED, _field_rest)
    assert (fu.kind, fu.ids) == ("ordinal", (pick,))


@pytest.mark.parametrize("q", ["いちばんしたのやつは", "いちばんうえのやつのKPIは"])
def test_a_place_in_kana_is_counted_in_the_list_being_discussed(q):
    fu = follow_up(q, NARROWED, _field_rest)
    assert fu.kind == "ordinal" and fu.ids == (CO_LED_WITH_CAS[-1] if "した" in q else CO_LED_WITH_CAS[0],)


@pytest.mark.parametrize("q", ["いちばんしたいことは何？", "一番下手な施策は？"])
def test_words_that_hold_a_place_word_are_no_place(q):
    assert follow_up(q, NARROWED, _field_rest).kind != "ordinal"


FOUR = ("03-18", "03-19", "03-20", "03-21")  # a list of four, narrowed to two and each of them picked
TWO_OF_FOUR = Conversation((Turn("被災者支援の施策を全部", FOUR),
                            Turn("うちマイナポータル関係は", ("03-20", "03-21"), parent=FOUR),
                            Turn("1つ目は", ("03-20",), listing=("03-20", "03-21"), given=("03-20", "03-21"),
                                 parent=FOUR),
                            Turn("2つ目は", ("03-21",), listing=("03-20", "03-21"), given=("03-20", "03-21"),
                                 parent=FOUR)))


@pytest.mark.parametrize("q", ["最初の4件の残り2件、KPI進捗は同じ？", "最初の4件のうち残りの2件の担当は？",
                               "For the two left over from the first list, what are the progress KPIs?",
                               "the leftover ones from the first list — who leads them?",
                               "残る2件の主担当をそれぞれお示しください。", "のこりの2けんのたんとうは"])
def test_the_rest_of_a_named_list_is_what_the_narrowing_left_out(q):
    fu = follow_up(q, TWO_OF_FOUR, _field_rest)
    assert set(fu.ids) == {"03-18", "03-19"}, fu


@pytest.mark.parametrize("q", ["うち、マイナポータル絡みは。", "うち、総務省が主担当となっているものは。", "うち 数値目標のあるものは？"])
def test_uchi_opening_a_question_is_among_the_list(q):
    fu = follow_up(q, Conversation((Turn("被災者支援の施策を全部", FOUR),)), _field_rest)
    assert (fu.kind, fu.ids) == ("set", FOUR)


CONVERSATIONS = {
    "a card picked from the first list makes it the list again": [
        T("内閣府が主担当の施策を全部", MINISTRY_LEAD_CAO),
        T("そのうち内閣官房も主担当になっているのは？", CO_LED_WITH_CAS),
        T("The last item in your first list — what is it?", "07-04", "沖縄"),
        T("What's its target figure?", "07-04", "42.86%"),
        T("And the very first item in that list?", "03-11"),
    ],
    "back to the full list, then the other ones on it": [
        T("警察庁が主担当の施策を全部", MINISTRY_LEAD_NPA),
        T("そのうち自動運転に関係するものは？", ("02-07", "02-08")),
        T("going back to the full list, what's number one?", "02-05"),
        T("for the other ones on that list, who leads them?", ("02-06", "02-07", "02-08", "02-09")),
    ],
    "kana: the bottom of the first list": [
        T("けいさつちょうがしゅたんとうのやつぜんぶ", MINISTRY_LEAD_NPA),
        T("そのなかでじどううんてんのやつ", ("02-07", "02-08")),
        T("さいしょのりすとのいちばんしたのやつなに", "02-09"),
    ],
    "the rest of the first list, its count said": [
        T("警察庁が主担当の施策を全部", MINISTRY_LEAD_NPA),
        T("そのうち自動運転に関係するものは？", ("02-07", "02-08")),
        T("2つ目のKPIは？", "02-08"),
        T("最初の5件の残り3件について、それぞれKPIを並べてください。", ("02-05", "02-06", "02-09")),
    ],
}


@pytest.mark.parametrize("name", list(CONVERSATIONS))
def test_a_conversation_is_followed_turn_by_turn(retriever, name):
    assert_followed(retriever, CONVERSATIONS[name])


PORTS = ("02-10", "03-43", "03-44")  # the port measures, each of them asked about


@pytest.mark.parametrize("q", ["各施策の府省庁を、主担当と関係に分けて整理してください", "それぞれの府省庁を整理してください",
                               "念のため、3件それぞれの主担当を並べてください。", "3けんそれぞれのしゅたんとうは",
                               "For each one, who's the lead and what other offices are named?",
                               "Who leads each of them, and which other bodies are listed on the card?"])
def test_each_of_the_list_however_the_answer_is_to_be_laid_out(q):
    fu = follow_up(q, Conversation((Turn("港湾のデジタル化の施策を全部", PORTS),)), _field_rest)
    assert fu.kind in ("set", "each") and fu.ids == PORTS


def test_each_of_the_list_after_one_of_it_was_picked():
    conv = Conversation((Turn("港湾のデジタル化の施策を全部", PORTS),
                         Turn("2番目の担当は", ("03-43",), listing=PORTS, given=("03-43",))))
    fu = follow_up("念のため、3件それぞれの主担当を並べてください。", conv, _field_rest)
    assert fu.ids == PORTS


CONVERSATIONS_EACH = {
    "who leads each of two, and the others named, then their KPIs": [
        T("Which measures deal with cross-border data flows?", ("05-35", "05-36")),
        T("For each one, who's the lead and what other offices are named?", ("05-35", "05-36"), "◎経済産業省"),
        T("And their KPIs?", ("05-35", "05-36")),
    ],
}


@pytest.mark.parametrize("name", list(CONVERSATIONS_EACH))
def test_each_is_followed_turn_by_turn(retriever, name):
    assert_followed(retriever, CONVERSATIONS_EACH[name])


MLIT_INVOLVED = ("02-10", "03-43", "03-44", "04-02", "04-03", "05-31", "05-33", "05-34", "07-07")
MLIT_NOT_LEAD = ("04-02", "04-03", "05-31", "07-07")
CONVERSATIONS_PICK = {
    "a card picked by place and a word, then described again by another of its words": [
        T("国土交通省が関わっている施策を、主担当以外も含めて全部", MLIT_INVOLVED),
        T("そのうち国交省が主担当でないのは？", MLIT_NOT_LEAD),
        T("2つ目のテレワークのやつの担当は？", "04-03"),
        T("国家公務員の方の期限って？", "04-03", "令和7年度"),
    ],
    "two descriptions of two cards still contrast": [
        T("国土交通省が関わっている施策を、主担当以外も含めて全部", MLIT_INVOLVED),
        T("そのうち国交省が主担当でないのは？", MLIT_NOT_LEAD),
        T("ドローンのほうの主担当は？", "04-02"),
        T("テレワークのほうは？", "04-03"),
    ],
}


@pytest.mark.parametrize("name", list(CONVERSATIONS_PICK))
def test_a_description_is_followed_turn_by_turn(retriever, name):
    assert_followed(retriever, CONVERSATIONS_PICK[name])


SECURITY_PEOPLE = ("06-01", "06-03", "06-05", "06-06", "06-11")  # a list of five, narrowed to MIC's two, one picked
MIC_TWO = ("06-03", "06-11")
PART_PICKED = Conversation((Turn("セキュリティ人材", SECURITY_PEOPLE),
                            Turn("そのなかで総務省のは", MIC_TWO, parent=SECURITY_PEOPLE),
                            Turn("2こめのせいしきめいしょう", ("06-11",), listing=MIC_TWO, given=MIC_TWO + ("06-11",),
                                 parent=SECURITY_PEOPLE)))


@pytest.mark.parametrize("q", ["のこりのやつのkpiおしえて", "残りのKPIは？", "残りのものの主担当はどこですか。", "the rest — their KPIs?",
                               "What about the remaining ones?", "and the others?"])
def test_the_rest_without_a_count_after_a_pick_from_a_part_is_what_the_part_left_out(q):
    fu = follow_up(q, PART_PICKED, _field_rest)
    assert set(fu.ids) == {"06-01", "06-05", "06-06"}, fu


@pytest.mark.parametrize("q, left", [("残りの1件のKPIは？", ("06-03",)), ("もう一方は？", ("06-03",)),
                                     ("残りの3件のKPIは？", ("06-01", "06-05", "06-06")),
                                     ("And for the remaining one?", ("06-03",)), ("the other three — who leads them?",
                                                                                 ("06-01", "06-05", "06-06"))])
def test_a_count_said_chooses_the_rest_of_the_part_or_of_the_list(q, left):
    assert set(follow_up(q, PART_PICKED, _field_rest).ids) == set(left)
