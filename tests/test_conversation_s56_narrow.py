"""その中 / そのうち narrowing a shown list by what its cards say (session 56): who a measure is for (地方公共団体の
職員), what stage it is at (already begun, by its 工程表), and which words its cells hold, a compound held whole
(自動運転, not 02-05's 運転免許). Our own wordings of the requests, in polite, casual, kana and English styles; none
is a blind set's turn."""

import pytest

from tests.test_conversation_cases import MINISTRY_LEAD_MEXT, MINISTRY_LEAD_NPA, T, assert_followed

SECURITY_PEOPLE = ("06-01", "06-03", "06-05", "06-06", "06-11")
PORTS = ("02-10", "03-43", "03-44")
SELF_DRIVING = ("02-07", "02-08")

CONVERSATIONS = {
    "self-driving among the police's measures, kanji": [
        T("警察庁が主担当の施策を全部", MINISTRY_LEAD_NPA),
        T("その中で自動運転に関するものは？", SELF_DRIVING),
    ],
    "self-driving among the police's measures, kana": [
        T("けいさつちょうがしゅたんとうのしさくをぜんぶおしえて", MINISTRY_LEAD_NPA),
        T("そのうちじどううんてんのやつは", SELF_DRIVING),
    ],
    "self-driving among the police's measures, polite": [
        T("警察庁が主担当となっている施策をすべてお示しください。", MINISTRY_LEAD_NPA),
        T("そのうち、自動運転に関係する施策はどれでしょうか。", SELF_DRIVING),
    ],
    "self-driving among the police's measures, English": [
        T("List all measures led by the National Police Agency (警察庁).", MINISTRY_LEAD_NPA),
        T("Which of those relate to self-driving?", SELF_DRIVING),
    ],
    "already begun among the port measures": [
        T("港湾関係の施策を全部", PORTS),
        T("その中ですでに運用が始まっているものは？", "03-43"),
    ],
    "already begun among the port measures, casual": [
        T("港湾関係の施策を全部", PORTS),
        T("そのうちもう動いてるのは？", "03-43"),
    ],
    "self-driving after the first of the list was asked about": [
        T("警察庁が主担当の施策はいくつある？", MINISTRY_LEAD_NPA),
        T("1番目のは何？", "02-05"),
        T("その中で自動運転のはどれ？", SELF_DRIVING),
    ],
    "self-driving after the first of the list was asked about, kana": [
        T("けいさつちょうがしゅたんとうのしさくはいくつ", MINISTRY_LEAD_NPA),
        T("さいしょのはなに", "02-05"),
        T("そのなかでじどううんてんのは", SELF_DRIVING),
    ],
    "already set going among the port measures": [
        T("港湾関係の施策を全部", PORTS),
        T("その中でもう動き出してるのある？", "03-43"),
    ],
    "already started, English": [
        T("港湾に関する施策を全部", PORTS),
        T("Which of those are already up and running?", "03-43"),
    ],
    "already started, English, said by the start": [
        T("港湾に関する施策を全部", PORTS),
        T("Which of them have already started operating?", "03-43"),
    ],
    "already set going, kana": [
        T("こうわんかんけいのしさくをぜんぶ", PORTS),
        T("そのなかでもううごきだしてるのは", "03-43"),
    ],
    "already set going, polite": [
        T("港湾分野の施策をすべて教えていただけますか。", PORTS),
        T("その中で、既に始動しているものはございますか。", "03-43"),
    ],
    "local government staff among the security people measures": [
        T("サイバーセキュリティ人材の育成に関する施策を全部", SECURITY_PEOPLE),
        T("その中で自治体職員向けのものは？", "06-03"),
    ],
    "local government staff, polite": [
        T("サイバーセキュリティ人材を育てる施策をすべて教えてください。", SECURITY_PEOPLE),
        T("そのうち、地方公共団体の職員を対象としているものはどれでしょうか。", "06-03"),
    ],
    "local government staff, English": [
        T("サイバーセキュリティ人材の育成に関する施策を全部", SECURITY_PEOPLE),
        T("Which of those are aimed at local government staff?", "06-03"),
    ],
    "universities and doctoral people among MEXT's": [
        T("文部科学省が主担当の施策を全部", MINISTRY_LEAD_MEXT),
        T("その中で大学や博士課程の人が対象のものは？", ("06-07", "06-10")),
    ],
    "local government staff, casual, then the figures of this year": [
        T("サイバーセキュリティ人材の育成に関する施策を全部", SECURITY_PEOPLE),
        T("そのなかで自治体の職員も対象に入ってるのある？", "06-03"),
        T("今年度の規模は？", "06-03", "100回"),
    ],
    "local government staff, said as 地方公共団体の職員向け": [
        T("セキュリティ人材を育てる施策を全部挙げて", SECURITY_PEOPLE),
        T("そのうち地方公共団体の職員向けは？", "06-03"),
    ],
    "universities and doctoral people, 人材が対象": [
        T("文部科学省が主担当の施策をすべて教えていただけますか。", MINISTRY_LEAD_MEXT),
        T("その中で、大学や博士課程の人材を対象にしているものはどれですか。", ("06-07", "06-10")),
    ],
    "universities and doctoral people, とか": [
        T("文科省が主担当の施策を全部", MINISTRY_LEAD_MEXT),
        T("そのうち大学とか博士の人向けのは？", ("06-07", "06-10")),
    ],
}


@pytest.mark.parametrize("name", list(CONVERSATIONS))
def test_a_shown_list_is_narrowed_by_what_its_cards_say(retriever, name):
    assert_followed(retriever, CONVERSATIONS[name])
