"""Follow-ups, fifth batch (issue 18): a part of a list left out by its words (「港湾関係を除くと？」: every card they fit,
read generously), one ministry alone (「内閣官房単独で主担当のもの」), what a measure is (「具体的にどんな取り組み
なんですか」), since when (「いつから続けてるの？」), an amount's ceiling (「支援額の上限は？」), English "other programs"
(the card given kept out), "the Commission" said again (the ministry just named), 「残りは？」 with each card's passage,
a restriction that a card shown right below the list fits by its words, 「目標の人数は？」 (a count names no topic) and
"And the … goal?" (a fragment about the card just answered). Our own wordings; none is a blind set's turn."""

import pytest

from index.assist import _without_remarks, ask
from index.conversation import Conversation, Turn
from tests.test_conversation_cases import MINISTRY_LEAD_CAO, MINISTRY_LEAD_MLIT, T, assert_followed

CABINET_SECRETARIAT_LEADS = ("03-19", "03-20", "03-21", "04-01", "04-02", "04-03", "05-31", "06-01", "07-07")
CABINET_SECRETARIAT_ALONE = ("04-01", "04-02", "04-03", "05-31", "06-01", "07-07")  # 03-19..03-21 share the ◎

CONVERSATIONS = {
    "a part of a ministry's list left out by a word its cards hold": [
        T("国交省が主担当の施策を全部", MINISTRY_LEAD_MLIT),
        T("その中で港湾関係を除くと？", ("05-33", "05-34")),  # 02-10, 03-43 (サイバーポート), 03-44 (AIターミナル) go
    ],
    "a part left out by a topic: the cards about it, not only those that say the word": [
        T("内閣府が主担当の施策を一覧で", MINISTRY_LEAD_CAO),
        # 03-18 to 03-21 say 被災者, not 災害: they are about disasters too
        T("このうち災害関係でないものは？", ("03-11", "03-45", "07-04")),
    ],
    "one ministry alone as the lead": [
        T("内閣官房が主担当の施策を全部", CABINET_SECRETARIAT_LEADS),
        T("そのうち内閣官房単独で主担当のものは？", CABINET_SECRETARIAT_ALONE, "内閣官房"),
    ],
    "what the measure is, asked with a noun that names no topic": [
        T("ドローンの規制の施策は？", "04-02"),
        T("具体的にどんな取り組みなんですか", "04-02", "課題・取組概要"),
    ],
    "since when an ongoing exercise has run": [
        T("サイバー防御演習の施策", "06-03"),
        T("その集合演習はいつから続けてるの？", "06-03", "平成29年度"),
    ],
    "the ceiling of an amount, of the card just answered": [
        T("個人の奇抜なICT挑戦を支援する施策", "07-10"),
        T("支援額の上限は？", "07-10", "300万円"),
    ],
    "English: other programs on a topic, the card given kept out": [
        T("Is there a measure on Data Free Flow with Trust?", "05-35"),
        T("Are there other programs dealing with personal data going abroad?", "05-36", "CBPR"),
    ],
    "English: the Commission said again is the ministry just named": [
        T("Which measures is the Personal Information Protection Commission involved in?",
          ("03-03", "03-07", "05-30", "05-35", "05-36")),
        T("Which of them does the Commission lead?", "05-36", "個人情報保護委員会"),
    ],
    "the rest of a list, each card with what it does": [
        T("警察庁の施策を全部", ("02-05", "02-06", "02-07", "02-08", "02-09")),  # its own (◎) measures
        T("1つ目の担当は？", "02-05", "警察庁"),
        # TSPS is in 02-06's text, not in its name: the answer quotes each card, as the list did
        T("残りは？", ("02-06", "02-07", "02-08", "02-09"), "TSPS"),
    ],
    "how many people, of the card just answered": [
        T("サイバー防御演習の施策", "06-03"),
        T("目標の人数は？", "06-03", "3,000人"),
    ],
    "neither KPI written, of a list of cards with some KPI unwritten": [
        T("KPIが決まってないか空欄の施策を全部", ("02-05", "02-10", "04-01", "05-35", "05-36")),
        # 02-05 and 02-10 have one of the two cells written
        T("そのうち進捗も効果もどっちも空欄か未設定なのは？", ("04-01", "05-35", "05-36")),
    ],
    "a law's name said in brackets: the sentence runs on past a 。 inside them": [
        T("医療情報を匿名加工して研究に使う施策は？", "03-11"),
        T("根拠になっている法律の名前は？", "03-11", "次世代医療基盤法"),
    ],
    "English: a fragment with 'and' and a field, of the card just answered": [
        T("Which measure brings ultra-fast broadband to Okinawa's islands?", "07-04"),
        T("And the service-uptake goal?", "07-04", "42.86%"),
    ],
}


@pytest.mark.parametrize("name", list(CONVERSATIONS))
def test_a_follow_up_as_people_write_it(retriever, name):
    assert_followed(retriever, CONVERSATIONS[name])


def test_a_list_narrowed_to_a_ministry_is_not_read_as_that_ministry_alone(retriever):
    # 「内閣官房だけに絞って」 keeps the measures it leads with others too: だけ limits the list, not the ◎
    shared = ask(retriever, "被災者支援の施策を全部")
    a = ask(retriever, "内閣官房が主担当のものだけに絞って", shared.conversation)
    assert "03-21" in [h.card.id for h in a.answers]  # ◎ 内閣府, 内閣官房 and 厚労省


def test_what_kind_of_measures_exist_is_still_a_list(retriever):
    # 「どんな施策がある？」 asks which measures there are (a list), not what the measure just answered is
    drones = ask(retriever, "ドローンの施策は？")
    a = ask(retriever, "テレワークについてはどんな施策がありますか", drones.conversation)
    assert a.field_name != "overview"
    assert "04-03" in [h.card.id for h in a.answers]


@pytest.mark.parametrize("q, kept", [("テレワークの施策は？ 省庁は問わないです", "テレワークの施策は？"),
                                     ("ドローンの施策、制度とか関係なしに", "ドローンの施策"),
                                     ("人材育成の施策は？教育に限定せず", "人材育成の施策は？"),
                                     ("関係ない話ですが、ドローンは？", "関係ない話ですが、ドローンは？")])
def test_a_lifted_condition_is_read_with_the_words_the_search_lifts_it_by(q, kept):
    # one vocabulary (understand.UNRESTRICTED) for the search's topic and the chat's closing clause; a clause that
    # opens the question is no closing one
    assert _without_remarks(q) == kept


def test_the_words_after_the_topic_say_which_sentence_is_asked():
    # 「〇〇の研究、何で検証してる？」: the topic comes first, then what is asked; a sentence holding the asked word wins
    # over one that holds as many of the topic's words
    from index.assist import detail_sentence
    from index.corpus import PolicyCard

    card = PolicyCard(id="99-01", name="例", overview="水中ロボットの点検研究を行う。水中ロボットの点検精度をダム模型で検証する。")
    assert detail_sentence(card, "水中ロボットの点検研究、何で検証してる？") == "水中ロボットの点検精度をダム模型で検証する。"


def test_a_restriction_a_card_just_below_the_list_fits_by_its_words(retriever):
    # a list that counted 06-02, 06-07, 06-08 and showed 06-10 (博士人材) right below as nearly counted: none of the
    # counted cards says 博士, the one below does (the list is given, so that what the list cut counts today does not
    # decide what this tests)
    listed = Conversation().add(Turn("AI人材やデータサイエンティストを育てる施策はどんなのがある？",
                                     ("06-02", "06-07", "06-08"), related=("06-10", "06-01"), near=("06-10",)))
    a = ask(retriever, "うち博士のためのものは？", listed)
    assert [h.card.id for h in a.answers] == ["06-10"] and "博士" in a.direct
