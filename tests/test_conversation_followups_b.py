"""More of how people write follow-ups (issue 18): 「〜のは？」 for a card shown with the last answer, 「残りの1つ」 counted
from what was on the screen, a measure called 「〜する話」 or 「〜の件」, words of the card just answered written as
one compound (「ガイドライン改正」) and 「どうなってる？」 asking how far the plan has got. Our own wordings; none is a blind
set's turn."""

import pytest

from index.assist import detail_sentence, field_asked
from index.conversation import Conversation, Turn, follow_up
from index.corpus import load_cards
from index.retrieve.understand import MEASURE_SAID
from tests.test_conversation_cases import T, assert_followed


def fields(text):
    from index.assist import follow_up_field

    f = follow_up_field(text)
    return None if f is None else f.rest


MOBILE = Conversation((Turn("携帯電話がつながらない地域をなくす施策", ("07-02",), ("07-03", "07-01", "07-04")),))


@pytest.mark.parametrize("q", ["トンネルのはどうなってる？", "じゃあ沖縄のは？", "で、光ファイバのはいつまで？"])
def test_the_one_of_a_noun_is_a_card_shown_with_the_answer_when_one_is_named_so(q):
    fu = follow_up(q, MOBILE, fields)
    assert fu.kind == "fresh" and fu.described and fu.described in q
    assert set(fu.ids) >= {"07-03", "07-01", "07-04"} and "07-02" not in fu.ids  # the card just answered is contrasted


@pytest.mark.parametrize("q, field", [("責任者は", "ministries"), ("連携している省庁は", "ministries"), ("共管は", "ministries"),
                                      ("何で測ってる？", "kpi"), ("目指してる数字は", "kpi"), ("完成時期は", "when"),
                                      ("スケジュール感は", "when"), ("達成見込みは", "when")])
def test_more_ways_of_asking_a_field_of_the_card_just_answered(q, field):
    from index.assist import follow_up_field

    fu = follow_up(q, MOBILE, fields)
    assert fu.kind == "ellipsis" and fu.ids == ("07-02",) and follow_up_field(fu.rest).field == field


@pytest.mark.parametrize("q, field", [("今年度中に終わる？", "when"), ("期間内に達成できるの？", "when"),
                                      ("なんでこれが必要なの？", "overview"), ("どうしてやるの？", "overview")])
def test_a_time_is_not_among_the_list_and_why_asks_what_it_is_for(q, field):
    from index.assist import follow_up_field

    fu = follow_up(q, MOBILE, fields)
    assert fu.ids == ("07-02",) and follow_up_field(fu.rest).field == field


@pytest.mark.parametrize("q", ["完了した施策は？", "KPIが未設定の施策は？", "防災の施策いくつある？"])
def test_measures_asked_by_a_field_word_are_a_question_of_their_own(q):
    assert not follow_up(q, MOBILE, fields).refers


@pytest.mark.parametrize("q, kind", [("他の省庁は？", "ellipsis"), ("ほかの府省庁も教えて", "ellipsis"),
                                     ("他の省庁のは？", "rest"), ("他の施策は？", "rest")])
def test_other_ministries_are_more_of_that_card_and_other_measures_are_other_cards(q, kind):
    asked = Conversation((Turn("テレワークの施策の担当は？", ("04-03",), ("07-09",)),))
    assert follow_up(q, asked, fields).kind == kind


def test_both_after_one_answer_are_the_answer_and_the_card_shown_below_it():
    fu = follow_up("両方のKPIを比べて", MOBILE, fields)
    assert fu.kind == "set" and fu.ids == ("07-02", "07-03") and "関連として示した 07-03" in fu.note


def test_the_three_above_are_the_first_three_and_the_rest_the_others():
    listed = Conversation((Turn("交通の信号の施策を全部", ("02-05", "02-06", "02-07", "02-08", "02-09")),))
    fu = follow_up("上の3つの主担当をまとめて", listed, fields)
    assert fu.kind == "set" and fu.ids == ("02-05", "02-06", "02-07")


def test_among_them_said_as_naka_demo_restricts_the_list():
    listed = Conversation((Turn("厚労省が主担当の施策", ("03-08", "03-10", "03-12")),))
    fu = follow_up("中でもデータベース関係のものを教えてください", listed, fields)
    assert fu.kind == "set" and fu.ids == ("03-08", "03-10", "03-12") and fu.rest.startswith("データベース")


@pytest.mark.parametrize("q", ["主担当なのは？", "そのうち総務省のは？", "今のはどこの担当？", "総務省のは？"])
def test_what_is_not_a_noun_and_no_is_not_read_as_the_one_of(q):
    fu = follow_up(q, MOBILE, fields)
    assert not fu.described, fu


@pytest.mark.parametrize("said, searched", [("障害者手帳を見せなくていいようにする話", "障害者手帳を見せなくていいようにする施策"),
                                            ("ドローンの件はどこが担当", "ドローンの施策はどこが担当"),
                                            ("携帯電話の話", "携帯電話の施策")])
def test_a_measure_called_a_matter_is_searched_as_a_measure(said, searched):
    assert MEASURE_SAID.sub("施策", said) == searched


@pytest.mark.parametrize("text", ["会話の記録", "電話番号", "1件だけ", "要件を満たす", "物件情報", "件数は？", "話し合いの場"])
def test_words_that_only_contain_the_characters_stay(text):
    assert MEASURE_SAID.sub("施策", text) == text


@pytest.mark.parametrize("q, topic", [("GIGAスクールって何年までに終わるの？", "GIGAスクール"),
                                      ("テレワークの施策は何年度までに終わる予定？", "テレワークの施策"),
                                      ("ドローンのKPIは何になってる？", "ドローン")])
def test_a_field_question_searches_its_topic_not_how_it_is_asked(q, topic):
    assert field_asked(q).rest == topic


@pytest.mark.parametrize("q", ["名前に「障害」が入っている施策はどれですか？", "子どもはどこで学ぶの、担当は？"])
def test_what_asks_for_a_list_or_describes_the_topic_stays(q):
    f = field_asked(q)
    assert f is None or len(f.rest) > 6


@pytest.mark.parametrize("said, asked", [("Thanks. Now, what about drones?", "what about drones?"),
                                         ("OK, who leads it?", "who leads it?"),
                                         ("わかりました。次に、ドローンについて教えて", "次に、ドローンについて教えて"),
                                         ("ありがとうございました。KPIは？", "KPIは？"), ("OKRの施策", "OKRの施策")])
def test_a_remark_before_the_question_is_not_searched(said, asked):
    from index.assist import _without_remarks

    assert _without_remarks(said) == asked


@pytest.mark.parametrize("q, first, also, topic", [("KPIと期限を教えて", "when", ("kpi",), ""),
                                                   ("テレワークの担当省庁とKPIは？", "kpi", ("ministries",), "テレワーク"),
                                                   ("期限とKPIと担当", "when", ("kpi", "ministries"), ""),
                                                   ("ドローンの担当は？", "ministries", (), "ドローン")])
def test_fields_asked_together_are_each_answered(q, first, also, topic):
    f = field_asked(q)
    assert (f.field, f.also, f.rest) == (first, also, topic)


def test_how_far_the_plan_has_got_is_its_dated_sentence():
    okinawa = next(c for c in load_cards() if c.id == "07-04")
    assert "6市町村" in detail_sentence(okinawa, "沖縄のはどうなっていますか")
    assert detail_sentence(okinawa, "沖縄のは？") is None  # nothing asked beyond the card


CONVERSATIONS = {
    "a card shown below the answer, picked by 「〜のは」, and the rest counted from the screen": [
        T("携帯電話がつながらない地域をなくす施策", "07-02"),
        T("トンネルのはどうなってる？", "07-03"),
        T("残りの1つの主担当は？", "07-02", "総務省"),
    ],
    "a measure called a matter, in a question that switches topic and asks a field": [
        T("テレワークの施策", "04-03"),
        T("別件だけど、信号があと何秒で変わるか車の中でわかる話って担当はどこ？", "02-06", "警察庁"),
    ],
    "the field of the last question taken for another card, with what that card is about": [
        T("テレワークの施策", "04-03"),
        T("効果KPIは？", "04-03"),
        T("じゃあドローンのほうは？", "04-02", "目視外飛行の実現", "航空法"),
    ],
    "yes or no about a ministry, for the cards a pronoun points at": [
        T("港湾の施策を全部", ("02-10", "03-43", "03-44")),
        T("それって財務省？", ("02-10", "03-43", "03-44"), "財務省: 02-10 は関係府省庁、03-43 は関係府省庁、03-44 には記載なし"),
        T("ところで、GIGAスクールって何年までに終わるの？", "03-01"),
    ],
    "among a ministry's list: 中でも, then the cards a description does not fit": [
        T("国交省が主担当の施策を一覧で", ("02-10", "03-43", "03-44", "05-33", "05-34")),
        T("このうち港に関するものは？", ("02-10", "03-43", "03-44")),
        T("じゃあ港以外のは？", ("05-33", "05-34")),
        T("厚生労働省が主担当の施策は何がありますか", ("03-08", "03-10", "03-12", "03-13", "03-14", "03-21")),
        T("中でもデータベース関係のものを教えてください", ("03-08", "03-12")),
    ],
    "why, asked of two cards with a pronoun: that field of both, not a new search": [
        T("携帯電話の電波の施策を全部", ("07-02", "07-03")),
        T("なんでこれが必要なの？", ("07-02", "07-03"), "課題・取組概要"),
    ],
    "an English thank-you, then another topic and a pronoun for it": [
        T("Tell me about telework measures", "04-03"),
        T("Thanks. Now, what about drones?", "04-02"),
        T("OK, who leads it?", "04-02", "内閣官房"),
    ],
    "the three above, then the rest": [
        T("警察庁が主担当の施策を全部教えてください", ("02-05", "02-06", "02-07", "02-08", "02-09")),
        T("上の3つの主担当をまとめて", ("02-05", "02-06", "02-07"), "警察庁"),
        T("残りは？", ("02-08", "02-09")),
    ],
    "two fields asked at once, of one card and of a list": [
        T("ドローンの施策", "04-02"),
        T("それのKPIと期限を教えて", "04-02", "実証実験件数", "令和4年度"),
        T("港湾の施策を全部", ("02-10", "03-43", "03-44")),
        T("それぞれの効果指標と期限", ("02-10", "03-43", "03-44"), "| 時期 | KPI(効果) |", "利用回数", "令和2年"),
    ],
    "words of the card just answered, asked as one compound": [
        T("放送の視聴データを活用する施策", "05-30"),
        T("個人情報保護ガイドラインの改正はいつまで？", "05-30", "令和4年"),
    ],
}


@pytest.mark.parametrize("name", list(CONVERSATIONS))
def test_a_follow_up_as_people_write_it(retriever, name):
    assert_followed(retriever, CONVERSATIONS[name])


def test_a_list_by_a_ministry_that_takes_part_says_so_before_its_cards(retriever):
    from index.assist import ask

    involved = ask(retriever, "経産省が関係省庁に入ってるけど主担当じゃない施策は？")
    assert involved.direct.startswith("経済産業省が関係府省庁に入っていて主担当ではない施策は")
    assert all("経済産業省" in [m.name for m in h.card.ministries] and "経済産業省" not in h.card.lead_ministries
               for h in involved.answers)
    led = ask(retriever, "経産省が主担当の施策を全部")  # each line names its lead already
    assert led.direct.startswith("該当する施策は")


@pytest.mark.parametrize("asked, then, said", [
    ("主担当は？", "教育のほうは？", "の主担当: 経済産業省"),  # the lead asked: the lead of the other card
    ("担当府省庁は？", "教育のほうは？", "の担当府省庁: ◎経済産業省"),  # every ministry asked: every one of it
    ("KPIは？", "教育のほうは？", "のKPI: KPI(進捗)"),
])
def test_the_field_asked_is_carried_to_another_topic_lead_included(retriever, asked, then, said):
    from tests.test_chat_agrees_with_search import chat

    *_, other = chat(retriever, "テレワークを推進する施策は？", asked, then)
    assert [h.card.id for h in other.answers] == ["03-02"] and said in other.direct
