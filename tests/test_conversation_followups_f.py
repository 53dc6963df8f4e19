"""Follow-ups, sixth batch (issue 18): 「…って話、どの施策？」 asks which one measure a description is (as 「…はどれ？」
does), so the card that holds the asker's detail is the answer and its neighbours are shown below it; and a restriction
of a list by a topic (「そのうち通信インフラの整備は？」) also counts the listed cards of the same kind as one it
counts that are as close in meaning to its words. Our own wordings; none is a blind set's turn."""

import pytest

from index.assist import _same_kind, ask
from index.retrieve.understand import asks_list, with_table_words
from index.text import normalize
from tests.test_conversation_cases import MINISTRY_LEAD_CAO, MINISTRY_LEAD_MHLW, T, assert_followed

MIC_LEADS = ("03-04", "03-07", "03-09", "03-15", "05-30", "06-02", "06-03", "06-11", "07-01", "07-02", "07-03", "07-05",
             "07-06", "07-08", "07-09", "07-10", "07-11")
DISASTER_RELIEF = ("03-18", "03-19", "03-20", "03-21")  # 罹災証明, 被災者台帳, マイナポータル, 支援金: one subject


@pytest.mark.parametrize("q, listed", [("口座の写しを出さずに済むようにする話はどの施策？", False),
                                       ("子ども一人ひとりにタブレットを行き渡らせる話はどの施策？", False),
                                       # 関係機関 is "the bodies concerned", no kind of measure
                                       ("関係機関で災害の情報を共有する仕組みはどれ？", False),
                                       ("物流や港湾のデジタル化はどの施策？", True),  # several things named
                                       ("医療関係の施策はどれ？", True),  # a kind of measure
                                       ("光ファイバを引くのを助けるのはどの施策がある？", True)])  # which ones exist
def test_which_measure_is_one_measure_unless_several_are_said(q, listed):
    assert asks_list(normalize(q)) is listed


def test_a_described_measure_is_the_card_holding_the_detail_with_its_neighbours_below(retriever):
    """The four 被災者 cards share their subject; the detail (口座の写し) is in 03-21's text only: 03-21 answers, the others
    of the subject are shown as related, not counted."""
    a = ask(retriever, "口座の写しを付けずに支援金を申請できるようにする話って、どの施策？")
    assert [h.card.id for h in a.answers] == ["03-21"]
    assert set(DISASTER_RELIEF) - {"03-21"} <= {h.card.id for h in a.related}


CONVERSATIONS = {
    "one measure by its detail, then its fields": [
        T("口座の写しを付けずに支援金を申請できるようにする話って、どの施策？", "03-21"),
        T("主担当は？", "03-21", "内閣府"),
    ],
    "a restriction by topic counts the cards of the same kind": [
        T("総務省が主担当の施策を全部", MIC_LEADS),
        # 07-01 holds 通信 and インフラ; 07-02 (携帯電話のエリア整備) and 07-03 (トンネルの不感区間) are its kind
        T("そのうち通信インフラの整備は？", ("07-01", "07-02", "07-03")),
    ],
    "more of a ministry's measures, no role said: those it leads": [
        T("沖縄のブロードバンド整備の施策は？", "07-04"),
        # 04-02 and 04-03 name 内閣府 among others (◎ 内閣官房): shown below, not counted
        T("ほかに内閣府の施策はある？", tuple(i for i in MINISTRY_LEAD_CAO if i != "07-04")),
    ],
    "more of a ministry's measures but not on the topic just listed": [
        # (not 02-10 港湾: it says neither 信号 nor 管制, and stands in chapter 02 only; decide.topic_held)
        T("交通信号や交通管制をデジタル化する施策を全部", ("02-06", "02-07", "02-08", "02-09")),
        # 02-05 (運転免許) is the one left nearest to 道路交通, yet far from it beside the cards just given
        T("ほかに警察の施策で道路交通じゃないものは？", "02-05"),
    ],
}


@pytest.mark.parametrize("name", list(CONVERSATIONS))
def test_a_sixth_conversation_is_followed_turn_by_turn(retriever, name):
    assert_followed(retriever, CONVERSATIONS[name])


def test_the_same_kind_is_a_pair_as_close_to_the_words(retriever):
    # 07-02 and 07-03 pair with 07-01 (the 重複・類似 score) and are as close to the words as it is
    assert set(_same_kind(retriever, "通信インフラを整備するもの", MIC_LEADS, ["07-01"])) == {"07-02", "07-03"}
    # 03-12 (予防接種) sounds as near to 災害 as 03-21 does, but is no measure of its kind: not added
    assert _same_kind(retriever, "災害に関わるもの", MINISTRY_LEAD_MHLW, ["03-21"]) == ()
    # nothing counted, nothing to add
    assert _same_kind(retriever, "災害に関わるもの", MINISTRY_LEAD_MHLW, []) == ()


def test_centred_closeness_tells_a_cards_own_subject_apart(retriever):
    """Raw e5 cosines of one plan sit close together; with the table's mean direction taken out, the card a phrase
    is about stands clear of the others."""
    at = {c.id: k for k, c in enumerate(retriever.stored.cards)}
    ids = ["03-42", "05-32", "03-41", "07-03"]
    close = retriever.dense.centred_closeness(retriever.dense.query_vector(with_table_words("鉄道トンネルの携帯電話")),
                                              [at[i] for i in ids])
    assert close is not None and ids[int(close.argmax())] == "07-03"
    assert close.max() - sorted(close)[-2] > 0.1
