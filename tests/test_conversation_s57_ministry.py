"""Ministries in lists and narrowings (session 57): a short name run straight into its role (「文科主担当」, 「経産関与」,
「厚労担当の」) names the ministry and its role, not the 担当府省庁 field of each card; the lead said as メイン typed in
kana (めいん) or as 「いちばんの担当」 is the ◎ lead, not mere involvement; 「主担当じゃないのも」 asks for the cards it
does not lead as well (every role), not instead; 「メインの担当が2つ以上」 counts the ◎ leads; a call that opens a casual
question (「ねえ」) names no subject; and the verbs of taking part typed in kana (からんでる, はいってる) restrict a list to
the cards whose 府省庁名 names the ministry in any role, and negated (からんでない) take them out. Our own wordings (polite,
casual, phone kana); none is a blind set's turn."""

import pytest

from index.retrieve.ministries import NAMES_WITHOUT_TABLE, find_names
from index.retrieve.understand import spell_role
from tests.test_conversation_cases import (MINISTRY_LEAD_MEXT, MINISTRY_LEAD_MHLW, MINISTRY_LEAD_MLIT,
                                           MINISTRY_LEAD_NPA, T, assert_followed)

MINISTRY_LEAD_MAFF = ("03-41", "03-42", "05-32")
NPA_ANY_ROLE = MINISTRY_LEAD_NPA + ("04-02",)
METI_ANY_ROLE = ("03-01", "03-02", "03-03", "03-11", "04-01", "04-02", "04-03", "05-35", "05-36", "06-01", "06-04",
                 "06-05", "06-06", "07-07")
METI_ANY_ROLE_NOT_LEAD = tuple(i for i in METI_ANY_ROLE if i not in ("03-02", "05-35", "06-04", "06-05", "06-06"))
SEVERAL_LEADS = ("03-19", "03-20", "03-21")
SECURITY_PEOPLE_MIC = ("06-03", "06-11")  # 06-01 names 総務省 too, as one involved (◎内閣官房)

CONVERSATIONS = {
    "a short name run into 主担当": [
        T("文科主担当の施策をすべて挙げてください", MINISTRY_LEAD_MEXT, "文部科学省"),
    ],
    "a short name run into 担当, casual": [
        T("厚労担当のやつ全部", MINISTRY_LEAD_MHLW),
    ],
    "a short name run into 主担当, narrowing a topic list": [
        T("サイバーセキュリティの人材を育てる施策を一覧で", ("06-01", "06-03", "06-05", "06-06", "06-11")),
        T("このうち総務主担当のものは？", SECURITY_PEOPLE_MIC),
    ],
    "メイン typed in kana is the lead": [
        T("こくこうしょうが めいんの しさく ぜんぶ", MINISTRY_LEAD_MLIT),
    ],
    "メイン typed in kana, a topic with it": [
        T("さいばー せきゅりてぃの じんざい そうむしょうが めいんの", SECURITY_PEOPLE_MIC),
    ],
    "いちばんの担当 is the lead": [
        T("農林水産省がいちばんの担当になっている施策を教えてください。", MINISTRY_LEAD_MAFF),
    ],
    "the ones it does not lead as well": [
        T("警察庁が関わってる施策、主担当じゃないのも全部出して", NPA_ANY_ROLE),
    ],
    "the ones it does not lead as well, opened by a call, kana": [
        T("ねえ けいさつちょうが からんでるの ぜんぶ おしえて、しゅたんとうじゃないのも", NPA_ANY_ROLE),
    ],
    "English: where a ministry is involved without leading, after its own list": [
        T("Which measures does MHLW lead?", MINISTRY_LEAD_MHLW),
        T("And where is MHLW involved but not the lead?", ("03-09", "03-11", "04-02", "04-03", "07-07")),
    ],
    "English: where a ministry is involved without being the lead": [
        T("Which measures does METI lead?", ("03-02", "05-35", "06-04", "06-05", "06-06")),
        T("Where is METI involved without being the lead?", METI_ANY_ROLE_NOT_LEAD),
    ],
    "several leads said with メイン": [
        T("メインの担当省庁が2つ以上ある施策はどれですか", SEVERAL_LEADS),
    ],
    "several leads said with めいん in kana": [
        T("めいんの たんとうが 2つ以上 ある しさく", SEVERAL_LEADS),
    ],
    "involved typed in kana narrows a list": [
        T("経済産業省が関わっている施策を、主担当かどうかを問わずすべて", METI_ANY_ROLE),
        # (内閣官房 leads some of them: 「からんでる」 is any role, not those it leads)
        T("そのなかで ないかくかんぼうが からんでるやつは？", ("03-01", "03-02", "03-03", "03-11", "04-01", "04-02",
                                                 "04-03", "05-36", "06-01", "07-07")),
    ],
    "also involved typed in kana narrows a list": [
        T("農水省が関わる施策をすべて", ("03-41", "03-42", "04-02", "05-31", "05-32", "07-07")),
        T("このうち内閣官房もはいってるのは？", ("04-02", "05-31", "05-32", "07-07")),
    ],
    "not involved typed in kana takes cards out": [
        T("内閣府が主担当の施策を全部教えて", ("03-11", "03-16", "03-17", "03-18", "03-19", "03-20", "03-21", "03-45",
                                          "07-04")),
        T("そのうち内閣官房がからんでないのは？", ("03-16", "03-17", "03-45", "07-04")),
    ],
}


@pytest.mark.parametrize("name", list(CONVERSATIONS))
def test_ministries_in_lists_and_narrowings(retriever, name):
    assert_followed(retriever, CONVERSATIONS[name])


@pytest.mark.parametrize("q, ministry", [("文科主担当", "文部科学省"), ("うち経産関与", "経済産業省"),
                                         ("総務所管の", "総務省"), ("厚労担当のやつ", "厚生労働省")])
def test_a_short_name_run_into_its_role_is_a_name(q, ministry):
    assert find_names(q, NAMES_WITHOUT_TABLE)[0] == [ministry]


@pytest.mark.parametrize("q", ["総務課の人", "警察署の施策", "文科系の学生"])
def test_a_short_name_inside_a_longer_word_is_not(q):
    assert find_names(q, NAMES_WITHOUT_TABLE)[0] == []


def test_the_lead_in_other_words_is_spelled_as_the_role():
    assert spell_role("のうすいしょうが めいんの しさく") == "のうすいしょうが メインの しさく"
    assert spell_role("総務省がいちばんの担当") == "総務省が主担当"
    assert spell_role("どめいんの なまえ") == "どめいんの なまえ"  # ドメイン, a word of its own
