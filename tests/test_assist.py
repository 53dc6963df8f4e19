"""The assistant: follow-ups resolved against the cards just shown, field questions answered with the field, tables
for sets, counts of answers (not of related cards), and junk input answered as such."""

import random

from index.assist import Conversation, Turn, answer_text, ask, card_rows, chapter_titles, field_asked
from index.conversation import follow_up
from index.retrieve import Filters


def chat(retriever, *questions, **kw):
    """Ask the questions in turn, each with the conversation the previous answer returned."""
    conv, answers = Conversation(), []
    for q in questions:
        a = ask(retriever, q, conv, **kw)
        answers.append(a)
        conv = a.conversation
    return answers


def ids(hits):
    return [h.card.id for h in hits]


def test_a_follow_up_is_answered_among_the_cards_just_shown(retriever, cards):
    first, second = chat(retriever, "テレワークを推進する施策は？", "その中で総務省が担当しているのは？")
    assert ids(first.answers)[0] == "04-03"
    shown = set(ids(first.answers + first.related))
    assert ids(second.answers)[0] == "04-03"  # the telework card first, as it was shown first
    assert set(ids(second.answers + second.related)) <= shown
    by_id = cards.by_id()
    assert all("総務省" in by_id[i].ministries_raw for i in ids(second.answers))
    assert "直前の回答" in second.notes[0]


def test_it_and_that_measure_resolve_to_the_card_just_answered(retriever, cards):
    first, who, kpi = chat(retriever, "テレワークを推進する施策は？", "それの担当府省庁は？", "その施策の効果KPIは？")
    telework = {c.id: c for c in cards}["04-03"]
    assert who.kind == "field" and ids(who.answers) == ["04-03"]
    assert "◎内閣官房" in who.direct and "総務省" in who.direct
    assert kpi.kind == "field" and kpi.field_name == "kpi_effect" and telework.kpi_effect in kpi.direct


def test_an_ordinal_picks_that_card_and_a_new_topic_starts_fresh(retriever):
    first, second, fresh = chat(retriever, "国土交通省が主担当の施策は？", "2番目の施策の概要は？", "遠隔医療を進める施策は？")
    shown = ids(first.answers + first.related)
    assert ids(second.answers) == [shown[1]] and second.field_name == "overview"
    assert not fresh.notes and {"03-14", "03-09"} & set(ids(fresh.answers))
    assert not set(ids(fresh.answers)) <= set(shown)


def test_field_questions_get_the_field(retriever, cards):
    by_id = {c.id: c for c in cards}
    kpi, who, when = (ask(retriever, q) for q in ("テレワークの普及のKPIは？", "04-03の担当府省庁は？",
                                                   "02-10はいつ稼働予定？"))
    assert ids(kpi.answers)[0] == "04-03" and by_id["04-03"].kpi_progress[:30] in kpi.direct
    assert who.field_name == "ministries" and "◎内閣官房" in who.direct
    # the sentence that says when: 02-10's progress KPI aims at operation (稼働) in 令和4年度
    assert when.field_name == "when" and "令和4年度" in when.quote[1] and "稼働" in when.quote[1]
    assert when.quote[0] == "kpi_progress" and by_id["02-10"].kpi_progress[when.quote[2]:when.quote[3]] == when.quote[1]


def test_a_field_list_for_a_set_is_a_compact_table(retriever, cards):
    a = ask(retriever, "国土交通省が主担当の施策のKPIを一覧で")
    assert a.kind == "table" and a.table[0] == ["施策番号", "施策名", "主担当", "KPI(進捗)", "KPI(効果)"]
    led = [c for c in cards if "国土交通省" in c.lead_ministries]
    assert [r[0] for r in a.table[1:]] == [c.id for c in led]
    assert all(r[3] == c.kpi_progress for r, c in zip(a.table[1:], led))


def test_the_count_is_of_answers_not_of_related_cards(retriever):
    a = ask(retriever, "テレワークを推進する施策は？", top_k=10)
    assert len(a.answers) + len(a.related) == 10 and len(a.answers) < 10
    assert a.to_dict()["answer"]["count"] == len(a.answers)
    assert a.level in ("高", "中", "低")
    listed = ask(retriever, "被災者支援に関する施策を全部教えて")
    assert 4 <= len(listed.answers) and all(not h.related for h in listed.answers)


def test_junk_never_yields_ten_measures(retriever):
    for junk in ("<b>", "？？", "<script></script>"):
        a = ask(retriever, junk)
        assert a.kind == "unreadable" and not a.answers and "10 件" not in a.direct
    rng = random.Random(9)
    kana = "".join(chr(rng.randint(0x3041, 0x3093)) for _ in range(5000))
    a = ask(retriever, kana)
    assert a.kind == "none" and not a.answers and "見つかりませんでした" in a.direct
    assert len(a.question) == 5000


def test_a_ministry_named_against_the_filter_is_said(retriever):
    a = ask(retriever, "国土交通省の施策は？", filters=Filters(ministries=("総務省",)))
    assert any("国土交通省" in n and "総務省" in n for n in a.notes)


def test_the_conversation_is_plain_data_that_survives_a_round_trip():
    conv = Conversation((Turn("q1", ("04-03",), ("03-02",)),))
    assert Conversation.from_list(conv.to_list()) == conv
    assert Conversation.from_list([{"question": 1, "answers": [{"x": 1}, "04-03"]}, "junk", None]).turns == (
        Turn("1", ("04-03",), ()),)
    listed = Conversation((Turn("q1", ("03-18", "03-19", "03-20"), ("03-17",)),))
    assert Conversation.from_list(listed.add(Turn("2つ目", ("03-19",), (), listed.last.answers, ("03-19",))).to_list()
                                  ).turns[-1].listing == ("03-18", "03-19", "03-20")
    near = Conversation((Turn("q1", ("03-18", "03-19"), ("03-17", "07-06"), near=("03-17",)),))
    assert Conversation.from_list(near.to_list()) == near

    def fields(text):
        f = field_asked(text)
        return None if f is None else f.rest

    assert follow_up("その中で総務省は？", Conversation(), fields).kind == "fresh"
    ref = follow_up("2番目の施策のKPIは？", listed, fields)
    assert ref.ids == ("03-19",) and ref.kind == "ordinal"
    past = follow_up("2番目の施策のKPIは？", conv, fields)  # one answer (and a related card): there is no second
    assert past.missing and "1 件" in past.missing
    assert follow_up("それぞれの施策を教えて", listed, fields).ids == listed.last.answers  # それぞれ is not それ


def test_field_words_are_found_and_removed():
    assert field_asked("04-03の担当府省庁は？").field == "ministries"
    assert field_asked("その施策の効果KPIは？").field == "kpi_effect"
    f = field_asked("国土交通省が主担当の施策のKPIを一覧で")
    assert f.field == "kpi" and f.table and "KPI" not in f.rest
    assert field_asked("テレワークを推進する施策は？") is None


def test_the_card_browser_rows_have_chapter_titles_and_can_be_searched(cards):
    titles = chapter_titles(cards.cards)
    assert titles["03"].startswith("03 ") and len(titles["03"]) > 3
    rows = card_rows(cards.cards)
    assert len(rows) == len(cards.cards) and rows[0][2] == titles[rows[0][0][:2]]
    found = card_rows(cards.cards, "テレワーク")
    assert "04-03" in [r[0] for r in found] and len(found) < len(rows)


# ------------------------------------------------------------------------------------------------ conversations
# (issue 18) The turns below are written the way people chat: the subject dropped, parts of a list picked out,
# the subject changed in passing.

def test_a_field_alone_asks_about_the_card_just_answered(retriever, cards):
    by_id = cards.by_id()
    first, who, kpi, when, budget = chat(retriever, "ドローンの施策は？", "担当は？", "KPIは？", "いつまでにやるの？",
                                         "予算は？")
    assert ids(first.answers) == ["04-02"]
    assert who.kind == "field" and ids(who.answers) == ["04-02"] and "◎内閣官房" in who.direct
    assert kpi.field_name == "kpi" and by_id["04-02"].kpi_progress[:20] in kpi.direct
    assert when.field_name == "when" and "令和4年度" in when.direct  # not a search for 「にやる」
    # the table has no budget column: said so, about the same card
    assert budget.field_name == "budget" and "予算" in budget.direct and "04-02" in budget.direct


def test_a_field_alone_after_a_list_is_a_table_of_that_list(retriever):
    listed, who = chat(retriever, "被災者支援に関する施策を全部教えて", "それぞれの担当は？")
    assert len(listed.answers) >= 4
    assert who.kind == "table" and [r[0] for r in who.table[1:]] == ids(listed.answers)
    alone = ask(retriever, "担当は？")  # nothing answered yet: asks back instead of searching 「担当」
    assert alone.kind == "none" and not alone.answers and "どの施策" in alone.direct


def test_parts_of_a_list_the_second_and_the_rest(retriever):
    listed, second, rest = chat(retriever, "被災者支援に関する施策を全部教えて", "2つ目の概要", "残りは？")
    shown = ids(listed.answers)
    assert ids(second.answers) == [shown[1]] and second.field_name == "overview"
    assert ids(rest.answers) == [i for i in shown if i != shown[1]]


def test_an_ordinal_past_the_answers_says_so(retriever):
    first, third = chat(retriever, "テレワークを推進する施策は？", "3番目の施策は？")
    assert len(first.answers) == 1 and first.related  # one answer, related cards below it
    assert third.kind == "none" and not third.answers and "1 件" in third.direct and "3 番目" in third.direct


def test_among_them_means_the_answers_and_says_what_was_taken(retriever):
    first, among = chat(retriever, "テレワークを推進する施策は？", "その中で総務省が担当しているのは？")
    assert ids(among.answers) == ["04-03"]  # not the related cards (children's programming, optical fibre …)
    assert among.kind == "cards"  # which of them 総務省 handles: cards, not the field 「担当」
    assert "04-03" in among.notes[0] and "関連" in among.notes[0]


def test_a_shown_card_is_picked_by_its_description(retriever):
    listed, picked = chat(retriever, "遠隔医療の施策を全部教えて", "8K映像のほうのKPIは？")
    assert "03-15" in ids(listed.answers) and len(listed.answers) > 1
    assert ids(picked.answers) == ["03-15"] and picked.field_name == "kpi"


def test_others_of_a_ministry_are_its_cards_not_yet_given(retriever, cards):
    first, more = chat(retriever, "児童生徒1人1台端末の整備の施策は？", "ほかに文部科学省が主担当のものは？")
    assert "03-01" in ids(first.answers)
    led = {c.id for c in cards if "文部科学省" in c.lead_ministries}
    assert set(ids(more.answers)) == led - set(ids(first.answers))


def test_a_change_of_subject_starts_fresh(retriever):
    _, switched = chat(retriever, "ドローンの施策は？", "それとは別に、遠隔医療って何の施策？")
    assert "03-14" in ids(switched.answers) and "04-02" not in ids(switched.answers) and not switched.notes
    _, own = chat(retriever, "ドローンの施策は？", "話変わるけど、電子インボイスの担当は？")
    assert ids(own.answers) == ["04-01"] and own.field_name == "ministries"


def test_the_chat_counts_what_the_search_counts(retriever):
    for q in ("KPIが空欄の施策は？", "KPIが未設定の施策は？", "国土交通省が主担当の施策は？"):
        assert set(ids(ask(retriever, q).answers)) == set(ids(retriever.search(q).answers)), q
    # 空欄 is a blank cell; 未設定 is the word the cells write (a blank cell writes nothing); 「決まってない」 asks for both
    assert set(ids(ask(retriever, "KPIが空欄の施策は？").answers)) == {"05-35", "05-36"}
    assert set(ids(ask(retriever, "KPIが未設定の施策は？").answers)) == {"02-05", "02-10", "04-01"}
    assert set(ids(ask(retriever, "KPIがまだ決まってない施策は？").answers)) == {"02-05", "02-10", "04-01", "05-35", "05-36"}
    assert set(ids(ask(retriever, "効果のKPIが未設定の施策は？").answers)) == {"02-05", "02-10", "04-01"}


def test_two_topics_in_one_question_are_both_answered(retriever):
    a = ask(retriever, "テレワークの施策とドローンの施策のKPIを比較して")
    assert a.kind == "table" and {"04-03", "04-02"} <= {r[0] for r in a.table[1:]}


def test_the_plain_text_keeps_the_measure_numbers_and_no_markup(retriever):
    first, _ = chat(retriever, "テレワークを推進する施策は？", "その中で総務省が担当しているのは？")
    text = answer_text(first)
    assert "[04-03]" in text and "<" not in text
    _, who = chat(retriever, "被災者支援に関する施策を全部教えて", "それぞれの担当は？")
    assert "| 施策番号 |" in answer_text(who) and "| 03-" in answer_text(who)


def test_lists_by_the_cells_of_the_table_are_complete(retriever, cards):
    def answered(q):
        return set(ids(ask(retriever, q).answers))

    blank = {c.id for c in cards if not c.kpi_progress.strip() or not c.kpi_effect.strip()}
    effect_unset = {c.id for c in cards if "未設定" in c.kpi_effect}
    assert answered("KPIが空欄で何も書かれていない施策") == blank
    assert answered("効果のKPIが未設定になっている施策を全部") == effect_unset
    assert answered("進捗KPIはあるのに効果KPIが未設定の施策") == {
        c.id for c in cards if "未設定" in c.kpi_effect and c.kpi_progress.strip() and "未設定" not in c.kpi_progress}
    no_marks = {c.id for c in cards if not c.marks and not c.unresolved_marks}
    assert answered("条や手引の欄に印が一つも付いていない施策") == no_marks
    # no column asked: every mark read, placed or not (the marks policy)
    circle_only = {c.id for c in cards if (c.marks or c.unresolved_marks)
                   and all("◎" not in m.symbol for m in (*c.marks, *c.unresolved_marks))}
    assert answered("条・手引の欄に○だけが付いていて◎がない施策") == circle_only
    # the placed marks (06-02's row drifts: read either way it marks 都道府県, but the table does not place it)
    prefecture = {c.id for c in cards if any(m.column == "都道府県" for m in c.marks)}
    assert answered("都道府県の手引に該当する施策") == prefecture == {"07-02"}
    # a ministry's whole list, however it is asked for
    led = {c.id for c in cards if "総務省" in c.lead_ministries}
    assert answered("総務省が主担当の施策を漏れなく") == led == answered("総務省が主担当の施策ってどんなのがある？")


def test_the_same_ministry_means_the_lead_of_the_card_just_answered(retriever, cards):
    first, same = chat(retriever, "8Kの映像を使った手術の施策ってある？", "同じ省庁のほかの施策は？")
    assert ids(first.answers) == ["03-15"]  # ◎総務省
    assert set(ids(same.answers)) == {c.id for c in cards if "総務省" in c.lead_ministries} - {"03-15"}
    assert "総務省" in same.notes[-1]


def test_a_follow_up_field_is_read_from_the_card_not_searched(retriever):
    _, whom, why, progress = chat(retriever, "自治体職員向けのサイバー攻撃対応の訓練ってある？", "対象は？", "なぜ？",
                                  "どこまで進んでる？")
    assert [ids(a.answers) for a in (whom, why, progress)] == [["06-03"]] * 3
    assert whom.field_name == why.field_name == "overview" and progress.field_name == "kpi_progress"


def test_a_second_description_of_the_same_list_picks_another_card(retriever):
    # 「地域のほう」 then 「学校のほう」: the two descriptions set the cards against each other, so the second is the other
    # card even where the word also occurs in the first one's text (the ICT club works with schools)
    listed, local, school, again = chat(retriever, "プログラミング教育の施策は？", "地域のほうの担当は？",
                                        "学校のほうのKPIは？", "地域のほうの概要は？")
    assert set(ids(listed.answers)) == {"06-09", "07-09"}
    assert ids(local.answers) == ["07-09"]
    assert ids(school.answers) == ["06-09"] and school.field_name == "kpi"
    assert ids(again.answers) == ["07-09"]  # named again by its own words: picked again


def test_lists_by_the_cells_asked_in_other_words_are_exact_and_the_same_in_chat_and_search(retriever, cards):
    """A list by the table's cells is an exact filter on them, however it is worded, and the chat counts the set the
    search counts (one answer path), also when the question names a field (目標, 印) as well."""
    def symbols(c):
        return [m.symbol for m in (*c.marks, *c.unresolved_marks)]

    def involved_not_lead(name):
        return {c.id for c in cards if any(m.name == name and not m.lead for m in c.ministries)}

    effect_unset = {c.id for c in cards if "未設定" in c.kpi_effect}
    exact = {
        # 「決まっていない」 asks whether there is a KPI at all: a blank 効果 cell has none either (as 「両方決まってない」)
        "効果KPIが決まっていない施策を教えて": effect_unset | {c.id for c in cards if not c.kpi_effect.strip()},
        "効果KPIだけ決まっていない施策": {i for i in effect_unset
                                           if "未設定" not in (c := next(x for x in cards if x.id == i)).kpi_progress
                                           and c.kpi_progress.strip()},
        "KPIが両方とも未設定の施策": {c.id for c in cards if "未設定" in c.kpi_progress and "未設定" in c.kpi_effect},
        "KPIが何も書かれていない施策はどれ？": {c.id for c in cards if not c.kpi_progress.strip() or not c.kpi_effect.strip()},
        "Which measures have blank KPIs?": {c.id for c in cards if not c.kpi_progress.strip() or not c.kpi_effect.strip()},
        "条や手引の欄に◎が付いている施策": {c.id for c in cards if any("◎" in s for s in symbols(c))},
        "条・手引に◎が付いていない施策": {c.id for c in cards if not any("◎" in s for s in symbols(c))},
        "条や手引の欄に何か印が付いている施策": {c.id for c in cards if symbols(c)},
        "財務省が関係府省庁として入っている施策": {c.id for c in cards if any(m.name == "財務省" for m in c.ministries)},
        "経済産業省が主担当にはなっていないが関係している施策": involved_not_lead("経済産業省"),
        "Measures where the Ministry of Finance is involved but does not lead": involved_not_lead("財務省"),
    }
    assert all(exact.values()), "each rule holds for some card of the bundled table"
    for q, want in exact.items():
        assert set(ids(ask(retriever, q).answers)) == want, q
        assert set(ids(retriever.search(q).answers)) == want, q
    # 工程表 years: 「目標」 names a field too, and the chat still counts what the search counts
    for q in ("2025年度までの目標がある施策", "令和5年度末までに完了予定の施策", "令和7年度までに達成を目指す施策は？"):
        chat_ids = set(ids(ask(retriever, q).answers))
        assert chat_ids and chat_ids == set(ids(retriever.search(q).answers)), q


def test_a_topic_list_counts_every_card_of_the_topic_not_only_the_surest(retriever, cards):
    """The list model (eval/fit_list_confidence.py) counts a list's later cards by what they share with its first:
    all three cards whose text is about 港湾 (before it, 03-44's AIターミナル was left out at card confidence < 0.3),
    and every card about 被災者, in the chat and the search alike."""
    harbour = {c.id for c in cards if "港湾" in c.name + c.overview}
    assert len(harbour) == 3
    assert set(ids(ask(retriever, "港湾に関する施策を一覧で").answers)) == harbour
    assert set(ids(retriever.search("港湾に関する施策を一覧で").answers)) == harbour
    victims = {c.id for c in cards if "被災者" in c.name + c.overview}
    assert victims <= set(ids(ask(retriever, "被災者を支援する施策を全部").answers))


def test_a_restriction_of_a_topic_list_by_topic_also_asks_the_cards_it_nearly_counted(retriever, cards):
    """A topic list misses some of its cards (the list model counts from 0.55); those it rated from 0.15 are shown
    right below it, and 「その中で…」 by words of a topic asks them too, saying so: 03-14 (shown below a list on
    medicine and care) is the card that says 診療報酬. A restriction by ministry (「その中で厚生労働省が主担当のは？」)
    says nothing of whether such a card is on the list's topic, and stays within the list. (Asked for every measure,
    「…を全部」, the list counts such cards itself: its chapter's cards count from list_every_threshold; so does one
    that enumerates its items, 「医療や介護の施策」 or 「医療・介護の施策」, each item's list counting 03-14:
    Retriever._items_union; 「医療と介護」 may name what both are, and is read whole.)"""
    listed, by_words = chat(retriever, "医療と介護の施策はどれ？", "その中で診療報酬が出てくるのは？")
    near = listed.conversation.last.near
    assert near and not set(near) & set(ids(listed.answers)) and set(near) <= set(ids(listed.related))
    assert ids(by_words.answers) == ["03-14"] and "03-14" in near
    _, by_ministry = chat(retriever, "医療と介護の施策はどれ？", "その中で厚生労働省が主担当のは？")
    mhlw = {c.id for c in cards if "厚生労働省" in c.lead_ministries}
    assert set(ids(by_ministry.answers)) == mhlw & set(ids(listed.answers))


def test_a_question_with_no_word_to_search_says_why_in_the_chat(retriever):
    """The chat says what the batch report says: a formula, a bare URL or digits alone have nothing to search."""
    for question, why in (("=1+2", "数式"), ("https://example.com/foo", "URL"), ("12345", "数字と記号だけ")):
        (answer,) = chat(retriever, question)
        assert not answer.answers
        assert why in answer_text(answer), question
    (card,) = chat(retriever, "04-03")
    assert ids(card.answers) == ["04-03"]  # a 施策番号 is digits and symbols too, and still answers
    (marks,) = chat(retriever, "！？。")
    assert "読み取れませんでした" in answer_text(marks)  # punctuation alone never reaches the search
