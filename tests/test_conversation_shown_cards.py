"""Follow-ups about the cards just answered (issue 18, round 16): a field asked with words of the card that the card
writes otherwise (役場 for its 地方公共団体, クラウド型 for its クラウド化), the 条 marks asked by the law they are
articles of (基本法の何条), what a measure makes possible (何ができるようになる → its 可能とする sentence), and one card
of a list picked by a description: in English ("Which one is about …, when …?") and in Japanese when no listed card
holds every word of it (the one that holds the most). Each wording here is our own, none is a blind set's turn."""

import pytest

from index.assist import _field_rest
from index.conversation import Conversation, Turn, follow_up
from tests.test_conversation_cases import MINISTRY_LEAD_CAO, MINISTRY_LEAD_MLIT, T, assert_followed

CONVERSATIONS = {
    "an everyday word for the table's term, and the field of the card just answered": [
        T("罹災証明をデジタル化する施策", "03-18"),
        T("役場が共同で使うシステムはいつ整備？", "03-18", "令和3年度(2021年度)中"),
    ],
    "a compound the card writes with another ending (クラウド型 for クラウド化)": [
        T("被災者台帳の施策", "03-19"),
        T("クラウド型はいつから運用？", "03-19", "令和4年度"),
    ],
    "the articles of the basic law are the card's 条 marks": [
        T("不動産IDのルールを整備する施策", "05-34"),
        T("デジタル社会形成基本法の何条に関係する？", "05-34", "12条"),
    ],
    "the articles of the basic law, asked in English": [
        T("不動産IDのルールを整備する施策", "05-34"),
        T("Which article of the Basic Act is it under?", "05-34", "12条"),
    ],
    "where a measure stands under the basic law is its 条 marks": [
        T("不動産IDのルールを整備する施策", "05-34"),
        T("基本法上の位置づけは？", "05-34", "12条"),
    ],
    "what a measure makes possible, asked in English, is said from its overview": [
        T("警察のシステムの共通基盤の施策", "02-05"),
        T("What does it make possible?", "02-05", "遺失届"),
    ],
    "the track record so far is the progress KPI": [
        T("罹災証明をデジタル化する施策", "03-18"),
        T("これまでの実績は？", "03-18", "被災者支援に関する説明会"),
    ],
    "who benefits is said in the overview": [
        T("罹災証明をデジタル化する施策", "03-18"),
        T("Who benefits?", "03-18", "地方公共団体"),
    ],
    "how many are left, asked with どれくらいの and a counter, is a number of the card (not the rest of the list)": [
        T("内閣府が主担当の施策を全部", MINISTRY_LEAD_CAO),
        T("その中で沖縄のは？", "07-04"),
        T("残りどれくらいの市町村で整備するの？", "07-04", "残り6市町村"),
    ],
    "what a measure makes possible is its 可能とする sentence": [
        T("警察のシステムの共通基盤の施策", "02-05"),
        T("オンライン化で何が可能になるの？", "02-05", "遺失届"),
    ],
    "one card of a list picked by an English description, then its field": [
        T("国土交通省が主担当の施策を全部", MINISTRY_LEAD_MLIT),
        T("Which one is about real estate IDs — when does it start?", "05-34", "令和4年度"),
    ],
    "one card of a list picked by a description after 'the one covering'": [
        T("国土交通省が主担当の施策を全部", MINISTRY_LEAD_MLIT),
        T("The one covering real estate IDs: when does it start?", "05-34", "令和4年度"),
    ],
    "one card of a list picked by 'which of them is', by the glossary's terms for its English words": [
        T("国土交通省が主担当の施策を全部", MINISTRY_LEAD_MLIT),
        T("Which of them is about AI at container terminals?", "03-44"),
    ],
    "one card of a list picked by 「どれが…？」": [
        T("国土交通省が主担当の施策を全部", MINISTRY_LEAD_MLIT),
        T("どれが不動産IDの話？", "05-34"),
    ],
    "one card of a list picked by the description's words when no card holds them all": [
        T("国土交通省が主担当の施策を全部", MINISTRY_LEAD_MLIT),
        T("登記の番号のルールの共通化のやつは？", "05-34"),
    ],
}


@pytest.mark.parametrize("name", list(CONVERSATIONS))
def test_a_follow_up_about_the_cards_shown(retriever, name):
    assert_followed(retriever, CONVERSATIONS[name])


@pytest.mark.parametrize("q, field", [("実績は？", "kpi_progress"), ("Who benefits?", "overview"), ("Who can use it?", "overview"),
                                      ("誰が得するの？", "overview"), ("基本法上の位置づけは？", "marks"),
                                      ("What does it make possible?", "overview")])
def test_a_field_said_in_other_words(q, field):
    """The track record (実績) is the progress KPI; who benefits and what it makes possible, the overview; the place
    under the basic law, the 条 marks."""
    from index.assist import follow_up_field

    f = follow_up_field(q)
    assert f is not None and f.field == field


@pytest.mark.parametrize("q, field", [("How much of the area is targeted?", "kpi"), ("What is targeted?", "kpi"),
                                      ("How much does it cost?", "budget"), ("How much money is spent?", "budget")])
def test_how_much_is_money_unless_it_asks_what_is_targeted(q, field):
    """"How much …" asks the budget, unless it asks how much a KPI aims at ("… is targeted")."""
    from index.assist import field_asked

    f = field_asked(q)
    assert f is not None and f.field == field


@pytest.mark.parametrize("q, kind, described", [
    ("Which one targets small firms — what's its KPI?", "pick", "targets small firms"),
    ("Which measure covers ports, and who leads it?", "pick", "covers ports"),
    ("Which of these is for small firms?", "pick", "is for small firms"),
    ("The one aimed at small firms — who leads it?", "pick", "small firms"),
    ("What's the KPI of the one that covers ports?", "pick", "covers ports"),
    ("どれが港湾の話？", "fresh", "港湾の話"),
    ("Which ones involve MIC?", "set", ""),
    ("Which of those does MIC take part in?", "set", ""),
    ("Which one has the earliest deadline?", "set", ""),
    ("Which one is not led by MIC?", "set", "")])
def test_which_one_picks_a_card_and_which_ones_restricts(q, kind, described):
    """"Which one …", "the one aimed at …", 「どれが…？」 after a list pick one card of it by the description; "Which
    ones …" and a ministry's role restrict the list; a superlative or a negation is not a description."""
    conv = Conversation().add(Turn("国土交通省が主担当の施策を全部", MINISTRY_LEAD_MLIT))
    fu = follow_up(q, conv, _field_rest)
    assert (fu.kind, fu.described) == (kind, described)
    if kind == "pick":
        assert fu.count == 1
