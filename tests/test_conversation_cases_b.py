"""A second set of conversations, written after the first (tests/test_conversation_cases.py) and run once before any
change was tuned on it, to check that the follow-up rules hold for wordings they were not fitted to. Same scoring:
each turn names the cards its answer must count and the text it must show."""

import pytest

from tests.test_conversation_cases import MINISTRY_LEAD_MHLW, MINISTRY_LEAD_MLIT, MINISTRY_LEAD_NPA, T, assert_followed

MINISTRY_LEAD_MAFF = ("03-41", "03-42", "05-32")

CONVERSATIONS = {
    "rare diseases, asked about in pieces": [
        T("難病の患者さんのデータベースってどうなってる？", "03-08"),
        T("管轄はどこ？", "03-08", "厚生労働省"),
        T("進捗の指標は何になってる？", "03-08", "データ登録進捗率"),
        T("アウトカムは？", "03-08", "データ提供件数"),
    ],
    "medical information nationwide, when and who": [
        T("全国の病院で薬の情報を見られるようにする施策は？", "03-10"),
        T("それ、いつから使えるの？", "03-10", "令和3年"),
        T("担当してる役所を教えて", "03-10", "厚生労働省"),
        T("費用は？", "03-10", "予算"),
    ],
    "anonymised medical data, then a switch": [
        T("匿名加工医療情報の施策", "03-11"),
        T("主担当と関係省庁を教えて", "03-11", "内閣府", "経済産業省"),
        T("話は変わりますが、放送の視聴データの施策はありますか？", "05-30"),
        T("そっちの主担当は？", "05-30", "総務省"),
    ],
    "MAFF's list: second, last, past the end": [
        T("農林水産省が主担当の施策を教えて", MINISTRY_LEAD_MAFF),
        T("二つ目の中身は？", "03-42", "筆ポリゴン"),
        T("最後の施策の効果KPIは？", "05-32", "8割"),
        T("4つ目は？", ()),
    ],
    "MLIT's list: その中から, then each": [
        T("国交省がリードしている施策を全部見せて", MINISTRY_LEAD_MLIT),
        T("その中から不動産や地図に関係するものは？", ("05-33", "05-34")),
        T("2つともKPIを教えて", ("05-33", "05-34"), "ページビュー", "不動産ID"),
    ],
    "NPA list, the traffic signal one picked, then the rest": [
        T("警察庁がメインの施策一覧", MINISTRY_LEAD_NPA),
        T("信号の情報を車に送るやつの効果KPIは？", "02-06", "TSPS整備交差点数"),
        T("その他の4つの担当は？", ("02-05", "02-07", "02-08", "02-09"), "警察庁"),
    ],
    "seniors and digital support, English": [
        T("Is there a program to help elderly people use smartphones?", "07-08"),
        T("Who runs it?", "07-08", "総務省"),
        T("What are its targets?", "07-08", "デジタル活用支援員の人数"),
        T("On a different note, what about the Okinawa broadband project?", "07-04"),
        T("Which agency leads that?", "07-04", "内閣府"),
    ],
    "MHLW, narrowed twice": [
        T("厚労省が主担当のものを全部", MINISTRY_LEAD_MHLW),
        # 03-12 also uses one (「国内の医療情報データベース等を活用した…」): first written as 03-08 alone
        T("このうちデータベースを使うのは？", ("03-08", "03-12")),
        T("じゃあ残りで遠隔医療のは？", "03-14"),
        T("その担当省庁は？", "03-14", "総務省"),
    ],
    "two ministries' training, two topics at once": [
        T("CYDERと情報処理安全確保支援士の施策、それぞれの主担当は？", ("06-03", "06-05"), "総務省", "経済産業省"),
    ],
    "two topics compared by KPI": [
        T("森林クラウドとeMAFF地図の施策のKPIを比べて", ("03-41", "05-32"), "森林クラウド", "8割"),
    ],
    "accessibility: one card, then その中, then an ordinal": [
        T("障害のある人が技術開発に参加する施策は？", "07-11"),
        T("その中で総務省が担当してるのは？", "07-11", "07-11"),
        T("二番目のは？", ()),
        T("目標は？", "07-11", "200以上"),
    ],
    "ports: a list, then a pick by its words": [
        T("港湾のデジタル化の施策を全部", ("02-10", "03-43", "03-44")),
        T("AIターミナルのほうはいつまでに何をするの？", "03-44", "令和5年度"),
        T("物流のほうの効果KPIは？", "03-43", "利用回数"),
    ],
    "land registers, then each of two": [
        T("登記の情報を自治体の税の台帳につなぐ施策", "05-31"),
        T("関係してる省庁は？", "05-31", "法務省"),
        T("ちなみに不動産IDとeMAFF地図の施策の主担当は？", ("05-34", "05-32"), "国土交通省", "農林水産省"),
        T("どっちもKPIは？", ("05-34", "05-32"), "不動産IDのルール整備", "8割"),
    ],
    "infrastructure data platform, casual": [
        T("インフラのデータを共有するプラットフォームの話ってある？", "03-45"),
        T("どこ主導？", "03-45", "内閣府"),
        T("いつ始めるの？", "03-45", "令和4年度"),
        T("予算規模はどのくらい？", "03-45", "予算"),
    ],
    "AI education: the subject dropped in English": [
        T("What is being done to spread data science and AI education at universities?", "06-07"),
        T("Which ministry handles that?", "06-07", "文部科学省"),
        T("And the outcome indicator?", "06-07", "認定"),
        T("Any other measures led by MEXT?", ("03-01", "03-03", "03-05", "03-06", "06-08", "06-09", "06-10")),
    ],
    "accessibility pair: a pick by words of the KPI": [
        T("アクセシビリティの施策を教えて", ("07-05", "07-06")),
        T("JIS規格の説明会をやってるのはどっち？", "07-06"),
        T("もう片方の主担当は？", "07-05", "総務省"),
    ],
    "security talent: それ is the card just answered, then a new topic with no marker": [
        T("情報処理安全確保支援士を増やす施策", ("06-01", "06-05")),
        T("それぞれの効果KPIを教えて", ("06-01", "06-05"), "3万人"),
        T("セキュリティ・キャンプをやってるのは？", "06-05"),
        T("大学院生とか博士人材のデータ人材育成の施策は？", "06-10"),
        T("KPIは？", "06-10", "就職率"),
    ],
}


# Known misses that come from the first answer (the engine's card confidence or a list that counts only some of its
# cards), not from how the follow-ups are read: kept, so that they show when that is fixed.
# (「インフラのデータを共有するプラットフォームの話ってある？」 no longer also counts 07-11, whose name holds none of
# the question's words: assist._fewer_words)
KNOWN_MISSES: dict[str, str] = {}


@pytest.mark.parametrize("name", [pytest.param(n, marks=pytest.mark.xfail(reason=KNOWN_MISSES[n])) if n in KNOWN_MISSES
                                  else n for n in CONVERSATIONS])
def test_a_second_conversation_is_followed_turn_by_turn(retriever, name):
    assert_followed(retriever, CONVERSATIONS[name])
