"""A measure is known by the names its card gives what it runs (TSPS, ISUT, SIP4D, 全国農地ナビ) more than by its long
施策名: a name question, a list's lines and 「何の施策？」 show them; and a question asking what support one gets quotes
the sentence that states what is given (「最大300万円」), not one that only says 支援 again."""

from index.assist import Conversation, answer_text, ask, detail_sentence
from index.own_names import names_of
from tests.test_chat_agrees_with_search import chat


def test_a_card_s_own_names_are_its_defined_and_repeated_acronyms_and_bracketed_short_names(cards):
    named = names_of(cards.cards)
    said = {i: [n.said for n in ns] for i, ns in named.items()}
    assert said["02-06"] == ["TSPS(信号情報活用運転支援システム)"]
    assert said["03-16"][0] == "ISUT(Information Support Team)"
    assert said["03-17"] == ["SIP4D"]  # said three times, defined nowhere
    assert "農地情報公開システム(全国農地ナビ)" in said["05-32"]  # (eMAFF地図 is in its 施策名 already)
    # ICT is in a dozen cards' text: a general word, no card's own name
    assert not any(n.short == "ICT" for ns in named.values() for n in ns)
    # a body or a standard the card works with is not its name: 05-36 says OECD three times, 07-06 cites JIS X 8341-3
    assert "05-36" not in named and "07-06" not in named


def test_asking_a_measure_s_name_shows_the_name_its_text_gives_the_system(retriever):
    a = ask(retriever, "信号機の情報をドライバーに提供するインフラ整備の施策名は？", Conversation())
    assert [h.card.id for h in a.answers] == ["02-06"]
    assert "TSPS(信号情報活用運転支援システム)" in answer_text(a, related=False)


def test_a_list_line_carries_each_card_s_own_name(retriever):
    a = ask(retriever, "災害時の情報共有に関する施策を全部教えて", Conversation())
    ids = [h.card.id for h in a.answers]
    assert "03-16" in ids and "03-17" in ids
    assert "［ISUT］" in a.direct and "［SIP4D］" in a.direct
    # a card whose text names nothing of its own keeps its line as it was
    assert all("［" not in line for line in a.direct.split("、[") if line.startswith("03-18"))


def test_what_support_one_gets_quotes_the_sentence_stating_what_is_given(cards):
    card = cards.by_id()["07-10"]
    for q in ("異能vationに選ばれるとどんな支援を受けられますか", "通過したら何がもらえる？",
              "What do the selected people receive?"):
        assert "最大300万円" in (detail_sentence(card, q, fields=("overview",)) or ""), q
    # a question about something else keeps its own sentence
    assert "最大300万円" not in (detail_sentence(card, "応募倍率はどれくらい？", fields=("overview",)) or "")


def test_an_opening_question_about_the_support_is_answered_with_the_amount(retriever):
    a = ask(retriever, "異能vationプログラムに採択されたらどんな支援があるの？", Conversation())
    assert [h.card.id for h in a.answers] == ["07-10"]
    assert "最大300万円" in answer_text(a, related=False)


def test_a_target_s_baseline_in_brackets_after_its_sentence_is_quoted_with_it(cards):
    card = cards.by_id()["03-06"]
    # 「…令和7年度(2025年度)までに100%を目指す。(令和元年度(2019年度):8.2%)」: where it stands now is the bracketed note
    said = detail_sentence(card, "いまは何％くらい？", fields=("kpi_effect",)) or ""
    assert "100%を目指す" in said and "8.2%" in said


def test_the_ministries_asked_for_with_all_after_a_space_or_the_lead_asked_as_main(retriever):
    a = chat(retriever, "05-33の関係府省庁 ぜんぶ見せて")[-1]
    assert a.kind == "field" and a.field_name == "ministries"
    a = chat(retriever, "03-16はどこがメインでやってるの？")[-1]
    assert a.kind == "field" and "◎内閣府" in answer_text(a, related=False)
