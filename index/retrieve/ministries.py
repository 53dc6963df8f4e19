"""Names of government bodies: the ministries a table lists, their short and English names, and bodies it never names."""

from __future__ import annotations

import re
from typing import Sequence

from ..corpus import MINISTRY_ALIASES, PolicyCard

__all__ = ["MINISTRY_NAMES_EN", "GOVERNMENT_BODIES", "MINISTRY_SHORT_JA", "MINISTRY_KANA", "KANA_NAME_END", "is_hiragana", "ends_in_kana",
           "ministry_lexicon", "absent_bodies",
           "find_names", "NAMES_WITHOUT_TABLE"]

# English names and short forms of ministries, for questions that name them.
MINISTRY_NAMES_EN = {
    "national police agency": "警察庁", "police": "警察庁", "cabinet office": "内閣府",
    "cabinet secretariat": "内閣官房", "digital agency": "デジタル庁",
    "ministry of internal affairs and communications": "総務省", "mic": "総務省", "internal affairs": "総務省",
    "ministry of economy, trade and industry": "経済産業省", "meti": "経済産業省",
    "ministry of education, culture, sports, science and technology": "文部科学省",
    "ministry of education": "文部科学省", "mext": "文部科学省",
    "ministry of health, labour and welfare": "厚生労働省", "mhlw": "厚生労働省", "ministry of health": "厚生労働省",
    "ministry of land, infrastructure, transport and tourism": "国土交通省", "mlit": "国土交通省",
    "ministry of agriculture, forestry and fisheries": "農林水産省", "maff": "農林水産省",
    "ministry of agriculture": "農林水産省", "ministry of finance": "財務省", "ministry of justice": "法務省",
    "ministry of foreign affairs": "外務省", "mofa": "外務省", "ministry of the environment": "環境省",
    "personal information protection commission": "個人情報保護委員会", "ppc": "個人情報保護委員会",
    "consumer affairs agency": "消費者庁", "fire and disaster management agency": "消防庁",
    "ministry of defense": "防衛省", "ministry of defence": "防衛省", "financial services agency": "金融庁",
    "reconstruction agency": "復興庁", "children and families agency": "こども家庭庁", "japan tourism agency": "観光庁",
    "japan meteorological agency": "気象庁", "japan patent office": "特許庁", "agency for cultural affairs": "文化庁",
    "japan sports agency": "スポーツ庁", "forestry agency": "林野庁", "fisheries agency": "水産庁",
    "small and medium enterprise agency": "中小企業庁", "agency for natural resources and energy": "資源エネルギー庁",
    "japan coast guard": "海上保安庁", "immigration services agency": "出入国在留管理庁", "national tax agency": "国税庁",
    "japan fair trade commission": "公正取引委員会", "nuclear regulation authority": "原子力規制委員会",
    "imperial household agency": "宮内庁", "national personnel authority": "人事院", "board of audit": "会計検査院",
    "public security intelligence agency": "公安調査庁", "national public safety commission": "国家公安委員会",
    # as people write them in a sentence: "the agriculture ministry", "the education ministry"
    "agriculture ministry": "農林水産省", "education ministry": "文部科学省", "health ministry": "厚生労働省",
    "economy ministry": "経済産業省", "industry ministry": "経済産業省", "ministry of economy": "経済産業省",
    "transport ministry": "国土交通省", "land ministry": "国土交通省", "ministry of land": "国土交通省",
    "communications ministry": "総務省", "internal affairs ministry": "総務省", "ministry of internal affairs": "総務省",
    "finance ministry": "財務省", "justice ministry": "法務省", "environment ministry": "環境省",
    "foreign ministry": "外務省", "defense ministry": "防衛省", "defence ministry": "防衛省",
    # the abbreviations English writing uses besides those above (MIC, METI, MEXT, MHLW …)
    "npa": "警察庁", "cao": "内閣府", "cas": "内閣官房", "miac": "総務省", "mof": "財務省", "moj": "法務省",
    "moe": "環境省", "mod": "防衛省", "fsa": "金融庁", "caa": "消費者庁", "fdma": "消防庁", "jpo": "特許庁",
    "ministry of economy, trade & industry": "経済産業省", "ministry of health, labor and welfare": "厚生労働省",
    "police agency": "警察庁", "cabinet secretary": "内閣官房", "privacy commission": "個人情報保護委員会",
    "data protection commission": "個人情報保護委員会",
}
# Central government bodies (English names in MINISTRY_NAMES_EN) that a question may name although the table does not list
# them in 府省庁名: 「デジタル庁が主担当の施策は？」 is answered by "no card", not by the nearest cards about デジタル.
GOVERNMENT_BODIES = (
    "デジタル庁", "防衛省", "金融庁", "復興庁", "こども家庭庁", "観光庁", "気象庁", "特許庁", "文化庁", "スポーツ庁", "林野庁",
    "水産庁", "中小企業庁", "資源エネルギー庁", "海上保安庁", "出入国在留管理庁", "国税庁", "公正取引委員会", "原子力規制委員会",
    "宮内庁", "人事院", "会計検査院", "公安調査庁", "国家公安委員会", "財務省", "外務省", "法務省", "環境省", "消費者庁", "消防庁",
    "内閣府", "内閣官房", "総務省", "警察庁", "経済産業省", "文部科学省", "厚生労働省", "国土交通省", "農林水産省",
    "個人情報保護委員会",
)
MINISTRY_SHORT_JA = {"文科": "文部科学省", "厚労": "厚生労働省", "国交": "国土交通省", "経産": "経済産業省",
                     "農水": "農林水産省", "総務": "総務省", "警察": "警察庁", "個情委": "個人情報保護委員会",
                     "個人情報保護委": "個人情報保護委員会"}
# The names as typed on a phone without converting (「もんかしょうが主担当の」, 「こくこうしょうのしさく」): the
# hiragana readings of the full and the short 省 / 庁 names, never a bare short form (けいさつ, そうむ are words)
MINISTRY_KANA = {
    "もんぶかがくしょう": "文部科学省", "もんかしょう": "文部科学省", "こうせいろうどうしょう": "厚生労働省",
    "こうろうしょう": "厚生労働省", "こくどこうつうしょう": "国土交通省", "こっこうしょう": "国土交通省",
    "こくこうしょう": "国土交通省", "けいざいさんぎょうしょう": "経済産業省", "けいさんしょう": "経済産業省",
    "のうりんすいさんしょう": "農林水産省", "のうすいしょう": "農林水産省", "そうむしょう": "総務省",
    "けいさつちょう": "警察庁", "ないかくかんぼう": "内閣官房", "ないかくふ": "内閣府", "ほうむしょう": "法務省",
    "がいむしょう": "外務省", "ざいむしょう": "財務省", "かんきょうしょう": "環境省", "しょうひしゃちょう": "消費者庁",
    "しょうぼうちょう": "消防庁", "こじんじょうほうほごいいんかい": "個人情報保護委員会",
}
# Where a name typed in hiragana ends: before a particle (が, の, は …), a word run on in kana (しゅたんとう), anything
# not hiragana, or the end; not inside a longer word whose sounds begin with it (しょうひしゃちょうさ is 消費者調査,
# ないかくふう 内閣 + 工夫, けいさんしょうめい a 計算証明)
KANA_NAME_END = r"(?=[^\u3041-\u3096]|$|[のがはもとやにでへをかよねっじだし])"


def is_hiragana(word: str) -> bool:
    return all("\u3041" <= c <= "\u309f" for c in word)

def ministry_lexicon(cards: Sequence[PolicyCard]) -> dict[str, str]:
    """Every way a question may name a ministry of the table (full names, 省/庁 forms, short and English names,
    offices inside parentheses) → the name 府省庁名 uses."""
    names = {m.name for c in cards for m in c.ministries if m.name != "関係府省庁"}
    lex = {n: n for n in sorted(names)}  # sorted: the same order (and stored bytes) in every process
    for c in cards:  # offices named inside parentheses: 内閣官房(◎内閣官房小型無人機等対策推進室、IT室、…)
        for inner in re.findall(r"[(（]([^)）]*)[)）]", c.ministries_raw):
            for office in re.split(r"[、,，]", inner):
                office = office.strip("◎○ ")
                if len(office) >= 4 and office not in lex:
                    lex[office] = office
    for alias, full in _SHORT_NAMES:
        if full in names:
            lex[alias] = full
    # half converted: 「国土交通しょう」, 「経産しょう」, 「内閣ふ」 (the name, its last sound in kana) and 「こくどこうつう省」
    # (the sounds, then the kanji the IME got right)
    for alias, full in list(lex.items()):
        if not alias.isascii() and not is_hiragana(alias):
            for kanji, kana in _END_SOUNDS:
                if alias.endswith(kanji) and len(alias) > len(kanji):
                    lex.setdefault(alias[:-len(kanji)] + kana, full)
        elif is_hiragana(alias):
            for kanji, kana in _END_SOUNDS:
                if alias.endswith(kana) and len(alias) > len(kana) + 1:
                    lex.setdefault(alias[:-len(kana)] + kanji, full)
    for en, full in MINISTRY_NAMES_EN.items():
        if full in names:
            lex[en] = full
    return lex


# The names people write for a body besides its own (ministry_lexicon): bare forms such as 環境 or 法務 are ordinary
# words in a question (教材や演習の環境); only the 省/庁 forms, the short names people really write (文科, 厚労, 総務 …)
# and the names typed in kana count.
_SHORT_NAMES = [(a, f) for a, f in [(a, f) for a, f in MINISTRY_ALIASES.items() if a.endswith(("省", "庁", "委"))]
                + list(MINISTRY_SHORT_JA.items()) + list(MINISTRY_KANA.items()) if len(a) >= 2]


#: find_names's lexicon for text read without the table at hand (index.conversation, which has the turns only): each
#: body of GOVERNMENT_BODIES by its own name, and the short names of ministry_lexicon (文科省, 文科, 個情委, もんかしょう)
NAMES_WITHOUT_TABLE = {**{b: b for b in GOVERNMENT_BODIES}, **dict(_SHORT_NAMES)}


# Nouns of a ministry's role that memo-style questions write straight after a short name, with no 省 or particle:
# 「文科主担当の施策」, 「うち経産関与」, 「厚労所管」, 「国交メイン」 (never a 課 or 署: 総務課 is an office of any body; nor 関係:
# 「警察関係のデジタル化の施策」, 警察絡み are a subject, the police, not the cards 警察庁 takes part in)
_ROLE_AFTER_SHORT = r"主担当|担当|関与|所管|主管|管轄|共管|主導|単独|以外|メイン"


# The last word of a ministry's name and its sound, for names typed half converted (ministry_lexicon)
_END_SOUNDS = (("委員会", "いいんかい"), ("省", "しょう"), ("庁", "ちょう"), ("府", "ふ"))


def ends_in_kana(alias: str) -> bool:
    """A name whose end is typed in hiragana (もんかしょう, 国土交通しょう): it ends where KANA_NAME_END says."""
    return not alias.isascii() and is_hiragana(alias[-1])


def absent_bodies(cards: Sequence[PolicyCard], lexicon: dict[str, str]) -> dict[str, str]:
    """Government bodies (Japanese and English names) that the table never mentions, neither in 府省庁名 nor in any
    other cell: a question about what they lead has no answer here."""
    listed = set(lexicon.values())
    unseen = [b for b in GOVERNMENT_BODIES if b not in listed]
    for c in cards:  # card by card: a million cards' text is never one string
        if not unseen:
            break
        text = c.ministries_raw + " " + c.name + " " + c.overview
        if any(b in text for b in unseen):
            unseen = [b for b in unseen if b not in text]
    out: dict[str, str] = {}
    for body in GOVERNMENT_BODIES:
        if body in unseen:
            out[body] = body
            out.update({en: body for en, ja in MINISTRY_NAMES_EN.items() if ja == body})
    return out


def find_names(topic: str, lexicon: dict[str, str]) -> tuple[list[str], str]:
    """The names of `lexicon` in `topic` (longest alias first: 内閣官房 before 内閣), and the topic without them."""
    found: list[str] = []
    for alias in sorted(lexicon, key=len, reverse=True):
        if alias not in topic:  # (each pattern below needs the alias itself in the topic: skip the regex)
            continue
        if alias.endswith(("省", "庁", "会", "委", "室", "センター")) or alias == lexicon[alias]:
            hit = True
        elif ends_in_kana(alias):  # もんかしょう, 国土交通しょう: a name typed in kana, not the start of a longer kana word
            hit = re.search(re.escape(alias) + KANA_NAME_END, topic) is not None
        elif not alias.isascii():
            # a short form (警察, 総務, 文科) names a ministry only as a word of its own: 警察署, 総務課 are not one;
            # terse notes run it on into the role they ask about (「文科主担当」, 「経産関与」, 「総務所管」)
            hit = re.search(rf"{re.escape(alias)}(?:(?![\u3400-\u9fff])|(?={_ROLE_AFTER_SHORT}))", topic) is not None
        else:
            hit = re.search(rf"(?<![a-z]){re.escape(alias)}(?![a-z])", topic) is not None
        if hit:
            if lexicon[alias] not in found:
                found.append(lexicon[alias])
            topic = topic.replace(alias, " ")
    return found, topic
