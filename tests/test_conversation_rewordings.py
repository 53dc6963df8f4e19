"""Follow-ups that drop their subject, worded in other ways than the tuning conversations (issue 18, phrasing
robustness): each class of wording is read as the question it stands for, about the card just answered. Our own
wordings; none is a turn of an evaluation file.

- a yes or no about a ministry asked without its ？ (「…加わってますか」, 「主担当は内閣官房ですか」), or after a worry said first
  (「セキュリティが不安なんですが、…」), or with a lead word that is no field word (「メインは…？」);
- a number asked by its unit or its kind of magnitude (「割合」, 「何パーセント」, 「長さ」, 「いくつ」 read by the tokenizer as 幾 + つ);
- what is meant or when it starts (「…するつもり？」, 「スタートはいつ頃？」);
- a field said twice in other words (「予算、お金はどれくらい？」), and 「…はどうなの」 after a budget answer asks about that
  topic itself (the table has no budget to carry over)."""

import pytest

from index.conversation import has_own_topic
from tests.test_conversation_cases import T, assert_followed

TELEWORK = T("テレワークの施策は？", "04-03")
DRONE = T("ドローンの規制とか制度づくりの施策は？", "04-02")


@pytest.mark.parametrize("opening, check, must", [
    (TELEWORK, "経産省も加わってますか", "経済産業省: 04-03 は関係府省庁"),
    (TELEWORK, "主担当は内閣官房ですか", "内閣官房: 04-03 は主担当"),
    (TELEWORK, "メインは厚労省？", "厚生労働省: 04-03 は関係府省庁"),
    (DRONE, "セキュリティが不安なんですが、警察庁も関わってる？", "警察庁: 04-02 は関係府省庁"),
])
def test_a_ministry_yes_or_no_in_other_words_is_about_the_card(retriever, opening, check, must):
    assert_followed(retriever, [opening, T(check, opening.expected, must)])


@pytest.mark.parametrize("opening, card, ask, must", [
    ("携帯の電波が届かない道路や登山道の施策は？", "07-02", "目標の割合は？", "90%"),
    ("鉄道のトンネルで携帯が使えない問題の施策は？", "07-03", "長さで言うと目標は？", "125km"),
    ("沖縄のブロードバンドの施策は？", "07-04", "利用率はいくつを目指してる？", "42.86%"),
    ("罹災証明をオンラインで出せるようにする施策は？", "03-18", "いつ頃までに終えるつもり？", "令和3年度"),
    ("不動産IDの施策は？", "05-34", "スタートはいつ頃？", "令和4年度"),
])
def test_a_number_or_a_date_asked_in_other_words_is_the_cards(retriever, opening, card, ask, must):
    assert_followed(retriever, [T(opening, card), T(ask, card, must)])


def test_a_field_said_twice_and_a_topic_after_a_budget_answer(retriever):
    assert_followed(retriever, [T("光ファイバの整備が遅れている地域の施策は？", "07-01"),
                                T("予算、お金はどれくらい？", "07-01", "予算"),
                                T("それから、登山道で携帯電話が圏外になるのはどうなの", "07-02")])


@pytest.mark.parametrize("words", ["何パーセント", "割合", "長さ", "つもり", "スタート", "メイン", "いくつ"])
def test_how_a_value_is_asked_names_no_topic(words):
    assert not has_own_topic(words)


@pytest.mark.parametrize("ask, field", [
    ("受け持ちは？", "ministries"), ("実施主体は？", "ministries"), ("どこが面倒みてる？", "ministries"),
    ("目標年度は？", "when"), ("ゴールの年は？", "when"), ("期間は？", "when"), ("達成目標は？", "kpi"),
    ("目標値はいくら？", "kpi"), ("予算はいくら？", "budget"),
])
def test_a_field_asked_in_other_words_is_that_field(ask, field):
    from index.assist import field_asked, field_by_words

    found = field_asked(ask) or field_by_words(ask)
    assert found is not None and found.field == field


@pytest.mark.parametrize("ask", ["終わりはいつ？", "Who runs this program?", "Who else takes part besides the lead?"])
def test_the_card_just_answered_asked_in_other_words(retriever, ask):
    assert_followed(retriever, [TELEWORK, T(ask, "04-03")])


@pytest.mark.parametrize("q, rest", [
    ("あと全然関係ないけど、ドローンの施策は？", "ドローンの施策は?"),
    ("ちなみに別の話で、ドローンの施策は？", "ドローンの施策は?"),
    ("話題を変えますが、ドローンの施策は？", "ドローンの施策は?"),
    ("話飛ぶけど、ドローンの施策は？", "ドローンの施策は?"),
    ("唐突ですが、ドローンの施策は？", "ドローンの施策は?"),
    ("ガラッと変わって、ドローンの施策は？", "ドローンの施策は?"),
    ("Okay, new topic: drone rules?", "drone rules?"),
    ("Unrelated, but drone rules?", "drone rules?"),
])
def test_a_subject_change_in_other_words(q, rest):
    from index.conversation import topic_switch

    assert topic_switch(q) == (True, rest)


@pytest.mark.parametrize("q", ["あと、KPIは？", "ちなみに担当は？", "Also, when does it end?", "変えて欲しい点は？"])
def test_words_that_go_on_are_no_subject_change(q):
    from index.conversation import topic_switch

    assert topic_switch(q)[0] is False


@pytest.mark.parametrize("ask, field", [
    ("Which office handles it?", "ministries"), ("Who's behind it?", "ministries"), ("Which body runs it?", "ministries"),
    ("What's the end date?", "when"), ("What is the target year?", "when"),
])
def test_an_english_field_in_other_words(ask, field):
    from index.assist import field_asked

    found = field_asked(ask)
    assert found is not None and found.field == field


def test_the_latter_of_two_is_the_second(retriever):
    assert_followed(retriever, [T("What measures are about international data flows?", ("05-35", "05-36")),
                                T("Who leads the latter?", "05-36", "個人情報保護委員会")])


@pytest.mark.parametrize("check, must", [
    ("総務省は入ってない？", "総務省: 04-03 は関係府省庁"),
    ("総務省もいる？", "総務省: 04-03 は関係府省庁"),
    ("総務省もメンバー？", "総務省: 04-03 は関係府省庁"),
    ("総務省も加わってるの", "総務省: 04-03 は関係府省庁"),
    ("総務省の名前も載ってますか", "総務省: 04-03 は関係府省庁"),
    ("内閣官房がメインなの？", "内閣官房: 04-03 は主担当"),
    ("主担当って内閣官房だっけ", "内閣官房: 04-03 は主担当"),
    ("Does the Cabinet Office play a role?", "04-03"),
])
def test_a_ministry_yes_or_no_said_plainly(retriever, check, must):
    assert_followed(retriever, [TELEWORK, T(check, "04-03", must)])


def test_a_rough_target_is_the_kpi():
    from index.assist import field_by_words

    found = field_by_words("目安は？")
    assert found is not None and found.field == "kpi"


@pytest.mark.parametrize("ask", ["正しい名前は？", "公式な施策名って？", "ちゃんとした名称を教えて"])
def test_a_qualified_name_is_the_name_field(ask):
    from index.assist import field_asked

    found = field_asked(ask)
    assert found is not None and found.field == "name" and found.rest == ""


@pytest.mark.parametrize("q, listed", [
    ("どんな制度に言及してる？", False), ("何の法律に触れてる？", False),
    ("マイナンバーに言及してる施策は？", True), ("マイナンバーに触れてるのはどれ？", True),
])
def test_what_a_card_mentions_asked_with_a_question_word_is_no_list(q, listed):
    from index.retrieve.understand import asks_list

    assert asks_list(q) is listed
