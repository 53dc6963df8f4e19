"""Query understanding: what a question asks beyond its topic (ministries, IDs, chapters, lists, KPI status), and a kana
question rewritten in the table's own spelling."""

from __future__ import annotations

import re
import threading
import unicodedata
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Callable, Sequence

from ..corpus import PolicyCard, chapter_titles
from ..english import is_english
from ..text import (STOP_POS, STOP_WORDS, analyzer, fold_kana, heard_as_words, normalize, reading_dictionary, reading_with_cuts,
                    respell, respell_hiragana,
                    respell_short_nouns, short_noun_spellings, token_spans)
from .dated import DATED_WORDS, DatedAsk, dated_ask
from .glossary import everyday_readings
from .ministries import KANA_NAME_END, absent_bodies, ends_in_kana, find_names, ministry_lexicon
from .results import ANY_OF

__all__ = ["QueryIntent", "Query", "understand", "has_topic", "names_subject", "subject_words", "WRITTEN_TERM",
           "is_kana_query", "Understanding", "QUESTION_WORDS", "past_greetings", "NO_OTHER_BODY",
           "FRAMING_WORDS", "LEAD_WORDS", "spell_role", "ALL_OF_A_NOUN", "lead_count", "chapter_by_id"]

LEAD_WORDS = ("主担当", "主管", "所管", "主導", "取りまとめ", "とりまとめ", "統括", "リード", "中心となって", "中心になって",
              "中心的", "主に担当", "担当省庁", "主幹", "筆頭", "旗振り", "旗ふり", "音頭", "メイン", "主体となって",
              "先頭に立", "責任官庁", "責任省庁", "主として担当", "がやって", "が手がけ", "しゅたんとう",
              "が手掛け", "lead", "led by", "in charge", "responsible",
              "spearhead", "headed by", "heads ", "main ministry", "primary ministry", "point ministry", "-led ", "-led,",
              # "led only by the Cabinet Office", "the only lead": the lead, an adverb of "alone" inside it
              "led only by", "led solely by", "led exclusively by", "only led by", "solely led by", "only lead", "sole lead")
# 「厚労省が主でやってる」, 「総務省が主体の」: 主 after a ministry's name and が (「子どもが主に使う」 names no role)
# (typed in kana too: 「のうすいしょうがおもにやってる」)
MAIN_AFTER_MINISTRY = re.compile(r"(?:省|庁|府|房|委員会)が(?:主(?:で|に|体)|おも(?:で|に))(?!では|でな|体では|体でな|体じゃ|じゃ)")
# 府省庁名's mark of the lead: at a ministry's name (「総務省が◎の」, 「内閣官房にも◎」) or said to be there (「◎が付いてる
# のは」, 「◎付きの」)
LEAD_MARK = re.compile(r"(?:省|庁|府|房|委員会)(?:に|にも|が|は|も)?\s*◎|"
                       r"◎\s*(?:が|も|の)?\s*(?:つい|付い|付き|つき|付く|つく|ある|あり|入っ|入る)")


@lru_cache(maxsize=1)
def _lead_word_readings() -> dict[str, str]:
    """Reading → spelling of the kanji words that name a ministry's charge of a measure (LEAD_WORDS with 担当, 管,
    省庁 or 官庁: 主担当, 所管, 主管), which the table's cells mark (◎) but its texts rarely write: a question typed in
    kana (「しゅたんとうの しさく」) is then spelled with them as the patterns read them, not half converted (しゅ +
    担当). Not the figurative ones (音頭, 筆頭: おんど is more often 温度)."""
    out: dict[str, str] = {}
    for word in LEAD_WORDS:
        if (re.fullmatch(r"[一-鿿々]{2,}", word) and re.search("担当|管|省庁|官庁", word)
                and len(reading := analyzer().reading(word)) >= 3):
            out.setdefault(reading, word)
    return out


# The lead said in words a role is not usually written in: メイン typed in kana (「のうすいしょうが めいんの しさく」)
# and 「いちばんの担当」, 「一番担当」 (the ministry first in charge, the ◎ one): spelled as 主担当 / メイン, which every
# reading of the role below knows (lead, not lead, several leads)
# (a word of its own: after a particle or no kana, 「どめいん」 is ドメイン)
_ROLE_RESPELLED = ((re.compile(r"(?:(?<![\u3041-\u3096])|(?<=[がはのもでをと]))めいん(?=[のでじがはもと、。?？\s]|$)"), "メイン"),
                   (re.compile(r"(?:いちばん|一番)\s*(?:の|に)?\s*(?=担当|たんとう)"), "主"))


def spell_role(q: str) -> str:
    """`q` with the lead said as the patterns read it (_ROLE_RESPELLED)."""
    for pattern, spelling in _ROLE_RESPELLED:
        q = pattern.sub(spelling, q)
    return q


def says_lead(q: str) -> bool:
    """Whether the words say a ministry leads (LEAD_WORDS, or a ministry's name, が and 主で / 主に / 主体, or its ◎)."""
    q = spell_role(q)
    return any(w in q for w in LEAD_WORDS) or bool(MAIN_AFTER_MINISTRY.search(q)) or bool(LEAD_MARK.search(q))


# "appears among the responsible bodies", "listed in the responsible ministries column": 府省庁名 named in English by
# what it lists (every body responsible, the lead one marked ◎), the place a body is found, not its role (responsible
# is a LEAD_WORDS word: "the ministry responsible for …")
RESPONSIBLE_CELL = re.compile(r"\b(?:among|in|on|under|within|as one of)\s+(?:the\s+)?(?:list of\s+)?responsible\s+"
                              r"(?:bodies|ministries|agencies|organi[sz]ations|parties|authorities)\b(?:\s+(?:column|cell|field|list))?|"
                              r"\bresponsible\s+(?:bodies|ministries|agencies)\s+(?:column|cell|field|list)\b", re.I)
# 「AとBの両方」: every named ministry must be involved; 「関わるが主担当ではない」: involved, not leading.
ALL_PATTERN = re.compile(r"両方|双方|いずれも|どちらも|共に|ともに|共同|合同|\bboth\b|\bjointly\b", re.I)
# 「主担当じゃなくてもいいです」, 「主担当でなくていいので」, 「◎でなくても構いません」: a concession (the lead or not, either
# will do): the role is let go, neither asked (主担当) nor denied (じゃなく); what is left asks who takes part
_NOT_LEAD_ONES_TOO = (r"(?:主担当|主管|所管|メイン|中心|◎)\S{0,2}?(?:じゃ|では|で)(?:ない|ありません|ないです)"
                      r"(?:の|もの|やつ|施策|取組|取り組み|とこ|ところ)(?:も|まで)")
ROLE_CONCEDED = re.compile(r"(?:主担当|主管|所管|メイン|中心|◎)\S{0,2}?(?:じゃ|では|で)なくて?(?:も|は)?"
                           r"(?:いい|よい|良い|構わ\S{0,3}|かまわ\S{0,3}|大丈夫|ok|平気)(?:です|ので|から|けど|よ)?|"
                           # 「主担当じゃないのも」, 「メインでないものも含めて」: the cards it does not lead as well
                           + _NOT_LEAD_ONES_TOO, re.I)
NOT_LEAD_PATTERN = re.compile(
    # (between the role and its denial a particle or two, 「主担当では」, 「主担当にはなっていない」, or a word of the role,
    # 「メイン担当じゃない」, 「主担当省庁ではない」; never another noun: 「主担当で港湾じゃない」 denies the ports, not the lead)
    r"(?:主担当|主管|所管|リード|主導|メイン|中心|旗振り|(?<=(?:省|庁|府|房|会)が)主体?)"
    r"(?:担当|役|府省庁|省庁|府省|省|庁|[^\s一-龥ァ-ヶ]){0,3}?(?:ではない|でない|じゃない|"
    r"じゃなく|ではなく|でなく|以外|していない|しない|"
    r"してない|ではありません|になっていない|になってない|にはなっていない|を務めていない)|"
    r"◎\S{0,2}?(?:が|は)?(?:付いていない|ついていない|付いてない|ついてない|なし|無し|がない)|"
    r"not (?:the )?lead|(?:does not|doesn't|do not|don't|is not|isn't) (?:the )?lead|without leading|\bnon-?lead(?:ing)?\b|"
    r"(?:in )?a supporting role|as a (?:supporting|partner|participating) (?:ministry|agency)|not as (?:the )?lead|"
    r"without (?:(?:it|them|that ministry|the ministry|that agency|the agency) )?being (?:the )?(?:lead|in charge|responsible)|"
    r"not (?:being )?(?:the one )?in charge|"
    r"(?:is|are) not (?:the )?(?:lead|responsible)|"
    # 「国交省が脇役で入ってる」, 「関係府省として入っている」: named in 府省庁名 without the ◎
    r"脇役|わき役|(?:関係|連携|協力)(?:府省庁|府省|省庁)(?:として|で)|"
    # 「関係府省には入ってる」, 「共管・関係府省に入っている」: in the cell as one of the others (the ◎ marks the lead)
    r"(?:関係|連携|協力)(?:府省庁|府省|省庁)(?:に|には|にも)(?:入|名前|載|含ま)|"
    # 「担当（◎）じゃない」, 「◎ではない」: the lead's mark denied
    r"(?:担当\s*\(\s*◎\s*\)|◎)\s*(?:が|は|に)?(?:ではない|でない|じゃない|じゃなくて?|ではなくて?|でなくて?|ではありません)|"
    # 「（主担当除く）」, 「◎を除いて」: the lead taken out of the set
    r"(?:主担当|主管|◎)\s*(?:の(?:もの|施策))?(?:を|は)?(?:除く|除いて|除き|除外)|"
    # 「連携先として名前だけ載ってる」, 「協力側（◎なし）で参加」
    r"(?:連携|協力)(?:先|側)(?:として|で|[(（])|"
    # "involve MIC but are not led by it", "list the Ministry of Finance without a ◎", "is a partner ministry"
    r"\b(?:not|n't|never) (?:be(?:ing)? )?led by\b|\bwithout (?:a |the |any )?◎|"
    # ("… where MHLW is only a supporting ministry", "just a partner agency")
    r"\b(?:is|are|as|only|just|merely|only as|just as) (?:a |the |one |an )?(?:supporting|partner|participating|secondary|cooperating|co-operating) "
    r"(?:ministry|ministries|agency|agencies|body|bodies|role)|\bin a (?:supporting|secondary|minor) role\b|"
    r"\bsupport(?:s|ing)?\b[^.?!]{0,40}?\bwithout (?:leading|being (?:the )?lead)", re.I)
# 「（関係府省としてのみ入っているものは除いてください）」, 「サブは不要」: the partner role taken out, which leaves the lead
# (not the partner role asked for, as NOT_LEAD_PATTERN reads 「関係府省として」)
PARTNER_EXCLUDED = re.compile(r"(?:関係|連携|協力|サブ|[○〇])(?:府省庁|府省|省庁)?(?:として)?(?:のみ|だけ)?[^\s、。,.?？!！]{0,12}?"
                              r"(?:は|を)?(?:除く|除いて|除き|除外|不要|いらない|要らない)")
# 「総務省が○で入ってる」, 「経産省がサブで」, 「厚労省が協力している」, 「内閣府がお手伝い」: the role said right after the
# ministry's name (read where the name was, so 「民間と協力して」 elsewhere in the question is no role)
SUPPORT_ROLE = re.compile(r"(?:^|\s)(?:が|は|も|の)?(?:主に|一応|いちおう)?(?:[○〇](?:印)?(?:で|として|が付い|がつい|付き|つき|の)|"
                          r"サブ|サポート(?:役|側|として|で)?|補佐|補助(?:的|役)|お?手伝い|手伝って|脇(?:役|で|から)?|"
                          r"支援役|協力(?:して|する|してる|している|省庁|府省|役|者として|的)|副(?:担当|次的))")
# 「警察庁が担当している施策」, 「農水省が担当の施策」, 「厚労省が◎になっている施策」: the role said right after the
# ministry's name is 担当 or the ◎ itself — the one in charge, as the 府省庁名's ◎ marks it (「担当府省庁に入っている」
# names the cell, where every ministry involved is written; read where the name was, like SUPPORT_ROLE)
IN_CHARGE = re.compile(r"(?:^|\s)(?:が|は|も)?(?:主に|メインで)?(?:担当(?!府省|省庁|者|課|部署|窓口|です)|"
                       r"◎(?!\S{0,3}?(?:付いていない|ついていない|付いてない|ついてない|なし|無し|がない|じゃない|ではない)))")
# 「警察庁の施策を全部」, 「農水省の施策いちらん」: the ministry named as the owner of measures, no role said: its own
# measures (◎), as the chat reads 「そのうち警察庁のもの」 and 「ほかに内閣府の施策ってある？」; read as 担当 is (IN_CHARGE: where
# it leads none, the part it takes). Not with a word for taking part (「警察庁の施策で関わっているもの」), nor with a topic
# (the topic's list reads the ministry as it did)
OWNED = re.compile(r"(?:^|\s)の(?:施策|しさく|やつ|もの|取り?組み?|事業|一覧|いちらん|リスト)")
TAKES_PART = re.compile(r"関わ|かかわ|関与|入って|入る|関係|参加|参画|携わ|絡|連携|協力|名前|載って|含め|以外も|問わ|限らず", re.I)
# 「総務省が共管・連携で入っている」: how a ministry takes part without leading, said right after its name (read where
# the name was): no subject of the question
# 「離島とか関係なくていいので」, 「分野は問わず」, 「教育に限らず」: a restriction the asker lifts (the words before it are
# what the answer need not be about, not its topic)
UNRESTRICTED = re.compile(r"[^\s、。,.?？!！]{1,20}?(?:とか|など|なんか|は|に|も)?\s*"
                          r"(?:関係なく(?:て|って|で)?(?:も)?(?:いい|よい|良い|大丈夫|OK|ok|構わない|かまわない)?|関係なしに?|関係ない|"
                          r"限らず|限らなくて(?:いい|よい|良い)|限定せず|限定しない|問わず|問わない|抜きにして)"
                          r"(?:ので|から|です|けど|よ|[。.!！])*")
# 「うちが主担当の…、内閣府です」, 「弊省の施策」: the asker's own ministry, its name said in the same question
SELF_REFERENCE = re.compile(r"(?:^|(?<=[\s?？、。]))(?:うち|ウチ|私たち|わたしたち|僕ら|自分たち|弊省|当省|弊庁|当庁|弊府|当府)"
                            r"(?:の(?:省|庁|役所))?(?:が|の|は|で|も|って)?|(?:^|(?<=[\s?？、。]))(?:です|だよ|だけど|ですが)(?:[。.!！、]|(?=\s|$))")
ROLE_WORDS = re.compile(r"(?:^|(?<=\s))(?:が|は|も)?[・、]?"
                        r"(?:(?:共管|連携|協力|参加|関与|共同|分担)(?:[・、とや]|で|として|して|し|する|の立場で?)?)+")
LIST_PATTERN = re.compile(
    r"全部|全て|すべて|ぜんぶ|ゼンブ|一覧|一欄|いちらん|イチラン|どれ(?!くらい|ぐらい|だけ|ほど|がほんと|が本当|が正し)|どの施策|挙げ|列挙|全件|リスト|洗い出|"
    r"(?:施策|取組|取り組み)(?:は|が|には|って)?[、,]?(?:何|なに)があ|漏れなく|もれなく|網羅|余さず|残らず|"
    r"どんな(?:の|もの|施策|取組|取り組み)?(?:が|は)?(?:ある|あり)|どれくらいある|(?:施策|取組|取り組み)(?:は|が|って)?[、,]?(?:全部で)?(?:どれ|どの)(?:くらい|ぐらい)(?:ある|あり)|何件|いくつある|"
    # 「…ってどれだけ施策ある？」, 「施策はいくつくらいあるの」, "how many measures …": how many measures there are,
    # answered by listing them (a count of something a card gives, 「何校」, 「どれだけ減らす」, names no measure)
    r"(?:どれ|どの|どん)(?:だけ|くらい|ぐらい|位|ほど)(?:の)?(?:数の)?(?:施策|取組|取り組み|事業)(?:が|は)?(?:ある|あり|載って|入って)|"
    r"(?:施策|取組|取り組み|事業)(?:は|が|って|の数は)?[、,]?(?:全部で|全体で|合わせて|合計)?(?:どれ|どの|どん)(?:だけ|ほど)"
    r"(?:ある|あり|載って|入って)|"
    r"(?:施策|取組|取り組み)[^。？?!！]{0,15}?(?:どれ|どの|どん)(?:だけ|くらい|ぐらい|ほど)(?:載って|入って)|"  # (in the table)
    r"(?:施策|取組|取り組み|事業)(?:は|が|って|の数は)?[、,]?(?:全部で|全体で|合わせて|合計)?(?:いくつ|幾つ|何個|何本|なんこ|なんぼ)|"
    r"(?:施策|取組|取り組み)(?:の)?(?:数|件数)(?=は|って|を|が|[?？]|$)|"
    r"\bhow many (?:measures|initiatives|programs|programmes|policies|schemes|projects)\b|"
    # 「マイナンバーに触れてる施策」, 「…が出てくる施策」: every card that mentions it
    r"(?:に|が)(?:触れ(?:て|た)|言及(?:して|した|する|がある|のある|あり)|出てく|登場)|"
    # 「関連する施策を一通り知りたい」, 「全部まとめて教えて」, 「通信インフラ整備の施策しりたい」 (the measures of a
    # subject, not one), 「信号とか交通管制とか…の施策」, 「信号とか交通管制みたいな…の施策」 (a subject named by its
    # examples)
    # (lookaheads: the topic, read without these words, keeps the words they look at)
    # 「…使う施策まとめて」, 「まとめてもらえる？」, 「まとめといて」: the same request cut short after the measures it
    # gathers, or put as a favour (not 「3分野まとめて」 cut from 「3分野まとめての運用開始」: no measures before it)
    r"一通り|ひととおり|まとめて(?=知り|しり|教え|おしえ|見|み|ほし|欲し|くだ|下さ|お願|挙げ|出し|もら|くれ|ちょうだい)|"
    r"(?:施策|取組|取り組み|もの|やつ|の)(?:を|は|も)?[、,]?\s*(?:まとめて|まとめといて)(?=[\s。.!！?？]|$)|"
    r"(?:施策|取組|取り組み)(?:を|が)?(?:知りたい|しりたい)|"
    r"とか(?=[^。？?!！]{1,25}?(?:とか|みたいな|のような)[^。？?!！]{0,25}?(?:施策|取組|取り組み))|"
    # ("every" asks for measures where it counts them: "every measure", "every one of them", "everything"; "gave
    # every student a tablet" counts students)
    r"\ball\b|\blist\b|which measures|which ones|\beverything\b|\bevery(?=\s+(?:single\s+)?(?:measures?|"
    r"initiatives?|programs?|programmes?|polic(?:y|ies)|schemes?|projects?|ones?|cards?|items?|entr(?:y|ies)|relevant)\b)|"
    r"\bevery\s*[?？.!]*$|what measures|\bmeasures (?:that|which|about|involving|on)\b|"
    # "Which initiatives are about …", "What programs help …" (plural: "Is there a program …" asks for one)
    r"\bwhich (?:initiatives|programs|programmes|policies|schemes|projects)\b|"
    r"\bwhat (?:initiatives|programs|programmes|policies|schemes|projects)\b|"
    # "What is the government doing about …": what it does on a subject, every measure of it
    r"\bwhat (?:is|are) (?:the )?(?:government|ministries) doing\b",
    re.I)
# 「…を配るやつの施策ってどれ？」: which one measure, described by what it does — どれ alone asks for a list when the
# question names a kind of measure (「港湾の施策はどれ？」, 「遠隔医療に関係する施策はどれ」) or several things
# (「港湾とか物流の施策はどれ」)
_WHICH_SEVERAL = re.compile(r"どれと|と(?:どれ|どの)|(?:どれ|どの施策)が(?:ある|あり)|どれも")
_SEVERAL_SAID = re.compile(r"[一-龥ァ-ヶーA-Za-z0-9](?:や|とか|、|,|・|及び|および|並びに|か)[一-龥ァ-ヶーA-Za-z0-9]|"
                           r"関係(?![一-龥ァ-ヶ])|関連|関する|関わる|かかわる|系|まわり|周り|分野|領域|など|等|全般")


def _list_words(q: str) -> list[re.Match]:
    """The words of the question that ask for measures (LIST_PATTERN), less 全部 / すべて before の, which says "all" of
    a noun: 「全部の学校でいつから？」 asks about one measure, as in asks_every."""
    return [m for m in LIST_PATTERN.finditer(q) if not (m.group(0) in _ALL_WORDS and _OF_A_NOUN.match(q, m.end()))]


def asks_list(q: str) -> bool:
    """The question's words ask for a list of measures (LIST_PATTERN, or names_a_kind), not for which one measure it
    describes."""
    if names_a_kind(q):
        return True
    found = _list_words(q)
    said = [m.group(0) for m in found]
    # (どの施策 as どれ: 「口座の写しを出さずに済むようにする話はどの施策？」 asks which one measure it describes;
    # 「オンライン診療の普及って、どの施策で扱ってる？」 asks in which measure one thing is)
    if (said and all(w in ("どれ", "どの施策") for w in said) and not _WHICH_SEVERAL.search(q) and not _SEVERAL_SAID.search(q)
            and not MENTION_PATTERN.search(q) and not _QUOTED.search(q)
            and (any(t.pos == "動詞" for t in analyzer().tokens(q[:found[-1].start()])) or _asks_where(q, found[-1]))):
        return False
    mention = MENTION_PATTERN.search(q)
    if said and mention and _WH_OF.search(q[:mention.start()]) and not _CARDS_WORD.search(q):
        return False  # 「どこの国との枠組みに言及してる？」: what the card just answered says, asked by a question word
    return bool(said)


# the question's terms as written: runs of kanji, katakana, Latin letters and digits (被災者台帳, 不動産ID, CBPR)
WRITTEN_TERM = re.compile(r"[一-龥々ァ-ヶーa-z0-9]{2,}")
_ASIDE_NOTE = re.compile(r"\([^()]*\)")
_OF_ITEM = re.compile(r"の[一-龥々ァ-ヶーa-z0-9]+")
_SIDE_JOIN = r"(?:・|、|,|及び|および|並びに|や|とか|と|か)"
_JOINED_AFTER = re.compile(_SIDE_JOIN + r"[一-龥々ァ-ヶーa-z0-9]")
_JOINED_BEFORE = re.compile(r"[一-龥々ァ-ヶーa-z0-9\s]" + _SIDE_JOIN + "$")  # (\s: an item set aside before it)


def count_by_table(q: str) -> bool:
    """Whether the question leaves the number of measures to the table: it reads as a list only by a bare どれ /
    どの施策 or by naming a kind of measure (「被災者台帳の施策はどれですか」, 「…に関する施策」), not by a word that
    asks for every measure (全部, 一覧: asks_every) nor for several (どれとどれ), nor for the cards that mention a word.
    Such a question asks for the measures its words fit, which the table tells: one card where a term of the question
    is that card's alone (Retriever's own-term check), else the list."""
    q = normalize(q)
    said = {m.group(0) for m in _list_words(q)}
    return (asks_list(q) and said <= {"どれ", "どの施策"} and not _WHICH_SEVERAL.search(q)
            and not MENTION_PATTERN.search(q) and not _QUOTED.search(q))


def written_terms(q: str) -> list[str]:
    """The question's terms as written (WRITTEN_TERM runs, normalized), once each, outside the things it names side
    by side (list_items: 「土地や不動産の登記・台帳情報」, each of which may be another card's) and the notes in brackets
    that gloss them (「大学や大学院（博士）」)."""
    q = _ASIDE_NOTE.sub(" ", normalize(q))
    while (span := list_items(q)[0]) and span in q:
        # (with what their last one governs by の: 「プログラミング教育や子供のICTスキル」, 「光回線や携帯の電波」)
        at = q.index(span)
        end = at + len(span)
        while m := _OF_ITEM.match(q, end):
            end = m.end()
        q = q[:at] + " " + q[end:]
    # (and a term joined to another by ・, や, とか …, which list_items may not read as an item: 「Web・ICT」)
    return list(dict.fromkeys(m.group(0) for m in WRITTEN_TERM.finditer(q)
                              if not _JOINED_AFTER.match(q, m.end()) and not _JOINED_BEFORE.search(q[:m.start()])))


# 「港湾のデジタル化に関する施策」, 「高齢者向けの施策は？」, 「GIGAスクール関連施策」, 「障害のある人のための施策（…を含む）」:
# measures named by the kind they are of, a subject said with 関する / 関係する / 関連 / 向け / のため right before 施策, as
# a heading or asked plainly (…は？); they ask for that kind's measures, as _SEVERAL_SAID reads such words beside どれ.
# Not a measure described by what it does (「…をつなげる施策」, 「…をなくす施策」), nor a sentence that goes on
# (「…に関する施策のKPIを教えて」, 「…に関する施策はありますか」: asked whether there is one), nor 関連 after a clause
# (「…やりたいんだけど関連施策」: the measure for one plan)
_OF_A_KIND = re.compile(r"(?:に(?:関する|関係する|関わる|かかわる|関連する|まつわる)|向けの?|のための?|を対象に(?:した|する)|"
                        r"(?<=[一-龥々ァ-ヶーa-z0-9)])(?:関連の?|関係の|系の|分野の))(?:施策|取組|取り組み|事業|政策)"
                        r"(?:は|って|を)?(?:教えて(?:ください|下さい)?|おしえて)?[?]?$")
# 「遠隔医療・オンライン診療の施策」, 「マイナンバーやマイナポータルを活用する施策」: the measures of several subjects named
# side by side (nouns joined by ・, や, とか, と), or of those that use or handle them, with nothing else said: the
# measures of each, several. (Not the same subjects inside a sentence that says more: 「企業や学校がセキュリティ教育に
# 使える共通基盤をつくる施策」 describes one measure.)
_SUBJECT = r"[一-龥々ァ-ヶーa-z0-9]+"
# 「光ファイバ・携帯電話などの通信インフラの施策」: the subject named by its examples, then said
_SEVERAL_SUBJECTS = re.compile(_SUBJECT + r"(?:(?:・|、|,|や|とか|及び|および|と)" + _SUBJECT + r")+"
                               r"(?:(?:とか|など|等)?(?:の|を(?:活用|利用|使用)(?:する|している|してる)|"
                               r"を(?:使う|使っている|使ってる|扱う|扱っている|扱ってる))?|"
                               r"(?:など|等|といった|のような|みたいな)の?" + _SUBJECT + r"(?:の" + _SUBJECT + r")*の?)"
                               r"(?:施策|取組|取り組み|事業|政策)(?:は|って)?[?]?")
_TRAILING_NOTE = re.compile(r"\s*[(][^()]*[)]\s*$|[\s。.!]+$")


def names_a_kind(q: str) -> bool:
    """The question is measures named by their kind (_OF_A_KIND) or by several subjects (_SEVERAL_SUBJECTS), once a
    trailing note in brackets is set aside."""
    q = normalize(q)
    while (cut := _TRAILING_NOTE.sub("", q)) != q:
        q = cut
    return bool(_OF_A_KIND.search(q) or _SEVERAL_SUBJECTS.fullmatch(q))


# a question word before what is mentioned (「どこの国に触れてる」, 「何の法律に言及してる」), and the words that would make it
# ask for measures after all (「…に言及してる施策は」, 「…触れてるのはどれ」)
_WH_OF = re.compile(r"(?:どこ|何|なに|なん|どの|どんな|どういう|誰|だれ)(?:の|か)?")
_CARDS_WORD = re.compile(r"施策|取組|取り組み|事業|どれ|もの|やつ|一覧|全部|すべて|全て|\bmeasures?\b|\bwhich\b", re.I)


def _asks_where(q: str, which: re.Match) -> bool:
    """「どの施策で扱ってる」, 「どの施策に入ってる」: どの施策 with で / に and a verb, which asks where one thing is."""
    if which.group(0) != "どの施策":
        return False
    at = _WHERE_PARTICLE.match(q, which.end())
    tokens = analyzer().tokens(q[at.end():]) if at else []
    return bool(tokens) and tokens[0].pos == "動詞"


_WHERE_PARTICLE = re.compile(r"\s*(?:で|に)(?:は|も)?\s*")


def asks_every(q: str) -> bool:
    """The question asks for every measure of its subject (全部, 一覧, 漏れなく, どんな…がある, 何がある, "list all",
    "which measures"), not only which measures a description fits: a LIST_PATTERN word other than a bare どれ or
    "every" (「…作り替えるための研究はどれ？」 describes one measure; "a tablet for every schoolchild" asks for none),
    nor 全部 / すべて before の, which says "all" of a noun (「いつまでに全部の学校で使う？」 asks about one measure)."""
    return any(m.group(0).lower() not in ("どれ", "every")
               and not (m.group(0) in _ALL_WORDS and _OF_A_NOUN.match(q, m.end())) for m in LIST_PATTERN.finditer(q))


_ALL_WORDS = frozenset({"全部", "全て", "すべて", "ぜんぶ", "ゼンブ"})
_OF_A_NOUN = re.compile(r"の(?!\s*(?:施策|取組|取り組み|もの|やつ|事業|政策))")  # 「全部の学校」, not 「全部の施策」
#: "all" of a noun, not of the measures: 「全部の学校」, 「すべての自治体」 (not 「全部の施策」). Whether a question asks
#: for every measure; conversation._EACH reads 全部の otherwise, on purpose: there 全部の before a field (「全部のKPI」)
#: points at each card just answered, and only 全部の before a thing a card serves (conversation._ALL_OF_THINGS:
#: 学校, 自治体) is "all" of a noun. Both hold: 「全部のKPI」 asks for no list of measures here, and for the KPIs of the
#: cards of the conversation there; a question whose 全部の is of a noun but no served thing (「全部の農家」) is
#: neither a list here nor, having a topic of its own (conversation.own), each of the cards there
ALL_OF_A_NOUN = re.compile("(?:" + "|".join(sorted(_ALL_WORDS)) + ")" + _OF_A_NOUN.pattern)


# … said of the cards asked for: 「…と書かれている施策」, 「…って書いてあるやつ」, 「…の記載がある施策」
_WRITTEN_IN = (r"(?:(?:と|って)(?:書(?:いて|かれて|かれた|いた)|記載|記され|明記)|(?:の|が|を)(?:記載|記述|明記)(?:が|の|を|も)?"
               r"(?:ある|あり|されて|して))[^\s、。?？]{0,6}?(?:施策|取組|取り組み|事業|もの|やつ)")
# 「マイナンバーに触れてる施策」, 「名前に「障害」が入っている施策」, "measures that mention drones": every card whose
# words hold it, read word for word (a topic list also takes the cards of its subject's section; this one does not)
MENTION_PATTERN = re.compile(
    r"(?:に|が)(?:触れ(?:て|た)|言及(?:して|した|する|がある|のある|あり)|出てく|登場)|(?:名前|名称|施策名|タイトル)(?:に|の中に)|"
    r"(?:という|って|の)(?:言葉|語|単語|文字|ワード)|\bmention(?:s|ed|ing)?\b|\b(?:contain|include)s? the word|"
    # "refers to Society 5.0", "references GIGA", "cites CBPR": what a card's text names, as "mentions" says it
    r"\brefer(?:s|red|ring)?\s+to\b|(?<!for )\breferenc(?:e|es|ed|ing)\b(?!\s+(?:to|for)\b)|\bcit(?:e|es|ed|ing)\b|"
    # 「Society 5.0と書かれている施策」, 「マイナンバーって書いてあるやつ」, 「GIGAの記載がある施策」: a word said to be
    # written in the cards asked for, unquoted (as 「「高齢者」と書いてある」 quoted); not 「いつまでに実現って書いてある？」,
    # which asks what a card says
    r"(?<=[一-龥々ァ-ヴーa-zA-Z0-9.])" + _WRITTEN_IN + r"|"
    # 「「高齢者」と書いてある」, 「「新型コロナ」という記載がある」, 「「都道府県」が入っている」: a quoted word said to be
    # written in the card, as 「…に触れてる」 says it
    r"[」』\"]\s*(?:と|って)\s*(?:だけ|のみ)?\s*(?:書(?:いて|かれて|かれた|いた)|記載|記され|明記|ある)|[」』\"]\s*という(?:記載|記述|表現|文言)|"
    r"[」』\"]\s*(?:が|を|の)(?:含ま|含む|含ん|入って|入った|載って|出て|記載)", re.I)
# … and the word itself, where the question says it plainly: quoted (「障害」), or the words right before 「に触れてる」
# when they are a word of their own (「マイナンバーに触れてる」, not 「感染症への対応に触れている」, whose 対応 is a
# phrase's last word): the list is then every card whose text holds it, read from the cells
_QUOTED = re.compile(r"[「『\"]([^」』\"]{1,30})[」』\"]")
# 「府省庁名が「関係府省庁」になってる」, 「施策名が「…」となっている」: a cell named, then the quoted words it reads
_CELL_READS = re.compile(r"(?:欄|列|府省庁名|府省名|省庁名|施策名|名前|名称)[^「」『』]{0,6}?[「『\"][^」』\"]{1,30}[」』\"]\s*(?:に|と)\s*なって")
# 「府省名の欄に「関係府省庁」と書かれている」, "in the ministry column": the 府省庁名 cell, where the words are looked for
MINISTRY_CELL = re.compile(r"府省庁名|府省名|省庁名|府省庁(?:の)?欄|府省(?:の)?欄|省庁(?:の)?欄|担当(?:府省庁|府省|省庁)?(?:の)?欄|"
                           r"\bministr(?:y|ies)(?: name)? (?:column|cell|field)s?\b|\bresponsible bodies\b", re.I)
_MENTIONED = re.compile(r"(?<![のな])([一-龥々ァ-ヴーA-Za-z0-9]{2,20}|[A-Za-z][A-Za-z0-9.]*(?: [A-Za-z0-9.]+){0,3})"
                        r"(?:(?:に|が)(?:触れ(?:て|た)|言及(?:して|した|する|がある|のある|あり)|出てく|登場)|" + _WRITTEN_IN + ")")
_IN_NAME = re.compile(r"(?:名前|名称|施策名|タイトル)(?:に|の中に)")
# 「市町村という言葉が出てくる」, 「AIって単語が入ってる」: the word named as a word, said plainly (as quoted: 「市町村」)
_CALLED = re.compile(r"([一-龥々ァ-ヴーA-Za-z0-9]{1,20})(?:という|って)(?:言葉|語|単語|文字|ワード|表現|文言)")


# 「KPIに説明会の参加数を使っている」, 「KPIで説明会の開催回数を数えている」: what a KPI counts, named by the noun right
# after KPI; the cards whose KPI cells hold it (not a topic: no card is about it). Not 「…の受講者数をKPIにしている」:
# there the KPI is described by all its words, the first of which (研修やプログラムの…) need not be in it, and the topic
# search finds that KPI (understand's counted KPI)
_KPI_HOLDS = re.compile(r"(?:kpi|指標)\s*(?:\([^)]{0,4}\))?\s*(?:に|で|として)(?:は)?\s*([一-龥々ァ-ヴーA-Za-z0-9]{2,12}?)(?:の|や|を|が)"
                        r"[^。?？]{0,20}?(?:使|用い|採用|入れ|含め|数え)", re.I)
# … but not a count the KPI rules read (団体数, 割合) nor a word every KPI is (数, 目標)
_KPI_GENERIC = re.compile(r"^(?:数|件数|回数|人数|割合|比率|率|目標|数値|実績|進捗|効果|都道府県|市町村|市区町村|地方公共団体|自治体|団体|"
                          r"事業者|企業|学校|医療機関)$")


def kpi_words(q: str) -> tuple[str, ...]:
    """The noun a 「KPIに…を使っている」 question says the KPI counts (_KPI_HOLDS), or ()."""
    m = _KPI_HOLDS.search(q)
    word = m.group(1) if m else ""
    return (word,) if word and not _KPI_GENERIC.match(word) else ()


# a 条・手引 column as the table heads it (「11条1項2項」, 「14条」, 「市町村」), alone
_IS_MARK_COLUMN = re.compile(r"\s*(?:第\s*)?1\d\s*条(?:\s*\d\s*項(?:\s*(?:[・、,と]|及び|および)?\s*\d\s*項)*)?\s*|都道府県|市町村")


# 「マイナンバーやマイナポータルに触れてる」, 「沖縄とか離島が出てくる」: the words enumerated before the one said to be
# mentioned, each of which a card may hold instead (results.ANY_OF, as "mention Okinawa or remote islands" is read);
# not 「…の両方に触れている」, both of them (と is then each word's)
_ENUMERATED = re.compile(r"([一-龥々ァ-ヴーA-Za-z0-9]{2,20})\s*(?:や|とか|・|、|,|または|もしくは|あるいは|か|と)\s*$")
_BOTH = re.compile(r"両方|どちらも|どっちも|いずれも|ともに|共に|とも(?:に)?(?:触れ|出て|言及)")


def enumerated_before(q: str, end: int) -> list[str]:
    """The words enumerated right before q[end:] (「マイナンバーや」 before 「マイナポータルに触れてる」), first first."""
    if _BOTH.search(q):
        return []
    items: list[str] = []
    while (m := _ENUMERATED.search(q[:end])) is not None:
        items.insert(0, m.group(1))
        end = m.start()
    return items


# The cell a word is asked to be written in, said as the place (に, で, の中に, の欄に, のほうに): 「効果のKPIに「割合」と
# いう語が」, 「KPI(進捗)に…と書かれている」, 「進捗指標のほうで」, 「概要欄に」, "in the outcome KPI"; the words that name each
# cell, the 効果 / 進捗 ones before the KPI ones (「効果のKPI」 is the 効果 cell, not both)
_CELL_PLACE = r"\s*(?:の)?\s*(?:欄|セル|列|ほう|方|側)?\s*(?:の中|のなか|内)?\s*(?:に|で|には|では|にて)(?![a-z])"
_MENTION_CELLS = (
    (("kpi_effect",), re.compile(r"(?:効果\s*(?:の)?\s*(?:kpi|指標)|(?:kpi|指標)\s*(?:の)?\s*[(（]?\s*効果\s*[)）]?)" + _CELL_PLACE +
                                 r"|\b(?:in|within|under)\s+(?:the|their|its)?\s*(?:outcome|effect)\s+(?:kpis?|column|cell|indicators?)\b",
                                 re.I)),
    (("kpi_progress",), re.compile(r"(?:進捗\s*(?:の)?\s*(?:kpi|指標)|(?:kpi|指標)\s*(?:の)?\s*[(（]?\s*進捗\s*[)）]?)" + _CELL_PLACE +
                                   r"|\b(?:in|within|under)\s+(?:the|their|its)?\s*progress\s+(?:kpis?|column|cell|indicators?)\b",
                                   re.I)),
    (("kpi_progress", "kpi_effect"), re.compile(r"(?:kpi|指標)" + _CELL_PLACE +
                                                r"|\b(?:in|within|under)\s+(?:the|their|its)?\s*(?:kpis?|indicators?)\b", re.I)),
    (("overview",), re.compile(r"(?:課題・取組概要|取組概要|概要)" + _CELL_PLACE, re.I)),
)


def mention_cells(q: str) -> tuple[str, ...]:
    """The cells (card fields) a 「…と書かれている」 question names as the place of its words, or () for any cell."""
    for fields, pattern in _MENTION_CELLS:
        if pattern.search(q):
            return fields
    return ()


def mentioned_words(q: str) -> tuple[tuple[str, ...], bool]:
    """The words a 「…に触れてる」 / 「名前に「…」が入っている」 question asks for, and whether in the name only."""
    # (a quoted word and the cell named as its place: 「効果の指標のほうに「割合」って入ってる」, "「割合」 in the outcome KPI")
    if not (MENTION_PATTERN.search(q) or _CELL_READS.search(q) or (_QUOTED.search(q) and mention_cells(q))):
        return (), False
    words = _QUOTED.findall(q) or _CALLED.findall(q) or [
        ANY_OF.join((*enumerated_before(q, m.start()), m.group(1))) for m in _MENTIONED.finditer(q)]
    if re.search(r"印|マーク|[◎○〇]", q):
        # 「条・手引の印欄に「11条1項2項」が記載されている」: a column heading quoted where the marks are asked is the
        # column (_mark_columns), not words written in the card's text
        words = [w for w in words if not _IS_MARK_COLUMN.fullmatch(w.strip())]
    return tuple(w.strip() for w in words if w.strip()), bool(_IN_NAME.search(q))


# Questions about the table's own cells rather than a topic: 「KPIが未設定の施策」, 「主担当が複数の施策」.
#: The words that say a KPI cell holds no KPI (未設定, 決まっていない, 何も書かれていない …), shared by the rules below.
KPI_UNSET_WORDS = (r"未設定|設定されていない|設定されてない|設定がない|設定していない|設定してない|定められていない|決まっていない|決まってない|"
                   r"定まっていない|定まってない|決められていない|未定|空欄|空白|空っぽ|からっぽ|書かれていない|書かれてない|"
                   r"書いていない|書いてない|記載されていない|"
                   r"記載がない|記載なし|埋まっていない|埋まってない|入っていない|入ってない|今後設定|設定予定|未記入|未記載|"
                   r"空いて(?:いる|る|います)|" + r"「\s*[-‐―—–ーｰ]\s*」")  # 「－」: a dash for none
# the end of a clause: a KPI and its state are read within one (「KPI（効果）がまだ決まっていない、」)
_CLAUSE = r"[^\s、。,.?？!！]"
KPI_UNSET_PATTERN = re.compile(
    # 「KPIが未設定」, 「KPI（効果）がまだ決まっていない」, 「KPIがまだない」: the KPI, then its state in the same clause
    r"(?:kpi|指標|目標)" + _CLAUSE + r"{0,10}?(?:" + KPI_UNSET_WORDS + r"|(?:が|は|の)(?:まだ|未だ|一つも|何も)?(?:ない|無い)|"
    r"なし|無し)|"
    # 「KPIないやつ」, 「KPI設定ないのは」: the state right after the KPI, with no particle (a particle-less ない further
    # on is another word's: 「KPIの数値が少ない」)
    r"(?:kpi|指標)\s*(?:まだ)?(?:設定)?(?:ない|無い)|"
    # 「KPIが両方ない」, 「指標がどっちもなし」: neither cell holds one, said with a bare ない after both
    r"(?:kpi|指標)" + _CLAUSE + r"{0,4}?(?:両方|どちらも|どっちも|いずれも|二つ|2つ|ふたつ)(?:とも)?(?:が|は)?(?:まだ)?(?:ない|無い|なし|無し)|"
    # 「進捗と効果の両方とも無い」, 「効果の欄が空欄」: the KPI columns by their own names
    r"(?:進捗|効果)" + _CLAUSE + r"{0,6}?(?:と|も|や|・|及び)" + _CLAUSE + r"{0,3}?(?:効果|進捗)" + _CLAUSE + r"{0,12}?(?:"
    + KPI_UNSET_WORDS + r"|ない|無い|なし|無し)|"
    r"(?:進捗|効果)(?:の(?:ほう|方))?の?(?:欄|列|セル)?(?:が|は)(?:まだ)?(?:未設定|空欄|空白|空っぽ|決まっていない|決まってない)|"
    # 「進捗KPIも効果KPIも、どっちも設定されていない」: both cells named with も, the state after a comma and どっちも
    r"(?:進捗|効果)\S{0,6}?も\S{0,3}?(?:効果|進捗)\S{0,6}?も[、,\s]*(?:どっちも|どちらも|両方とも|両方|いずれも|ともに)?(?:まだ)?(?:"
    + KPI_UNSET_WORDS + r")|"
    # the cell named, then its condition in the same clause: 「KPI(効果)の欄が「未設定」」, 「KPIの欄がそもそも空っぽ」
    r"(?:kpi|指標)[^\s、。,.?？!！]{0,14}?(?:欄|セル|列|項目)[^\s、。,.?？!！]{0,8}?(?:" + KPI_UNSET_WORDS + r")|"
    r"未設定の(?:kpi|指標|目標)|\bno (?:(?:progress|outcome|effect) )?kpis?\b|"
    # "neither a progress KPI nor an outcome KPI set": no KPI in either cell
    r"\bneither\b[^.?!]{0,40}?\bnor\b[^.?!]{0,40}?\bkpis?\b|\bneither\b[^.?!]{0,15}?\bkpis?\b[^.?!]{0,30}?\bnor\b|"
    # "which have neither KPI?", "neither of their KPIs set": no KPI in either cell, said with neither alone
    r"\bneither\s+(?:of\s+(?:the|their|its)\s+)?(?:two\s+)?kpis?\b|"
    # "lacking a KPI", "which ones are missing the progress KPI as well?"
    r"\b(?:without|lacks?|lacking|missing) (?:a |an |any |the |their |its )?(?:(?:progress|outcome|effect) )?kpis?\b|"
    # "progress KPI set but not the outcome KPI", "a progress KPI but no outcome one"
    r"\bbut (?:not|no) (?:the |an? |their |its |any )?(?:(?:progress|outcome|effect) )(?:kpi|one)|"
    r"\bkpis?(?: cells?| fields?)? (?:that |which )?(?:is |are )?(?:still )?(?:(?:marked|listed|shown|given) )?(?:as )?"
    r"(?:not set|unset|missing|blank|empty|undefined|not (?:yet )?defined|[「『\"']?未設定)"
    r"|\bkpis? (?:not yet set|yet to be set)|\b(?:blank|empty|missing|unset|undefined) (?:\w+ )?kpis?\b"
    # "both KPI columns (progress and outcome) left completely blank"
    r"|\bkpis?\b[^.?!。？]{0,50}?\b(?:left|are|is|remain)\s+(?:completely\s+|entirely\s+|still\s+)?(?:blank|empty)\b"
    # "have both KPI columns (progress and outcome) completely empty": the state said with no verb
    r"|\bkpis?\b[^.?!。？]{0,50}?\b(?:completely|entirely|totally|wholly)\s+(?:blank|empty)\b", re.I)
# Finer KPI questions: blank cells (空欄) as against 未設定, and 未設定 in the 効果 or 進捗 KPI only.
KPI_BLANK_PATTERN = re.compile(r"空欄|空白|空っぽ|からっぽ|空いて(?:いる|る|います)|未記入|未記載|何も書かれ|何も書いて(?:い)?ない|書かれていない|"
                               r"記載(?:が)?(?:ない|無い|なし)|「\s*[-‐―—–ーｰ]\s*」|"
                               r"\bblank\b|\bempty\b", re.I)
# 「決まってないか空っぽ」: a word for a KPI not decided besides the blank one: both states asked
KPI_UNDECIDED = re.compile(r"未設定|設定されていない|設定されてない|設定がない|設定していない|定められていない|決まっていない|決まってない|"
                           r"定まっていない|定まってない|決められていない|未定|今後設定|設定予定")
# … a word other than 未設定 itself (「まだ決まっていない」, 「KPIがない」, "no KPI set"): it asks whether a KPI is there at
# all, so a blank cell counts with a 未設定 one; 「未設定」 alone names what the cell says (a blank one does not say it)
KPI_NONE_WORDS = re.compile(r"設定されていない|設定されてない|設定がない|設定していない|定められていない|決まっていない|決まってない|"
                            r"定まっていない|定まってない|決められていない|未定|(?:が|は)(?:まだ|未だ)?(?:ない|無い)|なし|無し|"
                            r"\b(?:no|not|neither|nor|unset|undefined|missing|without|lacks?|lacking)\b", re.I)
# 「空欄は除く」, 「空欄以外」: a KPI question that counts the written 未設定 only, not the blank cells
KPI_BLANK_EXCLUDED = re.compile(r"(?:空欄|空白|blank|empty)\S{0,4}?(?:は|を|の)?(?:除く|除いて|除き|除外|以外|含まない|含めない|"
                                r"入れない|抜き|別)|\bexcluding (?:the )?(?:blank|empty)|\bnot (?:just )?(?:blank|empty)", re.I)
# 「進捗KPIも効果KPIも両方ちゃんと設定されている」, "both KPIs set": both cells hold a KPI (the card browser's 設定済);
# 「同じ文言」, "the same wording": … and say the same thing
KPI_SET_PATTERN = re.compile(
    r"(?:kpi|指標)\S{0,16}?(?:ちゃんと|きちんと|しっかり)?(?:設定されて(?:いる|る|います)|設定済み?|設定ずみ|決まって(?:いる|る|います)|"
    r"定められて(?:いる|る)|埋まって(?:いる|る)|記載されて(?:いる|る))|\bboth kpis? (?:are |is )?(?:set|defined|filled)\b|"
    # 「KPIがちゃんとある施策」: the KPI itself is there (not 「KPIの欄に令和3年度がある」, a date in it)
    r"(?:kpi|指標)(?:が|は)(?:ちゃんと|きちんと|しっかり)?(?:ある|あります)(?:施策|もの|やつ|取組|の)|"
    r"\bkpis? (?:are |is )?(?:both )?(?:set|defined|filled in)\b", re.I)
KPI_SAME_PATTERN = re.compile(r"同じ(?:文言|内容|表現|言葉|文章|文)|同一の?(?:文言|内容|表現)|(?:same|identical) (?:wording|text|words)",
                              re.I)
# 「主担当かどうかは問わない」, "whether or not it leads": involved in any role, lead or not
LEAD_ANY_PATTERN = re.compile(r"(?:主担当|主管|メイン|リード|◎)\S{0,3}?(?:かどうか|か否か|どうか)?(?:は|を|に)?(?:問わ(?:ない|ず)|問いません|"
                              r"関係なく|関係ない|かかわらず|関わらず|不問)|(?:主担当|◎)\S{0,6}?(?:も|を)(?:含(?:め|む)|入れ)|"
                              # 「主担当でなくても」, 「主担当じゃなくてもいい」: the non-lead ones as well, not instead
                              r"(?:主担当|主管|メイン|リード|◎)\S{0,2}?(?:でなくても|でなくとも|じゃなくても|ではなくても)|"
                              # 「主担当・関係すべて」, 「主担当も関係も」, 「◎と○の両方」, 「主担当に限らず」: the lead's role
                              # joined to a supporting one (or not kept to), so both roles are asked, not the lead alone
                              r"(?:主担当|主管|メイン|リード|◎)\s*(?:でも|であれ|も|と|や|・|、|/|／|か|及び|および|または|又は)\s*"
                              r"(?:関係|関与|関わり|かかわり|連携|協力|共管|サブ|[○〇])|"
                              r"(?:主担当|主管|メイン|リード|◎)\S{0,2}?(?:に限らず|に限らない|に限りません|に限定しない|に限定しません|に限定せず|だけでなく|"
                              r"だけじゃなく|のみならず|以外も)|" + _NOT_LEAD_ONES_TOO + "|"
                              # "as lead or as a partner", "lead or one of the supporting bodies" (an article or
                              # "as" said again before the other role)
                              r"\blead(?:ing)?\s+(?:or|and|and/or)\s+(?:as\s+)?(?:a\s+|an\s+|one of the\s+)?"
                              r"(?:supporting|support|partner|participating|cooperating|co-operating|secondary)\b|"
                              r"\b(?:whether|regardless)\b[^.?!]{0,30}\blead(?:ing|er|s)?\b|\blead(?:ing)? or not\b|"
                              r"\b(?:in\s+)?(?:either|both)\s+roles?\b|"
                              # "lead or otherwise", "in any role", "not just as the lead": either role asked
                              r"\blead(?:ing|er)?\s+or\s+otherwise\b|\bin (?:any|whatever) (?:role|capacity)\b|"
                              r"\bnot (?:just|only) (?:as )?(?:the )?lead\b", re.I)
# 「第3章の条や手引の欄に印が一つも付いていない」, 「○だけが付いていて◎がない」: the article / 手引 mark cells
MARKS_NONE_PATTERN = re.compile(r"(?:条|手引)\S{0,12}?(?:印|マーク|◎|○)\S{0,2}?(?:一つも|ひとつも|何も|全く)?(?:付いていない|"
                                r"ついていない|付いてない|ついてない|ない|無い|なし)|無印|"
                                # 「◎も○も一個もついてない」: neither symbol, anywhere
                                r"(?:◎(?:も|や|と|か)?(?:○|〇)|(?:○|〇)(?:も|や|と|か)?◎)(?:も|が|は)?\S{0,2}?(?:一つも|ひとつも|一個も|"
                                r"1つも|1個も|何も|全く|まったく)?(?:付いていない|ついていない|付いてない|ついてない|ない|無い|なし)|"
                                # 「印が何もついていない」
                                r"(?:印|マーク)(?:が|は)?(?:何も|一つも|ひとつも|一個も|全く|まったく)(?:付いていない|ついていない|付いてない|"
                                r"ついてない|ない|無い)|"
                                # 「条文の欄が全部空いてる」, 「手引の欄は空欄」: the columns empty
                                r"(?:条|手引)\S{0,8}?(?:欄|列)(?:が|は)?(?:全部|すべて|全て|ぜんぶ|どれも)?(?:空いて|空欄|空白|空っぽ|からっぽ|"
                                r"何も(?:ない|無い|入っていない|入ってない|書かれていない))", re.I)
MARKS_CIRCLE_PATTERN = re.compile(r"(?:○|〇)\S{0,8}?(?:だけ|のみ)\S{0,12}?◎\S{0,2}?(?:が|は)?(?:一つも|ひとつも|1つも|一個も|何も)?"
                                  r"(?:ない|無い|なし|付いていない)|"
                                  r"◎\S{0,2}?(?:が|は)?(?:ない|無い|なし)\S{0,12}?(?:○|〇)\S{0,3}?(?:だけ|のみ)|"
                                  # 「マークは全部○で◎がひとつもない」
                                  r"(?:全部|全て|すべて|ぜんぶ|どれも)(?:が)?(?:○|〇)|(?:○|〇)(?:ばかり|しか(?:ない|付いて|ついて))|"
                                  # 「印が○だけの施策」
                                  r"(?:印|マーク)(?:が|は)?(?:○|〇)(?:だけ|のみ)|"
                                  # 「○は付いているけど◎はひとつもない」, 「◎はないが○はある」: a ○ said to be there and
                                  # the ◎ denied, in either order (what only ○ means)
                                  r"[○〇]\S{0,3}?(?:付いて|ついて|ある|あり)\S{0,6}?(?:けど|けれど|が|のに|、|,)\S{0,3}?◎"
                                  r"\S{0,2}?(?:が|は)?(?:一つも|ひとつも|1つも|一個も|何も|全く)?(?:付いていない|ついていない|付いてない|"
                                  r"ついてない|ない|無い|なし)|"
                                  r"◎\S{0,2}?(?:が|は)?(?:一つも|ひとつも|1つも|一個も|何も|全く)?(?:付いていない|ついていない|付いてない|"
                                  r"ついてない|ない|無い|なし)\S{0,6}?(?:けど|けれど|が|のに|、|,)\S{0,3}?[○〇]\S{0,3}?"
                                  r"(?:付いて|ついて|ある|あり)", re.I)
# The same asked in English: "no marks at all in the article or guide columns", "only single circles (○) and no ◎",
# "a double circle in any article column", "any mark in the article columns"
_EN_MARK_CELLS = re.compile(r"\b(?:articles?|guides?|guidebooks?|guidelines?|columns?)\b", re.I)
_EN_MARKS_NONE = re.compile(r"\b(?:no|without|not any|zero)\s+(?:\w+\s+){0,2}?(?:marks?|circles?|symbols?)\b|\bunmarked\b|"
                            r"\bnot marked\b|\b(?:no|neither) ◎ (?:or|nor) ○|\b(?:no|neither) ○ (?:or|nor) ◎", re.I)
_EN_MARKS_CIRCLE = re.compile(r"\bonly\b[^.?!]{0,20}?(?:single circles?|open circles?|○|〇)|(?:single circles?|○|〇)\s*only\b", re.I)
_EN_MARKS_NO_DOUBLE = re.compile(r"\b(?:no|without|not any|never)\s+(?:a\s+|any\s+)?(?:double circles?|◎)", re.I)
_EN_MARKS_DOUBLE = re.compile(r"double circles?|◎", re.I)
_EN_MARKS_ANY = re.compile(r"\b(?:any|a|some|at least one)\s+marks?\b|\bmarked\b|\bmarks?\s+(?:in|under|on)\b|"
                           # "any article or guideline mark", "an article/guideline marking of some kind"
                           r"\b(?:articles?|guides?|guidelines?|guidebooks?)\s*(?:(?:or|and|/)\s*\w+\s*)?mark(?:s|ing|ings)?\b",
                           re.I)
# 「条・手引に◎が付いている施策」, 「◎が一つもない」, 「何か印が付いている」: a ◎ anywhere in them, none, any mark at all
MARKS_DOUBLE_PATTERN = re.compile(r"◎\S{0,3}?(?:が|の|は)?\S{0,3}?(?:付いて(?:いる|る|おり)|ついて(?:いる|る)|付いた|ついた|付く|つく|"
                                  r"ある|あり)|◎(?:付き|つき)")
# 「○の印がある」, 「○（連携）が付いている」: a ○ in some 条・手引 column (a ◎ beside it or not; 「○だけ」 is circle_only)
MARKS_CIRCLE_ANY_PATTERN = re.compile(r"[○〇]\S{0,3}?(?:が|の|は)?\S{0,3}?(?:付いて(?:いる|る|おり)|ついて(?:いる|る)|付いた|ついた|"
                                      r"付く|つく|ある|あり)|[○〇](?:付き|つき)")
MARKS_NO_DOUBLE_PATTERN = re.compile(r"◎\S{0,3}?(?:が|は)?\S{0,4}?(?:一つも|ひとつも|全く|1つも)?(?:付いていない|ついていない|"
                                     r"付いてない|ついてない|ない|無い|なし)")
# (「印が何か一つでも付いている」, 「印がどれか一つでもある」: some mark, however few)
MARKS_ANY_PATTERN = re.compile(r"(?:条|手引)\S{0,12}?(?:印|マーク)\S{0,3}?(?:が|の)?(?:何か|なにか|どれか|いずれか|どこか)?"
                               r"(?:一つ|ひとつ|1つ|一個|1個)?(?:でも)?\S{0,3}?(?:付いて(?:いる|る)|ついて(?:いる|る)|"
                               r"付いた|ついた|ある|あり)")
# 「条のマークが3つ以上ついてる」, 「複数の条にまたがる」: how many of the 条・手引 columns hold a mark (◎ or ○)
MARKS_COUNT_PATTERN = re.compile(r"(?:印|マーク|◎|○|〇|欄)\S{0,8}?(?:(\d+)|([二三四五六七八九]))\s*(?:つ|個|列|箇所|か所|カ所|ヶ所)以上|"
                                 r"(?:複数|いろんな|いろいろな|様々な|さまざまな|多くの)の?(?:条|欄)|"
                                 # 「2つ以上の条に◎が付いている」: the count first, then the columns and the mark
                                 r"(?:(\d+)|([二三四五六七八九]))\s*(?:つ|個|列|箇所|か所|カ所|ヶ所)以上の(?:条|欄)\S{0,6}?(?:印|マーク|◎|○|〇)")
# How many bodies 府省庁名 lists (関係府省庁): 「関係府省庁が5つ以上」, 「5つ以上の省庁が関わる」, 「複数の省庁が関わる」,
# 「1つの省庁だけで担当」, "involving more than three ministries", "only one ministry"; not the ◎ lead (SEVERAL_LEADS_PATTERN)
_BODIES = r"(?:関係|関与|担当)?(?:府省庁|府省|省庁|役所|官庁)(?:名)?(?:の数)?"
_N = r"(\d{1,2}|[一二三四五六七八九十])\s*(?:つ|個|か所|ヶ所|カ所|省庁|府省庁|府省)?"
_CMP = r"(以上|以下|未満|超|より多い|より少ない|を超える|を上回る|を下回る)"
MINISTRY_COUNT_PATTERN = re.compile(
    _BODIES + r"\S{0,6}?" + _N + r"\s*" + _CMP + "|" + _N + r"\s*" + _CMP + r"の?(?:関係|関与)?(?:府省庁|府省|省庁|役所|官庁)")
MINISTRY_SEVERAL_PATTERN = re.compile(r"複数の(?:関係)?(?:府省庁|府省|省庁|役所|官庁)|(?:関係)?(?:府省庁|府省|省庁)(?:が|は)?複数|"
                                      r"(?:府省庁|府省|省庁)(?:を|に)?(?:またが|横断)")
MINISTRY_ONE_PATTERN = re.compile(r"(?:一つ|1つ|ひとつ|1)の(?:府省庁|府省|省庁)(?:だけ|のみ)|単独の(?:府省庁|府省|省庁)|"
                                  r"(?:関係)?(?:府省庁|府省|省庁)(?:が|は)?(?:一つ|1つ|ひとつ)(?:だけ|のみ)")
_EN_NUM = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10}
_EN_N = r"(\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten)"
_EN_BODIES = r"(?:different\s+|separate\s+)?(?:ministries|ministry|agencies|bodies|departments)"
MINISTRY_COUNT_EN = re.compile(r"\b(more than|over|at least|fewer than|less than|at most|no more than)\s+" + _EN_N + r"\s+"
                               + _EN_BODIES + r"|\b" + _EN_N + r"\s+or\s+(more|fewer|less)\s+" + _EN_BODIES + r"|"
                               r"\b(multiple|several|many)\s+" + _EN_BODIES + r"|\b(only one|a single|just one)\s+"
                               r"(?:ministry|agency|body|department)\b(?:\s+(?:only|alone|involved))?", re.I)


def _ministry_count(q: str) -> str:
    """The count of 府省庁名's bodies asked (「関係府省庁が5つ以上」: ">=5"; 複数: ">=2"; 1つだけ: "==1"), "" when none; not
    the ◎ leads (主担当・◎ said: several_leads / sole_lead)."""
    if says_lead(q) or "◎" in q or re.search(r"\blead|\bled\b|co-led|主導", q, re.I):
        return ""
    m = MINISTRY_COUNT_PATTERN.search(q)
    if m:
        n, cmp = (m.group(1), m.group(2)) if m.group(1) else (m.group(3), m.group(4))
        k = int(_KANJI_DIGITS.get(n, "10" if n == "十" else "1" if n == "一" else n))
        op = {"以上": ">=", "以下": "<=", "未満": "<", "超": ">", "より多い": ">", "を超える": ">", "を上回る": ">",
              "より少ない": "<", "を下回る": "<"}[cmp]
        return f"{op}{k}"
    if MINISTRY_ONE_PATTERN.search(q):
        return "==1"
    if MINISTRY_SEVERAL_PATTERN.search(q):
        return ">=2"
    m = MINISTRY_COUNT_EN.search(q)
    if m:
        if m.group(1):
            k = int(_EN_NUM.get(m.group(2).lower(), 0) or m.group(2))
            op = {"more than": ">", "over": ">", "at least": ">=", "fewer than": "<", "less than": "<", "at most": "<=",
                  "no more than": "<="}[m.group(1).lower()]
            return f"{op}{k}"
        if m.group(3):
            k = int(_EN_NUM.get(m.group(3).lower(), 0) or m.group(3))
            return f"{'>=' if m.group(4).lower() == 'more' else '<='}{k}"
        if m.group(5):
            return ">=2"
        return "==1"
    return ""


# How many ◎ 府省庁名 carries (the leads, counted): 「3つの府省が◎になっている」, 「◎が3つ」, 「主担当が3省庁」, 「三府省が
# 共同で主担当」, "three lead ministries", "led by three ministries", "has three leads"; and one ◎ alone, the ministry
# not named: 「単独で主担当のもの」, 「◎が1つだけ」, "led by a single ministry", "which does it lead alone" (the lead's
# count, as MINISTRY_COUNT_PATTERN reads 府省庁名's); the count said of the ◎ by が / は (「主担当の一つになっている」 is
# one of the leads, no count)
_LEADS_N = r"(?<![\d\-‐－ー])(\d|[一二三四五六七八九])(?!\d)\s*(?:つ(?!目)|個|省庁|府省庁|府省|省)?"
LEAD_COUNT_PATTERN = re.compile(
    _LEADS_N + r"(?:の)?(?:府省庁|府省|省庁|省|官庁|組織)?(?:が|に|で|とも)?(?:共同で?|すべて|全部)?(?:◎|主担当)|"
    r"(?:◎|主担当)\S{0,4}?(?:が|は|の数が)" + _LEADS_N
    + r"(?:ある|付い|つい|並|に(?:なって|付い|つい)|の(?:もの|施策|やつ|府省庁|府省|省庁|省)|です|[?？]|$)|"
    r"\b(\d|two|three|four|five)\s+(?:lead(?:ing)?|co-?lead(?:ing)?)\s*(?:ministries|agencies|bodies)?\b|"
    r"\b(?:led|co-?led)\s+(?:jointly\s+)?by\s+(\d|two|three|four|five)\s+(?:ministries|agencies|bodies)\b|"
    r"\b(?:has|have|with)\s+(\d|two|three|four|five)\s+(?:◎|double circles|leads)\b", re.I)
LEAD_ALONE_PATTERN = re.compile(r"単独(?:で|の)?(?:主担当|◎|担当|所管|リード)|(?:◎|主担当)(?:が|は)?(?:一つ|1つ|ひとつ|1個)(?:だけ|のみ)|"
                                r"共同(?:主担当|◎)?(?:ではなく|でなく|じゃなく|じゃない|ではない)|"
                                r"\b(?:leads?|led)\s+(?:it\s+|them\s+)?(?:alone|solely|on its own|by itself)\b|"
                                r"\b(?:sole|single)\s+lead\b|\bled by (?:a single|one|only one) (?:ministry|agency|body)\b", re.I)


def lead_count(q: str) -> str:
    """The count of ◎ asked ("==3"; "==1" for one lead alone), "" when none is said: the leads of 府省庁名, counted."""
    m = LEAD_COUNT_PATTERN.search(q)
    if m:
        n = next(g for g in m.groups() if g)
        k = int(_EN_NUM.get(n.lower(), 0) or {**_KANJI_DIGITS, "一": "1"}.get(n, n))
        return f"=={k}"
    return "==1" if LEAD_ALONE_PATTERN.search(q) else ""


# A KPI whose target is a share (「KPIに%の目標がある」, 「パーセントや割合の数値目標」, "percentage targets"): the 工程表's
# targets (index.roadmap.targets_of) written in % or 割
# (a share said of a KPI with no target, 「利用者の割合をKPIにしている」, "a KPI on the percentage of users", is what the KPI measures: a topic)
TARGET_PERCENT_PATTERN = re.compile(r"(?:パーセント|%|割合|比率|[0-9]割)\S{0,8}?(?:目標|ターゲット)|目標\S{0,8}?(?:パーセント|%|割合|比率)|"
                                    r"(?:パーセント|%)\S{0,8}?(?:kpi|指標)|(?:kpi|指標)\S{0,8}?(?:パーセント|%)"
                                    r"|\bpercent(?:age)?s?\b[^.?!]{0,20}?\b(?:targets?|goals?)\b|"
                                    r"\b(?:targets?|goals?)\b[^.?!]{0,20}?\b(?:percent(?:age)?s?|%)", re.I)
# A target figure counted in people: 「人数の目標値」, 「〇人という数値目標」, 「具体的な人数」, 「〇人みたいに」 (a figure
# stood for), "a headcount target", "targets given as a number of people": a KPI target figure in 人 or 名
# (results.unit_targets: 3万人超, 3,000人). Not 「目標が何人って決まってる」 nor 「人数を数えている」: a KPI that counts people,
# with a figure or not (_kpi_counts)
TARGET_PEOPLE_PATTERN = re.compile(r"(?:人数|[〇○◯]\s*(?:人|名))\S{0,8}?(?:目標値|数値目標)|(?:目標値|数値目標)\S{0,8}?(?:人数|[〇○◯]\s*(?:人|名))|"
                                   r"具体的な?人数|[〇○◯]\s*(?:人|名)(?![一-龥])|"
                                   r"\b(?:targets?|goals?)\b[^.?!]{0,25}?\b(?:numbers? of people|people|persons|headcounts?)\b|"
                                   r"\b(?:headcount|numbers? of people|people)\b[^.?!]{0,20}?\b(?:targets?|goals?)\b", re.I)
# A share target compared with a figure: 「目標が50%いかない」, 「50%未満」, 「50パーセントより下」, 「5割以上」, "below 50%",
# "at least 80 percent" (the figure in %, a 割 read as ten of them): the op and the figure, "<50"
_TARGET_CMP_JA = {"未満": "<", "以下": "<=", "以上": ">=", "超": ">", "超え": ">", "を超える": ">", "を上回る": ">", "を下回る": "<",
                  "いかない": "<", "行かない": "<", "届かない": "<", "満たない": "<", "足りない": "<", "に満たない": "<",
                  "に届かない": "<", "より下": "<", "より低い": "<", "より小さい": "<", "より少ない": "<", "より上": ">",
                  "より高い": ">", "より大きい": ">", "より多い": ">"}
TARGET_COMPARED = re.compile(r"(\d+(?:\.\d+)?)\s*(%|パーセント|割)\s*(?:に|を)?\s*(" + "|".join(
    sorted((re.escape(k) for k in _TARGET_CMP_JA), key=len, reverse=True)) + r")")
_TARGET_CMP_EN = {"below": "<", "under": "<", "less than": "<", "lower than": "<", "smaller than": "<", "at most": "<=",
                  "above": ">", "over": ">", "more than": ">", "higher than": ">", "greater than": ">", "at least": ">="}
TARGET_COMPARED_EN = re.compile(r"\b(" + "|".join(sorted(_TARGET_CMP_EN, key=len, reverse=True)) + r")\s+(\d+(?:\.\d+)?)\s*(%|percent\b)",
                                re.I)


def target_compared(q: str) -> str:
    """The share target figure a question compares with (「目標が50%いかない」: "<50", in %), "" when none."""
    m = TARGET_COMPARED.search(q)
    if m:
        value = float(m.group(1)) * (10 if m.group(2) == "割" else 1)
        return f"{_TARGET_CMP_JA[m.group(3)]}{value:g}"
    m = TARGET_COMPARED_EN.search(q)
    if m:
        return f"{_TARGET_CMP_EN[m.group(1).lower()]}{float(m.group(2)):g}"
    return ""


# A KPI that counts a kind of body: 「KPIで都道府県の数を数えている」, 「KPIに市町村数を使っている」 (the body before 数 in a KPI cell)
_COUNTED = r"(都道府県|市町村|市区町村|地方公共団体|自治体|団体|事業者|企業|学校|医療機関)"
KPI_COUNTS_PATTERN = re.compile(r"(?:kpi|指標)\S{0,6}?" + _COUNTED + r"\s*(?:の)?(?:団体)?(?:数|件数)|"
                                + _COUNTED + r"\s*(?:の)?数\S{0,8}?(?:kpi|指標)", re.I)
KPI_COUNTS_EN = re.compile(r"\b(?:kpis?|indicators?)\b[^.?!]{0,30}?\b(?:number|count) of (prefectures|municipalities|local governments)\b|"
                           r"\b(?:count|counts|counting)\s+(prefectures|municipalities|local governments)\b|"
                           # "use the number of prefectures as a KPI": the count said before the KPI
                           r"\b(?:number|count) of (prefectures|municipalities|local governments)\b[^.?!]{0,20}?\b(?:kpis?|indicators?)\b",
                           re.I)
_EN_BODY_WORDS = {"prefectures": "都道府県", "municipalities": "市町村", "local governments": "地方公共団体"}
# A KPI that counts people (受験者数, 修了生の人数, 3万人): 「人数を数えているKPI」, 「KPIが人数のもの」, 「何人って目標」,
# "a KPI that counts people", "KPIs counting the number of people" (counted_in_kpi's body 人)
KPI_PEOPLE_PATTERN = re.compile(r"(?:kpi|指標|目標)\S{0,8}?(?:人数|人の数|何人|なんにん|者の数|頭数)|"
                                r"(?:人数|人の数|何人|なんにん|者の数|頭数)\S{0,8}?(?:kpi|指標|目標)|"
                                r"\b(?:kpis?|indicators?|targets?)\b[^.?!]{0,30}?\b(?:counts?|counting|number of|measures?|in)\s+"
                                r"(?:the\s+)?(?:people|persons|participants|headcount|individuals)\b|"
                                r"\b(?:counts?|counting|number of|headcount of)\s+(?:the\s+)?(?:people|persons|individuals)\b"
                                r"[^.?!]{0,20}?\b(?:kpis?|indicators?)\b", re.I)


def _kpi_counts(q: str) -> str:
    """The kind of body a KPI counts, after the one cell named ("effect:" 効果, "progress:" 進捗): 「効果のKPIが自治体の
    団体数」 → "effect:自治体"."""
    m = KPI_COUNTS_PATTERN.search(q)
    if m:
        cell = "effect:" if re.search(r"効果|成果", q) and "進捗" not in q else "progress:" if "進捗" in q else ""
        return cell + (m.group(1) or m.group(2))
    m = KPI_COUNTS_EN.search(q)
    if m:
        return _EN_BODY_WORDS[next(g for g in m.groups() if g).lower()]
    # (asked of the measures: 「目標は何人？」, "how many people is the target?" ask one card's target)
    if KPI_PEOPLE_PATTERN.search(q) and re.search(r"施策|取組|取り組み|もの|どれ|一覧|全部|すべて|全て|\b(?:which|measures)\b", q, re.I):
        progress = bool(re.search(r"進捗|\bprogress\b", q, re.I))
        cell = ("effect:" if re.search(r"効果|成果|\b(?:effect|outcome)\b", q, re.I) and not progress
                else "progress:" if progress else "")
        return cell + "人"
    return ""


_KANJI_DIGITS = {"二": "2", "三": "3", "四": "4", "五": "5", "六": "6", "七": "7", "八": "8", "九": "9"}
# 「14条に印がある施策」, 「都道府県の手引に該当する施策」: the article and 手引 columns (resolved marks only)
# (「11条1項2項」, 「11条1・2項」: the paragraphs the column heading 「11条 1項 2項」 joins, read with it)
ARTICLE_PATTERN = re.compile(r"(?<!\d)(1\d)\s*条(?:\s*(\d)\s*(?:項)?(?:\s*(?:[・、,と]|及び|および)?\s*\d\s*項)*(?:(?<=項)|\s*項))?")
# "Article 11 paragraphs 1-2", "Article 14"
ARTICLE_EN_PATTERN = re.compile(r"\barticle\s*(1\d)(?:\s*,?\s*\(?\s*(?:paragraphs?|paras?\.?)\s*(\d))?", re.I)
# 「17条から19条」, 「17〜19条」, "articles 17 to 19", "Articles 17-19": every article column from the first to the last
ARTICLE_RANGE = re.compile(r"(?<!\d)(1\d)\s*(?:条)?\s*(?:から|〜|~|～|-|–|ー)\s*(?:第)?\s*(1\d)\s*条|"
                           r"\barticles?\s*(1\d)\s*(?:to|through|thru|-|–|~)\s*(1\d)\b", re.I)
# 「11条1項2項以外の条」, 「10条以外の列」, 「市町村以外の手引」: the columns of that kind other than the one named (以外
# says which columns, of the noun after it; it takes no card out)
COLUMN_OTHER = re.compile(r"(?P<named>(?:(?<!\d)1\d\s*条(?:\s*\d\s*項(?:\s*(?:[・、,と]|及び|および)?\s*\d\s*項)*)?|都道府県|市町村)"
                          r"(?:\s*(?:[・、,とや]|及び|および)\s*(?:(?<!\d)1\d\s*条(?:\s*\d\s*項(?:\s*(?:[・、,と]|及び|および)?\s*\d\s*項)*)?|"
                          r"都道府県|市町村))*)(?:の(?:手引|列|欄))?\s*(?:以外の|の(?:ほか|他)の)\s*(?P<kind>条|手引|列|欄|印|マーク)")
# which symbol a column question asks for: 「11条が◎じゃなくて○」 ○; "a double circle (◎) under Article 11" ◎
_NOT_THIS = r"\S{0,3}?(?:じゃなく|ではなく|でなく|以外)"
# "a single circle (○) rather than ◎", "◎ instead of ○", "not a double circle": the symbol after the words is not asked
_EN_NOT_THIS = re.compile(r"\b(?:rather than|instead of|other than|but not|not)\s+(?:an?\s+|the\s+)?(◎|[○〇]|double circles?|"
                          r"single circles?)", re.I)
GUIDE_PATTERN = re.compile(r"(都道府県|市町村)\s*(?:の|向け(?:の)?|用の)?\s*(?:手引|ガイド)")
# 「「都道府県」または「市町村」の印」, 「都道府県○や市町村○」, 「市町村の欄に印」: a 手引 column named as the table's heading
# (quoted, or with its mark or its cell right after it), without the word 手引; a bare 都道府県 elsewhere is a topic word
# (都道府県警察, 都道府県数), and a question with no mark word (印, マーク, ◎, ○) asks no column
GUIDE_HEADING = re.compile(r"[「『\"](都道府県|市町村)[」』\"]|(都道府県|市町村)\s*(?=[◎○〇]|(?:の|に)?\s*(?:印|マーク|欄|列))")
# 「都道府県・市町村向けの手引」, 「都道府県や市町村の手引」: both 手引 columns named in one breath
GUIDE_PAIR = re.compile(r"(?:都道府県|市町村)(?:[・、とや/]|及び|および|または|又は)(?:都道府県|市町村)(?:の|向け(?:の)?|用の)?(?:手引|ガイド)")
# 「手引の欄に印がある」, 「手引に載ってる」, "marked in the guide columns": both 手引 columns (no 条, no one 手引 named)
GUIDES_BOTH_PATTERN = re.compile(r"手引(?:\s*[(（][^)）]{0,12}[)）])?\S{0,4}?(?:印|マーク|欄|列|◎|○|〇|載って|該当|入って)|"
                                 r"\bguide(?:book)? (?:columns?|marks?)\b|"
                                 r"\b(?:in|under|on) the guides?\b", re.I)
# "the prefectural guide", "the municipal guidebook column"
GUIDE_EN_PATTERN = re.compile(r"\b(prefectur(?:e|es|al)|municipal(?:ity|ities)?|city|cities|towns?)\b[^.?!]{0,15}?\bguide", re.I)
# 「◎が内閣官房だけ」, 「内閣官房が単独で主担当」, 「内閣官房のみが◎」: the ministry leads alone (one ◎ in 府省庁名)
# (not the だけ of いただける: 「主担当以外も含めて一覧でいただけますか」 asks politely, for every role)
# (「主担当は内閣官房だけ」, 「◎が内閣官房のみ」: the one lead; not 「主担当の施策だけ」, which keeps the cards it leads)
SOLE_LEAD_PATTERN = re.compile(r"(?:主担当|◎)(?:が|は)?(?!の\s*(?:施策|もの|やつ|取組|取り組み|事業))[^\s、。,.?？!！◎]{1,12}?"
                               r"(?:(?<!いた)だけ|のみ)(?!で)|単独(?:で|の)?(?:主担当|◎|担当|所管)|"
                               r"(?:(?<!いた)だけ|のみ)(?:が|で)(?:主担当|◎)|(?:主担当|◎)(?:が|は)?(?:単独|1つ|一つ|ひとつ)(?:(?<!いた)だけ|のみ)?(?:の|で|な)|"
                               r"共同(?:ではなく|でなく|じゃなく)|\b(?:sole|only|single) lead\b|\bleads? (?:it )?alone\b|"
                               # "led only by the Cabinet Office", "led by the Cabinet Office alone", "which does it lead
                               # on its own"
                               r"\bled (?:only|solely|exclusively|just) by\b|\b(?:only|solely|exclusively) led by\b|"
                               r"\bled by\b[^.?!,]{1,60}?\b(?:alone|only|by itself|on its own)\b|"
                               r"\bleads?\b[^.?!,]{0,30}?\b(?:alone|solely|by itself|on its own)\b", re.I)
# 「◎が内閣官房だけ」, 「総務省だけが主担当」, 「単独で」, "the Commission alone" and every lead-alone wording above: one
# ministry and no other, in any role (its 府省庁名 names no other) or as the lead — the chat's restriction of a list
# (index.assist._sole_ministry) tells which from the words; one pattern, so the two readings of "alone" cannot drift
# apart (「総務省だけに絞って」 is not this: it keeps that ministry's measures, those it shares included)
# 「内閣府のほかに府省の記載がない」, 「内閣府以外の省庁は入っていない」, 「府省庁名が内閣府しかない」, "which list no
# ministry other than the Cabinet Office", "no other ministry besides MIC": no body beside the one named, said by
# denying the others (the negation is the sole reading itself, no card taken out by words)
# (the others said by a body's noun or by the cell's writing: 「ほかにない？」 alone asks for more measures)
NO_OTHER_BODY = re.compile(r"(?:ほか|他|以外)(?:に|の|で)?(?:は)?(?:の)?(?:(?:府省庁|府省|省庁|役所|官庁|組織|省|庁)(?:の|は|が|も)?"
                           r"(?:記載|記入|名前|名)?|記載|記入|名前)(?:が|は|も)?\S{0,4}?(?:ない|無い|なし|無し|ありません|いません)|"
                           r"しか(?:\S{0,8}?)(?:ない|無い|いない|ありません|いません)|"
                           # 「総務省だけが関わっている」, 「内閣府のみが載っている」: the one body said to take part
                           r"(?<=[省庁府房会])(?:だけ|のみ)(?:が|で)(?:関わ|かかわ|入って|載って|記載|名前)|"
                           # 「府省庁名が内閣府だけ」, 「府省庁欄には総務省のみ」: the cell said to hold the one body
                           r"(?:府省庁|府省|省庁)(?:名)?(?:の)?(?:欄)?(?:が|は|に(?:は)?)[^\s、。,.?？!！]{1,20}?(?:(?<!いた)だけ|のみ)|"
                           # (the verb that says the cell holds them, "list", "name", "have", is part of it)
                           r"\b(?:(?:list|lists|name|names|have|has|show|shows|include|includes|mention|mentions|with)\s+)?"
                           r"no (?:other )?(?:ministr(?:y|ies)|agenc(?:y|ies)|bod(?:y|ies)) (?:other than|besides|apart from|but|except)\b|"
                           r"\b(?:(?:list|lists|name|names|have|has|show|shows|include|includes|mention|mentions|with)\s+)?"
                           r"no other (?:ministr(?:y|ies)|agenc(?:y|ies)|bod(?:y|ies))\b|"
                           r"\bthe only (?:ministry|agency|body) (?:listed|named|involved|in the (?:column|cell))\b", re.I)
SOLE_PATTERN = re.compile(NO_OTHER_BODY.pattern + "|" + SOLE_LEAD_PATTERN.pattern + "|" +
                          r"単独|(?:◎|主担当|担当|主管)(?:が|は)\S{1,20}?(?:(?<!いた)だけ|のみ)|(?:(?<!いた)だけ|のみ)(?:が|で)(?:◎|主担当|担当|主管|やって|関わ|"
                          r"かかわ|入って)|\b(?:alone|solely|sole (?:lead|ministry|agency)|by itself|on its own)\b", re.I)
# 「共同主担当も含めて」, 「ほかの府省と共同で主担当になってるものも入れて」, 「単独・共同を問わず」, "including the ones it
# co-leads", "joint leads included": the measures a ministry leads with others taken INTO the set of those it leads, not
# the set itself — 「…も含めて」 widens (every card where it carries ◎, alone or beside another ◎); read as a lead and
# the words taken out before SEVERAL_LEADS_PATTERN (only the shared ones) and LEAD_ANY_PATTERN (「主担当も含め」: any
# role) read them
_SHARED_LEAD_WORD = r"(?:共同|共管|一緒|いっしょ|ダブル|複数|(?:ほか|他)の(?:府省庁|府省|省庁|省|庁)と)"
JOINT_LEAD_INCLUDED = re.compile(
    _SHARED_LEAD_WORD + r"[^\s、。,.?？!！]{0,16}?(?:も|を|まで)\s*(?:含め|含む|含ん|ふくめ|ふくむ|入れ|いれ)(?:て|た|る|で)?|"
    + _SHARED_LEAD_WORD + r"[^\s、。,.?？!！]{0,12}?込み(?:で|の)?|"
    r"単独(?:で|の)?(?:も|か|・|、|と|や|or)?\s*共同(?:で|の)?(?:も|か)?(?:を|は)?\s*(?:問わ(?:ず|ない)|関係なく|どちらでも|どっちでも)|"
    r"\b(?:including|incl\.?|plus|as well as|along with)\s+(?:the\s+)?(?:ones?\s+|those\s+|measures\s+|cases\s+)?"
    r"(?:(?:that|which|where)\s+)?(?:it|they|the ministry|the agency)?\s*(?:co-?leads?|co-?led|leads?\s+jointly|shares?(?:\s+the\s+lead)?|"
    r"jointly\s+led|joint(?:ly)?(?:\s+leads?|\s+ones)?)\b|"
    r"\b(?:joint|shared|co-?)\s*(?:leads?|led\s+ones|leadership|lead\s+roles?)\s+(?:included|too|as well)\b|"
    r"\b(?:alone|solely|on its own)\s+or\s+(?:jointly|with others|shared)\b", re.I)
SEVERAL_LEADS_PATTERN = re.compile(
    # (「メインの担当が2つ以上」: メイン as the lead, as LEAD_WORDS has it)
    r"(?:主担当|◎|主管|主導|リード|メイン)\S{0,4}?(?:が|の)?(?:複数|2つ以上|二つ以上|2省庁以上|ふたつ以上)|"
    # the lead cell named, then how many in the same clause: 「◎の付いた省庁が複数ある」
    r"(?:主担当|◎|メイン)[^\s、。,.?？!！]{0,10}?(?:省庁|府省|官庁|組織)が(?:複数|2つ以上|二つ以上|ふたつ以上)|"
    r"複数の(?:府省庁|省庁|府省)が(?:主担当|主管|主導|リード|◎)|共同(?:で|の)?主担当|"
    r"\b(?:more than one|several|multiple|two or more) (?:lead|leading) (?:ministr|agenc|bod)|\bco-?led\b", re.I)

# Words that ask for measures rather than describe one; removed before judging what topic remains.
GENERIC_WORDS = ("施策", "取組", "取り組み", "政策", "事業", "measures", "measure", "policies", "policy")

# Words that frame a question rather than name its topic (全部挙げて, について教えて); the corpus lacks most of them,
# so they would make any list question look unanswerable.
QUESTION_WORDS = frozenset({
    "施策", "取組", "取り組み", "取り組む", "政策", "事業", "全部", "全て", "総て", "上げる", "挙げる", "教える", "下さる",
    "くださる", "知る", "つく", "何", "どれ", "どの", "どんな", "どう", "関する", "関わる", "関係", "一覧", "リスト",
    "列挙", "見せる", "欲しい", "思う", "探す", "調べる", "ある", "いる", "漏れ", "無い", "なく", "網羅", "余す", "残る",
    "どれくらい", "何件", "いくつ", "件数",
    # 「一通り」 (ひととおり: the whole set), 「洗い出す」: they ask for every measure, as 全部 and 網羅 do
    "一通り", "洗い出す",
    "measure", "polici", "policy", "list", "all", "which", "what", "show", "tell", "about", "are", "there", "any",
    "me", "the", "of", "for", "to", "on", "in", "and", "is", "doe", "do", "relat", "related", "concern",
})
# … and, beyond those, words that only frame a question about ministries or IDs (担当, 関与, 内容, involved, led):
# what is left after all of them is the topic, if any.
FRAMING_WORDS = QUESTION_WORDS | {
    "役", "進める", "取る", "加わる", "担う", "けれど", "けど", "なっている", "主体", "中心", "メイン", "旗振り", "音頭",
    "する", "担当", "関与", "実施", "もの", "ください", "下さい", "省", "庁", "主", "なに", "なん", "内容", "概要", "詳細",
    "番号", "関連", "携わる", "含む", "参加", "id", "by", "is", "give", "involved", "with", "does", "run", "led",
    "its", "their", "that", "detail", "details", "join", "joins", "participate", "participates", "participant", "participants", "but", "not",
    "also", "take", "part", "takes", "involve", "involves", "ministry", "agency", "なる", "設定", "まだ", "yet",
    "set", "have", "has", "kpi", "指標", "目標", "絡む", "からむ", "入る", "として", "関係省庁", "府省庁", "府省", "省庁", "名前", "連ねる", "出る",
    "order", "number", "them", "lead", "leads", "ones", "奴", "やつ", "がっ", "どんな",
    # 「関係府省庁として入っている」 (MeCab: 関係 / 府 / 省庁), "where X is involved but does not lead"
    "府", "where", "doesn", "isn", "as", "an", "a", "role", "supporting", "partner", "participating", "named",
    "support", "supports", "help", "helps", "assist", "assists", "without", "leading", "secondary", "cooperating",
    "listed", "only", "名", "載る", "含まれる", "加える", "務める", "サブ", "以外",
    # 「逆に、…」, 「ちなみに…」, 「あと、…」: how the question joins the last one, not its topic
    "逆", "因み", "後", "一方", "other", "else", "序で",  # (「ついでに、…」)
    "at",  # "… involve the Ministry of Finance at all?" (all is a list word)
    # "ok then list all where …", "so which ones …", "now the ones MAFF leads": how an English question takes up the
    # last answer, as 「じゃあ」, 「では」 do, never its topic
    "ok", "okay", "then", "so", "now", "well", "alright",
    # "a deadline or target in FY2025", "either …": a conjunction left between two cell words, no topic ("and" is a
    # QUESTION_WORDS word)
    "or", "either", "nor",
    "形", "何らか", "多少", "play", "plays", "playing",  # 「何らかの形で関わっている」, "plays any part": in any way
    "total", "altogether", "合計", "トータル",  # 「全部で」 said otherwise: "how many in total", 「合計でいくつ」
    "overall", "combined", "全体",  # "which measures are led by METI overall?", 「全体で経産省が主担当のは？」: all of them
    # 「一覧でお願いします」, 「全部ちょうだい」, 「列挙していただけますか」, "could you list every …, please": a
    # request's wording, no topic (here only, not in QUESTION_WORDS: the no-answer model was fitted on those)
    # 「該当するものを全部」, 「当てはまるもの」: the cards that fit what was said, no topic of their own
    "該当", "当てはまる", "あてはまる",
    "御", "願う", "頼む", "お願い", "もう", "件", "頂戴", "アップ", "貰う", "頂く", "呉れる", "幾", "つ", "纏める",
    "メーン", "遣る", "乗る", "please", "could", "you", "every", "how", "many", "can", "would",
    # "Show me everything the Cabinet Secretariat leads.": everything it leads, not cards about "everything"
    "everything", "anything", "whatever", "thing", "things", "stuff", "see", "want", "know", "get",
    # "… involve the PPC in any way?", "which measures in the plan …": how it is asked (the plan is the table itself)
    "way", "somehow", "plan", "like", "need", "full", "complete", "whole", "entire", "let", "look", "find", "just",
    "actually", "really",
    # "Where is MAFF the lead among these?", "which of those": the set just answered, pointed at, not a topic
    "among", "amongst", "these", "those",
    # 「残りの警察庁のものは、それぞれ何という施策？」: それぞれ (MeCab: 其々) asks something of each card, no topic
    "其々", "各々",
    "thanks", "thank",  # "thanks. now …": a turn taken, as "ok / then" above
    # "… where MAFF appears in the ministry column", "is named in the cell": where in the table, not what about
    "appear", "appears", "column", "columns", "cell", "cells", "row", "rows", "table", "欄", "列",
    "一度", "一", "度", "再度", "今一度", "改めて", "again",  # 「もう一度一覧で」 (MeCab: 一 / 度): asked again, no topic
    # 「施策番号順で」, 「番号の若い順に並べて」, 「表で」, 「表形式で」, 「箇条書きで」, "sorted by number": how the answer is
    # laid out, never what it is about (no card uses these words)
    "順", "順番", "順序", "昇順", "降順", "若い", "並べる", "並び", "並ぶ", "ソート", "整列", "表", "形式", "箇条", "書き",
    "sort", "sorted", "ascending", "descending", "format", "formatted", "bullet", "bullets", "bulleted",
    # 「警察庁が所管してるデジタル関係の施策」: every card of this table is about digitalisation, so with a ministry
    # (or another cell) these words restrict nothing; the question is that ministry's whole list
    "デジタル", "デジタル化", "it", "ict", "化", "分野", "系", "まわり", "周り", "digital",
    # 「◎が付されている施策を抽出してください」, 「府省庁名欄において」, "carries the lead mark ◎", "marked with ◎": how a
    # formal or English request says a cell holds its mark and asks for the cards (抽出 as 列挙, 付する as つく), no topic
    "抽出", "付する", "付す", "於く", "carry", "carries", "carrying", "mark", "marks", "marked", "bear", "bears", "bearing",
    "symbol",
    # 「(主担当・関係とも)」, 「主担当・関係の別なく」, 「区別せず」, 「両方とも」, 「どちらでも」: a scope note that takes
    # every role at once (MeCab reads とも as the noun 共, 別なく as 別 and 無い), what the list spans, never its topic
    "共", "別", "区別", "無い", "無し", "両方", "双方", "どちら", "いずれ", "何れ",
    # "And the ones METI leads?": the analyzer reads "ones" as one + s, so "ones" above is not seen; "itself" and "its
    # own" say that the body named leads alone or at all, no subject
    "one", "itself", "themselves", "own",
    # "the measures whose IDs start with 07" (chapter_by_id): the card's number, no subject
    "whose", "ids",
    # "the MLIT-led ones …, what do they do?": the pronoun stands for the ones named, no subject
    "they",
}
# Everyday words (as typed on a phone, often in kana) → the words a policy table uses for the same thing. The table's
# words are added to the question, never substituted, so a question that uses the table's words loses nothing.
EVERYDAY_WORDS = {
    "スマホ": "スマートフォン", "ケータイ": "携帯電話", "ネット": "インターネット オンライン",
    "ジイチャン": "高齢者", "バアチャン": "高齢者", "オトシヨリ": "高齢者", "年寄り": "高齢者", "シニア": "高齢者",
    "ビョウイン": "病院 医療機関", "お医者": "医師 医療", "イシャ": "医師 医療", "クスリ": "薬剤",
    "健康診断": "健診", "ケンコウシンダン": "健診", "役所": "行政機関 地方公共団体", "ヤクショ": "行政機関 地方公共団体",
    "役場": "行政機関 地方公共団体", "会社": "企業", "在宅勤務": "テレワーク", "リモートワーク": "テレワーク",
    "在宅ワーク": "テレワーク", "家で仕事": "テレワーク", "イエデシゴト": "テレワーク", "落とし物": "遺失物 遺失届",
    "オトシモノ": "遺失物 遺失届", "交番": "警察", "オマワリサン": "警察", "目が見えない": "視覚障害者",
    "目がみえない": "視覚障害者", "メガミエナイ": "視覚障害者", "耳が聞こえない": "聴覚障害者", "障がい": "障害",
    "イナカ": "過疎地域 条件不利地域", "田舎": "過疎地域 条件不利地域", "圏外": "不感地域 エリア整備",
    "ガッコウ": "学校", "センセイ": "教員", "コドモ": "子供 児童", "ハッカー": "サイバー攻撃", "フリーランス": "中小事業者",
    "フリーで": "中小事業者", "セイキュウショ": "請求書 インボイス", "ハンコ": "押印",
    "落とした": "遺失物 遺失届", "オトシタ": "遺失物 遺失届", "使い方": "利用方法", "ツカイカタ": "利用方法",
    "使えな": "利用方法 支援", "ツカエナ": "利用方法 支援", "畑": "農地", "ハタケ": "農地",
}


@lru_cache(maxsize=1)
def _everyday() -> list[tuple[str, str]]:
    """The everyday words longest first, each written-with-kanji one also by its reading: 役場 typed as やくば or
    年寄り as としより meets its entry the way 家でしごと meets イエデシゴト."""
    pairs = {fold_kana(k): v for k, v in EVERYDAY_WORDS.items()}
    for k, v in EVERYDAY_WORDS.items():
        if _KANJI.search(k) and len(reading := analyzer().reading(k)) >= 3:
            pairs.setdefault(reading, v)
    return sorted(pairs.items(), key=lambda kv: -len(kv[0]))


@lru_cache(maxsize=1024)
def with_table_words(text: str) -> str:
    """`text` followed by the table's words for the everyday words in it (すまほ → スマートフォン, じいちゃん → 高齢者).
    Matched on the text as typed (kana folded) and on its reading, so a half-converted 家でしごと or 健康しんだん
    meets its entry (イエデシゴト, ケンコウシンダン) too. Read once per text (a search reads its question's for the
    lexical side, the dense side and the no-answer model)."""
    normal = normalize(text)
    folded = fold_kana(normal)
    heard, spans = reading_with_cuts(normal) if _JAPANESE.search(folded) else ("", [])
    # (the plain `in` first: each text is read for every everyday word, and holds few of them)
    extra = [w for k, w in _everyday() if k in folded and _typed(k, folded, normal)
             or k in heard and _all_kana(k) and heard_as_words(k, heard, spans)]
    return text + " " + " ".join(dict.fromkeys(extra)) if extra else text


def _typed(key: str, folded: str, text: str) -> bool:
    """`key` in the folded text, not as the start of a longer katakana word (ネット in ネットで, not in ネットワーク);
    `text` is the same text unfolded (folding keeps offsets), where katakana is still told from hiragana."""
    at = folded.find(key)
    while at >= 0:
        after = text[at + len(key):at + len(key) + 1]
        if not (_all_kana(key[-1]) and after and _all_kana(after)):
            return True
        at = folded.find(key, at + 1)
    return False


def _all_kana(word: str) -> bool:
    return all("ァ" <= c <= "ヺ" or c == "ー" for c in word)


_POINTING_EN = re.compile(r"\b(?:those|these|them|they|their)\b", re.I)
_ASKING_EN = re.compile(r"\s*(?:how|what|what's|which|who|why|where|when|is|are|does|do|did|has|have|can|could|will|would|"
                        r"tell me|in what way)\b", re.I)
_PLURAL_EN = re.compile(r"\b(?:measures|initiatives|programs|programmes|policies|schemes|projects|efforts|systems|"
                        r"activities|things|ones)\b", re.I)
_ACTOR = r"\s*(?:が|は|で|と|や|及び|として|の(?:施策|取組|取り組み|事業|政策))"
_ID = re.compile(r"(?<!\d)(\d{2})\s*[-‐－ー]\s*(\d{2})(?!\d)")
_CHAPTER = re.compile(r"第\s*(\d{1,2})\s*章|chapter\s*(\d{1,2})", re.I)
# 「第3章の条や手引の欄」, 「第3章の11条1項2項」, 「第3章基本的施策のいずれかの条」: the plan's chapter the 条 columns are
# headed by (第3章基本的施策の条), said before them
_PLAN_CHAPTER = re.compile(r"第\s*\d{1,2}\s*章\s*(?:の\s*)?(?:条|手引|1\d\s*条|基本的施策)")
_JAPANESE = re.compile(r"[\u3040-\u30ff\u3400-\u9fff]")
# A chapter named as the table divides itself (施策番号 begins with its two digits): by that number (「06章」,
# 「章（06）」, 「（06）の章」, "chapter (06)"), or by words of its heading (corpus.chapter_titles: 「人材育成の章」 → 06
# デジタル人材の育成, 「医療の章」 → 03, "the chapter on human resources"), with the number beside them or not
# (「人材育成の章（06）」): a filter, as 「第6章」 is, that meets whatever else the question restricts by (typed in kana,
# 「じんざいいくせいのしょう」 is spelled 「…の省」: no ministry is named so, after の and alone)
_CHAPTER_NUMBERED = re.compile(r"(?:(?<![\d\-‐－ー.])(0?\d)\s*章(?![一-龥])|章\s*\(\s*(0?\d)\s*\)|\(\s*(0\d)\s*\)\s*(?:の\s*)?章)"
                               r"(?:\s*(?:の中|のなか|の内|のうち|内))?|"
                               r"\bchapter\s*\(\s*(0?\d)\s*\)", re.I)
_CHAPTER_TITLED = re.compile(
    r"(?P<noun>[一-龥々ァ-ヶーA-Za-z・]{2,12}(?:の[一-龥々ァ-ヶーA-Za-z・]{2,12})?)\s*(?:に関する|に関係する|関係の|関連の|分野の|の)?\s*"
    r"(?:章|(?<=の)省)(?![一-龥])(?:\s*\(\s*(?P<n>0?\d)\s*\))?(?:\s*(?:の中|のなか|の内|のうち|内))?|"
    r"\bthe\s+chapter\s+(?:on|about|for|covering|of)\s+(?P<en>[a-z][a-z -]{2,40}?)(?:\s*\(\s*(?P<n_en>0?\d)\s*\))?"
    r"(?=\s*[,.?!]|\s+(?:which|what|where|who|how|does|do|is|are|led|lead|leads|that)\b|$)|"
    r"\bthe\s+(?P<en2>[a-z][a-z -]{2,30}?)\s+chapter\b(?:\s*\(\s*(?P<n_en2>0?\d)\s*\))?", re.I)


# A chapter said by the two digits every ID of it begins with (施策番号 07-xx is chapter 07): 「07の番号のやつ」, 「07番台」,
# 「番号が07で始まる施策」, 「07から始まる番号の」, 「施策番号が07-のもの」, "numbered 07-something", "IDs starting with
# 07", "the 07-xx ones". With its 0 (a bare 7 may count anything), never a whole ID (07-03); the words that say "begins
# with" go with it, so that neither 番号 (the ID field) nor 始まる (a start date) is read from them
_NUMBER_WORD = r"(?:施策番号|番号|ばんごう|ナンバー|\bids?\b|\bnumbers?\b)"
_BEGINS = r"(?:で|から)\s*(?:始ま|はじま)(?:る|って(?:いる|る)|ります|ってます)"
_TWO_DIGITS = r"(?<![\d\-‐－ー.])(0[1-9])(?!\d|\s*[\-‐－ー]\s*\d)"
_CHAPTER_BY_ID = re.compile(
    _NUMBER_WORD + r"\s*(?:が|は|の)?\s*" + _TWO_DIGITS + r"\s*[\-‐－ー]?\s*(?:" + _BEGINS
    + r"(?:の)?|(?:の|で)?(?=\s*(?:もの|やつ|施策|の|で|は|[?？]|$)))|"
    + _TWO_DIGITS + r"\s*[\-‐－ー]?\s*(?:" + _BEGINS + r"(?:\s*" + _NUMBER_WORD + r")?|(?:の|で)?\s*" + _NUMBER_WORD
    + r"|(?:番台|ばんだい))(?:の)?|"
    r"\b(?:numbered|starting with|beginning with|starts? with|begins? with|prefixed with)\s+" + _TWO_DIGITS
    + r"(?:\s*[\-‐]\s*(?:xx|something|anything|\*\*)?)?|"
    r"\bthe\s+" + _TWO_DIGITS + r"\s*[\-‐]\s*(?:xx|something|series|\*\*)\b", re.I)


# 「経産省が主担当のほうは？」, 「メインの方の施策」, 「関係のほう」: the side of a role the question contrasts with another
# (MeCab: 方, a noun that would be read as the topic)
_ROLE_SIDE = re.compile(r"(?:(?<=主担当)|(?<=担当)|(?<=メイン)|(?<=関係)|(?<=◎)|(?<=○)|(?<=〇))の\s*(?:ほう|方)(?![一-龥ァ-ヶ])")


def chapter_by_id(q: str) -> str:
    """`q` with a chapter said by the digits its IDs begin with (_CHAPTER_BY_ID) said as the chapter: 「07の番号のやつ」 →
    「第7章のやつ」, "IDs starting with 07" → "IDs in chapter 7"."""
    def said(m: re.Match) -> str:
        n = int(next(g for g in m.groups() if g))
        return f" in chapter {n} " if m.group(0).isascii() else f"第{n}章の"
    return _CHAPTER_BY_ID.sub(said, q)


def chapter_named(q: str, titles: dict[str, str]) -> tuple[str, str]:
    """(the chapter `q` names by its number or by words of its title in `titles` (corpus.chapter_titles), the words that
    name it), or ("", "") when it names none or words that fit several chapters (「港湾の章」: 02 and 03)."""
    if not titles:
        return "", ""
    for m in _CHAPTER_TITLED.finditer(q):
        number = m.group("n") or m.group("n_en") or m.group("n_en2")
        if number and f"{int(number):02d}" in titles:
            return f"{int(number):02d}", m.group(0)
        if m.group("noun"):
            terms = [m.group("noun")]
        else:
            from .glossary import table_terms

            terms = table_terms(m.group("en") or m.group("en2") or "").split()
        fits = set()
        for term in terms:
            words = [t.surface for t in analyzer().tokens(term) if len(t.surface) >= 2 and t.pos not in STOP_POS
                     and t.surface not in STOP_WORDS]
            fits |= {ch for ch, title in titles.items() if words and all(w in title for w in words)}
        if len(fits) == 1:
            return fits.pop(), m.group(0)
    numbered = _CHAPTER_NUMBERED.search(q)
    number = next((g for g in numbered.groups() if g), "") if numbered else ""
    if numbered and f"{int(number):02d}" in titles:
        return f"{int(number):02d}", numbered.group(0)
    return "", ""


_KANJI = re.compile(r"[\u3400-\u9fff]")
# the parts a heading lists in brackets after its subject (準公共分野のデジタル化（教育・医療・防災・…）): each is a section
# of the chapter, not the chapter
_HEADING_PARTS = re.compile(r"[(（][^()（）]*[)）]")
_RUN_POS = ("名詞", "接頭辞", "接尾辞")


def chapter_heading(label: str) -> str:
    """The heading of a chapter as corpus.chapter_titles labels it (「06 デジタル人材の育成」 → デジタル人材の育成), or ""
    for a table without headings, labelled by its first card's name (「… ほか」), which is no chapter's subject."""
    if label.endswith(" ほか"):
        return ""
    return re.sub(r"^\s*\d+\s+", "", label)


def _without_heading(topic: str, heading: str) -> str:
    """`topic` without the runs of nouns that only restate the heading of the chapter the question names (「デジタル人材
    育成(06章)の施策を全部」: 06 デジタル人材の育成; 「第6章の人材育成のうち」): the chapter is the scope, and the words
    it is titled by narrow nothing within it (read as a topic, 06-07 数理・データサイエンス・AI教育, which says 教育, not
    人材育成, fell out of 「人材育成(06章)の施策」). Not a section its heading lists in brackets (教育 of 03's
    （教育・医療・防災…）), nor one side of a heading that joins two (国際データ流通 of 05 データ利活用と国際データ流通):
    that is a part of the chapter, still a topic; nor a run with a word of its own (データサイエンス人材 in ch.06)."""
    main = normalize(_HEADING_PARTS.sub(" ", chapter_heading(heading)))
    subject = list(dict.fromkeys(re.findall(r"[一-龥々ァ-ヶーA-Za-z0-9]+", main)))
    sides = [s.replace("の", "") for s in re.split(r"と|・|、|\s+", main) if s]
    if not subject:
        return topic
    runs: list[list] = [[]]
    for t in analyzer().tokens(topic):
        if t.pos.startswith(_RUN_POS) and t.surface.strip():
            runs[-1].append(t)
        elif runs[-1]:
            runs.append([])
    # (a suffix names no subject: 「人材育成系」, 「人材育成関係」 restate the heading as 人材育成 does)
    restating = [run for run in runs if any(t.pos.startswith("名詞") for t in run)
                 and all(any(t.surface in part for part in subject) for t in run if t.pos.startswith("名詞"))]
    said = [t.surface for run in restating for t in run]
    # in English, a phrase set apart by commas or brackets in the table's terms; in brackets beside the chapter
    # ("chapter 6 (digital human resources development)": 人材育成 研修), the chapter's name, which one of them says
    from .glossary import table_terms

    phrases = []
    for bracketed, phrase in re.findall(r"(\(\s*)?([a-z][a-z -]*[a-z])", topic):
        terms = [w for w in table_terms(phrase).split() if any(w in part for part in subject) or w in "".join(subject)]
        if terms and (len(terms) == len(table_terms(phrase).split()) or bracketed):
            phrases.append(phrase)
            said += terms
    # every side of the heading said, each by a word of its own (データ, in both of 05's, says neither)
    if not all(any(len(w) >= 2 and (w in side or side in w) and (len(sides) == 1 or not all(w in o for o in sides))
                   for w in said) for side in sides):
        return topic
    for words in ["".join(t.surface for t in run) for run in restating] + phrases:
        topic = topic.replace(words, " ", 1)
    return topic


@dataclass(frozen=True)
class QueryIntent:
    """What the question asks beyond its topic: ministries, IDs, chapters, a list, and what topic is left."""

    ministries: tuple[str, ...] = ()
    absent_ministries: tuple[str, ...] = ()  # named, but in no card's 府省庁名 (nor anywhere in the table)
    lead: bool = False
    leads: tuple[str, ...] = ()  # with several ministries in different roles: the ones asked as ◎ lead
    all_ministries: bool = False
    not_lead: bool = False
    ids: tuple[str, ...] = ()
    chapters: tuple[str, ...] = ()
    kpi_unset: bool = False  # asks for measures whose KPI is 未設定 or blank
    several_leads: bool = False  # asks for measures with more than one ◎
    lead_count: str = ""  # … with this many ◎ (lead_count: 「◎が3つ付いている」 → "==3"; one alone is sole_lead)
    sole_lead: bool = False  # … with one ◎ only: the ministry named leads alone (「◎が内閣官房だけ」)
    kpi_rule: str = ""  # finer KPI cells (results.cell_rules): blank, blank_both, both, neither, one, one_blank, effect,
    # progress, effect_only, progress_only
    marks_rule: str = ""  # the 条・手引 marks (results.cell_rules): none, circle_only, no_double, double, any,
    # minN (at least N marked columns)
    articles: tuple[str, ...] = ()  # article columns named (14条 → "14条"; 11条 → both of its columns)
    guides: tuple[str, ...] = ()  # 手引 columns named (都道府県, 市町村)
    is_list: bool = False
    # a list read word for word: the cards that mention a word (MENTION_PATTERN), or a set a follow-up implies
    # (「ほかに…は？」, Retriever.search's as_list); it takes no card for where it stands in the table
    literal: bool = False
    mentions: tuple[str, ...] = ()  # … the words it names (mentioned_words): every card that holds them, by cells
    mentions_in_name: bool = False  # … in its name (施策名) only
    mentions_in_kpi: bool = False  # … in its KPI cells only (kpi_words)
    mention_fields: tuple[str, ...] = ()  # … in the cell the question names as where (mention_cells: 「効果のKPIに」)
    mentions_in_ministries: bool = False  # … in its 府省庁名 only (「府省庁名に「関係府省庁」と書かれている」)
    english: bool = False
    kana: bool = False  # written (almost) only in kana: ひさいしゃしえん
    topic: str = ""  # the query without the ministry/ID/chapter/list words
    respelled: str = ""  # a kana question as the table would write it (ひさいしゃしえん → 被災者支援), when it changed
    dated: DatedAsk | None = None  # asks of the 工程表: a milestone's year / kind, a numeric KPI target (retrieve.dated)
    in_charge: bool = False  # `lead` said as 担当 alone (IN_CHARGE): the part it takes where it leads no card asked about
    # an English question naming a ministry as who does a thing, not asking for a list ("How is the police modernizing
    # driver's license work?"): the measure of that thing among the ministry's cards, counted as a question naming no
    # ministry is (the first card, the others on their own confidence), not the ministry's list
    one_measure: bool = False
    ministry_count: str = ""  # how many bodies 府省庁名 lists (_ministry_count): ">=5", ">=2", "==1"
    target_unit: str = ""  # a KPI target written in this unit ("%": % or 割)
    kpi_counts: str = ""  # a KPI counting this kind of body (「都道府県数」)

    @property
    def structured(self) -> bool:
        """Asks about the table itself (a ministry, an ID, a chapter, KPI status, several leads, the 工程表): never
        abstained."""
        return bool(self.ministries or self.ids or self.chapters or self.kpi_unset or self.several_leads or self.lead_count
                    or self.kpi_rule or self.marks_rule or self.articles or self.guides or self.mentions
                    or self.dated is not None or bool(self.ministry_count or self.target_unit or self.kpi_counts))

    def to_dict(self) -> dict:
        return {"ministries": list(self.ministries), "absent_ministries": list(self.absent_ministries),
                "lead": self.lead, **({"leads": list(self.leads)} if self.leads else {}),
                "all_ministries": self.all_ministries,
                "not_lead": self.not_lead, "ids": list(self.ids),
                "chapters": list(self.chapters), "kpi_unset": self.kpi_unset,
                "several_leads": self.several_leads, "sole_lead": self.sole_lead, "list": self.is_list, "topic": self.topic,
                **({"lead_count": self.lead_count} if self.lead_count else {}),
                **({"kpi_rule": self.kpi_rule} if self.kpi_rule else {}),
                **({"marks_rule": self.marks_rule} if self.marks_rule else {}),
                **({"articles": list(self.articles)} if self.articles else {}),
                **({"guides": list(self.guides)} if self.guides else {}),
                **({"mentions": list(self.mentions), "mentions_in_name": self.mentions_in_name}
                   if self.mentions else {}),
                **({"mentions_in_kpi": True} if self.mentions_in_kpi else {}),
                **({"mention_fields": list(self.mention_fields)} if self.mention_fields else {}),
                **({"mentions_in_ministries": True} if self.mentions_in_ministries else {}),
                **({"respelled": self.respelled} if self.respelled else {}),
                **({"one_measure": True} if self.one_measure else {}),
                **({"ministry_count": self.ministry_count} if self.ministry_count else {}),
                **({"target_unit": self.target_unit} if self.target_unit else {}),
                **({"kpi_counts": self.kpi_counts} if self.kpi_counts else {}),
                **({"dated": self.dated.to_dict()} if self.dated is not None else {})}


def understand(query: str, lexicon: dict[str, str], absent: dict[str, str] | None = None,
               titles: dict[str, str] | None = None) -> QueryIntent:
    """Find ministries, IDs, chapters and list wording in a question (after NFKC, case-folded); `absent` names
    government bodies that the table does not list, `titles` its chapters' headings (corpus.chapter_titles)."""
    q = spell_role(_GLOSS_MARK.sub(r"\1", normalize(query)))  # 「連携（○）だけ」 is 「○だけ」
    q = chapter_by_id(q)  # 「07の番号のやつ」 is 「第7章のやつ」
    q = _ROLE_SIDE.sub("", q)  # 「経産省が主担当のほうは？」 is 「経産省が主担当は？」
    q = ROLE_CONCEDED.sub(" ", q)
    joint_included = bool(JOINT_LEAD_INCLUDED.search(q))  # the lead, alone or shared: a wider set, not a filter
    q = JOINT_LEAD_INCLUDED.sub(" ", q)
    found, topic = find_names(q, lexicon)
    set_aside = _set_aside(q, found, lexicon)
    if set_aside:  # "the Cabinet Office — not the Cabinet Secretariat": which body is meant, the other named no role
        found = [n for n in found if n not in set_aside]
        topic = _NOT_THE.sub(" ", topic)
    missing, rest = find_names(topic, absent or {})
    # a body the table never names decides the answer only as the actor (デジタル庁が…, 防衛省と総務省が…, led by …) or
    # as the whole question; in 「気象庁のデータを使う防災の施策」 it is context and stays in the topic
    if missing and (says_lead(q) or any(re.search(re.escape(b) + _ACTOR, q) for b in missing)
                    or not has_topic(rest)):
        topic = rest
    else:
        missing = []
    ids = tuple(f"{a}-{b}" for a, b in _ID.findall(q))
    topic = _ID.sub(" ", topic)
    # 「第3章の条や手引の欄」: the chapter of the plan whose articles the 条 columns are, not a chapter of cards
    chapters = () if _PLAN_CHAPTER.search(q) else tuple(f"{int(a or b):02d}" for a, b in _CHAPTER.findall(q))
    topic = _CHAPTER.sub(" ", topic)
    if not chapters and not _PLAN_CHAPTER.search(q):  # 「人材育成の章（06）のうち」, 「06章で」: by its title or number
        chapter, said = chapter_named(q, titles or {})
        if chapter:
            chapters, topic = (chapter,), topic.replace(said, " ")
    if len(chapters) == 1 and (titles or {}).get(chapters[0]):
        topic = _without_heading(topic, (titles or {})[chapters[0]])
    kpi_unset, several_leads = bool(KPI_UNSET_PATTERN.search(q)), bool(SEVERAL_LEADS_PATTERN.search(q))
    topic = SEVERAL_LEADS_PATTERN.sub(" ", KPI_UNSET_PATTERN.sub(" ", topic))
    kpi_rule = _kpi_rule(q) if kpi_unset else _kpi_set_rule(q)
    if several_leads:  # "two or more ministries (more than one ◎ in the ministry column)": the cell, counted
        topic = re.sub(r"\b(?:two|three|more|than|one|ministries|ministry|agencies|agency|bodies|columns?|cells?|fields?|"
                       r"or|in)\b|府省庁名|欄|列|◎|"
                       # 「主担当が複数の府省で共同になっている」: the bodies and how they share the lead, no topic
                       r"府省庁|府省|省庁|共同|共管|合同|(?:に|と)?なって(?:いる|る|います)|(?<=[省庁])で|^の", " ", topic, flags=re.I)
    if kpi_rule == "target_year":  # 「目標の年度が明記されているもの」: the target's year, written: no topic
        topic = re.sub(r"(?:明記|明示|記載|記|書か|示|定めら|設定)?され(?:て)?|書いて|入って|決まって|明記|明示|記載|(?:いる|る|ある)|"
                       r"年度|年次|時期|期限|目標|達成|数値|kpi|指標|\b(?:stated|explicit|written|specified|target|years?|"
                       r"deadlines?|dates?|goals?|with|have|has|a|an|is|are)\b",
                       " ", KPI_TARGET_YEAR_PATTERN.sub(" ", topic), flags=re.I)
    if kpi_rule in ("set", "same"):  # 「両方ちゃんと設定されている」: the cells and their state, no topic
        topic = re.sub(r"ちゃんと|きちんと|しっかり|両方とも|両方|どちらも|(?:二つ|2つ|ふたつ)とも|ともに|件数\S{0,6}|\bok\b|"
                       r"\b(?:exact|use|uses|for|both)\b", " ", KPI_SAME_PATTERN.sub(" ", KPI_SET_PATTERN.sub(" ", topic)), flags=re.I)
    if kpi_unset or kpi_rule:  # what is left of 「進捗KPIはあるのに効果KPIが未設定の」 is no topic (the cells' names and states)
        topic = re.sub(r"効果|進捗|kpi|指標|両方とも|両方|どちらも|いずれも|ともに|だけ|のみ|まだ|"
                       r"になって(?:いる|る|います)|(?:は|が)(?:ある|設定されて(?:いる|る))(?:のに|けど|が)|"
                       r"で?何も書かれていない|書かれていない|空欄|空白|空っぽ|からっぽ|(?:の|が|は|で|に|も)(?=\s|$)|"
                       # 「効果のほうのKPI」, 「未設定or空欄」, 「未設定とか空欄」: which cell, which states
                       r"の?(?:ほう|方)の?|未設定|とか|(?<![a-z])or(?![a-z])|の?まま|"
                       # 「「－」か（今後設定）」: the states as a table writes them, quoted or in parentheses
                       r"[(「]\s*(?:今後設定|設定予定|[-‐―—–ーｰ])\s*[)」]|今後設定|設定予定|"
                       # 「成果をみる効果の指標」: what the cell measures, said of it
                       r"(?:成果|進み具合|進み方)(?:を(?:みる|見る|測る|はかる))?|"
                       r"\b(?:both|neither|nor|columns?|cells?|fields?|progress|outcome|effect|and|or|left|leaves?|completely|entirely|"
                       r"missing|still|yet|lacks?|lacking|without|no|not|set|but|their|its|one|ones|kpis?|the|an?|any|either|whose|"
                       r"defined|define|filled|fill|marked|listed|as|empty|blank|unset|undefined|cells?)\b|"
                       # 「進捗と効果の両方とも無い」
                       r"(?<=[\s と])(?:と|無い|ない)(?=[\s のはがも?？]|$)", " ", topic,
                       flags=re.I)
    marks_rule = _marks_rule(q)
    if marks_rule.startswith("min") and "◎" in marks_rule:
        several_leads = False  # 「条の欄で◎が2つ以上」: the ◎ of the 条 columns, not two lead ministries
    if marks_rule:  # the whole question is about the cells: no topic words left to search
        topic = _MARK_GLOSS.sub(r"\1", topic)
        if marks_rule.startswith("unplaced"):  # 「列の読み取れない印が2つ以上」: which marks and how many, no subject
            topic = _UNPLACED_COUNT.sub(" ", _UNPLACED_MARKS.sub(" ", topic))
            topic = re.sub(r"表(?:から|で|では|上)?|(?:を)?持(?:つ|って(?:いる|る))|"
                           r"\b(?:which|whose|where|measures?|table|that|the|be|been|read|from|"
                           r"placed|determined|told|known|identified|in|of|pdf|text)\b",
                           " ", topic, flags=re.I)
        for pattern in (MARKS_CIRCLE_PATTERN, MARKS_NO_DOUBLE_PATTERN, MARKS_NONE_PATTERN, MARKS_DOUBLE_PATTERN,
                        MARKS_ANY_PATTERN, MARKS_COUNT_PATTERN, READABLE_MARK, _ARTICLES_ONLY):
            topic = pattern.sub(" ", topic)
        for pattern in (_EN_MARKS_CIRCLE, _EN_MARKS_NO_DOUBLE, _EN_MARKS_NONE, _EN_MARKS_DOUBLE, _EN_MARKS_ANY):
            topic = pattern.sub(" ", topic)
        if marks_rule in ("placed", "min1条"):  # 「列の分かる印」, "a readable mark": which marks, no subject
            topic = re.sub(r"列(?:の|が)?|読め(?:る)?|読み取れ(?:る)?|分か(?:る)?|あわせて|合わせて|\b(?:readable|legible|placed|"
                           r"resolved|which|measures?|list)\b", " ", topic, flags=re.I)
        if marks_rule.startswith("min"):  # 「2つ以上の条に…」: the count, said apart from its mark
            topic = re.sub(r"(?:\d+|[二三四五六七八九])\s*(?:つ|個|列|箇所|か所|カ所|ヶ所)以上", " ", topic)
        topic = re.sub(r"第\s*\d+\s*章|基本的施策|(?:デジタル社会形成)?基本法|条文|条|手引|欄|印|マーク|◎|○|〇|一個も|一つも|ひとつも|全部|"
                       r"\(連携\)|\(主\)|付いて(?:いて|いる)?|"
                       # 「何かしら」, 「(「なし」以外)」 (the cell's word for no mark, excluded), 「全件」, "at least one": some
                       # mark, every card that has one; no subject
                       r"[(（]?\s*「?なし」?\s*(?:以外|でない|ではない|じゃない)\s*[)）]?|何かしら|なにかしら|何らか|全件|"
                       r"\bat\s+least\s+one\b|"
                       r"つい(?:て|た)(?:いる|る)?|またが(?:る|って)|空いて(?:いる|る)?|とか|だけ|のみ|が|の|や|に|と|で|は|"
                       r"\b(?:articles?|guides?|guidebooks?|guidelines?|columns?|marks?|markings?|circles?|double|single|at|all|in|or|and|the|a|any|"
                       r"have|has|carry|carries|no|only|under|of|their|its)\b", " ", topic, flags=re.I)
    named = bool(found or missing)
    topic = UNRESTRICTED.sub(" ", topic)  # 「離島とか関係なくていいので」: a restriction lifted, no topic
    if named:  # 「うちが主担当の施策は？内閣府です」: the asker's own ministry, named apart; who asks, not what about
        topic = SELF_REFERENCE.sub(" ", topic)
    all_ministries = len(found) + len(missing) > 1 and bool(ALL_PATTERN.search(q))
    unnamed = find_names(q, lexicon)[1]
    support = bool(found) and bool(SUPPORT_ROLE.search(unnamed))
    not_lead = named and (bool(NOT_LEAD_PATTERN.search(q)) or support) and not LEAD_ANY_PATTERN.search(q) \
        and not PARTNER_EXCLUDED.search(q)
    if support:  # the role's words say which cell and how, not what about
        topic = re.sub(r"[○〇]印?|サブ|サポート役?|補佐|補助(?:的|役)?|お?手伝い?|脇役?|支援役|協力|副担当|副次的", " ", topic)
    said_lead = says_lead(RESPONSIBLE_CELL.sub(" ", q))  # "among the responsible bodies": the cell, no role
    topic = RESPONSIBLE_CELL.sub(" ", topic) if named else topic
    in_charge = bool(found and (IN_CHARGE.search(unnamed) or OWNED.search(unnamed) and not TAKES_PART.search(q)
                                and not has_topic(topic)))
    lead = named and not not_lead and (said_lead or in_charge or joint_included) and not LEAD_ANY_PATTERN.search(q)
    # (not with 「共同主担当」 also said: 「◎が内閣府だけ（共同主担当じゃない）」 is read by the negation the chat's その中
    # rules take apart, the co-led cards left out)
    sole_lead = len(found) == 1 and not not_lead and not several_leads and bool(SOLE_LEAD_PATTERN.search(q))
    if sole_lead:  # 「◎が内閣官房だけのもの」: it leads, with no other ◎ beside it; the words are the cell's, no topic
        lead = True
        topic = re.sub(r"単独(?:で|の)?|共同(?:ではなく|でなく|じゃなく)|だけ|のみ|◎|"
                       r"\b(?:sole|solely|only|single|alone|exclusively|on its own|by itself)\b", " ", topic,
                       flags=re.I)
    # 担当 alone (no 主担当, no ◎): the lead where the ministry leads any card asked about, else its part (Retriever)
    in_charge = lead and in_charge and not said_lead and "◎" not in unnamed
    leads = _lead_roles(q, found) if lead and len(found) > 1 else ()
    if leads:  # 「内閣官房が主担当で、総務省も関わっている」: one leads, the others take part
        lead, all_ministries = False, True
    topic = LEAD_ANY_PATTERN.sub(" ", NOT_LEAD_PATTERN.sub(" ", ALL_PATTERN.sub(" ", topic))) if named else topic
    if not_lead and found:  # 「共管・連携で入っている（主担当ではない）」: the role, not a subject
        topic = ROLE_WORDS.sub(" ", topic)
        # 「協力する側（◎ではない）で入っている」: the side it takes, the ◎ it lacks, and being in the cell
        topic = re.sub(r"(?:する|している|してる|して)?側|\(\s*◎\S{0,2}?(?:ではない|じゃない|でない|なし|無し)\s*\)|"
                       r"で?(?:入って|載って)(?:いる|る|います)|[○〇]印?", " ", topic)
    # a ministry (or KPI status) with a topic asks for the set of its cards on that topic, not for one best card:
    # 「総務省が主担当のサイバーセキュリティ関連施策」 is the two such cards, not ten 総務省 cards
    articles, guides = _mark_columns(q) if not marks_rule else ((), ())
    if articles or guides:
        # 「条・手引の印のところに「11条1項2項」が付いている」, 「条・手引の印の欄で、11条1項2項に印が」: the cells the
        # column is named in (the 条・手引 marks, the place of them, the column in quotes) say where, no subject
        topic = GUIDE_PAIR.sub(" ", topic)
        marks_rule = column_symbol(q)  # "" (any mark), or the one symbol asked: symbol◎, symbol○
        # 「読み取れない印の扱いも含めて」: the marks whose column the table cannot place, asked to be accounted for
        # (the answer's note names them); how to answer, no subject
        topic = re.sub(r"(?:列の|列が)?" + _UNREADABLE + r"\S{0,3}?(?:印|マーク)?(?:の)?(?:取り?扱い|扱い)?(?:も|を|について)?"
                       r"(?:含めて|含め|踏まえて|添えて)?", " ", topic)
        # 「10条（オンライン化の原則）」, 「○（連携）」: what the article or the mark means, glossed in parentheses, and the
        # law the articles are of (「基本法10条」): which column and which mark, no subject
        # (「11条1項・2項」: the second paragraph of the same column)
        topic = re.sub(r"(?<=[条項◎○〇])\s*\([^)]{1,20}\)|(?<=項)\s*(?:[・、とや]|及び|および)\s*\d\s*項|"
                       r"(?:デジタル社会形成)?基本法(?:の)?|第\s*3\s*章(?:の)?|基本的施策(?:の)?|[◎○〇]", " ", topic)
        topic = re.sub(r"に?(?:印|マーク|◎|○)\S{0,2}?(?:が)?(?:付いて(?:いる|る)|ついて(?:いる|る)|ある)|該当する|関係する|欄|"
                       r"じゃなくて|ではなく|でなく|\(連携\)|\(主\)|"
                       # 「「11条1項2項」が記載されている」, 「…に付されている」: the mark said to be in the column; 「◎・○の別を
                       # 含めて」: each card's symbol shown (the answer shows it), no subject
                       r"(?:が|の)?(?:記載|明記|付さ|記さ)(?:されて|れて)(?:いる|る|おり)|の?(?:別|区別|違い)(?:を|も)?(?:含めて|含め|付けて|つけて)?|"
                       r"\b(?:double|single|circles?|under|paragraphs?|a|have|has|are|is|marked|mark(?:s|ings?)?|columns?|in|the|"
                       r"any|of|on|guides?|appear|appears|listed|carry|carries|bears?|bearing|for|with|載って(?:いる|る)|手引)\b|"
                       r"手引き?|載って(?:いる|る)|入って(?:いる|る)", " ",
                       GUIDE_EN_PATTERN.sub(" ", GUIDE_PATTERN.sub(
                           " ", ARTICLE_EN_PATTERN.sub(" ", ARTICLE_PATTERN.sub(" ", ARTICLE_RANGE.sub(" ", COLUMN_OTHER.sub(" ", topic)))))),
                       flags=re.I)
        # 「10条から19条のいずれかの条の欄に」, 「条・手引の印のうち、市町村の欄に」: which of the columns, and the marks
        # said first and narrowed (のうち) to the column named: where, no subject
        topic = re.sub(r"(?:の)?(?:いずれか|どれか|どこか|何れか)(?:の)?(?:条|列|欄)(?:の)?", " ", topic)
        topic = _MARK_PLACE.sub(" ", topic)
        if guides:  # 「手引の印（都道府県・市町村）」: the 手引 columns named apart from the word 手引
            topic = re.sub(r"[(（]?\s*(?:都道府県|市町村)(?:\s*(?:・|、|や|と|/)\s*(?:都道府県|市町村))?\s*[)）]?", " ", topic)
        topic = re.sub(r"(?<!\S)(?:の)?(?:うち|なか|中)(?:で|に)?\s*[、,]?|(?<!\S)の?(?:列|欄)(?:に|で|の)?(?=\s|$)", " ", topic)
        # 「…が付いている」, 「…にも印がある」, 「…のどれかに」: the mark said to be there, once its column is taken out
        topic = re.sub(r"(?<!\S)(?:に|で|の)?(?:も)?\s*(?:が|は)?\s*(?:付いて|ついて)(?:いる|る|います)|(?<!\S)(?:が|の|に)(?=\s|$)|"
                       r"(?<!\S)の?(?:どれか|いずれか|どこか|どちらか)(?:に|で|の)?(?=\s|$)",
                       " ", topic)
    # the table's cells counted or read for a figure: how many bodies 府省庁名 lists, a KPI target in %, a KPI counting
    # a kind of body; the words say which cell and how, no topic
    before_counted = topic
    # 「◎が3つ付いている施策」, "measures with three lead ministries": the ◎ of 府省庁名 counted (two or more: one alone
    # is sole_lead, 「2つ以上」 several_leads), the words the cell's, no topic
    counted_leads = lead_count(q) if not (several_leads or sole_lead or marks_rule or found) else ""
    counted_leads = counted_leads if counted_leads[2:] not in ("", "1") else ""
    if counted_leads:
        topic = re.sub(r"府省庁名|府省庁|府省|省庁|官庁|組織|欄|列|付いて(?:いる|る)|ついて(?:いる|る)|なって(?:いる|る)|"
                       r"\b(?:ministries|ministry|agencies|bodies|with|have|has|lead|leads|led|by)\b",
                       " ", LEAD_COUNT_PATTERN.sub(" ", topic), flags=re.I)
    ministry_count = "" if several_leads or sole_lead or counted_leads else _ministry_count(q)
    if not ministry_count and len(found) == 1 and not lead and not not_lead and NO_OTHER_BODY.search(q):
        # 「内閣府しか府省庁名に載っていない施策」, 「府省庁名が内閣府だけの施策」: that body and no other in 府省庁名 (in
        # any role: the lead alone is sole_lead), the others denied; the words are the cell's, no topic
        ministry_count = "==1"
        topic = re.sub(r"しか|だけ|のみ|載って|入って|記載|書かれて|(?:い)?ない|いません|ありません|の?(?:ほか|他|以外)(?:に|の)?",
                       " ", NO_OTHER_BODY.sub(" ", topic))
    if ministry_count:
        for pattern in (MINISTRY_COUNT_PATTERN, MINISTRY_SEVERAL_PATTERN, MINISTRY_ONE_PATTERN, MINISTRY_COUNT_EN):
            topic = pattern.sub(" ", topic)
        topic = re.sub(r"関係|関与|関わ(?:る|って(?:いる|る)?)|府省庁名?|府省|省庁|役所|官庁|の数|数|が|の|で|に|は|ある|いる|だけ|のみ|"
                       r"\b(?:involv\w*|ministries|ministry|agencies|agency|bodies|departments?|with|are|is|have|has|in|"
                       r"the|by|of|only|alone)\b", " ", topic, flags=re.I)
    compared = target_compared(q)
    # (「目標が50%いかない」: a share target under the figure, the unit said by the figure; "%<50")
    target_unit = "%" + compared if TARGET_PERCENT_PATTERN.search(q) or compared else ""
    target_unit = target_unit or ("人" if TARGET_PEOPLE_PATTERN.search(q) else "")
    kpi_counts = "" if target_unit else _kpi_counts(q)
    if target_unit or kpi_counts:
        topic = TARGET_COMPARED.sub(" ", TARGET_COMPARED_EN.sub(" ", topic))
        topic = TARGET_PERCENT_PATTERN.sub(" ", KPI_COUNTS_PATTERN.sub(" ", KPI_COUNTS_EN.sub(" ", topic)))
        topic = KPI_PEOPLE_PATTERN.sub(" ", topic) if kpi_counts.endswith("人") else topic
        if target_unit == "人":  # 「具体的な人数の目標値(〇人)」: the unit and its figure, said as a placeholder
            topic = re.sub(r"具体的な?|人数|何人|[〇○◯]\s*(?:人|名)|(?:の)?(?:よう|みたい)(?:に|な)|"
                           r"\b(?:numbers? of people|people|persons|headcounts?|specific)\b",
                           " ", TARGET_PEOPLE_PATTERN.sub(" ", topic), flags=re.I)
        # (「都道府県の数で測られている」, 「…で計っている」: how the KPI counts, as 数える says it)
        topic = re.sub(r"パーセント|割合|比率|数値目標|数値|数字|目標値?|表示|表記|単位|"
                       r"kpi|指標|(?:数|かぞ)え(?:る|て(?:いる|る)?)|使(?:う|って(?:いる|る)?)|ある|いる|"
                       r"[測計](?:る|ら(?:れ)?(?:て(?:いる|る)|る)|って(?:いる|る))|"
                       r"効果|成果|進捗|になって(?:いる|る)|なって(?:いる|る)|団体数|書かれて(?:いる|る)|書いて(?:ある|いる|る)|"
                       r"って|決まって(?:いる|る)|設定されて(?:いる|る)|入って(?:いる|る)|"
                       # (「…はどれですか」: the polite ending whole, not its で taken as a particle, leaving すか)
                       r"(?:あり|い)?(?:です|でしょう|ます)か?|"
                       r"や|とか|の|が|に|で|を|は|\b(?:set|sets|setting|have|has|with|in|their|its|as|a|targets?|goals?|aim(?:s|ed|ing)?|"
                       r"percent(?:age)?s?|numbers?|count(?:s|ing)?|kpis?|use|uses|using|used|measured?|by)\b", " ", topic, flags=re.I)
    if (ministry_count or target_unit or kpi_counts) and has_topic(topic):
        # 「道路メッシュカバー率90%以上を目標にしている施策」, 「…した自治体の数を効果指標にしている施策」: the figure or count
        # describes one KPI, named by its own words; those words find it, as a question about that KPI
        ministry_count, target_unit, kpi_counts, topic = "", "", "", before_counted
    is_list = (asks_list(q) or named or kpi_unset or several_leads or bool(counted_leads) or bool(marks_rule) or bool(articles)
               or bool(guides) or bool(ministry_count or target_unit or kpi_counts))
    mentions, in_name = mentioned_words(q)
    # 「環境省が記載されているもの」, 「外務省と書かれている施策」: a body of the table said to be written is the ministry
    # slot (named in 府省庁名, any role), where the table writes its bodies; not a word the other cells must hold
    mentions = tuple(w for w in mentions if not (in_name or lexicon.get(normalize(w)) in found)) if found else mentions
    in_kpi = kpi_words(q) if not (mentions or ministry_count or target_unit or kpi_counts or kpi_unset or kpi_rule) else ()
    if in_kpi:
        mentions, is_list = in_kpi, True
    dated = dated_ask(q)
    if dated is not None and dated.no_target:  # 「数値目標が設定されていない」: the target figure, not a KPI cell's state
        kpi_unset, kpi_rule = False, ""
        topic = re.sub(r"設定されていない|設定されてない|設定がない|決まっていない|決まってない|書かれていない|書かれてない|書いてない|"
                       r"ない|無い|なし|無し|数値(?:の|で)?|数字(?:の|で)?|\b(?:no|without|numeric|numerical|quantitative|targets?|goals?)\b",
                       " ", topic,
                       flags=re.I)
    if dated is not None:  # 「2022年の予定や目標に触れている」: the milestones say it, 目標 is no word to look for
        mentions = tuple(w for w in mentions if not DATED_WORDS.fullmatch(normalize(w)) and "年" not in w)
    if mentions:  # 「マイナンバーに触れてる施策」: the cards holding the word, a question about the cells only
        topic = _IN_NAME.sub(" ", MENTION_PATTERN.sub(" ", _QUOTED.sub(" ", topic)))
        # (the longer first: 特定健診 before 健診, whose removal would leave 特定 as a topic of its own)
        for w in sorted((x for said in mentions for x in said.split(ANY_OF)), key=len, reverse=True):
            topic = topic.replace(normalize(w), " ")
        topic = re.sub(r"(?:が|を)?(?:入って(?:いる|る)|含(?:む|まれる|んで(?:いる|る))|使(?:う|って(?:いる|る)))", " ", topic)
        if not in_name:  # 「効果のKPIに」: the cell named as the place of the words, no subject
            for _, pattern in _MENTION_CELLS:
                topic = pattern.sub(" ", topic)
            topic = re.sub(r"(?:が|を)?(?:使われて(?:いる|る)|用いられて(?:いる|る))", " ", topic)
        if in_kpi:  # 「KPIに…の参加数や開催回数を使っている」: what the KPI counts, said of the word found
            topic = _KPI_HOLDS.sub(" ", topic)
            topic = re.sub(r"kpi|指標|参加|開催|回数|件数|人数|数|や|の|を|に|して|使(?:う|って(?:いる|る)?)", " ", topic, flags=re.I)
    if dated is not None:  # 「令和7年度までを期限とする施策」: the set of cards whose milestones say so
        topic, is_list = _ORPHAN_JOIN.sub(" ", _DATED_CELLS.sub(" ", DATED_WORDS.sub(" ", topic))), True
    english = not _JAPANESE.search(q) or bool(is_english(q))
    # "How is the police modernizing driver's license work?", "What is MIC doing about rural mobile coverage?": in
    # English the ministry is said as the one who does the thing asked about, and the question, no list by its words,
    # asks for the measure that does it. A Japanese question naming a ministry and a topic is a list the list model
    # counts, and its lexical side tells the one measure apart (「警察は運転免許業務をどう効率化している？」: 02-05 rated
    # 1.00, the next 0.22); an English sentence has almost no lexical side (its words are in no card), so the list
    # model rated four police cards in (02-05 0.95, 02-08 0.78, 02-07 0.66, 02-06 0.55) and the question read as the
    # ministry's list. Read as one measure, it is searched among the ministry's cards and answered as a question naming
    # no ministry is: the first card, the others on their own confidence.
    # Only a question sentence ("how is …", "what does …", "is there …"): a string of keywords ("National Police Agency
    # research for self-driving cars") searches the ministry's cards on the subject, as 「警察庁 自動運転」 does; and
    # not one that says measures in the plural ("Which healthcare measures does MIC lead?", "what new systems …") or
    # points at a list ("Of those, which one is led by the Cabinet Office?" restricts that list)
    one_measure = (english and bool(found) and not missing and bool(_ASKING_EN.match(q)) and not asks_list(q)
                   and not _PLURAL_EN.search(q) and not _POINTING_EN.search(q) and names_subject(topic)
                   and not (ids or chapters or kpi_unset or several_leads or kpi_rule or marks_rule or articles or guides
                            or mentions or dated is not None or ministry_count or target_unit or kpi_counts))
    is_list = is_list and not one_measure
    return QueryIntent(ministries=tuple(found), absent_ministries=tuple(missing), lead=lead, leads=leads,
                       all_ministries=all_ministries, not_lead=not_lead,
                       ids=ids, chapters=chapters, kpi_unset=kpi_unset, several_leads=several_leads, is_list=is_list,
                       lead_count=counted_leads,
                       sole_lead=sole_lead,
                       kpi_rule=kpi_rule, marks_rule=marks_rule, articles=articles, guides=guides,
                       literal=bool(MENTION_PATTERN.search(q)) or bool(in_kpi), mentions=mentions, mentions_in_name=in_name,
                       mentions_in_kpi=bool(in_kpi), mentions_in_ministries=bool(mentions and MINISTRY_CELL.search(q)),
                       mention_fields=mention_cells(q) if mentions and not in_name else (),
                       english=english, kana=is_kana_query(q), topic=topic.strip(),
                       dated=dated, in_charge=in_charge, one_measure=one_measure,
                       ministry_count=ministry_count, target_unit=target_unit, kpi_counts=kpi_counts)


# A body named only to be told apart from the one meant: "led by the Cabinet Office — not the Cabinet Secretariat",
# "(not the Cabinet Secretariat)", 「内閣官房ではなく内閣府が主担当」: "not" right before its name and no verb of its
# own after it, or 「ではなく」 right after it and another body's name next; the names are alike, so the asker says
# which one, and the one set aside is no filter (a body denied a role, "not led by …", 「…が入っていない」, is read as
# the role's negation)
_NOT_THE = re.compile(r"(?:^|(?<=[\s,(—–-]))not\s+(?:the\s+)?(?=\s|$)")
_EN_VERB_AFTER = r"(?!\s*(?:\(|,)?\s*(?:leads?|led|runs?|is|are|was|does|do|has|have|involved|takes?|in charge|as|but)\b)"
_JA_SET_ASIDE = r"\s*(?:ではなく|じゃなくて|じゃなく|でなく)(?:て)?[、,\s]*"


def _set_aside(q: str, found: Sequence[str], lexicon: dict[str, str]) -> set[str]:
    """The bodies of `found` named only to be told apart from another one named (_NOT_THE, 「AではなくB」)."""
    if len(found) < 2:
        return set()
    aliases = sorted(((a, n) for a, n in lexicon.items() if n in found), key=lambda an: -len(an[0]))
    out = set()
    for alias, name in aliases:
        a = re.escape(alias)
        if alias.isascii():
            if re.search(r"(?:^|[\s,(—–-])not\s+(?:the\s+)?" + a + r"(?![a-z])" + _EN_VERB_AFTER, q):
                out.add(name)
        elif (m := re.search(a + _JA_SET_ASIDE, q)) and any(q.startswith(b, m.end()) for b, other in aliases if other != name):
            out.add(name)
    return out if len(out) < len(found) else set()


# Words that say which cell a 工程表 question reads and how the date is written (「概要のなかで」, 「効果KPIに」,
# 「〇年度以降って書き方」, "whose overview sets a goal"), and the plan's own year (「計画の時点（2021年）より先」): no topic
_DATED_CELLS = re.compile(r"課題・取組概要|取組概要|概要|課題|kpi|指標|効果|進捗|欄|セル|日付|日程|年月|書き方|書かれ方|表現|言い回し|文言|年号|"
                          r"(?:計画の)?時点|より(?:先|後|あと)|(?:の)?(?:なか|中)(?:で|に)|年|度|〇|○|先|どっち|どちら|平成|令和|古い|過去|経緯|\bfy\s*\d{4}\b|"
                          r"\b(?:overview|description|outcome|progress|effect|indicators?|targets?|goals?|sets?|reached|reach|"
                          r"achieved|deadlines?|due|whose|be|fy|reiwa|heisei|years?|fiscal|mention(?:s|ed|ing)?|their|its|in|"
                          # "start operating in FY2022", "go live": when something begins
                          r"start|starts|begin|begins|launch|launches|operating|operation|operational|go|goes|live|"
                          r"rolls?|rolled|out|come|comes|into|service|by|until|set|sets|have|has|a|an|the|"
                          # "aim to hit their goals", "due by the end of FY2025", 「締め切り」
                          r"aims?|aiming|hit|hits|meet|meets|end|of|to|are|is|"
                          # "state a deadline", "gives a due date": a date said to be written in the cell
                          r"states?|stated|gives?|given|written|dates?|includes?|"
                          # "FY2026 or later", "for 2023 and beyond", "FY2021 or earlier": the range said after the
                          # year, with the year
                          r"(?:(?:for|in|from)\s+)?(?:(?:19|20)\d{2}\s+)?(?:or|and)\s+(?:later|after|beyond|thereafter|"
                          r"onwards?|earlier|before|sooner)|onwards?)\b|締め?切り?|〆切", re.I)


def _mark_columns(q: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The article and 手引 columns a question names (「14条」, 「11条3項」, 「都道府県の手引」), as the table names them."""
    from ..corpus import ARTICLE_COLUMNS, GUIDE_COLUMNS

    articles: list[str] = []
    other = COLUMN_OTHER.search(q)
    if other:  # 「11条1項2項以外の条にも印がある」: every column of that kind but those named
        named = _mark_columns(other.group("named"))[0] + tuple(g for g in GUIDE_COLUMNS if g in other.group("named"))
        kind = other.group("kind")
        pool = ARTICLE_COLUMNS if kind == "条" else GUIDE_COLUMNS if kind == "手引" else ARTICLE_COLUMNS + GUIDE_COLUMNS
        left = [c for c in pool if c not in named]
        return tuple(c for c in left if c in ARTICLE_COLUMNS), tuple(c for c in left if c in GUIDE_COLUMNS)
    for a, b, c, d in ARTICLE_RANGE.findall(q):  # 「17条から19条」: each article between, both ends too
        first, last = int(a or c), int(b or d)
        articles += [col for col in ARTICLE_COLUMNS if first <= int(col[:2]) <= last]
    for num, para in ARTICLE_PATTERN.findall(q) + ARTICLE_EN_PATTERN.findall(q):
        cols = [c for c in ARTICLE_COLUMNS if c.startswith(num + "条")]
        if para:
            cols = [c for c in cols if f"{para}項" in c] or cols
        articles += cols
    guides = [g for g in GUIDE_PATTERN.findall(q) if g in GUIDE_COLUMNS]
    if re.search(r"印|マーク|[◎○〇]", q):  # (「KPIに「市町村」って書いてある」: the words of a cell, no column)
        guides += [a or b for a, b in GUIDE_HEADING.findall(q)]
    if GUIDE_PAIR.search(q):  # 「都道府県・市町村向けの手引」: both, the first named before the second's
        guides = list(GUIDE_COLUMNS)
    guides += [g for g in ("都道府県" if w.lower().startswith("prefect") else "市町村" for w in GUIDE_EN_PATTERN.findall(q))
               if g in GUIDE_COLUMNS]
    if not guides and _guides_only(q):
        guides = list(GUIDE_COLUMNS)
    return tuple(dict.fromkeys(articles)), tuple(dict.fromkeys(guides))


def column_symbol(q: str) -> str:
    """The one symbol a question about a 条・手引 column asks for (「◎じゃなくて○」: ○, "double circle": ◎), as a marks rule
    (symbol◎, symbol○); "" for any mark (「◎か○」)."""
    double, circle = "◎" in q or bool(re.search(r"double circle", q, re.I)), bool(re.search(r"[○〇]|single circle", q, re.I))
    if double and circle:
        not_this = _EN_NOT_THIS.search(q)  # "a single circle rather than ◎": the one after the words is not asked
        if re.search("◎" + _NOT_THIS, q) or not_this and re.search(r"◎|double", not_this.group(1), re.I):
            return "symbol○"
        return "symbol◎" if re.search("[○〇]" + _NOT_THIS, q) or not_this else ""
    return "symbol◎" if double else "symbol○" if circle else ""


# 「◎（主に該当）が付いている」, 「○(連携)だけ」: a mark with its meaning glossed in parentheses, read as the mark alone
_MARK_GLOSS = re.compile(r"([◎○〇])\s*[(（][^)）]{1,12}[)）]")
# … or the meaning first and the mark in parentheses: 「連携（○）」, 「「主に該当（◎）」」
_GLOSS_MARK = re.compile(r"「?(?:主に該当(?:する)?|該当|主|連携(?:する)?)(?:もの)?\s*[(（]\s*([◎○〇])\s*[)）]」?")


# 「2023年の期限や目標が書かれている」 less its date words is 「の や が書かれている」: the や that joined them is left
# alone, and MeCab reads a lone や as a noun (矢), a topic; a joining word between blanks joins nothing
_ORPHAN_JOIN = re.compile(r"(?:(?<=\s)|^)(?:や|とか|か|と|及び|および|または|又は|もしくは|・|、)(?=\s|$)")


# The words that name the 条・手引 mark cells and a place in them, said around a column asked (「条・手引の印のところに
# 「11条1項2項」が」, 「条・手引の印の欄で、」, 「手引の印（都道府県・市町村）」): where the column is, never a subject
_MARK_PLACE = re.compile(r"(?:(?:基本法の)?条(?:文)?\s*(?:・|や|と|及び|および|、|/)?\s*手引き?|手引き?|条文)?\s*(?:の)?\s*"
                         r"(?:印|マーク|しるし)\s*(?:の)?\s*(?:ところ|所|欄|列|部分|箇所|項目)?\s*(?:に|で|の|は)?|"
                         r"(?:条(?:文)?\s*(?:・|や|と|及び|および|、|/)\s*)?手引き?\s*(?:の)?\s*(?:欄|列)?\s*(?:に|で|の|は)?|"
                         r"[「『]\s*[」』]|[(（]\s*[)）]|(?<![\d一-龥])条(?:文)?\s*(?:・|や|と|及び|および|、|/)?(?=\s|$)")


# The mark columns' heading words typed in kana (「じょう・てびきのしるし」, 「11じょう」, 「にじゅうまる」): spelled as the table
# heads them, as ministries are (じょう alone is 条 only beside a number or てびき: 上, 情 and 場 read the same)
# (and the KPI columns' heading and the unit of a share target, 「けーぴーあい」, 「ぱーせんと」, as the cells' rules read them)
_MARK_SPELLINGS = {"てびき": "手引", "しるし": "印", "じょう": "条", "にじゅうまる": "◎", "こう": "項", "けーぴーあい": "KPI",
                   "ぱーせんと": "パーセント", "とどうふけん": "都道府県", "しちょうそん": "市町村", "いん": "印", "らん": "欄",
                   "れつ": "列"}
# (not 「なんぱーせんと」: how many %, which text.COUNTER_KANA reads whole)
_MARK_KANA = re.compile(r"てびき|しるし|にじゅうまる|けーぴーあい|(?<!なん)ぱーせんと|(?<=\d)じょう|じょう(?=\s*[・やと]\s*てびき)|"
                        r"(?:(?<=じょう\d)|(?<=条\d)|(?<=こう\d)|(?<=項\d))こう|"
                        # 「とどうふけん の らんに いん ついてる」, 「じょうの いん ついてる」: the 手引 columns' headings, and the
                        # cell (らん, れつ) and mark (いん) words as words of their own (after a blank, a column word or
                        # の; いん before it is said to be there, らん before a particle): 印, 欄, 列 (not 議員, 病院)
                        r"とどうふけん|しちょうそん|(?<![ぁ-んァ-ヶ一-龥])じょう(?=\s*の\s*(?:しるし|いん|らん|れつ|欄|列|印))|"
                        r"(?<![ぁ-んァ-ヶ一-龥])(?:(?<=の)|(?<=\s)|(?<=^))(?:いん(?=\s*(?:が|も|は)?\s*(?:ついて|付いて|ある|あり|ない|なし))|"
                        r"(?:らん|れつ)(?=\s*(?:に|で|の|は)))")


# 「◎か○」, 「○または◎」, 「◎や○」: either symbol, i.e. any mark
_EITHER_MARK = re.compile(r"◎\s*(?:か|または|又は|もしくは|や|・|/|／)\s*[○〇]|[○〇]\s*(?:か|または|又は|もしくは|や|・|/|／)\s*◎")


# The marks whose column the table does not let us place (PolicyCard.unresolved_marks, 22 cards): 「列の読み取れない印」,
# 「どの条・手引の列か表から読み取れない印」, 「印の列が分からない」, 「どの列の印か特定できない」, "marks whose column is unknown",
# "unplaced marks". A column word and a mark word said around a word that the column cannot be read (within one sentence):
# which marks, not a subject. (「読み取れない印の扱いも含めて」 beside a column asked names no column: it asks the note.)
_UNREADABLE = (r"(?:読み取れ(?:ない|ず|ません)|読みとれ(?:ない|ず)|読め(?:ない|ず)|分から(?:ない|ず)|わから(?:ない|ず)|判ら(?:ない|ず)|"
               r"不明|不詳|特定(?:でき(?:ない|ず)|されていない)|決め(?:られ|れ)(?:ない|ず)|決まら(?:ない|ず)|未確定|不確定|確定(?:でき)?(?:ない|しない)|"
               r"判別(?:でき)?(?:ない|ず)|判断(?:でき)?(?:ない|ず)|定まら(?:ない|ず)|割り?当て(?:られ)?(?:ない|ず)|"
               r"置け(?:ない|ず))")
_UNPLACED_MARKS = re.compile(
    r"(?:列|欄|どの\s*(?:条|手引))[^。？?!！]{0,14}?" + _UNREADABLE + r"[^。？?!！]{0,8}?(?:印|マーク|しるし|◎|○|〇)|"
    r"(?:印|マーク|しるし)[^。？?!！]{0,6}?(?:列|欄)[^。？?!！]{0,8}?" + _UNREADABLE + r"|"
    r"(?:列|欄)[^。？?!！]{0,6}?(?:印|マーク|しるし)[^。？?!！]{0,4}?" + _UNREADABLE + r"|"
    r"(?:列|欄)(?:が|の)?(?:不明|未確定|不確定|不詳)の?(?:印|マーク|しるし)|"
    r"\b(?:unplaced|unresolved|unassigned|unattributed|unlocated)\s+(?:\S+\s+)?marks?\b|"
    r"\bmarks?\b[^.?!]{0,40}?\bcolumns?\b[^.?!]{0,30}?\b(?:unknown|unclear|undetermined|unreadable|"
    r"can(?:no|')t|can\s+not|could(?:n't| not)|isn't|is not|not)\b|"
    r"\bmarks?\s+(?:in|with|without|of)\s+(?:no|an?\s+unknown|unknown|an?\s+unclear|unclear)\s+columns?\b", re.I)
# how many of them: 「列の読み取れない印が2つ以上」, 「複数付いている」, "two or more unplaced marks"
_UNPLACED_COUNT = re.compile(r"(\d+|[二三四五六七八九])\s*(?:つ|個|か所|ヶ所|カ所)?\s*以上|(複数)|"
                             r"\b(?:(\d+|two|three|four)\s+or\s+more|more\s+than\s+(one|\d+)|multiple|several)\b", re.I)
_EN_NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4}


def unplaced_marks_rule(q: str) -> str:
    """「列の読み取れない印が付いている施策」: the rule of the marks the table does not place (results.marks_rule_met):
    unplaced (some such mark), unplacedN (N of them or more: 「2つ以上」, 「複数」, "more than one"), either with the one
    symbol said (unplaced◎: 「列が不明の◎」); "" when the question
    does not ask for them, or names a column (「17条の列に印…読み取れない印の扱いも含めて」: that column decides, and the
    answer names the undecided cards)."""
    said = _UNPLACED_MARKS.search(q)
    if said is None or ARTICLE_PATTERN.search(q) or ARTICLE_EN_PATTERN.search(q) or ARTICLE_RANGE.search(q) \
            or GUIDE_PATTERN.search(q) or GUIDE_EN_PATTERN.search(q):
        return ""
    # 「列が不明の◎」: of that symbol only (unplaced◎, unplaced2○); 「◎か○」 either
    symbol = "".join(sorted({"◎" if c == "◎" else "○" for c in said.group(0) if c in "◎○〇"}))
    symbol = symbol if len(symbol) == 1 else ""
    count = _UNPLACED_COUNT.search(q)
    if count is None:
        return "unplaced" + symbol
    if count.group(2) or re.match(r"multiple|several", count.group(0), re.I):
        return "unplaced2" + symbol
    n = count.group(1) or count.group(3)
    if n:
        n = str(_KANJI_DIGITS.get(n, _EN_NUMBERS.get(n.lower(), n)))
        return f"unplaced{n}{symbol}"
    more_than = count.group(4)
    return f"unplaced{int(_EN_NUMBERS.get(more_than.lower(), more_than)) + 1}{symbol}"


def _marks_rule(q: str) -> str:
    """Which 条・手引 mark question it is (results.cell_rules): only ○ (circle_only), no ◎ (no_double), no mark at
    all (none), a ◎ (double), a ○ (circle), some mark (any); "" when it names no mark, or names an article or 手引 column (then
    those columns decide: 「14条に印がある」)."""
    q = _MARK_GLOSS.sub(r"\1", q)
    unplaced = unplaced_marks_rule(q)
    if unplaced:
        return unplaced
    if not _JAPANESE.search(q):
        return _english_marks_rule(q)
    if MARKS_CIRCLE_PATTERN.search(q):
        return "circle_only"
    # 「市町村の欄に印」, 「「都道府県」の印」: a 手引 column named by its heading is a column asked (_mark_columns), as
    # 「市町村の手引」 is: that column decides, and a mark the table does not place is counted in none
    heading = bool(re.search(r"印|マーク|[◎○〇]", q)) and bool(GUIDE_HEADING.search(q))
    cells = re.search(r"条|手引", q) and not (ARTICLE_PATTERN.search(q) or GUIDE_PATTERN.search(q) or heading)
    count = MARKS_COUNT_PATTERN.search(q)
    if cells and count:  # 「マークが3つ以上」, 「複数の条にまたがる」: at least that many marked columns (min3)
        n = count.group(1) or count.group(2) or count.group(3) or count.group(4)
        # 「2つ以上の条にマーク」, 「複数の条にまたがる」: the 条 columns are what is counted, not every mark
        of_articles = (re.match(r"(?:の)?条", q[count.end():]) or count.group(0).endswith("条")
                       or bool(re.search(r"以上の条", count.group(0))))
        # 「◎が2つ以上」: the ◎ marks are counted, not every mark (「印が2つ以上」, 「◎か○が2つ以上」 count both)
        double = "◎" in count.group(0) and not re.search("[○〇]", count.group(0))
        several_columns = bool(count.group(3) or count.group(4))  # 「2つ以上の条に◎」: ◎ in that many columns
        double = double or (several_columns and "◎" in q[count.start():count.end() + 2] and not re.search("[○〇]", q))
        return f"min{_KANJI_DIGITS.get(n, n) if n else 2}" + ("◎" if double else "") + ("条" if of_articles else "")
    if cells and "印" not in q and "○" not in q and "〇" not in q and MARKS_NO_DOUBLE_PATTERN.search(q):
        return "no_double"
    if MARKS_NONE_PATTERN.search(q):
        return "none"
    if cells and _EITHER_MARK.search(q):
        # 「いずれかの条に印(◎か○)がついている」: either symbol is some mark, not a ◎; in the 条 columns when only they
        # are named (the 手引 columns left out)
        return "min1条" if "手引" not in q else "any"
    if _guides_only(q):  # 「手引の欄に◎がある」: the 手引 columns themselves (_mark_columns)
        return ""
    if cells and MARKS_DOUBLE_PATTERN.search(q):
        return "double"
    if cells and "◎" not in q and MARKS_CIRCLE_ANY_PATTERN.search(q) and not re.search(r"[○〇]\S{0,3}?(?:だけ|のみ|しか)", q):
        return "circle"
    if cells and MARKS_ANY_PATTERN.search(q) or cells and READABLE_MARK.search(q):
        # 「読める印がある」, 「列の読める印」: the marks the table places in a column, a card with only unplaced marks left
        # out (placed); 「条の印がある」 with no 手引 said: a placed mark in a 条 column (min1条), since a mark in no
        # column is in no 条 column either (the writers count it in no named column)
        if _ARTICLES_ONLY.search(q) and "手引" not in q:
            return "min1条"
        return "placed" if READABLE_MARK.search(q) else "any"
    return ""


# 「読める印」, 「読み取れる印」, 「列の分かる印」, "a readable mark", "placed marks": a mark whose column the table gives
READABLE_MARK = re.compile(r"(?:読め|読み取れ|読みとれ|よめ|よみとれ|判読でき|分か|わか)る\s*(?:条|手引|じょう)?\s*(?:の)?\s*"
                           r"(?:印|マーク|しるし|◎|○|〇)|"
                           r"\b(?:readable|legible|placed|resolved|locatable)\s+(?:\S+\s+)?marks?\b", re.I)
# 「条の印」, 「条の欄に印」, 「いずれかの条に」: the 条 columns named as a kind (no number), without 手引 (checked apart)
_ARTICLES_ONLY = re.compile(r"(?<![\d一-龥])条(?:文)?\s*(?:の)?\s*(?:欄|列|ところ|所)?\s*(?:の|に)?\s*(?:印|マーク|しるし|◎|○|〇)|"
                            r"(?:読め|読み取れ|読みとれ|分か)る\s*条|いずれかの条|どれかの条|どこかの条|"
                            r"(?<![\d一-龥])条\s*(?:marks?|columns?)\b", re.I)


def _guides_only(q: str) -> bool:
    """The question names the 手引 columns and no 条 (「手引の欄に印がある」): both 手引 columns, whose marks the table
    places (the general mark rules count marks in no column with the 条's)."""
    return bool(GUIDES_BOTH_PATTERN.search(q)) and not re.search(r"条|\barticles?\b", q, re.I) and not (
        GUIDE_PATTERN.search(q) or GUIDE_EN_PATTERN.search(q))


def _english_marks_rule(q: str) -> str:
    """_marks_rule of a question in English: the article or guide columns named ("in the article columns"), then which
    marks; "" when it names an article or guide of its own (then that column decides) or no column at all."""
    if ARTICLE_EN_PATTERN.search(q) or ARTICLE_RANGE.search(q) or GUIDE_EN_PATTERN.search(q):
        return ""
    if _EN_MARKS_CIRCLE.search(q) and re.search(r"\bcircles?\b", q):  # "only single circles (○)": the mark cells' symbols
        return "circle_only"
    if not _EN_MARK_CELLS.search(q) or (re.search(r"ministr|agenc|bod(?:y|ies)", q, re.I)
                                        and not re.search(r"\b(?:articles?|guides?|guidebooks?)\b", q, re.I)):
        return ""  # "more than one ◎ in the ministry column": the 府省庁名 cell's ◎, not a mark
    if _EN_MARKS_CIRCLE.search(q):
        return "circle_only"
    if _EN_MARKS_NO_DOUBLE.search(q) and not re.search(r"○|〇|single circle|\bmarks?\b", q):
        return "no_double"
    if _EN_MARKS_NONE.search(q):
        return "none"
    if _guides_only(q):
        return ""
    if _EN_MARKS_DOUBLE.search(q):
        return "double"
    return "any" if _EN_MARKS_ANY.search(q) else ""


# 「片方だけ」, 「一方だけ」, 「どちらか一方のみ」, "only one of the two": one of a pair and not the other
_ONE_OF_TWO = re.compile(r"(?:片方|片一方|一方|どちらか(?:一方|片方)?|どっちか(?:一方|片方)?)\s*(?:だけ|のみ)|"
                         r"\bonly one of (?:the|its|their)? ?(?:two|kpis?|cells?)\b", re.I)


def _kpi_rule(q: str) -> str:
    """Which KPI cells a 「KPIが未設定/空欄」 question means, when it says more than 「未設定 or blank」: blank cells
    only (空欄), or 未設定 in the 効果 (or 進捗) KPI, with the other one set when it says so (進捗はあるのに)."""
    # 「未設定とか空欄」: both count (a cell with no KPI either way); 「空欄は除く」: only the written 未設定
    # 「「未設定」と書かれている（空欄は除く）」, 「KPIが今後設定となっている」: what the cell says, blank cells not counted
    # … and 「KPIが「未設定」になっている」: the word quoted is the cell's own word, so a blank cell is not it (「「未設定」か
    # 空欄」 names both)
    # … as is the table's word cited in an English question ("KPIs marked as 未設定 (not set)")
    cited = "未設定" in q and bool(re.search(r"[A-Za-z]{3,}", q)) and not re.search(r"[\u3040-\u309f]", q)
    # … and 「KPIが未設定になっている」 unquoted too: 未設定 is the word the table writes in a cell for a KPI to be set
    # later (02-05, 02-10, 04-01); a blank cell (05-35, 05-36) writes nothing, so it is not 未設定 unless the question
    # also asks for blanks or for no KPI at all (「未設定か空欄」, 「まだ決まっていない」), as 「効果KPIが未設定」 reads
    # the 効果 cell's own word
    written = ("未設定" in q and bool(KPI_BLANK_EXCLUDED.search(q))) or (
        bool(cited or re.search(r"今後設定|設定予定|未設定", q)) and not KPI_BLANK_PATTERN.search(q)
        and not (KPI_NONE_WORDS.search(q) and not cited))
    blank_too = bool(KPI_BLANK_PATTERN.search(q) or KPI_NONE_WORDS.search(q)) and not written
    english = _english_kpi_cells(q)
    if english:  # "progress KPI set but not the outcome KPI": the outcome cell holds none, the progress one does
        return english + ("_or_blank" if blank_too else "") + "_only"
    if _ONE_OF_TWO.search(q):
        # 「KPIが片方だけ未設定」, 「一方だけ空欄」: one of the two cells holds no KPI and the other does (not a card with
        # neither set: 「だけ」 says the other one is)
        return "one_blank" if KPI_BLANK_PATTERN.search(q) and not KPI_UNDECIDED.search(q) else "one"
    if KPI_BLANK_PATTERN.search(q) and "未設定" not in q and not KPI_UNDECIDED.search(q) and not re.search(
            r"\b(?:no|not|unset|undefined|without|lack)\b", q, re.I):
        # 「進捗も効果も空欄」, "both KPI columns blank": neither cell holds anything
        both = re.search(r"両方|どちらも|どっちも|いずれも|ともに|共に|\bboth\b", q, re.I) or re.search(
            r"進捗\S{0,6}?も\S{0,8}?効果\S{0,6}?も|効果\S{0,6}?も\S{0,8}?進捗\S{0,6}?も", q)
        return "blank_both" if both else "blank"
    unset = r"(?:まだ|も)?(?:" + KPI_UNSET_WORDS + r"|ない|無い|なし|無し)"
    if re.search(r"両方|どちらも|どっちも|いずれも|ともに|共に|\bboth\b|\bneither\b[^.?!]*\bnor\b|"
                 r"\bneither\s+(?:of\s+(?:the|their|its)\s+)?(?:two\s+)?kpis?\b", q, re.I) or (
            "効果" in q and "進捗" in q and re.search(
            r"進捗\S{0,6}?も\S{0,8}?効果\S{0,6}?も|効果\S{0,6}?も\S{0,8}?進捗\S{0,6}?も|"
            # 「進捗・効果とも未設定」: the two named, then とも (both)
            r"(?:進捗|効果)\S{0,6}?[・とや､、/](?:効果|進捗)\S{0,6}?とも", q)):
        # 「KPIが両方とも未設定」: both cells say 未設定; 「進捗も効果も決まっていない」: neither holds a KPI (未設定 or blank)
        # (「未設定か空欄」: either state in each cell, so neither holds a KPI)
        return "both" if "未設定" in q and not blank_too else "neither"
    effect = re.search(r"効果\S{0,4}?(?:kpi|指標)?\S{0,4}?(?:が|は|だけ|のみ)?" + unset + r"|(?:kpi|指標)\s*[(（]?\s*効果|"
                       r"\b(?:effect|outcome) kpi", q, re.I)
    progress = re.search(r"進捗\S{0,4}?(?:kpi|指標)?\S{0,4}?(?:が|は|だけ|のみ)?" + unset + r"|(?:kpi|指標)\s*[(（]?\s*進捗|"
                         r"\bprogress kpi", q, re.I)
    # "progress or outcome KPI not set": each cell a list of English cell names before "KPI" names
    named = re.search(r"\b((?:progress|outcome|effect)(?:\s*(?:,|/|or|and)\s*(?:progress|outcome|effect))+)\s+kpi", q, re.I)
    if named:
        effect = effect or re.search(r"outcome|effect", named.group(1), re.I)
        progress = progress or re.search(r"progress", named.group(1), re.I)
    # 「進捗KPIはあるのに効果KPIが未設定」, 「効果KPIだけ決まっていない」: the other cell holds a KPI
    other_set = (re.search(r"(?:は|が)(?:ある|あって|あり|設定(?:されて|済))", q) and "進捗" in q and "効果" in q) or re.search(
        r"(?:だけ|のみ)\S{0,3}?(?:" + KPI_UNSET_WORDS + r")|\bonly\b", q, re.I)
    if effect and not progress:
        return "effect" + ("_or_blank" if blank_too else "") + ("_only" if other_set else "")
    if progress and not effect:
        return "progress" + ("_or_blank" if blank_too else "") + ("_only" if other_set else "")
    return "written" if written else ""


def _english_kpi_cells(q: str) -> str:
    """The KPI cell an English question says is missing while the other is set ("progress KPI set but not the outcome
    KPI", "outcome KPI missing but a progress KPI in place"): effect or progress; "" otherwise."""
    cell = r"(progress|outcome|effect)"
    m = re.search(r"\b" + cell + r" kpis?\b[^.?!]{0,40}?\bbut\b[^.?!]{0,20}?\b(?:not|no|without|missing|lacks?)\b[^.?!]{0,15}?\b"
                  + cell + r"\b", q, re.I)
    unset = m.group(2) if m else ""
    if not m:
        m = re.search(r"\b" + cell + r" kpis? (?:is |are )?(?:still )?(?:not set|unset|missing|blank|empty|undefined|not (?:yet )?"
                      r"defined)\b[^.?!]{0,30}?\bbut\b[^.?!]{0,20}?\b" + cell + r"\b", q, re.I)
        unset = m.group(1) if m else ""
    return "" if not unset else "progress" if unset.lower() == "progress" else "effect"


# 「目標の年度が明記されているもの」, 「達成時期が書いてあるKPI」, "a target year stated": a KPI target whose year the cell
# writes (index.roadmap.targets_of: 令和6年度までに90%以上 has one; 125km, 現時点では達成時期が見込めない, none)
KPI_TARGET_YEAR_PATTERN = re.compile(
    r"(?:目標|達成)(?:の)?(?:年度|年次|年|時期|期限)\S{0,3}?(?:が|は|も)?(?:ちゃんと|きちんと|はっきり)?(?:明記|明示|書かれ|書いて|かかれ|かいて|記載|記され|示され|入って|"
    r"決まって|定められ|設定され|ある|あり)|"
    r"\b(?:target|goal)\s+(?:years?|dates?|deadlines?)\s+(?:is\s+|are\s+)?(?:stated|given|written|specified|set|spelled out)\b|"
    r"\b(?:with|have|has)\s+(?:a\s+|an\s+)?(?:stated|explicit|written|specified|clear)\s+(?:target\s+)?(?:years?|deadlines?|target dates?)\b",
    re.I)


def _kpi_set_rule(q: str) -> str:
    """「進捗も効果も両方ちゃんと設定されている」: "set" (both cells hold a KPI); with 「同じ文言」, "same" (… the same
    one); "" otherwise. Asked only of questions that ask for no unset KPI."""
    # asked of the measures (「…設定されている施策」, 「…を全部」), not of one card (「インボイスの件ってKPI設定されてる？」)
    of_measures = bool(LIST_PATTERN.search(q)) or bool(re.search(r"(?:いる|る|済み?|ずみ)の?\s*(?:施策|もの|やつ|取組|取り組み)", q))
    # 「同じ文言になってるのある？」, 「…になっているのはありますか」: the の that stands for the measures, then whether any is
    of_measures = of_measures or bool(re.search(r"(?:いる|る)の(?:は|って|が)?\s*(?:ある|あります|あれば|ない|ありません|どれ|どこ)", q))
    # 「…がまったく同じ文言の施策」: the measures that are so, said as a noun phrase
    of_measures = of_measures or bool(re.search("(?:" + KPI_SAME_PATTERN.pattern + r")\S{0,4}?の\s*(?:施策|もの|やつ|取組|取り組み)", q, re.I))
    if KPI_TARGET_YEAR_PATTERN.search(q) and not dated_ask(q):  # (a year named is the 工程表's question)
        return "target_year"
    if not of_measures:
        return ""
    if KPI_SAME_PATTERN.search(q) and re.search(r"kpi|指標|進捗|効果", q, re.I):
        return "same"
    return "set" if KPI_SET_PATTERN.search(q) else ""


def _lead_roles(q: str, names: list[str]) -> tuple[str, ...]:
    """The ministries whose own clause (from the name to the next named ministry) has a lead word, when only some of
    them do; () when all or none do (then the roles are not mixed)."""
    spots = sorted((q.find(n), n) for n in names if n in q)
    clauses = {n: q[at:spots[k + 1][0] if k + 1 < len(spots) else len(q)] for k, (at, n) in enumerate(spots)}
    # 「内閣府と内閣官房が両方とも主担当」: a name joined to the next by と / や / ・ has no clause of its own, the role
    # said after the last name is theirs too, where 両方 / ともに says so
    joined = {n for n, c in clauses.items() if re.fullmatch(r"\s*(?:と|や|・|、|,|及び|および|も)?\s*", c[len(n):])}
    leading = tuple(n for n, c in clauses.items() if says_lead(c))
    if leading and joined and ALL_PATTERN.search(q):
        leading = tuple(n for n in clauses if n in leading or n in joined)
    return leading if 0 < len(leading) < len(names) and len(clauses) == len(names) else ()


def is_kana_query(q: str) -> bool:
    """Written in kana with hardly any kanji (ひさいしゃしえん, ウエブアクセシビリテイ): the way people type when they
    do not convert, or spell a loanword from memory. The dense model reads such text badly; its sounds still match."""
    letters = [c for c in q if c.isalpha()]
    if not letters:
        return False
    kanji = sum("\u3400" <= c <= "\u9fff" for c in letters)
    kana = sum("\u3041" <= c <= "\u30ff" for c in letters)
    # a long sentence full of loanwords (パソコンやスマホ、ネットのサービス…) has little kanji too, but is converted text;
    # so is a short one whose words the IME did convert (「厚労省がメインで担当しているもの」: two kanji words, no
    # phone-style spaces), where respelling the grammar's kana would write している as 指定
    if len(_KANJI_WORD.findall(q)) >= 2 and not re.search(r"\S\s+\S", q.strip()):
        return False
    return kana / len(letters) >= 0.6 and kanji / len(letters) <= (0.2 if len(letters) <= 30 else 0.1)


_KANJI_WORD = re.compile(r"[\u3400-\u9fff々]{2,}")


#: Words every card of the table is, so that a list question's topic reads without them: 「港湾関係のデジタル化施策を全部」
#: is about 港湾, and its whole text embedded lands as near 罹災証明 as the 港湾 cards (each card is a デジタル化施策).
LIST_FILLER_WORDS = frozenset({"デジタル化", "デジタル", "施策", "取組", "取り組み", "関係", "関連", "関する", "化"})


@lru_cache(maxsize=1024)
def list_topic_text(text: str) -> str:
    """The content words of a list question's topic, spaced, without the list, framing and every-card words: what a
    topic list's cards are compared with (decide.list_features' topic_gap); "" when nothing is left. Read once per
    text: a topic list's search asks it of its question about ten times (its order, topic words, pieces, bare heads)."""
    runs: list[str] = []
    joined = False  # the words kept side by side stay one phrase, as written (自治体向け, サイバーセキュリティ人材)
    for t in analyzer().tokens(_without_list_words(past_reason(past_preface(text, has_topic), has_topic))):
        keep = (t.pos not in STOP_POS and t.base not in STOP_WORDS and t.base not in FRAMING_WORDS
                and t.base not in LIST_FILLER_WORDS and t.surface not in LIST_FILLER_WORDS and t.surface.strip())
        if keep and joined:
            runs[-1] += t.surface
        elif keep:
            runs.append(t.surface)
        joined = bool(keep)
    return " ".join(dict.fromkeys(runs))


#: What joins the items of a topic list that enumerates (「港湾とか物流の施策」, 「医療や介護の施策」): the list asks for
#: the measures of each item, not of what they share.
_ITEM_JOINS = ("とか", "や", "か", "・", "または", "もしくは", "及び", "および", "、")
_ITEM_POS = ("名詞", "接頭辞", "接尾辞")


def list_items(text: str) -> tuple[str, list[str]]:
    """The items a topic list enumerates, as (the words that enumerate them as written, each item): 「港とかコンテナ
    ターミナル関係の施策」 → ("港とかコンテナターミナル", ["港", "コンテナターミナル"]), 「医療や介護の施策」 → ("医療や
    介護", ["医療", "介護"]); ("", []) where it names one thing. Items are runs of nouns joined by とか or や (a run
    ends at a word every card is, 関係 or 施策). Read in the text's NFKC form (what the analyser reads), which
    the span is written in. Not in English: "remote medicine or telehealth" read as "medicine" counted 03-11
    匿名加工医療情報, and the English lists gained no card (eval/topic_list_study.py --items)."""
    text = unicodedata.normalize("NFKC", text)
    if is_english(text):
        return "", []
    # (start, end, surface, pos) of each token, as written (a token the analyser spells otherwise: no item spans it)
    # (a suffix that makes an adjective, っぽい or らしい, ends the item: 「オンライン診療っぽい」 is オンライン診療, and
    # read whole its words were オン, ライン, 診療, which 03-08 難病データベース's 診療情報 holds)
    spans = [(start, start + len(t.surface), t.surface, "" if t.pos == "接尾辞" and t.base.endswith("い") else t.pos)
             for start, t in token_spans(text)]
    runs: list[tuple[int, int]] = []  # the noun runs, less the words every card is (関係, 施策, デジタル化)
    for start, end, surface, pos in spans:
        noun = pos.startswith(_ITEM_POS) and surface not in LIST_FILLER_WORDS and surface not in STOP_WORDS
        if noun and runs and runs[-1][1] == start:
            runs[-1] = (runs[-1][0], end)
        elif noun:
            runs.append((start, end))
    chain: list[tuple[int, int]] = []
    for run in runs:
        if chain and text[chain[-1][1]:run[0]] in _ITEM_JOINS:
            chain.append(run)
        elif len(chain) >= 2:
            break
        else:
            chain = [run]
    if len(chain) < 2:
        return "", []
    items = [text[s:e] for s, e in chain]
    if any(is_framing(w) or not has_topic(w) for w in items):
        return "", []
    return text[chain[0][0]:chain[-1][1]], items


def is_framing(word: str) -> bool:
    """A FRAMING_WORDS word, an English one in any of its forms too: "involving" and "joined" frame a question as
    "involves" and "join" do ("List every measure involving the PPC": the commission's list, no topic)."""
    if word in FRAMING_WORDS:
        return True
    if not (word.isascii() and word.isalpha() and len(word) > 4):
        return False
    bases = []
    if word.endswith("ing"):
        bases += [word[:-3], word[:-3] + "e"]
    if word.endswith("ed"):
        bases += [word[:-2], word[:-1]]
    if word.endswith("s"):
        bases += [word[:-1]]
    return any(b in FRAMING_WORDS for b in bases)


# A request said in honorific form: ご or お and the verbal noun of what is asked, then a verb of asking or giving
# (「ご教示願います」, 「ご提示ください」, 「ご紹介いただけますか」, 「ご教示のほどお願い申し上げます」): the request itself,
# whatever its noun, never what it is about
HONORIFIC_REQUEST = re.compile(r"[ごお御][一-龥]{2}(?:の(?:ほど|程))?\s*(?:を)?\s*(?:よろしく)?\s*"
                               r"(?:お?願|下さ|くださ|いただ|頂|賜|申し上げ|乞|たまわ)")


def _without_list_words(topic: str) -> str:
    """The topic with the list, lead and generic words blanked out (what has_topic and names_subject read)."""
    t = LIST_PATTERN.sub(" ", HONORIFIC_REQUEST.sub(" ", topic))
    for w in LEAD_WORDS + GENERIC_WORDS:
        t = t.replace(w, " ")
    return t


def has_topic(topic: str) -> bool:
    """True when content words remain once ministry, list and generic words are gone."""
    words = [w for w in analyzer().words(_without_list_words(topic)) if len(w) > 1 or _JAPANESE.search(w)]
    return any(not is_framing(w) for w in words)


# Words that name a cell of the table or the state a cell is asked in, not a subject: with a question whose cells
# already make the set (a KPI status, a year, a ministry's role), 「…の欄が空欄」, 「…を期限や目標時期に」,
# 「協力として名前が出ている」 say which cell and which condition, and restrict nothing further.
CELL_WORDS = frozenset({"欄", "セル", "列", "項目", "空欄", "空白", "記載", "未設定", "未定", "時期", "期限", "期日", "目途",
                        "目処", "協力", "名前", "記入", "印", "マーク",
                        # 「（…を確認したい）」: why it is asked, not what about; 「…と明記されている」: how the cell says it
                        "確認", "明記"})


def names_subject(topic: str) -> bool:
    """True when what is left of a question whose cells make its set still names a subject to search (「総務省の防災の
    施策」: 防災): a noun of its own, not a framing word nor a word for a cell or its state. A verb left over (「出して」,
    「書かれてる」, 「ある」) or a cell word says how the cell was asked, not what about; has_topic would count them."""
    return bool(subject_words(topic))


def subject_words(topic: str) -> list[str]:
    """The nouns by which names_subject finds that `topic` names a subject (the lemmas, in order)."""
    if not has_topic(topic):
        return []
    # (「…のうち」 written in kana is "among": the analyser's lemma 内 is no subject; left once a chapter's heading is
    # read as the scope, 「第6章の人材育成のうち経済産業省が主担当のもの」 read it as one)
    words = [tok.base for tok in analyzer().tokens(_without_list_words(topic))
             if tok.pos == "名詞" and tok.base not in STOP_WORDS and tok.surface != "うち"]
    # a Latin "word" with a dot in it (i.e., e.g.) is an abbreviation, not a subject
    return [w for w in words
            if not is_framing(w) and w not in CELL_WORDS and (_JAPANESE.search(w) or (len(w) > 1 and w.isalnum()))]


@dataclass(frozen=True)
class Query:
    """A question as the engine understood it: `text` is what is searched (the question, or a kana question in the
    table's spelling), `intent` what it asks."""

    original: str
    text: str
    intent: QueryIntent


# 「障害者手帳を見せなくていいようにする話」, 「ドローンの件」: people say 話 or 件 for a measure; the table (and the
# no-answer model) know it as 施策, so the question is searched so
# 施策 typed in kana: its reading しさく, and せさく, the reading people often give its 施 (as in 施工 せこう, 施主 せしゅ);
# neither is another word of the table, so either is the word every question here is about (「もんかしょうが主担当のせさく」)
MEASURE_KANA = ("しさく", "せさく")
MEASURE_SAID = re.compile(r"(?<=[るたいうくすつぬむぐぶだのな])(?:話|件)(?=$|[はがをもってでにの、。?？!！\s])")


# Who asks, said before the question: 「地方紙の記者です。」, 「危機管理課の者です。」, 「保険会社勤務です。」,
# 「農業をしています。」, 「薬局で働いています。」 (a first sentence that introduces the writer, not the topic; 「…の者」,
# 「…の人間」 say who by the noun before them). Not 「…ですが、」: as often the topic, then what is asked of it
# (「テレワークですが、総務省の施策は？」)
_PREFACE = re.compile(r"^\s*(?P<who>[^。？?！!\n「」『』]{1,40}?)(?:の者|の人間|のもの)?"
                      r"(?P<end>です|でございます|と申します|(?:を|で|に)?(?:して|やって|働いて|勤めて|勤務して|営んで)(?:い|お)?(?:ます|る))"
                      r"\s*[。．.!！]\s*(?=\S)")
# what a writer's introduction never holds: a question, a request, the measures themselves
_NOT_WHO = re.compile(r"[?？]|施策|取組|取り組み|教えて|知りたい|ください|下さい|お願い|一覧|全部|すべて|ぜんぶ|(?<=[^\s])か(?:な|ね)?$")
# 「…なんです」, 「…したいです」, 「…のはずです」: a statement about the matter, not who the writer is
_NOT_WHO_END = frozenset({"の", "ん", "こと", "もの", "はず", "わけ", "予定", "つもり", "所", "ところ", "感じ", "よう", "そう",
                          "件", "話"})


# … and in English: a first sentence that says who asks or what they do, in the first person ("I'm Brazilian and run
# a small cattle farm in Hokkaido.", "We build self-driving software.", "My kid goes to a Japanese elementary school."),
# a statement ended by its full stop; not one that asks or says what is wanted ("I want to know the port measures.",
# "I'm looking for …", "I'm interested in …": the request itself, whose words are the topic)
_PREFACE_EN = re.compile(r"^\s*(?P<who>(?:I|I'm|I am|I've|We|We're|We are|My|Our)\b[^.?!？。\n]{2,160}?)\.\s+(?=\S)")
# ("I'm looking at KPI quality." says what the asker studies, as 「KPIの質を見ています。」 would: not "looking for")
_NOT_WHO_EN = re.compile(r"\b(?:measures?|polic(?:y|ies)|programs?|initiatives?|want|wants|wanted|wonder(?:ing)?|looking(?!\s+(?:at|into)\b)|"
                         r"interested|curious|need|needs|like to|know|tell|list|show|find|ask(?:ing)?|question)\b", re.I)


def past_preface(query: str, stands: Callable[[str], bool], by_cells: Callable[[str], bool] | None = None) -> str:
    """`query` without a first sentence that only says who is asking (_PREFACE), when what follows `stands` as a
    question of its own: 「地方紙の記者です。警察庁が主担当の施策をぜんぶ」 asks what 「警察庁が主担当の施策をぜんぶ」 asks.
    Understanding reads the question past it where the rest names a topic, a ministry or a cell of the table
    (Understanding._stands); list_topic_text leaves it out of a topic list's words where the rest has a topic of its
    own (has_topic: 管理 of 危機管理課, 看護師 would rank the cards that hold them into the list). A preface the rest
    leans on stays (「プログラミングを教えるNPOです。関係しそうな施策は？」: the NPO's work is the topic), and so does a
    first sentence that is the request itself (「港湾の施策を知りたいです。」). With `by_cells`, an English first-person
    preface (_PREFACE_EN) too, before a question whose rest asks about the table's cells (a ministry's measures)."""
    m = _PREFACE_EN.match(query) if by_cells is not None else None
    if m and by_cells is not None and not _NOT_WHO_EN.search(m.group("who")):
        # only before a question of the table's cells (a ministry's measures): an English preface is as often the
        # topic the question then asks about ("My kid's school uses digital textbooks. Is there a target for that?")
        rest = query[m.end():]
        return rest if by_cells(rest) else query
    m = _PREFACE.match(query)
    if not m or _NOT_WHO.search(m.group("who")):
        return query
    if m.group("end") in ("です", "でございます"):
        tokens = analyzer().tokens(m.group("who"))
        # 「記者です」, 「教育委員会です」: a noun says who; 「使いにくいんです」, 「知りたいです」 say something else
        if not tokens or tokens[-1].pos not in ("名詞", "接尾辞") or tokens[-1].base in _NOT_WHO_END:
            return query
    rest = query[m.end():]
    return rest if stands(rest) else query


# A greeting said before the question or after it (「お世話になっております。」, 「お疲れ様です。」, 「こんにちは！」, "Hello.",
# 「…を一覧でお願いします。よろしくお願いいたします。」): the formulas of a letter, which name nothing the question asks
# about; a table question reads the same with them as without
_GREETING_BEFORE = re.compile(r"^\s*(?:(?:いつも|大変|たいへん|平素より|平素は)?\s*(?:お世話|おせわ)に(?:なって(?:おり|い)ます|なります)|"
                              r"お(?:疲れ|つかれ)(?:様|さま)(?:です|でございます)|こんにちは|こんばんは|おはようございます|"
                              r"はじめまして|初めまして|(?:突然|夜分)(?:の(?:ご連絡|ご質問|メール))?(?:に)?(?:失礼(?:いた)?します|すみません|"
                              r"申し訳(?:ありません|ございません))|失礼(?:いた)?します|"
                              r"(?:hello|hi|hey|good (?:morning|afternoon|evening)|greetings)(?: there)?)"
                              r"\s*[。．.!！、,]+\s*(?=\S)", re.I)
_GREETING_AFTER = re.compile(r"(?<=[。．.!！?？])\s*(?:(?:どうぞ|何卒|なにとぞ)\s*)?よろしく(?:お願い(?:いた)?します|お願い申し上げます|"
                             r"お願いします|です)?\s*[。．.!！]*\s*$|"
                             r"(?<=[.!?？])\s*(?:thanks(?: (?:a lot|in advance))?|thank you(?: in advance)?|cheers|regards)\s*[.!]*\s*$",
                             re.I)


# A chat's opening call for attention, with or without a comma: 「ねえ警察庁が絡んでるの全部」, 「あのさ 港湾のやつ」,
# 「えっと、…」 (left in, ねえ alone is read as 姉 and becomes the topic)
# So is 「あと、」 / 「それと、」 (and, also) with its comma: the next question, not a word to search (「あと、学校の先生が
# ICTを…」 ranked the card whose text says 後 first)
_INTERJECTION_BEFORE = re.compile(r"^\s*(?:(?:ねえ|ねぇ|ねー|ねね|なあ|なぁ|あのさ[ぁあー]?|あのね|あのー+|あの〜+|えっと|えーと|えーっと|んー)"
                                  r"(?![\u3041-\u3096])\s*[。．.!！、,…]*|(?:あと|それと|それから)\s*[、,]+)\s*(?=\S)")


def past_greetings(query: str) -> str:
    """`query` without the greetings a letter opens or closes with (_GREETING_BEFORE, _GREETING_AFTER) and a chat's
    call for attention (_INTERJECTION_BEFORE), when a question is left."""
    while ((m := _GREETING_BEFORE.match(query)) or (m := _INTERJECTION_BEFORE.match(query))) and query[m.end():].strip():
        query = query[m.end():]
    m = _GREETING_AFTER.search(query)
    return query[:m.start()] if m and query[:m.start()].strip() else query


# A last sentence that says what the asker means to do with the answer: 「…を一覧で。営業先を整理したくて」,
# 「…を全部。資料にまとめたいので」, 「…ください。報告書を書くためです」 (a wish, then its reason form)
_PURPOSE_AFTER = re.compile(r"[。．.！!？?]\s*(?P<why>[^。．.！!？?]{2,40}?(?:たくて|たいので|たいから|たいため|ためです|ためなので)"
                            r"(?:です|でして)?)\s*[。．.！!…]*\s*$")


# … or a first clause that says it: 「評価の仕組みを作る参考にしたいので、KPIが…」, 「資料にまとめるため、…」 (the reason,
# then a comma and the request)
_PURPOSE_BEFORE = re.compile(r"^\s*(?P<why>[^。．.！!？?、,]{2,40}?(?:たくて|たいので|たいから|たいため|ためなので|ために|ため))\s*[、,]\s*(?=\S)")


# … or a first sentence that says what the asker is working on: 「修士論文でKPI設定の状況を調べています。KPIが…」,
# 「自治体DXの資料を作成中です、…」, 「卒論で府省庁の分担を比較しているのですが、…」 (what they do, then the request)
_ACTIVITY_BEFORE = re.compile(r"^\s*(?P<why>[^。．.！!？?]{2,50}?(?:(?:調べ|調査し|研究し|勉強し|まとめ|整理し|分析し|比較し|集計し|取材し|"
                              r"作成し|作っ|書い|準備し|検討し)て(?:います|いる|おります|る|ます)?|(?:調査|研究|分析|取材|作成|準備|執筆|検討)中)"
                              r"(?:です|でして|で|なの(?:です|ですが)|のですが|んですが|んだけど|ですが|けど|が|ところです)?)\s*[。．.！!、,]\s*(?=\S)")


# 「うちは高齢の方が多いので、」, 「年配の方が多い町なので、」, 「母が高齢だから、」: a first clause that says why the
# person asks, what their situation is, before the request (a space for its comma, as typed on a phone)
_REASON_BEFORE = re.compile(r"^\s*(?P<why>[^。．.！!？?、,「」]{2,40}?(?:ので|から|けど|けれど|けれども))(?:\s*[、,]\s*|\s+)(?=\S)")


def past_reason(text: str, stands: Callable[[str], bool]) -> str:
    """`text` without a first clause that says why it is asked (_REASON_BEFORE), when what follows `stands` as a
    question of its own (has_topic: 「高齢者向けの施策を全部」): the words of the situation (町, 方 of 「年配の方が多い町
    なので」) are not the topic list's, whose own word would be the rarest of them (町) and name no card. A reason the
    rest leans on stays (「子どもがプログラミングを習ってるので、関係する施策は？」)."""
    m = _REASON_BEFORE.match(text)
    if not m:
        return text
    rest = text[m.end():]
    return rest if stands(rest) else text


def past_purpose(query: str, stands: Callable[[str], bool]) -> str:
    """`query` without a last sentence (or a first clause) that only says why it is asked (_PURPOSE_AFTER,
    _PURPOSE_BEFORE) or what the asker is working on (_ACTIVITY_BEFORE), when what is left asks about the table's
    cells (a ministry, a KPI status, the 工程表): 「文科省が
    主導してる施策を一覧で。営業先を整理したくて」 is the ministry's list, not its cards nearest to 営業先 and 整理."""
    first = _PURPOSE_BEFORE.match(query) or _ACTIVITY_BEFORE.match(query)
    if first and stands(query[first.end():]):
        query = query[first.end():]
    m = _PURPOSE_AFTER.search(query)
    if not m:
        return query
    before = query[:m.start() + 1]
    return before if stands(before) else query


class Understanding:
    """The understanding stage for one table: its ministry names, the bodies it never names, and (built on the first
    kana question, ~0.2 s here) the reading → spelling dictionary of its nouns."""

    TABLES_VERSION = 4  # bump when tables() changes: stored tables of another version are recomputed

    def __init__(self, cards: Sequence[PolicyCard], spelling_texts: Sequence[str], tables: dict | None = None,
                 stored_readings: Callable[[], dict | None] | None = None):
        if not tables or tables.get("version") != self.TABLES_VERSION:
            tables = self.tables(cards)
        self.lexicon, self.absent = tables["lexicon"], tables["absent"]
        self._ids, self._chapters = set(tables["ids"]), set(tables["chapters"])
        self._titles: dict[str, str] = tables.get("titles") or {}  # the chapters' headings, a chapter named by them
        self._spelling_texts = spelling_texts
        self._stored_readings = stored_readings  # the dictionary written with the index, read on first use
        self._readings: dict[str, str] | None = None
        self._everyday: dict[str, str] | None = None
        self._short: dict[str, str] | None = None
        self._lock = threading.Lock()
        self._everyday_lock = threading.Lock()
        # the ministries' names typed in hiragana, wholly or in part (国土交通しょう, こくどこうつう省), longest first,
        # and しさく, せさく (spell_names)
        kana = sorted((a for a in self.lexicon if ends_in_kana(a)), key=len, reverse=True)
        half = sorted((a for a in self.lexicon if not ends_in_kana(a) and re.search("[\u3041-\u3096]", a)),
                      key=len, reverse=True)
        self._kana_names = re.compile("(?:" + "|".join(map(re.escape, [*kana, *MEASURE_KANA])) + ")" + KANA_NAME_END
                                      + "".join("|" + re.escape(a) for a in half))

    @classmethod
    def tables(cls, cards: Sequence[PolicyCard]) -> dict:
        """What this stage reads of the whole table (JSON-ready; written with an index, so that opening a large one
        reads no card): its ministry names, the bodies it never names, and its numbered IDs and chapters."""
        lexicon = ministry_lexicon(cards)
        # 「03-01」 and 「第3章」 restrict the search only in a table numbered that way: in another corpus
        # 「炭素数10 - 20」 or 「憲法第2章」 are words of the question
        ids = {c.id: c.chapter for c in cards if _ID.fullmatch(c.id)}
        return {"version": cls.TABLES_VERSION, "lexicon": lexicon, "absent": absent_bodies(cards, lexicon),
                "ids": sorted(ids), "chapters": sorted(set(ids.values())),
                "titles": chapter_titles(cards) if ids else {}}

    #: Texts the reading dictionary is built from, at most: a corpus of a million chunks would otherwise be run
    #: through MeCab on its first kana question (half an hour here); above this, texts spread evenly over the corpus.
    max_spelling_texts = 20_000

    def reading_dictionary(self) -> dict[str, str]:
        if self._readings is None:
            with self._lock:  # built once, even when the first kana questions arrive together
                if self._readings is None:
                    stored = self._stored_readings() if self._stored_readings else None
                    table = stored if isinstance(stored, dict) else self.readings_of(self._spelling_texts)
                    self._readings = {**_lead_word_readings(), **table}
        return self._readings

    def _everyday_dictionary(self) -> dict[str, str]:
        """The reading dictionary with the glossary's everyday words, where the table writes nothing of that reading
        (けんこうしんだん → 健康診断, which the glossary reads as 健診; the table's 健康 + 診断 never stand together):
        for the words a converted sentence left in hiragana. Not for a question all in kana, whose no-answer reading
        (kana_min_reading) was chosen on the table's own spellings (「じしんのとき ちかくの ひなんじょが…」 spelled
        地震 … 避難 reads as answered)."""
        if self._everyday is None:
            readings = self.reading_dictionary()  # (built under self._lock, which is not held here: it is not reentrant)
            with self._everyday_lock:  # built once, even when the first questions with hiragana words arrive together
                if self._everyday is None:
                    self._everyday = {**everyday_readings(), **readings}
        return self._everyday

    def _short_spellings(self) -> dict[str, str]:
        """The two-kana nouns the table spells one way only (text.short_noun_spellings: ちず → 地図), read off the
        spelling texts on first use (at most max_spelling_texts of them, spread evenly)."""
        if self._short is None:
            with self._everyday_lock:
                if self._short is None:
                    texts, n, m = self._spelling_texts, len(self._spelling_texts), self.max_spelling_texts
                    self._short = short_noun_spellings([texts[i * n // m] for i in range(m)] if n > m else texts)
        return self._short

    @classmethod
    def readings_of(cls, spelling_texts: Sequence[str]) -> dict[str, str]:
        """The reading → spelling dictionary of the texts (at most max_spelling_texts of them, spread evenly): what
        an index stores, so that a large corpus's first kana question does not wait for it (~18 s at 1M chunks)."""
        texts, n, m = spelling_texts, len(spelling_texts), cls.max_spelling_texts
        if n > m:
            texts = [texts[i * n // m] for i in range(m)]
        return reading_dictionary(texts)

    def run(self, query: str, enabled: bool = True) -> Query:
        """Understand `query`; with `enabled` false, the whole question is the topic (no filters from its words)."""
        if not enabled:
            return Query(query, query, QueryIntent(topic=normalize(query)))
        original, query = query, past_purpose(past_preface(past_greetings(query), self._stands, self._asks_cells),
                                              self._asks_cells)
        intent = self._numbered(understand(query, self.lexicon, self.absent, self._titles), query)
        # 「こっこうしょうのしさく」: a ministry (and 施策 itself) typed in kana is spelled by its name, not by the sounds'
        # nearest nouns (MeCab reads 「のしさく」 as 伸す + 柵)
        named = self.spell_names(query)
        if intent.kana:
            spelled = respell(named, self.reading_dictionary())
        elif not intent.english:
            # 「こどものきょうかしょ ぜんぶタブレット」: words left in hiragana inside a converted sentence
            spelled = respell_short_nouns(respell_hiragana(named, self._everyday_dictionary()), self._short_spellings())
        else:
            spelled = normalize(query)
        if spelled != normalize(query):
            # the model reads kana badly and BM25 matches words, not sounds: search the spelled form
            intent = self._numbered(understand(spelled, self.lexicon, self.absent, self._titles), spelled)
            return Query(original, spelled, replace(intent, respelled=spelled))
        said = MEASURE_SAID.sub("施策", query)
        return Query(original, said, intent)

    def _asks_cells(self, rest: str) -> bool:
        """`rest` asks about the table's cells: a ministry, an ID, a KPI status, a 工程表 date (past_purpose)."""
        return understand(self.spell_names(rest), self.lexicon, self.absent, self._titles).structured

    def _stands(self, rest: str) -> bool:
        """`rest` asks something of its own: a topic, or a ministry, ID or cell of the table (past_preface)."""
        intent = understand(self.spell_names(rest), self.lexicon, self.absent, self._titles)
        return intent.structured or names_subject(intent.topic)

    def spell_names(self, query: str) -> str:
        """`query` with each ministry name written in hiragana (ministries.MINISTRY_KANA), wholly or in part
        (国土交通しょう, こくどこうつう省: ministry_lexicon), replaced by its name, and しさく (or せさく) by 施策, the word every
        question here is about; a name that ends in kana only as a word of its own (ministries.KANA_NAME_END: not
        しさくひん, 試作品, nor しょうひしゃちょうさ, 消費者調査)."""
        return _MARK_KANA.sub(lambda m: _MARK_SPELLINGS[m.group(0)],
                              self._kana_names.sub(lambda m: self.lexicon.get(m.group(0), "施策"), query))

    def _numbered(self, intent: QueryIntent, query: str) -> QueryIntent:
        ids = intent.ids if self._ids else ()
        chapters = intent.chapters if self._chapters else ()
        if (ids, chapters) == (intent.ids, intent.chapters):
            return intent
        intent = replace(intent, ids=ids, chapters=chapters)
        # nothing left to restrict by: the whole question is the topic again (炭素数10 - 20 keeps its numbers)
        return intent if intent.structured else replace(intent, topic=normalize(query))
