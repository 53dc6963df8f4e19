"""Dump what the library answers, so that a refactoring can be shown to change nothing: searches (questions ×
modes × filters, each result as JSON), a batch report in every format, and the overlap and comparison files.

    python eval/dump_outputs.py /tmp/dump-before      # before the change
    python eval/dump_outputs.py /tmp/dump-after       # after it
    diff -r /tmp/dump-before /tmp/dump-after          # identical, or the change changed behaviour

XLSX files are dumped as their cells (a workbook's zip carries its save time); everything else byte for byte,
except the time a file was made (作成 2026-12-05 10:09), written as <time>.
"""

from __future__ import annotations

import json
import re
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

from table_changes import write_modified_table  # noqa: E402

from index.config import load_settings  # noqa: E402
from index.report import FORMATS, ReportOptions, build_report, open_questions  # noqa: E402
from index.report.overlap_files import write_comparison, write_overlap  # noqa: E402
from index.report.similar import compare, overlap, space_of, space_of_file  # noqa: E402
from index.retrieve import Filters, open_retriever  # noqa: E402

MODES = ("bm25", "dense", "hybrid")
# every filter the CLI offers, and the combinations the question understanding produces
FILTERS = {
    "none": Filters(),
    "ministry": Filters(ministries=("総務省",)),
    "lead": Filters(ministries=("デジタル庁",), lead_only=True),
    "chapter": Filters(chapters=("03", "05")),
    "article": Filters(articles=("14条",)),
    "guide": Filters(guides=("市町村",)),
    "both-not-lead": Filters(ministries=("総務省", "経済産業省"), all_ministries=True, not_lead=True),
    "kpi-several": Filters(kpi_unset=True, several_leads=True),
}


def _cells(path: Path) -> str:
    """An XLSX workbook's cell values, sheet by sheet, as JSON lines (the zip's timestamps left out)."""
    from openpyxl import load_workbook

    wb = load_workbook(path, read_only=True)
    lines = []
    for ws in wb.worksheets:
        lines.append(json.dumps({"sheet": ws.title}, ensure_ascii=False))
        for row in ws.iter_rows(values_only=True):
            lines.append(json.dumps([None if v is None else str(v) for v in row], ensure_ascii=False))
    return "\n".join(lines) + "\n"


_MADE_AT = re.compile(rb"\d{4}-\d{2}-\d{2} \d{2}:\d{2}")  # when a report was made: the one field that must differ


def _keep(src: Path, out: Path) -> None:
    """Copy an output file into the dump, XLSX as its cells, the time it was made as <time>."""
    if src.suffix == ".xlsx":
        data, name = _cells(src).encode("utf-8"), src.name + ".cells.jsonl"
    else:
        data, name = src.read_bytes(), src.name
    (out / name).write_bytes(_MADE_AT.sub(b"<time>", data))


def main() -> None:
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "/tmp/dump")
    out.mkdir(parents=True, exist_ok=True)
    settings = load_settings()
    r = open_retriever(settings)
    questions = [json.loads(line)["query"] for line in (HERE / "questions.jsonl").read_text(encoding="utf-8")
                 .splitlines() if line.strip()]
    n = 0
    with open(out / "searches.jsonl", "w", encoding="utf-8") as f:
        for name, filters in FILTERS.items():
            qs = questions if name == "none" else questions[::4]  # all questions unfiltered, a quarter filtered
            for mode in MODES:
                for q, res in zip(qs, r.search_many(qs, top_k=10, filters=filters, mode=mode)):
                    f.write(json.dumps({"filter": name, "mode": mode, "query": q, "result": res.to_dict()},
                                       ensure_ascii=False) + "\n")
                    n += 1
    with tempfile.TemporaryDirectory() as tmp:
        t = Path(tmp)
        qfile = t / "questions.txt"
        qfile.write_text("\n".join(questions[:120]) + "\n", encoding="utf-8")
        outputs = {fmt: t / f"questions.report.{fmt}" for fmt in FORMATS}
        build_report(r, open_questions(qfile), outputs, ReportOptions(top_k=3), source="sesakushu_2021.tsv")
        a = space_of(r.stored, r.embedder, cache_dir=settings.cache_dir)
        ov = overlap(a)
        modified = t / "modified.jsonl"
        write_modified_table(r.cards, "dev", modified)
        cmp = compare(a, space_of_file(modified, r.embedder, settings, cache_dir=settings.cache_dir))
        for fmt in FORMATS:
            _keep(outputs[fmt], out)
            _keep(write_overlap(ov, fmt, t / f"similar.{fmt}", "施策集 (同梱)"), out)
            _keep(write_comparison(cmp, fmt, t / f"compare.{fmt}", "施策集 (同梱)", "modified.jsonl"), out)
    print(f"{out}: {n} searches, report/overlap/comparison in {', '.join(FORMATS)}")


if __name__ == "__main__":
    main()
