"""The search orchestrator: understand → lexical / dense scores → fuse → decide → select → evidence."""

from __future__ import annotations

import functools
import io
import json
import os
import re
import unicodedata
from collections import Counter
from dataclasses import replace
from pathlib import Path
from typing import Sequence

import numpy as np

from ..config import LIST_FEATURES, SearchMode, SearchParams, parse_choice
from ..embed import Embedder
from ..corpus import chapter_titles
from ..roadmap import Roadmap, read_roadmaps, roadmaps, table_year, write_roadmaps
from ..store import StoredIndex, head_text
from ..text import ONLY_DIGITS, Token, analyzer, fold_kana, normalize, unsearchable
from .card_words import CARD_WORDS, CardWords, full_text, said_as_such, subject_text
from .decide import (GENERAL_SHARE, TABLE_WORDS, QuestionTerms, without_own_phrasing, card_confidence, card_features,
                     chapter_complete, chapter_members, decide,
                     list_confidence, list_features, named_in_topic, question_terms, relevance_features, section_neighbours,
                     section_run, topic_held, topic_unheld)
from .dense import DenseScorer
from .evidence import EvidenceFinder
from .fuse import fuse, ranked, zscore
from .glossary import Entry, english_as_written, in_table_words, specific_entries, table_terms, terms_for, topic_kin
from .lexical import LexicalScorer
from .results import (ANY_OF, CardFacets, Filters, Hit, SearchResult, blank_kpi_note, cell_reason, cell_rules,
                      undecided_marks_note)
from .select import select, table_order
from .siblings import second_first
from .dated import roadmap_evidence, with_dated
from .understand import (LEAD_WORDS, Query, Understanding, asks_every, chapter_heading, count_by_table,
                         enumerated_before, has_topic, list_items, list_topic_text, names_subject, subject_words,
                         with_table_words, written_terms,
                         WRITTEN_TERM)

__all__ = ["Retriever", "open_retriever", "derive_tables"]

_MARKUP = re.compile(r"<[^<>]{0,200}>")
# the words for a measure, which any card is (関連施策, 取り組み): no card's own term
_MEASURE_WORDS = re.compile(r"施策|取組|取り組み|事業|政策|しさく|せさく")
_WORD_RUNS = re.compile(r"[一-龥々]{2,}|[ァ-ヶー]{2,}")  # the words of a glossary key (kana folded to katakana)
# "mentions COVID-19", "mention the GIGA School": the English words a card is asked to write (up to the clause's end)
_EN_MENTIONED = re.compile(r"\b(?:mention(?:s|ed|ing)?|refer(?:s|red|ring)?\s+to|referenc(?:e|es|ed|ing)|cit(?:e|es|ed|ing))\s+"
                           r"(?:the\s+|a\s+|an\s+)?([A-Za-z0-9][A-Za-z0-9 .\-]{0,40}?)\s*"
                           # "people with disabilities (障害者)": the table's own word for it, given in brackets
                           r"(?:\(\s*([^()]{1,20}?)\s*\)\s*)?(?:[?!,;]|\.(?!\d)|$)",
                           re.I)


class _SpellingTexts(Sequence[str]):
    """Each card's head and overview, in order, made when read (not held for every card of a large corpus)."""

    def __init__(self, cards):
        self.cards = cards

    def __len__(self) -> int:
        return 2 * len(self.cards)

    def __getitem__(self, i):
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(len(self)))]
        if not -len(self) <= i < len(self):
            raise IndexError(i)
        card = self.cards[i // 2 if i >= 0 else (len(self) + i) // 2]
        return head_text(card) if i % 2 == 0 else card.overview


# tables of the stages, written with an index
UNDERSTANDING, READINGS, FACETS, ROADMAPS = "understanding.json", "readings.json", "facets.npz", "roadmap.jsonl"


#: 「APIの連携が出てくる」: two words joined by の before what says a card writes them (understand.MENTION_PATTERN)
_NO_MENTIONED = re.compile(r"(?<![一-龥々ァ-ヴーA-Za-z0-9])([一-龥々ァ-ヴーA-Za-z0-9]{1,20})の([一-龥々ァ-ヴーA-Za-z0-9]{1,20})"
                           r"(?:に|が)(?:触れ(?:て|た)|言及(?:して|した|する|がある)|出てく|登場)")

#: A bracketed aside of a card's text or a question (NFKC: （…） is (…)), innermost first: what it says by the way
_BRACKETED = re.compile(r"\([^()]*\)")
# … and those that list examples by the way (「各種台帳等(不動産登記簿、戸籍簿、…、農地台帳、林地台帳等)」): several
# things, or a kind ending 等; not a gloss (TSPS(信号情報活用運転支援システム)) nor a condition ((子育て及び介護…に準ずる))
_ASIDE = re.compile(r"\([^()]*(?:、[^()]*|等)\)")
# … and, outside a bracket, a run of three or more quoted names (「「セキュリティ領域」、「データサイエンス領域」、「アジャイル
# 領域」及び「IoTソリューション領域」」): the areas or examples a card covers, one of several; two are what a card runs
# (06-05 「セキュリティ・キャンプ」、「未踏IT人材発掘・育成事業」)
_QUOTED_RUN = re.compile(r"「[^「」]{1,40}」(?:\s*(?:、|,|及び|および|並びに|又は|または|や|と)\s*「[^「」]{1,40}」){2,}")
# words joined by ・ in a question (「IT・セキュリティ・データ系」): the parts a topic enumerates
_DOTTED = re.compile(r"[一-龥々ァ-ヶーA-Za-z0-9]+(?:・[一-龥々ァ-ヶーA-Za-z0-9]+)+")
_KATAKANA_WORD = re.compile(r"[ァ-ヶー]+")  # a word written in katakana alone (マイナンバー)


@functools.lru_cache(maxsize=1024)
def _chunk_tokens(chunk: str) -> tuple[Token, ...]:
    """The analyser's tokens of one of a topic list's chunks (Retriever._bare_heads and _pieces read the same chunks,
    and a search reads _pieces twice: for the list features and the topic's sense), tokenized once per text."""
    return tuple(analyzer().tokens(chunk))


@functools.cache
def derivation_code() -> str:
    """A hash of the modules whose code computes the derived tables (understand, ministries, results, roadmap,
    card_words, and text, whose analyzer makes each card's stored words: a question's own words must come from the
    same), kept in the index's manifest: a cached index whose tables other code wrote is rebuilt (vectors come from
    the embedding cache), where before it was trusted unless a VERSION was bumped, and a stale facets file gave other lists than a fresh
    build (dev4 attribute lists 0.986 against 1.000, 2026-12-05)."""
    import hashlib
    import importlib

    h = hashlib.sha1()
    for name in (".understand", ".ministries", ".results", "..roadmap", ".card_words", "..text"):
        h.update(Path(importlib.import_module(name, __package__).__file__ or "").read_bytes())
    return h.hexdigest()


def derive_tables(cards: Sequence, folder: Path) -> None:
    """Write what the stages read of the whole table (store.build_index's `derive`): the understanding stage's names
    and reading dictionary, and the filters' arrays. Opening a million cards then reads neither every card nor
    their text, and neither does the first kana question or the first filter."""
    (folder / UNDERSTANDING).write_text(json.dumps(Understanding.tables(cards), ensure_ascii=False), encoding="utf-8")
    readings = Understanding.readings_of(_SpellingTexts(cards))
    (folder / READINGS).write_text(json.dumps(readings, ensure_ascii=False), encoding="utf-8")
    CardFacets(cards).save(folder / FACETS)
    write_roadmaps(cards, folder / ROADMAPS)
    (folder / CARD_WORDS).write_text(CardWords.of(cards).to_json(), encoding="utf-8")


def _stored_bytes(stored: StoredIndex, name: str) -> bytes | None:
    """A stored table's bytes, read by offset (pread) from the handle opened with the index: two threads reading it
    at once share no file position."""
    f = stored.derived.get(name)
    if f is None:
        return None
    fd, parts, at = f.fileno(), [], 0
    while part := os.pread(fd, 1 << 24, at):
        parts.append(part)
        at += len(part)
    return b"".join(parts)


def _stored_json(stored: StoredIndex, name: str) -> dict | None:
    data = _stored_bytes(stored, name)
    try:
        return json.loads(data.decode("utf-8")) if data is not None else None
    except (ValueError, UnicodeDecodeError):
        return None  # checked by its checksum at open; if still unreadable, computed from the cards instead


class Retriever:
    """Search one stored index; `mode` picks the lexical side, the dense side, or both fused. Safe to share between
    threads: the stages keep no per-question state."""

    RANK_LIMIT = 1000  # cards of the fused order a search reads (answers, related cards, features) at most

    def __init__(self, stored: StoredIndex, embedder: Embedder, params: SearchParams | None = None):
        from ..vectors import query_thread_policy

        query_thread_policy()
        self.stored, self.embedder = stored, embedder
        # where open_retriever found the index: the overlap map keeps its outcome vectors in that embedding cache
        self.cache_dir: Path | None = None
        self.cards = stored.cards
        params = params or SearchParams()
        self.understanding = Understanding(self.cards, _SpellingTexts(self.cards), _stored_json(stored, UNDERSTANDING),
                                           stored_readings=lambda: _stored_json(stored, READINGS))
        self.lexical = LexicalScorer(stored.lexical, len(stored.cards), params)
        self.dense = DenseScorer(stored, embedder, params)
        self.evidence = EvidenceFinder(stored)
        self.params = params
        # The no-answer model was fitted on questions about the bundled table; on another corpus its probabilities
        # mean nothing, so there every question is answered (with its confidence marked uncalibrated), never "none".
        self.calibrated = str(stored.manifest.get("source", "")).startswith("bundled:")
        # what is worked out of the cards once per bound index, per argument (a card; the few `most` the params
        # give): functools' caches, kept on the instance (two threads that both ask first both work it out: the same)
        self._stated_where = functools.cache(self._stated_where_of)
        self._specific_entries = functools.cache(self._specific_entries_of)
        self._unheld_everyday = functools.cache(self._unheld_everyday_of)

    # The tables below are read (or worked out) on first use and kept on the instance (functools.cached_property):
    # two threads that both use one first may both build it, with the same result.

    @functools.cached_property
    def facets(self) -> CardFacets:
        """The cards' filter arrays, built on the first filtered search."""
        stored = _stored_bytes(self.stored, FACETS)
        facets = CardFacets.load(io.BytesIO(stored)) if stored is not None else None
        return facets or CardFacets(self.cards)

    @functools.cached_property
    def card_words(self) -> CardWords:
        """Each card's words as the list and topic paths read them (card_words.CardWords), as stored with the index;
        an index stored without them analyses the cards on first use."""
        data = _stored_bytes(self.stored, CARD_WORDS)
        table = CardWords.from_json(data, len(self.cards)) if data is not None else None
        return table or CardWords.of(self.cards)

    @functools.cached_property
    def _roadmap_table(self) -> tuple[int, list[Roadmap]]:
        """(the table's year, each card's roadmap) as stored with the index; an index built before they were stored
        reads them off the cards."""
        data = _stored_bytes(self.stored, ROADMAPS)
        read = read_roadmaps(data, len(self.cards)) if data is not None else None
        if read is None:
            as_of = table_year(self.cards)
            read = (as_of, roadmaps(self.cards, as_of))
        return read

    @property
    def roadmaps(self) -> list[Roadmap]:
        """Each card's milestones and KPI targets (index.roadmap)."""
        return self._roadmap_table[1]

    @property
    def table_year(self) -> int:
        """The table's own (fiscal) year, against which a milestone is past or planned."""
        return self._roadmap_table[0]

    @property
    def params(self) -> SearchParams:
        return self._params

    @params.setter
    def params(self, params: SearchParams) -> None:
        """New knobs reach every stage at once (the tuning scripts try many)."""
        self._params = self.lexical.params = self.dense.params = params

    @property
    def lexicon(self) -> dict[str, str]:
        return self.understanding.lexicon

    @property
    def absent_bodies(self) -> dict[str, str]:
        return self.understanding.absent

    def reading_dictionary(self) -> dict[str, str]:
        """Reading → spelling of the corpus's nouns, for kana questions; built on the first one (~0.2 s here)."""
        return self.understanding.reading_dictionary()

    # -- search ----------------------------------------------------------------------------------------------

    def search(self, query: str, *, top_k: int = 10, filters: Filters | None = None, mode: str = "hybrid",
               understand_query: bool = True, abstain: bool = True, as_list: bool = False) -> SearchResult:
        """`as_list`: answer with every card that qualifies, as for 「…を全部」 (the chat's 「その中で…は？」 and
        「ほかに…は？」 ask for a set without saying so)."""
        chosen = parse_choice(SearchMode, mode, "mode")
        return self._search_understood(self._understand(query, understand_query, chosen), top_k=top_k, filters=filters,
                                       mode=chosen, understood=understand_query, abstain=abstain, as_list=as_list)

    def _search_understood(self, q: Query, *, top_k: int, filters: Filters | None, mode: SearchMode, understood: bool,
                           abstain: bool, as_list: bool) -> SearchResult:
        """`search` of a question understood already (`_understand`): what search and search_many share."""
        if q.intent.one_measure and (as_list or (filters is not None and filters.ids)):
            # within a follow-up's set, or asked as a set: the ministry's cards on the topic, as before
            q = replace(q, intent=replace(q.intent, one_measure=False, is_list=True))
        if as_list and not q.intent.is_list:
            q = replace(q, intent=replace(q.intent, is_list=True, literal=True))
        resolved = self._filters_for(q.intent, filters or Filters())
        res = self._search(q, top_k=top_k, filters=filters, mode=mode, understood=understood, abstain=abstain,
                           resolved=resolved)
        if understood:
            res = self._topic_of_ministry(q, res, filters, top_k, mode)
        return self._with_reasons(res, q, filters, resolved) if understood else res

    def _own_term(self, query: str, card: int) -> str:
        """A term of the question as written (understand.written_terms, the words for measures set aside) that card
        alone writes, in its name, overview, KPIs or ministries, and states as its subject (subject_text): the card's
        own term, which names it; "" where none."""
        texts = self._normal_texts
        subject = normalize(subject_text(self.cards[card]))
        for term in written_terms(_MEASURE_WORDS.sub(" ", normalize(query))):
            if term in subject and not any(term in text for i, text in enumerate(texts) if i != card):
                return term
        return ""

    def _topic_of_ministry(self, q: Query, res: SearchResult, filters: Filters | None, top_k: int,
                           mode: SearchMode) -> SearchResult:
        """「ITの人材育成の施策で経済産業省が主担当のやつぜんぶ」: a topic's list restricted to one ministry's cards is the
        topic's own list, of which those of the ministry; a card of the ministry the topic's list does not count (03-02
        EdTech, whose KPI says 育成 on the way, in another chapter) is shown below them. Read only where the topic's list and the
        ministry's cards meet (else the ministry's cards on the topic, as searched among them)."""
        i = q.intent
        if (filters is not None and (filters.ministries or filters.ids)) or len(i.ministries) != 1 or not i.is_list \
                or res.abstained or len(res.answers) < 2 or not names_subject(i.topic) or replace(
                i, ministries=(), lead=False, not_lead=False, in_charge=False, is_list=False, literal=False).structured:
            return res
        if re.search(r"(?:^|\s)(?:や|とか|・|、|と|まわり|周り|関係|関連)", i.topic):
            return res  # 「警察や道路交通に関わる施策」, 「警察まわりの」: the ministry is part of the topic, no restriction
        topic = re.sub("|".join(map(re.escape, LEAD_WORDS)) + r"|(?<!\S)(?:が|で|の|は|も)(?=\S)", " ", i.topic)
        if not has_topic(topic):
            return res
        listed = self.search(topic, top_k=top_k, mode=mode, as_list=True)
        of_topic = {h.card.id for h in listed.answers}
        kept = [h for h in res.answers if h.card.id in of_topic]
        # (only a card of another chapter than those the topic's list keeps: beside them in the table, a card the
        # topic's list cut short is still of its subject, 02-07 beside 02-06 and 02-08 for 「信号とか交通管制…」)
        chapters = {h.card.chapter for h in kept}
        out = {h.card.id for h in res.answers if h.card.id not in of_topic and h.card.chapter not in chapters}
        if not kept or not out:
            return res
        return replace(res, results=[replace(h, related=True) if h.card.id in out else h for h in res.results])

    def _with_reasons(self, res: SearchResult, q: Query, filters: Filters | None, f: Filters) -> SearchResult:
        """A set the cells make, with each card's reason (results.cell_reason: the KPI cell, mark, ministry or
        milestone that puts it there), and a question about the 条・手引 marks with the cards whose marks the table
        does not place and might be asked (results.undecided_marks_note); `f` are the filters the search used
        (`_filters_for`), `filters` the caller's."""
        note = ""
        if f.articles or f.guides or f.marks_rule:
            note = undecided_marks_note(self.cards, f, [h.card.id for h in res.results if not h.related])
            if (f.articles or f.guides) and res.abstained and res.reason == "no card matches the filters" and not filters:
                res.reason = "no placed mark in the columns asked"  # said as such (with the note), not as chosen filters
        elif f.kpi_rule == "written" and not res.abstained:
            # 「KPIが未設定の施策」 counts the cells that say 未設定; the blank ones, which some readers also mean, are named
            note = blank_kpi_note(self.cards)
        elif f.dated and res.abstained and res.reason == "no card matches the filters" and not filters:
            res.reason = "no milestone meets the dates asked"  # 「概要に2024年度が出てくる施策」: none, said so
        res.notes += [note] if note and note not in res.notes else []
        if f:
            res.results = [replace(h, reason=cell_reason(h.card, f, h.milestones)) if not h.related else h
                           for h in res.results]
        return res

    def search_many(self, queries: Sequence[str], *, batch_size: int = 64, top_k: int = 10,
                    filters: Filters | None = None, mode: str = "hybrid", understand_query: bool = True,
                    abstain: bool = True, as_list: bool = False) -> list[SearchResult]:
        """`search` for each query, in input order, with the questions embedded `batch_size` at a time (one engine
        call per batch instead of one per question); each answered as `search` answers it."""
        chosen = parse_choice(SearchMode, mode, "mode")
        out: list[SearchResult] = []
        for start in range(0, len(queries), batch_size):
            batch = [self._understand(q, understand_query, chosen) for q in queries[start:start + batch_size]]
            if chosen != SearchMode.BM25:
                self.dense.embed([self._dense_text(q) for q in batch])
            out += [self._search_understood(q, top_k=top_k, filters=filters, mode=chosen, understood=understand_query,
                                            abstain=abstain, as_list=as_list) for q in batch]
        return out

    def _understand(self, query: str, enabled: bool = True, mode: SearchMode = SearchMode.HYBRID) -> Query:
        """The understood question, put in the table's words where the glossary's specific entries know its everyday
        ones (ネット回線関係の施策は？ → 超高速ブロードバンド・光ファイバ関係の施策は?; glossary.in_table_words): read in
        its own words, such a question is far from the card that answers it on both sides and looks like one the
        table does not answer (the no-answer model was fitted on questions in the table's words). Only entries whose
        terms at most `glossary_specific_cards` cards hold: a word most cards use (地方公共団体, 医療, 教育) brings a
        question the table does not answer nearer to every card."""
        q = self.understanding.run(query, enabled)
        most = self.params.list_glossary_specific_cards if q.intent.is_list else self.params.glossary_specific_cards
        if not enabled or mode != SearchMode.HYBRID or most <= 0 or q.intent.kana:  # kana: read as respelled
            return q
        if q.intent.mentions and all(any(normalize(w) in text for text in self._full_texts) for w in q.intent.mentions):
            # 「健康保険組合が出てくるのは？」: the words a card is asked to write, as written, where a card writes them
            # (the glossary's 健康保険 → 保険者 made it 「保険者組合」, which no card writes)
            return q
        # an English phrase is put in the table's words only where one card holds them ("a real-estate ID" read as
        # 不動産ID, which two cards hold, made both sure answers to a question about one), and not in a list: there the
        # one card's name narrowed the topic ("ports and container terminals" → AIターミナル counted 1 of 3 cards)
        english = self._specific_entries(1) if q.intent.english and not q.intent.is_list else ()
        text = in_table_words(q.text, self._specific_entries(most), english)
        q = q if text == normalize(q.text) else replace(self.understanding.run(text), original=q.original)
        return self._mentioned_in_english(self._mentioned_compound(q))

    def _mentioned_in_english(self, q: Query) -> Query:
        """"Which measures mention COVID-19?": the cards that write what the English words name, as 「新型コロナに触れて
        いる施策」 is read (understand.mentioned_words reads the Japanese words only). The words as written where a card
        writes them (5G, GIGA); else the glossary's term for them (glossary.table_terms: COVID-19 → 感染症,
        新型コロナウイルス) that the fewest cards write, the one that names the very thing (感染症 is any infection)."""
        intent = q.intent
        said = _EN_MENTIONED.search(normalize(q.text)) if intent.english and intent.literal and intent.dated is None \
            and not (intent.mentions or intent.mentions_in_kpi) else None
        if said is None:
            return q
        phrase = said.group(1).strip()
        texts = self._full_texts  # (normalize lower-cases them)

        def writers(w: str) -> int:
            return sum(normalize(w).lower() in t for t in texts)

        def word_for(phrase: str) -> str | None:
            held = [w for w in ([phrase] if writers(phrase) else table_terms(phrase).split()) if writers(w)]
            return min(held, key=writers) if held else None

        # "mention Okinawa or remote islands": the cards that write either (results.ANY_OF joins them), each said as
        # a card writes it (沖縄, 離島); the whole phrase where a card writes it as it stands
        alternatives = [] if writers(phrase) else [a for a in re.split(r"\s*,\s*(?:or\s+)?|\s+or\s+", phrase) if a]
        words = [w for w in map(word_for, alternatives) if w] if len(alternatives) > 1 else []
        word = ANY_OF.join(dict.fromkeys(words)) if len(words) == len(alternatives) > 1 else word_for(phrase)
        given = (said.group(2) or "").strip()
        if given and writers(given):
            # "people with disabilities (障害者)": the person gave the table's word, which the cards that write it hold
            # (02-09 writes 視覚障害者, no gloss of "disabilities" the glossary keeps)
            word = given
        if not word:
            return q
        topic = normalize(q.intent.topic).replace(said.group(0).lower(), " ")
        return replace(q, intent=replace(intent, mentions=(word,), topic=topic))

    def _mentioned_compound(self, q: Query) -> Query:
        """「APIの連携が出てくる施策」: the cards that write the compound the words before 「が出てくる」 make with their
        の taken out (API連携: 03-07 マイナンバーAPI連携, 05-31 システムのAPI連携), where a card writes it so; the table
        writes its compounds whole, and a person says them with の (understand.mentioned_words reads a word of its own
        only: 「感染症への対応に触れている」 names a phrase)."""
        intent = q.intent
        said = _NO_MENTIONED.search(normalize(q.text)) if (intent.literal and not intent.english and intent.dated is None
                                                             and not (intent.mentions or intent.mentions_in_kpi)) else None
        if said is None:
            return q
        word = said.group(1) + said.group(2)
        def holding(w: str) -> int:
            return sum(normalize(w) in t for t in self._full_texts)

        items = enumerated_before(normalize(q.text), said.start())
        if items and holding(said.group(2)) >= GENERAL_SHARE * len(self.cards):
            # 「マイナンバーやマイナポータルの活用に触れている」: words enumerated before one whose の joins a word a
            # quarter of the cards hold (活用, 推進: what the plan is made of): the cards that write any of the
            # words (results.ANY_OF), not the compound one card writes of the last (03-20 マイナポータル活用)
            words = [w for w in (*items, said.group(1)) if holding(w)]
            if len(words) == len(items) + 1:
                topic = normalize(intent.topic).replace(said.group(0).lower(), " ")
                for w in sorted(items, key=len, reverse=True):
                    topic = topic.replace(normalize(w), " ")
                return replace(q, intent=replace(intent, mentions=(ANY_OF.join(words),), topic=topic))
        if not any(normalize(word).lower() in normalize(full_text(c)).lower() for c in self.cards):
            return q
        topic = normalize(intent.topic).replace(said.group(0).lower(), " ")
        return replace(q, intent=replace(intent, mentions=(word,), topic=topic))

    @staticmethod
    def _searched_text(q: Query) -> str:
        return q.intent.topic if q.intent.structured else q.text

    @staticmethod
    def _dense_text(q: Query) -> str:
        # a named ministry is a filter already; the dense side reads what is asked about it (自動運転, not 警察庁)
        text = Retriever._searched_text(q) if q.intent.ministries else q.text
        return with_table_words(text)

    def _search(self, q: Query, *, top_k: int, filters: Filters | None, mode: SearchMode, understood: bool,
                abstain: bool, capture: list | None = None, resolved: Filters | None = None,
                enumerated: bool = True) -> SearchResult:
        """`resolved`: the question's filters (`_filters_for`) where the caller built them already, for its reasons:
        built once per question (the latest-target filter reads every card's targets). `enumerated`: a topic list
        that enumerates its items is read as the union of each item's list (False: the question is one item's)."""
        p, intent, query = self.params, q.intent, q.original
        filters = filters or Filters()
        browsing = bool(filters)  # the caller chose filters: a filtered listing, never abstained
        why = unsearchable(_MARKUP.sub(" ", query))
        if why and not (why == ONLY_DIGITS and intent.structured):
            # only spaces, symbols, emoji, a lone HTML tag, a formula, a URL or a number that is no 施策番号 (04-03 is
            # one): any card would be an arbitrary one, and came with high confidence (「=1+2」 0.998, 「1」 0.997)
            return SearchResult(query, True, [], intent, reason=f"nothing to search: {why}", confidence=0.0)
        if intent.absent_ministries and (intent.all_ministries or not intent.ministries):
            # 「デジタル庁が主担当の施策は？」: asked about a body (alone, or jointly with another) that the table never
            # names, so no card is its measure; cards on the rest of the question are offered as near misses
            names = "、".join(intent.absent_ministries)
            near = []
            if has_topic(intent.topic):
                near = self.search(intent.topic, top_k=3, abstain=False, understand_query=False).results
            return SearchResult(query, True, [], intent, reason=f"no card in this table lists {names} (府省庁名)",
                                suggestions=[replace(h, evidence=()) for h in near], confidence=0.0)
        filters = resolved if resolved is not None else self._filters_for(intent, filters)
        allowed = self.facets.mask(filters) if filters else np.ones(len(self.cards), bool)
        if filters.kpi_rule or filters.marks_rule or filters.mentions or filters.cell_counted:  # cells the facets do not index: the cards
            allowed &= np.fromiter((cell_rules(c, filters) for c in self.cards), bool, len(self.cards))
        if not allowed.any():
            return SearchResult(query, True, [], intent, reason="no card matches the filters", confidence=0.0)

        # 「03章の教育の施策」: a section the named chapter's heading lists is its run of the table, every card of it
        section = self._heading_section(q, filters) if understood else None
        if section is not None:
            allowed &= section
        words, lex, chunk_s, dense, fused, plain = self._scores(q, filters, allowed, mode, understood)
        # a word left that names no subject (a verb, a cell's name or state) does not turn the listing into a search
        listing = understood and bool(filters) and (section is not None or not names_subject(intent.topic) or (
            # 「…に言及している施策を全部」 said with words of its own that none of the cards writing the word holds
            # ("For my paper I need every measure that explicitly refers to Society 5.0"): how the person came to ask,
            # which narrows nothing; the cards that write it are the list
            bool(filters.mentions) and intent.is_list and not self._subject_held(intent.topic, allowed)))
        # a listing shows every matching card; otherwise only the first cards of the order are ever read
        order = ranked(fused, allowed, None if listing else max(self.RANK_LIMIT, top_k + p.list_max))
        if (intent.is_list and understood and order and not (filters or intent.structured or intent.literal
                                                             or intent.ministries) and count_by_table(query)
                and self._own_term(query, order[0])):
            # 「被災者台帳の施策はどれですか」, 「不動産IDの施策はどれですか」: a bare どれ or a kind of measure, whose term
            # only the card ranked first writes (and states as its subject): the question names that card, the one
            # measure it asks for (read as a list, the cards beside it in the table came along: 03-18, 03-20, 03-21
            # beside 03-19)
            intent = replace(intent, is_list=False)
            q = replace(q, intent=intent)
        if not listing and mode == SearchMode.HYBRID and understood and not intent.is_list and second_first(
                order, fused, q.original, self.card_words, self.card_words.counts, p.sibling_margin, p.sibling_df_max):
            # two sibling cards, close: the one whose own words the question says goes first (its score with it)
            a, b = order[0], order[1]
            fused = fused.copy()
            fused[a], fused[b] = fused[b], fused[a]
            order[0], order[1] = b, a
        # (the question's own terms, read once for both readings: one card that alone writes one, or the few that name it)
        own_terms = (self._question_terms(q) if not listing and mode == SearchMode.HYBRID and understood and order
                     and not (intent.is_list or filters or intent.structured or intent.english) else [])
        named = self._sole_writer(q, own_terms) if own_terms else None
        several = self._naming_cards(q, own_terms) if own_terms and named is None else []
        if named is not None and named != order[0]:
            # 「未踏ってまだ国の施策に入ってる？」: a term of the question that one card alone writes (06-05's 未踏IT人材
            # 発掘・育成事業, in its overview) names that card, however little the rest of the question reads like it
            fused = fused.copy()
            fused[named] = float(fused[order[0]]) + 1e-6
            order = [named] + [i for i in order if i != named]

        if listing:
            # the question is only "which measures does X lead / is 03-01 / have no KPI yet": every matching card
            # answers it by its cells, so the engine is sure of each
            listed = table_order(order, self.cards, filters)
            hits = [self._hit(i, q, fused, dense, lex, chunk_s) for i in listed]
            return SearchResult(query, False, self._dated_hits(hits, listed, filters, order_by_date=True), intent)
        if mode == SearchMode.BM25 or not order:  # no dense side to read a confidence from
            selected, rest = select(order, fused, dense, allowed, is_list=False, top_k=top_k, params=p)
            return SearchResult(query, False, [self._hit(i, q, fused, dense, lex, chunk_s) for i in selected], intent)

        terms = question_terms(self.lexical.stats, words)
        if mode == SearchMode.DENSE:  # the no-answer model reads how peaked the lexical scores are, ranked or not
            lex = self.lexical.scores(words, filters)
            plain = (lex, fused)
        # the no-answer model reads the question as it was fitted on: its own words and the order they give
        own, own_order = plain[0], order if plain[1] is fused else ranked(plain[1], allowed, len(order))
        # A question about the table itself (a ministry, an ID, KPI status …) or a filtered listing is in its domain:
        # it may be flagged uncertain, never answered "no card".
        decision = decide(self.lexical.stats, terms, dense, own, own_order, english=intent.english, kana=intent.kana,
                          may_abstain=abstain and self.calibrated and not (browsing or intent.structured), params=p,
                          text=words, corpus=self._corpus_text, as_written=self._as_written(q) if understood else None,
                          glossed_order=order)
        if not self.calibrated:
            decision = replace(decision, uncertain=False)
        if (named is not None or several) and decision.abstain and not topic_unheld(self.lexical.stats, terms, words,
                                                                       self._corpus_text):
            # the card that writes the question's own term answers it (unless the question also names its topic by a
            # noun no card uses, which the term does not make the table's)
            decision = replace(decision, abstain=False, uncertain=True)

        fused_z = zscore(np.where(allowed, fused, 0.0), allowed)

        def confidence(i: int) -> float:
            # no card is surer than the question is answered at all
            f = relevance_features(self.lexical.stats, terms, dense, fused_z, order, i, decision.confidence)
            return min(decision.confidence, card_confidence(f, p))

        if decision.abstain:
            near = [Hit(self.cards[i], float(fused[i]), float(dense[i]), float(lex[i]), confidence=confidence(i))
                    for i in order[:3]]
            return SearchResult(query, True, [], intent, reason="nothing in the corpus answers this", suggestions=near,
                                confidence=decision.confidence)
        confidence_of = functools.cache(confidence)  # a list reads up to list_max cards, then shows them

        # the card model's probabilities hold on the table it was fitted on; elsewhere lists keep the margin rule
        candidates, rows, shown = order[:p.list_max], None, confidence_of
        topic_list = not filters  # a ministry, a year or a KPI status makes the set by cells: no topic to widen
        # a topic list also takes its section of the table (decide.section_neighbours), unless it lists the cards
        # that mention a word or a follow-up's set (literal), or the engine is unsure the table answers it at all
        widen = topic_list and not intent.literal and not decision.uncertain
        # a list that asks for every measure of its subject (全部, 一覧) also takes the lower-rated cards of the chapters
        # it counts (decide.chapter_members), with a filter too (「内閣府が音頭を取っている防災の施策を全部」)
        # (not within a chapter the question names: every candidate is of it, and its lower-rated cards are the
        # chapter's other subjects, 03-09 遠隔医療 and 03-15 8K in 「学校教育のICT化…に関する施策(03章の教育分野)を全部」;
        # a topic that only restates the chapter's heading is no topic, and the listing is the whole chapter)
        every = ((widen or (bool(filters) and not intent.literal)) and asks_every(query)
                 and not (filters.chapters and filters.chapters == intent.chapters))
        if intent.is_list and self.calibrated and (p.list_weights or capture is not None):
            list_dense, list_z = dense, fused_z
            # a topic list's candidates are ranked, and read, by its topic's words alone (understand.list_topic_text)
            topical = (self._topic_reading(q, filters, allowed, lex, mode)
                       if topic_list and not intent.literal and p.list_topic_order else None)
            if topical is not None:
                list_dense, list_fused = topical
                list_z = zscore(np.where(allowed, list_fused, 0.0), allowed)
                candidates = ranked(list_fused, allowed, p.list_max)
            list_terms = terms
            if topic_list and not intent.english:
                list_terms = without_own_phrasing(self.lexical.stats, terms, candidates[0])
            if intent.english and understood and p.list_glossed_english and not filters.ids:
                # its English words are in no card: the list features read the table's words for them (not in a
                # follow-up's set, 「Of those, which ones are about self-driving cars?」, which its own scores order)
                glossed = table_terms(q.text)
                if glossed:
                    list_terms = question_terms(self.lexical.stats, f"{words} {glossed}")
            rows = list_features(self.lexical.stats, list_terms, list_dense, list_z, candidates,
                                 [confidence_of(i) for i in candidates], [self._name_words(i) for i in candidates],
                                 near_seeds=self.dense.similarity_to(candidates[:p.list_seeds], candidates),
                                 topic_list=topic_list,
                                 not_held=self._not_held(q, candidates, widen, topic_list))
            if capture is not None:
                capture.append(([self.cards[i].id for i in candidates], rows, [self.cards[i].chapter for i in candidates],
                                widen, every))
        if rows is not None and p.list_weights:
            # a list on that table: the list model, which rates a list's later cards by what they share with its
            # first (the card model was fitted on one-answer questions and rates them 0.02-0.3)
            probs = list_confidence(rows, p)
            # a candidate's confidence is then the list model's: the probability that it belongs in the list
            keep = probs >= p.list_threshold
            chapters = [self.cards[i].chapter for i in candidates]
            if widen and p.list_section_span:  # candidates are card numbers, which are the rows of the table
                keep = section_neighbours(candidates, chapters, probs, keep, p,
                                          topic=rows[:, LIST_FEATURES.index("topic_word")])
            if every:
                keep |= chapter_members(chapters, probs, p)
                if widen:  # a topic list that counts most of a chapter asks for its subject
                    keep = chapter_complete(chapters, keep, self._chapter_sizes, p)
            if filters.ministries and not topic_list and not intent.literal and not list_items(q.original)[1]:
                # a ministry's list of one subject: the list model reads the ministry's own word as the topic's (警察
                # of 警察庁, which each of its cards says: 02-05 運転免許業務 0.97 in 「警察庁の自動運転の施策を全部」),
                # and the chapter's other cards stand by the ministry's other subjects (02-06 信号情報 0.4-0.7): a
                # card counts where it states the topic (_holds_any). Not a topic that enumerates items (「信号や交通
                # 管制など道路交通」): a union as wide as its writer's subject (02-07 交通規制情報 says none of 信号,
                # 交通管制, 道路交通 where it states its subject).
                stated = self._filtered_topic_terms(q, filters)
                holds = [any(all(self._holds_any(i, (w,)) for w in group) for group in stated) for i in candidates]
                if stated and holds[int(np.argmax(probs))]:
                    keep &= np.array(holds, dtype=bool)
            if widen and p.list_name_word_min <= 1.0:  # a card named by the topic is its measure
                sure = [i for i, pr in zip(candidates, probs) if pr >= p.list_threshold]
                name_words = [self._name_words(i) for i in candidates]
                word = self._topic_word(q)
                # in English too, by the table's term for its topic (disabilities → 障害: 02-09 視覚障害者、高齢者等の
                # 移動支援システム), and by that term's other words (disabilities → アクセシビリティ: 07-05; maps →
                # 筆ポリゴン: 03-42) read off the table's terms its English words gloss (_kin_named_english)
                kin = (self._kin_named(q, candidates, sure) if not intent.english
                       else self._kin_named_english(q, candidates, sure))
                keep |= named_in_topic(name_words, word, probs, p, kin_named=kin,
                                       word_named=self._word_named(q, word, name_words, candidates, sure))
            if widen and every and p.list_run_min <= 1.0:  # the table's run of the subject goes on
                said = self._topic_terms(q)
                holds = [self._holds_any(i, said) for i in candidates]
                keep = section_run(candidates, chapters, probs, keep, holds, p)
            # (also where the engine is unsure the table answers the topic: nothing is widened then, but the list
            # model's own choice still counts a card that only shares a piece of the topic, 02-05 運転免許 in
            # 「自動運転の実現につながる施策を全部」, 03-08 診療情報 in 「遠隔医療・オンライン診療がらみ 全件」)
            if topic_list and not intent.literal and p.list_topic_hold_min <= 1.0:  # a card that never says the topic is another subject
                said = self._topic_words(q)
                if said and not self._part_unnamed(q):
                    sure = [int(i) for i, pr in zip(candidates, probs) if pr >= p.list_threshold]
                    # (where the engine is unsure the table answers the topic, the list model's rating of a card
                    # that never says it is no evidence either: such a card is not counted however it is rated)
                    hold = replace(p, list_topic_hold_min=1.0) if decision.uncertain else p
                    keep = topic_held(keep, probs, self._says_in_sense(q, candidates, said, sure), hold)
                # a compound's head that names no subject alone (データ of 学習データ): the cards that say it
                heads = self._common_heads(q)
                if heads and self._says_anywhere(int(candidates[int(np.argmax(probs))]), heads):
                    keep &= np.array([self._says_anywhere(i, heads) for i in candidates], dtype=bool)
            # a card counted below list_threshold (for its section, its chapter or its name) is about as sure as such cards are
            # found to be (dev: 0.76 of those counted for their section, 0.64 for their chapter), not its own low
            # probability: what is counted is not shown as 確度 低
            probs = np.where(keep & (probs < p.list_threshold), np.maximum(probs, p.list_section_confidence), probs)
            in_list = {i: min(decision.confidence, float(pr)) for i, pr in zip(candidates, probs)}
            shown = functools.cache(lambda i: in_list.get(i, confidence_of(i)))
            selected = [i for i, k in zip(candidates, keep) if k] or order[:1]
            if widen and enumerated and p.list_item_min <= 1.0 and capture is None:  # 「港とかコンテナターミナル関係」
                counted = set(selected)
                more = {i: pr for i, pr in self._items_union(q, top_k=top_k, filters=filters, mode=mode,
                                                              understood=understood).items()
                        if i not in counted and pr >= p.list_item_min}
                in_list.update({i: min(decision.confidence, max(pr, in_list.get(i, 0.0))) for i, pr in more.items()})
                selected += sorted(more, key=lambda i: -more[i])
            chosen = set(selected)
            rest = [i for i in order if i not in chosen][:max(0, top_k - len(selected))]
        else:
            selected, rest = select(order, fused, dense, allowed, is_list=intent.is_list, top_k=top_k, params=p,
                                    confidence=confidence_of if self.calibrated else None)
        term_counted: tuple[str, ...] | None = None
        if several:  # the measures that name the question's own term, each of them, the best first
            several = sorted(several, key=lambda i: -fused[i])
            rest = [i for i in selected + rest if i not in several][:max(0, top_k - len(several))]
            selected, term_counted = list(several), tuple(self.cards[i].id for i in several)
        hits = [self._hit(i, q, fused, dense, lex, chunk_s, confidence=shown(i)) for i in selected]
        hits += [self._hit(i, q, fused, dense, lex, chunk_s, related=True, confidence=shown(i)) for i in rest]
        hits = self._dated_hits(hits, selected + rest, filters)
        return SearchResult(query, False, hits, intent, confidence=decision.confidence, uncertain=decision.uncertain,
                            calibrated=self.calibrated, counted=term_counted)

    @functools.cached_property
    def _heading_parts(self) -> dict[str, tuple[str, ...]]:
        """Each chapter's sections as its heading lists them in brackets (03 準公共分野のデジタル化（教育・医療・防災・
        農林・港湾物流）: 教育, 医療, …); none for a heading that lists none."""
        out = {}
        for chapter, title in chapter_titles(self.cards).items():
            listed = re.findall(r"[(（]([^()（）]*)[)）]", normalize(chapter_heading(title)))
            out[chapter] = tuple(p for part in listed for p in re.split(r"[・、,]", part) if p.strip())
        return out

    def _heading_section(self, q: Query, filters: Filters) -> np.ndarray | None:
        """The cards of the section of a chapter the question names (「03章の教育の施策」, 「第3章の医療関係のうち」),
        where its topic is nothing but one of the sections the chapter's heading lists: the run of the chapter's cards
        from the first to the last that state it where a card states its subject (_holds_any: 03-01 … 03-06 for 教育;
        03-05 先端技術, between them, says it further on only), the table's own grouping. The list model read
        「教育」 against each card's wording and left 03-01 端末の整備 below its threshold in 「03章の教育の施策のうち、
        文部科学省がメイン」. None where the run also holds a card stating another listed section (防災 runs from 03-16
        to 03-45, past 港湾物流's 03-43): the table does not group it so."""
        chapters = q.intent.chapters
        if len(chapters) != 1 or filters.chapters != chapters or filters.ids:
            return None
        parts = self._heading_parts.get(chapters[0], ())
        words = subject_words(q.intent.topic)
        if not parts or not words:
            return None

        def names(word: str, part: str) -> bool:  # in English by the table's term for it (education → 教育)
            return word == part or (len(word) >= 2 and word in part) or part in table_terms(word).split()

        named = {part for part in parts if all(names(w, part) for w in words)}
        if len(named) != 1:
            return None
        part = named.pop()
        rows = [i for i, c in enumerate(self.cards) if c.chapter == chapters[0]]
        holds = [i for i in rows if self._holds_any(i, (part,))]
        if not holds:
            return None
        run = [i for i in rows if holds[0] <= i <= holds[-1]]
        others = [p for p in parts if p != part]
        if any(self._holds_any(i, tuple(others)) for i in run):
            return None
        return np.isin(np.arange(len(self.cards)), run)

    def _sole_writer(self, q: Query, terms: Sequence[str] | None = None) -> int | None:
        """The card that alone writes a term of the question as written (understand.written_terms, the words for
        measures and for the table set aside), where every other such term is a word most cards write, this one
        among them: the question names it by
        the table's own word (「未踏」: 06-05 alone writes 未踏IT人材発掘・育成事業). None where no term is one card's, or
        where the card does not write another term: the question then also speaks of something else, which another
        card, or none, is about (「介護保険の要介護認定事務」)."""
        terms = self._question_terms(q) if terms is None else terms
        if not terms:
            return None
        writers = [set(self._writers(term)) for term in terms]
        sole = [next(iter(w)) for w in writers if len(w) == 1]
        # (one card's, and every other term of the question is that card's too, and one of the words the whole plan
        # is made of: in a quarter of the cards or more, as 「データ」, 「デジタル化」)
        general = GENERAL_SHARE * len(self.cards)
        if not (len(sole) == 1 and all(sole[0] in w and (len(w) == 1 or len(w) >= general) for w in writers)):
            return None
        # … where the card names it: in its subject (name, first point, KPIs) or as the name of a thing it quotes
        # (「未踏IT人材発掘・育成事業」), not a word its prose uses on the way, of which a question the table does not
        # answer may be made
        own = [t for t, w in zip(terms, writers) if len(w) == 1]
        if not _writes(self._named_texts[sole[0]], own[0]):
            return None
        return sole[0] if self._says_nothing_else(q, sole[0], own) else None

    @functools.cached_property
    def _writers_seen(self) -> dict[str, frozenset[int]]:
        return {}

    def _writers(self, term: str) -> frozenset[int]:
        """The cards whose text writes `term` as a word (_writes): read once a term, as _sole_writer and _naming_cards
        both ask it of the same question (a plain dict: a race only reads a term twice; bounded by clearing)."""
        seen = self._writers_seen
        found = seen.get(term)
        if found is None:
            if len(seen) > 4096:
                seen.clear()
            found = seen[term] = frozenset(i for i, text in enumerate(self._full_texts) if _writes(text, term))
        return found

    def _question_terms(self, q: Query) -> list[str]:
        """The question's terms as written that may name a card: every run of kanji, katakana and Latin letters (those
        it names side by side too), less the words for measures and the table, whose measures (国) and when (現在) it
        asks, a number and its counter (2030年, 2件), and a cell's or the question's own word (目標, 関係省庁)."""
        return [t for t in dict.fromkeys(WRITTEN_TERM.findall(_MEASURE_WORDS.sub(" ", normalize(q.text))))
                if t not in TABLE_WORDS | _THE_STATE and not _COUNTED.fullmatch(t) and subject_words(t)]

    @functools.cached_property
    def _named_texts(self) -> list[str]:
        """Where each card names a thing (normalized): its subject (name, first point, KPIs: subject_text) and the
        names it quotes (「未踏IT人材発掘・育成事業」), not the words its prose uses on the way, of which a question the
        table does not answer may be made."""
        return [normalize(subject_text(c) + " " + " ".join(_QUOTED_NAME.findall(c.overview))) for c in self.cards]

    @functools.cached_property
    def _titled_texts(self) -> list[str]:
        """Each card's name, KPIs and the names it quotes (normalized): where it says what thing it is of."""
        return [normalize(" ".join((c.name, c.kpi_progress, c.kpi_effect, *_QUOTED_NAME.findall(c.overview))))
                for c in self.cards]

    def _says_nothing_else(self, q: Query, card: int, own: Sequence[str]) -> bool:
        """Whether the question's nouns outside its terms `own` are the card's words or the plan's general ones: a noun
        the card does not write is something else the question asks of it, which it may not answer."""
        stats = self.lexical.stats
        others = _other_nouns(q, own)
        if not others:
            return True
        held = stats.word_sets[card].held(others)
        df = stats.word_df.index.df(stats.word_df.kind, others)
        return all(h or d >= GENERAL_SHARE * len(self.cards) for h, d in zip(held, df))

    def _naming_cards(self, q: Query, terms: Sequence[str] | None = None) -> list[int]:
        """The few cards (two or three) that each name every specific term of the question in their name or KPIs
        (_titled_texts), where no other card writes one of them: 「サイバーポートについて教えて」 is 02-10 (サイバーポート
        (港湾管理分野及び港湾インフラ分野) in its KPI) and 03-43 (サイバーポートの整備(港湾物流分野)), one thing of two
        measures; 「サイバーポートの物流のほう」 names 03-43 alone. A term most cards write (データ) is no specific one."""
        terms = self._question_terms(q) if terms is None else terms
        if not terms:
            return []
        general = GENERAL_SHARE * len(self.cards)
        writers = [set(self._writers(term)) for term in terms]
        if any(not w for w in writers):
            return []
        specific = [(t, w) for t, w in zip(terms, writers) if len(w) < general]
        # (names in katakana or Latin letters: a system's or a program's own name, サイバーポート, CYNEX, which names
        # one thing; a kanji compound (診療情報) describes, and a measure named by it is one of its kind)
        if not specific or any(len(w) > _FEW_NAMING or not _LOANWORD.fullmatch(t) for t, w in specific):
            return []
        # (named in its name or KPIs, the cells that say what it is: 「GIGAスクール」 is in the first point of both 03-01
        # and 03-05, each about other things, and names neither as a whole)
        cards = [i for i in set.intersection(*(w for _, w in specific))
                 if all(_writes(self._titled_texts[i], t) for t, _ in specific)]
        own = [t for t, _ in specific]
        # (the question's other nouns in a card's name pick that card: 「サイバーポートの整備のKPIは？」 is 03-43,
        # サイバーポートの整備(港湾物流分野), not 02-10 港湾(…)のデジタル化)
        others = _other_nouns(q, own)
        if others and any(all(w in normalize(self.cards[i].name) for w in others) for i in cards):
            cards = [i for i in cards if all(w in normalize(self.cards[i].name) for w in others)]
        # (and no other card writes one of them: the term is theirs alone)
        theirs = set().union(*(w for _, w in specific)) == set(cards)
        if not (2 <= len(cards) <= _FEW_NAMING and theirs):
            return []
        return sorted(cards) if all(self._says_nothing_else(q, i, own) for i in cards) else []

    def _subject_held(self, topic: str, allowed: np.ndarray) -> bool:
        """Whether one of the `allowed` cards writes a noun by which `topic` names a subject (subject_words)."""
        words = subject_words(topic)
        sets = self.lexical.stats.word_sets
        return bool(words) and any(sets[int(i)].held(words).any() for i in np.flatnonzero(allowed))

    def _items_union(self, q: Query, *, top_k: int, filters: Filters, mode: SearchMode, understood: bool
                     ) -> dict[int, float]:
        """The cards of a topic list that enumerates its items (understand.list_items: 「マイナンバーとかマイナポータル
        使う施策」, 「港とかコンテナターミナル関係の施策」), each with its probability: those of each item's own list,
        the question asked of that item alone, each rated by the list model in the item's list (the highest where two
        items count a card). Read whole, such a list is about its best card's item (the list model rates the cards
        that share its rarest word), and a card of the other item only (03-07 says マイナンバー, not マイナポータル) was
        rated 0.02. Only the cards that state the item (_item_words, in their name, first point or KPIs: _holds_any):
        an item's own list also counts its section's cards. {} where the question names one thing."""
        # a question typed in kana is read as spelled in the table's words (けいたいとかひかりふぁいばー → 携帯とか光
        # ファイバ): the analyser finds no runs of nouns in the kana as typed
        written = q.text if q.intent.kana else q.original
        span, items = list_items(written)
        if not items:
            return {}
        where = {c.id: n for n, c in enumerate(self.cards)}
        text = unicodedata.normalize("NFKC", written)
        union: dict[int, float] = {}
        # 「港の手続きや港湾物流」: the first item is what its noun before の says of it (港の手続き, not any 手続き)
        before = re.search(r"([一-龥ァ-ヶーA-Za-z0-9]+)の$", text[:text.find(span)])
        of = self._item_words(before.group(1)) if before else ()
        words = [self._item_words(item) for item in items]
        if self.params.list_item_subjects and len({w for w in words if w}) < 2:
            return {}
        for n, (item, said) in enumerate(zip(items, words)):
            if not said:  # the item names no subject of its own (支援, データ): its list is any card's
                continue
            one = self._understand(text.replace(span, self._item_as_table_says(item), 1), understood, mode)
            if not one.intent.is_list:
                one = replace(one, intent=replace(one.intent, is_list=True, one_measure=False))
            capture: list = []
            res = self._search(one, top_k=top_k, filters=filters, mode=mode, understood=understood, abstain=False,
                               capture=capture, enumerated=False)
            if not capture:
                continue
            rated = dict(zip(capture[0][0], list_confidence(capture[0][1], self.params)))
            for h in res.results:
                i = where[h.card.id]
                # the first item said with its noun (港湾物流手続 for 港の手続き) is said as its subject
                stated = self._holds_any(i, said) and self._states_item(i, said + (() if n else of))
                if not h.related and stated and (n or not of or self._holds_any(i, of)):
                    union[i] = max(union.get(i, 0.0), float(rated.get(h.card.id, 0.0)))
        return union

    def _states_item(self, i: int, words: tuple[str, ...]) -> bool:
        """Whether card i states an item of a list (one of `words`) as its own subject: where _holds_any looks (its name,
        the first point of its 課題・取組概要, its KPIs), and, where neither its name nor its KPIs say it, more than once in
        that first point. The first point tells the background, where another subject is said once in passing: 03-06
        デジタル教科書 「…児童生徒の心身の発達・成長を含めた健康面への影響…」, 07-09 地域ICTクラブ 「…から小学校で
        プログラミング教育が導入される…」, 03-09 遠隔医療 「…重要と位置付けられてきた…」; a card about the item says it
        again (03-42 筆ポリゴン: 「…農業サービスへの活用のほか、行政機関や農業団体の…」), and an item read with the noun
        before it (港の手続き: `words` are 手続き and 港湾) is said as its subject where the two are (03-43 「…港湾物流手続
        を電子化するプラットフォームである「サイバーポート」(港湾物流分野)…」). As written or as the analyser reads it
        (手続 is 手続き)."""
        if not self._holds_any(i, words):
            return False
        if not self.params.list_item_named:
            return True
        said = [unicodedata.normalize("NFKC", w) for w in words]
        measured, measured_words, first, first_words = self._stated_where(i)
        if any(w in measured for w in said) or not measured_words.isdisjoint(said):
            return True
        # (the words said, each counted as often as it is written; the analyser's words, each once however often said)
        return max(sum(first.count(w) for w in said), sum(first_words[w] for w in set(said))) >= 2

    def _stated_where_of(self, i: int) -> tuple[str, frozenset[str], str, Counter[str]]:
        """What _states_item reads of card i, analysed once per bound index (each card on its first item: a list
        that enumerates items asks it of every card its items' lists found, and analysed them again each time): its
        name and KPIs (NFKC) and their words as the analyser reads them (base forms), the first point of its
        課題・取組概要 (NFKC) and how often each word is in it."""
        c = self.cards[i]
        # (a word said only in brackets, outside the name, is an aside: 03-20 被災者支援 counts its offices 「(子育て及び
        # 介護ワンストップサービスに準ずる)」, 05-31 土地情報 lists its ledgers 「(不動産登記簿、…、農地台帳、…)」)
        aside = functools.partial(_BRACKETED.sub, " ")
        measured = unicodedata.normalize("NFKC", " ".join((c.name, aside(unicodedata.normalize(
            "NFKC", f"{c.kpi_progress} {c.kpi_effect}")))))
        first = aside(unicodedata.normalize("NFKC", c.bullets[0] if c.bullets else c.overview.split("。")[0]))
        return (measured, frozenset(t.base for t in analyzer().tokens(measured)), first,
                Counter(t.base for t in analyzer().tokens(first)))

    def _item_words(self, item: str) -> tuple[str, ...]:
        """The words by which a card states an item of a list: the item as the table writes it where a card holds it
        so (マイナンバー, コンテナターミナル, 港湾) and in at most list_run_word_cards cards (研究 in 13, 支援 in 21 name
        no subject: none), else the words that name its subject (_topic_terms: 地理, 空間 of 地理空間データ); and the
        table's other words for it (glossary.topic_kin: 地図 → 筆ポリゴン)."""
        written = self._item_as_table_says(item)
        one = self._understand(written)
        kin = topic_kin(written).split() if self.params.list_topic_kin else []
        held = self._cards_holding(written) if len(written) > 1 else 0
        own = (written,) if 0 < held <= self.params.list_run_word_cards else () if held else self._topic_terms(one)
        return tuple(dict.fromkeys(own + tuple(kin)))

    def _item_as_table_says(self, item: str) -> str:
        """An item of a list as the table writes it: one kanji that no card holds as a word (港) is the word of the
        cards' own that begins with it, the most cards' (港湾); any other item as written."""
        stats = self.lexical.stats
        if len(item) != 1 or not ("一" <= item <= "龥") or stats.word_df[item]:
            return item
        held = Counter(w for words in self.card_words.words for w in words if len(w) > 1 and w.startswith(item))
        return held.most_common(1)[0][0] if held else item

    def _topic_reading(self, q: Query, filters: Filters, allowed: np.ndarray, lex: np.ndarray, mode: SearchMode
                       ) -> tuple[np.ndarray, np.ndarray] | None:
        """(dense, fused) scores of a topic list's topic words alone (understand.list_topic_text); None where no
        topic is left or it is what the dense side read already. The whole question's vector is mostly its framing
        (「港湾関係のデジタル化施策を全部教えて」: デジタル化施策を全部教えて is true of every card), which ranked
        03-18 罹災証明 3rd and 03-44 港湾 AIターミナル 12th; the topic's words alone put the topic's cards first
        (dev topic lists: the best cut of the candidates' order reaches set F1 0.888 → 0.913)."""
        # English questions keep their whole text: the analyser reads Japanese, and their framing words are not its
        topic = (list_topic_text(q.text) if not (q.intent.structured or q.intent.english) and mode == SearchMode.HYBRID
                 else "")
        if q.intent.english and not q.intent.structured and mode == SearchMode.HYBRID:
            # … with the table's terms for the English words that name a subject (the glossary's entries held by at
            # most list_glossary_specific_cards cards: "tunnels" → トンネル, "cross-border" → 越境): the whole English
            # question's vector is near every card of its area, and its subject, written as the cards write it, puts
            # that subject's cards first ("fiber or mobile coverage, like remote areas or tunnels" counted 07-01 to
            # 07-03, not 07-04 沖縄 超高速ブロードバンド). Not the terms of a word most cards use (医療, 人材), which
            # would pull in every card of the chapter
            said = table_terms(q.text, self._specific_entries(self.params.list_glossary_specific_cards))
            topic = f"{q.text} {said}" if said else ""
        p = self.params
        # the table's other words for its topic (glossary.topic_kin: 災害 → 被災者) count on the lexical side
        kin = topic_kin(topic or q.text) if p.list_topic_kin and mode != SearchMode.DENSE else ""
        if kin:
            lex = lex + p.glossary_weight * self.lexical.scores(kin, filters)
        if not topic or with_table_words(topic) == self._dense_text(q):
            if not kin:
                return None
            topic = topic or q.text
        _, dense = self.dense.scores(self.dense.query_vector(with_table_words(topic)), filters, allowed=allowed,
                                     candidates=lex)
        return dense, fuse(dense, lex, allowed, p, mode, dense_weight=p.kana_dense if q.intent.kana else 1.0)

    def _topic_word(self, q: Query) -> str:
        """The topic's own word of a list: the noun of its topic (understand.list_topic_text) that the fewest cards
        hold, among those the table uses ("" where none)."""
        stats = self.lexical.stats
        # a bracket of the question adds to its topic what it also takes in (「障害のある人向けの施策(アクセシビリティも
        # 含めて)」, 「学校のICT化(端末、デジタル教科書など)」): the topic's own word is said outside it (障害, by which
        # 02-09 視覚障害者、高齢者等の移動支援システム is named)
        topic = list_topic_text(_BRACKETED.sub(" ", unicodedata.normalize("NFKC", q.text))) or \
            list_topic_text(q.text) or q.text
        # not a number nor a short noun typed in hiragana (「うちの母さん80なんだけど、年寄り向けの…」: うち and 80 are no
        # subject); where the topic has no noun the table uses, the table's term for its everyday words (年寄り →
        # 高齢者, by which 02-09 視覚障害者、高齢者等の移動支援システム is named)
        words = self._table_nouns(topic) or self._table_nouns(table_terms(topic))
        if not words:
            return ""
        return words[int(np.argmax(stats.idf(words, stats.word_df)))]

    def _table_nouns(self, text: str) -> list[str]:
        """The nouns of `text` that the table uses, once each: not a number, nor a short one typed in hiragana (うち,
        こと, もの: words of speech; 「しょうがいしゃ」 typed in kana stays)."""
        df = self.lexical.stats.word_df
        return [w for w in dict.fromkeys(t.base for t in analyzer().tokens(text) if t.pos.startswith("名詞")
                                         and not t.base.isdigit() and not re.fullmatch(r"[ぁ-ゖー]{1,2}", t.surface))
                if w in df]

    def _topic_terms(self, q: Query) -> tuple[str, ...]:
        """A list's topic as the table may say it: the nouns of its topic (understand.list_topic_text) that the table
        uses, and the table's terms for its English and everyday words (glossary.table_terms); only those in at most
        list_run_word_cards cards, the words that name a subject."""
        stats = self.lexical.stats
        tokens = [t for t in analyzer().tokens(list_topic_text(q.text) or q.text) if t.pos.startswith("名詞")]
        most = self.params.list_run_word_cards  # a word in more cards than this is no subject (支援, データ, 情報)
        # a loanword as the table spells it too: the analyser's base form lengthens it (セキュリティ → セキュリティー),
        # which no card writes, and a list of security measures read none of its cards as saying its topic
        spelt = [(t.base, t.surface) if t.base.endswith("ー") and t.base[:-1] == t.surface
                 and not self._cards_holding(t.base) else (t.base,) for t in tokens if t.base in stats.word_df]
        words = dict.fromkeys([w for forms in spelt for w in forms] + table_terms(q.text).split())
        # a compound the analyzer cuts into pieces (被災者, 地方公共団体) has no document frequency of its own: count
        # the cards whose text holds it, as _holds_any will look for it; one character (市) is inside too many words
        return tuple(w for w in words if len(w) >= 2 and (stats.word_df[w] or self._cards_holding(w)) <= most)

    def _filtered_topic_terms(self, q: Query, filters: Filters) -> tuple[tuple[str, ...], ...]:
        """A filtered list's topic as cards state it: groups of words a card holds all of (_holds_any). The words of
        _topic_words, one each, but a run of nouns the question writes together that cards write as such (自動運転)
        is held as written or by each of the pieces that qualify its last, its kind (自動 of 自動運転: 02-05 運転免許業務
        holds the kind 運転 only; 人材 of 人材育成: 06-02 地域人材の育成, 06-04 IT人材スキル標準 in 「ITの人材育成の施策で
        経済産業省が主担当のやつ」); without the filter's own words (警察 of 警察庁: every card the filter lets through
        may say it)."""
        text = list_topic_text(q.text) or q.text
        runs: list[list[str]] = [[]]
        for t in analyzer().tokens(text):
            if t.pos.startswith("名詞"):
                runs[-1].append(t.surface)
            elif runs[-1]:
                runs.append([])
        most = self.params.list_run_word_cards
        named = "".join(filters.ministries)
        groups: list[tuple[str, ...]] = []
        pieces: set[str] = set()
        for run in runs:
            start = 0
            while start < len(run):
                end = next((e for e in range(len(run), start + 1, -1)
                            if 0 < self._cards_holding("".join(run[start:e])) <= most), start + 1)
                if end > start + 1:
                    part = tuple(w for w in run[start:end - 1] if w not in named)
                    groups += [("".join(run[start:end]),), part] if part else []
                    pieces.update(run[start:end])
                start = end
        groups += [(w,) for w in self._topic_words(q) if w not in pieces and w not in named]
        return tuple(dict.fromkeys(groups))

    @functools.cached_property
    def _written_texts(self) -> list[str]:
        """Each card's name, overview and KPIs as written (full_text), read off the cards once per bound index."""
        return [full_text(c) for c in self.cards]

    def _cards_holding(self, word: str) -> int:
        """How many cards' name, overview or KPIs hold `word` as written (asked per run of nouns and per card of a
        list: the texts are built once, _written_texts)."""
        return sum(word in text for text in self._written_texts)

    def _holds_any(self, i: int, words: tuple[str, ...]) -> bool:
        """Whether card i says one of `words` where a card states its subject: its name (施策名), the first point of
        its 課題・取組概要 or its KPIs (as a word or inside their text); a word said only further on is a passing
        mention (03-08 難病データベース says 医療 and オンライン only in its last points, beside 03-09 in a 遠隔医療 list;
        07-07 障害者の本人確認 says オンライン in its second, beside 07-08 in a list of online applications)."""
        held = self.card_words.subject[i]
        if any(w in held for w in words):
            return True
        text = subject_text(self.cards[i])
        return any(w in text for w in words)

    def _topic_words(self, q: Query) -> tuple[str, ...]:
        """A topic list's words as any card may say them: _topic_terms and the table's other words for the topic
        (glossary.topic_kin: 地図 → 地理空間情報, G空間, 筆ポリゴン), what decide.topic_held looks for."""
        terms = self._topic_terms(q)
        # a word the question writes that a glossary row gives as one of the table's terms is said on some cards by
        # the row's other terms (学校 → 教育: 03-04 教育・学習分野のデータ連携 says 教育分野 and 児童生徒, never 学校); not
        # a term the glossary itself put for an everyday word (役所 → 市町村), whose row is a step further away
        written = set(self._table_nouns(list_topic_text(q.text) or q.text))
        rows = terms_for([w for w in terms if w in written], as_term=True)
        return tuple(dict.fromkeys(terms + tuple(rows) + self._kin_words(q)))

    def _part_unnamed(self, q: Query) -> bool:
        """Whether a list's topic enumerates parts (「IT・セキュリティ・データ系の人材」, 「XとかY」) of which one names a
        subject (in at most list_run_word_cards cards: セキュリティ) and another is a word too many cards hold to name one
        (データ): a card of that part need say none of the topic's words (_topic_words holds セキュリティ alone), so
        whether it says them tells nothing and decide.topic_held is not read. (Not parts that none names, 「行政・民間
        でつなぐ」: no topic word comes from them; nor a part the table never writes, 貸し借り, whose cards say the
        topic's other words, 農地.)"""
        text = unicodedata.normalize("NFKC", q.text)
        span, items = list_items(q.original)
        # (not items a noun before の qualifies, 「健診のデータとかレセプト」: 健診のデータ names a subject; as
        # _items_union reads the first item)
        qualified = bool(span) and bool(re.search(r"[一-龥ァ-ヶーA-Za-z0-9]の$", text[:max(text.find(span), 0)]))
        most = self.params.list_run_word_cards
        for parts in [run.split("・") for run in _DOTTED.findall(text)] + ([] if qualified else [items]):
            held = [self._cards_holding(re.sub(r"(?<=.)(?:系|関係|関連|分野|領域|まわり|絡み|がらみ)$", "", p))
                    for p in parts]
            if any(n > most for n in held) and any(0 < n <= most for n in held):
                return True
        return False

    def _kin_words(self, q: Query) -> tuple[str, ...]:
        """The table's other words for a list's topic (glossary.topic_kin; none with list_topic_kin off); an English
        topic's, of the table's terms its words gloss (glossary.table_terms: disabilities → 障害者 → アクセシビリティ,
        maps → 地図 → 筆ポリゴン), as the same topic asked in Japanese reads them; none where the English word qualifies
        a phrase it splits ("sharing disaster information" → 情報共有: _phrase_around_kin), whose topic is the phrase:
        the other words of 災害 (被災者) stand for disasters, not for what is said of them."""
        if not self.params.list_topic_kin:
            return ()
        if not q.intent.english:
            return tuple(topic_kin(list_topic_text(q.text) or q.text).split())
        glossed = table_terms(q.text)
        if set(self._phrase_around_kin(q.text)) - set(glossed.split()):
            return ()
        return tuple(topic_kin(glossed).split())

    def _kin_named(self, q: Query, candidates: list[int], sure: Sequence[int] = ()) -> list[bool]:
        """For each candidate of a topic list, whether its name holds the table's other word for the topic
        (_kin_words: 07-05 情報アクセシビリティ for 障害, 03-42 筆ポリゴンデータ for 地図), what decide.named_in_topic
        counts beside the topic's own word. The other word stands for the topic's word alone: where the topic says
        more that names a subject (_topic_terms: not a word with kin of its own, nor a piece of such a word's other
        words, 地理 of 地理空間情報) and every `sure` card of the list (at list_threshold) says it too, the topic
        is that, in the word's setting (「災害のとき…情報を共有する仕組み」: sharing information in a disaster, which
        03-16 and 03-17 say), and a card named by the other word counts only where it says some of it as well (03-19
        被災者台帳 says neither 共有 nor 仕組み)."""
        kin = [normalize(k) for k in self._kin_words(q)]
        named = [any(k in normalize(self.cards[i].name) for k in kin) for i in candidates]
        if not any(named) or not sure:
            return named
        # items that are one subject said in several ways (田んぼ, 畑, 農地: the table's 農地) and qualify, with の, the
        # noun that follows (「田んぼとか農地の地図データ」: maps of farmland): a card named by the other word for that
        # noun (05-33 地理空間情報, G空間 at large) counts where it says the subject too, as the list's sure cards do
        # (05-32 eMAFF地図 and 03-42 筆ポリゴン say 農地). Not items of different subjects (「光ファイバとか携帯の電波」,
        # 「高齢者や障害のある方」), each its own topic
        span, enumerated = list_items(q.original)
        text = unicodedata.normalize("NFKC", q.original)
        subjects = {(table_terms(item).split() or [item])[0] for item in enumerated}
        if span and len(subjects) == 1 and re.match(r"の[一-龥ァ-ヶーA-Za-z]", text[text.find(span) + len(span):]):
            said = tuple(subjects)
            if all(self._says_anywhere(i, said) for i in sure):
                named = [n and self._says_anywhere(i, said) for n, i in zip(named, candidates)]
        terms = self._topic_terms(q)
        others = {normalize(k) for w in terms for k in topic_kin(w).split()}
        # (nor an item the topic enumerates, as written or as the table says it: 「障害のある人とかお年寄り」 asks for
        # the measures of each, お年寄り → 高齢者 is not the setting of 障害)
        items = [normalize(w) for item in list_items(q.original)[1] for w in (item, *table_terms(item).split())]
        more = tuple(w for w in terms if not topic_kin(w) and not any(normalize(w) in k for k in others)
                     and not any(normalize(w) in item for item in items)
                     and all(self._says_anywhere(i, (w,)) for i in sure))
        if not more:
            return named
        return [n and self._says_anywhere(i, more) for n, i in zip(named, candidates)]

    def _kin_named_english(self, q: Query, candidates: list[int], sure: Sequence[int]) -> list[bool]:
        """_kin_named for an English topic list, read off the table's terms its English words gloss (glossary
        table_terms: disabilities → 障害者, maps → 地図 地理空間情報): a candidate named by their other words
        (glossary.topic_kin: 07-05 情報アクセシビリティ for disabilities, 03-42 筆ポリゴンデータ for maps) counts as it
        does for the same topic asked in Japanese. Where the glossed topic says more that every `sure` card says too
        (a term with no other words of its own, nor a piece of them: "sharing information in a disaster" → 情報共有,
        which 03-16 and 03-17 say), the topic is that, and a card named by the other word counts only where it says
        some of it as well, as _kin_named reads a Japanese topic's setting."""
        glossed = [*dict.fromkeys([*table_terms(q.text).split(), *self._phrase_around_kin(q.text)])]
        kin = [normalize(k) for k in self._kin_words(q)]
        named = [bool(kin) and any(k in normalize(self.cards[i].name) for k in kin) for i in candidates]
        if not any(named) or not sure:
            return named
        others = {normalize(k) for w in glossed for k in topic_kin(w).split()}
        # a term and the nouns it is written with that name a subject (情報共有: 共有; not 情報, in most cards), as
        # _topic_terms reads a Japanese topic's nouns: a card may say 情報を共有 where it never writes 情報共有
        most = self.params.list_run_word_cards
        pieces = [t.base for w in glossed if not topic_kin(w) for t in analyzer().tokens(w) if t.pos.startswith("名詞")]
        more = tuple(w for w in dict.fromkeys([*glossed, *pieces])
                     if len(w) >= 2 and not topic_kin(w) and not any(normalize(w) in k for k in others)
                     and self._cards_holding(w) <= most and all(self._says_anywhere(i, (w,)) for i in sure))
        if not more:
            return named
        return [n and self._says_anywhere(i, more) for n, i in zip(named, candidates)]

    @staticmethod
    def _phrase_around_kin(text: str) -> list[str]:
        """The table's terms an English topic's words gloss once its words that have other words of their own
        (glossary.topic_kin: disaster, disabilities, maps) are taken out: such a word that qualifies a phrase splits it
        ("sharing disaster information" is "sharing information", 情報共有, about disasters), and the phrase is then
        the topic, narrower than the word, which _kin_named_english must keep as a restriction."""
        words = re.findall(r"[A-Za-z0-9&'-]+|[^A-Za-z0-9&'\s-]+", text)
        kept = [w for w in words if not (w[:1].isascii() and w[:1].isalnum() and topic_kin(table_terms(w)))]
        if len(kept) == len(words):
            return []
        return table_terms(" ".join(kept)).split()

    def _word_named(self, q: Query, word: str, names: Sequence, candidates: list[int], sure: Sequence[int]
                    ) -> list[bool]:
        """For each candidate of a topic list, whether its name holds the topic's own word (`word`, _topic_word; `names`:
        each candidate's name words) and it says the rest of the topic where the list's cards all do, what
        decide.named_in_topic counts. The own word is the topic's rarest noun, which may only qualify what the topic
        is about (「AIの人材を育てる施策」: AI says which 人材): where the topic says another noun that every `sure` card
        of the list (at list_threshold) says too, a card named by the word counts only where it says that as well (03-44
        ヒトを支援するAIターミナル never says 人材). Not a word a quarter of the cards hold (データ, 情報: what the whole
        plan is made of), nor an item the topic enumerates (each item is its own topic), as _kin_named reads it."""
        named = [bool(word) and word in n for n in names]
        if not any(named) or not sure:
            return named
        stats = self.lexical.stats
        items = [normalize(w) for item in list_items(q.original)[1] for w in (item, *table_terms(item).split())]
        rest = tuple(w for w in self._table_nouns(list_topic_text(q.text) or q.text)
                     # (not one character, 方 of 「高齢の方が多いので」: inside too many words to be said, as
                     # _topic_terms reads it: 07-06 says 方 in 地方公共団体, 02-09 in none)
                     if w != word and len(w) >= 2 and stats.word_df[w] < GENERAL_SHARE * stats.n
                     and not any(normalize(w) in item for item in items)
                     and all(self._says_anywhere(i, (w,)) for i in sure))
        if not rest:
            return named
        return [n and self._says_anywhere(i, rest) for n, i in zip(named, candidates)]

    def _says_anywhere(self, i: int, words: tuple[str, ...]) -> bool:
        """Whether card i holds one of `words` anywhere in its name, overview, KPIs or ministries (normalized: ＡＩ, ai;
        a police card says 警察 by its 警察庁 where its text does not)."""
        text = self._normal_texts[i]
        return any(normalize(w) in text for w in words)

    @functools.cached_property
    def _normal_texts(self) -> list[str]:
        """Each card's name, overview, KPIs and ministries, normalized, read off the cards once per bound index."""
        return [normalize(full_text(c) + " " + " ".join(m.name for m in c.ministries)) for c in self.cards]

    @functools.cached_property
    def _stated_texts(self) -> list[str]:
        """_normal_texts less what a card lists by the way (_ASIDE, _QUOTED_RUN in its overview and KPIs; its name is
        what it is): a word said only there is one of several things named in passing, not the card's subject
        (05-31 土地情報連携 lists 農地台帳 among five ledgers; 06-04 IT人材スキル標準 names 「セキュリティ領域」 among four
        areas), and a topic list does not count the card as saying it (_says_in_sense, decide.topic_held)."""
        out = []
        for c in self.cards:
            text = unicodedata.normalize("NFKC", " ".join((c.overview, c.kpi_progress, c.kpi_effect)))
            text = _QUOTED_RUN.sub(" ", _ASIDE.sub(" ", text))
            out.append(normalize(" ".join((c.name, text, *(m.name for m in c.ministries)))))
        return out

    @functools.cached_property
    def _full_texts(self) -> list[str]:
        """Each card's name, overview and KPIs (full_text), normalized, read off the cards once per bound index
        (_pieces reads them for a topic list's candidates, twice a search)."""
        return [normalize(full_text(c)) for c in self.cards]

    def _says_in_sense(self, q: Query, candidates: list[int], words: tuple[str, ...], sure: Sequence[int] = ()
                       ) -> list[bool]:
        """For each candidate of a topic list, whether it holds one of `words` (_topic_words) anywhere (_says_anywhere)
        in the sense the question uses it: not only turned into another word by a suffix (said_as_such: オンライン of
        03-08's 申請のオンライン化, putting applications online, is not the オンライン of オンライン診療), nor, for the head of
        the topic's compound, only as a modifier of another compound (_pieces: 診療 of 03-08's 診療情報 is not the 診療 of
        オンライン診療), nor, for a qualifier of the topic's compound, only as a qualifier of another noun where the card
        never says the compound's head and the list's `sure` cards do (_compound_qualifiers: 道路 of 07-03's 道路
        トンネル in a list of 道路交通). What decide.topic_held reads (SearchParams.list_topic_sense; off: _says_anywhere)."""
        if not self.params.list_topic_sense:
            return [self._says_anywhere(i, words) for i in candidates]
        texts = self._stated_texts
        pieces = self._pieces(q, candidates) if self.params.list_compound_heads else [set() for _ in candidates]
        bare = self._bare_heads(q)
        if self.params.list_compound_heads and sure:
            # (only heads that at least half the list's sure cards say: where they do not, the question's compound is
            # not how the table states the topic, 「通信インフラの格差」 whose cards say 光ファイバ and 携帯電話; 07-01
            # alone says インフラ)
            qualifiers = {w: said for w, heads in self._compound_qualifiers(q).items()
                          if (said := tuple(h for h in heads
                                            if 2 * sum(self._says_anywhere(i, (h,)) for i in sure) >= len(sure)))}
            for i, modifiers in zip(candidates, pieces):
                # (a qualifier the card says only to qualify another noun, and never what the question's qualifies)
                modifiers.update(w for w, heads in qualifiers.items()
                                 if w not in self.card_words.heads[i] and not self._says_anywhere(i, heads))
        # (a bare head counts where the card says its compound as the question does: 02-08 says 交通管制 itself)
        return [any(said_as_such(texts[i], normalize(bare.get(w, w))) for w in words if w not in modifiers)
                for i, modifiers in zip(candidates, pieces)]

    def _compound_qualifiers(self, q: Query) -> dict[str, tuple[str, ...]]:
        """The qualifying nouns of a topic list's compounds (道路 of 道路交通, 遠隔 of 遠隔医療 and 遠隔診療), each with
        the heads it qualifies in the question: the mirror of _pieces. A card that writes the qualifier only to
        qualify another noun (07-03 鉄道トンネルや道路トンネル: tunnels, not traffic) and never says the head is about
        that other thing, and _says_in_sense does not count it as saying the qualifier; a card that says the head
        (03-15 遠隔手術 says 医療) or writes the qualifier by itself still does. Only a head of two or more
        characters (not 地 of 過疎地, which qualifies nothing), and not a katakana word the analyser cuts (マイ of
        マイナンバー, which 03-20 マイナポータル says as a word of its own)."""
        out: dict[str, tuple[str, ...]] = {}
        for chunk in (list_topic_text(q.text) or q.text).split():
            tokens = _chunk_tokens(chunk)
            for k in range(1, len(tokens)):
                if tokens[k].pos.startswith("名詞") and tokens[k - 1].pos.startswith("名詞") and \
                        len(tokens[k].surface) >= 2 and not _KATAKANA_WORD.fullmatch(tokens[k - 1].surface +
                                                                                    tokens[k].surface) and \
                        (k + 1 == len(tokens) or not tokens[k + 1].pos.startswith("名詞")):
                    out[tokens[k - 1].base] = out.get(tokens[k - 1].base, ()) + (tokens[k].base,)
        return out

    def _bare_heads(self, q: Query) -> dict[str, str]:
        """The heads of a topic list's compounds whose modifier names a subject (in at most list_run_word_cards cards):
        医療 of 遠隔医療. Said alone, such a head names the whole class (03-08 says 医療の質 and 医療費助成), not the
        topic, which its modifier makes (遠隔医療 is medicine at a distance: 03-15 遠隔手術 says it); a head said in
        the question by itself (「医療の施策」) names its topic and is none of these. Each with its compound as the
        question writes it (信号 → 交通信号), which a card still says as such."""
        most, out, alone = self.params.list_run_word_cards, {}, set()
        for chunk in (list_topic_text(q.text) or q.text).split():
            run: list = []
            for t in (*_chunk_tokens(chunk), None):
                if t is not None and t.pos.startswith("名詞"):
                    run.append(t)
                    continue
                if len(run) >= 2:
                    modifier = "".join(x.surface for x in run[:-1])
                    if 0 < self._cards_holding(modifier) <= most:
                        out[run[-1].base] = modifier + run[-1].surface
                elif run:
                    alone.add(run[0].base)
                run = []
        return {head: compound for head, compound in out.items() if head not in alone}

    def _common_heads(self, q: Query) -> tuple[str, ...]:
        """The head of a topic list's compound that names no subject alone (in more than list_run_word_cards cards:
        データ, 情報) while its modifier does (学習 of 学習データ): the topic is the modifier's kind of that thing, and a
        card that never says the head is about the modifier's subject at large (03-01 1人1台端末 and 03-06 デジタル
        教科書 are 学習 measures, not 学習データ ones). Only where that compound is the topic: any other word of the
        topic that names a subject qualifies it with の (「児童生徒の学習データ」, 「学校での子どもの学習データ」), not a
        second subject (「災害情報の共有や被災者支援」). None for a list that enumerates items that name subjects (each
        is its own topic; 「学習データの活用・連携」 enumerates what is done with one), unless each item is a kind of the
        same head (「教育データや学習データ」, 「学習データ・教育データの連携や標準化」: データ, which 03-03 and 03-04 say and
        03-01, 03-02, 03-05, 03-06 and 06-09, counted before, never do); nor in English."""
        if q.intent.english:
            return ()
        items = list_items(q.original)[1]
        most, topic = self.params.list_run_word_cards, list_topic_text(q.text) or q.text
        words = [(w[0], getattr(w[1], "pos1", ""), getattr(w[1], "pos3", "")) for w in analyzer()._parse(q.text)]
        runs: list[tuple[int, int]] = []  # the runs of nouns, as [start, end) of `words`
        for k, (_, pos, _) in enumerate(words):
            if pos != "名詞":
                continue
            if runs and runs[-1][1] == k:
                runs[-1] = (runs[-1][0], k + 1)
            else:
                runs.append((k, k + 1))

        def surface(run: tuple[int, int]) -> str:
            return "".join(w for w, _, _ in words[run[0]:run[1]])

        def names_subject(run: tuple[int, int]) -> bool:
            return surface(run) in topic and any(0 < self._cards_holding(w) <= most for w, _, _ in words[run[0]:run[1]]
                                                 if len(w) >= 2)

        compounds = []
        for run in runs:
            start, end = run
            head, kind = words[end - 1][0], words[end - 1][2]
            modifier = "".join(w for w, _, _ in words[start:end - 1])
            # (a thing, not a verbal noun: 対応 of 災害対応 says what is done; nor one letter, 機 of 信号機, nor a word
            # a suffix turns into another, 効率 of 物流効率化)
            if (end - start >= 2 and surface(run) in topic and kind == "一般" and len(head) >= 2
                    and not (end < len(words) and words[end][1] == "接尾辞")
                    and self._cards_holding(head) > most and 0 < self._cards_holding(modifier) <= most):
                compounds.append(run)
        # (several compounds of one head are kinds of that one thing: 「教育データや学習データ」, 「学習データ・教育データ」)
        if not compounds or len({words[end - 1][0] for _, end in compounds}) != 1:
            return ()
        c_start, head = compounds[0][0], words[compounds[0][1] - 1][0]
        # items that name subjects are each their own topic, unless each is a kind of the compound's head
        if len({w for w in map(self._item_words, items) if w}) >= 2 and not all(i.endswith(head) for i in items):
            return ()
        for n, run in enumerate(runs):
            if run in compounds or not names_subject(run) or surface(run).endswith(head):
                continue
            # (a word a suffix makes a doing of, after the compound: 標準 of 「…データの連携や標準化」 says what is done
            # with it, not a second subject)
            if run[0] > c_start and run[1] - run[0] == 1 and run[1] < len(words) and words[run[1]][0] == "化":
                continue
            between = "".join(w for w, _, _ in words[run[1]:runs[n + 1][0]]) if n + 1 < len(runs) else ""
            if run[1] > c_start or not between.endswith("の"):
                return ()
        return (head,)

    def _pieces(self, q: Query, candidates: list[int]) -> list[set[str]]:
        """For each candidate of a topic list, the head words of the topic's compounds (運転 of 自動運転) that the card
        holds only as a modifier of another compound (運転 of 運転免許) and never with the compound itself: the topic
        is what the compound's head says of it (自動運転 is driving done automatically), and a card that uses its
        head only to qualify something else (a driving licence) is about that other thing. Only a head that names a
        subject (in at most list_run_word_cards cards, as decide.section_run reads it)."""
        stats, most = self.lexical.stats, self.params.list_run_word_cards
        heads: dict[str, str] = {}  # head word → its compound as the question writes it
        chunks = (list_topic_text(q.text) or q.text).split()  # a compound does not run across the topic's words
        if q.intent.english:  # its topic is the table's terms for its words (autonomous driving → 自動運転)
            chunks += table_terms(q.text).split()
        for chunk in chunks:
            heads.update(self._compound_heads(_chunk_tokens(chunk), stats, most))
        if not heads:
            return [set() for _ in candidates]
        out = []
        for i in candidates:
            others = [(w, whole) for w, whole in heads.items() if w not in self.card_words.heads[i]]
            # (the card's text read only where a head is not one of its own: it may still hold the whole compound)
            text = self._full_texts[i] if others else ""
            out.append({w for w, whole in others if normalize(whole) not in text})
        return out

    def _not_held(self, q: Query, candidates: list[int], widen: bool, topic_list: bool) -> list[set[str]]:
        """For each candidate of a list, the question's words it holds only in passing, which the list model does not
        count as held. On a list whose set a filter makes (a ministry's), where each card is chosen by the words it
        holds, those it says only in the outcome it serves (CardWords.outcome: 03-04 教育分野のデータ連携 「…人材育成に
        貢献する」 is no 総務省 人材育成 measure); on a topic list, a compound's head it holds only as a modifier of
        another (_pieces). (A topic list reads its best card's words for the others: the outcome words of 03-18
        「…被災者及び行政機関の負担軽減に寄与」 taken away there lost a list of online 行政 procedures four of its cards.)"""
        if topic_list:
            if not (widen and self.params.list_compound_heads):
                return [set() for _ in candidates]
            out = self._pieces(q, candidates)
            for gone, i in zip(out, candidates):  # a word said only in brackets is an aside of the card's
                gone.update(self._asides[i])
            for modifiers, heads in self._qualified(q):
                for gone, i in zip(out, candidates):
                    if not self._says_anywhere(i, heads):
                        gone.update(modifiers)
            return out
        return [set(self.card_words.outcome[i]) for i in candidates]

    @functools.cached_property
    def _asides(self) -> list[frozenset[str]]:
        """Each card's words said only in a bracket that lists examples by the way (_ASIDE): 05-31 土地情報 lists the
        ledgers 「(不動産登記簿、…、農地台帳、林地台帳等)」, which is not what it is about, and a topic list does not count
        those words as held (_not_held): a list of 農地 measures is not 05-31's, which says 農地 nowhere else. Read once
        per bound index, as _stated_where reads the first point."""

        out = []
        for c in self.cards:
            text = unicodedata.normalize("NFKC", " ".join((c.overview, c.kpi_progress, c.kpi_effect)))
            said = {t.base for t in analyzer().tokens(unicodedata.normalize("NFKC", c.name) + " " +
                                                       _ASIDE.sub(" ", text))}
            out.append(frozenset(t.base for t in analyzer().tokens(text) if t.base not in said))
        return out

    def _qualified(self, q: Query) -> list[tuple[frozenset[str], tuple[str, ...]]]:
        """The subjects a topic list's topic qualifies with の, each as (the qualifying words, the words of what they
        qualify): 「子どものプログラミング」 → ({子供}, (プログラミング,)); both named by words of the topic that name a
        subject (_topic_terms). In Japanese 「AのB」 where B is an activity (a verbal noun, サ変可能) and A a thing or
        people is B done for or by A: the topic is B, and a card that says A but never B is about A at large (03-01
        1人1台端末 is for children, not about programming); the list model does not count A as held there (_not_held).
        Where B is a thing or a state, A is what it is of (「携帯の電波」, 「通信インフラの格差」: the topic is still the
        network). A clause says the same with its case particles: in 「AがBを学ぶ」, 「AにBを教える」 or 「BをAが学ぶ」
        the noun marked を is what is done (B) and the one marked が or に who does it or is served by it (A), as in
        「AのB」. None for a list that enumerates its items (「学校のICT環境や学習データ」: each item is its own topic)
        nor in English."""
        def activity(word: str) -> bool:  # UniDic's verbal nouns: プログラミング, 教育; not 格差, 電波, 子供
            nodes = analyzer()._parse(word)
            return len(nodes) == 1 and getattr(nodes[0][1], "pos3", "") == "サ変可能"

        if q.intent.english or len(list_items(q.original)[1]) >= 2:
            return []
        terms = set(self._topic_terms(q))
        tokens = analyzer().tokens(q.text)
        runs: list[list] = []  # the runs of nouns, each with what is written after it up to the next
        between: list[str] = []
        for t in tokens:
            if t.pos.startswith("名詞"):
                if runs and not between[-1]:
                    runs[-1].append(t)
                else:
                    runs.append([t])
                    between.append("")
            elif runs:
                between[-1] += t.surface
        pairs = []  # (A, B): what qualifies, what is qualified
        for k, (run, joint, after) in enumerate(zip(runs, between, runs[1:])):
            then = between[k + 1] if k + 1 < len(between) else ""  # what the second noun is marked with
            if joint == "の" or (joint in ("が", "に") and then.startswith("を")):
                pairs.append((run, after))
            elif joint == "を" and then.startswith(("が", "に")):
                pairs.append((after, run))
        out = []
        for run, after in pairs:
            modifiers = frozenset(t.base for t in run if t.base in terms)
            heads = tuple(t.base for t in after if t.base in terms and t.base not in modifiers)
            # (B narrows A: fewer cards say it than say A, and more than one, a subject the table lists measures by;
            # 「プログラミングの学び」 is programming's own subject, 「学校の授業」 one card's word for school)
            held = [self._cards_holding(w) for w in heads]
            if modifiers and heads and all(map(activity, heads)) and \
                    not any(map(activity, modifiers)) and \
                    2 <= min(held) and max(held) < min(self._cards_holding(w) for w in modifiers):
                out.append((modifiers, heads))
        return out

    @staticmethod
    def _compound_heads(tokens: Sequence, stats, most: int) -> dict[str, str]:
        """The head (last noun) of each compound of two or more nouns in `tokens`, with the compound's last two
        nouns as written; only a head that names a subject (in at most `most` cards: データ of 健康データ is in 27)."""
        heads = {}
        for k in range(1, len(tokens)):
            if tokens[k].pos.startswith("名詞") and tokens[k - 1].pos.startswith("名詞") and \
                    0 < stats.word_df[tokens[k].base] <= most and \
                    (k + 1 == len(tokens) or not tokens[k + 1].pos.startswith("名詞")):
                heads[tokens[k].base] = tokens[k - 1].surface + tokens[k].surface
        return heads

    @functools.cached_property
    def _chapter_sizes(self) -> dict[str, int]:
        """Each chapter's number of cards in the table (what decide.chapter_complete reads), counted once."""
        return dict(Counter(c.chapter for c in self.cards if c.chapter))

    def _name_words(self, i: int) -> frozenset[str]:
        """The content words of card i's name, analysed at build (what the list model's in_name reads; not
        CardWords.heads, the heads of compounds)."""
        return self.card_words.name[i]

    def list_features(self, query: str) -> tuple[list[str], np.ndarray] | None:
        """The list model's features (config.LIST_FEATURES) for a list question's candidates, with their IDs, as
        `search` computes them; None when the question is no list or is answered by the table's cells alone. For
        fitting the model (eval/fit_list_confidence.py)."""
        read = self.list_reading(query)
        return read[:2] if read is not None else None

    def list_reading(self, query: str) -> tuple[list[str], np.ndarray, list[str], bool, bool] | None:
        """`list_features` with, for each candidate, its chapter, whether the list takes its section of the table
        (a topic list: no filter makes its set) and whether it takes its chapters' lower-rated cards (it asks for every
        measure, decide.chapter_members): what the list's choice reads besides the probabilities.
        Candidates' rows in the table are their places in `cards`."""
        capture: list = []
        self._search(self._understand(query), top_k=10, filters=None, mode=SearchMode.HYBRID, understood=True,
                     abstain=False, capture=capture)
        return capture[0] if capture else None

    def _scores(self, q: Query, filters: Filters, allowed: np.ndarray, mode: SearchMode, understood: bool):
        """(words the lexical side read, lexical, chunk, dense and fused scores) of an understood question."""
        p, intent, n = self.params, q.intent, len(self.cards)
        # the lexical side and the no-answer model also read the table's words for everyday ones (すまほ → スマートフォン)
        words = with_table_words(self._searched_text(q)) if understood else self._searched_text(q)
        # stores that can filter where they search (Milvus) get the filters; the mask below applies on every store
        lex = self.lexical.scores(words, filters) if mode in (SearchMode.HYBRID, SearchMode.BM25) else np.zeros(n)
        # the table's terms for the question's English and everyday words (lost property → 遺失物), beside its own
        glossed = table_terms(q.text) if understood and mode != SearchMode.DENSE and p.glossary_weight else ""
        own = lex
        if glossed:
            lex = lex + p.glossary_weight * self.lexical.scores(glossed, filters)
        chunk_s, dense = (self.dense.scores(self.dense.query_vector(self._dense_text(q)), filters, allowed=allowed,
                                            candidates=lex)
                          if mode in (SearchMode.HYBRID, SearchMode.DENSE) else (None, np.zeros(n)))
        lead = None
        if filters.ministries and not (filters.lead_only or filters.not_lead or filters.leads):
            lead = self.facets.led_by(filters.ministries)  # first
        english = _english_weight(q, p, bool(glossed)) if intent.english else 1.0
        fused = fuse(dense, lex, allowed, p, mode, lexical_weight=english,
                     dense_weight=p.kana_dense if intent.kana else 1.0, lead=lead)
        # … and what the question's own words give, which the no-answer model reads (it was fitted on them)
        plain = (own, fuse(dense, own, allowed, p, mode, lexical_weight=_english_weight(q, p) if intent.english else 1.0,
                           dense_weight=p.kana_dense if intent.kana else 1.0, lead=lead)) if glossed else (lex, fused)
        return words, lex, chunk_s, dense, fused, plain

    def _as_written(self, q: Query) -> QuestionTerms | None:
        """The question's terms as the table writes them, which the no-answer model reads: its English words and
        phrases in the glossary's terms (glossary.english_as_written: "remote islands" → 離島, "Okinawa" → 沖縄), as the
        lexical side already scores them beside its own words; None where the glossary knows none of its English
        words (then the model reads the question's own). Its English words are in no card, so read as typed "Which
        measures are about remote islands?" looked like a question no card answers (p_none 0.93)."""
        text = self._searched_text(q)
        written = english_as_written(text)
        most = self.params.list_run_word_cards
        if not q.intent.english and most > 0:
            # its everyday Japanese words too, where the table's term for them names a subject (in at most
            # list_run_word_cards cards): 「お年寄り向けの施策」 → 高齢者, 「田んぼの区画」 → 農地; read as typed, 年寄り and
            # 田んぼ are in no card and the question looked like one the table does not answer. Not a word most cards
            # use (自治体 → 地方公共団体, 13 cards), which would bring any question nearer to the table
            written = in_table_words(written, self._unheld_everyday(most))
        if written == normalize(text):
            return None
        return question_terms(self.lexical.stats, with_table_words(written))

    def _unheld_everyday_of(self, most: int) -> tuple[Entry, ...]:
        """The glossary's entries for _as_written: as specific_entries gives them, each with only the everyday words
        that hold a word no card writes (お年寄り: 年寄; 田んぼ). One all of whose words the cards write (学校の端末: 学校,
        端末) is already read in the table's words, and putting it in the table's terms (児童生徒・1人1台) took away the
        words by which 「学校の端末配備は誰が主担当？」 reads as answered (03-01 rated 0.75 → 0.32). (Kept per `most`:
        self._unheld_everyday.)"""
        folded = [fold_kana(normalize(c.name + "。" + c.overview)) for c in self.cards]
        return tuple(replace(e, everyday=tuple(k for k in e.everyday if not _WORD_RUNS.search(k) or any(
            not any(run in text for text in folded) for run in _WORD_RUNS.findall(k))))
            for e in self._specific_entries(most))

    def _specific_entries_of(self, most: int) -> tuple[Entry, ...]:
        """glossary.specific_entries over the cards' names and overviews (kept per `most`: self._specific_entries)."""
        return specific_entries([c.name + "。" + c.overview for c in self.cards], most)

    def _reading(self, query: str):
        """The scores `search` computes for an unfiltered question: (understood query, lexical, dense, fused, order,
        question terms), or None for questions the no-answer model never reads (about the table itself)."""
        q = self._understand(query)
        if q.intent.structured or (q.intent.absent_ministries and not q.intent.ministries):
            return None
        allowed = np.ones(len(self.cards), bool)
        words, _, _, dense, _, (own, fused) = self._scores(q, Filters(), allowed, SearchMode.HYBRID, True)
        return q, own, dense, fused, ranked(fused, allowed), question_terms(self.lexical.stats, words)

    def decision_features(self, query: str) -> np.ndarray | None:
        """What the no-answer model reads for `query` (config.ABSTAIN_FEATURES), as `search` computes it; None for
        questions it never reads. For fitting the model."""
        read = self._reading(query)
        if read is None:
            return None
        q, lex, dense, _, order, terms = read
        return card_features(self.lexical.stats, self._as_written(q) or terms, dense, lex, order[:3], q.intent.english)

    def relevance_features(self, query: str, top_k: int = 10) -> tuple[list[str], np.ndarray] | None:
        """The per-card model's features (config.CARD_FEATURES) for the first `top_k` cards, with their IDs, as
        `search` computes them; None for questions about the table itself. For fitting the model."""
        read = self._reading(query)
        if read is None:
            return None
        q, lex, dense, fused, order, terms = read
        decision = decide(self.lexical.stats, terms, dense, lex, order, english=q.intent.english, kana=q.intent.kana,
                          may_abstain=False, params=self.params)
        fused_z = zscore(fused, np.ones(len(self.cards), bool))
        rows = [relevance_features(self.lexical.stats, terms, dense, fused_z, order, i, decision.confidence)
                for i in order[:top_k]]
        return [self.cards[i].id for i in order[:top_k]], np.array(rows)

    @functools.cached_property
    def _corpus_text(self) -> str:
        """Every card's name, overview and KPIs, normalised, in one string (read once per index), the names of the
        ministries they write left out: a word only inside one (水産 of 農林水産省, in 05-32's 「農林水産省地理情報共通
        管理システム」) names a body, not a topic any card is about (decide.topic_unheld reads it)."""
        text = "\n".join(self._full_texts)
        names = sorted({normalize(m.name) for c in self.cards for m in c.ministries}, key=len, reverse=True)
        return re.sub("|".join(map(re.escape, names)), " ", text) if names else text

    def _hit(self, i: int, q: Query, fused, dense, lex, chunk_s, related: bool = False, confidence: float = 1.0) -> Hit:
        return Hit(self.cards[i], float(fused[i]), float(dense[i]), float(lex[i]),
                   tuple(self.evidence.find(i, q.text, chunk_s)), related=related, confidence=confidence)

    def _dated_hits(self, hits: list[Hit], cards: list[int], filters: Filters, order_by_date: bool = False
                    ) -> list[Hit]:
        """With filters on the 工程表: each card's milestones (or KPI targets) that meet them, their sentences first
        among its evidence; a listing in time order (the latest target first). `cards` are the hits' card numbers."""
        if not (filters.dated or filters.has_target) or not hits:
            return hits
        out = []
        for h, i in zip(hits, cards):
            ms, ts, ev = roadmap_evidence(self.roadmaps[i], filters)
            out.append(replace(h, evidence=tuple(ev) + tuple(e for e in h.evidence if e not in ev),
                               milestones=tuple(ms), targets=tuple(ts)))
        if order_by_date:
            def when(h: Hit):
                if h.milestones:
                    return min(m.sort_key for m in h.milestones)
                return (-max((t.year or 0) for t in h.targets), 0) if h.targets else (9999, 0)
            out.sort(key=lambda h: (h.related, when(h)))
        return out

    def _filters_for(self, intent, filters: Filters) -> Filters:
        """The filters a question searches with: the caller's, what it names, and for a 工程表 question its dates
        (the search and the reasons its cards are shown with read the same ones)."""
        filters = self._filters_from(intent, filters)
        if intent.dated is not None:  # 工程表 questions: filters on the milestones and KPI targets
            filters = with_dated(filters, intent.dated, self.cards, self.roadmaps)
        if intent.in_charge and filters.lead_only and (filters.ids or not self.facets.mask(filters).any()):
            # 担当 said plainly (no 主担当, no ◎): over the table, the one in charge (「警察庁が担当している施策を全部」:
            # its ◎ cards); among a few cards already given (「そのうち総務省が担当しているのは？」) or where it leads
            # none, the part it takes, as 府省庁名 lists it
            filters = replace(filters, lead_only=False)
        return filters

    @staticmethod
    def _filters_from(intent, filters: Filters) -> Filters:
        """The caller's filters, completed with what the question itself restricts (IDs, chapter, KPI status,
        ministries) where the caller left that open."""
        if intent.ids:
            filters = replace(filters, ids=filters.ids + tuple(i for i in intent.ids if i not in filters.ids))
        if intent.chapters and not filters.chapters:
            filters = replace(filters, chapters=intent.chapters)
        if intent.kpi_unset or intent.several_leads or intent.sole_lead or intent.lead_count:
            filters = replace(filters, kpi_unset=filters.kpi_unset or intent.kpi_unset,
                              several_leads=filters.several_leads or intent.several_leads,
                              sole_lead=filters.sole_lead or intent.sole_lead,
                              lead_count=filters.lead_count or intent.lead_count)
        if intent.kpi_rule and not filters.kpi_rule:
            filters = replace(filters, kpi_rule=intent.kpi_rule)
        if intent.marks_rule and not filters.marks_rule:
            filters = replace(filters, marks_rule=intent.marks_rule)
        if intent.mentions and not filters.mentions:
            filters = replace(filters, mentions=intent.mentions, mentions_in_name=intent.mentions_in_name)
            if intent.mentions_in_ministries and not filters.fields:  # 「府省庁名に「関係府省庁」と」: that cell
                filters = replace(filters, fields=("ministries_raw",))
            if intent.mention_fields and not filters.fields:  # 「効果のKPIに「割合」という語が」: the cell named as where
                filters = replace(filters, fields=intent.mention_fields)
            if intent.mentions_in_kpi and not filters.fields:  # 「KPIに説明会の参加数を使っている」: the KPI cells
                filters = replace(filters, fields=("kpi_progress", "kpi_effect"))
        if (intent.ministry_count or intent.target_unit or intent.kpi_counts) and not filters.cell_counted:
            filters = replace(filters, ministry_count=intent.ministry_count, target_unit=intent.target_unit,
                              kpi_counts=intent.kpi_counts)
        if intent.articles and not filters.articles:
            filters = replace(filters, articles=intent.articles)
        if intent.guides and not filters.guides:
            filters = replace(filters, guides=intent.guides)
        if intent.ministries and not filters.ministries:
            filters = replace(filters, ministries=intent.ministries, lead_only=intent.lead, leads=intent.leads,
                              all_ministries=intent.all_ministries, not_lead=intent.not_lead)
        return filters


def _other_nouns(q: Query, own: Sequence[str]) -> list[str]:
    """The question's nouns outside its own terms `own` (and outside the words for measures and for now): what else it
    says, which _sole_writer and _naming_cards both weigh against the cards that write the terms."""
    return [w for w in subject_words(_MEASURE_WORDS.sub(" ", normalize(q.text)))
            if not any(w in t for t in own) and w not in _THE_STATE]


def _writes(text: str, term: str) -> bool:
    """Whether a card's normalized text writes `term` as a word: a katakana or Latin term not inside a longer katakana
    or Latin word (ポート is not サイバーポート's, it is not in digital)."""
    at = text.find(term)
    while at >= 0:
        before, after = text[at - 1:at] if at else "", text[at + len(term):at + len(term) + 1]
        edge = _KATAKANA_OR_LATIN
        if not ((edge.fullmatch(term[0]) and before and edge.fullmatch(before))
                or (edge.fullmatch(term[-1]) and after and edge.fullmatch(after))):
            return True
        at = text.find(term, at + 1)
    return False


_KATAKANA_OR_LATIN = re.compile(r"[ァ-ヶーa-z]")
# whose measures every card is (「国の施策」, 「政府がやってる」), and when it is asked of (「現在も続いている？」):
# no topic of the question's
_THE_STATE = frozenset({"国", "政府", "日本", "我が国", "行政", "お上", "現在", "今", "現状", "今後", "最近", "当面"})
_LOANWORD = re.compile(r"[ァ-ヶーa-z0-9]+")
_FEW_NAMING = 3  # the most cards a question's own term names as one thing of several measures (_naming_cards)
_COUNTED = re.compile(r"\d+[^a-z]*")
_QUOTED_NAME = re.compile(r"「([^「」]{2,40})」")


def _english_weight(q: Query, p: SearchParams, glossed: bool = False) -> float:
    """The lexical side's share for a question without Japanese script: less for a sentence than for a name, unless
    the glossary gave it the table's words."""
    if len(q.text.split()) < 3:
        return p.english_lexical
    return p.english_glossary_lexical if glossed else p.english_sentence_lexical


def open_retriever(settings=None, *, progress=None, rebuild: str = "auto", embedder: Embedder | None = None) -> Retriever:
    """Load (or build) the index of `settings.source` and return a ready Retriever."""
    from ..config import Settings
    from ..corpus import load_cards
    from ..embed import embedder_for
    from ..store import open_index

    s = settings or Settings()
    emb = embedder or embedder_for(s)
    # the source is parsed only when its bytes differ from the ones the index was built from
    stored = open_index(lambda: load_cards(s.source, lenient=s.lenient), emb, cache_dir=s.cache_dir, source=s.source,
                        chunk_chars=s.chunk_chars, exact_max=s.exact_index_max, rebuild=rebuild, progress=progress,
                        lenient=s.lenient, derive=derive_tables, derived_by=derivation_code())
    if s.store:
        from ..milvus import attach_milvus, is_milvus_uri

        if not is_milvus_uri(s.store):
            raise ValueError(f"--store {s.store!r}: expected milvus://HOST:PORT or a Milvus Lite file PATH.db")
        stored = attach_milvus(stored, s.store, progress=progress)
    retriever = Retriever(stored, emb, s.search_params())
    retriever.cache_dir = s.cache_dir
    return retriever
