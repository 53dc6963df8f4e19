"""Small things a daily user of the command line and the reports meets: `seisaku similar` readable on a terminal and
JSONL in a pipe, its files readable by others (0644) and its --against errors in Japanese too; progress bars that
leave no garbage in a log file; report charts that count as the table does."""

import io
import json
import logging
import sys

from app import cli
from app.cli import main
from index.report import charts
from index.report.query import Match, RowReport, Summary


def test_similar_is_a_table_on_a_terminal_and_jsonl_in_a_pipe(capsys, settings, monkeypatch, tmp_path, cards):
    args = ["similar", "--threshold", "0.5", "--cache-dir", str(settings.cache_dir)]
    assert main(args) == 0
    piped = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert piped and all({"a", "b", "score"} <= set(p) for p in piped)
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    assert main(args) == 0
    shown = capsys.readouterr().out
    best = next(c for c in cards if c.id == piped[0]["a"])
    lead = "、".join(best.lead_ministries) or "-"
    assert f"{piped[0]['score']:.2f}  [{best.id}] {best.name[:20]}" in shown and f"（{lead}）" in shown  # names
    assert shown.count("共通語") == len(piped)
    out = tmp_path / "overlap.xlsx"
    assert main(args + ["-o", str(out)]) == 0
    assert out.stat().st_mode & 0o777 == 0o644  # as report's files


def test_an_unreadable_against_table_is_said_in_japanese_and_english(capsys, settings, tmp_path):
    bad = tmp_path / "next_year.csv"
    bad.write_text("a,b\n1,2\n", encoding="utf-8")
    assert main(["similar", "--against", str(bad), "--cache-dir", str(settings.cache_dir)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("エラー: --against の表") and "(error: --against" in err and "必要な列がありません" in err
    assert main(["similar", "--against", str(tmp_path / "missing.csv"), "--cache-dir", str(settings.cache_dir)]) == 1
    assert "ファイルがありません" in capsys.readouterr().err


def test_progress_into_a_log_file_is_one_line_a_phase_and_nothing_for_no_work(monkeypatch):
    log = io.StringIO()
    monkeypatch.setattr(sys, "stderr", log)
    tick = cli._progress_bar("index")
    tick(0, 1, "embedding")  # nothing embedded: no bar, no line
    for done in (0, 32, 64):
        tick(done, 64, "terms")
    assert log.getvalue() == "index: terms (64)\n"


def test_the_confidence_histogram_counts_each_row_as_its_table_cell_reads():
    s = Summary()
    weak = Match(rank=1, id="04-03", name="テレワークの普及", chapter="04", lead=("内閣官房",), ministries=(),
                 confidence=0.05, related=True, evidence=())
    s.add(RowReport(row=1, query="q", columns={}, outcome="none", confidence=0.136, matches=(weak,)))
    assert s.top_confidence[1] == 1 and sum(s.top_confidence) == 1  # 0.136 is in 0.1–0.2


def test_charts_have_whole_number_ticks_headings_and_no_category_log_lines(caplog, cards):
    with caplog.at_level(logging.INFO, logger="matplotlib"):
        fig = charts.chapter_chart({"02": 1, "03": 3, "04": 1}, cards.cards)
    labels = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    assert any(label.startswith("03 準公共分野") for label in labels)
    # a long heading loses its parenthesis whole, not cut mid-list (「…（教育・医療・防災…」)
    assert "03 準公共分野のデジタル化" in labels and not any("（" in label for label in labels)
    assert all(float(t).is_integer() for t in fig.axes[0].get_xticks())
    assert not [r for r in caplog.records if "categorical units" in r.getMessage()]
    outcome = charts.outcome_chart({"answer": 5, "uncertain": 1, "none": 1})
    assert [t.get_text() for t in outcome.axes[0].get_yticklabels()] == ["該当なし", "不確か", "回答"]
