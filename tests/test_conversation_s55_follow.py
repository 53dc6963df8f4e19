"""Session 55 follow-ups on parts of the conversation's lists: the rest asked with a field in English ("And for the
remaining three, who leads?": the count, "those" and "in each case" are no topic to restrict the rest by), a kana word
whose first sound is a particle (「それのもくひょうは」 is 目標, 「その中でもう動き出してる」 is もう), the middle one of a list
(「真ん中のやつ」, "the middle one"), and the rest said with the words that made the part (「残りの◎の施策」 after その中 kept
the ◎ ones and one was picked). Our own wordings on the bundled table (polite, casual, kana, English); none is a blind
set's turn."""

import pytest

from index.assist import _field_rest
from index.conversation import Conversation, Turn, follow_up
from tests.test_conversation_cases import MINISTRY_LEAD_MHLW, MINISTRY_LEAD_NPA, T, assert_followed

# 警察庁's list of five and its first card picked
NPA_FIRST = Conversation((Turn("警察庁が主担当の施策を全部", MINISTRY_LEAD_NPA),
                          Turn("What is the first one's KPI?", ("02-05",), listing=MINISTRY_LEAD_NPA, given=("02-05",))))


@pytest.mark.parametrize("q", ["And for the remaining four, who leads?", "For the others, who is the lead in each case?",
                               "the rest: who leads those?", "What about the other four, who's in charge of each?",
                               "And the remaining ones, which ministry leads them?", "残りの4つの主担当は？",
                               "のこりのよっつは どこがたんとう", "残りの施策の担当府省はそれぞれどちらでしょうか。"])
def test_the_rest_with_a_field_asked_is_all_of_the_rest(q):
    fu = follow_up(q, NPA_FIRST, _field_rest)
    assert set(fu.ids) == {"02-06", "02-07", "02-08", "02-09"}
    assert fu.kind == "rest"  # nothing left to restrict the rest by


HEALTH = ("03-07", "03-08", "03-09", "03-10", "03-11", "03-12", "03-13")
HEALTH_MHLW = ("03-08", "03-10", "03-12", "03-13")
# a list, the part MHLW leads, and the third of that part picked
HEALTH_PICKED = Conversation((Turn("医療や健康のデータの施策", HEALTH),
                              Turn("その中で厚労省が主担当のは", HEALTH_MHLW, given=HEALTH_MHLW, parent=HEALTH),
                              Turn("3つ目の概要は", ("03-12",), listing=HEALTH_MHLW, given=HEALTH_MHLW, parent=HEALTH)))


@pytest.mark.parametrize("q", ["And the rest of my first list, who leads those?", "For the others, who leads in each case?",
                               "and the rest of them? who leads?"])
def test_the_rest_of_the_first_list_after_a_part_and_a_pick(q):
    fu = follow_up(q, HEALTH_PICKED, _field_rest)
    assert set(fu.ids) == {"03-07", "03-09", "03-11"}


@pytest.mark.parametrize("q", ["残りの厚労省の施策の期限は？", "のこりのこうろうしょうのやつは いつまで",
                               "残りの厚生労働省の分について、それぞれの期限を教えてください。"])
def test_the_rest_said_with_the_words_of_the_part_is_the_parts_rest(q):
    fu = follow_up(q, HEALTH_PICKED, _field_rest)
    assert set(fu.ids) == {"03-08", "03-10", "03-13"}


ART11 = ("02-07", "02-10", "03-16", "03-18", "03-20", "03-42", "03-43", "04-01")
ART11_DOUBLE = ("02-10", "03-16", "03-18", "03-20", "03-43", "04-01")
ART11_PICKED = Conversation((Turn("11条1項2項の列に印がある施策", ART11),
                             Turn("その中で◎のものだけ", ART11_DOUBLE, given=ART11_DOUBLE, parent=ART11),
                             Turn("2番目の担当は", ("03-16",), listing=ART11_DOUBLE, given=ART11_DOUBLE, parent=ART11)))


@pytest.mark.parametrize("q", ["残りの◎の施策の主担当は？", "のこりの◎のやつは？", "残りの◎のものも、それぞれの担当をお願いします。",
                               "And the remaining ◎ ones?"])
def test_the_rest_of_the_marked_part(q):
    fu = follow_up(q, ART11_PICKED, _field_rest)
    assert set(fu.ids) == {"02-10", "03-18", "03-20", "03-43", "04-01"}


def test_the_rest_said_bare_stays_what_the_part_left_out():
    assert set(follow_up("残りのは？", ART11_PICKED, _field_rest).ids) == {"02-07", "03-42"}


ONE_CARD = Conversation((Turn("農水省と内閣官房の施策", ("05-32",)),))


@pytest.mark.parametrize("q, begins", [("それのもくひょうは", "もくひょう"), ("これのもくひょうは？", "もくひょう"),
                                       ("それのもくてきは", "もくてき")])
def test_a_kana_word_that_begins_with_a_particles_sound(q, begins):
    fu = follow_up(q, ONE_CARD, _field_rest)
    assert fu.ids == ("05-32",)
    assert fu.rest.startswith(begins)


PORTS = Conversation((Turn("港湾の施策", ("02-10", "03-43", "03-44")),))


def test_mou_after_sono_naka_de_is_already():
    assert follow_up("その中でもう動き出してるのある？", PORTS, _field_rest).rest.startswith("もう")


def test_mo_before_a_word_of_its_own_stays_a_particle():
    assert follow_up("その中でも特に物流のは", PORTS, _field_rest).rest.startswith("特に")


REMOTE = Conversation((Turn("遠隔医療の施策", ("03-09", "03-14", "03-15")),))


@pytest.mark.parametrize("q", ["真ん中のやつのKPIは？", "まんなかのは どこがたんとう", "真ん中の施策の期限を教えていただけますか。",
                               "What about the middle one?", "the middle one's lead?"])
def test_the_middle_one(q):
    fu = follow_up(q, REMOTE, _field_rest)
    assert fu.kind == "ordinal" and fu.ids == ("03-14",)


def test_the_middle_of_five_and_of_four():
    assert follow_up("真ん中のは？", Conversation((Turn("警察庁", MINISTRY_LEAD_NPA),)), _field_rest).ids == ("02-07",)
    even = follow_up("真ん中のやつは？", Conversation((Turn("x", MINISTRY_LEAD_NPA[:4]),)), _field_rest)
    assert even.ids == () and "真ん中" in even.missing


# the ◎ part of the 11条1項2項 list and its 5th card picked
PORT_PICKED = Conversation(ART11_PICKED.turns[:2] + (
    Turn("5番目はどれ", ("03-43",), listing=ART11_DOUBLE, given=ART11_DOUBLE, parent=ART11),))


@pytest.mark.parametrize("q", ["それのほかの条・手引の印も全部教えてください。", "これのほかの印は？", "それの他のしるしもぜんぶ",
                               "この施策の他の印も教えて"])
def test_its_other_marks_are_of_the_card_in_focus(q):
    fu = follow_up(q, PORT_PICKED, _field_rest)
    assert fu.ids == ("03-43",)


def test_other_measures_stay_other_measures():
    fu = follow_up("ほかの施策の印は？", PORT_PICKED, _field_rest)
    assert fu.ids and "03-43" not in fu.ids


@pytest.mark.parametrize("q", ["不動産IDのルールってどこが作ってる？", "そのルールはどこが決めてるの", "どこがとりまとめてるんですか",
                               "Who makes the rules for it?", "who drafts it?"])
def test_who_does_the_work_asks_the_ministries(q):
    from index.assist import field_asked

    assert field_asked(q).field == "ministries"


def test_which_part_differs_is_no_ministry():
    from index.assist import field_asked

    f = field_asked("どこが違うの？")
    assert f is None or f.field != "ministries"


LEDGER = Conversation((Turn("被災者台帳の施策", ("03-19",)),))


@pytest.mark.parametrize("q", ["罹災証明のデジタル化(03-18)と比べて、両方のKPI(効果)を並べてください", "03-18と比べてKPIはどう？",
                               "03-18とどう違うの？りょうほうの担当は", "Compare its effect KPI with 03-18's."])
def test_the_card_in_focus_and_the_card_named_side_by_side(q):
    fu = follow_up(q, LEDGER, _field_rest)
    assert set(fu.ids) == {"03-18", "03-19"}


@pytest.mark.parametrize("q", ["03-18のKPIは？", "ところで03-18の期限は"])
def test_a_card_named_alone_is_that_card(q):
    assert follow_up(q, LEDGER, _field_rest).ids in ((), ("03-18",))


CONVERSATIONS = {
    "the marks of the card in focus, as quoted from the table": [
        T("不動産IDの施策", "05-34"),
        T("条・手引のしるしはどうなってますか", "05-34", "11条3項◎, 12条◎"),
    ],
    "the card in focus and one named by its number, both KPIs": [
        T("マイナンバーで被災者の台帳を管理する施策は？", "03-19"),
        T("罹災証明のデジタル化(03-18)とどう違うの？両方の効果KPIを並べて", ("03-18", "03-19"),
          "被災者台帳管理にマイナンバーの活用を予定している地方公共団体数"),
    ],
    "its other marks, after a card of a marked part was picked": [
        T("11条1項2項に印が付いている施策を一覧で", ART11),
        T("そのうち◎のだけ", ART11_DOUBLE),
        T("5番目の施策の名前は？", "03-43"),
        T("これのほかの印もぜんぶおしえて", "03-43", "18条◎", "市町村○"),
    ],
    "MIC's list, its chapter 07 by the digits, then the 3rd of that part": [
        T("総務省が主担当の施策を全部", ("03-04", "03-07", "03-09", "03-15", "05-30", "06-02", "06-03", "06-11", "07-01",
                                   "07-02", "07-03", "07-05", "07-06", "07-08", "07-09", "07-10", "07-11")),
        T("そのうち番号が07で始まるものだけ", ("07-01", "07-02", "07-03", "07-05", "07-06", "07-08", "07-09", "07-10", "07-11")),
        T("その3番目の名前は？", "07-03"),
    ],
    "who makes the rules, asked of a card": [
        T("不動産IDの施策", "05-34"),
        T("それのルールってどこが決めてるの", "05-34", "◎国土交通省"),
    ],

    "the rest of a list after its first card, asked who leads, in English": [
        T("Which measures is the National Police Agency the lead for?", MINISTRY_LEAD_NPA),
        T("What is the first one about?", "02-05"),
        T("And for the remaining four, who leads?", ("02-06", "02-07", "02-08", "02-09"), "◎警察庁"),
    ],
    "a goal typed in kana, of the card just answered": [
        T("農林水産省が主担当の施策を全部", ("03-41", "03-42", "05-32")),
        T("その中で内閣官房も入ってるのは", "05-32"),
        T("それのもくひょうは", "05-32", "8割"),
    ],
    "the middle one of three": [
        T("遠隔医療やオンライン診療の施策をまとめて", ("03-09", "03-14", "03-15")),
        T("真ん中のやつのKPIは？", "03-14", "遠隔医療従事者研修"),
    ],
    "the rest of the marked part said with its mark": [
        T("11条1項2項の列に印が付いている施策を全部", ART11),
        T("その中で◎のだけ", ART11_DOUBLE),
        T("2番目の担当は", "03-16"),
        T("のこりの◎のやつの担当は", ("02-10", "03-18", "03-20", "03-43", "04-01"), "◎国土交通省"),
    ],
}


@pytest.mark.parametrize("name", CONVERSATIONS)
def test_played(retriever, name):
    assert_followed(retriever, CONVERSATIONS[name])
