"""What the engine reads once and keeps (per bound index, or per understanding stage) is read the same from many
threads at once as from one: the web app answers questions on several threads, and the first ones arrive together."""

import importlib
import json
import re
import threading
import time
import unicodedata
from concurrent.futures import ThreadPoolExecutor

import pytest

from index.retrieve import open_retriever
from index.retrieve.understand import Understanding
from index.text import analyzer

# lists that enumerate their items (「AとかB」, 「AやB」): each card an item's list finds is asked whether it states the
# item as its subject (Retriever._states_item), from the words its name, KPIs and first point hold
ENUMERATING = ["港とかコンテナターミナル関係の施策を全部", "医療や介護の施策を全部", "マイナンバーとかマイナポータル使う施策は？",
               "地図や農地の施策を全部"]


def _states_as_read_afresh(card, words):
    """Retriever._states_item's reading of a card's own text (past _holds_any), each card analysed as asked."""
    said = [unicodedata.normalize("NFKC", w) for w in words]
    # (a bracketed aside of the KPIs or the first point is said by the way: read without it; the name whole)
    kpis = re.sub(r"\([^()]*\)", " ", unicodedata.normalize("NFKC", f"{card.kpi_progress} {card.kpi_effect}"))
    measured = unicodedata.normalize("NFKC", card.name) + " " + kpis
    if any(w in measured for w in said) or any(t.base in said for t in analyzer().tokens(measured)):
        return True
    first = re.sub(r"\([^()]*\)", " ", unicodedata.normalize("NFKC", card.bullets[0] if card.bullets
                                                                else card.overview.split("。")[0]))
    return max(sum(first.count(w) for w in said), sum(t.base in said for t in analyzer().tokens(first))) >= 2


@pytest.mark.parametrize("words", [("港湾",), ("手続き", "港湾"), ("手続", "港湾", "港湾"), ("マイナンバー",), ("遠隔医療",),
                                   ("医療", "介護"), ("地図", "筆ポリゴン"), ("データ",)])
def test_a_card_states_an_item_as_it_did_when_each_card_was_analysed_per_question(retriever, words):
    for i, card in enumerate(retriever.cards):
        if retriever._holds_any(i, words):
            assert retriever._states_item(i, words) == _states_as_read_afresh(card, words), (card.id, words)


def test_lists_that_enumerate_items_answer_alike_from_many_threads_on_a_fresh_index(settings, embedder, retriever):
    def answer(r, q):
        return json.dumps(r.search(q).to_dict(), ensure_ascii=False, sort_keys=True)

    single = [answer(retriever, q) for q in ENUMERATING]
    fresh = open_retriever(settings, embedder=embedder)  # nothing read yet: the first questions fill its caches
    with ThreadPoolExecutor(6) as pool:
        together = list(pool.map(lambda q: answer(fresh, q), ENUMERATING * 3))
    assert together == single * 3


def test_the_everyday_dictionary_is_built_once_when_the_first_questions_arrive_together(retriever, monkeypatch):
    understand = importlib.import_module("index.retrieve.understand")  # (index.retrieve.understand is also a function)

    built = []
    real = understand.everyday_readings

    def slow_readings():
        built.append(threading.get_ident())
        time.sleep(0.05)  # long enough for every thread to find the dictionary not built yet
        return real()

    monkeypatch.setattr(understand, "everyday_readings", slow_readings)
    stage = Understanding(retriever.cards, [c.name + "。" + c.overview for c in retriever.cards])
    start = threading.Barrier(8)

    def first_use(_):
        start.wait()
        return stage._everyday_dictionary()

    with ThreadPoolExecutor(8) as pool:
        got = list(pool.map(first_use, range(8)))
    assert len(built) == 1 and all(d is got[0] for d in got)
    assert set(real()) <= set(got[0])  # the glossary's everyday words, beside the table's readings
