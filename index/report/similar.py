"""Card-to-card similarity: overlapping measures within one table (pairs, clusters, a heatmap and a map), and one
table matched against another (continued / changed / new, and the cards nothing matches: dropped).

The score of two cards is 0.5 × meaning + 0.5 × wording, both on 0–1:
- meaning: the cosine of the cards' embeddings (the mean of their passage vectors, as the search index holds them),
  rescaled so that the median pair of the reference table is 0 and identical text is 1 (raw e5 cosines of any two
  Japanese passages sit around 0.8, which says little);
- wording: the TF-IDF cosine of their content words (fugashi lemmas of name, KPIs and overview; ministries are left
  out, so that sharing a ministry is not mistaken for sharing a topic).

Within one table (`overlap`) the vectors are first centred on the table (`centred`: the plan's common direction
taken out, so that meaning and purpose compare what each card says beyond it) and each passage loses half its lead
ministry's register (`without_register`: the mean passage of the other cards that ministry leads, so that two
ministries' measures for one purpose are not kept apart by how each ministry writes), and the pair score also reads the
cards' purpose and outcome, so that two measures closing the same gap for different places, devices or channels
(often under different ministries, in different words) rank together:
0.3 × meaning + 0.3 × wording + 0.4 × purpose + 0.2 × outcome + 0.1 if both are in the same chapter − crowding, where
purpose is how well each card's overview passages find a counterpart in the other's (the mean best match, both ways,
rescaled like meaning), outcome the cosine of what each measure is judged by (its KPI(効果), else its KPI(進捗), else
its name: `outcome_text`; embedded when the space is given an embedder, else left out), and crowding corrects for how
close each card is to everything: a card's crowding is the mean of its CROWDING_K best mixes (the parts without the
chapter), and a pair's is the mean of its two cards',
less the table's median card (a hubness correction, as CSLS in cross-lingual word retrieval). A broad programme in a
crowded chapter is close to many cards, so a pair with it needs more; two measures that say the same thing in
different words (forest and farmland, optical fibre and broadband) are each other's nearest cards even when their
absolute closeness is modest, and rise. Chosen on the dev pairs of eval/overlap_pairs.jsonl (eval/overlap.py): the
outcome's weight and the chapter's (a region where 35 nearby weightings all rank the same dev overlaps in the top 50,
not the single best); the register's share and the crowding's k by cross-validation over the dev pairs of both blind
labellings (round 13, eval/README.md). Each pair says why it was flagged: its best matching purpose passages,
its shared terms, its outcome KPIs when they are close, a shared KPI, and whether each is among the other's nearest
cards. `compare` keeps the two-part
score its thresholds were calibrated on.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Sequence

import numpy as np

from ..corpus import PolicyCard
from ..text import analyzer

__all__ = ["CardSpace", "space_of", "space_of_file", "space_of_cards", "similarity", "Pair", "Cluster", "Overlap", "overlap", "RowMatch",
           "pair_scores", "centred", "purpose", "outcome_text", "crowding", "nearness_rank", "PAIR_WEIGHTS", "CROWDING_K", "PAIR_NOTE",
           "combine", "without_register", "REGISTER_OUT",
           "Comparison", "compare", "DEFAULT_PAIR_THRESHOLD", "CONTINUED_AT", "CHANGED_AT", "SCORE_NOTE",
           "LABEL_JA"]

#: Pairs at or above this score are listed (and cards clustered) by default: with the pair score below, the best 54
#: of the bundled table's 2,016 pairs, a little more than the top 50 the overlap labels are scored on (the two-part
#: score listed 13 there; a space without outcome vectors, 41).
DEFAULT_PAIR_THRESHOLD = 0.29
#: `--against` labels, calibrated on a dev copy of the bundled table with rows edited, reworded, removed and added
#: (eval/calibrate_similar.py); a row of B whose best card of A scores at least CONTINUED_AT is "continued", at least
#: CHANGED_AT "changed", below that "new".
CONTINUED_AT = 0.81
CHANGED_AT = 0.34
LABEL_JA = {"continued": "継続", "changed": "変更", "new": "新規", "dropped": "終了・対応なし"}

PAIR_WEIGHTS = {"meaning": 0.3, "wording": 0.3, "purpose": 0.4, "outcome": 0.2, "chapter": 0.1}
#: How many of a card's best pairs measure how crowded its neighbourhood is (round 13: chosen with REGISTER_OUT by
#: eval/overlap.py's cross-validation over the 35 dev overlaps of both blind labellings; 7 before, on 22).
CROWDING_K = 10
#: How much of its lead ministry's register each passage loses (`without_register`; round 6's value, tested in round
#: 13 on the second blind labelling's cross-ministry pairs, eval/README.md); 0 leaves the passages as they are.
REGISTER_OUT = 0.5
PAIR_NOTE = ("重複の度合い = 0.3 × 意味 + 0.3 × 語彙 + 0.4 × 目的 + 0.2 × 成果 (+ 同じ章なら 0.1) − 混み具合。意味・目的・成果は、"
             "表の全文に共通する成分と、主担当府省庁の他の施策に共通する言い回しの半分を除いた埋め込みで比べます。目的: 一方の概要の各文が他方の"
             "概要で最もよく対応する文との近さ (両方向の平均、表の中央値のペアが 0)。成果: 何で効果を測るか "
             "(KPI(効果)、未設定・空欄なら KPI(進捗)、それもなければ施策名) の近さ。混み具合: 各施策の上位 "
             f"{CROWDING_K} 件のペアの平均 (二つの施策の平均から表の中央値の施策を引いたもの)。多くの施策に近い施策どうしは下がり、"
             "言い方が違っても互いに最も近い施策どうしは上がります。挙げた理由: 目的の近い文、共通語、成果の KPI、共通の KPI、"
             "互いの近さの順位。")
SCORE_NOTE = ("類似度 = 0.5 × 意味 + 0.5 × 語彙 (どちらも 0〜1)。意味: 施策の埋め込みベクトル (multilingual-e5) のコサインを、"
              "照合先の表で中央値のペアが 0、同じ文章が 1 になるよう換算。語彙: 施策名・KPI・概要の内容語 (fugashi) の "
              "TF-IDF コサイン (府省庁名は除く)。共通語は両方に多く現れ、表全体では珍しい語。")

# Words too common in plans to name a shared topic (they survive IDF in a 64-card table).
_GENERIC = frozenset({
    "推進", "整備", "活用", "実施", "取組", "取り組み", "検討", "必要", "促進", "実現", "支援", "向ける", "等", "令和", "年度",
    "年", "月", "度", "構築", "強化", "充実", "図る", "進める", "行う", "する", "ある", "なる", "いる", "れる", "こと", "ため",
    "もの", "よう", "おく", "つく", "関する", "係る", "目指す", "引き続く", "引き続き", "事業", "施策", "計画", "予定", "以降",
    "開始", "完了", "状況", "対応", "課題", "現在", "今後", "これまで", "国", "全国", "当該", "さらに", "一層", "併せる", "及び",
    "kpi", "進捗", "効果", "割合", "数", "件数", "達成", "目標", "指標", "未設定", "基づく", "踏まえる", "通じる", "含む",
    "公共", "地方", "団体", "出来る", "促す", "当たる", "応ずる", "担う", "適切", "十分", "図", "様々", "多様", "新た",
    "関係", "機関", "各種", "確保", "向上", "提供", "利用", "情報", "データ", "システム", "活動", "運用", "分野",
})


@dataclass
class CardSpace:
    """The cards of one table as similarity sees them: unit vectors and weighted content words."""

    cards: list[PolicyCard]
    vectors: np.ndarray  # (n, dim), unit length
    words: list[Counter]
    # the passages behind `vectors` (head = name + KPIs, then overview sentences), for the purpose score: unit
    # vectors, each passage's card, and whether it is the head
    passages: np.ndarray | None = None
    passage_card: np.ndarray | None = None
    passage_head: np.ndarray | None = None
    passage_texts: list[str] | None = None
    # per card, the unit vector of what it is judged by (`outcome_text`), when the space was given an embedder
    outcomes: np.ndarray | None = None

    def __len__(self) -> int:
        return len(self.cards)


def _content_words(card: PolicyCard) -> Counter:
    an = analyzer()
    text = "\n".join([card.name, card.kpi_progress, card.kpi_effect, card.overview])
    return Counter(w for w in an.words(text) if w not in _GENERIC and len(w) > 1 and not w.isdigit())


def outcome_text(card: PolicyCard) -> str:
    """What a measure is judged by: its KPI(効果); its KPI(進捗) where that is 未設定 or blank; else its name. Two
    measures for different places, devices or channels that close one gap are often judged by the same outcome."""
    for kpi in (card.kpi_effect, card.kpi_progress):
        if kpi.strip() and not kpi.strip().startswith("未設定"):
            return kpi
    return card.name


def _outcomes(cards: Sequence[PolicyCard], embedder, cache_dir=None) -> np.ndarray:
    """Unit vectors of the cards' outcome texts (embedded as documents; through the embedding cache under
    `cache_dir` when given, so that the next run reads them)."""
    if cache_dir is not None:
        from ..embed import CachedEmbedder, EmbeddingCache

        embedder = CachedEmbedder(embedder, EmbeddingCache(Path(cache_dir) / "embeddings"))
    vecs = np.asarray(embedder.embed_documents([outcome_text(c) for c in cards]), dtype=np.float64).reshape(len(cards), -1)
    return (vecs / np.maximum(np.linalg.norm(vecs, axis=1, keepdims=True), 1e-12)).astype(np.float32)


def space_of(stored, embedder=None, cache_dir=None) -> CardSpace:
    """The similarity view of a built index (index.store.StoredIndex): each card's passage vectors averaged; with
    `embedder` (the index's own model), also the cards' outcome vectors (`outcome_text`), which the pair score
    reads (see `_outcomes` for `cache_dir`)."""
    n = len(stored.cards)
    vectors = stored.vectors.vectors()  # float32 (decoded from the codes where the store keeps codes)
    sums = np.zeros((n, vectors.shape[1]), dtype=np.float64)
    np.add.at(sums, stored.chunks.card, vectors)
    counts = np.bincount(stored.chunks.card, minlength=n)
    vecs = sums / np.maximum(counts, 1)[:, None]
    vecs /= np.maximum(np.linalg.norm(vecs, axis=1, keepdims=True), 1e-12)
    heads = np.array([stored.chunks[i].field == "head" for i in range(len(stored.chunks))], dtype=bool)
    units = vectors / np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-12)
    return CardSpace(list(stored.cards), vecs.astype(np.float32), [_content_words(c) for c in stored.cards],
                     units.astype(np.float32), np.asarray(stored.chunks.card, dtype=np.int64), heads,
                     [stored.chunks[i].text for i in range(len(stored.chunks))],
                     _outcomes(stored.cards, embedder, cache_dir) if embedder is not None and n else None)


def space_of_cards(cards: Sequence[PolicyCard], embedder, chunk_chars: int = 200) -> CardSpace:
    """The similarity view of cards that have no index (another year's table, an upload): chunked as the index
    chunks them and embedded as documents, in memory (no outcome vectors: `compare` does not read them)."""
    from ..store import chunk_card

    cards = list(cards)
    chunks = [ch for i, c in enumerate(cards) for ch in chunk_card(c, i, chunk_chars)]
    vecs = np.asarray(embedder.embed_documents([ch.text for ch in chunks]), dtype=np.float64)
    sums = np.zeros((len(cards), vecs.shape[1]))
    counts = np.zeros(len(cards))
    for ch, v in zip(chunks, vecs):
        sums[ch.card] += v
        counts[ch.card] += 1
    out = sums / np.maximum(counts, 1)[:, None]
    out /= np.maximum(np.linalg.norm(out, axis=1, keepdims=True), 1e-12)
    units = vecs / np.maximum(np.linalg.norm(vecs, axis=1, keepdims=True), 1e-12)
    return CardSpace(cards, out.astype(np.float32), [_content_words(c) for c in cards], units.astype(np.float32),
                     np.array([ch.card for ch in chunks], dtype=np.int64),
                     np.array([ch.field == "head" for ch in chunks], dtype=bool), [ch.text for ch in chunks])


def space_of_file(path, embedder, settings=None, cache_dir=None) -> CardSpace:
    """The similarity view of another table's file (CSV/TSV/XLSX/JSONL cards); with `cache_dir`, its passage
    vectors are kept in the embedding cache for the next run."""
    from ..corpus import load_cards
    from ..embed import CachedEmbedder, EmbeddingCache

    corpus = load_cards(path, lenient=bool(settings and settings.lenient))
    if cache_dir is not None:
        embedder = CachedEmbedder(embedder, EmbeddingCache(Path(cache_dir) / "embeddings"))
    return space_of_cards(corpus.cards, embedder, settings.chunk_chars if settings else 200)


def _tfidf(spaces: Sequence[CardSpace]) -> tuple[list[dict[str, float]], dict[str, float]]:
    """Unit TF-IDF vectors (sublinear tf) of every card of `spaces`, with IDF over all of them."""
    docs = [w for s in spaces for w in s.words]
    df = Counter(t for d in docs for t in d)
    n = len(docs)
    idf = {t: math.log((1 + n) / (1 + k)) + 1 for t, k in df.items()}
    out = []
    for d in docs:
        vec = {t: (1 + math.log(c)) * idf[t] for t, c in d.items()}
        norm = math.sqrt(sum(x * x for x in vec.values())) or 1.0
        out.append({t: x / norm for t, x in vec.items()})
    return out, idf


def _lexical(a: list[dict[str, float]], b: list[dict[str, float]]) -> np.ndarray:
    vocab = {t: i for i, t in enumerate(sorted({t for d in a + b for t in d}))}

    def mat(docs):
        m = np.zeros((len(docs), len(vocab)), dtype=np.float32)
        for r, d in enumerate(docs):
            for t, x in d.items():
                m[r, vocab[t]] = x
        return m

    return mat(a) @ mat(b).T


def _baseline(ref: CardSpace) -> float:
    """The median cosine between two different cards of the reference table (the meaning scale's zero)."""
    cos = ref.vectors @ ref.vectors.T
    iu = np.triu_indices(len(ref), 1)
    return float(np.median(cos[iu])) if len(iu[0]) else 0.0


def similarity(a: CardSpace, b: CardSpace, ref: CardSpace | None = None) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(score, meaning, wording) matrices of every card of `a` against every card of `b` (see the module note);
    `ref` sets the meaning scale (default: `a`)."""
    base = _baseline(ref or a)
    cos = a.vectors @ b.vectors.T
    meaning = np.clip((cos - base) / max(1.0 - base, 1e-6), 0.0, 1.0)
    vecs, _ = _tfidf([a, b] if b is not a else [a])
    va = vecs[: len(a)]
    vb = vecs[len(a):] if b is not a else va
    wording = np.clip(_lexical(va, vb), 0.0, 1.0)
    return 0.5 * meaning + 0.5 * wording, meaning, wording


#: Above this many passages the purpose score falls back to the cards' mean vectors (its matrix is passages²).
PURPOSE_MAX_PASSAGES = 20_000


def purpose(space: CardSpace) -> tuple[np.ndarray, np.ndarray]:
    """(purpose, best): for every two cards, how well each one's overview passages find a counterpart among the
    other's (the mean of each passage's best cosine, averaged both ways), rescaled so that the table's median pair
    is 0 and identical text 1; and, per pair, the passage of the first card that matched best (index into
    `space.passages`, -1 when there is none). Two measures that close the same gap in different words keep
    passages that match even when most of their text differs."""
    n = len(space)
    if space.passages is None or len(space.passages) > PURPOSE_MAX_PASSAGES or n < 2:
        cos = space.vectors @ space.vectors.T
        return _rescaled(cos), np.full((n, n), -1, dtype=np.int64)
    card, head = np.asarray(space.passage_card), np.asarray(space.passage_head)
    has_body = np.bincount(card[~head], minlength=n) > 0
    use = ~head | ~has_body[card]  # overview passages; the head for a card with no overview
    idx = np.flatnonzero(use)
    idx = idx[np.argsort(card[idx], kind="stable")]
    owners = card[idx]
    starts = np.flatnonzero(np.r_[True, owners[1:] != owners[:-1]])
    present = owners[starts]
    vecs = space.passages[idx].astype(np.float32)
    cos = vecs @ vecs.T
    best_to = np.maximum.reduceat(cos, starts, axis=1)  # passage × card: its best match in that card
    counts = np.diff(np.r_[starts, len(idx)])
    mean_to = np.add.reduceat(best_to, starts, axis=0) / counts[:, None]  # card × card
    m = np.zeros((n, n))
    m[np.ix_(present, present)] = (mean_to + mean_to.T) / 2
    best = np.full((n, n), -1, dtype=np.int64)
    for ci, (a, b) in enumerate(zip(starts, np.r_[starts[1:], len(idx)])):
        best[present[ci], present] = idx[a + np.argmax(best_to[a:b], axis=0)]
    return _rescaled(m, present), best


def _rescaled(m: np.ndarray, present: np.ndarray | None = None) -> np.ndarray:
    """Cosines on 0–1 with the median pair (of the cards that have passages) at 0 and identity at 1."""
    sub = m[np.ix_(present, present)] if present is not None else m
    iu = np.triu_indices(len(sub), 1)
    base = float(np.median(sub[iu])) if len(iu[0]) else 0.0
    return np.clip((m - base) / max(1.0 - base, 1e-6), 0.0, 1.0)


def _kpi_words(card: PolicyCard) -> Counter:
    an = analyzer()
    return Counter(w for w in an.words(card.kpi_progress + "\n" + card.kpi_effect)
                   if w not in _GENERIC and len(w) > 1 and not w.isdigit())


def crowding(mix: np.ndarray, k: int = CROWDING_K) -> np.ndarray:
    """Per pair, how crowded its two cards' neighbourhoods are: the mean of the two cards' own means of their `k`
    best scores in `mix` (the diagonal left out), less the median card's; 0 for a table of fewer than 3 cards."""
    n = len(mix)
    if n < 3:
        return np.zeros((n, n))
    others = mix.astype(np.float64, copy=True)
    np.fill_diagonal(others, -np.inf)
    k = max(1, min(k, n - 1))
    near = np.sort(others, axis=1)[:, -k:].mean(axis=1)
    return (near[:, None] + near[None, :]) / 2 - float(np.median(near))


def nearness_rank(mix: np.ndarray) -> np.ndarray:
    """Per pair (a, b), where b ranks among a's closest cards by `mix` (1 = a's closest)."""
    others = mix.astype(np.float64, copy=True)
    np.fill_diagonal(others, -np.inf)
    return np.argsort(np.argsort(-others, axis=1, kind="stable"), axis=1, kind="stable") + 1


def centred(space: CardSpace) -> CardSpace:
    """The same cards with the table's mean direction taken out of their vectors: each passage less the mean of all
    passages (re-normalised), each card the mean of its own. Any two e5 passages of one plan share a large common
    part (raw cosines sit near 0.8), which lifts whatever is broad and close to everything; without it the cosines
    compare what a card says beyond the plan's common register (the mean-removal step of "all-but-the-top", Mu and
    Viswanath 2018). Within one table only: `compare` keeps the raw vectors its thresholds were calibrated on."""
    if space.passages is not None and len(space.passages) and space.passage_card is not None:
        units = space.passages.astype(np.float64)
        units = units - units.mean(axis=0)
        units /= np.maximum(np.linalg.norm(units, axis=1, keepdims=True), 1e-12)
        sums = np.zeros((len(space), units.shape[1]))
        np.add.at(sums, np.asarray(space.passage_card), units)
        vecs = sums
    else:
        units = None
        vecs = space.vectors.astype(np.float64) - space.vectors.mean(axis=0) if len(space) else space.vectors
    vecs = vecs / np.maximum(np.linalg.norm(vecs, axis=1, keepdims=True), 1e-12)
    outcomes = space.outcomes
    if outcomes is not None and len(outcomes):
        outcomes = outcomes.astype(np.float64) - outcomes.mean(axis=0)
        outcomes = (outcomes / np.maximum(np.linalg.norm(outcomes, axis=1, keepdims=True), 1e-12)).astype(np.float32)
    return CardSpace(space.cards, vecs.astype(np.float32), space.words,
                     units.astype(np.float32) if units is not None else space.passages, space.passage_card,
                     space.passage_head, space.passage_texts, outcomes)


def without_register(space: CardSpace, alpha: float = REGISTER_OUT) -> CardSpace:
    """The same cards with each passage less `alpha` × the mean passage of the other cards its lead ministry leads
    (re-normalised; each card the mean of its own). A ministry writes its measures in its own register (its
    programmes, its wording, its audience), which makes two of its cards look alike whatever they are for and two
    ministries' measures for one purpose look apart; taking a share of it out lifts the cross-ministry pairs the
    issue is about (dev: 8 → 12 of the 18 cross-ministry overlaps in the top 50). Cards of a ministry that leads no
    other card, and spaces without passages, are left as they are."""
    if not alpha or space.passages is None or space.passage_card is None or not len(space.passages):
        return space
    units = space.passages.astype(np.float64)
    card = np.asarray(space.passage_card)
    leads = [set(c.lead_ministries) for c in space.cards]
    out = units.copy()
    for c in range(len(space)):
        same = [d for d in range(len(space)) if d != c and leads[d] & leads[c]]
        if same:
            out[card == c] -= alpha * units[np.isin(card, same)].mean(axis=0)
    out /= np.maximum(np.linalg.norm(out, axis=1, keepdims=True), 1e-12)
    sums = np.zeros((len(space), out.shape[1]))
    np.add.at(sums, card, out)
    sums /= np.maximum(np.linalg.norm(sums, axis=1, keepdims=True), 1e-12)
    return CardSpace(space.cards, sums.astype(np.float32), space.words, out.astype(np.float32), space.passage_card,
                     space.passage_head, space.passage_texts, space.outcomes)


def pair_scores(space: CardSpace) -> dict[str, np.ndarray]:
    """The pair score of every two cards of one table and its parts: {"score", "meaning", "wording", "purpose",
    "outcome", "chapter", "crowding", "rank", "best"} (see the module note, PAIR_WEIGHTS and CROWDING_K), over the
    table's centred vectors less each lead ministry's register (`centred`, `without_register`); `rank` is where the
    second card ranks among the first's closest by the mix of the parts (outcome all 0 and left out of the mix where
    the space has no outcome vectors)."""
    return _pair_scores(without_register(centred(space)))


def combine(parts: dict[str, np.ndarray], chapter: float = PAIR_WEIGHTS["chapter"],
            k: int = CROWDING_K) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(score, mix, crowding) from the part matrices of `pair_scores` ("meaning", "wording", "purpose", "outcome",
    "chapter"): the PAIR_WEIGHTS mix of the parts, plus `chapter` for two cards of one chapter, less the mix's
    crowding over `k` neighbours (eval/overlap.py --cv re-combines the parts with other settings through this; an
    outcome of all 0, where the space has none, adds nothing)."""
    w = PAIR_WEIGHTS
    mix = (w["meaning"] * parts["meaning"] + w["wording"] * parts["wording"] + w["purpose"] * parts["purpose"]
           + w["outcome"] * parts["outcome"])
    crowd = crowding(mix, k)
    return mix + chapter * parts["chapter"] - crowd, mix, crowd


def _pair_scores(space: CardSpace) -> dict[str, np.ndarray]:
    _, meaning, wording = similarity(space, space)
    purp, best = purpose(space)
    chapters = np.array([c.chapter or "" for c in space.cards])
    chapter = (chapters[:, None] == chapters[None, :]) & (chapters[:, None] != "")
    vectors = space.outcomes
    outcome = _rescaled(vectors @ vectors.T) if vectors is not None and len(space) >= 2 else \
        np.zeros((len(space), len(space)))
    parts = {"meaning": meaning, "wording": wording, "purpose": purp, "outcome": outcome, "chapter": chapter}
    score, mix, crowd = combine(parts)
    return {**parts, "score": score, "crowding": crowd, "rank": nearness_rank(mix), "best": best}


# Lemmas of light verbs, demonstratives and era names that survive the content-word filter (よる → 因る, 係る → 掛かる):
# they count in the wording score, as they always did, but name nothing two cards share.
_NOT_SHARED = frozenset({"因る", "掛かる", "対する", "こう", "この", "その", "此の", "其の", "行く", "出来る", "可能", "平成",
                         "以上", "以下", "上記"})


def shared_terms(a: Counter, b: Counter, idf: dict[str, float], n: int = 5) -> list[str]:
    """The words both cards use, rarest in the table and most used by both first."""
    common = [(min(a[t], b[t]) * idf.get(t, 1.0), t) for t in a.keys() & b.keys() if t not in _NOT_SHARED]
    return [t for _, t in sorted(common, key=lambda x: (-x[0], x[1]))[:n]]


# ----------------------------------------------------------------------------------------------- within one table

#: From this purpose score on, a pair's reasons give its closest purpose sentences (これにより…, …のため, 是正 …) as
#: its shared purpose (07-01/07-04, fibre in disadvantaged areas and broadband in Okinawa, score 0.24).
PURPOSE_SHOWN = 0.2
#: A pair whose cards are each among the other's this many closest says so in its reasons (the case of two measures
#: that share a purpose and little wording: nothing else may be shared).
NEAREST_SHOWN = 3
#: From this outcome score on, a pair's reasons quote the two outcome KPIs (what each measure is judged by).
OUTCOME_SHOWN = 0.5


@dataclass(frozen=True)
class Pair:
    a: str
    b: str
    score: float
    meaning: float
    wording: float
    shared_terms: tuple[str, ...]
    cross_ministry: bool  # led by different ministries: possibly the same work in two places
    purpose: float = 0.0  # how well the overviews' passages find each other (0–1)
    same_chapter: bool = False
    purpose_passages: tuple[str, str] = ("", "")  # the best matching passage of each card: the shared purpose
    shared_kpi: tuple[str, ...] = ()  # words the two cards' KPIs share, when they measure the same thing
    crowding: float = 0.0  # how close the two cards are to everything else, less the table's median card
    nearness: tuple[int, int] = (0, 0)  # where b ranks among a's closest cards, and a among b's (0: not known)
    outcome: float = 0.0  # how close what the two measures are judged by is (0–1; 0 where not embedded)
    outcome_texts: tuple[str, str] = ("", "")  # each card's outcome text (`outcome_text`)

    @property
    def reasons(self) -> list[str]:
        """Why the pair was flagged, in Japanese, strongest first."""
        out = []
        if self.cross_ministry:
            out.append("主担当が異なる")
        if self.purpose_passages[0] and self.purpose >= PURPOSE_SHOWN:
            out.append(f"目的の近い文: 「{_clip(self.purpose_passages[0])}」/「{_clip(self.purpose_passages[1])}」")
        if self.shared_terms:
            out.append("共通語: " + "・".join(self.shared_terms))
        if self.outcome_texts[0] and self.outcome >= OUTCOME_SHOWN:
            out.append(f"成果の KPI が近い: 「{_clip(self.outcome_texts[0], 40)}」/「{_clip(self.outcome_texts[1], 40)}」")
        if self.shared_kpi:
            out.append("共通の KPI: " + "・".join(self.shared_kpi))
        if 0 < max(self.nearness) <= NEAREST_SHOWN:
            out.append("互いに最も近い施策" if max(self.nearness) == 1 else
                       f"互いに近い施策の上位 {max(self.nearness)} 位以内")
        if self.same_chapter:
            out.append("同じ章")
        return out

    def to_dict(self) -> dict:
        return {"a": self.a, "b": self.b, "score": round(self.score, 4), "shared_terms": list(self.shared_terms),
                "cross_ministry": self.cross_ministry, "meaning": round(self.meaning, 4),
                "wording": round(self.wording, 4), "purpose": round(self.purpose, 4),
                "same_chapter": self.same_chapter, "purpose_passages": list(self.purpose_passages),
                "shared_kpi": list(self.shared_kpi), "crowding": round(self.crowding, 4),
                "nearness": list(self.nearness), "outcome": round(self.outcome, 4),
                "outcome_texts": list(self.outcome_texts), "reasons": self.reasons}


def _clip(text: str, n: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[:n] + "…"


@dataclass(frozen=True)
class Cluster:
    number: int
    name: str  # its top terms
    ids: tuple[str, ...]


@dataclass
class Overlap:
    """Everything `seisaku similar` reports for one table."""

    cards: list[PolicyCard]
    scores: np.ndarray
    pairs: list[Pair]
    clusters: list[Cluster]
    order: list[int]  # card positions in cluster order (for the heatmap)
    cluster_of: list[int]  # per card, its cluster number
    xy: np.ndarray  # per card, its position on the 2-D map
    threshold: float
    baseline: float
    explanation: str = SCORE_NOTE

    def lead_of(self, i: int) -> str:
        return "、".join(self.cards[i].lead_ministries) or "(主担当なし)"


def _passage_text(space: CardSpace, k: int) -> str:
    texts = space.passage_texts or []
    return texts[k] if 0 <= k < len(texts) else ""


# How a plan's sentence says what a measure is for: これにより…, …のため, …を図る / 目指す, 是正・解消, …に寄与・貢献
_PURPOSE_CLAUSE = re.compile(r"により|ため|図る|図り|図って|目指|是正|解消|寄与|貢献|資する|実現|享受|期待")


def _purpose_clauses(space: CardSpace) -> np.ndarray:
    """Per passage, whether it is an overview sentence that says what the measure is for (not its schedule)."""
    texts = space.passage_texts or []
    heads = space.passage_head if space.passage_head is not None else np.zeros(len(texts), dtype=bool)
    return np.array([bool(_PURPOSE_CLAUSE.search(t)) and not h for t, h in zip(texts, heads)], dtype=bool)


def _purpose_passages(space: CardSpace, i: int, j: int, purposeful: np.ndarray) -> tuple[str, str]:
    """The closest two purpose sentences of cards i and j (the shared purpose a reader checks), or ("", "") when
    either card states none; the score itself reads every overview passage (see `purpose`)."""
    if space.passages is None or space.passage_card is None or not len(purposeful):
        return ("", "")
    own_i = np.flatnonzero(purposeful & (space.passage_card == i))
    own_j = np.flatnonzero(purposeful & (space.passage_card == j))
    if not len(own_i) or not len(own_j):
        return ("", "")
    cos = space.passages[own_i] @ space.passages[own_j].T
    a, b = np.unravel_index(int(np.argmax(cos)), cos.shape)
    return (_passage_text(space, int(own_i[a])), _passage_text(space, int(own_j[b])))


def _leads_differ(a: PolicyCard, b: PolicyCard) -> bool:
    la, lb = set(a.lead_ministries), set(b.lead_ministries)
    return bool(la and lb and not la & lb)


def _plane(vectors: np.ndarray) -> np.ndarray:
    """The cards on a plane: the two principal axes of their embeddings (spreads topics apart better than
    scaling the 0–1 scores, most of which are near 0)."""
    n = len(vectors)
    if n < 3:
        return np.column_stack([np.arange(n, dtype=float), np.zeros(n)])
    centred = vectors - vectors.mean(axis=0)
    u, s, _ = np.linalg.svd(centred, full_matrices=False)
    return u[:, :2] * s[:2]


def overlap(space: CardSpace, threshold: float | None = None, cluster_at: float | None = None) -> Overlap:
    """Pairs of cards at or above `threshold`, best first; clusters by average linkage cut at `cluster_at`
    (default: the pair threshold, lowered a little so that a cluster can hold cards related through a third)."""
    from scipy.cluster.hierarchy import fcluster, leaves_list, linkage, optimal_leaf_ordering
    from scipy.spatial.distance import squareform

    threshold = DEFAULT_PAIR_THRESHOLD if threshold is None else threshold
    n = len(space)
    space = without_register(centred(space))  # what the scores read: the purpose sentences shown are those that matched
    parts = _pair_scores(space)
    scores, meaning, wording, purp, best = (parts["score"], parts["meaning"], parts["wording"], parts["purpose"],
                                            parts["best"])
    crowd, near, outcome = parts["crowding"], parts["rank"], parts["outcome"]
    has_outcome = space.outcomes is not None
    scores = np.clip(scores, 0.0, 1.0)  # the crowding can push a pair of two crowded cards below 0
    np.fill_diagonal(scores, 1.0)
    _, idf = _tfidf([space])
    kpis = [_kpi_words(c) for c in space.cards]
    purposeful = _purpose_clauses(space)
    pairs = []
    for i, j in zip(*(p.tolist() for p in np.triu_indices(n, 1))):  # as ints: the loops below reuse i
        if scores[i, j] >= threshold:
            shared_kpi = tuple(shared_terms(kpis[i], kpis[j], idf, 3))
            passages = _purpose_passages(space, i, j, purposeful)
            if not passages[0] and best[i, j] >= 0 and best[j, i] >= 0 and space.passages is not None:
                passages = (_passage_text(space, int(best[i, j])), _passage_text(space, int(best[j, i])))
            pairs.append(Pair(space.cards[i].id, space.cards[j].id, float(scores[i, j]), float(meaning[i, j]),
                              float(wording[i, j]), tuple(shared_terms(space.words[i], space.words[j], idf)),
                              _leads_differ(space.cards[i], space.cards[j]), float(purp[i, j]),
                              bool(parts["chapter"][i, j]), passages, shared_kpi, float(crowd[i, j]),
                              (int(near[i, j]), int(near[j, i])), float(outcome[i, j]),
                              (outcome_text(space.cards[i]), outcome_text(space.cards[j])) if has_outcome else ("", "")))
    pairs.sort(key=lambda p: -p.score)
    dist = np.clip(1.0 - (scores + scores.T) / 2, 0.0, None)
    np.fill_diagonal(dist, 0.0)
    if n >= 2:
        condensed = squareform(dist, checks=False)
        link = optimal_leaf_ordering(linkage(condensed, "average"), condensed)
        order = [int(i) for i in leaves_list(link)]
        cut = 1.0 - (cluster_at if cluster_at is not None else threshold * 0.75)
        labels = fcluster(link, t=cut, criterion="distance")
    else:
        order, labels = list(range(n)), np.ones(n, dtype=int)
    # clusters numbered in heatmap order; singletons are not clusters (they are listed as cluster 0: 単独)
    sizes = Counter(labels)
    number: dict[int, int] = {}
    for i in order:
        if sizes[labels[i]] > 1 and labels[i] not in number:
            number[labels[i]] = len(number) + 1
    cluster_of = [number.get(labels[i], 0) for i in range(n)]
    vecs, _ = _tfidf([space])
    clusters = []
    for lab, k in sorted(number.items(), key=lambda x: x[1]):
        members = [i for i in order if labels[i] == lab]
        weight: Counter[str] = Counter()
        for i in members:
            for t, x in vecs[i].items():
                weight[t] += x  # type: ignore[assignment]  # float weights: most_common orders them just the same
        # a name is the terms most of the members share, weighted by how much they matter in each
        shared = [t for t, _ in weight.most_common() if sum(t in space.words[i] for i in members) >= max(2, len(members) / 2)]
        name = "・".join((shared or [t for t, _ in weight.most_common()])[:3])
        clusters.append(Cluster(k, name, tuple(space.cards[i].id for i in members)))
    return Overlap(space.cards, scores, pairs, clusters, order, cluster_of, _plane(space.vectors), threshold,
                   _baseline(space), PAIR_NOTE)


# ----------------------------------------------------------------------------------------------- table against table

@dataclass(frozen=True)
class RowMatch:
    """One row of table B with its closest cards of A and its label."""

    row: int  # 1-based position in B
    id: str | None  # B's own ID, if it has one
    name: str
    label: str  # "continued", "changed" or "new"
    matches: tuple[tuple[str, float], ...]  # (A's id, score), best first

    def to_dict(self) -> dict:
        return {"row": self.row, "id": self.id, "name": self.name, "label": self.label,
                "matches": [{"id": i, "score": round(s, 4)} for i, s in self.matches]}


@dataclass
class Comparison:
    """`seisaku similar --against B`: every row of B labelled, then A's cards that nothing in B took up."""

    a_cards: list[PolicyCard]
    b_cards: list[PolicyCard]
    rows: list[RowMatch]
    dropped: list[str]  # A's ids
    continued_at: float
    changed_at: float
    explanation: str = field(default="")

    def counts(self) -> Counter:
        c = Counter(r.label for r in self.rows)
        c["dropped"] = len(self.dropped)
        return c

    def jsonl_records(self) -> list[dict]:
        return [r.to_dict() for r in self.rows] + [{"id": i, "label": "dropped"} for i in self.dropped]


def compare(a: CardSpace, b: CardSpace, *, continued_at: float = CONTINUED_AT, changed_at: float = CHANGED_AT,
            top: int = 3, b_has_ids: bool = True) -> Comparison:
    """Label each card of B against A (see CONTINUED_AT / CHANGED_AT); a card of A is dropped when no row of B
    labelled continued or changed has it as its best match."""
    scores, _, _ = similarity(b, a, ref=a)
    rows, taken = [], set()
    for j, card in enumerate(b.cards):
        best = np.argsort(-scores[j], kind="stable")[:top]
        s0 = float(scores[j, best[0]]) if len(best) else 0.0
        label = "continued" if s0 >= continued_at else "changed" if s0 >= changed_at else "new"
        if label != "new":
            taken.add(int(best[0]))
        rows.append(RowMatch(j + 1, card.id if b_has_ids else None, card.name, label,
                             tuple((a.cards[int(i)].id, float(scores[j, i])) for i in best)))
    dropped = [c.id for i, c in enumerate(a.cards) if i not in taken]
    note = (SCORE_NOTE + f" 継続 = 最も近い施策との類似度が {continued_at:.2f} 以上、変更 = {changed_at:.2f} 以上、新規 = それ未満。"
            "終了・対応なし = 継続・変更と判定されたどの行の最も近い施策でもない施策。閾値は施策集の一部を書き換え・削除・追加した"
            "写しで較正しました (eval/calibrate_similar.py)。")
    return Comparison(a.cards, b.cards, rows, dropped, continued_at, changed_at, note)
