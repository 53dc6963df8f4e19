"""The web app's report tabs: preview and column choice, every download, limits, pruned outputs, overlap views."""

import csv
import threading
from pathlib import Path

import pytest
from openpyxl import load_workbook

import app.ui_reports as ur
from app.ui import build_app
from app.ui_reports import LIMITS, against_view, overlap_view, preview_upload, run_report


@pytest.fixture(autouse=True)
def own_output_root(tmp_path_factory, monkeypatch):
    # other servers and test runs on this machine prune the shared folder: each test counts only its own
    monkeypatch.setattr(ur, "OUTPUT_ROOT", tmp_path_factory.mktemp("seisaku-reports"))


def _upload(tmp_path: Path, rows: list[list[str]], name: str = "plan.csv", encoding: str = "cp932") -> Path:
    p = tmp_path / name
    with open(p, "w", encoding=encoding, newline="") as f:
        csv.writer(f).writerows(rows)
    return p


def test_preview_offers_the_columns_and_the_first_rows(tmp_path):
    p = _upload(tmp_path, [["No", "取組内容", "担当"], ["1", "テレワークを広げる", "人事課"], ["2", "遠隔医療", "保健課"]])
    choices, chosen, rows, headers, msg = preview_upload(str(p))
    assert choices == ["No", "取組内容", "担当"] and chosen == "No"  # no question-like header: the first column
    assert rows[0] == ["1", "テレワークを広げる", "人事課"] and "plan.csv" in msg
    assert preview_upload(None)[0] == []


def test_a_report_run_gives_summary_charts_and_four_downloads_in_a_temp_folder(retriever, tmp_path):
    p = _upload(tmp_path, [["No", "取組内容"], ["1", "テレワークを広げる"], ["2", "原子力発電所の再稼働"],
                           ["3", "学校の1人1台端末"]])
    res = run_report(retriever, str(p), "取組内容", top_k=2)
    assert "3 行を処理しました" in res["message"] and "<table>" in res["summary_html"]
    assert len(res["figures"]) == 4
    files = [Path(f) for f in res["files"]]
    assert sorted(f.suffix for f in files) == [".csv", ".html", ".jsonl", ".xlsx"]
    assert all(f.parent.parent == ur.OUTPUT_ROOT and f.stat().st_size > 0 for f in files)
    ws = load_workbook(next(f for f in files if f.suffix == ".xlsx"))["一致"]
    assert ws["C2"].value == "テレワークを広げる" and ws["G2"].value == "04-03"
    assert {x.name for x in tmp_path.iterdir()} == {"plan.csv"}  # nothing beside the upload


def test_web_limits_are_told_in_japanese_and_leave_no_files(retriever, tmp_path, monkeypatch):
    big = tmp_path / "big.txt"
    big.write_bytes(b"a" * (LIMITS["max_bytes"] + 1))
    assert "上限" in run_report(retriever, str(big))["message"]
    monkeypatch.setitem(LIMITS, "max_rows", 5)
    many = tmp_path / "many.txt"
    many.write_text("テレワーク\n" * 6, encoding="utf-8")
    before = set(ur.OUTPUT_ROOT.iterdir()) if ur.OUTPUT_ROOT.exists() else set()
    res = run_report(retriever, str(many))
    assert "上限 5 行" in res["message"] and res["files"] == []
    assert set(ur.OUTPUT_ROOT.iterdir()) == before
    monkeypatch.setitem(LIMITS, "max_seconds", -1)  # a run past its time stops and writes nothing
    res = run_report(retriever, str(_upload(tmp_path, [["質問"], ["テレワーク"]], "t.csv")))
    assert "時間の上限" in res["message"] and res["files"] == []


def test_output_folders_are_pruned_to_the_limit_once_released(monkeypatch, tmp_path):
    monkeypatch.setattr(ur, "OUTPUT_ROOT", tmp_path / "outs")
    monkeypatch.setitem(LIMITS, "keep_reports", 3)
    monkeypatch.setattr(ur, "RELEASED_GRACE_SECONDS", 0)
    held = ur.output_folder()  # a report still writing: never pruned (issue 22)
    made = []
    for _ in range(6):
        made.append(ur.output_folder())
        ur.release(made[-1])
    kept = sorted(p for p in (tmp_path / "outs").iterdir())
    assert held in kept and made[-1] in kept and len(kept) <= 4
    ur.release(held)


def test_two_reports_at_once_both_complete(retriever, tmp_path):
    ps = [_upload(tmp_path, [["質問"], ["テレワーク"], ["遠隔医療"], ["被災者台帳"]], f"q{i}.csv") for i in range(2)]
    results = [None, None]

    def work(i):
        results[i] = run_report(retriever, str(ps[i]))

    threads = [threading.Thread(target=work, args=(i,)) for i in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert all(len(r["files"]) == 4 for r in results)
    assert results[0]["files"][0] != results[1]["files"][0]


def test_overlap_view_gives_heatmap_map_points_and_pairs(retriever):
    res = overlap_view(retriever, 0.45)
    assert len(res["map"]) == len(retriever.cards) and set(res["map"].columns) == {"x", "y", "主担当", "施策"}
    assert res["pairs"] and all(row[6] >= 0.45 for row in res["pairs"])
    assert len(res["files"]) == 4 and "ペア" in res["message"]
    assert len(overlap_view(retriever, 0.3)["pairs"]) > len(res["pairs"])


def test_against_view_labels_an_uploaded_table(retriever, tmp_path, cards):
    rows = [["施策番号", "施策名", "概要"]] + [[c.id, c.name, c.overview] for c in cards.cards[:5]]
    rows.append(["99-01", "月面探査車の遠隔操縦", "月面で探査車を地球から遠隔操縦する技術を開発する。"])
    res = against_view(retriever, str(_upload(tmp_path, rows, "next.csv", "utf-8-sig")))
    labels = [r[3] for r in res["rows"]]
    assert labels[:5] == ["継続"] * 5 and labels[5] == "新規" and labels.count("終了・対応なし") == len(cards) - 5
    assert len(res["files"]) == 4
    assert "エラー" in against_view(retriever, str(_upload(tmp_path, [["a", "b"], ["1", "2"]], "bad.csv")))["message"]


def test_the_app_has_the_report_tabs(retriever):
    demo = build_app(retriever)
    labels = [getattr(b, "label", None) for b in demo.blocks.values()]
    assert "レポート" in labels and "重複・類似" in labels and "質問の列" in labels and "類似度の閾値" in labels


def test_a_text_upload_runs_with_the_column_its_preview_offers(retriever, tmp_path):
    p = tmp_path / "questions.txt"
    p.write_text("テレワークの普及\nデジタル教科書\n", encoding="utf-8")
    choices, chosen, *_ = preview_upload(str(p))
    assert choices == ["質問"] and chosen == "質問"
    res = run_report(retriever, str(p), column=chosen)
    assert res["files"] and "2 行" in res["message"]


def _handler(demo, name: str):
    return next(d.fn for d in demo.fns.values() if getattr(d.fn, "__name__", "") == name)


def test_the_report_tab_shows_charts_and_downloads_only_with_a_report_of_the_file_chosen(retriever, tmp_path):
    # before: four empty chart frames and an empty (droppable) download box under the button from the start, and a
    # new upload kept the last file's report on show
    demo = build_app(retriever)
    downloads = next(b for b in demo.blocks.values() if getattr(b, "label", "") == "ダウンロード (XLSX / CSV / HTML / JSONL)")
    plots = [b for b in demo.blocks.values() if type(b).__name__ == "Plot" and b.label in ("判定", "信頼度", "章", "主担当府省庁")]
    assert not downloads.visible and not downloads.interactive and len(plots) == 4
    on_run, on_upload = _handler(demo, "on_run"), _handler(demo, "on_upload")
    p = _upload(tmp_path, [["No", "取組内容"], ["1", "テレワークを広げる"]])
    out = on_run(str(p), "取組内容", [], False, [], 3)
    message, files, rows = out[0], out[6], out[7:]
    assert "1 行を処理しました" in message and len(files["value"]) == 4 and files["visible"]
    assert all(r["visible"] for r in rows)
    bad = on_run(str(_upload(tmp_path, [["No", "取組内容"]], "empty.csv")), None, [], False, [], 3)  # no rows
    assert bad[0].startswith("エラー") and not bad[6]["visible"] and not any(r["visible"] for r in bad[7:])
    after_upload = on_upload(str(p))
    assert after_upload[3] == "" and not any(u["visible"] for u in after_upload[4:])
