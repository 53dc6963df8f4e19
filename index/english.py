"""English questions: how to tell one, and the chat's own words (its sentences, headings, labels) said in English.

An English question gets an English answer around the table's Japanese: the cards, their names, KPIs and passages stay
as the table writes them, with their 施策番号; what the chat writes itself (「主担当」, 「該当する施策 N 件」, "not found",
the notes on how a follow-up was read) is said in English. The English names of the ministries are read with the
Japanese ones, in one place (retrieve.ministries.MINISTRY_NAMES_EN). Japanese questions are answered as before: the
framing is translated after the answer is written, from the Japanese the chat writes, so both share one answer path.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import replace
from typing import Any, Callable

__all__ = ["is_english", "asks_in_english", "framed", "label", "reason", "translate", "LEVELS_EN", "FIELD_LABELS_EN"]

_HIRAGANA = re.compile(r"[\u3041-\u309f]")
# a Japanese term quoted in an English sentence: "the Cabinet Secretariat (内閣官房)", "the 異能 (Innovation) program"
_QUOTED = re.compile(r"[(（][^)）]*[)）]|「[^」]*」|『[^』]*』|\"[^\"]*\"")
_WORD = re.compile(r"[A-Za-z][A-Za-z']+")
_ACRONYM = re.compile(r"[A-Z0-9]+s?")  # KPI, KPIs, MIC, CYDER: said the same in both languages
_CJK = re.compile(r"[\u30a0-\u30ff\u3400-\u9fff]")


def is_english(question: str) -> bool | None:
    """True for a question asked in English, False for one asked in Japanese, None when it says neither ("KPI?",
    "04-03", 「CYDER」): the language of the conversation then decides. Japanese always writes its particles in
    hiragana; an English sentence quoting a Japanese name does not."""
    q = unicodedata.normalize("NFKC", question or "")
    outside = _QUOTED.sub(" ", q)
    if _HIRAGANA.search(outside):
        return False
    words = [w for w in _WORD.findall(outside) if not _ACRONYM.fullmatch(w)]
    # 「Society 5.0対応」 is a Japanese phrase with one English word in it; "Overview?" and "lead ministry?" are English
    if len(words) >= 2 or (words and not _CJK.search(outside)):
        return True
    return False if _CJK.search(outside) else None


def asks_in_english(question: str, previous: Callable[[], list[str]] = list) -> bool:
    """The question is to be answered in English: it is English, or it says neither and the last question that did
    was English (「KPIs?」 after "Who leads it?")."""
    said = is_english(question)
    if said is None:
        said = next((s for s in map(is_english, reversed(previous())) if s is not None), False)
    return said


# ---------------------------------------------------------------------------------------------- the chat's words

FIELD_LABELS_EN = {"施策番号": "measure number", "予算": "budget", "KPI(進捗)": "KPI (progress)",
                   "KPI(効果)": "KPI (outcome)", "KPI": "KPIs", "担当府省庁": "ministries involved",
                   "課題・取組概要": "overview", "時期": "timing", "該当する条・手引": "articles and guides marked",
                   "出典": "source", "施策名": "name", "主担当": "lead ministry", "該当理由": "why listed",
                   "担当府省庁（◎ 主担当）": "ministries involved (◎ lead)"}
LEVELS_EN = {"高": "high", "中": "medium", "低": "low"}
_LABELS = (  # the longest first: 「KPI(進捗)」 before 「KPI」
    "該当する条・手引", "課題・取組概要", "担当府省庁", "主担当", "KPI(進捗)", "KPI(効果)", "施策番号", "施策名", "KPI", "予算", "時期", "出典")
_LABEL = "(" + "|".join(re.escape(x) for x in _LABELS) + ")"
_IDS = r"([^）]*)"  # the 施策番号 a note lists inside （…）
_Q = r"「([^」]*)」"  # the words of the question a note quotes
_RUN = r"(\S+(?:, \S+)*)"  # 施策番号 in a row: 03-02, 03-03


def _field(m: re.Match, group: int = 1) -> str:
    return FIELD_LABELS_EN.get(m.group(group), m.group(group))


def _labels(text: str) -> str:
    """「KPIと時期」 (the fields of a table, joined with と) in English."""
    return " and ".join(FIELD_LABELS_EN.get(x, x) for x in text.split("と"))


# (pattern, English): the sentences the chat writes (index.assist, index.conversation), in the order they are tried;
# each is a template of the chat's own, so a card's text (quoted in 「」 or after the 施策番号) is never rewritten
_SENTENCES: tuple[tuple[re.Pattern, Any], ...] = tuple((re.compile(p), r) for p, r in (
    # --- answers
    (r"確実に当たるとは言えませんが（確度 低）、いちばん近い施策として ",
     "I can't be sure this answers it (confidence low); the nearest measure: "),
    (r"確実に当たるとは言えませんが（確度 低）、いちばん近いのは (.*)です。",
     r"I can't be sure this answers it (confidence low); the nearest measure is \1."),
    (r"^(\[\d+-\d+\] .*)が当たります。", r"\1 answers this."),
    (r"^該当する施策は (\d+) 件です: ", r"\1 measures match: "),
    (r"^(.+?)が関係府省庁に入っていて主担当ではない施策は (\d+) 件です: ",
     r"\2 measures involve \1, not as their lead (no ◎): "),
    (r"^(.+?)がいずれも担当府省庁に入っている施策は (\d+) 件です: ", r"\2 measures involve all of \1: "),
    (r"^(.+?)が担当府省庁に入っている施策は (\d+) 件です: ", r"\2 measures involve \1: "),
    (r"^(\d+) 件の施策の(.+?)を表にしました。", lambda m: f"A table of the {_labels(m.group(2))} for the {m.group(1)} measures."),
    (r"^(\[\d+-\d+\] .*?) のKPI: KPI\(進捗\): ", r"\1 — KPI (progress): "),  # (the KPIs' field says both)
    (r"^(\[\d+-\d+\] .*?) の" + _LABEL + ": ", lambda m: f"{m.group(1)} — {_field(m, 2)}: "),
    (r" / " + _LABEL + ": ", lambda m: f" / {_field(m)}: "),
    (r"（ほかに該当する施策が (\d+) 件あります。下の一覧をご覧ください）", r" (\1 more measures match: see the list below)"),
    (r"^該当する施策は見つかりませんでした。", "No measure was found for this. "),
    (r"確かに当たる施策はありません（下の施策は参考です）。", "No measure answers it for certain (those below are for reference)."),
    (r" 近い施策（参考）: ", " Nearest measures (for reference): "),
    (r"この表には、この質問に答える施策がありません。", "No measure in this table answers this question."),
    (r"列が読み取れた印では、その条・手引の欄に印のある施策はありません。",
     "Among the marks whose column could be read, no measure has a mark in the article or guide columns asked."),
    (r"その年（と書き方）の日付が、聞かれた欄に書かれている施策はありません。",
     "No measure has a date of that year (written that way) in the cells asked."),
    (r"KPIの欄が空欄の施策（" + _IDS + r"）は、表に「未設定」と書かれていないため含めていません。空欄も含めるには"
     r"「KPIが未設定か空欄の施策」と聞いてください。",
     r"The measures whose KPI cells are blank (\1) are not counted: the table does not write 未設定 in them. To count "
     r"them too, ask for the measures whose KPI is 未設定 or blank."),
    (r"絞り込みの条件に合う施策がありません。", "No measure matches the filters."),
    (r"この表の府省庁名には (.+?) が出てきません。", r"\1 does not appear in this table's ministry column (府省庁名)."),
    (r"文字も数字もなく、検索する語がありません。", "There are no letters or digits to search for."),
    (r"表計算の数式で、検索する語がありません。", "It is a spreadsheet formula: there are no words to search for."),
    (r"URL だけで、検索する語がありません。", "It is only a URL: there are no words to search for."),
    (r"数字と記号だけで、検索する語がありません（施策番号は 04-03 の形で）。",
     "It is only digits and signs: there are no words to search for (a measure number is written like 04-03)."),
    (r"^施策集の表には予算・費用の欄がないため、(.+) の予算はこの表からはお答えできません。表にあるのは施策名、KPI\(進捗・効果\)、"
     r"課題・取組概要、担当府省庁、該当する条・手引です。",
     r"The table has no budget column (予算), so the budget of \1 cannot be answered from it. The table holds each "
     r"measure's name (施策名), KPIs (進捗 progress, 効果 outcome), overview (課題・取組概要), ministries involved "
     r"(担当府省庁) and the articles and guides it falls under (条・手引)."),
    (r" ただし、施策の記載に金額があります: ", " The measure's own text does state an amount, though: "),
    (r"^質問の内容を読み取れませんでした。.*", "I could not read the question. Ask about what a measure does, a ministry "
     "or a measure number (e.g. 04-03)."),
    (r"^どの施策の" + _LABEL + "についての質問か分かりませんでした。.*",
     lambda m: f"I could not tell which measure's {_field(m)} you mean. Ask with the measure's name, what it does or "
               f"its number (e.g. 04-03), as in \"What is the {_field(m)} of the telework measure?\""),
    # --- what a field's value says of itself
    (r"（施策集の表に予算・費用の欄はありません）", "(the table has no budget column)"),
    (r"時期を書いた文はこの施策にはありません。", "This measure has no sentence that gives a date."),
    (r"（◎は主担当）", " (◎ = lead)"),
    (r"（主担当の記載なし）", " (no lead marked)"),
    (r" 表の記載: ", "; as the table writes it: "),
    (r"（判定できる印なし）", "(no mark that can be read)"),
    (r"列の読み取れない印 ([◎○〇 ]+)（PDFの行のセル数が見出しと合わず、どの条・手引の列の印か表からは決められない）",
     r"marks \1 whose column the table does not let us place (the PDF row has more or fewer cells than the header)"),
    (r"^列の読み取れない印とは、.*", "Marks whose column cannot be placed: the 条・手引 cells hold a ◎ or ○, but the "
     "table's PDF text does not let us read which article or guide column it is in; the symbol is certain, so each "
     "measure's marks are shown."),
    (r"^(\[\d+-\d+\] .*) — source: (.+) (\d+) 行目", r"\1 — source: \2, line \3"),
    (r"（主担当: ([^（）]*)）", r" (lead: \1)"),
    (r"主担当の記載なし", "no lead marked"),
    (r"（空欄）", "blank (空欄)"),  # the table's word kept beside its English, as the column names are
    (r"(?<= )ほか (\d+) 件", r"and \1 more"),
    (r" 要点: ", " Key passage: "),
    (r" 記載: ", " The card says: "),
    (r"（記載の名称: ([^（）]*)）", r" (named in its text: \1)"),
    (r"(?<= )KPI\(進捗\): ", "KPI (progress): "),
    (r"(?<= )KPI\(効果\): ", "KPI (outcome): "),
    (r"^KPI\(進捗\): ", "KPI (progress): "),
    # --- notes: how a follow-up was read
    (r"「([^」]+)」を(\d{4})年度(?=、|として読んでいます)", r"“\1” as FY\2"),
    (r"「([^」]+)」を(\d{4})年(?=、|として読んでいます)", r"“\1” as \2"),
    (r"(?<=\d)、(?=“)", ", "),
    (r"^(“.+)として読んでいます（施策集は(\d{4})年度の計画なので、\d{4}年度を今年度としています）。",
     r"I read \1 (the table is the plan for FY\2, so its “this fiscal year” is FY\2)."),
    (_Q + r"は直前の回答の施策（" + _IDS + r"）として答えています。", r"I read “\1” as the measures just answered (\2)."),
    (r"直前の回答の施策（" + _IDS + r"）について答えています。", r"About the measures just answered (\1)."),
    (r"直前の回答では確かに当たる施策がなかったため、近い施策（参考）として示した " + _IDS + r" について答えています。",
     r"The last answer found no measure for certain; this is about the nearest one shown for reference (\1)."),
    (r"直前の質問と同じく" + _LABEL + "を答えています。", lambda m: f"Answering with the {_field(m)}, as the last question asked."),
    (_Q + r"は直前の一覧の (\d+) 番目（" + _IDS + r"）として答えています。", r"I read “\1” as item \2 of the last list (\3)."),
    (_Q + r"は直前の一覧の最初の (\d+) 件（" + _IDS + r"）として答えています。",
     r"I read “\1” as the first \2 of the last list (\3)."),
    (_Q + r"は最初の (\d+) 件の一覧（" + _IDS + r"）の (\d+) 番目（" + _IDS + r"）として答えています。",
     r"I read “\1” as item \4 of the earlier list of \2 (\3): \5."),
    (_Q + r"は最初の一覧の施策（" + _IDS + r"）として答えています。", r"I read “\1” as the first list (\2)."),
    (_Q + r"は最初の一覧のうち、直前に取り上げていない施策（" + _IDS + r"）として答えています。",
     r"I read “\1” as those of the first list not just discussed (\2)."),
    (_Q + r"は先に挙げた (\d+) 件の一覧（" + _IDS + r"）として答えています。",
     r"I read “\1” as the earlier list of \2 (\3)."),
    (_Q + r"は直前の一覧の 2 件のうち、まだ取り上げていない (\S+) として答えています。",
     r"I read “\1” as the one of the last two measures not discussed yet (\2)."),
    (_Q + r"は直前の一覧の (.+?) として答えています。", r"I read “\1” as \2 of the last list."),
    (r"直前の一覧（" + _IDS + r"）の次の施策はありません。", r"The last list (\1) has no next measure."),
    (r"直前の一覧（" + _IDS + r"）の前の施策はありません。", r"The last list (\1) has no measure before that."),
    (r"直前の回答で答えとして挙げた施策は (\d+) 件（" + _IDS + r"）だけなので、(\d+) 番目の施策はありません。",
     r"The last answer gave only \1 (\2), so there is no measure number \3 in it."),
    (r"直前の回答で答えとして挙げた施策は (\d+) 件（" + _IDS + r"）だけなので、最後から (\d+) 番目の施策はありません。",
     r"The last answer gave only \1 (\2), so there is no measure number \3 from the end in it."),
    (r"直前の一覧（" + _IDS + r"）のほかに、答えとして挙げた施策はありません。",
     r"No measure was given as an answer besides the last list (\1)."),
    (_Q + r"は直前の一覧のうち、まだ取り上げていない 1 件（" + _IDS + r"）として答えています。",
     r"I read “\1” as the one measure of the last list not discussed yet (\2)."),
    (_Q + r"は直前の一覧のうち、まだ取り上げていない (\d+) 件（" + _IDS + r"）として答えています。",
     r"I read “\1” as the \2 measures of the last list not discussed yet (\3)."),
    (_Q + r"は直前の一覧（" + _IDS + r"）を絞り込んで答えています。", r"I read “\1” as narrowing the last list (\2)."),
    (_Q + r": 直前の回答で答えとした施策は (\S+) の 1 件です。関連として下に示した施策は含めずに答えています。",
     r"“\1”: the last answer gave one measure, \2; the related ones shown below it are left out."),
    (r"直前の回答の施策（" + _IDS + r"）には当たらないため、新しい質問として答えています。",
     r"It is not about the measures just answered (\1), so I answered it as a new question."),
    (r"直前の回答の施策（" + _IDS + r"）の中には、当たる施策はありませんでした。",
     r"None of the measures just answered (\1) fits."),
    (r"直前の回答の施策（" + _IDS + r"）を互いに比べて、当てはまるものを挙げています。",
     r"The measures just answered (\1), compared with each other: those that fit."),
    (r"直前の回答の施策（" + _IDS + r"）の担当府省庁で答えています。",
     r"Answered with the ministries of the measures just answered (\1)."),
    (r"直前の質問と同じ条件で、府省庁を替えて" + _Q + "として答えています。",
     r"The last question again, with the ministry changed to “\1”."),
    (r"直前の施策（" + _IDS + r"）のうち、KPI\(進捗\)かKPI\(効果\)が設定されている施策は 0 件です（いずれも未設定か空欄です）。",
     r"None of the measures just answered (\1) has a KPI set: each KPI cell is unset or blank."),
    (r"直前の施策（" + _IDS + r"）のうち、KPI\(進捗\)かKPI\(効果\)が設定されている施策は (\d+) 件です。",
     r"Of the measures just answered (\1), \2 have a KPI (progress or outcome) set."),
    (r"直前の一覧（" + _IDS + r"）のうち、主担当（◎）が (\d+) 府省庁の施策は (\d+) 件です。",
     r"Of the last list (\1), \3 have \2 lead ministries (◎)."),
    (r"直前の一覧（" + _IDS + r"）のうち、(\S+?)のすべてが主担当（◎）の施策は (\d+) 件です。",
     r"Of the last list (\1), \2 all lead (◎) \3."),
    (r"直前の一覧（" + _IDS + r"）のうち、(\S+?)が主担当（◎）の施策は (\d+) 件です。",
     r"Of the last list (\1), \2 leads (◎) \3."),
    (r"直前の一覧（" + _IDS + r"）のうち、(\S+?)が関係府省庁として入っていて主担当（◎）ではない施策は (\d+) 件です。",
     r"Of the last list (\1), \2 takes part in \3 without leading them (no ◎)."),
    (_Q + r"は直前の一覧のうち " + _RUN + r" 以外の " + _RUN + r" として答えています。", r"I read “\1” as \3 of the last list (not \2)."),
    (_Q + r"は、直前の一覧に当たる施策がないため、施策名に「([^」]*)」の語を含む " + _RUN + r" として答えています。",
     r"No measure of the last list fits “\1”, so I answered with \3, whose name holds “\2”."),
    (r"直前の施策（" + _IDS + r"）のうち、府省庁名に挙がる府省庁が最も(少ない|多い)のは " + _RUN + r"（(\d+) 府省庁）です。",
     lambda m: f"Of the measures just answered ({m.group(1)}), {m.group(3)} names the "
               f"{'fewest' if m.group(2) == '少ない' else 'most'} ministries ({m.group(4)})."),
    (r"直前の施策（" + _IDS + r"）のうち、時期が最も(遅い|早い)のは (\S+)（([^）]*)）です。",
     lambda m: f"Of the measures just answered ({m.group(1)}), {m.group(3)} has the "
               f"{'latest' if m.group(2) == '遅い' else 'earliest'} date ({m.group(4)}). "),
    (_RUN + r" には時期を書いた記載がありません。", r"\1 gives no date."),
    (_Q + r"は直前の施策のうち、(\S+?)が主担当（◎）の " + _RUN + r" として答えています。",
     r"I read “\1” as those just answered that \2 leads (◎): \3."),
    (r"一覧のすぐ下に関連として示した施策（" + _IDS + r"）も当たるため、含めて答えています。",
     r"The related measures shown just below the list (\1) fit too, so they are included."),
    (r"主担当（◎）に(\S+?)が入っていない施策を挙げています。", r"Measures that \1 does not lead (◎)."),
    (r"担当府省庁に(\S+?)が入っていない施策を挙げています。", r"Measures that do not involve \1."),
    (r"直前の回答の施策（" + _IDS + r"）には当たるものがないため、関連として示した施策も含めて答えています。",
     r"None of the measures just answered (\1) fits, so the related ones shown are included."),
    (r"直前の回答の施策（" + _IDS + r"）には当たるものがないため、関連として示した施策から答えています。",
     r"None of the measures just answered (\1) fits, so I answered from the related ones shown."),
    (r"先に尋ねた施策（" + _IDS + r"）を除いて答えています。", r"The measures asked about before (\1) are set apart."),
    (r"「(.+?)」を記載に含む施策のうち、まだ挙げていないものです。",
     lambda m: "Measures not given yet whose text holds " + ", ".join(f"“{x}”" for x in m.group(1).split("」「")) + "."),
    (r"「(.+?)」を記載に含む施策を挙げています。",
     lambda m: "Measures whose text holds " + ", ".join(f"“{x}”" for x in m.group(1).split("」「")) + "."),
    (_Q + r"は、直前の一覧のうち直前に答えた施策以外の " + _RUN + r" として答えています。",
     r"I read “\1” as \2, the measure of the last list not just answered."),
    (_RUN + r" に似た施策として、重複・類似の度合いが高い (\d+) 件を挙げています。",
     r"The \2 measures that overlap most with \1."),
    (r"「([^」]*)のほう」は直前に関連として示した施策のうち、(\S+?)が主担当（◎）の " + _RUN + r" として答えています。",
     r"I read “\1” as the related measures shown that \2 leads (◎): \3."),
    (r"「([^」]*)のほう」は直前に関連として示した (\S+) として答えています。",
     r"I read “\1” as \2, shown as related below the last answer."),
    (r"すでに挙げた施策（" + _IDS + r"）のほかに当たる施策はありません。", r"No other measure fits besides those given (\1)."),
    (_Q + r"に当たる施策（" + _IDS + r"）を除いて答えています。", r"Answered without the measures that are “\1” (\2)."),
    (_Q + r"は (\S+) の主担当（" + _IDS + r"）として答えています。", r"I read “\1” as the lead of \2 (\3)."),
    (r"^(.+?): この表の府省庁名には出てきません。", r"\1: not in this table's ministry column (府省庁名)."),
    (r"「(.+?)」を別々に検索し、まとめて答えています。",
     lambda m: "Searched " + " and ".join(f"“{x}”" for x in m.group(1).split("」と「")) + " one by one, answered together."),
    (r"質問の数値を記載に含む施策（" + _IDS + r"）を答えとしています。", r"Answered with the measures whose text holds the "
     r"question's figure (\1)."),
    # the yes or no of 「残りのは全部経産省？」 (assist._ministry_verdict)
    (r"はい。(\d+) 件とも(\S+?)が主担当（◎）です。", r"Yes: \2 leads all \1 (◎). "),
    (r"はい。(\S+?)が主担当（◎）です。", r"Yes: \1 leads it (◎). "),
    (r"(\S+?)は関係府省庁で、主担当（◎）は(\S+?)です。", r"\1 takes part but does not lead it; the lead (◎) is \2. "),
    (r"いいえ。(\S+?)は府省庁名にありません（主担当（◎）は(\S+?)）。", r"No: \1 is not among its ministries (the lead, ◎, is \2). "),
    (r"(\S+?)は (\d+) 件すべてに関わっていますが、主担当（◎）は (\d+) 件です。",
     r"\1 takes part in all \2, but leads (◎) \3 of them. "),
    (r"いいえ。(\S+?)が関わっているのは (\d+) 件のうち (\d+) 件（うち主担当（◎） (\d+) 件）です。",
     r"No: \1 takes part in \3 of the \2 (leads, ◎, \4). "),
    (r"(\d+-\d+) は主担当(?:です)?", r"lead of \1"),
    (r"(\d+-\d+) は関係府省庁(?:です)?", r"involved in \1, not its lead"),
    (r"^(\d+-\d+) の担当府省庁: ", r"ministries of \1: "),
    (r"(\d+-\d+) には記載なし", r"not named in \1"),
    # a list restricted by its marks (assist._by_marks)
    (r"一覧（" + _IDS + r"）のうち、(\S+?)に([◎○])が付いている施策は (\d+) 件です。",
     r"Of the list (\1), \4 measures have \3 in \2."),
    (r"一覧（" + _IDS + r"）のうち、(\S+?)に印が付いている施策は (\d+) 件です。",
     r"Of the list (\1), \3 measures have a mark in \2."),
    (r"一覧（" + _IDS + r"）のうち、条・手引の印で選んだ施策は (\d+) 件です。",
     r"Of the list (\1), \2 measures are chosen by their article and guide marks."),
    # the cards whose marks the table does not place, beside an answer about the marks (results.undecided_marks_note)
    (r"ほかに (\d+) 件は印の列が表から読み取れず、含まれるかは不明です: (" + _IDS + r")。",
     r"\1 more measures have marks whose column the table does not let us place, so whether they belong here is "
     r"unknown: \2."),
    (r"列の読み取れない印がある (\d+) 件は、表の行を左右どちらから読んでも(\S+?)の列の印にはならないため含めていません。",
     r"The \1 measures with marks whose column cannot be placed are not counted: however their row is read, none of "
     r"those marks stands in \2."),
    (r"このうち (\d+) 件は、印はありますがどの列の印か表から読み取れません: (" + _IDS + r")。",
     r"\1 of them have marks whose column the table does not let us place: \2."),
    # the placed marks asked (results.undecided_marks_note) and a chapter denied among a list (assist, その中)
    (r"列の読み取れない印しかない (\d+) 件は、どの条・手引の列の印か表からは決められないため含めていません: (" + _IDS + r")。",
     r"The \1 measures with only marks whose column the table does not let us place are not counted: \2."),
    (r"直前の施策（" + _IDS + r"）のうち、第(\d+)章以外の (\d+) 件です。",
     r"Of the measures just answered (\1), outside chapter \2: \3."),
    (r"(\d+-\d+) の府省庁名には(\S+?)はありません", r"not among the ministries of \1"),
    # the Japanese commas and full stop left between English words ("lead of 04-03、not among …。")
    (r"(?<=[a-z0-9)])、(?=[a-z])", ", "),
    # 「11条3項◎、12条◎」: the marks a card carries, listed as the table writes each one, joined as English joins a list
    (r"(?<=[◎○〇])、(?=\S)", ", "),
    (r"(?<=[a-z0-9)])。$", "."),
))


_BETWEEN_IDS = re.compile(r"(?<=\d)、(?=\d{2}-)|(?<=\d) ほか(?=[）)])")


def translate(text: str) -> str:
    """The chat's Japanese framing in `text` said in English (card text, quoted in 「」, left as written)."""
    text = _BETWEEN_IDS.sub(lambda m: ", " if m.group(0) == "、" else " …", text)  # 03-03、03-04 → 03-03, 03-04
    for pattern, english in _SENTENCES:
        text = pattern.sub(english, text)
    return text


_REASON_LABELS = ((re.compile(r"^府省庁名: "), "ministries (府省庁名): "),
                  (re.compile(r"^府省庁名（(\d+)府省庁）: "), r"ministries (府省庁名, \1 bodies): "),
                  (re.compile(r"^KPI\(進捗\)(?=[:「])"), "KPI (progress)"),
                  (re.compile(r"^KPI\(効果\)(?=[:「])"), "KPI (outcome)"), (re.compile(r"^条・手引: 印なし$"), "articles and guides: no mark"),
                  (re.compile(r"^条・手引: "), "articles and guides (条・手引): "),
                  (re.compile(r"^印（列は未確定）: "), "marks whose column is not resolved: "),
                  (re.compile(r"^列の読み取れない印: "), "marks whose column the table does not let us place: "),
                  (re.compile(r"^課題・取組概要(?=「)"), "overview "), (re.compile(r"^施策名(?=「)"), "name "),
                  (re.compile(r"^(?=.*: )(.*)（空欄）$"), r"\1blank (空欄)"),
                  # a long 府省庁名 cut short: the ministry asked about, named past the cut
                  (re.compile(r"（([^（）]+) を含む）$"), r" (\1 among them)"))


def reason(text: str) -> str:
    """A card's reason for being in a set its cells make (retrieve.results.cell_reason), its labels in English."""
    parts = text.split(" / ")
    for pattern, english in _REASON_LABELS:
        parts = [pattern.sub(english, p) for p in parts]
    return " / ".join(parts)


_HEADINGS = {"いちばん近い施策（確かな答えではありません）:": "Nearest measure (not a sure answer):"}


def heading(japanese: str) -> str:
    """Answer.heading in English: 「該当する施策 3 件:」 → "Matching measures: 3"."""
    m = re.fullmatch(r"該当する施策 (\d+) 件:", japanese)
    return f"Matching measures ({m.group(1)}):" if m else _HEADINGS.get(japanese, japanese)


def framed(answer):
    """The answer with the chat's own words in English (Answer.english set): direct answer, notes, table header."""
    table = [[FIELD_LABELS_EN.get(h, h) for h in answer.table[0]], *answer.table[1:]] if answer.table else []
    table = [[translate(v) if v == "（空欄）" else v for v in row] for row in table]
    return replace(answer, direct=translate(answer.direct), notes=[translate(n) for n in answer.notes], table=table,
                   english=True)


# the labels the web page and the CLI write around an answer (app.ui, index.assist.answer_text)
_PAGE = {"lead": ("主担当", "lead"), "ministries": ("府省庁", "ministries"), "source": ("出典", "source"),
         "reason": ("理由", "why"), "confidence": ("確からしさ", "confidence"), "count": ("該当 {n} 件", "{n} matching"),
         "nearest": ("いちばん近い施策（確かではありません）", "nearest measure (not a sure answer)"),
         "related": ("関連する施策（答えとしては確かでないもの）:", "Related measures (not sure answers):"),
         "related_page": ("―― ここから下は関連する施策（質問の答えとしては確かでないもの）――",
                          "―― below: related measures (not sure answers to the question) ――"),
         "respelled": ("「{q}」として検索しました。", "Searched as 「{q}」.")}


def label(key: str, english: bool, **values: Any) -> str:
    """A label the page or the CLI writes around an answer, in the answer's language."""
    return _PAGE[key][1 if english else 0].format(**values)
