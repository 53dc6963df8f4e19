"""Follow-ups recognised by their structure rather than by a list of phrasings: a question whose words are all field,
asking and pointing words (or all in the card just answered) is about that card; a description picks a listed card
(or, negated, the others); 「絞って」 / 「だけ」 restrict the list; several ordinals, 「その次」 and 「一つ前」 count in it.
Our own wordings (phone-style, polite, English, typos, full-width), written for issue 18; none is a blind set's turn."""

import pytest

from index.assist import ask, follow_up_field
from index.conversation import Conversation, Turn, content_words, follow_up
from tests.test_conversation_cases import MINISTRY_LEAD_CAO, MINISTRY_LEAD_NPA, T, assert_followed


def fields(text):
    f = follow_up_field(text)
    return None if f is None else f.rest


ONE = Conversation((Turn("ドローンの施策", ("04-02",), ("04-03",)),))
LISTED = Conversation((Turn("警察庁の施策を全部", MINISTRY_LEAD_NPA, ("04-02",)),))


@pytest.mark.parametrize("q", ["こいつの担当は", "手引の印はついてる？", "Is there a budget figure?", "あとKPIは何になってますか",
                               "ＫＰＩ（効果）は？", "しゅたんとうは？", "それもKPI未設定？", "何校くらい？", "年何回やってる？"])
def test_a_question_of_field_or_asking_words_only_is_about_the_card_just_answered(q):
    fu = follow_up(q, ONE, fields)
    assert fu.refers and fu.ids == ("04-02",), fu


def test_a_turn_that_found_nothing_does_not_end_the_conversation():
    missed = ONE.add(Turn("概用は？"))  # a typo the search could not read: nothing found
    fu = follow_up("ＫＰＩわ？", missed, fields)
    assert fu.kind == "ellipsis" and fu.ids == ("04-02",)


@pytest.mark.parametrize("q", ["こうかしひょうは", "しんちょくは？", "たんとうどこ", "ほかに関係してるとこは"])
def test_field_words_typed_in_kana_or_casually_are_read(q):
    assert follow_up_field(q) is not None and follow_up(q, ONE, fields).ids == ("04-02",)


@pytest.mark.parametrize("q", ["KPIが未設定の施策は？", "14条に印がある施策は？", "防災の施策いくつある？",
                               "テレワークの施策の担当は？"])
def test_a_question_that_asks_for_measures_of_its_own_is_not(q):
    assert not follow_up(q, ONE, fields).refers


def test_where_a_card_is_in_the_list_being_discussed():
    third = follow_up("３つめは？", LISTED, fields)
    assert third.kind == "ordinal" and third.ids == ("02-07",)
    discussed = LISTED.add(Turn("３つめは？", ("02-07",), (), MINISTRY_LEAD_NPA, ("02-07",)))
    assert follow_up("その次は？", discussed, fields).ids == ("02-08",)
    assert follow_up("一つ前のは？", discussed, fields).ids == ("02-06",)
    assert follow_up("the next one?", discussed, fields).ids == ("02-08",)
    both = follow_up("1個目と最後のKPIを比べて", LISTED, fields)
    assert both.kind == "ordinal" and both.ids == ("02-05", "02-09")
    assert follow_up("1つ目と7つ目", LISTED, fields).ids == ("02-05",)  # 7つ目 is past the list: the first alone
    assert follow_up("②の担当は？", LISTED, fields).ids == ("02-06",)
    assert follow_up("2こめのこうかしひょう", LISTED, fields).ids == ("02-06",)
    named = follow_up("3番目の施策名は？", LISTED, fields)
    assert named.ids == ("02-07",) and follow_up_field(named.rest).field == "name"
    assert follow_up("みんな警察庁が主担当？", LISTED, fields).ids == MINISTRY_LEAD_NPA
    assert not follow_up("医療の中で総務省のは？", LISTED, fields).refers  # a topic before 中: a question of its own
    assert follow_up("うちの村でも使える？", LISTED, fields).kind != "set"  # うちの: ours, not among them
    assert follow_up("うち信号のは？", LISTED, fields).kind == "set"


@pytest.mark.parametrize("q", ["総務省のやつだけに絞って", "経産省が主担当のものに限ると？", "そん中で文科省のやつ",
                               "この内、マイナンバーを使うものは？", "挙げてもらった中で信号に関するのは",
                               "今出たやつのうち高齢者向けは？", "一覧から厚労省主担当のを抜き出して",
                               "出てきたやつで信号のもの", "リストのうち信号のは", "From that list, which are about signals?"])
def test_restricting_the_list_just_given(q):
    fu = follow_up(q, LISTED, fields)
    assert fu.kind == "set" and fu.ids == MINISTRY_LEAD_NPA, fu


def test_the_rest_of_something_in_one_card_is_not_the_rest_of_a_list():
    okinawa = Conversation((Turn("沖縄の超高速ブロードバンドの事業", ("07-04",), ("07-01",)),))
    assert follow_up("残りの市町村はいつ終わる？", okinawa, fields).kind == "fresh"  # asked of 07-04 by its words
    assert follow_up("残りは？", LISTED.add(Turn("3つ目", ("02-07",), (), MINISTRY_LEAD_NPA, ("02-07",))),
                     fields).kind == "rest"


def test_the_words_a_follow_up_names():
    assert content_words("申請受付いつから？") == ["申請", "受付"]
    assert content_words("年何回くらいやってる？") == []


CONVERSATIONS = {
    "content asked of the card just answered, by its words": [
        T("地域情報化アドバイザーを呼べる施策", "06-02"),
        T("派遣の申請っていつから受け付けてる？", "06-02", "4月16日"),
        T("ＡＩとかＲＰＡ入れてる自治体の目標は", "06-02", "600団体"),
        T("別件で、CYDERって年に何回やってるの", "06-03", "100回"),
        T("オンラインでも受けられる？", "06-03", "オンライン受講環境"),
    ],
    "words found one by one in the card just answered, while the table names another card by them": [
        T("Webアクセシビリティの施策", "07-06"),
        T("高齢者のデジタル支援は？", "07-08"),
    ],
    "a number asked of the card, then a card of the table named by a word": [
        T("EdTechを学校で試す補助金の施策", "03-02"),
        T("何校くらい？", "03-02", "約3000校"),
        T("関係省庁はどこ？", "03-02", "文部科学省"),
    ],
    "a list, the card not meant by a description, and the rest": [
        T("港湾の施策を全部", ("02-10", "03-43", "03-44")),
        T("AIターミナル以外のほうの主担当を教えて", ("02-10", "03-43"), "国土交通省"),
        T("1つ目と3つ目の効果KPIを比べて", ("02-10", "03-44"), "ゲート前待機"),
    ],
    "the NPA's list stepped through": [
        T("警察庁が主担当の施策を全部教えてください", MINISTRY_LEAD_NPA),
        T("2番目は？", "02-06"),
        T("その次の進捗KPIは？", "02-07", "データ精度"),
        T("視覚障害者の方じゃないやつに絞って", ("02-05", "02-06", "02-07", "02-08")),
    ],
    "English: what about another topic, and a pronoun for it": [
        T("Tell me about the drone measure", "04-02"),
        T("what about telework, who leads that one?", "04-03", "内閣官房"),
        T("Is there a budget figure?", "04-03", "予算"),
    ],
    "English follow-ups about the card's content, which is written in Japanese": [
        T("Is there something on rural broadband for Okinawa?", "07-04"),
        T("What's the usage rate target?", "07-04", "42.86%"),
        T("When does it finish?", "07-04"),
    ],
    "a question about one card that the table may not answer still names that card": [
        T("マイナポータルで被災者支援する施策", "03-20"),
        T("これって自治体は何をすればいい？", "03-20"),
        T("何団体が対象？", "03-20"),
    ],
    "English restrictions weighed among the list, and a yes or no about a ministry for both": [
        T("Which measures does the National Police Agency lead?", MINISTRY_LEAD_NPA),
        T("Which ones help elderly people?", "02-09"),
        T("携帯電話の電波の施策を全部", ("07-02", "07-03")),
        T("二つとも総務省？", ("07-02", "07-03"), "総務省: 07-02 は主担当、07-03 は主担当"),
    ],
    "the same list asked of another ministry": [
        T("Show me all measures led by the Digital Agency", ()),
        T("What about the Cabinet Office?", ("03-11", "03-16", "03-17", "03-18", "03-19", "03-20", "03-21", "03-45",
                                             "07-04")),
        T("じゃあ国交省は？", ("02-10", "03-43", "03-44", "05-33", "05-34")),
    ],
    "the field the last question asked, of what this one names": [
        T("テレワークの担当は？", "04-03", "内閣官房"),
        T("じゃあドローンは？", "04-02", "消防庁"),
        T("港湾の施策を全部", ("02-10", "03-43", "03-44")),
        T("サイバーポートの効果KPIは？", "03-43", "利用回数"),
        T("AIターミナルのほうは？", "03-44", "ゲート前待機"),
    ],
    "which of the two, by date; an English ordinal word only when it names an item": [
        T("携帯電話の電波の施策を全部", ("07-02", "07-03")),
        T("どっちが早く終わる？", "07-02", "07-03 には時期を書いた記載がありません"),
        T("Which one finishes last?", "07-02"),
        T("And the last one?", "07-03"),
    ],
    "measures like the one just answered": [
        T("CYDERの施策", "06-03"),
        T("似たような施策は？", ("06-01", "06-06", "06-11"), "06-03 に似た施策"),
        T("ドローンの施策", "04-02"),
        T("似たような施策は？", ()),  # no card is paired with it in the 重複・類似 tab either
    ],
    "another card of the list after その中 narrowed it, and the first cards of the list": [
        T("港湾の施策を全部", ("02-10", "03-43", "03-44")),
        T("そのうちAIを使ってるのは？", "03-44"),
        T("ほかに、港の物流の手続きのほうの効果KPIは？", "03-43", "利用回数"),
        T("最初の2つの主担当は？", ("02-10", "03-43"), "国土交通省"),
    ],
    "a card with no date says why, and a ministry kept in その中 shows its cell": [
        T("トンネルの中で携帯が使えない問題の施策", "07-03"),
        T("いつごろ終わる見込み？", "07-03", "達成時期が見込めない"),
        T("内閣府が主担当の施策を全部", MINISTRY_LEAD_CAO),
        T("その中で厚生労働省も主担当に入ってるのは？", "03-21", "◎厚生労働省"),
    ],
    "the number of a measure asked for, then its KPI": [
        T("GIGAスクールの端末整備の施策番号を教えてください", "03-01", "03-01"),
        T("ＫＰＩの進捗のほうは？", "03-01", "1台当たりの児童生徒数"),
        T("手引の印はついてる？", "03-01"),
    ],
}


@pytest.mark.parametrize("name", list(CONVERSATIONS))
def test_a_follow_up_is_read_by_its_structure(retriever, name):
    assert_followed(retriever, CONVERSATIONS[name])


def test_a_field_of_one_measure_counts_that_card_and_of_a_kind_of_measure_each(retriever):
    one = ask(retriever, "GIGAスクールの端末整備の施策番号を教えてください")
    assert [h.card.id for h in one.answers] == ["03-01"] and "03-05" in [h.card.id for h in one.related]
    kind = ask(retriever, "港湾の施策の担当は？")
    assert len(kind.answers) > 1 and {h.card.id for h in kind.answers} <= {"02-10", "03-43", "03-44"}


def test_the_first_list_names_a_list_and_the_first_five_a_set():
    narrowed = LISTED.add(Turn("そのうち信号のは？", ("02-06",), (), None, (), "", MINISTRY_LEAD_NPA))
    third = follow_up("最初の一覧の3番目の効果指標は？", narrowed, fields)  # 「最初の」 says which list, not which card
    assert third.kind == "ordinal" and third.ids == ("02-07",)
    past = follow_up("最初のリストの７つ目は", narrowed, fields)
    assert past.ids == () and past.missing
    first = follow_up("最初の３つ、それぞれの主担当まとめて", LISTED, fields)
    assert first.kind == "set" and first.ids == MINISTRY_LEAD_NPA[:3] and "主担当" in first.rest
    assert follow_up("上から2件の担当は？", LISTED, fields).ids == MINISTRY_LEAD_NPA[:2]
    assert follow_up("the first two — who leads them?", LISTED, fields).ids == MINISTRY_LEAD_NPA[:2]
    # more than その中 kept: the first of the list it narrowed
    assert follow_up("最初の４つの担当は？", narrowed, fields).ids == MINISTRY_LEAD_NPA[:4]


@pytest.mark.parametrize("q", ["what KPI do they track?", "who runs it?", "Which ministry is responsible?"])
def test_english_verbs_of_asking_name_no_topic(q):
    assert follow_up(q, ONE, fields).ids == ("04-02",)


def test_all_of_those_ones_is_a_reminder_of_the_list_not_a_filter():
    fu = follow_up("Which ministry leads all of those traffic ones?", LISTED, fields)
    assert fu.kind == "set" and fu.ids == MINISTRY_LEAD_NPA and "traffic" not in fu.rest


def test_an_english_description_may_mean_a_card_of_the_list_before_it_was_narrowed(retriever):
    narrowed = LISTED.add(Turn("その中で調査研究は？", ("02-07", "02-08"), (), None, ("02-07", "02-08"), "",
                               MINISTRY_LEAD_NPA))
    a = ask(retriever, "and the online police procedures one, who leads it?", narrowed)
    assert [h.card.id for h in a.answers] == ["02-05"]
    kept = ask(retriever, "the traffic control one, what's the KPI?", narrowed)  # one of the narrowed list still is
    assert [h.card.id for h in kept.answers] == ["02-08"]
