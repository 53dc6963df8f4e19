"""One answer path: a question asked through the search (the page's and the API's /search, `seisaku search`), the
report and the chat finds the same cards. The search and the report are one call (index.assist.search_questions); a
question that asks a field of a measure is read there as the chat reads it (the measure searched without the field's
words) and counts the cards the chat counts (a field of one measure asked in the singular answers with the card that
fits best, the others shown below it; a kind of measure, each of them). The search never answers what the chat
refuses or refuses what it answers."""

import json

import pytest

from index.assist import MEASURE_SEARCHED, ask, measure_asked, search_question, search_questions
from index.report.query import ReportOptions, answer_rows
from index.report.table import InputRow
from index.retrieve import Filters

# written from the cards' names and KPIs: a field of one measure, asked in several ways, and topics
FIELD_QUESTIONS = {
    "学校の端末配備は誰が主担当？": "03-01",  # (refused by the engine as written: its field words are no topic)
    "学校の端末配備の担当は？": "03-01",
    "テレワークの普及の主担当は？": "04-03",
    "テレワークの施策のKPIは？": "04-03",
    "ドローンの制度整備はどこの省庁？": "04-02",
    "サイバーポートの整備のKPIは？": "03-43",
    "被災者台帳管理の担当府省庁は？": "03-19",
    "不動産IDのルール整備はどこが担当？": "05-34",
    "筆ポリゴンのオープンデータ化は誰が担当？": "03-42",
    "港湾のデジタル化はいつ稼働？": "02-10",
}
TOPIC_QUESTIONS = {
    "テレワークを推進する施策は？": {"04-03"},
    "電子インボイスの施策は？": {"04-01"},
    "遠隔医療の施策は？": {"03-09", "03-14", "03-15"},
    "森林クラウドを導入している都道府県数を増やす施策は？": {"03-41"},
    "健康保険組合のデータヘルスの施策は？": {"03-13"},
}
# written from the cards' names: a field of a kind of measure (several cards may answer): the same set either way
KIND_FIELD_QUESTIONS = [
    "セキュリティ人材の育成の施策の主担当は？",
    "港湾の施策の担当は？",
    "被災者支援の施策はどこの省庁？",
    "遠隔診療の施策のKPIは？",
    "教育データの施策の担当府省庁は？",
    "地理空間情報の施策は誰が担当？",
]
REFUSED = "原子力発電所の再稼働に向けた取り組みは？"


def ids(hits):
    return [h.card.id for h in hits]


def through_each_path(retriever, questions):
    """{question: (search's answers, report's answers, chat's answers)}"""
    rows = answer_rows(retriever, [InputRow(n, q, {}) for n, q in enumerate(questions, 2)], ReportOptions(top_k=10))
    report = {r.query: [m.id for m in r.matches if not m.related] for r in rows}
    return {q: (ids(search_question(retriever, q).answers), report[q], ids(ask(retriever, q).answers))
            for q in questions}


def test_a_field_of_a_measure_is_the_same_card_through_search_report_and_chat(retriever):
    for q, (search, report, chat) in through_each_path(retriever, list(FIELD_QUESTIONS)).items():
        assert search == report, q  # one call
        assert search == chat and chat[0] == FIELD_QUESTIONS[q], (q, search, chat)


def test_a_field_of_a_kind_of_measure_counts_the_same_cards_through_search_report_and_chat(retriever):
    for q, (search, report, chat) in through_each_path(retriever, KIND_FIELD_QUESTIONS).items():
        assert search == report and search and search == chat, (q, search, chat)


def test_the_search_shows_what_the_chat_shows_below_its_answer(retriever):
    # 「学校の端末配備は誰が主担当？」: the chat answers 03-01 (a field of one measure, in the singular) and shows
    # 03-03 (the learning data of the same pupils) below it; the search counts 03-01 alone and shows 03-03 as related
    q = "学校の端末配備は誰が主担当？"
    res, chat = search_question(retriever, q), ask(retriever, q)
    assert ids(res.answers) == ids(chat.answers) == ["03-01"]
    assert ids(res.others) == ids(chat.related) and all(h.related for h in res.others)


def test_a_topic_is_the_same_cards_through_search_report_and_chat(retriever):
    for q, (search, report, chat) in through_each_path(retriever, list(TOPIC_QUESTIONS)).items():
        assert search == report and set(search) == set(chat) == TOPIC_QUESTIONS[q], (q, search, chat)


def test_what_the_search_refuses_no_path_answers(retriever):
    assert through_each_path(retriever, [REFUSED])[REFUSED] == ([], [], [])
    assert search_question(retriever, REFUSED).abstained and ask(retriever, REFUSED).kind == "none"


def test_a_field_question_is_searched_by_its_measure_and_says_so(retriever):
    q = "学校の端末配備は誰が主担当？"
    assert retriever.search(q).abstained  # the engine alone, the question as written
    assert measure_asked(q) == "学校の端末配備"  # the chat's reading: the field's words cut
    assert measure_asked("KPIが空欄の施策は？") is None and measure_asked("担当は？") is None  # a cell; no measure
    res = search_question(retriever, q)
    assert not res.abstained and ids(res.answers)[0] == "03-01" and res.query == q  # the question as asked
    assert res.notes[0] == MEASURE_SEARCHED.format("担当府省庁")
    # a question the engine answers as written is searched as the chat searches it too: by its measure
    q = "テレワークの普及の主担当は？"
    assert search_question(retriever, q).intent == retriever.search(measure_asked(q)).intent
    # a question that asks no field is searched as written
    assert search_question(retriever, "テレワークを推進する施策は？").to_dict() == \
        retriever.search("テレワークを推進する施策は？").to_dict()


def test_seisaku_search_answers_as_the_page_does(cli, retriever):
    q = "学校の端末配備は誰が主担当？"
    rc, out, _ = cli("search", "--json", q, env={"SEISAKU_LOG": "0"})
    assert rc == 0 and json.loads(out) == search_question(retriever, q).to_dict()
    rc, out, _ = cli("search", q, env={"SEISAKU_LOG": "0"})
    assert rc == 0 and "[03-01]" in out.splitlines()[2] and MEASURE_SEARCHED.format("担当府省庁") in out


def test_many_questions_are_searched_as_one_is_filters_included(retriever):
    # search_many shares search's reading of the question: an English question of one measure asked within a set of
    # cards (filters.ids) is a list there, in a batch as alone
    qs = ["Which measure does the Cabinet Office lead on telework?", "学校の端末配備は誰が主担当？", "テレワーク"]
    within = Filters(ids=("04-01", "04-02", "04-03", "03-01"))
    for f in (None, within):
        many = search_questions(retriever, qs, top_k=5, filters=f)
        assert [r.to_dict() for r in many] == [search_question(retriever, q, top_k=5, filters=f).to_dict() for q in qs]
        assert [r.to_dict() for r in retriever.search_many(qs, top_k=5, filters=f)] == \
            [retriever.search(q, top_k=5, filters=f).to_dict() for q in qs]


@pytest.mark.parametrize("q", ["Which measure does the Cabinet Office lead on telework?"])
def test_one_measure_asked_within_a_set_is_a_list_in_a_batch_too(retriever, q):
    within = Filters(ids=("04-01", "04-02", "04-03", "03-01"))
    one, = retriever.search_many([q], filters=within)
    assert one.intent is not None and one.intent.is_list and not one.intent.one_measure


@pytest.mark.parametrize("q, measure", [
    ("学校の端末配備は誰が主担当？", "学校の端末配備"),  # (not 「…は誰が主」)
    ("テレワークの普及は誰がメインで担当？", "テレワークの普及"),
    ("ドローンの制度整備はどこの省庁？", "ドローンの制度整備"),  # (not 「…は 庁」)
    ("被災者支援の施策はどの省庁が担当？", "被災者支援の施策"),
    ("港湾の施策はどこの府省庁？", "港湾の施策"),
])
def test_the_measure_of_a_field_question_keeps_none_of_the_field_words(q, measure):
    assert measure_asked(q) == measure
