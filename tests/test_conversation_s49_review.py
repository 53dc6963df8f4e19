"""Session 49 review: one pattern reads 「KPIが未設定」 for both the question's own set (index.retrieve.understand) and a
follow-up's 「ほかに…KPI未設定の」 (index.conversation), so a wording either reads is read by both. Our own wordings;
none is a blind set's turn."""

import pytest

from index.retrieve.understand import KPI_UNSET_PATTERN
from tests.test_conversation_cases import T, assert_followed

NO_KPI_BUT_0401 = ("02-05", "02-10", "05-35", "05-36")


@pytest.mark.parametrize("q", ["KPI設定してない施策", "KPIないやつ", "KPI設定ないのはどれ", "指標がまだないもの",
                               "KPIが「未設定」って書かれてる施策", "measures with no KPI", "KPI unset"])
def test_an_unset_kpi_is_read_in_every_wording(q):
    assert KPI_UNSET_PATTERN.search(q)


@pytest.mark.parametrize("q", ["KPIの数値が少ない施策", "KPIが設定されている施策", "KPIの目標年度"])
def test_a_kpi_with_another_word_is_no_unset_kpi(q):
    assert not KPI_UNSET_PATTERN.search(q)


CONVERSATIONS = {
    "more measures with an unset KPI, the KPI with no particle": [
        T("04-01の担当は", "04-01"),
        T("KPI設定してないやつ、ほかにある？", NO_KPI_BUT_0401),
    ],
    "more measures whose KPI cell says 「未設定」 in quotes (a blank cell does not say it)": [
        T("04-01の担当は", "04-01"),
        T("ほかに指標が「未設定」になってる施策は？", ("02-05", "02-10")),
    ],
}


@pytest.mark.parametrize("name", list(CONVERSATIONS))
def test_more_unset_kpis_are_followed_turn_by_turn(retriever, name):
    assert_followed(retriever, CONVERSATIONS[name])
