"""Shared state under concurrent use: one analyzer and one retriever serve many threads with single-user answers."""

import json
from concurrent.futures import ThreadPoolExecutor

from index.text import analyzer
from index.evaluate import load_questions

TEXTS = ["被災者台帳を作成する際のマイナンバーの活用", "テレワークの普及", "ひさいしゃしえん", "Which measures promote telework?",
         "国土交通省が主担当の施策は？", "港湾の電子化(サイバーポート)の推進", "デジタル教科書の普及促進と5G環境の整備"]


def test_analyzer_gives_every_thread_the_single_threaded_words():
    an = analyzer()
    expected = {t: (an.words(t, glosses=True), an.reading(t)) for t in TEXTS}
    work = TEXTS * 150  # 1,050 calls over 8 threads: a shared MeCab tagger garbles some of them

    with ThreadPoolExecutor(8) as pool:
        got = list(pool.map(lambda t: (t, an.words(t, glosses=True), an.reading(t)), work))
    wrong = [t for t, words, reading in got if (words, reading) != expected[t]]
    assert wrong == []


def test_searches_from_many_threads_equal_single_user_answers(retriever):
    questions = [q.query for q in load_questions(split="dev")][:60]

    def answer(q):
        return json.dumps(retriever.search(q).to_dict(), ensure_ascii=False, sort_keys=True)

    single = [answer(q) for q in questions]
    with ThreadPoolExecutor(6) as pool:
        together = list(pool.map(answer, questions * 3))
    assert together == single * 3


def test_batched_search_equals_one_by_one(retriever):
    questions = [q.query for q in load_questions(split="test")][:40]
    one_by_one = [retriever.search(q).to_dict() for q in questions]
    retriever.dense._cache.clear()  # embedded afresh, in batches, not read back from the single calls
    assert [r.to_dict() for r in retriever.search_many(questions, batch_size=16)] == one_by_one
