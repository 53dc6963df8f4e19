"""Milvus behind the store interface, for corpora past one machine: chunk vectors in a FLOAT_VECTOR field (HNSW),
the project's own BM25 weights (fugashi words, bigrams, readings) in SPARSE_FLOAT_VECTOR fields, and ministry, lead,
chapter and ID as scalar fields that filters become expressions on.

The index folder stays the source of truth (cards, chunk table, vocabulary, manifest); Milvus holds what grows
with the corpus and answers the two questions a search asks of a store: the nearest chunks to a vector, and the
BM25 score of cards for some terms. Understanding, fusion, the no-answer decision and evidence stay in the library,
so the same question gives the same cards on either store. Optional: `pip install 'seisaku-search[milvus]'`.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import replace
from typing import Callable, Sequence

import numpy as np

from .bm25 import TERM_KINDS, BM25Index
from .protocols import LexicalSearch, VectorSearch
from .store import StoredIndex, phase_reporter

__all__ = ["is_milvus_uri", "attach_milvus", "MilvusVectors", "MilvusLexical", "filter_expression"]

MAX_LIMIT = 16_384  # Milvus's largest topk
ANN_K = 256  # above MAX_LIMIT chunks: the nearest ANN_K, as the local HNSW store does
HNSW_PARAMS = {"M": 32, "efConstruction": 100}


def is_milvus_uri(store: str | None) -> bool:
    """milvus://HOST:PORT (or http(s)://) for a Milvus server, PATH.db for Milvus Lite in this process."""
    return store is not None and (store.startswith(("milvus://", "http://", "https://")) or store.endswith(".db"))


def _client(uri: str):
    try:
        from pymilvus import MilvusClient
    except ImportError:
        raise ImportError("the Milvus store needs pymilvus (and milvus-lite for a .db file): "
                          "pip install 'seisaku-search[milvus]'") from None
    if uri.startswith("milvus://"):
        uri = "http://" + uri[len("milvus://"):]
    return MilvusClient(uri)


def _quote(s: str) -> str:
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _list(values: Sequence[str]) -> str:
    return "[" + ", ".join(_quote(v) for v in values) + "]"


def filter_expression(filters) -> str:
    """A Milvus expression that keeps every card `filters` allows (and may keep more: what it cannot say, such as
    article marks or KPI status, is left to the library's own check, which runs on the results either way)."""
    if not filters:
        return ""
    parts = []
    if filters.ids:
        parts.append(f"cid in {_list(filters.ids)}")
    if filters.chapters:
        parts.append(f"chapter in {_list(filters.chapters)}")
    if filters.ministries:
        join = " and " if filters.all_ministries else " or "
        if filters.lead_only:
            parts.append("(" + join.join(f"array_contains(leads, {_quote(m)})" for m in filters.ministries) + ")")
        else:  # an office named inside a ministry's parentheses counts too: match the raw 府省庁名 text
            parts.append("(" + join.join(f"raw like {_quote('%' + m + '%')}" for m in filters.ministries) + ")")
        if filters.not_lead:
            parts.append(f"not array_contains_any(leads, {_list(filters.ministries)})")
        for m in filters.leads:
            parts.append(f"array_contains(leads, {_quote(m)})")
    if filters.has_target:
        parts.append("has_target == true")
    if filters.no_target:
        parts.append("has_target == false")
    if filters.year_from is not None or filters.year_to is not None:
        # a milestone year in the range (its status and kind are left to the library's check)
        lo = filters.year_from if filters.year_from is not None else (filters.year_to or 0) - 100
        hi = filters.year_to if filters.year_to is not None else lo + 100
        hi += filters.fiscal  # a fiscal year runs into the next calendar year's January–March
        if hi - lo <= 200:
            parts.append("array_contains_any(years, [" + ", ".join(str(y) for y in range(lo, hi + 1)) + "])")
    return " and ".join(parts)


def _collection_names(stored: StoredIndex) -> tuple[str, str]:
    """Named after what built the index (corpus, model, chunking, analyzer): a changed index gets new collections."""
    m = stored.manifest
    key = hashlib.sha1(repr((m["corpus_hash"], m["model_id"], m["chunking"], m["analyzer"], m["format"])
                            + ((SCALARS_VERSION,) if SCALARS_VERSION > 1 else ())).encode())
    tag = key.hexdigest()[:16]
    return f"seisaku_chunks_{tag}", f"seisaku_cards_{tag}"


#: The scalar fields' version (2: the 工程表's milestone years and has_target); part of the collections' names, so
#: collections written with other fields are never read.
SCALARS_VERSION = 2


def _card_fields(card, as_of: int | None = None) -> dict:
    from .roadmap import roadmap_of

    road = roadmap_of(card, as_of)
    return {"cid": card.id, "chapter": card.chapter, "raw": card.ministries_raw[:4000] or " ".join(
        m.name for m in card.ministries), "ministries": [m.name for m in card.ministries][:64],
        "leads": list(card.lead_ministries)[:64], "years": list(road.years)[:64],
        "has_target": road.has_numeric_target}


def _scalar_schema(schema, DataType) -> None:
    schema.add_field("cid", DataType.VARCHAR, max_length=256)
    schema.add_field("chapter", DataType.VARCHAR, max_length=64)
    schema.add_field("raw", DataType.VARCHAR, max_length=4096)
    schema.add_field("ministries", DataType.ARRAY, element_type=DataType.VARCHAR, max_capacity=64, max_length=256)
    schema.add_field("leads", DataType.ARRAY, element_type=DataType.VARCHAR, max_capacity=64, max_length=256)
    schema.add_field("years", DataType.ARRAY, element_type=DataType.INT64, max_capacity=64)
    schema.add_field("has_target", DataType.BOOL)


def _complete(client, name: str, rows: int) -> bool:
    if not client.has_collection(name):
        return False
    client.load_collection(name)
    return int(client.get_collection_stats(name).get("row_count", -1)) == rows


def _sparse_rows(index: BM25Index, kind: str, n_cards: int) -> list[dict[int, float]]:
    """Per card, term id → BM25 weight: the stored term-major matrix read row by row."""
    k = index.kind(kind)
    cards = np.asarray(k.cards)
    terms = np.repeat(np.arange(len(k.indptr) - 1), np.diff(np.asarray(k.indptr)))
    order = np.argsort(cards, kind="stable")
    starts = np.searchsorted(cards[order], np.arange(n_cards + 1))
    weights = np.asarray(k.weights)
    rows = []
    for c in range(n_cards):
        sel = order[starts[c]:starts[c + 1]]
        # Milvus takes no empty sparse row: a card without terms of a kind gets one zero-weight entry that no
        # question can reach (term ids are < the vocabulary size)
        rows.append({int(t): float(w) for t, w in zip(terms[sel], weights[sel])} or {len(k.indptr): 0.0})
    return rows


def export(client, stored: StoredIndex, progress: Callable | None = None, batch: int = 1000) -> None:
    """Write the index's chunk vectors and card BM25 weights into two collections (replacing partial ones)."""
    from pymilvus import DataType

    chunks_name, cards_name = _collection_names(stored)
    n_chunks, n_cards = len(stored.chunks), len(stored.cards)
    report = phase_reporter(progress)
    from .roadmap import table_year

    as_of = table_year(stored.cards)  # past / planned against the table's own year
    if not _complete(client, chunks_name, n_chunks):
        if client.has_collection(chunks_name):
            client.drop_collection(chunks_name)
        schema = client.create_schema(auto_id=False, enable_dynamic_field=False)
        schema.add_field("id", DataType.INT64, is_primary=True)
        schema.add_field("card", DataType.INT64)
        _scalar_schema(schema, DataType)
        schema.add_field("vec", DataType.FLOAT_VECTOR, dim=stored.vectors.dim)
        params = client.prepare_index_params()
        params.add_index(field_name="vec", index_type="HNSW", metric_type="IP", params=HNSW_PARAMS)
        client.create_collection(chunks_name, schema=schema, index_params=params)
        fields = [_card_fields(c, as_of) for c in stored.cards]
        vectors = stored.vectors.vectors()
        card_of = stored.chunks.card
        for start in range(0, n_chunks, batch):
            rows = [{"id": i, "card": int(card_of[i]), **fields[int(card_of[i])], "vec": vectors[i].tolist()}
                    for i in range(start, min(start + batch, n_chunks))]
            client.insert(chunks_name, rows)
            report("milvus chunks", min(start + batch, n_chunks), n_chunks)
        client.flush(chunks_name)
        client.load_collection(chunks_name)
    if not _complete(client, cards_name, n_cards):
        if client.has_collection(cards_name):
            client.drop_collection(cards_name)
        schema = client.create_schema(auto_id=False, enable_dynamic_field=False)
        schema.add_field("id", DataType.INT64, is_primary=True)
        _scalar_schema(schema, DataType)
        params = client.prepare_index_params()
        for kind in TERM_KINDS:
            schema.add_field(kind, DataType.SPARSE_FLOAT_VECTOR)
            params.add_index(field_name=kind, index_type="SPARSE_INVERTED_INDEX", metric_type="IP")
        client.create_collection(cards_name, schema=schema, index_params=params)
        local = stored.lexical
        assert isinstance(local, BM25Index)  # attach_milvus exports from the local store only
        sparse = {kind: _sparse_rows(local, kind, n_cards) for kind in TERM_KINDS}
        for start in range(0, n_cards, batch):
            rows = [{"id": i, **_card_fields(stored.cards[i], as_of), **{k: sparse[k][i] for k in TERM_KINDS}}
                    for i in range(start, min(start + batch, n_cards))]
            client.insert(cards_name, rows)
            report("milvus cards", min(start + batch, n_cards), n_cards)
        client.flush(cards_name)
        client.load_collection(cards_name)


class MilvusVectors(VectorSearch):
    """The vector store's interface over a Milvus collection of chunk vectors."""

    kind = "milvus"

    def __init__(self, client, name: str, n: int, dim: int):
        self.client, self.name, self.n, self._dim = client, name, n, dim

    def __len__(self) -> int:
        return self.n

    @property
    def dim(self) -> int:
        return self._dim

    def _search(self, queries: np.ndarray, k: int, expr: str = "") -> list:
        return self.client.search(self.name, data=[q.tolist() for q in np.atleast_2d(queries).astype(np.float32)],
                                  anns_field="vec", limit=k, filter=expr, output_fields=[],
                                  search_params={"metric_type": "IP", "params": {"ef": max(k, 64)}})

    def search(self, queries: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
        k = min(k, self.n)
        res = self._search(queries, k)
        scores = np.full((len(res), k), -np.inf, dtype=np.float32)
        ids = np.full((len(res), k), -1, dtype=np.int64)
        for r, hits in enumerate(res):
            for j, h in enumerate(hits):
                scores[r, j], ids[r, j] = h["distance"], h["id"]
        return scores, ids

    def all_scores(self, query: np.ndarray, filters=None) -> np.ndarray:
        """Every chunk's score, as the local store gives it: the nearest chunks their own (all of them up to
        MAX_LIMIT chunks), the rest the lowest of those."""
        k = self.n if self.n <= MAX_LIMIT else ANN_K
        hits = self._search(query, k, filter_expression(filters))[0]
        ids = np.array([h["id"] for h in hits], dtype=np.int64)
        scores = np.array([h["distance"] for h in hits], dtype=np.float32)
        out = np.full(self.n, float(scores.min()) if len(scores) else -1.0, dtype=np.float32)
        out[ids] = scores
        return out

    def vectors(self) -> np.ndarray:
        rows = self.client.query(self.name, filter="id >= 0", output_fields=["vec"], limit=self.n)
        out = np.zeros((self.n, self._dim), dtype=np.float32)
        for r in rows:
            out[r["id"]] = r["vec"]
        return out


class MilvusLexical(LexicalSearch):
    """The BM25 index's interface: scores from Milvus's sparse fields; term statistics (document frequencies and
    membership, read by the no-answer decision for three cards) from the local vocabulary and postings."""

    def __init__(self, client, name: str, n: int, local: BM25Index):
        self.client, self.name, self.n, self.local = client, name, n, local

    def kind(self, kind: str):
        return self.local.kind(kind)

    def scores(self, kind: str, terms: Sequence[str], filters=None) -> np.ndarray:
        ids = Counter(self.local.kind(kind).ids(terms))  # a repeated term counts again, as locally
        out = np.zeros(self.n, dtype=np.float32)
        if not ids:
            return out
        hits = self.client.search(self.name, data=[{int(i): float(c) for i, c in ids.items()}], anns_field=kind,
                                  limit=min(self.n, MAX_LIMIT), filter=filter_expression(filters), output_fields=[],
                                  search_params={"metric_type": "IP"})[0]
        for h in hits:
            out[h["id"]] = h["distance"]
        return out

    def df(self, kind: str, terms: Sequence[str]) -> np.ndarray:
        return self.local.df(kind, terms)

    def contains(self, kind: str, card: int, terms: Sequence[str]) -> np.ndarray:
        return self.local.contains(kind, card, terms)


def attach_milvus(stored: StoredIndex, uri: str, progress: Callable | None = None) -> StoredIndex:
    """The same index with Milvus as its vector and BM25 store, exporting into the collections first if they are
    missing or incomplete (named after the manifest, so a rebuilt index gets its own)."""
    if not isinstance(stored.lexical, BM25Index):
        raise TypeError("attach_milvus takes an index opened from its folder (the local store), not one attached")
    client = _client(uri)
    export(client, stored, progress)
    chunks_name, cards_name = _collection_names(stored)
    return replace(stored, vectors=MilvusVectors(client, chunks_name, len(stored.chunks), stored.vectors.dim),
                   lexical=MilvusLexical(client, cards_name, len(stored.cards), stored.lexical))
