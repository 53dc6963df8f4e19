"""Does the 工程表 extraction (index.roadmap) read the same milestones and targets when the dev cards' dates are written
in another form? Each form rewrites every date of the dev cards (real and synthetic); a card counts as changed when
its milestones (field, year, kind) or targets (field, figure, unit, year) differ from those of the card as written.

    PYTHONPATH=. python eval/roadmap_forms.py          # dev cards only (the test cards are not read)
    PYTHONPATH=. python eval/roadmap_forms.py --show   # what changed, per card

No labels are used: this measures robustness to the way a table writes its dates (and, in the last forms, its
predicates and particles: 「する。」 → 「する予定である。」, 「…年度に」 → 「…年度には」), not correctness.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from dataclasses import replace
from pathlib import Path

from eval.roadmap import LABELS, _own_cards
from index.corpus import load_cards
from index.roadmap import milestones_of, targets_of

SYNTH = (Path(__file__).resolve().parent / "milestones_synth.jsonl",
         Path(__file__).resolve().parent / "milestones_synth2.jsonl",
         Path(__file__).resolve().parent / "milestones_synth3.jsonl")
FIELDS = ("overview", "kpi_progress", "kpi_effect")
_DATE = re.compile(r"(令和|平成)(\d{1,2}|元)年(度?)\((\d{4})年度?\)")
_RANGE = re.compile(r"(令和|平成)(\d{1,2}|元)年(度?)\(\d{4}年度?\)(から|~|〜)(令和|平成)(\d{1,2})年(度?)\(\d{4}年度?\)")
_PLAIN_END = re.compile(r"する。")
_BARE_NI = re.compile(r"(\(\d{4}年度?\)(?:\d{1,2}月)?)に(?![はかおつ向よ対関基際当伴わ、])")
_PAST_END = re.compile(r"した。")
_FISCAL_NEAR = re.compile(r"令和([234])年度\(20(?:20|21|22)年度\)")
_MONTH = re.compile(r"((?:令和|平成)(?:\d{1,2}|元)年\(\d{4}年\)\d{1,2}月)(?!\d|頃|ごろ|末|中|上旬|中旬|下旬)")
_KARA = re.compile(r"(\(\d{4}年度?\)(?:\d{1,2}月)?)から")
_AIM_END = re.compile(r"を目指す。")
_TOUTEN = re.compile(r"、")
_KUTEN = re.compile(r"。")
_LINE_END_KUTEN = re.compile(r"。(?=\s*(?:\n|- |$))")
_OPENING_DATE = re.compile(r"(^|。)((?:令和|平成)(?:\d{1,2}|元)年度?\(\d{4}年度?\))")
_MEDO = re.compile(r"目途に")
_IKOU = re.compile(r"(\(\d{4}年度?\)(?:\d{1,2}月)?)以降")
_OYOBI = re.compile(r"(年度?\)|年度)及び((?:令和|平成)\d)")
_WIDE = str.maketrans("0123456789()", "０１２３４５６７８９（）")

#: name → (pattern, rewrite): the same dates as the table writes them (令和3年度(2021年度)), in another form
FORMS = {
    "西暦(和暦)  2021年度(令和3年度)": (_DATE, lambda m: f"{m[4]}年{m[3]}({m[1]}{m[2]}年{m[3]})"),
    "和暦(西暦)年度  令和3(2021)年度": (_DATE, lambda m: f"{m[1]}{m[2]}({m[4]})年{m[3]}"),
    "和暦のみ  令和3年度": (_DATE, lambda m: f"{m[1]}{m[2]}年{m[3]}"),
    "西暦のみ  2021年度": (_DATE, lambda m: f"{m[4]}年{m[3]}"),
    # (a space after it, as a figure written right after would otherwise run into its digits)
    "英語式  FY2021 (年度のみ)": (_DATE, lambda m: f"FY{m[4]} " if m[3] else m[0]),
    "全角  令和３年度（２０２１年度）": (_DATE, lambda m: m[0].translate(_WIDE)),
    "空白入り  令和 3 年度(2021 年度)": (_DATE, lambda m: f"{m[1]} {m[2]} 年{m[3]}({m[4]} 年{m[3]})"),
    # (only within one era: 「平成30年度から令和2年度まで」 cannot be written short)
    "略号  R3年度 / H30年度": (_DATE, lambda m: f"{dict(令和='R', 平成='H')[m[1]]}{1 if m[2] == '元' else m[2]}年{m[3]}"),
    "相対  令和3年度 → 今年度, 令和4年度 → 来年度, 令和2年度 → 昨年度":
        (_FISCAL_NEAR, lambda m: {"2": "昨年度", "3": "今年度", "4": "来年度"}[m[1]]),
    "日付  令和3年(2021年)4月 → 令和3年(2021年)4月1日": (_MONTH, lambda m: f"{m[1]}1日"),
    "範囲の省略  令和3年度から5年度": (_RANGE, lambda m: f"{m[1]}{m[2]}年{m[3]}{m[4]}{m[6]}年{m[7]}" if m[1] == m[5] else m[0]),
    "範囲の省略  令和3~5年度": (_RANGE, lambda m: f"{m[1]}{m[2]}~{m[6]}年{m[7]}" if m[1] == m[5] else m[0]),
    # the same sentences with their predicate or particle written another way (the reading must not change)
    "述語  …する。→ …する予定である。": (_PLAIN_END, lambda m: "する予定である。"),
    "述語  …する。→ …することとしている。": (_PLAIN_END, lambda m: "することとしている。"),
    "述語  …した。→ …したところである。": (_PAST_END, lambda m: "したところである。"),
    "述語  …する。→ …していく。": (_PLAIN_END, lambda m: "していく。"),
    "述語  …を目指す。→ …を目標とする。": (_AIM_END, lambda m: "を目標とする。"),
    "助詞  …年度に → …年度には": (_BARE_NI, lambda m: f"{m[1]}には"),
    "助詞  …年度に → …年度において": (_BARE_NI, lambda m: f"{m[1]}において"),
    "助詞  …年度から → …年度より": (_KARA, lambda m: f"{m[1]}より"),
    "助詞  …を目途に → …をめどに": (_MEDO, lambda m: "めどに"),
    "助詞  …年度以降 → …年度以後": (_IKOU, lambda m: f"{m[1]}以後"),
    "並列  …年度及び令和… → …年度・令和…": (_OYOBI, lambda m: f"{m[1]}・{m[2]}"),
    # punctuation as other documents write it (the reading must not change)
    "句読点  、→ ，": (_TOUTEN, lambda m: "，"),
    "句読点  。→ ．": (_KUTEN, lambda m: "．"),
    "句読点  行末の。を省く": (_LINE_END_KUTEN, lambda m: ""),
    "主語  文頭の日付の前に「政府においては、」": (_OPENING_DATE, lambda m: f"{m[1]}政府においては、{m[2]}"),
}


def dev_cards() -> list:
    """The dev cards of the labelled sets: the bundled table's and the synthetic ones (all three synthetic sets)."""
    real = load_cards().by_id()
    ids = [r["id"] for r in map(json.loads, LABELS.read_text(encoding="utf-8").splitlines()) if r["split"] == "dev"]
    synth = [json.loads(line) for path in SYNTH for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    own = _own_cards(synth).by_id()
    return [real[i] for i in ids] + [own[r["id"]] for r in synth if r["split"] == "dev"]


def reading(card, as_of: int) -> tuple[Counter, Counter]:
    return (Counter((m.field, m.year, m.kind) for m in milestones_of(card, as_of)),
            Counter((t.field, t.value, t.unit, t.year) for t in targets_of(card, as_of)))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--show", action="store_true", help="print what changed on each changed card")
    args = ap.parse_args(argv)
    cards, as_of = dev_cards(), 2021  # both sets are written as of the bundled table's year
    for name, (pattern, rewrite) in FORMS.items():
        rewritten = changed = 0
        for card in cards:
            other = replace(card, **{f: pattern.sub(rewrite, getattr(card, f)) for f in FIELDS})
            if other == card:
                continue
            rewritten += 1
            (m1, t1), (m2, t2) = reading(card, as_of), reading(other, as_of)
            if (m1, t1) != (m2, t2):
                changed += 1
                if args.show:
                    print(f"  {card.id}: milestones lost {dict(m1 - m2)} gained {dict(m2 - m1)}; "
                          f"targets lost {dict(t1 - t2)} gained {dict(t2 - t1)}")
        print(f"{name}: {changed} of {rewritten} rewritten dev cards read differently")
    return 0


if __name__ == "__main__":
    sys.exit(main())
