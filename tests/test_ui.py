"""The web app: answers as escaped HTML with citations, loopback by default, one-line errors, and the
named API (/ask, /search, /report) called with gradio_client against a server started here on a free port."""

import json
import logging
import socket
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest

from app.ui import PortInUse, answer, build_app, check_port, plain_text, render_card
from index.config import Settings


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(web_app):
    return web_app


@pytest.fixture(scope="module")
def client(server):
    from gradio_client import Client

    return Client(server[1], verbose=False)


def test_a_question_gets_a_direct_answer_then_cards_with_citations(retriever):
    history, cleared = answer(retriever, "遠隔医療を進める施策は？", [])
    assert cleared == "" and [m["role"] for m in history] == ["user", "assistant"]
    reply = history[1]["content"]
    assert reply.startswith("<div class='direct'>") and "確からしさ" in reply
    assert "[03-14]" in reply[:600] or "[03-09]" in reply[:600]
    assert "sesakushu_2021.tsv:" in reply and "<mark>" in reply
    assert "score" not in reply  # no raw (possibly negative) scores on the page


def test_the_question_bubble_is_plain_text_cut_at_5000_characters(retriever):
    history, _ = answer(retriever, "<script>alert(1)</script> [click](javascript:alert(1)) **太字** 遠隔医療", [])
    bubble = history[0]["content"]
    assert "<script>" not in bubble and "&lt;script&gt;" in bubble
    assert "\\[click\\]\\(javascript:alert\\(1\\)\\)" in bubble and "\\*\\*太字\\*\\*" in bubble
    assert "<script>" not in history[1]["content"]
    long = plain_text("あ" * 6000)
    assert long.count("あ") == 5000 and "1,000 文字を省略" in long


def test_filters_and_abstention_are_shown(retriever, cards):
    history, _ = answer(retriever, "データ", [], ministries=["国土交通省"], lead_only=True, top_k=30)
    shown = {c.id for c in cards if f"[{c.id}]" in history[-1]["content"]}
    assert shown and shown <= {c.id for c in cards if "国土交通省" in c.lead_ministries}
    history, _ = answer(retriever, "原子力発電所の再稼働に向けた取り組みは？", history)
    assert "見つかりませんでした" in history[-1]["content"] and len(history) == 4
    assert "nothing" not in history[-1]["content"]  # Japanese only


def test_empty_input_changes_nothing(retriever):
    assert answer(retriever, "   ", [{"role": "user", "content": "x"}]) == ([{"role": "user", "content": "x"}], "")


def test_a_list_answer_is_drawn_apart_from_related_cards(retriever):
    history, _ = answer(retriever, "被災者支援に関する施策を全部教えて", [])
    reply = history[1]["content"]
    res = retriever.search("被災者支援に関する施策を全部教えて")
    listed = sum(not h.related for h in res.results)
    assert f"該当する施策 {listed} 件" in reply
    last, first_related = res.results[listed - 1].card.id, res.results[listed].card.id
    assert reply.index(f"[{last}]") < reply.index("ここから下は関連") < reply.index(f"[{first_related}]")


def test_a_kana_question_shows_how_it_was_read(retriever):
    history, _ = answer(retriever, "でじたるきょうかしょ", [])
    reply = history[1]["content"]
    assert "「デジタル教科書」として検索しました" in reply and "[03-06]" in reply


def test_a_whole_card_shows_every_field(cards):
    card = cards.by_id()["04-03"]
    page = render_card(card)
    for text in (card.kpi_progress[:20], card.kpi_effect, card.bullets[0][:20], "◎内閣官房", "厚生労働省",
                 f"{card.source.file} {card.source.line} 行目"):
        assert text in page


def test_the_app_binds_to_loopback_by_default_with_analytics_off(server):
    demo, url = server
    assert Settings().host == "127.0.0.1" and demo.server_name == "127.0.0.1"
    page = urllib.request.urlopen(url, timeout=30).read().decode("utf-8")
    assert "compositionend" in page and "keypress" in page  # the IME guard is in the page head
    config = json.loads(urllib.request.urlopen(url + "config", timeout=30).read())
    assert config["analytics_enabled"] is False


def test_a_port_in_use_is_one_line_naming_the_flag(server):
    port = int(server[1].rsplit(":", 1)[1].strip("/"))
    with pytest.raises(PortInUse, match="--port"):
        check_port("127.0.0.1", port)
    out = subprocess.run([sys.executable, "-m", "app.cli", "serve", "--port", str(port)], capture_output=True,
                         text=True, timeout=120)
    assert out.returncode == 1 and out.stdout == ""
    assert out.stderr.count("\n") == 1 and "--port" in out.stderr and "Traceback" not in out.stderr


def test_the_api_has_three_named_endpoints_with_readable_parameters(client):
    api = client.view_api(print_info=False, return_format="dict")["named_endpoints"]
    assert set(api) == {"/ask", "/search", "/report"}
    assert [p["parameter_name"] for p in api["/ask"]["parameters"]] == ["question", "history", "filters", "top_k",
                                                                        "mode"]
    assert [p["parameter_name"] for p in api["/search"]["parameters"]] == ["query", "filters", "top_k", "mode"]
    assert "questions_file" in [p["parameter_name"] for p in api["/report"]["parameters"]]


def test_ask_through_the_api_carries_a_follow_up_in_the_history(client):
    page, first = client.predict("テレワークを推進する施策は？", None, None, 10, "hybrid", api_name="/ask")
    assert first["results"][0]["id"] == "04-03" and first["answer"]["answers"][0] == "04-03"
    assert "[04-03]" in page and set(first) >= {"query", "abstained", "results", "answer", "history"}
    _, who = client.predict("それの担当府省庁は？", first["history"], None, 10, "hybrid", api_name="/ask")
    assert who["answer"]["kind"] == "field" and who["answer"]["answers"] == ["04-03"]
    assert "◎内閣官房" in who["answer"]["text"]
    _, among = client.predict("その中で総務省が担当しているのは？", first["history"], None, 10, "hybrid", api_name="/ask")
    shown = set(first["answer"]["answers"] + first["answer"]["related"])
    assert among["answer"]["answers"][0] == "04-03" and set(among["answer"]["answers"]) <= shown


def test_search_through_the_api_is_the_cli_json(client, retriever):
    got = client.predict("港湾", {"ministries": ["国土交通省"], "lead_only": True}, 3, "bm25", api_name="/search")
    from index.retrieve import Filters

    expected = retriever.search("港湾", top_k=3, mode="bm25", filters=Filters(ministries=("国土交通省",),
                                                                                  lead_only=True)).to_dict()
    assert got == json.loads(json.dumps(expected, ensure_ascii=False))


def test_report_through_the_api_returns_the_library_report_files(client, tmp_path):
    from gradio_client import handle_file

    upload = tmp_path / "q.txt"
    upload.write_text("テレワークの普及\nデジタル教科書\n", encoding="utf-8")
    files, message = client.predict(handle_file(str(upload)), "", {"ministries": []}, 3, api_name="/report")
    assert "2 行" in message
    assert sorted(Path(f).suffix for f in files) == [".csv", ".html", ".jsonl", ".xlsx"]
    first = json.loads(Path(next(f for f in files if f.endswith(".jsonl"))).read_text("utf-8").splitlines()[0])
    assert "04-03" in json.dumps(first, ensure_ascii=False)


def test_a_bad_api_call_is_one_line_in_the_log_and_a_japanese_message(client, caplog, capfd):
    from gradio_client.exceptions import AppError

    with caplog.at_level(logging.WARNING, logger="seisaku.ui"):
        with pytest.raises(AppError, match="top_k は 1〜50"):
            client.predict("港湾", None, 999, "hybrid", api_name="/search")
        with pytest.raises(AppError, match="mode は"):
            client.predict("港湾", None, None, 5, "fuzzy", api_name="/ask")
    lines = [r.getMessage() for r in caplog.records if r.name == "seisaku.ui"]
    assert any(m.startswith("/search: ValueError: top_k") for m in lines)
    assert any(m.startswith("/ask: ValueError: mode") for m in lines)
    assert "Traceback" not in capfd.readouterr().err


def test_build_app_has_the_filters_and_the_card_browser(retriever):
    demo = build_app(retriever)
    labels = [getattr(b, "label", None) for b in demo.blocks.values()]
    for label in ("府省庁", "主担当（◎）のみ", "章", "条（官民データ活用推進基本法）", "手引", "質問"):
        assert label in labels
    lead = next(b for b in demo.blocks.values() if getattr(b, "label", None) == "主担当（◎）のみ")
    assert lead.interactive is False  # until a ministry is chosen


def test_a_ministries_table_names_each_ministry_once_with_the_lead_marked(retriever):
    from app.ui import render_answer
    from index.assist import Conversation, answer_text, ask

    conv = Conversation()
    first = ask(retriever, "被災者支援に関する施策を全部教えて", conv)
    who = ask(retriever, "それぞれの担当は？", first.conversation)
    head, *rows = who.table
    # before: 施策番号, 施策名, 主担当, 担当府省庁 with 「◎内閣府、◎内閣官房（◎ 主担当: 内閣府、内閣官房）」
    assert head == ["施策番号", "施策名", "担当府省庁（◎ 主担当）"]
    row = next(r for r in rows if r[0] == "03-19")
    assert row[2] == "◎内閣府、◎内閣官房"
    assert "| 03-19 | 被災者台帳管理 | ◎内閣府、◎内閣官房 |" in answer_text(who)  # what `seisaku ask` prints
    page = render_answer(who)
    # on a phone each cell past 施策名 shows its column's name (hidden on a wide screen, left out when copied)
    assert "<td><span class='label'>担当府省庁（◎ 主担当）：</span>◎内閣府、◎内閣官房</td>" in page
    one = ask(retriever, "2つ目の担当は？", who.conversation)
    assert one.direct.count("内閣府") == 1 and "（◎は主担当）" in one.direct
