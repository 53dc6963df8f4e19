"""Topic switches and dropped subjects as people write them (issue 18): the many ways to say the subject changes
(「話それるけど」, 「それはそれとして」, 「別の件になりますが」, "Another topic:", "Moving on,") start a fresh question; a
preface that only says a question follows (「もう一つ聞きたいんですが」) points at nothing; a topic named first and then
pointed at (「港湾のデジタル化の件、それはいつ？」) is that topic, not the last card; and a question that names no topic
at all (「今どうなってる？」, 「旗振り役は？」, 「予定は？」) asks about the card just answered. Our own wordings; none is a
blind set's turn."""

import pytest

from index.assist import _field_rest
from index.conversation import Conversation, Turn, follow_up, topic_switch
from tests.test_conversation_cases import T, assert_followed

AFTER_GIGA = Conversation().add(Turn("GIGAスクールの端末整備の施策は？", ("03-01",)))


@pytest.mark.parametrize("q, rest", [
    ("話それるけど、沖縄のブロードバンドは？", "沖縄のブロードバンドは?"),
    ("それはそれとして、ドローンの施策は？", "ドローンの施策は?"),
    ("全然違う話なんですが、テレワークの主担当は？", "テレワークの主担当は?"),  # the copula is not searched
    ("別の件になりますが、筆ポリゴンって何？", "筆ポリゴンって何?"),
    ("違う話題で恐縮ですが、罹災証明は？", "罹災証明は?"),
    ("それとは別件で、港湾のデジタル化は？", "港湾のデジタル化は?"),
    ("全然関係ない話なんだけど、異能vationって何？", "異能vationって何?"),
    ("あ、そうだ、農地を探せるサイトは？", "農地を探せるサイトは?"),
    ("ところでさ、IT人材のスキルの物差しは？", "IT人材のスキルの物差しは?"),
    ("関連はないんですが、罹災証明は？", "罹災証明は?"),
    ("次の話題、テレワークの主担当は？", "テレワークの主担当は?"),
    ("Unrelated to that, what about drones?", "what about drones?"),  # "to that" is no topic to search
    ("Another topic: is there anything on drones?", "is there anything on drones?"),
    ("Moving on, who leads the telework measure?", "who leads the telework measure?"),
    ("On a separate note, what about Okinawa broadband?", "what about Okinawa broadband?"),
    ("Totally unrelated, but is there a measure on drones?", "is there a measure on drones?"),
])
def test_the_ways_to_change_the_subject_are_read_and_dropped(q, rest):
    assert topic_switch(q) == (True, rest)


@pytest.mark.parametrize("q", ["それとは別の施策は？",  # other measures than that one: more, not a switch
                               "違う施策は？", "別のは？", "Another one?", "関係ない施策は？", "個情委は関係ない？"])
def test_asking_for_other_measures_is_no_switch(q):
    assert topic_switch(q)[0] is False


def test_a_preface_that_only_announces_a_question_points_at_nothing():
    fu = follow_up("もう一つ聞きたいんですが、沖縄のブロードバンドの施策は？", AFTER_GIGA, _field_rest)
    assert (fu.kind, fu.rest) == ("fresh", "沖縄のブロードバンドの施策は?")  # not 「もう一つ」 = the other card
    assert follow_up("もう一つ質問です。KPIは？", AFTER_GIGA, _field_rest).kind == "ellipsis"
    assert follow_up("あともう一個、被災者台帳の施策は？", AFTER_GIGA, _field_rest).rest == "被災者台帳の施策は?"
    assert follow_up("もう一個は？", AFTER_GIGA, _field_rest).kind == "rest"  # the other one, not a preface


@pytest.mark.parametrize("q, rest", [
    ("港湾のデジタル化の件、それはいつ稼働？", "港湾のデジタル化の件 はいつ稼働?"),
    ("The harbour digitalization, when is it supposed to start?", "when is The harbour digitalization  supposed to start?"),
])
def test_a_topic_named_first_and_then_pointed_at_is_that_topic(q, rest):
    fu = follow_up(q, AFTER_GIGA, _field_rest)
    assert (fu.kind, fu.rest) == ("fresh", rest)


@pytest.mark.parametrize("q", ["今どうなってる？", "その後どうなった？", "予定は？", "今後の予定は？", "旗振り役は？",
                               "どこが音頭を取ってる？", "取りまとめはどこ？", "お金はいくらかかる？", "What's the current status?",
                               "中心になってるのはどこ？", "対象者は？", "その後は？"])
def test_a_question_that_names_no_topic_asks_about_the_card_just_answered(q):
    fu = follow_up(q, AFTER_GIGA, _field_rest)
    assert (fu.kind, fu.ids) == ("ellipsis", ("03-01",))


@pytest.mark.parametrize("q", ["ありがとう", "なるほど"])  # a remark, no question: not read as one about the card
def test_a_remark_is_no_question_about_the_card(q):
    assert follow_up(q, AFTER_GIGA, _field_rest).kind == "fresh"


CONVERSATIONS = {
    "a switch said with 話それる, then the field of the new card": [
        T("GIGAスクールの端末整備の施策は？", "03-01"),
        T("話それるけど、沖縄のブロードバンド整備の施策は？", "07-04"),
        T("旗振り役は？", "07-04", "内閣府"),
    ],
    "an English switch whose topic is named before its pronoun": [
        T("運転免許の業務を警察の共通基盤で合理化する施策は？", "02-05"),
        T("New topic: the harbour management digitalization, when is it supposed to start operating?", "02-10",
          "令和4年度"),
    ],
    "drones: who leads, the plan, how it stands, all without a subject": [
        T("ドローンの制度整備の施策は？", "04-02"),
        T("どこが旗振ってる？", "04-02", "小型無人機等対策推進室"),
        T("予定は？", "04-02", "令和4年度"),
        T("今どうなってる？", "04-02"),
    ],
    "an English count of the card just answered, with what it counts": [
        T("沖縄の離島の光回線を整える施策は？", "07-04"),
        T("How many municipalities still remain?", "07-04", "6市町村"),  # the overview's 「残り6市町村」, not the KPI
    ],
    "whether a ministry is involved, asked with 関係してる": [
        T("自分の健診データをスマホで見られるPHRの施策は？", "03-07"),
        T("個人情報保護委員会は関係してる？", "03-07", "個人情報保護委員会"),
    ],
}


@pytest.mark.parametrize("name", list(CONVERSATIONS))
def test_a_switch_or_a_dropped_subject_is_followed_turn_by_turn(retriever, name):
    assert_followed(retriever, CONVERSATIONS[name])
