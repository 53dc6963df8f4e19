"""Follow-ups about the cards just answered (issue 18, round 16): a field asked with words of the card that the card
writes otherwise (役場 for its 地方公共団体, クラウド型 for its クラウド化), the 条 marks asked by the law they are
articles of (基本法の何条), what a measure makes possible (何ができるようになる → its 可能とする sentence).
Each wording here is our own, none is a blind set's turn."""

import pytest

from tests.test_conversation_cases import T, assert_followed

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
    "what a measure makes possible is its 可能とする sentence": [
        T("警察のシステムの共通基盤の施策", "02-05"),
        T("オンライン化で何が可能になるの？", "02-05", "遺失届"),
    ],
}


@pytest.mark.parametrize("name", list(CONVERSATIONS))
def test_a_follow_up_about_the_cards_shown(retriever, name):
    assert_followed(retriever, CONVERSATIONS[name])
