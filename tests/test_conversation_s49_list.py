"""Lists asked in the wordings people type (session 49): 施策 typed 「せさく」 (its common misreading) is 施策 as
「しさく」 is, so a ministry's list typed in kana is that ministry's list; an English turn that opens with "ok then",
"okay so", "so," asks its own question (those words join it to the conversation, they are no topic); and
「〇〇省が主担当のやつはぜんぶ」 after one card asks for every card the words describe, not for the one card shown below
the answer that fits them; 港 written alone before another noun (「港関係」, 「港まわり」) is the glossary's 港 (港湾)
as 「港の」 is, and a question whose everyday word is one kanji and a particle no card writes (港の) is read in the
table's terms by the no-answer model too; 「それぞれ」 in a restriction (「残りの警察庁のものは、それぞれ何という施策？」)
asks something of each card and names no topic; 「目標が令和7年度までのもの」 says the goal first and the year its date,
as 「令和7年度までの目標」 does (not every milestone up to the year). Our own wordings; none is a blind set's turn."""

import pytest

from tests.test_conversation_cases import (MINISTRY_LEAD_CAO, MINISTRY_LEAD_MLIT, MINISTRY_LEAD_NPA, T,
                                           assert_followed)

PORTS = ("02-10", "03-43", "03-44")
GOALS_2025 = ("03-06", "04-03", "06-01", "06-05")  # the cards whose goals are dated 令和7年度 (2025年度)

CONVERSATIONS = {
    "a ministry's list with 施策 typed せさく": [
        T("こっこうしょうが主担当のせさくをぜんぶおしえて", MINISTRY_LEAD_MLIT),
    ],
    "ok then, in English, a ministry's whole list": [
        T("who leads 03-43?", "03-43"),
        T("ok then list every measure where 警察庁 is the lead", MINISTRY_LEAD_NPA),
    ],
    "okay so, in English, the Cabinet Office's list": [
        T("okay so which measures does the Cabinet Office lead? list them all", MINISTRY_LEAD_CAO),
    ],
    "so, the Cabinet Office's list": [
        T("so, all measures where 内閣府 is lead?", MINISTRY_LEAD_CAO),
    ],
    "「〇〇省が主担当のやつ」 with ぜんぶ after one card": [
        T("港湾物流のサイバーポートについて教えてください", "03-43"),  # (サイバーポート alone names 02-10 too: s52)
        T("じゃあ国土交通省が主担当のやつはぜんぶでどれ？", MINISTRY_LEAD_MLIT),
    ],
    "ports said 「港関係」: 港 read alone is the glossary's 港湾": [
        T("港関係の施策を全部おしえて", PORTS),
    ],
    "more on ports after one port card, said 「港まわり」": [
        T("03-44の担当はどこ？", "03-44"),
        T("港まわりでほかにある施策は？", ("02-10", "03-43")),
    ],
    "ports said 「港の」, one kanji and a particle no card writes, is answered": [
        T("港の施策はある？", "02-10"),
    ],
    "それぞれ asks something of each card, no topic: the rest of a ministry's list": [
        T("警察庁が主担当の施策をぜんぶ", MINISTRY_LEAD_NPA),
        T("1つ目の担当は？", "02-05"),
        T("残りの警察庁のものは、それぞれ何という施策？", ("02-06", "02-07", "02-08", "02-09")),
    ],
    "それぞれ in a restriction by the ministry that leads every one of them": [
        T("警察庁が主担当の施策をぜんぶ", MINISTRY_LEAD_NPA),
        T("その中で警察庁のはそれぞれ何という施策？", MINISTRY_LEAD_NPA),
    ],
    "the goal said before its year: 「目標が令和7年度までのもの」 is 「令和7年度までの目標」": [
        T("KPIの目標が令和7年度までのものを全部", GOALS_2025),
    ],
    "the same, the year in 西暦": [
        T("目標が2025年度までの施策はどれ？全部", GOALS_2025),
    ],
}


@pytest.mark.parametrize("name", list(CONVERSATIONS))
def test_a_list_asked_as_people_type_it(retriever, name):
    assert_followed(retriever, CONVERSATIONS[name])
