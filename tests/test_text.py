"""The lexical side really splits Japanese into words; normalisation makes width and kana variants meet."""

import pytest

from index.text import analyzer, char_ngrams, fold_kana, normalize, reading_dictionary, respell, sentence_spans


def test_japanese_is_split_into_words_not_whitespace_chunks():
    assert analyzer().words("運転免許業務の合理化") == ["運転", "免許", "業務", "合理", "化"]
    # a whitespace tokenizer would return the whole sentence as one token
    assert len(analyzer().words("警察庁及び都道府県警察が活用する共通のシステム基盤を整備")) >= 8


def test_letters_and_digits_written_together_stay_one_term():
    # MeCab cuts 5G into 5 / G; people read it as one word, and so must BM25
    assert analyzer().words("５Ｇ基地局と8Kの映像") == ["5g", "基地", "局", "8k", "映像"]
    assert analyzer().words("5 G") == ["5", "g"]  # written apart, read apart


def test_particles_auxiliaries_and_symbols_are_dropped_and_verbs_lemmatised():
    words = analyzer().words("システムを整備しました。")
    assert words == ["システム", "整備"]
    assert "行う" not in analyzer().words("検証を行いました")


def test_full_width_and_half_width_forms_normalise_to_the_same_tokens():
    assert normalize("ＴＳＰＳ　１２３") == "tsps 123"
    assert analyzer().words("ﾃﾚﾜｰｸの普及") == analyzer().words("テレワークの普及")
    assert analyzer().words("ＩＣＴ") == ["ict"]


def test_character_ngrams_catch_unknown_words_typos_and_kana_variants():
    assert char_ngrams("TSPS") == ["ts", "sp", "ps"]
    assert set(char_ngrams("CYDERの演習")) >= {"cy", "yd", "de", "er", "演習"}
    assert set(char_ngrams(fold_kana("でじたる"))) == set(char_ngrams("デジタル"))


def test_sentence_spans_are_offsets_into_the_original_text():
    text = "一文目です。 二文目です！\n三文目"
    spans = sentence_spans(text)
    assert [text[s:e] for s, e in spans] == ["一文目です。", "二文目です！", "三文目"]


def test_kana_questions_are_respelled_with_the_corpus_own_words():
    corpus = ["被災者台帳の作成にマイナンバーを活用する。", "デジタル教科書の普及を推進する。"]
    spelling = reading_dictionary(corpus)
    assert spelling["ヒサイシャダイチョウ"] == "被災者台帳" and spelling["キョウカショ"] == "教科書"
    assert respell("ひさいしゃだいちょう つくるとき まいなんばー", spelling) == "被災者台帳 つくるとき マイナンバー"
    assert respell("でじたるきょうかしょ", spelling) == "デジタル教科書"
    # kana the corpus never reads stay as typed; kanji and letters are untouched
    assert respell("せんきょ 8K 投票", spelling) == "せんきょ 8k 投票"
    # a word may span the spaces of a kana question, and dropped or mistyped marks (ー, っ, ゅ) still find it
    assert respell("でじたる きょう かしょ の ふきゅう", spelling) == "デジタル教科書 の 普及"
    assert respell("まいなんば", spelling) == "マイナンバー" and respell("ひさいしゃだいちよう", spelling) == "被災者台帳"
    # no word starts inside a demonstrative: 「そのうち」 (of those) is not そ + 農地, whose reading ノウチ it holds
    farming = reading_dictionary(["農地の情報を活用する。", *corpus])
    assert respell("そのうち", farming) == "そのうち" and respell("そのうち ひさいしゃだいちょう", farming) == "そのうち 被災者台帳"
    assert respell("のうち", farming) == "農地"


@pytest.mark.slow
def test_terms_on_every_core_are_the_terms_of_one_process(cards):
    # a large corpus is tokenised in worker processes (MeCab holds the GIL); the index must not depend on it
    from index.store import lexical_text
    from index.text import terms_of

    texts = [lexical_text(c) + f" 第{i}版" for i, c in enumerate(list(cards) * 10)]  # 640 texts, 3 batches
    one = list(terms_of(texts, len(texts), workers=1))
    many = list(terms_of(iter(texts), len(texts), workers=2, min_parallel=0))
    assert many == one and len(many) == len(texts)


KILLED_TOKENISER = """
import os, sys, time
from index.text import terms_of

def texts():
    for i in range(10**9):
        if i == 2000:
            print("working", flush=True)
        yield "デジタル社会の実現に向けた重点計画の施策" * 20 + str(i)

for _ in terms_of(texts(), 10**9, workers=2, min_parallel=0):
    pass
"""


def test_tokenising_workers_end_with_a_killed_build():
    # a build SIGKILLed in its terms phase: its worker processes end too, instead of waiting for work forever
    import os
    import signal
    import subprocess
    import sys
    import time
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    p = subprocess.Popen([sys.executable, "-c", KILLED_TOKENISER], stdout=subprocess.PIPE, text=True,
                         env={**os.environ, "PYTHONPATH": str(root)})
    assert p.stdout.readline().strip() == "working"
    workers = [int(x) for x in Path(f"/proc/{p.pid}/task/{p.pid}/children").read_text().split()]
    assert len(workers) >= 2
    p.send_signal(signal.SIGKILL)
    p.wait(timeout=30)

    def alive(pid):
        try:
            state = Path(f"/proc/{pid}/status").read_text().split("State:")[1].split()[0]
        except (OSError, IndexError):
            return False
        return state != "Z"

    deadline = time.monotonic() + 10
    while any(alive(w) for w in workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not any(alive(w) for w in workers)


def test_a_katakana_compound_is_indexed_whole_beside_its_pieces():
    # MeCab cuts マイナンバー into マイ / ナンバー: the index keeps the pieces (a question for データ still meets
    # オープンデータ) and the compound as written (+マイナンバー)
    terms = analyzer().terms("マイナンバーの活用")
    assert {"マイ", "ナンバー", "+マイナンバー"} <= set(terms)
    assert "+マイナンバーの" not in terms and "+活用" not in terms
    assert "+ガバメントクラウド" not in analyzer().terms("ガバメント クラウド")  # written apart: no compound


def test_a_question_reads_katakana_runs_as_the_longest_compounds_the_table_holds():
    held = {"+マイナンバー", "+オンライン"}

    def table_holds(terms):
        return [t in held for t in terms]

    # マイナンバーカード is not in the table, マイナンバー is: one compound and the left-over piece, not マイ + ナンバー
    assert analyzer().query_words("マイナンバーカードで証明書を取りたい", table_holds) == [
        "+マイナンバー", "カード", "証明", "書", "取る"]
    assert analyzer().query_words("オンラインで申請", table_holds) == ["+オンライン", "申請"]
    # a run the table never writes keeps its pieces, as words() reads them
    assert analyzer().query_words("ガバメントクラウド", table_holds) == analyzer().words("ガバメントクラウド")
