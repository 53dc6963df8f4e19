"""The cards' own words asked in other writings (session 52, terms): a field's kana word is one only where it is a word
of its own (the いつ of 「けいたいつながらない」 is no "when"); a term one card alone names (未踏) finds that card, however
little the rest of the question reads like it; "refers to X" / 「Xと書かれている」 / 「Xの記載がある」 is every card
whose text writes X (spaces aside: Society5.0); an everyday word for a forest (森の…) reaches 森林 in a kana
question too; 「ちがうはなし」 in kana changes the subject; a katakana name two cards name (サイバーポート) is
answered by both, and read in kana too (さいばーぽーと). Our own wordings, in polite, casual, phone-kana and English styles; none is a blind set's turn."""

import pytest

from index.assist import field_asked
from tests.test_conversation_cases import T, assert_followed

SOCIETY_50 = ("03-01", "03-02", "03-05", "06-08")  # the cards whose text writes 「Society 5.0」
MOBILE_GAPS = ("07-02", "07-03")  # 携帯電話 coverage: rural areas, railway tunnels

CONVERSATIONS = {
    # a field word's kana inside another word is not that field (けいたい|つながら holds いつ)
    "phone kana: every measure against dead zones, then the first one's KPI": [
        T("けいたいつながらない場所なくす施策ぜんぶ", MOBILE_GAPS),
        T("1こめのKPIは？", "07-02", "道路メッシュカバー率"),
    ],
    "casual: every measure against dead zones, a katakana ケータイ": [
        T("ケータイつながらない場所をなくす施策は全部でどれ", MOBILE_GAPS),
    ],
    "polite: every measure against dead zones": [
        T("携帯電話がつながらない場所をなくす施策を、すべて教えていただけますか。", MOBILE_GAPS),
    ],
    "English: every measure against dead zones": [
        T("mobile phone dead zones: every measure to get rid of them", MOBILE_GAPS),
    ],
    # a term one card alone names, in its name or as a program it quotes (06-05: 「未踏IT人材発掘・育成事業」)
    "phone: a program one card names, then who runs it": [
        T("未踏ってまだ国の施策に入ってる？", "06-05"),
        T("担当どこ", "06-05", "経済産業省"),
    ],
    "kana: a program one card names": [
        T("みとうってまだあるの", "06-05"),
    ],
    "polite: a program one card names": [
        T("未踏の事業は、現在も政府の施策として続いているのでしょうか。", "06-05"),
    ],
    # every card whose text writes the words asked
    "English: every measure that refers to a concept": [
        T("For my paper I need every measure that explicitly refers to Society 5.0.", SOCIETY_50),
    ],
    "English: every measure that references a concept": [
        T("Which measures reference Society 5.0?", SOCIETY_50),
    ],
    "polite: 言及のある, the concept written without a space": [
        T("Society5.0に言及のある施策をすべて挙げてください。", SOCIETY_50),
    ],
    "casual: って書いてある": [
        T("society5.0って書いてあるやつぜんぶ", SOCIETY_50),
    ],
    "plain: の記載がある": [
        T("Society 5.0の記載がある施策", SOCIETY_50),
    ],
    "a reason for asking said first narrows nothing": [
        T("卒論で使うので、Society 5.0に触れている施策を漏れなく教えてください", SOCIETY_50),
    ],
    "と書かれている, a topic beside it still narrows": [
        T("マイナポータルと書かれている施策を全部", ("03-20", "03-21")),
    ],
    # 「ちがうはなし」 typed in kana, a space after it, changes the subject as 「違う話で」 does
    "phone kana: a different subject, a club one card names": [
        T("いのうぷろぐらむって なに", "07-10"),
        T("ちがうはなし ちいきICTクラブってのもあった？", "07-09", "地域ICTクラブ"),
        T("たんとう", "07-09", "総務省"),
    ],
    "casual: another subject said in kana, the club in kanji": [
        T("異能プログラムの担当は？", "07-10"),
        T("べつのはなし 地域ICTクラブってある？", "07-09"),
    ],
    # a katakana name two cards name in their subject is one thing of both (02-10 サイバーポート(港湾管理分野及び
    # 港湾インフラ分野) in its KPI, 03-43 サイバーポートの整備(港湾物流分野)); typed in kana, the name is still read
    # (サイバー is a 形状詞 to MeCab, and the compound was in no reading of the kana dictionary)
    "phone kana: a name two cards share, when, then the second one's ministries": [
        T("さいばーぽーと いつから動いてる", ("02-10", "03-43")),
        T("2こめのほう たんとう", "03-43", "国土交通省"),
    ],
    "polite: a name two cards share, each one's lead": [
        T("サイバーポートについて教えていただけますか。", ("02-10", "03-43")),
        T("それぞれの主担当はどこですか。", ("02-10", "03-43")),
    ],
    "the other words of the question in one card's name pick it": [
        T("サイバーポートの整備のKPIは？", "03-43", "サイバーポート(港湾物流)"),
    ],
    "what the name is: the card that defines it": [
        T("サイバーポートって何？", "03-43", "電子化するプラットフォーム"),
    ],
    # a forest said in everyday words is the table's 森林 (03-41 森林クラウド)
    "kana question: the forest card": [
        T("森のほうのやつもある？", "03-41"),
    ],
    "casual: the forest card": [
        T("森を守るデジタルの施策ってありますか", "03-41"),
    ],
    "polite: the forest card": [
        T("森の持ち主の情報をまとめる施策はありますか。", "03-41"),
    ],
}


@pytest.mark.parametrize("name", list(CONVERSATIONS))
def test_the_cards_own_words_are_found_in_other_writings(retriever, name):
    assert_followed(retriever, CONVERSATIONS[name])


@pytest.mark.parametrize("question", ["けいたいつながらない場所なくす施策ぜんぶ", "でんわがかいつうしてない地域の施策",
                                      "けいたいつかえない場所の施策"])
def test_a_field_word_inside_another_kana_word_is_no_field(question):
    asked = field_asked(question)
    assert asked is None or asked.field != "when", asked


@pytest.mark.parametrize("question", ["それいつまでに90いくの", "さいばーぽーと いつから動いてる", "GIGAスクールっていつまで"])
def test_a_field_word_of_its_own_in_kana_is_still_the_field(question):
    asked = field_asked(question)
    assert asked is not None and asked.field == "when", asked


@pytest.mark.parametrize("question", ["介護保険の要介護認定事務のデジタル化は施策集に入っていますか。",
                                      "図書館のデジタル化を進める施策"])
def test_a_question_of_something_else_is_not_one_cards_term(retriever, question):
    # a term no card writes (要介護認定事務, 図書館) keeps the question from naming a card by its term
    q = retriever._understand(question)
    assert retriever._sole_writer(q) is None


def test_a_loanword_typed_in_kana_is_respelled_whole(retriever):
    # サイバー is a 形状詞 to MeCab: a katakana word of the table is spelt as the table writes it whatever its tag
    from index.text import respell_hiragana

    assert respell_hiragana("さいばーぽーと いつから動いてる", retriever.reading_dictionary()).startswith("サイバーポート")
