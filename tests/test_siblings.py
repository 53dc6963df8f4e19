"""The sibling rerank (index.retrieve.siblings): two close cards told apart by the words only one of them writes."""

from dataclasses import replace

from index.retrieve.siblings import question_nouns


def first(retriever, question: str) -> str:
    return retriever.search(question, top_k=3).results[0].card.id


def test_mountain_coverage_is_the_area_card_not_the_railway_tunnels(retriever, monkeypatch):
    # 07-02 条件不利地域における携帯電話のエリア整備 and 07-03 鉄道トンネルなどにおける携帯電話の通じない区間 are close on
    # "mobile phone coverage"; "mountain areas" reads as the table's 条件不利地域 / 過疎 words, which only 07-02 writes
    question = "Is there a plan for mobile phone coverage in mountain areas?"
    assert first(retriever, question) == "07-02"
    monkeypatch.setattr(retriever, "params", replace(retriever.params, sibling_margin=0.0))
    assert first(retriever, question) == "07-03"  # fused alone: the tunnels card by a hair


def test_a_word_only_the_first_writes_keeps_it_first(retriever):
    # トンネル and 鉄道 are 07-03's own words: the rerank leaves it first
    assert first(retriever, "鉄道のトンネルで携帯電話がつながらない区間をなくす施策は？") == "07-03"


def test_question_nouns_hold_the_tables_words_for_english_ones():
    # the glossary writes smartphones as スマートフォン and older people as 高齢者: the words the cards write
    assert {"スマート", "フォン", "高齢"} <= question_nouns("older people who cannot use smartphones")
    assert "つながる" not in question_nouns("鉄道のトンネルで携帯電話がつながらない区間")  # nouns only
