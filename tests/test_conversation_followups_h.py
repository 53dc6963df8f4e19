"""Follow-ups after a right opening answer (session 12): 「どっちも〇〇省？」 after two cards asked one by one is a yes/no
about both of them; 「最初の一覧のうち…」 / 「元のリストに戻って…」 after その中 narrowed the list is the list as first
given; 「残る1件」 is the rest of the list as 「残りの1件」 is; 「そのうち文科省のは」 answered by one card shows its
府省庁名 with ◎; field words typed in kana (「どこのやくしょ」, 「かんけいしょうちょう」, 「なんかしょ」) are read as written
in kanji; 「払い方」, 「使い方」 (方 after a verb) is the way a thing is done, not 「〜のほう」, so a follow-up that
names something in the card just answered stays on it; "civil servants" is the table's 国家公務員. Our own wordings;
none is an evaluation turn."""

import pytest

from index.assist import _field_rest
from index.conversation import Conversation, Turn, follow_up
from tests.test_conversation_cases import MINISTRY_LEAD_NPA, T, assert_followed

CONVERSATIONS = {
    "both after two cards asked one by one: a yes/no about each of them": [
        T("視覚障害があっても使えるようにWebサイトを改善する施策は？", "07-06"),
        T("07-05の主担当は？", "07-05"),
        T("2つとも総務省なの？", ("07-05", "07-06"), "総務省"),
    ],
    "a restriction by a ministry answered by one card shows its ◎": [
        T("ガイドブックを作る施策を全部", ("03-05", "07-09")),
        T("その中で総務省のは？", "07-09", "◎総務省"),
    ],
    "the way a fine is paid is in the card just answered": [
        T("落とし物の届出をネットでできる施策は？", "02-05"),
        T("反則金の納め方も変わるの？", "02-05", "交通反則金"),
    ],
    "the lead's mark said to be there is the lead": [
        T("内閣府が主担当の施策を全部", ("03-11", "03-16", "03-17", "03-18", "03-19", "03-20", "03-21", "03-45",
                                  "07-04")),
        T("そのうち厚労省にも◎が付いてるのは？", "03-21"),
    ],
    "a count and an office typed in kana ask about the card just answered": [
        T("目の見えない人のための信号機の整備の施策は？", "02-09"),
        T("どこのやくしょがやってるの", "02-09", "警察庁"),
        T("なんかしょくらい整備できたの", "02-09", "高度化PICS整備交差点数"),
        T("かんけいしょうちょうを全部", "02-09", "警察庁"),
    ],
    "civil servants are the table's 国家公務員": [
        T("Is there a measure on telework?", "04-03"),
        T("And for civil servants, by when?", "04-03", "令和7年度(2025年度)"),
    ],
}


@pytest.mark.parametrize("name", list(CONVERSATIONS))
def test_a_follow_up_after_a_right_opening_is_followed(retriever, name):
    assert_followed(retriever, CONVERSATIONS[name])


def _narrowed() -> Conversation:
    """警察庁's list, then その中 narrowed to two, then one of the two discussed."""
    listed = Turn("警察庁が主担当の施策を全部", MINISTRY_LEAD_NPA)
    part = Turn("その中で自動運転のは？", ("02-07", "02-08"), parent=MINISTRY_LEAD_NPA)
    one = Turn("1つ目のKPIは？", ("02-07",), listing=("02-07", "02-08"), parent=MINISTRY_LEAD_NPA)
    return Conversation((listed, part, one))


@pytest.mark.parametrize("q", ["最初のリストのうち信号のは？", "最初に出してもらった一覧の中で信号のは？",
                               "元の一覧に戻って、信号に関するのは？", "はじめの結果から信号のを"])
def test_the_first_list_named_after_a_restriction_is_the_whole_list(q):
    fu = follow_up(q, _narrowed(), _field_rest)
    assert fu.kind == "set" and fu.ids == MINISTRY_LEAD_NPA


def test_the_list_just_given_is_still_the_restricted_one():
    fu = follow_up("その中で信号のは？", _narrowed(), _field_rest)
    assert fu.ids == ("02-07", "02-08")


def test_nokoru_with_a_count_is_the_rest_of_the_list():
    listed = Conversation((Turn("被災者支援の施策を全部", ("03-18", "03-19", "03-20", "03-21")),
                           Turn("03-19から03-21の主担当は？", ("03-19", "03-20", "03-21"),
                                listing=("03-18", "03-19", "03-20", "03-21"))))
    fu = follow_up("残る1件のKPIは？", listed, _field_rest)
    assert fu.ids == ("03-18",)


@pytest.mark.parametrize("q, pick", [("払い方は？", False), ("使い方も変わる？", False), ("支援員の方は？", True),
                                     ("高齢者向けの方のKPIは？", True)])
def test_kata_after_a_verb_is_a_way_of_doing_not_one_of_the_list(q, pick):
    listed = Conversation((Turn("高齢者のデジタル活用の施策を全部", ("07-06", "07-08")),))
    assert (follow_up(q, listed, _field_rest).kind == "pick") is pick


def test_both_after_two_single_card_turns_skips_a_turn_that_found_nothing():
    asked = Conversation((Turn("Webアクセシビリティの施策は？", ("07-06",)), Turn("よく分からない質問"),
                          Turn("07-05の主担当は？", ("07-05",))))
    fu = follow_up("両方とも総務省ですか？", asked, _field_rest)
    assert fu.kind == "each" and set(fu.ids) == {"07-05", "07-06"}


@pytest.mark.parametrize("q", ["なにをする施策？", "どういう施策なんですか", "何のための事業？"])
def test_what_kind_of_measure_asks_about_the_card_just_answered(q):
    asked = Conversation((Turn("越境データの個人情報保護の施策は？", ("05-36",)),))
    fu = follow_up(q, asked, _field_rest)
    assert fu.kind == "ellipsis" and fu.ids == ("05-36",)


def test_which_measures_there_are_is_still_a_question_of_the_table():
    asked = Conversation((Turn("越境データの個人情報保護の施策は？", ("05-36",)),))
    assert follow_up("どんな施策がある？", asked, _field_rest).kind == "fresh"


SCHOOL_ICT = ("03-01", "03-02", "03-03", "03-04", "03-05", "03-06", "06-09")
LED_BY_MEXT = ("03-01", "03-03", "03-05", "03-06", "06-09")


@pytest.mark.parametrize("q", ["文科省以外が主担当のは？", "主担当が文部科学省じゃないものは？"])
def test_left_out_after_a_restriction_by_the_same_ministry_is_the_rest_of_the_first_list(q):
    # 「その中で文科省のは？」 left five; 「文科省以外」 of those five is nothing, so it is the rest of the list first given
    asked = Conversation((Turn("学校ICTの施策を全部", SCHOOL_ICT),
                          Turn("その中で文科省が主担当のは？", LED_BY_MEXT, parent=SCHOOL_ICT),
                          Turn("2つ目の期限は？", ("03-03",), listing=LED_BY_MEXT, parent=SCHOOL_ICT)))
    fu = follow_up(q, asked, _field_rest)
    assert fu.kind == "set" and fu.ids == SCHOOL_ICT


def test_left_out_by_another_word_stays_in_the_restricted_list():
    asked = Conversation((Turn("学校ICTの施策を全部", SCHOOL_ICT),
                          Turn("その中で文科省が主担当のは？", LED_BY_MEXT, parent=SCHOOL_ICT),
                          Turn("2つ目の期限は？", ("03-03",), listing=LED_BY_MEXT, parent=SCHOOL_ICT)))
    assert follow_up("端末以外のものは？", asked, _field_rest).ids == LED_BY_MEXT


def test_a_topic_said_in_a_clause_and_then_pointed_at_as_sono_hanashi_is_that_topic():
    asked = Conversation((Turn("障害のある人向けの施策を全部", ("02-09", "07-05", "07-06", "07-07", "07-11")),
                          Turn("最後のは何をする？", ("07-11",), listing=("02-09", "07-05", "07-06", "07-07", "07-11"))))
    fu = follow_up("役所の窓口で手帳を出すのが手間なんだけど、その件の施策もある？", asked, _field_rest)
    assert fu.kind == "fresh" and "手帳" in fu.rest and "その件" not in fu.rest


@pytest.mark.parametrize("q, card", [("いちばん下のは？", "07-11"), ("いちばん上のKPIは？", "02-09")])
def test_ichiban_in_kana_is_a_place_in_the_list(q, card):
    listed = Conversation((Turn("障害のある人向けの施策を全部", ("02-09", "07-05", "07-06", "07-07", "07-11")),))
    fu = follow_up(q, listed, _field_rest)
    assert fu.kind == "ordinal" and fu.ids == (card,)


@pytest.mark.parametrize("q", ["いちばん上手くいってるのはどれ？", "一番上手く進んでるのは？", "いちばん下手な施策は？"])
def test_jozu_and_heta_are_no_place_in_the_list(q):
    """上 / 下 that begin a word (上手, 下手, 上位) say how well, not which one: no ordinal is read."""
    listed = Conversation((Turn("障害のある人向けの施策を全部", ("02-09", "07-05", "07-06", "07-07", "07-11")),))
    assert follow_up(q, listed, _field_rest).kind != "ordinal"


@pytest.mark.parametrize("narrowed", ["その中で文科省が主担当のは？", "その中で文部科学省が主担当のは？", "その中で文科のは？",
                                      "その中でもんかしょうのは？"])
def test_the_ministry_that_narrowed_the_list_is_read_however_it_was_written(narrowed):
    # the ministry's names are retrieve.ministries's (文科省, 文科, もんかしょう → 文部科学省), as the search reads them
    asked = Conversation((Turn("学校ICTの施策を全部", SCHOOL_ICT), Turn(narrowed, LED_BY_MEXT, parent=SCHOOL_ICT)))
    assert follow_up("文科省以外が主担当のは？", asked, _field_rest).ids == SCHOOL_ICT
    assert follow_up("総務省以外が主担当のは？", asked, _field_rest).ids == LED_BY_MEXT
