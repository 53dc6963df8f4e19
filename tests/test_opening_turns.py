"""The first turn of a subject (a conversation's opening, or a turn that switches to a new subject), asked the way
fresh writers open: a sentence that recalls a measure and then asks about it (「…の施策もありましたよね。主担当は？」),
「全部の学校で」 (all of a noun, not all measures), 「…やつ」 / 「…とこ」 (no two topics joined by や / と)."""

from index.assist import Conversation, _without_remarks, ask, coordinated_topics
from index.retrieve.understand import understand


def ids(answer):
    return [h.card.id for h in answer.answers]


# ------------------------------------------------------------------------------------------------ reading only

def test_all_of_a_noun_is_no_list():
    """全部 / すべて before の says "all" of a noun: the question asks about one measure (when all schools will)."""
    assert not understand("教科書がタブレットになるって聞いたんだけど、全部の学校でいつから？", {}).is_list
    assert not understand("すべての学校に端末が行き渡るのはいつ？", {}).is_list
    # … while all measures, or 全部 said of the measures, still asks for a list
    assert understand("全部の施策を教えて", {}).is_list
    assert understand("デジタル教科書の施策を全部", {}).is_list


def test_a_sentence_that_recalls_a_measure_is_no_remark():
    """「…もありましたよね。」 names what the next sentence asks about; 「なるほどですね。」 remarks on the answer."""
    q = "予防接種の記録を電子化する施策もありましたよね。主担当の省庁はどこですか。"
    assert _without_remarks(q) == q
    assert _without_remarks("不動産に共通の番号をふる話ありましたよね。あれっていつから運用？").startswith("不動産")
    assert _without_remarks("そうなんですね。KPIは？") == "KPIは？"


def test_words_that_begin_with_ya_or_to_join_no_topics():
    """「ふるやつ」, 「つながんないとこ」: や / と begin a word there, they join no two topics."""
    assert coordinated_topics("不動産に共通IDをふるやつありましたよね。運用") == []
    assert coordinated_topics("携帯がつながらないとこの担当") == []
    assert coordinated_topics("子どもが使うやつの担当は") == []
    assert coordinated_topics("テレワークと遠隔医療の担当") == ["テレワークの施策", "遠隔医療の施策"]
    assert coordinated_topics("テレワーク、ドローンそれぞれの主担当") == ["テレワークの施策", "ドローンの施策"]


# ------------------------------------------------------------------------------------------------ the chat

def test_when_all_schools_use_digital_textbooks_is_one_measure(retriever):
    a = ask(retriever, "はいはーい、教科書がタブレットになるって聞いたんだけど、全部の学校でいつから？")
    assert ids(a) == ["03-06"]  # 学習者用デジタル教科書: 100% of schools by 令和7年度


def test_a_recalled_measure_after_a_switch_is_the_one_asked_about(retriever):
    """After talk of another card, 「別件ですが、…の施策もありましたよね。主担当は？」 asks about the card recalled."""
    c = ask(retriever, "患者さんの薬剤情報を全国の医療機関や薬局で確認できるようにする施策はありますか。").conversation
    a = ask(retriever, "別件ですが、予防接種の記録を電子化する施策もありましたよね。主担当の省庁はどこですか。", c)
    assert ids(a) == ["03-12"]
    c = ask(retriever, "登記所の情報と自治体の固定資産の台帳をつなぐような施策ってあります？").conversation
    for q in ("それとは別に、不動産に共通の番号をふる話ありましたよね。あれっていつから運用？",
              "別件なんですけど、不動産に共通IDをふるやつありましたよね。運用はいつからですか"):
        a = ask(retriever, q, c)
        assert ids(a) == ["05-34"], q
        assert "令和4年度(2022年度)" in a.direct


def test_a_recalled_measure_opens_a_conversation_too(retriever):
    a = ask(retriever, "予防接種の記録を電子化する施策もありましたよね。主担当の省庁はどこですか。", Conversation())
    assert ids(a) == ["03-12"]


# ------------------------------------------------------------------------------------------------ everyday words

def test_a_list_in_everyday_words_is_answered_as_in_the_tables(retriever):
    """「お年寄り」 is in no card; the glossary's 高齢者 is (3 cards): the list is the 高齢者 list, not no answer."""
    said = ask(retriever, "お年寄り向けの施策を全部")
    assert ids(said) == ids(ask(retriever, "高齢者向けの施策を全部")) == ["02-09", "07-06", "07-08"]


def test_the_topic_word_of_a_list_is_no_number_and_reads_the_tables_term(retriever):
    """「母さん80なんだけど、年寄り向けの…」: the topic is 年寄り (高齢者, which 02-09 視覚障害者、高齢者等の移動支援システム
    is named by), not the number 80."""
    a = ask(retriever, "うちの母さん80なんだけど、年寄り向けの施策ってなにがある？ぜんぶ教えて")
    assert "02-09" in ids(a)
    assert retriever._topic_word(retriever._understand("うちの母さん80なんだけど、年寄り向けの施策ってなにがある？")) == "高齢"


def test_a_common_everyday_word_does_not_make_a_question_answerable(retriever):
    """自治体 → 地方公共団体 is a word of 13 cards: a question about public-works bidding still has no answer."""
    assert retriever.search("国や自治体の公共工事の入札を電子化する施策はどれ？").abstained


def test_whether_what_was_heard_is_so_is_asked_of_the_thing_heard(retriever):
    """「…ってほんと？」, 「…って聞いた」: the framing asks whether it is so; the search reads what was heard."""
    from index.assist import _without_remarks

    assert _without_remarks("デジタル教科書が全部の学校で使えるようになるって本当ですか") == "デジタル教科書が全部の学校で使えるようになる"
    assert _without_remarks("マイナンバーで災害のときの手続きが簡単になるって聞いたんだけど") == "マイナンバーで災害のときの手続きが簡単になる"
    assert _without_remarks("ほんと？") == "ほんと？"  # nothing heard before it: left as typed
    a = ask(retriever, "デジタル教科書が全部の学校で使えるようになるって本当ですか")
    assert ids(a) == ["03-06"]


def test_a_measure_recalled_at_the_end_is_asked_about():
    """「…って話あったでしょ」, 「…ふる話ありましたよね」, 「…の施策ってありましたっけ？」: the recalled thing is searched."""
    from index.assist import _without_remarks

    assert _without_remarks("港でトラックが並んで待ってるのをAIでなんとかするって話あったでしょ") == \
        "港でトラックが並んで待ってるのをAIでなんとかする"
    assert _without_remarks("不動産に共通の番号をふる話ありましたよね") == "不動産に共通の番号をふる"
    assert _without_remarks("ドローンの施策ってありましたっけ？") == "ドローンの施策"


def test_a_situation_then_such_a_measure_asks_about_the_situation(retriever):
    """「うちの集落にまだ光回線が来てないんだよね。そういう施策ってある？」: そういう points at the sentence before it,
    which is no remark to drop (the measure is 07-01 条件不利地域における光ファイバ整備)."""
    from index.assist import _without_remarks

    q = "うちの集落にまだ光回線が来てないんだよね。そういう施策ってある？"
    assert _without_remarks(q) == q
    assert _without_remarks("そうなんですね。そういう施策はほかにある？") == "そういう施策はほかにある？"
    assert ids(ask(retriever, q)) == ["07-01"]


def test_an_everyday_word_typed_in_hiragana_is_respelled(retriever):
    """「けんこうしんだん」 is 健康診断 (the glossary's everyday word for 健診): the table writes 健康 and 診断, never
    together, so only the glossary's word spells it; 「やくしょ」 is 役所."""
    from index.retrieve.glossary import everyday_readings
    from index.text import respell_hiragana

    assert everyday_readings()["ケンコウシンダン"] == "健康診断"
    said = respell_hiragana("じぶんのけんこうしんだんのデータ", retriever.understanding._everyday_dictionary())
    assert "健康診断" in said
    # (a question all in kana keeps the table's own spellings: its no-answer reading was chosen on those)
    assert "ジシン" not in retriever.reading_dictionary() or retriever.reading_dictionary()["ジシン"] != "地震"
    assert ids(ask(retriever, "やくしょのほーむぺーじ、じがちっちゃくてよめないの")) == ["07-06"]


def test_a_list_of_fixed_lines_counts_the_broadband_card(retriever):
    """The table writes the fixed line both ways (07-01 光ファイバ, 07-04 沖縄県における超高速ブロードバンド…): a list
    of 光ファイバ counts the card named by its other word (glossary.TOPIC_KIN, as 地図 counts 筆ポリゴン)."""
    a = ask(retriever, "光ファイバや携帯のエリアなど通信インフラ整備の施策を全部")
    assert ids(a) == ["07-01", "07-02", "07-03", "07-04"]
