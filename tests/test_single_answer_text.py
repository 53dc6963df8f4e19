"""A question asking for one measure is answered with what the measure does, from its own overview: the KPI cells
are said in full after it, so the sentence quoted besides the 要点 is the overview's (the one answering the question,
else its first), and the answer names the programme the card is known by."""

from index.assist import Conversation, ask, detail_sentence


def test_a_kpi_cell_as_the_key_passage_is_followed_by_what_the_measure_does(retriever):
    a = ask(retriever, "1人1台タブレット配るやつってどの施策？", Conversation())
    assert [h.card.id for h in a.answers] == ["03-01"]
    assert "記載: 「GIGAスクール構想に基づき" in a.direct  # the overview's first sentence: the programme's name
    assert "KPI(進捗): 教育用コンピュータ1台当たりの児童生徒数" in a.direct  # the KPI cells still follow


def test_the_overview_sentence_answering_the_question_is_quoted_not_a_kpi_name(retriever):
    a = ask(retriever, "役所でAIとかRPA入れたいけど、詳しい人を派遣してもらえる制度ある？", Conversation())
    assert [h.card.id for h in a.answers] == ["06-02"]
    assert "地域情報化アドバイザーの派遣" in a.direct  # not 「記載: 「派遣地域数」」, a KPI's name
    assert a.direct.count("派遣地域数") == 1  # said once, as the KPI


def test_a_card_taken_from_the_related_ones_still_says_what_it_does(retriever):
    conv = Conversation()
    for q in ("子供がプログラミング習える地域の教室みたいなの、国は支援してる？", "学校の授業のほうの情報教育の施策は？"):
        a = ask(retriever, q, conv)
        conv = a.conversation
    assert [h.card.id for h in a.answers] == ["06-09"]
    assert "情報活用能力" in a.direct  # 「小・中・高等学校を通じた情報教育の強化・充実…」 holds 学校


def test_a_field_answer_may_still_quote_a_kpi_sentence(cards):
    card = cards.by_id()["06-03"]
    assert "100回" in (detail_sentence(card, "年何回？") or "")  # the KPI cell states the count
    assert detail_sentence(card, "年何回？", fields=("overview",)) != detail_sentence(card, "年何回？")


def test_a_field_asked_in_the_singular_counts_both_cards_that_state_it_word_for_word(retriever, cards):
    # 06-05 and 06-01 both set 「令和7年度(2025年度)までに情報処理安全確保支援士の登録者数3万人超」 as a KPI: the
    # question cannot tell them apart, so both are counted (a table), not the one that scored higher
    a = ask(retriever, "情報処理安全確保支援士の登録者数の目標は何人？", Conversation())
    assert sorted(h.card.id for h in a.answers) == ["06-01", "06-05"]
    assert a.kind == "table" and all("3万人" in str(row) for row in a.table[1:])


def test_a_field_asked_in_the_singular_still_answers_the_one_card_that_fits_best(retriever):
    # 02-10 and 03-43 both speak of サイバーポート, each with its own dates: the one that fits is answered alone
    a = ask(retriever, "サイバーポートの港湾物流分野の運用開始はいつ？", Conversation())
    assert [h.card.id for h in a.answers] == ["03-43"]
