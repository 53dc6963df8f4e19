"""The one list of report file formats, in the order they are offered: what `seisaku report`/`similar` accept, what
the web app's report tabs write, and what the writers of question reports and overlap files must each handle."""

from __future__ import annotations

from .table import ReportError

__all__ = ["FORMATS", "unknown_format"]

FORMATS = ("xlsx", "csv", "html", "jsonl")


def unknown_format(fmt: str) -> ReportError:
    """The error for a format not in FORMATS, listing those that are."""
    ja, en = ", ".join(FORMATS), ", ".join(FORMATS[:-1]) + " or " + FORMATS[-1]
    return ReportError(f"形式 {fmt!r} には対応していません ({ja})", f"unknown format {fmt!r}; choose {en}")
