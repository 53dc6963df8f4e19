"""Round 6 of the overlap map (issue 21): signals for "two measures that close the same gap for different places,
devices or channels, often under different ministries, in different words", each measured on the dev overlaps of
eval/overlap_pairs.jsonl alone and in the shipped mix, and the whole search cross-validated as one procedure
against the shipped score's own settings (eval/overlap.py `cross_validated_scores`).

    PYTHONPATH=. python eval/overlap_signals.py            # dev only; about 2 minutes the first time (re-embedding)

Round 13 re-runs it on the larger dev set (eval/overlap.py `split_labels`: the first labelling's dev pairs and the
second labelling, eval/overlap_pairs2.jsonl; 35 overlaps instead of 22), reports leave-one-card-out as well, and adds
signals for "the same purpose" that do not need new labels:
- name + purpose sentences: one e5 vector per card of its 施策名 and the overview sentences that say what it is for
  (`similar._PURPOSE_CLAUSE`), dates taken out, compared card to card (centred);
- name + gap phrases: the same with the purpose told apart from the means: of each overview sentence, what follows
  により / を通じて / ことで (the end), what precedes ため / に向け / を目指す / を図る (the aim), or a sentence that
  states a gap (課題, 急務, 不足 …) whole;
- gap phrases alone, each embedded, mean best match both ways or the closest pair;
- name + outcome: the 施策名 with what the measure is judged by (`outcome_text`: the KPI's object);
- rank fusion: reciprocal-rank fusion (k = 60) of the four parts' rankings of all pairs.

The signals, chosen by what the issue says the misses are before their dev ranks were seen:
- masked purpose: the purpose score (mean best match of overview passages, both ways) over passages re-embedded
  without the nouns that only this card (≤ 1, 2 or 3 cards) uses — the place, device or channel a measure is for;
- purpose less what it is: each overview passage with its own card's head (name + KPIs) direction projected out;
- symmetric prompts: every passage and outcome embedded with e5's "query: " prompt, as its authors advise for
  similarity between texts of one kind (the index embeds them as "passage: ");
- ministry register removed: each passage less α × the mean passage of the other cards its lead ministry leads;
- ministries involved: the Jaccard overlap of the two cards' ministries (lead or not).
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from pathlib import Path

import numpy as np

from index.report import similar
from index.report.similar import CardSpace, centred, crowding, pair_scores, purpose, space_of

sys.path.insert(0, str(Path(__file__).resolve().parent))
from overlap import POOL, cross_validated_scores, ranks, split_labels  # noqa: E402

CHAPTER_K = [(c, k) for c in (0.0, 0.05, 0.1, 0.15) for k in (5, 7, 10)]  # the grid of eval/overlap.py --cv


def dev_pairs(space: CardSpace) -> tuple[list, list]:
    """The dev overlaps, and the dev non-overlaps with the pooled judgments' (no test label is read)."""
    import json

    pos = {c.id: i for i, c in enumerate(space.cards)}
    rows = split_labels("dev")
    rows += [json.loads(x) for x in POOL.read_text(encoding="utf-8").splitlines() if x.strip()]
    pair = lambda r: frozenset((pos[r["a"]], pos[r["b"]]))  # noqa: E731
    return ([pair(r) for r in rows if r["label"] == "overlap" and r.get("split") == "dev"],
            [pair(r) for r in rows if r["label"] != "overlap"])


def with_passages(space: CardSpace, passages: np.ndarray, outcomes: np.ndarray | None = None) -> CardSpace:
    """`space` with other passage vectors (cards the mean of their own), and other outcome vectors if given."""
    units = passages / np.maximum(np.linalg.norm(passages, axis=1, keepdims=True), 1e-12)
    sums = np.zeros((len(space), units.shape[1]))
    np.add.at(sums, np.asarray(space.passage_card), units)
    sums /= np.maximum(np.linalg.norm(sums, axis=1, keepdims=True), 1e-12)
    return CardSpace(space.cards, sums.astype(np.float32), space.words, units.astype(np.float32), space.passage_card,
                     space.passage_head, space.passage_texts, space.outcomes if outcomes is None else outcomes)


def masked_texts(space: CardSpace, most_cards: int) -> list[str]:
    """Each passage without the nouns used by at most `most_cards` cards (its own place, device or channel)."""
    from index.text import analyzer

    tokens = [analyzer().tokens(t) for t in space.passage_texts or []]
    card = np.asarray(space.passage_card)
    df: Counter = Counter()
    for c in range(len(space)):
        df.update({t.base for i in np.flatnonzero(card == c) for t in tokens[i] if t.pos == "名詞"})
    return ["".join("" if t.pos == "名詞" and df[t.base] <= most_cards else t.surface for t in tk) for tk in tokens]


def head_projected(space: CardSpace) -> CardSpace:
    """Centred passages with each card's own head direction taken out of its overview passages."""
    cs = centred(space)
    p = np.asarray(cs.passages, dtype=np.float64).copy()
    card, head = np.asarray(cs.passage_card), np.asarray(cs.passage_head)
    for c in range(len(cs)):
        h = p[(card == c) & head]
        if len(h):
            u = h.mean(0) / max(np.linalg.norm(h.mean(0)), 1e-12)
            body = (card == c) & ~head
            p[body] -= np.outer(p[body] @ u, u)
    return with_passages(cs, p)


def ministry_removed(space: CardSpace, alpha: float) -> CardSpace:
    """Centred passages less `alpha` × the mean passage of the other cards led by a ministry that leads this one."""
    cs = centred(space)
    p = np.asarray(cs.passages, dtype=np.float64)
    q, card = p.copy(), np.asarray(cs.passage_card)
    leads = [set(c.lead_ministries) for c in cs.cards]
    for c in range(len(cs)):
        same = [d for d in range(len(cs)) if d != c and leads[d] & leads[c]]
        if same:
            q[card == c] -= alpha * p[np.isin(card, same)].mean(0)
    return with_passages(cs, q)


_SENTENCE = re.compile(r"(?<=。)|\n")
_DATE = re.compile(r"(令和|平成)[0-9０-９元]+年(度)?(\([0-9]+年(度)?\))?")
_GAP = re.compile(r"課題|急務|必要|困難|懸念|遅れ|不足|求められ|重要")
_MEANS = re.compile(r"(により|によって|を通じ(て)?|ことで)、?")
_AIM = re.compile(r"ため(に|、|の)|に向け(て|た)|を目指|を図る|を実現|に資する|を支援する")


def sentences(text: str) -> list[str]:
    """The overview's sentences (at 。 and line ends), dates taken out (a schedule is not a purpose)."""
    return [_DATE.sub("", s.strip()) for s in _SENTENCE.split(text) if len(s.strip()) > 5]


def gap_phrases(card) -> list[str]:
    """What a measure is for, apart from its means: the end after により / を通じて / ことで, the aim before ため /
    に向け / を目指す / を図る, or a sentence that states a gap (課題, 急務, 不足 …) whole; the name if none."""
    out = []
    for s in sentences(card.overview):
        means, aim = _MEANS.search(s), _AIM.search(s)
        if means and len(s) - means.end() > 8:
            out.append(s[means.end():])
        if aim and aim.start() > 8:
            out.append(s[:aim.end()])
        if _GAP.search(s) and not means and not aim:
            out.append(s)
    return out or [card.name]


def card_similarity(vectors) -> np.ndarray:
    """Centred cosine of one vector per card, rescaled as the parts are (median pair 0)."""
    v = np.asarray(vectors, dtype=np.float64)
    v = v - v.mean(0)
    v /= np.maximum(np.linalg.norm(v, axis=1, keepdims=True), 1e-12)
    return similar._rescaled(v @ v.T)


def set_similarity(vectors, owner: list[int], n: int, closest: bool = False) -> np.ndarray:
    """Centred cosines of several vectors per card: the mean best match both ways, or the closest pair."""
    v = np.asarray(vectors, dtype=np.float64)
    v = v - v.mean(0)
    v /= np.maximum(np.linalg.norm(v, axis=1, keepdims=True), 1e-12)
    own, cos, m = np.asarray(owner), v @ v.T, np.zeros((n, n))
    for a in range(n):
        for b in range(n):
            c = cos[np.ix_(own == a, own == b)]
            if c.size:
                m[a, b] = c.max() if closest else (c.max(1).mean() + c.max(0).mean()) / 2
    return similar._rescaled(m)


def rank_fusion(parts: dict, names: tuple[str, ...], k: int = 60) -> np.ndarray:
    """Reciprocal-rank fusion of the parts' rankings of all pairs (each part's scale ignored)."""
    n = len(parts[names[0]])
    iu = np.triu_indices(n, 1)
    out = np.zeros((n, n))
    for name in names:
        rank = np.empty(len(iu[0]))
        rank[np.argsort(-parts[name][iu], kind="stable")] = np.arange(1, len(iu[0]) + 1)
        fused = np.zeros((n, n))
        fused[iu] = 1.0 / (k + rank)
        out += fused + fused.T
    return out / out[iu].max()  # on 0–1, so that "added at 0.1–0.3" means what it does for the other signals


def register_choice(space: CardSpace, overlaps: list, negatives: list, first: set) -> None:
    """Round 13's decision: round 4's score (no register taken out) against round 6's two shares of the lead
    ministry's register taken out (0.5, 1.0), each over the chapter × k grid, cross-validated as one search; and
    chosen on one labelling's dev overlaps (`first`: the first labelling's), counted on the other's."""
    w = similar.PAIR_WEIGHTS
    scores, names = [], []
    for alpha in (0.0, 0.5, 1.0):
        parts = similar._pair_scores(similar.without_register(centred(space), alpha))
        mix = sum(w[n] * parts[n] for n in ("meaning", "wording", "purpose", "outcome"))
        for c, k in CHAPTER_K:
            scores.append(mix + c * parts["chapter"] - crowding(mix, k))
            names.append(f"register {alpha}, chapter {c}, k {k}")
    for label, pick in (("round 4's score alone", slice(0, len(CHAPTER_K))), ("with the register out", slice(None))):
        cv = cross_validated_scores(scores[pick], overlaps, negatives)
        lo, mean, hi = cv["in_split"]
        print(f"{label} ({cv['settings']} settings; in the split {lo}-{hi}, mean {mean:.1f}): leave-one-pair-out "
              f"{cv['loo']}/{cv['of']}, leave-one-card-out {cv['by_card']:.1f}/{cv['of']}, 2-fold "
              f"{cv['two_fold']:.1f}/{cv['of']}")
        rk = [ranks(s) for s in scores[pick]]
        ok = np.array([sum(r[p] <= 20 for p in negatives) == 0 for r in rk])
        for train, test, say in ((first, set(overlaps) - first, "first labelling → the new pairs"),
                                 (set(overlaps) - first, first, "the new pairs → first labelling")):
            hit = np.array([[r[p] <= 50 for p in train] for r in rk]).sum(1)
            logr = np.array([np.log([r[p] for p in train]).mean() for r in rk])
            best = int(np.argmax(np.where(ok, hit, -1) - 1e-3 * logr))
            held = sum(rk[best][p] <= 50 for p in test)
            print(f"  chosen on {say}: {hit[best]}/{len(train)} → {held}/{len(test)} ({names[best]})")


def main() -> int:
    from index.config import Settings
    from index.embed import CachedEmbedder, EmbeddingCache
    from index.retrieve import open_retriever

    r = open_retriever()
    settings = Settings()
    space = space_of(r.stored, r.embedder, cache_dir=settings.cache_dir)
    overlaps, negatives = dev_pairs(space)
    parts = pair_scores(space)
    w = similar.PAIR_WEIGHTS
    base = sum(w[n] * parts[n] for n in ("meaning", "wording", "purpose", "outcome"))

    def score(mix: np.ndarray, chapter: float, k: int) -> np.ndarray:
        return mix + chapter * parts["chapter"] - crowding(mix, k)

    def count(s: np.ndarray) -> int:
        rank = ranks(s)
        return sum(rank[p] <= 50 for p in overlaps)

    shipped = [score(base, c, k) for c, k in CHAPTER_K]
    search = list(shipped)

    def report(name: str, signal: np.ndarray, replaces_purpose: bool = False) -> None:
        """The signal alone, added to the shipped mix at 0.1 / 0.2 / 0.3, and (a purpose) in the purpose's place:
        dev overlaps in the top 50 over the chapter × k grid, and those settings with the shipped mix's
        cross-validated as one search; every setting joins the whole search."""
        lines, mine = [], []
        variants = [("alone", signal)] + [(f"+{x}", base + x * signal) for x in (0.1, 0.2, 0.3)]
        if replaces_purpose:
            variants.append(("for purpose", base + w["purpose"] * (signal - parts["purpose"])))
        for label, mix in variants:
            got = [score(mix, c, k) for c, k in CHAPTER_K]
            search.extend(got)
            mine.extend(got)
            n = [count(s) for s in got]
            lines.append(f"{label} {min(n)}-{max(n)}")
        cv = cross_validated_scores(shipped + mine, overlaps, negatives)
        print(f"{name}: " + ", ".join(lines) + f"; with the shipped mix, cross-validated: leave-one-pair-out "
              f"{cv['loo']}/{cv['of']}, leave-one-card-out {cv['by_card']:.1f}/{cv['of']}, "
              f"2-fold {cv['two_fold']:.1f}/{cv['of']}")

    cached = CachedEmbedder(r.embedder, EmbeddingCache(Path(settings.cache_dir) / "embeddings"))
    for most in (1, 2, 3):
        vecs = np.asarray(cached.embed_documents(masked_texts(space, most)), dtype=np.float64)
        report(f"masked purpose (nouns of ≤ {most} cards out)", purpose(centred(with_passages(space, vecs)))[0], True)
    report("purpose less what it is (head projected out)", purpose(head_projected(space))[0], True)
    queries = np.asarray(r.embedder.embed_queries(space.passage_texts or []), dtype=np.float64)
    outs = np.asarray(r.embedder.embed_queries([similar.outcome_text(c) for c in space.cards]), dtype=np.float32)
    outs /= np.maximum(np.linalg.norm(outs, axis=1, keepdims=True), 1e-12)
    sym = pair_scores(with_passages(space, queries, outs))
    sym_mix = sum(w[n] * sym[n] for n in ("meaning", "wording", "purpose", "outcome"))
    report("symmetric prompts, the whole mix (added = mixed in)", sym_mix)
    for alpha in (0.5, 1.0):
        p2 = similar._pair_scores(ministry_removed(space, alpha))
        report(f"ministry register removed (α {alpha}), the whole mix", sum(w[n] * p2[n] for n in
                                                                          ("meaning", "wording", "purpose", "outcome")))
    ministries = [{m.name for m in c.ministries} for c in space.cards]
    jac = np.array([[len(a & b) / max(1, len(a | b)) for b in ministries] for a in ministries])
    report("ministries involved (Jaccard)", jac)

    # round 13: "the same purpose" told apart from the means, the name, the KPI's object, rank fusion
    cards, n = space.cards, len(space)
    named = [c.name + "。" + " ".join(s for s in sentences(c.overview) if similar._PURPOSE_CLAUSE.search(s))
             for c in cards]
    report("name + purpose sentences, one vector per card", card_similarity(cached.embed_documents(named)), True)
    gaps = [gap_phrases(c) for c in cards]
    report("name + gap phrases (purpose apart from means)",
           card_similarity(cached.embed_documents([c.name + "。" + " ".join(g) for c, g in zip(cards, gaps)])), True)
    vecs = cached.embed_documents([g for gs in gaps for g in gs])
    owner = [i for i, gs in enumerate(gaps) for _ in gs]
    report("gap phrases, mean best match", set_similarity(vecs, owner, n), True)
    report("gap phrases, closest pair", set_similarity(vecs, owner, n, closest=True), True)
    report("name + outcome (the KPI's object)",
           card_similarity(cached.embed_documents([c.name + "。" + similar.outcome_text(c) for c in cards])))
    report("rank fusion of meaning, wording, purpose, outcome",
           rank_fusion(parts, ("meaning", "wording", "purpose", "outcome")))

    import json

    from overlap import LABELS

    pos = {c.id: i for i, c in enumerate(space.cards)}
    first = {frozenset((pos[r["a"]], pos[r["b"]])) for r in (json.loads(x) for x in LABELS.read_text(
        encoding="utf-8").splitlines() if x.strip()) if r["split"] == "dev" and r["label"] == "overlap"}
    register_choice(space, overlaps, negatives, first)
    for name, scores in (("the shipped mix's chapter × k", shipped), ("the whole search, shipped included", search)):
        cv = cross_validated_scores(scores, overlaps, negatives)
        lo, mean, hi = cv["in_split"]
        print(f"cross-validated, {name} ({cv['settings']} settings; in the split {lo}-{hi}, mean {mean:.1f}): "
              f"leave-one-pair-out {cv['loo']}/{cv['of']}, leave-one-card-out {cv['by_card']:.1f}/{cv['of']}, "
              f"2-fold {cv['two_fold']:.1f}/{cv['of']} in the top 50")
    return 0


if __name__ == "__main__":
    sys.exit(main())
