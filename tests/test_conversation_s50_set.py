"""Follow-ups on a set (session 50: the set and その中 families), read by the table's cells and Japanese grammar: 「両方とも空欄」
is both KPI cells empty (a cell that says 未設定 is written, not blank) and 「片方だけ未設定」 one cell without
a KPI beside one with it; 「ほかにもすべて」 counts the others (the quantifier stands by 「ほか」), not the whole
set; 「ほかに〇〇省が…」 stays within a list only while the list is gone through by ministry (「そのうち総務省のは」,
「…のほうの担当は」), else it asks beyond the list; 「主担当じゃなくてもいい」 lets the role go (a concession, not
a denial) and the list's own topic said again is no new topic; a topic that is a chapter's heading (人材育成 → 06
デジタル人材の育成) names that chapter; 「港の話じゃない」 denies 港 (話 says "the matter of"); a description typed
in kana (ちいき) is read in the table's spelling; 「挙げてもらったうちで」 (a past verb and うち) points at the
list; and 「それぞれ…の何を通じて」 asks each card a question its own sentence answers. Our own wordings; none is
a blind set's turn."""

import pytest

from index.retrieve.understand import _kpi_rule
from tests.test_conversation_cases import MINISTRY_LEAD_METI, MINISTRY_LEAD_MLIT, T, assert_followed

UNSET_OR_BLANK = ("02-05", "02-10", "04-01", "05-35", "05-36")
PORTS = ("02-10", "03-43", "03-44")

CONVERSATIONS = {
    "both KPI cells empty, not written 未設定": [
        T("KPIがまだ決まってないか空欄の施策を全部", UNSET_OR_BLANK),
        # 04-01 says 未設定 in both cells: written, not blank
        T("そのうちKPI欄がどっちも空欄のものは？", ("05-35", "05-36")),
    ],
    "one KPI cell without a KPI and the other with one": [
        T("KPIがまだ決まってないか空欄の施策を全部", UNSET_OR_BLANK),
        # 04-01, 05-35 and 05-36 have neither; 02-05 and 02-10 have the progress KPI only
        T("そこからKPIが片方だけ決まってないものは？", ("02-05", "02-10")),
    ],
    "all the others, the quantifier by ほか": [
        T("デジタル活用支援員の施策は？", "07-08"),
        T("高齢者に関係する施策をほかにもすべて挙げて", ("02-09", "07-06")),
    ],
    "more of a ministry after a list gone through by its KPIs is beyond the list": [
        T("港湾の施策を全部", PORTS),
        T("それぞれのKPIは？", PORTS),
        T("2つ目の進捗KPIは？", "03-43"),
        # no ministry was spoken of since the list: more is beyond it (02-10 and 03-43 name 財務省 too)
        T("ほかに財務省が入ってる施策は？", "04-01"),
    ],
    "a role conceded, the list's topic said again": [
        T("医療関係の施策を全部", ("03-07", "03-08", "03-09", "03-10", "03-11", "03-12", "03-14", "03-15")),
        T("そのうち厚労省が主担当のは", ("03-08", "03-10", "03-12", "03-14")),
        # those of the list 厚労省 takes part in without leading: 03-09 (◎総務省), 03-11 (◎内閣府)
        T("ほかに厚労省が入ってる医療のは？主担当でなくても構わない", ("03-09", "03-11")),
    ],
    "a topic that is a chapter's heading, the ministry's own": [
        T("06-08はどんな施策？", "06-08"),
        # 03-01 (端末) writes 人材の育成 in passing, in chapter 03; 06-07 AI教育 never says 育成
        T("ほかに文部科学省の人材育成の施策は？", ("06-07", "06-09", "06-10")),
    ],
    "a topic that is a chapter's heading, a ministry taking part": [
        T("経済産業省が主担当の施策を全部", MINISTRY_LEAD_METI),
        T("ほかに総務省が関係府省として入っている人材育成の施策は？", "06-01"),
    ],
    "the matter of a thing denied": [
        T("国交省が主担当の施策を一覧で", MINISTRY_LEAD_MLIT),
        T("その中で不動産の話じゃないのは？", ("02-10", "03-43", "03-44", "05-33")),
    ],
    "a description typed in kana picks a listed card": [
        T("プログラミング教育の施策を全部", ("06-09", "07-09")),
        # (not 06-02 地域人材, which the table search finds for the words: it is not in the list)
        T("ちいきでやってるやつのしひょうは？", "07-09"),
    ],
    "among what was just listed, said by a past verb and うち": [
        T("警察庁が主担当の施策を全部", ("02-05", "02-06", "02-07", "02-08", "02-09")),
        # (not 02-05 運転免許, which the table search finds near 自動運転)
        T("いま挙げてもらったうちで自動運転に関係するのは？", ("02-07", "02-08")),
    ],
    "a question asked of each card, answered by its own sentence": [
        T("サイバーセキュリティ人材の施策で総務省が主担当のものは？", ("06-03", "06-11")),
        T("それぞれNICTのどんな仕組みを使ってるの？", ("06-03", "06-11"), "ナショナルサイバートレーニングセンター",
          "サイバーセキュリティネクサス"),
    ],
}


@pytest.mark.parametrize("name", list(CONVERSATIONS))
def test_a_set_follow_up_is_read_by_cells_and_grammar(retriever, name):
    assert_followed(retriever, CONVERSATIONS[name])


@pytest.mark.parametrize("question, rule", [
    ("KPIが片方だけ未設定の施策", "one"),
    ("KPIが一方だけ空欄の施策", "one_blank"),
    ("進捗と効果のどちらか一方だけ決まっていない施策", "one"),
    ("KPIが両方とも空欄の施策", "blank_both"),  # (as before: both cells empty)
])
def test_one_of_two_kpi_cells(question, rule):
    assert _kpi_rule(question) == rule
