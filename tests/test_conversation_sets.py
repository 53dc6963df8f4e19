"""Follow-ups on a set (issue 18, the set / その中 / ordinal families): 「ほかに経産省が主担当のものは？」 while a list is
gone through part by part is that ministry's cards of the list not given yet (not all its measures, unless the list
was that ministry's own or the question lets the topic go); 「港湾のほうのKPIをそれぞれ」 is each listed card the
description fits; 「どっちも主担当は総務省？」 right after 「2つ目」 is each card of the list; 「DFFTのほうは？」 after a card
picked from below the first answer can mean that first answer; 「人材施策」 is a kind a chapter is titled by, as 「人材系」
is; 「物流分野のもの」 is the card whose name says that field; a kind (「災害系」) is the cards that hold a table term the
glossary gives for it (被災者), not those that only sound near it; 「他の2つ」 with 3 left is the 2 nearest the list's
topic; and a katakana word held only as the start of a longer one (ネット in ネットワーク化) does not name a card. Our
own wordings; none is a blind set's turn."""

import pytest

from index.assist import _category_chapter, _inside_longer_word, _kind_terms
from tests.test_conversation_cases import MINISTRY_LEAD_MEXT, MINISTRY_LEAD_MHLW, MINISTRY_LEAD_NPA, T, assert_followed

CONVERSATIONS = {
    "more of another ministry, among the list being gone through": [
        # (not 06-04 IT人材スキル標準, rated below 0.5: it writes none of the topic's words as the table's terms give
        # them, セキュリティー 人材育成 研修, only セキュリティ領域 in passing; decide.topic_held)
        T("セキュリティ人材を育てる施策を全部教えて", ("06-01", "06-03", "06-05", "06-06", "06-11")),
        T("そのうち総務省のは？", ("06-03", "06-11")),
        T("CYDERのほうの効果KPIは？", "06-03"),
        # not every METI-led card of the table (03-02, 05-35): those of the list not given yet, with their 府省庁名
        T("ほかに経済産業省が主担当のものは？", ("06-05", "06-06"), "◎経済産業省"),
        T("2つ目のKPIは？", "06-06"),
    ],
    "more of the list's own ministry is beyond the list": [
        T("警察庁が主担当の施策を全部", MINISTRY_LEAD_NPA),
        T("高齢者の移動支援のほうは誰がやってる？", "02-09", "警察庁"),
        # every card of the list is the NPA's: more of it is the card it takes part in (ドローン), not one of the list
        T("ほかに警察庁が関わっている施策は？", "04-02"),
    ],
    "a description and それぞれ: each listed card it fits": [
        T("財務省が関係している施策を全部", ("02-10", "03-43", "04-01")),
        T("港湾のほうの進捗KPIをそれぞれ", ("02-10", "03-43"), "サイバーポート"),
    ],
    "both, right after the second of a list was discussed": [
        T("情報アクセシビリティに関する施策を一覧で", ("07-05", "07-06")),
        T("2つ目の担当は？", "07-06", "総務省"),
        T("どっちも主担当は総務省？", ("07-05", "07-06"), "総務省"),
    ],
    "more of a ministry's measures of a kind a chapter is titled by": [
        T("ITSS+の施策は？", "06-04"),
        # 03-02 (EdTech) mentions 人材 on the way; chapter 06 (デジタル人材の育成) holds the METI-led ones about it
        T("ほかに経済産業省の人材施策は？", ("06-05", "06-06")),
    ],
    "a kind among a ministry's list, by the glossary's terms for it": [
        T("厚生労働省が主担当の施策を全部", MINISTRY_LEAD_MHLW),
        # 03-12 (予防接種記録) sits near 災害 in meaning; 03-21 says 被災者, the glossary's word for those hit by one
        T("そのうち災害系のものは？", "03-21"),
    ],
    "a field is the one a card's name says": [
        T("港湾のデジタル化の施策を全部", ("02-10", "03-43", "03-44")),
        # 02-10 mentions 「港湾物流分野のデジタル化とあわせ」 on the way; 03-43 is named (港湾物流分野)
        T("その中で物流分野のシステムの利用の目標は？", "03-43"),
    ],
    "a thing said in the glossary's other term for it": [
        T("警察庁が主担当の施策を全部", MINISTRY_LEAD_NPA),
        # 02-06 writes 信号灯火 / 信号交差点, not 信号機: the glossary gives 信号灯火 in 信号機's row
        T("そのうち信号機関連のものは？", ("02-06", "02-09")),
        T("2つのうち前のほうのKPIは？", "02-06", "TSPS"),
    ],
    "a chapter said by words of its title": [
        T("06-09はどんな施策？", "06-09"),
        # 03-01 (端末) is MEXT's too, in chapter 03: the chapter said keeps to 06 デジタル人材の育成
        T("デジタル人材の章で、ほかに文部科学省が主担当のものは？", ("06-07", "06-08", "06-10")),
    ],
    "the same chapter as the card just answered": [
        T("ITSS+の施策は？", "06-04"),
        # (03-02 EdTech is METI's too, in chapter 03)
        T("同じ章のほかの経済産業省が主担当の施策は？", ("06-05", "06-06")),
    ],
    "what a KPI counts, said in the words of its cells": [
        T("文部科学省が主担当の施策を全部", MINISTRY_LEAD_MEXT),
        # 06-10 counts 受講している博士人材等の数 and those who 修了した: other words, not its cells
        T("その中でKPIが受講者数と修了者数そのままのものは？", "06-08", "修了者数"),
    ],
    "the KPI cell of the card just answered, said as written": [
        T("鉄道のトンネルで携帯が使えない問題の施策は？", "07-03"),
        T("補助事業実施件数をKPIにしている施策はほかにもありますか", "07-02"),
    ],
    "an ordinal said with the number's small っ": [
        T("警察庁が主担当の施策を全部", MINISTRY_LEAD_NPA),
        T("いっこめのKPIは？", "02-05", "各システムの開発進捗"),
    ],
    "other measures, the ministry said between 'other' and 'measures'": [
        T("森林クラウドの施策は？", "03-41"),
        T("Do you have other MAFF-led measures?", ("03-42", "05-32")),
    ],
    "the card asked about before, set apart from a restriction": [
        T("不動産IDの施策は？", "05-34"),
        T("国土交通省が主担当の施策を全部", ("02-10", "03-43", "03-44", "05-33", "05-34")),
        # not a topic negated ("the one we talked about" is 05-34, asked first): of the rest, the geospatial one
        T("Aside from the one we talked about, which of those are about geospatial data?", "05-33"),
    ],
    "whom a measure is for, said as 「…の方向け」": [
        T("文部科学省が主担当の施策を全部", MINISTRY_LEAD_MEXT),
        # 人 / 方 names no one: 博士 is whom it is for (06-10 博士人材; 06-08 says no 博士)
        T("その中で博士の方向けのものは？", "06-10", "博士"),
    ],
    "「として」 says how, not a second topic": [
        T("農林水産省が主担当の施策を全部", ("03-41", "03-42", "05-32")),
        # 05-32 公開 its 農地情報公開システム; 03-42 gives its data as オープンデータ
        T("その中でオープンデータとして出しているのは？", "03-42"),
    ],
    "more of a ministry's measures, the ones already told said after it": [
        T("Which measure researches traffic control with probe data?", "02-08"),
        T("Are there any other NPA measures that you haven't told me about?", ("02-05", "02-06", "02-07", "02-09")),
        T("and the final one?", "02-09"),
    ],
}


@pytest.mark.parametrize("name", list(CONVERSATIONS))
def test_a_set_follow_up_is_followed_turn_by_turn(retriever, name):
    assert_followed(retriever, CONVERSATIONS[name])


def test_a_card_picked_from_below_then_the_first_answer_by_its_description(retriever):
    from index.assist import ask
    from index.conversation import Conversation, Turn

    # the data-flow card was answered with the APEC card shown below it; the APEC one was picked since
    talked = Conversation().add(Turn("国際的なデータ流通の施策は？", ("05-35",), ("05-36", "05-33")))
    talked = ask(retriever, "APECのほうのKPIは？", talked).conversation
    assert talked.last.answers == ("05-36",)
    a = ask(retriever, "DFFTのほうの担当は？", talked)
    assert [h.card.id for h in a.answers] == ["05-35"] and any("先に答えた 05-35" in n for n in a.notes)


def test_a_katakana_word_inside_a_longer_one_is_not_named(retriever):
    assert _inside_longer_word(retriever, "07-09", "ネット")  # 「地域ICTクラブ」の全国ネットワーク化
    assert not _inside_longer_word(retriever, "03-20", "マイナ")  # マイナポータル: マイナ is a word of its own there
    assert not _inside_longer_word(retriever, "07-01", "光ファイバ")  # held as written


def test_a_noun_and_施策_names_a_kind_a_chapter_is_titled_by(retriever):
    assert _category_chapter(retriever, "人材施策、 ?") == "06"
    assert _category_chapter(retriever, "人材系") == "06"
    assert _category_chapter(retriever, "農業施策") == ""  # no chapter is titled so (03 says 農林)
    assert _category_chapter(retriever, "同じ人材育成の章で、 のは?") == "06"  # 06 デジタル人材の育成: 人材, 育成
    assert _category_chapter(retriever, "医療の章の中で") == "03"  # 03 …（教育・医療・防災・農林・港湾物流）


def test_the_terms_of_a_kind_come_from_the_glossary():
    assert {"防災", "災害", "被災者"} <= set(_kind_terms("災害関係のは"))  # and what rows added since say (減災)
    assert "港湾物流" in _kind_terms("港湾関係は")
    assert _kind_terms("関係は") == ()  # no noun, no kind


def test_the_other_two_when_three_are_left_are_the_two_nearest_the_lists_topic(retriever):
    from index.assist import ask
    from index.conversation import Conversation, Turn

    # a list of four on remote medicine (03-10, 保健医療情報の全国での確認, the farthest from it), its 8K card discussed
    listed = Conversation().add(Turn("遠隔医療の施策を全部", ("03-09", "03-10", "03-14", "03-15"), topic="遠隔医療の施策"))
    talked = ask(retriever, "8K映像のほうの担当は？", listed).conversation
    assert talked.last.answers == ("03-15",)
    a = ask(retriever, "ほかの2つのKPIは？", talked)
    assert [h.card.id for h in a.answers] == ["03-09", "03-14"]
    assert any("03-10 も一覧にありました" in n for n in a.notes)
    # as many as are left: all of them, as before
    assert [h.card.id for h in ask(retriever, "残りの3つのKPIは？", talked).answers] == ["03-09", "03-10", "03-14"]


def test_more_of_a_topic_the_list_missed_is_a_card_that_writes_its_term(retriever):
    from index.assist import _written_elsewhere
    from index.retrieve import Filters

    # "any other port measure": 03-44 (AIターミナル) writes 港湾 (港湾局) as 02-10 and 03-43 do
    assert _written_elsewhere(retriever, "any other port measure", {"02-10", "03-43"}, Filters()) == ("03-44",)
    assert _written_elsewhere(retriever, "港湾関係の施策は", {"02-10", "03-43"}, Filters()) == ("03-44",)
    # none given yet, or all given: a term is no list of its own here
    assert _written_elsewhere(retriever, "港湾関係の施策は", set(), Filters()) == ()
    assert _written_elsewhere(retriever, "港湾関係の施策は", {"02-10", "03-43", "03-44"}, Filters()) == ()


def test_as_in_として_joins_no_two_topics():
    from index.assist import coordinated_topics

    assert coordinated_topics("オープンデータとして公開しているのは") == []
    assert coordinated_topics("テレワークとドローンの主担当") == ["テレワークの施策", "ドローンの施策"]
