"""Two ways of asking that the chat misread (issue 18): a ministry's involvement asked with a noun and ある
(「総務省は関係ある？」, 「経産省も関わりあります？」, 「警察庁も絡みある？」) is a yes or no about the card just answered, not the ministry's whole
list; and 「ほかに」 right after a topic switch (「話変わるけど、ほかに経産省の施策は？」) or with nothing said before it
keeps nothing out: the ministry's measures afresh. Our own wordings; none is a blind set's turn."""

import pytest

from index.assist import _field_rest
from index.conversation import Conversation, Turn, follow_up
from tests.test_chat_agrees_with_search import chat
from tests.test_conversation_cases import T, assert_followed

AFTER_TELEWORK = Conversation().add(Turn("テレワークの施策は？", ("04-03",)))


@pytest.mark.parametrize("q, kind, rest", [
    ("話変わるけど、ほかに経産省の施策は？", "switch", "経産省の施策は?"),
    ("ところで、他にも総務省が主担当の施策ってある？", "switch", "総務省が主担当の施策ってある?"),
    ("それとは別に、ほかには？", "switch", "ほかには?"),  # nothing follows 「ほかに」: kept as written
])
def test_more_after_a_switch_keeps_nothing_out(q, kind, rest):
    fu = follow_up(q, AFTER_TELEWORK, _field_rest)
    assert (fu.kind, fu.rest, fu.ids) == (kind, rest, ())


def test_more_with_nothing_before_it_is_a_fresh_question():
    fu = follow_up("ほかに農水省の施策は？", Conversation(), _field_rest)
    assert (fu.kind, fu.rest) == ("fresh", "農水省の施策は?")


def test_more_after_an_answer_still_keeps_the_answer_out():
    fu = follow_up("ほかに経産省の施策は？", AFTER_TELEWORK, _field_rest)
    assert fu.kind == "more" and "04-03" in fu.ids


@pytest.mark.parametrize("opening, card, check, must", [
    ("GIGAスクールの端末整備の施策は？", "03-01", "総務省は関係ある？", "総務省: 03-01 は関係府省庁"),
    ("テレワークの施策は？", "04-03", "経産省も関わりあります？", "経済産業省: 04-03 は関係府省庁"),
    ("ドローンの規制とか制度づくりの施策は？", "04-02", "警察庁って関与ありますか？", "警察庁: 04-02 は関係府省庁"),
    ("筆ポリゴンって何？", "03-42", "総務省は関係ある？", "総務省: 03-42 には記載なし"),
    ("ドローンの規制とか制度づくりの施策は？", "04-02", "警察庁も絡みある？", "警察庁: 04-02 は関係府省庁"),
])
def test_involvement_said_with_a_noun_is_a_yes_or_no_about_the_card(retriever, opening, card, check, must):
    assert_followed(retriever, [T(opening, card), T(check, card, must)])


def test_a_ministry_list_after_a_switch_and_more_is_all_of_it(retriever, cards):
    # 「経産省の施策」 (no role said) is METI's own measures (◎), as the tuning labels read 「ほかに警察庁の施策は？」
    meti = tuple(c.id for c in cards if any(m.name == "経済産業省" and m.lead for m in c.ministries))
    assert "06-04" in meti and len(meti) > 3  # the card just answered is not kept out of the new list
    assert_followed(retriever, [T("ドローンの規制とか制度づくりの施策は？", "04-02"), T("ITスキル標準の施策は？", "06-04"),
                                T("話変わるけど、ほかに経産省の施策は？", meti)])


@pytest.mark.parametrize("questions, verdict", [
    (("テレワークの施策は？", "それって内閣官房？"), "はい。内閣官房が主担当（◎）です。"),
    (("テレワークの施策は？", "経産省も関わってる？"), "経済産業省は関係府省庁で、主担当（◎）は内閣官房です。"),
    (("テレワークの施策は？", "それって警察庁？"), "いいえ。警察庁は府省庁名にありません（主担当（◎）は内閣官房）。"),
    (("港湾の施策を全部", "全部国交省？"), "はい。3 件とも国土交通省が主担当（◎）です。"),
    # the rest of a list after その中: 02-09 (◎警察庁) does not name 厚労省, 07-07 names it, not as its lead
    (("障害のある方向けの施策をすべて教えてください", "その中で総務省のものだけ", "残りのは全部厚労省？"),
     "いいえ。厚生労働省が関わっているのは 2 件のうち 1 件（うち主担当（◎） 0 件）です。"),
])
def test_a_yes_or_no_about_a_ministry_is_answered_first(retriever, questions, verdict):
    answer = chat(retriever, *questions)[-1]
    assert answer.direct.startswith(verdict) and answer.kind in ("field", "table")
