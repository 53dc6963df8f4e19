"""The web app: answers as escaped HTML with citations, batch reports into a temp folder, loopback by default."""

import csv
import json
import socket
import urllib.request
from pathlib import Path

import pytest

from app.ui import MAX_BATCH_QUESTIONS, MAX_UPLOAD_BYTES, answer, batch_report, build_app, launch, read_batch
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


def test_batch_report_keeps_order_and_writes_only_to_a_temp_folder(retriever, tmp_path):
    upload = tmp_path / "questions.txt"
    upload.write_bytes("テレワークの普及\n\n原子力発電所の再稼働に向けた取り組みは？\nデジタル教科書\n".encode("cp932"))
    rows, jsonl, table = batch_report(retriever, upload, top_k=3)
    lines = [json.loads(x) for x in Path(jsonl).read_text(encoding="utf-8").splitlines()]
    assert [x["query"] for x in lines] == ["テレワークの普及", "原子力発電所の再稼働に向けた取り組みは？", "デジタル教科書"]
    assert lines[0]["results"][0]["id"] == "04-03" and lines[1]["abstained"]
    assert Path(jsonl).parent != tmp_path and Path(jsonl).parent.name.startswith("seisaku-report-")
    with open(table, encoding="utf-8-sig", newline="") as f:
        assert next(csv.reader(f)) == ["query", "rank", "id", "name", "evidence", "related"]
    assert list(tmp_path.iterdir()) == [upload]  # nothing written beside the upload


def test_oversized_or_overlong_uploads_are_refused(tmp_path):
    big = tmp_path / "big.txt"
    big.write_bytes(b"a" * (MAX_UPLOAD_BYTES + 1))
    with pytest.raises(ValueError, match="big.txt"):
        read_batch(big)
    many = tmp_path / "many.csv"
    many.write_text("query\n" + "テレワーク\n" * (MAX_BATCH_QUESTIONS + 1), encoding="utf-8")
    with pytest.raises(ValueError, match="many.csv"):
        read_batch(many)
    ok = tmp_path / "ok.csv"
    ok.write_text("query\nテレワーク,extra\n医療\n", encoding="utf-8-sig")
    assert read_batch(ok) == ["テレワーク", "医療"]


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
