"""Follow-ups that drop their subject and ask a field of the card just answered in words the chat did not read as a
field (issue 18, round 15): the value a KPI starts from (基準値, "baseline"), what a KPI measures ("measuring"), what a
field's words mean (定義), the law a measure rests on (根拠), how many of something are left (残り何市町村 — a number
of the card, not the rest of the list, even with a date in the question), a count noun the card writes as a number
with its counter (導入校数 → 「約3000校」), and a concern said in words of the ministry's own name before asking
whether that ministry takes part. Each wording here is our own, none is a blind set's turn."""

import pytest

from index.assist import _commented_topic, _field_rest, coordinated_topics
from index.conversation import Conversation, Turn, follow_up
from tests.test_conversation_cases import MINISTRY_LEAD_CAO, T, assert_followed

CONVERSATIONS = {
    "the baseline of a KPI is in its cell": [
        T("デジタル教科書を使っている学校の割合を上げる施策は？", "03-06"),
        T("基準値はいくつ？", "03-06", "8.2%"),
    ],
    "what a measure is measuring, asked in English": [
        T("Is there a program of digital helpers who teach seniors to use smartphones?", "07-08"),
        T("So what are they measuring?", "07-08", "高齢者等の人数"),
    ],
    "the definition of a KPI is that KPI": [
        T("難病の患者さんのデータベースの施策", "03-08"),
        T("効果KPIの定義を教えて", "03-08", "データ提供件数"),
    ],
    "the law a measure rests on is said in its overview": [
        T("匿名加工医療情報の施策は？", "03-11"),
        T("根拠法は何？", "03-11", "次世代医療基盤法"),
    ],
    "how many are left, after one card": [
        T("沖縄で超高速ブロードバンドを整備する施策", "07-04"),
        T("あと残り何市町村？", "07-04", "残り6市町村"),
    ],
    "how many are left, after a card taken out of a list (not the rest of the list)": [
        T("内閣府が主担当の施策を全部", MINISTRY_LEAD_CAO),
        T("その中で沖縄のは？", "07-04"),
        T("残り何市町村で整備するの？", "07-04", "残り6市町村"),
    ],
    "how many by a date the card gives is a number of that card, not the cards due by then": [
        T("Which measure brings ultra-fast broadband to Okinawa?", "07-04"),
        T("2021年度末までに残り何市町村を整備するの？", "07-04", "残り6市町村"),
    ],
    "a count noun the card writes as a number with its counter": [
        T("EdTechを学校に試験導入する施策", "03-02"),
        T("導入校数はどれくらいを目指してる？", "03-02", "約3000校"),
    ],
    "a card picked from those shown below by のほう is answered with its passage on what was asked": [
        T("地域の子どもがプログラミングを学べる場を広げる施策", "07-09"),
        T("学校の授業で教えるほうの情報教育の施策は？", "06-09", "情報活用能力", "「学校の授業で教えるほう」"),
    ],
    "a topic said first, then after 、 what is asked of it (not two topics)": [
        T("全国の医療機関で保健医療情報を確認できる仕組み、手術の情報はいつから見られる？", "03-10", "令和4年(2022年)夏"),
    ],
    "two topics said with 、 and は stay two when the first one's card does not say the second": [
        T("テレワーク、ドローンは誰が担当？", ("04-02", "04-03")),
    ],
    "a concern in words of the ministry's name, then whether that ministry takes part": [
        T("子どもの学習データを転校先でも使えるようにする施策", "03-03"),
        T("個人情報が心配。個人情報保護委員会は入ってる？", "03-03", "個人情報保護委員会"),
    ],
}


@pytest.mark.parametrize("name", list(CONVERSATIONS))
def test_a_dropped_subject_asks_a_field_of_the_card_just_answered(retriever, name):
    assert_followed(retriever, CONVERSATIONS[name])


@pytest.mark.parametrize("q, kind", [("残り何市町村？", "ellipsis"), ("のこり何校くらい？", "ellipsis"),
                                     ("残りは？", "rest"), ("残りの2つは？", "rest"), ("残り何件？", "rest")])
def test_how_many_are_left_is_a_number_and_the_rest_is_the_list(q, kind):
    """「残り何市町村？」 asks a number of the card just discussed; 「残りは？」 and 「残り何件？」 (how many cards) the
    cards of the list not yet taken up."""
    conv = Conversation().add(Turn("内閣府が主担当の施策を全部", MINISTRY_LEAD_CAO))
    conv = conv.add(Turn("その中で沖縄のは？", ("07-04",), listing=MINISTRY_LEAD_CAO))
    assert follow_up(q, conv, _field_rest).kind == kind


@pytest.mark.parametrize("q, one", [("サイバーポートの港湾物流分野、運用開始はいつ？", True),
                                    ("テレワーク、ドローンそれぞれの主担当は？", False),
                                    ("テレワーク、ドローンの主担当は？", False)])
def test_a_topic_then_what_is_asked_of_it_is_one_question(q, one):
    """「X、Yはいつ？」 may say its topic first and ask a thing of it (one topic when X's card says Y, in ask);
    「X、Yそれぞれの…」, 「X、Yの主担当は」 list two topics."""
    assert _commented_topic(q) is one
    assert coordinated_topics(q.replace("はいつ？", "")) if one else True  # the words alone would be split in two


@pytest.mark.parametrize("q", ["電子インボイスの標準仕様って、国のどこが担当してる？", "テレワークについては、どこの省がやってる？",
                               "ドローンなら、KPIは？"])
def test_a_topic_marked_with_tte_then_a_comma_is_not_the_first_of_two(q):
    """「Xって、…」: X is what the rest is said about; the comma after って does not join a second topic."""
    assert coordinated_topics(q) == []


def test_the_marked_topic_is_answered_alone(retriever):
    from index.assist import ask

    a = ask(retriever, "電子インボイスの標準仕様って、国のどこが担当してる？")
    assert [h.card.id for h in a.answers] == ["04-01"]
    assert "別々に検索" not in a.direct


@pytest.mark.parametrize("q, field", [("What do they track?", "kpi"), ("What's the baseline?", "kpi"),
                                      ("現状値は？", "kpi"), ("What law is it based on?", "overview"),
                                      ("法的根拠は？", "overview"), ("根拠法令は？", "overview")])
def test_a_field_named_by_its_words_alone(q, field):
    """A follow-up made of a field's words (and asking words) names that field of the card just answered."""
    from index.assist import follow_up_field

    f = follow_up_field(q)
    assert f is not None and f.field == field
