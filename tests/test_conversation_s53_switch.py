"""A new subject in the middle of a conversation (session 53): after 「話変わるけど」, 「別件ですが」, "Separate
question:" the question is answered as it would be as a first turn, so its own subject must be read in the words a
person uses for it, in any script. Those words reach the table through the glossary: a doctor seen 「画面越し」
(がめん ごし, over a screen) is the table's 遠隔診療 / オンライン診療 (03-14), not the health-data sharing card (03-09)
whose words 医療 and 仕組み the question also says; a video call with a doctor is the same in English; BVLOS (beyond
visual line of sight) over populated areas is the table's 目視外飛行 in 有人地帯 (04-02), not the rural mobile
coverage card that "areas" drew (07-02); a タブレット is a kind of 端末 (03-01's 1人1台端末), without saying which
pupils' (「教科書がタブレットになる」 stays the digital textbook, 03-06). Our own wordings; none is a blind set's turn."""

import pytest

from tests.test_conversation_cases import T, assert_followed

CONVERSATIONS = {
    "a switch to a doctor seen over a screen, in spaced kana": [
        T("05-32の担当は", "05-32"),
        T("はなし かわる けど びょういん に いかずに がめん ごし で しんさつ して もらえる ように なりますか", "03-14"),
        T("だれ が たんとう です か", "03-14", "厚生労働省"),
    ],
    "a doctor seen over a screen, casual": [
        T("画面越しでお医者さんにみてもらえるやつってある？", "03-14"),
    ],
    "a doctor seen over a screen, kana run together": [
        T("がめんごしにおいしゃさんとはなせるしくみある？", "03-14"),
    ],
    "a doctor on a video call, in English": [
        T("Can I see a doctor over a video call instead of going to the clinic?", "03-14"),
    ],
    "a switch to BVLOS drone flights, in English": [
        T("What is the CYDER program?", "06-03"),
        T("Separate question: when will BVLOS flights over populated areas be allowed?", "04-02", "令和4年度"),
        T("who leads it?", "04-02", "内閣官房"),
    ],
    "beyond visual line of sight over inhabited areas, spelt out": [
        T("What's the timeline for beyond-visual-line-of-sight drone flights over inhabited areas?", "04-02"),
    ],
    "a drone startup's BVLOS question after a switch": [
        T("Which measure is about telework?", "04-03"),
        T("unrelated - we run a drone delivery startup. when does BVLOS over populated areas become legal?", "04-02"),
    ],
    "目視外 over where people are, in Japanese": [
        T("ドローンを目視外で人のいる地域の上空に飛ばせるのはいつから？", "04-02"),
    ],
    "a child's tablet is the one-device-per-pupil measure": [
        T("子どものタブレットは国が配っているんですか？", "03-01"),
    ],
    "a tablet handed out at school": [
        T("03-12のKPIは", "03-12"),
        T("話変わるけど、学校で配られたタブレットはどの施策ですか", "03-01"),
    ],
    "a textbook that becomes a tablet is still the digital textbook": [
        T("教科書がタブレットになるって聞いたけど、いつから？", "03-06"),
    ],
}


@pytest.mark.parametrize("name", list(CONVERSATIONS))
def test_a_new_subject_is_read_in_the_words_people_use(retriever, name):
    assert_followed(retriever, CONVERSATIONS[name])
