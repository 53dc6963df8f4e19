"""Session 52 follow-ups that point back into what was answered: a card said by its 施策番号 is the card asked about,
whatever position word or pronoun the sentence holds (「最後に、06-01の…」 is "lastly", not the last card); 「府省庁欄」 asks
for the 府省庁名 column as written; a yes or no about a ministry asked as something recalled (「…も関わっているのでした
か」, 「…も入ってましたっけ」, "Was … involved too?") is asked of the card just answered, as is one about the card at a
place in the list (「3つ目は厚生労働省も◎でしたよね。確認させてください。」); 「最初のN件」 with the count of an earlier
list, 「最初の一覧」 and "the first list" go back to that list; a negation of things joined by や / とか leaves out each
of them, and a thing the glossary writes in one row with others (防災 災害) leaves out the cards named by any of them;
「ほかの2つは両方とも…ですか」 asks each of the rest; 「3つの府省が◎」 counts the leads; 「災害に関係するもの」 keeps a card
named by the kind's terms; 「どちらの役所」 is the polite どの; 「はじめのほう」 of two is the first; 「現状の数字」 is the KPI.
Our own wordings on the bundled table; none is a blind set's turn."""

import pytest

from index.assist import _field_rest, answer_text, ask
from index.conversation import Conversation, Turn, follow_up
from index.evaluate_chat import turn_right
from tests.test_conversation_cases import MINISTRY_LEAD_CAO, MINISTRY_LEAD_METI, T, assert_followed

CO_LED_WITH_CAS = ("03-19", "03-20", "03-21")  # 内閣府 lists where 内閣官房 is a lead too
NOT_DISASTER = ("03-11", "03-45", "07-04")  # 内閣府's cards that are neither disaster nor victim support

CONVERSATIONS = {
    "a card number said after 最後に is that card": [
        T("経済産業省が主担当の施策を全部", MINISTRY_LEAD_METI),
        T("2つ目の主担当は", "05-35"),
        T("最後に、06-01の効果KPIも確認させてください。", "06-01", "3万人超"),
    ],
    "a card number after 最後になりますが, polite": [
        T("経済産業省が主担当の施策を全部", MINISTRY_LEAD_METI),
        T("最後になりますが、06-01の効果指標についても教えてください。", "06-01", "3万人超"),
    ],
    "a card number after lastly, in English": [
        T("list all measures where 経済産業省 is lead", MINISTRY_LEAD_METI),
        T("Lastly, could you show me the effect KPI of 06-01?", "06-01", "3万人超"),
    ],
    "a card number after さいごに, in kana": [
        T("経済産業省が主担当の施策を全部", MINISTRY_LEAD_METI),
        T("さいごに06-01のこうかKPIおしえて", "06-01", "3万人超"),
    ],
    "the 府省庁 column as written": [
        T("経済産業省が主担当の施策を全部", MINISTRY_LEAD_METI),
        T("なお06-01の府省庁欄を正確に示してください。", "06-01", "◎内閣官房、経済産業省、総務省"),
    ],
    "the ministry column, in English": [
        T("経済産業省が主担当の施策を全部", MINISTRY_LEAD_METI),
        T("What does the ministry column of 06-01 say?", "06-01", "◎内閣官房、経済産業省、総務省"),
    ],
    "a ministry recalled of the card just answered": [
        T("ドローンの規制とか制度づくりの施策は？", "04-02"),
        T("内閣官房も関わっているのでしたか。", "04-02", "はい"),
        T("警察庁と国交省も入ってましたっけ？", "04-02", "警察庁は関係府省庁"),
    ],
    "a ministry recalled, in kana": [
        T("ドローンの規制とか制度づくりの施策は？", "04-02"),
        T("けいさつちょうもかんでたっけ", "04-02", "警察庁は関係府省庁"),
    ],
    "ministries involved as well, in English": [
        T("ドローンの規制とか制度づくりの施策は？", "04-02"),
        T("Are the police agency and the transport ministry involved as well?", "04-02", "警察庁 takes part"),
        T("Was the Cabinet Secretariat involved too?", "04-02", "内閣官房"),
        T("Did the police agency take part as well?", "04-02", "警察庁 takes part"),
    ],
    "a lead recalled of the card at a place, then the first list of nine": [
        T("内閣府が主担当の施策を全部", MINISTRY_LEAD_CAO),
        T("そのうち、内閣官房も◎になっている共同主担当のものは。", CO_LED_WITH_CAS),
        T("3つ目は厚生労働省も◎でしたよね。確認させてください。", "03-21", "はい"),
        T("最初の9件に戻りますが、医療分野のものはどれですか。", "03-11"),
    ],
    "a lead recalled at a place, casual kana": [
        T("内閣府が主担当の施策を全部", MINISTRY_LEAD_CAO),
        T("そのうち、内閣官房も◎になっている共同主担当のものは。", CO_LED_WITH_CAS),
        T("3こめってこうろうしょうも◎だっけ", "03-21", "はい"),
    ],
    "a place in the first list after a narrowing, its count said": [
        T("経済産業省が主担当の施策を全部", MINISTRY_LEAD_METI),
        T("of those, which are about training people?", ("06-04", "06-05", "06-06")),
        T("最初の5件の2つ目は何の施策？", "05-35"),
    ],
    "a place in the first list, in kana": [
        T("経済産業省が主担当の施策を全部", MINISTRY_LEAD_METI),
        T("of those, which are about training people?", ("06-04", "06-05", "06-06")),
        T("さいしょの5けんの2こめは？", "05-35"),
    ],
    "a place in the first list, in English": [
        T("経済産業省が主担当の施策を全部", MINISTRY_LEAD_METI),
        T("of those, which are about training people?", ("06-04", "06-05", "06-06")),
        T("Going back to the first five, what is the second one?", "05-35"),
    ],
    "back to the first list, a restriction of it": [
        T("経済産業省が主担当の施策を全部", MINISTRY_LEAD_METI),
        T("of those, which are about training people?", ("06-04", "06-05", "06-06")),
        T("2つ目のKPIは？", "06-05"),
        T("最初のリストに戻って、教育関係のものは？", "03-02"),
    ],
    "a negation of two things joined by や": [
        T("内閣府が主担当の施策を全部", MINISTRY_LEAD_CAO),
        T("そのうち、防災や被災者支援以外のものだけ見せてください。", NOT_DISASTER),
        T("2つ目はどういう取組ですか。", "03-45", "インフラデータ"),
    ],
    "a negation of two things joined by とか, casual": [
        T("内閣府が主担当の施策を全部", MINISTRY_LEAD_CAO),
        T("その中で防災とか被災者支援じゃないやつは？", NOT_DISASTER),
    ],
    "a count of leads restricts the list, then the other two": [
        T("主担当の◎が複数の府省に付いている施策はありますか。あれば全部お願いします。", ("03-19", "03-20", "03-21")),
        T("そのうち3つの府省が◎になっているのは？", "03-21", "◎内閣府、◎内閣官房、◎厚生労働省"),
        T("KPIを教えてください。", "03-21"),
        T("ほかの2つの進捗KPIは同じものですか。", ("03-19", "03-20")),
    ],
    "a count of leads, in English": [
        T("主担当の◎が複数の府省に付いている施策はありますか。あれば全部お願いします。", ("03-19", "03-20", "03-21")),
        T("Which of them have three lead ministries?", "03-21"),
    ],
    "a kind its cards are named by, then the one left, then whose": [
        T("マイナンバーやマイナポータルを使う施策には、どんなものがありますか。全部教えてください。",
          ("03-07", "03-19", "03-20", "03-21")),
        T("そのうち災害に関係するものはどれでしょうか。", ("03-19", "03-20", "03-21")),
        T("残りの一つは、どういう施策ですか。", "03-07"),
        T("どちらの役所の担当ですか。", "03-07", "◎総務省"),
    ],
    "the first of two said as はじめのほう": [
        T("高度化PICSや視覚障害者の歩行支援の施策は？", ("02-09",)),
        T("アクセシビリティの施策を全部", ("07-05", "07-06")),
        T("はじめのほうのものを、もう少し詳しく教えてください。", "07-05"),
    ],
    "両者 and 双方 are the two just listed": [
        T("総務省が主担当のサイバーセキュリティ人材の施策を全部", ("06-03", "06-11")),
        T("両者の効果KPIを並べてください。", ("06-03", "06-11"), "3,000人"),
        T("双方の担当は？", ("06-03", "06-11"), "総務省"),
    ],
    "the current figure of a KPI": [
        T("デジタル教科書の普及は、いつまでにどの程度を目指しているのでしょうか。", "03-06"),
        T("現状の数字も載っていますか。", "03-06", "8.2%"),
    ],
}


@pytest.mark.parametrize("name", list(CONVERSATIONS))
def test_a_conversation_is_followed_turn_by_turn(retriever, name):
    assert_followed(retriever, CONVERSATIONS[name])


FOUR = Conversation((Turn("情報処理安全確保支援士", ("03-06", "04-03", "06-01", "06-05")),
                     Turn("そのうち支援士", ("06-01", "06-05"), parent=("03-06", "04-03", "06-01", "06-05"))))
NINE_THEN_TWO = Conversation((Turn("内閣府", MINISTRY_LEAD_CAO), Turn("港湾", ("02-10", "03-43")),
                              Turn("そのうち", ("03-43",), listing=("02-10", "03-43"))))


@pytest.mark.parametrize("q", ["最後に、06-01の効果KPIも確認させてください。", "06-01の担当は？", "For 06-01, what are the KPIs?",
                               "それと06-01はいつまで？"])
def test_a_card_number_is_the_card_asked_about(q):
    fu = follow_up(q, FOUR, _field_rest)
    assert fu.kind == "fresh" and not fu.ids


@pytest.mark.parametrize("q, pick", [("最初の4件の2つ目は、令和7年度までに何をするのですか。", "04-03"),
                                     ("さいしょの4けんの2こめは？", "04-03"),
                                     ("最初の4件の最後のは？", "06-05")])
def test_a_place_in_the_list_of_the_count_said(q, pick):
    fu = follow_up(q, FOUR, _field_rest)
    assert (fu.kind, fu.ids) == ("ordinal", (pick,))


@pytest.mark.parametrize("q", ["最初の9件に戻りますが、医療分野のものはどれですか。", "最初の一覧のうち医療のものは？",
                               "Back to the first list: which ones are about medical data?"])
def test_the_first_list_of_the_conversation(q):
    fu = follow_up(q, NINE_THEN_TWO, _field_rest)
    assert (fu.kind, fu.ids) == ("set", MINISTRY_LEAD_CAO)


def test_the_first_five_of_the_list_being_discussed_stay_so():
    """「最初の2件」 of the list being discussed is not an earlier list (one of that count or not)."""
    fu = follow_up("最初の2件の担当は？", NINE_THEN_TWO, _field_rest)
    assert fu.ids == ("02-10", "03-43")


REMOTE_AREAS = ("07-01", "07-02", "07-04")  # a list of three the person was given (the opening taken as answered)
AFTER_A_LIST = {
    "the other two asked a ministry yes or no, both of them": [
        T("最後の施策の目標値は何ですか。", "07-04"),
        T("ほかの2つは両方とも総務省の担当ですか。", ("07-01", "07-02"), "はい"),
    ],
    "the other two, casual": [
        T("最後のやつのKPIは？", "07-04"),
        T("他の二つも、どっちも総務省が主担当？", ("07-01", "07-02"), "はい"),
    ],
    "a place asked with a full stop carries the field asked before": [
        T("最後のものの主担当は。", "07-04"),
        T("2つ目は。", "07-02", "◎総務省"),
    ],
    "the rest, in English": [
        T("What is the last one's KPI?", "07-04"),
        T("Are the other two both led by MIC?", ("07-01", "07-02"), "総務省"),
    ],
}


@pytest.mark.parametrize("name", list(AFTER_A_LIST))
def test_a_follow_up_after_a_list_given(retriever, name):
    """As `seisaku eval --chat --opening-given` plays it: the list taken as answered, the follow-ups asked."""
    conv = Conversation((Turn("条件の厳しい地域や離島での通信網の整備に関する施策を全部", REMOTE_AREAS),))
    for t in AFTER_A_LIST[name]:
        a = ask(retriever, t.q, conv)
        conv = a.conversation
        cards, text, missing = turn_right(t, a)
        assert cards and text, f"{t.q!r}: {[h.card.id for h in a.answers]}; missing {missing}\n" + answer_text(a, related=False)


def test_a_blank_kpi_keeps_the_table_word_in_english(retriever):
    """"What KPIs do they set?" of the two blank cards: each cell shown as blank, with the table's word (空欄)."""
    conv = Conversation((Turn("Which measures promote international data flows?", ("05-35", "05-36")),))
    a = ask(retriever, "Do they have KPIs defined?", conv)
    assert [h.card.id for h in a.answers] == ["05-35", "05-36"]
    assert "blank (空欄)" in answer_text(a, related=False)


def test_the_others_of_the_first_list_in_english(retriever):
    conv = Conversation((Turn("警察庁が主担当の施策を全部", ("02-05", "02-06", "02-07", "02-08", "02-09")),
                         Turn("Which of those have a KPI that counts prefectures?", ("02-06", "02-09"),
                              parent=("02-05", "02-06", "02-07", "02-08", "02-09"))))
    a = ask(retriever, "For the other police measures in the first list, what are the progress KPIs?", conv)
    assert [h.card.id for h in a.answers] == ["02-05", "02-07", "02-08"]


MY_NUMBER = ("03-07", "03-19", "03-20", "03-21")  # measures that use マイナンバー / マイナポータル


@pytest.mark.parametrize("q", ["防災の3つについて、効果KPIを比べてみたいです。", "防災の3つのKPIならべて"])
def test_a_description_and_a_count_pick_from_the_list_as_given(retriever, q):
    """「防災の3つ」 after the list was narrowed to the one card that is not: the three of the list the words fit."""
    conv = Conversation((Turn("マイナンバーやマイナポータルを使う施策を全部", MY_NUMBER),
                         Turn("その中で、防災分野ではないものはどれですか。", ("03-07",), parent=MY_NUMBER)))
    a = ask(retriever, q, conv)
    assert sorted(h.card.id for h in a.answers) == ["03-19", "03-20", "03-21"]
