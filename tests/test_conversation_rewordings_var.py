"""Follow-ups worded by other people than the tuning conversations' writers (issue 18, phrasing robustness, from the
reworded sets 14v/15v): each class of wording is read as the question it stands for. Our own wordings; none is a turn
of an evaluation file.

- the law's articles asked with 「何条」 / 「条文」 and however belonging is said (「に該当しますか」, 「に当てはまる？」),
  the law named with 「だと」 / 「では」 / 「でいうと」;
- a place in the list said with a cardinal ("number two", "No. three");
- how much in all said with 全体 / overall (「予算は全体でどのくらい？」);
- the ministries besides the lead (「主管以外で関わってる省庁は？」, 「それ以外に関連してる省庁は？」);
- when a measure comes about said in English with allow / permit / possible / available."""

import pytest

from index.assist import follow_up_field
from index.conversation import Conversation, Turn, follow_up, has_own_topic
from index.assist import _field_rest
from tests.test_conversation_cases import T, assert_followed

TELEWORK = T("テレワークの施策は？", "04-03")
REAL_ESTATE_ID = T("不動産IDの施策は？", "05-34")


@pytest.mark.parametrize("ask", ["デジタル社会形成基本法では第何条に当てはまる？", "基本法でいうとどの条文？",
                                 "基本法の何条に相当しますか"])
def test_the_law_articles_asked_in_other_words_are_the_cards(retriever, ask):
    assert_followed(retriever, [REAL_ESTATE_ID, T(ask, "05-34", "12条")])


@pytest.mark.parametrize("ask, n", [("And number two?", 2), ("What about number three?", 3), ("No. 1?", 1)])
def test_a_place_said_with_a_cardinal_names_that_card(ask, n):
    listed = ("03-16", "03-17", "03-18")
    fu = follow_up(ask, Conversation().add(Turn("Which measures help in disasters?", listed)), _field_rest)
    assert fu.ids == (listed[n - 1],)


def test_a_place_past_the_end_said_with_a_cardinal_is_none():
    fu = follow_up("And number five?", Conversation().add(Turn("Which measures help in disasters?",
                                                               ("03-16", "03-17"))), _field_rest)
    assert fu.ids == () and fu.missing


@pytest.mark.parametrize("words", ["全体で", "overall", "altogether", "allowed", "permitted", "become possible",
                                   "available"])
def test_how_much_in_all_and_when_it_comes_about_name_no_topic(words):
    assert not has_own_topic(words)


def test_the_budget_in_all_is_of_the_card(retriever):
    assert_followed(retriever, [TELEWORK, T("予算は全体でどのくらい？", "04-03", "予算")])


@pytest.mark.parametrize("ask", ["主管以外で関わってる省庁は？", "メイン以外の関係省庁は", "それ以外に関連してる省庁は？"])
def test_the_ministries_besides_the_lead_are_of_the_card(retriever, ask):
    assert follow_up_field(ask).field == "ministries"
    assert_followed(retriever, [TELEWORK, T("どこが主担当？", "04-03", "内閣官房"), T(ask, "04-03", "総務省")])


@pytest.mark.parametrize("ask", ["When will that be permitted?", "When does that become available?"])
def test_when_it_is_allowed_in_english_is_the_cards_date(retriever, ask):
    assert_followed(retriever, [REAL_ESTATE_ID, T(ask, "05-34", "令和4年度")])


@pytest.mark.parametrize("ask", ["いつ完成？", "利用開始はいつ？", "整備時期は？", "いつまでに整備？", "サービス開始はいつから？"])
def test_when_said_with_the_step_that_comes_about_is_the_date_field(ask):
    f = follow_up_field(ask)
    assert f is not None and f.field == "when" and not has_own_topic(f.rest)


def test_a_step_word_alone_is_no_date_question():
    assert follow_up_field("整備は？") is None




@pytest.mark.parametrize("ask", ["And the one for PhD holders: what is its outcome KPI?",
                                 "The measure targeting doctorate holders, what's its outcome target?"])
def test_phd_and_doctorate_pick_the_doctoral_measure(retriever, ask):
    from index.assist import answer_text, ask as chat

    listed = Conversation().add(Turn("Which measures train data science or AI talent?", ("06-07", "06-08", "06-10")))
    a = chat(retriever, ask, listed)
    assert [h.card.id for h in a.answers] == ["06-10"] and "博士" in answer_text(a, related=False)
