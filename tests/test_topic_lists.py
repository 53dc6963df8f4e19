"""Lists by topic, asked the way people ask for them: 「一通り知りたい」, 「全部まとめて」, 「…とか…とかの施策」,
"Which initiatives …". Each is read as a list, and its answer counts the subject's measures, not only the best one."""

import numpy as np

from index.assist import ask
from index.config import SearchParams
from index.retrieve.decide import chapter_complete, chapter_members, named_in_topic, section_run, topic_held
from index.retrieve.understand import asks_every, has_topic, list_items, list_topic_text, past_preface, understand


def reads_as_list(q: str) -> bool:
    return understand(q, {}).is_list


# ------------------------------------------------------------------------------------------------ reading only

def test_ways_of_asking_for_every_measure_of_a_subject_read_as_lists():
    assert reads_as_list("防災関係のデジタル化の施策を一通り知りたいです")
    assert reads_as_list("子育て支援の施策、ひととおり見せて")
    assert reads_as_list("港湾まわりの施策をまとめて教えてほしい")
    assert reads_as_list("通信インフラ整備の施策しりたい")
    # a subject named by its examples: 「AとかBとか」 before 施策
    assert reads_as_list("ドローンとか自動運転とか、新しい移動手段の施策は？")
    assert reads_as_list("Which initiatives are about open data?")
    assert reads_as_list("What programs support elderly people online?")
    assert reads_as_list("港に関するデジタル化の施策、何がある？")  # a comma before 何がある
    assert reads_as_list("信号とか交通管制みたいな、道路交通まわりの施策は？")  # examples, then みたいな
    assert reads_as_list("What is the government doing about digital accessibility?")
    # 一覧 in kana, and 「どのくらいある」 beside 「どれくらいある」 (how many there are): every measure of the subject
    assert reads_as_list("ドローン関係の施策いちらん") and asks_every("ドローン関係の施策いちらん")
    assert reads_as_list("感染症の施策ってどのくらいある？") and asks_every("感染症の施策ってどのくらいある？")
    assert reads_as_list("テレワークの取組はどれぐらいありますか")


def test_one_measure_asked_for_stays_one():
    assert not reads_as_list("被災した人の記録をまとめて管理する台帳のやつ教えて")  # まとめて管理する: no request
    assert not reads_as_list("橋とかトンネルの点検データ、まとめて使えばいいのに")  # no 施策 after the examples
    assert not reads_as_list("Is there a program to train security engineers?")
    assert not reads_as_list("テレワークを広める施策はありますか")
    assert not reads_as_list("テレワークの施策ってどのくらいかかる？")  # how long or how much, not how many
    assert not reads_as_list("予算はどのくらいありますか")  # how much of a card's field: no measures counted


def test_measures_named_by_their_kind_read_as_a_list():
    """「…に関する施策」, 「…向けの施策は？」, 「…関連施策」: measures named by the kind they are of, as a heading or asked
    plainly, ask for that kind's measures; a measure described by what it does, or a sentence that asks something of
    the measures (their KPI, whether there is one), stays a question about one."""
    assert reads_as_list("港湾の電子化に関する施策")
    assert reads_as_list("お年寄り向けの施策は？")
    assert reads_as_list("ドローン関連施策")
    assert reads_as_list("子育て世帯のための施策（保育を含む）")
    assert reads_as_list("災害に関係する取組")
    assert reads_as_list("子育て世帯を対象にした施策は？")  # 対象 as 向け
    assert reads_as_list("キャッシュレス関連の施策を教えてください")  # asked for plainly
    assert not reads_as_list("港湾の手続きを電子化する施策")  # what one measure does
    assert not reads_as_list("テレワークに関する施策のKPIを教えて")
    assert not reads_as_list("ドローンに関する施策はありますか")  # whether there is one
    assert not reads_as_list("健診データで保健事業をやりたいんだけど関連施策")  # 関連 after a clause: one plan's measure


def test_measures_of_several_subjects_named_side_by_side_read_as_a_list():
    """「A・Bの施策」, 「AやBを活用する施策」: the measures of several subjects, or of those that use them, said with
    nothing else; the same subjects inside a sentence that describes one measure stay one."""
    assert reads_as_list("ドローン・自動運転の施策")
    assert reads_as_list("防災や減災の取組は？")
    assert reads_as_list("マイナンバーカードやマイナポータルを使う施策")
    assert reads_as_list("光回線・携帯電話などの通信インフラの施策")  # the subject named by its examples, then said
    assert not reads_as_list("企業や学校が研修に使える共通の教材をつくる施策")
    assert not reads_as_list("テレワークの施策")  # one subject: which measure it is, as before


def test_the_list_words_leave_the_topic_whole():
    """The lookaheads consume only the list word: 「信号とか交通管制とか」 keeps 信号 and 交通管制 in the topic."""
    intent = understand("信号とか交通管制とか、道路交通の施策をまとめて知りたい", {})
    assert intent.is_list and "信号" in intent.topic and "交通管制" in intent.topic


def test_who_asks_is_not_what_the_list_is_about():
    """A first sentence that says who asks (a noun, then です) is left out of the list's topic: its words (管理 of
    危機管理課, 看護師) are in cards of other subjects. A first sentence that is the request itself stays, and so does
    one with nothing of a topic after it."""
    assert list_topic_text("危機管理課の者です。被災者支援の施策を全部教えてください") == "被災者支援"
    assert "看護師" not in list_topic_text("看護師です。遠隔医療とかオンライン診療関係の施策、ぜんぶ教えてください")
    # 「…ですが、」 as often says the topic, then what is asked of it: the words stay
    assert "テレワーク" in list_topic_text("テレワークですが、総務省の施策を全部")
    assert past_preface("テレワークの件です。総務省の施策は？", has_topic) == "テレワークの件です。総務省の施策は？"
    assert past_preface("港湾の施策を知りたいです。全部教えて", has_topic) == "港湾の施策を知りたいです。全部教えて"
    assert past_preface("自動運転の施策です。", has_topic) == "自動運転の施策です。"


def test_asking_for_every_measure_is_told_from_asking_which_one():
    assert asks_every("学校のICTまわりの施策ぜんぶ知りたい")
    assert asks_every("災害関係の施策を一覧で")
    assert asks_every("マイナンバーを使う施策はどんなのがある？")
    assert asks_every("List all measures about drones")
    assert asks_every("医療分野のすべての施策を教えて")
    # a bare どれ asks which measure a description fits; "every" inside the topic asks for none
    assert not asks_every("信号を人工知能に対応させる研究はどれ？")
    assert not asks_every("one laptop or tablet for every schoolchild")
    assert not asks_every("デジタル教科書っていつまでに全部の学校で使うようになるの？")  # all schools, one measure


def test_a_list_of_every_measure_counts_the_lower_rated_cards_of_the_chapters_it_counts():
    """decide.chapter_members: from list_every_threshold, in a chapter where the list already counts a card."""
    params = SearchParams()
    chapters = ["03", "03", "06", "03"]
    probs = np.array([0.9, params.list_every_threshold + 0.05, params.list_every_threshold + 0.1,
                      params.list_every_threshold - 0.05])
    assert chapter_members(chapters, probs, params).tolist() == [True, True, False, False]


def test_a_list_of_every_measure_that_counts_most_of_a_chapter_takes_the_rest_of_it():
    """decide.chapter_complete: from list_chapter_share of a chapter's cards and list_chapter_min of them, the
    chapter's other candidates join whatever they are rated; a list that counts fewer, or a small chapter it counts
    nearly all of, is left as it is."""
    params = SearchParams()
    big = params.list_chapter_min + 2  # a chapter of that many cards, all but two counted
    chapters = ["06"] * big + ["02"] * 3
    sizes = {"06": big, "02": 3}
    most = np.array([True] * (big - 2) + [False, False] + [True, True, False])
    assert chapter_complete(chapters, most, sizes, params).tolist() == [True] * big + [True, True, False]
    few = np.array([True] * 2 + [False] * (big - 2) + [False] * 3)
    assert chapter_complete(chapters, few, sizes, params).tolist() == few.tolist()


def test_a_card_named_by_the_topics_own_word_is_one_of_its_measures():
    """decide.named_in_topic: a candidate whose name holds the topic's word counts from list_name_word_min, however
    little its text says of the topic; a card that holds the word only in its text, or no word at all, does not."""
    params = SearchParams()
    names = [{"障害", "者", "本人", "確認"}, {"視覚", "障害", "者", "移動", "支援"}, {"デジタル", "活用", "支援員"}]
    probs = np.array([0.9, max(params.list_name_word_min, 0.06), 0.1])
    assert named_in_topic(names, "障害", probs, params).tolist() == [True, True, False]
    assert not named_in_topic(names, "", probs, params).any()


def test_a_card_named_by_the_tables_other_word_for_the_topic_is_one_of_its_measures():
    """decide.named_in_topic with `kin_named`: a name that holds the table's other word for the topic (glossary.topic_kin:
    筆ポリゴン for 地図) counts as the topic's own word does, from list_name_word_min."""
    params = SearchParams()
    names = [{"地理", "空間", "情報"}, {"筆", "ポリゴン", "データ"}, {"森林", "クラウド"}]
    probs = np.array([0.9, max(params.list_name_word_min, 0.05), 0.05])
    assert named_in_topic(names, "地図", probs, params).tolist() == [False, False, False]
    assert named_in_topic(names, "地図", probs, params, kin_named=[False, True, False]).tolist() == [False, True, False]


def test_a_subjects_run_of_cards_goes_on_while_its_cards_say_the_topic():
    """decide.section_run: in a list for every measure, the card right after a counted one in its chapter counts
    when rated from list_run_min and holding the topic's words, and the run goes on from it; it stops at a card that
    says nothing of the topic (another subject that happens to stand there), at one rated lower, and at the chapter's
    end."""
    params = SearchParams()
    low = params.list_run_min
    # rows 10-15 of chapter 03, then row 16 in chapter 04; row 10 is counted
    positions = [10, 11, 12, 13, 14, 15, 16]
    chapters = ["03"] * 6 + ["04"]
    probs = np.array([0.9, low, low + 0.05, low, low - 0.05, low, 0.5])
    counted = np.array([True] + [False] * 6)
    says = [True, True, True, False, True, True, True]
    # 11 and 12 continue the run; 13 does not say the topic, so 14 and 15 are not reached; 16 is another chapter
    assert section_run(positions, chapters, probs, counted, says, params).tolist() == [True, True, True] + [False] * 4
    assert section_run(positions, chapters, probs, counted, [True] * 7, params).tolist() == [True] * 4 + [False] * 3
    never = SearchParams(list_run_min=1.1)
    assert section_run(positions, chapters, probs, counted, says, never).tolist() == counted.tolist()


def test_a_card_that_never_says_the_topic_needs_a_high_rating_to_stay():
    """decide.topic_held: where the list's surest card says one of the topic's words, a counted card that says none
    of them stays only if rated from list_topic_hold_min; one that says any of them stays however it was counted."""
    params = SearchParams(list_topic_hold_min=0.8)
    probs = np.array([0.99, 0.9, 0.79, 0.3])
    counted = np.array([True, True, True, True])
    says = [True, False, False, True]
    assert topic_held(counted, probs, says, params).tolist() == [True, True, False, True]
    # the surest card says none of them: the words do not name the list's subject, nothing is dropped
    assert topic_held(counted, probs, [False, False, False, True], params).tolist() == [True] * 4
    assert topic_held(counted, probs, says, SearchParams(list_topic_hold_min=1.1)).tolist() == [True] * 4


# ------------------------------------------------------------------------------------------------ answers

def ids(hits):
    return [h.card.id for h in hits]


def test_a_list_asking_for_every_measure_counts_the_rest_of_its_chapter(retriever):
    """「…ぜんぶ知りたい」 asks for every measure of its subject: beside the sure 03-06 (デジタル教科書) the list also
    counts the school cards of chapter 03 the list model rates lower (03-02 ICT教育 0.44, 03-03 学習データ 0.31), in
    the chat and the search alike; asked which measure it is (「…の施策はどれ？」), it stays with fewer."""
    q = "学校のタブレットとかデジタル教科書とか、学校のICTまわりの施策ぜんぶ知りたい"
    every = set(ids(retriever.search(q).answers))
    assert {"03-02", "03-03", "03-06"} <= every
    assert set(ids(ask(retriever, q).answers)) == every
    which = ids(retriever.search("学校のタブレットやデジタル教科書の施策はどれ？").answers)
    assert "03-06" in which and len(which) < len(every)


def test_a_ministrys_list_of_every_measure_of_a_subject_counts_its_chapter_too(retriever, cards):
    """With a ministry named (a filter), 「…を全部」 also counts the subject's lower-rated cards of the chapters it
    counts: the Cabinet Office's disaster measures 03-18 (罹災証明) and 03-20 (被災者支援) beside 03-16 and 03-17, each
    one it leads."""
    every = set(ids(retriever.search("内閣府が音頭を取っている防災や災害対応の施策を全部").answers))
    assert {"03-16", "03-17", "03-18", "03-20"} <= every
    leads = {c.id for c in cards if "内閣府" in c.lead_ministries}
    assert every <= leads
    which = ids(retriever.search("内閣府が音頭を取っている防災や災害対応の施策はどれ？").answers)
    assert len(which) < len(every)


def test_a_list_of_every_measure_of_a_chapters_subject_counts_the_whole_chapter(retriever, cards):
    """Chapter 06 is the plan's digital-talent chapter: asked for every digital/IT talent measure, the list counts all
    its cards, 06-07 (数理・データサイエンス・AI教育, which holds none of the question's words) too; asked for the
    security talent measures only, it counts a part of the chapter and takes nothing more."""
    chapter = {c.id for c in cards if c.chapter == "06"}
    assert set(ids(retriever.search("デジタル人材やIT人材を育成する施策を漏れなく教えて").answers)) == chapter
    security = set(ids(retriever.search("サイバーセキュリティ人材を育てる施策を全部").answers))
    assert {"06-01", "06-03", "06-05", "06-06", "06-11"} <= security and "06-07" not in security


def test_an_english_list_reads_its_topic_in_the_tables_words(retriever):
    """"cybersecurity training" is in no card: the list features read the glossary's table words for it
    (サイバーセキュリティ, セキュリティ人材, 人材育成), so the list counts the security-talent cards, not the first alone."""
    got = set(ids(retriever.search("List the measures on cybersecurity training").answers))
    assert {"06-01", "06-03", "06-05", "06-06", "06-11"} <= got


def test_an_english_restriction_of_a_list_keeps_to_what_it_names(retriever):
    """Within a follow-up's set the list keeps its own scores (the glossed reading is for lists over the table): of
    the road-traffic list, the self-driving measures are the two research cards, not 02-05 (運転免許) beside them."""
    from tests.test_chat_agrees_with_search import chat

    traffic, driving = chat(retriever, "Which measures deal with the police or road traffic?",
                            "Of those, which ones are about self-driving cars?")
    assert {"02-07", "02-08"} <= set(ids(traffic.answers))
    assert set(ids(driving.answers)) == {"02-07", "02-08"}


def test_a_topic_list_counts_the_measure_its_topic_names(retriever):
    """02-09 視覚障害者、高齢者等の移動支援システムの普及促進 is about traffic signals (高度化PICS), so the list model rates
    it low in a list of measures for people with disabilities; its name says whom it is for, and the list counts it
    beside the accessibility cards of chapter 07. A list on another subject does not take it."""
    q = "障害がある人のための施策を漏れなく知りたい"
    got = set(ids(retriever.search(q).answers))
    assert {"02-09", "07-06", "07-07", "07-11"} <= got
    assert set(ids(ask(retriever, q).answers)) == got
    assert "02-09" not in ids(retriever.search("港湾の施策を全部").answers)


def test_every_health_data_measure_counts_the_card_after_the_last_sure_one(retriever):
    """「…の施策を漏れなく」 over the health section (03-07 … 03-15): beside a counted 03-12 (予防接種と診療情報), 03-11
    (匿名加工医療情報, rated lower, but it says 医療) continues the section's run; asked which measures (「…はどれ？」),
    the list stays with the surest."""
    every = ids(retriever.search("医療と介護のデータ関連の施策を漏れなく").answers)
    assert {"03-07", "03-08", "03-09", "03-10", "03-11", "03-12"} <= set(every)
    which = ids(retriever.search("医療と介護のデータ関連の施策はどれ？").answers)
    assert "03-11" not in which


def test_a_word_many_cards_use_does_not_carry_the_run_into_another_subject(retriever):
    """「被災者支援の施策を全部」: the victims' procedures (03-18 … 03-21) and 03-17 beside them; 03-16 (情報共有 for
    防災・減災) says 支援 in its first point (意思決定を支援), but 支援 is in 21 of the 64 cards, no subject
    (list_run_word_cards), so the run stops at 03-17."""
    got = ids(retriever.search("被災者支援の施策を全部").answers)
    assert {"03-18", "03-19", "03-20", "03-21"} <= set(got)
    assert "03-16" not in got


def test_an_english_list_reads_its_topics_compound_in_the_tables_words(retriever):
    """"autonomous driving" is 自動運転 in the table: a card that says 運転 only in 運転免許 (02-05, driving licences)
    is rated as it is for the same list asked in Japanese, below the list's threshold; and though chapter 02's
    lower-rated cards count in a list of every measure, 02-05 says 自動運転 nowhere, so it is not one of them
    (decide.topic_held), in the search and the chat alike."""
    from index.retrieve.decide import list_confidence

    q = "Which measures relate to autonomous driving? List them all."
    read = retriever.list_reading(q)
    assert read is not None
    rated = dict(zip(read[0], list_confidence(read[1], retriever.params)))
    assert min(rated["02-07"], rated["02-08"]) >= retriever.params.list_threshold > rated["02-05"]
    assert set(ids(retriever.search(q).answers)) == {"02-07", "02-08"}
    assert set(ids(ask(retriever, q).answers)) == {"02-07", "02-08"}
    assert "02-05" not in ids(retriever.search("自動運転に関係する施策を全部").answers)


def test_a_card_says_the_topic_in_the_tables_other_words_and_by_its_ministry(retriever):
    """decide.topic_held looks for the topic in the table's other words for it too (glossary.topic_kin: a 地図 list
    looks for 地理空間情報 and G空間), and in a card's ministries: 02-06 (signals) and 02-08 (traffic control) never
    write 警察 in their text, but their lead is 警察庁, so a list of police measures keeps them."""
    assert "地理空間情報" in retriever._topic_words(retriever._understand("地図や土地の情報に関する施策を全部"))
    where = {c.id: n for n, c in enumerate(retriever.cards)}
    assert retriever._says_anywhere(where["02-06"], ("警察",)) and retriever._says_anywhere(where["02-08"], ("警察",))
    assert not retriever._says_anywhere(where["03-17"], ("被災",))


def test_a_word_turned_into_another_by_a_suffix_does_not_say_the_topic():
    """オンライン化 (putting something online) is another word than the オンライン of オンライン診療, as 効率的 is not
    効率; the katakana word a piece belongs to is what is read (ライン of オンライン)."""
    from index.retrieve.card_words import said_as_such

    assert not said_as_such("申請のオンライン化の実施", "オンライン")
    assert not said_as_such("申請のオンライン化の実施", "ライン")
    assert said_as_such("オンライン診療の適切な実施に関する指針", "オンライン")
    assert said_as_such("申請のオンライン化とオンライン診療", "オンライン")  # said once as such is enough
    assert not said_as_such("効率的な運用", "効率")


def test_a_telemedicine_list_reads_its_words_in_the_questions_sense(retriever):
    """「遠隔医療・オンライン診療の施策を漏れなく」: 03-08 (指定難病 database) stands beside 03-09 in the health
    section and says 医療 (医療の質), 診療 (診療情報) and オンライン (申請のオンライン化), each in another sense: 医療
    alone is the whole class that 遠隔 narrows, 診療 only qualifies 情報, and オンライン化 puts applications online. So it
    does not say the topic and is not counted for its section; 03-15 says 遠隔 (遠隔手術支援) and stays. A list of
    every health measure still counts 03-08."""
    where = {c.id: n for n, c in enumerate(retriever.cards)}
    q = retriever._understand("遠隔医療・オンライン診療の施策を漏れなく")
    said = retriever._says_in_sense(q, [where[c] for c in ("03-08", "03-09", "03-14", "03-15")],
                                    retriever._topic_words(q))
    assert said == [False, True, True, True]
    assert set(ids(retriever.search("遠隔医療・オンライン診療の施策を漏れなく").answers)) == {"03-09", "03-14", "03-15"}
    assert set(ids(retriever.search("オンライン診療と遠隔医療の取組をひととおり全部").answers)) == \
        {"03-09", "03-14", "03-15"}
    assert "03-08" in ids(retriever.search("医療の施策を全部").answers)


def test_a_head_said_by_itself_in_the_question_names_its_topic(retriever):
    """Only the head of a compound whose modifier names a subject is read as the class the modifier narrows (医療 of
    遠隔医療); 「医療の施策」 names 医療 itself."""
    assert retriever._bare_heads(retriever._understand("遠隔医療の施策を全部")) == {"医療": "遠隔医療"}
    assert retriever._bare_heads(retriever._understand("医療の施策を全部")) == {}


def test_a_bare_head_still_counts_where_the_card_says_its_compound(retriever):
    """信号 and 管制 of 交通信号 / 交通管制 are heads whose modifier names a subject; a card that says 交通管制 itself
    (02-08) says the topic, so the list's surest card holds it and 02-10 (港湾のデジタル化, no traffic) is left out."""
    ids = [h.card.id for h in retriever.search("交通信号や交通管制をデジタル化する施策を全部").answers]
    assert "02-08" in ids and "02-10" not in ids


# ------------------------------------------------------------------------------------------------ enumerated items

def test_a_list_that_enumerates_its_items_names_each_item():
    """「XとかY」 / 「XやY」 before the measures: the items as written, a run of nouns each, without the words every card
    is (関係, 施策); a list of one subject, and an English one, enumerate nothing."""
    assert list_items("ドローンとか自動運転の施策を全部") == ("ドローンとか自動運転", ["ドローン", "自動運転"])
    assert list_items("医療や介護のデータの施策を一覧で") == ("医療や介護", ["医療", "介護"])
    assert list_items("信号や交通管制などの施策を全部") == ("信号や交通管制", ["信号", "交通管制"])
    assert list_items("港とか空港関係の施策") == ("港とか空港", ["港", "空港"])
    assert list_items("港湾の施策を全部") == ("", [])
    assert list_items("Which measures are about ports or harbors?") == ("", [])


def test_an_enumerated_list_counts_the_cards_of_each_item(retriever):
    """Read whole, 「マイナンバーとかマイナポータル…」 is about its best card's word (マイナポータル, 03-20), and 03-07
    (PHR), which says マイナンバー only in its KPI, was rated 0.02; asked of マイナンバー alone, the list counts it. The
    list is the union of its items' lists, in the search and the chat alike."""
    q = "マイナンバーとかマイナポータルに関係する施策を全部教えて"
    got = set(ids(retriever.search(q).answers))
    assert {"03-07", "03-19", "03-20", "03-21"} <= got
    assert set(ids(ask(retriever, q).answers)) == got


def test_a_one_kanji_item_is_read_as_the_tables_word(retriever):
    """港 is no word of the table (its cards write 港湾): as an item of a list it is read as the cards' word that begins
    with it, so 「港とか…」 counts the port cards (02-10 港湾関連データ連携基盤, 03-43 サイバーポート), not only the
    item the list's best card holds."""
    assert retriever._item_as_table_says("港") == "港湾"
    assert retriever._item_as_table_says("地図") == "地図"  # a word of the table stays
    got = set(ids(retriever.search("港とかターミナル関係の施策を一覧で").answers))
    assert {"02-10", "03-43", "03-44"} <= got


def test_an_item_is_what_the_noun_before_it_says_of_it(retriever):
    """「港の手続きとか…」: the first item is the port's procedures, not any 手続き: asked of 手続き alone the list also
    rates 03-21 (被災者の手続き) 0.71, and a card counts for that item only where it also says 港湾 (港 as the table
    writes it)."""
    from index.config import SearchMode
    from index.retrieve.results import Filters

    q = "港の手続きとかコンテナの施策を一覧で"
    union = retriever._items_union(retriever._understand(q), top_k=10, filters=Filters(), mode=SearchMode.HYBRID,
                                   understood=True)
    assert {retriever.cards[i].id for i in union} == {"03-43", "03-44"}
    got = set(ids(retriever.search(q).answers))
    assert {"02-10", "03-43", "03-44"} <= got and "03-21" not in got


def test_a_topic_list_counts_the_measures_named_by_the_tables_other_word_for_it(retriever):
    """A measure named by the table's other word for the topic is one of the topic's measures, however far its text
    lies from the list's first cards: 03-42 筆ポリゴンデータのオープンデータ化 (the polygons of farm maps, in
    chapter 03 far from 05-32/05-33) in a list of 地図; 07-05 情報アクセシビリティ in a list for people with a 障害
    (障害のある人, 障害当事者: the kin is read from 障害, not only 障害者). A list on another subject takes neither."""
    maps = set(ids(retriever.search("地図に関係する施策を全部教えて").answers))
    assert {"03-42", "05-32", "05-33"} <= maps
    assert set(ids(ask(retriever, "地図に関係する施策を全部教えて").answers)) == maps
    assert "アクセシビリティ" in retriever._kin_words(retriever._understand("障害のある子どもに関わる施策を漏れなく"))
    disability = set(ids(retriever.search("障害のある子どもに関わる施策を漏れなく").answers))
    assert {"07-05", "07-06", "07-07", "07-11"} <= disability
    port = ids(retriever.search("港湾の施策を全部").answers)
    assert "03-42" not in port and "07-05" not in port


def test_a_card_that_says_an_item_once_in_passing_is_not_counted_for_it(retriever):
    """A card counts for an item of an enumeration where it states the item as its subject: in its name or KPIs
    (03-07 PHR measures 「マイナンバーAPI連携が認められた事業者数」), or again and again in the first point of its
    overview (03-42 筆ポリゴン: 「…農業サービスへの活用のほか、行政機関や農業団体の…」). Said once there, in the
    background, the item is another card's subject: 03-06 デジタル教科書 (「…健康面への影響…」) is no health measure,
    07-09 地域ICTクラブ (「…小学校でプログラミング教育が導入される…」) no school measure, 03-09 遠隔医療
    (「…重要と位置付けられてきた…」) no location data."""
    where = {c.id: n for n, c in enumerate(retriever.cards)}
    assert retriever._states_item(where["03-07"], ("マイナンバー",))
    assert retriever._states_item(where["03-42"], ("農業",))
    assert not retriever._states_item(where["03-06"], ("健康",))
    assert not retriever._states_item(where["07-09"], ("学校",))
    assert not retriever._states_item(where["03-09"], ("位置",))

    health = set(ids(retriever.search("健康とか医療の施策を一覧で").answers))
    assert {"03-07", "03-09", "03-14"} <= health and "03-06" not in health
    schools = set(ids(retriever.search("学校とか児童生徒の施策を一覧で").answers))
    assert {"03-01", "03-02", "03-03", "03-05", "03-06"} <= schools and "07-09" not in schools
    maps = set(ids(retriever.search("地図とか位置の施策を一覧で").answers))
    assert {"05-32", "05-33"} <= maps and "03-09" not in maps
    farms = set(ids(retriever.search("農業とか林業の施策を一覧で").answers))
    assert {"03-41", "03-42"} <= farms


def test_an_enumeration_of_one_subject_adds_no_items_cards(retriever):
    """The items' own lists are counted where the items name different subjects: 「申請や届出」 names one (届出 is said
    by too many cards to name a subject of its own), and the list read whole already reads it; the 申請 list alone
    would add 06-02 地域人材 (「…派遣申請を受け付け…」)."""
    from index.config import SearchMode
    from index.retrieve.results import Filters

    assert retriever._item_words("届出") == ()
    q = "行政への申請や届出の施策を一覧で"
    union = retriever._items_union(retriever._understand(q), top_k=10, filters=Filters(), mode=SearchMode.HYBRID,
                                   understood=True)
    assert union == {}


def test_a_kind_of_measure_asked_without_a_list_word_counts_its_measures(retriever, cards):
    """「港湾の電子化に関する施策」 names a kind of measure with no 全部 or 一覧: still every port card, not only the best
    one (read as one measure, it counted 02-10 alone); 「お年寄り向けの施策は？」 counts the measures for the elderly
    beside the best one."""
    ports = sorted(c.id for c in cards if "港湾" in c.name + c.overview)
    assert len(ports) == 3
    assert sorted(h.card.id for h in ask(retriever, "港湾の電子化に関する施策").answers) == ports
    named = [c.id for c in cards if "高齢者" in c.name]  # 02-09 視覚障害者、高齢者等の移動支援システム
    elderly = {h.card.id for h in ask(retriever, "お年寄り向けの施策は？").answers}
    assert named and set(named) | {"07-08"} <= elderly, elderly  # 07-08 デジタル活用支援員 beside it


def test_the_measures_that_use_several_things_count_each_things_cards(retriever, cards):
    """「マイナンバーカードやマイナポータルを使う施策」: the card that names マイナポータル and the cards that use マイナンバー
    beside it (03-19 … 03-21), not only the one the search is surest of; 「ドローン・自動運転の施策」 both subjects'."""
    portal = {c.id for c in cards if "マイナポータル" in c.name}
    assert portal
    got = {h.card.id for h in ask(retriever, "マイナンバーカードやマイナポータルを使う施策").answers}
    assert portal <= got and len(got) >= 3, got
    both = {h.card.id for h in ask(retriever, "ドローン・自動運転の施策").answers}
    assert "04-02" in both and {"02-07", "02-08"} <= both, both
