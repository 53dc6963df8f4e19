"""Follow-ups on a set of cards already shown (session 49: the set / その中 / ordinal families): a restriction is
decided by its most telling words, those that some of the listed cards write and the fewest do, where the search
counted a card that writes none of its words (「大学や博士の人材」 among MEXT's measures is 大学 or 博士, 人材 being
written by others too), and a position said after it counts the cards it kept; the rest of a list restricted by the
ministry that leads each of them is every one of them; "led jointly by" asks for the cards both ministries lead;
which of a list has a KPI set is read from its cells (none, said so), while "Are any KPIs set for them?" asks each
card's KPI; 「先ほどの一覧のうち」 points at the list as その中 does; 「何が残りますか」 is a verb, not the rest of the
list; 「市町村という単語」 names 市町村 as the word; a card named by its number before "it" is what "it" means;
「あとのやつ」 of two is the latter; 「残りの施策は」 is the rest, said with what they are; "places without coverage"
describes the topic ("without" after a noun other than the measures takes nothing out). Our own wordings; none is a
blind set's turn."""

import pytest

from tests.test_conversation_cases import MINISTRY_LEAD_CAO, MINISTRY_LEAD_MEXT, MINISTRY_LEAD_MHLW, MINISTRY_LEAD_MLIT, T, \
    assert_followed

DISASTER_VICTIMS = ("03-18", "03-19", "03-20", "03-21")

CONVERSATIONS = {
    "either of two things before の and the thing they qualify": [
        T("文部科学省が主担当の施策を全部", MINISTRY_LEAD_MEXT),
        T("その中で大学や博士の人材のものはどれ？", ("06-07", "06-10"), "博士"),
        T("1番目のKPIは", "06-07", "認定を受けた大学等の数"),
    ],
    "the rest of a list, restricted by the ministry that leads each": [
        T("厚生労働省が主担当の施策を全部", MINISTRY_LEAD_MHLW),
        T("その中で予防接種に関するものは", "03-12"),
        T("残っている厚労省主担当の施策はそれぞれ何ですか", ("03-08", "03-10", "03-13", "03-14", "03-21")),
    ],
    "led jointly, said in English, then the first of those": [
        T("List every measure the Cabinet Office (内閣府) leads.", MINISTRY_LEAD_CAO),
        T("Which of them are led jointly by the Cabinet Office and the Cabinet Secretariat?", ("03-19", "03-20", "03-21")),
        T("The first of those: what is its KPI?", "03-19", "被災者台帳管理にマイナンバーの活用を予定している地方公共団体数"),
    ],
    "which of a list has a KPI set: none": [
        T("05-35と05-36の担当は", ("05-35", "05-36")),
        T("Which of them has a KPI defined?", ()),
    ],
    "the list given before, pointed at by when": [
        T("被災者支援に関する施策を全部", DISASTER_VICTIMS),
        T("3つ目の担当は", "03-20"),
        T("先ほどの一覧のうち、厚生労働省も主担当になっているものは", "03-21"),
    ],
    "what is left once some are taken out, asked with the verb 残る": [
        T("国土交通省が主担当の施策を全部", MINISTRY_LEAD_MLIT),
        T("一覧から港湾のものを外すと何が残りますか", ("05-33", "05-34")),
    ],
    "a word named as a word in the KPI": [
        T("被災者支援に関する施策を全部", DISASTER_VICTIMS),
        T("そのうちKPIに市町村という単語が入っているのは", "03-20", "取扱機関(市町村)数"),
    ],
    "the latter of two, said with やつ": [
        T("05-35と05-36の担当は", ("05-35", "05-36")),
        T("あとのやつのKPIは？", "05-36"),
    ],
    "the rest said with what they are, a ministry checked on each": [
        T("障害のある人に関係する施策を全部", ("02-09", "07-05", "07-06", "07-07", "07-11")),
        T("その中で警察庁のものは", "02-09"),
        T("残りの施策はどれも総務省が主担当？", ("07-05", "07-06", "07-07", "07-11"), "内閣官房"),
    ],
    "whether KPIs are set for each, not a restriction": [
        T("05-35と05-36の担当は", ("05-35", "05-36")),
        T("Are any KPIs set for them?", ("05-35", "05-36")),
    ],
    "places without coverage describe the topic, they take nothing out": [
        T("鉄道トンネルで携帯がつながらない問題の施策は？", "07-03"),
        T("Any other measures for places without mobile phone coverage?", "07-02"),
    ],
    "a card named by its number before the pronoun": [
        T("被災者支援に関する施策を全部", DISASTER_VICTIMS),
        T("What's the KPI of the second one?", "03-19"),
        T("And 03-18, when is it due?", "03-18"),
    ],
}


@pytest.mark.parametrize("name", list(CONVERSATIONS))
def test_a_set_already_shown_is_followed_turn_by_turn(retriever, name):
    assert_followed(retriever, CONVERSATIONS[name])


def test_an_english_note_says_both_ministries_lead(retriever):
    """The note on a list narrowed to what two ministries both lead reads as English, no Japanese left in its grammar."""
    from index.assist import ask

    first = ask(retriever, "List every measure on disaster victims, all of them")
    both = ask(retriever, "Which of them are led jointly by the Cabinet Office and the Cabinet Secretariat?",
               first.conversation)
    note = next(n for n in both.notes if "lead (◎)" in n)
    assert "all lead (◎) 3" in note and "のすべて" not in note
