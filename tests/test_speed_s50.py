"""The caches the search keeps for speed (round 25) answer as the work they stand for: per index, not across a
rebuild; handed out fresh where the caller may change what it gets; recomputed where a glossary entry is rewritten."""

from __future__ import annotations

from dataclasses import replace


def _terms_held(docs: list[list[str]], terms: list[str]) -> list[list[bool]]:
    return [[t in doc for t in terms] for doc in docs]


def test_card_term_table_answers_as_the_postings_and_a_rebuilt_index_its_own(tmp_path, monkeypatch):
    import index.bm25
    from index.bm25 import BM25Index, build_bm25

    asked = ["デジタル", "医療", "未知語", "人材", "デジタル"]  # an unknown term and a repeated one too
    first = [["デジタル", "人材"], ["医療"], ["医療", "人材", "データ"], ["デジタル"]]
    build_bm25(first, tmp_path / "one")
    one = BM25Index(tmp_path / "one")
    assert [one.contains("words", i, asked).tolist() for i in range(len(first))] == _terms_held(first, asked)
    held = one.contains("words", 0, asked)
    held[:] = False  # the caller's copy: the table kept for the next card is not changed by it
    assert one.contains("words", 0, asked).tolist() == [True, False, False, True, True]

    # the same terms asked of a rebuilt index with other cards: its own postings, none kept from the first
    second = [["医療"], ["デジタル", "医療"], ["人材"]]
    build_bm25(second, tmp_path / "two")
    two = BM25Index(tmp_path / "two")
    assert [two.contains("words", i, asked).tolist() for i in range(len(second))] == _terms_held(second, asked)
    assert [one.contains("words", i, asked).tolist() for i in range(len(first))] == _terms_held(first, asked)
    # an index too large for the table searches each posting: the same answers
    monkeypatch.setattr(index.bm25, "HOLDERS_CELLS", 0)
    assert [two.contains("words", i, asked).tolist() for i in range(len(second))] == _terms_held(second, asked)


def test_tokens_of_a_short_text_are_kept_but_handed_out_fresh():
    from index.text import SHORT_TEXT, analyzer

    an = analyzer()
    question = "子どもの学習データを活用する施策は？"
    read = an.tokens(question)
    assert read and read == list(an._tokens(question))
    read.clear()  # a caller that changes its list changes no later reading
    assert an.tokens(question) == list(an._tokens(question)) and an.tokens(question)
    long_text = "テレワークの普及に取り組む。" * (SHORT_TEXT // 10)
    assert len(long_text) > SHORT_TEXT and an.tokens(long_text) == list(an._tokens(long_text))


def test_a_rewritten_glossary_entry_is_read_by_its_own_words():
    from index.retrieve.glossary import Entry, in_table_words

    entry = Entry(("光ファイバ",), (("fiber",),), ("ネット回線",), 1)
    rewritten = replace(entry, everyday=("スマホ",), english=(("smartphone",),))
    # (specific_entries rewrites entries so: the words a text must hold are the new ones, not the old ones')
    assert in_table_words("スマホの施策", (rewritten,)) == "光ファイバの施策"
    assert in_table_words("ネット回線の施策", (rewritten,)) == "ネット回線の施策"
    assert in_table_words("smartphone support", (), (rewritten,), shortest=1) == "光ファイバ support"
    assert in_table_words("fiber support", (), (rewritten,), shortest=1) == "fiber support"
    assert rewritten.letters == {"ス"} and rewritten.lead_words == {"smartphone"}
