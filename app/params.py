"""The web API's parameters, shared by the Gradio endpoints (app/ui.py) and the REST API (app/rest.py): filters read
from JSON and checked against the table, top_k and mode checked, each problem one Japanese sentence."""

from __future__ import annotations

from index.corpus import ARTICLE_COLUMNS, GUIDE_COLUMNS
from index.retrieve import Filters

__all__ = ["MODES", "make_filters", "filters_from_json", "roadmap_filters", "check_filter_values", "check_search_args"]

MODES = ("hybrid", "bm25", "dense")


def make_filters(ministries=None, lead_only=False, chapters=None, articles=None, guides=None) -> Filters:
    return Filters(ministries=tuple(ministries or ()), lead_only=bool(lead_only and ministries),
                   chapters=tuple(c.split()[0] for c in (chapters or ())), articles=tuple(articles or ()),
                   guides=tuple(guides or ()))


def filters_from_json(data) -> Filters:
    """API filters: {"ministries": [...], "lead_only": bool, "chapters": [...], "articles": [...], "guides": [...],
    "ids": [...]}; unknown keys are refused with a Japanese message."""
    data = data or {}
    if not isinstance(data, dict):
        raise ValueError("filters は JSON オブジェクトで指定してください")
    known = {"ministries", "lead_only", "chapters", "articles", "guides", "ids", "year_from", "year_to", "status",
             "kinds", "has_target"}
    unknown = sorted(set(data) - known)
    if unknown:
        raise ValueError(f"filters に知らない項目があります: {', '.join(unknown)}（使える項目: {', '.join(sorted(known))}）")

    def strings(key):
        v = data.get(key) or []
        if isinstance(v, str):
            v = [v]
        if not isinstance(v, list) or not all(isinstance(x, str) for x in v):
            raise ValueError(f"filters.{key} は文字列のリストで指定してください")
        return tuple(v)

    ministries = strings("ministries")
    return Filters(ministries=ministries, lead_only=bool(data.get("lead_only")) and bool(ministries),
                   chapters=strings("chapters"), articles=strings("articles"), guides=strings("guides"),
                   ids=strings("ids"), **roadmap_filters(data))


def roadmap_filters(data: dict) -> dict:
    """The 工程表 part of API filters: {"year_from": 2022 | "令和4年度", "year_to": …, "status": "past"|"planned",
    "kinds": ["deadline", …], "has_target": true}, checked with a Japanese message."""
    from index.roadmap import KINDS, parse_year

    out: dict = {}
    for key in ("year_from", "year_to"):
        if data.get(key) not in (None, ""):
            try:
                out[key] = parse_year(data[key])
            except ValueError:
                raise ValueError(f"filters.{key} は 2025、「2025年度」、「令和7年度」のような年で指定してください") from None
    status = data.get("status") or ""
    if status not in ("", "past", "planned"):
        raise ValueError("filters.status は past（実施済み）か planned（予定）で指定してください")
    kinds = data.get("kinds") or []
    if isinstance(kinds, str):
        kinds = [kinds]
    if not isinstance(kinds, list) or any(k not in KINDS for k in kinds):
        raise ValueError(f"filters.kinds は {', '.join(KINDS)} のリストで指定してください")
    return {**out, "status": status, "kinds": tuple(kinds), "has_target": bool(data.get("has_target"))}


def check_filter_values(f: Filters, cards) -> None:
    """Refuse filter values the table does not have (an unknown ministry, chapter, mark or card ID), naming them:
    a misspelt 府省庁 would otherwise filter everything out and read as 「該当なし」."""
    known = {
        "ministries": {m.name for c in cards for m in c.ministries},
        "chapters": {c.chapter for c in cards},
        "articles": set(ARTICLE_COLUMNS),
        "guides": set(GUIDE_COLUMNS),
        "ids": {c.id for c in cards},
    }
    what = {"ministries": "府省庁", "chapters": "章", "articles": "条", "guides": "手引", "ids": "施策番号"}
    for key, values in known.items():
        unknown = [v for v in getattr(f, key) if v not in values]
        if unknown:
            sample = "、".join(sorted(values)[:6]) + ("、…" if len(values) > 6 else "")
            raise ValueError(f"filters.{key} に施策集にない{what[key]}があります: {'、'.join(unknown)}"
                             f"（例: {sample}）")


def check_search_args(top_k, mode) -> tuple[int, str]:
    try:
        k = int(top_k)
    except (TypeError, ValueError):
        raise ValueError("top_k は 1〜50 の整数で指定してください") from None
    if not 1 <= k <= 50:
        raise ValueError("top_k は 1〜50 の整数で指定してください")
    if mode not in MODES:
        raise ValueError(f"mode は {' / '.join(MODES)} のいずれかです")
    return k, mode
