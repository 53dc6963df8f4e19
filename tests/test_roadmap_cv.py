"""eval/roadmap_cv.py: one rule of index/roadmap.py taken out at a time, and put back (the by-card cross-validation)."""

from __future__ import annotations

import re

import index.roadmap as R
from eval.roadmap_cv import Ablated, code_rules, parse, render, rules
from index.corpus import PolicyCard


def card(overview: str) -> PolicyCard:
    return PolicyCard(id="99-01", name="試験", overview=overview, kpi_progress="x", kpi_effect="x")


def kinds(text: str) -> list[str]:
    return [m.kind for m in R.milestones_of(card(text), 2021)]


def test_every_pattern_of_the_module_is_rebuilt_exactly_from_its_alternatives():
    for name, val in vars(R).items():
        if isinstance(val, re.Pattern):
            assert render(parse(val.pattern)) == val.pattern, name


def test_one_word_after_a_date_taken_out_and_put_back():
    text = "令和5年度を目途に新システムを整備する。"
    assert kinds(text) == ["deadline"]
    medo = [r for r in rules() if r[0][0] == "_TAIL" and r[0][2] == "を目途"]
    assert len(medo) == 1
    with Ablated(medo + [r for r in rules() if r[0][0] in ("_TARGET_WORDS", "_ABOUT_WORDS") and "目途" in r[0][2]]):
        assert kinds(text) != ["deadline"]  # without 目途 the date is read by its verb: the year's work
    assert kinds(text) == ["deadline"]


def test_a_condition_of_the_code_taken_out_and_put_back():
    text = "令和3年度(2021年度)末に公表する。"
    assert kinds(text) == ["deadline"]
    end = [r for r in code_rules() if r[0][2].startswith("_kind:") and "part == '末'" in r[0][2]]
    assert len(end) == 1
    with Ablated(end):
        assert kinds(text) != ["deadline"]
    assert kinds(text) == ["deadline"]
