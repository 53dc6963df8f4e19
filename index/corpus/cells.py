"""The text of one table cell: HTML and spaces cleaned, bullets split, ministries parsed, defects described."""

from __future__ import annotations

import html
import re
import unicodedata

from .cards import Ministry

# Abbreviated ministry names seen in plans; the key is what the table writes, the value the official name.
MINISTRY_ALIASES = {
    "経産省": "経済産業省", "文科省": "文部科学省", "厚労省": "厚生労働省", "国交省": "国土交通省",
    "農水省": "農林水産省", "総務": "総務省", "財務": "財務省", "外務": "外務省", "法務": "法務省",
    "環境": "環境省", "個情委": "個人情報保護委員会", "デジ庁": "デジタル庁", "警察": "警察庁",
}

# Characters that are not Japanese usage: simplified Chinese forms (outside JIS) are caught by encoding,
# these old/traditional forms are inside JIS but are almost always an OCR or copy-paste defect.
_OLD_FORMS = {
    "關": "関", "發": "発", "國": "国", "會": "会", "學": "学", "體": "体", "實": "実", "對": "対",
    "當": "当", "數": "数", "圖": "図", "區": "区", "來": "来", "應": "応", "經": "経", "變": "変",
    "擔": "担", "續": "続", "證": "証", "舊": "旧", "縣": "県", "團": "団", "號": "号", "鐵": "鉄",
    "醫": "医", "藥": "薬", "樂": "楽", "歸": "帰", "觀": "観", "轉": "転", "傳": "伝", "寫": "写",
}

_TAG = re.compile(r"<[^>]*>")
# A bullet marker is a hyphen (ASCII or full-width) at the start or after white space; a hyphen inside a word
# (Wi-Fi, 参考書-医師対医師) is text.
_BULLET = re.compile(r"(?:^|(?<=\s))[-－](?=\s|\S)")
_SPACES = re.compile(r"[ \t\u3000]+")


def clean_cell(text: str) -> str:
    """Remove HTML tags and entities and collapse runs of spaces; wording is otherwise untouched."""
    text = html.unescape(_TAG.sub(" ", text or ""))
    return _SPACES.sub(" ", text).strip()


def split_bullets(text: str) -> list[str]:
    """Split an overview cell into its bullet items (markers ` - `, `－`, or one item per line)."""
    text = html.unescape(_TAG.sub(" ", text or ""))
    if _BULLET.search(text):
        parts = _BULLET.split(text)
    else:
        parts = text.split("\n")
    return [p for p in (_SPACES.sub(" ", part).strip() for part in parts) if p]


def _split_top_level(text: str) -> list[str]:
    """Split on 、/,/， outside parentheses, so 内閣官房(◎A、B) stays one item."""
    items, depth, cur = [], 0, []  # type: list[str], int, list[str]
    for ch in text:
        if ch in "(（":
            depth += 1
        elif ch in ")）":
            depth = max(0, depth - 1)
        if ch in "、,，" and depth == 0:
            items.append("".join(cur))
            cur = []
        else:
            cur.append(ch)
    items.append("".join(cur))
    return [i.strip() for i in items if i.strip()]


def parse_ministries(raw: str) -> tuple[Ministry, ...]:
    """Parse 府省庁名: ◎ marks a lead (several allowed; inside parentheses it makes the parent ministry lead)."""
    out: list[Ministry] = []
    for item in _split_top_level(unicodedata.normalize("NFKC", raw or "").replace("(", "(").replace(")", ")")):
        lead = item.startswith("◎")
        name = item.lstrip("◎○ ").strip()
        inner = ""
        m = re.match(r"^([^()]*)\((.*)\)?$", name)
        if m:
            name, inner = m.group(1).strip(), m.group(2)
            lead = lead or "◎" in inner
        name = MINISTRY_ALIASES.get(name, name)
        if name and all(o.name != name for o in out):
            out.append(Ministry(name=name, lead=lead))
    return tuple(out)


def text_defects(text: str) -> list[str]:
    """Describe characters and brackets that look like defects (simplified Chinese, old forms, unclosed 「)."""
    found = []
    for ch in dict.fromkeys(text):
        if "\u4e00" <= ch <= "\u9fff":
            try:
                ch.encode("cp932")
            except UnicodeEncodeError:
                found.append(f"non-Japanese character {ch!r} (U+{ord(ch):04X}, likely simplified Chinese)")
                continue
            if ch in _OLD_FORMS:
                found.append(f"old/traditional form {ch!r} (modern form {_OLD_FORMS[ch]!r})")
    for open_, close in ("「」", "『』", "（）", "()"):
        if text.count(open_) != text.count(close):
            found.append(f"unbalanced {open_}{close}: {text.count(open_)} opened, {text.count(close)} closed")
    return found


def norm_label(label: str) -> str:
    """A header label as compared: NFKC, no white space (the PDF extraction splits 10 条 and full-width forms)."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", label))
