"""Follow-ups that point at a list, reworded (issue 18, the phrasing-robustness set): the place words
(「そこから」, 「ここの中で」) point at the list as その中 does; あと and 残った with a count of cards (「あと2件」,
「残ってる3つ」) are the rest of it; 施策 counts cards as つ and 件 do (「この2施策」), and after two cards asked one by one
that count is those two; 「両方とも…省が主管ですか」 asks a ministry's role of each; がらみ names a kind as 関係 does,
and so does 〜に関する / 〜にまつわる where the glossary has the kind's terms; 「残りで〇〇省が主管のものは？」 after
one card is the rest of what it names. Our own wordings; none is a blind set's turn."""

import pytest

from index.conversation import Conversation, Turn, follow_up
from index.assist import _field_rest
from tests.test_conversation_cases import MINISTRY_LEAD_MHLW, MINISTRY_LEAD_NPA, T, assert_followed

CONVERSATIONS = {
    "そこから / ここから point at the list just given": [
        T("警察庁が主担当の施策を全部", MINISTRY_LEAD_NPA),
        T("ここから自動運転に関係するものだけ", ("02-07", "02-08")),
        T("上から2番目のKPIは？", "02-08"),
    ],
    "あと with a count of cards is the rest of the list": [
        T("港湾のデジタル化の施策を全部", ("02-10", "03-43", "03-44")),
        T("AIターミナルのほうはいつまで？", "03-44"),
        T("あと2件の主担当は？", ("02-10", "03-43")),
    ],
    "残ってる with a count after a restriction": [
        T("警察庁が主担当の施策を全部", MINISTRY_LEAD_NPA),
        T("その中で自動運転がらみのは？", ("02-07", "02-08")),
        T("残ってる3つは？", ("02-05", "02-06", "02-09")),
    ],
    "a count in 施策 after two cards asked one by one": [
        T("罹災証明書をコンビニで受け取れるようにする施策は？", "03-18"),
        T("被災者生活再建支援金の申請で添付書類を省く施策は？", "03-21"),
        T("この2施策の主担当は？", ("03-18", "03-21")),
    ],
    "両方とも with a ministry's role, however the sentence ends": [
        T("アクセシビリティ関係の施策を全部", ("07-05", "07-06")),
        T("1番目のKPIは？", "07-05"),
        T("両方とも総務省が主管ですか", ("07-05", "07-06")),
    ],
    "a kind said by がらみ, as by 関係": [
        T("厚生労働省が主担当の施策を全部", MINISTRY_LEAD_MHLW),
        T("そこから災害がらみのは？", "03-21"),
    ],
    "a kind said by a verb, 〜にまつわる, where the glossary knows the kind": [
        T("厚生労働省が主担当の施策を全部", MINISTRY_LEAD_MHLW),
        T("そのうち災害にまつわるものは？", "03-21"),
    ],
    "残りで with a ministry after one card: the rest of that ministry's measures": [
        T("落とし物の届出をネットでできる施策は？", "02-05"),
        T("残りで警察庁が主管のものは？", ("02-06", "02-07", "02-08", "02-09")),
    ],
}


@pytest.mark.parametrize("name", list(CONVERSATIONS))
def test_a_reworded_pointing_follow_up_is_followed(retriever, name):
    assert_followed(retriever, CONVERSATIONS[name])


def _listed() -> Conversation:
    return Conversation().add(Turn("警察庁が主担当の施策を全部", MINISTRY_LEAD_NPA))


@pytest.mark.parametrize("q", ["そこから自動運転のだけ", "そっから自動運転のは？", "ここの中で自動運転のは？"])
def test_the_place_words_point_at_the_list(q):
    fu = follow_up(q, _listed(), _field_rest)
    assert fu.kind == "set" and fu.ids == MINISTRY_LEAD_NPA


def test_a_time_counted_from_there_is_no_pointing():
    # 「そこから何年で」: a time after something, not among the list
    assert follow_up("そこから何年で終わる？", _listed(), _field_rest).words != "そこから"


def test_a_preface_with_ato_is_not_the_rest():
    fu = follow_up("あと一つ聞きたいんだけど、自動運転の施策の担当は？", _listed(), _field_rest)
    assert fu.kind != "rest"


@pytest.mark.parametrize("q, card", [("後者の主担当は？", "05-36"), ("前者のKPIは？", "05-35"),
                                     ("Who leads the latter?", "05-36"), ("And the former one?", "05-35")])
def test_former_and_latter_are_places_in_the_list(q, card):
    two = Conversation().add(Turn("国境を越えるデータ流通の施策は？", ("05-35", "05-36")))
    fu = follow_up(q, two, _field_rest)
    assert fu.kind == "ordinal" and fu.ids == (card,)


def test_the_former_of_a_thing_is_no_place_in_the_list():
    two = Conversation().add(Turn("国境を越えるデータ流通の施策は？", ("05-35", "05-36")))
    assert follow_up("What did the former minister say?", two, _field_rest).kind != "ordinal"


def test_the_conjunction_sokode_is_no_pointing():
    # 「そこで、」: "so, then", a conjunction; the question after it is its own
    assert follow_up("そこで、ドローンの施策の担当は？", _listed(), _field_rest).words != "そこで"
