"""A chapter the question names is the list's hard scope (session 55). Our own wordings on the bundled table; none is a
blind set's turn.

- A topic that only restates the named chapter's heading (「デジタル人材育成(06章)」, 「第6章の人材育成のうち」, "chapter
  6 (human resources)") narrows nothing within it: the list is the whole chapter, filtered by the rest of the question
  (a ministry's ◎). Read as a topic, 06-07 数理・データサイエンス・AI教育 (which says 教育, not 人材育成) and 06-09 情報
  教育 fell out.
- A section that the chapter's heading lists in brackets (03 準公共分野のデジタル化（教育・医療・防災・農林・港湾物流）:
  「03章の教育の施策」) is the table's run of that section: every card of it, whatever else each card says (03-01 端末
  の整備 was rated below the list's threshold in 「03章の教育の施策のうち、文部科学省がメイン」).
- 「全部」 within a named chapter does not take the chapter's lower-rated cards (the chapter's other subjects: 03-09
  遠隔医療, 03-15 8K in a list of 03's education measures).
- Items that are one subject said in several ways (田んぼ, 畑, 農地: the table's 農地) and qualify the noun after の
  (「田んぼとか農地の地図データ」) keep a card named by the table's other word for that noun (05-33 地理空間情報) only
  where it says the subject; an item said with an adjectival suffix (「オンライン診療っぽい」) is its noun; compounds of one
  head enumerated (「教育データや学習データ」) keep the head (データ) as the topic's thing.
- What is left alone: one side of a heading that joins two (05 データ利活用と国際データ流通) and a topic with a word of
  its own within the chapter are still topics.
"""

import pytest

from index.assist import ask


def _counted(retriever, question: str) -> list[str]:
    return sorted(h.card.id for h in ask(retriever, question).answers)


CHAPTER_06 = tuple(f"06-{n:02d}" for n in range(1, 12))
MEXT_06 = ("06-07", "06-08", "06-09", "06-10")
METI_06 = ("06-04", "06-05", "06-06")
EDUCATION_03 = ("03-01", "03-02", "03-03", "03-04", "03-05", "03-06")
MEXT_EDUCATION_03 = ("03-01", "03-03", "03-05", "03-06")
MEDICAL_03 = ("03-07", "03-08", "03-09", "03-10", "03-11", "03-12", "03-13", "03-14", "03-15")
MHLW_MEDICAL_03 = ("03-08", "03-10", "03-12", "03-13", "03-14")

WORDINGS = {
    # the heading restated: the whole chapter
    "heading in brackets after the chapter": ("06章（デジタル人材の育成）に入ってる施策、全部リストアップして", CHAPTER_06),
    "heading written after 第6章": ("第6章デジタル人材の育成の施策一覧をください", CHAPTER_06),
    "casual kana": ("6章の人材育成の施策ぜんぶおしえて", CHAPTER_06),
    "English, heading in brackets": ("List every measure in chapter 6 (digital human resources development).", CHAPTER_06),
    # … filtered by a ministry's ◎
    "polite, ministry first": ("文部科学省が主担当になっている、第6章(人材育成)の施策を教えてください", MEXT_06),
    "casual, ministry after": ("06章の人材育成の施策で文科省がメインのやつ", MEXT_06),
    "English, ministry": ("Which chapter 6 (human resources) measures does MEXT lead?", MEXT_06),
    "のうち, then the ministry": ("第6章のデジタル人材育成のうち経済産業省が主担当のもの", METI_06),
    # … with a suffix (系, 関係), and a ministry in any role
    "kana-ish, 系, in any role": ("6章の人材育成系で経産省かんでるのぜんぶだして", ("06-01", "06-04", "06-05", "06-06")),
    "polite, 関係, in any role": ("第6章の人材育成関係で経済産業省が関わっている施策を全部", ("06-01", "06-04", "06-05", "06-06")),
    # a section the heading lists in brackets: its run of the table
    "section with 分野": ("03章の教育分野の施策を全部", EDUCATION_03),
    "medical section": ("03章の医療の施策を全部", MEDICAL_03),
    "medical section, 関係": ("第3章の医療関係の施策の一覧", MEDICAL_03),
    "section, then the ministry": ("第3章の教育分野で文科省が主担当のものを教えて", MEXT_EDUCATION_03),
    "English section, ministry": ("Which chapter 3 education measures does MEXT lead?", MEXT_EDUCATION_03),
    "section のうち, then the ministry": ("第3章の医療の施策のうち厚生労働省が主担当のもの", MHLW_MEDICAL_03),
    # 全部 within the named chapter: not its other subjects
    "a narrower topic in the chapter, 全部": ("学校のICT化や教育データの施策を03章から全部挙げてほしい", EDUCATION_03),
}


@pytest.mark.parametrize("name", list(WORDINGS))
def test_a_named_chapter_is_the_scope_of_the_list(retriever, name):
    question, wanted = WORDINGS[name]
    got = _counted(retriever, question)
    assert got == list(wanted), f"{question!r}: counted {got}, expected {list(wanted)}"


def test_a_heading_restated_is_no_topic_but_a_side_of_it_is():
    from index.corpus import BUNDLED_CHAPTERS
    from index.retrieve.understand import _without_heading, subject_words

    def left(topic: str, chapter: str) -> list[str]:
        return subject_words(_without_heading(topic, f"{chapter} {BUNDLED_CHAPTERS[chapter]}"))

    assert "人材" not in left("の人材育成の施策を全部", "06") and "育成" not in left("の人材育成の施策を全部", "06")
    # one side of 05 データ利活用と国際データ流通, a section of 03, a word of its own: still topics
    assert "国際" in left("の国際データ流通の施策", "05")
    assert "教育" in left("の教育の施策", "03")
    assert {"サイエンス", "人材"} <= set(left("のデータサイエンス人材の施策", "06"))
    # a table without headings (labelled by its first card's name) has none to restate
    assert "人材" in subject_words(_without_heading("の人材育成の施策", "06 人材育成の推進 ほか"))


def test_a_section_the_heading_does_not_group_stays_a_topic(retriever):
    # 防災 runs from 03-16 to 03-45, past 港湾物流's 03-43: not a section the table groups, so not the run
    got = _counted(retriever, "03章の防災の施策を全部")
    assert "03-43" not in got and "03-44" not in got, got


# Kinds of one thing enumerated (「教育データや学習データ」, 「学習データ・教育データ」): the compounds' common head
# (データ, in too many cards to name a subject alone) is the topic's thing, and a card that never says it is about
# the modifiers' subject at large (03-01 端末, 03-02 EdTech, 03-05 先端技術, 03-06 デジタル教科書, 06-09 情報教育 are
# education measures, not education-data ones). Before, an enumeration of items turned the head check off.
LEARNING_DATA = ("03-03", "03-04")
LEARNING_DATA_WORDINGS = {
    "casual, とか": "学習データとか教育データまわりの施策ぜんぶ",
    "polite, 標準化 after the compounds": "児童生徒の学習データ・教育データの標準化に関する施策を全部",
    "や, 連携": "学習データや教育データの連携の施策をすべて教えて",
}


@pytest.mark.parametrize("name", list(LEARNING_DATA_WORDINGS))
def test_kinds_of_one_thing_enumerated_keep_the_thing_as_the_topic(retriever, name):
    question = LEARNING_DATA_WORDINGS[name]
    got = _counted(retriever, question)
    assert got == list(LEARNING_DATA), f"{question!r}: counted {got}, expected {list(LEARNING_DATA)}"


def test_two_subjects_enumerated_are_still_two_topics(retriever):
    # 被災者支援 is a second subject beside 災害情報 (not a kind of 情報): no head check narrows it to the cards saying 情報
    assert {"03-16", "03-17"} <= set(_counted(retriever, "災害情報の共有や被災者支援の施策"))


# An item said with an adjectival suffix (っぽい: "something like"): the item is its noun (オンライン診療), not the noun
# with the suffix, whose words the analyser read as オン, ライン, 診療 (03-08 難病データベース's 診療情報 holds 診療)
TELEMEDICINE = ("03-09", "03-14", "03-15")
TELEMEDICINE_WORDINGS = {
    "casual, っぽい": "遠隔医療とかオンライン診療っぽい施策、まとめて教えて",
    "っぽい on the first item": "オンライン診療っぽいのとか遠隔医療の施策ぜんぶ",
    "polite, no suffix": "遠隔医療・オンライン診療に関する施策を一覧でお願いします",
}


@pytest.mark.parametrize("name", list(TELEMEDICINE_WORDINGS))
def test_an_item_with_an_adjectival_suffix_is_its_noun(retriever, name):
    question = TELEMEDICINE_WORDINGS[name]
    got = _counted(retriever, question)
    assert got == list(TELEMEDICINE), f"{question!r}: counted {got}, expected {list(TELEMEDICINE)}"


# Items enumerated before の qualify what follows (「田んぼとか農地の地図データ」: maps of farmland): a card named by the
# table's other word for the map (05-33 地理空間情報(G空間情報), geospatial data at large) counts only where it says one
# of the items too, as the list's sure cards do (05-32 eMAFF地図, 03-42 筆ポリゴン both say 農地)
FARMLAND_MAPS = ("03-42", "05-32")
FARMLAND_MAP_WORDINGS = {
    "casual, とか": "田んぼとか農地の地図データに関係する施策って何がある？",
    "polite, や": "農地や田畑の地図データに関する施策を全部教えてください",
    "kana, short": "たんぼとか畑の地図の施策ぜんぶ",
}


@pytest.mark.parametrize("name", list(FARMLAND_MAP_WORDINGS))
def test_items_before_no_qualify_the_kin_named_card(retriever, name):
    question = FARMLAND_MAP_WORDINGS[name]
    got = _counted(retriever, question)
    assert got == list(FARMLAND_MAPS), f"{question!r}: counted {got}, expected {list(FARMLAND_MAPS)}"


def test_a_map_list_without_a_qualifier_keeps_the_geospatial_card(retriever):
    assert "05-33" in _counted(retriever, "地図データの施策を全部")
