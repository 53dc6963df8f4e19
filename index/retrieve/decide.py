"""The no-answer decision: does some card answer the question? A logistic model over a few signals, fitted on the
dev split (eval/fit_abstention.py)."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import AbstractSet, Sequence

import numpy as np

from ..config import SearchParams
from ..text import (STOP_POS, STOP_WORDS, Token, analyzer, char_ngrams, compound_spans, compound_term, normalize,
                    to_hiragana)
from .lexical import TermStats
from .ministries import GOVERNMENT_BODIES, MINISTRY_NAMES_EN
from .understand import QUESTION_WORDS

__all__ = ["QuestionTerms", "question_terms", "card_features", "topic_reading_coverage",
           "abstain_probability", "answer_confidence", "Decision",
           "decide", "relevance_features", "card_confidence", "list_features", "list_confidence", "section_neighbours",
           "chapter_members", "chapter_complete", "named_in_topic", "without_own_phrasing"]


def _share(terms: list[str], idf: np.ndarray, present) -> float:
    """IDF-weighted share of `terms` that `present` holds (a card's terms, or the corpus's: `present.held(terms)`)."""
    return float(idf[present.held(terms)].sum() / idf.sum()) if terms else 0.0


@dataclass(frozen=True)
class QuestionTerms:
    """The question's content words and reading bigrams with their IDF weights: analysed once per question, then
    compared with any card."""

    words: list[str]
    corpus_coverage: float
    known: list[str]
    known_idf: np.ndarray
    grams: list[str]
    gram_idf: np.ndarray
    topic_grams: list[str]  # the reading bigrams of the content words alone, for the kana rule (decide)
    topic_gram_idf: np.ndarray
    # which of `known` name what the question is about: a policy table names its topics with nouns
    topic: np.ndarray
    # IDF-weighted share of `known` that is phrasing no card uses: verbs, adjectives, adverbs (落とす, 出す, 開く,
    # 纏める) that say how a person puts the question, not what it is about, in words the plan does not use
    unknown_phrasing: float


#: Parts of speech (UniDic pos1) that name a question's topic; pronouns (いつ, 何, それぞれ) ask, and every other
#: content word is the question's phrasing.
TOPIC_POS = frozenset({"名詞", "接頭辞", "接尾辞"})
ASKING_POS = frozenset({"代名詞"})


def question_terms(stats: TermStats, text: str) -> QuestionTerms:
    an = analyzer()
    tokens = an.tokens(text)
    words = [w for w in dict.fromkeys(an.query_words_of(tokens, stats.word_df.held)) if w not in QUESTION_WORDS]
    known = [w for w in words if w in stats.word_df or len(w) > 1]  # one-character unknowns are noise
    grams = list(dict.fromkeys(an.reading_grams(text)))
    topic = ["~" + g for g in dict.fromkeys(char_ngrams("".join(t.kana for t in _content_tokens(stats, text))))]
    pos: dict[str, str] = {}
    for t in tokens:
        pos.setdefault(t.base, t.pos)
    for i, j in compound_spans(tokens):  # the compounds query_words may have read (a noun's pieces are nouns)
        pos.setdefault(compound_term(tokens[i:j]), "名詞")
    topic_words = np.array([pos.get(w, "") in TOPIC_POS for w in known], dtype=bool)
    phrasing = np.array([pos.get(w, "") not in TOPIC_POS | ASKING_POS for w in known], dtype=bool)
    known_idf = stats.idf(known, stats.word_df)
    unknown = phrasing & ~stats.word_df.held(known) if known else phrasing
    # IDF-weighted, so that common syllable pairs (シス, ョウ) count little
    return QuestionTerms(words, _share(words, stats.idf(words, stats.word_df), stats.word_df), known, known_idf,
                         grams, stats.idf(grams, stats.reading_df), topic, stats.idf(topic, stats.reading_df), topic_words,
                         float(known_idf[unknown].sum() / known_idf.sum()) if known else 0.0)


_KATAKANA = re.compile(r"[ァ-ヶー]+")


def _content_tokens(stats: TermStats, text: str) -> list[Token]:
    """The question's tokens less particles, endings and light words, whose sounds say nothing of its topic. A
    katakana run the table never uses that reads as no noun once in hiragana is a typed ending, not a name
    (サイバーセキュリティネクサス ッテ ダレデモ ツカエルノ: って だれ でも つかえる の), and is read as such."""
    an = analyzer()
    out: list[Token] = []
    for t in an.tokens(text):
        if _KATAKANA.fullmatch(t.surface) and t.surface not in stats.word_df and t.base not in stats.word_df:
            spoken = an.tokens(to_hiragana(t.surface))
            if not any(s.pos.startswith("名詞") for s in spoken):
                out.extend(spoken)
                continue
        out.append(t)
    return [t for t in out if t.pos not in STOP_POS and t.base not in STOP_WORDS]


def card_features(stats: TermStats, terms: QuestionTerms, dense: np.ndarray, lexical: np.ndarray, cards: list[int],
                  english: bool) -> np.ndarray:
    """The features of config.ABSTAIN_FEATURES for the best of `cards`: how peaked its dense and lexical scores are
    against the whole corpus, how much of the question's words, topic words and sounds it (and the corpus) contains,
    and how much of the question is phrasing the table never uses.

    The last two bridge a person's words and the plan's: 「財布を落としたとき、交番に行かなくても…届けを出せる」 has
    落とす, 行く, 出す in no card, and they said nothing of whether 02-05 answers it; the topic's nouns do."""
    top = float(dense[cards[0]])
    # the whole corpus is the baseline, also when filters leave few cards
    z = (top - float(dense.mean())) / (float(dense.std()) + 1e-6)
    card_cov = max(_share(terms.known, terms.known_idf, stats.word_sets[i]) for i in cards)
    reading_cov = max(_share(terms.grams, terms.gram_idf, stats.reading_sets[i]) for i in cards)
    card_cov = max(card_cov, reading_cov)  # hiragana-only questions have no usable words, only sounds
    lexical_z = (float(lexical.max()) - float(lexical.mean())) / (float(lexical.std()) + 1e-6) if len(lexical) else 0.0
    topic = [w for w, t in zip(terms.known, terms.topic) if t]
    topic_idf = terms.known_idf[terms.topic] if len(terms.known) else terms.known_idf
    topic_cov = max(_share(topic, topic_idf, stats.word_sets[i]) for i in cards)
    return np.array([top, z, terms.corpus_coverage, card_cov, reading_cov, float(english), lexical_z,
                     terms.unknown_phrasing, topic_cov])


def topic_reading_coverage(stats: TermStats, terms: QuestionTerms, cards: list[int]) -> float:
    """IDF-weighted share of the sounds of the question's content words that the best of `cards` holds."""
    if not terms.topic_grams:
        return 0.0
    return max(_share(terms.topic_grams, terms.topic_gram_idf, stats.reading_sets[i]) for i in cards)


#: A topic word held by this share of the cards or more is what the whole plan is made of (データ, 連携, 活用, 情報):
#: beside a noun no card uses, it names no topic the table has (topic_unheld)
GENERAL_SHARE = 0.25

_ALL_KANJI = re.compile(r"[\u4e00-\u9fff々]+")

#: Words that speak of the table itself (「この表にありますか」, 「施策集に載ってる？」): where a question asks, not what about
TABLE_WORDS = frozenset({"表", "一覧", "リスト", "施策集", "別件", "件"})


def _in_body_name(word: str) -> bool:
    """`word` is part of a ministry's or other government body's name (水産 of 農林水産省, 厚生 of 厚生労働省)."""
    w = normalize(word)
    return len(w) > 1 and any(w in name for name in _BODY_NAMES)


_BODY_NAMES = tuple(normalize(n) for n in dict.fromkeys((*MINISTRY_NAMES_EN.values(), *GOVERNMENT_BODIES)))


def topic_unheld(stats: TermStats, terms: QuestionTerms, text: str, corpus: str) -> bool:
    """Whether the question names its topic only by nouns no card uses (「図書館のデジタル化を進める施策」: 図書館 is in
    no card, and デジタル化 / 施策 are what every card is): the table has no measure of it, however near the question's
    framing reads to some card. `text` is the question as searched (the glossary's table words added: スマホ →
    スマートフォン is a word the table uses), `corpus` every card's text: a one-character noun standing alone, which
    the table writes inside its words (港 of 港湾), may still name the topic."""
    from .understand import LIST_FILLER_WORDS

    topic = [w for w, t in zip(terms.known, terms.topic) if t and w not in LIST_FILLER_WORDS | TABLE_WORDS]
    if not topic or not corpus:
        return False
    # a word is held where a card's text writes it: not only inside a ministry's name (水産 of 農林水産省), which
    # `corpus` leaves out and the word index does not
    held = stats.word_df.held(topic) & ~np.array([_in_body_name(w) and normalize(w) not in corpus for w in topic],
                                                  dtype=bool)
    # a kanji compound no card writes whose head the table writes as a word of its own, not one of the plan's general
    # words, is a kind of what the table speaks of (農林業: 林業 is in the forestry cards; Japanese compounds end in
    # their head)
    heads = {k: w[-2:] for k, (w, h) in enumerate(zip(topic, held)) if not h and len(w) > 2 and _ALL_KANJI.fullmatch(w)}
    if heads:
        named = list(heads.values())
        specific = stats.word_df.held(named) & (stats.word_df.index.df(stats.word_df.kind, named) < GENERAL_SHARE * stats.n)
        held = held.copy()
        for k, ok in zip(heads, specific):
            held[k] = held[k] or bool(ok)
    if held.all():
        return False
    if held.any():
        # 「漁港や漁船のデータを連携する施策」: what it is about (漁港, 漁船) is in no card; データ and 連携 are in a quarter
        # of the cards or more, what the plan is made of, and name no measure of their own. A topic word fewer cards
        # hold (台帳, 転校) is a topic the table has; a one-character piece of a compound (業 of 水産業, 者 of 管理者)
        # names none on its own.
        kept = [w for w, h in zip(topic, held) if h and len(w) > 1]
        if kept and (stats.word_df.index.df(stats.word_df.kind, kept) < GENERAL_SHARE * stats.n).any():
            return False
        # ...but a one-character piece next to another held word may be part of a compound the table writes whole
        # (1人1台 of 「1人1台タブレット」, 支援員 read 支援 / 員): that compound is a topic the table has
        if any(normalize(a + b) in corpus for a, b, ha, hb in zip(topic, topic[1:], held, held[1:])
               if ha and hb and min(len(a), len(b)) == 1):
            return False
    tokens = analyzer().tokens(text)
    for k, t in enumerate(tokens):
        alone = not (k and tokens[k - 1].pos in TOPIC_POS) and not (k + 1 < len(tokens) and tokens[k + 1].pos in TOPIC_POS)
        # ...not one a demonstrative points with (中 of 「この中にある？」: the table; 他 of 「その他」), a place in what was
        # said, not a topic
        alone = alone and not (k and tokens[k - 1].pos == "連体詞")
        if len(t.surface) == 1 and t.pos == "名詞" and alone and t.surface not in TABLE_WORDS and t.surface in corpus:
            return False
    return True


def abstain_probability(features: np.ndarray, params: SearchParams) -> float:
    """Probability that no card answers, from the fitted no-answer model (config.ABSTAIN_FEATURES)."""
    w = np.asarray(params.abstain_weights, dtype=np.float64)
    x = float(np.clip(features @ w + params.abstain_bias, -50, 50))
    return 1.0 / (1.0 + np.exp(-x))


def answer_confidence(features: np.ndarray, params: SearchParams) -> float:
    """Probability that some card answers, from the confidence model (config.CONFIDENCE_FEATURES, the first of
    `features`): what the card and list models and the chat's cut-offs were fitted on."""
    w = np.asarray(params.confidence_weights, dtype=np.float64)
    x = float(np.clip(features[:len(w)] @ w + params.confidence_bias, -50, 50))
    return 1.0 - 1.0 / (1.0 + np.exp(-x))


@dataclass(frozen=True)
class Decision:
    """The outcome of a question: `abstain` (no card answers), else `uncertain` (cards shown, flagged 確度 低);
    `confidence` is the confidence model's probability that some card answers."""

    abstain: bool
    uncertain: bool
    confidence: float
    features: np.ndarray


def decide(stats: TermStats, terms: QuestionTerms, dense: np.ndarray, lexical: np.ndarray, order: list[int], *,
           english: bool, kana: bool, may_abstain: bool, params: SearchParams, text: str = "", corpus: str = "",
           as_written: QuestionTerms | None = None, glossed_order: Sequence[int] = ()) -> Decision:
    """Whether no card answers (the no-answer model) and how sure the engine is that one does (the confidence model):
    two models, so that the no-answer decision can read more of the question without moving the confidences the
    card, list and chat cut-offs were chosen on; and a question whose topic no card names (topic_unheld, read
    where `corpus`, every card's text, is given) has no answer, whatever the model reads of its framing.
    `as_written`: the question's terms as the table writes them (its English words in the glossary's terms,
    Retriever._as_written), which the no-answer model and topic_unheld read where given: "remote islands" is in no
    card, 離島 is; `glossed_order`: the cards as ranked with those words (the search's own order), whose sounds the
    kana rule reads for them."""
    f = card_features(stats, terms, dense, lexical, order[:3], english)
    read = f if as_written is None else card_features(stats, as_written, dense, lexical, order[:3], english)
    p_none = abstain_probability(read, params)
    confidence = answer_confidence(f, params)
    # kana-only questions also need few of their topic's sounds in the best cards (the model misreads kana); the
    # sounds of particles and endings (って, なの, ツカエルノ) are in no card and would count against any question
    # (the sounds of the table's words for its everyday ones too, where given: 「森のほうのやつ」 has モリ, which no card
    # holds; the 森林 the glossary reads for it is 03-41's)
    abstain = may_abstain and (p_none > params.abstain_threshold and (
        max(topic_reading_coverage(stats, terms, order[:3]),
            topic_reading_coverage(stats, as_written, list(glossed_order or order)[:3]) if as_written else 0.0)
        < params.kana_min_reading
        if kana else True)
        or not (english or kana) and topic_unheld(stats, as_written or terms, text, corpus))
    return Decision(bool(abstain), bool(not abstain and 1.0 - confidence > params.uncertain_threshold),
                    float(confidence), f)


def relevance_features(stats: TermStats, terms: QuestionTerms, dense: np.ndarray, fused_z: np.ndarray, order: list[int],
                       i: int, question_confidence: float) -> np.ndarray:
    """What the per-card model reads (config.CARD_FEATURES): card i's own dense score and coverage of the question, how
    far it is behind the best card, and how sure the engine is that the question has an answer at all."""
    top = order[0]
    card_cov = _share(terms.known, terms.known_idf, stats.word_sets[i])
    reading_cov = _share(terms.grams, terms.gram_idf, stats.reading_sets[i])
    return np.array([float(dense[i]), float(dense[top] - dense[i]), float(fused_z[top] - fused_z[i]),
                     max(card_cov, reading_cov), question_confidence, float(i == top)])


def card_confidence(features: np.ndarray, params: SearchParams) -> float:
    """Probability that the card answers the question: a logistic model fitted on the dev questions' top-10 cards
    against their labels (eval/fit_card_confidence.py)."""
    w = np.asarray(params.card_weights, dtype=np.float64)
    x = float(np.clip(features @ w + params.card_bias, -50, 50))
    return 1.0 / (1.0 + np.exp(-x))


def list_features(stats: TermStats, terms: QuestionTerms, dense: np.ndarray, fused_z: np.ndarray,
                  candidates: list[int], confidences: list[float], head_words: Sequence[AbstractSet[str]],
                  near_seeds: np.ndarray | None = None, topic_list: bool = True,
                  not_held: list[set[str]] | None = None) -> np.ndarray:
    """What the list model reads (config.LIST_FEATURES) for each candidate of a list question, best first: the card
    model's own confidence, its place in the order, its coverage of the question beside the best card's, how far its
    scores are behind, whether the question's words are in its name, and how many of the words the best card and
    the question share it holds too (a topic list's cards share the topic's own words: 港湾, 被災者, 人材); and, a
    second pass from the list's surest card(s), how much less near it lies to them than the nearest candidate
    (`near_seeds`, DenseScorer.similarity_to; the question's own dense scores where the store cannot say). That second
    pass is for topic lists only (`topic_list`): where filters (a ministry, a year, a KPI status) already make the set,
    nearness to its first card would cut cards that qualify by their cells, and seed_gap reads 0."""
    top = candidates[0]
    known, idf = terms.known, terms.known_idf
    held = [stats.word_sets[i].held(known) if known else np.zeros(0, bool) for i in candidates]
    if not_held is not None and known:  # a word a card holds only as a piece of another compound (Retriever._pieces)
        held = [h & np.array([w not in gone for w in known], dtype=bool) for h, gone in zip(held, not_held)]
    total = float(idf.sum()) or 1.0
    top_held = held[0]
    top_mass = float(idf[top_held].sum()) if known else 0.0
    dense_rank = np.argsort(np.argsort(-dense[candidates], kind="stable"), kind="stable")
    near = np.asarray(near_seeds if near_seeds is not None else dense[candidates], dtype=np.float64)
    # the rarest of the question's words that the best card holds is the topic's own word (港湾, 被災者, 地図)
    rarest = float(idf[top_held].max()) if known and top_held.any() else 0.0
    rows = []
    for r, (i, conf, h, head) in enumerate(zip(candidates, confidences, held, head_words)):
        cov = float(idf[h].sum()) / total if known else 0.0
        shared = float(idf[h & top_held].sum()) / top_mass if top_mass else 0.0
        in_name = float(idf[[w in head for w in known]].sum()) / total if known else 0.0
        p = min(max(conf, 1e-4), 1 - 1e-4)
        rows.append([np.log(p / (1 - p)), np.log1p(r), cov, cov - float(idf[top_held].sum()) / total,
                     float(fused_z[top] - fused_z[i]), float(dense[top] - dense[i]), in_name, shared,
                     np.log1p(float(dense_rank[r])), float(near.max() - near[r]) if topic_list else 0.0,
                     float(idf[h & top_held].max()) / rarest if rarest and (h & top_held).any() else 0.0])
    return np.array(rows, dtype=np.float64)


def without_own_phrasing(stats: TermStats, terms: QuestionTerms, best: int) -> QuestionTerms:
    """A topic list's terms less its phrasing words (a verb or an adjective: not TOPIC_POS) that the table writes in
    one card only, where that card is the list's best (`best`): what a list's cards share is its topic, which Japanese
    names with nouns, and a verb of one card's own wording cannot be shared by any other. 「子どもがプログラミングを学ぶ
    施策」: 学ぶ is written only in 07-09's name (学び合う), and read as the list's rarest word it made every other card
    look far from the list (06-09 情報教育, which says プログラミング教育, was rated 0.41); the cards that teach it say
    教育, 学習. Unchanged where no noun of the question is known (a phrasing word is then all the list has)."""
    if not terms.known or not terms.topic.any():
        return terms
    one = stats.word_sets[best].held(terms.known) & (stats.word_df.index.df(stats.word_df.kind, terms.known) <= 1)
    keep = terms.topic | ~one
    if keep.all():
        return terms
    return replace(terms, known=[w for w, k in zip(terms.known, keep) if k], known_idf=terms.known_idf[keep],
                   topic=terms.topic[keep])


def list_confidence(features: np.ndarray, params: SearchParams) -> np.ndarray:
    """Probability that each candidate belongs in the list: a logistic model fitted on the dev list questions
    (eval/fit_list_confidence.py)."""
    w = np.asarray(params.list_weights, dtype=np.float64)
    x = np.clip(features @ w + params.list_bias, -50, 50)
    return 1.0 / (1.0 + np.exp(-x))


def section_neighbours(positions: list[int], chapters: list[str], probs: np.ndarray, selected: np.ndarray,
                       params: SearchParams, topic: np.ndarray | None = None) -> np.ndarray:
    """Which candidates of a topic list also belong by where they stand in the table: the plan lists the measures of
    one subject together (a chapter's section: 03-07 to 03-15 health, 03-16 to 03-21 disaster), so a card that lies
    between two of the list's surest cards of its chapter, at most list_section_span rows apart, or right next to a
    card of the list, is one of them unless the list model rates it below list_gap_min (between) or list_edge_min
    (next to; list_single_edge_min where the list has one sure card, whose run of neighbours goes on while they
    reach it: 07-05 and 07-07 beside a sure 07-06 in an accessibility list); a card right next to one of the list
    that holds the topic's own word (`topic`, list_features' topic_word, at least list_edge_word: 03-44 AI ターミナル
    beside 03-43 in a 港湾 list, whose scores are far behind) joins whatever it is rated. `positions` are the
    candidates' rows in the table, `selected` the list model's choice; returns the new choice
    (SearchParams.list_section_span and the rest, chosen by eval/fit_list_confidence.py)."""
    out = selected.copy()
    sure = [k for k in range(len(probs)) if probs[k] >= params.list_section_seed]
    if not sure or (len(sure) < 2 and params.list_single_edge_min > 1):  # above 1: a lone sure card takes none
        return out
    for k in range(len(probs)):
        if out[k] or probs[k] < params.list_gap_min:
            continue
        same = [positions[j] for j in sure if chapters[j] == chapters[k]]
        left = [positions[k] - s for s in same if s < positions[k]]
        right = [s - positions[k] for s in same if s > positions[k]]
        if left and right and min(left) + min(right) <= params.list_section_span:
            out[k] = True
    word = topic if topic is not None else np.zeros(len(probs))
    # beside two sure cards one step only (a neighbour's neighbour is no longer near the list); a lone sure card says
    # less of where its section runs: its neighbours need a higher rating, and the run goes on while they reach it
    # (07-01, 07-02, 07-03 from a sure 07-01 in a list of rural networks)
    lone = len(sure) < 2
    edge_min = params.list_single_edge_min if lone else params.list_edge_min
    while True:
        members = np.flatnonzero(out)
        near = [k for k in range(len(probs)) if not out[k] and (probs[k] >= edge_min or word[k] >= params.list_edge_word)
                and any(abs(positions[k] - positions[j]) == 1 and chapters[j] == chapters[k] for j in members)]
        out[near] = True
        if not near or not lone:
            return out


def chapter_members(chapters: list[str], probs: np.ndarray, params: SearchParams) -> np.ndarray:
    """Which candidates of a topic list that asks for every measure of its subject (全部, 一覧, 漏れなく) count for the
    chapter they stand in: rated at least list_every_threshold, in a chapter of which the list counts a card at
    list_threshold. The plan gathers a subject's measures in a chapter (03: education, health, disaster; 06: human
    resources), and such a list's later cards are rated 0.3-0.5 though they belong (「学校のICTまわりの施策ぜんぶ」:
    03-02 0.44, 03-03 0.31 beside a sure 03-06); a card as low in another chapter is mostly another subject (06-09
    beside them, 07-07 in a traffic list)."""
    sure = {c for c, pr in zip(chapters, probs) if pr >= params.list_threshold}
    return np.array([pr >= params.list_every_threshold and c in sure for c, pr in zip(chapters, probs)], dtype=bool)


def chapter_complete(chapters: list[str], selected: np.ndarray, sizes: dict[str, int], params: SearchParams
                     ) -> np.ndarray:
    """Which candidates of a topic list that asks for every measure of its subject count because the list counts
    most of their chapter already: at least list_chapter_share of its cards (`sizes`: each chapter's number of cards
    in the table) and at least list_chapter_min of them. A chapter is one subject of the plan (06 デジタル人材の
    育成), and a list that counts ten of its eleven cards asks for that subject; the card left out holds none of the
    question's words (06-07 数理・データサイエンス・AI教育 in 「IT人材・デジタル人材を育てる施策を漏れなく」), not
    another subject. A small chapter is left out by the least count: five of chapter 02's six cards are its police
    cards, not a request for 02-10 港湾 too. Returns the new choice."""
    out = selected.copy()
    for chapter in {c for c, k in zip(chapters, selected) if k and c}:
        counted = sum(1 for c, k in zip(chapters, selected) if k and c == chapter)
        if counted >= max(params.list_chapter_share * sizes.get(chapter, counted + 1), params.list_chapter_min):
            out |= np.array([c == chapter for c in chapters], dtype=bool)
    return out


def section_run(positions: list[int], chapters: list[str], probs: np.ndarray, selected: np.ndarray,
                holds_topic: list[bool], params: SearchParams) -> np.ndarray:
    """Which candidates of a topic list that asks for every measure of its subject (全部, 一覧, 漏れなく) also count
    because the table's run of that subject goes on: right next to a counted card of their chapter, rated at least
    list_run_min, and stating the topic: one of its words or their table terms that names a subject (in at most
    list_run_word_cards cards) in the card's name, the first point of its 課題・取組概要 or its KPIs (`holds_topic`,
    Retriever._holds_any);
    the run goes on from each card it takes. The plan writes a subject's measures one after another (03-07 … 03-15
    health, 03-16 … 03-21 disaster), and a list's later cards there are rated 0.15-0.3 though they belong
    (「医療・健康・介護データ関係の施策、漏れなく」: 03-11 匿名加工医療情報 0.25, 03-13 データヘルス 0.29, 03-14
    遠隔診療 0.21, 03-15 8K 0.17 after a counted 03-12). A neighbour that does not hold the topic's words is another
    subject that happens to stand there, or names it in passing (03-08 難病データベース beside 03-09 in a 遠隔医療
    list). Above 1: never.
    Returns the new choice (SearchParams.list_run_min, chosen leave-one-split-out by eval/topic_list_study.py --run)."""
    out = selected.copy()
    if params.list_run_min > 1.0:
        return out
    while True:
        members = np.flatnonzero(out)
        near = [k for k in range(len(probs)) if not out[k] and probs[k] >= params.list_run_min and holds_topic[k]
                and any(abs(positions[k] - positions[j]) == 1 and chapters[j] == chapters[k] for j in members)]
        if not near:
            return out
        out[near] = True


def named_in_topic(names: Sequence[AbstractSet[str]], word: str, probs: np.ndarray, params: SearchParams,
                   kin_named: Sequence[bool] | None = None, word_named: Sequence[bool] | None = None) -> np.ndarray:
    """Which candidates of a topic list hold the topic's own word (`word`, Retriever._topic_word) in their name
    (`names`: each card name's content words), or the table's other word for the topic (`kin_named`: glossary.topic_kin,
    Retriever._kin_named), and are rated at least list_name_word_min: the plan names a measure by its subject, so a
    card named by the topic is one of its measures even where its text is about something else (02-09 視覚障害者、
    高齢者等の移動支援システム is about traffic signals, in a list for 障害 / 高齢者), and one named by the topic's
    other word too, however little it shares with the list's first cards (03-42 筆ポリゴンデータ in a list of 地図,
    07-05 情報アクセシビリティ in a list for 障害)."""
    kin = kin_named if kin_named is not None else [False] * len(probs)
    # (`word_named`: which are named by the word where the caller read more of the topic, Retriever._word_named)
    own = word_named if word_named is not None else [bool(word) and word in n for n in names]
    return np.array([(bool(o) or bool(k)) and float(pr) >= params.list_name_word_min
                     for o, pr, k in zip(own, probs, kin)], dtype=bool)


def topic_held(selected: np.ndarray, probs: np.ndarray, holds_topic: Sequence[bool], params: SearchParams) -> np.ndarray:
    """Which of a topic list's counted cards stay once those that never say its topic are dropped: a card that holds
    none of the topic's own words anywhere in its text (`holds_topic`: Retriever._topic_terms, the nouns of each
    enumerated item that name a subject, read in its name, overview and KPIs) stays only where the list model rates it
    at least list_topic_hold_min. The list's words are a union over what it enumerates (「遠隔医療とかオンライン診療」:
    遠隔, 診療), so a card of any item stays; a card that shares the section and the framing but not the subject goes
    (03-17 災害情報の共有 in a list of 被災者支援, whose cards all say 被災者). Only where the list's surest card says
    one of them (else the words do not name what the list is about). Above 1: never.
    Returns the new choice (SearchParams.list_topic_hold_min, chosen leave-one-split-out by
    eval/topic_list_study.py --hold)."""
    out = selected.copy()
    if params.list_topic_hold_min > 1.0 or not len(probs) or not holds_topic[int(np.argmax(probs))]:
        return out
    for k in range(len(probs)):
        if out[k] and not holds_topic[k] and probs[k] < params.list_topic_hold_min:
            out[k] = False
    return out
