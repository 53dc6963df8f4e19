"""The web app: answers as escaped HTML with citations, loopback by default (report tabs: tests/test_report_ui.py)."""

import socket
import urllib.request

from app.ui import answer, build_app, launch
from index.config import Settings


def test_a_question_gets_cards_with_citations_and_evidence(retriever):
    history, cleared = answer(retriever, "遠隔医療を進める施策は？", [])
    assert cleared == "" and [m["role"] for m in history] == ["user", "assistant"]
    reply = history[1]["content"]
    assert "[03-09]" in reply[:400] or "[03-14]" in reply[:400]
    assert "sesakushu_2021.tsv:" in reply and "<mark>" in reply


def test_user_input_and_card_text_are_escaped(retriever):
    history, _ = answer(retriever, "<script>alert(1)</script> 遠隔医療", [])
    assert "<script>" not in history[0]["content"] and "&lt;script&gt;" in history[0]["content"]
    assert "<script>" not in history[1]["content"]


def test_filters_and_abstention_are_shown(retriever, cards):
    history, _ = answer(retriever, "データ", [], ministries=["国土交通省"], lead_only=True, top_k=30)
    shown = {c.id for c in cards if f"[{c.id}]" in history[-1]["content"]}
    assert shown and shown <= {c.id for c in cards if "国土交通省" in c.lead_ministries}
    history, _ = answer(retriever, "原子力発電所の再稼働に向けた取り組みは？", history)
    assert "見つかりませんでした" in history[-1]["content"] and len(history) == 4


def test_empty_input_changes_nothing(retriever):
    assert answer(retriever, "   ", [{"role": "user", "content": "x"}]) == ([{"role": "user", "content": "x"}], "")


def test_the_app_binds_to_loopback_by_default_and_serves(retriever):
    assert Settings().host == "127.0.0.1"
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    demo = launch(retriever, port=port, block=False)
    try:
        assert demo.server_name == "127.0.0.1"
        page = urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=30).read().decode("utf-8")
        assert "isComposing" in page  # the IME guard is in the page head
    finally:
        demo.close()


def test_build_app_lists_the_corpus_ministries(retriever):
    demo = build_app(retriever)
    labels = [getattr(b, "label", None) for b in demo.blocks.values()]
    assert "府省庁 (ministry)" in labels and "質問" in labels


def test_a_list_answer_is_drawn_apart_from_related_cards(retriever):
    history, _ = answer(retriever, "被災者支援に関する施策を全部教えて", [])
    reply = history[1]["content"]
    res = retriever.search("被災者支援に関する施策を全部教えて")
    listed = sum(not h.related for h in res.results)
    assert reply.startswith(f"<p>{listed} 件の施策</p>")
    assert 4 <= listed < len(res.results)  # 03-16 … 03-21 on the bundled table, then related cards
    # the line comes after the last listed card, before the first related one
    last, first_related = res.results[listed - 1].card.id, res.results[listed].card.id
    assert reply.index(f"[{last}]") < reply.index("ここから下は関連") < reply.index(f"[{first_related}]")


def test_a_kana_question_shows_how_it_was_read(retriever):
    history, _ = answer(retriever, "でじたるきょうかしょ", [])
    reply = history[1]["content"]
    assert "「デジタル教科書」として検索しました" in reply and "[03-06]" in reply
