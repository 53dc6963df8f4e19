"""Restrictions of a list by whom or what its measures are for (issue 18, the その中 family): 「そのうちマイナンバーか
マイナポータルが出てくるのは？」 is every card of the list whose text says either (03-19 says マイナンバー, though the search
finds it nearer to neither); 「小中学校向けのもの」 and 「大学や高度人材向けのは」 are the cards whose text says whom they are
for (学校 for 小中学校; 大学, or 高度 and 人材, for the other; 子供 or 児童, the glossary's terms, for 小中学生), not those
the search finds near the words; 「博士人材を対象にしている」 says whom as 「博士人材向け」 does. A kind (「人材系」) and
two things joined by と are read by other rules. 「警察庁のはどれ？」 right after a list is which of them (その中 left
unsaid) when the words pick some of its cards by their text or lead. Our own wordings; none is a blind set's turn."""

import pytest

from index.assist import _either_terms
from tests.test_conversation_cases import MINISTRY_LEAD_CAO, MINISTRY_LEAD_MEXT, T, assert_followed

CONVERSATIONS = {
    "either of two things, by the cards' text": [
        T("内閣府が主担当の施策を全部", MINISTRY_LEAD_CAO),
        T("そのうちマイナンバーかマイナポータルが出てくるのは？", ("03-19", "03-20", "03-21")),
    ],
    "one thing the search finds in fewer cards than say it": [
        T("内閣府が主担当の施策を全部", MINISTRY_LEAD_CAO),
        # 03-21 says 「マイナポータルと連携した…システムの活用」 in its overview
        T("その中でマイナポータルを活用するものは？", ("03-20", "03-21")),
    ],
    "whom the measures are for: schools": [
        T("文部科学省が主担当の施策を全部", MINISTRY_LEAD_MEXT),
        T("そのうち小中学校向けのものは？", ("03-01", "03-03", "03-05", "03-06", "06-09")),
    ],
    "whom the measures are for: universities or advanced talent": [
        T("文部科学省が主担当の施策を全部", MINISTRY_LEAD_MEXT),
        # 06-07 says 大学; 06-08 and 06-10 say 高度 and 人材; 03-05 and 06-09 only sound near
        T("その中で大学や高度人材向けのは？", ("06-07", "06-08", "06-10")),
    ],
    "either of two, one of which no card of the list says": [
        T("内閣府が主担当の施策を全部", MINISTRY_LEAD_CAO),
        # no card of the list says 障害者; 03-18 to 03-21 say 被災者: those for either
        T("そのうち被災者や障害者向けのものは？", ("03-18", "03-19", "03-20", "03-21")),
    ],
    "whom, in a person's word the glossary gives the table's terms for": [
        T("文部科学省が主担当の施策を全部", MINISTRY_LEAD_MEXT),
        # 小中学生 is in no card; the glossary gives 子供 and 児童 for it (03-05 says 子供, 03-06 児童生徒)
        T("その中で小中学生向けの施策はどれ？", ("03-01", "03-03", "03-05", "03-06", "06-09")),
    ],
    "whom, said with を対象に": [
        T("文部科学省が主担当の施策を全部", MINISTRY_LEAD_MEXT),
        T("そのうち博士人材を対象にしている施策は？", "06-10"),
    ],
    "which of them, その中 left unsaid: words some cards of the list say": [
        T("警察庁が主担当の施策を全部", ("02-05", "02-06", "02-07", "02-08", "02-09")),
        # 02-07 and 02-08 say 自動運転; 02-05 and 02-06 only sound near it
        T("自動運転が絡むのはどれ？", ("02-07", "02-08")),
    ],
    "which of them, その中 left unsaid: a ministry that leads some": [
        T("内閣府が主担当の施策を全部", MINISTRY_LEAD_CAO),
        # 03-21 is led by 内閣府, 内閣官房 and 厚生労働省 (◎ each)
        T("厚労省のはどれ？", "03-21"),
    ],
    "a question the list's cards do not answer by their words stays one of its own": [
        T("内閣府が主担当の施策を全部", MINISTRY_LEAD_CAO),
        T("テレワークに関係するのはどれ？", "04-03"),
    ],
}


@pytest.mark.parametrize("name", list(CONVERSATIONS))
def test_a_restriction_keeps_the_cards_whose_text_says_it(retriever, name):
    assert_followed(retriever, CONVERSATIONS[name])


@pytest.mark.parametrize("words, terms, for_whom", [
    ("マイナンバーかマイナポータルを使うやつは?", ["マイナンバー", "マイナポータル"], False),
    ("障害者や高齢者向けのものは?", ["障害者", "高齢者"], True),
    ("大学とか高度人材向けは?", ["大学", "高度人材"], True),
    ("博士人材を対象にしてるのは?", ["博士人材"], True),
    ("障害者と高齢者向けのものは?", ["障害者", "高齢者"], True),  # for either: と too, when it says whom
    ("マイナンバーとマイナポータルを使うのは?", [], False),  # と between two things: maybe both
    ("人材系は?", [], False),  # a kind: read by the chapter and glossary rules
    ("総務省と経産省の両方が関わるのは?", [], False),  # と: both, not either
])
def test_the_things_a_restriction_names(words, terms, for_whom):
    assert _either_terms(words) == (terms, for_whom)
