"""Query reports (`seisaku report`): real question files in every input and output format, and every bad input."""

import base64
import html
import csv
import json
import os
from html.parser import HTMLParser
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from app.cli import main
from index.evaluate import QUESTIONS
from index.report import ReportError, ReportOptions, build_report, open_questions, search_many

QUERIES = [json.loads(line) for line in QUESTIONS.read_text(encoding="utf-8").splitlines() if line.strip()]


def _question_csv(path: Path, n: int = 40, encoding: str = "utf-8-sig") -> list[dict]:
    qs = QUERIES[:n]
    with open(path, "w", encoding=encoding, newline="") as f:
        w = csv.writer(f)
        w.writerow(["番号", "質問", "種別"])
        for q in qs:
            w.writerow([q["qid"], q["query"], q.get("type", "")])
    return qs


class _Page(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags, self.images, self.articles, self.links = [], [], 0, []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.tags.append(tag)
        if tag == "img":
            self.images.append(a.get("src", ""))
        if tag == "article":
            self.articles += 1
        for k in ("href", "src"):
            if a.get(k, "").startswith(("http:", "https:", "//")):
                self.links.append(a[k])


@pytest.fixture(scope="module")
def report_files(retriever, tmp_path_factory):
    """One report of 40 real questions (CSV with carried columns) in all four formats."""
    d = tmp_path_factory.mktemp("report")
    qs = _question_csv(d / "questions.csv")
    outputs = {fmt: d / f"out.{fmt}" for fmt in ("xlsx", "csv", "html", "jsonl")}
    summary = build_report(retriever, open_questions(d / "questions.csv"), outputs, ReportOptions(top_k=3))
    return qs, outputs, summary


def test_jsonl_has_one_object_per_row_in_input_order_with_the_issue_shape(report_files):
    qs, outputs, summary = report_files
    lines = [json.loads(x) for x in outputs["jsonl"].read_text(encoding="utf-8").splitlines()]
    assert [x["query"] for x in lines] == [q["query"] for q in qs]
    assert [x["row"] for x in lines] == list(range(2, len(qs) + 2))  # spreadsheet rows: the header is row 1
    for x, q in zip(lines, qs):
        assert x["columns"] == {"番号": q["qid"], "種別": q.get("type", "")}
        assert x["outcome"] in ("answer", "uncertain", "none")
        assert (x["results"] == []) == (x["outcome"] == "none")
        for h in x["results"]:
            assert set(h) >= {"id", "name", "score", "lead", "ministries", "related", "evidence"}
            assert 0.0 <= h["score"] <= 1.0  # a confidence, never a raw fused score
            assert all(set(e) == {"text", "field", "start", "end"} for e in h["evidence"])
    # the answers are the search's: a question whose relevant card is known finds it first
    hits = sum(1 for x, q in zip(lines, qs) if x["results"] and x["results"][0]["id"] in q.get("relevant", []))
    assert hits >= len([q for q in qs if q.get("relevant")]) * 0.6
    assert summary.rows == len(qs) and sum(summary.outcomes.values()) == len(qs)


def test_a_row_counts_as_answers_exactly_the_cards_the_chat_counts(report_files, retriever):
    from index.assist import search_question

    qs, outputs, _ = report_files
    lines = [json.loads(x) for x in outputs["jsonl"].read_text(encoding="utf-8").splitlines()]
    shown_not_answers = 0
    for x, q in zip(lines, qs):
        # what the chat counts as 「N 件」: the one answer path's (a field question counted as the chat counts it)
        answers = search_question(retriever, q["query"], top_k=3).answers
        assert [h["id"] for h in x["results"] if not h["related"]] == [h.card.id for h in answers][:3], q
        shown_not_answers += sum(h["related"] for h in x["results"])
        # a card below the answer line is never counted, whatever its rank
        assert all(h["score"] >= 0.5 for h in x["results"][1:] if not h["related"]), q
    assert shown_not_answers > 0  # the top-k shown are not all answers


def test_xlsx_has_summary_matches_and_coverage_sheets_readable_in_excel(report_files, cards):
    qs, outputs, _ = report_files
    wb = load_workbook(outputs["xlsx"])
    assert wb.sheetnames == ["要約", "一致", "網羅", "工程表", "数値目標"]
    m = wb["一致"]
    header = [c.value for c in m[1]]
    assert header[:7] == ["行", "番号", "種別", "質問", "判定", "信頼度", "信頼度区分"]
    assert "1位 施策番号" in header and "3位 根拠" in header
    assert m.freeze_panes == "B2" and m.column_dimensions["D"].width >= 30
    assert m.max_row == len(qs) + 1
    assert m["D2"].value == qs[0]["query"] and m["D2"].alignment.wrap_text
    assert m["E2"].value in ("回答", "不確か", "該当なし")
    cov = wb["網羅"]
    assert cov.max_row == len(cards) + 1  # every card, matched or not
    counts = [r[4] for r in cov.iter_rows(min_row=2, values_only=True)]
    assert counts == sorted(counts, reverse=True) and sum(counts) > 0
    s = wb["要約"]
    assert s["A1"].value.startswith("施策マッチングレポート")
    assert len(s._images) == 4 and all(len(img._data()) > 2000 for img in s._images)
    # the 工程表 of the cards some row matched as an answer, one row per milestone
    matched = {r[0] for r in cov.iter_rows(min_row=2, values_only=True) if r[4]}
    road = list(wb["工程表"].values)
    assert road[0][:6] == ("施策番号", "施策名", "章", "主担当", "時期", "種別")
    assert road[1:] and {r[0] for r in road[1:]} <= matched


def test_html_is_one_self_contained_page_with_charts_and_a_section_per_row(report_files):
    qs, outputs, _ = report_files
    text = outputs["html"].read_text(encoding="utf-8")
    page = _Page()
    page.feed(text)
    assert page.articles == len(qs) and not page.links
    assert len(page.images) == 5  # four summary charts and the 工程表 of the matched cards
    assert "id='roadmap'" in text
    for src in page.images:
        assert src.startswith("data:image/png;base64,")
        data = base64.b64decode(src.split(",", 1)[1])
        assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 5000
    assert "判定ごとの行数" in text
    assert qs[0]["query"] in text


def test_csv_is_one_line_per_row_with_a_bom_for_excel(report_files):
    qs, outputs, _ = report_files
    raw = outputs["csv"].read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(raw.decode("utf-8-sig").splitlines()))
    assert len(rows) == len(qs) + 1 and rows[1][3] == qs[0]["query"]
    assert rows[0][-1].startswith("参考")


def test_card_text_and_questions_are_escaped_in_html(retriever, tmp_path):
    src = tmp_path / "q.txt"
    src.write_text("<script>alert(1)</script> テレワーク\n", encoding="utf-8")
    build_report(retriever, open_questions(src), {"html": tmp_path / "r.html"})
    text = (tmp_path / "r.html").read_text(encoding="utf-8")
    assert "<script>alert" not in text and "&lt;script&gt;alert(1)&lt;/script&gt;" in text


def test_rows_with_nothing_to_search_are_no_answer_with_a_reason(retriever, tmp_path):
    # a formula pasted from a sheet, a number, a URL, punctuation and an empty question cell: no card answers any
    # (before: 「=1+2」 was 回答 at 0.998, 「2026」 at 0.95, the URL at 0.59; the empty cell was left out)
    src = tmp_path / "q.csv"
    src.write_text("番号,質問\n1,=1+2\n2,テレワークを推進する施策は？\n3,2026\n4,https://example.com/foo\n5,？？！\n"
                   "6,\n7,@SUM(A1)\n8,04-03\n", encoding="utf-8")
    outs = {"jsonl": tmp_path / "r.jsonl", "xlsx": tmp_path / "r.xlsx", "html": tmp_path / "r.html"}
    summary = build_report(retriever, open_questions(src), outs)
    lines = {x["columns"]["番号"]: x for x in map(json.loads, outs["jsonl"].read_text(encoding="utf-8").splitlines())}
    assert list(lines) == ["1", "2", "3", "4", "5", "6", "7", "8"]  # every row, in input order
    reasons = {k: x.get("reason") for k, x in lines.items() if x["outcome"] == "none"}
    assert reasons == {"1": "表計算の数式で、検索する語がありません", "3": "数字と記号だけで、検索する語がありません（施策番号は 04-03 の形で）",
                       "4": "URL だけで、検索する語がありません", "5": "文字も数字もなく、検索する語がありません",
                       "6": "質問の欄が空です", "7": "表計算の数式で、検索する語がありません"}
    assert all(lines[k]["confidence"] == 0 and lines[k]["results"] == [] for k in reasons)
    assert lines["2"]["results"][0]["id"] == "04-03" and lines["8"]["results"][0]["id"] == "04-03"  # a 施策番号 is one
    assert summary.outcomes["none"] == 6 and summary.rows == 8
    m = load_workbook(outs["xlsx"])["一致"]
    header = [c.value for c in m[1]]
    col = header.index("該当なしの理由")
    assert [r[col] for r in m.iter_rows(min_row=2, max_row=2, values_only=True)] == ["表計算の数式で、検索する語がありません"]
    assert "理由: 質問の欄が空です" in outs["html"].read_text(encoding="utf-8")


# ----------------------------------------------------------------------------------------------- inputs

def test_cp932_text_file_one_question_a_line(retriever, tmp_path):
    src = tmp_path / "questions.txt"
    src.write_bytes("テレワークの普及\n\n原子力発電所の再稼働に向けた取り組みは？\nデジタル教科書\n".encode("cp932"))
    build_report(retriever, open_questions(src), {"jsonl": tmp_path / "r.jsonl"})
    lines = [json.loads(x) for x in (tmp_path / "r.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [x["row"] for x in lines] == [1, 3, 4]  # the blank line is skipped, rows keep their line numbers
    assert lines[0]["results"][0]["id"] == "04-03" and lines[1]["outcome"] == "none" and lines[1]["near"]
    assert lines[2]["results"][0]["id"] == "03-06"


def test_bom_csv_and_cp932_csv_read_the_same(tmp_path):
    _question_csv(tmp_path / "bom.csv", 5, "utf-8-sig")
    _question_csv(tmp_path / "sjis.csv", 5, "cp932")
    a, b = open_questions(tmp_path / "bom.csv"), open_questions(tmp_path / "sjis.csv")
    assert a.header == b.header == ["番号", "質問", "種別"] and a.column_name == "質問"
    assert list(a.rows()) == list(b.rows())


def test_xlsx_input_column_by_letter_or_name_and_jsonl_input(retriever, tmp_path):
    wb = Workbook()
    ws = wb.active
    ws.append(["No", "自治体の取組", "担当課"])
    ws.append([1, "高齢者のスマホ教室を開く", "情報政策課"])
    ws.append([2, "学校の1人1台端末を更新する", "教育委員会"])
    wb.save(tmp_path / "plan.xlsx")
    t = open_questions(tmp_path / "plan.xlsx", "B")
    assert t.column_name == "自治体の取組" and t.carried == ["No", "担当課"]
    assert open_questions(tmp_path / "plan.xlsx", "自治体の取組").column == 1
    build_report(retriever, t, {"jsonl": tmp_path / "r.jsonl"})
    lines = [json.loads(x) for x in (tmp_path / "r.jsonl").read_text(encoding="utf-8").splitlines()]
    assert lines[1]["columns"] == {"No": "2", "担当課": "教育委員会"} and lines[1]["results"][0]["id"] == "03-01"
    (tmp_path / "q.jsonl").write_text(
        "\n".join(json.dumps({"id": q["qid"], "query": q["query"]}, ensure_ascii=False) for q in QUERIES[:3]),
        encoding="utf-8")
    j = open_questions(tmp_path / "q.jsonl")
    assert j.column_name == "query" and [r.columns["id"] for r in j.rows()] == [q["qid"] for q in QUERIES[:3]]


def test_search_many_answers_in_input_order_like_search(retriever):
    qs = [q["query"] for q in QUERIES[:12]] + ["テレワーク"]
    many = search_many(retriever, qs, top_k=3)
    assert [r.query for r in many] == qs
    for q, res in zip(qs, many):
        assert [h.card.id for h in res.results] == [h.card.id for h in retriever.search(q, top_k=3).results]


# ----------------------------------------------------------------------------------------------- bad input

def _nothing_written(folder: Path, keep: set[str]) -> bool:
    return {p.name for p in folder.iterdir()} == keep


def test_empty_file_is_refused_in_japanese(tmp_path):
    (tmp_path / "empty.csv").write_bytes(b"")
    (tmp_path / "blank.txt").write_text("\n \n", encoding="utf-8")
    for name in ("empty.csv", "blank.txt"):
        with pytest.raises(ReportError, match="空のファイル"):
            open_questions(tmp_path / name)
    (tmp_path / "header.csv").write_text("質問\n", encoding="utf-8")
    with pytest.raises(ReportError, match="質問の行がありません"):
        build_report(None, open_questions(tmp_path / "header.csv"), {"csv": tmp_path / "r.csv"})
    assert not (tmp_path / "r.csv").exists()


def test_missing_column_lists_the_columns_there_are(tmp_path, capsys):
    _question_csv(tmp_path / "q.csv", 3)
    with pytest.raises(ReportError) as e:
        open_questions(tmp_path / "q.csv", "問い合わせ内容")
    assert "A:番号、B:質問、C:種別" in e.value.ja and "available columns" in e.value.en
    assert main(["report", str(tmp_path / "q.csv"), "--column", "問い合わせ内容", "-o", str(tmp_path / "r.xlsx")]) == 1
    err = capsys.readouterr().err
    assert "列「問い合わせ内容」がありません" in err and "B:質問" in err
    assert _nothing_written(tmp_path, {"q.csv"})


def test_a_1mb_cell_is_cut_to_the_question_cap_and_to_excels_cell_limit(retriever, tmp_path):
    big = "テレワーク" * 200_000  # 1,000,000 characters
    with open(tmp_path / "big.csv", "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["質問", "メモ"])
        w.writerow([big, big])
        w.writerow(["デジタル教科書", "短いメモ"])
    t = open_questions(tmp_path / "big.csv")
    rows = list(t.rows())
    assert rows[0].truncated and len(rows[0].query) == 2000 and len(rows[0].columns["メモ"]) == 1_000_000
    summary = build_report(retriever, t, {"xlsx": tmp_path / "r.xlsx", "jsonl": tmp_path / "r.jsonl"})
    assert summary.truncated == 1
    ws = load_workbook(tmp_path / "r.xlsx")["一致"]
    assert len(ws["B2"].value) == 32_767 and ws["C3"].value == "デジタル教科書"
    assert json.loads((tmp_path / "r.jsonl").read_text(encoding="utf-8").splitlines()[0])["truncated"] is True


def test_binary_and_password_protected_workbooks_are_named_as_such(tmp_path):
    (tmp_path / "blob.csv").write_bytes(bytes(range(256)) * 10)
    with pytest.raises(ReportError, match="読み込めません"):
        open_questions(tmp_path / "blob.csv")
    # an encrypted .xlsx is an OLE2 compound file, not a zip (as Excel writes it with a password)
    (tmp_path / "locked.xlsx").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 4000)
    with pytest.raises(ReportError, match="パスワード付き"):
        open_questions(tmp_path / "locked.xlsx")
    (tmp_path / "broken.xlsx").write_bytes(b"PK\x03\x04 not really a workbook")
    with pytest.raises(ReportError, match="読み込めません"):
        open_questions(tmp_path / "broken.xlsx")


def test_more_rows_than_the_limit_is_refused_before_any_search(tmp_path, capsys):
    (tmp_path / "many.txt").write_text("テレワーク\n" * 51, encoding="utf-8")
    with pytest.raises(ReportError, match="上限 50 行"):
        build_report(None, open_questions(tmp_path / "many.txt"), {"jsonl": tmp_path / "r.jsonl"}, max_rows=50)
    assert main(["report", str(tmp_path / "many.txt"), "--max-rows", "50", "-o", str(tmp_path / "r.csv")]) == 1
    assert "上限 50 行" in capsys.readouterr().err
    assert _nothing_written(tmp_path, {"many.txt"})


def test_output_in_a_missing_or_unwritable_folder_is_refused_and_nothing_is_written(tmp_path, capsys):
    (tmp_path / "q.txt").write_text("テレワーク\n", encoding="utf-8")
    missing = tmp_path / "no" / "such" / "r.xlsx"
    assert main(["report", str(tmp_path / "q.txt"), "-o", str(missing)]) == 1
    assert "出力先のフォルダがありません" in capsys.readouterr().err and not missing.parent.exists()
    locked = Path("/proc/seisaku-report.xlsx")  # a folder nobody can create files in, root included
    assert main(["report", str(tmp_path / "q.txt"), "-o", str(locked)]) == 1
    assert "書き込めません" in capsys.readouterr().err
    if os.geteuid() != 0:
        ro = tmp_path / "ro"
        ro.mkdir(mode=0o500)
        assert main(["report", str(tmp_path / "q.txt"), "-o", str(ro / "r.csv")]) == 1
    assert _nothing_written(tmp_path, {"q.txt"} | ({"ro"} if os.geteuid() != 0 else set()))


def test_an_interrupted_run_leaves_nothing_at_the_output_path(retriever, tmp_path):
    (tmp_path / "q.txt").write_text("\n".join(q["query"] for q in QUERIES[:80]), encoding="utf-8")
    old = tmp_path / "r.xlsx"
    old.write_bytes(b"the previous report")

    def interrupt(done, total):
        if done >= 32:
            raise KeyboardInterrupt

    outputs = {fmt: tmp_path / f"r.{fmt}" for fmt in ("xlsx", "csv", "html", "jsonl")}
    with pytest.raises(KeyboardInterrupt):
        build_report(retriever, open_questions(tmp_path / "q.txt"), outputs, ReportOptions(batch_size=16),
                     progress=interrupt)
    assert _nothing_written(tmp_path, {"q.txt", "r.xlsx"}) and old.read_bytes() == b"the previous report"


@pytest.mark.slow
def test_cli_report_writes_the_format_of_the_suffix(tmp_path, capsys, settings):
    _question_csv(tmp_path / "q.csv", 6)
    out = tmp_path / "r.html"
    assert main(["report", str(tmp_path / "q.csv"), "-o", str(out), "--top-k", "2",
                 "--cache-dir", str(settings.cache_dir)]) == 0
    assert out.read_text(encoding="utf-8").startswith("<!doctype html>")
    assert "6 行" in capsys.readouterr().err


def _answer_ids(jsonl: Path) -> set[str]:
    return {h["id"] for x in map(json.loads, jsonl.read_text(encoding="utf-8").splitlines())
            for h in x["results"] if not h["related"]}


def test_kpi_target_sheet_lists_the_matched_cards_targets_or_says_they_have_none(retriever, cards, tmp_path):
    from index.roadmap import roadmaps, table_year

    road = dict(zip((c.id for c in cards), roadmaps(cards, table_year(cards))))
    # a small report whose answer cards (04-03 and the 被災者支援 cards) carry KPIs without figures: the sheet
    # used to be a bare header row, which read as a failure
    for name, questions, has_targets in (("plain", "テレワークを推進する施策は？\n被災者支援に関する施策\n", False),
                                         ("edtech", "EdTechの学校への導入\n", True),
                                         ("nothing", "年金の受給開始年齢を引き上げる施策は？\n", False)):
        src = tmp_path / f"{name}.txt"
        src.write_text(questions, encoding="utf-8")
        outs = {"xlsx": tmp_path / f"{name}.xlsx", "jsonl": tmp_path / f"{name}.jsonl", "html": tmp_path / f"{name}.html"}
        build_report(retriever, open_questions(src), outs, ReportOptions(top_k=3))
        matched = _answer_ids(outs["jsonl"])
        expected = [(i, t.value) for i in sorted(matched) for t in road[i].targets]
        assert bool(expected) == has_targets, (name, matched)
        rows = list(load_workbook(outs["xlsx"])["数値目標"].iter_rows(min_row=2, values_only=True))
        page = outs["html"].read_text(encoding="utf-8")
        if has_targets:  # one row a target of a matched card, its figure a number
            assert [(r[0], r[3]) for r in rows] == expected
            assert "<h3>数値目標 (KPI)</h3><div" in page
        else:  # one line that says why, naming the cards it looked at
            assert len(rows) == 1 and rows[0][0].endswith("は目標として数えていません。" if matched else "はありません。")
            assert all(i in rows[0][0] for i in matched) and "数値目標" in rows[0][0]
            assert rows[0][0] in html.unescape(page)
        if not matched:
            assert list(load_workbook(outs["xlsx"])["工程表"].values)[1][0].startswith("回答として一致した施策がないため")


def test_a_row_that_asks_a_field_of_a_measure_is_searched_by_the_measure_when_the_question_finds_nothing(retriever):
    # the search alone refuses 「学校の端末配備は誰が主担当？」 (its field words are no topic); the chat answers 03-01
    from index.assist import measure_asked
    from index.report.query import ReportOptions, answer_rows
    from index.report.table import InputRow

    assert retriever.search("学校の端末配備は誰が主担当？").abstained  # the question as written
    assert measure_asked("学校の端末配備は誰が主担当？").startswith("学校の端末配備")  # (the field's words cut)
    assert measure_asked("KPIが空欄の施策は？") is None  # a list by a cell: no field of one measure
    assert measure_asked("担当は？") is None  # no measure named
    rows = [InputRow(2, "学校の端末配備は誰が主担当？", {}), InputRow(3, "学校の端末配備の担当は？", {})]
    for r in answer_rows(retriever, rows, ReportOptions(top_k=3)):
        assert r.outcome == "answer" and r.matches[0].id == "03-01", r.query
