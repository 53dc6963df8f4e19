"""The card list an analyst browses (index.card_table) and what an empty chat answer says about why (index.explain)."""

from index.assist import ask
from index.card_table import CardTable
from index.explain import explain
from index.retrieve import Filters


def test_the_card_list_searches_every_shown_column_and_readings(cards):
    table = CardTable.of(cards.cards)
    ids = lambda sel: {table.rows[i][0] for i in sel}  # noqa: E731
    remote = {c.id for c in cards if any("遠隔" in t for t in (c.name, c.overview, *c.bullets, c.kpi_progress,
                                                               c.kpi_effect))}
    assert remote and ids(table.select("えんかく")) == remote  # typed as read, found as written (遠隔)
    assert ids(table.select("遠隔")) == remote
    set_up = {r[0] for r in table.rows if r[4] == "設定済"}
    assert ids(table.select("設定済")) == set_up and 0 < len(set_up) < len(cards)  # the KPI column is searched
    assert ids(table.select("04-03 内閣官房")) == {"04-03"}  # every word, each in any column
    led = {c.id for c in cards if "国土交通省" in c.lead_ministries}
    assert ids(table.select(leads=["国土交通省"])) == led
    assert ids(table.select(chapters=["03"], kpi=["設定済"])) == {c.id for c in cards if c.chapter == "03"} & set_up
    facets = table.facets()
    assert ("設定済 (%d)" % len(set_up), "設定済") in facets["kpi"]
    assert facets["chapters"][0][1] == "02" and "(" in facets["chapters"][0][0]


def test_an_answer_emptied_by_the_filters_names_what_they_excluded(retriever):
    f = Filters(ministries=("総務省",), lead_only=True)
    a = explain(retriever, ask(retriever, "テレワークを推進する施策は？", filters=f), f)
    assert not a.answers
    assert any("総務省・主担当のみ" in n and "[04-03] テレワークの普及" in n and "内閣官房" in n for n in a.notes)
    plain = ask(retriever, "テレワークを推進する施策は？")
    assert explain(retriever, plain, Filters()) is plain  # nothing set, nothing to explain


def test_an_unknown_card_number_is_said_as_such(retriever):
    a = explain(retriever, ask(retriever, "12-34のKPIは？"), Filters())
    assert "施策番号 12-34 の施策は、この施策集にありません" in a.direct and "絞り込み" not in a.direct
    known = explain(retriever, ask(retriever, "04-03のKPIは？"), Filters())
    assert "[04-03]" in known.direct
