"""make_kit.py FOLDER SPLIT CID QID: a folder for one blind writer (who reads only it and never runs the engine).

Writes FOLDER/cards.md (every card of the bundled table, each field as the table has it), ids.json, FORMAT.md (the
instructions, with the split, the id prefixes and the folder filled in) and validate.py. Example, from the repository
root: python eval/tools/blind_kit/make_kit.py /tmp/blind36 dev36 z601 O601
Give the writer the folder and a persona mix; write pieces of ~8 conversations per step (one huge write fails).
"""
import json
import shutil
import subprocess
import sys
from pathlib import Path

folder, split, cid, qid = Path(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4]
here = Path(__file__).resolve().parent
folder.mkdir(parents=True, exist_ok=True)
dump = subprocess.run([sys.executable, "-m", "app.cli", "cards", "--json"], capture_output=True, text=True, check=True)
cards = [json.loads(line) for line in dump.stdout.splitlines() if line.strip()]
out = []
for c in cards:
    marks = ", ".join(f"{m['column']}{m['symbol']}" for m in c["marks"]) or "(なし)"
    # marks the PDF's row puts in no column the header names (its cells are more or fewer than the header's): shown,
    # so that a writer does not read them as absent (round 25: dev34 / dev35 were labelled without them)
    unplaced = " ".join(m["symbol"] for m in c.get("unresolved_marks", []))
    if unplaced:
        marks += f" / 列の読み取れない印: {unplaced}（PDFの行のセル数が見出しと合わず、どの条・手引の列の印か表からは決められない）"
    out.append(f"## {c['id']}  {c['name']}\n- 章: {c['chapter']}\n- KPI(進捗): {c['kpi_progress'] or '(空欄)'}\n"
               f"- KPI(効果): {c['kpi_effect'] or '(空欄)'}\n- 府省庁名 (◎=主担当): {c['ministries_raw']}\n"
               f"- 条・手引の印: {marks}\n- 課題・取組概要:\n" + "\n".join("  ・" + b for b in c["bullets"]) + "\n")
(folder / "cards.md").write_text(f"# 施策集 ({len(cards)} cards)\n\n" + "\n".join(out), encoding="utf-8")
(folder / "ids.json").write_text(json.dumps(sorted(c["id"] for c in cards)))
text = (here / "FORMAT.md").read_text(encoding="utf-8")
(folder / "FORMAT.md").write_text(text.replace("SPLIT", split).replace("CID", cid).replace("QID", qid)
                                  .replace("FOLDER", str(folder)), encoding="utf-8")
shutil.copy(here / "validate.py", folder / "validate.py")
print(f"{folder}: {len(cards)} cards; the writer runs: python3 validate.py conversations.jsonl list_questions.jsonl "
      f"{cid} {split} {qid}")
