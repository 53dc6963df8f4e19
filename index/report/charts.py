"""Report charts drawn with matplotlib and a bundled Japanese font (matplotlib-fontja), so that 府省庁名 render the
same in the HTML page, the workbook and the web app on any machine; PNG bytes or Figures, never pyplot state."""

from __future__ import annotations

import io
import logging
from collections import Counter
from typing import Sequence

import numpy as np

__all__ = ["figure", "png", "outcome_chart", "confidence_chart", "count_chart", "chapter_chart", "heatmap", "card_map",
           "COLORS"]

#: Outcome colours: answer / uncertain / none.
COLORS = {"answer": "#2b8a3e", "uncertain": "#e8a33d", "none": "#adb5bd"}
_PALETTE = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22",
            "#17becf", "#393b79", "#637939", "#8c6d31", "#843c39", "#7b4173", "#3182bd"]


def _setup() -> None:
    import matplotlib

    matplotlib.use("Agg", force=False)
    import matplotlib_fontja  # noqa: F401  (registers IPAexGothic and makes it the default family)

    matplotlib.rcParams["axes.unicode_minus"] = False  # the Japanese font has no U+2212
    # chapter numbers (02, 03) are labels, not numbers: matplotlib says so in an INFO line per chart otherwise, six
    # lines in the server log per report
    logging.getLogger("matplotlib.category").setLevel(logging.WARNING)


def figure(width: float, height: float):
    """A matplotlib Figure not tied to pyplot (safe to build in web-app threads)."""
    _setup()
    from matplotlib.figure import Figure

    return Figure(figsize=(width, height), dpi=100, layout="constrained")


def png(fig, dpi: int = 110) -> bytes:
    """The figure as PNG bytes."""
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=dpi)
    return buf.getvalue()


def _whole_ticks(axis) -> None:
    """Counts are whole numbers: no tick at 2.5 or 7.5."""
    from matplotlib.ticker import MaxNLocator

    axis.set_major_locator(MaxNLocator(integer=True))


def outcome_chart(outcomes: dict[str, int], title: str = "判定ごとの行数"):
    """Rows by outcome: 回答 / 不確か / 該当なし (the words of the report's 判定 column)."""
    labels = {"answer": "回答", "uncertain": "不確か", "none": "該当なし"}
    fig = figure(5.5, 1.9)
    ax = fig.add_subplot()
    keys = list(labels)
    vals = [outcomes.get(k, 0) for k in keys]
    bars = ax.barh([labels[k] for k in keys][::-1], vals[::-1], color=[COLORS[k] for k in keys][::-1])
    ax.bar_label(bars, padding=3)
    ax.set_title(title)
    ax.set_xlim(0, max(vals + [1]) * 1.15)
    _whole_ticks(ax.xaxis)
    ax.spines[["top", "right"]].set_visible(False)
    return fig


def confidence_chart(histogram: Sequence[int]):
    """Distribution of each row's best confidence, in tenths."""
    fig = figure(5.5, 2.6)
    ax = fig.add_subplot()
    edges = np.arange(10) / 10
    colors = ["#adb5bd" if e < 0.45 else "#e8a33d" if e < 0.75 else "#2b8a3e" for e in edges]  # 低 / 中 / 高
    ax.bar(edges + 0.05, histogram, width=0.095, color=colors)
    ax.set_xlim(0, 1)
    ax.set_xticks(np.arange(0, 1.01, 0.1))
    ax.set_xlabel("各行の信頼度 (表の「信頼度」列。0.5 未満 = 低、0.8 未満 = 中、それ以上 = 高)")
    ax.set_ylabel("行数")
    _whole_ticks(ax.yaxis)
    ax.set_title("信頼度の分布")
    ax.spines[["top", "right"]].set_visible(False)
    return fig


def count_chart(counts: Counter | dict, title: str, limit: int = 15, sort_keys: bool = False):
    """Horizontal bars of a count per label (chapters, ministries), largest first or in key order."""
    items = sorted(counts.items()) if sort_keys else Counter(counts).most_common()
    if len(items) > limit:
        items = items[:limit - 1] + [("その他", sum(v for _, v in items[limit - 1:]))]
    fig = figure(5.5, 0.45 + 0.3 * max(len(items), 2))
    ax = fig.add_subplot()
    if items:
        labels, vals = zip(*items)
        bars = ax.barh(list(labels)[::-1], list(vals)[::-1], color="#1f77b4")
        ax.bar_label(bars, padding=3)
        ax.set_xlim(0, max(vals) * 1.15)
        _whole_ticks(ax.xaxis)
    else:  # no axis: an empty 0.0–1.0 scale under a lone word read as a broken chart
        ax.set_axis_off()
        ax.text(0.5, 0.4, "該当なし (数える行がありません)", ha="center", va="center", color="#666",
                transform=ax.transAxes)
    ax.set_title(title)
    ax.spines[["top", "right"]].set_visible(False)
    return fig


def chapter_chart(by_chapter: Counter | dict, cards=(), title: str = "1位の回答の章"):
    """Rows per chapter, each named by its heading (「03 準公共分野のデジタル化…」) rather than its bare number."""
    from ..assist import chapter_titles

    titles = chapter_titles(cards) if cards else {}

    def label(ch: str) -> str:
        # a long heading loses its parenthesis (「03 準公共分野のデジタル化」, not 「03 準公共分野のデジタル化（教育・医療・防災…」):
        # cut mid-list it said little and took half a phone-wide chart from the bars
        t = titles.get(ch, ch)
        if len(t) > 24 and "（" in t:
            t = t[: t.index("（")]
        return t if len(t) <= 24 else t[:23] + "…"

    return count_chart({label(k): v for k, v in by_chapter.items()}, title, sort_keys=True)


def heatmap(matrix: np.ndarray, labels: Sequence[str], clusters: Sequence[int]):
    """Card-to-card similarity, rows and columns in cluster order, with cluster boundaries drawn."""
    n = len(labels)
    size = min(4 + 0.12 * n, 14)
    fig = figure(size, size * 0.92)
    ax = fig.add_subplot()
    im = ax.imshow(matrix, cmap="viridis", vmin=0, vmax=1, interpolation="nearest")
    fs = 7 if n <= 80 else 5
    if n <= 150:
        ax.set_xticks(range(n), labels, rotation=90, fontsize=fs)
        ax.set_yticks(range(n), labels, fontsize=fs)
    bounds = [i for i in range(1, n) if clusters[i] != clusters[i - 1]]
    for b in bounds:
        ax.axhline(b - 0.5, color="white", lw=0.6)
        ax.axvline(b - 0.5, color="white", lw=0.6)
    fig.colorbar(im, ax=ax, shrink=0.7, label="類似度 (0–1)")
    ax.set_title("施策どうしの類似度 (クラスタ順)")
    return fig


def card_map(xy: np.ndarray, ids: Sequence[str], leads: Sequence[str], names: Sequence[str] | None = None):
    """A 2-D map of the cards (nearby = similar), coloured by lead ministry, each point labelled by its ID."""
    fig = figure(9, 6.5)
    ax = fig.add_subplot()
    order = [m for m, _ in Counter(leads).most_common()]
    colors = {m: _PALETTE[i % len(_PALETTE)] for i, m in enumerate(order)}
    for m in order:
        idx = [i for i, lead in enumerate(leads) if lead == m]
        ax.scatter(xy[idx, 0], xy[idx, 1], s=46, color=colors[m], label=m, edgecolors="white", linewidths=0.5)
    for i, cid in enumerate(ids):
        ax.annotate(cid, xy[i], xytext=(3, 3), textcoords="offset points", fontsize=6.5, color="#333")
    ax.legend(title="主担当府省庁", fontsize=7, title_fontsize=8, loc="center left", bbox_to_anchor=(1.01, 0.5),
              frameon=False)
    ax.set_xticks([])
    ax.set_yticks([])
    ax.set_title("施策の配置図 (近いほど内容が似ている)")
    return fig
