"""Session 57 (round 29): memo-style and chat-style ministry questions read as slots.

- A ministry's short name run on into its role, with no 省 and no particle (「文科主担当の施策 全件」, 「うち総務主担当」,
  「うち経産関与」), names the ministry: before, the short name was read only as a word of its own, so these found no
  card, or read 主担当 as the field asked of every card just listed.
- 「主担当じゃないのも」 (the non-lead ones too) lets the role go, as 「主担当でなくても」 does.
- A chat's call for attention before the question (「ねえ」, 「あのさ」, 「えっと」) is no topic (ねえ alone read as 姉),
  and neither is 「あと、」 / 「それと、」 before a question of its own (「あと、学校の先生が…」 ranked a card by 後).
Our own wordings beside the blind sets' (dev41 x009 x006 x011 x035), in memo, casual, polite and kana styles."""

import pytest

from index.retrieve.ministries import find_names
from tests.test_conversation_cases import MINISTRY_LEAD_MEXT, MINISTRY_LEAD_METI, MINISTRY_LEAD_NPA, T, assert_followed

SECURITY_TALENT = ("06-01", "06-03", "06-05", "06-06", "06-11")
NPA_NAMED = MINISTRY_LEAD_NPA + ("04-02",)

LEAD_LISTS = {
    "文科主担当 全件, memo": ("文科主担当の施策 全件", MINISTRY_LEAD_MEXT),
    "経産主担当 全部, memo": ("経産主担当 全部", MINISTRY_LEAD_METI),
    "文科メイン, casual": ("文科メインのやつ全部教えて", MINISTRY_LEAD_MEXT),
    "文科省主担当, the 省 form as before": ("文科省主担当の施策を全部", MINISTRY_LEAD_MEXT),
}

CONVERSATIONS = {
    # the lead among the cards just listed, said as a memo (x006)
    "うち総務主担当": [
        T("セキュリティ人材育成系 一覧", SECURITY_TALENT),
        T("うち総務主担当", ("06-03", "06-11"), "◎総務省"),
    ],
    "そのうち経産主担当のもの": [
        T("セキュリティ人材育成系 一覧", SECURITY_TALENT),
        T("そのうち経産主担当のもの", ("06-05", "06-06")),
    ],
    # involvement among them, as a memo: the ministry in any role (x011)
    "うち経産関与": [
        T("セキュリティ人材育成系 一覧", SECURITY_TALENT),
        T("うち経産関与", ("06-01", "06-05", "06-06")),
    ],
}

INVOLVED = {
    # the non-lead ones too, said after the request (x035), with a call for attention first
    "主担当じゃないのも, casual with ねえ": "ねえ警察庁が絡んでるの全部ちょうだい、主担当じゃないのも",
    "主担当じゃないものも含めて, polite": "警察庁が関わっている施策を、主担当じゃないものも含めてすべて教えてください",
    "◎じゃないやつも, casual": "警察庁が入ってるやつ全部、◎じゃないやつも",
    "あのさ, a call for attention": "あのさ 警察庁が関わってる施策ぜんぶ、主担当じゃないのも",
}


@pytest.mark.parametrize("name", list(LEAD_LISTS))
def test_a_short_name_run_on_into_the_lead(retriever, name):
    q, expected = LEAD_LISTS[name]
    assert_followed(retriever, [T(q, expected)])


@pytest.mark.parametrize("name", list(CONVERSATIONS))
def test_a_short_name_among_the_cards_just_listed(retriever, name):
    assert_followed(retriever, CONVERSATIONS[name])


@pytest.mark.parametrize("name", list(INVOLVED))
def test_the_non_lead_ones_too(retriever, name):
    assert_followed(retriever, [T(INVOLVED[name], NPA_NAMED)])


@pytest.mark.parametrize("text, names", [
    ("文科主担当の施策", ["文部科学省"]),
    ("うち経産関与", ["経済産業省"]),
    ("総務所管のもの", ["総務省"]),
    ("総務課の職員向け", []),  # an office of any body, not the ministry
    ("警察署への届出", []),
    ("警察関係のデジタル化", []),  # the police as a subject, not the cards 警察庁 takes part in
])
def test_short_names_before_a_role(text, names):
    lexicon = {"文科": "文部科学省", "経産": "経済産業省", "総務": "総務省", "警察": "警察庁"}
    assert find_names(text, lexicon)[0] == names


CONVERSATIONS_AND = {
    # 「あと、」 before a question with its own subject: that subject, not a word to search (dev39 z921)
    "あと、 a new subject after a card": [
        T("学校の外で、地域の子どもたちがプログラミングを学べる場を広げる施策ってありますか？", "07-09"),
        T("あと、学校の先生がICTを使って教えられるようにする取り組みは？", "06-09"),
    ],
    "それと、 polite": [
        T("学校の外で、地域の子どもたちがプログラミングを学べる場を広げる施策ってありますか？", "07-09"),
        T("それと、教員がICTを活用して指導する力を高める施策はありますか。", "06-09"),
    ],
    # … and 「あと、」 before a field still asks it of the card just answered
    "あと、 a field of the same card": [
        T("学校の外で、地域の子どもたちがプログラミングを学べる場を広げる施策ってありますか？", "07-09"),
        T("あと、担当は？", "07-09", "総務省"),
    ],
}


@pytest.mark.parametrize("name", list(CONVERSATIONS_AND))
def test_and_before_the_next_question(retriever, name):
    assert_followed(retriever, CONVERSATIONS_AND[name])


MANNER = {
    # a noun said as the manner of what is asked (自由に) names no other card, though one card alone writes it (dev24v
    # a036b: 05-35's 自由な流通 took the follow-up away from 03-42)
    "自由にダウンロード after 03-42": [
        T("話は変わりますが、筆ポリゴンとは？", "03-42"),
        T("一般の人も自由にダウンロードできるの？", "03-42"),
    ],
    # … while a term one card alone writes still names that card (dev40 y040, 反則金 in 02-05 only)
    "はんそくきん after 02-09": [
        T("目の見えない人が横断歩道を渡るときの信号の施策は？", "02-09"),
        T("あと はんそくきん ねっとで はらえるように なるの", "02-05"),
    ],
}


@pytest.mark.parametrize("name", list(MANNER))
def test_a_word_one_card_writes(retriever, name):
    assert_followed(retriever, MANNER[name])


@pytest.mark.parametrize("japanese, english", [
    ("直前の施策（03-08、03-09）のうち、第3章以外の 1 件です。",
     "Of the measures just answered (03-08, 03-09), outside chapter 3: 1."),
    ("列の読み取れない印しかない 2 件は、どの条・手引の列の印か表からは決められないため含めていません: 02-06、02-08。",
     "The 2 measures with only marks whose column the table does not let us place are not counted: 02-06, 02-08."),
])
def test_this_rounds_notes_in_english(japanese, english):
    # an English question gets this round's new notes in English too (the page showed them in Japanese)
    from index import english as en
    assert en.translate(japanese) == english


def test_each_name_and_lead_is_one_table_of_three_columns(retriever):
    # 「それぞれの施策名と主担当」: the name asked is the table's own 施策名 column (it was shown twice, dev40 y021)
    from tests.test_conversation_cases import play
    turns = [T("条・手引の印のうち、市町村の欄に印が付いている施策を教えていただけますか。", ("03-43", "07-02")),
             T("それぞれの施策名と主担当をお願いいたします。", ("03-43", "07-02"))]
    answer = list(play(retriever, turns))[-1][1]
    assert answer.table[0] == ["施策番号", "施策名", "主担当"]
    assert [row[2] for row in answer.table[1:]] == ["国土交通省", "総務省"]
