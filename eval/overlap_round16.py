"""Round 16 of the overlap map (issue 21): why the dev overlaps outside the top 50 stay out, and two signals written
down before their dev ranks were seen, each cross-validated as one search with the shipped score's own settings
(chapter × k) on all dev overlaps and on each blind labelling's apart (round 14's rule: a candidate ships only if it
holds out at least as well as the shipped score under leave-one-pair-out, leave-one-card-out and 2-fold, on all dev
overlaps and on each reader's, and better somewhere).

    PYTHONPATH=. python eval/overlap_round16.py          # dev only; a minute or two once the cache is warm

- why: for every dev overlap outside the shipped top 50, its rank under each part alone (meaning, wording, purpose,
  outcome), under the mix before the crowding, and the crowding its two cards carry; so that what keeps it out is
  read off, not guessed.
- shared beneficiaries: whom a measure serves or acts on (public bodies, firms, schools and pupils, universities and
  researchers, patients and medical institutions, farmers and foresters, …), read from the card's name, overview and
  KPIs by a category list of general Japanese public-policy words (`BENEFICIARIES`, not written from any question or
  label); two measures that close one gap for different places or channels serve the same people. Compared as an
  IDF-weighted cosine of the categories (a category every card names weighs little).
- a second stage: the shipped score's top N (100 / 200) re-ranked by the shipped score plus x × a purpose-only
  signal (the shipped purpose part; round 14's purpose reading, the purpose sentences and the KPI(効果) embedded one by
  one; the beneficiaries; the raw e5 meaning before centring and the register, which the corrections take from two
  cards of one ministry), the pairs below N kept below: a reranker that cannot lift a pair that shares only a register
  from the bottom of the list, as an added signal can.
Added after the `why` table was read (so not blind to the dev ranks; the cross-validation counts them all the same):
- the strongest single part: the pair's best rank under any one part (three misses rank well on the wording alone,
  one on the outcome), among all pairs or by mutual card rank;
- a ministry's register estimated without the pair: the shipped register of a card is the mean passage of the other
  cards of its lead ministry, its partner included; here the two cards of a same-lead pair each lose the mean of
  their ministry's other cards only (α 0.5 as shipped, and 0.75 / 1.0).
"""

from __future__ import annotations

import math
import re
import sys
from pathlib import Path

import numpy as np

from index.report import similar

sys.path.insert(0, str(Path(__file__).resolve().parent))
from overlap import ranks  # noqa: E402
from overlap_round14 import dev_setup, purpose_reading, set_scores  # noqa: E402
from overlap_round15 import CvHarness  # noqa: E402

PARTS = ("meaning", "wording", "purpose", "outcome")
CHAPTERS = (0.0, 0.05, 0.1, 0.15)

# Whom a measure serves or acts on, as general public-policy Japanese names them (a category, then the words that name
# it). Written from general usage, before any rank was seen.
BENEFICIARIES: dict[str, str] = {
    "public bodies": r"地方公共団体|自治体|市町村|市区町村|都道府県|地方団体",
    "firms": r"企業|事業者|中小|産業界|民間",
    "citizens": r"国民|住民|利用者|市民|生活者",
    "patients and medical institutions": r"患者|医療機関|医師|病院|診療所|薬局",
    "schools and pupils": r"学校|児童|生徒|子供|子ども|教師|教員",
    "universities and researchers": r"大学|研究者|博士|学生|研究機関",
    "older and disabled people": r"高齢者|障害者|障がい|要介護",
    "farmers and foresters": r"農業者|農家|担い手|林業|漁業|森林所有者|農業委員会",
    "disaster victims": r"被災者|被災地|避難者",
    "workers and job seekers": r"労働者|求職者|就職|従業員|働き手",
    "specialist talent": r"人材|技術者|専門家",
    "public servants": r"職員|行政機関|府省",
    "foreigners and visitors": r"外国人|訪日|旅行者",
    "land and property owners": r"所有者|土地|登記",
    "infrastructure managers": r"管理者|インフラ|施設",
}


def beneficiaries(card) -> set[str]:
    """The beneficiary categories a card's name, overview and KPIs name."""
    text = "\n".join((card.name, card.overview, card.kpi_progress, card.kpi_effect))
    return {k for k, rx in BENEFICIARIES.items() if re.search(rx, text)}


def beneficiary_similarity(sets: list[set[str]]) -> np.ndarray:
    """Cosine of the cards' beneficiary categories, each weighted by its IDF over the cards (log(n / df))."""
    n = len(sets)
    df = {k: sum(k in s for s in sets) for k in BENEFICIARIES}
    idf = {k: math.log(n / df[k]) if df[k] else 0.0 for k in BENEFICIARIES}
    keys = list(BENEFICIARIES)
    m = np.array([[idf[k] if k in s else 0.0 for k in keys] for s in sets])
    norm = np.linalg.norm(m, axis=1)
    cos = (m @ m.T) / np.maximum(norm[:, None] * norm[None, :], 1e-12)
    return cos


def reranked(score: np.ndarray, signal: np.ndarray, top: int, weight: float) -> np.ndarray:
    """`score` with its `top` best pairs re-scored by score + weight × signal, every other pair kept below them."""
    n = len(score)
    iu = np.triu_indices(n, 1)
    order = np.argsort(-score[iu], kind="stable")
    keep = np.zeros(len(order), bool)
    keep[order[:top]] = True
    inside = np.zeros((n, n), bool)
    inside[iu[0][keep], iu[1][keep]] = True
    inside |= inside.T
    floor = float(score[iu].max() - score[iu].min() + abs(weight) * (signal.max() - signal.min()) + 1.0)
    return np.where(inside, score + weight * signal, score - floor)


def strongest_part(parts: dict, mutual: bool = False) -> np.ndarray:
    """Per pair, the evidence of its strongest part alone: its best rank among all pairs under any of the four parts
    (or, `mutual`, under any part the larger of the two cards' ranks of each other), as 1 − log(rank) / log(worst)
    on 0–1 (rank 1 → 1, the last rank → 0)."""
    n = len(parts["meaning"])
    best = np.full((n, n), np.inf)
    for p in PARTS:
        if mutual:
            near = similar.nearness_rank(parts[p])
            r = np.maximum(near, near.T).astype(float)
        else:
            rk = ranks(parts[p])
            r = np.full((n, n), np.inf)
            for pair, k in rk.items():
                a, b = tuple(pair)
                r[a, b] = r[b, a] = k
        best = np.minimum(best, r)
    worst = n - 1 if mutual else n * (n - 1) // 2
    out = 1.0 - np.log(np.minimum(best, worst)) / math.log(worst)
    np.fill_diagonal(out, 0.0)
    return out


def _raw_purpose(units: np.ndarray, card: np.ndarray, use: np.ndarray, n: int) -> np.ndarray:
    """The purpose part's cosine before rescaling: per pair, each used passage's best cosine in the other card,
    averaged per card and both ways (`similar.purpose`)."""
    cos = units @ units.T
    m = np.zeros((n, n))
    for a in range(n):
        ia = use & (card == a)
        for b in range(a + 1, n):
            c = cos[np.ix_(ia, use & (card == b))]
            m[a, b] = m[b, a] = (c.max(1).mean() + c.max(0).mean()) / 2
    return m


def register_left_out(space, alpha: float = similar.REGISTER_OUT) -> tuple[np.ndarray, np.ndarray]:
    """(meaning, purpose) as the shipped parts, with each lead ministry's register estimated without the pair being
    scored: the shipped register of a card is the mean passage of the other cards its lead ministry leads — the
    partner included, so that of two cards of one ministry each loses half of the other (with 2–4 cards a ministry,
    most of it) and the pair is pushed apart by the correction itself. Here, for two cards that share a lead, each
    loses `alpha` × the mean passage of its ministry's cards other than the two (none when no other is left); pairs of
    different leads are scored as shipped. `space` is the centred space (`similar.centred`)."""
    units = np.asarray(space.passages, dtype=np.float64)
    card = np.asarray(space.passage_card)
    head = np.asarray(space.passage_head)
    n = len(space)
    has_body = np.bincount(card[~head], minlength=n) > 0
    use = ~head | ~has_body[card]
    leads = [set(c.lead_ministries) for c in space.cards]

    def corrected(c: int, without: set[int]) -> np.ndarray:
        same = [d for d in range(n) if d != c and d not in without and leads[d] & leads[c]]
        out = units[card == c].copy()
        if same:
            out -= alpha * units[np.isin(card, same)].mean(axis=0)
        return out / np.maximum(np.linalg.norm(out, axis=1, keepdims=True), 1e-12)

    def vector(p: np.ndarray) -> np.ndarray:
        v = p.sum(axis=0)
        return v / max(float(np.linalg.norm(v)), 1e-12)

    shipped = [corrected(c, set()) for c in range(n)]
    vecs = np.array([vector(p) for p in shipped])
    cos = vecs @ vecs.T
    purp = _raw_purpose(np.concatenate(shipped), np.concatenate([np.full(len(p), c) for c, p in enumerate(shipped)]),
                        np.concatenate([use[card == c] for c in range(n)]), n)
    for a in range(n):
        for b in range(a + 1, n):
            if not leads[a] & leads[b]:
                continue
            pa, pb = corrected(a, {b}), corrected(b, {a})
            cos[a, b] = cos[b, a] = float(vector(pa) @ vector(pb))
            ua, ub = use[card == a], use[card == b]
            c = pa[ua] @ pb[ub].T
            purp[a, b] = purp[b, a] = (c.max(1).mean() + c.max(0).mean()) / 2
    iu = np.triu_indices(n, 1)
    base = float(np.median(cos[iu]))
    meaning = np.clip((cos - base) / max(1.0 - base, 1e-6), 0.0, 1.0)
    return meaning, similar._rescaled(purp)


def why(parts: dict, score: np.ndarray, mix: np.ndarray, crowd: np.ndarray, overlaps: list, ids: list[str]) -> None:
    """Per dev overlap outside the top 50: its rank under each part alone, under the mix before the crowding, and
    under the score; the crowding of its pair (the table's median card 0)."""
    rk = {p: ranks(parts[p]) for p in PARTS}
    rmix, rs = ranks(mix), ranks(score)
    print("\nwhy the misses stay out (rank of 2,016 under each part alone; mix = before the crowding):")
    print("  pair           score  mix  meaning wording purpose outcome  crowding")
    for p in sorted(overlaps, key=rs.get):
        if rs[p] <= 50:
            continue
        a, b = sorted(p)
        print(f"  {ids[a]}/{ids[b]}  {rs[p]:5d} {rmix[p]:4d} " + " ".join(f"{rk[x][p]:7d}" for x in PARTS)
              + f"  {crowd[a, b]:+.3f}")


def main() -> int:
    from index.report.similar import similarity

    d = dev_setup()
    parts, n, cards = d.parts, d.n, d.cards
    overlaps, negatives, sets = d.overlaps, d.negatives, d.sets
    ids = [c.id for c in cards]
    h = CvHarness(parts, overlaps, negatives, sets)
    mix0, grid, line, report = h.mix0, h.grid, h.line, h.report
    shipped = h.shipped
    score0, _, crowd0 = similar.combine(parts)
    why(parts, score0, mix0, crowd0, overlaps, ids)
    print("\nshipped (chapter × k), LOO / by card / 2-fold:", line(h.base))

    # (0) the register estimated without the pair
    cen = similar.centred(d.raw)
    m_chk, p_chk = register_left_out(cen, 0.0)
    c_parts, iu = similar._pair_scores(cen), np.triu_indices(n, 1)
    print("\ncheck: α 0 reproduces the centred parts:",
          np.allclose(m_chk[iu], c_parts["meaning"][iu], atol=1e-5), np.allclose(p_chk[iu], c_parts["purpose"][iu], atol=1e-5))
    lo_parts = dict(parts)
    lo_parts["meaning"], lo_parts["purpose"] = register_left_out(cen)
    mix_lo = sum(similar.PAIR_WEIGHTS[p] * lo_parts[p] for p in PARTS)
    lo_score = similar.combine(lo_parts)[0]
    r_lo, r0 = ranks(lo_score), ranks(score0)
    print("register left out of the pair, shipped setting:",
          {k: sum(r_lo[p] <= 50 for p in v) for k, v in sets.items()},
          "negatives in top 20:", sum(r_lo[p] <= 20 for p in negatives))
    for p in sorted(overlaps, key=r0.get):
        if r0[p] != r_lo[p]:
            a, b = sorted(p)
            print(f"  {ids[a]}/{ids[b]} {r0[p]} → {r_lo[p]}")
    variants = [("α 0.5", grid(mix_lo))]
    for alpha in (0.75, 1.0):  # more of the ministry's register out, now that the partner is not in it
        more = dict(parts)
        more["meaning"], more["purpose"] = register_left_out(cen, alpha)
        variants.append((f"α {alpha}", grid(sum(similar.PAIR_WEIGHTS[p] * more[p] for p in PARTS))))
    report("the register estimated without the pair (α 0.5 as shipped; 0.75, 1.0)", variants)

    # (1) shared beneficiaries
    ben = [beneficiaries(c) for c in cards]
    print("\nbeneficiary categories per card:", round(float(np.mean([len(b) for b in ben])), 1),
          {k: sum(k in s for s in ben) for k in BENEFICIARIES})
    bsim = beneficiary_similarity(ben)
    report("shared beneficiaries (IDF cosine)",
           [("alone", grid(bsim))] + [(f"+{x}", grid(mix0 + x * bsim)) for x in (0.05, 0.1, 0.2)])

    # (2) the strongest single part (a pair that one view ranks very high)
    for mutual in (False, True):
        sp = strongest_part(parts, mutual)
        report(f"strongest part ({'mutual card rank' if mutual else 'rank among all pairs'})",
               [("alone", grid(sp))] + [(f"+{x}", grid(mix0 + x * sp)) for x in (0.05, 0.1, 0.2)])

    # (3) a second stage over the shipped top N, by a purpose-only signal
    from index.embed import CachedEmbedder, EmbeddingCache

    cached = CachedEmbedder(d.retriever.embedder, EmbeddingCache(Path(d.settings.cache_dir) / "embeddings"))
    readings = [purpose_reading(c) for c in cards]
    vecs = np.asarray(cached.embed_documents([t for ts in readings for t in ts]), dtype=np.float64)
    vecs /= np.linalg.norm(vecs, axis=1, keepdims=True)
    owner = np.array([i for i, ts in enumerate(readings) for _ in ts])
    pr_mean, _ = set_scores(vecs, owner, cards, n)
    raw_meaning = similarity(d.raw, d.raw)[1]
    signals = {"the purpose part": parts["purpose"], "the purpose reading": pr_mean, "beneficiaries": bsim,
               "raw meaning": raw_meaning}
    for name, sig in signals.items():
        report(f"top N re-ranked by + x × {name}",
               [(f"N {top}, x {x}", [reranked(s, sig, top, x) for s in shipped])
                for top in (100, 200) for x in (0.1, 0.2, 0.3)])

    h.summary()
    return 0


if __name__ == "__main__":
    sys.exit(main())
