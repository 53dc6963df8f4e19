"""Which cards a ministry-filtered topic list holds (session 54). Our own wordings on the bundled table; none is a
blind set's turn.

A list filtered by a ministry that asks for every measure of a subject (全部, 全件, すべて) takes its chapters'
lower-rated cards (decide.chapter_members) only where they hold the topic, as the table writes it: a compound the
question writes that cards write as such (自動運転) is the topic, not its pieces (運転 of 02-05 運転免許業務), and the
ministry's own word (警察 of 警察庁) is the filter, not the topic. 02-05 (運転免許業務の合理化) and 02-06 (信号情報の
インフラ TSPS) are 警察庁's cards of chapter 02 beside the two self-driving research measures, not of that subject.
The list model itself rates 02-05 high there (0.87-0.97: the ministry's word, which all its cards say, reads as the
topic's), so the check reads every counted card of such a list, not only the chapter's lower-rated ones. A topic that
enumerates items stays a union as wide as its writer's subject, and a compound's pieces held apart still say it (06-02
地域人材の育成 in a list of 総務省's 人材育成)."""

import pytest

from index.assist import ask


def _counted(retriever, question: str) -> list[str]:
    return sorted(h.card.id for h in ask(retriever, question).answers)


SELF_DRIVING_POLICE = ("02-07", "02-08")
SELF_DRIVING_POLICE_WORDINGS = {
    "polite": "警察庁が担当している自動運転関係の施策をすべて挙げてください。",
    "casual": "警察がやってる自動運転のやつ全部",
    "research, 全件": "自動運転に向けて警察庁が進める調査研究を全件教えて",
    "phone kana": "けいさつちょうの自動運転の施策ぜんぶおしえて",
    "short, no 全部": "警察庁の自動運転関連の施策は？",
    "English": "List all of the National Police Agency's measures for self-driving cars.",
    "English, abbreviation": "Which NPA measures relate to autonomous driving? All of them please.",
}


@pytest.mark.parametrize("name", list(SELF_DRIVING_POLICE_WORDINGS))
def test_a_ministry_filtered_list_checks_the_topic_of_its_chapter(retriever, name):
    question = SELF_DRIVING_POLICE_WORDINGS[name]
    got = _counted(retriever, question)
    assert got == list(SELF_DRIVING_POLICE), f"{question!r}: counted {got}, expected {list(SELF_DRIVING_POLICE)}"


# what the check must leave alone: an enumerated topic (02-07 交通規制情報 says none of its items where it states its
# subject), a compound whose pieces a card says apart (06-02 地域人材の育成), or whose qualifier it says without the kind
# (人材 of 人材育成: 06-04 IT人材スキル標準), a topic the table's kin words say (防災 → 災害: 03-17)
LEFT_ALONE = {
    "enumerated items": ("警察の信号とか交通管制とか道路交通まわりの施策ぜんぶ", {"02-06", "02-07", "02-08"}),
    "compound said in pieces": ("総務省が主担当の人材育成関係の施策をすべて", {"06-02", "06-03", "06-11"}),
    "kin words": ("内閣府が音頭を取っている防災の施策を全部", {"03-16", "03-17", "03-20"}),
    "a compound's qualifier said": ("経産省のIT人材育成のやつ全部", {"06-04", "06-05", "06-06"}),
}


@pytest.mark.parametrize("name", list(LEFT_ALONE))
def test_a_ministry_filtered_list_keeps_what_states_its_topic_otherwise(retriever, name):
    question, wanted = LEFT_ALONE[name]
    got = _counted(retriever, question)
    assert wanted <= set(got), f"{question!r}: counted {got}, expected at least {sorted(wanted)}"
