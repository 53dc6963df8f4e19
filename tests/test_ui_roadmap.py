"""The page's 工程表 tab and the API's 工程表 filters (app/ui_roadmap.py, app.ui.filters_from_json)."""

import pytest

from app.ui import filters_from_json
from app.ui_roadmap import chart_html, roadmap_view


def test_api_filters_take_the_roadmap_in_years_as_written(retriever):
    f = filters_from_json({"year_from": "令和7年度", "year_to": 2026, "kinds": ["deadline"], "status": "planned",
                           "has_target": True})
    assert (f.year_from, f.year_to, f.kinds, f.status, f.has_target) == (2025, 2026, ("deadline",), "planned", True)
    ids = [h.card.id for h in retriever.search("目標", filters=f, top_k=20).results]
    assert ids and set(ids) <= {"03-06", "06-01", "06-05", "07-05", "04-03"}
    for bad in ({"year_from": "来年"}, {"status": "done"}, {"kinds": ["soon"]}):
        with pytest.raises(ValueError, match="filters"):
            filters_from_json(bad)


def test_the_tab_shows_the_milestones_the_filters_keep_escaped(retriever):
    fig, summary, table, (cards, roads, _) = roadmap_view(retriever)
    assert fig is not None and "56 施策" in summary and "<mark>" in table
    assert "data:image/png;base64," in chart_html(fig) and "min-width:860px" in chart_html(fig)
    fig, summary, table, (cards, roads, _) = roadmap_view(retriever, "2025", "2025", "予定", ["deadline"])
    assert {c.id for c, r in zip(cards, roads) if r.milestones} == {"03-06", "04-03", "06-01", "06-05"}
    assert all(m.year == 2025 and m.kind == "deadline" for r in roads for m in r.milestones)
    assert "<script" not in table  # card text is escaped
    _, _, table, _ = roadmap_view(retriever, "2030", None)
    assert "ありません" in table
