"""ANN recall@10 of the shipped HNSW store at a million vectors shaped by real chunk embeddings, where embedding a
million real chunks would take hours (run: .venv/bin/python eval/ann_structured.py EMBEDDINGS_DIR clustered 1000000).

EMBEDDINGS_DIR is one model's folder of an embedding cache (`CACHE/embeddings/<hash>`), e.g. the one `seisaku bench
--sizes 100000 --cache-dir CACHE` filled. Its distinct vectors are kept and joined by synthetic ones up to TOTAL:
`gaussian` draws them from a Gaussian with the real vectors' mean and covariance (no cluster structure: a pessimistic
stand-in); `clustered` perturbs random real vectors with covariance-shaped noise scaled so that a copy sits as far
from its parent as a real chunk from its nearest real neighbour (topics and near-duplicates, as real corpora have).
Questions are 200 JSQuAD questions embedded by the bundled model. Recall is printed against exact search over the
float vectors and over the decoded 8-bit codes (the same vectors the graph holds: what the graph alone loses)."""

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from index.bench import exact_top  # noqa: E402
from index.config import Settings  # noqa: E402
from index.embed import embedder_for  # noqa: E402
from index.evaluate import JGLUE, jsquad_corpus, jsquad_questions  # noqa: E402
from index.vectors import EF_SEARCH, VectorStore  # noqa: E402


def stand_in(real: np.ndarray, variant: str, total: int, rng: np.random.Generator) -> tuple[np.ndarray, dict]:
    import faiss

    mu = real.mean(0)
    chol = np.linalg.cholesky(np.cov(real, rowvar=False) + 1e-8 * np.eye(real.shape[1]))
    flat = faiss.IndexFlatIP(real.shape[1])
    flat.add(real)
    nn, _ = flat.search(real[rng.choice(len(real), min(5000, len(real)), replace=False)], 2)
    nn_cos = float(np.median(nn[:, 1]))
    sigma = None
    if variant == "clustered":  # bisect the noise scale: median cos(copy, parent) = median real neighbour cosine
        lo, hi, parents = 0.01, 10.0, real[:2000]
        for _ in range(30):
            mid = (lo + hi) / 2
            y = parents + mid * (rng.standard_normal(parents.shape).astype(np.float32) @ chol.T)
            y /= np.linalg.norm(y, axis=1, keepdims=True)
            lo, hi = (mid, hi) if float(np.median(np.sum(y * parents, 1))) > nn_cos else (lo, mid)
        sigma = (lo + hi) / 2
    out, left = [real], total - len(real)
    for start in range(0, left, 100_000):
        k = min(100_000, left - start)
        z = rng.standard_normal((k, real.shape[1])).astype(np.float32) @ chol.T
        y = (mu + z) if variant == "gaussian" else (real[rng.integers(0, len(real), k)] + sigma * z)
        out.append((y / np.linalg.norm(y, axis=1, keepdims=True)).astype(np.float32))
    return np.ascontiguousarray(np.concatenate(out)), {"nn_cos_real": round(nn_cos, 4),
                                                       "sigma": sigma and round(sigma, 4)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("embeddings", type=Path)
    ap.add_argument("variant", choices=("clustered", "gaussian"))
    ap.add_argument("total", type=int)
    ap.add_argument("--jsquad", type=Path, default=JGLUE / "jsquad-valid-v1.3.json")
    args = ap.parse_args()
    import faiss

    real = np.concatenate([np.load(p) for p in sorted(args.embeddings.glob("*.npy"))]).astype(np.float32)
    real = np.ascontiguousarray(real[np.unique(real.round(5), axis=0, return_index=True)[1]])  # ties blur by-id recall
    rng = np.random.default_rng(0)
    vectors, shape = stand_in(real, args.variant, args.total, rng)
    print(json.dumps({"variant": args.variant, "vectors": len(vectors), "real": len(real), **shape}), flush=True)
    _, questions = jsquad_corpus(args.jsquad)
    q = np.ascontiguousarray(embedder_for(Settings()).embed_queries(
        [x["question"] for x in jsquad_questions(questions, 200, seed=1)]), dtype=np.float32)
    flat = faiss.IndexFlatIP(vectors.shape[1])
    flat.add(vectors)
    _, exact_float = flat.search(q, 10)
    del flat
    faiss.omp_set_num_threads(2)
    with tempfile.TemporaryDirectory() as tmp:
        t = time.perf_counter()
        VectorStore.build(vectors, Path(tmp))
        build_s = time.perf_counter() - t
        store = VectorStore.load(Path(tmp))
        codes_s, exact_codes = exact_top(store, q)  # the bench's own exact search over the decoded codes
        tenth = codes_s[:, -1]
        print(json.dumps({"kind": store.kind, "build_s": round(build_s, 1)}), flush=True)
        faiss.omp_set_num_threads(1)
        for ef in (EF_SEARCH, 512, 1024, 2048):
            store.index.hnsw.efSearch = ef
            t = time.perf_counter()
            _, found = store.index.search(q, 10)
            ms = (time.perf_counter() - t) / len(q) * 1000
            by_id = lambda exact: float(np.mean([len(set(a) & set(b)) / 10 for a, b in zip(found, exact)]))  # noqa: E731
            ties = float(np.mean([np.mean(store.scores_of(q[i], a[a >= 0]) >= tenth[i] - 1e-6) * (a >= 0).mean()
                                  for i, a in enumerate(found)]))
            print(json.dumps({"efSearch": ef, "recall_at_10_vs_float": round(by_id(exact_float), 4),
                              "recall_at_10_vs_codes": round(by_id(exact_codes), 4),
                              "vs_codes_counting_ties": round(ties, 4), "ms_per_search": round(ms, 2),
                              "exact_top10_real_share": round(float(np.mean(exact_float < len(real))), 3)}), flush=True)


if __name__ == "__main__":
    main()
