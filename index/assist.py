"""The assistant on top of search: a conversation carried as plain data, answers written from the cards' own fields.

A follow-up such as 「その中で総務省が担当しているのは？」 or 「それの担当府省庁は？」 is resolved against the cards the
previous turn showed; a question about a field (KPI, 担当府省庁, 概要, いつ …) is answered with that field, a list of
fields as a table. The short direct answer is extractive: card names, lead ministries and the card's own sentences.
Everything here is data in, data out, so that the web app, the API and the tests share it.
"""

from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import dataclass, field, replace
from typing import Any, Callable, Iterable, Literal, Sequence

from .conversation import (MAX_QUESTION_CHARS, QUANTITY, SAME_MINISTRY, Conversation, FollowUp, Turn, cells_set,
                           content_words, context, dated_list, follow_up, has_own_topic, picked_before, place_named,
                           quantity_counter, topic_switch, which_ids)
from .corpus import BUNDLED_CHAPTERS as _BUNDLED_CHAPTERS, GUIDE_COLUMNS, PolicyCard, chapter_titles
from . import english as en
from . import own_names
from .roadmap import (KPI_STATUS_LABELS, KpiStatus, Milestone, card_milestone, figure_value, kpi_cell, kpi_status,
                      milestones_of)
from .retrieve import Evidence, Filters, Hit, Retriever, SearchResult, confidence_label
from .retrieve.ministries import MINISTRY_NAMES_EN, NAMES_WITHOUT_TABLE, find_names
from .retrieve.results import cell_reason, cell_rules, kpi_targets
from .retrieve.dated import dated_ask, reads_dated_cell, relative_year_note
from .retrieve.glossary import english_detail_terms, table_terms, terms_for, topic_kin
from .retrieve.glossary import entries as glossary_entries
from .retrieve.understand import (ALL_OF_A_NOUN, NO_OTHER_BODY, chapter_by_id, past_greetings, ARTICLE_PATTERN, COLUMN_OTHER, GUIDE_PATTERN,
                                  KPI_SET_PATTERN, KPI_UNSET_PATTERN, KPI_UNSET_WORDS, LEAD_WORDS,
                                  LIST_PATTERN, UNRESTRICTED, MARKS_CIRCLE_PATTERN, MARKS_NONE_PATTERN, NOT_LEAD_PATTERN, SOLE_PATTERN, asks_list,
                                  has_topic, mentioned_words, mention_cells, ROLE_CONCEDED, LEAD_ALONE_PATTERN, LEAD_ANY_PATTERN,
                                  LEAD_COUNT_PATTERN, lead_count, says_lead)
from .text import (FORMULA, NO_TEXT, ONLY_DIGITS, ONLY_URL, analyzer, char_ngrams, fold_kana, hiragana_reading, is_spaced_kana,
                   normalize, sentence_spans, token_spans, written_kana_words, written_spaced_kana)

__all__ = ["Turn", "Conversation", "FieldAsk", "Answer", "ask", "field_asked", "measure_asked", "search_question",
           "search_questions", "answer_text", "answer_cards",
           "confidence_of", "chapter_titles", "card_rows", "kpi_status_label", "is_junk", "MAX_QUESTION_CHARS",
           "MAX_SEARCH_CHARS", "FIELD_LABELS"]

MAX_SEARCH_CHARS = 2000  # what is searched: the model reads 512 tokens, BM25 gains nothing from more


# ------------------------------------------------------------------------------------------------ fields

FIELD_LABELS = {"id": "施策番号", "budget": "予算", "kpi": "KPI", "kpi_progress": "KPI(進捗)", "kpi_effect": "KPI(効果)", "ministries": "担当府省庁",
                "overview": "課題・取組概要", "when": "時期", "marks": "該当する条・手引", "source": "出典", "name": "施策名"}

# "Who can apply?", "Is it open to anyone / who is eligible?": who may take part (the overview field asks it; so does
# detail_sentence's _ASKS_WHO_MAY, with "who can use")
_WHO_MAY_EN = r"\bwho (?:can|may|could|is allowed to) (?:apply|join|enter|participate|take part|sign up|register)\b|\beligib(?:le|ility)\b"

# Order matters: the first pattern that matches names the field; its words are removed before searching.
_FIELD_PATTERNS = (
    # a field the table does not have: said so, rather than answered with another field or searched as a topic
    # 「上限額は？」, 「補助額」: an amount, whatever it is of
    # (「目標値はいくら？」 asks the KPI's value, not money)
    ("budget", re.compile(r"予算|費用|金額|(?<=[一-龥])額|^額|(?<!値は)(?<!標は)(?<!値って)(?<!標って)(?<!値が)(?<!標が)いくら|"
                          r"お金|コスト|財源|事業費|\bbudget\b|\bcosts?\b|"
                          # "how much farmland consolidation is targeted?": an amount a KPI aims at, not money
                          r"how much(?![^?.]*\b(?:target(?:s|ed)?|aim(?:s|ed)?|goals?)\b)",
                          re.I)),
    # before the KPIs: 「目標はいつまで？」 asks when, not for the targets
    # 「利用開始はいつ？」, 「整備時期は？」, 「いつ完成？」: when it comes about, said with the step that comes about
    ("when", re.compile(r"(?:整備|構築|完成|実装|(?:利用|運用|提供|供用|サービス|受付)?開始)(?:の)?(?:予定|時期|見込み)|"
                        r"(?:整備|構築|完成|実装|(?:利用|運用|提供|供用|サービス|受付)開始)(?:は|って|が)?\s*いつ(?:から|ごろ|頃)?|"
                        r"いつ(?:まで|から|頃|ごろ)?(?:に)?(?:完成|整備|実装|開始)|"
                        # 「API連携 検討開始は」, 「運用開始って？」: the step's start or end asked by itself, a date
                        r"(?:開始|終了|完了|着手|始まり|終わり|スタート)\s*(?:は|って)\s*[?？]*\s*$|"
                        r"(?<![こそあど])いつ(?:から|まで|ごろ|頃)?|時期|スケジュール|何年度?|期限|目途|めど|工程|締め切り|"
                        r"(?:稼働|開始|運用|完了|実施|導入|完成|終了)(?:予定|時期|目標|見込み)|達成(?:予定|時期|見込み)|"
                        # 「目標年度は？」, 「ゴールの年は？」: the year a target is set for
                        r"(?:目標|ターゲット|ゴール)の?(?:年度|年|時期|期日)(?!数)|期間(?=\s*(?:は|って|[?？]|$))|"
                        r"\bwhen\b|\bschedule\b|\bdeadline\b|\bmilestones?\b|\bby what year\b|\btime\s?(?:line|frame|table)s?\b|"
                        # "What's the end date?", "the target year": a date named by what it dates
                        r"\b(?:end|target|due|completion|finish|start|launch|goal) (?:date|year)s?\b|"
                        r"\bhow long\b|(?:年度|年|月|期間)(?:中|内|末)(?:に|まで)?(?:は)?\s*(?:終わ|完了|達成|実現|でき|間に合)", re.I)),
    ("kpi_effect", re.compile(r"効果\s*(?:の)?\s*(?:kpi|指標)|kpi\s*[(（]?\s*効果\s*[)）]?|アウトカム(?:指標)?|"
                              r"effect kpi|outcome kpi", re.I)),
    ("kpi_progress", re.compile(r"進捗\s*(?:の)?\s*(?:kpi|指標)|kpi\s*[(（]?\s*進捗\s*[)）]?|progress kpi|"
                                r"^(?:で|じゃあ|それで)?、?\s*進捗(?:状況)?(?:は|って)|進み具合|どこまで進ん|\bprogress\b|"
                                r"\bhow far (?:along|(?:has|have|is|are) (?:it|they|this|that) (?:got|gotten|come|progressed))\b",
                                re.I)),
    # "How many people is it supposed to train?": a number it aims at (not "how many measures …", a count of cards)
    # 「何人めざしてるの」, 「何団体を目指す？」: the number a KPI aims at, asked with its counter
    ("kpi", re.compile(r"kpi|指標|目標|(?:何|なん)\s*(?:万|千|百)?\s*(?:人|件|校|社|団体|機関|市町村|自治体|都道府県|か所|カ所|"
                       r"ヶ所|箇所|%|％|割)\s*(?:を|が|も|くらい|ぐらい|ほど|程度)?\s*(?:目指|めざ|目標)|"
                       r"\bhow many (?!(?:of )?(?:the )?(?:measures?|polic(?:y|ies)|programs?|initiatives?|"
                       r"ministries|agencies|cards?|items?)\b)|^(?:今|いま|現在|現状)?(?:は)?(?:どのくらい|どれくらい|どのぐらい|どれぐらい)"
                       r"(?:進んで(?:る|いる|います)|達成(?:して(?:る|いる))?)?|\btarget(?:s|ed)?\b(?!\s+at\b)|\bgoals?\b|\bmeasured\b|"
                       # 「基準値は？」, "the baseline": the value a KPI starts from, written in its cell (「(令和元年度:8.2%)」);
                       # "What are they measuring?": what the KPI measures
                       r"基準値|ベースライン|現状値|\bbaselines?\b|\bmeasuring\b|"
                       # "What does the fourth one measure?", "how is it judged?", 「何で測るの」: what a measure is
                       # judged by, its KPIs (not "what does it do", its overview)
                       r"\bwhat (?:does|do|will|would|should) (?:it|that|this|they|the(?:\s+\w+){0,2})\s+(?:measure|track|gauge|"
                       r"monitor|count)\b|\bhow (?:is|are|will|would) (?:it|that|this|they|the(?:\s+\w+){0,2})\s+(?:be )?(?:measured|"
                       r"judged|evaluated|assessed|tracked)\b|(?:何|なに)\s*(?:で|を|によって)\s*(?:測|計|量|評価|はか)(?:って|っと|る|り|れ|ろ)|"
                       r"(?:何|なに)\s*(?:で|によって)\s*図(?:って|っと|る|り|れ|ろ)|"
                       # 「現状の数字も載っていますか」, 「今の数値は？」: the value the KPI's cell starts from
                       r"(?:現状|現在|今|いま)の(?:数字|数値|値|水準|割合|比率|実績)(?:は|も|って)?\s*(?:載って|のって|書いて|かいて|出て|"
                       r"記載されて)?|"
                       # 「現状は？」 alone, "the starting level": where the KPI stands, the value its cell starts from
                       r"^(?:で|じゃあ|それで)?、?\s*現状(?:は|って)\s*(?:どう|どんな感じ)?\s*[?？]*\s*$|"
                       r"\b(?:starting|initial|current) (?:level|point|value|figure|rate)s?\b|"
                       r"\bindicators?\b|"
                       # 「倍率は？」, 「競争率って？」: the ratio of applicants asked by itself, a figure a KPI gives (not
                       # 「応募倍率の目標は？」, whose 応募 may tell which of several cards is meant)
                       r"(?<![一-龥ァ-ヶー])(?:倍率|競争率)(?=\s*(?:は|って|が|を|の(?:目標|数字|値)|どのくらい|どれくらい|何|[?？]|$))",
                       re.I)),
    # 「主担当以外の関係府省は」, 「メイン以外で関わってる省庁は？」: the ministries besides the lead, of the same card
    ("ministries", re.compile(r"(?:主担当|主管|メイン|中心)(?:の(?:府省庁|省庁|府省|省))?以外(?:の|で|に)?\s*(?:(?:関係|関連|関わ|かかわ|携わ)"
                              r"\S{0,4}?)?(?:府省庁|省庁|府省|官庁|省|ところ|とこ)(?:は|って)?|"
                              # 「それ以外に関係してる府省は？」: as 「ほかに関わってる府省」, the others of the same card
                              r"(?:それ|これ|あれ)以外(?:に|の|で)\s*(?:関係|関連|関わ|かかわ|携わ)\S{0,4}?(?:府省庁|省庁|府省|官庁|省)"
                              r"(?![省庁]|の(?:は|も|施策|やつ|もの))(?:は|って)?|責任者|共管|責任(?:官庁|省庁|府省|部署|部局|機関|官署)|(?:関わ|かかわ|関係し|携わ|参加し|協力し|連携し)\S{0,4}?(?:府省庁|省庁|府省|官庁|役所|省|ところ|とこ)|"
                              # 「各施策の府省庁を、主担当と関係に分けて整理して」, 「それぞれの府省庁を表で」, "split the
                              # ministries into the lead and the others": the field of each card, the noun asked for
                              r"(?:担当)?(?:府省庁|府省|省庁)(?:名)?(?:を|について)(?=\S{0,24}?(?:分け|整理|まとめ|示し|教え|一覧|表|並べ|列挙|挙げ|"
                              r"書き出|出して|見せ|区別))|"
                              r"\b(?:split|sort|break(?:ing)? down|separate|divide|group|list|show|give|lay out)\b[^.?!]{0,20}?"
                              r"\b(?:ministries|agencies|bodies)\b(?=[^.?!]{0,30}?\b(?:lead|leads|led|others|other|rest|partners?|"
                              r"involved|supporting)\b|\s*(?:(?:for|of) (?:each|every|all)\b|[.?!]|$))|"
                              # 「主担当がどのように表記されていますか」, 「府省庁名は何と書かれてる？」: the cell as the table
                              # writes it (its 表の記載 beside the names read from it)
                              r"(?:主担当|担当府省庁|府省庁名?|府省名|省庁名|所管)(?:の(?:欄|記載))?(?:が|は|って)?\s*"
                              r"(?:どのように|どう|何と|なんと)\s*(?:表記|記載|記述|書かれ|書いて|記され|なって)|"
                              # 「06-01の府省庁欄を正確に」, 「府省名の欄は？」: the cell named by the table's column
                              r"(?:府省庁|府省|省庁)名?の?欄(?!\s*(?:に|で|から|へ|が))(?:の(?:記載|中身|内容))?(?:は|を|って)?|"
                              # 「05-31に関係する省庁を全部」 (not 「関係する省庁が5つ以上の施策」: cards by the count, a search)
                              r"(?:関係|関連|参加|協力|連携)する\s*(?:府省庁|省庁|府省|官庁|役所)(?!\s*(?:が|は|の数が)\s*(?:\d|[一二三四五六七八九十]|"
                              r"複数|いくつ|ひとつ|ふた|みっ))|"
                              # 「03-11 に involved な省庁」: the English participle in a Japanese sentence, as 関わっている
                              r"\binvolved\s*(?:な|の|して(?:い)?る)?\s*(?:府省庁|省庁|府省|官庁|役所)|"
                              r"どこ(?:の(?:府省庁|省庁|省|役所))?が(?:(?:メイン|主|中心)(?:で|に|として)?)?(?:やっ(?:て|と|ちょ)|やる|進め|担当|所管|主担当|主管|担って|"
                              # 「ルールってどこが作ってる？」, 「どこが決めてるの」, 「どこが運営してる」: who does the work
                              # of the measure, said with the verb of that work (not 「どこが違う」, which part)
                              r"(?:作|つく)(?:っ(?:て|と)|る|り)|決め(?:て|る)|定め(?:て|る)|運営し|管理し|整備し|策定し|推進し|"
                              r"実施し|手が?け|手掛け|取り組ん|取りまとめ|とりまとめ|まとめ(?:て|る))|"
                              # 「◎はどこ？」, 「◎がついているのは？」: the mark the table gives the lead, asked by itself
                              r"◎\s*(?:(?:が|の)\s*(?:つ|付)(?:いて|けられて)(?:い)?る(?:の|ところ|とこ|省庁|府省庁|府省|省)?\s*(?:は|って)?|は|って)?"
                              r"\s*(?=どこ|誰|だれ|どれ|何|なに|[?？]|$)|"
                              r"(?:誰|だれ)が(?:(?:メイン|主|中心)(?:で|に|として)?)?(?:やっ(?:て|と|ちょ)|やる|担当|進め)|(?:誰|だれ|どこ|どちら(?:様|さま)?)の(?:ご|御)?(?:担当|所管|管轄|受け持ち)|何省|主管(?:省庁|府省)?(?:は|って)|所管(?:省庁|府省)(?:は|って)?|"
                              r"担当して(?:い)?る(?:の)?(?:は)?(?:どこ|誰|だれ|どの)|担当(?:府省庁|省庁)?を(?=教え|知り|見せ|表|一覧|比較|比べ|まとめ|全部|ぜんぶ|すべて|全て)|どこの(?:府省庁|省庁|府省|省|役所|官庁)|どの(?:府省庁|省庁|府省|省|役所|官庁)(?:が|の)?|"
                              r"\bwho (?:else )?is involved\b|\b(?:other )?(?:ministries|ministry|agencies) (?:is |are )?involved\b|"
                              r"担当(?:の)?(?:府省庁|省庁|府省|官庁)|(?:どこ|どの(?:府省庁|省庁|府省|省|官庁))が(?:担当|所管|主担当|主管)"
                              r"(?:して(?:いる|います))?|担当(?:は|って)(?:どこ|誰|だれ)?|担当\s*(?:どこ|誰|だれ)|所管(?:は|って)|府省庁(?:は|名)|"
                              # 「06-01の府省庁欄を正確に」, 「府省の列には何と」: the column named as a column of the table
                              r"(?:府省庁|省庁|府省)名?\s*の?\s*(?:欄|列|カラム)|\bministr(?:y|ies) column\b|"
                              r"主担当(?:は|って)|"
                              # 「SIP4D使った災害情報共有の所管」, 「所管どこ？」: the noun of who holds the measure, ending the
                              # question or asked with どこ, as 担当 is (not 「内閣府所管の施策」, a list of its cards)
                              r"(?<![省庁府房会])(?<![省庁府房会]が)(?:所管|主管|管轄)(?:省庁|府省庁?|官庁)?\s*(?:(?:は|って)?\s*"
                              r"(?:どこ|誰|だれ)|[?？]*$)|"
                              # 「文部科学省が主担当」, 「内閣府主担当」: the ministry said to lead, a list of its cards (not its field;
                              # a short name run on into it, 「うち総務主担当」, 「総務所管」, is read by _role_of_named)
                              r"(?<![省庁府房会])(?<![省庁府房会]主)(?<![省庁府房会]が)(?<![省庁府房会]が主)"
                              r"担当(?:省|庁)?\s*[?？]*$|(?:関係|関連)(?:府省庁|省庁|府省|官庁)(?:は|って|を|の一覧|\s*(?:全部|ぜんぶ|すべて|全て|一覧)|\s*[?？]*\s*$)|"
                              # 「03-11 の ministries は全部でどこ？」: the English word for the field, used as a noun of the sentence
                              r"\b(?:ministr(?:y|ies)|agenc(?:y|ies))\s*(?=は|って|を|が|も|の(?:一覧|リスト))|"
                              r"(?:府省庁|省庁|府省|官庁|役所)(?:は|って)\s*(?:どこ|どれ|何|なに)|"
                              r"(?:どこ|誰|だれ)が(?:旗(?:を)?(?:振|ふ)|音頭を?(?:取|と)|仕切|主導|リード|中心|主体|受け持|面倒(?:を)?(?:見|み))|"
                              # 「受け持ちは？」, 「実施主体は？」: who carries the measure, said with a noun
                              r"(?:受け持ち|受持ち|(?:実施|事業)?主体)(?:は|って)|中心(?:に|と)なって(?:い)?る(?:の)?(?:は|って)?\s*(?:どこ|誰|だれ)|"
                              r"(?:旗振り役|取り?まとめ役?|仕切り役|司令塔|まとめ役)(?:は|って)?\s*(?:どこ|誰|だれ)|"
                              r"\b(?:which|what) (?:ministry|ministries|agency|agencies)\b|\bwho (?:leads|runs|"
                              r"is in charge)\b|"
                              # "Who's the lead on …?", "lead agency for …?": the lead, said with the noun
                              r"\bwho(?:'s|’s| is| are) (?:the )?(?:lead|leads)\b|"
                              # "Whose job is it?", "Who else is on board?": who carries it, who takes part
                              r"\bwhose (?:job|responsibility|call|project|measure|program(?:me)?)\b|"
                              r"\bwho(?: else)?(?:'s|’s| is| are)? (?:also )?on board\b|"
                              # (not "is MOF the lead ministry on any of them?", "with METI as lead ministry": a role checked)
                              r"(?<!\bas )(?<!\bthe )\blead (?:ministry|ministries|agency|agencies)\b(?! (?:is|are) )|"
                              r"\b(?:what|which|who)(?:'s|’s| is| are) the lead (?:ministry|ministries|agency|agencies)\b|"
                              # "Which office handles it?", "Who's behind it?", "Who heads it?": who carries it, other words
                              r"\b(?:which|what) (?:government )?(?:offices?|departments?|bod(?:y|ies)|organi[sz]ations?|"
                              r"authorit(?:y|ies)) (?:handles?|runs?|leads?|heads?|oversees?|manages?|owns?|is (?:in charge|"
                              r"responsible|behind))\b|\bwho(?:'s| is| are) behind\b|\bwho (?:heads|oversees|owns|handles|manages|"
                              r"makes|drafts|writes|sets|decides|develops|creates|draws up)\b",
                              re.I)),
    # 「基本法のどの条に当たる？」: the law whose articles the mark columns are is part of the field's words, no topic
    # 「基本法の何条に該当しますか」, 「基本法だとどの条文？」, 「基本法では第何条に当てはまる？」: how the law is named and
    # how belonging to an article is said are the field's words too, no topic
    ("marks", re.compile(r"(?:(?:デジタル社会形成)?基本法\s*(?:の|で|では|だと|でいうと|で言うと|上の?)?\s*)?(?:第\s*)?(?:何|なん|どの)\s*条(?:文)?"
                         r"(?:\s*(?:に|が)?\s*(?:該当|当た|あた|当てはま|あてはま|相当)(?:る|り|って|する|します|して(?:い)?る)?)?|"
                         r"(?:(?:デジタル社会形成)?基本法\s*(?:の|で|では|だと|上の?)?\s*)?(?:条文|該当(?:する)?条)|手引|"
                         # 「基本法上の位置づけは？」: where the measure stands under the law, its articles
                         r"(?:デジタル社会形成)?基本法\s*(?:上|で|における|での)?\s*の?\s*(?:位置づけ|位置付け|扱い)|"
                         r"\b(?:which|what) articles?(?: of the (?:digital society )?(?:basic )?(?:act|law))?\b|"
                         # "What are the precise marks on the third?", "which marks does it carry exactly?": its marks
                         r"\b(?:which|what)(?: (?:exact|precise))? marks?\b|\b(?:exact|precise) marks?\b|"
                         r"\bmarks? (?:does|do) (?:it|this|that|they) (?:carry|have|bear)\b", re.I)),
    ("source", re.compile(r"出典|出所|何行目|行番号|\bsource\b", re.I)),
    # 「GIGAスクールの端末整備の施策番号を教えて」: the card's number (its words are not what is searched)
    # (not 「施策番号順で」, 「番号の若い順」: the order a list is given in, s40-min's order words)
    ("id", re.compile(r"施策番号(?!\s*(?:の若い|の小さい|の大きい)?\s*(?:順|じゅん))|"
                      r"(?:何|なん)番(?:の施策)?(?:か|です|でしょう|だっけ)|番号(?:は|を|って|が)|"
                      r"\b(?:measure|item|card|policy) (?:number|no\.?|id)\b", re.I)),
    # 「正式な施策名は？」, 「正しい名前」: the name, however it is qualified
    ("name", re.compile(r"(?:正式|正確|公式|正しい|ちゃんとした)?(?:な)?\s*(?:施策名|名称|名前|タイトル)(?=\s*(?:は|って|を|が|[?？]|$))|"
                        r"施策名|正式(?:な)?(?:名称|名前)|正式名称|名称|名前|\bfull name\b|\bofficial name\b|\btitle\b", re.I)),
    # 「どんな事業ですか」, 「どういう取り組みなの？」: what the measure is (「どんな施策がある？」 asks for a list: not here)
    ("overview", re.compile(r"概要|内容|詳細|詳しく|(?:どんな|どういう|どのような)\s*(?:施策|取組|取り組み|もの|事業|政策|制度|"
                            r"仕組み)(?=(?:なの|なん|です|でしょう|だ)?(?:か|の|ね|っけ)?\s*[?？]?\s*$)|"
                            r"具体的に(?:は|いうと|言うと)?(?=\s*(?:何|なに|どう|どんな|どういう|[?？]|$))|何をする|"
                            # 「国は何をしているの」, 「何しとるん」: what is being done (〜とる / 〜ちょる: 〜ている in western speech)
                            r"何する|(?:何|なに)\s*(?:を)?\s*(?:やっ(?:て|と|ちょ)|し(?:て|と|ちょ)(?:い)?(?:る|ます)|しよる)|何を?やる|なにを?やる|"
                            r"中身|どういう(?:施策|もの|こと)|ざっくり|要約|"
                            r"\btell me more\b|\bmore (?:details|about it)\b|誰向け|だれ向け|何のため|なんのため|なぜ|なんで|どうして|"
                            r"必要(?:なの|なん|性)|どんなこと|"
                            # 「根拠になる法律は？」: the law the measure rests on, said in its overview
                            r"根拠(?:と|に)?(?:なる|なって(?:い)?る|する|となって(?:い)?る)?\s*(?:の)?\s*(?:法律|法令|法)|法的根拠|"
                            r"(?:どの|何の|なんの)法律|\blegal basis\b|\b(?:which|what) laws?\b|"
                            # 「異能プログラムって何？」: what the measure named is (not 「何の施策？」, which asks which)
                            r"(?:って|とは)\s*(?:何|なに|なん)\s*(?:ですか|です|でしょうか|でしょう|なの|なんですか|なんです|なんでしょうか|だっけ|でしたっけ)?"
                            r"\s*[?？]?\s*$|"
                            r"(?:誰|だれ)が(?:受け|使え|使う|利用|対象|参加|申し込|申込|応募|申請|登録|得|恩恵|助か)|"
                            # 「応募資格は？」, 「参加条件は？」: who may take part, said in its overview
                            r"(?:応募|申請|参加|申込|申し込み|利用)(?:の)?(?:資格|条件|要件)|"
                            # "Who benefits?", "Who can use it?", "Who can apply?": whom the measure is for, in its overview
                            r"\bwho (?:benefits|gains|(?:will|would) benefit|can use(?:\s+(?:it|this|that))?|is eligible)\b|"
                            + _WHO_MAY_EN + "|"
                            r"(?:対象|目的|狙い|ねらい|課題|背景)(?:は|って)(?:何|なに|誰|だれ)?\s*[?？]?\s*$|\bwhy\b|\bpurpose\b|"
                            # "What will it let people do?", "What does it make possible?": what the measure enables
                            r"\bwhat (?:will|would|does|do|can)\s+(?:(?:it|they|this|that)\s+)?(?:let|allow|enable|make possible)\b|"
                            r"\bmake possible\b|\bwhat (?:can|will|could) (?:i|we|you|people|citizens|users|residents|"
                            r"municipalities|companies|businesses) do\b|"
                            r"\bwho is it for\b|\bsummar(?:y|ise|ize)\b|\bdescribe\b|\bwhat (?:is|does) (?:it|that)\b|\bdetails?\b|\boverview\b",
                            re.I)),
)
_WHOLE_FIELD = re.compile(r"\s*(?:を|は|も)?\s*(?:全部|ぜんぶ|すべて|全て|残らず|漏れなく|もれなく)")
# (「プログラミング教育って国は何してる？」: what the government does on a subject, each of its measures, as "What is the
# government doing about …" asks for every measure of it; the field's words taken out, 「国は」 is left before them)
_TABLE_WORDS = re.compile(r"一覧|表で|表に|それぞれ|各施策|全部|すべて|全て|まとめ|\ball\b|\beach\b|\blist\b|\btable\b|"
                          r"(?:国|政府)\s*(?:は|が|って|として|では)\s*(?:何|なに|どんなこと|どういうこと|\s|[?？]|$)", re.I)
# After a field's words are gone, these are left over from the way the question was asked.
_LEFTOVER = re.compile(r"(?:を|は|が|の|って)?\s*(?:教えて(?:ください|下さい)?|知りたい|見せて|出して|ください|下さい|"
                       r"ですか|でしょうか|ある|なに|何|どう|予定|なって(?:いる|ます)?|稼働)?\s*[?？。.!！]*\s*$")


# 「主担当と関係に分けて整理して」, 「◎とそれ以外に区別して」, "into the lead and the others": how the ministries asked
# for are laid out (the lead apart from the others, as the answer's ◎ shows them), no topic and no other measures
_LAID_OUT = re.compile(r"[、,]?\s*(?:主担当|◎|メイン|リード)\s*(?:と|・|、|や)\s*(?:関係|関連|それ以外|その他|ほか|他|関係府省庁|関係府省|関係省庁)"
                       r"(?:の(?:府省庁|府省|省庁))?\s*(?:に|で|を)?\s*(?:分けて|分けた|区別して|分類して|整理して|並べて)?\s*"
                       r"(?:整理|一覧|表|まとめ|示し|教え)?(?:に|で)?(?:して|て)?|"
                       r"\binto (?:the )?(?:lead|leads)(?: ministry| ministries)? and (?:the )?(?:others|rest|other (?:ministries|bodies|agencies)|"
                       r"partners|supporting (?:ones|ministries))\b", re.I)


# what follows the topic (「GIGAスクールって」) in a field question: how it is asked (「何年までに終わるの」), nothing more
# (「〜施策はどれですか」 keeps its どれ: it asks for a list)
_PREDICATE = re.compile(r"(?!.*(?:どれ|どの|どんな|ある|あり|いくつ))[\sぁ-ゖ何年度予定終始完了達成実施進稼働目指決]*")


@dataclass(frozen=True)
class FieldAsk:
    """The field a question asks about, the question without it, and whether a table (one row per card) is wanted."""

    field: str
    rest: str
    table: bool
    words: str
    also: tuple[str, ...] = ()  # 「KPIと期限を教えて」: the other fields asked with it (when)
    lead: bool = False  # (ministries) the lead asked, by the question the field was carried from (「主担当は？」)


def _carried(prev: FieldAsk, question: str, rest: str) -> FieldAsk:
    """The field `question` asked, for a follow-up that names only another topic (「教育のほうは？」): the field, its
    table, and for 「主担当は？」 the lead (asks_lead), as the question itself would have asked them."""
    return FieldAsk(prev.field, rest, prev.table, "", lead=prev.field == "ministries" and asks_lead(question))


# Field words typed in kana, unconverted (a phone, IME off): read as the table writes them. One list of the written
# field words; their hiragana readings are UniDic's (_kana_readings), with the few the dictionary cannot give
# (KPI read letter by letter). A question word goes with 省 (どこのしょう, なんしょう): a bare しょう is not 省.
_WRITTEN_FIELDS = ("効果指標", "進捗指標", "主担当", "担当", "進捗", "概要", "指標", "目標", "目標値", "現状値", "基準値", "現状",
                "予算", "費用", "お金", "期限", "何年度", "所管", "府省庁", "省庁", "効果", "何省", "どこの省", "どの省",
                "役所", "お役所", "官庁", "関係省庁", "関係府省庁", "関係府省")
_FIELD_READINGS_GIVEN = (("けーぴーあい", "KPI"), ("なにしょう", "何省"))
_KANA_FIELD_CACHE: list[tuple[re.Pattern, dict[str, str]]] = []


def _kana_readings() -> tuple[re.Pattern, dict[str, str]]:
    """The hiragana reading of each field word (UniDic's, folded to hiragana) → the word; and one pattern of them all,
    the longest first (こうかしひょう before こうか)."""
    if not _KANA_FIELD_CACHE:
        readings = dict(_FIELD_READINGS_GIVEN)
        for word in _WRITTEN_FIELDS:
            kana = hiragana_reading(word)
            if re.fullmatch(r"[ぁ-ゖー]{2,}", kana):
                readings.setdefault(kana, word)
        pattern = re.compile("|".join(sorted(readings, key=len, reverse=True)))
        _KANA_FIELD_CACHE.append((pattern, readings))
    return _KANA_FIELD_CACHE[0]


def _after_grammar(q: str) -> set[int]:
    """Offsets of `q` right after a particle, an auxiliary or a verb (MeCab's reading): where a word left in kana may
    start inside a hiragana run (かかわってる|しょうちょう), unlike after a prefix (ご|きげん)."""

    out, at = set(), 0
    for surface, f, _ in analyzer().nodes(q):
        i = q.find(surface, at)
        if i < 0:
            continue
        at = i + len(surface)
        if getattr(f, "pos1", "") in ("助詞", "助動詞", "動詞"):
            out.add(at)
    return out


def _kana_fields(q: str) -> str:
    if not re.search(r"[ぁ-ゖ]{2}", q):
        return q
    pattern, readings = _kana_readings()
    found = list(pattern.finditer(q))
    if not found:
        return q
    grammar: set[int] | None = None
    out, at = [], 0
    for m in found:  # a word of its own: at the start, after a non-kana or a particle, or after the grammar of a verb
        a = m.start()
        ok = a == 0 or not "ぁ" <= q[a - 1] <= "ゖ" or q[a - 1] in "のはをがもと"
        if not ok:
            grammar = _after_grammar(q) if grammar is None else grammar
            ok = a in grammar
        if ok:
            out.append(q[at:a] + readings[m.group(0)])
            at = m.end()
    return "".join(out) + q[at:]


# 「財務省の名前が入っている施策」, 「連携先として名前だけ載ってる」: a ministry named in 府省庁名, not the 施策名 asked
_NAME_LISTED = re.compile(r"名前(?:が|だけ|も|は)?\S{0,2}?(?:入って|載って|出て|挙が|並んで|連ね)")
# 「名前に「人材」って入ってる施策」: the name cell holding a word, not the name asked for
_WORD_IN_NAME = re.compile(r"(?:名前|名称|施策名|タイトル)(?:に|の中に)")
# 「支援士の人数を指標にしてる施策」, 「登録者数をKPIに掲げている取組」: cards chosen by what their KPI measures, not the
# KPI of one card asked
# (「…を目標にしているのは？」: the の that stands for the measures, as もの does; not after what is asked, 「何人を目標に
# してるの？」, one card's target)
_MEASURED_BY = re.compile(r"(?<!何)(?<!何人)(?<!なに)(?<!なん)(?<!どれ)(?<!どの)(?<!いくつ)(?<!くらい)(?<!ぐらい)(?<!程度)"
                          r"を\s*(?:kpi|指標|目標|評価指標|成果指標)\s*(?:と|に)\s*(?:して|する|した|掲げ|設定し|置い|使っ)"
                          r"\S{0,6}?(?:施策|取組|取り組み|事業|もの|やつ|(?<=[るた])の(?=\s*(?:は|って|が|を|ある|あります|[?？]|$)))", re.I)


def _inside_kana_word(q: str, start: int) -> bool:
    """Whether a field's words found from q[start] begin in kana inside a word MeCab reads there: 「けいたいつながらない」
    holds いつ's letters, but is 携帯 + 繋がる, no "when". A field word typed in kana is one where a word of its own
    starts (「いつから」, 「それいつまで」); where it ends is the pattern's own (「どこがやって」 ends inside やっ|てる)."""
    if not _HIRAGANA.match(q[start]):
        return False
    return any(at < start < at + len(t.surface) for at, t in token_spans(q))


_HIRAGANA = re.compile(r"[ぁ-ゖ]")


# 「府省庁名欄で警察庁に◎が付されている」, 「府省庁名に個人情報保護委員会が入っている」, 「担当府省庁の欄において◎が
#複数」: the column named with a particle of place is where the table is read (府省庁名, the ministry slot), not the
# field asked of a card (「府省庁名欄には何と？」, 「府省庁名は？」 ask it)
_CELL_AS_PLACE = re.compile(r"(?:担当)?(?:府省庁|府省|省庁)(?:名)?\s*(?:の)?\s*(?:欄|列|カラム|セル)?\s*"
                            r"(?=(?:において|における|の中で|の中に|には|では|にも|に|で|から|上で)"
                            r"(?!\s*(?:は|って)?\s*(?:どこ|何|なに|なん|誰|だれ|どう)))|"
                            r"\b(?:in|under|within) the (?:ministry|ministries|responsible ministries) (?:column|cell|field)\b", re.I)
# the bodies a question may name without the table at hand (field_asked reads no table): Japanese and English names
_ANY_MINISTRY_NAME = {**NAMES_WITHOUT_TABLE, **MINISTRY_NAMES_EN}


def _names_a_ministry(q: str) -> bool:
    """Whether `q` names a body of the government, in Japanese or English, without the table's lexicon."""
    return bool(find_names(q.lower(), _ANY_MINISTRY_NAME)[0])


def _role_of_named(q: str, start: int) -> bool:
    """Whether the words of a role at `start` follow a ministry's name straight on (「うち総務主担当」, 「文科担当の」,
    「経産が主担当」): that ministry's role, a slot of the search, not the 担当府省庁 field asked of each card."""
    head = re.sub(r"(?:が|は)?\s*(?:主|メイン|めいん)?\s*$", "", q[:start]).lower()
    return bool(head) and any(head.endswith(alias) for alias in _ANY_MINISTRY_NAME
                              if not alias.isascii() and len(alias) >= 2)


def field_asked(question: str) -> FieldAsk | None:
    """Which field of a card the question asks for (「04-03の担当府省庁は？」 → ministries), or None."""
    q = _kana_fields(unicodedata.normalize("NFKC", question))
    q = _CELL_AS_PLACE.sub(" ", q)  # the column as the place the table is read: a slot, not a field asked
    if any(p.search(q) for p in (KPI_UNSET_PATTERN, MARKS_NONE_PATTERN, MARKS_CIRCLE_PATTERN, GUIDE_PATTERN)) or (
            ARTICLE_PATTERN.search(q) and "施策" in q) or reads_dated_cell(q) or _NAME_LISTED.search(q) or \
            _MEASURED_BY.search(q) or ((_WORD_IN_NAME.search(q) or mention_cells(normalize(q))) and mentioned_words(q)[0]) or (
            LEAD_ANY_PATTERN.search(q) and asks_list(q)):
        # 「KPIが空欄の施策は？」, 「14条に印がある施策」 list cards by their cells: a search, not a field; so does
        # 「名前に「人材」って入ってる施策」, the cards whose 施策名 holds the word (understand.mentioned_words), or the
        # cell named as the place of the word (「効果のKPIに「割合」という語が」: understand.mention_cells), and
        # 「国交省が関わる施策を、主担当・関係府省を問わず全部」: the roles let go (LEAD_ANY_PATTERN) list the cards whose
        # 府省庁名 names it in any role, no field of them asked
        return None
    # 「警察庁に◎が付いている施策を全部」, "list all measures where the Cabinet Secretariat is marked with ◎": a list of
    # the cards where the ministry named has the role said (the search's ministry slot), not every card's 府省庁名
    ministry_listed = asks_list(q) and _names_a_ministry(q)
    for name, pattern in _FIELD_PATTERNS:
        if name == "ministries" and ministry_listed:
            continue
        m = next((m for m in pattern.finditer(q) if not _inside_kana_word(q, m.start())
                  and not (name == "ministries" and _role_of_named(q, m.start()))), None)
        if m:
            whole = _WHOLE_FIELD.match(q, m.end())
            if whole and re.search(r"施策|取組|取り組み|事業|もの|\bmeasures\b", q[:m.start()]):
                whole = None  # 「港湾の施策のKPIを全部」: the KPIs of all of them
            end = whole.end() if whole else m.end()  # 「…するやつ、関係省庁を全部」: all of that field, not all measures
            also, start, end = _joined_fields(q, name, m.start(), end)
            rest = (q[:start] + " " + q[end:]).strip()
            # 「どれくらいお金出てる？予算」, 「KPIは？指標で」: the same field said again, in other words
            rest = pattern.sub(" ", rest).strip()
            rest = _LAID_OUT.sub(" ", rest).strip() if name == "ministries" else rest
            rest = _LEFTOVER.sub("", rest).strip()
            rest = re.sub(r"[のをはが]\s*$", "", rest).strip()
            # "the Okinawa broadband project, which ministry?": the comma that led to the field's words is no part of
            # the measure named (searched with it, the words read as the first of a list)
            rest = rest.strip(" ,、:：;；—–-")
            for marked in re.finditer(r"(?:って|とは|は)", rest):
                head = re.sub(r"[のをはが\s]+$", "", rest[:marked.start()])
                if has_own_topic(head) and _PREDICATE.fullmatch(rest[marked.end():]):
                    rest = head  # 「GIGAスクールって何年までに終わるの？」: the topic, not how it is asked
                    break
            table = bool(_TABLE_WORDS.search(q[:start] + " " + q[end:]))
            return FieldAsk(name, rest, table, m.group(0), also)
    return None


def measure_asked(question: str) -> str | None:
    """The measure a question asks a field of, as the chat reads it (field_asked: 「学校の端末配備の担当は？」 →
    「学校の端末配備」), or None (「KPIが空欄の施策は？」 lists cards by a cell; 「担当は？」 names no measure)."""
    asked = field_asked(question)
    return _measure_of(asked)


def _measure_of(asked: FieldAsk | None) -> str | None:
    return asked.rest if asked is not None and asked.rest and has_topic(asked.rest) else None


#: What a search of a field question (search_questions) says of it: searched and counted as the chat reads it
MEASURE_SEARCHED = "尋ねている項目（{}）の語を除いて施策を検索し、チャットと同じ施策を答えとしています。"
_ASK_KWARGS = {"top_k", "filters", "mode"}  # what the chat is asked with (ask); a search asked with more searches alone


def search_questions(retriever: Retriever, questions: Sequence[str], **kwargs) -> list[SearchResult]:
    """Retriever.search_many (the questions embedded in batches; `kwargs` are its own), with a question that asks a
    field of a measure (measure_asked: 「学校の端末配備は誰が主担当？」, 「セキュリティ人材の育成の施策の主担当は？」)
    searched and counted as the chat answers it (ask): the measure searched without the field's words, and the cards
    the chat counts (one measure asked in the singular: the card that fits best, the others shown below it) are the
    answers, the other cards shown the same, related. The one answer path of the page's and the API's /search,
    `seisaku search` and the reports. A result keeps the question as asked, with a note (MEASURE_SEARCHED)."""
    by_chat = _field_questions(questions, kwargs)
    plain = [q for i, q in enumerate(questions) if i not in by_chat]
    found = iter(retriever.search_many(plain, **kwargs) if plain else [])
    return [_as_the_chat_counts(retriever, q, by_chat[i], kwargs) if i in by_chat else next(found)
            for i, q in enumerate(questions)]


def search_question(retriever: Retriever, question: str, **kwargs) -> SearchResult:
    """One question, searched as search_questions searches it (by Retriever.search: `kwargs` are its own)."""
    by_chat = _field_questions([question], kwargs)
    if by_chat:
        return _as_the_chat_counts(retriever, question, by_chat[0], kwargs)
    return retriever.search(question, **kwargs)


def _field_questions(questions: Sequence[str], kwargs: dict) -> dict[int, FieldAsk]:
    """The questions (by index) that ask a field of a measure, which the chat answers searching the measure."""
    if set(kwargs) - _ASK_KWARGS:
        return {}
    return {i: asked for i, q in enumerate(questions)
            if (asked := field_asked(q)) is not None and _measure_of(asked) is not None}


def _as_the_chat_counts(retriever: Retriever, question: str, asked: FieldAsk, kwargs: dict) -> SearchResult:
    """The chat's search for a field question (its answer's result), its cards as the chat counts them: the answers
    first, in the chat's order, then the cards it shows below them (related). A best guess (確度 低, tentative) is
    the chat's own wording of an unsure search: the search shows it as it found it."""
    answer = ask(retriever, question, **kwargs)
    res = answer.result
    if res is None:  # (a fresh question is always searched; kept safe) the question searched as written
        return retriever.search(question, **kwargs)
    note = MEASURE_SEARCHED.format(FIELD_LABELS[asked.field])
    if answer.tentative or not answer.answers and not res.answers:
        return replace(res, query=question, notes=[note, *res.notes])
    hits = [replace(h, related=False) for h in answer.answers] + [replace(h, related=True) for h in answer.related]
    return replace(res, query=question, results=hits, abstained=not answer.answers and res.abstained,
                   counted=tuple(h.card.id for h in answer.answers), notes=[note, *res.notes])


_AND = re.compile(r"\s*(?:の|は)?\s*(?:と|や|、|,|・|及び|および|and|&)\s*(?:その|あと)?\s*", re.I)


def _joined_fields(q: str, first: str, start: int, end: int) -> tuple[tuple[str, ...], int, int]:
    """「KPIと期限を教えて」, 「期限とKPIと担当」: the other fields joined to the one asked (at start:end) by と / や / 、 /
    and, and where the whole run of them starts and ends."""
    # by start, the longest first: 「効果指標」 is kpi_effect, not its 「指標」
    spans = sorted(((mm.start(), mm.end(), name) for name, pattern in _FIELD_PATTERNS for mm in pattern.finditer(q)
                    if mm.end() > mm.start()), key=lambda sp: (sp[0], -sp[1]))
    also: list[str] = []
    for forward in (True, False):
        at = end if forward else start
        while True:
            joined = None
            for s0, e0, name in spans:
                gap = q[at:s0] if forward else q[e0:at]
                if (s0 >= at if forward else e0 <= at) and gap and _AND.fullmatch(gap) and name != first \
                        and name not in also:
                    joined = (s0, e0, name)
                    break
            if joined is None:
                break
            also.append(joined[2])
            at = joined[1] if forward else joined[0]
        if forward:
            end = at
        else:
            start = at
    return tuple(also), start, end


# The words that name each field, as UniDic reads them (lemma or surface), for a follow-up worded in a way the patterns
# above do not list (「所管官庁は？」, 「お金はどれくらいかけてるの？」, "Which ministry is responsible?"): a question
# made of one field's words and asking words only asks for that field of the cards just answered.
_FIELD_WORDS = {
    "budget": {"予算", "費用", "金額", "金", "コスト", "財源", "事業費", "経費", "額", "総額", "いくら", "budget", "cost", "money",
               "funding", "fund", "spend", "spending", "allocate", "allocated", "expense",
               "pay", "pays", "paid", "paying", "funds", "funded"},  # "Who pays for it?"
    "when": {"いつ", "何時", "何時頃", "時期", "期限", "期日", "締め切り", "締切", "スケジュール", "工程", "目途", "めど", "目処",
             "年限", "予定", "期間", "when", "deadline", "schedule", "timeline", "timeframe", "year", "date"},
    "kpi_effect": {"効果", "アウトカム", "成果", "outcome", "effect", "impact", "result"},
    "kpi_progress": {"進捗", "進み具合", "進行", "アウトプット", "状況", "現状", "進展", "実績", "progress", "output", "status"},
    "kpi": {"kpi", "指標", "目標", "目標値",
            "目安", "数字", "測る", "計る", "ゴール", "ターゲット", "ノルマ", "評価", "測定", "数値", "値", "target", "goal",
            "indicator", "metric", "benchmark", "measured", "measurement", "kpis", "基準値", "ベースライン", "現状値",
            "baseline", "measuring", "track", "tracks", "tracking", "tracked",
            "success"},  # "What does success look like?": what the KPI counts
    "ministries": {"担当", "主担当", "所管", "主管", "管轄", "所轄", "管理", "省庁", "府省", "府省庁", "官庁", "役所", "省", "府",
                   "庁", "責任", "担い手", "主", "主導", "旗振り", "旗", "役", "音頭", "取り纏め", "仕切る", "司令塔", "リーダー",
                   "元締め", "リード", "メイン", "部署", "部局", "部門", "名", "関わる", "受け持ち", "受け持つ", "受持ち", "主体",
                   "携わる", "絡む", "関与", "参加", "協力", "ministry", "agency", "responsible", "charge", "lead", "run",
                   "involve", "involved", "department", "who", "take", "part", "handle", "oversee", "participate"},
    "overview": {"概要", "内容", "詳細", "中身", "目的", "狙い", "対象", "背景", "課題", "要点", "あらまし", "overview",
                 "summary", "detail", "purpose", "aim", "about", "content", "ため", "為", "根拠", "根拠法",
                 "law", "legal", "basis"},
    "name": {"施策名", "名称", "名前", "正式", "name", "title"},
    "id": {"施策番号", "番号"},
    "marks": {"条", "条文", "基本法", "手引", "手引き", "印", "しるし", "マーク", "丸", "二重丸", "該当", "article", "articles",
              "guide", "guides", "guideline", "guidelines", "mark", "marks"},
}
_FIELD_ORDER = ("budget", "when", "kpi_effect", "kpi_progress", "kpi", "ministries", "name", "id", "marks", "overview")
# 「14条に印がある施策は？」 lists cards by their marks: a search, not the marks of the cards just answered
_ASKS_CARDS = re.compile(r"施策|取組|取り組み|もの|やつ|どれ|\bmeasures?\b|\bwhich\b|\bones\b", re.I)
# 「じゃあ17条か18条の印が付いてるのは」: a clause made a noun by の and asked with は, "the ones that …" (the cards, as
# 「…ものは」 says it)
_THE_ONES = re.compile(r"(?<=[るたいな])の(?:は|って)\s*[?？]?\s*$")


_MONEY_KIND = re.compile(r"(?:補助|助成|交付|給付)金")


def field_by_words(question: str) -> FieldAsk | None:
    """The field a question names by one of its words (`_FIELD_WORDS`) when nothing else in it names a topic, or
    None: how a follow-up that drops its subject is read when none of the patterns matched."""
    from .text import STOP_POS, analyzer

    # 「補助金の金額の記載はありますか」: a kind of money (補助金, 助成金) is the budget asked, of the cards just answered
    q = _MONEY_KIND.sub("金額", _kana_fields(unicodedata.normalize("NFKC", question)))
    found, kept = [], []
    for t in analyzer().tokens(q):
        names = [f for f in _FIELD_ORDER if t.base in _FIELD_WORDS[f] or t.surface.lower() in _FIELD_WORDS[f]]
        if names and t.pos not in STOP_POS:
            found += names
        else:
            kept.append(t.surface)
    if not found:
        return None
    rest = " ".join(kept).strip()
    if has_own_topic(rest):
        return None
    fields = set(found)
    if (_ASKS_CARDS.search(q) or _THE_ONES.search(q)) and (fields == {"marks"} or any(p.search(q) for p in (
            KPI_UNSET_PATTERN, MARKS_NONE_PATTERN, MARKS_CIRCLE_PATTERN, GUIDE_PATTERN, ARTICLE_PATTERN)) or reads_dated_cell(q)):
        return None  # 「KPIが未設定の施策は？」: cards listed by their cells, not a field of the cards just answered
    for kpi_kind in ("kpi_effect", "kpi_progress"):  # 「効果の方の指標」: that KPI; 「効果は？」 alone too
        if kpi_kind in fields and not fields & {"budget", "when"}:
            return FieldAsk(kpi_kind, rest, bool(_TABLE_WORDS.search(q)), kpi_kind)
    name = next(f for f in _FIELD_ORDER if f in fields)
    return FieldAsk(name, rest, bool(_TABLE_WORDS.search(q)), name)


def _sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of the sentences of a card's text, a 。 inside brackets not ending one (法令's 「…法律(平成29年法律第28号。
    以下「次世代医療基盤法」という。)を施行。」 is one sentence, and the name it is known by is in it)."""
    out: list[tuple[int, int]] = []
    for s, e in sentence_spans(text):
        if out and _open_brackets(text[out[-1][0]:out[-1][1]]) > 0 and e - out[-1][0] <= 300:  # (a bracket never closed
            # does not make a paragraph one sentence)
            out[-1] = (out[-1][0], e)
        elif out and _BRACKET_NOTE.fullmatch(text[s:e].strip()):
            # 「…100%を目指す。(令和元年度(2019年度):8.2%)」: a note in brackets after the 。 (the target's baseline)
            # belongs to the sentence before it
            out[-1] = (out[-1][0], e)
        else:
            out.append((s, e))
    return out


_BRACKET_NOTE = re.compile(r"[(（].*[)）]", re.S)


def _open_brackets(sentence: str) -> int:
    return sum(sentence.count(o) - sentence.count(c) for o, c in (("(", ")"), ("（", "）"), ("「", "」")))


# the numbers of a date (「令和2年(2020年)4月」, 「令和3年度(2021年度)末」, 「4月16日」): what is left once they are
# taken out is a number that counts or measures
_DATE_NUMBER = re.compile(r"(?:令和|平成|昭和)?\s*\d+\s*(?:年度|年|月|日)")
_DEADLINE = re.compile(r"まで|目途|めど|目指|予定")
_DATE = re.compile(r"令和\s*\d+\s*年|平成\s*\d+\s*年|(?:19|20)\d{2}\s*年|年度|\d+\s*月|までに|以降|目途|めど|目指")


def when_sentence(card: PolicyCard, question: str = "") -> tuple[str, str, int, int] | None:
    """The sentence of the card that says when (a date or fiscal year), preferring one with the question's words:
    (field, sentence, start, end) with offsets into that field, or None if no sentence names a time."""
    qgrams = {question[i:i + 2] for i in range(len(question) - 1)}
    best, best_score = None, 0.0
    for fld in ("kpi_progress", "overview", "kpi_effect"):
        text = getattr(card, fld)
        for s, e in _sentences(text):
            sent = text[s:e]
            dates = len(_DATE.findall(sent))
            if not dates:
                continue
            overlap = sum(g in sent for g in qgrams if not g.isspace())
            score = dates + 2.0 * overlap
            if score > best_score:
                best, best_score = (fld, sent, s, e), score
    return best


def when_quote(card: PolicyCard, question: str = "") -> tuple[str, str, int, int] | None:
    """(field, sentence, start, end) of the card's milestone that answers 「いつまで？」/「いつから？」
    (index.roadmap.card_milestone), or the sentence with a date when the card has no milestone."""
    m = card_milestone(card, question)
    if m is not None:
        return m.field, m.sentence, m.sentence_start, m.sentence_end
    return when_sentence(card, question)


_FIELD_WORD_SET = frozenset(w for words in _FIELD_WORDS.values() for w in words) | {"KPI", "kpi", "進捗", "効果"}
_ASKS_WHEN = re.compile(r"いつ|何年|時期|期限|目途|めど|\bwhen\b|\bdeadline\b", re.I)
# 「沖縄のはどうなっていますか」, 「今どこまで進んでる？」, "how is it going?": the state of the work, as the plan dates it
_ASKS_STATUS = re.compile(r"どうなって|どうなっ?た|どこまで|進み具合|進捗状況|進んで(?:いる|る|います|ますか)|状況|現状|"
                          r"\bhow is (?:it|that|this) going\b|\bprogress so far\b|\bstatus\b", re.I)


# what an English "how many …" counts, as the table writes the number (「6市町村」, 「100校」, 「3万人」)
_EN_COUNTERS = {"municipalities": "市町村", "municipality": "市町村", "schools": "校", "people": "人", "persons": "人",
                "students": "人", "teachers": "人", "participants": "人", "specialists": "人", "experts": "人",
                "households": "世帯", "homes": "世帯", "companies": "社", "firms": "社", "businesses": "社",
                "prefectures": "都道府県", "organizations": "団体", "organisations": "団体", "bodies": "団体",
                "governments": "団体", "cases": "件", "times": "回", "hospitals": "機関", "institutions": "機関",
                # the other counters the cards write after a number (「1人1台端末」, 「6コンソーシアム」, 「…地域」)
                "devices": "台", "terminals": "台", "computers": "台", "tablets": "台", "units": "台",
                "consortia": "コンソーシアム", "consortiums": "コンソーシアム", "regions": "地域", "areas": "地域"}


_ASKS_RECORD = re.compile(r"実績|\btrack record\b|\bso far\b", re.I)
# a share or rate asked (「どのくらいの割合」, 「普及率はどれくらい」, "what percentage", "how much coverage")
_ASKS_SHARE = re.compile(r"割合|[^\s、。]率|比率|パーセント|\bpercent(?:age)?\b|\bshare\b|\brate\b|\bcoverage\b|\bproportion\b",
                         re.I)


# 「何ができるようになるの？」, 「何が可能になる？」, "What will it let people do?": what the measure makes possible, which a
# card says with 可能とする / 可能になる / できるようにする (not a bare できる, which also states a need: 「…ができるシステムの構築が急務」)
_ASKS_POSSIBLE = re.compile(r"(?:何|なに|どんなこと)\s*(?:が|を)?\s*(?:できる|可能)|できるように(?:なる|する)|可能に(?:なる|する)|"
                            r"\bwhat (?:can|will|could) (?:i|we|you|people|citizens|users|residents) do\b|"
                            r"\bwhat (?:does|will|would|can)\s+(?:it\s+)?(?:let|allow|enable|make possible)\b|\bmake possible\b", re.I)
_MADE_POSSIBLE = re.compile(r"可能(?:と|に)(?:する|なる|し|な)|できるよう(?:に)?(?:する|なる|し|な)|実現(?:する|し)")


# 「どんな支援が受けられるの？」, 「何がもらえる？」, "What do the finalists receive?": what a person taking part is given
_ASKS_GIVEN = re.compile(r"(?:どんな|どういう|どのような|何の|なんの)\s*(?:支援|補助|助成|援助|サポート)|"
                         r"受けられ|もらえ|貰え|支給され|(?:補助|助成|支援)(?:の)?(?:内容|額|金)|いくら(?:出|もら)|"
                         r"\bwhat (?:do|does|will|would|can) (?:\w+ ){0,3}(?:get|receive|be given|be offered)\b|"
                         r"\b(?:receive|funding|grants?|subsid(?:y|ies)|prize money)\b|\bin money\b", re.I)
# how a card states what is given: an amount of money (「最大300万円」), or a grant by its name
_STATES_AMOUNT = re.compile(r"\d[\d,.]*\s*(?:万|億|千)?円")
_STATES_GIVEN = re.compile(r"補助|助成|支給|給付|交付|無償|無料|貸与")


# the last noun before a closing ある / あります / ない? (what is asked to exist): 「何か対策ありますか」; where it is
# a word for a measure (対策, 制度, 支援策), it names the measure asked for, not a thing in it (「受講環境ある？」 asks
# whether the card has that environment, and the sentence saying 環境 answers)
_MEASURE_NOUN = re.compile(r"(?:[一-龥々ァ-ヶー]*策|制度|仕組み?|取組|取り組み|事業|政策|プログラム)")
_EXISTENCE_ASKED = re.compile(r"(?P<thing>[一-龥々ァ-ヶー]+)(?:は|が|って|とか|など|も)?\s*(?:ある|あります|ない|ありません)"
                              r"(?:か|の|かな|んですか|のでしょうか|でしょうか)?\s*[?？。]?\s*$")


def detail_sentence(card: PolicyCard, question: str,
                    fields: Sequence[str] = ("kpi_progress", "kpi_effect", "overview")) -> str | None:
    """The sentence of the card that answers what a question asks beyond its field: the one holding most of its words
    (「申請受付いつから？」 → 「4月16日…派遣申請の受付を開始し…」), a number with the counter asked (「年何回？」 → 100回),
    a date when it asks when; None when the question names nothing the card's name does not already say. `fields`:
    the cells read, in this order (the first of equal sentences is taken)."""
    q = unicodedata.normalize("NFKC", question)
    name = normalize(card.name)
    words = [w for w in content_words(q) if w not in _FIELD_WORD_SET and normalize(w) not in name]
    # 「何か対策ありますか」, 「支援策はある？」: the noun whose existence is asked stands for the measure itself, not a
    # thing the sentence quoted should say (so 「観光で来た外国人が…使えない問題、何か対策ありますか」 quotes the
    # sentence on 訪日外国人, not one that says 対策)
    asked_to_exist = _EXISTENCE_ASKED.search(q)
    if asked_to_exist and _MEASURE_NOUN.fullmatch(asked_to_exist.group("thing")):
        words = [w for w in words if w != asked_to_exist.group("thing")]
    # the table's terms for the question's everyday and English words (「荷物を運ぶ」 → 物流), as the search read them:
    # the sentence that says the thing in the table's words answers it as well as one in the question's own
    words += [t for t in table_terms(q).split() if t not in words and normalize(t) not in name]
    count = QUANTITY.search(q)
    counter = quantity_counter(count)
    counted_en = re.search(r"\bhow many ([a-z-]+)", q, re.I) if count is not None and not counter else None
    if counted_en:  # "How many municipalities are left?": the number the card writes with 市町村
        counter = _EN_COUNTERS.get(counted_en.group(1).lower())
    if count is not None and not counter and _ASKS_SHARE.search(q):
        counter = "%"  # 「どのくらいの割合の自治体が導入？」, "how much coverage?": a share, which the cards write in %
    # 「前年度の派遣の実績を教えて」: what was done, which the card counts (「227団体に派遣決定」), as 「どのくらい？」 asks
    asks_record = count is None and bool(_ASKS_RECORD.search(q))
    asks_status = bool(_ASKS_STATUS.search(q))
    asks_possible = bool(_ASKS_POSSIBLE.search(q))
    asks_who_may = bool(_ASKS_WHO_MAY.search(q))
    asks_given = bool(_ASKS_GIVEN.search(q))
    if not words and count is None and not asks_status and not asks_possible and not asks_who_may and not asks_given:
        return None
    asks_when = bool(_ASKS_WHEN.search(q))
    # 「内視鏡の遠隔手術支援の研究、何で検証してる？」: the topic is said first, then what is asked of it; the words after
    # the last 、 (or は, って) are the question's own and weigh more than those that only name the measure again
    cut = max(q.rfind("、"), q.rfind(","), *(m.end() for m in re.finditer(r"(?:は|って)(?=[^、,]{2,})", q)), -1)
    asked = {w for w in content_words(q[cut + 1:])} if cut >= 0 else set()
    best, best_score, best_at = None, 0.0, (fields[0], 0)
    for fld in fields:
        text = getattr(card, fld)
        for k, (s, e) in enumerate(_sentences(text)):
            sent = text[s:e]
            hay = normalize(sent)
            score = float(sum((2 if w in asked else 1) * (normalize(w) in hay) for w in words))
            if counter and re.search(r"\d[\d,.]*\s*" + re.escape(counter), sent):
                score += 2.0
            elif (count is not None and not counter or asks_record) and re.search(r"\d", sent):
                score += 0.5
                if re.search(r"\d", _DATE_NUMBER.sub("", sent)):
                    score += 1.5  # 「派遣実績はどのくらい？」: a number that counts (「227団体に派遣決定」) over one that
                    # only dates (「令和2年度(2020年度)においても…派遣を実施」)
            if asks_when and _DATE.search(sent):
                score += 0.5
            if asks_possible and _MADE_POSSIBLE.search(sent):
                score += 1.0  # 「何ができるようになる？」: the sentence saying what it makes possible (可能とする)
            if asks_status and fld == "overview" and _DATE.search(sent):
                score += 1.0  # 「どうなっていますか」: what the plan says is done by when
            if asks_given and _STATES_AMOUNT.search(sent):
                score += 3.0  # 「どんな支援が受けられる？」: the sentence saying what is given (「最大300万円で…」) over
                # one that only says 支援 again (「…への挑戦を支援。」)
            elif asks_given and _STATES_GIVEN.search(sent):
                score += 1.0
            if asks_who_may and _STATES_WHO_MAY.search(sent):
                score += 1.0  # 「誰でも応募できる？」: the sentence stating who may (要件, 不問, 対象)
            if score >= 1.0 and score > best_score:
                best, best_score, best_at = sent.strip(), score, (fld, k)
    if best is not None and asks_who_may and _STATES_WHO_MAY.search(best):
        # who may take part is often said over a run of short sentences (「応募の要件は…。年齢・国籍・居住地不問。自薦と
        # 他薦が可能。」): the run the best one is in, quoted whole
        text = getattr(card, best_at[0])
        spans = _sentences(text)
        first = last = best_at[1]
        while first > 0 and _STATES_WHO_MAY.search(text[spans[first - 1][0]:spans[first - 1][1]]):
            first -= 1
        while last + 1 < len(spans) and _STATES_WHO_MAY.search(text[spans[last + 1][0]:spans[last + 1][1]]):
            last += 1
        best = text[spans[first][0]:spans[last][1]].strip()
    return best


# 「年齢関係なく応募できるの？」, 「誰でも参加できる？」, "Who can apply?": who may take part in the measure
_ASKS_WHO_MAY = re.compile(r"(?:応募|申請|参加|申し込|申込|登録|受講)\s*(?:でき|可能|し(?:て)?も(?:いい|よい|大丈夫))|"
                           r"(?:誰|だれ)でも|(?:関係|関わり|かかわり)なく|問わ|不問|(?:応募|申請|参加|申込|利用)?(?:資格|要件)|"
                           + _WHO_MAY_EN + r"|\bwho (?:can|may|could|is allowed to) use\b|\bopen to\b|\bregardless\b|\banyone\b|"
                           # "can foreigners apply?", "may students join?", "are companies allowed to enter?": whether
                           # someone named may take part, which the card's 要件 / 不問 sentences answer
                           r"\b(?:can|may|could)\s+(?:[a-z-]+\s+){1,3}(?:apply|join|enter|participate|take part|sign up)\b|"
                           r"\b(?:allowed|permitted|able) to (?:apply|join|enter|participate|take part|sign up)\b|"
                           # "do you need to be Japanese to apply?": a requirement for taking part
                           r"\b(?:need|needs|have|has|must)\s+to\s+be\b.*\bto (?:apply|join|enter|participate|take part|sign up)\b",
                           re.I)
# how a card states who may: requirements, what does not matter, whom it is for or limited to (「…に限る」, 「限定」; not
# 「できる限り」, as far as it can), who may put a name forward
_STATES_WHO_MAY = re.compile(r"要件|不問|問わ|問いません|資格|対象(?:と|は|に|者)|(?:に|を)限(?:る|り|定)|限定|(?:誰|だれ|どなた)でも|自薦|他薦")


def dated_sentences(card: PolicyCard) -> list[str]:
    """The card's sentences that name a date or fiscal year, KPIs first, as written."""
    out = []
    for fld in ("kpi_progress", "kpi_effect", "overview"):
        text = getattr(card, fld)
        out += [text[s:e] for s, e in _sentences(text) if _DATE.search(text[s:e])]
    return list(dict.fromkeys(out))


def kpi_status_label(card: PolicyCard) -> str:
    """設定済 / 未設定あり / 空欄あり, as the KPI cells read (index.roadmap.kpi_status, shared with filters and reports)."""
    return KPI_STATUS_LABELS[kpi_status(card)]


# (the chapters' headings, chapter_titles, are the corpus's: the understanding stage reads a chapter named by them)
def card_rows(cards: Sequence[PolicyCard], text: str = "") -> list[list[str]]:
    """The card browser's rows (施策番号, 施策名, 章, 主担当, KPI), those containing every word of `text`
    (after NFKC, in any field) when given."""
    titles = chapter_titles(cards)
    words = normalize(text).split()
    rows = []
    for c in cards:
        if words:
            hay = normalize(" ".join((c.id, c.name, c.overview, c.kpi_progress, c.kpi_effect, c.ministries_raw)))
            if not all(w in hay for w in words):
                continue
        rows.append([c.id, c.name, titles.get(c.chapter, c.chapter), "、".join(c.lead_ministries) or "-",
                     kpi_status_label(c)])
    return rows


# ------------------------------------------------------------------------------------------------ answers

def confidence_of(res: SearchResult) -> float:
    """The answer's calibrated confidence in [0, 1] (the search's own; 0 when nothing answers)."""
    if res.abstained or not res.results:
        return 0.0
    return float(res.confidence)


def _shown_confidence(res: SearchResult, answers: Sequence[Hit]) -> float:
    """The answer's confidence (確からしさ) as its cards show it: the search's where the search answered them all;
    where the list's own cells chose some (「学校じゃなくて地域でやってるほうは？」: the card whose text says 地域, which the
    search over the words found no surer than 低), the lowest of the answers' own, so the heading never reads 低 above
    cards each marked 高."""
    searched = {h.card.id for h in res.answers}
    if not answers or all(h.card.id in searched for h in answers):
        return confidence_of(res)
    return min(h.confidence for h in answers)


def answer_cards(res: SearchResult) -> tuple[list[Hit], list[Hit]]:
    """(answers, related): SearchResult.answers, and the other cards shown. "N 件" counts the answers only."""
    return res.answers, res.others


@dataclass
class Answer:
    """One assistant turn: what was asked and searched, the direct answer, the cards, and the next state."""

    question: str  # as typed (cut at MAX_QUESTION_CHARS)
    searched: str  # what went to the search (the follow-up without its pointing words, field words removed)
    kind: str  # "cards", "field", "table", "none" or "unreadable"
    direct: str  # the direct answer, plain Japanese text (no markup)
    confidence: float
    result: SearchResult | None
    answers: list[Hit] = field(default_factory=list)
    related: list[Hit] = field(default_factory=list)
    field_name: str = ""  # the field asked for, when kind is field/table
    table: list[list[str]] = field(default_factory=list)  # header row first, when kind is table
    quote: tuple[str, str, int, int] | None = None  # (field, sentence, start, end) quoted from the first answer
    notes: list[str] = field(default_factory=list)  # what the assistant assumed: a resolved reference, a filter clash
    conversation: Conversation = field(default_factory=Conversation)
    tentative: bool = False  # the one card is the search's best guess (確度 低), not a sure answer
    english: bool = False  # asked in English: the chat's own words are English, the cards' stay Japanese (index.english)

    @property
    def heading(self) -> str:
        """The line above the answer's cards: how many answer, or that the one shown is only the nearest."""
        said = "いちばん近い施策（確かな答えではありません）:" if self.tentative else f"該当する施策 {len(self.answers)} 件:"
        return en.heading(said) if self.english else said

    @property
    def level(self) -> str:
        return confidence_label(self.confidence) if self.kind not in ("none", "unreadable") else ""

    @property
    def cards(self) -> list[PolicyCard]:
        return [h.card for h in self.answers + self.related]

    def to_dict(self) -> dict:
        """The JSON of `seisaku search --json` plus the assistant's part ("answer") and the next "history"."""
        if self.result is not None:
            d = self.result.to_dict()
        else:  # answered from the cards a follow-up pointed at, without a search
            d = {"query": self.question, "abstained": not self.answers,
                 "outcome": "answer" if self.answers else "none", "confidence": round(self.confidence, 4),
                 "results": [h.to_dict() for h in self.answers + self.related]}
        d["query"] = self.question
        d["answer"] = {"kind": self.kind, "text": self.direct, "count": len(self.answers),
                       "confidence": round(self.confidence, 4), "level": self.level,
                       "answers": [h.card.id for h in self.answers], "related": [h.card.id for h in self.related],
                       "notes": list(self.notes), "searched": self.searched,
                       **({"tentative": True} if self.tentative else {}),
                       **({"language": "en"} if self.english else {}),
                       **({"field": self.field_name} if self.field_name else {}),
                       **({"table": self.table} if self.table else {})}
        d["history"] = self.conversation.to_list()
        return d


_TAG = re.compile(r"<[^>]{0,200}>")
_IDS = re.compile(r"(?<!\d)(\d{2})\s*[-‐－ー]\s*(\d{2})(?!\d)")


def is_junk(question: str) -> bool:
    """No words at all once markup and punctuation are gone (「<b>」, 「？？」): nothing to search for."""
    text = _TAG.sub(" ", unicodedata.normalize("NFKC", question))
    letters = [c for c in text if unicodedata.category(c)[0] in "LN"]
    return not letters


_REASONS = (  # the search's reasons, said in Japanese (a question with no word to search, as the report says it)
    (NO_TEXT, "文字も数字もなく、検索する語がありません。"),
    (FORMULA, "表計算の数式で、検索する語がありません。"),
    (ONLY_URL, "URL だけで、検索する語がありません。"),
    (ONLY_DIGITS, "数字と記号だけで、検索する語がありません（施策番号は 04-03 の形で）。"),
    ("nothing in the corpus answers", "この表には、この質問に答える施策がありません。"),
    ("no placed mark in the columns asked", "列が読み取れた印では、その条・手引の欄に印のある施策はありません。"),
    ("no milestone meets the dates asked", "その年（と書き方）の日付が、聞かれた欄に書かれている施策はありません。"),
    ("no card matches the filters", "絞り込みの条件に合う施策がありません。"),
    ("no card in this table lists", "この表の府省庁名には {names} が出てきません。"),
)


def _reason_ja(res: SearchResult) -> str:
    reason = res.reason or ""
    for key, text in _REASONS:
        if key in reason:
            names = "、".join(res.intent.absent_ministries) if res.intent is not None else ""
            return text.format(names=names or "その府省庁")
    return "この表には、この質問に答える施策がありません。"


def _lead(card: PolicyCard) -> str:
    return "、".join(card.lead_ministries) or "主担当の記載なし"


# 「主担当は？」, 「どこが旗振り役？」, "Who's in charge of it?": the lead itself is asked, not every ministry of the card
# (「担当は？」, 「関係府省庁は？」 ask them all; 「主担当以外の関係府省」, 「メインじゃないところ」 ask the others)
_ASKS_LEAD = re.compile(r"◎|主担当|しゅたんとう|主管|所管|主導|取り?まとめ|統括|リード|主幹|筆頭|旗を?振り|旗ふり|音頭|仕切|司令塔|"
                        r"(?<!ド)メイン|中心(?:に|と|的)|主体|先頭に立|責任(?:官庁|省庁)|主(?:に|として)担当|"
                        r"\blead(?:s|ing)?\b|\bled by\b|\bin charge\b|\bheads?\b", re.I)
_ASKS_OTHERS = re.compile(r"以外|じゃない|じゃなく|でない|ではない|でなく|ほか|他|\bnot\b|\bother|\bbesides\b|"
                          r"\belse\b|\bexcept\b", re.I)


def asks_lead(question: str) -> bool:
    """The question asks a card's lead ministry (◎) by name, not every ministry of its 府省庁名 (「主担当は？」)."""
    q = unicodedata.normalize("NFKC", question)
    # 「主担当は経産省じゃないの？」: a question that checks a guess (じゃないの / じゃないですか at its end) asks the lead
    q = _TAG_QUESTION.sub("", q)
    return bool(_ASKS_LEAD.search(q)) and not _ASKS_OTHERS.search(q)


_TAG_QUESTION = re.compile(r"(?:じゃ|では)(?:ない|ありません)(?:の|か|ですか|でしょうか|っけ)?[?？。!！\s]*$")


def lead_text(card: PolicyCard) -> str:
    """The lead ministry (or ministries) of a card, then its 府省庁名 as evidence: what 「主担当は？」 is answered with."""
    return f"{_lead(card)} / {FIELD_LABELS['ministries']}: {field_text(card, 'ministries')}"


def _name(card: PolicyCard) -> str:
    return f"[{card.id}] {card.name}"


# a sentence that speaks of a card's timing without a date: 「達成時期が見込めない」, 「時期は未定」, 「見通しが立たない」
_TIMING_SAID = re.compile(r"(?:達成|完了|実施|整備)?時期[^。]{0,12}?(?:見込め|未定|定ま|決ま|示せ|立た)|見通しが立たない|目途が立たない|"
                          r"めどが立たない")


def _ministries(card: PolicyCard) -> tuple[str, str]:
    """Every ministry of a card once, the lead marked ◎, and 「 表の記載: …」 when the cell as written says more."""
    names = "、".join(("◎" if m.lead else "") + m.name for m in card.ministries) or "（記載なし）"
    raw = " ".join(card.ministries_raw.split())
    # a ◎ inside parentheses (内閣官房(◎内閣官房小型無人機等対策推進室、…)) is the office that leads, and a short name
    # (経産省) is how the table writes it: the cell as written too, whenever it differs from the names read from it
    cell = f" 表の記載: {raw}" if raw and re.sub(r"[\s、,]", "", raw) != re.sub(r"[\s、,]", "", names) else ""
    return names, cell


def field_text(card: PolicyCard, fld: str, question: str = "", milestone: Milestone | None = None) -> str:
    """The value of one field of a card, as the answer says it (`milestone`: for 時期, the one that puts the card in
    a dated list, said first)."""
    if fld == "budget":  # asked together with another field (「担当と予算」): the table has no such column
        return "（施策集の表に予算・費用の欄はありません）"
    if fld == "kpi":
        return f"KPI(進捗): {card.kpi_progress or '（空欄）'} / KPI(効果): {card.kpi_effect or '（空欄）'}"
    if fld == "kpi_progress":
        return card.kpi_progress or "（空欄）"
    if fld == "kpi_effect":
        return card.kpi_effect or "（空欄）"
    if fld == "ministries":  # the ◎ marks the lead once (「◎経済産業省（◎ 主担当: 経済産業省）」 said it twice)
        names, cell = _ministries(card)
        return f"{names}（{'◎は主担当' if card.lead_ministries else '主担当の記載なし'}）{cell}"
    if fld == "when":
        found = when_quote(card, question) if milestone is None else (
            milestone.field, milestone.sentence, milestone.sentence_start, milestone.sentence_end)
        if not found:
            # 「達成時期が見込めない」: no date, but the card says why (or that none is set): that sentence
            said = [t[a:b] for t in (card.kpi_effect, card.kpi_progress, card.overview) for a, b in _sentences(t)
                    if _TIMING_SAID.search(t[a:b])]
            return "時期を書いた文はこの施策にはありません。" + (f" 記載: 「{said[0].strip()}」" if said else "")
        # the best sentence first, then the card's other dated sentences (a card often has several steps)
        # a KPI cell read as one sentence holds the milestone's item and its others: quote the others only
        rest = (s.replace(found[1], "").strip(" ・") for s in dated_sentences(card))
        # a step with its own deadline (「令和4年度までに…開発する」) before a sentence that only dates a past step
        # and, first, a sentence that holds the question's own words (「その規模の演習はいつから？」 → 「…から、…集合演習を
        # 実施」), one that says since when when it asks いつから
        words = [normalize(w) for w in content_words(unicodedata.normalize("NFKC", question))]
        since = bool(re.search(r"いつから|\bsince when\b", question, re.I))

        def fits(s: str) -> float:
            return sum(w in normalize(s) for w in words) + float(since and bool(re.search(r"(?:年度?|月)\)?\s*から", s)))
        more = sorted((s for s in rest if s), key=lambda s: (-fits(s), not _DEADLINE.search(s)))[:2]
        quoted = "「" + "」「".join([found[1]] + more) + "」"
        m = milestone or card_milestone(card, question)  # the 工程表's milestone, with its sentence
        return f"{m.label}（{m.text}）{quoted}" if m is not None else quoted
    if fld == "marks":
        # 「11条3項◎, 12条◎」: the card's marks as people quote them from the table (column and symbol, comma between)
        marks = ", ".join(f"{m.column}{m.symbol}" for m in card.marks)
        # a mark the table places in no column is still a mark whose symbol is certain (「2つ目の印は◎ですか○ですか」):
        # said with its symbol, as one whose column cannot be read, and why (the words the card pages and the blind
        # writers' kit use, so that an answer and the card read alike)
        unplaced = " ".join(m.symbol for m in card.unresolved_marks)
        if unplaced:
            marks += (", " if marks else "") + (f"列の読み取れない印 {unplaced}（PDFの行のセル数が見出しと合わず、"
                                                "どの条・手引の列の印か表からは決められない）")
        return marks or "（判定できる印なし）"
    if fld == "source":
        return f"{card.source.file} {card.source.line} 行目"
    if fld == "name":
        return card.name
    if fld == "id":
        return f"{card.id}（{card.name}）"
    return card.overview.replace("\n", " ")[:400] + ("…" if len(card.overview) > 400 else "")


# "What's the second one about?", "What does it do?": what the measure is as a whole (its overview and what it
# measures), not only its overview's opening lines
_WHAT_IT_IS = re.compile(r"\bwhat(?:'s|’s| is| are)\b.*\babout\b|\bwhat (?:does|do) (?:it|that|this|they|the \w+(?: one)?) do\b",
                         re.I)


def _table(cards: Sequence[PolicyCard], fld: str, question: str) -> list[list[str]]:
    if fld == "kpi":
        rows = [["施策番号", "施策名", "主担当", "KPI(進捗)", "KPI(効果)"]]
        rows += [[c.id, c.name, _lead(c), c.kpi_progress or "（空欄）", c.kpi_effect or "（空欄）"] for c in cards]
        return rows
    if fld in ("id", "name"):  # (the name asked is the table's own 施策名 column, not a second one beside it)
        return [["施策番号", "施策名", "主担当"]] + [[c.id, c.name, _lead(c)] for c in cards]
    if fld == "ministries":  # every ministry once, the lead marked ◎: a 主担当 column beside it said the lead twice
        return [["施策番号", "施策名", "担当府省庁（◎ 主担当）"]] + [
            [c.id, c.name, "".join(_ministries(c))] for c in cards]
    rows = [["施策番号", "施策名", "主担当", FIELD_LABELS[fld]]]
    return rows + [[c.id, c.name, _lead(c), field_text(c, fld, question)] for c in cards]


# 「警察庁も入ってるんだ。」, 「なるほどね。」: a remark on the last answer before the question, not part of what is asked
_REMARK = re.compile(r"^[^。!！?？]{0,40}?(?:んだ(?:ね|な|ねえ)?|んですね|のか|なのか|なるほど(?:ね)?|ですね|だね|よね|へえ|へー|"
                     r"そうか|そっか|そうなんだ|了解(?:です|しました)?|ありがとう(?:ございます|ございました)?|(?:わ|分)かりました|"
                     r"承知しました|助かります|助かりました)[。!！]\s*|"
                     # 「前置き抜きで聞くけど、」, 「本題と関係ないんですが、」: a preface to the question, not part of it
                     r"^[^。!！?？、,]{0,24}?(?:聞く|聞きます|聞きたい|伺い(?:ます|たい)|質問|お尋ねします|確認です|関係ない|関係ありません|"
                     r"無関係)(?:ん|の)?(?:だ|です)?(?:けど|けれど(?:も)?|が)[、,]\s*|"
                     # "Thanks. Now, what about drones?": an English remark, and the "now" that moves on
                     r"^(?:ok(?:ay)?|thanks(?: a lot)?|thank you(?: very much)?|great|got it|i see|cool|perfect|nice|"
                     r"understood|alright|all right)\s*[.!,]\s*(?:(?:and |so )?now\b,?\s*)?", re.I)


# a sentence that recalls a thing as being there (「…の施策もありましたよね。」, 「…って話、あったよね。」) is no remark
# on the answer: it names what the next sentence asks about
_RECALLED = re.compile(r"(?:あり(?:ました|ます)|あった|ある)(?:ん|の)?(?:です|だ)?(?:よ)?ね[。!！]\s*$")


# what frames a statement as heard and asks whether it is so (at the question's end): 「…ってほんと？」, 「…って本当
# ですか」, 「…ってマジ？」, 「…って聞いたんだけど」, 「…と聞きました」
_RECALL = r"(?:あっ|あり(?:まし)?)た(?:でしょ(?:う)?|よね|よな|じゃん|っけ|ですよね|ですね|か)?"
_HEARSAY = re.compile(r"(?:って|と(?:いう(?:の|話)?(?:は|って)?)?)[、,\s]*(?:(?:ほんと|本当|ホント|マジ|まじ)(?:う)?(?:に)?"
                      r"(?:なの|なん|です|なんです|でしょう)?(?:か|かな|かね|ですか|ですかね|だよね|ですよね)?|"
                      r"(?:聞い|きい|耳にし|読ん|よん)(?:た|たん|ちゃった)(?:だ|です)?(?:けど|けれど(?:も)?|が)?|"
                      r"(?:聞き|きき)ました(?:けど|が)?|"
                      # 「…って話あったでしょ」, 「…ってやつありましたよね」: a measure recalled, as _RECALLED but at the end
                      r"(?:話|はなし|やつ|件|の)?(?:が|も)?[、,\s]*" + _RECALL + r")[?？!！。…\s]*$|"
                      r"(?<=[^\sのをにがはでともや、,])(?:話|はなし|やつ|件)(?:が|も)?[、,\s]*" + _RECALL + r"[?？!！。…\s]*$")


# a question that points at what was just said as its topic: 「そういう施策ってある？」, 「そんなのある？」
_SUCH = re.compile(r"\s*(?:で|じゃあ|なので|だから)?[、,\s]*(?:そういう|そういった|そんな|こういう|こういった|こんな|その手の)")


# a closing sentence that only asks to confirm what the one before it says (「確認させてください」, "Please confirm.")
_CONFIRM_AFTER = re.compile(r"[。.!！?？]\s*(?:念のため|一応|ちょっと)?[、,]?\s*(?:ご)?(?:確認|確かめ)(?:を|させて|して|させ)?"
                            r"(?:ください|下さい|ほしい(?:です)?|欲しい(?:です)?|(?:もらえ|いただけ)(?:ます|ません)?か|たい(?:です)?|"
                            r"お願い(?:します|いたします)?|願います)[。.!！]?\s*$|"
                            r"[.?!]\s*(?:(?:could|can|would) you |please )?(?:confirm|double[- ]check|check)(?: (?:that|it|this))?"
                            r"(?: for me)?(?:,? please)?[.?!]?\s*$", re.I)


def _without_remarks(question: str) -> str:
    """The question without a leading remark sentence, when a question follows it, nor a closing clause that lets a
    condition go."""
    # 「…でしたよね。確認させてください。」, "… right? Please confirm.": a closing request to confirm asks nothing
    # more (read first: the sentence before it, 「…でしたよね。」, is then the question, not a remark before one)
    confirm = _CONFIRM_AFTER.search(question)
    if confirm and question[:confirm.start()].strip():
        question = question[:confirm.start() + 1]
    m = _REMARK.match(question)
    after = question[m.end():] if m else ""
    if m and (_RECALLED.search(m.group(0)) or (_SUCH.match(question, m.end()) or _ASKS_FOR_MEASURES.search(after)
                                                and not has_own_topic(after)) and has_own_topic(m.group(0))):
        # 「不動産に共通の番号をふる話ありましたよね。」, 「うちの集落にまだ光回線が来てないんだよね。そういう施策ってある？」,
        # 「匿名加工医療情報って次世代医療基盤法のやつですよね。施策としてありますか」: the sentence names the topic the
        # question then asks about (or points at with そういう, or asks for measures of without naming any)
        m = None
    if m and topic_switch(question)[0]:
        # 「全然関係ないけど、」 says the subject changes: kept for follow_up, so that 「この中に」 after it is the table,
        # not the cards just answered
        m = None
    question = question[m.end():] if m and question[m.end():].strip() else question
    # a closing clause that lets a condition go: 「…ある？離島とか関係なくていいので」, 「…は？分野は問わず」 (its words are
    # what the answer need not be about: no topic to search), said after the question or a comma
    # 「…ってほんと？」, 「…ってマジ？」, 「…って聞いたんだけど」: whether what was heard is so, asked of the thing heard
    said = _HEARSAY.search(question)
    if said and has_own_topic(question[:said.start()]):
        question = question[:said.start()].rstrip(" 、,")
    end = len(question.rstrip())
    r = next((m for m in UNRESTRICTED.finditer(question) if m.end() >= end
              and question[:m.start()].rstrip()[-1:] in tuple("?？。!！、,")), None)
    return question[:r.start()].rstrip(" 、,") if r and question[:r.start()].strip(" 、,") else question


def _in_asking_language(answer_turn: Callable[..., Answer]) -> Callable[..., Answer]:
    """An English question's answer with the chat's own words in English (index.english); a Japanese one as written."""
    def ask(retriever: Retriever, question: str, conversation: Conversation | None = None, **kw) -> Answer:
        known = _per_index(retriever, "_own_names")
        if not known and retriever.cards:
            known.update(own_names.names_of(retriever.cards) or {"": ()})
        token = own_names.CURRENT.set(known)
        try:
            a = answer_turn(retriever, question, conversation, **kw)
        finally:
            own_names.CURRENT.reset(token)
        before = conversation.turns if conversation is not None else ()
        return en.framed(a) if en.asks_in_english(question, lambda: [t.question for t in before]) else a
    ask.__doc__ = answer_turn.__doc__
    return ask


# "a KPI on 情報処理安全確保支援士 (registered security specialists)": in an English question, the table's own term
# glossed in parentheses; the term says what is asked, the writer's gloss only loosens it (security → every security
# card), so the gloss is dropped
_TERM_GLOSSED = re.compile(r"(?P<term>[一-鿿々ァ-ヺー][一-鿿々ぁ-ゖァ-ヺーA-Za-z0-9]*)\s*[(（](?P<gloss>[A-Za-z .,'’-]*[a-z]{3}[A-Za-z .,'’-]*)[)）]")


def _as_written(answer_turn: Callable[..., Answer]) -> Callable[..., Answer]:
    """A question typed as spaced kana (「め の みえない ひと むけの しんごうき」) read as the converted sentence it
    stands for (text.written_spaced_kana: the table's words, UniDic's spellings, the spaces joined), for the
    follow-up's reading and the search alike; an English question's (english.is_english) Japanese term read without
    the writer's own gloss of it (_TERM_GLOSSED); the answer keeps the question as typed."""
    def ask(retriever: Retriever, question: str, conversation: Conversation | None = None, **kw) -> Answer:
        typed = (question or "").strip()[:MAX_QUESTION_CHARS]
        if is_spaced_kana(typed):
            written = written_spaced_kana(retriever.understanding.spell_names(typed), retriever.reading_dictionary())
        elif en.is_english(typed):
            written = _TERM_GLOSSED.sub(r"\g<term>", typed)
        else:
            written = typed
        if written == typed:
            return answer_turn(retriever, question, conversation, **kw)
        a = answer_turn(retriever, written, conversation, **kw)
        a.question = typed
        return a
    ask.__doc__ = answer_turn.__doc__
    return ask


@_in_asking_language
@_as_written
def ask(retriever: Retriever, question: str, conversation: Conversation | None = None, *,
        filters: Filters | None = None, top_k: int = 10, mode: str = "hybrid") -> Answer:
    """Answer one chat turn: read how it continues the conversation (index.conversation), search, and answer the
    field asked for (or the cards); returns the answer with the conversation extended by this turn. The chat, the
    API's /ask and `seisaku ask` all answer through here."""
    conversation = conversation or Conversation()
    filters = filters or Filters()
    # 「お世話になっております。…」, 「…よろしくお願いいたします。」: a letter's greetings change no table question
    question = past_greetings((question or "").strip()[:MAX_QUESTION_CHARS]).strip()
    question = _body_said_before(retriever, question, conversation)
    if is_junk(question):
        return Answer(question, "", "unreadable", "質問の内容を読み取れませんでした。施策の内容、府省庁名、"
                      "施策番号（例: 04-03）などで質問してください。", 0.0, None,
                      conversation=conversation.add(Turn(question[:200])))
    # 「主担当はこうろうしょう？」: a ministry typed in kana is read as its name, as the search reads it
    # 「11条1項2項のほかの条」 is 「11条1項2項以外の条」: the other columns, not 「ほかの」 asking for more measures
    # (「主担当とそれ以外に分けて」, "into the lead and the others": the ministries' layout, no other measures: _LAID_OUT)
    # (「その中で07の番号のやつだけ」 is 「その中で第7章のやつだけ」: a chapter, not the 施策番号 field: chapter_by_id)
    by_chapter = chapter_by_id(unicodedata.normalize("NFKC", question))
    read = by_chapter if by_chapter != unicodedata.normalize("NFKC", question) else question
    fu = follow_up(retriever.understanding.spell_names(_without_remarks(_LAID_OUT.sub(" ", _OTHER_COLUMNS.sub("以外の", read)))),
                   conversation, _field_rest)
    last = context(conversation, _field_rest)
    fu = _which_of_list(retriever, question, fu, last) or fu
    fu = _place_in_named_list(retriever, question, fu, last) or fu
    fu = _role_beside_list(retriever, question, fu) or fu
    apart_said = _ASKED_BEFORE.search(fu.rest) if fu.kind == "set" else None
    asked_one_by_one = {i for t in conversation.turns if len(t.answers) == 1 for i in t.answers} if apart_said else set()
    kept_apart = tuple(i for i in fu.ids if i not in asked_one_by_one)
    set_apart = tuple(i for i in fu.ids if i in asked_one_by_one) if apart_said and kept_apart else ()
    if apart_said and set_apart:
        # "Apart from the one I already asked about, which of them …", 「さっき聞いたの以外で…」: the cards asked about
        # one by one before are set apart, not words a card must lack
        fu = replace(fu, ids=kept_apart, rest=(fu.rest[:apart_said.start()] + " " + fu.rest[apart_said.end():]).strip())
    turn = _Turn(question, fu, last)
    notes = [fu.note] if fu.note else []
    if set_apart:
        notes.append(f"先に尋ねた施策（{'、'.join(set_apart)}）を除いて答えています。")
    if fu.missing:  # 「3番目の施策は？」 after one answer: said, and the list stays the one being discussed
        return Answer(question, "", "none", fu.missing, 0.0, None, notes=notes,
                      conversation=conversation.add(turn.make((), ())))
    text = fu.rest
    if fu.kind in ("fresh", "switch"):
        text = _same_chapter_numbered(retriever, text, last)
    ask_field = field_asked(text)
    if fu.refers and fu.kind != "more":  # 「所管官庁は？」 about the cards pointed at: the field named by its words
        ask_field = follow_up_field(text)
    said_ids = _IDS.findall(unicodedata.normalize("NFKC", text)) if ask_field is None and not fu.refers else []
    field_of_id = field_by_words(_IDS.sub(" ", unicodedata.normalize("NFKC", text))) if (
        len(set(said_ids)) == 1 and not _ASKS_CARDS.search(text)) else None
    if field_of_id is not None:
        # "07-07 lead?", 「07-07、お金は？」: a card named by its number and a field said by its words alone (as a
        # follow-up says it of the card just answered)
        ask_field = replace(field_of_id, rest="-".join(said_ids[0]))
    left = ask_field.rest if ask_field is not None else text
    prev_turn = conversation.last
    assumed = False  # the field asked is the last question's, not said in this one
    about_m = _WHAT_ABOUT.match(unicodedata.normalize("NFKC", _without_remarks(question)).strip())
    what_about = (about_m.group("en") or about_m.group("ja") or "") if about_m else ""
    # 「もう一方は？」, "And the other one?", 「もう一方の施策は？」 after a field of one card: that field of the one left,
    # when the question names nothing of its own (「残りは？」 with several left shows them as the list did, each with
    # what it does)
    bare_rest = fu.kind == "rest" and len(fu.ids) == 1 and not has_own_topic(left)
    if (ask_field is None and prev_turn is not None and (bare_rest or what_about and fu.kind in (
            "fresh", "pick", "one", "ordinal") and not _ASKS_FOR_MEASURES.search(what_about))):
        # 「民間企業のほうは？」 after 「国家公務員の目標は？」, 「じゃあドローンは？」 after 「テレワークの担当は？」: the field
        # the last question asked, of what this one names
        prev_field = follow_up_field(prev_turn.question)
        if prev_field is not None and prev_field.field != "id":
            ask_field = _carried(prev_field, prev_turn.question, left)
            notes.append(f"直前の質問と同じく{FIELD_LABELS[prev_field.field]}を答えています。")
            assumed = True
    run: dict[str, Any] = dict(top_k=int(top_k), filters=filters, mode=mode)

    by_marks = _by_marks(retriever, text, fu, conversation, tuple(i for i in fu.ids if not filters.ids or i in filters.ids)) \
        if (fu.kind == "fresh" and conversation.turns) or (fu.refers and fu.kind != "more" and fu.ids) else None
    if by_marks is not None:
        # 「そのうち◎になっているものだけ」, 「○のほうの2つは？」 after 「11条1項2項に印がある施策」: the symbol in the
        # columns the list was chosen by, each card with its marks there
        ids, columns, note = by_marks
        notes = [n for n in notes if n != fu.note] + [note]
        marked = Filters(articles=tuple(c for c in columns if c not in GUIDE_COLUMNS),
                         guides=tuple(c for c in columns if c in GUIDE_COLUMNS), marks_rule="any")
        hits = [replace(h, reason=cell_reason(h.card, marked)) for h in _hits(retriever, ids)]
        # (the ◎ said is a mark: no 府省庁名 asked by it, as no marks field is: each card shows its marks)
        return _answer(question, "", ask_field if ask_field is not None and ask_field.field not in ("marks", "ministries")
                       else None, hits, [], 1.0 if hits else 0.0, None, notes, conversation, turn, text)

    # (「経産省のICSCoEのやつ」: a card described by its own words besides the ministry, which the pick reads)
    by_lead = _by_lead_earlier(retriever, text, fu, conversation, last, ask_field) \
        if fu.refers and fu.kind in ("set", "each", "pick") and fu.ids and last is not None and not has_own_topic(
            _NOT.sub(" ", _MINISTRY_WORD.sub(" ", retriever.understanding.run(left).intent.topic))) else None
    if by_lead is not None:
        # 「国交省主担当のほうは？」 after a pick from 「そのうち国交省が主担当じゃないのは？」: the part of the list before it
        # that the ministry's lead chooses; "Does MOF lead any of them? Who leads each?": each card with its lead
        part, part_of, part_note = by_lead
        notes = [n for n in notes if n != fu.note] + [part_note]
        if part_of and last is not None:  # the part is of an earlier list: that list is the one it is a part of (「残り」, 「2つ目」 count in it)
            turn = _Turn(question, fu, replace(last, answers=part_of, listing=None, parent=None, given=()))
        hits = _hits(retriever, tuple(i for i in part if not filters.ids or i in filters.ids))
        if ask_field is None:
            hits = _topic_passages(retriever, hits, last, filters, run)
        hits = _with_ministries(retriever, hits, ask_field, text)
        return _answer(question, "", ask_field, hits, [], 1.0 if hits else 0.0, None, notes, conversation, turn, text)

    if fu.refers and fu.kind != "more" and fu.ids:
        allowed = tuple(i for i in fu.ids if not filters.ids or i in filters.ids)
        rest_said = fu.kind == "set" and bool(_REST_SAID.search(fu.words))
        # 「3つ目は厚生労働省も◎でしたよね」, "Is MHLW a lead on the second one?": the same, of the card at that place
        placed = fu.kind == "ordinal" and len(allowed) == 1 and (ask_field is None or ask_field.field == "ministries")
        if ((fu.kind in ("one", "set", "each") and (_PRONOUN.fullmatch(fu.words.strip()) or rest_said)
                and (ask_field is None or rest_said and ask_field.field == "ministries") or placed)
                and _checks_ministry(retriever, text)):
            if placed:
                return _ministry_check(retriever, question, text, allowed, notes, conversation, last)
            # 「それって警察庁？」, 「どっちも経産省？」: yes or no for each card just answered, with its 府省庁名;
            # 「残りのは全部経産省？」: for each card of the rest of the list (those that are not said so)
            return _ministry_check(retriever, question, text, allowed, [n for n in notes if n != fu.note], conversation,
                                   last)
        co_led = _co_led(retriever, allowed, text) if fu.kind == "set" and len(allowed) > 1 else None
        if co_led is not None:
            # 「その中で内閣府と内閣官房の両方に◎がついてるのは？」, 「そのうち他の府省とダブルで主担当になってるのは？」: the
            # cards of the list whose 府省庁名 has more than one ◎ (those named among them)
            co_said, ids = co_led
            notes.append(f"直前の一覧（{'、'.join(allowed[:5])}{' ほか' if len(allowed) > 5 else ''}）のうち、{co_said}の施策は "
                         f"{len(ids)} 件です。")
            return _answer(question, "", FieldAsk("ministries", text, True, ""), _hits(retriever, ids), [],
                           1.0 if ids else 0.0, None, notes, conversation, turn, text)
        said_so = _said_in_text(retriever, allowed, text) if fu.kind == "set" and len(allowed) > 1 else None
        if said_so is not None:
            # 「そのうち達成時期が見込めないって書いてあるのは」: the cards of the list whose text makes the statement, each
            # with the sentence that makes it
            statement, ids, stems = said_so
            by_id = _card_index(retriever)
            notes.append(f"直前の一覧（{'、'.join(allowed[:5])}{' ほか' if len(allowed) > 5 else ''}）のうち、「{statement}」と"
                         f"記載のある施策は {len(ids)} 件です: " + " / ".join(
                             f"{i}「{_sentence_holding(by_id[i], stems)}」" for i in ids))
            return _answer(question, "", ask_field if ask_field is not None and ask_field.field != "when" else None,
                           _hits(retriever, ids), [], 1.0, None, notes, conversation, turn, text)
        by_role = _role_follow_up(retriever, text, question, conversation, allowed) if fu.kind in ("set", "pick", "each") \
            or len(allowed) > 1 else None
        if by_role is not None:
            # 「そのうち主担当じゃないのは？」 after 「国交省が関わっている施策を全部」: the ministry of the list, carried over
            ministry, ids, leads = by_role
            role = "主担当（◎）の" if leads else "関係府省庁として入っていて主担当（◎）ではない"
            notes.append(f"直前の一覧（{'、'.join(allowed[:5])}{' ほか' if len(allowed) > 5 else ''}）のうち、{ministry}が"
                         f"{role}施策は {len(ids)} 件です。")
            return _answer(question, "", FieldAsk("ministries", text, True, ministry), _hits(retriever, ids), [],
                           1.0 if ids else 0.0, None, notes, conversation, turn, text)
        if fu.kind == "pick" and _names_ministry(retriever, fu.described) and not has_own_topic(
                _MINISTRY_WORD.sub(" ", fu.described)):
            fu = replace(fu, kind="set")  # 「総務省のやつは？」: those of the list that ministry takes part in
            turn = _Turn(question, fu, last)
        if ask_field is None and fu.kind in ("pick", "one", "ordinal", "each") and _names_ministry(retriever, left):
            ask_field = FieldAsk("ministries", left, False, "")  # 「APECのほうに外務省は入ってる？」: its ministries
        negated = _NOT.search(fu.described) if fu.kind == "pick" else None
        if negated and negated.start() > 0 and len(allowed) > 1:
            # 「鉄道じゃないほうの効果KPIは」: the listed cards the description (without its negation) does not fit
            positive = fu.described[:negated.start()]
            fitting = _picked_by_words(retriever, allowed, positive, 1)
            if not fitting and _nouns(positive):  # 「港以外のは？」: every listed card whose text holds the words
                held = _containing(retriever, allowed, _nouns(positive))
                fitting = held if len(held) < len(allowed) else ()
            if not fitting:
                top = retriever.search(positive[:MAX_SEARCH_CHARS], top_k=len(allowed),
                                       filters=replace(filters, ids=allowed), mode=mode, abstain=False).results
                fitting = (top[0].card.id,) if top else ()
            others = [i for i in allowed if i not in fitting]
            if fitting and others:
                notes.append(f"「{fu.words.strip(' ,—–-')}」は直前の一覧のうち {'、'.join(fitting)} 以外の {'、'.join(others)} として"
                             "答えています。")
                return _answer(question, "", ask_field, _hits(retriever, others), [], 1.0, None, notes, conversation,
                               turn, text)
        said_each = _said_of_each(retriever, allowed, left) if fu.kind == "each" and ask_field is None else None
        if said_each is not None:
            # 「それぞれNICTの何を通じてやってるの？」: each card, with its sentence that holds the question's words (the
            # answer to it is in that sentence: 「NICTのナショナルサイバートレーニングセンターを通じて」)
            return _answer(question, "", None, said_each, [], 1.0, None, notes, conversation, turn, text)
        if fu.kind == "pick" and fu.count == 0:
            # 「港のほうのKPIそれぞれ」: each listed card whose name (else text) holds the description's words, at least one
            held = _containing(retriever, allowed, _nouns(fu.described), True) or _containing(
                retriever, allowed, _nouns(fu.described)) if _nouns(fu.described) else ()
            fu = replace(fu, count=max(1, len(held)))
        if fu.kind == "pick":  # 「高齢者向けのほうのKPIは？」: the listed card(s) the description fits best
            spelled = retriever.understanding.run(fu.described).intent.respelled
            if spelled and _JAPANESE_CHARS.search(fu.described):
                # 「ちいきでやるほう」: a description typed in kana is read in the table's spelling (地域), as the search
                # reads it, so that the cards' own words can pick one
                fu = replace(fu, described=spelled)
            before = picked_before(fu, last)
            described_by = _picked_by_words(retriever, allowed, fu.described, fu.count) if before else ()
            if described_by and all(i in before for i in described_by):
                # 「2番目のテレワークのやつ」, then 「国家公務員のほうの期限は？」: the words of the card just picked, and of no
                # other card of the list, describe that card again, by another of its words (no contrast)
                before = ()
            if len(allowed) - len([i for i in allowed if i in before]) >= fu.count:
                allowed = tuple(i for i in allowed if i not in before)  # 「地域のほう」, then 「学校のほう」: another one
            res = retriever.search(fu.described[:MAX_SEARCH_CHARS], top_k=len(allowed),
                                   filters=replace(filters, ids=allowed), mode=mode, abstain=False)
            by_words = _picked_by_words(retriever, allowed, fu.described, fu.count)
            whole = tuple(i for i in fu.whole if not filters.ids or i in filters.ids)
            if not by_words and whole and not _picked_by_words(retriever, allowed, fu.described, 1):
                # 「レセプトのやつ」 after 「その中で…」 narrowed the list: a card of the whole list, by its own words
                by_words = _picked_by_words(retriever, whole, fu.described, fu.count)
                if not by_words and fu.count == 1 and not re.search(r"[\u3040-\u30ff\u4e00-\u9fff]", fu.described):
                    # "the e-invoice one" (English: the cards' words cannot be matched) after その中 narrowed the list:
                    # a card of the whole list when the search ranks it above every card of the narrowed one
                    both_lists = retriever.search(fu.described[:MAX_SEARCH_CHARS], top_k=len(allowed) + len(whole),
                                                  filters=replace(filters, ids=allowed + whole), mode=mode, abstain=False)
                    if both_lists.results and both_lists.results[0].card.id in whole:
                        by_words = (both_lists.results[0].card.id,)
                if by_words:
                    res = retriever.search(fu.described[:MAX_SEARCH_CHARS], top_k=len(by_words),
                                           filters=replace(filters, ids=by_words), mode=mode, abstain=False)
            if not by_words and fu.count == 1:
                # 「農地の区画の地図データのやつ」: no listed card holds every word; the one holding the most of them
                by_words = _holding_most(retriever, allowed, fu.described)
            shown_below = tuple(i for i in dict.fromkeys(last.related + last.near if last is not None else ())
                                if i not in allowed and (not filters.ids or i in filters.ids))
            if not by_words and fu.count > 1 and shown_below:
                # 「農地のほうの2つ」 when one of the two is shown right below the list: the cards the person saw
                by_words = _picked_by_words(retriever, allowed + shown_below, fu.described, fu.count)
            nouns = _nouns(fu.described)
            if nouns and not _containing(retriever, allowed, nouns, True):
                # 「レセプトのほうは？」 when no listed card is named so but one shown below it is (or, failing that, one
                # card of the table): that one, by its name
                for pool in (shown_below, tuple(c.id for c in retriever.cards if not filters.ids or c.id in filters.ids)):
                    by_name = _containing(retriever, pool, nouns, True)
                    if by_name:
                        by_words = by_name if len(by_name) == fu.count else by_words
                        break
            outside = ""  # a card of the table the description names though it is not listed
            if (not by_words and fu.count == 1 and nouns and _JAPANESE_CHARS.search(fu.described)
                    and not _holding_any(retriever, fu.ids, nouns)):
                # 「8K映像で遠隔手術支援するやつもあったよね」: a description that no listed card holds a word of, and
                # that the whole table answers with one card: that card, though not listed
                table = retriever.search(fu.described[:MAX_SEARCH_CHARS], **run)
                if len(table.answers) == 1 and table.results and table.results[0].card.id not in fu.ids:
                    outside = table.results[0].card.id
                    by_words = (outside,)
            ranked = sorted(res.results, key=lambda h: h.card.id not in by_words)  # the cards' own words first
            ranked_ids = {h.card.id for h in ranked}
            # a card that holds the words but that the search did not rank at all still comes first
            ranked = _hits(retriever, [i for i in by_words if i not in ranked_ids]) + ranked
            # a card the description's own words chose is the one pointed at (sure as a card named by number); one the
            # search only ranked first keeps its rating, and the heading shows the least sure (heading 高 above a card
            # marked 低 read as a contradiction: "The Okinawa one" after a list, 07-04 rated 0.2 by the search)
            picked = [replace(h, related=False, confidence=1.0 if h.card.id in by_words else h.confidence)
                      for h in ranked[:fu.count]]
            if picked and all(h.card.id in allowed for h in picked):
                notes.append(f"「{fu.words.strip(' ,—–-')}」は直前の一覧の {'、'.join(h.card.id for h in picked)} として答えています。")
            elif picked and outside:
                notes.append(f"「{fu.words.strip(' ,—–-')}」は、直前の一覧に当たる施策がないため、表全体で当たる {outside} として"
                             "答えています。")
            elif picked:
                notes.append(f"「{fu.words.strip(' ,—–-')}」は、直前の一覧に当たる施策がないため、施策名に「{fu.described}」の語を"
                             f"含む {'、'.join(h.card.id for h in picked)} として答えています。")
            return _answer(question, left, ask_field, picked, [], min((h.confidence for h in picked), default=0.0), res,
                           notes, conversation, turn, text)
        most = _MOST_MINISTRIES.search(text) or _MOST_MINISTRIES.search(unicodedata.normalize("NFKC", question))
        counted = [(len(c.ministries), i) for i in allowed if (c := _card_index(retriever).get(i)) is not None]
        if most and len(counted) > 1:
            # 「その中で関わる省庁が一番多いのは？」: the card whose 府省庁名 names the most (or fewest) bodies
            fewest = bool(re.search(r"少な|fewest|least|fewer", most.group(0)))
            n = (min if fewest else max)(k for k, _ in counted)
            ids = [i for k, i in counted if k == n]
            notes.append(f"直前の施策（{'、'.join(allowed[:5])}）のうち、府省庁名に挙がる府省庁が最も"
                         f"{'少ない' if fewest else '多い'}のは {'、'.join(ids)}（{n} 府省庁）です。")
            return _answer(question, "", FieldAsk("ministries", left, False, ""), _hits(retriever, ids), [], 1.0,
                           None, notes, conversation, turn, text)
        begun = _begun_among(retriever, allowed, question) if fu.kind == "set" and len(allowed) > 1 else None
        if begun is not None:
            # 「そのうちもう運用が始まってるのは？」, 「その中で稼働中のものは」: the cards whose 工程表 says the thing began
            # (a start milestone already past, its sentence saying the operation asked), each with that sentence
            notes.append(f"直前の一覧（{'、'.join(allowed[:5])}{' ほか' if len(allowed) > 5 else ''}）のうち、すでに"
                         f"{'運用・稼働' if begun[0] else '開始'}したと記載のある施策は {len(begun[1])} 件です: "
                         + " / ".join(f"{i}「{m.sentence.strip()}」" for i, m in begun[1]))
            return _answer(question, "", ask_field if ask_field is not None and ask_field.field != "when" else None,
                           _hits(retriever, [i for i, _ in begun[1]]), [], 1.0, None, notes, conversation, turn, text)
        soonest = _superlative_date(text) or _superlative_date(unicodedata.normalize("NFKC", question))
        if soonest is not None and len(allowed) > 1:
            # 「その中で期限が一番先なのは？」: the card whose 工程表 milestone comes last (or first), by its year
            dated = [(m, i) for i in allowed if (c := _card_index(retriever).get(i)) is not None
                     and (m := card_milestone(c, text)) is not None]
            if dated:
                pick = (max if soonest == "latest" else min)(dated, key=lambda d: (d[0].year, d[0].month or 0))
                undated = [i for i in allowed if i not in {d[1] for d in dated}]
                notes.append(f"直前の施策（{'、'.join(allowed[:5])}）のうち、時期が最も{'遅い' if soonest == 'latest' else '早い'}"
                             f"のは {pick[1]}（{pick[0].label}）です。"
                             + (f"{'、'.join(undated)} には時期を書いた記載がありません。" if undated else ""))
                return _answer(question, "", FieldAsk("when", left, False, ""), _hits(retriever, [pick[1]]), [], 1.0,
                               None, notes, conversation, turn, text)
        if fu.kind == "one" and ask_field is not None and _WEAK_POINTER.fullmatch(fu.words.strip()) \
                and has_own_topic(_MINISTRY_WORD.sub(" ", left)) \
                and not _containing(retriever, allowed, _nouns(_MINISTRY_WORD.sub(" ", left))):
            # "What about telework, who leads that one?": the pronoun is the topic it names, not the card just answered
            fresh = retriever.search(left[:MAX_SEARCH_CHARS], **run)
            found, rest = answer_cards(fresh)
            # an English question's words cannot be found in the Japanese cards: "what's its employment-rate target?"
            # stays the card's unless the search is sure of another card and does not rank this one near the top
            english = not _JAPANESE_CHARS.search(left)
            elsewhere = not english or (confidence_of(fresh) >= OTHER_CARD_SURE
                                        and not any(h.card.id in allowed for h in fresh.results[:5]))
            if found and found[0].card.id not in allowed and elsewhere:
                return _answer(question, left, ask_field, found, rest, confidence_of(fresh), fresh, [], conversation,
                               _Turn(question, FollowUp("fresh", rest=text), last), text)
        same_target = _same_target_among(retriever, allowed, text) if fu.kind == "set" else None
        if same_target is not None:
            # 「その中で、まったく同じ数値目標を掲げているものは？」: the cards of the list whose KPI sets a target figure that
            # another of them sets too (none, said so)
            notes.append(f"直前の施策（{'、'.join(allowed[:5])}{' ほか' if len(allowed) > 5 else ''}）のうち、同じ数値目標"
                         f"（数値・単位・年度）をKPIに掲げている施策は {len(same_target)} 件です。")
            return _answer(question, "", FieldAsk("kpi", left, True, ""), _hits(retriever, same_target), [],
                           1.0 if same_target else 0.0, None, notes, conversation, turn, text)
        kpi_set = _kpi_set_among(retriever, allowed, text, question) if (
            fu.kind == "set" and len(allowed) > 1 and not _EVERY.match(fu.words.strip())) else None
        if kpi_set is not None:
            # 「そのうちKPIが設定されているのは？」, "which of them have KPIs set?": the cards of the list with a KPI written
            # in either cell (none, where every one of them is 未設定 or blank: said so)
            of = "、".join(allowed[:5]) + (" ほか" if len(allowed) > 5 else "")
            notes.append(f"直前の施策（{of}）のうち、KPI(進捗)かKPI(効果)が設定されている施策は {len(kpi_set)} 件です"
                         + ("。" if kpi_set else "（いずれも未設定か空欄です）。"))
            return _answer(question, "", FieldAsk("kpi", left, True, ""), _hits(retriever, kpi_set), [],
                           1.0 if kpi_set else 0.0, None, notes, conversation, turn, text)
        # 「そのうち両方とも決まってないのは？」 after 「KPIが未設定とか空欄の施策は？」: the state of the cells the list was
        # chosen by, the KPI not said again
        text = _kpi_said_before(text, last) if fu.kind == "set" else text
        # 「そのうちKPIが空欄なのは？」 chooses by cells; 「それぞれのKPIの数字目標を」 asks the field of each, chooses none
        by_cells = (len(allowed) > 1 and fu.kind == "set" and not _EVERY.match(fu.words.strip())
                    and asks_cells(retriever, text))
        both_unset = _both_kpis_unset(retriever, allowed, text) if by_cells else None
        if both_unset:
            # 「そのうち進捗・効果とも未設定か空欄なのは」: neither KPI written (a card with one of them set is not one)
            notes.append(f"直前の施策のうち、KPI(進捗)・KPI(効果)のどちらも設定されていない（未設定か空欄の）施策は "
                         f"{len(both_unset)} 件です。")
            return _answer(question, "", FieldAsk("kpi", left, True, ""), _hits(retriever, both_unset), [], 1.0, None,
                           notes, conversation, turn, text)
        if (not has_own_topic(left) and not by_cells) or (ask_field is not None and (
                fu.kind in ("ordinal", "one", "ellipsis", "each") or _PRONOUN.fullmatch(fu.words.strip()))):
            # 「担当は？」, 「残りの3つは？」, 「それぞれのKPIは？」, 「1つ目の施策名を正式名称で」: those cards, no search
            close = _closeness(retriever, fu.topic, allowed) if fu.kind == "rest" and 1 < fu.count == len(allowed) - 1 \
                and fu.topic else None
            if close:
                # 「他の2つの主担当は？」 when 3 are left (the list counted one more than the person did): the 2 of them
                # nearest the list's topic, the one left out said
                near_ones = sorted(allowed, key=lambda i: -close.get(i, -1.0))[:fu.count]
                out = [i for i in allowed if i not in near_ones]
                allowed = tuple(i for i in allowed if i in near_ones)
                notes = [n for n in notes if n != fu.note] + [
                    f"「{fu.words}」は直前の一覧のうち、まだ取り上げていない施策で一覧の話題に近い {len(allowed)} 件（"
                    f"{'、'.join(allowed)}）として答えています（{'、'.join(out)} も一覧にありました）。"]
            hits = _hits(retriever, allowed)
            if ask_field is None and fu.kind in ("rest", "set"):
                # 「残りは？」: the cards of the list not given yet, each with what it does (as the list quoted them)
                hits = _dated_first(_topic_passages(retriever, hits, last, filters, run), text)
            return _answer(question, "", ask_field, hits, [], 1.0 if hits else 0.0, None, notes, conversation,
                           turn, text)
        # 「その中で総務省が担当しているのは？」: the question searched among those cards, every card that qualifies
        restriction = left  # (the words that restrict the list, without its pointer: 「その中で」)
        if by_cells:
            left = text  # the KPI or mark words are what the cards are chosen by
        left = _REQUEST.sub("", left).strip() or left  # 「厚労省主担当のを抜き出して」: what is asked, not how
        negated = (_NOT.search(left) or _en_negation(left) or _NOT_EN_SUBJECT.search(left)
                   or _NOT_EN_SUBJECT_NAMED.search(left))
        if negated and by_cells and COLUMN_OTHER.search(unicodedata.normalize("NFKC", left)):
            negated = None  # 「11条1項2項以外の条にも印がある」: 以外 says which columns (the search reads them), no card out
        if (negated and negated.re is _NOT_EN and re.match(r"but not\b", negated.group(0), re.I)
                and retriever.understanding.run(left).intent.not_lead):
            # "which ones have MHLW involved but not as the lead?": the ministry in the cell, its role denied (its ◎), a
            # filter on 府省庁名 the search reads (not_lead), not words the cards must lack ("not led by METI" is every
            # card METI does not lead, involved or not: a negation)
            negated = None
        wanted = left[:negated.start()] if negated else left
        if negated and negated.re is not _NOT:  # "led by a ministry other than MEXT": the words after it are negated
            wanted = negated.group(1)  # ("which ones does MIC not lead": the subject of the negated verb)
        # 「内閣府と一緒に主担当になってるのは？」 after a list of 内閣官房's: 内閣府 also a lead (一緒 names no topic)
        wanted = _TOGETHER.sub("も", wanted)
        # 「博士の人向けのやつは」, 「高齢の方向けのは」: whom it is for is the thing before 「の人」 (人 names no one)
        wanted = _PEOPLE_FOR.sub("", wanted)
        denied_chapter = _outside_chapter(left) if fu.kind == "set" else ""
        if denied_chapter:
            # 「そのうち3章以外のは？」, "which of those are outside chapter 03?": the cards of the list in any other
            # chapter (the chapter is the first two digits of 施策番号), not the chapter's own cards
            index_of = _card_index(retriever)
            other_chapters = tuple(i for i in allowed if (c := index_of.get(i)) is not None and c.chapter != denied_chapter)
            notes.append(f"直前の施策（{'、'.join(allowed[:5])}{' ほか' if len(allowed) > 5 else ''}）のうち、"
                         f"第{int(denied_chapter)}章以外の {len(other_chapters)} 件です。")
            # (a part of a list chosen by a ministry shows each card's 府省庁名, as that list did; else its passages)
            listed_by = next((t.question for t in reversed(conversation.turns) if t.listing is None
                              and set(t.answers) == set(allowed)), "")
            hits = _with_ministries(retriever, _hits(retriever, other_chapters), ask_field, listed_by)
            if ask_field is None and not any(h.reason for h in hits):
                hits = _topic_passages(retriever, hits, last, filters, run)
            return _answer(question, "", ask_field, hits, [], 1.0 if other_chapters else 0.0, None, notes, conversation, turn,
                           text)
        near: tuple[str, ...] = ()
        if (fu.kind == "set" and not negated and last is not None and last.near and fu.ids == last.thread
                and not by_cells and _restricts_by_topic(retriever, wanted)):
            # 「その中で医療系のは？」 after a topic list: the cards it nearly counted, shown right below it, are asked
            # too (a list misses some of its cards; the restriction's own topic words decide on each). A restriction
            # by ministry or by a cell (「その中で総務省のものだけ」, 「そのうちKPIが未設定のは」) says nothing of a card's
            # topic: it stays within the list it restricts
            near = tuple(i for i in last.near if i not in allowed and (not filters.ids or i in filters.ids))
        # (「内閣府のほかに府省の記載がない」: the others denied is the sole reading itself, no negation of words)
        sole = _sole_ministry(retriever, allowed, restriction if negated or by_cells else wanted) if fu.kind == "set" and (
            not negated or NO_OTHER_BODY.search(left)) else None
        if sole is not None:
            # 「うち◎が内閣官房だけのもの」, 「総務省単独でやってるのは」: the ministry named and no other (as ◎ when it asks
            # about the lead)
            name, ids, sole_lead = sole
            sole_of = "、".join(allowed[:5]) + (" ほか" if len(allowed) > 5 else "")
            notes.append(f"直前の施策（{sole_of}）のうち、{'主担当（◎）' if sole_lead else '府省庁名'}が{name}だけの施策は "
                         f"{len(ids)} 件です。")
            return _answer(question, "", FieldAsk("ministries", left, True, name), _hits(retriever, ids), [],
                           1.0 if ids else 0.0, None, notes, conversation, turn, text)
        led = _led_by_named(retriever, allowed, near, wanted, restricting=True) if not negated and fu.kind == "set" else ()
        if led:
            # 「そのうち総務省のは？」, 「総務省のほうのKPIは？」: the ministry's own measures among them, those it leads
            notes.append(f"「{re.sub(r'の(?:は|も)?[?？]*$', '', wanted.strip())}」は直前の施策のうち、"
                         f"{'・'.join(names_led := _named_ministries(retriever, wanted))}{'のいずれか' if len(names_led) > 1 else ''}"
                         f"が主担当（◎）の {'、'.join(led)} として答えています。")
            hits = _topic_passages(retriever, _hits(retriever, led), last, filters, run) if ask_field is None else \
                _hits(retriever, led)
            hits = _with_ministries(retriever, hits, ask_field, wanted)
            notes += _ministries_note(retriever, hits, ask_field, wanted)  # one card: its 府省庁名 (◎ for the lead)
            return _answer(question, "", ask_field, hits, [], 1.0, None, notes, conversation, turn, text)
        involving = _involving_named(retriever, allowed + near, wanted) if not negated and fu.kind == "set" else ()
        if involving:
            # 「そのうち財務省も関わってるのは」, "Which of them have MOF involved too?": those whose 府省庁名 names it
            notes.append(f"直前の施策のうち、府省庁名に{'・'.join(_named_ministries(retriever, wanted))}が入っている施策は "
                         f"{len(involving)} 件です。")
            return _answer(question, "", ask_field or FieldAsk("ministries", left, True, ""), _hits(retriever, involving),
                           [], 1.0, None, notes, conversation, turn, text)
        res = retriever.search(wanted[:MAX_SEARCH_CHARS], filters=replace(filters, ids=allowed + near), as_list=False,
                               **_but(run, "filters"))
        answers, related = answer_cards(res)
        topic_en = _EN_FRAME.sub("", wanted).strip(" ?.,") if not _JAPANESE_CHARS.search(wanted) else ""
        if (fu.kind == "set" and len(allowed) > 2 and topic_en and not negated
                and not (res.intent is not None and res.intent.structured)):
            # "Which of those are about skills and talent?": an English topic over a list of Japanese cards is near
            # every one of them on its own; weighed against each other as a list, the ones it is about stand out
            listed = _weighed(retriever, topic_en, allowed + near, filters, run)
            if answer_cards(listed)[0]:
                res = listed
                answers, related = answer_cards(res)
        elif (fu.kind == "set" and len(allowed) > 2 and not negated
              and (_OF_A_KIND.search(wanted) or _OF_A_KIND_VERB.search(wanted) and _kind_terms(wanted))
              and not (res.intent is not None and res.intent.structured)):
            # 「そのうち電波が入らない所をなくす系は？」: 〜系 / 〜関係 names a kind, which several of them may be; the
            # cards weighed against each other as a list, when that counts more of them
            listed = _weighed(retriever, wanted, allowed + near, filters, run)
            if {h.card.id for h in answers} < {h.card.id for h in answer_cards(listed)[0]}:
                res = listed
                answers, related = answer_cards(res)
                # 「その中で災害関係のは」: of the cards weighed in, those that hold a table term the glossary gives for
                # the kind (被災者, whose everyday words say 災害), when some do: 予防接種 only sounds near 災害
                # (and those that say the noun itself: 03-16 says 情報 for 「その中で情報関係のは」)
                terms = _kind_terms(wanted)
                kind_nouns = tuple(n for n in _kind_stripped(wanted) if len(n) >= 2)
                of_kind = _holding_any(retriever, [h.card.id for h in answers], kind_nouns + terms) if terms else set()
                if of_kind and len(of_kind) < len(answers):
                    answers, related = _kept(answers, related, [h for h in answers if h.card.id in of_kind])
            # 「そのうち災害に関係するものは」: a card of the list named by the kind, or by a table term whose everyday words
            # say it (03-21 被災者生活再建支援金: 被災者, 「災害にあった人」), is of it, though the search did not count it
            # (a kind said by one noun: 「土地の台帳関係」 names a narrower thing than every card named 台帳)
            counted_ids = {h.card.id for h in answers}
            kind_said = [n for n in _kind_stripped(wanted) if len(n) >= 2]
            kind_terms = kind_said + [t for e in glossary_entries() if len(kind_said) == 1
                                      and any(kind_said[0] in x for x in e.everyday) for t in e.terms] \
                if len(kind_said) == 1 else []
            named_kind = [i for i in allowed if i not in counted_ids
                          and any(_containing(retriever, [i], [t], True) for t in kind_terms)]
            if answers and named_kind and len(counted_ids) + len(named_kind) < len(allowed):
                answers = answers + _hits(retriever, named_kind)
                related = [h for h in related if h.card.id not in named_kind]
        # "Of those, which relate to self-driving cars?": of the cards counted, those that write the table's or
        # everyday words the glossary gives for its English phrases (自動運転), when some do and some not: 02-05
        # 運転免許 only sounds near driving ("X or Y": either phrase will do)
        phrases = english_detail_terms(topic_en) if fu.kind == "set" and topic_en and not negated else []
        any_phrase = any if re.search(r"\bor\b", topic_en, re.I) else all
        writing = [h for h in answers if _writes_phrases(retriever, h.card.id, phrases, any_phrase)]
        if writing and len(writing) < len(answers):
            answers, related = _kept(answers, related, writing)
        writers = [i for i in allowed + near if _writes_phrases(retriever, i, phrases, any_phrase)]
        if answers and {h.card.id for h in answers} < set(writers) and len(writers) < len(allowed + near):
            # "Which of those relate to the registration of information security specialists?": every card of the list
            # that writes the words for each phrase (06-05 as well as 06-01: 情報処理安全確保支援士), when the search's
            # answers all do (a card named by the topic is kept over one that writes it on the way, below)
            extra = [i for i in writers if i not in {h.card.id for h in answers}]
            answers = answers + _hits(retriever, extra)
            related = [h for h in related if h.card.id not in extra]
        topic_named = [h for h in answers if phrases and any_phrase(
            any(_states_topic(retriever, h.card, w) for w in ways) for ways in phrases)]
        if topic_named and len(topic_named) < len(answers):
            # "Which of them concern broadcasting?": a card that states it where it states its subject, its name or the
            # first point of its 課題・取組概要 (05-30 放送分野における…; 03-01 「…義務教育段階の児童生徒1人1台端末…」
            # for education), is about it; one that says it on the way (07-06: a KPI on 通信・放送役務 for people with
            # disabilities) is not
            answers, related = _kept(answers, related, topic_named)
        kin = topic_kin(table_terms(topic_en)).split() if phrases and answers else []
        kin_cards = [i for i in allowed + near if i in _holding_any(retriever, allowed + near, kin)
                     and i not in {h.card.id for h in answers}] if kin else []
        if kin_cards and len(answers) + len(kin_cards) < len(allowed + near):
            # "Which of them are about disasters?" after the Cabinet Office's list: the table states that topic in other
            # words on some of its cards (the 被災者 measures of a disaster), which the English words are far from; those
            # of the list that write them are about it too (as a topic list reads it, glossary TOPIC_KIN)
            answers = answers + _hits(retriever, kin_cards)
            related = [h for h in related if h.card.id not in kin_cards]
        headed = _headed_chapter(retriever, table_terms(topic_en)) if phrases and answers else ""
        in_headed = [i for i in allowed + near if (c := _card_index(retriever).get(i)) is not None and c.chapter == headed]
        if headed and all(h.card.chapter == headed for h in answers) and len(answers) < len(in_headed) < len(allowed + near):
            # "Which of those are about skills or training people?" after METI's list: a kind of measure that a chapter's
            # own heading names (06 デジタル人材の育成 for 人材育成), the list's cards of that chapter, when the search's
            # answers are all of it (06-04 IT人材スキル標準 is one, far as its words are from "training")
            answers = _hits(retriever, in_headed)
            related = [h for h in related if h.card.id not in in_headed]
        answers = _literal_first(retriever, answers, wanted, res)
        fields = [n for n in _nouns(wanted) if re.fullmatch(r".{2,}分野", n)] if fu.kind == "set" and not negated else []
        named_field = set(_containing(retriever, [h.card.id for h in answers], fields, True)) if fields else set()
        if named_field and len(named_field) < len(answers):
            # 「そのうち物流分野のものは？」: the field a card is in is the one its name says (03-43 サイバーポートの整備
            # (港湾物流分野)); a card that mentions that field on the way (02-10: 「港湾物流分野のデジタル化とあわせ」) is not
            answers, related = _kept(answers, related, [h for h in answers if h.card.id in named_field])
        if near and any(h.card.id in near for h in answers):
            notes.append("一覧のすぐ下に関連として示した施策（" + "、".join(h.card.id for h in answers if h.card.id in near)
                         + "）も当たるため、含めて答えています。")
        # (not 「そのうち進捗・効果とも未設定なのは」: cells joined by ・ are one cell question, read whole above)
        parts = coordinated_topics(wanted) if not negated and not by_cells else []
        by_names = False  # measures named by their names' words
        if parts:  # 「その中から不動産や地図に関係するものは？」: the cards that fit either topic
            each = [answer_cards(retriever.search(part[:MAX_SEARCH_CHARS], filters=replace(filters, ids=allowed),
                                                  as_list=False, **_but(run, "filters")))[0] for part in parts]
            # 「ネットや携帯の電波の整備は」: a card that holds 「ネット」 only as the start of 「ネットワーク化」 does not name it
            each = [[h for h in hits if not any(_inside_longer_word(retriever, h.card.id, n) for n in _kind_stripped(part))]
                    for part, hits in zip(parts, each)]
            # 「端末とか教科書の話は？」 names measures by their names' words: of those a part counts, the ones named so
            # (児童生徒1人1台端末の整備), when some are, not each that mentions 端末 on the way
            named_so = [_containing(retriever, [h.card.id for h in hits], _kind_stripped(part), True)
                        for part, hits in zip(parts, each)]
            each = [[h for h in hits if h.card.id in by_name] or hits for hits, by_name in zip(each, named_so)]
            union = {h.card.id: h for hits in [answers] + each for h in hits}
            if all(each) and len(union) > len(answers):
                answers = list(union.values())
                related = [h for h in related if h.card.id not in union]
                by_names = any(named_so)
        same_kind = _same_kind(retriever, wanted, allowed + near, [h.card.id for h in answers]) if (
            fu.kind == "set" and answers and not negated and not (res.intent is not None and res.intent.structured)
            and not by_names) else ()  # (not after measures named by their names: none is of their kind but them)
        words = _kind_stripped(wanted) if same_kind else []
        if words and len(_holding_any(retriever, [h.card.id for h in answers], words)) == len(answers):
            # (every card counted holds some of the words: one of the same kind that holds none only sounds alike, as
            # 07-01 (ICTインフラ) does beside the 携帯電話 cards for 「携帯電話の電波関係」)
            same_kind = tuple(i for i in same_kind if i in _holding_any(retriever, same_kind, words))
        if same_kind:  # 「その中で通信インフラ整備のは？」: the cards of the same kind as one counted, as close to the words
            answers = answers + _hits(retriever, same_kind)
            related = [h for h in related if h.card.id not in same_kind]
        chapter = _category_chapter(retriever, wanted, last) if fu.kind == "set" and not negated else ""
        in_chapter = [h for h in answers if h.card.chapter == chapter]
        if chapter and 0 < len(in_chapter) < len(answers):
            # 「そのうち人材系は？」: a kind of measure that one chapter of the table is titled by (06 デジタル人材の育成),
            # as 「ほかに経産省の人材系は？」 reads it: an answer outside it (EdTech, which mentions 人材) is shown below
            answers, related = _kept(answers, related, in_chapter)
        things, for_whom = _either_terms(wanted) if (
            fu.kind == "set" and not negated and not by_cells and len(allowed) > 1 and _JAPANESE_CHARS.search(wanted)
            and not _names_ministry(retriever, wanted) and not (res.intent is not None and replace(
                res.intent, mentions=()).structured)) else ([], False)  # (「…が出てくるのは」 reads a word the cards mention)
        saying = _holding_terms(retriever, allowed + near, things, for_whom) if things else []
        # (of two things either of which will do, one that no card of the list says adds none: 「大学とか高度人材向け」
        # after a list without 06-07; where the search found none, the rules below for no answer read the words, unless
        # they say whom a measure is for)
        either = bool(saying) and (all(saying) or len(saying) > 1 and any(saying))
        by_text = [i for i in allowed + near if any(i in h for h in saying)] if either and (answers or for_whom) else []
        got = [h.card.id for h in answers]
        if for_whom and by_text and len(by_text) < len(allowed) and set(by_text) != set(got):
            # 「そのうち障害者や高齢者向けのものは？」: whom a measure is for is said in its text; the cards of the list that
            # say either (or, for 「小中学校」, its 学校), not those the search finds near the words
            answers, related = _hits(retriever, by_text), [h for h in answers + related if h.card.id not in by_text]
        elif not for_whom and not set(by_text) <= set(got) and len(set(got) | set(by_text)) < len(allowed):
            # 「そのうちマイナンバーかマイナポータルを使うやつは？」: the cards of the list whose text says either thing as
            # well as those the search found (03-19 says マイナンバー, which the search found nearer to neither)
            answers = answers + _hits(retriever, [i for i in by_text if i not in got])
            related = [h for h in related if h.card.id not in by_text]
        telling, telling_words = _most_telling(retriever, allowed + near, wanted) if (
            fu.kind == "set" and not negated and not by_cells and not for_whom and len(allowed) > 1
            and _JAPANESE_CHARS.search(wanted)
            and not _names_ministry(retriever, wanted) and not _OF_A_KIND.search(wanted)
            and not (res.intent is not None and res.intent.structured)) else ((), [])
        # (「物流分野の…」: a field is the one a card's name says, as above)
        telling = tuple(i for i in telling if i in set(_containing(retriever, telling, fields, True))) or telling \
            if fields else telling
        if telling and set(telling) != {h.card.id for h in answers} and any(
                not _holds_a_part(retriever, h.card.id, wanted) for h in answers):
            # (only where the search counted a card that writes no word of the restriction, not even a part of one:
            # 03-15 遠隔手術 is about 遠隔医療, 07-01's ネットワーク about ネット回線, as the search says)
            # 「その中で子供の健康に触れてるのは？」 after MEXT's list: the cards of it that write the restriction's most
            # telling words (健康: 03-03 健康状態, 03-06 健康面), not those the search finds near all its words (子供 is
            # near every school measure)
            answers, related = _hits(retriever, telling), [h for h in answers + related if h.card.id not in telling]
            by_id = _card_index(retriever)
            notes.append(f"「{'」「'.join(telling_words[:3])}」を記載に含む施策を挙げています: " + " / ".join(
                f"{i}「{_sentence_holding(by_id[i], telling_words) or by_id[i].name}」" for i in telling))
        by_kpi = _kpi_holding(retriever, allowed + near, _nouns(wanted)) if (
            fu.kind == "set" and not negated and not by_cells and len(allowed) > 1
            and (ask_field is not None and ask_field.field in ("kpi", "kpi_progress", "kpi_effect")
                 or _KPI_SAID.search(unicodedata.normalize("NFKC", text)))) else ()
        if by_kpi and len(by_kpi) < len(allowed + near):
            # 「その中でKPIが単純に受講者数と修了者数になってるのは」, 「そのうち補助事業の件数を指標にしているのは」: what the
            # KPI counts, said in the words of its cells (06-08: 受講者数 / 修了者数), chooses the cards whose KPI cells
            # hold each of them as written, not those that count something near it in other words (06-10: 受講している
            # 博士人材等の数)
            answers, related = _hits(retriever, by_kpi), [h for h in answers + related if h.card.id not in by_kpi]
            ask_field = ask_field or FieldAsk("kpi", left, True, "")
        if negated:  # 「そのうち港湾関係じゃないのは？」: those that the words do not fit
            fit = {h.card.id for h in answers}
            negated_at = negated_words(left)  # 「文科省以外が」: the words right before the negation name a ministry alone
            ministry_fit = _ministry_fit(retriever, allowed, negated_at[0], left) if negated_at is not None else None
            if ministry_fit is not None:  # 「そのうち文科省以外が主担当なのは」: by the 府省庁名, not by the words
                fit = set(ministry_fit)
                names = "・".join(_named_ministries(retriever, negated_at[0] if negated_at is not None else ""))
                role = "主担当（◎）" if any(w in left for w in LEAD_WORDS) else "担当府省庁"
                notes.append(f"{role}に{names}が入っていない施策を挙げています。")
                ask_field = ask_field or FieldAsk("ministries", left, True, "")  # who leads each, as the table writes it
            elif not (res.intent is not None and res.intent.structured):
                # 「そのうち港以外のは？」: the cards that hold the words as well; 「災害関係以外は？」 names a kind (関係, 系):
                # what the words fit, read as generously as 「ほかに…災害関係じゃないもの」 reads it (those about the same
                # thing too: 被災者 for 災害); 「デジタル教科書じゃないのは？」 names a thing, which the cards that say it are
                negated_text = negated_at[0] if negated_at is not None else wanted
                # 「防災や被災者支援以外のもの」: each of the things joined before the negated one is left out as well
                kept_fit, searched_fit = fit, fit
                fits = []
                parts = [p for t in _joined_before(left, negated_text) + [negated_text]
                         for p in (re.split(r"・", t) if re.fullmatch(r"[^・]{2,}(?:・[^・]{2,})+", t) else [t])]
                for negated_text in parts:  # noqa: B020 - each part in turn (「防災・被災者支援以外」: each as well)
                    fit = searched_fit
                    fields = [n for n in _nouns(negated_text) if re.fullmatch(r".{2,}分野", n)]
                    named_field = set(_containing(retriever, allowed, fields, True)) if fields else set()
                    named_by = set(_containing(retriever, allowed, _nouns(negated_text))) if _nouns(negated_text) else set()
                    if not _JAPANESE_CHARS.search(negated_text):  # "not about ports": the cards that hold the table's
                        # terms for the English words (港湾), as 「港湾以外」 reads the cards that hold it
                        named_by = _holding_any(retriever, allowed, table_terms(negated_text).split())
                    a_kind = _A_KIND.search(negated_text) or re.search(r"関係|関連|関わり|かかわり|系", negated.group(0))
                    # 「医療と関係ないのは」, 「防災じゃないのは」: a card named by a table term the glossary gives for the
                    # thing or kind is of it (03-13 レセプト・健診情報等を活用した…: the glossary's everyday 医療費の明細;
                    # 03-19 被災者台帳 for 防災, written in one row with 災害)
                    kind_named = {i for t in _kind_terms(negated_text) for i in _containing(retriever, allowed, [t], True)}
                    many_names = any(len(e.terms) > 1 and n in e.terms for e in glossary_entries()
                                     for n in _nouns(negated_text))
                    generous = fit | (named_by if named_by and not a_kind else
                                      _fitting(retriever, allowed, negated_text, filters, run))
                    if a_kind:
                        generous |= kind_named
                    # (the search fits every card, as it does a short list all of one subject: those the names say)
                    fit = generous if len(generous) < len(allowed) else kind_named \
                        if 0 < len(kind_named) < len(allowed) else fit
                    if many_names and not a_kind and 0 < len(kind_named) < len(allowed):
                        # 「防災じゃないもの」: a word the glossary writes in one row with others (防災 災害) is one of the
                        # names of a kind, and the cards named by any of them are of it (03-17 災害情報, 03-19 被災者台帳).
                        # Where most of those write the word itself, it is the table's word for the kind, and a card that
                        # writes it is of it as well (「医療以外」: 03-08, 03-12 write 医療 as 03-10 and 03-14 do); where
                        # they do not, a card that writes it says it on the way (03-45's 「事前防災対策」). (A word of its
                        # own, 「港湾以外」, is any card that writes it: 03-44 AIターミナル writes 港湾)
                        writers_of = _containing(retriever, tuple(kind_named), _nouns(negated_text))
                        fit = kind_named | (generous if 2 * len(writers_of) > len(kind_named) and len(generous) < len(allowed)
                                            else set())
                    if named_field:  # 「そのうち物流分野じゃないのは」: those whose names do not say the field, as 「そのうち
                        fit = named_field  # 物流分野のものは」 reads the field (02-10 mentions 港湾物流分野 on the way)
                    fits.append(fit)
                fit = set().union(*fits) if fits else kept_fit
            rather = _said_instead(retriever, allowed, left, negated)
            if rather:  # 「そのうち学校じゃなくて地域でやるほうは？」: the ones the words after the negation name
                notes.append(f"「{negated.group(0).strip()}」の後の言葉に当たる施策を挙げています。")
            answers, related = _hits(retriever, list(rather) or [i for i in allowed if i not in fit]), []
        passing = _in_passing(retriever, [h.card.id for h in answers], wanted) if fu.kind == "set" and not negated else ()
        if passing and len(passing) < len(answers):
            # 「そのうち人材育成に関するのは？」: a card that says the words only in the outcome it serves (03-04 「…人材育成に
            # 貢献する」) is not one of them, when others say them of what they do
            answers, related = _kept(answers, related, [h for h in answers if h.card.id not in passing])
        if (fu.kind == "set" and not negated and not by_cells and len(allowed) > 1
                and set(allowed) <= {h.card.id for h in answers}):
            # 「その中で国交省の港湾局がAI使うやつは」 after the port cards: a restriction the search counts every card of
            # the list for (港湾 is in each) restricts by the words that some of them write and some not (AI): the cards
            # that write every word of it, the ministry's name left out (its own rules read it)
            own = [w for w in content_words(_MINISTRY_WORD.sub(" ", wanted)) if w not in _MATTER]
            holding = _containing(retriever, allowed, own) if own else ()
            if 0 < len(holding) < len(allowed):
                answers, related = _kept(answers, related, [h for h in answers if h.card.id in holding])
        shown = tuple(i for i in (last.shown if last is not None else ()) if i not in allowed
                      and (not filters.ids or i in filters.ids))
        if (not answers and not negated and fu.kind == "set" and shown and res.intent is not None
                and res.intent.structured):
            # 「そのうち内閣官房が主担当のは？」 where no answer qualifies: the cards shown below them, said so
            wider = retriever.search(wanted[:MAX_SEARCH_CHARS], filters=replace(filters, ids=allowed + shown),
                                     **_but(run, "filters"))
            found, rest = answer_cards(wider)
            if found:
                notes.append(f"直前の回答の施策（{'、'.join(allowed[:5])}）には当たるものがないため、関連として示した施策も"
                             "含めて答えています。")
                notes += _ministries_note(retriever, found, ask_field, left)
                return _answer(question, left, ask_field, found, rest, confidence_of(wider), wider, notes,
                               conversation, turn, text)
        if not answers and not negated and not (res.intent is not None and res.intent.structured):
            # 「その中でデータベースを作ってるのは？」: no card sure enough by the search, but the words are in their text
            # 「医療系」, 「教育関係」: the cards say 医療, 教育 (the suffix only says "of that kind")
            nouns = [re.sub(r"(?<=..)(?:系|関係|関連|分野|領域|方面|向け|向き|用|対象|絡み|がらみ)$", "", n) for n in _nouns(wanted)]
            # (the cards the list nearly counted, shown right below it, too: 「その中で博士向けのは？」 when the list missed
            # the one measure for doctoral students)
            holding = _containing(retriever, allowed + near, nouns) if nouns else ()
            if holding and len(holding) < len(allowed + near):
                answers = _hits(retriever, holding)
                related = [h for h in related if h.card.id not in holding]
                notes.append(f"「{'」「'.join(nouns)}」を記載に含む施策を挙げています。")
                if any(i in near for i in holding):
                    notes.append("一覧のすぐ下に関連として示した施策（" + "、".join(i for i in holding if i in near)
                                 + "）も当たるため、含めて答えています。")
        # (「それ、5Gとか新しい技術の話は書いてある？」: 話 says "the matter of" what it follows, no word the card must hold)
        own_words = [w for w in content_words(_ASKERS_OWN.sub(" ", wanted)) if w not in _MATTER] \
            if fu.kind == "one" and len(allowed) == 1 else []
        kept_on_one = False  # an English question about the one card pointed at, kept on it (below)
        if (not answers and _WEAK_POINTER.fullmatch(fu.words.strip()) and not _BOUND_IT.search(question)
                and not (own_words and _containing(retriever, allowed, own_words))):
            # (「それってうちの職員もオンラインで受けられる？」: every word of it but who asks is in the card pointed at)
            # "What are they doing about drones?": a pronoun, and a topic of its own that the cards just answered do
            # not hold; if the whole table answers it, it was a new question
            fresh = retriever.search(text[:MAX_SEARCH_CHARS], **run)
            found, rest = answer_cards(fresh)
            weighed = _weighed(retriever, wanted, allowed, filters, run)
            among, not_among = answer_cards(weighed)
            best = {h.card.id for h in fresh.results[:3]}
            if among and len(among) < len(allowed) and best & {h.card.id for h in among}:
                # "Which of these are research studies?": the list's cards that stand out are among the table's best
                notes.append(f"直前の回答の施策（{'、'.join(allowed[:5])}）を互いに比べて、当てはまるものを挙げています。")
                return _answer(question, left, ask_field, among, not_among, confidence_of(weighed), weighed, notes,
                               conversation, turn, text)
            # (none sure: the search's best guess only where its name holds a word of the question the cards pointed
            # at lack, as for a follow-up without a pointer: 「それってスマホで確認できるようになります？」 stays 03-12)
            offer_best = not found and not filters and _best_guess(fresh) and _named_elsewhere(retriever, text, fresh,
                                                                                                allowed)
            # "which countries do they talk to" after one card: English words cannot be found in the Japanese card, so
            # the question stays the card's unless the table's search is sure of another and does not rank this one
            # near the top (as for "What about telework, who leads that one?" above)
            kept_on_one = (len(allowed) == 1 and not _JAPANESE_CHARS.search(wanted)
                           and not (confidence_of(fresh) >= OTHER_CARD_SURE
                                    and not any(h.card.id in allowed for h in fresh.results[:5])))
            if (found or offer_best) and not kept_on_one:
                # (none sure: the search's best card, said to be uncertain, as the same question asked on its own)
                notes = [f"直前の回答の施策（{'、'.join(allowed[:5])}）には当たらないため、新しい質問として答えています。"]
                if offer_best:
                    found, rest = [replace(fresh.results[0], related=False)], [h for h in rest if h.card.id !=
                                                                               fresh.results[0].card.id]
                return _answer(question, text, ask_field, found, rest, confidence_of(fresh), fresh, notes, conversation,
                               _Turn(question, FollowUp("fresh", rest=text), last), text, tentative=offer_best)
        if not answers and not negated and len(allowed) > 1 and not (res.intent is not None and res.intent.structured):
            # "Which of these are research studies?": no card sure enough on its own (the cards are in Japanese), but
            # weighed against each other as a list, some of them stand out
            listed = _weighed(retriever, wanted, allowed, filters, run)
            found, rest = answer_cards(listed)
            same_kind = _same_kind(retriever, wanted, allowed, [h.card.id for h in found]) if fu.kind == "set" else ()
            found += _hits(retriever, same_kind)  # (as above: the cards of the same kind as one counted)
            rest = [h for h in rest if h.card.id not in same_kind]
            if found and len(found) < len(allowed):
                notes.append(f"直前の回答の施策（{'、'.join(allowed[:5])}）を互いに比べて、当てはまるものを挙げています。")
                return _answer(question, left, ask_field, found, rest, confidence_of(listed), listed, notes, conversation,
                               turn, text)
        if not answers and not negated and fu.kind == "set" and shown and not kept_on_one and not (
                res.intent is not None and res.intent.structured):
            # 「そのうち携帯電話の電波が入らない所をなくす系は？」 where no answer fits: the cards the person saw below them
            wider = _weighed(retriever, wanted, allowed + shown, filters, run)
            found, rest = answer_cards(wider)
            found = [h for h in found if h.card.id in shown]
            if found:
                notes.append(f"直前の回答の施策（{'、'.join(allowed[:5])}）には当たるものがないため、関連として示した施策から"
                             "答えています。")
                shown_rest = [h for h in rest if h.card.id not in allowed]
                notes += _ministries_note(retriever, found, ask_field, left)
                return _answer(question, left, ask_field, found, shown_rest, confidence_of(wider), wider, notes,
                               conversation, turn, text)
        if not answers and not negated and (fu.kind in ("one", "ellipsis", "ordinal") or kept_on_one) and len(allowed) == 1:
            # 「これって自治体は何をすればいい？」: a question about that one card, which the table answers or not; the
            # card, with its sentence that holds the question's words
            about_note = f"直前の回答の施策（{allowed[0]}）について答えています。"
            notes += [about_note] if about_note not in notes else []
            hits = _hits(retriever, allowed)
            if ask_field is None and not _JAPANESE_CHARS.search(left):
                # "What law is it based on?": English words are not in the card, but its passage nearest in meaning is
                # (the search's evidence within that card) and is quoted
                hits = [replace(h, related=False, confidence=1.0) for h in res.results if h.card.id == allowed[0]] or hits
            return _answer(question, "", ask_field, hits, [], 1.0, None, notes, conversation, turn, text)
        if not answers:
            notes.append(f"直前の回答の施策（{'、'.join(allowed[:5])}）の中には、当たる施策はありませんでした。")
        notes += _ministries_note(retriever, answers, ask_field, left) if fu.kind == "set" else []
        if fu.kind == "set" and ask_field is None and len(answers) > 1:
            # the passages for what chose them: the words of a restriction by topic (「電波が入らない所をなくす系」),
            # else (a restriction by ministry or cell) the list's topic
            by_restriction = has_own_topic(_MINISTRY_WORD.sub(" ", wanted)) and not (res.intent is not None
                                                                                       and res.intent.structured)
            answers = _topic_passages(retriever, answers, last, filters, run, wanted if by_restriction else "")
        if fu.kind == "set" and len(answers) > 1:
            # (「その中で07の番号のやつだけ」 of 総務省's list: a part of a list chosen by a ministry shows who runs each
            # card as the list did, though the restriction names none)
            answers = _with_ministries(retriever, answers, ask_field, left if _names_ministry(retriever, left)
                                       else _list_question(conversation, last))
        return _answer(question, left, ask_field, answers, related, _shown_confidence(res, answers), res, notes,
                       conversation, turn, text)

    if fu.kind == "more":  # 「ほかに文科省が主担当のやつは？」: that set, without the cards already given
        # 「同じ内閣府の」: the ministry it names (「同じ省庁の」 is the lead of the card just answered, below)
        # (「ほかに2025年度までの目標が書いてある施策を全部」: the target words choose the cards, they stay searched)
        searched = re.sub(r"同じ(?!(?:府省庁|省庁|府省|省|庁|役所|官庁)(?![一-龥ァ-ヶ]))(?=[^\s、]{1,12}?(?:省|庁|府|委員会|官房)の?)",
                          "", text if cells_set(text) or dated_list(text) else left)
        same = SAME_MINISTRY.search(searched)
        lead = _card_index(retriever).get(last.answers[0]) if last is not None and last.answers else None
        if same and lead is not None and lead.lead_ministries:
            # 「同じ省庁のほかの施策は？」: the lead ministry of the card just answered; 「同じ省が担当の」, 「その省が関わって
            # る」: the ministry is the subject of the role said after it, kept as said
            names = "、".join(lead.lead_ministries)
            role_said = re.match(r"\s*(?:が|は|も|で)", searched[same.end():]) is not None
            searched = searched[:same.start()] + names + ("" if role_said else "が主担当の") + \
                re.sub(r"^(?:の|'s)", "", searched[same.end():])
            notes.append(f"「{same.group(0)}」は {lead.id} の主担当（{names}）として答えています。")
        said_chapter = _CHAPTER_SAID.search(searched)
        chapter = _category_chapter(retriever, searched, last) if said_chapter else ""
        if said_chapter and chapter.isdigit():
            # 「同じ人材育成の章で、ほかに文科省が主担当のは？」, 「同じ章のほかの…」: the chapter said is read as its number
            # (第6章), a filter the search reads with the ministry's: every card of it, not those the words come near
            searched = searched[:said_chapter.start()] + f" 第{int(chapter)}章の " + searched[said_chapter.end():]
        same_kpi = _same_kpi(retriever, text, last.answers[0]) if last is not None and len(last.answers) == 1 else None
        if same_kpi:
            # 「ほかに同じ説明会の参加数をKPIにしてる施策は？」: the cards whose KPI cell is that of the card just answered,
            # as written (03-21's 説明会 is another one: 被災者生活再建支援金手続に関する説明会)
            cell, same_ids = same_kpi
            assert last is not None  # (same_kpi reads its one answer)
            notes.append(f"{last.answers[0]} と同じ KPI「{cell}」の施策を挙げています。")
            return _answer(question, "", ask_field, _hits(retriever, same_ids), [], 1.0, None, notes, conversation, turn, text)
        again = _same_ministry_again(retriever, searched, conversation)
        for restrictor in () if UNRESTRICTED.search(question) or again is not None else ("ministry", "topic"):
            # 「ほかに経産省が主担当のは？」 while a list is gone through part by part (その中で総務省のは, 演習のほう), 「ほかに
            # 障害者むけのは？」 after 「そのうちアクセシビリティ関係は？」 on 総務省's list: the next part asked, its cards
            # not given yet that the ministry leads or the words fit, not all of the measures
            of_list = _left_of_list(retriever, searched, last, filters, run, restrictor, conversation)
            if not of_list:
                continue
            assert last is not None  # (of_list holds cards of the last list only)
            notes.append(f"「{fu.words}」は直前の一覧（{'、'.join(last.whole[:5])}{' ほか' if len(last.whole) > 5 else ''}）"
                         f"のうち、まだ挙げていない施策から答えています。")
            kept = _Turn(question, replace(fu, kind="set", ids=last.whole), last)
            hits = _hits(retriever, of_list)
            if restrictor == "ministry":
                hits = [replace(h, reason="府省庁名: " + " ".join(h.card.ministries_raw.split())) for h in hits]
            return _answer(question, "", ask_field, hits, [], 1.0, None, notes, conversation, kept, text)
        if fu.like:  # 「似たような施策は？」: searched by what the cards just answered are (their names), and the topic
            by_id = _card_index(retriever)
            searched = " ".join([by_id[i].name for i in fu.like if i in by_id] + [searched]).strip()
        # 「ほかに内閣府が主担当の施策で、災害関係じゃないものは？」: the set without the negated words, then those they fit
        # taken out (as the person reads it: every card about 災害, not only the ones that say the word)
        negation = negated_words(searched) if not fu.like else None
        # 「ほかに財務省がからんでるのは？」 after 「最初のやつって財務省も入ってる？」: more of that ministry's cards than
        # those given as its own; a card shown in an earlier list on another ground (the port list) is not one of them
        kept_out = set(fu.ids) if again is None else set(again)
        by_ministry: tuple[str, ...] | None = None
        if negation is not None:
            searched = negation[1]
            by_ministry = _ministry_fit(retriever, [c.id for c in retriever.cards], negation[0], searched)
            kept_out |= set(by_ministry or ())

        def without_negated(answers: list[Hit], related: list[Hit]) -> tuple[list[Hit], list[Hit]]:
            if negation is None or by_ministry is not None or not answers:
                return answers, related
            fit = _fitting(retriever, [h.card.id for h in answers], negation[0], filters, run, fu.ids)
            if fit:
                notes.append(f"「{negation[0]}」に当たる施策（{'、'.join(sorted(fit))}）を除いて答えています。")
            return [h for h in answers if h.card.id not in fit], [h for h in related if h.card.id not in fit]

        within = None if fu.like else _ministry_and_topic(retriever, searched)
        if within is not None:
            # 「ほかに経産省のIT人材の標準みたいなのは？」, "others from the same ministry for disabled people?": that topic
            # searched among that ministry's cards not yet given, answered as the question asks (one, or a list)
            topic, ministry_filters, wants_list = within
            allowed = tuple(c.id for c in retriever.cards if c.id not in kept_out and (not filters.ids or c.id in filters.ids))
            headed = _heading_topic(retriever, topic)
            of_chapter = _ministry_in_chapter(retriever, allowed, headed, ministry_filters, searched) if headed else ()
            if of_chapter and negation is None:
                # 「ほかに文科省の人材育成の施策は？」, 「経産省が関わってるけど主担当じゃない人材育成のは？」: a topic that is
                # the heading of a chapter of the table (06 デジタル人材の育成) names that chapter, as 「人材育成の章で」
                # does: every card of it the ministry has the role asked in, not those the words come near (03-01
                # 端末 writes 人材の育成 in passing; 06-07 AI教育 does not say 育成)
                notes.append(f"「{topic.strip(' ?？')}」は第{int(headed)}章（{_BUNDLED_CHAPTERS.get(headed, '')}）の施策として、"
                             "まだ挙げていないものから答えています。")
                return _answer(question, searched, ask_field, _hits(retriever, of_chapter), [], 1.0, None, notes,
                               conversation, turn, text)
            res = retriever.search(topic[:MAX_SEARCH_CHARS], as_list=wants_list or _MORE_MEASURES.search(question) is not None,
                                   filters=replace(filters, ids=allowed, **ministry_filters), **_but(run, "filters"))
            answers, related = without_negated(*answer_cards(res))
            if len(answers) > 1 and _owned_by(searched) and not ministry_filters.get("lead_only"):
                # 「ほかに経産省の人材系は？」: 「〇〇省の」 with no role said is that ministry's own measures (◎), as
                # 「そのうち総務省のは？」 reads it; those it only takes part in are shown below them
                own_ones = [h for h in answers if any(n in h.card.lead_ministries for n in ministry_filters["ministries"])]
                if 0 < len(own_ones) < len(answers):
                    answers, related = _kept(answers, related, own_ones)
            chapter = _category_chapter(retriever, topic, last)
            in_chapter = [h for h in answers if h.card.chapter == chapter]
            if chapter and 0 < len(in_chapter) < len(answers):
                # 「人材系」: a kind of measure that one chapter of the table is titled by (06 デジタル人材の育成)
                answers, related = _kept(answers, related, in_chapter)
            if answers:  # (none sure enough: the ministry's cards on that topic as a list, below)
                return _answer(question, searched, ask_field, answers, related, confidence_of(res), res, notes,
                               conversation, turn, text)
        res = retriever.search(searched[:MAX_SEARCH_CHARS], as_list=True, **run)
        answers, related = answer_cards(res)
        if ask_field is not None and last is not None and (last.parent is not None or last.listing is not None):
            # 「ほかに、在宅勤務の件のKPIは？」 after その中 narrowed the list: a field of another card of that list, one
            # the narrowing left out, when the search ranks it first and answers with no card not yet given
            left_out = [h for h in res.results[:1] if h.card.id in last.whole and h.card.id not in last.answers]
            if left_out and all(h.card.id in fu.ids for h in answers):
                notes.append(f"「{fu.words}」は、直前の一覧のうち直前に答えた施策以外の {left_out[0].card.id} として答えています。")
                kept = _Turn(question, replace(fu, kind="pick", ids=last.thread), last)  # the list stays the one discussed
                return _answer(question, searched, ask_field, [replace(left_out[0], related=False)], [], 1.0, None,
                               notes, conversation, kept, text)
        answers = [h for h in answers if h.card.id not in kept_out]
        related = [h for h in related if h.card.id not in kept_out]
        answers, related = without_negated(answers, related)
        named = retriever.understanding.run(searched).intent if len(answers) > 1 and not fu.like else None
        if named is not None and named.ministries and not (named.lead or named.not_lead) \
                and _owned_by(UNRESTRICTED.sub(" ", searched)):
            # 「ほかに内閣府の施策ってある？」: 「〇〇の施策」 with no role said is that ministry's own (◎), as with a topic
            # above; those it only takes part in are shown below them
            own_ones = [h for h in answers if any(n in h.card.lead_ministries for n in named.ministries)]
            if 0 < len(own_ones) < len(answers):
                answers, related = _kept(answers, related, own_ones)
        chapter = _category_chapter(retriever, searched, last) if _CHAPTER_SAID.search(searched) else ""
        in_chapter = [h for h in answers if h.card.chapter == chapter]
        if chapter and 0 < len(in_chapter) < len(answers):
            # 「同じ人材育成の章で、ほかに文科省が主担当のは？」: the chapter said keeps the answers to it (03-01, MEXT's but in
            # chapter 03, is shown below them)
            answers, related = _kept(answers, related, in_chapter)
        phrases = english_detail_terms(searched) if len(answers) > 1 and not _JAPANESE_CHARS.search(searched) else []
        any_phrase = any if re.search(r"\bor\b", searched, re.I) else all
        writing = [h for h in answers if _writes_phrases(retriever, h.card.id, phrases, any_phrase)]
        if writing and len(writing) < len(answers):
            # "anything else about phone coverage in rural areas?": of the cards counted, those that write the table's or
            # everyday words for each phrase (07-02 携帯電話 and 条件不利地域; 07-01 ICTインフラ only sounds near), as
            # "Of those, which relate to …?" reads them
            answers, related = _kept(answers, related, writing)
        alike = _alike(retriever, fu.like) if fu.like and not answers else []
        if alike:
            # likeness has degrees: the cards the 重複・類似 tab pairs with them (its score and threshold), nearest first
            answers = _hits(retriever, alike)
            related = [h for h in related if h.card.id not in alike]
            notes.append(f"{'、'.join(fu.like)} に似た施策として、重複・類似の度合いが高い {len(answers)} 件を挙げています。")
        tentative = False
        written = _written_elsewhere(retriever, searched, kept_out, filters) if (
            not answers and not fu.like and negation is None) else ()
        if written:
            # "any other port measure not in this list" after 02-10 and 03-43: the list missed 03-44, which writes 港湾
            # (the table's term for "port") as they do; the cards not given yet that write the topic's own term, when
            # most of those that write it were given
            answers = _hits(retriever, written)
            related = [h for h in related if h.card.id not in written]
            notes.append(f"「{'」「'.join(_topic_terms(searched))}」を記載に含む施策のうち、まだ挙げていないものです。")
        if not answers and not filters and not fu.like:
            # 「ほかに交番に行かずに済む施策は？」 that the list counts no card for: the search's best card not given yet,
            # said to be uncertain, as the same question asked on its own is answered (one answer path with /search)
            single = retriever.search(searched[:MAX_SEARCH_CHARS], **run)
            not_given = [h for h in single.results if h.card.id not in kept_out]
            if _best_guess(single) and not_given and not_given[0] is single.results[0]:
                res, tentative = single, True
                answers = [replace(not_given[0], related=False)]
                related = [h for h in not_given[1:] if h.related]
        if not answers:
            notes.append("すでに挙げた施策（" + "、".join(fu.ids[:5]) + "）のほかに当たる施策はありません。")
            related = [h for h in related if h.card.id not in kept_out]  # not offered again as near ones
        # 「ほかに、文科省以外がメインの…」: more cards chosen by a ministry, each with its 府省庁名 (◎ for the lead), as the
        # list by ministry and a part of it chosen so show them
        answers = _with_ministries(retriever, answers, ask_field, text)
        return _answer(question, searched, ask_field, answers, related, confidence_of(res), res, notes,
                       conversation, turn, text, tentative=tentative)

    if fu.kind == "fresh" and last is not None and last.answers and _checks_ministry(retriever, text):
        # 「経産省も関わってる？」, 「総務省だけ？」 after an answer: who is involved in the cards just answered (「03-11の
        # 担当って内閣府だけ？」: in the card it names)
        by_number = tuple(i for i in retriever.understanding.run(text).intent.ids if i in _card_index(retriever))
        return _ministry_check(retriever, question, text, [i for i in by_number or last.answers
                                                           if not filters.ids or i in filters.ids],
                               notes, conversation, last, named=bool(by_number))

    below = _picked_by_words(retriever, fu.ids, fu.described, 1) if fu.kind == "fresh" and fu.described else ()
    described = _nouns(fu.described) if fu.kind == "fresh" and fu.described and last is not None \
        and len(last.answers) == 1 else []
    if described and last is not None and _containing(retriever, last.answers, described, True) \
            and not _containing(retriever, fu.ids, described, True):
        # 「港湾物流のほうはいつ運用開始？」 after 03-43 サイバーポートの整備(港湾物流分野) alone: a description that the name of
        # the card just answered holds, and no name of those shown below it, picks that card (the person took the
        # answer for one of two: 02-10 mentions 港湾物流分野 on the way, in its text only)
        below = last.answers
    elif (parts := _noun_words(fu.described) if described else []) and last is not None \
            and _containing(retriever, last.answers, parts) \
            and not _containing(retriever, [i for i in dict.fromkeys((*fu.ids, *(c for t in conversation.turns
                                                                             for c in (*t.shown, *t.whole))))
                                            if i not in last.answers], parts):
        # 「手術の情報のほうは？」 after 「薬剤情報はいつから？」 of 03-10 alone: 〜のほう contrasts with what was asked
        # before, a part that the text of the card just answered writes (手術の情報など…令和4年夏) and no other card
        # shown so far does, so it asks that card again (「港湾物流のほう」 after 02-10, which mentions 港湾物流分野 on the
        # way, is still 03-43 of the list before it)
        below = last.answers
    led = _led_by_named(retriever, fu.ids, (), fu.described) if fu.kind == "fresh" and fu.described and not below else ()
    if led:
        # 「総務省のほうの効果KPIは？」 after one card: those shown below it that the ministry leads, not all its measures
        notes.append(f"「{fu.described}のほう」は直前に関連として示した施策のうち、{fu.described}が主担当（◎）の "
                     f"{'、'.join(led)} として答えています。")
        turn = _Turn(question, FollowUp("ellipsis", led, text), last)
        return _answer(question, left, ask_field, _hits(retriever, led), [], 1.0, None, notes, conversation, turn,
                       text)
    if below:  # 「物流のほうのKPIは？」 after one card: the related card shown below it that holds the words
        earlier = last is not None and below[0] in last.thread and below[0] not in last.related  # (answered before)
        one_said = fu.described + ("" if re.search(r"[るたいな]$", fu.described) else "の")  # 「教えるほう」, 「学校のほう」
        notes.append(f"「{one_said}ほう」は{'先に答えた' if earlier else '直前に関連として示した'} {below[0]} として"
                     "答えています。")
        turn = _Turn(question, FollowUp("ellipsis", below, text), last)
        # the card's passages for the question, as a search of it alone quotes them (「学校の授業のほうの情報教育の施策
        # は？」 is answered with the sentence on 情報教育, not a KPI cell that shares one word)
        searched_below = retriever.search(left[:MAX_SEARCH_CHARS], filters=replace(filters, ids=below), **_but(run, "filters"))
        quoted = [replace(h, related=False) for h in searched_below.results if h.card.id in below][:len(below)]
        return _answer(question, left, ask_field, quoted if len(quoted) == len(below) else _hits(retriever, below), [],
                       1.0, None, notes, conversation, turn, text)

    # 「〜のほうの主担当は？」 contrasts with the card just answered: another card, never that one
    about = _about_last(retriever, left, last, text) if fu.kind == "fresh" and last is not None and not fu.described else ()
    if about and last is not None:
        # 「クラウド化はいつ？」, 「オンラインでも受けられる？」: words of the card just answered, asked about it
        return _of_last(retriever, question, left, text, ask_field, about, notes, conversation, last, run)

    swapped = _ministry_swapped(retriever, text, conversation) if fu.kind == "fresh" else None
    if swapped:
        # "What about the Cabinet Office?" after "measures led by MIC": the same question of that ministry
        notes.append(f"直前の質問と同じ条件で、府省庁を替えて「{swapped}」として答えています。")
        res = retriever.search(swapped[:MAX_SEARCH_CHARS], **run)
        answers, related = answer_cards(res)
        return _answer(question, swapped, ask_field, answers, related, confidence_of(res), res, notes, conversation,
                       turn, text)

    if fu.kind in ("fresh", "switch") and ask_field is None:
        same = _SAME_FIELD.search(text)
        asked = last.question if same and last is not None else ""
        prev = follow_up_field(asked) if asked else None
        # (not the budget, which the table does not have: 「予算は？」 answered so, 「山道のほうはどうなの」 asks about that)
        if same and prev is not None and prev.field != "budget" and has_own_topic(text[:same.start()]):
            # 「匿名加工医療情報の施策だと？」 after 「ほかに関わってるところは？」: the same field, of another card
            left = text[:same.start()].strip()
            ask_field = _carried(prev, asked, left)
            notes.append(f"直前の質問と同じく{FIELD_LABELS[prev.field]}を答えています。")
            assumed = True
        checked = _IS_MINISTRY.match(text) if ask_field is None else None
        named = retriever.understanding.run(checked.group("name")).intent if checked else None
        if checked and named is not None and (named.ministries or named.absent_ministries) \
                and has_own_topic(checked.group("topic")):
            # 「沖縄の超高速ブロードバンドの施策も総務省ですか？」: that card's ministries, and yes or no for the one named
            topic_text = checked.group("topic")
            res = retriever.search(topic_text[:MAX_SEARCH_CHARS], **run)
            answers, related = answer_cards(res)
            if len(answers) > 1 and not (res.intent is not None and (res.intent.is_list or res.intent.structured)):
                # 「教育データ連携の基盤づくりって総務省がやってるんだっけ？」 recalls one measure by its words and its
                # ministry: of the cards the words fit, the one that ministry leads (else takes part in) is the one meant
                for role in ("lead", "any"):
                    recalled = [h for h in answers if any(n in (h.card.lead_ministries if role == "lead" else
                                                                tuple(m.name for m in h.card.ministries))
                                                          for n in named.ministries)]
                    if 0 < len(recalled) < len(answers):
                        answers, related = _kept(answers, related, recalled)
                        break
            for name in named.ministries:
                said = [f"{h.card.id} は{'主担当' if name in h.card.lead_ministries else '関係府省庁'}です" if any(
                    m.name == name for m in h.card.ministries) else f"{h.card.id} の府省庁名には{name}はありません"
                    for h in answers[:5]]
                if said:
                    notes.append(f"{name}: " + "、".join(said) + "。")
            notes += [f"{name}: この表の府省庁名には出てきません。" for name in named.absent_ministries]
            return _answer(question, topic_text, FieldAsk("ministries", topic_text, False, checked.group("name")),
                           answers, related, confidence_of(res), res, notes, conversation, turn, text)

    one_by_number = bool(_IDS.search(unicodedata.normalize("NFKC", text))) and not _ASKS_CARDS.search(text)
    if ask_field is not None and asks_cells(retriever, text) and not one_by_number:
        # (「07-08の数値目標を教えて」 asks that card's field: its number says which card, no set by the cells)
        # 「2025年度までの目標がある施策」, 「条・手引に何か印が付いている施策」: a list by the table's cells, searched
        # whole as /search and the CLI search it (one answer path: the same set), the field asked shown for each
        res = retriever.search(text[:MAX_SEARCH_CHARS], **run)
        answers, related = answer_cards(res)
        notes += [n for n in res.notes if n not in notes]  # a caveat of the set (marks the table does not place)
        return _answer(question, text, ask_field, answers, related, confidence_of(res), res, notes, conversation,
                       turn, text)

    if ask_field is not None and not has_own_topic(left) and not _IDS.search(left):
        near = (prev_turn.related or prev_turn.near)[:1] if (
            prev_turn is not None and not prev_turn.answers and fu.kind == "fresh") else ()
        if near:
            # 「KPIは？」 right after an answer that found no card for certain but showed the nearest ones (参考): the
            # field of the first of them, said so (the person asks about what was shown)
            notes.append(f"直前の回答では確かに当たる施策がなかったため、近い施策（参考）として示した {near[0]} について"
                         "答えています。")
            kept = _Turn(question, FollowUp("ellipsis", near, text, ""), None)  # (that card answered: no list before it)
            return _answer(question, "", ask_field, _hits(retriever, near), [], 1.0, None, notes, conversation, kept,
                           text)
        # 「KPIは？」 with nothing answered before: there is no card to read it from
        label = FIELD_LABELS[ask_field.field]
        direct = (f"どの施策の{label}についての質問か分かりませんでした。施策の名前や内容、施策番号（例: 04-03）と一緒に"
                  f"質問してください（例: 「テレワークの施策の{label}は？」）。")
        return Answer(question, "", "none", direct, 0.0, None, conversation=conversation.add(turn.make((), ())))

    # 「手続きとか台帳を電子化するほうは」: a description said with のほう / のやつ picks one measure, whatever it joins
    parts = two_topics(left) if not fu.described else []
    loose = not parts and not fu.described and (ask_field is not None or _COMPARE.search(text) or _BOTH.search(text))
    if loose and not retriever.understanding.run(left).intent.is_list:
        parts = coordinated_topics(left)  # 「テレワーク、ドローンそれぞれの主担当」, "the telework and drone measures"
    searches = [retriever.search(part[:MAX_SEARCH_CHARS], **run) for part in parts]
    if loose and parts and not _distinct_answers(searches):
        parts = []  # 「登記と固定資産税の台帳をつなぐ…」: one measure named by two words, searched as one question
    elif loose and len(parts) == 2 and _commented_topic(text) and _holds_said(retriever, searches[0], parts[1]):
        parts = []  # 「サイバーポートの物流分野、第一次運用はいつ？」: the first topic's card says the second: a thing of it
    if parts:  # 「テレワークの施策とドローンの施策のKPIを比較して」: each topic searched on its own, answered together
        answers, related, results = [], [], []
        for res in searches:
            results.append(res)
            a, r = answer_cards(res)
            if len(a) > 1 and not (res.intent is not None and res.intent.is_list):
                a, r = a[:1], a[1:] + r  # each topic names one measure (「GIGAスクールの端末整備」): its best card
            answers += [h for h in a if h.card.id not in {x.card.id for x in answers}]
            related += r
        seen = {h.card.id for h in answers}
        related = [h for h in dict((h.card.id, h) for h in related).values() if h.card.id not in seen]
        related = related[:max(0, int(top_k) - len(answers))]
        notes.append("「" + "」と「".join(parts) + "」を別々に検索し、まとめて答えています。")
        conf = min(confidence_of(r) for r in results)
        return _answer(question, " / ".join(parts), ask_field, answers, related, conf, results[0], notes,
                       conversation, turn, text, both=True)

    searched = left if ask_field is not None else text
    without = _ministry_list_without(retriever, searched, run, filters) if fu.kind in ("fresh", "switch") else None
    if without is not None:
        # 「国交省が主担当で港湾じゃない施策は？」, "Which MLIT-led measures are not about ports?": the ministry's list, less
        # the cards the negated words fit (read as generously as 「そのうち港湾以外」 reads them)
        listed, kept_cards, denied_ids = without
        notes.append(f"{'、'.join(denied_ids)} を除いて答えています。")
        return _answer(question, searched, ask_field, _with_ministries(retriever, kept_cards, ask_field, searched), [],
                       confidence_of(listed), listed, notes, conversation, turn, text)
    dislocated = _TOPIC_FIRST_EN.match(searched) if ask_field is not None else None
    if dislocated and has_own_topic(dislocated.group("topic")):
        # "the port-management digitalization, when is it supposed to go live?": English names the topic first and
        # asks about "it" after the comma; the asking clause, its field word gone, is no topic to search
        searched = dislocated.group("topic")
    if ask_field is not None and ask_field.field == "when" and dated_ask(text) is not None:
        searched = text  # 「令和7年度までを期限とする施策」: a 工程表 question (retrieve.dated) keeps its date words
    named_ids = _IDS.findall(unicodedata.normalize("NFKC", searched))
    if ask_field is not None and named_ids:
        searched = " ".join(f"{a}-{b}" for a, b in named_ids)  # 「02-10はいつ稼働予定？」: the card by its number
    res = retriever.search(searched[:MAX_SEARCH_CHARS] or question[:MAX_SEARCH_CHARS], **run)
    notes += _filter_clash(res, filters) + res.notes  # res.notes: a caveat of the set (marks in no column)
    answers, related = answer_cards(res)
    holders = _figure_holders(retriever, searched, [h.card.id for h in answers + related][:top_k]) if not (
        res.intent is not None and res.intent.dated is not None) else ()
    if holders and set(holders) != {h.card.id for h in answers}:
        # "Which measures aim for more than 30,000 …?": the cards shown that hold the figure asked, not the whole topic
        by = {h.card.id: h for h in answers + related}
        answers = [replace(by[i], related=False) for i in holders]
        related = [h for h in answers + related if h.card.id not in holders][:max(0, int(top_k) - len(answers))]
        related = [replace(h, related=True) for h in related]
        notes.append(f"質問の数値を記載に含む施策（{'、'.join(holders)}）を答えとしています。"
                     + " ".join(f"{i}: 「{sent}」" for i in holders if (sent := _figure_sentence(by[i].card, searched))))
    shared = False
    # (a search that counted its cards itself, the measures that each name the question's own term (Retriever.
    # _naming_cards: 「サイバーポート」, 02-10 and 03-43), keeps them: one thing of several measures, none the lesser)
    # (not 「サイバーポートって何？」: what the thing is, which the card named by it says, 03-43's 概要 defines it)
    named_by_term = res.counted is not None and len(answers) > 1 and not (ask_field is not None
                                                                        and ask_field.field == "overview")
    if (ask_field is not None and len(answers) > 1 and not ask_field.table and not named_ids and not named_by_term
            and not (res.intent is not None and (res.intent.is_list or res.intent.structured))
            and not _CATEGORY.search(searched)):
        # 「GIGAスクールの端末整備の施策番号は？」: a field of one measure, asked in the singular: the card that fits best,
        # the others shown below it (「港湾の施策の担当は？」 names a kind of measure: each of them); a card that answers
        # by the very sentence of the first (a KPI target two cards share) fits as well, and is counted beside it, in
        # a table of both
        # ; so does, for a KPI asked, one that holds just the words of the question the first holds, in its text and
        # in its name (情報処理安全確保支援士, whose target two cards state: the question cannot tell them apart either;
        # not 「GIGAスクールって何年までに終わるの？」, which 03-05 also writes but 03-01 is the measure of)
        asked = searched + " " + table_terms(searched)
        kpi = ask_field.field in ("kpi", "kpi_progress", "kpi_effect")
        as_well = [h for h in answers[1:] if _same_evidence(answers[0], h)
                   or (kpi and _as_full(retriever, asked, answers[0], h))]
        answers, related, shared = answers[:1] + as_well, [h for h in answers[1:] if h not in as_well] + related, bool(as_well)
    elif answers and not named_by_term and not (res.intent is not None and (res.intent.is_list or res.intent.structured)):
        # 「港の物流手続きを電子化するプラットフォームの施策ってある？」 names one thing: a card after the first that lacks
        # a word of the question the first holds, and holds none the first lacks, answers it less well: shown below, not
        # counted (情報処理安全確保支援士, held by both of its cards, keeps both; 「データ流通やルール作り」 names two things,
        # which two cards may each answer); nor does one whose name says none of what is asked where the first's does.
        # The first card itself is the lesser one where a card beside it (counted, or shown right below it) holds
        # every word of the question it holds and more, and more of them in its name (「保険者がレセプトや健診の
        # データを使って保健事業をする施策」: 03-13 レセプト・健診情報等を活用したデータヘルスの推進事業 over 03-10):
        # that card answers. The question is read with the table's terms for its words, as the search reads it (one
        # device per student → 1人1台端末, 病院 → 医療機関); not where typed in kana (its words are not read yet)
        asked = searched + " " + table_terms(searched)
        # (where it names several things together, 「データ流通やルール作り」, 「レセプトや健診」, a card answers in place of
        # another only where its name says every one of them and the other's none: else each may answer one of them)
        items = _said_together(searched)

        def says_all(better: Hit, lesser: Hit) -> bool:
            return not items or (items <= _name_words(retriever, better.card.id)
                                 and not items & _name_words(retriever, lesser.card.id) and not _SUBJECT.search(searched))

        better = None if res.intent is not None and res.intent.kana else _fuller(
            retriever, asked, answers[0], [h for h in answers[1:] + res.results[1:3] if h.card.id != answers[0].card.id])
        if better is not None and says_all(better, answers[0]):
            lesser = replace(answers[0], related=True)
            answers = [replace(better, related=False)] + [h for h in answers[1:] if h.card.id != better.card.id]
            related = [lesser] + [h for h in related if h.card.id != better.card.id]
        english = res.intent is not None and res.intent.english
        # (「土地や不動産の情報」: 05-34, whose name says 不動産, stays; 「農業・林業に関する施策」 asks for each)
        fewer = [h for h in _fewer_words(retriever, asked if english else searched, answers)
                 if says_all(answers[0], h)] if len(answers) > 1 else []
        answers, related = [h for h in answers if h not in fewer], fewer + related
    if (not answers and fu.kind == "fresh" and last is not None and len(last.answers) == 1 and not fu.described
            and not filters and not named_ids and not _ASKS_FOR_MEASURES.search(text)
            and not (res.intent is not None and (res.intent.is_list or res.intent.structured))
            and not _named_elsewhere(retriever, searched, res, last.answers)):
        # 「スマホで見られるようになるの？」, "Can I get the certificate at a convenience store?" right after one card: a
        # follow-up that asks for no measure and that the table as a whole answers with no card for certain goes on
        # about the card just answered (its nearest passage, or the field asked), not about the search's loose guess
        # (unless that guess is named by a word of the question the card just answered lacks: 「ドローンで荷物が届く
        # のはいつから」 after 07-08 is 04-02, 小型無人機(ドローン)の…)
        return _of_last(retriever, question, left, text, ask_field, last.answers, notes, conversation, last, run)
    # with the caller's filters the search lists what they leave and never abstains: not a sign that a card answers
    # (the answer they excluded is said by explain), so no best guess is offered
    tentative = not answers and not filters and _best_guess(res)
    if tentative:
        # the search did not abstain and shows its best card first (確度 低): the chat answers with that card, said to
        # be uncertain, rather than 「見つかりませんでした」 above the card that answers (one answer path with /search)
        guess = res.results[0]
        answers, related = [replace(guess, related=False)], [h for h in related if h.card.id != guess.card.id]
    return _answer(question, searched, ask_field, answers, related, confidence_of(res), res, notes, conversation,
                   turn, text, assumed=assumed, tentative=tentative, both=shared)


def _named_elsewhere(retriever: Retriever, text: str, res: SearchResult, ids: Sequence[str]) -> bool:
    """The search's first card for `text` is another than `ids` and its name holds a word of the question (as written,
    or the table's term the glossary gives for it) that none of `ids` holds."""
    top = res.results[0].card.id if res.results else None
    if top is None or top in ids:
        return False
    words = dict.fromkeys(_nouns(text) + table_terms(text).split())
    if any(_containing(retriever, [top], [w], True) and not _containing(retriever, ids, [w]) for w in words):
        return True
    # ...or a word of the question that no other card of the table writes (「はんそくきん ねっとで はらえる」 after 02-09:
    # 反則金 is in 02-05's text alone): it names that card as surely as its name would
    # (a thing named, not the manner of an act: 「一般の人も自由にダウンロードできるの？」 after 03-42 asks about that
    # card, though 自由 is in 05-35's text alone; a word said as 〜に or 〜な is how, not what)
    every = tuple(_card_index(retriever))
    return any(len(normalize(w)) > 1 and not re.search(re.escape(w) + _MANNER_AFTER, text)
               and _containing(retriever, every, [w]) == (top,)
               for w in dict.fromkeys([*words, *content_words(text)]))


# a noun said as the manner of the act asked about (自由に, 簡単に, 便利な), not as a thing the question names (not the
# に of について / に関して / に対して, nor the な of など)
_MANNER_AFTER = r"(?:に(?!つ|関|かん|対|たい|よ|向|む)|な(?!ど|の))"


def _of_last(retriever: Retriever, question: str, left: str, text: str, ask_field: FieldAsk | None,
             about: Sequence[str], notes: list[str], conversation: Conversation, last: Turn, run: dict) -> Answer:
    """A follow-up without pointing words answered about `about`, cards of the last answer: the field asked of them,
    else the passage of each that the question's words are nearest to."""
    filters = run["filters"]
    allowed = tuple(i for i in about if not filters.ids or i in filters.ids)
    notes.append(f"直前の回答の施策（{'、'.join(allowed[:5])}）について答えています。")
    res = retriever.search(left[:MAX_SEARCH_CHARS], filters=replace(filters, ids=allowed), **_but(run, "filters"))
    answers, related = answer_cards(res)
    if ask_field is not None and len(allowed) > 1:
        # 「登録者数の目標はいつまで？」 after two cards that both hold 登録者数: the field of each (a table)
        answers, related = _hits(retriever, allowed), []
    elif ask_field is not None or len(allowed) == 1:
        answers, related = [replace(h, related=False) for h in res.results[:1]] or _hits(retriever, allowed[:1]), []
    turn = _Turn(question, FollowUp("ellipsis", allowed, text), last)
    return _answer(question, left, ask_field, answers, related, confidence_of(res), res, notes, conversation,
                   turn, text)


SHARED_SENTENCE_CHARS = 20  # a sentence two cards share word for word is a statement, not a phrase (not tuned)


def _same_evidence(first: Hit, other: Hit) -> bool:
    """Whether `other` answers the question by the very sentence `first` does, word for word (two cards sharing a
    KPI target, one cell holding the other's: the question cannot tell them apart, so neither fits it better)."""
    if not (first.evidence and other.evidence) or "name" in (first.evidence[0].field, other.evidence[0].field):
        return False
    a, b = sorted((normalize(first.evidence[0].text).strip("・ "), normalize(other.evidence[0].text).strip("・ ")), key=len)
    return len(a) >= SHARED_SENTENCE_CHARS and a in b


# "X, (when) is it …": a topic said first, then a question about it by a pronoun
_TOPIC_FIRST_EN = re.compile(r"^\s*(?P<topic>[A-Za-z][^,?、。]{2,}?)\s*,\s*(?:(?:when|what|who|how|where|which)\s+)?"
                             r"(?:is|are|was|were|does|do|did|will|would|can|could|has|have)\s+(?:it|they|this|that|its)\b", re.I)


#: How an answer that is the search's best guess (確度 低) begins: a person reads that it may not be what was asked.
TENTATIVE = "確実に当たるとは言えませんが（確度 低）、"


def _best_guess(res: SearchResult) -> bool:
    """Whether a search that counted no answer still gives its first card as the chat's (uncertain) answer: it did not
    abstain, its first card is listed, and the question asks for no list (a list's cards are counted by the list
    model alone)."""
    if res.abstained or not res.results or res.results[0].related:
        return False
    # (an English question naming a ministry as who does one thing, understand's one_measure, asks for one measure)
    return not (res.intent is not None and (res.intent.is_list or (res.intent.structured and not res.intent.one_measure)))


# a figure as written: 30,000 / 3万 / 1.5億 / 75% (a year or a date is not a figure a target is pinned to)
_FIGURE = re.compile(r"(?<![\d.,])(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)\s*(万|億|千)?(?!\s*(?:年|月|日|条|章|番|つ目|位|\d))")


def _figures(text: str) -> set[float]:
    """The figures a text names, as values (「3万人超」 and "30,000" are both 30000); small counts (under 10) and
    percentages are kept as they are."""
    out = set()
    for m in _FIGURE.finditer(unicodedata.normalize("NFKC", text)):
        value = figure_value(m.group())  # 「3万」 → 30000, as KPI targets read it
        if value >= 10:
            out.add(value)
    return out


def _figure_holders(retriever: Retriever, text: str, ids: Sequence[str]) -> tuple[str, ...]:
    """「登録者数3万人超を目指す施策は？」, "Which measures aim for more than 30,000 …?": the cards of `ids` whose KPI or
    overview names every figure the question names (a question pinned to a figure is about the cards that hold it)."""
    asked = _figures(text)
    if not asked:
        return ()
    by_id = _card_index(retriever)
    return tuple(i for i in ids if (c := by_id.get(i)) is not None
                 and asked <= _figures(" ".join((c.kpi_progress, c.kpi_effect, c.overview))))


_YEN = re.compile(r"\d[\d,.]*\s*(?:万|億|兆|千|百)?\s*円")


def _money_sentences(card: PolicyCard) -> list[str]:
    """The card's sentences that state an amount of money (「300万円」), as written: what the table says of money."""
    return [whole[a:b].strip() for fld in ("overview", "kpi_progress", "kpi_effect")
            for whole in (getattr(card, fld),) for a, b in _sentences(whole) if _YEN.search(whole[a:b])]


def _figure_sentence(card: PolicyCard, text: str) -> str:
    """The card's sentence (KPIs first) that names a figure `text` names, as written; "" if none."""
    asked = _figures(text)
    for fld in ("kpi_effect", "kpi_progress", "overview"):
        whole = getattr(card, fld)
        for a, b in _sentences(whole):
            if asked & _figures(whole[a:b]):
                return whole[a:b].strip()
    return ""


# nouns joined by や, とか, と, 及び, 、 or ・: a question that names several things (「データ流通やルール作り」)
_NAMES_SEVERAL = re.compile(r"[一-龥ァ-ヶーA-Za-zＡ-Ｚａ-ｚ](?:や|とか|と|及び|および|並びに|、|,|・)[一-龥ァ-ヶーA-Za-zＡ-Ｚａ-ｚ]")


_RUN = r"[一-龥ァ-ヶーA-Za-zＡ-Ｚａ-ｚ0-9]"
# words that make what is named a subject of several measures (「…に関する施策」, 「…関係」, 「…系」, 「…分野」)
_SUBJECT = re.compile(r"関係|関連|関する|関わる|かかわる|系|まわり|周り|分野|領域|など|等|全般")


def _said_together(text: str) -> set[str]:
    """The words of the things a question names together (「レセプトや健診」, 「データ流通やルール作り」: the runs of
    letters on both sides of や / とか / と / 、), by their search words; empty where it names one thing."""

    out: set[str] = set()
    for m in _NAMES_SEVERAL.finditer(text):
        left = re.search(_RUN + r"+$", text[:m.start() + 1])
        right = re.match(_RUN + r"+", text[m.end() - 1:])
        out.update(analyzer().words(normalize((left.group(0) if left else "") + " " + (right.group(0) if right else ""))))
    return out


def _per_index(retriever: Retriever, name: str) -> dict:
    """A dict kept on the retriever under `name` (built once per index, so card text is read once, not per question);
    a fresh one each call where the retriever takes no attributes."""
    cache: dict | None = getattr(retriever, name, None)
    if cache is None:
        cache = {}
        try:
            setattr(retriever, name, cache)
        except AttributeError:
            pass
    return cache


def _words_of(retriever: Retriever, card_id: str) -> frozenset[str]:
    """The search words (analyzer().words) of a card's name, overview and KPIs, as analysed at index build."""
    return retriever.card_words.words[_positions(retriever)[card_id]]


def _name_words(retriever: Retriever, card_id: str) -> frozenset[str]:
    """The search words of a card's name alone, as analysed at index build."""
    return retriever.card_words.name[_positions(retriever)[card_id]]


def _positions(retriever: Retriever) -> dict[str, int]:
    """Card ID → its row in the index (its place among the retriever's cards), found once per index."""
    position = _per_index(retriever, "_card_positions")
    if not position:  # filled in one step: a thread reading it meanwhile sees it empty or whole, not in part
        position.update({c.id: k for k, c in enumerate(retriever.stored.cards)})
    return position


def _fewer_words(retriever: Retriever, question: str, answers: Sequence[Hit]) -> list[Hit]:
    """The answers after the first that answer a question naming one measure less well than the first: whose text
    misses a word of `question` that the first card's holds and holds no word of it that the first card's lacks, read
    over all its words or over its nouns alone (the topic: 「…について知りたい」 reads as the verb 就く, which says
    nothing of it), or whose name holds none of the question's words where the first card's name holds some (a
    measure is asked for by what its name says: 「GIGAスクールの端末配備」 names 03-01 児童生徒1人1台端末の整備, not
    03-05 新時代の学びを支える先端技術の活用推進, whose text says GIGAスクール and 端末 too; 「災害情報を関係機関で共有する」
    keeps 03-16 …情報を円滑に共有できる仕組みの構築 beside 03-17 災害情報の共有の推進, both named by it)."""
    asked, nouns = _asked_words(question), _asked_words(question, nouns=True)
    first_id = answers[0].card.id
    first, first_name = asked & _words_of(retriever, first_id), asked & _name_words(retriever, first_id)

    def fewer(held: set[str], of_first: set[str]) -> bool:
        return held <= of_first and held != of_first

    return [h for h in answers[1:] if fewer(asked & _words_of(retriever, h.card.id), first)
            or fewer(nouns & _words_of(retriever, h.card.id), nouns & first)
            or (first_name and not asked & _name_words(retriever, h.card.id))]


def _asked_words(question: str, nouns: bool = False) -> set[str]:
    """The search words of a question, less the words every card is (施策, 取組, デジタル化); its nouns alone (its
    topic, not how it is asked: 見る, その) where `nouns`."""
    from .retrieve.decide import TOPIC_POS
    from .retrieve.understand import LIST_FILLER_WORDS

    text = normalize(question)
    words = set(analyzer().words(text)) - LIST_FILLER_WORDS
    return words & {t.base for t in analyzer().tokens(text) if t.pos in TOPIC_POS} if nouns else words


def _as_full(retriever: Retriever, question: str, first: Hit, other: Hit) -> bool:
    """Whether `other` holds just the words of `question` that `first` holds (some), in its text and in its name."""
    asked = _asked_words(question)
    held = asked & _words_of(retriever, first.card.id)
    return bool(held) and held == asked & _words_of(retriever, other.card.id) and (
        asked & _name_words(retriever, first.card.id) == asked & _name_words(retriever, other.card.id))


def _fuller(retriever: Retriever, question: str, first: Hit, others: Sequence[Hit]) -> Hit | None:
    """The card of `others` that answers a question naming one measure better than `first`: it holds every word of
    the question that `first` holds and more, and its name holds more of them (a measure is asked for by what its
    name says); the first such in order, or None. Words every card is (施策, 取組, デジタル化) say nothing of which."""
    asked = _asked_words(question, nouns=True)
    held, named = asked & _words_of(retriever, first.card.id), asked & _name_words(retriever, first.card.id)
    if not held:
        return None  # the question's words say nothing of the first card: nothing to outdo
    for h in others:
        other = asked & _words_of(retriever, h.card.id)
        if held < other and len(asked & _name_words(retriever, h.card.id)) > len(named):
            return h
    return None


_CATEGORY = re.compile(r"(?:施策|取組|取り組み|事業|政策|\bmeasures|\bpolicies|\bprograms)\s*(?:の|は|って|を|で)?\s*[?？]?\s*$",
                       re.I)
_WHAT_ABOUT = re.compile(r"^(?:(?:and |so |then )?(?:what|how) about (?:the )?(?P<en>.+?)|"
                         r"(?:じゃあ|では|なら|それなら|じゃ|で)?[、,\s]*(?P<ja>[^、。？?]{1,24}?)"
                         # (「2つ目は。」: asked politely, with a full stop)
                         r"(?:は|だと|だったら|の場合は|なら|のほうは|の方は|はどう(?:ですか|なの)?))\s*[?？。.]*\s*$", re.I)


# 「同委員会」, 「同省」, 「同庁」: the body of that kind the conversation named last (a written reference, as in 「個人情報
# 保護委員会が…。うち、同委員会が主担当のものは」); not 「同じ省」 (SAME_MINISTRY: the lead of the card just answered),
# nor 「同省庁」
_SAME_BODY = re.compile(r"(?<![一-龥])同(委員会|省|庁)(?![庁一-龥])")


def _body_said_before(retriever: Retriever, question: str, conversation: Conversation) -> str:
    """`question` with 「同委員会」 / 「同省」 / 「同庁」 written as the body of that kind named last in the conversation (or
    earlier in the question itself), as the search reads a name; unchanged when none was named."""
    m = _SAME_BODY.search(question)
    if m is None:
        return question
    kind = m.group(1)
    for said in [question[:m.start()]] + [t.question for t in reversed(conversation.turns)]:
        named = [n for n in retriever.understanding.run(said).intent.ministries if n.endswith(kind)]
        if named:
            return question[:m.start()] + named[-1] + question[m.end():]
    return question


def _ministry_swapped(retriever: Retriever, text: str, conversation: Conversation) -> str:
    """The last question asked again of another ministry, when this one only names that ministry (「じゃあ国交省は？」,
    "What about the Cabinet Office?") and the last one listed cards by a ministry; "" otherwise. A chain of such
    questions keeps the one they all vary."""
    m = _WHAT_ABOUT.match(unicodedata.normalize("NFKC", text).strip())
    if m is None or not conversation.turns:
        return ""
    new = retriever.understanding.run(m.group("en") or m.group("ja")).intent
    asked = [t.question for t in conversation.turns[-4:]]
    while len(asked) > 1 and _names_ministry_only(retriever, asked[-1]):
        asked.pop()  # 「じゃあ国交省は？」 after "What about the Cabinet Office?": the question both vary
    asked_field = follow_up_field(asked[-1])
    prev = retriever.understanding.run(asked_field.rest if asked_field is not None else asked[-1]).intent
    if len(new.ministries) != 1 or has_own_topic(new.topic) or not prev.is_list or not (
            prev.ministries or prev.absent_ministries):
        return ""
    if new.lead or new.not_lead or new.leads or new.all_ministries:
        return ""  # 「国交省が主担当じゃないけど関わってる施策は？」 says its own role: a question of its own, read as said
    topic = prev.topic if has_own_topic(prev.topic) and not prev.english else ""  # an English topic keeps its asking words
    role = "が主担当の施策" if prev.lead else "が関わっているが主担当ではない施策" if prev.not_lead else "が関わる施策"
    return f"{topic} {new.ministries[0]}{role}".strip()


def _names_ministry_only(retriever: Retriever, text: str) -> bool:
    """「じゃあ国交省は？」: a question that names one ministry and nothing else (no role, no topic of its own)."""
    m = _WHAT_ABOUT.match(unicodedata.normalize("NFKC", text).strip())
    if m is None:
        return False
    intent = retriever.understanding.run(m.group("en") or m.group("ja")).intent
    return len(intent.ministries) == 1 and not (intent.lead or intent.not_lead or intent.leads or intent.all_ministries
                                                or has_own_topic(intent.topic))


def asks_cells(retriever: Retriever, text: str) -> bool:
    """The question lists cards by the table's own cells (KPI 未設定/空欄, 条・手引 marks, several leads, the
    工程表's years): its set is exact, whatever field it also names."""
    intent = retriever.understanding.run(text).intent
    return bool(intent.kpi_unset or intent.kpi_rule or intent.marks_rule or intent.articles or intent.guides
                or intent.several_leads or intent.lead_count or intent.dated is not None or intent.ministry_count or intent.target_unit
                or intent.kpi_counts or intent.mentions_in_kpi or intent.mentions_in_ministries or bool(intent.mention_fields))


# words that take every card just answered, one by one (not その中, which chooses among them)
_EVERY = re.compile(r"それぞれ|各(?:施策|々)|どれも|いずれも|全部の|\beach\b|\ball of them\b", re.I)
# a request at the end of a restriction (「…のを抜き出して」, 「…だけ選んで」): how it is asked, not what
_REQUEST = re.compile(r"(?:(?<!も)の|(?<!も)のを|を|だけ)?\s*(?:抜き出|抜き取|取り出|選ん|選び出|ピックアップ|挙げ|列挙|教え|見せ|出し|まとめ|並べ)"
                      r"(?:て|で|して)?(?:ください|下さい|くれ|もらえ\S*|ほしい|欲しい)?\s*[?？。!！]*$")
# 「総務省がやってないのは」, 「災害に関わっていないのは」: a verb of taking part, negated, says the same as 〜じゃない
# 「港湾を外すと」, 「港湾は抜いて」, 「港湾を含まないもの」: a thing taken out, the same
# 「医療と関係ないのは」, 「災害に関わりのないもの」, 「港湾と無関係なの」: a relation denied, the same again (not
# 「関係ないけど、…」, an aside: the denial ends the restriction, before の, もの, やつ, 施策 or the question's end)
_NOT = re.compile(r"(?:関係|関連|系|の|もの|やつ)?\s*(?:じゃな(?:い|かった)|ではな(?:い|かった)|でな(?:い|かった)|以外|"
                  r"じゃなく|ではなく|(?:を|は)?除(?:く|いて|いた|き)|"
                  r"(?:を|は)(?:外(?:して|した|すと|せば)|抜(?:いて|いた|くと|けば)|除外(?:して|した|すると|すれば)|"
                  r"含(?:まない|めない|めず|めないで))|(?<!置き)(?<!生え)(?<!勝ち)(?<!引き)(?<![談手息骨])抜き(?=で|の|だ|なら|に|[?？]|$)|(?:が|は)?ノータッチ|"
                  r"(?:が|は|に)?(?:やって|関わって|かかわって|入って|担当して|手がけて|手掛けて|参加して|携わって|絡んで|関与して|"
                  r"関係して|関連して)(?:い)?(?:ない|ません)|"
                  r"(?:(?:と|に)(?:は|も)?)?(?:(?:関係|関連|関わり|かかわり|縁)(?:の|が|は)?(?:ない|無い|なし|無し)|無関係(?:な|の)?|"
                  r"(?:関係|関連)しない|(?:関わ|かかわ)らない)"
                  r"(?=\s*(?:の(?![でだ])|もの|やつ|とこ|ところ|ほう|方|施策|取り?組み?|[はも]|で(?!す)|[?？。!！]|$)))")
# an English negation names what it takes out after it: "other than MEXT", "except the port ones", "excluding disasters"
# … and so does a negated verb or preposition: "not led by MIC", "which aren't about ports", "that don't involve METI",
# "the ones without METI", "aren't METI's" (not "without a KPI target": a cell, which the KPI questions read)
_NOT_EN = re.compile(r"(?:\b(?:other than|except(?: for)?|excluding|apart from|aside from|but not|not counting)|"
                     r"\bwithout(?!\s+(?:an?\s+|any\s+)?(?:[a-z-]+\s+)?(?:kpis?|targets?|goals?|figures?|numbers?|deadlines?|dates?|"
                     r"milestones?|budgets?|indicators?)\b)|"
                     r"(?:\bnot|n't)(?:\s+be)?(?=\s+[\w.'-]+-(?:related|led|focused|oriented|centred|centered)\b)|"
                     r"(?:\bnot|n't)(?=\s+(?:the\s+)?[\w.&-]+'s\b)|"
                     r"(?:\bnot|n't)\s+(?:(?:be(?:ing)?\s+)?(?:led|run|headed|handled|managed|overseen|driven|owned|coordinated)\s+by|"
                     # ("not on track / schedule" asks how it is going, not what it is about)
                     r"(?:(?:be(?:ing)?\s+)?(?:about|on(?!\s+(?:track|schedule|time|target|course)\b)|for|related to|"
                     r"relating to|concerning|connected to|linked to)|"
                     r"involv(?:e|es|ing)|concern(?:s|ing)?|cover(?:s|ing)?|include|includ(?:es|ing))))\s+(?:the\s+)?"
                     r"(.+?)(?:\s+(?:ones?|measures?))?(?=\s*[?,.!]|\s+(?:and|or|which|that)\b|$)", re.I)
# … or the subject of a negated verb of taking part: "which ones does MIC not lead?", "the ones METI isn't part of"
_NOT_EN_VERB = r"(?:lead|run|head|handle|manage|oversee|coordinate|involved|in charge|part of|take part|involve|cover)\b"
_NOT_EN_SUBJECT = re.compile(r"\b(?:does|do|did|is|are)\s+(?:the\s+)?(.{1,40}?)\s+not\s+" + _NOT_EN_VERB)
_NOT_EN_SUBJECT_NAMED = re.compile(r"\b(?:the\s+)?((?:[A-Z][\w.&'-]*\s+){0,3}[A-Z][\w.&'-]*)\s+(?:does|do|did|is|are)"
                                   r"(?:n't|\s+not)\s+" + _NOT_EN_VERB)
# what a negation negates: the words right before it, back to the clause's start (「…施策で、災害関係じゃないもの」 → 災害)
_NEGATED_WORDS = re.compile(r"((?:[一-龥々ァ-ヶーA-Za-z0-9・]|向け)+)(?:の|が|は)?\s*$")
_MATTER_SAID = re.compile(r"(?:の|に関する|に関係する|についての)\s*(?:話|はなし|こと|事|件)\s*$")
NEGATED_MARGIN = 0.035  # a card whose best passage is this close (cosine) to the best card's is about the negated words too
# … the same on the centred scale (DenseScorer.centred_closeness), where the store keeps its vectors at hand: fitted
# leave-one-split-out on the dev negations (「災害関係以外」 must take the 被災者 cards out: above ~0.12; 「道路交通以外」
# must keep 運転免許: below ~0.17; each held split right at the others' choice)
NEGATED_CENTRED_MARGIN = 0.145


# "areas without mobile coverage", "people without a phone": "without" after a noun other than the measures describes
# that noun (what the measure is about), it takes no measure out
# (a plural noun, or people / children: not the measures, nor a verb's -s form: "which runs without MIC")
_DESCRIBED_WITHOUT = re.compile(r"\b(?!(?:ones|measures|programs|programmes|policies|items|cards|initiatives|others|"
                                r"is|was|has|does|runs|works|comes|goes|operates|proceeds|happens|exists|"
                                r"this|those|these|us|its)\b)(?:[a-z]{2,}s|people|children)\s+$", re.I)


def _en_negation(text: str) -> re.Match | None:
    """_NOT_EN's negation in `text`, unless it is "without" describing the noun before it ("areas without coverage")."""
    m = _NOT_EN.search(text)
    if m is not None and m.group(0).lower().startswith("without") and _DESCRIBED_WITHOUT.search(text[:m.start()]):
        return None
    return m


def _joined_before(text: str, negated: str) -> list[str]:
    """The things joined before the negated words by や / と / とか / か / ・ (「防災や被災者支援以外」 → [防災]), each a
    topic of its own, in the order said."""
    at = text.find(negated)
    before, out = (text[:at] if at > 0 else ""), []  # type: tuple[str, list[str]]
    while (m := re.search(r"((?:[一-龥々ァ-ヶーA-Za-z0-9]|向け)+)(?:や|とか|と|か|・|及び|および|または)\s*$", before)) \
            and has_own_topic(m.group(1)):
        out.insert(0, m.group(1))
        before = before[:m.start()]
    return out


def negated_words(text: str) -> tuple[str, str] | None:
    """(the words a negation excludes, the question without them) for 「…の施策で、災害関係じゃないものは？」 →
    (災害, 「…の施策で、ものは？」); None when nothing is negated."""
    en = _en_negation(text) or _NOT_EN_SUBJECT.search(text) or _NOT_EN_SUBJECT_NAMED.search(text)
    if en is not None and has_own_topic(en.group(1)):  # "other than MEXT", "except the port ones"
        return en.group(1), (text[:en.start()] + " " + text[en.end():]).strip()
    m = _NOT.search(text)
    if m is None or m.start() == 0:
        return None
    before = text[:m.start()]
    # 「港の話じゃないのは」, 「災害のことじゃないもの」: 話 / こと says "the matter of" what it follows (港), not what is denied
    matter = _MATTER_SAID.search(before)
    if matter and has_own_topic(before[:matter.start()]):
        before = before[:matter.start()]
    w = _NEGATED_WORDS.search(before)
    if w is None or not has_own_topic(w.group(1)):
        return None
    return w.group(1), (text[:w.start()] + text[m.end():]).strip()


# the words that ask who takes part rather than whose measure it is: 「総務省が関わってるのは」 is not 「総務省のは」
# (「総務省が担当しているのは」 is: the ministry in charge, its ◎, as a list question reads 担当 by understand.IN_CHARGE;
# 「担当府省庁に入ってる」 still takes part, by 入って)
# (the verbs typed in kana as well: 「経産省がからんでるのは」, 「内閣官房もはいってるやつ」)
_TAKES_PART = re.compile(r"関わ|かかわ|関与|入って|入る|関係|参加|参画|携わ|絡|連携|協力|名前|載って|やって|進めて|"
                         r"からん|からむ|はいって|はいる|かんけい|たずさわ|かんよ|"
                         r"involved|take part|"
                         r"participat|\bpart\b|\bsupport", re.I)


# 「それぞれどこが主担当？」, "who leads each?": the lead asked of every card, whichever the ministry said leads
_EACH_LEAD = re.compile(r"それぞれ|各々|おのおの|\beach\b|\brespectively\b", re.I)


def _by_lead_earlier(retriever: Retriever, text: str, fu: FollowUp, conversation: Conversation, last: Turn,
                     ask_field: FieldAsk | None) -> tuple[tuple[str, ...], tuple[str, ...], str] | None:
    """(the cards, the earlier list they are a part of or (), the note) for a part of a list chosen by one ministry's
    lead (「国交省主担当のほう」, 「内閣官房以外が主担当のもの」, "the ones not led by MLIT") that keeps none of the list
    just discussed: after a pick from a part of a list (「その3番目のKPIは？」 after 「そのうち国交省が主担当ではない
    もの」), the list the part came from (then the conversation's earlier lists, nearest first) is the one meant, and
    the note says which. With no earlier list and the lead asked of each (「財務省が主担当のはある？それぞれの主担当
    は？」): every card of the list with its lead, the note saying the ministry leads none. None otherwise."""
    intent = retriever.understanding.run(text).intent
    if len(intent.ministries) != 1:
        return None
    name, lead = intent.ministries[0], intent.lead or intent.not_lead  # (no lead said: 府省庁名, as the search reads it)
    said = unicodedata.normalize("NFKC", text)
    negated = bool(intent.not_lead or _NOT.search(said) or _en_negation(said))
    by_id = _card_index(retriever)

    # 「内閣官房じゃないとこが担当のやつ」: 担当 alone is the ministries named (as the search reads it) or, where that
    # keeps none of any list, the one in charge (◎)
    roles = (lead,) if lead or not re.search(r"担当|担って|in charge", said, re.I) else (False, True)

    def kept(ids: tuple[str, ...], by_lead: bool) -> tuple[str, ...]:
        return tuple(i for i in ids if (c := by_id.get(i)) is not None and any(
            m.name.startswith(name) for m in c.ministries if m.lead or not by_lead) != negated)

    if any(kept(fu.ids, r) for r in roles):
        return None
    if last.listing is not None or last.parent is not None:
        earlier = [last.whole] + [t.answers for t in reversed(conversation.turns) if t.listing is None
                                  and len(t.answers) > 1]
        for by_lead in roles:
            role = f"{'主担当（◎）' if by_lead else '府省庁名'}が{name}{'以外' if negated else ''}"
            for ids in dict.fromkeys(earlier):
                if ids != fu.ids and (part := kept(ids, by_lead)):
                    return part, ids, (f"直前の一覧（{which_ids(fu.ids)}）には{role}の施策がないため、その前の一覧（"
                                       f"{len(ids)} 件: {which_ids(ids)}）のうち{role}の {len(part)} 件として答えています。")
        return None
    if lead and not negated and len(fu.ids) > 1 and _EACH_LEAD.search(said) and (
            ask_field is None or ask_field.field == "ministries"):
        return fu.ids, (), f"直前の施策（{which_ids(fu.ids)}）のうち、{name}が主担当（◎）の施策はありません。それぞれの主担当を示します。"
    return None


def _named_ministries(retriever: Retriever, text: str) -> tuple[str, ...]:
    return retriever.understanding.run(text).intent.ministries


def _led_by_named(retriever: Retriever, ids: Sequence[str], near: Sequence[str], words: str,
                  restricting: bool = False) -> tuple[str, ...]:
    """「総務省のは？」 among a list: the cards of `ids` (and of the cards shown right below them, `near`) that the
    ministry the words name leads (◎), when the words name it and nothing else (no role: 「が主担当の」 and 「が関わる」
    are read as they say) and it leads some but not all of them. `restricting`: the words restrict a list pointed at
    (その中, 残りの), where the lead said is the role this reads (「残っている厚労省主担当の施策」) and every card of it led
    by the ministry is an answer (「残りの厚労省のものは」 when it leads each one left)."""
    intent = retriever.understanding.run(words).intent
    several = len(intent.ministries) > 1 and not intent.not_lead and not _BOTH_LEAD.search(words)
    unled = re.sub("|".join(map(re.escape, LEAD_WORDS)), " ", words)  # (担当 of 主担当 is no other role)
    if several and not has_own_topic(_MINISTRY_WORD.sub(" ", intent.topic)) and not _TAKES_PART.search(unled):
        # 「そのうち総務省と経産省が主担当のは？」, 「文科省か総務省のは？」: those that either leads (a card has one
        # lead as a rule, so both named is either of them, not the cards that both lead)
        by_id = _card_index(retriever)
        led = tuple(i for i in tuple(ids) + tuple(near) if (c := by_id.get(i)) is not None
                    and set(intent.ministries) & set(c.lead_ministries))
        return led if 0 < len(led) < len(ids) + len(near) else ()
    # (「総務省の分だけ」: its share of them, 分 no topic)
    topic = re.sub(r"^\s*の\s*(?:分|ぶん)(?=だけ|のみ|は|を|って|[?？]|$)", " ", _MINISTRY_WORD.sub(" ", intent.topic))
    lead_said = intent.lead or "◎" in words or any(w in words for w in LEAD_WORDS)
    if (len(intent.ministries) != 1 or intent.not_lead or _TAKES_PART.search(unled if restricting else words)
            or lead_said and not restricting or has_own_topic(topic)):
        return ()
    by_id = _card_index(retriever)
    led = tuple(i for i in tuple(ids) + tuple(near)
                if (c := by_id.get(i)) is not None and intent.ministries[0] in c.lead_ministries)
    # (「残りの厚労省のものは？」 where the ministry leads each card left: every one of them, a restriction each fits)
    return led if 0 < len(led) < len(ids) + len(near) or restricting and led and set(ids) <= set(led) else ()


# 「警察庁のはどれ？」, 「自動運転に関係するのはどれ？」: which ones, the set they are of left unsaid
_WHICH_ONES = re.compile(r"(?:のは|もの(?:は)?|やつ(?:は)?)\s*どれ(?:です(?:か)?|でしょう(?:か)?|かな|だろう)?\s*[?？]?\s*$")



def _writes_phrases(retriever: Retriever, card_id: str, phrases: Sequence[Sequence[str]],
                    any_phrase: Callable[[Iterable[bool]], bool]) -> bool:
    """Card `card_id` writes the table's or everyday words of each English phrase (`any_phrase` = any: "X or Y", one
    will do), in its text as written or kana-folded; False where no phrase was read."""
    c = _card_index(retriever).get(card_id)
    if not phrases or c is None:
        return False
    text = _card_text(retriever, c)
    folded = fold_kana(text)
    return any_phrase(any(w in text or w in folded for w in ways) for ways in phrases)


def _which_of_list(retriever: Retriever, question: str, fu: FollowUp, last: Turn | None) -> FollowUp | None:
    """「警察庁のはどれ？」 right after a list: which of the list, Japanese dropping その中 as it drops the subject, when
    the words pick some of the list's cards and not all: the ministry named leads some (02-09 of a list on disability),
    or the words are in some cards' text (自動運転 in 02-07 and 02-08 of the NPA's); a question the list's cards do not
    answer by their words (「テレワークに関係するのはどれ？」 after a list on disasters) stays a question of its own."""
    if fu.kind != "fresh" or fu.ids or last is None:
        return None
    thread = last.thread or last.answers
    q = normalize(question)
    m = _WHICH_ONES.search(q)
    if len(thread) < 3 or m is None or "、" in q or "," in q:  # (「あと、…のはどれ？」 goes on to another subject)
        return None
    words = q[:m.start()]
    if _names_ministry(retriever, words):
        picked = _led_by_named(retriever, thread, (), words + "の")
    else:
        nouns = [n for n in _kind_stripped(words) if len(n) >= 2]
        picked = _containing(retriever, thread, nouns) if nouns else ()
    if not 0 < len(picked) < len(thread):
        return None
    shown = "、".join(thread[:5]) + (f" ほか {len(thread) - 5} 件" if len(thread) > 5 else "")
    return FollowUp("set", tuple(thread), words + "のは?", "", f"直前の一覧の施策（{shown}）の中から答えています。")


# 「その中で」, 「さっきの一覧の」, 「この中の」: the list just given (or one before it) pointed at, not a ministry's own list
_LIST_POINTED = re.compile(r"その|この|あの|さっき|先ほど|前の|最初に|一覧|リスト|\b(?:those|these|them|list)\b", re.I)


def _place_in_named_list(retriever: Retriever, question: str, fu: FollowUp, last: Turn | None) -> FollowUp | None:
    """「警察庁主担当で一番最後の番号のは」, 「経産省が主担当の施策の2つ目」: a place in the list of the ministry named (its
    cards in 施策番号 order), not in the list just given, when that list is not the ministry's (its cards are not all
    of it, or it is one card). A question that points at a list (その中,
    さっきの一覧) is read by the conversation's own rules."""
    if fu.kind not in ("ordinal", "fresh", "set") or fu.missing:
        return None
    q = retriever.understanding.spell_names(normalize(_without_remarks(question)))
    place = place_named(q)
    if place is None or _LIST_POINTED.search(q):
        return None
    m, n = place
    if not retriever.understanding.run(q[:m.start()]).intent.ministries:
        return None  # the ministry restricts the list before the place is said (not 「最後のやつは厚労省も◎？」)
    rest = (q[:m.start()] + " " + q[m.end():]).strip()
    rest = re.sub(r"(?:施策)?番号(?:が|の|で)?|(?:の|で)?(?:うち|中で|なか)", " ", rest)  # (which order, and "of them")
    intent = retriever.understanding.run(rest).intent
    if len(intent.ministries) != 1 or intent.ids or has_topic(intent.topic) or replace(
            intent, ministries=(), lead=False, not_lead=False, in_charge=False).structured:
        return None  # (one ministry and its role only: no topic, no other cell)
    names = "・".join(intent.ministries)
    # the ministry's cards, as its list gives them: those it leads (主担当), those it takes part in without leading, or
    # (no role said) those a list of 「…の施策」 counts
    res = retriever.search(f"{names}{'が主担当の' if intent.lead else 'が関わるが主担当ではない' if intent.not_lead else 'の'}"
                           "施策を全部", as_list=True)
    listed = sorted(h.card.id for h in answer_cards(res)[0])
    thread = (last.thread or last.answers) if last is not None else ()
    if len(listed) < 2 or (len(thread) > 1 and set(thread) <= set(listed)):
        return None
    if not (n == -1 or 1 <= n <= len(listed)):
        return None
    pick = listed[n - 1] if n > 0 else listed[-1]
    return FollowUp("ordinal", (pick,), "", m.group(0),
                    f"「{m.group(0)}」は{names}{'が主担当' if intent.lead else ''}の施策（{'、'.join(listed)}）の"
                    f"施策番号順で {n if n > 0 else len(listed)} 番目（{pick}）として答えています。")


# 「災害関係」, 「港湾系」, 「医療分野」: a kind of measure, not a thing a card names
_A_KIND = re.compile(r"(?:関係|関連|系|分野|領域|方面|まわり|周り|絡み|がらみ)(?:の)?\s*$")
# 「進捗・効果とも」, 「両方とも」, "both": each of the two KPI cells, not either of them
_BOTH_CELLS = re.compile(r"(?:進捗|アウトプット)\s*(?:[・、,/&]|と|も)\s*(?:効果|アウトカム)\s*(?:も|とも|ともに|の両方|どちらも|いずれも)?|"
                         r"両方|どちらも|どっちも|いずれも|ともに|\bboth\b|\bneither\b", re.I)


# a KPI cell's unset state said on its own (「両方とも決まってない」: 両方, まだ … before it change nothing of what it says)
_UNSET_STATE = re.compile(KPI_UNSET_WORDS)


# 「両方ないのは？」, 「どっちもなしのやつ」: none in both cells, said with a bare ない (the cells the list was chosen by)
_NONE_OF_BOTH = re.compile(r"(?:両方|どちらも|どっちも|両方とも|ふたつとも|二つとも|2つとも|いずれも)\s*(?:が|は)?\s*(?:ない|無い|なし|無し)")


# 「◎のほう」, 「○の2つ」, 「◎になっているもの」, 「◎ではなく○のもの」, "the ones with ◎": a part of a list told by the symbol
# of its marks; 「都道府県にも印がある」: by a 手引 column named bare (the list's own marks said which cells)
_MARK_SYMBOL_SAID = re.compile(r"[◎○〇]|\b(?:double|single) circles?\b", re.I)
# 「11条1項2項のほかの条」, 「市町村の他の手引」: the columns beside one named (read as 以外の: understand.COLUMN_OTHER)
_OTHER_COLUMNS = re.compile(r"(?<=[条項県村])\s*の\s*(?:ほか|他)の\s*(?=条|列|欄|手引|印|マーク)")
# the ◎ of 府省庁名 (「主担当」, 「◎が複数」, "lead"): a ministry's role, not a 条・手引 mark
_LEADS_SAID = re.compile(r"府省|省庁|主担当|担当|主管|共同|共管|複数|\blead|\bministr|\bagenc", re.I)
_BARE_GUIDE = re.compile(r"(都道府県|市町村)(?:の|に|で|が|は)?(?:も|だけ)?(?:の)?\s*(?:印|マーク|[◎○〇])")


def _marks_list(retriever: Retriever, conversation: Conversation) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]] | None:
    """(the cards, the 条・手引 columns it named, the latest list) of the list the conversation chose by the marks
    (「11条1項2项に印が付いている施策」: its column; 「条・手引の印が付いている施策」: none, every column) and goes on about:
    the latest list shown, or a list it was narrowed from (「そのうち◎のもの」); None when the list under discussion was
    not chosen by the marks."""
    lists = [t for t in reversed(conversation.turns) if len(t.answers) > 1]
    if not lists:
        return None
    latest = set(lists[0].answers)
    for t in lists:
        if not latest <= set(t.answers):
            continue
        intent = retriever.understanding.run(t.question).intent
        if intent.articles or intent.guides or intent.marks_rule:
            return t.answers, intent.articles + intent.guides, lists[0].answers
    return None


def _by_marks(retriever: Retriever, text: str, fu: FollowUp, conversation: Conversation,
              allowed: Sequence[str]) -> tuple[list[str], tuple[str, ...], str] | None:
    """A restriction of a list by the 条・手引 marks, read as the opening list reads them (one reading: the columns and
    the symbol the words name, results.marks_rule_met on the placed marks): (ids, the columns read, the note that says
    so), None when the question is no such restriction.
    - its own columns or mark words (「そのうち10条の印があるのは」, 「それら3つのうち、条や手引のマークがあるもの」,
      "which of those bear any article/guideline marking?"): among the list it restricts;
    - a symbol and no column (「そのうち◎になっているものだけ」, 「その中で◎ではなく○のものは？」, 「○のほうの2つは？」) or a
      手引 column said bare (「そのうち都道府県にも印があるのは」), after a list the marks chose: that symbol (or any mark)
      in the columns the list was chosen by. 「その中で」 chooses among the list just shown; 「○のほう」 among the list
      the marks chose (the part not shown last)."""
    from .corpus import MARK_COLUMNS
    from .retrieve.results import marks_rule_met
    from .retrieve.understand import column_symbol

    q = unicodedata.normalize("NFKC", text)
    if fu.kind not in ("set", "pick", "ellipsis", "rest", "fresh", "more"):
        return None
    of_those = fu.kind == "fresh" and bool(re.match(r"\s*うち[、,\s]", q))  # 「うち、◎が付いているもの」: of the list shown
    # 「それら3つのうち、」: the pointing words, whose のうち is no word of the question (農地)
    q = re.sub(r"^\s*(?:それら|これら|その|この)?\s*(?:\d+|[一二三四五六七八九])?\s*(?:つ|件|個)?\s*(?:の)?うち[、,\s]*", "", q)
    own = retriever.understanding.run(q).intent
    if own.ministries or own.kpi_unset or own.several_leads or own.ids or _LEADS_SAID.search(q):
        return None  # a ministry's ◎ (「総務省が◎」, 「◎が複数」): 府省庁名, which the search reads
    bare = _BARE_GUIDE.findall(q)
    if own.articles or own.guides or own.marks_rule:
        topic = own.topic if _JAPANESE_CHARS.search(own.topic) else ""  # (English leaves only asking words)
        topic = re.sub(r"[◎○〇]|印|マーク|のは|もの|どれ|ですか|でしょうか|ありますか|ある|教えて(?:ください)?|[?？。、]|も|は|が|の|や|を|と|で|に",
                       " ", topic)
        if not (fu.kind in ("set", "rest") or of_those) or has_own_topic(topic):
            return None  # a list of the whole table (a fresh question), or one with a topic of its own: searched
        pool = tuple(allowed) if not of_those else ((_marks_list(retriever, conversation) or ((), (), ()))[2]
                                                    or tuple(conversation.last.answers if conversation.last else ()))
        columns, rule = own.articles + own.guides, own.marks_rule or "any"
    else:
        if not (_MARK_SYMBOL_SAID.search(q) or bare):
            return None
        listed = _marks_list(retriever, conversation)
        if listed is None:
            return None
        ids, columns, latest = listed
        columns = tuple(g for g in GUIDE_COLUMNS if g in bare) or columns
        # (「◎か○か」, 「◎と○のどちらか」: each one's symbol asked, no part chosen: every card, each with its marks there)
        rule = (column_symbol(q) if _MARK_SYMBOL_SAID.search(q) else "") or "any"
        pool = tuple(allowed) if fu.kind in ("set", "rest") else latest if of_those else ids
    by_id = _card_index(retriever)
    chosen = [i for i in pool if (c := by_id.get(i)) is not None and marks_rule_met(
        c, rule, [m for m in c.marks if m.column in columns] if columns and rule in ("any", "symbol◎", "symbol○") else None)]
    where = "・".join(columns) if columns else "条・手引"
    of = "、".join(pool[:5]) + (" ほか" if len(pool) > 5 else "")
    symbol = rule[6:] if rule.startswith("symbol") else ""
    said = f"{where}に{symbol}が付いている" if symbol else f"{where}に印が付いている" if rule == "any" else "条・手引の印で選んだ"
    return chosen, columns or MARK_COLUMNS, f"一覧（{of}）のうち、{said}施策は {len(chosen)} 件です。"


def _kpi_said_before(text: str, last: Turn | None) -> str:
    """「両方とも決まってないのは？」 among a list the last question chose by its KPI cells (「KPIが未設定とか空欄の施策」):
    the state words are said of the KPI (「KPIが両方とも決まってないのは？」); `text` as it is otherwise."""
    q = unicodedata.normalize("NFKC", text)
    if last is None or re.search(r"kpi|指標|目標|進捗|効果", q, re.I) or not (_UNSET_STATE.search(q) or _NONE_OF_BOTH.search(q)):
        return text
    if not KPI_UNSET_PATTERN.search(unicodedata.normalize("NFKC", last.question)):
        return text
    return "KPIが" + text


def _both_kpis_unset(retriever: Retriever, ids: Sequence[str], text: str) -> list[str]:
    """The cards of `ids` neither of whose KPI cells is written (未設定 or blank) when the question asks for both
    (「進捗・効果とも未設定」); [] when it does not, or when that leaves all of them or none."""
    q = unicodedata.normalize("NFKC", text)
    if not (_BOTH_CELLS.search(q) and (KPI_UNSET_PATTERN.search(q) or re.search(r"未設定|空欄|空白|\bblank\b|\bunset\b", q, re.I))
            or _NONE_OF_BOTH.search(q) and re.search(r"kpi|指標", q, re.I)):
        return []
    by_id = _card_index(retriever)
    # 「両方とも空欄」: both cells empty (a cell that says 未設定 is written, not blank); 「両方とも未設定」 or 「決まってない」:
    # neither holds a KPI, either way (the understanding reads the words as it does for a list of the whole table)
    cells = Filters(kpi_rule="blank_both" if retriever.understanding.run(q).intent.kpi_rule == "blank_both" else "neither")
    both = [i for i in ids if (c := by_id.get(i)) is not None and cell_rules(c, cells)]
    return both if 0 < len(both) < len(ids) else []


# "which of them have KPIs set?", "do any of those have a KPI defined?": a KPI written, asked of each card of a list
_KPI_SET_EN = re.compile(r"\bha(?:ve|s)\s+(?:an?\s+|any\s+)?kpis?\s+(?:set|defined|in place|specified|filled in)\b|"
                         r"\bkpis?\s+(?:(?:is|are)\s+)?(?:been\s+)?(?:set|defined)\b", re.I)
# a KPI said to be missing (「未設定」, "no KPI", "without a KPI", "not set"): the other cell rules read it
_KPI_NOT_SET = re.compile(r"\bno\s+kpis?\b|\bwithout\b|\bnot\b|n't\b|\bunset\b|\bblank\b|\bmissing\b|\bboth\b|両方|とも|"
                          r"進捗|効果|同じ", re.I)


# a restriction chooses among the cards (「…のは」, 「…もの」, 「どれ」, "which", "any of them"); "Are there any KPIs set for
# them?" asks the KPI of each instead
_CHOOSES = re.compile(r"の(?:は|って)|もの|やつ|どれ|どっち|どちら|\bwhich\b|\b(?:any|none) of\b", re.I)


# 「まったく同じ数値目標を掲げているもの」, 「目標が同じのは」, 「共通の目標値」, "share the same numeric target": cards of the
# list whose KPI target figure (value, unit, year) another card of it also sets
_SAME_TARGET = re.compile(r"(?:同じ|同一|共通|おなじ|一緒)(?:の)?\S{0,4}?(?:数値)?(?:目標|目標値|ターゲット)|"
                          r"(?:数値)?(?:目標|目標値)(?:の数値|の数字)?(?:が|は)?(?:まったく|全く|完全に)?(?:同じ|同一|共通|一緒|おなじ)|"
                          r"\b(?:same|identical|shared|common)\s+(?:numeric(?:al)?\s+|numbers?\s+)?(?:targets?|goals?)\b|"
                          r"\bshare\s+(?:a|the|one|any)?\s*(?:\w+\s+){0,2}(?:targets?|goals?)\b", re.I)


def _same_target_among(retriever: Retriever, ids: Sequence[str], text: str) -> tuple[str, ...] | None:
    """The cards of `ids` that set a KPI target (index.roadmap.targets_of: its figure, unit and year) that another
    card of them also sets, when the words ask which share a target (_SAME_TARGET); None when they do not."""
    if not _SAME_TARGET.search(unicodedata.normalize("NFKC", text)) or len(ids) < 2:
        return None
    by_id = _card_index(retriever)
    kept = {i: {(t.value, t.unit, t.year, t.comparison) for t in kpi_targets(c)}
            for i in ids if (c := by_id.get(i)) is not None}
    return tuple(i for i in kept if any(kept[i] & kept[j] for j in kept if j != i))


def _kpi_set_among(retriever: Retriever, ids: Sequence[str], text: str, question: str) -> tuple[str, ...] | None:
    """The cards of `ids` with a KPI written in either cell (not 未設定, not blank), when the restriction asks which have
    a KPI set (「そのうちKPIが設定されているのは」, "which of them have KPIs set?": `question` as asked, the pointing words
    too, says it chooses); None when it does not (a cell said unset, one cell or both named, the same wording: the cell
    rules read those)."""
    q = unicodedata.normalize("NFKC", text)
    if not (KPI_SET_PATTERN.search(q) or _KPI_SET_EN.search(q)) or KPI_UNSET_PATTERN.search(q) or _KPI_NOT_SET.search(q) \
            or not _CHOOSES.search(unicodedata.normalize("NFKC", question)):
        return None
    by_id = _card_index(retriever)
    return tuple(i for i in ids if (c := by_id.get(i)) is not None
                 and KpiStatus.SET in (kpi_cell(c.kpi_progress), kpi_cell(c.kpi_effect)))


def _sole_ministry(retriever: Retriever, ids: Sequence[str], words: str) -> tuple[str, list[str], bool] | None:
    """(ministry, the cards of `ids` whose ◎ — or, when no lead is said, whose 府省庁名 — names it and no other, whether
    it was the lead) for 「そのうち◎が内閣官房だけのもの」; None when the words do not say one ministry alone."""
    if not SOLE_PATTERN.search(words):
        return None
    intent = retriever.understanding.run(NO_OTHER_BODY.sub(" ", words)).intent  # (the others denied: no topic)
    if len(intent.ministries) != 1 or has_own_topic(_MINISTRY_WORD.sub(" ", intent.topic)):
        return None
    name = intent.ministries[0]
    lead = "◎" in words or any(w in words for w in LEAD_WORDS) or bool(re.search(r"\blead", words, re.I))
    by_id = _card_index(retriever)
    return name, [i for i in ids if (c := by_id.get(i)) is not None
                  and (set(c.lead_ministries) if lead else {m.name for m in c.ministries}) == {name}], lead


_BOTH_LEAD = re.compile(r"両方|どちらも|どっちも|ともに|共に|共同|一緒|いっしょ|双方|\bboth\b|\bjoint(?:ly)?\b", re.I)
# the lead cell said (◎ is how the table marks it)
# ("led jointly by …", "joint leads": the past participle says the lead as the noun does)
_LEAD_SAID = re.compile(r"◎|主担当|主管|メイン|\blead|\b(?:co-?)?led\b", re.I)
# a lead shared: 「他の府省とダブルで主担当」, 「◎が他の府省にもついている」, 「共同で主担当」, 「主担当が複数」, "co-led"
_SHARED_LEAD = re.compile(r"ダブル|共同|共管|複数|(?:2|二|ふた)つ以上|(?:2|二)(?:省庁|府省)以上|"
                          r"(?:他|ほか)の?(?:府省庁|省庁|府省|省|庁|役所)(?:と|にも|とも|も)|一緒|いっしょ|"
                          r"\bjointly\b|\bco-?led\b|\bshared?\b|\bwith (?:another|other)\b",
                          re.I)


# a shared lead denied: 「一緒に主担当になっていない」, 「共同で◎じゃない」, 「ダブルで主担当ではない」, "not co-led with",
# "not jointly led", "isn't shared"
_SHARED_LEAD_DENIED = re.compile(r"(?:一緒|いっしょ|共同|ダブル|ともに|共に|並んで)\S{0,4}?(?:主担当|◎|メイン|しゅたんとう|主管)\S{0,8}?"
                                 r"(?:ない|ません|なし|無し)|"
                                 r"\b(?:not|n't|never)\s+(?:being\s+)?(?:co-?led|jointly led|led jointly|shared)\b|"
                                 r"\bnot\s+(?:a\s+)?(?:co-?lead|joint lead|shared lead)", re.I)


# 「達成時期が見込めないって書いてある」, 「…とされている」, 「…と書かれてる」, 「…ってなってる」: a statement a card is said to make
_SAID_FRAME = re.compile(r"^(?P<x>.{3,40}?)\s*(?:って|と)\s*(?:書いて(?:ある|あります|る)|書かれて(?:いる|る|います|ある)|"
                         r"記載(?:されて|して|があ)|記されて|明記されて|うたって|謳って|言って|され(?:て)?(?:いる|る|います|てる)|"
                         r"なって(?:いる|る|います))")
_STEM = re.compile(r"[一-龥々]{2,}|[ァ-ヺー]{3,}|[A-Za-z0-9]{3,}")


def _said_in_text(retriever: Retriever, ids: Sequence[str], words: str) -> tuple[str, list[str], list[str]] | None:
    """(the statement, the cards of `ids` whose text makes it, its stems) for 「そのうち達成時期が見込めないって書いてあるのは」: a
    statement, not a word (a clause: its last word a verb, an adjective or a negation), that some cards of the list say
    in their own words (every stem of its words in their text: 見込め and 見込み alike); None when the words say no
    statement, name a ministry, or none or all of the list make it."""

    q = unicodedata.normalize("NFKC", words).strip()
    m = _SAID_FRAME.search(re.sub(r"^(?:その|この)?(?:中|うち|なか)(?:で|から)?[、,\s]*", "", q))
    if m is None or re.search(r"[「『\"]", q) or _names_ministry(retriever, m.group("x")):
        return None
    x = m.group("x")
    tokens = [t for t in analyzer().tokens(x) if t.pos != "補助記号"]
    if not tokens or tokens[-1].pos not in ("動詞", "形容詞", "助動詞"):
        return None  # 「主担当となっている」, 「未設定となっている」: a noun, read by the other rules
    stems = [s for t in tokens if t.pos in ("名詞", "動詞", "形容詞") for s in _STEM.findall(t.surface)]
    stems = [s for s in dict.fromkeys(stems) if s not in ("施策", "取組", "もの", "記載")]
    if not stems:
        return None
    held = _containing(retriever, ids, stems)
    return (x, list(held), stems) if 0 < len(held) < len(ids) else None


def _said_of_each(retriever: Retriever, ids: Sequence[str], words: str) -> list[Hit] | None:
    """Each card of `ids` with its sentence that holds the most of the question's nouns as evidence, when every card
    has one that holds all of them (「それぞれNICTの何を通じて」: the sentence on NICT of each); None otherwise."""
    words = _ASKED_THING.sub(" ", words)
    nouns = [n for n in _nouns(words) if not _ASKING_NOUN.search(n)]
    if not nouns or len(ids) < 2:
        return None
    by_id = _card_index(retriever)
    hits = []
    for i in ids:
        card = by_id.get(i)
        sentence = _sentence_holding(card, nouns) if card is not None else ""
        if card is None or not sentence or not all(normalize(n) in normalize(sentence) for n in nouns):
            return None
        field = next((f for f in ("kpi_effect", "kpi_progress", "overview") if sentence in getattr(card, f)), "overview")
        at = getattr(card, field).find(sentence)
        hits.append(Hit(card, 0.0, 0.0, 0.0, confidence=1.0, evidence=(Evidence(sentence, at, at + len(sentence), field),)))
    return hits


# a noun run that holds an asking word (「何経由」, 「どこ」) is what is asked, not words of the card
_ASKING_NOUN = re.compile(r"何|なに|なん|どこ|どれ|誰|だれ|いつ|どの|どんな")
# … and so is the noun an asking determiner takes (「どの組織」, 「どんな仕組み」, 「何の制度」): the gap the answer fills
_ASKED_THING = re.compile(r"(?:どの|どんな|どういう|どういった|何の|なんの|なにの)\s*[^をがではにもの、,?？\s]*")


def _sentence_holding(card: PolicyCard, stems: Sequence[str]) -> str:
    """The sentence of a card's KPI cells or overview that holds the most of `stems` (the first such)."""
    best, score = "", 0
    for t in (card.kpi_effect, card.kpi_progress, card.overview):
        for a, b in _sentences(t):
            n = sum(normalize(st) in normalize(t[a:b]) for st in stems)
            if n > score:
                best, score = t[a:b].strip(), n
    return best


_EN_ASKING_WORDS = frozenset("which what ones one are is was be of those these them they among led lead leads leading by have "
                             "has as the a an in charge with any do does run runs headed head heads also still only too involved "
                             "involve involves include includes including take takes taking part participate participates "
                             "on board".split())


_INVOLVED_EN = re.compile(r"\binvolv|\binclud|\btak(?:e|es|ing) part\b|\bparticipat|\bpart of\b|\bon board\b", re.I)


def _involving_named(retriever: Retriever, ids: Sequence[str], words: str) -> tuple[str, ...]:
    """「そのうち財務省も関わってるのは」, "Which of them have MOF involved too?": the cards of `ids` whose 府省庁名 names
    every ministry the words name, when they say it takes part (any role, the lead not said) and name no topic;
    () otherwise."""
    intent = retriever.understanding.run(words).intent
    if (not intent.ministries or intent.lead or intent.not_lead or intent.leads or "◎" in words
            or not (_TAKES_PART.search(words) or _INVOLVED_EN.search(words)) or _restricts_by_topic(retriever, words)):
        return ()
    by_id = _card_index(retriever)
    return tuple(i for i in ids if (c := by_id.get(i)) is not None
                 and set(intent.ministries) <= {m.name for m in c.ministries})


def _restricts_by_topic(retriever: Retriever, words: str) -> bool:
    """A restriction names a topic of its own (「医療系のは」), not only a ministry, a role or a cell (「総務省が主担当
    のは」, 「KPIが未設定のは」), which the search's reading takes out of its topic."""
    intent = retriever.understanding.run(words).intent
    topic = _MINISTRY_WORD.sub(" ", intent.topic)
    if not _JAPANESE_CHARS.search(topic):  # "which of those are led by 総務省?": the English words that ask, not a topic
        topic = " ".join(w for w in re.findall(r"[a-z]+", topic.lower()) if w not in _EN_ASKING_WORDS)
    return has_own_topic(topic) and not (intent.kpi_unset or intent.kpi_rule
                                                                      or intent.marks_rule or intent.several_leads
                                                                      or intent.lead_count)


# 「もう運用が始まってる」, 「すでに稼働している」, 「もう動いてる」, 「もう動き出してる」, 「運用中の」, 「開始済みの」,
# 「始動している」, "which of those have already started?", "which are already up and running?": a thing already begun.
# The verbs of beginning, each in its written and kana forms and its compounds (動き出す, 立ち上がる), after a word that
# says "already"; a verb that says begun on its own (始動, 〜中, 済み, 動き出している) needs none
_BEGUN = re.compile(r"(?:もう|既に|すでに|とっくに|今は|いまは|現在)\s*(?:(?:運用|稼働|供用|提供|利用|運転|サービス)(?:が|は|を)?\s*)?"
                    r"(?:始ま|はじま|開始(?:し|され|済)|スタートし|動い|うごい|動き(?:出|だ)し|うごきだし|稼働し|"
                    r"運用(?:され|し)|供用(?:され|し)|始動し|立ち上が|たちあが|走っ|はしっ|実施され)|"
                    r"(?:動き(?:出|だ)|うごきだ)して(?:い|る)|始動(?:し|済|中)|"
                    r"(?:運用|稼働|供用)(?:中|開始済み?|済み?)(?=の|な|で|[?？]|$)|"
                    r"\balready\s+(?:(?:been\s+)?(?:started|begun|launched|running|operating|live|operational|underway|"
                    r"in\s+(?:operation|service|use))|up\s+and\s+running)\b|"
                    r"\b(?:have|has|had)\s+(?:already\s+)?(?:started|begun|launched|gone\s+live)\b|"
                    r"\b(?:are|is)\s+(?:already\s+|now\s+)?(?:up\s+and\s+running|in\s+operation|operational|live|underway)\b",
                    re.I)
# what is said to run (「運用」, 「稼働」, 「動いてる」, 「動き出してる」, "running", "in operation"): the start must say
# so, not any start (a support scheme set up)
_RUNS = re.compile(r"運用|稼働|供用|始動|動い|うごい|動き|うごき|運転|走っ|はしっ|\b(?:running|operat\w*|live|in\s+service)\b",
                   re.I)


def _begun_among(retriever: Retriever, ids: Sequence[str], question: str) -> tuple[bool, list] | None:
    """(whether running was asked, [(id, its start milestone)]) for the cards of `ids` whose 工程表 has a start already
    past (「令和3年4月に第一次運用を開始した」), when the question asks which have begun; None when it does not, or
    when none or all of them have (no restriction to answer by)."""
    from .roadmap import milestones_of

    q = unicodedata.normalize("NFKC", question)
    if not _BEGUN.search(q):
        return None
    runs = bool(_RUNS.search(q))
    by_id = _card_index(retriever)
    found = []
    for i in ids:
        card = by_id.get(i)
        starts = [m for m in (milestones_of(card) if card is not None else ()) if m.kind == "start" and m.status == "past"
                  and (not runs or re.search(r"運用|稼働|供用", m.sentence))]
        if starts:
            found.append((i, starts[0]))
    return (runs, found) if 0 < len(found) < len(ids) else None


def _co_led(retriever: Retriever, ids: Sequence[str], words: str) -> tuple[str, list[str]] | None:
    """(what was asked, the cards of `ids` with more than one ◎) for 「その中で内閣府と内閣官房の両方に◎がついてるのは？」
    (every ministry named among the ◎ of the card) or 「そのうち他の府省とダブルで主担当になってるのは？」 (a ◎ beside
    the one the list is of), or how many ◎ (understand.lead_count: 「3つの府省が◎」, 「単独で主担当」); None when the words
    ask no shared lead nor a count of leads."""
    q = unicodedata.normalize("NFKC", words)
    if not _LEAD_SAID.search(q):
        return None
    intent = retriever.understanding.run(q).intent
    named = tuple(intent.ministries)
    by_id = _card_index(retriever)
    if len(named) <= 1 and _SHARED_LEAD_DENIED.search(q):
        # 「内閣府と一緒に主担当になっていないもの」, 「共同で◎じゃないの」, "not co-led with the Cabinet Office": the cards
        # whose lead is not shared (with the one named), the shared ones taken out, not those it does not lead
        said = (f"{named[0]}と並んで" if named else "") + "主担当（◎）が複数ではない"
        return said, [i for i in ids if (c := by_id.get(i)) is not None and not (
            len(c.lead_ministries) > 1 and (not named or named[0] in c.lead_ministries))]
    counted = lead_count(q)
    if counted and len(named) <= 1 and not intent.not_lead and not _restricts_by_topic(
            retriever, LEAD_ALONE_PATTERN.sub(" ", LEAD_COUNT_PATTERN.sub(" ", q))):
        # 「そのうち3つの府省が◎になっているのは？」, 「共同主担当じゃなくて内閣官房だけが◎のもの」, 「単独で主担当のもの」, "which
        # has three leads": the cards whose 府省庁名 carries that many ◎ (the one named among them)
        k = int(counted[2:])
        said = (f"{named[0]}が" if named else "") + ("単独で主担当（◎が1つ）" if k == 1 else f"主担当（◎）が{k}つ")
        return said, [i for i in ids if (c := by_id.get(i)) is not None and len(c.lead_ministries) == k
                      and (not named or named[0] in c.lead_ministries)]
    if len(named) > 1 and (_BOTH_LEAD.search(q) or intent.all_ministries) and not intent.not_lead:
        said = "・".join(named) + "のすべてが主担当（◎）"
        return said, [i for i in ids if (c := by_id.get(i)) is not None and set(named) <= set(c.lead_ministries)]
    if len(named) <= 1 and (_SHARED_LEAD.search(q) or intent.several_leads) and not intent.not_lead:
        said = (f"{named[0]}と並んで" if named else "") + "主担当（◎）が複数"
        return said, [i for i in ids if (c := by_id.get(i)) is not None and len(c.lead_ministries) > 1
                      and (not named or named[0] in c.lead_ministries)]
    return None


_KIND = re.compile(r"^(?P<noun>[一-龥ァ-ヶーA-Za-z]{2,8}?)(?:(?:系|関係|関連|分野|まわり|周り|方面|絡み|がらみ)(?:の(?:施策|もの|やつ))?|施策)"
                   r"(?:は|も)?[?？]*$")  # (「人材施策」: a noun and 施策 names the same kind)


# "apart from the one I already asked about", "other than the ones we discussed", 「さっき聞いたの以外で」: the cards asked
# about before, set apart (not a topic negated)
_ASKED_BEFORE = re.compile(
    r"\b(?:apart from|aside from|other than|besides|except(?: for)?|excluding|not counting)\s+the (?:one|ones|measures?)\s+"
    r"(?:that\s+|which\s+)?(?:I|we|you)\s+(?:(?:already|just|have|had|'ve|previously|earlier)\s+)*"
    r"(?:asked|talked|discussed|mentioned|covered|looked at|brought up)(?:\s+(?:about|up|before|earlier|already))*\s*,?|"
    r"(?:さっき|先ほど|前に|もう|既に|すでに)?(?:聞いた|きいた|質問した|尋ねた|たずねた|話した)(?:の|もの|やつ|施策)"
    r"(?:以外|を除いて|は除いて|は別として|はおいといて)(?:で|に|の|では)?[、,]?", re.I)


# 「同じ人材育成の章で」, 「医療の章の中で」, 「同じ章のほかの」, "in the same chapter": a chapter of the table said as such,
# by words of its title or as the one of the card just answered
_CHAPTER_SAID = re.compile(r"(?P<same>同じ\s*)?(?:(?P<noun>[一-龥ァ-ヶーA-Za-z・]{2,12}?)\s*の?\s*)?章(?![一-龥])"
                           r"(?:の中|のなか|の内|のうち)?(?:では|で|から|の)?|"
                           r"\b(?P<same_en>(?:the )?same) chapter\b|\bthe (?P<noun_en>[\w -]{2,30}?) chapter\b", re.I)


# 「同じ章で」, 「その章の」, "in the same chapter", "that chapter": the chapter of the cards just answered
_SAME_CHAPTER = re.compile(r"(?:同じ|おなじ|その|この)\s*章(?![一-龥])|\b(?:the same|that|this) chapter\b", re.I)


def _same_chapter_numbered(retriever: Retriever, text: str, last: Turn | None) -> str:
    """`text` with 「同じ章」 (the chapter of every card just answered, when they share one) said as 「第N章」, the
    chapter filter the search reads, as a chapter named by its title or number is (understand.chapter_named): 「同じ章で
    総務省が主担当のものは」 after MEXT's 第6章 cards is 総務省's in 第6章, not 総務省's nearest to the words."""
    said = _SAME_CHAPTER.search(unicodedata.normalize("NFKC", text))
    by_id = _card_index(retriever)
    chapters = {by_id[i].chapter for i in (last.whole or last.answers) if i in by_id} if last is not None and said else set()
    if said is None or len(chapters) != 1 or not (chapter := chapters.pop()).isdigit():
        return text
    text = unicodedata.normalize("NFKC", text)
    return text[:said.start()] + (f"第{int(chapter)}章" if _JAPANESE_CHARS.search(text) else f"chapter {int(chapter)}") + \
        text[said.end():]


def _category_chapter(retriever: Retriever, topic: str, last: Turn | None = None) -> str:
    """「人材系」, 「医療関係」: a kind of measure named by a noun and 系 / 関係; the chapter whose title (and no other
    chapter's) holds that noun, or "" (the table's chapters are its own kinds of measure). A chapter said as such
    (「同じ人材育成の章で」, 「人材育成の章の」): the one whose title holds each word of its name (06 デジタル人材の育成),
    else, said 「同じ章」, that of the card just answered (`last`)."""

    text = unicodedata.normalize("NFKC", topic).strip(" 、,。?？")  # (「人材施策、ほかには？」 leaves 「、 ?」)
    titles = chapter_titles(retriever.cards)
    said = _CHAPTER_SAID.search(text)
    if said:
        noun = said.group("noun") or ""
        if said.group("noun_en"):
            noun = table_terms(said.group("noun_en"))
        words = [t.surface for t in analyzer().tokens(noun) if len(t.surface) >= 2 and has_own_topic(t.surface)]
        titled = [ch for ch, title in titles.items() if words and all(w in title for w in words)]
        if len(titled) == 1:
            return titled[0]
        card = _card_index(retriever).get(last.answers[0]) if last is not None and last.answers else None
        if (said.group("same") or said.group("same_en")) and card is not None:
            return card.chapter
    m = _KIND.match(text)
    if not m:
        return ""
    titled = [ch for ch, title in titles.items() if m.group("noun") in title]
    return titled[0] if len(titled) == 1 else ""


def _heading_topic(retriever: Retriever, topic: str) -> str:
    """The chapter whose own heading holds each of two or more content words that are all `topic` says (「人材育成の
    施策」 → 06 デジタル人材の育成), when one chapter's does; "" otherwise (one word, 「データ」, names no chapter: the
    table's data measures are in several)."""
    said = [w for w in content_words(topic) if w not in _MATTER and not _ASKS_FOR_MEASURES.fullmatch(w)]
    return _headed_chapter(retriever, "".join(said)) if len(said) >= 2 else ""


def _ministry_in_chapter(retriever: Retriever, ids: Sequence[str], chapter: str, ministry_filters: dict,
                         words: str) -> tuple[str, ...]:
    """The cards of `ids` in `chapter` where the ministries named have the role asked: ◎ when it is asked, or when a
    ministry is named as the owner (「文科省の…」, as 「そのうち総務省のは」 reads it); in 府省庁名 without ◎ when that is
    asked (主担当じゃない); else anywhere in 府省庁名."""
    names = ministry_filters.get("ministries") or ()
    not_lead = bool(ministry_filters.get("not_lead"))
    lead = not not_lead and bool(ministry_filters.get("lead_only") or _owned_by(words))
    every = all if ministry_filters.get("all_ministries") else any
    by_id = _card_index(retriever)

    def fits(c: PolicyCard) -> bool:
        involved = {m.name for m in c.ministries}
        return every((n in c.lead_ministries) if lead else (n in involved and (not not_lead or n not in c.lead_ministries))
                     for n in names)

    return tuple(i for i in ids if (c := by_id.get(i)) is not None and c.chapter == chapter and names and fits(c))


def _headed_chapter(retriever: Retriever, terms: str) -> str:
    """The chapter whose own heading (its title before the parenthesis that lists what it covers) holds every word of
    one of the table terms `terms` (space-separated; 人材育成 → 06 デジタル人材の育成), when one chapter does; else ""."""

    heads = {ch: re.split(r"[（(]", title, maxsplit=1)[0] for ch, title in chapter_titles(retriever.cards).items()}
    found = set()
    for term in terms.split():
        words = [t.surface for t in analyzer().tokens(term) if len(t.surface) >= 2 and has_own_topic(t.surface)]
        found |= {ch for ch, head in heads.items() if words and all(w in head for w in words)}
    return found.pop() if len(found) == 1 else ""


# 「ほかに…施策は？」, "any other measures …": more measures asked for, as a list (not one more card)
# ("any other NPA measures", "other MIC-led ones": what the measures are said between; plural, as a list asks: "any
# other school measure" asks for one)
_MORE_MEASURES = re.compile(r"(?:ほか|他)に.*(?:施策|取組|取り組み|事業)|\bother (?:[\w()&'-]+ ){0,3}"
                            r"(?:measures|ones|programs|programmes|initiatives|policies)\b", re.I)


# 「最初の一覧で」, 「さっきのリストの中で」, "in the first list": the list being gone through, named (not a topic)
_LIST_NAMED = re.compile(r"(?:(?:最初|さっき|先ほど|前|元|もと|一番最初)の)?(?:一覧|リスト)\s*(?:の中|のなか|の内)?\s*"
                         r"(?:で|から|では|の中で|のうち|にある)|\b(?:in|from|on) the (?:first |original |whole |earlier )?list\b", re.I)


def _gone_through_by_ministry(retriever: Retriever, conversation: Conversation, last: Turn) -> bool:
    """Whether a turn since the list `last` belongs to was given spoke of a ministry (「そのうち総務省のは？」, 「8Kのほうの
    担当は」, 「それぞれの担当は？」): the list is being gone through by who runs each card, so a next 「ほかに経産省が
    主担当のは」 asks for the next part of it."""
    whole = set(last.whole)
    for t in reversed(conversation.turns):
        if t.listing is None and t.parent is None and set(t.answers) == whole:
            return False  # the list's own question (「警察庁が主担当の施策を全部」 is the list, not a part of it)
        if t.answers and not set(t.answers) <= whole:
            return False  # another thread
        asked = follow_up_field(t.question)
        if asked is not None and asked.field in ("lead", "ministries") or _names_ministry(retriever, t.question):
            return True
    return False


def _left_of_list(retriever: Retriever, words: str, last: Turn | None, filters: Filters, run: dict,
                  by: Literal["ministry", "topic"], conversation: Conversation) -> tuple[str, ...]:
    """The cards of the last list not given yet that `words` restrict it to, after parts of it were given; () otherwise
    (then all of the measures are searched).

    By "ministry": 「ほかに経産省が主担当のは？」 after 「その中で総務省のは？」 or 「演習のほうは？」: those the ministry leads
    (or, said so, takes part in), when the words name one ministry and no topic of their own; () too when every card of
    the list is one (the list was that ministry's own: more is beyond it).
    By "topic": 「ほかに障害者むけのは？」 after 「そのうちアクセシビリティ関係は？」 (a part of the list taken by a topic):
    those the search counts for the words, when they name a topic and no ministry and two cards or more are left."""
    # a list gone through by topic is a part taken of a list (its parent), and a topic picks among two cards at least
    least = 1 if by == "ministry" else 2
    if last is None or len(last.whole) <= least or by == "topic" and last.parent is None \
            or negated_words(words) is not None:
        return ()
    if by == "ministry" and not _gone_through_by_ministry(retriever, conversation, last):
        # 「財務省が関わっている施策はほかにもある？」 after a list of the port measures whose KPIs and dates were asked: no ministry was
        # spoken of since the list was given, so 「ほかに」 is beyond the list, as after any whole list
        return ()
    given = set(last.given) | set(last.answers)
    left = tuple(i for i in last.whole if i not in given and (not filters.ids or i in filters.ids))
    if len(left) < least:
        return ()
    words = _LIST_NAMED.sub(" ", words)  # 「ほかに、最初の一覧で内閣官房が主担当のものは」: the list, named as such
    if by == "topic":
        if not _restricts_by_topic(retriever, words) or _names_ministry(retriever, words):
            return ()
        res = retriever.search(words[:MAX_SEARCH_CHARS], filters=replace(filters, ids=left), as_list=True,
                               **_but(run, "filters"))
        if res.intent is not None and res.intent.structured:
            return ()
        found = tuple(h.card.id for h in answer_cards(res)[0])
        # (those that write the words, where some do: 03-07 PHR only sounds near 「障害者むけ」 typed in kana)
        held = _containing(retriever, found, [w for w in content_words(words) if w not in _MATTER])
        return held if held else found
    intent = retriever.understanding.run(words).intent
    topic = _MINISTRY_WORD.sub(" ", intent.topic)
    said = [w for w in content_words(topic) if w not in _MATTER]
    # 「ほかに総務省がかかわってる医療のは？」 while the list of 医療 measures is gone through: the list's own topic said
    # again is no topic of its own (its words are those the list was asked with)
    restated = bool(said) and all(w in unicodedata.normalize("NFKC", last.topic) for w in said)
    if len(intent.ministries) != 1 or intent.not_lead or has_own_topic(topic) and not restated:
        return ()
    lead = intent.lead or _owned_by(words)  # no role said: its own measures (◎), as 「そのうち総務省のは？」 reads it
    by_id = _card_index(retriever)
    name = intent.ministries[0]

    def fits(i: str) -> bool:
        c = by_id.get(i)
        return c is not None and name in (c.lead_ministries if lead else tuple(m.name for m in c.ministries))

    if all(fits(i) for i in last.whole):
        return ()  # 「農水省が主担当の施策は？」 then 「ほかに農水省が関わってる施策は？」: the list is its own, so more than it
    return tuple(i for i in left if fits(i))


def _ministry_list_without(retriever: Retriever, text: str, run: dict, filters: Filters
                           ) -> tuple[SearchResult, list[Hit], list[str]] | None:
    """(the search, the cards kept, the cards left out) for a ministry's list with a topic denied (「国交省が主担当で港湾
    じゃない施策」, "MLIT-led measures not about ports"): the list the words name without the denial, less the cards the
    denied words fit; None when the words deny no topic, the rest names no ministry or a topic of its own, or the denial
    takes out none of the list or all of it."""
    negation = negated_words(text)
    if negation is None or _names_ministry(retriever, negation[0]):
        return None  # (「文科省以外が主担当」: a ministry denied, read by the 府省庁名)
    intent = retriever.understanding.run(negation[1]).intent
    if not intent.ministries or has_own_topic(_MINISTRY_WORD.sub(" ", intent.topic)):
        return None
    res = retriever.search(negation[1][:MAX_SEARCH_CHARS], as_list=True, **run)
    answers = answer_cards(res)[0]
    denied = negation[0] if _JAPANESE_CHARS.search(negation[0]) else table_terms(negation[0]) or negation[0]
    fit = _fitting(retriever, [h.card.id for h in answers], denied, filters, run)  # ("ports": the table's 港湾)
    kept = [h for h in answers if h.card.id not in fit]
    if not kept or len(kept) == len(answers):
        return None
    return res, kept, sorted(fit)


def _list_question(conversation: Conversation, last: Turn | None) -> str:
    """The question that gave the list `last` belongs to (the first list of its thread), or "" when it is not there."""
    if last is None:
        return ""
    whole = set(last.whole)
    for t in reversed(conversation.turns):
        if t.listing is None and t.parent is None and set(t.answers) == whole:
            return t.question
    return ""


def _same_ministry_again(retriever: Retriever, words: str, conversation: Conversation) -> tuple[str, ...] | None:
    """「ほかに財務省がからんでるのは？」 right after a turn that spoke of the same ministry (「最初のやつって財務省も
    入ってる？」, 「財務省が関わってる施策は？」): the cards given so far as that ministry's (the answers of the turns
    that named it, and the last answer), which 「ほかに」 sets apart; None when the words name no one ministry alone or
    the last turn named another (a list gone through ministry by ministry: the next part of it, _left_of_list)."""
    last = conversation.last
    if last is None:
        return None
    intent = retriever.understanding.run(words).intent
    if len(intent.ministries) != 1 or has_own_topic(_MINISTRY_WORD.sub(" ", intent.topic)):
        return None
    name = intent.ministries[0]
    if name not in retriever.understanding.run(last.question).intent.ministries:
        return None
    given: list[str] = list(last.answers)
    for t in conversation.turns:
        if name in retriever.understanding.run(t.question).intent.ministries:
            given += t.answers
    return tuple(dict.fromkeys(given))


def _owned_by(words: str) -> bool:
    """「経産省の人材系」, "METI's": a ministry named as the owner of measures, no role said (主担当, 関わる, 入っている)."""
    return not (_TAKES_PART.search(words) or "◎" in words or any(w in words for w in LEAD_WORDS)
                or re.search(r"\b(?:led|leads?|involv\w*|part|with)\b|メイン|中心", words, re.I))


def _ministry_fit(retriever: Retriever, ids: Sequence[str], words: str, question: str) -> tuple[str, ...] | None:
    """「文科省以外が主担当なのは」: the cards of `ids` whose 府省庁名 has the ministry the negated words name (as ◎ when
    the question asks about the lead); None when those words are not a ministry alone."""
    intent = retriever.understanding.run(words).intent
    if not intent.ministries or has_own_topic(_MINISTRY_WORD.sub(" ", intent.topic)):
        return None
    lead = any(w in question for w in LEAD_WORDS) or re.search(r"\w-led\b", question) is not None  # "not MEXT-led?"
    by_id = _card_index(retriever)
    return tuple(i for i in ids if (c := by_id.get(i)) is not None and any(
        n in (c.lead_ministries if lead else tuple(m.name for m in c.ministries)) for n in intent.ministries))


def _fitting(retriever: Retriever, ids: Sequence[str], words: str, filters: Filters, run: dict,
             given: Sequence[str] = ()) -> set[str]:
    """The cards of `ids` that `words` fit, read generously (what a negation takes out): the list the search makes of
    them, those whose best passage is nearly as close as the best card's (「災害」 fits the 被災者 cards too), and those
    that hold the words. `given`: cards just given that the words are weighed against as well (「ほかに…道路交通以外
    のものは？」 after the road-traffic cards: the one left that is nearest to 道路交通 need not be about it)."""
    pool = tuple(dict.fromkeys(tuple(ids) + tuple(given)))
    res = retriever.search(words[:MAX_SEARCH_CHARS], filters=replace(filters, ids=pool), as_list=True,
                           abstain=False, **_but(run, "filters"))
    fit = {h.card.id for h in answer_cards(res)[0]}
    close = _closeness(retriever, words, pool)
    if close and _JAPANESE_CHARS.search(words):  # the best card's closeness less a margin on the centred scale
        best = max(close.values())
        fit |= {i for i, c in close.items() if c >= best - NEGATED_CENTRED_MARGIN}
    elif res.results and _JAPANESE_CHARS.search(words):  # (English words sit close to every Japanese card: no margin)
        best = max(h.dense for h in res.results)
        fit |= {h.card.id for h in res.results if h.dense >= best - NEGATED_MARGIN}
    nouns = [re.sub(r"(?<=..)(?:系|関係|関連|分野|領域|方面|向け|向き|用|対象|絡み|がらみ)$", "", n) for n in _nouns(words)]
    return (fit | set(_containing(retriever, pool, nouns) if nouns else ())) & set(ids)


# (事業 as a word of its own: 「モデル事業はいつから？」 names a thing the card does, as 「実証事業」, 「補助事業」; the ある
# of a verb's state, 「…も書いてある？」, 「決めてありますか」, asks what the card says, not whether a measure exists)
_ASKS_FOR_MEASURES = re.compile(r"施策|取組|取り組み|(?<![一-龥ァ-ヶー])事業|政策|\bmeasures?\b|\bpolic(?:y|ies)\b|\bprogram(?:me)?s?\b|何の|"
                                r"(?<!て)ある[?？]?$|(?<!て)ありますか|"
                                r"\banything (?:on|about|for|related)\b|\b(?:is|are) there\b|\binitiatives?\b|"
                                # "And where METI is only involved, not lead?", "Where is MIC involved?": the measures
                                # where it is, asked for (never a yes or no)
                                r"^\s*(?:(?:and|so|ok|okay|then|now|but),?\s+)?where\b", re.I)
_EXISTS_FRAME = re.compile(r"^\s*(?:is|are) there\b|ある[?？]?$|ありますか", re.I)
_OF_A_KIND = re.compile(r"(?<=[一-龥ァ-ヶーA-Za-zぁ-ゖ])(?:系|関係|関連|まわり|周り|絡み|がらみ)(?:の|は|って|だけ|[?？]|$)")
# the same kind said by a verb (「災害に関するのは」, 「医療にまつわるもの」): read so only where the glossary gives the kind
# table terms to keep the weighed cards to (「残りのうち自動運転に関係するのは」 has none: weighed, it takes 02-06 too)
_OF_A_KIND_VERB = re.compile(r"(?<=[一-龥ァ-ヶーA-Za-z])に(?:関する|関係する|関連する|関わる|かかわる|まつわる)(?=の|もの|やつ|施策)")
# how an English follow-up frames the topic it filters a list by: "(Which of those) are about / deal with …"
_EN_FRAME = re.compile(r"^\s*(?:(?:and|so|ok|okay),?\s+)?(?:which|what)?\s*(?:ones?|measures?)?\s*(?:of (?:those|them|these))?,?\s*"
                       r"(?:(?:are|is)\s+(?:(?:mainly|mostly|primarily|specifically|directly)\s+)?(?:about|on|for|related to|"
                       r"concerned with|focused on|aimed at)|(?:deal|deals|have to do|relate|relates|focus|focuses)\s+(?:with|to|on)|"
                       r"concern|cover|target)\s+", re.I)
_JAPANESE_CHARS = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")
OTHER_CARD_SURE = 0.9  # a fresh search this sure of another card makes a loosely matched follow-up a new question


_GOES_ON_EN = re.compile(r"^\s*(?:(?:and|also|plus)\b|how (?:many|much)\b)", re.I)
# "Also, about drones — …", "And regarding telework, …", "As for ports, …": the topic the question moves to, named first
_MOVES_TO_EN = re.compile(r"^\s*(?:(?:and|also|plus|now|ok(?:ay)?|then)\b[\s,]*)?(?:about|regarding|concerning|as for)\s+\w", re.I)
# "And the usage-rate target?", "Plus its deadline?": a fragment with no verb, "and" and a noun phrase of at most three
# words — the same question again with another field, of the card just answered (when it names a field)
_FRAGMENT_EN = re.compile(r"\s*(?:and|also|plus|then)\s+(?:the|its|their)\s+[\w-]+(?:\s+[\w-]+){0,2}\s*[?.]*\s*", re.I)


# the asker's own people or place: 「うちの職員」, 「弊社の社員」, 「私の子ども」, 「うちんとこの市」
_ASKERS_OWN = re.compile(r"(?:うち|ウチ|私|わたし|あたし|僕|ぼく|俺|おれ|自分|じぶん|弊社|当社|我が社|わが社|弊所|当方|"
                         r"わが家|我が家|うちら|私ども|わたしども)(?:ん(?:とこ|ち)|(?:の)?ところ)?の\s*"
                         r"(?:職員|社員|従業員|スタッフ|メンバー|部下|会社|組織|事務所|役所|市|町|村|区|自治体|学校|子|子ども|子供|こども|"
                         r"息子|娘|親|家族|母|父|地域|店)(?:たち|達|ら)?")


_MATTER = frozenset({"話", "はなし", "件", "こと", "事"})


# "the guidelines", "its target", "their app": a thing already spoken of (not "the one", "the other", "the measures")
_DEFINITE_EN = re.compile(r"\b(?:the|its|their)\s+(?!(?:one|ones|other|others|rest|same|first|second|third|last|next|"
                          r"latest|measures?|programs?|programmes?|policies|policy|initiatives?)\b)[a-z]", re.I)


def _about_last(retriever: Retriever, text: str, last: Turn, whole: str = "") -> tuple[str, ...]:
    """The cards just answered that a question without pointing words is about: every noun it names is in their
    text (「クラウド化はいつ？」 after 03-19), and it asks for no measures, ministry, number or list of its own."""
    # "Is there a numeric target for …?", 「…の数値目標はある？」: whether the card has that field, not a measure asked
    framed = _EXISTS_FRAME.sub(" ", text) if whole and field_asked(whole) is not None else text
    if not last.answers or len(last.answers) > 5 or _ASKS_FOR_MEASURES.search(framed) or _IDS.search(text):
        return ()
    intent = retriever.understanding.run(text).intent
    counted = QUANTITY.search(text)
    if counted and (quantity_counter(counted) or not _ASKS_FOR_MEASURES.search(text)) and intent.dated is not None:
        # 「令和3年度末までに残り何市町村を整備する？」: how many by a date the card gives, not the cards due by then
        intent = replace(intent, dated=None, is_list=asks_list(unicodedata.normalize("NFKC", text)))
    if counted and quantity_counter(counted) and intent.is_list and not intent.structured \
            and _counts_a_thing(text, counted) and not asks_list(unicodedata.normalize(
                "NFKC", text[:counted.start()] + " " + text[counted.end():])):
        # 「コンテンツ何件載せる予定？」: a counter right after a noun counts that noun (コンテンツ), a number the card
        # gives; 何件 counts the measures only after a word for them (「施策何件ある？」) or alone
        intent = replace(intent, is_list=False)
    if intent.is_list and not intent.structured and ALL_OF_A_NOUN.search(text) \
            and not asks_list(ALL_OF_A_NOUN.sub(" ", unicodedata.normalize("NFKC", text))):
        # 「いつまでに全部の学校で使うの？」: all of what the card serves, not all the measures (no other list word)
        intent = replace(intent, is_list=False)
    if intent.structured or intent.is_list or intent.absent_ministries:
        return ()
    if intent.english:
        # "What's the usage rate target?": the cards are written in Japanese, so the words cannot be found in them;
        # it is about the card just answered when that card is among the search's first five for it and the search
        # is not sure of another one
        # (and, failing that, searched as asked, field words included: "When is the guidebook … revised?" meets the
        # card's dated sentence)
        if len(last.answers) == 1 and whole and _FRAGMENT_EN.fullmatch(whole) and follow_up_field(whole) is not None:
            return last.answers
        if _MOVES_TO_EN.match(whole or text):
            return ()
        sure_of_other = False
        for asked in dict.fromkeys(t for t in (text, whole) if t):
            res = retriever.search(asked[:MAX_SEARCH_CHARS], top_k=5, abstain=False)
            top = [h.card.id for h in res.results[:5]]
            if not top or (top[0] not in last.answers and res.answers and res.confidence >= OTHER_CARD_SURE):
                sure_of_other = sure_of_other or bool(top)
                continue
            about = tuple(i for i in top if i in last.answers)[:1]
            if about:
                return about
            if len(last.answers) == 1 and _GOES_ON_EN.match(asked) and not (
                    res.answers and res.confidence >= OTHER_CARD_SURE):
                # "And the baseline in 2019?", "How many towns are covered?": an English question that opens with "and"
                # or asks how many goes on about what was just answered, unless the search is sure of another card
                return last.answers
        # "Is there a numeric target for private companies?" after 04-03 (民間のテレワーク … 企業の割合): each detail
        # phrase the glossary's English rows give is in the card just answered, in the table's or everyday words
        said = english_detail_terms(text)
        # "By when will the guidelines be amended?" after 05-30 (which writes ガイドライン): "the" says the thing is the
        # one already spoken of, so the card just answered that holds it is meant, though the search is sure of
        # another card that revises a guideline
        if said and (not sure_of_other or _DEFINITE_EN.search(text)):
            return tuple(i for i in last.answers if (c := _card_index(retriever).get(i)) is not None and all(
                any(w in _card_text(retriever, c) or w in fold_kana(_card_text(retriever, c)) for w in ways)
                for ways in said))
        return ()
    # 「しゅじゅつの情報は？」: a word left in kana is looked for as the search spelled it (手術), as the card writes it
    text = intent.respelled or text
    # 「うちの職員もオンラインで受けられる？」, 「弊社の社員も使える？」: who asks, said of themselves, is no word the card
    # must hold (what they ask of it is)
    text = _ASKERS_OWN.sub(" ", text)
    # (「マイナンバーと連携する話も書いてある？」: 話 says "the matter of" what it follows, no word the card must hold)
    words = [w for w in content_words(text) if w not in _MATTER]
    if not words:
        return ()
    about = _containing(retriever, last.answers, words)  # word by word: 「システムいつ整備？」, 「申請受付いつから？」
    if not about:
        about = _counting(retriever, last.answers, _nouns(text))  # 「導入校数の目標は？」: 導入 … 約3000校
    if not about:
        # 「自治体が共同で使えるシステムは？」 after 03-18 (地方公共団体が共同利用可能なシステム), 「クラウド版はいつから？」 after
        # 03-19 (クラウド化): each compound as the card writes it, in the glossary's table term or without its last kanji
        about = _loosely_holding(retriever, last.answers, _nouns(text))
    about = _containing(retriever, about, words, name_only=True) or about  # 「サイバーポートの…」: the card named so
    nouns = [n for n in _nouns(text) if n not in _MATTER]
    if about and nouns and not _containing(retriever, about, nouns):
        # the words are there one by one, not as written: a new question if another card is named so (「被災者台帳は？」
        # after 03-18) or the search is sure of another card
        if _containing(retriever, [c.id for c in retriever.cards if c.id not in about], nouns, name_only=True):
            return ()
        res = retriever.search(text[:MAX_SEARCH_CHARS])
        if res.answers and res.confidence >= OTHER_CARD_SURE and not any(h.card.id in about for h in res.answers):
            return ()  # (the card just answered among the search's own answers: 「ガイドライン改正の期限は」 is still it)
    return about


def _counts_a_thing(text: str, counted: re.Match) -> bool:
    """The word right before a count (「コンテンツ何件」, 「コンテンツは何件」, 「学校何校」), by itself or marked by は / が
    / を / も / って, or the word right after it (「何件くらいコンテンツ」), is a noun other than a word for measures:
    what is counted is that thing."""
    tokens = [t for t in analyzer().tokens(text[:counted.start()]) if t.pos != "補助記号"]
    if len(tokens) > 1 and tokens[-1].pos == "助詞" and tokens[-1].surface in ("は", "が", "を", "も", "って"):
        tokens = tokens[:-1]
    if tokens and tokens[-1].pos == "名詞" and not _ASKS_FOR_MEASURES.fullmatch(tokens[-1].surface):
        return True
    # the count floated before its noun (「何件くらいコンテンツ載せる？」, 「何件のコンテンツ」): the noun after it
    after = [t for t in analyzer().tokens(text[counted.end():]) if t.pos != "補助記号"]
    while after and after[0].surface in ("くらい", "ぐらい", "位", "ほど", "程度", "ばかり", "の"):
        after = after[1:]
    return bool(after) and after[0].pos == "名詞" and not _ASKS_FOR_MEASURES.match(after[0].surface)


def _loosely_holding(retriever: Retriever, ids: Sequence[str], nouns: Sequence[str]) -> tuple[str, ...]:
    """The cards of `ids` holding every one of `nouns` as written, as the glossary's table term for an everyday word
    (自治体 → 地方公共団体), or, for a compound ended by one kanji (クラウド版, クラウド型), as what comes before it; ()
    when `nouns` is empty."""
    if not nouns:
        return ()
    by_id = _card_index(retriever)

    def forms(noun: str) -> list[str]:
        n = normalize(noun)
        out = [n] + [normalize(t) for t in terms_for([noun])]
        if len(n) >= 3 and re.match(r"[\u4e00-\u9fff]", n[-1]) and not re.match(r"[\u4e00-\u9fff]", n[-2]):
            out.append(n[:-1])  # a kanji after kana or katakana ends the word: クラウド|版 (not 基本|法)
        return out

    wanted = [forms(n) for n in nouns]
    return tuple(i for i in ids if (c := by_id.get(i)) is not None
                 and all(any(f in _card_text(retriever, c) for f in fs) for fs in wanted))


# 「導入校数」, 「参加人数」: how many of something, which a card writes as a number with the counter (「約3000校」)
_COUNTED_NOUN = re.compile(r"(?P<stem>.*?)(?P<counter>校|人|件|社|団体|市町村|自治体|か所|カ所|箇所|機関|台|回|都道府県|者)数$")


def _counting(retriever: Retriever, ids: Sequence[str], nouns: Sequence[str]) -> tuple[str, ...]:
    """The cards of `ids` holding every one of `nouns`, a count noun (「導入校数」) read as its stem and a number with
    its counter (「…試験導入(…約3000校)」); () when no noun is a count."""
    counts = [m for n in nouns if (m := _COUNTED_NOUN.fullmatch(normalize(n))) is not None]
    if not counts:
        return ()
    plain = [n for n in nouns if _COUNTED_NOUN.fullmatch(normalize(n)) is None]
    by_id = _card_index(retriever)
    return tuple(i for i in _containing(retriever, ids, plain) if (c := by_id.get(i)) is not None and all(
        m.group("stem") in _card_text(retriever, c) and re.search(r"\d\s*(?:万|億)?\s*" + m.group("counter"),
                                                                   _card_text(retriever, c)) for m in counts))


def _noun_words(text: str) -> list[str]:
    """The single nouns of a description, not joined into compounds (「手術情報」 → 手術, 情報; 「手術のほうの情報」 too):
    a card that writes 「手術の情報」 holds each of them, whichever way the person joined them; 「ほう」, 「方」, 「やつ」,
    「もの」 point at a card and name nothing."""

    return [t.surface for t in analyzer().tokens(unicodedata.normalize("NFKC", text))
            if t.pos == "名詞" and t.surface not in ("ほう", "方", "やつ", "もの", "の", "こと")]


def _nouns(text: str) -> list[str]:
    """The noun compounds of a question that name a topic (「クラウド化」, 「データベース」), as written."""

    nouns, run = [], ""
    english = text.isascii()
    for t in analyzer().tokens(unicodedata.normalize("NFKC", text)):
        if english and t.surface.isalnum():  # "which one uses AI": English words stand alone
            nouns += [run] if run else []
            nouns.append(t.surface)
            run = ""
        elif t.pos in ("名詞", "接頭辞") or (t.pos == "接尾辞" and run):
            run += t.surface
        else:
            if run:
                nouns.append(run)
            run = ""
    nouns += [run] if run else []
    return [n for n in nouns if has_own_topic(n)]



# a KPI named as what chooses cards: 「KPIが…になってる」, 「…を指標にしている」, "whose KPI is …"
_KPI_SAID = re.compile(r"KPI|ＫＰＩ|指標|\bkpis?\b", re.I)


def _kpi_holding(retriever: Retriever, ids: Sequence[str], nouns: Sequence[str]) -> tuple[str, ...]:
    """The cards of `ids` whose KPI cells hold every one of `nouns` (the words naming the KPI itself, 「KPI」 and
    「指標」 left out) as written, in the order of `ids`; () when no noun is left."""
    words = [normalize(n) for n in nouns if not _KPI_SAID.fullmatch(n) and not _KIND_WORD.fullmatch(n)]
    if not words:
        return ()
    by_id = _card_index(retriever)
    return tuple(i for i in ids if (c := by_id.get(i)) is not None
                 and all(w in normalize(c.kpi_progress + " " + c.kpi_effect) for w in words))


def _topic_terms(text: str) -> list[str]:
    """The words a topic is written with in the table: an English one's table terms (glossary: "port" → 港湾), a
    Japanese one's noun compounds without the suffix that says "of that kind" (「港湾関係」 → 港湾)."""
    if not _JAPANESE_CHARS.search(text):
        return table_terms(text).split()
    return [n for n in _kind_stripped(_MINISTRY_WORD.sub(" ", text)) if len(n) >= 2]


def _written_elsewhere(retriever: Retriever, text: str, given: set[str], filters: Filters) -> tuple[str, ...]:
    """「ほかに」 with no new card counted: the cards not yet `given` whose text holds one of the topic's own terms
    (_topic_terms), when no more of them than of the given ones do (the list counted most of those that write the
    term; a term most cards write tells nothing), in the table's order; () otherwise."""
    terms = _topic_terms(text)
    if not terms:
        return ()
    ids = [c.id for c in retriever.cards if not filters.ids or c.id in filters.ids]
    holders = [i for i in ids if i in _holding_any(retriever, ids, terms)]
    new = tuple(i for i in holders if i not in given)
    return new if 0 < len(new) <= len(holders) - len(new) else ()


def _card_text(retriever: Retriever, card: PolicyCard, name_only: bool = False) -> str:
    """A card's text (or name), normalised once per index: what `_containing` looks for words in."""
    cache = _per_index(retriever, "_card_texts")
    key = (card.id, name_only)
    text = cache.get(key)
    if text is None:
        text = cache[key] = normalize(card.name if name_only else " ".join((card.name, card.overview, card.kpi_progress,
                                                                             card.kpi_effect, card.ministries_raw)))
    return text


def _containing(retriever: Retriever, ids: Sequence[str], nouns: Sequence[str], name_only: bool = False) -> tuple[str, ...]:
    """The cards of `ids` whose text (or name) holds every one of `nouns`, in the order of `ids`."""
    by_id = _card_index(retriever)
    words = [normalize(n) for n in nouns]
    return tuple(i for i in ids if (c := by_id.get(i)) is not None
                 and all(w in _card_text(retriever, c, name_only) for w in words))


# A topic list's related cards rated at least this by the list model (it counts from 0.35) are near misses: a
# restriction of the list (「そのうち内閣官房が主担当のは？」) looks at them too, as the person saw them right below it
LIST_NEAR = 0.15
# a word of a restriction that names no topic but says "of that kind" (「医療系」, 「電波関係」, 「教科書の話」)
_KIND_WORD = re.compile(r"系|関係|関連|分野|領域|方面|まわり|周り|絡み|がらみ|話")
LITERAL_SURE = 0.9  # a card the search is this sure of stays an answer without the question's words in its text


_SAME_KPI = re.compile(r"同じ(.{0,24}?)(?:を|が|の)?\s*(?:KPI|ＫＰＩ|kpi|指標|目標)")


def _same_kpi(retriever: Retriever, text: str, card_id: str) -> tuple[str, tuple[str, ...]] | None:
    """「同じ(…の)KPIの施策」 after one card: the other cards with a KPI cell written as one of its own (the one that
    holds the words said before KPI, where some are: 「同じ説明会の参加数を」), in the table's order; None if none."""
    m = _SAME_KPI.search(unicodedata.normalize("NFKC", text))
    card = _card_index(retriever).get(card_id)
    if card is None:
        return None

    cells = [c for c in (card.kpi_progress, card.kpi_effect) if not re.fullmatch(r"[\s－―ー-]*|未設定.*", c.strip())]
    if m is None:
        # 「ほかにも補助事業実施件数がKPIになってる施策ある？」 after 07-03: a KPI cell of the card just answered, said as
        # written with KPI, is the same KPI asked of the others
        said = normalize(text).replace(" ", "")
        cells = [c for c in cells if _KPI_SAID.search(said) and len(cell := normalize(c).replace(" ", "")) >= 4
                 and cell in said]
        if not cells:
            return None
    else:
        words = [t.base for t in analyzer().tokens(m.group(1)) if t.pos.startswith("名詞") and len(t.base) > 1]
        cells = [c for c in cells if all(w in c for w in words)] or ([] if words else cells)
    same = {" ".join(c.split()) for c in cells}
    ids = tuple(c.id for c in retriever.cards if c.id != card_id and same & {
        " ".join(k.split()) for k in (c.kpi_progress, c.kpi_effect) if k.strip()})
    if not ids:
        # 「ほかに同じ目標がかいてある施策は」 after 06-05: a KPI is also one item of a cell that lists several (06-01's
        # 「・令和7年度(2025年度)までに情報処理安全確保支援士の登録者数3万人超 ・橋渡し人材…」)
        items = {i for c in cells for i in _kpi_items(c)}
        theirs = {c.id: items & {i for k in (c.kpi_progress, c.kpi_effect) for i in _kpi_items(k)}
                  for c in retriever.cards if c.id != card_id}
        ids = tuple(i for i, shared in theirs.items() if shared)
        same = {i for shared in theirs.values() for i in shared}
    return (next(iter(sorted(same))), ids) if ids else None


def _kpi_items(cell: str) -> set[str]:
    """The KPIs a cell lists (「・A ・B」: A, B; a cell of one KPI: itself), spaces evened, each of 8 characters or
    more (a short item is a heading, not a KPI)."""
    items = {" ".join(i.split()) for i in re.split(r"[・･]", cell)}
    return {i for i in items if len(i) >= 8}


def _said_instead(retriever: Retriever, ids: Sequence[str], text: str, negated: re.Match) -> tuple[str, ...]:
    """「AじゃなくてB」, 「AではなくBのもの」: what is asked is B, A said only to set it apart. The cards of `ids` whose
    text holds a noun of B, when some but not all do (07-09 地域で…学び合う場 says 地域; it also says 学校, as the thing it
    is set beside); () where nothing follows the negation, or it names nothing the cards say (then A is taken out)."""
    if negated.re is not _NOT or not re.search(r"(?:じゃ|では|で)なく", negated.group(0)):
        return ()
    after = re.sub(r"^[てし、,\s]+", "", text[negated.end():])
    things, for_whom = _either_terms(after)  # (「小中学校向け」: whom, said as the cards that say 学校 are for it)
    held = set().union(*_holding_terms(retriever, ids, things, for_whom)) if things else set()
    return tuple(i for i in ids if i in held) if 0 < len(held) < len(ids) else ()


# a purpose clause that says what a measure serves, not what it does: 「…事前防災対策による国土強靱(じん)化等に資する
# ため、」 (03-45 連携型インフラデータプラットフォーム is no disaster measure), as card_words' outcome sentences say it;
# 「…時代を担う人材の育成に向けては、」 (03-02 EdTech is no measure for training people)
_SERVES = re.compile(r"[^。]*?(?:(?:に資する|に寄与する|に貢献する|につながる|に繋がる)ため|に向けて(?:は)?)[、,]")


_QUOTED = re.compile(r"「[^「」]*」")


def _states_topic(retriever: Retriever, card: PolicyCard, word: str) -> bool:
    """Whether a card states `word` where it states what it is about: its name or the first point of its 課題・取組概要
    (the background or the aim it starts from) less a clause on what it serves (_SERVES); or its KPIs, less the
    quoted names of other programmes they count (07-06 「身体障害者向け通信・放送役務の提供・開発等の推進」助成), where
    the word names a subject (in at most list_run_word_cards cards: 02-07 「自動運転車が必要とする交通規制情報の提供及び
    管理の実現」; not 03-02's 「資質・能力の育成」, 育成 being in many). Not its later points, which say what else it
    touches."""
    word = normalize(word)
    first = card.bullets[0] if card.bullets else card.overview.split("。")[0]
    if word in normalize(f"{card.name} {_SERVES.sub(' ', first)}"):
        return True
    kpis = normalize(_QUOTED.sub(" ", f"{card.kpi_progress} {card.kpi_effect}"))
    return word in kpis and retriever._cards_holding(word) <= retriever.params.list_run_word_cards


def _in_passing(retriever: Retriever, ids: Sequence[str], text: str) -> tuple[str, ...]:
    """The cards of `ids` that hold the nouns of `text` only in a sentence saying what they lead to (CardWords.outcome:
    「…人材育成に貢献する」, 「…負担軽減に寄与」), not in their name, KPIs or what they do."""

    known = retriever.lexical.stats.word_df
    nouns = {t.base for t in analyzer().tokens(text) if t.pos.startswith("名詞") and known[t.base]}
    out = []
    for i in ids:
        k = _positions(retriever)[i]
        held, outcome = nouns & retriever.card_words.words[k], retriever.card_words.outcome[k]
        if held and held <= outcome:
            out.append(i)
    return tuple(out)


def _literal_first(retriever: Retriever, answers: list[Hit], text: str, res: SearchResult) -> list[Hit]:
    """Among the answers of a restriction (「その中で医療関係は？」), when some hold all its words in their text, those
    that hold them all or one of its noun compounds as written, and the ones the search is sure of: a card that only
    resembles the words (Web accessibility for 医療, 運転免許 for 自動運転) is dropped."""
    if len(answers) < 2 or (res.intent is not None and res.intent.structured):
        return answers
    nouns = _literal_words(text)
    ids = [h.card.id for h in answers]
    if not nouns or not _containing(retriever, ids, nouns):
        return answers
    # (「信号機に関係するのは」: 02-06 writes 信号灯火, a term the glossary gives in the same row as 信号機: a card that
    # says the thing in the table's other words for it holds it too)
    # (only terms that are not pieces of what was said: the row of セキュリティ人材 also gives 人材 and 育成, which
    # 06-04, IT人材スキル標準, holds without being about security staff)
    compounds = _kind_stripped(text)
    other_terms = [t for t in terms_for(compounds, as_term=True) if not any(t in c for c in compounds)]
    holding = set(_containing(retriever, ids, nouns)) | _holding_any(retriever, ids, compounds + other_terms)
    return [h for h in answers if h.card.id in holding or h.confidence >= LITERAL_SURE]


def _literal_words(text: str) -> list[str]:
    """The words of a restriction a card that is about it may be expected to hold (「医療系」 → 医療: 系, 関係, 話 only
    say "of that kind", "about it")."""

    return [t.surface for t in analyzer().tokens(unicodedata.normalize("NFKC", text)) if has_own_topic(t.surface)
            and not _KIND_WORD.fullmatch(t.surface)]


def _kind_stripped(text: str) -> list[str]:
    """The noun compounds of a restriction without the suffix that says "of that kind" (「電波関係」 → 電波)."""
    return [n for n in (re.sub(r"(?<=..)(?:系|関係|関連|分野|領域|方面|まわり|周り|絡み|がらみ)$", "", n) for n in _nouns(text))
            if not _KIND_WORD.fullmatch(n)]  # (話 alone only: 電話 is no kind)


def _kind_terms(text: str) -> tuple[str, ...]:
    """The table's terms for a kind named with 系 / 関係 (「災害関係」): those of the glossary rows whose terms or
    everyday words hold its noun (防災 災害; 被災者, said 「災害にあった人」); () where the glossary has none."""
    nouns = [n for n in _kind_stripped(text) if len(n) >= 2]
    # 「防災分野」: a kind the glossary writes in one row with other terms (防災 災害) is a kind of those too, said in
    # their other words as well (被災者, 「災害にあった人」), as 「災害関係」 reads it
    same_row = [t for e in glossary_entries() if any(n in e.terms for n in nouns) for t in e.terms if t not in nouns]
    return tuple(dict.fromkeys(terms_for(nouns, inside=True) + terms_for(same_row, inside=True)))


def _inside_longer_word(retriever: Retriever, card_id: str, noun: str) -> bool:
    """Whether a card holds a katakana word only as the start of a longer word of its own: 「ネット」 in 07-09's
    「ネットワーク化」 (ネットワーク is one word there), not 「マイナ」 in 「マイナポータル」 (マイナ and ポータル)."""

    n = normalize(noun)
    card = _card_index(retriever).get(card_id)
    if card is None or not re.search(r"[ァ-ヺー]$", n):
        return False
    text = _card_text(retriever, card)
    ends = [m.end() for m in re.finditer(re.escape(n), text)]
    if not ends or any(e >= len(text) or not re.match(r"[ァ-ヺー]", text[e]) for e in ends):
        return False
    return not set(analyzer().words(n)) <= _words_of(retriever, card_id)


def _holding_any(retriever: Retriever, ids: Sequence[str], nouns: Sequence[str]) -> set[str]:
    """The cards of `ids` that hold one of the noun compounds `nouns` as written: a card that holds one of them does
    not only resemble them (「携帯電話の電波関係」: 07-02 says 携帯電話, not 電波; 「自動運転」 is not 運転免許)."""
    return {i for n in nouns for i in _containing(retriever, ids, [n])}


# a word after a noun that says whom a measure is for (「高齢者向け」, 「学校対象」)
_FOR_WHOM = re.compile(r"(?<=..)(?:向け|向き|対象)$")
# (「…が対象の」, 「…も対象になっている」, 「…が対象と読める」: the same aim, said of the measure)
_AIMED_AT = re.compile(r"を対象(?:と|に)(?:して(?:い|る)*|する|した)?|[がも]対象(?=の|と|に|で|な|[?？]|$)")
# what stands between two things when either will do: 「マイナンバーかマイナポータル」, 「障害者や高齢者」, 「大学とか高度人材」
_EITHER = frozenset({"か", "や", "とか", "または", "又は", "もしくは", "あるいは"})


def _either_terms(text: str) -> tuple[list[str], bool]:
    """The things a restriction names, when it names one or several joined by 「か」 / 「や」 / 「とか」 (either will
    do): 「マイナンバーかマイナポータルを使うやつ」 → マイナンバー, マイナポータル; and whether each says whom the measure is
    for (「障害者や高齢者向けの」 → 障害者, 高齢者). None when two are joined otherwise (「AとBの両方」) or one names a kind
    (「人材系」, 「災害関係」: the kind is read by its own rules)."""

    # 「博士人材を対象にしてるのは」 says whom it is for as 「博士人材向けのは」 does
    # (「…を対象にしているものは」: 向け joined to the words after it by の, as 「…向けのものは」, not one compound)
    text = _AIMED_AT.sub(lambda m: "向け" if m.string.startswith("の", m.end()) else "向けの",
                         unicodedata.normalize("NFKC", text))
    tokens = analyzer().tokens(text)
    runs: list[tuple[str, str]] = []  # (noun compound, what was between it and the one before)
    run, between = "", ""
    for i, t in enumerate(tokens):
        following = tokens[i + 1] if i + 1 < len(tokens) else None
        if t.pos in ("名詞", "接頭辞") or (t.pos == "接尾辞" and run) or (
                t.pos == "形状詞" and following is not None and following.pos == "名詞"):  # 高度 + 人材
            run += t.surface
            continue
        if run and t.base not in ("する", "為る"):  # (UniDic writes the lemma of する as 為る)
            runs.append((run, between))
            run, between = "", ""
        elif run:  # 「…を活用する」: a verbal noun that says what is done with the thing, no thing of its own
            run = ""
        between += t.surface
    if run:
        runs.append((run, between))
    topics = [(r, b) for r, b in runs if has_own_topic(_FOR_WHOM.sub("", r))]
    # (「障害者や高齢者向け」: 向け after the last says whom each is for; 「障害者と高齢者向け」 is for either too)
    for_whom = bool(topics) and bool(_FOR_WHOM.search(topics[-1][0]))
    # (「大学・博士人材向け」: ・ between those it is for, as と)
    if not topics or any(b not in _EITHER and not (for_whom and b in ("と", "・")) for _, b in topics[1:]) \
            or any(_A_KIND.search(r) for r, _ in topics):
        return [], False
    return [_FOR_WHOM.sub("", r) for r, _ in topics], for_whom


def _word_groups(text: str) -> list[list[list[str]]]:
    """The things a restriction names, in groups of alternatives: the nouns joined by 「か」 / 「や」 / 「とか」 (either
    will do) make one group, any other join (「の」, 「と」, a verb) starts another: 「大学か博士の人材のもの」 →
    [[[大学], [博士]], [[人材]]], 「こどもの健康のことに触れてるの」 → [[[こども, 子供]], [[健康]]] (こと names nothing;
    each thing as written and as its dictionary form, the way the table may write it)."""

    groups: list[list[list[str]]] = []
    run, base, between = "", "", ""
    runs: list[tuple[str, str, str]] = []
    for t in analyzer().tokens(unicodedata.normalize("NFKC", text)):
        if t.pos in ("名詞", "接頭辞") or (t.pos == "接尾辞" and run):
            run, base = run + t.surface, base + (t.base if re.fullmatch(r"[一-龥々ぁ-ゖァ-ヶー]+", t.base) else t.surface)
            continue
        if run and t.base not in ("する", "為る"):
            runs.append((run, base, between))
            run, base, between = "", "", ""
        elif run:  # 「…に関連する」, 「…を活用する」: a verbal noun says what is done, no thing of its own
            run, base = "", ""
        between += t.surface
    if run:
        runs.append((run, base, between))
    for r, b, joined in runs:
        forms = list(dict.fromkeys(_FOR_WHOM.sub("", w) for w in (r, b)))
        if not has_own_topic(forms[0]) or _KIND_WORD.fullmatch(forms[0]) or _AIM_WORD.fullmatch(forms[0]):
            continue
        if groups and joined in _EITHER:
            groups[-1].append(forms)
        else:
            groups.append([forms])
    return groups


# 「…を対象にした」, 「…がターゲットの」: the words that say whom or what a measure is for, no thing of their own
_AIM_WORD = re.compile(r"対象|ターゲット|向け|向き|相手")
# a word the table writes on this share of its cards or more says how measures act (整備, 推進, 活用, データ), which
# tells no card of a list from another
GENERIC_SHARE = 0.25


def _holds_a_part(retriever: Retriever, card_id: str, text: str) -> bool:
    """Card `card_id` writes a thing the restriction `text` names (_word_groups), or a part of one of two characters
    or more (遠隔 of 遠隔医療, 被災者 of 被災者支援, 学校 of 小中学校)."""

    words = [w for group in _word_groups(text) for forms in group for w in forms]
    parts = [t.surface for w in words for t in analyzer().tokens(w) if len(t.surface) >= 2]
    return bool(_holding_any(retriever, [card_id], list(dict.fromkeys(words + parts))))


def _most_telling(retriever: Retriever, ids: Sequence[str], text: str) -> tuple[tuple[str, ...], list[str]]:
    """The cards of `ids` that a restriction's most telling thing picks: of the groups of things it names
    (_word_groups), those that some but not all of the cards write as written, the one the fewest cards write:
    「その中で子供の健康に触れてるのは」 among MEXT's measures is decided by 健康 (03-03, 03-06 write it; 子供 is
    written by more), 「そのうち大学か博士の人材のものは」 by 大学 / 博士 (人材 is written by others too); with the words
    of that group. A word the table writes on many of its cards (GENERIC_SHARE: 「通信インフラの整備」's 整備) tells nothing.
    ((), []) when no group tells some cards from the others."""
    every = [c.id for c in retriever.cards]
    held = []
    for group in _word_groups(text):
        words = [w for forms in group for w in forms
                 if len(_holding_any(retriever, every, [w])) < GENERIC_SHARE * len(every)]
        cards = _holding_any(retriever, ids, words)
        if len(group) > 1 and not all(_holding_any(retriever, ids, forms) for forms in group):
            # 「不動産や地図に関係するもの」: of two things either of which will do, one no card writes (05-33 says 地理空間
            # 情報 for 地図): the words cannot tell the cards about it, the search's reading stands
            continue
        if 0 < len(cards) < len(ids):
            held.append((cards, words))
    if not held:
        return (), []
    fewest, words = min(held, key=lambda h: len(h[0]))
    return tuple(i for i in ids if i in fewest), words


def _holding_terms(retriever: Retriever, ids: Sequence[str], terms: Sequence[str], parts: bool) -> list[set[str]]:
    """For each thing a restriction names, the cards of `ids` whose text holds it as written; with `parts` (whom a
    measure is for, said in a word of the person's own), those that hold each of its words of two characters or more
    too: 「高度人材」 is in no card, 06-08 and 06-10 say 高度 and 人材; 「小中学校」 (小 + 中 + 学校) is what the cards
    that say 学校 are for (03-01's 児童生徒1人1台端末 「学校」); and those that hold a table term the glossary gives for the
    person's word (小中学生: 子供, 児童; お年寄り: 高齢者)."""

    held = []
    for term in terms:
        found = set(_containing(retriever, ids, [term]))
        words = [t.surface for t in analyzer().tokens(normalize(term)) if t.pos in ("名詞", "形状詞") and len(t.surface) >= 2]
        if parts and words and words != [term]:
            found |= set(_containing(retriever, ids, words))
        found |= _holding_any(retriever, ids, sorted(terms_for([term], as_term=True)) if parts else [])
        held.append(found)
    return held


def _picked_by_words(retriever: Retriever, ids: Sequence[str], description: str, count: int) -> tuple[str, ...]:
    """The listed cards a description picks by the cards' own words: those whose name holds every noun of it
    (「レセプトのやつ」 → 03-13, named レセプト), else those whose text does, when they are exactly `count` cards;
    () when the words alone do not tell (the caller then ranks the list by meaning)."""
    nouns = _nouns(description)
    if not nouns:
        return ()
    for name_only in (True, False):
        found = _containing(retriever, ids, nouns, name_only)
        if len(found) == count:
            return found
    return ()


def _holding_most(retriever: Retriever, ids: Sequence[str], description: str) -> tuple[str, ...]:
    """The one card of `ids` whose text holds more of the description's noun compounds than any other, when it holds
    at least two and the description names three or more (筆ポリゴン's 「農地の区画情報」 for 「農地の区画の地図データ」,
    though no card says 地図データ); an English description by the glossary's table terms for its words, one at least
    ("the one about AI at container terminals" → AIターミナル, コンテナ); () when the count does not single one out."""
    english = not _JAPANESE_CHARS.search(description)
    words = list(dict.fromkeys(table_terms(description).split() if english else
                               [normalize(n) for n in _nouns(description)]))
    if len(words) < (1 if english else 3):
        return ()
    held = sorted(((sum(len(_containing(retriever, [i], [n])) for n in words), i) for i in ids), reverse=True)
    if not held or held[0][0] < (1 if english else 2) or (len(held) > 1 and held[1][0] == held[0][0]):
        return ()
    return (held[0][1],)


_LATEST = re.compile(r"(?:一番|いちばん|最も|もっとも)\S{0,6}?(?:先|遅|後|新し|最後)|最後に(?:終わ|完了)|\b(?:latest|last to)\b|"
                     r"(?:どっち|どちら)\S{0,4}?(?:遅|後)|\b(?:finish(?:es)?|ends?|completes?) last\b|\blater\b", re.I)
_EARLIEST = re.compile(r"(?:一番|いちばん|最も|もっとも)\S{0,6}?(?:早|近|最初|古|手前)|最初に(?:終わ|完了|始ま)|"
                       r"\b(?:earliest|soonest|first to)\b|(?:どっち|どちら)\S{0,4}?(?:早|先に)|"
                       r"\b(?:finish(?:es)?|ends?|completes?) first\b|\bsooner\b|\bearlier\b", re.I)
_MOST_MINISTRIES = re.compile(r"(?:府省庁|省庁|府省|省|役所|官庁)(?:の数)?(?:が|は)?\S{0,3}?(?:一番|いちばん|最も|もっとも)?"
                              r"(?:多い|多く|少な)|(?:most|fewest|least|more|fewer) (?:ministries|agencies)", re.I)
_TIME_WORDS = re.compile(r"期限|いつ|時期|年度|締め?切|目標|完了|達成|終わ|始ま|開始|稼働|\bwhen\b|\bdeadline|\bdue\b|"
                         r"\bfinish|\bends?\b|\bcomplete", re.I)


def _superlative_date(text: str) -> str | None:
    """"latest" for 「期限が一番先なのは？」, "earliest" for 「一番早く終わるのは？」, None when not asked by date."""
    if not _TIME_WORDS.search(text):
        return None
    return "latest" if _LATEST.search(text) else "earliest" if _EARLIEST.search(text) else None


_CHECK = re.compile(r"(?:も|は|が)?\s*(?:入って|関わって|かかわって|関与して|絡んで|参加して|携わって|やって|担当して|所管して|"
                    r"進めて|主担当|メイン|主管|(?<=[のが])\s*(?:担当|所管|管轄)|(?:関係|関連|参画|協力|連携|共管)して|噛んで|加わって|名を連ねて|含まれて|載って|"
                    r"(?:関係|関連|関わり|かかわり|関与|絡み)(?:が|は)?(?:あ(?=る|り))|"
                    # 「総務省もいる？」, 「…もメンバー？」, 「…の名前もある？」: among those who take part, said plainly
                    r"(?<=[もは])\s*い(?=る|ます)|(?:メンバー|一員)(?:に入って)?|名前(?:が|も|は)?(?:あ(?=る|り)|出て))"
                    # (「入ってない？」: the same yes or no, asked the other way)
                    # (「内閣官房も関わっているのでしたか」, 「入ってたっけ」, 「…入ってましたよね」: the same, asked as something the
                    # person recalls)
                    r"(?:る|いる|います|ます|り(?:ます)?|(?:い)?ない|いません|ません|(?:い)?た|(?:い)?ました|(?:い)?なかった)?"
                    r"(?:な)?(?:の|ん)?(?:です|でした|でしたっけ|だった|ました)?(?:(?:か|かな|っけ|よね)?\s*[?？]|(?:か|かな|の|だっけ|っけ|よね)\s*[。.]?\s*$)|"
                    r"(?:だけ|のみ|単独)(?:なの|です|なん)?(?:(?:か|かな)?\s*[?？]|(?:か|かな)\s*[。.]?\s*$)|"
                    r"\b(?:is|are|was|were) (?:the )?\S+(?: \S+){0,6}? (?:also |too )?(?:involved|taking part|part of (?:it|this|that|\d{2}-\d{2}))\b"
                    r"(?: as well\b| too\b)?|"
                    # "Does 05-35 include 外務省?", "Does it list MOFA?": whether the card's ministries name it
                    r"\b(?:does|do) (?:(?:it|this|that|they|these|those|\d{2}-\d{2})(?: one| measure)? )?(?:also )?(?:include|list|name)s?\b|"
                    r"\b(?:does|do|did) (?:the )?\S+(?: \S+){0,6}? (?:also )?(?:take part|participate|have a (?:role|hand)|"
                    r"play an? (?:role|part))\b(?: as well\b| too\b)?|\b(?:is|are) (?:the )?\S+(?: \S+){0,6}? (?:also )?in (?:there|it|on it)\b|"
                    r"\bonly\b.*[?？]$|"
                    # 「厚生労働省も◎でしたよね」, 「総務省が◎だっけ」: the lead's mark said of a ministry, as a yes or no question
                    r"(?:省|庁|府|委員会|官房|本部)\s*(?:も|は|が)\s*◎\s*(?:です|でした|だった|なの|なん(?:です)?)?"
                    r"(?:よね|ね|か|かな|っけ|だっけ)?\s*[?？。.]?\s*$|"
                    # 「二つとも総務省？」, 「これも経産省なの？」: a ministry named as a yes or no question
                    r"(?:省|庁|府|委員会|官房|本部)\s*(?:です|なの|なん(?:です)?|でしょう|だよね|ですよね)?"
                    # (「主管は厚生労働省ですか」: a yes or no question without its ？)
                    r"(?:(?:か|かな|ね)?\s*[?？]|(?:ですか|でしょうか|なのか|なんですか|ですよね|だっけ|でしたっけ)\s*[。.]?)\s*$",
                    re.I)
_MINISTRY_WORD = re.compile(r"[一-龥ァ-ヶA-Za-z]+?(?:省|庁|府|委員会|官房|本部|センター)")
# 「総務省は関係ある？」, 「経産省も関わりあります？」: the ある of an involvement noun is no 「…はある？」 asking for measures
_INVOLVEMENT_ARU = re.compile(r"(?:関係|関連|関わり|かかわり|関与|絡み|噛み)(?:が|は|って)?\s*(?:あ(?:る|り|ります))")


# 「…という理解で合っていますか」, 「…で合ってる？」, 「…で正しいでしょうか」, 「…で間違いないですか」, "is that right?": a
# statement put to be confirmed, the yes or no question of what it states
_CONFIRMING = re.compile(r"\s*(?:という|との|って)?\s*(?:理解|認識|解釈|こと)?\s*(?:で|が|は)?\s*(?:合って|あって|正しい|間違い|よろし|"
                         r"いい(?=ですか|でしょうか|の|[?？]|$))(?:い|ない|ありません|ございません)?(?:ます|る)?(?:です|でしょう)?"
                         r"(?:か|かな|よね)?\s*[?？。.]?\s*$|[,、]?\s*\b(?:is that|am i) (?:right|correct)\s*[?]?\s*$", re.I)


def _checks_ministry(retriever: Retriever, text: str) -> bool:
    """「経産省も関わってる？」, 「総務省だけ？」: a yes/no question that names ministries and nothing else."""
    text = _confirmed(text)
    if not _CHECK.search(text) and _CHECK.search(written := written_kana_words(text)):
        text = written  # 「農水省もかんでる？」: the verb typed in kana, read as written (噛んでる)
    if not _CHECK.search(text) or _ASKS_FOR_MEASURES.search(_INVOLVEMENT_ARU.sub(" ", text)) \
            or not _names_ministry(retriever, text):
        return False
    # the question without the ministries' names as the table's lexicon reads them ("the Personal Information
    # Protection Commission"), and without the asking words
    intent = retriever.understanding.run(text).intent
    rest = _CHECK.sub(" ", _MINISTRY_WORD.sub(" ", unicodedata.normalize("NFKC", re.sub(r"\s+", " ", intent.topic))))
    # 「個人情報大丈夫？個人情報保護委員会とか関わってる？」: a concern said in words of the ministry's own name asks
    # whether that ministry takes part, no topic of its own
    # Only a noun the name begins with, and at least 4 characters of the name left (保護委員会): 「労働に厚生労働省も
    #関わってる？」, 「交通に国交省は？」 and 「警察の…」 (the name less its 庁) name a topic of their own
    for noun in _nouns(rest):
        if len(noun) >= 2 and any(name.startswith(noun) and len(name) - len(noun) >= 4 for name in intent.ministries):
            rest = rest.replace(noun, " ")
    # 「プライバシーが心配なんだけど、…も関係してる？」: a worry said before the question is why it is asked, not a topic
    rest = _CONCERN.sub(" ", rest)
    rest = re.sub(r"名前|メンバー|一員", " ", rest)  # 「…の名前も載ってますか」: the name on the card, no topic
    # 「ほかの2つは両方とも総務省の担当ですか」: each of the cards pointed at, said of them, no topic
    # (the reading of the question may have taken 両方 out and left its とも alone)
    rest = re.sub(r"両方(?:とも)?|どちらも|どっちも|いずれも|(?:\d|[一二三四五六七八九十]|ふた|みっ)\s*(?:つ|件)とも|\bboth\b|"
                  r"(?<![一-龥ぁ-んァ-ヶ])とも(?![一-龥ぁ-んァ-ヶ])", " ", rest)
    # 「法務省も関わってる？関係省庁ぜんぶ教えて」: the card's ministries asked for besides, a field, no topic
    return not has_own_topic(rest if (field_left := _field_rest(rest)) is None else field_left)


_CONCERN = re.compile(r"^.*?(?:心配|不安|気になる|気になって|気がかり|大丈夫|怖い|こわい)[^、,?？。]{0,12}?"
                      r"(?:けど|けれど(?:も)?|が|[?？、,。])")


# pointing words that may also be a pronoun for anyone (「それ」, "they"): a restriction by them that finds nothing
# among the cards just answered is tried as a question of its own
# 「…の施策だと？」, 「…の場合は？」: the field the last question asked, of the card this one names
_SAME_FIELD = re.compile(r"(?:だと|だったら|の場合(?:は|だと)?|はどう(?:ですか|なの|でしょうか)?)\s*[?？]?\s*$")
# 「…の施策も総務省ですか？」, 「…って経産省なの？」: whether a ministry is that card's
_IS_MINISTRY = re.compile(r"^(?P<topic>.+?)(?:も|は|って)\s*(?P<name>[^\s、。はもの]{2,24}?)(?:ですか|でしょうか|なの|なんですか|"
                          r"なんでしょうか|だっけ|ですよね|でしたっけ)?\s*[?？]+\s*$")
# "an online option for it", "the budget of it": "it" after a preposition is a thing already talked about, never the
# empty subject of "it is …"
_BOUND_IT = re.compile(r"\b(?:for|about|of|in|on|with|from|under|behind|into) it\b", re.I)
_WEAK_POINTER = re.compile(r"それ|これ|あれ|そっち|こっち|そちら|こちら|あっち|it|its|they|them|these|those|"
                           r"(?:that|this) (?:one|measure)|"
                           # 「テレワークの施策だけ教えて」 after a list: だけ may restrict the list or ask a topic alone
                           r"(?:の|が|な)?(?:もの|やつ|施策)?(?:だけ|のみ)|(?:だけ|のみ)?(?:に|へ)?(?:絞|しぼ)\S*|に限\S*", re.I)


def _ministries_note(retriever: Retriever, answers: Sequence[Hit], ask_field: FieldAsk | None, text: str) -> list[str]:
    """「その中で厚労省も主担当なのは？」 answered by one card: its 府省庁名 as the table writes it (◎ for the lead), the
    reason it was kept, said in a line; [] when a field is asked, several cards answer or no ministry is named."""
    if ask_field is not None or len(answers) != 1 or not _names_ministry(retriever, text):
        return []
    card = answers[0].card
    return [f"{card.id} の担当府省庁: {field_text(card, 'ministries', text)}"]


def _with_ministries(retriever: Retriever, hits: list[Hit], ask_field: FieldAsk | None, text: str) -> list[Hit]:
    """「そのうち警察庁のものは」, 「その中で文科省が主担当でないもの」: a part of a list chosen by a ministry, each card with
    its 府省庁名 as the table writes it (◎ for the lead), the reason it was kept or left out (as a list by ministry
    shows them); the hits as they are when a field is asked (the field is the answer) or no ministry is named."""
    if ask_field is not None or len(hits) < 2 or not _names_ministry(retriever, text):
        return hits
    return [h if h.reason else replace(h, reason="府省庁名: " + " ".join(h.card.ministries_raw.split())) for h in hits]


def _confirmed(text: str) -> str:
    """「所管は文科省単独という理解で合っていますか」 as the question it puts: 「所管は文科省単独？」."""
    m = _CONFIRMING.search(text)
    return text[:m.start()] + "？" if m and text[:m.start()].strip() else text


def _ministry_check(retriever: Retriever, question: str, text: str, ids: Sequence[str], notes: list[str],
                    conversation: Conversation, last: Turn | None, named: bool = False) -> Answer:
    """「経産省も関わってる？」, 「それって警察庁？」: the cards' 府省庁名, and the yes or no for each ministry named
    (`named`: the cards the question names by 施策番号, not those just answered); 「文科省単独？」, "the sole lead?":
    whether it is the only lead."""
    text = _confirmed(text)
    hits = _hits(retriever, ids)
    notes.append(f"{'' if named else '直前の回答の'}施策（{'、'.join(h.card.id for h in hits[:5])}）の担当府省庁で答えています。")
    intent = retriever.understanding.run(text).intent
    for name in intent.ministries:  # the yes or no, card by card
        said = [f"{h.card.id} は{'主担当' if name in h.card.lead_ministries else '関係府省庁'}" if any(
            m.name == name for m in h.card.ministries) else f"{h.card.id} には記載なし" for h in hits[:5]]
        notes.append(f"{name}: " + "、".join(said) + "。")
    notes += [f"{name}: この表の府省庁名には出てきません。" for name in intent.absent_ministries]
    turn = _Turn(question, FollowUp("ellipsis", tuple(h.card.id for h in hits), text), last)
    ans = _answer(question, "", FieldAsk("ministries", text, False, ""), hits, [], 1.0 if hits else 0.0, None,
                  notes, conversation, turn, text)
    alone = bool(SOLE_PATTERN.search(text)) and len(intent.ministries) == 1
    verdict = "".join(_sole_verdict(name, hits) if alone else _ministry_verdict(name, hits)
                      for name in intent.ministries) if hits else ""
    return replace(ans, direct=f"{verdict} {ans.direct}".strip()) if verdict else ans


def _sole_verdict(name: str, hits: Sequence[Hit]) -> str:
    """「所管は文科省単独？」, "Is MEXT the sole lead?": yes where `name` is each card's only ◎ (the others it names take
    part without leading), no where another ◎ stands beside it or it does not lead."""
    alone = sum(tuple(h.card.lead_ministries) == (name,) for h in hits)
    if len(hits) == 1:
        card = hits[0].card
        others = [m.name for m in card.ministries if m.name != name]
        if alone:
            return (f"はい。主担当（◎）は{name}だけです" + (f"（関係府省庁: {'、'.join(others)}）。" if others else "（府省庁名も"
                    f"{name}のみ）。"))
        if name in card.lead_ministries:
            return f"いいえ。{name}は主担当（◎）ですが、{'、'.join(n for n in card.lead_ministries if n != name)}との共同です。"
        return _ministry_verdict(name, hits)
    if alone == len(hits):
        return f"はい。{len(hits)} 件とも主担当（◎）は{name}だけです。"
    return f"いいえ。{name}だけが主担当（◎）なのは {len(hits)} 件のうち {alone} 件です。"


def _ministry_verdict(name: str, hits: Sequence[Hit]) -> str:
    """The answer to 「残りのは全部経産省？」, 「それって警察庁？」 in a line before the table: yes where `name` leads
    every card, no where a card does not name it; where it takes part in each but leads only some, neither (the
    question may ask either), the counts."""
    lead = sum(name in h.card.lead_ministries for h in hits)
    involved = sum(any(m.name == name for m in h.card.ministries) for h in hits)
    leads = "、".join(dict.fromkeys(m for h in hits for m in h.card.lead_ministries))
    if len(hits) == 1:
        if lead:
            return f"はい。{name}が主担当（◎）です。"
        if involved:
            return f"{name}は関係府省庁で、主担当（◎）は{leads}です。"
        return f"いいえ。{name}は府省庁名にありません（主担当（◎）は{leads}）。"
    n = len(hits)
    if lead == n:
        return f"はい。{n} 件とも{name}が主担当（◎）です。"
    if involved == n:
        return f"{name}は {n} 件すべてに関わっていますが、主担当（◎）は {lead} 件です。"
    return f"いいえ。{name}が関わっているのは {n} 件のうち {involved} 件（うち主担当（◎） {lead} 件）です。"


# the rest of a list: 「残りのは」, 「それ以外は」, "the rest", "the others"
_REST_SAID = re.compile(r"残り|のこり|以外|(?:ほか|他)の|\bthe (?:rest|others?|remaining)\b|\bremaining\b", re.I)
# pointing words that stand for the cards just answered as a whole (not 「その中」, which restricts them)
_PRONOUN = re.compile(r"(?:それ|これ|あれ|そっち|こっち|そちら|こちら|それら|これら|(?:この|その)施策|どっちも|どちらも|両方(?:とも)?|"
                      r"いずれも|どれも|全部|みんな|(?:\d|[一二三四五六七八九十]|ふた|みっ)\s*(?:つ|件)とも|it|they|both|"
                      r"all of them|each of them)(?:って|は|も|の)?", re.I)


def _ministry_and_topic(retriever: Retriever, text: str) -> tuple[str, dict, bool] | None:
    """(topic, the ministry's filters, asked as a list) when `text` names a ministry and a topic of its own and no other
    condition of the table: 「経産省のIT人材の標準みたいなの」 is that topic among the ministry's cards, not all of them
    (「文科省が主担当のやつ」 names no topic: None, the ministry's list)."""
    intent = retriever.understanding.run(text).intent
    if not intent.ministries or replace(intent, ministries=(), leads=()).structured:
        return None
    topic = intent.topic
    for w in LEAD_WORDS:
        topic = topic.replace(w, " ")
    # the particles left around the names (「の」, 「が…の」 of 「同じ省庁の」 said as 「総務省が主担当の」 in an English
    # question, which would make it read as Japanese) and the preposition that tied the name in
    topic = re.sub(r"(?:(?<=\s)|^)(?:[のがはもでを]|from|by|of)(?=\s|$)", " ", topic, flags=re.I)
    topic = re.sub(r"^[\sのがはもで]+", "", re.sub(r"\s+", " ", topic)).strip()
    if not has_own_topic(topic):
        return None
    return topic, dict(ministries=intent.ministries, lead_only=intent.lead, leads=intent.leads,
                       all_ministries=intent.all_ministries, not_lead=intent.not_lead), bool(LIST_PATTERN.search(text))


# 「そのうち主担当なのは？」, 「メインでやってるのは」, "Which of those does it actually lead?", "which ones is it the lead
# on?": the cards chosen by who leads them, the ministry being the list's (in English it is "it"; 「主担当は？」 alone
# asks the lead of each: a field, not a choice); "the Commission", "the Ministry" said again is the one just named, as "it"
_LEAD_PICK = re.compile(r"(?:主担当|主管|メイン|中心|◎)(?:で|に|と|を)?(?:(?:なって|やって|して|担って|持って|務めて)(?:い)?る|持つ|"
                        r"務める|担う)?"
                        r"(?:な|の)?(?:の|もの|やつ|施策)(?:は|って|を|だけ)|\b(?:does|do) (?:it|they|the (?:commission|ministry|"
                        r"agency|office|secretariat|board)) (?:actually |really |itself |themselves )?lead\b|"
                        r"\b(?:led|run) by (?:it|them|the (?:commission|ministry|agency|office|secretariat|board))\b|"
                        # "Which of the five has the Commission as its lead?": the body said again, its role after it
                        r"\b(?:has|have|with) (?:it|them|the (?:commission|ministry|agency|office|secretariat|board)) as "
                        r"(?:its|their|the) (?:lead|leader|main ministry)\b|"
                        r"\b(?:is|are) (?:it|they) (?:actually |really )?(?:the )?(?:lead|leading|in charge)\b", re.I)


# 「博士の人向けのやつは」, 「大学や博士課程の人材が対象の」, 「自治体職員向けの」: whom a measure is for is the group
# said before a word for people in general (人, 人材 after の, 職員: the staff of whatever is named), which the cards
# write as the group itself (06-03: 地方公共団体, no 職員), said before the words that aim the measure
_PEOPLE_FOR = re.compile(r"(?:の(?:人|ひと|方|かた|人々|人たち|方々|人材)(?:たち|達)?|(?<=..)の?(?:職員|しょくいん)(?:さん)?)"
                         r"(?=向け|むけ|向き|用の|(?:[がをも]\s*)?対象)")
_TOGETHER = re.compile(r"(?<=[省庁府会房部])\s*と\s*(?:一緒に|いっしょに|共同で|共に|ともに|並んで|並び|同じく)")


# what is left where a ministry's name was, said of another body: 「文科省以外が主担当の」, 「総務省じゃないところがメインの」
_OTHER_BODY = re.compile(r"(?:^|\s)(?:以外|じゃない|ではない|でない)(?:の)?(?:ところ|所|省庁|府省|役所)?(?:が|の|で)")


def _role_beside_list(retriever: Retriever, question: str, fu: FollowUp) -> FollowUp | None:
    """「経済産業省が関係してるけど主管じゃないのは？」 right after the list of what 経済産業省 leads, said with no pointing
    word: a restriction of that list could keep none of it (the ministry leads every card of it), so the person asks
    for more of the table beside it, as 「ほかに経産省が関わってるけど主担当じゃないのは」 does; None otherwise."""
    if fu.kind not in ("set", "pick") or fu.kind == "set" and fu.words or not fu.ids:
        return None
    q = ROLE_CONCEDED.sub(" ", unicodedata.normalize("NFKC", question))  # (「主担当じゃなくてもいい」 denies nothing)
    intent = retriever.understanding.run(q).intent
    named = intent.ministries
    if len(named) != 1:
        return None
    cards = _card_index(retriever)
    # 「文科省以外が主担当の教育の施策は？」 right after the list of what 文科省 leads: another body leads, so none of the
    # list (the ministry leads every card of it) and more of the table beside it, as 「ほかに文科省以外が…」 asks
    others_lead = bool(_OTHER_BODY.search(find_names(q, retriever.understanding.lexicon)[1])) and says_lead(q)
    if NOT_LEAD_PATTERN.search(q) or others_lead:
        if not all((c := cards.get(i)) is not None and named[0] in c.lead_ministries for i in fu.ids):
            return None
    # 「経産省が主担当のほうは？」 right after the list of what 経産省 is in without leading: the other side of the same
    # cell, none of which the list holds, so more of the table beside it
    elif (negation := negated_words(q)) is not None and not _names_ministry(retriever, negation[0]) and (
            terms := _nouns(negation[0]) if _JAPANESE_CHARS.search(negation[0]) else table_terms(negation[0]).split()) \
            and all(i in _containing(retriever, fu.ids, terms) for i in fu.ids):
        # 「国交省が主担当で港湾じゃないほうは？」 right after the part of 国交省's list about ports: every card of it is what
        # the words deny, so the ministry's other cards beside it
        pass
    elif has_own_topic(_MINISTRY_WORD.sub(" ", intent.topic)) or not (intent.lead and all(
            (c := cards.get(i)) is not None and named[0] not in c.lead_ministries
            and any(m.name == named[0] for m in c.ministries) for i in fu.ids)):
        return None
    return replace(fu, kind="more", note="")


def _role_follow_up(retriever: Retriever, text: str, question: str, conversation: Conversation,
                    allowed: Sequence[str]) -> tuple[str, list[str], bool] | None:
    """(ministry, cards, whether they are those it leads) for a follow-up that asks which of the cards pointed at a
    ministry leads, or is in without leading, naming no ministry (「そのうち主担当なのは？」, 「そのうち主担当じゃないのは？」,
    "Which of those does it actually lead?", "Which of those is it not leading?"): the ministry is the one the
    conversation's last question naming one asked about; None when the follow-up is no such question."""
    q = ROLE_CONCEDED.sub(" ", unicodedata.normalize("NFKC", question))  # (「主担当じゃなくてもいい」 denies nothing)
    not_lead = bool(NOT_LEAD_PATTERN.search(q))
    if not (not_lead or _LEAD_PICK.search(q)) or _names_ministry(retriever, text):
        return None
    for past in reversed(conversation.turns):
        if not not_lead and not set(past.answers) & set(allowed):
            continue  # 「主担当なのは」 reads the ministry of the list itself, not of a question before it
        named = retriever.understanding.run(past.question).intent.ministries
        if named:
            break
    else:
        return None
    if len(named) != 1:
        return None  # 「総務省と経産省の施策」: which one the follow-up means is not said
    ministry = named[0]
    cards = _card_index(retriever)
    jointly = not not_lead and re.search(r"共同|一緒|いっしょ|複数|ともに|共に|\bjointly\b|\bco-?lead", q, re.I)
    ids = [i for i in allowed if (c := cards.get(i)) is not None
           and any(m.name == ministry for m in c.ministries) and (ministry in c.lead_ministries) != not_lead
           and (not jointly or len(c.lead_ministries) > 1)]  # 「共同主担当のもの」: ◎ shared with another
    return ministry, ids, not not_lead


def _names_ministry(retriever: Retriever, text: str) -> bool:
    """The text names a ministry of the table (or one it lacks): a question about who is involved."""
    intent = retriever.understanding.run(text).intent
    return bool(intent.ministries or intent.absent_ministries)


def _but(d: dict, key: str) -> dict:
    return {k: v for k, v in d.items() if k != key}


def _field_rest(text: str) -> str | None:
    """The question without the words asking for a field, or None when it asks for none (for index.conversation)."""
    f = follow_up_field(text)
    return None if f is None else f.rest


def follow_up_field(text: str) -> FieldAsk | None:
    """The field a follow-up asks for: the patterns' reading, or the field words' when the patterns leave words of
    no topic behind (「どこの省庁の担当？」, "Which ministry is responsible?") or match nothing (「所管官庁は？」)."""
    f = field_asked(text)
    if f is None or has_own_topic(f.rest):
        return field_by_words(text) or f
    return f


def _alike(retriever: Retriever, ids: Sequence[str]) -> list[str]:
    """The cards most like `ids` by the card-to-card pair score of the 重複・類似 tab (index.report.similar), those at
    or above its threshold, nearest first, at most SIMILAR_SHOWN; [] where the index keeps no vectors to compare."""
    from .report.similar import DEFAULT_PAIR_THRESHOLD

    scores = _pair_table(retriever)
    if scores is None:
        return []
    order, position, score = scores
    at = [position[i] for i in ids if i in position]
    if not at:
        return []
    best = score[at].max(axis=0)
    ranked = sorted((j for j in range(len(order)) if order[j] not in ids and best[j] >= DEFAULT_PAIR_THRESHOLD),
                    key=lambda j: -best[j])
    return [order[j] for j in ranked[:SIMILAR_SHOWN]]


def _pair_table(retriever: Retriever) -> tuple[tuple[str, ...], dict[str, int], Any] | None:
    """(card IDs, card ID → its row, the 重複・類似 tab's pair score matrix in their order), built once per index;
    None where the index keeps no vectors to compare (Milvus)."""
    from .report.similar import pair_scores, space_of

    cache = _per_index(retriever, "_pair_table")
    if "scores" not in cache:
        try:
            space = space_of(retriever.stored, retriever.embedder, getattr(retriever, "cache_dir", None))
        except AttributeError:  # a store without local vectors (Milvus): no pair scores
            return None
        order = tuple(c.id for c in space.cards)
        cache["scores"] = (order, {i: j for j, i in enumerate(order)}, pair_scores(space)["score"])
    return cache["scores"]


def _closeness(retriever: Retriever, words: str, ids: Sequence[str]) -> dict[str, float] | None:
    """Card ID → how close in meaning `words` are to it (DenseScorer.centred_closeness); None where the store keeps
    its vectors elsewhere."""
    from .retrieve.understand import with_table_words

    dense = getattr(retriever, "dense", None)
    position = _positions(retriever)
    pool = [i for i in ids if i in position]
    close = dense.centred_closeness(dense.query_vector(with_table_words(words)), [position[i] for i in pool]) \
        if dense is not None and pool else None
    return dict(zip(pool, close.tolist())) if close is not None else None


def _same_kind(retriever: Retriever, words: str, ids: Sequence[str], counted: Sequence[str]) -> tuple[str, ...]:
    """The cards of `ids` that a restriction by `words` (「その中で通信インフラ整備のは？」) left out although they are the
    same kind of measure as one it counted (a pair at the 重複・類似 tab's threshold) and at least as close in meaning
    to the words as that card (centred passage cosines, DenseScorer.centred_closeness): 07-02
    (携帯電話のエリア整備) beside 07-01 (ICTインフラの整備). Shared words alone miss them; closeness alone takes in a
    card that merely sounds alike (予防接種 for 災害), which no counted card pairs with. Added one after another, each
    new one a counted card for the next."""
    from .report.similar import DEFAULT_PAIR_THRESHOLD

    table = _pair_table(retriever) if counted and len(ids) > len(counted) else None
    if table is None:
        return ()
    _, position, score = table
    near = _closeness(retriever, words, [i for i in ids if i in position]) or {}
    pool = list(near)
    kept = [i for i in counted if i in near]
    added: list[str] = []
    while kept:
        more = [i for i in pool if i not in kept and any(
            near[i] >= near[k] and score[position[i], position[k]] >= DEFAULT_PAIR_THRESHOLD for k in kept)]
        if not more:
            break
        kept += more
        added += more
    return tuple(i for i in ids if i in added)


def _topic_passages(retriever: Retriever, hits: list[Hit], last: Turn | None, filters: Filters, run: dict,
                    words: str = "") -> list[Hit]:
    """The cards of a part of a list (「そのうち総務省のは？」), each with its passages for the list's topic (or for
    `words`, what the part was chosen by) as evidence, so that the answer quotes what each card does about it (CYNEX
    for サイバーセキュリティ人材), not only its name."""
    topic = words or ((last.topic or last.question) if last is not None else "")
    if len(hits) < 2 or not topic:
        return hits
    ids = [h.card.id for h in hits]
    res = retriever.search(topic[:MAX_SEARCH_CHARS], filters=replace(filters, ids=tuple(ids)), abstain=False,
                           as_list=False, **_but(_but(run, "filters"), "top_k"), top_k=len(ids))
    found = {h.card.id: h.evidence for h in res.results}
    said = set(char_ngrams(normalize(topic)))

    def telling(h: Hit) -> tuple[Evidence, ...]:
        # of the card's passages for the topic, the one that says most beyond its name and the question first: 「これに
        # より、…人材育成を推進する。」 repeats them, 「NICTのCYNEXを通じて…基盤を構築」 says what the card does
        known = said | set(char_ngrams(normalize(h.card.name)))
        ranked = sorted((e for e in found.get(h.card.id, ()) if e.field != "name"),
                        key=lambda e: -len(set(char_ngrams(normalize(e.text))) - known))
        return tuple(ranked) or h.evidence

    return [replace(h, evidence=telling(h)) for h in hits]


def _dated_first(hits: list[Hit], text: str) -> list[Hit]:
    """「残りの3つはそれぞれ2023年に何があるの？」: each card's sentence of its milestone in the year asked, quoted first
    (its passages for the list's topic after it); the cards as they were when the question names no year."""
    ask = dated_ask(text)
    if ask is None or (ask.year_from is None and ask.year_to is None):
        return hits
    low, high = ask.year_from or 0, ask.year_to or 9999

    def first(h: Hit) -> Hit:
        ms = [m for m in milestones_of(h.card) if low <= m.year <= high]
        if not ms:
            return h
        m = max(ms, key=lambda m: (m.status == "planned", m.aimed or m.kind == "deadline", m.field != "overview"))
        said = Evidence(m.sentence, m.sentence_start, m.sentence_end, m.field)
        return replace(h, evidence=(said, *(e for e in h.evidence if (e.field, e.start) != (m.field, m.sentence_start))))
    return [first(h) for h in hits]


def _weighed(retriever: Retriever, words: str, ids: tuple[str, ...], filters: Filters, run: dict) -> SearchResult:
    """`words` searched among the cards `ids` only, weighed against each other as a list (what a restriction of a
    list does when no card is sure on its own: the list model counts the ones the words are about)."""
    return retriever.search(words[:MAX_SEARCH_CHARS], filters=replace(filters, ids=ids), as_list=True,
                            **_but(run, "filters"))


def _kept(answers: list[Hit], related: list[Hit], chosen: list[Hit]) -> tuple[list[Hit], list[Hit]]:
    """(answers, related) once only `chosen` of the answers answer: the others are shown first among the related."""
    return chosen, [replace(h, related=True) for h in answers if h not in chosen] + related


def _hits(retriever: Retriever, ids: Sequence[str]) -> list[Hit]:
    """The cards of these IDs as answers, in this order (what a follow-up pointed at: nothing to rank)."""
    by_id = _card_index(retriever)
    return [Hit(by_id[i], 0.0, 0.0, 0.0, confidence=1.0) for i in ids if i in by_id]


def _card_index(retriever: Retriever) -> dict[str, PolicyCard]:
    by_id = _per_index(retriever, "_cards_by_id")
    if not by_id:
        by_id.update((c.id, c) for c in retriever.cards)
    return by_id


# 「テレワークの施策とドローンの施策」, 「AとBのKPIを比較して」: two topics asked together
_TWO = re.compile(r"^(?P<a>.+?)の(?:施策|取組|取り組み|やつ|事業)(?:と|、|や|及び|および|vs\.?)\s*(?P<b>.+?)の(?:施策|取組|取り組み|やつ|事業)"
                  r"(?:の|を|で|について|は|って|と)?(?P<rest>.*)$")
_COMPARE = re.compile(r"比較|比べ|くらべ|違い|ちがい|対比|\bcompare\b|\bversus\b|\bvs\b", re.I)
_TWO_PLAIN = re.compile(r"^(?P<a>[^と、]+?)と(?P<b>[^と、]+?)(?:の(?:施策|取組|取り組み|やつ|事業))?(?:の|を|で|について)(?P<rest>.*)$")


_BOTH = re.compile(r"それぞれ|両方|どっち|どちら|各々|おのおの|\bboth\b|\beach\b|\brespectively\b", re.I)
# where one topic ends and the next begins: と / や / 及び / 、 / and / vs, as written between two noun phrases
# (not the と / や that begin a word: 「ふるやつ」, 「やってる」, 「つながらないとこ」, 「災害のとき」)
_COORD = re.compile(r"(?<=[^\sのをにがはでともや])(?:とか|と(?![こきっしすい])|や(?![つっりるられろ])|及び|および|並びに|、|,|・)"
                    r"(?=[^\sのをにがはでともや、])|"
                    r"\s+(?:and|vs\.?|versus)\s+(?:for\s+|the\s+|on\s+)?", re.I)
_TAIL = re.compile(r"(?:の(?:施策|取組|取り組み|やつ|事業)|について|に関する|って|(?:、|,)?\s*(?:それぞれ|両方|どっち|どちら|各々)|"
                   r"\s+(?:measures?|ones?|programs?)\b).*$", re.I)


# a topic marked as what the rest is said about (って / とは / については / なら), then 、: one topic, not the first of two
_MARKED_TOPIC = re.compile(r"(?:って|とは|については|に関しては|なら|ですが|だけど|けど)$")


# what follows the second of two nouns when both are the object (or subject) of one verb that describes the measure
# (「AやBを…できるようにする施策」): a relative clause on one measure, not two topics
_ONE_CLAUSE = re.compile(r"[^をがにで、。？?\s]{1,30}?[をが](?![はも])[^、。？?]{0,40}?(?:する|できる|れる|せる|いる|える|"
                         r"ける|げる|める|ねる|べる|る|た|ない|ように|ための?|ような)\s*(?:施策|取組|取り組み|事業|仕組み|もの|やつ)")


# 「サイバーポートの物流分野、第一次運用はいつ始まった？」: a topic said first, then, after 、, what is asked of it
# (a thing of it marked with は or って), not two topics; 「テレワーク、ドローンそれぞれの主担当」 lists two
_COMMENT_AFTER_TOPIC = re.compile(r"^[^、,]{2,60}[、,]\s*(?P<thing>[^、,とや\s]{1,20}?)(?:は|って)[^、,]*$")
_SEVERAL_ASKED = re.compile(r"それぞれ|各|両方|双方|どちら|どっち|ともに|比較|比べ|\bboth\b|\beach\b|\bcompare\b", re.I)


def _holds_said(retriever: Retriever, first: SearchResult, second: str) -> bool:
    """The first answer of `first` holds every word of `second` (a topic part, 「第一次運用の施策」)."""
    top = answer_cards(first)[0][:1]
    words = content_words(re.sub(r"の施策$", "", second))
    return bool(top and words and _containing(retriever, [top[0].card.id], words))


def _commented_topic(text: str) -> bool:
    q = unicodedata.normalize("NFKC", text).strip()
    m = _COMMENT_AFTER_TOPIC.match(q)
    # 「テレワーク、ドローンの主担当は？」: the は marks the field asked of both, the two topics before it
    return m is not None and not _SEVERAL_ASKED.search(q) and field_asked(m.group("thing").rpartition("の")[2]) is None


def _ends_clause(part: str) -> bool:
    """`part` ends in a verb, an auxiliary or a particle (考えていて, 使いたい, ので): a clause, not a noun. A particle
    that lists nouns (「タブレットとか、学校のICT環境」) still joins two of them."""
    tokens = [t for t in analyzer().tokens(part) if t.pos != "補助記号"]
    return bool(tokens) and tokens[-1].pos in ("動詞", "助動詞", "助詞") and tokens[-1].surface not in _LISTING_PARTICLES


_LISTING_PARTICLES = frozenset({"とか", "や", "など", "なんか", "やら", "だの", "か", "と"})


def coordinated_topics(text: str) -> list[str]:
    """Two topics joined by と / や / 、 / and (「テレワーク、ドローンそれぞれの主担当」), each as a question of its own,
    split where both sides name a topic; [] when there is no such place. The caller checks that the two are answered by
    different cards (so that 「登記と固定資産税の台帳」, one measure, stays one question)."""
    q = unicodedata.normalize("NFKC", text).strip()
    q = re.sub(r"^(?:compare|比較して|比べて)\s*", "", q, flags=re.I)
    for m in _COORD.finditer(q):
        if _ONE_CLAUSE.match(q, m.end()):
            continue  # 「薬の情報や健診結果を全国で見られるようにする施策」: both are objects of one measure's verb
        a, b = q[:m.start()].strip(" 、,"), _TAIL.sub("", q[m.end():]).strip(" 、,?？")
        if m.group(0) in "、," and _MARKED_TOPIC.search(a):
            continue  # 「電子インボイスの標準仕様って、国のどこが担当してる？」: the topic, then what is asked of it
        if m.group(0) in "、," and _IDS.fullmatch(a) and not _IDS.search(q[m.end():]):
            continue  # 「03-18、システム整備の期限は」: a card named by its number, then the thing of it asked about
        if m.group(0) in "、," and _ends_clause(a):
            continue  # 「うちの会社でテレワーク導入を考えていて、国の施策の中身を知りたい」: 、 after a verb's て form (or any
            # verb, auxiliary or particle) ends a clause; two topics joined by 、 are two nouns
        b = re.split(r"\s|を|は|が|って|、", b)[0] if not b.isascii() else b  # 「ドローンの を並べて」 → 「ドローンの」
        head, _, tail = b.rpartition("の")
        b = head if head and not has_own_topic(tail) else b.rstrip("の")
        a = re.sub(r"^.*\b(?:of|for|on|about|between)\s+(?:the\s+)?", "", a, flags=re.I) if a.isascii() else a
        if has_own_topic(a) and has_own_topic(b):
            return [a + ("" if a.isascii() else "の施策"), b + ("" if b.isascii() else "の施策")]
    return []


def _distinct_answers(searches: Sequence[SearchResult]) -> bool:
    """Each search found an answer, and their first answers are different cards: two topics, not one named twice."""
    tops = [answer_cards(r)[0][:1] for r in searches]
    return len(tops) == 2 and all(tops) and tops[0][0].card.id != tops[1][0].card.id


def two_topics(text: str) -> list[str]:
    """The two topics of a question that asks about two at once, each as a question of its own; [] otherwise."""
    q = unicodedata.normalize("NFKC", text).strip()
    m = _TWO.match(q) or (_TWO_PLAIN.match(q) if _COMPARE.search(q) else None)
    if not m:
        return []
    parts = [m.group("a").strip(" 、,"), m.group("b").strip(" 、,")]
    if not all(has_own_topic(p) for p in parts):
        return []
    return [p + "の施策" for p in parts]


@dataclass(frozen=True)
class _Turn:
    """How this turn will be kept: its thread (the list a next 「2つ目」 refers to) follows from the follow-up."""

    question: str
    fu: FollowUp
    last: Turn | None

    def make(self, answers: Sequence[str], related: Sequence[str], topic: str = "", near: Sequence[str] = ()) -> Turn:
        q, last, fu = self.question[:200], self.last, self.fu
        answers, related = tuple(answers), tuple(related)
        if last is not None and fu.kind == "fresh" and len(answers) == 1 and len(last.thread) > 1 \
                and answers[0] in last.thread:
            # 「不動産IDのKPIは？」 after a list that holds it: one card of the list, which stays the one discussed
            return Turn(q, answers, related, last.thread, tuple(dict.fromkeys(last.given + answers)), last.topic,
                        last.parent, last.near)
        if last is None or not fu.refers:
            return Turn(q, answers, related, None, (), topic, near=tuple(near))
        if fu.kind == "more":  # a new set, the cards given before it kept out of a next 「ほかに」
            return Turn(q, answers, related, None, fu.ids, topic)
        if fu.listing is not None and len(answers) <= 1:
            # a card picked from a list gone back to (「最初の一覧の最後」, "the fourth item on the full list"): that list
            # is the one discussed again, whole, from this card on ("that list", "the other ones on it")
            return Turn(q, answers, related, fu.listing, answers, last.topic)
        if len(answers) <= 1 or fu.kind in ("ordinal", "pick"):
            # one card picked from the list (or none found), or several by position (「1つ目と3つ目」): the list stays
            return Turn(q, answers, related, last.thread, tuple(dict.fromkeys(last.given + answers)), last.topic,
                        last.parent, last.near)
        if set(answers) == set(last.answers):  # the same cards again (their field as a table): nothing moves on
            return Turn(q, answers, related, last.listing, last.given, last.topic, last.parent, last.near)
        # a part of the list (その中で…, 残りの3つ): its own list for 「2つ目」, the whole one for 「残り」
        return Turn(q, answers, related, None, tuple(dict.fromkeys(last.given + answers)), last.topic, last.whole)


def _id_key(card_id: str) -> tuple:
    return tuple(int(p) if p.isdigit() else p for p in re.split(r"(\d+)", card_id))


def _topic_of(res: SearchResult | None, searched: str) -> str:
    if res is not None and res.intent is not None and res.intent.topic and has_own_topic(res.intent.topic):
        return res.intent.topic
    return searched if has_own_topic(searched) else ""


# 「予算が10億円以上の」, 「事業費の大きい」, "budget over ¥1bn": measures chosen by their budget, a column the table lacks
BUDGET_CONDITION = re.compile(r"(?:予算|費用|事業費|金額|コスト|経費)\S{0,14}?(?:以上|以下|超え?|未満|より(?:多|大|少|高|安)|"
                              r"大きい|多い|少ない|高い|安い|上位|順|ランキング|トップ|規模が|が最も|が一番)|"
                              r"\bbudgets?\b[^.?!]{0,30}?\b(?:over|above|more than|less than|under|at least|largest|biggest|"
                              r"highest|smallest|lowest|exceed)", re.I)


# a chapter denied: 「3章以外」, 「第3章じゃない」, 「3章に入ってない」, 「3章のほかの」, "outside chapter 03", "not in chapter
# 3", "other than chapter 3", "chapter 3 excluded" (the chapter, as 施策番号's first two digits)
_OUTSIDE_CHAPTER = re.compile(
    r"(?:第\s*)?(?P<ja>\d{1,2})\s*章\s*(?:の?\s*(?:以外|外|ほか|他)|(?:じゃ|では|で)(?:ない|なく|ねえ)|"
    r"に(?:入って|入っ|含まれて|含まれ|属して|属さ)?(?:い)?(?:ない|ません))|"
    r"\b(?:outside(?:\s+of)?|not\s+(?:in|from|part\s+of|under|within)|other\s+than|except(?:\s+for)?|excluding|"
    r"apart\s+from|beyond)\s+(?:the\s+)?chapter\s*(?P<en>\d{1,2})\b|"
    r"\bchapter\s*(?P<en2>\d{1,2})\s+(?:excluded|aside)\b", re.I)


def _outside_chapter(text: str) -> str:
    """The chapter (two digits) a restriction denies (「3章以外のは」, "outside chapter 03"); "" where it denies none."""
    m = _OUTSIDE_CHAPTER.search(unicodedata.normalize("NFKC", text))
    return f"{int(m.group('ja') or m.group('en') or m.group('en2')):02d}" if m else ""


def _answer(question: str, searched: str, ask_field: FieldAsk | None, answers: list[Hit], related: list[Hit],
            confidence: float, res: SearchResult | None, notes: list[str], conversation: Conversation, turn: _Turn,
            text: str, topic: str | None = None, both: bool = False, assumed: bool = False,
            tentative: bool = False) -> Answer:
    """Write the answer from its cards: the field asked for (a table for several cards), or the cards. `assumed`: the
    field was taken from the last question (「小中高のほうは？」 after 「効果の指標は？」), so what the card is about
    is said too, for the person who asked about the card itself. `tentative`: the one card is the search's best guess,
    not a sure answer, and the answer says so first."""
    if topic is None:
        topic = _topic_of(res, searched)
    if res is not None and res.intent is not None and res.intent.dated is not None and res.intent.dated.relative:
        notes = notes + [relative_year_note(res.intent.dated.relative)]  # 「来年度」: which fiscal year was read
    if ask_field is not None and ask_field.field == "budget" and BUDGET_CONDITION.search(
            unicodedata.normalize("NFKC", question)):
        # 「予算が10億円以上の施策」: a set chosen by a column the table lacks is not guessed from the nearest cards;
        # they are shown for reference only
        state = conversation.add(turn.make([], [h.card.id for h in answers + related], topic))
        return Answer(question=question, searched=searched, confidence=confidence, result=res, answers=[],
                      related=answers + related, notes=notes, conversation=state, kind="none",
                      direct="施策集の表には予算・費用の欄がないため、予算の額で施策を選ぶことはできません。表にあるのは施策名、"
                             "KPI(進捗・効果)、課題・取組概要、担当府省庁、該当する条・手引です（下の施策は質問の言葉に近い参考です）。")
    if len(answers) > 1:  # a set is given in 施策番号 order: 「2つ目」 then means the second of it as read
        answers = sorted(answers, key=lambda h: _id_key(h.card.id))
    nearly = [h.card.id for h in related if h.confidence >= LIST_NEAR] if (
        len(answers) > 1 and res is not None and res.intent is not None and res.intent.is_list) else []
    state = conversation.add(turn.make([h.card.id for h in answers], [h.card.id for h in related], topic, nearly))
    base: dict[str, Any] = dict(question=question, searched=searched, confidence=confidence, result=res, answers=answers,
                related=related, notes=notes, conversation=state, tentative=tentative)
    if not answers:
        if res is not None and res.abstained:
            near = "、".join(_name(h.card) for h in (res.suggestions or related)[:3])
            reason = _reason_ja(res)
            if near and not related:  # the nearest cards named are kept (as near, not as shown: その中 or 「2つ目」
                # next do not take them as an answer); a bare 「KPIは？」 next asks about the first of them
                base["conversation"] = conversation.add(turn.make([], [], topic, [h.card.id for h in res.suggestions[:3]]))
        else:
            near = "、".join(_name(h.card) for h in related[:3])
            reason = "確かに当たる施策はありません（下の施策は参考です）。" if related else ""
        direct = "該当する施策は見つかりませんでした。" + reason + (f" 近い施策（参考）: {near}" if near else "")
        return Answer(kind="none", direct=direct, **base)
    first = answers[0].card
    if ask_field is not None and ask_field.field == "budget":
        names = "、".join(_name(h.card) for h in answers[:5]) + (f" ほか {len(answers) - 5} 件" if len(answers) > 5 else "")
        direct = (f"施策集の表には予算・費用の欄がないため、{names} の予算はこの表からはお答えできません。"
                  "表にあるのは施策名、KPI(進捗・効果)、課題・取組概要、担当府省庁、該当する条・手引です。")
        amounts = [(h.card.id, s) for h in answers[:5] for s in _money_sentences(h.card)]
        if amounts:  # 「通過者にはいくら出る？」: an amount the card's own text states is quoted, said to be from its text
            direct += " ただし、施策の記載に金額があります: " + " / ".join(f"{i}「{s}」" for i, s in amounts[:3])
        return Answer(kind="field", direct=direct, field_name="budget", **base)
    if ask_field is not None:
        table_wanted = ask_field.table or both or (len(answers) > 1 and (
            turn.fu.refers or (res is not None and res.intent is not None
                               and (res.intent.is_list or res.intent.structured))))
        if table_wanted and len(answers) > 1:
            rows = _table([h.card for h in answers], ask_field.field, text)
            for more in ask_field.also:  # 「それぞれのKPIと期限」: a column (or two) more for each field asked with it
                extra = _table([h.card for h in answers], more, text)
                rows = [row + added[3:] for row, added in zip(rows, extra)]
            dated = res is not None and res.intent is not None and res.intent.dated is not None
            if dated and ask_field.field == "when":  # 「今年度が期限の施策」: 時期 says first the milestone that counted
                col = rows[0].index(FIELD_LABELS["when"])  # each card (not the card's latest one)
                for row, h in zip(rows[1:], answers):
                    if h.milestones:
                        row[col] = field_text(h.card, "when", text, milestone=h.milestones[0])
            if dated and any(h.reason for h in answers):  # 「2025年度までの目標がある施策」: the date that puts each there
                rows = [rows[0] + ["該当理由"]] + [row + [h.reason or ""] for row, h in zip(rows[1:], answers)]
            labels = "と".join(FIELD_LABELS[f] for f in (ask_field.field,) + ask_field.also)
            direct = f"{len(answers)} 件の施策の{labels}を表にしました。"
            return Answer(kind="table", direct=direct, field_name=ask_field.field, table=rows, **base)
        # the lead named, the 府省庁名 as evidence (asked now, or by the question the field was carried from)
        lead = ask_field.field == "ministries" and (asks_lead(question) or ask_field.lead)
        value = lead_text(first) if lead else field_text(first, ask_field.field, text)
        if ask_field.field == "overview" and _WHAT_IT_IS.search(question):
            # "What's the third one about?": the measure as a whole, what it measures too, as 「3つ目は何についての
            # 施策？」 answers it (the card's summary with its KPIs)
            value += f" / {field_text(first, 'kpi')}"
        quote = when_quote(first, text) if ask_field.field == "when" else None
        # the name the card's text gives what it runs (［TSPS］), as a list shows it: a person who described the
        # measure (「交差点の信号の情報をクルマに送るインフラ整備、どこが担当？」) learns what it is called, which the
        # 施策名 may not say
        named = _name(first) + (own_names.tag(first) if ask_field.field not in ("name", "overview") else "")
        direct = f"{named} の{'主担当' if lead else FIELD_LABELS[ask_field.field]}: {value}"
        why = _reason_sentence(first, text, conversation.last.question if conversation.last is not None else "") \
            if ask_field.field == "overview" and len(answers) == 1 and _ASKS_WHY.search(question) else ""
        if why and why not in direct:  # 「なんで？」 after 「達成時期が見込めないのは」: the sentence that says why
            direct += f" 理由の記載: 「{why}」"
        if ask_field.field in ("name", "overview") and own_names.said(first, direct):
            # 「施策名なんだっけ」, 「3つ目は何の施策？」: the names the card's text gives what it runs (TSPS, 全国農地ナビ),
            # which people know it by and the 施策名 may not say
            direct += f"（記載の名称: {own_names.said(first, direct)}）"
        for more in ask_field.also:  # 「KPIと期限を教えて」: each field asked, in turn
            direct += f" / {FIELD_LABELS[more]}: {field_text(first, more, text)}"
        if len(answers) > 1:
            direct += f"（ほかに該当する施策が {len(answers) - 1} 件あります。下の一覧をご覧ください）"
        direct += _detail(first, text, direct) if len(answers) == 1 else ""
        if (assumed or tentative) and len(answers) == 1 and answers[0].evidence \
                and answers[0].evidence[0].text not in direct:
            direct += f" 要点: 「{answers[0].evidence[0].text}」"
        if tentative:
            direct = f"{TENTATIVE}いちばん近い施策として {direct}"
        return Answer(kind="field", direct=direct, field_name=ask_field.field, quote=quote, **base)
    quote = None
    if answers[0].evidence:
        ev = answers[0].evidence[0]
        quote = _closed(first, ev.field, ev.text, ev.start, ev.end)
    if tentative:
        direct = f"{TENTATIVE}いちばん近いのは {_name(first)}（主担当: {_lead(first)}）です。"
    elif len(answers) == 1:
        direct = f"{_name(first)}（主担当: {_lead(first)}）が当たります。"
    else:
        # each card with the name its text gives what it runs (［ISUT］, ［SIP4D］): the 施策名 often says none
        listed = "、".join(f"{_name(h.card)}{own_names.tag(h.card)}（{_lead(h.card)}）" for h in answers[:LISTED_IN_TEXT])
        more = f" ほか {len(answers) - LISTED_IN_TEXT} 件" if len(answers) > LISTED_IN_TEXT else ""
        direct = f"{_ministry_condition(res) or '該当する'}施策は {len(answers)} 件です: {listed}{more}。"
    each = [(h.card.id, h.evidence[0].text) for h in answers[:LISTED_IN_TEXT]
            if h.evidence and h.evidence[0].field != "name"] if len(answers) > 1 and turn.fu.refers else []
    if each:  # a part of a list: what each of its cards does about the list's topic, quoted
        direct += " 要点: " + " / ".join(f"{i}「{t}」" for i, t in each)
    elif quote is not None and quote[0] != "name":
        direct += f" 要点: 「{quote[1]}」"
    spelled = [n.said for n in own_names.own_names(first) if len(answers) == 1 and n.said != n.short
               and n.short in unicodedata.normalize("NFKC", question) and n.said not in direct]
    if spelled:  # 「DFFTに関する施策は？」: the name asked by, as the card writes it out (Data Free Flow with Trust(DFFT))
        direct += f"（記載の名称: {'、'.join(spelled)}）"
    direct += _overview_said(first, text, direct) if len(answers) == 1 else ""
    if len(answers) == 1:
        # the measure's targets, in a line: what it is judged by is half of what it is (the KPI cells are short);
        # a cell the answer already quotes is not said twice
        kpis = [f"KPI({label}): {value}" for label, value in (("進捗", first.kpi_progress), ("効果", first.kpi_effect))
                if value and value not in direct]
        direct += (" " + " / ".join(kpis)) if kpis else ""
    return Answer(kind="cards", direct=direct, quote=quote, **base)


def _closed(card: PolicyCard, fld: str, text: str, start: int, end: int) -> tuple[str, str, int, int]:
    """A quoted sentence carried on past a 。 inside brackets (「…法律(平成29年法律第28号。以下「次世代医療基盤法」と
    いう。)を…施行。」 is one sentence): (field, text, start, end) as it should be quoted."""
    whole = getattr(card, fld, "") if fld in ("overview", "kpi_progress", "kpi_effect") else ""
    if not whole or whole[start:end] != text:
        return fld, text, start, end
    while end < len(whole) and (whole[start:end].count("(") > whole[start:end].count(")")
                                or whole[start:end].count("「") > whole[start:end].count("」")):
        nxt = re.search(r"[。\n]", whole[end:])
        end = end + nxt.end() if nxt else len(whole)
    return fld, whole[start:end].strip(), start, end


def _ministry_condition(res: SearchResult | None) -> str:
    """「厚生労働省が関係府省庁に入っていて主担当ではない」(施策は 5 件です): what a list by ministry was chosen by, said
    before it, since each card's line names only its lead; "" for a list by lead ministry or by no ministry."""
    intent = res.intent if res is not None else None
    if intent is None or not intent.ministries or (intent.lead and not intent.not_lead) or has_topic(intent.topic):
        return ""  # (a topic restricts the list too: the cards' lines say what they are)
    names = "と".join(intent.ministries)
    if intent.not_lead:
        return f"{names}が関係府省庁に入っていて主担当ではない"
    return f"{names}が{'いずれも' if intent.all_ministries and len(intent.ministries) > 1 else ''}担当府省庁に入っている"


# 「なぜ？」, 「どうして見込めないの？」, 「理由は？」, "Why?": why the card says what it says
_ASKS_WHY = re.compile(r"なぜ|なんで|何で|どうして|理由|わけ[はを]|\bwhy\b", re.I)
# a sentence that gives a reason: 「…の影響により、…ことから、…見込めない」, 「…ため、…」
_STATES_REASON = re.compile(r"ことから|ため(?:に)?[、,]|により|によって|の影響|を受け|背景")


def _reason_sentence(card: PolicyCard, question: str, before: str) -> str:
    """The sentence of a card (its KPI cells, then its overview) that gives a reason and holds the most of the words
    of the why question and of the question before it (the statement asked about: 「なんで？」 after 「達成時期が
    見込めないと書かれてるのは」 → the KPI note 「…新型コロナウイルス感染症の影響により、…達成時期が見込めない。」);
    "" when no sentence gives a reason."""
    stems = [w for w in _STEM.findall(unicodedata.normalize("NFKC", question + " " + before))
             if w not in ("施策", "理由", "記載", "一覧")]
    best, score = "", 0.0
    for t in (card.kpi_effect, card.kpi_progress, card.overview):
        for a, b in _sentences(t):
            sent = t[a:b].strip()
            if not _STATES_REASON.search(sent):
                continue
            n = 1.0 + sum(normalize(w) in normalize(sent) for w in dict.fromkeys(stems))
            if n > score:
                best, score = sent, n
    return best


def _detail(card: PolicyCard, question: str, direct: str) -> str:
    """「 記載: 「…」」 with the card's sentence that answers what the question asks beyond the card (detail_sentence),
    or "" when there is none or the answer already says it."""
    sent = detail_sentence(card, question)
    return f" 記載: 「{sent}」" if sent and sent not in direct else ""


def _overview_said(card: PolicyCard, question: str, direct: str) -> str:
    """「 記載: 「…」」 for a one-card answer about the card itself: its KPI cells are said in full right after, so the
    sentence quoted besides the 要点 is the overview's, what the measure does: the one answering what the question
    asks (detail_sentence over the overview: 「詳しい人を派遣してもらえる制度」 → 「…地域情報化アドバイザーの派遣を実施。」)
    or, when the answer quotes no overview sentence yet (its 要点 a KPI cell: 「児童生徒1人1台端末の実現」), the
    overview's first sentence, which says what is done and under which name (「GIGAスクール構想に基づき…」)."""
    sent = detail_sentence(card, question, fields=("overview",))
    spans = [card.overview[s:e].strip() for s, e in _sentences(card.overview) if card.overview[s:e].strip()]
    # the first sentence that says what is done, past the problem the overview opens with (「…見直すことが課題。」
    # then 「このため、…電子申請…に対応できるシステムを…整備予定。」): what the measure is, which 「どうなってるの」,
    # 「なにするやつ」 ask; the problem alone says what it is for, not what it does
    done = next((sp for sp in spans if not _STATES_PROBLEM.search(sp)), None)
    quoted = [sp for sp in spans if sp in direct]
    if sent is None and spans and not quoted:
        # (the problem is said too: it names what the measure is for, 「高度データ関連人材の発掘・育成…が必要」)
        return f" 記載: 「{spans[0]}」" + (f"「{done}」" if done and done != spans[0] else "")
    if (sent is None or sent in direct) and quoted and all(_STATES_PROBLEM.search(sp) for sp in quoted):
        sent = done
    return f" 記載: 「{sent}」" if sent and sent not in direct else ""


# a sentence that states the problem a measure answers (「…が課題。」, 「…が急務である。」, 「…が重要。」), not what it does
_STATES_PROBLEM = re.compile(r"(?:課題|急務|必要|重要|不可欠|求められている|求められる)(?:で(?:ある|す)|となって(?:いる|います))?[。.]?\s*$")


SIMILAR_SHOWN = 3  # 「似たような施策は？」 with no card counted by the list: the nearest this many
LISTED_IN_TEXT = 10  # cards named in a list answer's sentence (all of them are in the list below it)


def _filter_clash(res: SearchResult, filters: Filters) -> list[str]:
    """A ministry named in the question that the chosen ministry filter excludes: said, not silently overridden."""
    if res.intent is None or not filters.ministries:
        return []
    named = [m for m in res.intent.ministries if m not in filters.ministries]
    if not named:
        return []
    chosen = "、".join(filters.ministries)
    return [f"質問にある {'、'.join(named)} は、選んだ府省庁の絞り込み（{chosen}）と食い違います。"
            f"絞り込み（{chosen}）の条件で答えています。{'、'.join(named)} の施策を見るには絞り込みを外してください。"]


def esc(text: str) -> str:
    """HTML-escape card or user text for the page."""
    return html.escape(text or "", quote=True)


def _lead_said(card: PolicyCard, english: bool) -> str:
    return f" (lead: {_lead(card)})".replace("主担当の記載なし", "none marked") if english else f"（主担当: {_lead(card)}）"


def answer_text(answer: Answer, related: bool = True) -> str:
    """The answer as plain text with Markdown tables and lists (what `seisaku ask` prints and the chat's copy button
    copies): the direct answer, what was assumed, the field table, then the cards by 施策番号."""
    lines = [answer.direct]
    lines += [f"※ {n}" for n in answer.notes]
    if answer.table:
        head, *rows = answer.table
        cell = lambda v: str(v).replace("|", "｜").replace("\n", " ")  # noqa: E731 - one cell of a Markdown row
        lines += ["", "| " + " | ".join(cell(h) for h in head) + " |", "|" + "---|" * len(head)]
        lines += ["| " + " | ".join(cell(v) for v in r) + " |" for r in rows]
    if answer.answers and answer.kind != "table":
        lines += ["", answer.heading]
        lines += [f"{i}. {_name(h.card)}{_lead_said(h.card, answer.english)}"
                  + (f" — {en.reason(h.reason) if answer.english else h.reason}" if h.reason else "")
                  for i, h in enumerate(answer.answers, 1)]
    if related and answer.related:
        lines += ["", en.label("related", answer.english)]
        lines += [f"{i}. {_name(h.card)}{_lead_said(h.card, answer.english)}"
                  for i, h in enumerate(answer.related, len(answer.answers) + 1)]
    return "\n".join(lines).strip()
