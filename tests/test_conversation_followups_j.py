"""Follow-ups after a right opening answer (session 15): a follow-up that asks for no measure and that the table as a
whole answers with no card for certain goes on about the card just answered (unless the search's guess is named by a
word of the question that card lacks); 「…も書いてある？」 asks what the card says (the ある of 〜てある is no measure
asked for), and 事業 inside a compound (実証事業) is a thing the card does; a remark naming a topic, then 「施策として
ありますか」, asks about that topic; "they" right after one card of a list was discussed are the people running that
card, and "Also, about drones — …" moves to drones; "this program" points at the card as 「この事業」 does; the
ministries asked by 「関係する省庁」, 「involved な省庁」, 「誰の担当」, 「どこがやっとる」 (〜とる: 〜ている in western speech), a bare 「…の関係省庁」; 「国は何をしているの」 is
what the government does on the subject (each of its measures, with what they do); a card named by its number with
「数値目標」 is that card's KPI, not the cards with a target; "how many devices" is counted as the card writes it (台).
Our own wordings; none is an evaluation turn."""

import pytest

from tests.test_conversation_cases import T, assert_followed

CONVERSATIONS = {
    "a follow-up the table answers no card for goes on about the card just answered": [
        T("罹災証明の手続をデジタル化する施策は？", "03-18"),
        T("家のスマホから申し込めるようになる？", "03-18"),
    ],
    "the same in English": [
        T("Is there a measure to digitise disaster damage certificates?", "03-18"),
        T("Will residents be able to pick the certificate up at a convenience store?", "03-18", "コンビニ"),
    ],
    "a guess named by a word the card just answered lacks is a new question": [
        T("テレワークを広める施策は？", "04-03"),
        T("ドローンの目視外飛行はいつから？", "04-02"),
    ],
    "an English follow-up that opens with 'also, about …' moves to that topic": [
        T("Is there a measure to digitise disaster damage certificates?", "03-18"),
        T("Also, about drones, when will flights beyond the pilot's sight over populated districts become legal?", "04-02",
          "令和4年度"),
    ],
    "what the card says, asked with 〜てある": [
        T("被災者台帳の施策は？", "03-19"),
        T("クラウド化のことも書いてありますか", "03-19", "クラウド化"),
    ],
    "事業 inside a compound is a thing the card does": [
        T("学習者用のデジタル教科書を広める施策は？", "03-06"),
        T("実証事業はいつまで？", "03-06"),
    ],
    "a remark naming the topic, then whether there is a measure": [
        T("PHRって個人の健康記録のことですよね。施策としてはありますか", "03-07"),
    ],
    "they, right after one card of a list was discussed": [
        T("Which measures are led by the National Police Agency?", ("02-05", "02-06", "02-07", "02-08", "02-09")),
        T("What's the effect KPI of the third one?", "02-07"),
        T("When do they plan to build the model system?", "02-07", "令和4年度(2022年度)"),
    ],
    "this program, pointed at": [
        T("Is there a program that trains doctoral students as data experts?", "06-10"),
        T("What is the total yearly cost of this initiative?", "06-10"),
    ],
    "the ministries asked in other words": [
        T("05-31に関係する省庁をすべて", "05-31", "法務省"),
        T("04-03 に involved な省庁は？", "04-03", "厚生労働省"),
        T("04-02の関係省庁", "04-02", "消防庁"),
        T("8Kの映像を医療に使うのは誰の担当？", "03-15", "◎総務省"),
        T("テレワークの施策はどこがやっとる？", "04-03", "◎内閣官房"),
    ],
    "what the government does on a subject": [
        T("テレワークについて国は何をしているんですか", "04-03", "テレワーク・デイズ"),
    ],
    "a card's numeric target, the card named by its number": [
        T("07-08の数値目標を知りたい", "07-08", "デジタル活用支援員の人数"),
    ],
}


@pytest.mark.parametrize("name", list(CONVERSATIONS))
def test_a_follow_up_after_a_right_opening_is_followed(retriever, name):
    assert_followed(retriever, CONVERSATIONS[name])
