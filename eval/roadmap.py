"""Precision and recall of the 工程表 extraction (index.roadmap) against blind labels (eval/milestones.jsonl).

A milestone is right when its card, field, year and kind match a label's and its phrase overlaps the labelled text;
a target when its card, figure, unit and year match (8割 and 80% are the same figure). Each label is matched at most
once. Only the labelled cards are read: a card is labelled whole (every milestone and target in it).

    PYTHONPATH=. python eval/roadmap.py --split test     # the held-out figures (tune on dev only)
    PYTHONPATH=. python eval/roadmap.py --split dev --show   # dev's misses and extras, to tune on
    PYTHONPATH=. python eval/roadmap.py --labels eval/milestones_synth.jsonl --split dev   # 40 cards written blind

With the synthetic labels the dated phrases its annotator listed as no milestone (milestones_synth_distractors.jsonl:
a law, a survey, a baseline …) are counted too: how many of the split's the extractor reads as a milestone (fewer is
better; --distractors names another file).

A labels file whose records carry their own card text (name, overview, kpi_progress, kpi_effect: the synthetic set)
is scored on those cards, read through the table loader like any JSONL table, not on the bundled table.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import unicodedata
from pathlib import Path

from index.corpus import load_cards
from index.text import sentence_spans
from index.roadmap import Milestone, Target, milestones_of, table_year, targets_of

LABELS = Path(__file__).resolve().parent / "milestones.jsonl"


def _n(text: str) -> str:
    return unicodedata.normalize("NFKC", text or "").replace(" ", "")


def _spans(field_text: str, phrase: str) -> list[tuple[int, int]]:
    """Where a labelled phrase sits in its field (every occurrence), NFKC on both sides (1:1 for these texts)."""
    hay, needle = _n(field_text), _n(phrase)
    out, at = [], hay.find(needle) if needle else -1
    while at >= 0:
        out.append((at, at + len(needle)))
        at = hay.find(needle, at + 1)
    return out


def _overlaps(m: Milestone, label: dict, field_text: str) -> bool:
    a, b = _n(m.text), _n(label["text"])
    if a and b and (a in b or b in a):
        return True
    mine = _spans(field_text, m.text)
    return any(s < e2 and s2 < e for s, e in mine for s2, e2 in _spans(field_text, label["text"]))


def _sentence(field_text: str, phrase: str) -> str:
    """The sentence of the field a labelled phrase sits in (for --show), or the phrase when it is not found."""
    at = _spans(field_text, phrase)
    if not at:
        return phrase
    hay = _n(field_text)
    for s, e in sentence_spans(hay):
        if s <= at[0][0] < e:
            return hay[s:e]
    return phrase


def _figure(value: float, unit: str) -> tuple[float, str]:
    unit = _n(unit)
    if unit == "割":
        return value * 10, "%"
    return float(value), unit


def milestone_match(m: Milestone, label: dict, card) -> bool:
    return (m.field == label["field"] and m.year == label["year"] and m.kind == label["kind"]
            and _overlaps(m, label, getattr(card, m.field)))


def target_match(t: Target, label: dict) -> bool:
    v1, u1 = _figure(t.value, t.unit)
    v2, u2 = _figure(float(label["value"]), label.get("unit") or "")
    return abs(v1 - v2) <= 1e-6 * max(1.0, abs(v2)) and u1 == u2 and t.year == label.get("year")


def _pair(found: list, labels: list, same) -> tuple[list, list, list]:
    """Greedy one-to-one matching: (matched pairs, extras found, labels missed)."""
    left = list(labels)
    matched, extra = [], []
    for f in found:
        hit = next((lab for lab in left if same(f, lab)), None)
        if hit is None:
            extra.append(f)
        else:
            left.remove(hit)
            matched.append((f, hit))
    return matched, extra, left


def score(records: list[dict], cards: dict, as_of: int, show: bool = False) -> dict:
    tot = {"m": [0, 0, 0], "t": [0, 0, 0]}  # [matched, found, labelled]
    status_ok = 0  # matched milestones whose past / planned agrees with the label's
    for rec in records:
        card = cards[rec["id"]]
        ms, ts = milestones_of(card, as_of), targets_of(card, as_of)
        mm, mx, mmiss = _pair(ms, rec.get("milestones", []), lambda f, lab, card=card: milestone_match(f, lab, card))
        tm, tx, tmiss = _pair(ts, rec.get("targets", []), target_match)
        status_ok += sum(f.status == lab.get("status") for f, lab in mm)
        if show:
            for f, lab in mm:
                if f.status != lab.get("status"):
                    print(f"  status {card.id} {f.field} {f.text!r}: {f.status}, labelled {lab.get('status')}")
        for key, (matched, found, labels) in {"m": (mm, ms, rec.get("milestones", [])),
                                              "t": (tm, ts, rec.get("targets", []))}.items():
            tot[key][0] += len(matched)
            tot[key][1] += len(found)
            tot[key][2] += len(labels)
        if show and (mx or mmiss or tx or tmiss):
            print(f"== {card.id} {card.name}")
            for m in mx:
                print(f"  extra  M {m.field} {m.text!r} {m.year}{'FY' if m.fiscal else ''} {m.kind} {m.status}"
                      f"\n           in {m.sentence!r}")
            for lab in mmiss:
                print(f"  missed M {lab['field']} {lab['text']!r} {lab['year']}{'FY' if lab.get('fiscal') else ''} "
                      f"{lab['kind']} {lab.get('status')}\n           in {_sentence(getattr(card, lab['field']), lab['text'])!r}")
            for t in tx:
                print(f"  extra  T {t.field} {t.text!r} {t.value} {t.unit} {t.year}\n           in {t.kpi!r}")
            for lab in tmiss:
                print(f"  missed T {lab.get('field')} {lab.get('text')!r} {lab['value']} {lab.get('unit')} "
                      f"{lab.get('year')}")
    out = {}
    for key, name in (("m", "milestones"), ("t", "targets")):
        ok, found, labelled = tot[key]
        out[name] = {"precision": ok / found if found else 1.0, "recall": ok / labelled if labelled else 1.0,
                     "matched": ok, "found": found, "labelled": labelled}
    out["milestones"]["status"] = status_ok / tot["m"][0] if tot["m"][0] else 1.0
    return out


def distractors_read(distractors: list[dict], cards: dict, as_of: int, show: bool = False) -> int:
    """How many dated phrases that are no milestone (a law, a survey, a baseline …) the extractor reads as one: a
    milestone of the same field whose phrase overlaps the distractor's."""
    hits = 0
    for d in distractors:
        card = cards[d["id"]]
        text = getattr(card, d["field"])
        read = [m for m in milestones_of(card, as_of) if m.field == d["field"] and _overlaps(m, d, text)]
        hits += bool(read)
        if show and read:
            print(f"  distractor {d['id']} {d['field']} {d['text']!r} ({d.get('type')}) read as "
                  + ", ".join(f"{m.text!r} {m.kind}" for m in read))
    return hits


def _own_cards(records: list[dict]):
    """The cards a labels file carries, loaded as a JSONL table (so cells are cleaned as the bundled table's are)."""
    keys = ("id", "name", "overview", "kpi_progress", "kpi_effect")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "cards.jsonl"
        path.write_text("".join(json.dumps({k: r.get(k, "") for k in keys}, ensure_ascii=False) + "\n"
                                for r in records), encoding="utf-8")
        return load_cards(path)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--labels", default=str(LABELS))
    ap.add_argument("--split", choices=["dev", "test", "all"], default="dev")
    ap.add_argument("--show", action="store_true", help="list misses and extras (dev only: test is read as figures)")
    ap.add_argument("--distractors", help="JSONL of dated phrases that are no milestone (default: beside the synthetic "
                                          "labels, milestones_synth_distractors.jsonl)")
    args = ap.parse_args(argv)
    labels = Path(args.labels)
    beside = labels.with_name(labels.stem + "_distractors.jsonl")
    distractor_path = Path(args.distractors) if args.distractors else beside if beside.exists() else None
    distractors = [json.loads(line) for line in distractor_path.read_text(encoding="utf-8").splitlines()
                   if line.strip()] if distractor_path else []
    records = [json.loads(line) for line in Path(args.labels).read_text(encoding="utf-8").splitlines() if line.strip()]
    if records and all("overview" in r for r in records):
        corpus = _own_cards(records)
        as_of = table_year(load_cards().cards)  # the synthetic cards are written as of the bundled table's year
    else:
        corpus = load_cards()
        as_of = table_year(corpus.cards)
    cards = corpus.by_id()
    splits = ["dev", "test"] if args.split == "all" else [args.split]
    for split in splits:
        recs = [r for r in records if r.get("split") == split]
        res = score(recs, cards, as_of, show=args.show and split == "dev")
        m, t = res["milestones"], res["targets"]
        print(f"{split}: {len(recs)} cards  milestones P {m['precision']:.3f} R {m['recall']:.3f} "
              f"({m['matched']}/{m['found']} found, {m['labelled']} labelled; past/planned right {m['status']:.3f})"
              f"  targets P {t['precision']:.3f} "
              f"R {t['recall']:.3f} ({t['matched']}/{t['found']} found, {t['labelled']} labelled)")
        ids = {r["id"] for r in recs}
        ds = [d for d in distractors if d["id"] in ids]
        if ds:
            hits = distractors_read(ds, cards, as_of, show=args.show and split == "dev")
            print(f"{split}: distractors read as milestones {hits}/{len(ds)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
