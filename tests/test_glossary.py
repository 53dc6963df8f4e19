"""The query-side glossary: a question's English and everyday words bring the table's own terms to the lexical side."""

from dataclasses import replace

import pytest

from index.retrieve.glossary import entries, in_table_words, parse, specific_entries, table_terms, topic_kin
from index.text import normalize
from tests.test_conversation_cases import T, assert_followed


def test_everyday_japanese_brings_the_tables_term():
    assert "遺失届" in table_terms("財布のなくし物をしたら、どこに届ければいい？").split()
    assert "高齢者" in table_terms("お年寄りでも使いやすいサービスはある？").split()
    assert "超高速ブロードバンド" in table_terms("うちの地域は光回線がまだ来ていない").split()
    assert "港湾" in table_terms("港の手続きを紙からデジタルへ").split()


def test_english_words_bring_the_tables_term():
    assert table_terms("Which measures promote telemedicine?").split() == ["遠隔診療", "オンライン診療"]
    assert "セキュリティ人材" in table_terms("How does the plan train cybersecurity professionals?").split()
    # plurals and capitals read as the singular, lower-case entry
    assert "ドローン" in table_terms("Rules for Drones").split()


def test_a_ministrys_english_name_is_no_topic():
    # "Labour" and "Forestry" inside the names say nothing about labour or forests
    assert table_terms("Which measures does the Ministry of Health, Labour and Welfare lead?") == ""
    assert table_terms("List what the Ministry of Agriculture, Forestry and Fisheries leads") == ""


def test_terms_the_question_already_holds_are_not_repeated():
    assert "テレワーク" not in table_terms("テレワークと在宅勤務の違いは？").split()
    assert table_terms("テレワークの普及") == ""


def test_a_key_is_read_as_a_whole_word_only():
    assert "携帯電話" in table_terms("スマホの電波が弱い").split()
    assert table_terms("ウェブサイトのアクセス解析") == table_terms("ウェブサイト")  # サイト inside ウェブサイト is not a second key
    assert table_terms("空港の免税店") == ""  # 港 alone is not read inside 空港


def test_a_question_with_no_known_word_gets_nothing():
    assert table_terms("今日の天気はどうですか") == ""
    assert table_terms("") == ""


def test_every_table_term_is_written_as_the_table_writes_it(cards):
    """An entry whose term the table never holds could not meet any card: each term is found in some card's text."""
    text = [normalize(" ".join((c.name, c.overview, " ".join(c.bullets), c.kpi_progress, c.kpi_effect)))
            for c in cards.cards]
    missing = [(e.row, t) for e in entries() for t in e.terms if not any(normalize(t) in x for x in text)]
    assert missing == []


def test_each_entry_has_other_words_than_its_terms():
    for e in entries():
        assert e.english or e.everyday, e.row
        assert not {normalize(t) for t in e.terms} & set(e.everyday), e.row


def test_a_malformed_row_is_one_error_naming_file_and_row():
    with pytest.raises(ValueError, match=r"glossary.tsv, row 3: expected 3 tab-separated fields"):
        parse("# header\n港湾\tport\t港の\n港湾 port 港の\n")


def test_a_glossary_read_from_text_is_used_as_given():
    mine = parse("遺失物\tlost item\t落とし物\n")
    assert table_terms("落とし物をした", mine) == "遺失物"
    assert table_terms("お年寄り", mine) == ""


def test_the_glossary_finds_the_card_a_paraphrase_describes(retriever):
    """財布のなくし物 is what 02-05 calls 遺失物 (遺失届等の提出): on the question's own words the card is not among the
    first five; with the glossary's terms it is the first, and its lexical score is the highest."""
    question = "財布のなくし物をしたとき、窓口に行かずに届けを出せる仕組みは？"
    base = retriever.params
    try:
        retriever.params = replace(base, glossary_weight=0.0, glossary_specific_cards=0)
        without = retriever.search(question, top_k=5, abstain=False).results
    finally:
        retriever.params = base
    found = retriever.search(question, top_k=5, abstain=False).results
    assert "02-05" not in [h.card.id for h in without]
    assert found[0].card.id == "02-05"
    assert found[0].lexical == max(h.lexical for h in found)


def _specific(cards, most=2):
    return specific_entries([c.name + "。" + c.overview for c in cards.cards], most)


def test_a_question_is_put_in_the_tables_words(cards):
    specific = _specific(cards)
    assert in_table_words("ネット回線関係の施策は？", specific) == "超高速ブロードバンド・光ファイバ関係の施策は?"
    assert in_table_words("学校の先生を手伝う施策", specific) == "学校の教員・教師を手伝う施策"
    # a term the question already holds is not said twice
    assert in_table_words("光ファイバとネット回線", specific) == "光ファイバと超高速ブロードバンド"


def test_only_words_for_one_thing_of_the_table_are_put_in_its_words(cards):
    """自治体 is the table's 地方公共団体, but a word a dozen cards use says nothing of which card is meant: the
    question keeps its own word. 遠隔医療 is the table's own wording (03-09, 03-14) and is kept too."""
    specific = _specific(cards)
    assert in_table_words("自治体の窓口を減らす施策", specific) == "自治体の窓口を減らす施策"
    assert in_table_words("遠隔医療の施策", specific) == "遠隔医療の施策"
    # with a wider cut the common word is put in the table's words as well
    assert in_table_words("自治体の窓口を減らす施策", _specific(cards, 20)) == "地方公共団体・市町村の窓口を減らす施策"


@pytest.mark.parametrize("question", ["ネット回線関係の施策は？", "インターネット回線を整備する施策は？"])
def test_a_question_in_everyday_words_is_answered_not_refused(retriever, question):
    """ネット回線 is what the table calls 超高速ブロードバンド (07-04) and 光ファイバ (07-01). Read in its own words the
    question looked like one the table does not answer (「該当する施策は見つかりませんでした」, both cards only as
    参考); put in the table's words it is answered by those two cards, first."""
    res = retriever.search(question)
    assert not res.abstained
    assert {h.card.id for h in res.results[:2]} == {"07-01", "07-04"}
    assert res.answers[0].card.id in ("07-01", "07-04")


def test_without_the_tables_words_the_question_was_refused(retriever):
    """What the glossary's specific terms changed: read in its own words only, 「インターネット回線を整備する施策は？」 is
    refused. (「ネット回線関係の施策は？」 is now read as a list of a kind of measure, whose topic words find both cards
    without them.)"""
    base = retriever.params
    try:
        retriever.params = replace(base, glossary_specific_cards=0)
        assert retriever.search("インターネット回線を整備する施策は？").abstained
    finally:
        retriever.params = base


def test_a_list_in_everyday_words_lists_the_cards_of_the_tables_words(retriever):
    res = retriever.search("ネット回線の整備に関する施策を全部")
    assert {"07-01", "07-04"} <= {h.card.id for h in res.answers}
    assert not {"07-05", "07-06"} & {h.card.id for h in res.answers}  # accessibility is no network


def test_a_question_the_table_does_not_answer_stays_refused_in_its_words(retriever):
    """鉄道 is one card's word (07-03: mobile coverage in railway tunnels); fares are in no card."""
    assert retriever.search("電車の運賃を値下げする施策は？").abstained


def test_the_chat_answers_a_question_in_everyday_words_and_follows_it(retriever):
    assert_followed(retriever, [
        T("ネット回線関係の施策は？", ("07-01", "07-04"), "光ファイバ"),
        T("主担当は？", ("07-01", "07-04"), "総務省", "内閣府"),
    ])


def test_a_phrase_inside_a_longer_one_brings_only_the_longer_ones_term():
    # "health data" alone would be any card about 医療; inside "de-identified health data" it names one program
    assert table_terms("Who runs the de-identified health data programme?") == "匿名加工医療情報"
    # a word of its own beside the phrase still counts: "hospital" is 医療機関
    assert "医療機関" in table_terms("Which hospital can use the anonymised medical data?").split()


def test_a_one_word_ministry_name_is_no_topic():
    # "police" names the ministry the question is filtered by (警察庁); its cards all say 警察, so as a topic word it
    # would count every one of them
    assert "警察" not in table_terms("What is the police doing about license renewal online?").split()
    assert table_terms("Does METI have anything on this?") == ""


def test_an_english_phrase_is_put_in_the_tables_words_only_when_asked(cards):
    one_card = _specific(cards, 1)
    question = "what is the progress kpi of the anonymised medical data work?"
    assert "匿名加工医療情報" in in_table_words(question, _specific(cards), one_card)
    assert in_table_words(question, _specific(cards)) == question  # Japanese everyday words only
    # a single English word is left as it is: "fiber" is a word of more than one card's topic
    assert in_table_words("who lays the fiber?", (), _specific(cards, 20)) == "who lays the fiber?"


def test_an_english_question_about_one_card_reads_its_name_but_a_list_does_not(retriever):
    one = retriever._understand("Who leads the anonymised medical data effort?")
    assert "匿名加工医療情報" in one.text and one.intent.english
    listed = retriever._understand("Which measures deal with anonymised medical data? List them all.")
    assert listed.intent.is_list and "匿名加工医療情報" not in listed.text


def test_english_for_the_distinctive_words_of_a_card_brings_them():
    # 07-10: スタートアップ前の優れたアイデア…破壊的ICTイノベーションへの挑戦
    assert "破壊的" in table_terms("Is anyone funding disruptive technology from individuals?").split()
    # 07-02: 5G基地局整備が遅れるエリア, 不感エリアの解消
    assert "基地局" in table_terms("Who pays for 5G masts in the countryside?").split()
    assert "不感" in table_terms("places with no reception").split()
    # 07-08: スマートフォンなどの情報通信機器を利用していない高齢者; 03-10: 薬剤情報や特定健診等情報
    assert "スマートフォン" in table_terms("seniors and their smartphones").split()
    assert "薬剤情報" in table_terms("Can a pharmacy see my prescription history?").split()


@pytest.mark.parametrize("question, card", [
    ("Which measure supports disruptive ICT innovation by individuals?", "07-10"),
    ("Are 5G base stations being built in areas with no signal?", "07-02"),
    ("Is there help for seniors who struggle with their smartphone?", "07-08"),
    ("Can doctors check my prescription history at another clinic?", "03-10"),
])
def test_an_english_question_in_a_cards_own_terms_finds_that_card(retriever, question, card):
    res = retriever.search(question)
    assert not res.abstained and res.results[0].card.id == card


def test_the_usual_english_for_a_cards_key_nouns_brings_them():
    # 06-08 / 06-10 / 06-11: 人材育成 — a reader says talent, human resources, specialists, and trains them
    for q in ("Which programmes develop AI talent?", "human resources for data analysis",
              "Who trains data specialists?"):
        terms = table_terms(q).split()
        assert "人材" in terms and "育成" in terms, q
    # 06-10: 博士人材; 03-19: 被災者台帳; 07-03: 鉄道トンネル
    assert "博士" in table_terms("support for PhD holders").split()
    assert {"被災者", "台帳"} <= set(table_terms("a register of disaster survivors").split())
    assert {"鉄道", "トンネル"} <= set(table_terms("mobile signal in rail tunnels").split())
    # 07-01 / 07-04: 光ファイバ, 離島; British and American spellings alike
    for q in ("fibre-optic lines for outlying islands", "fiber optic networks on remote islands"):
        assert {"光ファイバ", "離島"} <= set(table_terms(q).split()), q


def test_a_narrower_english_phrase_keeps_the_broader_words_term():
    # "vaccination record" is 予防接種記録 and still 予防接種; "train tunnel" is no training (人材育成)
    assert {"予防接種記録", "予防接種"} <= set(table_terms("digital vaccination records").split())
    assert "人材育成" not in table_terms("mobile coverage in train tunnels").split()


def test_a_table_term_written_in_latin_letters_is_no_english_word():
    # 「AI」 in a Japanese question is the table's own word, not the English for データサイエンス (03-44 AIターミナル)
    assert "データサイエンス" not in table_terms("港のコンテナターミナルをAIで効率化する話").split()


def test_a_topic_brings_the_tables_other_words_for_it():
    # general usage: a disaster's measures include its victims', a map is geospatial information
    assert topic_kin("防災の施策を一覧で") == "被災者"
    assert topic_kin("地図関連の施策を全部").split() == ["地理空間情報", "G空間", "筆ポリゴン"]
    assert topic_kin("被災者と災害の施策") == ""  # what the question says already counts
    assert topic_kin("教育の施策を全部") == ""
    # a measure for people with a disability is one of accessibility, however the disability is said
    assert topic_kin("障害者向けの施策") == topic_kin("障害のある人の施策") == "アクセシビリティ"


def test_a_topic_list_counts_the_cards_that_say_its_topic_in_other_words(retriever):
    # 03-19 and 03-20 help 被災者 and never say 防災; 05-33 is G空間 / 地理空間情報 and never says 地図
    def listed(question, kin):
        retriever.params = replace(base, list_topic_kin=kin)
        return {h.card.id for h in retriever.search(question).results if not h.related}

    base = retriever.params
    try:
        assert {"03-19", "03-20"} <= listed("防災の施策を一覧で", True)
        assert not {"03-19", "03-20"} & listed("防災の施策を一覧で", False)
        assert "05-33" in listed("地図関連の施策を全部", True)
        assert "05-33" not in listed("地図関連の施策を全部", False)
    finally:
        retriever.params = base


def test_a_one_card_question_is_not_pulled_to_the_other_words(retriever):
    # the other words are read for a topic list only: 「罹災証明をオンラインで出せる？」 is still 03-18's, and a
    # question about 防災 is not moved to a 被災者 card
    for question in ("防災の情報をまとめて共有する仕組みは？", "罹災証明をオンラインで出せる？"):
        base = retriever.params
        try:
            retriever.params = replace(base, list_topic_kin=False)
            off = [h.card.id for h in retriever.search(question).results[:3]]
            retriever.params = replace(base, list_topic_kin=True)
            assert [h.card.id for h in retriever.search(question).results[:3]] == off
        finally:
            retriever.params = base


def test_a_piece_of_the_topics_compound_on_another_compound_is_not_the_topic(retriever):
    # 自動運転 is driving done automatically; 02-05 uses 運転 only in 運転免許 (a driving licence), another subject
    question = "自動運転の施策を一覧で"
    q = retriever._understand(question)
    licence, robot_car = [retriever.cards.index(next(c for c in retriever.cards if c.id == i)) for i in ("02-05", "02-07")]
    assert retriever._pieces(q, [licence, robot_car]) == [{"運転"}, set()]
    # データ: 27 cards (the list 「健康データ関係の施策を全部」 is read in the table's words, データヘルス・健康寿命, since
    # list_glossary_specific_cards; its pieces are read with the single questions' bound here)
    with_two = replace(retriever.params, list_glossary_specific_cards=2)
    base, retriever.params = retriever.params, with_two
    try:
        assert retriever._pieces(retriever._understand("健康データ関係の施策を全部"), [licence]) == [set()]
    finally:
        retriever.params = base
    base = retriever.params
    try:
        listed = {h.card.id for h in retriever.search(question).results if not h.related}
        assert {"02-07", "02-08"} <= listed and "02-05" not in listed
        retriever.params = replace(base, list_compound_heads=False)
        assert "02-05" in {h.card.id for h in retriever.search(question).results if not h.related}
    finally:
        retriever.params = base
