"""Lists by ministry, asked the way people write them: 「主担当でなくても」 (every card it is in, the lead ones too),
"appears in the ministry column", and names typed in kana on a phone (「もんかしょう」, 「こっこうしょうのしさく」)."""

from index.assist import answer_text, ask
from index.retrieve.understand import understand


def ids(hits):
    return sorted(h.card.id for h in hits)


def involved(cards, ministry: str) -> list[str]:
    return sorted(c.id for c in cards if any(m.name == ministry for m in c.ministries))


def leads(cards, ministry: str) -> list[str]:
    return sorted(c.id for c in cards if any(m.name == ministry and m.lead for m in c.ministries))


def test_even_if_it_does_not_lead_asks_for_every_card_it_is_in(retriever, cards):
    """「主担当でなくても」, 「主担当じゃないのも入れて」 widen the set to the non-lead cards; they do not ask for those
    alone. 「主担当じゃないもの」 still does."""
    lex = retriever.lexicon
    for q in ("農林水産省が関係する施策（主担当でなくても）を全部", "文部科学省が関与する施策をすべて(主担当でないものも含めて)",
              "経産省が主担当じゃないのも入れて全部"):
        intent = understand(q, lex)
        assert intent.ministries and not intent.not_lead and not intent.lead, q
    assert understand("厚労省が関わるけど主担当じゃないもの", lex).not_lead
    q = "農林水産省が関係する施策（主担当でなくても）を全部"
    want = involved(cards, "農林水産省")
    assert set(leads(cards, "農林水産省")) < set(want)  # (lead and non-lead cards both)
    assert ids(retriever.search(q).answers) == want
    assert ids(ask(retriever, q).answers) == want


def test_where_a_ministry_appears_in_the_ministry_column_is_every_card_it_is_in(retriever, cards):
    q = "List every measure where the Ministry of Agriculture (農林水産省) appears in the ministry column."
    assert ids(retriever.search(q).answers) == involved(cards, "農林水産省")


def test_a_ministry_typed_in_kana_is_read_as_the_ministry(retriever, cards):
    """Typed unconverted on a phone: the hiragana reading of a ministry's full or short name names it, and
    しさく is 施策 (not 伸す + 柵, a topic)."""
    want = leads(cards, "文部科学省")
    for q in ("もんかしょうが主担当のやつ全部", "もんかしょうが主担当のしさく全部おしえて"):
        assert ids(retriever.search(q).answers) == want, q
        assert ids(ask(retriever, q).answers) == want, q
    q = retriever.understanding.run("けいさんしょうがしゅたんとうのしさく")
    assert q.intent.ministries == ("経済産業省",) and q.intent.lead
    assert retriever.understanding.run("こっこうしょうのしさく").intent.ministries == ("国土交通省",)
    # a bare short form in kana is an everyday word, not a name
    assert not understand("けいさつに届ける手続き", retriever.lexicon).ministries


def test_a_kana_name_inside_a_longer_kana_word_is_no_name(retriever):
    """しょうひしゃちょうさ is 消費者調査 (not 消費者庁 + さ), しさくひん is 試作品 (not 施策 + ひん)."""
    spell = retriever.understanding.spell_names
    assert spell("しょうひしゃちょうさのけっか") == "しょうひしゃちょうさのけっか"
    assert spell("しさくひんをつくる") == "しさくひんをつくる"
    assert spell("しょうひしゃちょうのしさく") == "消費者庁の施策"
    assert not understand("しょうひしゃちょうさのけっか", retriever.lexicon).ministries
    assert not understand("じゃないかくふうして", retriever.lexicon).ministries


def test_a_ministry_typed_in_kana_in_a_follow_up_asks_about_the_card_just_answered(retriever):
    """「主担当はこうろうしょう？」 after one card is the yes-or-no 「主担当は厚労省？」, not a list of 厚労省's cards."""
    first = ask(retriever, "難病の医療費助成の申請、ネットでできるようになるって聞いたけど")
    assert ids(first.answers) == ["03-08"]
    then = ask(retriever, "主担当はこうろうしょう？", first.conversation)
    assert ids(then.answers) == ["03-08"] and "厚生労働省" in then.direct


def test_a_circle_in_the_article_and_guide_columns_lists_the_cards_with_a_circle(retriever, cards):
    """「条・手引の欄に○（連携）の印がある」: a ○ in some 条・手引 column, a ◎ beside it or not (not every marked card,
    and not only the cards whose marks are all ○)."""
    want = sorted(c.id for c in cards if any("○" in m.symbol for m in list(c.marks) + list(c.unresolved_marks)))
    for q in ("条・手引の欄に○（連携）の印がある施策を全部", "条や手引の欄に○の印が付いてる施策を全部"):
        assert understand(q, retriever.lexicon).marks_rule == "circle", q
        assert ids(retriever.search(q).answers) == want, q
        assert ids(ask(retriever, q).answers) == want, q
    assert understand("条・手引に○だけ付いている施策", retriever.lexicon).marks_rule != "circle"
    assert understand("条や手引に◎の印がある施策", retriever.lexicon).marks_rule == "double"


def test_only_a_supporting_ministry_asks_for_the_cards_it_does_not_lead(retriever, cards):
    """"Of those, where is MHLW only a supporting ministry?" after MHLW's whole list: the cards it is in without the ◎."""
    first = ask(retriever, "Which measures involve the Ministry of Health, Labour and Welfare at all, lead or not?")
    assert ids(first.answers) == involved(cards, "厚生労働省")
    then = ask(retriever, "Of those, where is MHLW only a supporting ministry?", first.conversation)
    assert ids(then.answers) == sorted(set(involved(cards, "厚生労働省")) - set(leads(cards, "厚生労働省")))
    assert understand("Which measures is MHLW just a partner agency in?", retriever.lexicon).not_lead


def test_a_ministry_typed_half_in_kana_is_read_as_the_ministry(retriever, cards):
    """Half converted: the name in kanji and its last sound in kana (「国土交通しょう」, 「経産しょう」, 「内閣ふ」), or the
    sounds first and the kanji the IME got right (「こくどこうつう省」), name the ministry as its full name does."""
    for q, ministry in (("国土交通しょうが主担当の施策をすべて", "国土交通省"), ("こくどこうつう省が主担当の施策を全部", "国土交通省"),
                        ("経産しょうが主担当の施策は？", "経済産業省"), ("内閣ふが主担当のものを一覧で", "内閣府")):
        assert retriever.understanding.run(q).intent.ministries == (ministry,), q
        assert ids(ask(retriever, q).answers) == leads(cards, ministry), q
    # … only where the name ends: 「総務しょうがい」 is no ministry's name run on, and a kana word is left alone
    assert retriever.understanding.run("しょうがいのある人向けの施策").intent.ministries == ()


def test_who_is_asking_does_not_change_a_ministrys_list(retriever, cards):
    """A writer who says who they are first (「…の者です。」, 「…です。」, 「…をしています。」) asks what the question
    after it asks: the ministry's whole list, not the cards nearest their job."""
    want = leads(cards, "警察庁")
    for q in ("警察庁が主担当の施策を全部ください", "県議会の事務局の者です。警察庁が主担当の施策を全部ください",
              "ローカル局で記者をしています。警察庁が主担当の施策を全部ください", "交通安全協会の職員です。警察庁が主担当の施策を全部ください"):
        assert ids(ask(retriever, q).answers) == want, q


def test_an_introduction_is_kept_where_the_question_leans_on_it(retriever):
    """Past the introduction only when what follows asks on its own: 「…を教えるNPOです。関係しそうな施策は？」 asks about
    the NPO's work, and 「…を調べています」 or 「…なんです」 say the matter, not who asks."""
    run = retriever.understanding.run
    assert run("高校の教員です。GIGAスクールの端末の施策は？").text == "GIGAスクールの端末の施策は？"
    for q in ("子どもにプログラミングを教えるNPOです。関係しそうな施策は？", "大学でデータサイエンスを学べるか調べています。国の認定制度はありますか",
              "役所のサイトが読み上げソフトで使いにくいんです。改善する施策はありますか"):
        assert run(q).text == q, q
    assert run("高校の教員です。GIGAスクールの端末の施策は？").original == "高校の教員です。GIGAスクールの端末の施策は？"


def test_words_for_the_order_or_the_layout_ask_for_no_topic(retriever, cards):
    """「施策番号順で」, 「表で」, 「箇条書きで」, 「番号の若い順に並べて」 say how to lay the answer out: the list is the
    ministry's whole list, as without them."""
    want = leads(cards, "内閣府")
    for q in ("内閣府が主担当の施策の一覧を施策番号順で", "内閣府が主担当の施策を表で", "内閣府が主担当の施策を箇条書きで",
              "内閣府が主担当の施策を番号の若い順に並べてください"):
        assert ids(ask(retriever, q).answers) == want, q
    # the order is no field asked: the answer is the list, not a table of 施策番号
    a = ask(retriever, "内閣府が主担当になっている施策の一覧を施策番号順でください")
    assert not a.field_name and a.direct.startswith(f"該当する施策は {len(want)} 件です")


def test_a_double_circle_at_a_ministrys_name_says_it_leads(retriever, cards):
    """「内閣官房にも◎がついている」, 「総務省が◎の」: the ◎ of 府省庁名 at that name, i.e. it leads; 「◎がついていない」
    is the cards it takes part in without leading."""
    assert ids(ask(retriever, "内閣官房に◎がついている施策を全部").answers) == leads(cards, "内閣官房")
    not_leading = sorted(set(involved(cards, "内閣官房")) - set(leads(cards, "内閣官房")))
    assert ids(ask(retriever, "内閣官房に◎がついていない施策を全部").answers) == not_leading
    # after a list, among its cards
    first = ask(retriever, "内閣府が主担当の施策を全部")
    both = sorted(set(leads(cards, "内閣府")) & set(leads(cards, "内閣官房")))
    assert ids(ask(retriever, "そのうち内閣官房にも◎がついているものは？", first.conversation).answers) == both


def test_a_ministry_said_to_lead_at_the_end_of_the_question_lists_its_cards(retriever, cards):
    """「文部科学省が主担当」, 「内閣府主担当」 (no 施策, no は？): the ministry said to lead asks for its cards, not for the
    ministry field of every card it is in. 「02-08の担当」 and 「何省が担当？」 still ask the field."""
    for q, ministry in (("文部科学省が主担当", "文部科学省"), ("内閣府主担当", "内閣府"), ("農林水産省が主担当", "農林水産省"),
                        ("経産省が担当", "経済産業省")):
        assert ids(ask(retriever, q).answers) == leads(cards, ministry), q
    a = ask(retriever, "02-08の担当")
    assert ids(a.answers) == ["02-08"] and a.field_name == "ministries"


def test_english_not_lead_and_overall(retriever, cards):
    """"without it being the lead", "as a participant but not as lead": involved, not leading; "overall" is the
    whole list (no topic)."""
    for q, ministry in (("Which measures involve MLIT without it being the lead ministry?", "国土交通省"),
                        ("Which measures list the Cabinet Secretariat as a participant but not as lead?", "内閣官房")):
        want = sorted(set(involved(cards, ministry)) - set(leads(cards, ministry)))
        assert ids(ask(retriever, q).answers) == want, q
    assert ids(ask(retriever, "which measures are led by 経済産業省 overall?").answers) == leads(cards, "経済産業省")


def test_a_place_in_a_ministrys_list_after_questions_about_single_cards(retriever, cards):
    """「警察庁主担当で一番最後の番号のは」 after questions about single cards: the last of the NPA's own cards in 施策番号
    order (02-09), not the card just answered; 「最後のやつは厚労省も◎でしたっけ」 asks about the list's last card."""
    from index.conversation import Conversation

    conv = Conversation()
    for q in ("02-09の効果KPIは？", "02-06の主担当は", "02-08の概要"):
        conv = ask(retriever, q, conv).conversation
    for q in ("警察庁主担当で一番最後の番号のは", "警察庁が主担当の施策で番号がいちばん最後のは", "警察庁主管のうち最後の番号の施策は"):
        assert ids(ask(retriever, q, conv).answers) == [leads(cards, "警察庁")[-1]], q
    assert ids(ask(retriever, "経産省が主担当の施策の2つ目は？").answers) == [leads(cards, "経済産業省")[1]]
    listed = ask(retriever, "被災者支援の施策を全部")
    assert ids(listed.answers)[-1] == "03-21"
    a = ask(retriever, "最後のやつは厚労省も◎でしたっけ", listed.conversation)
    assert ids(a.answers) == ["03-21"] and "厚生労働省" in answer_text(a)


def test_a_ministrys_measures_with_no_role_said_are_those_it_leads(retriever, cards):
    """「警察庁の施策を全部」, 「農水省の施策いちらん」: the ministry named as the owner of measures, its own (◎) ones, as
    the chat reads 「そのうち警察庁のもの」; where it leads none (法務省), the cards it is in; with a word for taking part,
    every card it is in."""
    assert ids(ask(retriever, "警察庁の施策を全部").answers) == leads(cards, "警察庁")
    assert ids(ask(retriever, "農水省の施策いちらん").answers) == leads(cards, "農林水産省")
    assert not leads(cards, "法務省")
    assert ids(ask(retriever, "法務省の施策").answers) == involved(cards, "法務省")
    assert ids(ask(retriever, "警察庁が関わっている施策を全部").answers) == involved(cards, "警察庁")


def test_a_topic_restricted_to_a_ministry_is_the_topics_list_of_that_ministry(retriever, cards):
    """「ITの人材育成の施策で経済産業省が主担当のやつぜんぶ」: of the topic's own list (chapter 06's cards), METI's;
    03-02 (METI's EdTech, whose KPI says 育成 of pupils) is shown below them, not counted. 「警察や道路交通」 names the
    police as part of the topic, no restriction."""
    topic = ids(ask(retriever, "ITの人材育成の施策ぜんぶ").answers)
    want = sorted(set(topic) & set(leads(cards, "経済産業省")))
    assert want == ["06-04", "06-05", "06-06"]
    a = ask(retriever, "ITの人材育成の施策で経済産業省が主担当のやつぜんぶ")
    assert ids(a.answers) == want
    assert "03-02" in ids(a.related)


def test_two_ministries_both_said_to_lead(retriever, cards):
    """「内閣府と内閣官房が両方とも主担当」: the role said after the second name is the first's too (両方とも): the cards
    where both carry the ◎ (03-21 has a third ◎ beside them)."""
    both = sorted(set(leads(cards, "内閣府")) & set(leads(cards, "内閣官房")))
    assert both == ["03-19", "03-20", "03-21"]
    assert ids(ask(retriever, "内閣府と内閣官房が両方とも主担当になってる施策").answers) == both
