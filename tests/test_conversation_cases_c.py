"""A third set of conversations, written last and run once on the finished rules (nothing was tuned on it): how the
follow-up rules fare on wordings that neither the blind dev set nor the first two sets of cases showed."""

import pytest

from tests.test_conversation_cases import MINISTRY_LEAD_CAO, MINISTRY_LEAD_METI, T, assert_followed

CONVERSATIONS = {
    "8K surgery, the subject dropped four ways": [
        T("8Kの映像で遠隔手術を支援する施策ってある？", "03-15"),
        T("これ担当どこ？", "03-15", "総務省"),
        T("アウトプットの指標は？", "03-15", "内視鏡遠隔手術支援システムの開発"),
        T("厚労省は絡んでる？", "03-15", "厚生労働省: 03-15 には記載なし"),
        T("予算ってどのくらい？", "03-15", "予算"),
    ],
    "TSPS in English": [
        T("Is there a measure that sends traffic light information to cars?", "02-06"),
        T("Which agency is in charge?", "02-06", "警察庁"),
        T("What is the progress indicator?", "02-06", "TSPSを運用する都道府県数"),
        T("Unrelated question: anything about the Innovation (Inou) program?", "07-10"),
        T("Who runs that one?", "07-10", "総務省"),
    ],
    "METI's list: a part by words, then by position": [
        T("経産省が主担当になってる施策を一覧にして", MINISTRY_LEAD_METI),
        T("そのなかでセキュリティ人材の育成に関するのは？", ("06-05", "06-06")),
        T("ふたつのうち制御技術のほうの効果KPIは？", "06-06", "ICSCoE"),
        T("さっきの一覧の2番目は？", "05-35"),
    ],
    "the Cabinet Office's list, the rest after a part": [
        T("内閣府がメインで担当してる施策は？", MINISTRY_LEAD_CAO),
        T("このうち被災者支援のものは？", ("03-18", "03-19", "03-20", "03-21")),
        T("残りの中で防災に関わるのは？", ("03-16", "03-17")),
        T("それぞれの効果KPIは？", ("03-16", "03-17"), "ISUT"),
    ],
    "two topics: digital textbooks vs. the data standard": [
        T("デジタル教科書と教育データ標準の施策の主担当をそれぞれ", ("03-06", "03-03"), "文部科学省"),
        T("どっちもいつまでの目標？", ("03-06", "03-03"), "令和7年度"),
    ],
    "Okinawa broadband, then a switch with あと": [
        T("沖縄の離島のブロードバンド整備の施策", "07-04"),
        T("利用率の目標は？", "07-04", "42.86"),
        T("主担当はどこ？", "07-04", "内閣府"),
        T("それとは別の話で、筆ポリゴンの担当は？", "03-42", "農林水産省"),
    ],
    "PHR: one answer, その中, past the end": [
        T("PHRの施策を教えて", "03-07"),
        T("その中で個人情報保護委員会が入ってるのは？", "03-07", "03-07"),
        T("三つ目は？", ()),
        T("概要は？", "03-07", "PHR"),
    ],
    "mobile coverage: the remaining one": [
        T("条件不利地域の携帯電話のエリア整備の施策", "07-02"),
        T("道路のカバー率の目標年度は？", "07-02", "令和6年度"),
        T("鉄道トンネルのほうは？", "07-03"),
        T("その効果KPIは？", "07-03", "125km"),
    ],
}


# Known misses that come from the first answer (the engine's card confidence or a list that counts only some of its
# cards), not from how the follow-ups are read: kept, so that they show when that is fixed.
KNOWN_MISSES = {
    'TSPS in English': "the English question is answered with 02-07, not 02-06, and 'Innovation (Inou)' with 05-35",
    "the Cabinet Office's list, the rest after a part": '「防災に関わる」 among the rest counts 03-45 (事前防災 as a purpose), not 03-17',
}


@pytest.mark.parametrize("name", [pytest.param(n, marks=pytest.mark.xfail(reason=KNOWN_MISSES[n])) if n in KNOWN_MISSES
                                  else n for n in CONVERSATIONS])
def test_a_third_conversation_is_followed_turn_by_turn(retriever, name):
    assert_followed(retriever, CONVERSATIONS[name])
