"""The 施策集 parser and the generic importers, on the real seed table and on hand-made bad input."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from index.corpus import (BUNDLED_TABLE, MARK_COLUMNS, CorpusError, Ministry, load_cards, parse_ministries,
                          split_bullets, write_jsonl)

SEED = Path(__file__).resolve().parents[2] / "shared" / "seed" / "000_45a8414857e4e072.txt"

ALL_IDS = (
    "02-05 02-06 02-07 02-08 02-09 02-10 03-01 03-02 03-03 03-04 03-05 03-06 03-07 03-08 03-09 03-10 03-11 "
    "03-12 03-13 03-14 03-15 03-16 03-17 03-18 03-19 03-20 03-21 03-41 03-42 03-43 03-44 03-45 04-01 04-02 "
    "04-03 05-30 05-31 05-32 05-33 05-34 05-35 05-36 06-01 06-02 06-03 06-04 06-05 06-06 06-07 06-08 06-09 "
    "06-10 06-11 07-01 07-02 07-03 07-04 07-05 07-06 07-07 07-08 07-09 07-10 07-11"
).split()


@pytest.fixture(scope="module")
def seed():
    return load_cards()


def test_bundled_table_is_the_seed_byte_for_byte():
    if not SEED.exists():
        pytest.skip("../shared/seed not beside this checkout")
    assert BUNDLED_TABLE.read_bytes() == SEED.read_bytes()


def test_seed_parses_into_64_cards_in_table_order(seed):
    assert [c.id for c in seed] == ALL_IDS
    assert not seed.errors and seed.skipped == 0
    assert all(c.chapter == c.id[:2] for c in seed)
    assert all(c.name and c.overview and c.bullets for c in seed)


def test_overview_is_plain_text_with_one_bullet_per_line(seed):
    card = seed.by_id()["02-05"]
    assert "<ul" not in card.overview and "list-style" not in card.overview
    assert len(card.bullets) == 5
    assert card.bullets[0].startswith("警察では、現場の警察活動の支援")
    assert card.overview == "\n".join(card.bullets)
    # hyphens inside words are text, not bullet markers
    assert any("遠隔医療モデル参考書-医師対医師の遠隔医療" in b for b in seed.by_id()["03-09"].bullets)
    # full-width hyphen bullets (block 6) and unspaced ones (block 3)
    assert len(seed.by_id()["06-01"].bullets) == 3
    assert seed.by_id()["03-12"].bullets[0].startswith("「予防接種に関する基本的な計画」")


def test_empty_kpis_stay_empty_and_text_is_cited_verbatim(seed):
    card = seed.by_id()["05-35"]
    assert card.kpi_progress == "" and card.kpi_effect == ""
    assert "发出" in card.overview  # the defect is reported, not silently fixed
    assert seed.by_id()["04-01"].kpi_progress == "未設定"


def test_text_defects_are_warnings(seed):
    messages = [str(p) for p in seed.warnings]
    assert any("02-10" in m and "设" in m for m in messages)
    assert any("05-35" in m and "发" in m for m in messages)
    assert any("07-08" in m and "關" in m for m in messages)
    assert any("07-10" in m and "「」" in m for m in messages)


def test_ministries_with_several_leads_parentheses_and_abbreviations(seed):
    cards = seed.by_id()
    assert cards["03-19"].lead_ministries == ("内閣府", "内閣官房")
    assert cards["03-21"].lead_ministries == ("内閣府", "内閣官房", "厚生労働省")
    drone = cards["04-02"]
    assert drone.lead_ministries == ("内閣官房",)
    assert [m.name for m in drone.ministries][:3] == ["内閣官房", "内閣府", "警察庁"]
    assert "国土交通省" in [m.name for m in drone.ministries]
    assert "内閣官房小型無人機等対策推進室" in drone.ministries_raw
    assert Ministry("経済産業省", False) in cards["04-01"].ministries  # 経産省
    assert Ministry("関係府省庁", False) in cards["03-16"].ministries
    assert cards["03-11"].lead_ministries == ("内閣府",)  # the lead is not always first


def test_article_marks_are_placed_by_their_header_cell_and_guide_marks_only_where_the_row_matches(seed):
    cards = seed.by_id()
    # 02-10 has 15 mark cells for 14 columns, but its marks stand in cells 5 and 6, which every block's header labels
    # 10条 and 11条1項2項 (the rows drift only further right, where the 手引 and 府省庁名 cells are)
    assert [(m.column, m.symbol) for m in cards["02-10"].marks] == [("10条", "◎"), ("11条1項2項", "◎")]
    assert [(m.column, m.symbol) for m in cards["05-34"].marks] == [("11条3項", "◎"), ("12条", "◎")]
    # 03-43 has exactly one cell per header column: its marks are certain.
    assert [(m.column, m.symbol) for m in cards["03-43"].marks] == [
        ("11条1項2項", "◎"), ("11条3項", "◎"), ("17条", "○"), ("18条", "◎"), ("19条", "○"), ("市町村", "○")]
    assert not cards["03-43"].unresolved_marks
    # 02-06 has 15 mark cells for 14 columns and its ◎ stands past the articles: kept with its raw position, not guessed.
    (um,) = cards["02-06"].unresolved_marks
    assert (um.symbol, um.slot, um.slots, um.field) == ("◎", 13, 15, 19)
    assert not cards["02-06"].marks
    assert all(m.column in MARK_COLUMNS for c in seed for m in c.marks)
    assert sum(len(c.marks) for c in seed) + sum(len(c.unresolved_marks) for c in seed) == 54


def test_source_points_at_file_and_line(seed):
    card = seed.by_id()["07-11"]
    assert card.source.file == "sesakushu_2021.tsv" and card.source.line == 86
    line = BUNDLED_TABLE.read_text(encoding="utf-8").split("\n")[card.source.line - 1]
    assert line.startswith("07-11\t")


def test_split_bullets_and_parse_ministries_on_their_own():
    assert split_bullets('<ul style="x"> - 一つ目。 - 二つ目(Wi-Fi)。 </ul>') == ["一つ目。", "二つ目(Wi-Fi)。"]
    assert split_bullets("行1\n行2") == ["行1", "行2"]
    assert parse_ministries("◎国交省、経産省、◎デジタル庁") == (
        Ministry("国土交通省", True), Ministry("経済産業省", False), Ministry("デジタル庁", True))


# ------------------------------------------------------------------ other inputs

ROWS_JA = [
    ["施策番号", "施策名", "KPI(進捗)", "KPI(効果)", "課題・取組概要", "府省庁名"],
    ["A-1", "ガバメントクラウドの整備", "移行団体数", "", "- 自治体システムを標準化する。 - クラウドへ移行する。", "◎デジタル庁、総務省"],
    ["B-2", "ＩＴ人材の育成", "", "研修修了者数１万人", "人材を育成する。", "経産省"],
]
ROWS_EN = [["id", "name", "overview", "ministries"], ["x1", "Open data", "Publish datasets.", "◎デジタル庁"]]


def _check_generic(corpus):
    a, b = corpus.cards
    assert (a.id, a.name, a.kpi_progress, a.kpi_effect) == ("A-1", "ガバメントクラウドの整備", "移行団体数", "")
    assert a.bullets == ("自治体システムを標準化する。", "クラウドへ移行する。")
    assert a.lead_ministries == ("デジタル庁",) and a.chapter == ""
    assert b.kpi_effect == "研修修了者数１万人"  # cited text keeps its full-width digits
    assert b.ministries == (Ministry("経済産業省", False),)


def _delimited(rows, sep):
    return "\n".join(sep.join(r) for r in rows) + "\n"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp932"])
def test_csv_in_every_encoding(tmp_path, encoding):
    path = tmp_path / "table.csv"
    path.write_bytes(_delimited(ROWS_JA, ",").encode(encoding))
    _check_generic(load_cards(path))


def test_tsv_and_english_columns(tmp_path):
    path = tmp_path / "t.tsv"
    path.write_text(_delimited(ROWS_JA, "\t"), encoding="utf-8")
    _check_generic(load_cards(path))
    en = tmp_path / "en.csv"
    en.write_text(_delimited(ROWS_EN, ","), encoding="utf-8")
    (card,) = load_cards(en).cards
    assert (card.id, card.name, card.overview, card.lead_ministries) == ("x1", "Open data", "Publish datasets.",
                                                                        ("デジタル庁",))


def test_xlsx(tmp_path):
    from openpyxl import Workbook

    wb = Workbook()
    for row in ROWS_JA:
        wb.active.append([v or None for v in row])
    path = tmp_path / "table.xlsx"
    wb.save(path)
    _check_generic(load_cards(path))


def test_jsonl_round_trip_gives_identical_cards(seed, tmp_path):
    path = tmp_path / "cards.jsonl"
    write_jsonl(seed.cards, path)
    again = load_cards(path)
    assert again.cards == seed.cards
    plain = tmp_path / "plain.jsonl"
    plain.write_text(json.dumps({"id": "p1", "name": "段落", "overview": "本文です。"}, ensure_ascii=False) + "\n",
                     encoding="utf-8")
    (card,) = load_cards(plain).cards
    assert card.source.file == "plain.jsonl" and card.source.line == 1


# ------------------------------------------------------------------ bad input

def _errors(path, **kw):
    with pytest.raises(CorpusError) as e:
        load_cards(path, **kw)
    return [p for p in e.value.problems if p.severity == "error"]


def _write(tmp_path, name, text):
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


def test_duplicate_id_names_both_lines(tmp_path):
    p = _write(tmp_path, "d.csv", "id,name,overview\na,x,y\nb,x,y\na,z,w\n")
    (err,) = _errors(p)
    assert (err.file, err.line, err.field) == ("d.csv", 4, "id") and "line 2" in err.message


@pytest.mark.parametrize("row,field", [(",x,y", "id"), ("a,,y", "name"), ("a,x,", "overview")])
def test_missing_required_field(tmp_path, row, field):
    (err,) = _errors(_write(tmp_path, "m.csv", f"id,name,overview\n{row}\n"))
    assert (err.line, err.field) == (2, field)


def test_malformed_id_and_short_row_in_the_sesakushu_table(tmp_path):
    lines = BUNDLED_TABLE.read_text(encoding="utf-8").split("\n")
    lines[5] = lines[5].replace("02-06", "2-6", 1)
    lines[6] = "02-07\t交通規制"
    p = _write(tmp_path, "bad.txt", "\n".join(lines))
    errs = _errors(p)
    assert [(e.line, e.field) for e in errs] == [(6, "施策番号"), (7, "")]
    assert "NN-NN" in errs[0].message and "2 fields" in errs[1].message
    lenient = load_cards(p, lenient=True)
    assert len(lenient) == 62 and lenient.skipped == 2


def test_unknown_column(tmp_path):
    (err,) = _errors(_write(tmp_path, "u.csv", "id,name,overview,予算額\na,b,c,1\n"))
    assert (err.line, err.field) == (1, "予算額") and "unknown column" in err.message


def test_row_with_too_many_fields(tmp_path):
    (err,) = _errors(_write(tmp_path, "w.csv", "id,name,overview\na,b,c,d\n"))
    assert err.line == 2


def test_undecodable_byte_names_the_line(tmp_path):
    p = tmp_path / "bin.csv"
    p.write_bytes("id,name,overview\n".encode() + b"a,b,\x81\xff\n")
    (err,) = _errors(p)
    assert err.line == 2 and "0x81" in err.message


def test_empty_and_binary_files(tmp_path):
    assert "empty" in _errors(_write(tmp_path, "e.csv", "  \n"))[0].message
    b = tmp_path / "b.tsv"
    b.write_bytes(b"\x00\x01\x02binary")
    assert "binary" in _errors(b)[0].message
    assert "no such file" in _errors(tmp_path / "missing.csv")[0].message


def test_lenient_skips_bad_rows_with_a_count(tmp_path):
    p = _write(tmp_path, "l.csv", "id,name,overview\na,x,y\n,x,y\nc,x,y\na,x,y\n")
    corpus = load_cards(p, lenient=True)
    assert [c.id for c in corpus] == ["a", "c"] and corpus.skipped == 2
    assert all("skipped" in w.message for w in corpus.warnings)


def test_a_new_format_is_a_reader_and_one_line_in_the_registry(tmp_path, monkeypatch):
    # what adding a format takes (index/corpus/formats.py): a reader, and a Format in FORMATS that tells its files
    from index.corpus import Corpus, Format, PolicyCard, formats

    def read_titles(text, file, *, lenient=False):  # a toy format: one measure's name a line
        return Corpus([PolicyCard(id=f"01-{i:02d}", name=t, overview=t) for i, t in enumerate(text.split(), 1)])

    monkeypatch.setattr(formats, "FORMATS", (Format("titles", read_titles, (".titles",)), *formats.FORMATS))
    plan = tmp_path / "plan.titles"
    plan.write_bytes("電子契約の普及\r\nテレワークの推進\r\n".encode("cp932"))
    assert [c.name for c in load_cards(plan)] == ["電子契約の普及", "テレワークの推進"]  # decoded as every text is
    # told by its suffix only, it claims no other file: the 施策集 and a CSV read as before
    assert len(load_cards()) == 64
    assert [c.id for c in load_cards(_write(tmp_path, "t.csv", "id,name,overview\n1,a,b\n"))] == ["1"]


# ------------------------------------------------------------------ CLI contract

def _seisaku(*args):
    return subprocess.run([sys.executable, "-m", "app.cli", *args], capture_output=True, text=True,
                          cwd=Path(__file__).resolve().parents[1])


def test_cli_cards_json_prints_64_objects_with_the_contract_keys():
    r = _seisaku("cards", "--json")
    assert r.returncode == 0
    objs = [json.loads(line) for line in r.stdout.splitlines()]
    assert len(objs) == 64
    keys = {"id", "chapter", "name", "kpi_progress", "kpi_effect", "overview", "bullets", "ministries",
            "unresolved_marks", "source"}
    assert all(keys <= set(o) for o in objs)
    assert objs[0]["ministries"] == [{"name": "警察庁", "lead": True}]


def test_cli_check_reports_problems_and_exit_code(tmp_path):
    ok = _seisaku("cards", "--check", str(BUNDLED_TABLE))
    assert ok.returncode == 0 and "64 cards, 0 errors, 5 warnings" in ok.stdout
    assert "23 resolved, 31 unresolved (on 22 cards)" in ok.stdout  # article marks by their header cell
    bad = _write(tmp_path, "bad.csv", "id,name,overview\na,b,c\na,b,c\n")
    r = _seisaku("cards", "--check", str(bad))
    assert r.returncode == 1 and "bad.csv:3 [id]" in (r.stdout + r.stderr) and "Traceback" not in r.stderr
