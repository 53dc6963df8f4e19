"""The 工程表 read off the cards: dated milestones (「令和4年度(2022年度)の稼働を目指し」) and KPI targets as figures
(「令和7年度(2025年度)までに100%」), with the one KPI status (set / not yet set / blank) every view shares.

Everything is read from the card's own text: each milestone and target keeps its phrase, its sentence and their
character offsets in the field, so that it is cited the way search evidence is. Dates are read in both eras (令和,
平成, 元年) or in the Western calendar (also 「FY2023」), with full-width digits (and 「，」「．」 or a bare line end read as 「、」「。」);
a fiscal year (年度) is kept apart from a calendar year (年, with its month when written). A year written short in a
range or list gets its era or 年度 back, each year a date of its own (「令和3~5年度」, 「令和4・5年度」, 「2021~2023年度」,
「令和4年度から5年度にかけて」; a later year within 15 years, so 「から5年間」 stays a duration); the Western year inside
the era's (「令和4(2022)年度」) or the era's after the Western year (「2025年度(令和7年度)」, 「2021(令和3)年度」) is one
date.

Which dates are milestones. A date is a milestone when it says when something in the measure happens. A date that names a document or a
figure's reference point is not: a law, notice, survey, budget, account or edition (「平成29年法律第28号」, 「平成27年度国勢調査」,
「令和2年度補正予算」, 「令和4年度の概算要求」, 「令和元年度決算」), a decision that names a document (「令和2年7月17日閣議決定の「…」」;
not 「…閣議決定予定」), the time a figure was measured (「令和3年3月末時点」, 「…現在」), and in a KPI cell an earlier year's figure
(「(令和元年度(2019年度):8.2%)」, the baseline); a survey done or a document made then, named in a relative clause
(「令和元年度に実施した利用者アンケートでは」, 「令和2年7月に策定された基本計画を踏まえ」; not a law taking effect,
「…に施行された改正規則」, nor the measure's own step, 「…に指針を策定し、」), and a figure measured then (「令和２年中の救急出動件数は」,
「令和元年度には約740万件に達している」). Nor is a date that dates a reference rather than a step of the measure: a comparison's base
(「平成30年度比で」, 「…と比べ」, 「令和2年度の3倍に」, 「平成30年度の約2倍となる」, 「令和2年度の水準」), a source cited for a fact
(「令和2年度に実施した調査によれば」, 「…調査では」, 「…に取りまとめた報告書では」), an incident the measure answers to
(「平成27年に発生した事案」), a forecast's year (「令和22年頃には…不足すると見込まれる」, 「…との試算」), a named revision or disaster
(「令和3年度介護報酬改定」, 「税制改正」, 「令和2年7月豪雨」, 「平成30年7月の豪雨災害」), a decision, document or revision dated with の
that the sentence rests on, up to the table's year (「令和2年7月の閣議決定に基づき」, 「平成25年の法改正により」; not
「…の改定において対象を追加した」, the measure's own step), a figure that was (「令和元年度に約50%だった」), a date or period alone in
brackets after a name, with at most the act that dates a document (「報告書(平成29年4月)」, 「第2期(平成30年度~ 令和4年度)」,
「(令和2年12月閣議決定)」), a date opening a quoted name (「「令和2年度…実行計画」」), a plan's period (「…から…までを対象期間とする」,
「…までの5か年計画」, 「…を初年度とする」), a figure's 時点/現在/実績 up to the table's own year (also named before the date:
「現状:令和2年度」), and an earlier year's figure that the text goes on from to a later year (「令和2年度の67種から、令和5年度までに200種」,
 also with the date after its figure: 「45%(令和2年度) →80%(令和7年度)」). A month or a relative year with no year of its own (「4月」,
「同月」, 「同年10月」, 「前年度」, 「年度末」) is read against the date before it in its sentence (同年, 同年度, 翌年度, 同月 … against
the date told last in the field, also in an earlier sentence; 翌年度 after a month: the fiscal year after that month's);
「今年度」/「本年度」, 「来年度」/「次年度」 and 「昨年度」 against the table's year, 「本年」/「今年」, 「来年」 and 「昨年」
(「本年6月」) against its calendar year, 「年内」 / 「年末」 against the calendar year told last (else the table's; not 年末年始); a date
said again with its part (「令和5年度の年度末までに」) is one phrase, read at the part; a month range written short (「令和4年1~3月」) is
two months; such a date that dates a reference is no milestone either (「前年度比」, 「今年度予算」, 「昨年度末時点」). 「R3年度」 and
「H30年度」 are 令和 and 平成.

The kind, from the grammar after the date. The date's *clause* is the text from the date to the verb that closes it
(a conjunctive form before a comma: 「…を行い、」「…し、」; 「ため」「とともに」; or the sentence's end), never past the next
date (a law's number, 「(令和3年法律第42号)」, is part of a name and opens no clause); compound particles (において,
に向けて, として, を踏まえ, を受け …) and adverbs (引き続き, 併せて) close no clause. A law's title (「…の一部を改正する
法律」, 「…の見直しに関する法律」) is a name: its verbs are none of the clause's.
The rules, first that applies:
  0. during for 「中」/「内」 with 「を目途」 (「令和6年度中を目途に…提供する」: within the year; review for a 検討).
  1. deadline: the date bounds the end: 「までに」, 「まで」 (「までは」 too), 「にかけて」, 「を目途」/「目処」/「をめど」/
     「を目標」/「目標」/「を期限」 (目途 for a beginning too: 「…を目途に新システムへ移行する」), or the second date of a
     range (「…から…まで」, 「令和3年度~令和5年度」) — a review when a planned 検討 spans the range (「令和4年度から
     令和5年度にかけて…を検討し」: review at both ends).
  2. from / start / review after 「から」「より」「以降」「以後」「以来」, a range's first date, or a dash with nothing
     after it (「令和4年度~」, 「運用開始(令和4年度~)」): the date opens a period.
     - review when the clause's verb is 検討 / 見直し and the milestone is planned (a matter to be looked at then),
       unless reviews follow one after another (順次: 「以降、…見直しを順次行う」, from);
     - start when the clause's verb says something begins (開始, 運用開始, 稼働, 始動, 供用, 施行, 発足, スタート,
       設置, 創設, 設立, 開設, 立ち上げ, 移行, 本格実施/本格(的な)運用/本格的に運用 …) or makes a one-time change
       that holds from then on (可能とする / 可能となる, 廃止, 撤廃, a duty 義務化 / 義務付け, a conversion 「…から
       カード形式に電子化する」 but not 強化 nor 「順次…化を進め」: 「4月から…現金納付を廃止する」; not the state
       「…から可能となっている」, from, nor a purpose 「可能とするための改修」), or a one-time step (追加: 「令和4年度から
       機能を追加する」; with a bare particle, 「令和4年度に機能を追加する」, it is the year's work: during),
       unless that verb stands in a relative clause in the -ている form describing a thing (「令和3年度から本格的に
       始動しているGIGAスクール構想」: a state that holds since then, so `from`) or begins one place after another
       (順次, 逐次, 段階的に, 徐々に: 「…から順次移行する」 is a rollout the date opens, so `from`);
     - from otherwise (an on-going state or activity: 「…から順次実施されている」, 「…以降、…を構築し、順次移行する」).
  from (review for a planned 検討) also for the date of an event with the period after it: 「2024年3月の新システム
  稼働以降、…受け付ける」 (the date is the event's; what the clause says holds from then).
  3. deadline for 「末」 (the end of the period: 「令和3年度末に」); during for a span within the period (「中」, 「内」,
     前半, 後半, 上期, 下期, 上半期, 下半期, 早期, 早い時期, 第N四半期, a season: 「令和3年度中に構築し、提供を開始する」,
     「令和4年前半に仕様書を公表し」 — within the span wins over the verb), except a 検討 / 見直し (「令和4年度中に
     見直す」, 「令和3年度中に検討した」: review). A point in the period (当初, 初頭, 半ば, 上旬, 中頃, 「12月頃」, also
     after の: 「令和5年度の半ばまでに」) says only when, and the word after it or the verb decides as in 4.
  4. With a bare particle (に, には, は, においては, も, の, で, none), the clause's verb decides; when the first verb
     describes the noun after it right after the date, with no argument or comma of its own between, that relative
     clause is the date's (「前年度に更新したデータを公開する」: the update; but in 「4月に国が管理する道路について
     運用を開始した」 or 「…において、技術を活用した証明書の実証を開始した」 the date is the main verb's):
     - deadline when the clause aims at a result by then (目指す, 目標, 達成: 「令和4年度の稼働を目指し」; the date
       of a result aimed at: 「令和6年度の全国展開に向け、」, but the date of an event prepared for is the event's:
       「令和5年4月の施行に向けて」, start) or says something ends (完了, 終了, 完成: 「令和5年度に
       整備を完了する」); in a KPI a level written after 「…年度に」 (「利用率(令和4年度に100%)」: the share due that
       year; a count, 「(令和4年度に約2万件)」, is the year's work: during);
     - review when its verb is 検討 / 見直し, to come or done (「令和3年度も引き続き…を検討する」, 「令和2年度においては、
       …要件を見直し、」: the review of that year), or an evaluation (検証, 評価) chained to one (「令和6年度に効果を
       検証し、必要に応じて見直す」);
     - start when its verb names a one-time event that sets something going (開始, 稼働, 施行, 創設, 設立, 設置, 発足,
       公表, 公開, 移行, 合意, 制定, 成立, 公布, 決定, 可能となる, 廃止, a summit): 「令和元年度に創設した…制度」,
       「平成30年5月に施行」, 「令和4年10月に…本人確認が可能となる」; so too any verb when the date is told to its
       month, a point rather than a period (「令和2年10月に…標準様式を登録し」), unless the verb is a period's work
       (_WORK: 策定, 改定, 改修, 試行, 実施, 行う …: 「令和2年3月に…ガイドラインを策定し」 during): a new event verb
       needs no word;
     - during otherwise: work done in that period (「令和3年度は、…の開発、検証等を行い、」, 「(令和3年度 100回)」).
     The particle stays with its clause, so 「…に向けて、」 closes no clause. A KPI's date alone in brackets right after
     what the item names takes that name as its clause (「新システムの運用開始(令和4年度)」: start), unless the name
     holds a figure (「…80%(令和7年度)」: the figure's year), and in any field a date in brackets with 予定 after
     what is to happen (「…運用を開始する(令和4年度予定)。」: start); so does a verbal noun written right onto the date
     (「令和3年4月施行の改正法」, 「令和4年4月1日施行。」: start).
  A range's or a list's first date shares the verb written after its last (「令和4年度から5年度にかけて検討し」,
  「令和4年度及び令和5年度の2か年で…を検討し」: both review), and an event told of several listed years is the work of
  each (「令和4年度及び令和5年度に…公開する」: during); levels listed by year share the verb after the last
  (「令和4年度に100件、令和5年度に300件の公開を目指す」: both deadlines, both targets).
  A 検討 from a past year on is work done since then, so it takes the kind its particle gives (「令和元年度以降
  においては、…を検討」: from).

Past or planned, against the table's (fiscal) year: a period before it is past, one after it planned; in the table's
own year the tense of the date's predicate decides (the sentence's final verb when the date's clause runs on with
「し、」, 「行い、」, 「立ち上げ、」 …): perfective (〜した, 〜された, 〜してきた, any verb's た: 「取りまとめた」; 済み) is past;
the resultative 〜している is past for a start or a from-on (the beginning is behind: 「…から運用を開始している」,
「…から措置を講じている」) but planned for work within the year (in progress, not done: 「令和3年度に…整備をしている」);
non-past (〜する, 予定, 目指す) is planned. A た in a relative clause is relative to the main verb (「令和3年度までに
開発した結果を踏まえて、令和4年度に…行う」), so it does not make a date past, except for a one-time event or a step
dated to its month, which has happened once told so (「令和3年5月に成立した改正法に基づき」, 「令和3年4月に開始した
試行の結果を踏まえ」: past; a document made then is a reference, above).

Which figures are KPI targets. A figure is a number with a unit (counters such as 人, 件, 団体, 市町村, か国, 都市, %, 割,
倍) or a comparison (以上, 超); a counter is read from the grammar as well as from the list: the common nouns and noun
suffixes (UniDic) written right onto the number, up to a particle, a comparison or a size word, less a verbal noun at
the end (「60漁港」, 「300自治会以上」, 「3拠点整備」 → 拠点; the longer wins over a listed 市 of 「17市町村」).
In a KPI cell every figure of an item is its target (the cell states what is
measured), also a number with no unit beside the item's date (「参加団体数(令和7年度:1,000)」: counted in what the name
counts, 団体; a 「…率」 in %) or after its counter (「整備市町村17」), except a baseline, a definition, a name or a duration.
A baseline is an earlier year's figure that the cell marks as where things stood (「(令和元年度:8.2%)」, 「末・718団体」, 実績, 基準,
時点, 現在, up to the table's year: 「令和4年度末時点で50%」 is a target) or that the item follows with a later year
(「令和元年度:60%→令和5年度:90%」); an earlier year's figure written as a target stays one, due that year.
A definition is a range (「2万人以上8万人未満」), a ratio's base (「1台当たり」, 「/200万円に対する」) or a ※ note;
names and durations are 8K, 5G, 第2版, 5年間; so are an ordinal (「1枚目」), a figure inside the name of what a later
figure of the item measures (「基本4情報の連携率 100%」) and a ratio in apposition to the figure after it (「現在の2倍の
200万人」). A figure the text goes from to another
(「約6割から8割に」, 「40%→80%」) is where things stand, not a target. A figure said twice in one item
(「7機体制の構築(…を目途に7機体制を確立)」) is one target. In the overview a figure is a target when its clause sets
it as a goal: a target expression (目指す, 目標, 達成, 実現), a level set to reach (「…を100団体とする」, 「…を50%に
引き上げる」), a change of that size aimed at (「少なくとも3割の削減を図る」), a deadline date before it (「令和7年度
までに…3万人超」; the comma right after 「までに」 closes no clause: 「令和7年までに、3,000人を育成」), a count
of the planned or remaining work (年間100回, 計3,000名規模, 残り6市町村), or a count of what the KPIs count
planned for the table's year or later (「令和3年度は、500団体で実施する」 where a KPI counts 団体); not a count reached
(「これまでに約120事業者で導入した」, 「令和2年度までに…約1,200件を公開した」: what was done). Descriptive
figures are not (「3倍程度」, 「26倍に増加」, 「最大300万円」, a survey's 「約6割」, a count done of something the KPIs do not count:
「これまでに50種類のAPIを提供」), nor is a KPI's figure the overview only mentions (「7機体制の確立に向け、開発を進めている」: a restated KPI
figure is a target when its clause sets it as above, 「3万人超を目指す」). A
duration is a figure only as a bound (「14日以内」) or a cut (「平均2分短縮」), not as a description (「24時間鳴動」).
「これまでに」 / 「今までに」 is up to now, no deadline (「これまでに約50種類のAPIを提供」: what was done), and a figure a source reports
(「…報告書によれば、…約270団体である」) is where things stand. A target's year is the date alone in brackets right after it
(「80%(令和7年度)」; 「来年度」 and the like count as dates), else the date of its KPI item (else the deadline or
in-year date before it in the overview's sentence; a 「から」 date is no target year).

Each word list is a whole class of administrative usage, not the words the labelled cards happen to use (a new card
needs words no other card shows): every verbal noun that sets something going (開所, 開通, 発効, 着工, 移管, 切り替え …),
every one-time event of a decision or document issued (発表, 発出, 刊行, 署名, 採択 …; making a plan, 策定, and revising a
law, 改正, stay the year's work, as the labels read them), every word of about when (目途, 目処, めど, メド, 目安) and of
a period opened (から, 以降, を皮切りに, を起点に, を境に), every part of a period (前期 / 後期, 第一四半期, 夏季, 序盤 …),
relative years two away (再来年度, 一昨年度), every survey or statistic named by its year (a noun compound ending 調査 /
統計 / センサス / 白書 right after the date: 「令和2年度通信利用動向調査」), every disaster, forecast, source and comparison
base (と比して, を基準年度として), every counter plans count by, and every verb of setting a level (引き下げる, 抑える,
圧縮 …).
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import asdict, dataclass
from functools import lru_cache
from typing import Collection, Iterable, Sequence

from .corpus import PolicyCard
from .text import sentence_spans

__all__ = ["DEFAULT_YEAR", "card_json", "Milestone", "Target", "Roadmap", "KpiStatus", "kpi_status", "KPI_STATUS_LABELS", "milestones_of",
           "targets_of", "figure_value", "roadmap_of", "table_year", "FIELDS", "FIELD_NAMES", "KINDS", "KIND_LABELS", "latest_target",
           "kpi_cell", "card_milestone", "fiscal_of", "roadmaps", "write_roadmaps", "read_roadmaps", "ROADMAP_VERSION", "parse_year"]

#: The fields read, in the order a card shows them.
FIELDS = ("overview", "kpi_progress", "kpi_effect")
#: … as the table's header names them: what the chat's reasons, the 工程表 sheet and the reports call each field.
FIELD_NAMES = {"overview": "課題・取組概要", "kpi_progress": "KPI(進捗)", "kpi_effect": "KPI(効果)"}
#: What a dated phrase says: from when something starts, by when it is due, what happens during a year, that it
#: holds from a year on, or that it is to be looked at again then (未設定(令和4年度以降に検討)).
KINDS = ("start", "deadline", "during", "from", "review")
KIND_LABELS = {"start": "開始", "deadline": "期限", "during": "期中", "from": "以降", "review": "検討・見直し"}


# ------------------------------------------------------------------------------------------------ KPI status

class KpiStatus:
    """The KPI status of a card, the same in the chat, the card browser, the filters and the reports."""

    UNSET = 0  # a KPI is written 未設定 (not yet set)
    BLANK = 1  # a KPI cell is empty
    SET = 2  # both KPIs are written


KPI_STATUS_LABELS = {KpiStatus.UNSET: "未設定あり", KpiStatus.BLANK: "空欄あり", KpiStatus.SET: "設定済"}


#: A KPI cell that names no KPI yet: 未設定 (「未設定(令和4年度以降に検討)」), （今後設定）, 設定予定, 未定 (other years'
#: tables write it so); and one that holds nothing: empty, or only a dash or 「なし」 (－, ―, -, ー: nothing to measure).
_KPI_UNSET_CELL = re.compile(r"未設定|今後設定|設定予定|後日設定|未定")
_KPI_EMPTY_CELL = re.compile(r"[\s\-‐－―—–ーｰ・/／]*(?:なし|無し|該当なし)?[\s\-‐－―—–ーｰ・/／]*")


def kpi_cell(text: str) -> int:
    """The state of one KPI cell: KpiStatus.UNSET (it says no KPI is set yet), BLANK (nothing in it) or SET."""
    text = unicodedata.normalize("NFKC", text or "")
    if _KPI_EMPTY_CELL.fullmatch(text):
        return KpiStatus.BLANK
    return KpiStatus.UNSET if _KPI_UNSET_CELL.search(text) else KpiStatus.SET


def kpi_status(card: PolicyCard) -> int:
    """KpiStatus.UNSET when a KPI cell says none is set yet (kpi_cell), BLANK when one holds nothing, else SET (未設定 wins
    over blank)."""
    cells = (kpi_cell(card.kpi_progress), kpi_cell(card.kpi_effect))
    return min(cells)


# ------------------------------------------------------------------------------------------------ data

@dataclass(frozen=True)
class Milestone:
    """A dated statement of a card: the phrase and its sentence, with offsets into `field`."""

    field: str  # overview, kpi_progress or kpi_effect
    text: str  # the dated phrase as written (「令和3年(2021年)4月から」)
    start: int
    end: int
    sentence: str
    sentence_start: int
    sentence_end: int
    year: int  # Western year; for a fiscal year (年度) its number (令和3年度 → 2021)
    fiscal: bool
    month: int | None
    kind: str  # one of KINDS
    status: str  # "past" or "planned", against the table's year

    @property
    def label(self) -> str:
        """「2022年度 期限」, 「2021年4月 開始」: the date and kind as the 工程表 writes them."""
        when = f"{self.year}年度" if self.fiscal else f"{self.year}年" + (f"{self.month}月" if self.month else "")
        return f"{when} {KIND_LABELS[self.kind]}"

    @property
    def launches(self) -> bool:
        """Something starts then: a start, or a verb that says something begins (_BEGIN, as for the kind start) in the
        date's scope: its clause and the clauses chained to it up to the next date (「令和4年度の稼働を目指し」,
        「令和3年度中に構築し、提供を開始する」)."""
        if self.kind == "start":
            return True
        after = unicodedata.normalize("NFKC", self.sentence[self.end - self.sentence_start:])
        cuts = [m.start() for m in (_next_date(after), _BARE_MONTH.search(after)) if m]
        return _begins(after[: min(cuts)] if cuts else after)

    @property
    def aimed(self) -> bool:
        """A goal set for its date: 目指す / 目標 in the date's scope, of whatever kind (「令和5年度(2023年度)以降の三分野一体
        運用を目指す」 is a goal for FY2023 said with 以降); a 「…までに」 question's deadline as much as a 期限."""
        after = unicodedata.normalize("NFKC", self.sentence[self.end - self.sentence_start:])
        return self.status == "planned" and bool(_AIM.search(_clause(after)))

    @property
    def sort_key(self) -> tuple[float, int]:
        """Position on a time axis: a fiscal year sits from April of its year, a calendar year from January."""
        month = self.month or (4 if self.fiscal else 1)
        return (self.year + (month - 1) / 12, KINDS.index(self.kind))

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass(frozen=True)
class Target:
    """A KPI's target figure: value and unit as written (3万人 → 30000 人, 8割 → 8 割), its year when given."""

    field: str  # kpi_progress or kpi_effect (or overview, for a target stated there)
    text: str  # the figure as written (「3,000人」, 「42.86%」, 「3万人超」)
    start: int
    end: int
    value: float
    unit: str
    year: int | None
    fiscal: bool
    kpi: str  # the KPI item the figure belongs to (the bullet of the cell, or the cell)
    comparison: str = ""  # 超, 以上, 未満, 以下 when written
    kpi_start: int = 0  # where the KPI item starts in the field

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass(frozen=True)
class Roadmap:
    """A card's milestones (in text order) and KPI targets."""

    milestones: tuple[Milestone, ...] = ()
    targets: tuple[Target, ...] = ()

    def to_dict(self) -> dict:
        return {"milestones": [m.to_dict() for m in self.milestones], "targets": [t.to_dict() for t in self.targets]}

    @classmethod
    def from_dict(cls, d: dict) -> Roadmap:
        return cls(tuple(Milestone(**m) for m in d.get("milestones", ())),
                   tuple(Target(**t) for t in d.get("targets", ())))

    @property
    def years(self) -> tuple[int, ...]:
        return tuple(sorted({m.year for m in self.milestones}))

    @property
    def has_numeric_target(self) -> bool:
        return bool(self.targets)


# ------------------------------------------------------------------------------------------------ normalisation

def _normalized(text: str) -> tuple[str, list[int]]:
    """NFKC of `text` character by character (full-width digits and brackets → ASCII), with each output character's
    offset in the original: matches are made on the former and cited in the latter. A year written short in a range
    or list gets its era or 年度 back (see _elided), so that each year reads as a date of its own."""
    out, where = [], []
    for i, c in enumerate(text):
        n = unicodedata.normalize("NFKC", c)
        out.append(n)
        where.extend([i] * len(n))
    where.append(len(text))
    norm = _PUNCT.sub(lambda m: "、" if m.group() == "," else "。", "".join(out))
    return _elided(_LINE_END.sub("。", norm), where)


# 「，」 and 「．」 (as some documents punctuate) read as 「、」 and 「。」, but not inside a number (1,000, 42.86)
_PUNCT = re.compile(r"(?<!\d)[,.]|[,.](?!\d)")
# a line that ends a sentence with no 「。」 (bullets written bare): its break reads as one, but not before a 「・」 item
_LINE_END = re.compile(r"(?<=[^\s。!?])\n(?!\s*・)")


_RANGE_OR_LIST = r"\s*(?:から|より|[~〜～\-–－・、]|及び|および)\s*"
# 「令和3~5年度」, 「令和4・5年度」: the first year of a range or list written without its 年度
_SHORT_FIRST = re.compile(r"(?P<era>令和|平成)\s*(?P<n>\d{1,2}|元)(?P<mark>\s*(?:[~〜～\-–－・、]|から)\s*)"
                          r"(?P<m>\d{1,2})\s*(?P<unit>年度?)(?![間代目])")
# 「2021~2023年度」: the same with Western years
_SHORT_FIRST_WEST = re.compile(r"(?<!\d)(?P<n>(?:19|20)\d{2})(?=\s*[~〜～\-–－・、]\s*(?:19|20)\d{2}\s*(?P<unit>年度?)"
                               r"(?![間代目]))")
# 「令和4年1~3月に」: the first month of a range written without its 月 (not 「2~3か月」, a duration)
_SHORT_MONTH = re.compile(r"(?<![\d.,])(?P<n>\d{1,2})(?=\s*[~〜～\-–－]\s*(?P<m>\d{1,2})\s*月(?!間))")
# 「令和4年度から5年度にかけて」, 「令和3年4月から5年3月まで」: the second year written without its era
_SHORT_SECOND = re.compile(r"(?P<era>令和|平成)\s*(?P<n>\d{1,2}|元)\s*年度?(?:\s*[(（][^)）]{0,8}[)）])?"
                           r"(?:\s*\d{1,2}\s*月)?" + _RANGE_OR_LIST + r"(?P<m>\d{1,2})(?=\s*年度?(?![間代目前後]))")


def _elided(norm: str, where: list[int]) -> tuple[str, list[int]]:
    """A year written short in a range or list with its era or 年度 restored (「令和3~5年度」 → 「令和3年度~令和5年度」,
    「令和4年度から5年度」 → 「…から令和5年度」, 「2021~2023年度」 → 「2021年度~2023年度」); each restored character
    cites the original character it stands before. Only a later year within 15 years of the first is read so; a
    month written short, 「1~3月」, gets its 月 back the same way."""
    inserts: list[tuple[int, str]] = []

    def later(n: str, m: str) -> bool:
        first = 1 if n == "元" else int(n)
        return 0 < int(m) - first <= 15

    for x in _SHORT_FIRST.finditer(norm):
        if later(x.group("n"), x.group("m")):
            inserts += [(x.end("n"), x.group("unit")), (x.start("m"), x.group("era"))]
    for x in _SHORT_FIRST_WEST.finditer(norm):
        inserts.append((x.end("n"), x.group("unit")))
    for x in _SHORT_MONTH.finditer(norm):
        if 1 <= int(x.group("n")) < int(x.group("m")) <= 12:
            inserts.append((x.end("n"), "月"))
    for x in _SHORT_SECOND.finditer(norm):
        if later(x.group("n"), x.group("m")) and x.start("m") not in {a for a, _ in inserts}:
            inserts.append((x.start("m"), x.group("era")))
    if not inserts:
        return norm, where
    out, at, pos = [], [], 0
    for p, s in sorted(inserts):
        out.append(norm[pos:p])
        at.extend(where[pos:p])
        out.append(s)
        at.extend([where[p]] * len(s))
        pos = p
    out.append(norm[pos:])
    at.extend(where[pos:])
    return "".join(out), at


# ------------------------------------------------------------------------------------------------ dates

# A part of a period after its date: 末 and 中 / 内 say the kind; the others (with の: 「令和5年度の半ば」) only when.
# (every part administrative writing names: halves and quarters, 前期 / 後期 (not 後期高齢者), thirds of a month,
# seasons with or without 季 / 期, the opening, middle and close of a period)
_PARTS = (r"\s*(?:末|中旬|中頃|中ごろ|中|内|当初|初頭|初旬|頃|ごろ|(?:の\s*)?(?:前半|後半|上半期|下半期|上期|下期"
          r"|前期(?!高齢|比)|後期(?!高齢|比)|半ば|早期|早い時期|早い段階|できるだけ早期|序盤|中盤|終盤"
          r"|第[\d一二三四]四半期|初め|始め|上旬|下旬|[夏秋冬春](?:季|期)?)(?:\s*(?:頃|ごろ))?)")
_ERAS = {"令和": 2018, "平成": 1988, "昭和": 1925, "R": 2018, "H": 1988}
_NUM = r"(?:\d{1,2}|元)"
# 令和3年度(2021年度) / 令和3年(2021年)4月 / 2022年度 / 2021年10月; the Western year in brackets is optional
_DATE = re.compile(
    r"(?:(?P<era>令和|平成|(?<![A-Za-z])[RH](?=\d))\s*(?P<eyear>" + _NUM + r")"
    r"(?:\s*[(（]\s*(?:19|20)\d{2}\s*[)）])?\s*年(?P<efy>度)?"  # 「令和4(2022)年度」
    # its Western year in brackets, 年 optional (「令和3年度(2021)」), or the other era's (「平成31年(令和元年)」)
    r"(?:\s*[(（]\s*(?:(?P<pyear>(?:19|20)\d{2})\s*(?:年度?)?|(?:令和|平成)\s*" + _NUM + r"\s*年度?)\s*[)）])?"
    r"|(?<![\d第])(?P<wyear>(?:19|20)\d{2})(?:\s*[(（]\s*(?:令和|平成)\s*" + _NUM + r"\s*[)）])?"  # 「2021(令和3)年度」
    r"\s*年(?!代)(?P<wfy>度)?"
    r"(?:\s*[(（]\s*(?:令和|平成)\s*" + _NUM + r"\s*年(?:度)?\s*[)）])?"  # 「2025年度(令和7年度)」
    r"|(?<![A-Za-z])FY\s*(?P<fyear>(?:19|20)\d{2})(?![\d年]))"  # 「FY2023から」: a fiscal year as English writes it
    r"(?:\s*(?P<month>\d{1,2})\s*月(?:\s*(?P<day>\d{1,2})\s*日)?)?"
    r"(?P<part>" + _PARTS + r")?")
# a month with no year, read in the year of the date before it in the same sentence (「…については、4月16日…」)
_BARE_MONTH = re.compile(r"(?:(?<![\d年])(?P<month>\d{1,2})\s*月(?:\s*(?P<day>\d{1,2})\s*日)?|(?P<same>同月)"
                         r"|(?<![対毎各])(?P<rel>前年度|翌年度|同年度)|(?P<deixis>再来年度|一昨年度|今年度|本年度|当年度|来年度|次年度|昨年度)"
                         # 「本年6月に」, 「来年4月から」: the calendar year of the table, or the one after or before it
                         r"|(?<![\u4e00-\u9fff])(?P<cdeixis>再来年|一昨年|今年|本年|来年|昨年)(?!度)(?:\s*(?P<dmonth>\d{1,2})\s*月)?"
                         r"(?=\s*(?:月|中|内|末|前半|後半|夏|秋|冬|春|に|から|まで|以降|は|も|の|、))"
                         # 「その結果を年度末までに取りまとめる」: the end (or course) of the fiscal year just named
                         r"|(?<![\d\u4e00-\u9fff])(?P<that>年度)(?=\s*(?:末|内|中|当初|初め|前半|後半|上半期|下半期|上期|下期))"
                         # 「同年10月から」, 「翌年4月に」: the calendar year of the date just named (or the next)
                         r"|(?P<cal>同年|翌年|前年)(?!度)(?:\s*(?P<cmonth>\d{1,2})\s*月)?"
                         # 「夏に中間報告を取りまとめ、年内に最終報告を公表する」: within (or by the end of) the calendar
                         # year just named, or the table's when none is (not 年末年始, a season of every year)
                         r"|(?<![\d\u4e00-\u9fff])(?P<ayear>年)(?=\s*(?:内|末(?!年始))))"
                         r"(?P<part>" + _PARTS + r")?")
# 「今年度」 / 「本年度」 / 「当年度」 are the table's year; the others this many years after or before it
_FISCAL_DEIXIS = {"来年度": 1, "次年度": 1, "再来年度": 2, "昨年度": -1, "一昨年度": -2}
_CALENDAR_DEIXIS = {"来年": 1, "再来年": 2, "昨年": -1, "一昨年": -2}
# After a date, what says its kind.
# (longer words first: 「において」, 「には」 are read whole, not as 「に」)
_TAIL = re.compile(r"\s*(?P<tail>までに|まで|以降|以後|以来|から|より|を皮切りに|を起点(?:として|とし|に)|を境に"
                   r"|を目途|目途|をめど|めど|をメド|メド|を目処|目処|を目安|目安|を目標|目標|を期限|を期日|にかけて"
                   r"|においても|において|には|にも|に|は|も|の|で|、|・)?")
# A date that names a document, not a time: 平成29年法律第28号, 平成26年厚生労働省告示, 平成27年度国勢調査.
_CITATION = re.compile(r"\s*(?:法律|政令|省令|告示|[\u4e00-\u9fff]{0,6}省(?:告示|令)|第\d+号|国勢調査|衛生行政報告例|調査\)|版"
                       # a survey or statistic named by its year (「令和2年度通信利用動向調査」, 「令和3年経済センサス」,
                       # 「平成30年住宅・土地統計調査」, 「令和4年版情報通信白書」): not the survey to be done (「…調査を実施」)
                       r"|[\u4e00-\u9fffァ-ヶー・]{0,14}(?:調査|統計|センサス|白書|報告例|年報|月報)"
                       r"(?![\u4e00-\u9fffァ-ヶー]|を|に着手|の実施|の設計|の準備)"
                       r"|(?:の\s*)?(?:第\d+次)?(?:補正|当初|本|暫定|一般会計|特別会計)?予算(?!の執行)|(?:の\s*)?(?:概算|予算|定員|機構・定員)要求"
                       r"|(?:の\s*)?決算"
                       # 「令和2年7月17日閣議決定の「…」」: the date a document was decided names it (not 「…閣議決定予定」)
                       r"|閣議(?:決定|了解)(?!予定|を目|する|され|に向)|[\u4e00-\u9fffァ-ヶー・]{0,10}(?:報酬改定|薬価改定|税制改正|税制改正大綱)"
                       # 「令和2年7月豪雨」, 「平成30年7月の豪雨災害を契機に」 (not 「…の地震対策」)
                       r"|(?:の\s*)?[\u4e00-\u9fffァ-ヶー・]{0,8}(?:豪雨|大雨|台風|地震|震災|津波|噴火|豪雪|大雪|水害|洪水|土砂災害|高潮)(?:災害)?"
                       r"(?!対策|防災|訓練|への?対))")
# A date a figure was measured at (「令和3年3月末時点で約98万世帯」): a reference point, not a milestone, when past.
_AS_AT = re.compile(r"\s*(?:末)?\s*(?:時点|現在|の?実績(?:値)?(?:で|は|では|[:：]))")
# A range written with a dash or tilde (「令和3年度~令和5年度」) reads as 「から…まで」.
_RANGE_MARK = re.compile(r"\s*[~〜～\-–－]\s*")
# the perfective of any verb: its conjunctive stem and た / だ (「取りまとめた」, 「立ち上げた」, 「行った」, 「進んだ」)
_PAST_VERB = re.compile(r"(?:[いきぎしちにびみりえけげせてでねべめれっ]た|[んい]だ|してきている|済み?)"
                        r"(?:。|$|、|ところ|が|ものの|[)）])"
                        r"|(?:を|に)(?:施行|合意)。"
                        # 済み with its copula or before the noun (「公表済みであり」, 「導入済みの団体」): done
                        r"|済み?(?:であ|で[、,]|となっ|の)")
# The resultative 〜している: for a start or a from-on it says the beginning is behind (「令和3年度から実施している」);
# for work within the year it says the work is in progress, not done (「令和3年度に…整備をしている」: planned).
_RESULTATIVE = re.compile(r"(?:[てで]いる|[てで]おり)(?:。|$|、|ところ|が)")
# Something already under way, named by what it is: 「令和3年度から本格的に始動しているGIGAスクール構想」.
_UNDER_WAY = re.compile(r"(?:している|されている)[^\s、。]{0,20}?(?:構想|制度|事業|要領|システム)")
# A clause that goes on to the sentence's verb (「…を実施し、」, 「…に構築して、」): its tense is the sentence's.
# (the conjunctive forms of _CLAUSE_END: 「行い、」, 「立ち上げ、」, 「進め、」 …)
_CONTINUES = re.compile(r"(?<=[しいりきちみびぎえけげせてでねめれべ])[、,]\s*$")
# In a KPI cell, an earlier year's figure is where things stood (「(令和元年度(2019年度):8.2%)」), not a milestone.
_BASELINE = re.compile(r"\s*(?:末)?\s*(?:時点|現在|実績|基準|[:：・])")


def _year_of(m: re.Match) -> tuple[int, bool]:
    if m.group("era"):
        n = 1 if m.group("eyear") == "元" else int(m.group("eyear"))
        year = _ERAS[m.group("era")] + n
        pyear = m.group("pyear")
        if pyear and abs(int(pyear) - year) > 1:  # the two readings disagree: trust neither silently, keep the era
            pass
        return year, bool(m.group("efy"))
    if m.group("fyear"):
        return int(m.group("fyear")), True
    return int(m.group("wyear")), bool(m.group("wfy"))


def _tail_at(norm: str, pos: int) -> re.Match:
    """The particle after a date (every part of _TAIL is optional, so it always matches)."""
    t = _TAIL.match(norm, pos)
    assert t is not None
    return t


def fiscal_of(year: int, fiscal: bool, month: int | None) -> int:
    """The fiscal year a date falls in (April–March): 2022年3月 → FY2021."""
    if fiscal or month is None:
        return year
    return year if month >= 4 else year - 1


def _kind(tail: str, part: str, clause: str, planned: bool, opens: bool = False, closes: bool = False,
          level: bool = False, after_event: bool = False, listed: bool = False, point: bool = False) -> str:
    """The kind of a dated phrase by the rules of the module docstring: the word after the date (まで, から, 以降, 中,
    末 …) first, then the verb of the date's clause (`clause`, see _clause); `listed` for a year of a list
    (「令和4年度及び令和5年度に公開する」: an event told of two years is their work, during); `opens` / `closes` for the first and
    second date of a range written with a dash; `level` for a KPI's date with に before the level it is to reach
    (「(令和4年度に100%)」); `after_event` for a date of an event the period after which the clause speaks of
    (「2024年3月の新システム稼働以降、…」); `point` for a date told to its month (「令和3年9月に」), which with a bare
    particle dates a one-time step whatever its verb, unless the verb is the work of a period (_WORK: 策定, 改定 …)."""
    part = part.strip()
    clause = _LAW_TITLE.sub("法律", clause)  # 「押印の見直しに関する法律が成立し」: the title names no step
    if tail in _ABOUT_WORDS and part in ("中", "内"):
        # 「令和6年度中を目途に…提供する」: 中 / 内 say within the year, 目途 only about when: work during it
        return "review" if _REVIEW.search(clause) else "during"
    if (closes or tail == "にかけて") and planned and _REVIEW.search(clause):
        return "review"  # 「令和4年度から令和5年度にかけて…を検討し」: the range is looked at, to its end
    if closes or tail in ("までに", "まで", "にかけて") or tail in _TARGET_WORDS:
        return "deadline"
    if opens or tail in _FROM_WORDS:
        if planned and _REVIEW.search(clause):
            # 「令和5年度以降、保安規制の見直しを順次行う」: reviews one after another are work that goes on
            return "from" if _GRADUAL.search(clause) else "review"
        # a one-time step from a date starts then (「令和4年度から機能を追加し」); work that goes on is from
        return "start" if _begins(clause) or _ONCE.search(clause) and not _GRADUAL.search(clause) else "from"
    if after_event:
        # 「2024年3月の新システム稼働以降、本格提供へ移行する」: the date is the event's, and what follows holds from then
        return "review" if planned and _REVIEW.search(clause) else "from"
    if part == "末":
        return "deadline"  # 「令和3年度(2021年度)末に」, a KPI's 「(令和3年度末)」: due by the end of the period
    if _SPAN_PART.fullmatch(part):
        # within a span of the period (中, 内, 前半, 上期, 秋 …), whatever happens there is work during it
        return "review" if _REVIEW.search(clause) else "during"
    if level:
        return "deadline"  # 「利用率(令和4年度に100%)」: the level the year is to reach, not the year's work
    aimed = _AIM_OF.match(clause)
    if aimed and not _EVENT.search(aimed.group()):
        # 「令和6年度の全国展開に向け、」: the year of a result aimed at, as with 目指し; the date of an event prepared
        # for is that event's (「令和5年4月の施行に向けて」: start, as 「…への移行も見据え」)
        return "deadline"
    rel = _relative(clause)
    whole, clause = clause, clause[: rel.end()] if rel else clause
    if _AIM.search(clause) or _FINISH.search(clause):
        return "deadline"  # 「令和4年度(2022年度)の稼働を目指し」, 「…に整備を完了する」: the year aimed at, or the end
    if _REVIEW.search(clause):
        return "review"  # a 検討 / 見直し of that year, to come or done (「令和2年度に要件を見直した」)
    if listed:
        return "during"
    # a one-time event (_EVENT), or a step dated to its month (「令和2年10月に…標準様式を登録し」): a point, not
    # a period's work, so the verb needs no list of its own; making or revising a plan or doing work stays the work of
    # its period (「令和2年12月に…計画を策定し」, 「3月には…改修を行い」)
    return "start" if _EVENT.search(clause) or point and not _WORK.search(whole) else "during"


# The work of a period even when dated to its month: a plan or guideline made or revised, a trial or survey run,
# work done or held.
_WORK = re.compile(r"策定|改定|改訂|改正|改修|作成|取りまと|試行|実証|試験|検証|調査|実施|開催|行(?:い|う|った|われ|っ)")
# What the verb of a date's clause says (the kind rules in the module docstring).
# (検討 / 再検討 / 見直し in every inflection: 見直す, 見直され; 再考, 再評価 are reviews too)
_REVIEW = re.compile(r"検討(?!会|結果|状況|委員|部会|チーム)|見直(?:し|す|さ)|再考|再評価")
# (every verbal noun of administrative writing that sets something going: a service, an office, a facility or
# school opened, a route or line put in service, a treaty or rule taking effect, a task or works begun)
_BEGIN = re.compile(r"開始|稼働|始動|供用|施行|発足|スタート|創設|設立|設置|開設|立ち上げ|立上げ|移行|移管"
                    r"|開業|開校|開所|開局|開通|開講|開館|開園|開港|新設|発効|着手|着工|始ま(?:る|り|っ)"
                    r"|切り?替え?(?:る|、|,|。|を行|を実施)|切り?替わ|運用(?:を)?始め|サービスイン|ローンチ"
                    r"|本格(?:的な?|的に)?(?:運用|実施|稼働|導入|展開)"
                    # a one-time change that holds from then on: made possible, abolished, added
                    # (not 「可能となっている」: the state that holds since then, from)
                    r"|可能(?:と|に)(?:す|し|な)(?!る?(?:ため|よう)|っている|っており)|廃止|撤廃"
                    # a duty that takes effect then (「…から登録が義務化される」, 「…市町村に義務付けられた」)
                    r"|義務化|義務付け|義務づけ")
# one-time events: a decision, agreement, law or document made or issued, a result made public (not 開催: a
# meeting held may recur through the year)
_EVENT = re.compile(_BEGIN.pattern + r"|公表|公開|発表|発出|発行|刊行|告示|公示|合意|妥結|制定|締結|署名|調印|批准"
                    r"|採択|可決|成立|公布|決定|答申|改組|改称|サミット|リリース")
_AIM = re.compile(r"目指|目標|達成")
# 「令和6年度(2024年度)の全国展開に向け」: the date names the time of the thing aimed at
_AIM_OF = re.compile(r"の[^、。,]{1,30}?に向(?:け|かって)")
_FINISH = re.compile(r"完了|終了|完成|完遂|竣工|完工|終え|満了")
# A law's title (「…の見直しに関する法律」, 「…の一部を改正する法律」): its words are a name, not the clause's verb.
_LAW_TITLE = re.compile(r"[^、。,()（）]{1,40}?(?:に関する|を改正する|のための)法律")
# An evaluation chained to a revision (「2024年度に検証し、必要に応じて見直す」): the two are one review.
_EVALUATE = re.compile(r"検証|評価")
# A relative clause in the -ている form before a noun describes a state (「…から始動しているGIGAスクール構想」).
_STATIVE = re.compile(r"(?:し|され)ている(?=[^\s、。,とがもはの])")
# Where a clause ends: a sentence end, 「ため」「とともに」…, or a comma after a conjunctive form (「行い、」「し、」).
_CLAUSE_END = re.compile(r"。|(?:ため|ので|つつ|ながら|ところ|ほか)[、,に]|と(?:共|とも)に|(?<=[しいりきちみびぎえけげせてでねめれべ])[、,]"
)
# With a bare particle the date belongs to the first verb; when that verb describes the noun after it, the date's
# clause is that relative clause (「前年度に更新した筆ポリゴンデータを公開する」: the update, not the publication).
_RELATIVE_END = re.compile(r"(?:した|された|する|される)(?=[\u4e00-\u9fffァ-ヶA-Za-z「])"
                           r"(?!法律|法[\s(（]|政令|省令|条例|規則)")  # 「…を改正する法律」 is a title


def _relative(clause: str) -> re.Match | None:
    """The relative clause that takes the date: its verb right after the date's particle, with no argument or comma
    of its own between (「前年度に更新したデータ」; not 「3月に国が管理する道路について…開始した」, nor 「…において、
    技術を活用した証明書の実証を開始した」, where the date is the main verb's)."""
    rel = _RELATIVE_END.search(clause)
    return rel if rel and not re.search(r"[をが、,]", clause[: rel.start()]) else None
# …but not a comma after a compound particle or an adverb (「において、」「に向け、」「引き続き、」).
_NO_CLAUSE_END = re.compile(r"(?:において|における|について|に向けて|に向け|として|に対して|によって|を通じて|に関して|"
                            r"に基づいて|に基づき|に当たって|に当たり|にわたって|にかけて|に際して|に加えて|に伴い|"
                            r"を踏まえ|を踏まえて|を踏まえつつ|を受け|を受けて|を得て|"
                            # (the rest of the compound particles that end like a conjunctive form)
                            r"に関し|に対し|に応じて|に従い|に従って|に沿って|に即して|を通して|に伴って|に先立ち|に先立って|"
                            r"にあたり|にあたって|を契機として|を中心として|を含めて|に加え|に併せて|にあわせて|に合わせて|"
                            r"とあわせて|と併せて|と合わせて|に鑑み|を勘案し|を勘案して|"
                            r"引き続き|併せて|合わせて|加えて|改めて|初めて)$")


def _next_date(text: str, pos: int = 0, end: int | None = None) -> re.Match | None:
    """The next date in `text` that can open a clause of its own: not a citation (「(令和3年法律第42号)」 is part of
    the name before it)."""
    for m in _DATE.finditer(text, pos, len(text) if end is None else end):
        if not _CITATION.match(text, m.end()):
            return m
    return None


def _clause(after: str) -> str:
    """The date's clause: the text after its particle up to the verb that closes the clause, not past the next date
    (that date has a clause of its own)."""
    cuts = [m.start() for m in (_next_date(after), _BARE_MONTH.search(after)) if m]
    text = after[: min(cuts)] if cuts else after
    for m in _CLAUSE_END.finditer(text):
        if m.group() in "、," and _NO_CLAUSE_END.search(text[: m.start()]):
            continue
        return text[: m.end()]
    return text


def _begins(clause: str) -> bool:
    """The clause's verb says something begins, and not as a state of a thing (see _STATIVE) nor one place after
    another (「順次移行する」, 「段階的に開始する」: an on-going rollout the date opens)."""
    return any(not _STATIVE.match(clause, m.end()) and not _GRADUAL.search(clause, 0, m.start())
               for m in _BEGIN.finditer(clause))


_AIM = re.compile(r"目指|めざ|目ざ|目標と(?:する|し)")
_GRADUAL = re.compile(r"順次|逐次|漸次|随時|段階的(?:に|な)|徐々に|順を追って|順番に|次々")
# A one-time step that is no launch: after から it starts then, with a bare particle it is work of its year (during).
# (and a conversion made then: 「令和5年1月から…カード形式に電子化する」; not 「…化を進め」, work that goes on, nor
# a one-character stem, 強化 / 変化: a change of degree)
_ONCE = re.compile(r"追加(?!的)|統合(?!的|型)|一本化|(?<=[\u4e00-\u9fffァ-ヶー]{2})化(?:する|し[、,。]|して(?:いく|ゆく)|され(?!て))")
# A part of a period that is a span within it, not a point (「中頃」, 「当初」, 「半ば」, 「12月頃」 are points).
_SPAN_PART = re.compile(r"(?!中頃|中ごろ)(?:の\s*)?(?:中|内|前半|後半|上半期|下半期|上期|下期|前期|後期|早期|早い時期"
                        r"|早い段階|できるだけ早期|第[\d一二三四]四半期|[夏秋冬春](?:季|期)?)"
                        r"(?:\s*(?:頃|ごろ))?")
# 「2024年3月の次期システム稼働以降、」: a date of an event, with the period after it
_AFTER_EVENT = re.compile(r"\s*の[^、。,「」()（）]{1,30}?(?:以降|以後)(?:[、,]|は|に|も)")


_TARGET_WORDS = ("を目途", "目途", "をめど", "めど", "をメド", "メド", "を目処", "目処", "を目安", "目安", "を目標", "目標",
                 "を期限", "を期日")
# 目途 / めど / 目処 say about when (a deadline, or with 中 / 内 within the year; 目標, 期限 are bounds)
_ABOUT_WORDS = ("を目途", "目途", "をめど", "めど", "をメド", "メド", "を目処", "目処", "を目安", "目安")
# The words after a date that open a period from it (「令和4年度を皮切りに」, 「4月を起点として」, 「…を境に」)
_FROM_WORDS = ("から", "より", "以降", "以後", "以来", "を皮切りに", "を起点に", "を起点として", "を起点とし", "を境に")


@lru_cache(maxsize=4096)
def _sentences(text: str) -> tuple[tuple[int, int], ...]:
    return tuple(sentence_spans(text))


def _sentence_of(text: str, at: int) -> tuple[int, int]:
    for s, e in _sentences(text):
        if s <= at < e:
            return s, e
    return at, at


def _is_past(year: int, fiscal: bool, month: int | None, clause: str, sentence_rest: str,
             as_of: int, kind: str = "") -> bool:
    """Past against the table's (fiscal) year: an earlier year, or in the table's own year a verb in the past tense
    in the date's clause (「令和3年(2021年)4月から運用を開始した」)."""
    fy = fiscal_of(year, fiscal, month)
    if fy != as_of:
        return fy < as_of
    verb = clause if not _CONTINUES.search(clause) else sentence_rest
    # a one-time event, or a step dated to its month, told in a perfective relative clause has happened
    # (「令和3年5月に成立した改正法に基づき」, 「令和3年4月に開始した試行の結果を踏まえ」)
    head = re.split(r"[、。,]", clause, maxsplit=1)[0]
    rel = _relative(head)
    return bool(_PAST_VERB.search(verb) or _UNDER_WAY.search(clause)
                or kind in ("start", "from") and _RESULTATIVE.search(verb)
                or (kind == "start" or month is not None) and rel is not None
                and rel.group().startswith(("した", "された")))


def milestones_of(card: PolicyCard, as_of: int | None = None) -> list[Milestone]:
    """The dated statements of a card's overview and KPIs, in field and text order; `as_of` is the table's fiscal
    year (table_year), by which past and planned are told apart."""
    as_of = as_of if as_of is not None else DEFAULT_YEAR
    out: list[Milestone] = []
    for fld in FIELDS:
        out.extend(_field_milestones(getattr(card, fld) or "", fld, as_of))
    return out


def _field_milestones(text: str, fld: str, as_of: int) -> list[Milestone]:
    norm, where = _normalized(text)
    found: list[tuple[int, Milestone]] = []  # (offset in norm, milestone)
    dates = list(_DATE.finditer(norm))
    named = _named_periods(norm, dates) if fld == "overview" else set()
    for m in dates:
        if _CITATION.match(norm, m.end()) or m.start() in named or _not_a_step(norm, m, fld):
            continue
        year, fiscal = _year_of(m)
        month = int(m.group("month")) if m.group("month") else None
        if month is not None and not 1 <= month <= 12:
            month = None
        if fld == "overview" and _GROUNDS.match(norm, m.end()) and fiscal_of(year, fiscal, month) <= as_of:
            continue  # 「令和2年7月の閣議決定に基づき」: the date of a decision or document the measure rests on
        if _reference_point(norm, m, fld, fiscal_of(year, fiscal, month), as_of, dates):
            continue  # where a figure stood then (「令和3年3月末時点で」, a KPI's 「(令和元年度:8.2%)」)
        found.append((m.start(), _milestone(text, norm, where, fld, m.start(), m.end(), year, fiscal, month,
                                            m.group("part") or "", as_of)))
    for m in _BARE_MONTH.finditer(norm):
        if any(d.start() <= m.start() < d.end() for d in dates):
            continue
        if _CITATION.match(norm, m.end()) or _not_a_step(norm, m, fld):
            continue  # 「前年度比」, 「今年度予算」: a relative date of a reference is no step either
        if m.group("deixis"):  # 「今年度」, 「来年度」: the table's year, or the one after or before it
            year = as_of + _FISCAL_DEIXIS.get(m.group("deixis"), 0)
            if m.start() not in named and not _measured_then(norm, m, fld, year, as_of, dates):
                found.append((m.start(), _milestone(text, norm, where, fld, m.start(), m.end(), year, True, None,
                                                    m.group("part") or "", as_of)))
            continue
        if m.group("cdeixis"):  # 「本年6月」, 「来年4月から」: a calendar year against the table's
            year = as_of + _CALENDAR_DEIXIS.get(m.group("cdeixis"), 0)
            month = int(m.group("dmonth")) if m.group("dmonth") else None
            if month is not None and not 1 <= month <= 12 or _measured_then(norm, m, fld, fiscal_of(year, False, month),
                                                                            as_of, dates):
                continue
            found.append((m.start(), _milestone(text, norm, where, fld, m.start(), m.end(), year, False, month,
                                                m.group("part") or "", as_of)))
            continue
        sent = _sentence_of(norm, m.start())
        # 同年, 同年度, 翌年度, 同月 … name the date told last, in this sentence or an earlier one of the field
        # (「…令和4年6月20日から登録が義務化される。同年12月には…」); a bare month only in its own sentence
        anaphoric = bool(m.group("same") or m.group("cal") or m.group("rel") or m.group("ayear"))
        prev = [ms for at, ms in found if at < m.start() and (anaphoric or _sentence_of(norm, at) == sent)]
        again = next((d for d in dates if d.end() <= m.start() and re.fullmatch(r"\s*の\s*", norm[d.end():m.start()])),
                     None) if m.group("ayear") or m.group("that") else None
        if again is not None:
            # 「令和5年度の年度末までに」, 「令和4年(2022年)の年内に」: the date just told, said again with its part; the
            # two are one phrase, read at the part (末までに: deadline)
            for i, (at, ms) in enumerate(found):
                if at == again.start():
                    found[i] = (at, _milestone(text, norm, where, fld, at, m.end(), ms.year, ms.fiscal, ms.month,
                                               m.group("part") or "", as_of))
            continue
        if m.group("ayear"):  # 「年内に」: the calendar year of the date told last, else the table's
            year = prev[-1].year if prev else as_of
            if not _measured_then(norm, m, fld, year, as_of, dates):
                found.append((m.start(), _milestone(text, norm, where, fld, m.start(), m.end(), year, False, None,
                                                    m.group("part") or "", as_of)))
            continue
        if not prev:
            continue  # 「各年度の…6月末までに」: a month of every year is no milestone
        p = prev[-1]
        fiscal = False
        if m.group("same"):  # 「同月から」: the month just named
            if p.month is None:
                continue
            month, year = p.month, p.year
        elif m.group("cal"):
            month = int(m.group("cmonth")) if m.group("cmonth") else None
            if month is not None and not 1 <= month <= 12:
                continue
            year = p.year + {"翌年": 1, "前年": -1}.get(m.group("cal"), 0)
        elif m.group("that"):  # 「令和3年度中に調査を実施し、その結果を年度末までに」: that fiscal year
            month, year, fiscal = None, fiscal_of(p.year, p.fiscal, p.month), True
        elif m.group("rel"):  # 「令和3年度は、前年度に更新した…」: the fiscal year before (or after) the one named
            if not p.fiscal and p.month is None:
                continue  # 「令和4年に…翌年度から」: a calendar year names no one fiscal year
            # after a month (「令和5年1月に…、翌年度から」) the fiscal year that month falls in
            base = fiscal_of(p.year, p.fiscal, p.month)
            month, year, fiscal = None, base + {"翌年度": 1, "前年度": -1}.get(m.group("rel"), 0), True
        else:
            month = int(m.group("month"))
            if not 1 <= month <= 12:
                continue
            year = p.year + (1 if p.fiscal and month < 4 else 0)
        if _measured_then(norm, m, fld, fiscal_of(year, fiscal, month), as_of, dates):
            continue
        found.append((m.start(), _milestone(text, norm, where, fld, m.start(), m.end(), year, fiscal, month,
                                            m.group("part") or "", as_of)))
    found += _event_deadlines(text, norm, where, fld, found)
    return [ms for _, ms in sorted(found, key=lambda x: x[0])]


# A date that is a comparison's base (「平成30年度比で3割の削減」) or whose clause cites a source for a fact
# (「令和2年度に実施した調査によれば」): it dates the reference, not a step of the measure.
# (also 「令和2年度の3倍に」, 「令和2年度の水準を維持」: the year a level is measured against)
_COMPARED = re.compile(r"\s*(?:比|と比べ|に比べ|と比較|と比して|に比して|対比|を基準(?:年度?|と|に)|を100と"
                       r"|の\s*約?\d[\d,.]*\s*(?:倍|割|%)(?:に|を|と|以上|程度)|の\s*水準)")
_SOURCE = re.compile(r"によれば|によると|(?:調査|アンケート|ヒアリング|研究|統計|センサス|白書|報告書|報告|資料|試算|推計"
                     r"|集計|分析|推定|予測|レポート)"
                     r"(?:の結果|結果)?(?:では|において(?:は)?)")
# A date that names a survey done or a document made then (「令和2年(2020年)に実施した事業者アンケートの結果も踏まえ」,
# 「令和2年7月に策定された基本計画を踏まえ」): a relative clause dating the thing it names, a reference as a law's
# number is (not a law taking effect, 「…に施行された改正規則」, nor the measure's own step, 「…に指針を策定し、」).
_NAMED_BY_DATE = re.compile(r"\s*(?:において|に|には)?\s*(?:(?:実施|策定|公表|発表|発行|刊行|作成|改定|改訂|閣議決定|決定|採択"
                            r"|決議|答申|提言)(?:した|された)|(?:取りまとめ|とりまとめ|取り纏め|まとめ)(?:た|られた))"
                            r"(?=[^、。,をが]{0,30}?(?:調査|アンケート|ヒアリング|計画|方針|指針|ガイドライン|報告書|戦略"
                            r"|ビジョン|要綱|要領|手引|マニュアル|ロードマップ|工程表|プラン|白書|統計|大綱|宣言|提言|答申"
                            r"|報告|構想|ハンドブック|ガイドブック|プログラム|パッケージ))")
# A decision, document or revision dated with の that the sentence rests on or goes by (「令和2年7月の閣議決定に基づき」,
# 「令和3年6月の基本方針において示された」, 「平成25年の法改正により」), up to the table's year: the date is the
# reference's, as a document named by a relative clause (_NAMED_BY_DATE) is; not an event the measure waits for (成立, 施行)
_GROUNDS = re.compile(r"\s*の\s*[^、。,をがは「」]{0,20}?(?:(?:閣議決定|決定|決議|計画|方針|指針|ガイドライン"
                      r"|報告書|戦略|ビジョン|大綱|宣言|提言|答申|報告|構想|取りまとめ|とりまとめ)[」』]?\s*"
                      r"(?:に基づ|を踏まえ|において|により|によって|を受け|に沿|で示|に盛り込|に定め|で定め)"
                      # a revision dated so is the measure's own step when things are done in it (「…の改定において
                      # 対象を追加した」), a reference when it is the cause (「平成25年の法改正により」)
                      r"|(?:法改正|改正|改定|改訂)\s*(?:により|によって|を受け|に基づ|を踏まえ))")
# A figure measured then (「令和２年中の救急出動件数は約593万件」, 「令和元年度には約740万件に達している」): a statistic
_STATISTIC = re.compile(r"\s*(?:中|内)?\s*(?:の[^、。\s]{0,15}?(?:件数|者数|人数|数|率|割合|額|量)(?:は|が)"
                        r"|(?:には|は|で|に)\s*約?\d[\d,.]*\s*(?:万|千|億)?[^\s\d、。]{0,4}?"
                        r"(?:に達|に上|に増加|に減少|であっ|であり|だっ|となっ|に及|を記録|にとどま|に留ま|を(?:超え|上回|下回)っ|を(?:超え|上回っ|下回っ)(?:た|て)"
                        r"|に(?:上昇|低下|拡大|縮小)し(?:た|て)))")
# A period that names a plan's span (「令和3年度から令和7年度までを対象期間とする戦略」), not when its work happens.
_PLAN_PERIOD = re.compile(r"\s*(?:まで)?(?:の[^\s、。]{1,5}間)?を[^\s、。]{0,4}期間と"
                          r"|\s*(?:まで|から)?の\s*\d+\s*(?:か年|カ年|ヶ年|ヵ年|ケ年|年間)\s*(?:計画|戦略|プラン|ビジョン)"
                          # 「令和4年度を初年度とする5か年計画」: the year a plan's period opens or closes
                          r"|\s*を(?:初年度|最終年度|始期|終期)と")
# A forecast or estimate the text cites (「…になると推計されている」, 「…不足するとの試算」): its year is the forecast's.
_FORECAST = re.compile(r"と(?:推計|推定|推測|予測|予想|見込|見通|試算|言われ|想定さ|見られ|みられ|見積)"
                       r"|との(?:推計|推定|予測|予想|見込み|見通し|試算|想定)")
# An incident the measure answers to (「平成27年に発生した流出事案を受け」): something that happened, not a step.
_INCIDENT = re.compile(r"^\s*(?:に(?:おいて)?|には|で)?\S{0,2}?(?:発生|発災|起き|起こっ|生じ|発覚|判明|襲来|上陸)")


def _not_a_step(norm: str, m: re.Match, fld: str) -> bool:
    """A date that dates a reference rather than a step of the measure (the module docstring's "Which dates")."""
    if _COMPARED.match(norm, m.end()) or _NAMED_BY_DATE.match(norm, m.end()):
        return True
    if fld == "overview" and _STATISTIC.match(norm, m.end()):
        return True
    if re.search(r"[「『]\s*$", norm[max(0, m.start() - 2):m.start()]):
        return True  # 「令和2年度革新的事業活動実行計画」: a date opening a quoted name dates the name
    rest = norm[m.end():]
    clause = rest[: min([i for i in (rest.find("、"), rest.find("。")) if i >= 0] + [len(rest)])]
    if _SOURCE.search(clause) or fld == "overview" and _INCIDENT.search(clause):
        return True
    nxt = _DATE.search(rest)
    sentence = rest[: min([i for i in (rest.find("。"), nxt.start() if nxt else -1) if i >= 0] + [len(rest)])]
    if _FORECAST.search(sentence):
        return True  # 「令和22年頃には…不足すると見込まれる」: a forecast's year, not a step
    if _PLAN_PERIOD.match(norm, m.end()):
        return True  # the second date of a plan's period; the first is found through its range below
    nxt = _RANGE_TAIL.match(norm, m.end())
    if nxt:
        second = _DATE.match(norm, nxt.end())
        if second and _PLAN_PERIOD.match(norm, second.end()):
            return True
    return False


_RANGE_TAIL = re.compile(r"\s*(?:から|より|[~〜～\-–－])\s*")


# what may follow the date in such a bracket: nothing, or the act that dates a document (「(令和2年12月閣議決定)」)
_DOCUMENT_DATE = re.compile(r"\s*(?:\d{1,2}\s*日)?\s*(?:閣議決定|決定|策定|改定|改訂|公表)?\s*[)）]")


def _named_periods(norm: str, dates: list[re.Match]) -> set[int]:
    """Starts of dates that fill a bracket of the overview on their own (「報告書(平成29年4月)」, 「SIP第2期(平成30年度
    ~令和4年度)」): they date or bound the thing named before the bracket, not a step of the measure."""
    out: set[int] = set()
    by_start = {d.start(): d for d in dates}
    for p in re.finditer(r"[(（]", norm):
        if any(d.start() < p.start() < d.end() for d in dates):
            continue  # the Western year inside 「令和3年(2021年)」
        at = p.end() + len(norm[p.end():]) - len(norm[p.end():].lstrip())
        first = by_start.get(at)
        if first is None:
            continue
        span = [first.start()]
        end = first.end()
        mark = _RANGE_MARK.match(norm, end)
        relative = _BARE_MONTH.match(norm, mark.end()) if mark else None  # 「(平成30年度~来年度)」
        if mark and mark.end() in by_start:
            span.append(mark.end())
            end = by_start[mark.end()].end()
        elif mark and relative and relative.group("deixis"):
            span.append(mark.end())
            end = relative.end()
        if _DOCUMENT_DATE.match(norm, end):
            out.update(span)
    return out


def _measured_then(norm: str, m: re.Match, fld: str, fy: int, as_of: int, dates: Sequence[re.Match] = ()) -> bool:
    """A relative date (「前年度末時点で」, a KPI's 「(昨年度:40%)」) that a figure was measured at, or whose figure the
    text goes on from to a later year (「昨年度の67種から、令和5年度までに200種」), as for full dates."""
    if fy <= as_of and _AS_AT.match(norm, m.end()):
        return True
    if fy < as_of:
        went_on = _FROM_FIGURE.match(norm, m.end()) or _ARROW_ON.match(norm, m.end())
        if went_on and any(d.start() >= went_on.end() and _year_of(d)[0] > fy for d in dates):
            return True
    return fld != "overview" and fy < as_of and bool(_BASELINE.match(norm, m.end()))


def _reference_point(norm: str, m: re.Match, fld: str, fy: int, as_of: int, dates: list[re.Match]) -> bool:
    """A date a figure was measured at: 「…時点」 / 「…現在」 up to the table's year; in a KPI cell also an earlier
    year's figure that the cell marks as where things stood (「(令和元年度:8.2%)」) or goes on from to a later year
    (「令和2年度の67種から、令和5年度までに200種」)."""
    if fy <= as_of and (_AS_AT.match(norm, m.end()) or _AS_AT_BEFORE.search(norm, max(0, m.start() - 10), m.start())):
        return True
    if fy >= as_of:
        return False
    if fld != "overview" and _BASELINE.match(norm, m.end()):
        return True
    went_on = _FROM_FIGURE.match(norm, m.end()) or _ARROW_ON.match(norm, m.end())
    return bool(went_on and any(d.start() >= went_on.end() and _year_of(d)[0] > _year_of(m)[0] for d in dates))


# 「(現状:令和2年度 40%)」, 「基準値(令和元年度)」: the date a baseline was taken
_AS_AT_BEFORE = re.compile(r"(?:現状|基準|実績)(?:値|年度|年)?\s*[:：(（]?\s*$")
# 「45%(令和2年度)→80%(令和7年度)」: the date of a figure the item goes on from, written after it
_ARROW_ON = re.compile(r"\s*[)）]\s*(?:→|⇒)")
# 「の67種から」, 「:60%→」: an earlier year's figure the item goes on from
_FROM_FIGURE = re.compile(r"\s*(?:の|は|で)?\s*約?\d[\d,.]*\s*[^\s\d、。()（）]{0,4}?\s*(?:から|→|⇒)")


# An event named again by its verb with まで (「令和5年10月のインボイス制度への移行」 … 「インボイス制度に移行するまでに」).
_EVENT_AGAIN = re.compile(r"(?P<verb>移行|施行|開始|稼働|供用)(?:する|される|の)?(?P<tail>までに|まで)")


def _event_deadlines(text: str, norm: str, where: list[int], fld: str,
                     found: list[tuple[int, Milestone]]) -> list[tuple[int, Milestone]]:
    """Deadlines set by a dated event of an earlier sentence, referred back to by its verb: the date is the event's
    (「令和5年(2023年)10月のインボイス制度への移行も見据え」 … 「インボイス制度に移行するまでに」: by October 2023)."""
    out: list[tuple[int, Milestone]] = []
    for m in _EVENT_AGAIN.finditer(norm):
        s, e = _sentence_of(norm, m.start())
        earlier = [ms for at, ms in found if at < s and m.group("verb") in
                   _clause(norm[at + len(unicodedata.normalize("NFKC", ms.text)):])]
        if not earlier:
            continue
        p = earlier[-1]
        a = max(s, max(norm.rfind(c, 0, m.start()) for c in "、。") + 1)  # the phrase: from its clause's start
        out.append((a, Milestone(fld, text[where[a]:where[m.end()]].strip(), where[a], where[m.end()],
                                 text[where[s]:where[e]], where[s], where[e], p.year, p.fiscal, p.month, "deadline",
                                 p.status)))
    return out


def _milestone(text: str, norm: str, where: list[int], fld: str, a: int, b: int, year: int, fiscal: bool,
               month: int | None, part: str, as_of: int) -> Milestone:
    t = _tail_at(norm, b)
    tail = t.group("tail") or ""
    if tail in ("は", "に", "には", "も", "の", "で", "、", "・", "において", "においても") \
            and re.match(r"\s*(?:までに|まで|以降|から)", norm[t.end():]):
        t = _tail_at(norm, t.end())  # 「令和3年度においても」 is read at its particle
        tail = t.group("tail") or ""
    after = norm[t.end():]
    # a range written with a dash: its first date opens the period, its second closes it
    mark = _RANGE_MARK.match(norm, b) if not tail else None
    opens = bool(mark and (_DATE.match(norm, mark.end()) or _BARE_MONTH.match(norm, mark.end())))
    # 「令和4年度~」 with no date after the dash: a period opened and left open, as 「令和4年度から」 / 「以降」
    # (not a number range, 「2~3件」, nor a dash that joins two words)
    open_range = bool(mark and not opens and re.match(r"\s*[~〜～]\s*(?:[)）]|$|[、,。]|\s)", norm[b:]))
    opens = opens or open_range
    closes = bool(re.search(r"(?:年度?|月|[)）])\s*[~〜～\-–－]\s*$", norm[max(0, a - 6):a]))
    # the phrase runs to the end of its kind word (「令和3年(2021年)4月から」, 「令和7年度(2025年度)までに」)
    end = t.end() if tail in ("までに", "まで", "にかけて") + _FROM_WORDS + _TARGET_WORDS else b
    s, e = _sentence_of(norm, a)
    if fld != "overview":  # a KPI cell's 「・」 item is its sentence
        s, e = next(((max(s, x), min(e, y)) for x, y in _items(norm) if x <= a < y), (s, e))
        while s < e and norm[s] in " ・\u3000":
            s += 1
    rest, sentence_rest = _clause_rest(norm, end, e), norm[end:e + 1]
    if _FIGURE_ONLY.fullmatch(re.sub(r"^\s*(?:には|に|は|も|で)", "", rest)):
        rest = sentence_rest  # 「令和3年度は14地域、令和4年度は20地域で実施した」: a listed level takes the shared verb's tense
    # the kind asks whether a 検討 is still to come (perfective or not); the status then reads the kind
    # with a bare particle the clause keeps it, so that 「…に向けて、」 reads as the compound particle it is
    clause = _clause(norm[t.start("tail"):] if tail in _BARE else after)
    if tail in _BARE and _FIGURE_ONLY.fullmatch(clause[len(tail):] if clause.startswith(tail) else clause):
        # 「令和4年度には500団体、令和7年度には全団体での導入を目指す」: a level with no verb of its own shares the
        # verb of the next dated clause (the two levels are aimed at together)
        nxt = _next_date(norm, t.end())
        if nxt and _sentence_of(norm, nxt.start()) == (s, e):
            t2 = _tail_at(norm, nxt.end())
            clause += _clause(norm[t2.start("tail"):] if (t2.group("tail") or "") in _BARE else norm[t2.end():])
    # a year of a list (「令和4年度及び令和5年度の2か年で…を検討し」) shares the verb written after the list's last year
    listed = any(d.end() <= a and _LIST_MARK.fullmatch(norm, d.end(), a) for d in _DATE.finditer(norm, 0, a))
    step = _LIST_MARK.match(norm, b)
    if step and _DATE.match(norm, step.end()) and not _LIST_MARK.sub("", clause).strip(" ,"):
        listed, last = True, _DATE.match(norm, step.end())
        while last and (step := _LIST_MARK.match(norm, last.end())) and _DATE.match(norm, step.end()):
            last = _DATE.match(norm, step.end())
        assert last is not None
        t2 = _tail_at(norm, last.end())
        clause = _clause(norm[t2.start("tail"):] if (t2.group("tail") or "") in _BARE else norm[t2.end():])
    # a range's first date shares the verb written after its second (「令和4年度から5年度にかけて検討し、」: a review
    # from FY2022), which its own clause, cut at that date, does not reach
    rest_of_range = mark.end() if opens and mark else t.end() if tail in ("から", "より") else -1
    second = (_DATE.match(norm, rest_of_range) or _BARE_MONTH.match(norm, rest_of_range)) if rest_of_range >= 0 \
        else None
    if second and not clause.strip(" 、,~〜～-–－"):
        t2 = _tail_at(norm, second.end())
        if opens or t2.group("tail") in ("まで", "までに", "にかけて"):
            clause = _clause(norm[t2.end():])
    bracketed = re.match(r"\s*(?:[~〜～]\s*)?(?:予定|目途|見込み)?\s*[)）]", norm[b:]) and re.search(r"[(（]\s*$", norm[s:a])
    if not tail and bracketed and (fld != "overview" or re.match(r"\s*(?:予定|目途|見込み)", norm[b:])):
        # a KPI's date alone in brackets dates what the item names just before it (「運用開始(令和4年度)」), and so
        # does any date in brackets with 予定 after what is to happen (「…運用を開始する(令和4年度予定)。」)
        named = re.split(r"[()（）→⇒、,・:：]", re.sub(r"[(（]\s*$", "", norm[s:a]))[-1]
        if not re.search(r"\d", named):
            clause = named
    elif not tail and (noun := _DATED_NOUN.match(norm, b)):
        clause = noun.group("noun")  # 「令和3年4月施行の改正法」, 「令和4年4月1日施行。」: the date is that event's
    # also 「には」, 「に、」, 「において」
    level = fld != "overview" and tail in ("に", "には", "において") and bool(_LEVEL.match(norm, t.end()))
    if _EVALUATE.search(clause) and _CONTINUES.search(clause):
        chained = _clause(norm[(t.start("tail") if tail in _BARE else t.end()) + len(clause):])
        if _REVIEW.search(chained) and not _next_date(chained):
            clause += chained  # 「2024年度に検証し、必要に応じて要件の見直しを行う」: evaluate and revise, one review
    after_event = tail == "の" and bool(_AFTER_EVENT.match(norm, b))
    kind = _kind(tail, part, clause, not _is_past(year, fiscal, month, rest, sentence_rest, as_of), opens, closes,
                 level, after_event, listed, month is not None)
    status = "past" if _is_past(year, fiscal, month, rest, sentence_rest, as_of, kind) else "planned"
    start_o, end_o = where[a], where[end]
    ss, se = where[s], where[e] if e > s else where[end]
    while se > ss and text[se - 1].isspace():
        se -= 1  # a line break read as a sentence's end is no part of it
    return Milestone(fld, text[start_o:end_o].strip(), start_o, end_o, text[ss:se], ss, se, year, fiscal, month,
                     kind, status)


# Years listed together (「令和4年度及び令和5年度」, 「2022年度、2023年度」): the mark between two dates
_LIST_MARK = re.compile(r"\s*(?:及び|および|並びに|ならびに|と|・|、)\s*")
# A clause that is only a figure before a comma (「には500団体、」): a level in a list, with no verb of its own
_FIGURE_ONLY = re.compile(r"\s*(?:[:：]\s*)?約?\d[\d,.]*\s*(?:万|千|億)?[^\s\d、,。をがに]{0,6}?(?:以上|超)?\s*(?:を|で|に)?\s*[、,]\s*")
# A verbal noun written right onto its date (「令和3年4月施行の改正法」, 「令和4年度運用開始予定」): the date's clause.
_DATED_NOUN = re.compile(r"\s*(?P<noun>[\u4e00-\u9fff]{2,6}?)(?=の|予定|済|。|$|[)）、,])")
# A level written right after a KPI's 「…年度に」: a share to reach (「に100%」, 「に8割以上」), not a count of the year's work
_LEVEL = re.compile(r"\s*は?\s*[、,]?\s*約?\s*\d[\d,.]*\s*(?:%|パーセント|割)")
_BARE = ("に", "は", "には", "にも", "も", "の", "で", "において", "においても")


def _clause_rest(norm: str, at: int, sentence_end: int) -> str:
    """From a date to the next date of its sentence (or the sentence's end): where its verb is."""
    nxt = _next_date(norm, at, sentence_end)
    return norm[at: nxt.start() if nxt else sentence_end + 1]


# ------------------------------------------------------------------------------------------------ targets

_MULT = {"万": 10_000, "千": 1_000, "億": 100_000_000, "兆": 1_000_000_000_000}
_VALUE = re.compile(r"\s*約?\s*(?P<num>\d+(?:,\d{3})*(?:\.\d+)?)\s*(?P<mult>万|千|億|兆)?")


def figure_value(text: str) -> float:
    """The value of a figure as written, its unit aside: 「3,000人」 → 3000, 「3万人超」 → 30000, 「約1.5億円」 → 150000000,
    「42.86%」 → 42.86 (full-width digits too): the one reading of 万 / 千 / 億 / 兆 that KPI targets and the chat's
    questions about a figure share. ValueError when the text does not open with a number."""
    m = _VALUE.match(unicodedata.normalize("NFKC", text))
    if m is None:
        raise ValueError(f"{text!r}: not a figure (expected a number such as 3,000 or 3万)")
    return float(m.group("num").replace(",", "")) * _MULT.get(m.group("mult") or "", 1)
# Counters a KPI counts in (Japanese 助数詞 and the nouns plans count by); durations and times (年, か月, 時間) are not.
_UNITS = ("%", "パーセント", "割", "人", "校", "件", "社", "団体", "者", "回", "倍", "km", "世帯", "市町村", "市区町村",
          "都道府県", "ha", "か所", "カ所", "ヶ所", "箇所", "名", "機関", "拠点", "台", "種類", "分野", "自治体", "円",
          "個", "本", "施設", "局", "基", "駅", "港", "品目", "項目", "手続", "府省庁", "府省", "省庁", "地域", "地区",
          "事業者", "法人", "企業", "病院", "医療機関", "大学", "講座", "事例", "店舗", "路線", "戸", "棟", "ポイント",
          "プロジェクト", "Gbps", "Mbps", "GB", "TB", "トン", "業務", "市場", "種", "機", "隻", "冊", "枚", "館", "園",
          "か国", "カ国", "ヶ国", "都市",
          "地点", "区市町村", "事業所", "業種", "システム", "サービス", "データセット", "メッシュ", "回線", "端末",
          "言語", "科目", "コース", "手続き", "団地", "集落",
          # the rest of the counters plans count by: places and bodies, facilities and vehicles, documents and data,
          # people and animals, lines and devices, sizes and capacities (not 歳: an age defines whom a KPI counts)
          "ケ所", "ヵ所", "ケ国", "ヵ国", "箇国", "か国・地域", "市区", "区", "市", "町", "村",
          "部署", "部局", "組織", "窓口", "診療所", "薬局", "学校", "高校", "高専", "保育所", "事業", "案件", "モデル",
          "アプリ", "機能", "API", "研修", "教材", "資格", "講習", "部", "通", "頁", "ページ", "票", "筆", "区画", "区間",
          "室", "床", "席", "軒", "両", "便", "基地局", "灯", "頭", "羽", "匹", "株", "面", "契約",
          "口座", "アカウント", "ライセンス", "ユーザー", "人日", "人月", "人時", "ドル", "ユーロ",
          "t", "kg", "kt", "MW", "GW", "kW", "kWh", "MWh", "GWh", "TWh", "Tbps", "kbps", "PB",
          "MB", "km2", "pt", "ヘクタール", "キロメートル", "メートル", "リットル")
# The same count written with another counter: 「計3,000名規模」 restates a KPI's 「3,000人」.
_SAME_UNIT = {"名": "人", "者": "人", "パーセント": "%", "カ所": "か所", "ヶ所": "か所", "箇所": "か所", "ケ所": "か所",
              "ヵ所": "か所", "カ国": "か国", "ヶ国": "か国", "ケ国": "か国", "ヵ国": "か国", "箇国": "か国",
              "手続き": "手続", "pt": "ポイント", "ヘクタール": "ha", "キロメートル": "km", "トン": "t", "市区町村": "市町村",
              "区市町村": "市町村"}
# Durations: a target only as a bound (「処理期間を14日以内」), never as a description (「24時間鳴動」).
_DURATIONS = ("日", "日間", "時間", "分", "秒", "か月", "ヶ月", "カ月", "週間")
_FIGURE = re.compile(r"(?P<approx>約)?(?P<num>\d+(?:,\d{3})*(?:\.\d+)?)\s*(?P<mult>万|千|億|兆)?\s*"
                     r"(?P<unit>" + "|".join(re.escape(u) for u in sorted(_UNITS + _DURATIONS, key=len, reverse=True))
                     + r")?"
                     r"(?P<cmp>超|以上|未満|以下|以内)?")


def targets_of(card: PolicyCard, as_of: int | None = None) -> list[Target]:
    """The target figures of a card: in its KPIs, a number with a unit (or a comparison) that the KPI aims at; in its
    overview, one the text sets out to reach (「…3万人超を目指す」, 「50%以上を達成」, 「残り6市町村」, 「年間100回」);
    each with the year it is due when a date says so. Baselines (a figure of an earlier year, 「…時点で約98万世帯」),
    definitions (「2万人以上8万人未満の路線区間」, 「1台当たり」) and descriptive counts are not targets."""
    as_of = as_of if as_of is not None else DEFAULT_YEAR
    kpis = {fld: _field_targets(getattr(card, fld) or "", fld, as_of) for fld in FIELDS if fld != "overview"}
    measured = {_measure(t.value, t.unit) for ts in kpis.values() for t in ts}
    # what the KPIs count: their figures' units and the counters their names count in (「参加団体数」 → 団体)
    counted = {u for _, u in measured if u} | {
        _SAME_UNIT.get(m.group("unit"), m.group("unit")) for fld in kpis
        for m in _COUNTED_IN.finditer(unicodedata.normalize("NFKC", getattr(card, fld) or "")) if m.group("unit")}
    out = _field_targets(card.overview or "", "overview", as_of, counted)
    for fld in FIELDS:
        out.extend(kpis.get(fld, ()))
    return out


def _measure(value: float, unit: str) -> tuple[float, str]:
    """A figure with its unit in one spelling (名 → 人, 8割 → 80%), to tell a KPI's figure restated elsewhere."""
    if unit == "割":
        return value * 10, "%"
    return value, _SAME_UNIT.get(unit, unit)


def _items(norm: str) -> list[tuple[int, int]]:
    """The KPI items of a cell: its 「・」 bullets, or the whole cell."""
    cuts = [m.start() for m in re.finditer(r"(?:^|\s)・", norm)]
    if not cuts:
        return [(0, len(norm))]
    bounds = cuts + [len(norm)]
    spans = [(0, cuts[0])] if norm[: cuts[0]].strip() else []
    spans += [(bounds[i], bounds[i + 1]) for i in range(len(cuts))]
    return spans


# a unit written before its number: 「(本事業における整備市町村17)」
_COUNTERS = "|".join(re.escape(u) for u in sorted(set(_UNITS) - {"%", "パーセント", "割", "倍"}, key=len, reverse=True))
_UNIT_FIRST = re.compile(r"(?P<unit>" + _COUNTERS + r")\s*(?P<num>\d+(?:,\d{3})*)(?=\s*[)）]|\s*$)")
# A bare number beside its KPI's date (「(令和7年度(2025年度):1,000)」): counted in what the KPI's name counts.
_BARE_FIGURE = re.compile(r"\s*(?:[:：]|までに|まで|に|で)?\s*(?P<num>\d+(?:,\d{3})*(?:\.\d+)?)(?![\d]|[.,]\d)\s*"
                          r"(?P<mult>万|千|億)?(?P<cmp>超|以上)?\s*(?=[)）、,]|$)")
_COUNTED_IN = re.compile(r"(?P<unit>" + _COUNTERS + r")数|(?P<rate>率|割合)")
# 「児童生徒1人1台端末」: one device each, a figure like any other (a target in a KPI, in the overview when aimed at)
_ONE_EACH = re.compile(r"1人1台")
# In an overview, a figure is a target when its clause sets out to reach it, or counts what is left or planned.
_AIMS = re.compile(r"目指|めざ|目ざ|達成|目標|実現")
# A figure set as the level to reach: 「…を100団体とする」, 「…を50%に引き上げる」 (not 「…26倍に増加した」).
# (every verb of setting a level: raise, lower, cut, shorten, keep down, widen)
_SET_TO = re.compile(r"\s*(?:以上|超|以下|未満)?\s*(?:とする|とし[、て]|に(?:増や|拡大|拡充|引き上げ|引上げ|引き下げ|引下げ|高め|伸ば"
                     r"|削減|低減|短縮|縮減|圧縮|減ら|抑え|抑制|向上|改善)(?!し?た|させた|された|され|っ?た))")
# A change of that size set out to reach: 「平成30年度比で少なくとも3割の削減を図る」 (図る: only with such a change).
_CHANGE_AIMED = re.compile(r"\s*(?:以上|超)?\s*の(?:削減|縮減|低減|短縮|圧縮|軽減|抑制|向上|増加|拡大|拡充|改善|引き上げ|引上げ"
                           r"|引き下げ|引下げ|効率化)を(?:図|目指|めざ|目ざ|実現|達成)")
_NOT_TARGET_AFTER = re.compile(r"\s*(?:程度|に増加|増|減|倍に|の(?:加盟|国|地域)|ずつ|のうち|中)")
_NOT_TARGET_BEFORE = re.compile(r"(?:最長|最大|最小|うち|全|第|毎|対|各)\s*$")
_COUNT_PREFIX = re.compile(r"(?:年間|計|残り|毎年度?)\s*$")


def _figure_of(norm: str, ia: int, f: re.Match) -> tuple[int, int, str, str, str, str]:
    """A number of an item as (start, end, number, 万/千…, unit, comparison); a number with no listed counter takes
    the noun written right onto it as its counter (_noun_unit: 「60漁港」, 「300自治会」 count 漁港, 自治会)."""
    a, b = ia + f.start(), ia + f.end()
    unit, cmp = f.group("unit") or "", f.group("cmp") or ""
    noun = _noun_unit(norm, ia + f.start("num"), ia + (f.end("mult") if f.group("mult") else f.end("num")))
    if noun and noun[0].startswith(unit) and len(noun[0]) > len(unit):
        # no counter listed, or a shorter one (市 of 「17市町村」): the noun written onto the number counts
        unit, b = noun
        c = _CMP_AFTER.match(norm, b)
        cmp = c.group(1) if c else ""
        b = c.end() if c else b
    return a, b, f.group("num"), f.group("mult") or "", unit, cmp


_CMP_AFTER = re.compile(r"\s*(超|以上|未満|以下|以内)")
# What follows a count without being its counter: a size or extent (規模, 程度, 体制), a recipient (向け), an ordinal
# (目), a list's 等; and the dates' and durations' counters, which _figure_ok reads (年, 月, 日, 時, 期, 版 …).
_NOT_COUNTER = re.compile(r"規模|程度|体制|向け|当たり|あたり|目|等|など|ずつ|余り|前後|強|弱|分|超|以上|以下|未満|以内")
_DATE_COUNTER = re.compile(r"[年月日時分秒週歳期次条号版章節項頁位]")


def _noun_unit(norm: str, num: int, at: int) -> tuple[str, int] | None:
    """The counter of a number read from the grammar, not a list (issue 21: a new card counts in nouns no card
    shows): the common nouns and noun suffixes written right after the number (UniDic: 名詞-普通名詞 / 接尾辞-名詞的,
    not an adverbial noun such as 以上 or 後), up to a particle, a comparison, a size word (規模, 程度, 体制) or
    anything not kanji or katakana, less a verbal noun at its end (「17市町村で」 → 市町村, 「200医療機関以上」 →
    医療機関, 「30事業者向け」 → 事業者, 「3拠点整備」 → 拠点). The number (from `num`) is tagged with it, so that
    UniDic reads 「3,000名規模」 as a count of 名. None when no such noun follows `at`, or when it is a date's or
    duration's counter (年, 月, 期 …). (unit, its end)."""
    text, cut = norm[num:at + 16], at - num
    toks, pos_at, first = [], 0, None
    for surface, pos in _tokens(text):
        pos_at = text.find(surface, pos_at)  # (the tagger drops spaces: each token found where it is)
        if pos_at < cut < pos_at + len(surface):
            return None  # the number's last token runs past it: no word starts where the number ends
        if pos_at >= cut:
            first = pos_at if first is None else first
            toks.append((surface, pos))
        pos_at += len(surface)
    run: list[tuple[str, tuple[str, ...]]] = []
    for surface, pos in toks:
        if not re.fullmatch(r"[\u4e00-\u9fffァ-ヶーヵ]+|[かヶヵケカ箇](?:所|国|月)", surface) or _NOT_COUNTER.fullmatch(surface):
            break
        if not (pos[:2] in (("名詞", "普通名詞"), ("接尾辞", "名詞的")) and pos[2] != "副詞可能"):
            break
        run.append((surface, pos))
    while run and run[-1][1][2] == "サ変可能":
        run.pop()  # 「3拠点整備」, 「100件公開」: the verbal noun after the count is what is done, not the counter
    unit = "".join(w for w, _ in run)
    if not unit or first is None or _DATE_COUNTER.match(unit) or len(unit) > 8 \
            or not norm.startswith(unit, num + first):
        return None
    return unit, num + first + len(unit)


@lru_cache(maxsize=8192)
def _tokens(text: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """fugashi / UniDic tokens of a short text: (surface, its part of speech as four levels). Tagged by index.text's
    shared taggers (text as given, not normalised): a tagger of its own mapped UniDic's dictionary a second time, and
    an index build, which reads every card's KPIs here, kept both copies resident (seisaku bench: +66 MB)."""
    from .text import analyzer

    return tuple((surface, (*",".join(f[:4]).split(","), "*", "*", "*", "*")[:4])
                 for surface, f, _ in analyzer().nodes(text))


# A figure inside the name of what the item measures, a rate or count with its own figure after it (「基本4情報の
# 連携率 100%」, 「2国間の協力枠組みの構築数 10件」, 「1自治体1アカウントの付与率」): the name's, not a target.
_IN_THE_NAME = re.compile(r"(?:の|[\u4e00-\u9fffァ-ヶー])[^、,。()（）:：/・→\s\d]{0,25}?(?:率|割合|数)"
                          r"\s*[:：(（]?\s*(?:(?:令和|平成|R|H)?\s*\d|約|全)")


def _figure_ok(norm: str, unit: str, cmp: str, a: int, b: int, date_spans: list[tuple[int, int]]) -> bool:
    """Whether a number with a unit is a figure at all (not part of a date, a name, a ratio's definition)."""
    if not unit and not cmp:
        return False
    if any(da <= a < db for da, db in date_spans):
        return False  # the digits of a date
    after, before = norm[b:b + 2], norm[max(0, a - 2):a]
    if re.match(r"[年月日度時]|分の|版|K|G|次|期|条|つ|か国|m", after) or re.search(r"第$|毎$", before):
        return False
    if unit in ("倍", "割", "%") and re.match(r"\s*(?:程度|強|弱)?\s*(?:の|に当たる|にあたる)\s*(?:約|およそ)?\s*\d", norm[b:]):
        return False  # 「現在の2倍の200万人に」: a ratio that describes the figure told after it, the target
    if not cmp and re.match(r"\s*目(?![標指])", norm[b:]):
        return False  # 「1枚目」, 「2回目」: an ordinal names which one, it counts nothing
    if not cmp and _IN_THE_NAME.match(norm, b):
        return False  # 「基本4情報の連携率 100%」: the figure is part of what a later figure measures
    if unit in _DURATIONS and cmp not in ("以内", "以下", "未満") \
            and not re.match(r"\s*(?:の)?(?:短縮|削減|縮減)", norm[b:]):
        # 「24時間鳴動」, 「5日間」: a duration is a target only as a bound (「14日以内」) or a cut (「平均2分短縮」)
        return False
    if unit in ("人", "台") and re.match(r"\d", norm[b:b + 1] or "x"):
        return False
    if re.search(r"1人1台|人1台", norm[max(0, a - 3):b + 3]):
        return False
    if re.search(r"/\s*$", norm[max(0, a - 2):a]) or re.match(r"\s*(?:に対する|当たり)", norm[b:]):
        return False  # 「補助金額/200万円に対する…」: part of the measure's definition
    if "未満" in cmp and re.search(r"以上", norm[max(0, a - 12):a]):
        return False  # 「2万人以上8万人未満の路線区間」: a range that defines the KPI's scope
    if cmp == "以上" and re.match(r"\s*\d+\s*万?人?未満", norm[b:]):
        return False
    return True


def _field_targets(text: str, fld: str, as_of: int, counted: Collection[str] = ()) -> list[Target]:
    norm, where = _normalized(text)
    out = []
    dates = [(m.start(), m.end(), _year_of(m), m) for m in _DATE.finditer(norm)
             if not _CITATION.match(norm, m.end()) and not _COMPARED.match(norm, m.end())]
    # 「今年度」, 「来年度は、100団体で」: a year named against the table's dates its figures as a written one does
    dates += [(m.start(), m.end(), _deictic_year(m, as_of), m) for m in _BARE_MONTH.finditer(norm)
              if (m.group("deixis") or m.group("cdeixis") and not m.group("dmonth"))
              and not _CITATION.match(norm, m.end()) and not _COMPARED.match(norm, m.end())]
    dates.sort(key=lambda d: d[0])
    date_spans = [(a, b) for a, b, _, _ in dates]
    spans = _items(norm) if fld != "overview" else [(s, e) for s, e in sentence_spans(norm)]
    for ia, ib in spans:
        item = norm[ia:ib]
        found = [x for x in map(lambda f: _figure_of(norm, ia, f), _FIGURE.finditer(item))
                 if _figure_ok(norm, x[4], x[5], x[0], x[1], date_spans)]
        found += [(ia + f.start(), ia + f.end(), f.group("num"), "", f.group("unit"), "")
                  for f in _UNIT_FIRST.finditer(item) if fld != "overview"]
        found += [(ia + f.start(), ia + f.start() + 4, "1", "", "台", "") for f in _ONE_EACH.finditer(item)]
        if fld != "overview":
            found += _bare_figures(norm, ia, ib, dates)
        for a, b, num, mult, unit, cmp in found:
            value = figure_value(num + mult)
            # the overview's figure equal to a KPI's is a target only so (「7機体制の確立に向け、開発を進めている」
            # mentions the KPI's 7機 without setting it: description)
            if fld == "overview" and not (_aimed_at(norm, a, b, ib)
                                          or _planned_count(norm, dates, ia, ib, a, b, unit, counted, as_of)):
                continue
            if fld == "overview" and _SOURCE.search(norm, ia, a):
                continue  # 「…調査報告書によれば、導入団体は約270団体である」: a figure a source reports is where things stand
            if re.match(r"\s*(?:から|→|⇒)\s*約?\d", norm[b:]):
                continue  # 「約6割から8割に」, 「40%→80%」: the figure things go from is where they stand
            if fld != "overview" and re.search(r"(?:^|[\s。)）])※", norm[ia:a]):
                continue  # a ※ note (not the mark 「メッシュ※」) defines the KPI's terms (「※…(約500m四方)」)
            year, fiscal = _due(norm, dates, ia, ib, a, b, fld, as_of)
            if year == -1:
                continue  # a baseline
            s0, e0 = where[a], where[b]
            raw_item = text[where[ia]:where[ib]]
            item_text = raw_item.strip(" ・\u3000")
            item_start = where[ia] + raw_item.find(item_text)
            out.append(Target(fld, text[s0:e0], s0, e0, value, unit, year, fiscal, item_text, cmp, item_start))
    out.sort(key=lambda t: t.start)
    if fld != "overview":  # 「7機体制の構築の進捗(…を目途に7機体制を確立)」: one figure of an item is one target
        out = [t for i, t in enumerate(out) if not any(
            u.kpi_start == t.kpi_start and u.year == t.year and _measure(u.value, u.unit) == _measure(t.value, t.unit)
            for u in out[i + 1:])]
    return out


def _deictic_year(m: re.Match, as_of: int) -> tuple[int, bool]:
    """The year of 「今年度」/「来年度」/「昨年度」 (fiscal) or 「本年」/「来年」/「昨年」 (calendar) against the table's."""
    if m.group("deixis"):
        return as_of + _FISCAL_DEIXIS.get(m.group("deixis"), 0), True
    return as_of + _CALENDAR_DEIXIS.get(m.group("cdeixis"), 0), False


def _bare_figures(norm: str, ia: int, ib: int, dates: list) -> list[tuple[int, int, str, str, str, str]]:
    """A KPI item's numbers written with no unit right after its date, in the unit its name counts (「参加団体数」 →
    団体, 「…率」 → %; none when the name says no counter)."""
    out = []
    for da, db, _, _ in dates:
        f = _BARE_FIGURE.match(norm, db) if ia <= da < ib else None
        if f is None or f.end() > ib:
            continue
        named = list(_COUNTED_IN.finditer(norm, ia, da))
        unit = "" if not named else (named[-1].group("unit") or "%")
        out.append((f.start("num"), f.end(), f.group("num"), f.group("mult") or "", unit, f.group("cmp") or ""))
    return out


def _aimed_at(norm: str, a: int, b: int, sentence_end: int) -> bool:
    """An overview's figure that the text sets out to reach: its clause says 目指す / 達成 / 実現, or it counts what
    is left or planned per year (残り, 年間, 計 …規模); not a description (「3倍程度」, 「26倍に増加」, 「最大300万円」)."""
    clause_end = min([i for i in (norm.find("。", b), norm.find("、", b)) if i >= 0] + [sentence_end])
    if _LEVEL_LISTED.match(norm, b) and clause_end < sentence_end and norm[clause_end] == "、":
        # 「令和4年度に100件、令和5年度に300件の公開を目指す」: a level listed before another dated one shares its verb
        clause_end = min([i for i in (norm.find("。", clause_end + 1), norm.find("、", clause_end + 1)) if i >= 0]
                         + [sentence_end])
    clause_start = max(norm.rfind("、", 0, a), norm.rfind("。", 0, a)) + 1
    if re.match(r"\s*程度", norm[b:]) or re.search(r"(?:最長|最大|最小|第)\s*$", norm[max(0, a - 3):a]):
        return False  # an estimate or a limit, never a goal
    # a goal word anywhere in the figure's clause (「…3万人超を目指す」, 「目標として100件」); 「3倍程度どころ」 describes
    if _AIMS.search(norm[clause_start:clause_end + 1]) and not re.search(r"程度|どころ", norm[clause_start:a]) \
            or _SET_TO.match(norm, b) or _CHANGE_AIMED.match(norm, b):
        return True
    if _NOT_TARGET_AFTER.match(norm, b) or _NOT_TARGET_BEFORE.search(norm[max(0, a - 3):a]):
        return False
    if _COUNT_PREFIX.search(norm[max(0, a - 3):a]) or re.match(r"\s*規模", norm[b:]):
        # the count of the work planned or going on (「年間100回…実施しており」), not of what was done
        # (「これまで計15地域で実証を行ってきた」)
        return not _PAST_VERB.search(norm[b:clause_end + 1] + "。")
    # a deadline before it in its clause; the comma right after 「までに」 closes no clause (「令和7年までに、3,000人を育成」)
    if _PAST_VERB.search(norm[b:clause_end + 1] + "。"):
        return False  # 「令和2年度までに…約1,200件の高精細画像を公開したところ」: what was done by then, no target
    return bool(_BY.search(norm[clause_start:a])
                or re.search(r"(?:" + _BY.pattern + r"|目途に|目処に|を目標に)\s*[、,]\s*$",
                             norm[max(0, clause_start - 8):clause_start]))


# a figure with nothing after it but a comma and another dated figure (「100件、令和5年度に300件」)
_LEVEL_LISTED = re.compile(r"\s*(?:を|で|に)?\s*、\s*(?:(?:令和|平成|R|H)\s*(?:\d{1,2}|元)|(?:19|20)\d{2})[^、。]{0,20}?"
                           r"\d[\d,.]*")
# 「までに」 of a deadline, not 「これまでに」 / 「今までに」 / 「現在までに」 (up to now: what has been done)
_BY = re.compile(r"(?<!これ)(?<!それ)(?<!今)(?<!現在)までに")


def _planned_count(norm: str, dates: list, ia: int, ib: int, a: int, b: int, unit: str, counted: Collection[str],
                   as_of: int) -> bool:
    """An overview's figure of what the KPIs count, planned for the table's year or later (「令和3年度は、500団体で
    実施する」 where a KPI counts 団体): a commitment, not a description (no past verb, no 程度 / 増加 / のうち)."""
    if not unit or _measure(0, unit)[1] not in counted:
        return False
    if _NOT_TARGET_AFTER.match(norm, b) or _NOT_TARGET_BEFORE.search(norm[max(0, a - 3):a]):
        return False
    year, _ = _due(norm, dates, ia, ib, a, b, "overview", as_of)
    clause_end = min([i for i in (norm.find("。", b), norm.find("、", b)) if i >= 0] + [ib])
    return year is not None and year >= as_of and not _PAST_VERB.search(norm[b:clause_end + 1] + "。")


def _due(norm: str, dates: list, ia: int, ib: int, a: int, b: int, fld: str, as_of: int) -> tuple[int | None, bool]:
    """The year a figure is due: in a KPI, the date of its item nearest before it (else after it); in an overview,
    a deadline or in-year date before it in its sentence (not a 「から」). (-1, False) for a baseline: a figure of an
    earlier year, or one stated as at a time (時点, 現在)."""
    near = [d for d in dates if ia <= d[0] and d[1] <= a] if fld == "overview" else [d for d in dates if ia <= d[0]]
    before = [d for d in near if d[1] <= a]
    after = [d for d in near if d[0] >= b and d[0] - b < 40] if fld != "overview" else []
    # a date alone in brackets right after the figure is its own (「45%(令和2年度)→80%(令和7年度)」)
    own = [d for d in after if re.fullmatch(r"\s*[(（]\s*", norm[b:d[0]]) and re.match(r"\s*[)）]", norm[d[1]:])]
    pick = own[0] if own else before[-1] if before else (after[0] if after else None)
    if pick is None:
        return None, False
    (year, fiscal), m = pick[2], pick[3]
    tail = _tail_at(norm, m.end()).group("tail") or ""
    if fld == "overview" and tail in _FROM_WORDS:
        return None, False
    month = int(m.group("month")) if m.group("month") else None
    between = norm[pick[1]:a] if pick[1] <= a else norm[b:pick[0]]
    # a figure as at a time up to the table's year is where things stand; 「令和4年度末時点で50%」 is one to reach
    if fiscal_of(year, fiscal, month) <= as_of and (re.search(r"時点|現在|実績|基準", between)
                                                   or _AS_AT_BEFORE.search(norm, max(0, m.start() - 10), m.start())):
        return -1, False
    if fiscal_of(year, fiscal, month) < as_of and tail not in ("までに", "まで"):
        # an earlier year's figure is where things stood when the cell says so (「:」, 「末・」) or when the item goes
        # on to a later year (「令和元年度:60%→令和5年度:90%」); else it is a target that has come due
        later = any(d[0] > m.end() and d[0] < ib and d[2][0] > year for d in dates)
        if fld == "overview" or later or _BASELINE.match(norm, m.end()):
            return -1, False
    return year, fiscal


# ------------------------------------------------------------------------------------------------ tables

DEFAULT_YEAR = 2021  # the bundled 重点計画 (2021); other tables read their own (table_year)


def table_year(cards: Sequence[PolicyCard]) -> int:
    """The table's own (fiscal) year: the one its cards name most often (the plan speaks of its year's work), or
    the bundled table's year when no card names one."""
    counts: Counter = Counter()
    for c in cards:
        for fld in FIELDS:
            norm, _ = _normalized(getattr(c, fld) or "")
            for m in _DATE.finditer(norm):
                y, fiscal = _year_of(m)
                counts[y] += 1
    return counts.most_common(1)[0][0] if counts else DEFAULT_YEAR


def roadmap_of(card: PolicyCard, as_of: int | None = None) -> Roadmap:
    """A card's milestones and KPI targets."""
    return Roadmap(tuple(milestones_of(card, as_of)), tuple(targets_of(card, as_of)))


def roadmaps(cards: Iterable[PolicyCard], as_of: int | None = None) -> list[Roadmap]:
    cards = list(cards)
    year = as_of if as_of is not None else table_year(cards)
    return [roadmap_of(c, year) for c in cards]


def latest_target(items: Iterable[tuple[PolicyCard, Roadmap]]) -> list[tuple[PolicyCard, Target]]:
    """The KPI targets due latest (「KPIの目標年度が一番遅いのは？」): every card's target of the latest year."""
    dated = [(c, t) for c, r in items for t in r.targets if t.year is not None]
    if not dated:
        return []
    last = max(t.year or 0 for _, t in dated)
    return [(c, t) for c, t in dated if t.year == last]


def card_milestone(card: PolicyCard, question: str = "", as_of: int | None = None) -> Milestone | None:
    """The milestone that answers 「それはいつまで？」/「いつ稼働？」 for a card: for いつまで a deadline, for いつから /
    稼働 / 開始 one where something starts, of the year the question names if it names one; among those the latest
    planned one (a KPI's before the overview's), else the latest of all."""
    ms = milestones_of(card, as_of)
    if not ms:
        return None
    q = unicodedata.normalize("NFKC", question or "")
    years = {_year_of(m)[0] for m in _DATE.finditer(q)}
    if years and any(m.year in years for m in ms):  # 「2025年度が期限の…」: the milestone of that year
        ms = [m for m in ms if m.year in years]
    def wanted(m: Milestone) -> int:  # how well a milestone fits what is asked (higher first)
        if re.search(r"まで|期限|締め?切|完了|いつ終|目標", q):
            return int(m.kind in ("deadline", "during"))
        if re.search(r"から|開始|始ま|稼働|スタート|運用", q):
            return 2 if m.launches else int(m.kind == "from")
        return 1
    return max(ms, key=lambda m: (wanted(m), m.status == "planned", m.sort_key, m.field != "overview"))


# ------------------------------------------------------------------------------------------------ stored

ROADMAP_VERSION = 11  # bump when what milestones_of / targets_of read changes: a stored table is then recomputed


def write_roadmaps(cards: Sequence[PolicyCard], path) -> None:
    """The table's roadmaps as JSON lines (a header with the version and the table's year, then one line per card
    in card order), written with an index so that filters and the 工程表 read no card text."""
    import json

    as_of = table_year(cards)
    with open(path, "w", encoding="utf-8") as f:
        f.write(json.dumps({"version": ROADMAP_VERSION, "as_of": as_of}) + "\n")
        for c in cards:
            f.write(json.dumps(roadmap_of(c, as_of).to_dict(), ensure_ascii=False) + "\n")


def read_roadmaps(data: bytes, n_cards: int) -> tuple[int, list[Roadmap]] | None:
    """(table year, roadmaps) from what write_roadmaps wrote, or None when it is of another version or damaged."""
    import json

    try:
        lines = data.decode("utf-8").splitlines()
        head = json.loads(lines[0])
        if head.get("version") != ROADMAP_VERSION or len(lines) != n_cards + 1:
            return None
        return int(head["as_of"]), [Roadmap.from_dict(json.loads(line)) for line in lines[1:]]
    except (ValueError, IndexError, KeyError, TypeError, UnicodeDecodeError):
        return None


_YEAR_TEXT = re.compile(r"^\s*(?:(?P<era>令和|平成|r|h)\s*(?P<n>\d{1,2}|元)|(?P<west>(?:19|20)\d{2}))\s*(?:年度?)?\s*$", re.I)


def parse_year(text) -> int:
    """A year as a user writes it (2025, 「2025年度」, 「令和7年度」, 「R7」, full-width digits) → 2025; ValueError
    naming the text otherwise."""
    m = _YEAR_TEXT.match(unicodedata.normalize("NFKC", str(text)))
    if not m:
        raise ValueError(f"{text!r}: expected a year such as 2025, 2025年度 or 令和7年度")
    if m.group("west"):
        return int(m.group("west"))
    era = {"r": "令和", "h": "平成"}.get(m.group("era").lower(), m.group("era"))
    return _ERAS[era] + (1 if m.group("n") == "元" else int(m.group("n")))


def card_json(card: PolicyCard, as_of: int | None = None) -> dict:
    """The card's JSON with its 工程表 (`"roadmap"`: milestones and KPI targets, `"kpi_status"`), as `seisaku cards
    --json` exports it; `as_of` is the table's year (table_year)."""
    status = kpi_status(card)
    return {**card.to_dict(), "roadmap": {**roadmap_of(card, as_of).to_dict(),
                                          "kpi_status": {0: "unset", 1: "blank", 2: "set"}[status],
                                          "kpi_status_label": KPI_STATUS_LABELS[status]}}
