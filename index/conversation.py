"""A conversation as people write it: what a follow-up points at, read from the turns so far.

Japanese drops what both sides know. After an answer, 「担当は？」 asks about the cards just answered, 「その中で総務省の
は？」 restricts them, 「2つ目の概要」 and 「残りの3つは？」 pick from the list being discussed, 「高齢者向けのほうの
KPIは？」 picks a shown card by a description, 「ほかに経済産業省のは？」 asks the same topic again for cards not yet given,
and 「話変わるけど」 or a question with its own topic starts fresh. This module only reads the question and the
turns (plain data, kept by the caller); index.assist searches and writes the answer.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Sequence

from .retrieve.understand import KPI_UNSET_PATTERN
from .text import AFTER_KANA_COUNTER, COUNTED_KANA, COUNTER_KANA

__all__ = ["Turn", "Conversation", "FollowUp", "follow_up", "context", "topic_switch", "has_own_topic", "picked_before",
           "content_words", "without_more", "QUANTITY", "AFTER_KANA_COUNTER", "quantity_counter", "MAX_TURNS",
           "which_ids"]

MAX_QUESTION_CHARS = 5000
MAX_TURNS = 20  # turns kept in the conversation state
MAX_IDS = 100  # cards kept per list of a turn (a client may send anything back)


@dataclass(frozen=True)
class Turn:
    """One exchange: the question, the cards that answered it and those shown below as related, and the thread it
    belongs to: `listing` is the list a follow-up's 「2つ目」 or 「残り」 refers to, `given` the cards of it already
    answered one by one, `topic` the words its list was searched with."""

    question: str
    answers: tuple[str, ...] = ()  # 施策番号 of the cards that answer
    related: tuple[str, ...] = ()  # shown below them, as related
    listing: tuple[str, ...] | None = None  # None: this turn's own answers
    given: tuple[str, ...] = ()
    topic: str = ""
    parent: tuple[str, ...] | None = None  # the list 「残り」 refers to (a restriction's own list); None: `thread`
    near: tuple[str, ...] = ()  # a list's related cards that it nearly counted: その中 looks at them too

    @property
    def shown(self) -> tuple[str, ...]:
        return self.answers + self.related

    @property
    def thread(self) -> tuple[str, ...]:
        """The list being discussed: this turn's answers, or the list it picked from."""
        return self.answers if self.listing is None else self.listing

    @property
    def whole(self) -> tuple[str, ...]:
        """The list 「残り」 and 「ほかに」 are counted from: the first list of the thread (before その中 narrowed it)."""
        return self.thread if self.parent is None else self.parent

    def to_dict(self) -> dict:
        d = {"question": self.question, "answers": list(self.answers), "related": list(self.related)}
        if self.listing is not None:
            d["listing"] = list(self.listing)
        if self.given:
            d["given"] = list(self.given)
        if self.topic:
            d["topic"] = self.topic
        if self.parent is not None:
            d["parent"] = list(self.parent)
        if self.near:
            d["near"] = list(self.near)
        return d


@dataclass(frozen=True)
class Conversation:
    """The turns so far; lives in the user's browser (or the API caller's hands, or a CLI history file)."""

    turns: tuple[Turn, ...] = ()

    @property
    def last(self) -> Turn | None:
        return self.turns[-1] if self.turns else None

    def add(self, turn: Turn) -> Conversation:
        return Conversation((self.turns + (turn,))[-MAX_TURNS:])

    def to_list(self) -> list[dict]:
        return [t.to_dict() for t in self.turns]

    @classmethod
    def from_list(cls, data) -> Conversation:
        """Read what `to_list` wrote (or what a client sends back); malformed entries are dropped, not trusted."""
        turns = []
        for t in data if isinstance(data, (list, tuple)) else ():
            if not isinstance(t, dict):
                continue
            listing = _ids(t, "listing") if isinstance(t.get("listing"), (list, tuple)) else None
            parent = _ids(t, "parent") if isinstance(t.get("parent"), (list, tuple)) else None
            topic = str(t["topic"]) if isinstance(t.get("topic"), str) else ""
            turns.append(Turn(str(t.get("question", ""))[:MAX_QUESTION_CHARS], _ids(t, "answers"), _ids(t, "related"),
                              listing, _ids(t, "given"), topic[:500], parent, _ids(t, "near")))
        return cls(tuple(turns[-MAX_TURNS:]))


def _ids(turn: dict, key: str) -> tuple[str, ...]:
    """A list of 施策番号 from a client's turn: strings (or numbers) only, at most MAX_IDS."""
    v = turn.get(key)
    return tuple(str(i) for i in (v if isinstance(v, (list, tuple)) else ()) if isinstance(i, (str, int)))[:MAX_IDS]


# ------------------------------------------------------------------------------------------------ what points

@dataclass(frozen=True)
class FollowUp:
    """How a question continues the conversation.

    kind: "fresh" (a new question), "switch" (a new question said to be one: 話変わるけど), "ellipsis" (a field and
    nothing else: the cards just answered), "set" (その中 / それら / それぞれ: the answers), "each" (a field of each
    answer, asked with more words: 「どっちも主担当は文科省？」), "one" (それ / その施策),
    "ordinal" (2つ目), "rest" (残りの3つ / ほかには), "pick" (〜のほうの: a shown card by a description, searched among
    `ids`), "more" (ほかに〇〇省のは: the thread's topic again, without the cards already given).
    """

    kind: str
    ids: tuple[str, ...] = ()  # the cards pointed at (for "pick": the cards to choose among)
    rest: str = ""  # the question without the pointing (or switching) words
    words: str = ""  # the pointing words as written
    note: str = ""  # what was assumed, said with the answer
    missing: str = ""  # the follow-up points at nothing (3番目 after one answer): this sentence says so
    topic: str = ""  # the thread's topic
    count: int = 1  # for "pick": how many cards the description names (「農地のほうの2つ」; 0: each it fits, 「〜のほうそれぞれ」);
    # for "rest": the count said when fewer than the cards left (「他の2つ」 with 3 left), else 1
    described: str = ""  # for "pick": the description (「農地」)
    whole: tuple[str, ...] = ()  # for "pick": the list before その中 narrowed it (a description may mean one of it)
    like: tuple[str, ...] = ()  # for "more": the cards whose like is asked (「似たような施策は？」)
    # for "ordinal": the list the place was counted in when it is not the list being discussed (「最初の一覧の最後」 after
    # その中 narrowed it): gone back to, it is the list discussed from then on ("that list", "the other ones on it")
    listing: tuple[str, ...] | None = None

    @property
    def refers(self) -> bool:
        return self.kind not in ("fresh", "switch")


# what may come before the words that change the subject: 「あと、全然関係ないけど」, 「ちなみに別の話で」, "Okay, new topic:"
_SWITCH_LEAD = (r"(?:(?:あと|それと|ちなみに|ちょっと|あの|えっと|じゃあ|もう(?:一つ|ひとつ|1つ))[、,\s]*|"
                r"(?:also|and|ok(?:ay)?|so|oh|well|right)[,\s]+)?")
_SWITCH = re.compile(r"^\s*" + _SWITCH_LEAD + r"(?:(?:話|はなし)(?:は|が)?(?:変わ|かわ)(?:る|り|って|ります)(?:けど|けれど|けれども|が|んだけど|"
                     r"ますが)?|それとは別に|それはそうと|ところで|別件(?:ですが|だけど|なんだけど|で)?|別の(?:質問|話)(?:ですが|だけど|なんだけど|"
                     r"で)?|(?:全然|まったく|全く)?(?:関係|関連)(?:ない|のない)(?:話|質問)?(?:ですが|けど|んだけど|が)|"
                     r"(?:全然|まったく|全く)(?:違う|別の)(?:話|質問|こと)(?:ですが|だけど|けど|で|を)?|話題を変えて|次の質問(?:です)?|"
                     r"新しい質問|改めて|"
                     # 「話を変えて」, 「話題を変えますが」, 「ガラッと変わって」, 「唐突だけど」: the subject changed, said with a verb
                     r"(?:(?:話|はなし|話題)(?:を|は|が)?(?:ガラッと|がらっと|ガラリと|がらりと)?|(?:ガラッと|がらっと|ガラリと|がらりと))(?:変え|かえ)(?:て|ます(?:が|けど)?|る(?:けど|と|ね)|"
                     r"ましょう)|(?:ガラッと|がらっと|ガラリと|がらりと)(?:変わ|かわ)(?:って|る(?:けど)?|ります(?:が)?)|"
                     r"(?:唐突|突然|いきなり)(?:に|で)?(?:すみません|すいません|恐縮|ごめん)?(?:です|だ|なん(?:です|だ)?)?(?:けど|けれど|が)|(?:話|はなし)(?:を|が|は)?(?:戻(?:る|す|して|します|ります|すと|すけど|るけど|るんだけど|りますが)|変えます)(?:けど|が|と|ね)?|それは(?:さておき|さておいて|いいとして|ともかく|そうとして)|(?:話|話題|質問)(?:が|は)?(?:変わって|変えて)|"
                     r"by the way|on another note|another (?:question|topic|subject)|"
                     r"(?:a )?new question|unrelated(?: question)?|(?:a )?different (?:topic|question|subject)|change of (?:topic|subject)|"
                     r"switching (?:topics|gears)|on a different note|unrelated,? but|separately)[\s、,:：。.—–-]*", re.I)
# more ways to say the subject changes: 「話それるけど」, 「それはそれとして」, 「別の件で」, "Another topic:", "Moving on,"
_SWITCH_MORE = re.compile(
    r"^\s*(?:ちょっと|あの|えっと|で|じゃあ)?[、,\s]*" + _SWITCH_LEAD +
    r"(?:(?:話|はなし|話題)(?:は|が)?(?:それ|逸れ|ずれ|脱線し|飛)(?:る|ます|ちゃう|ちゃいます|て)|"
    r"(?:話|はなし|話題)(?:は|が)?(?:飛|と)(?:ぶ|びます|んで|んじゃう|んじゃいます)|"
    r"(?:話題|テーマ)(?:は|が)?(?:変わ|かわ)(?:る|り|って|ります)|それ(?:と|とは)(?:別|べつ)(?:件)?(?:で|に|(?=[、,\s]))|"
    r"(?:全然|まったく|全く)?(?:関係|関連)(?:ない|のない)(?:話|質問)(?=[でにだなん、,。すがけ])|"
    r"それはそれ(?:として|で)|それは(?:置いと|おいと|置いてお|おいてお)(?:いて|く)|(?:全然|まったく|全く)?(?:別|べつ|違う|ちがう)の?"
    # (typed in kana on a phone, a space after it: 「ちがうはなし ちいきICTクラブは？」)
    # (「別の観点で、」, 「違う切り口で」: another angle on the table, a new question)
    r"(?:話題|話|はなし|質問|件|テーマ|こと|観点|視点|切り口|角度)(?:を)?(?:聞く|聞きます|聞きたい|質問する|質問します)?(?=[でにだなん、,。すがけ\s])|"
    r"(?:on |onto |to |from )?(?:another|a different|a separate|a new|a whole new|an unrelated|a totally different|"
    r"a completely different) (?:topic|subject|matter|note|thing|question|angle|perspective|viewpoint)|"
    r"(?:new|separate|different|other) (?:topic|subject|matter)|"
    r"moving on|chang(?:ing|e) (?:the |of )?(?:topics?|subjects?)|something (?:else|different)|separate question|"
    r"(?:totally|completely|entirely|also,?) (?:unrelated|different(?: (?:question|topic|subject))?)|off[- ]topic|"
    r"and another thing|(?:unrelated to|apart from|aside from) (?:that|this|the above)|"
    r"(?:それとは|それと)?(?:全然|まったく|全く)?(?:関係|関連)(?:は|が)?(?:ない|なく|ありません|のない)(?:話|質問)?(?=[でにだなん、,。すがけ])|"
    r"次の(?:話題|話|テーマ)(?=[、,。でだ])|(?:あ[、,]?\s*)?そうだ(?=[、,。!！])|さて(?=[、,])|ところで(?:さ|ね)(?=[、,]))", re.I)
# what is left of a switch's words once they are read: 「全然違う話なんですが、」, 「別の件になりますが、」, "…, but"
_SWITCH_TAIL = re.compile(r"^(?:(?:さ|ね)(?=[、,\s])|で?(?:恐縮|すみません|すいません|申し訳(?:ない|ありません))(?:です|だ)?(?:けど|が)?|"
                          r"(?:で(?:す)?|だ|な(?:ん|の)?(?:です|だ)?|に(?:なり(?:ます)?|なる|なっちゃう|なっちゃいます)|"
                          r"ん(?:です|だ)?)(?:けど|けれど(?:も)?|が)?|けど|けれど(?:も)?|が(?=[、,\s])|,?\s*but\b)?[\s、,:：。.—–-]*", re.I)
_SWITCH_BUT = re.compile(r"^(?:but\b)?[\s、,:：。.—–-]*", re.I)
# a preface that says a question follows, not what it is about: 「もう一つ聞きたいんですが、」, "One more thing:", "Next question:"
# (the rest is read as any follow-up: 「もう一つ質問、そのKPIは？」 still asks about the card just answered)
_PREFACE = re.compile(r"^\s*(?:(?:あと|それと|で)?[、,\s]*もう(?:一つ|ひとつ|1つ|一個|1個|いっこ|一点|1点)(?:だけ)?"
                      r"(?:聞きたい|お聞きしたい|伺いたい|質問(?:して)?(?:も)?(?:いい)?|確認(?:したい)?|いい)(?:こと|点)?"
                      r"(?:が(?:あり|ある))?(?:ます|ん|の)?(?:です|だ)?(?:か)?(?:けど|けれど|が)?|質問です|"
                      r"あと(?:もう)?(?:一つ|ひとつ|1つ|一個|1個|いっこ)(?=[、,])|"
                      r"(?:and )?one more (?:thing|question)|(?:the )?next question|(?:okay,? |ok,? )?another one)"
                      r"(?=[\s、,:：。.!！?？—–-])[\s、,:：。.!！?？—–-]*", re.I)
MIDDLE = -2  # 「真ん中のやつ」, "the middle one": a place that the length of the list fixes (_middle)
_ORDINALS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}
_KANA_ORD = {"ひとつ": 1, "ふたつ": 2, "みっつ": 3, "よっつ": 4, "いつつ": 5, "むっつ": 6, "ななつ": 7, "やっつ": 8,
             "ここのつ": 9, "とお": 10, "いち": 1, "に": 2, "さん": 3, "よん": 4, "ご": 5, "ろく": 6, "なな": 7, "しち": 7,
             "はち": 8, "きゅう": 9, "じゅう": 10, "いっ": 1, "ろっ": 6, "はっ": 8, "じゅっ": 10, "じっ": 10}
_ORDINAL = re.compile(r"(?:(?P<back>(?:最後|一番下|下|後ろ|うしろ|末尾)から\s*)|(?:一番上|上|前|頭|先頭)から\s*)?"
                      r"(?:(\d{1,2}|[一二三四五六七八九十]|ひとつ|ふたつ|みっつ|よっつ|いつつ|むっつ|ななつ|やっつ|ここのつ|とお|"
                      # 「さんばんめ」, 「にこめ」: the number in kana, before a counter in kana
                      r"(?:いち|に|さん|よん|ご|ろく|なな|しち|はち|きゅう|じゅう)(?=ばん(?:め|目)|こ(?:め|目))|"
                      # 「いっこめ」, 「はっこ目」: the number's small っ before こ, as it is said
                      r"(?:いっ|ろっ|はっ|じゅっ|じっ)(?=こ(?:め|目)))\s*"
                      r"(?:ばんめ|ばん目|番目|つ目|つめ|件目|個目|こ目|コ目|こめ|個め|件め|番め|(?<=[つお])め|(?<=[つお])目)"
                      # (not a verb the counter's sounds begin: 「いちばん目立つ」 / 「一番目立つ」, 「予算にこめられた」)
                      r"(?!立|だ[つちっ]|られ|て|た|る)|(\d{1,2})\s*番(?=の|は|を|って|[?？]|$)|"
                      # (上 / 下 as a word of its own: 「一番上手くいってる」, 「いちばん下手」, 「一番上位の」 are no place in the list)
                      r"(最初|(?:(?:一番|1番|いちばん)上|(?:一番|いちばん)下)(?![一-鿿])|最後|ラスト|先頭|トップ|末尾|一番最後|いちばん最後|前者|後者|"
                      # typed in kana (「さいごのは」, 「いちばんさいしょの」): the same places, not a kana word that holds them
                      # (「さいごまで」 / 「さいしょから」: until the end, from the start, no card)
                      r"(?:(?:いちばん|一番)\s*)?(?:さいしょ|さいご)(?=の|は|を|って|[、,?？]|$)|"
                      # 「いちばんしたのやつ」, 「いちばんうえの」: the bottom and the top, in kana (not 「いちばんしたい」)
                      r"いちばん\s*(?:した|うえ)(?=の|は|を|って|[、,?？]|$)|"
                      # 「真ん中のやつ」, 「まんなかの」: the middle one (of a list with one in the middle: _middle)
                      r"(?:真ん中|まんなか|真中)(?=の|は|を|って|[、,?？]|$)|"
                      # 「前のほう」, 「後のほう」: of the two just given (read so only where two were)
                      # (「あとのやつ」, 「後のもの」: the same, said with what they are)
                      # (「はじめのほう」, 「終わりのほう」: the same, said by where in the list)
                      r"(?:前|先|後|あと|後ろ|うしろ|初め|はじめ|始め|終わり|おわり)の(?:ほう|方|やつ|もの)(?=の|は|を|って|、|,|[?？]|$)))"
                      r"(?:の|に)?(?:施策(?!名|番号)|もの|やつ|カード|ほう|方|(?<=[初後頭プ尾]の)(?:一|1|ひと)\s*(?:つ|件|個)(?!目|め))?|\b(first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|"
                      r"tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|twentieth|last|final|"
                      r"(?<=at the )(?:end|bottom)(?= of (?:the |that |this |your )?list\b|\s*[?.]*\s*$)|"
                      r"(?<=the )(?:former|latter|middle))\b(?:\s+(?:to|from)\s+(?:the\s+)?(?:last|end|bottom)\b)?"
                      r"(?:\s*(?:one|measure|card|item))?|"
                      r"(?:\bno\.?|\bnumber|\bitem|#)\s*(\d{1,2}|(?<=number )(?:one|two|three|four|five|six|seven|eight|nine|ten)\b)(?!\d)|"
                      r"\b(\d{1,2})(?:st|nd|rd|th)\b(?:\s*(?:one|measure|card|item))?", re.I)


# the words that may follow an English ordinal that names a card of the list ("the second one", "the third of them",
# "the second and the fifth"); any other word after it is what it counts ("the 2nd edition")
_AFTER_AN_ITEM = frozenset({"one", "ones", "measure", "measures", "card", "cards", "item", "items", "entry", "of", "on",
                            "in", "and", "or", "from", "to", "please", "is", "are", "was", "listed", "above", "below",
                            "again", "then", "too", "here", "there", "down", "up", "i", "you", "what", "who", "which",
                            "when", "how", "does", "do", "did", "has", "have", "mentioned", "shown"})


def _ordinals(q: str, of: int = 0) -> list[re.Match]:
    """The positions a question names. An English ordinal word is one when it names an item: "the second", "the
    last one", "Third?" ("Which one finishes last?" compares, "a second question" counts nothing). 「前のほう」 /
    「後のほう」 is one only in a list of two (`of`, the cards of the list; elsewhere it is a part of a list)."""
    out = []
    for m in _ORDINAL.finditer(q):
        if (m.group(4) or "").endswith(("のほう", "の方", "のやつ", "のもの")) and of != 2:
            continue
        if m.group(4) and _NOT_AN_ITEM.match(q, m.end(4)):
            continue  # 「最初の一覧の3つ目」: which list, not which card; 「最初の5つ」: the first five (a set)
        if (m.group(5) or "").lower() == "first" and re.match(r"\s+(?:\d{1,2}|two|three|four|five|six|seven|eight|nine|ten|"
                                                              r"list|answer|results?)\b", q[m.end(5):], re.I):
            continue  # "the first three", "the first list"
        if (m.group(5) or m.group(7)) and not re.search(r"(?:one|measure|card|item)\s*$", m.group(0), re.I):
            after = re.match(r"\s+([a-z]+)", q[m.end():], re.I)
            if after and after.group(1).lower() not in _AFTER_AN_ITEM:
                continue  # "its 2nd edition", "the second phase": a thing of the card, not a place in the list
        word = m.group(5)
        if word and not (m.group(0).strip().lower() != word.lower()
                         or re.search(r"\bthe\s+(?:very\s+)?$", q[:m.start()], re.I)
                         or re.fullmatch(r"\W*(?:and\s+)?", q[:m.start()], re.I) and (
                             not q[m.end():].strip(" ?.!？") or _OF_COUNT_AFTER.match(q, m.end()))):
            continue
        out.append(m)
    return out


# what follows 「最初」 when it names a list (「最初の一覧」, 「最初に聞いた結果」) or a count (「最初の5つ」), not a card
_NOT_AN_ITEM = re.compile(r"\s*(?:の|に)?\s*(?:(?:聞いた|出た|出てきた|挙げた|もらった|答えた)?\s*"
                          r"(?:一覧|リスト|りすと|いちらん|回答|答え|結果|質問|検索)|"
                          # 「最初に出してもらった一覧」, 「一番最初に出したリスト」, 「最初に聞いた厚労省のリスト」
                          # 「最初に挙げてもらった中の5番目」, 「はじめに出たうちの2つ目」: the list named by where its cards were
                          r"(?<=に)[^、。？?\s]{0,16}?(?:一覧|リスト|中|なか|うち)|"
                          r"(?:(?!1(?!\d))\d{1,2}|[二三四五六七八九十]|ふた|みっ|よっ|いつ)\s*(?:つ|件|個|けん)(?!目|め))")
# 「最初の5つ」, 「上から3件」, "the first three": the first cards of the list being discussed
_FIRST_N = re.compile(r"(?:最初|さいしょ|先頭|一番上|上から|頭から|(?<![以途])上)\s*(?:の|に)?\s*"
                      r"(\d{1,2}|[一二三四五六七八九十]|ふた|みっ|よっ|いつ)\s*(?:つ|件|個|けん)"
                      r"(?!目|め)(?:の施策|のやつ)?(?:の|は|を|って|、)?|\bthe first (\d{1,2}|two|three|four|five|six|seven|eight|"
                      r"nine|ten)\b(?:\s*(?:ones|measures|cards|items))?", re.I)
_EN_COUNT = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
             "ふた": 2, "みっ": 3, "よっ": 4, "いつ": 5}

_EN_ORD = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
           "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14, "fifteenth": 15,
           "twentieth": 20, "last": -1, "final": -1, "end": -1, "bottom": -1,  # (the one at the end / at the bottom)
           "former": 1, "latter": -1,  # the former / the latter: of the two just given
           "middle": MIDDLE}
_REST = re.compile(r"(?:(?:ほか|他)の\s*(?=残|のこ|まだ))?"  # 「ほかの残った中で」: the rest, said twice
                   r"(?:もう(?:一つ|ひとつ|1つ|一個|1個|いっこ|片方|一方)|"
                   # 「あとの二つは？」, 「あと1件は？」: あと with a count of cards is what is left of the list
                   # (「あと一つ聞きたい」 is a preface, not the rest: the count must end the phrase)
                   r"あと(?:の)?(?=\s*(?:\d{1,2}|[一二三四五六七八九十])\s*(?:つ|件|個|施策)(?:の施策|のほう|の方)?"
                   r"(?:は|も|を|って|の(?!質問|お願い)|[?？、]|$))|"
                   r"(?:残|のこ)(?:る|った|って(?:い)?る)(?:の)?(?=\s*(?:\d{1,2}|[一二三四五六七八九十])\s*(?:つ|件|個|施策))|"
                   # 「まだ出てないもののうち」, 「まだ取り上げてない施策で」: the cards not yet talked about, the rest
                   r"まだ(?:話に|はなしに|話題に|回答に|答えに)?(?:出て|でて|挙がって|あがって|取り上げて|とりあげて|触れて|ふれて|聞いて|きいて|見て|みて)(?:い)?(?:ない|ません)"
                   r"(?:もの|やつ|施策|の)?|(?:残|のこ)(?:った|って(?:い)?る)(?=(?:の)?(?:中|なか|うち))|"
                   # 「残っている厚労省主担当の施策の名前」: 残った / 残っている said of the measures it names, the rest
                   r"(?:残|のこ)(?:った|って(?:い)?る)(?=[^、。？?\s]{0,16}?(?:施策|もの|やつ))|"
                   r"(?:残り|のこり)(?!ま[すせし])|(?:それ|これ|あれ)以外|(?:その|この)(?:他|ほか)|ほか|他)(?:の)?\s*"
                   r"(?:(\d{1,2}|[一二三四五六七八九十])\s*(?:つ|件|個|施策|けん|こ(?!め)))?"
                   # (「残りの中で」, 「残りのうち」: among the rest, said with the words of その中)
                   # (「残りの施策は」, 「残りのものは」: the rest, said with what they are)
                   r"(?:の施策|のほう|の方|(?<=の)(?:施策|もの|やつ)(?!名|番号))?(?:(?<=[りのつ件個策うのやもいたる])(?:の)?(?:中|なか|うち)(?:で|から|では|だと|に)?)?"
                   r"(?:は|も|を|って)?|\b(?:the )?(?:rest|others|remaining(?: ones?)?)\b|"
                   r"\bthe other (?:one|measure|two|three|four|ones|measures)\b",
                   re.I)
# 「もう一方」, 「もう片方」, "the other one": the other of two
_OTHER_ONE = re.compile(r"もう(?:一つ|ひとつ|1つ|一個|1個|いっこ|片方|一方)|\bthe other (?:one|measure)\b", re.I)
# 「残り何市町村？」, 「のこり何件？」: a number left (of the card just answered), not the rest of the list
_COUNTER = r"(?:万|億)?(?:か所|カ所|ヶ所|箇所|市町村|都道府県|団体|機関|地域|世帯|[回校人件社台割倍%％県名者])"
# (「残りいくつの市町村？」, 「残りどれくらいの団体？」: the same, the number asked with いくつ / どれくらい and の)
_COUNTED_REST = re.compile(r"(?:残り|のこり)\s*(?:は|が)?\s*(?:あと)?\s*(?:何\s*(?![件つ個](?:の|ある|あり|[?？]|$))" + _COUNTER +
                           r"|(?:いくつ|幾つ|どれ(?:くらい|ぐらい|だけ)|どの(?:くらい|ぐらい))\s*の\s*" + _COUNTER + ")")
# 「似たような施策は？」, 「同じ分野のほかの施策」: the thread's topic again, the cards given kept out
_SIMILAR = re.compile(r"(?:似た|似てる|似ている|類似の?|関連(?:する|した)?|同じ(?:分野|テーマ|系統|ような|系)の?|同種の?)\s*"
                      r"(?:ような|感じの)?\s*(?:施策|もの|やつ|取組|取り組み)|\bsimilar (?:measures?|ones?)\b|"
                      r"\brelated (?:measures?|ones?)\b", re.I)
# "not in this list", "not already listed", "besides those": the table's cards other than those just given (これ以外)
_NOT_LISTED = re.compile(r"(?:\bnot|n't|n’t) (?:already |yet )?(?:(?:in|on|among|part of) (?:(?:this|that|the|your) (?:list|answer|results?)|"
                         r"(?:these|those)(?: ones| measures)?)|(?:listed|mentioned|covered|included|named|given|shown)"
                         r"(?: (?:above|yet|already|so far))?)\b|\b(?:other than|besides|apart from|aside from|beyond|outside(?: of)?|"
                         r"excluding|except(?: for)?) (?:these|those|them|(?:this|that|the|your) (?:list|answer|results?)|"
                         r"the (?:ones|measures) (?:listed|given|shown|mentioned|above)(?: (?:here|above|so far))?)\b|"
                         # "… you haven't told me about?", "… that you didn't list": a verb of telling, negated, that ends
                         # the question (not "which don't cover ports": there what follows is what they lack)
                         r"(?:\b(?:that |which )?(?:you |we )?(?:have|has|had|did|do)(?: not|n't|n’t)|\bnot) (?:yet |already )?"
                         r"(?:told (?:me|us)(?: about)?|list(?:ed)?|mention(?:ed)?|show(?:n)?|"
                         r"give(?:n)?|gave|cover(?:ed)?|brought up|talked about)(?: (?:yet|already|so far|before|earlier))?"
                         r"(?=\s*[?.!]*\s*$)", re.I)
# 「同じ省が主担当の」, 「その省庁がやってる」, "the same ministry", "that agency": the lead ministry of the card just
# answered, named by what it is (a determiner and the noun 省), a ministry to restrict by, not a field asked of that card
# (「その省以外が主担当の」: the ministry left out, not the one asked for)
SAME_MINISTRY = re.compile(r"(?:(?:同じ|おなじ|(?<![どあ])(?:その|この))\s*(?:府省庁|省庁|府省|省|庁|役所|官庁)(?![一-龥ァ-ヶ])|"
                           r"同じ(?:ところ|担当))(?!\s*(?:以外|じゃな|ではな|でな|を除|を外))|"
                           r"\b(?:the same|that|this) (?:ministry|agency)\b", re.I)
_SAME_CELL = re.compile(r"同じ.{0,24}?(?:KPI|ＫＰＩ|指標|目標)|\bthe same (?:kpis?|targets?|goals?|indicators?)\b", re.I)
# (not after a body's name: 「内閣府のほかに府省の記載がない」 is besides that body, in the cell, no more measures)
_MORE = re.compile(r"(?<![省庁府房会]の)(?:ほか|他)(?:に|の)(?:は|も)?|\b(?:any )?others\b|\b(?:any|what|which) other (?:measures?|ones?)\b|"
                   # ("Are there other 農林水産省-led measures?", "other MIC (総務省)-led ones": what they are said between)
                   r"(?<!\bthe )\bother\b(?=(?: [\w()&'-]+){0,2} (?:measures|programs|initiatives|policies)\b)|"  # "Are there other measures on …?"
                   r"\b(?:any|what|which) other\b(?=[^?？]*\b(?:measures|ones|programs|initiatives)\b)|"
                   # "Are there more measures about remote medical care?", "any more programs on …": more of them
                   r"\b(?:any|are there|is there|there) more\b(?= (?:[\w()&'-]+ ){0,2}(?:measures|programs|programmes|"
                   r"initiatives|policies|ones)\b)|"
                   # (not "what else does it measure?": more of the card just pointed at)
                   r"\b(?:what|anything) else\b(?! (?:does|do|did|is|are|will|would|can|could) (?:it|this|that|they|the)\b)|"
                   # "any other port measure", "Is there another one on ports?": one more of the table's, not of the list
                   r"\b(?:any other|another)\b(?=[^?？]*\b(?:measure|one|program|initiative|policy)\b)|" + _NOT_LISTED.pattern,
                   re.I)
_SET = re.compile(r"\ball (?:of )?(?:those|these|the)\s+(?:[\w-]+\s+){0,2}?(?:ones|measures)\b"  # a reminder, not a filter
                  # (not "all the measures in which the Police Agency is involved", "all the measures on ports": the
                  # clause after "the" says which measures of the table, a list of its own; "in the list" still points)
                  r"(?<!\bthe measures)(?<!\bthe ones)(?<!\bof the measures)|"
                  r"\ball (?:of )?the\s+(?:[\w-]+\s+){0,2}?(?:ones|measures)\b(?!\s+(?:the|an?)\s+(?!(?:list|answer|table|"
                  r"results?|above)\b))(?!\s+(?:(?:in|on|at|with|by|for|under|of) "
                  r"(?:which|whom)\b|that|which|where|whose|who|about|on|regarding|concerning|involving|related|relating|"
                  r"led|run|managed|handled|overseen|under|by|of|for|with|in|to|from|where)\b(?!\s+(?:the|this|that|those|these|"
                  r"your|last|previous)\s+(?:list|answer|table|results?|above)\b))|"
                  # "Among the five", "of those three measures": the list, by its count
                  r"\b(?:among|of|from|out of) (?:the|those|these) (?:two|three|four|five|six|seven|eight|nine|ten|\d{1,2})\b"
                  r"(?: (?:measures|ones|cards|items|listed))?|"
                  r"(?:さっき|先ほど|先程|前|上|その|この|これらの|それらの|今|いま|上記|以上|挙げた|出てきた|示した)\s*の?\s*"
                  r"(?:\d{1,2}|[一二三四五六七八九十])\s*(?:つ|件|個|施策)(?:の施策)?(?:の(?:中|うち|内|なか))?|"
                  r"(?:\d{1,2}|[一二三四五六七八九十])\s*(?:つ|件|個)の(?:中|うち|なか)|"
                  r"(?:上|前|さっき|先ほど|先程|今|いま|上記|以上|これまで|挙げた(?:施策|もの)?|出てきた(?:施策|もの)?|"
                  r"示した(?:施策|もの)?|答えた(?:施策|もの)?|今の(?:施策|回答|結果|答え))の?(?:中|うち|なか)(?:から|で)?|"
                  r"(?:その|この|そん|こん|それらの|これらの)(?:中|うち|内|なか)|"
                  # 「そこから総務省のだけ」, 「ここの中で」, 「そっから」: the place words (そこ / ここ) point at the list as well
                  # (not the conjunction 「そこで、」 / 「ここで一つ質問」, nor a time from then, 「そこから何年で」)
                  r"(?:そこ|ここ)(?:の(?:中|うち|なか))?(?:から|で(?![、,\s]|質問|聞|お聞き|伺|確認|一つ|ひとつ|もう)(?:は)?)"
                  r"(?!\s*(?:何|数|[一二三四五六七八九十]|\d{1,2}(?!\d))+\s*(?:年|か月|ヶ月|カ月|日|週))|(?:そっ|こっ)から|"
                  # (「うち信号のは？」, 「うち、マイナポータル絡みは」: うち opening the question, a comma after it or not)
                  r"(?:そこ|ここ)の(?:中|うち|なか)|^(?:で|じゃあ)?、?(?:中|なか)でも|^(?:で|じゃあ)?、?うち(?!の)[、,\s]*(?=[^\s、,]{2})|それらの?|これらの?|そいつら|上記の?(?:施策)?|上の施策|以上の施策|"
                  r"(?:前|先ほど|先程|さっき|今)の(?:施策|回答|結果|答え)|\b(?:among (?:them|those)|of (?:them|those)|these|those|them|"
                  r"they|which ones?(?! (?:measures?|polic|programs?)))\b|どっち(?!も)|どちら(?!も|様|さま)", re.I)
# An English pronoun (them, those, all of them) in a later sentence of a question whose earlier sentence asks for
# measures ("Which measures does MLIT lead? All of them, please."): a pronoun stands for the nearest noun before it, and
# that noun is the question's own, not the last answer's. Only across a sentence's end: within one sentence ("Which
# measures among those are led by MIC?") the pronoun still points back at the list.
_ANTECEDENT_BEFORE = re.compile(r"\b(?:measures|ones|programs|programmes|policies|initiatives)\b[^.?!？。]*[.?!？。]", re.I)
# …or a noun phrase put first in the same sentence, a comma and the question after it: "the X-led ones that aren't
# about ports, what do they do?" (what the phrase names is the question's own, where it names a ministry or topic)
_ANTECEDENT_FRONTED = re.compile(r"\bthe\s+(?P<np>(?:[\w()&'-]+\s+){0,5}?(?:measures|ones|programs|programmes|policies|"
                                 r"initiatives)\b[^,.?!？。]{0,60}),\s*(?:and\s+)?(?:what|which|who|when|how|where|do|does|are|is)\b",
                                 re.I)
# 「挙げてもらった中で」, 「今出たやつのうち」, 「リストから」: among what was just given, said by a phrase with no topic of its own
# (「今年度中に終わる？」, 「期間内に」: a time, not among)
# (「挙げられたうち」, 「出てきたうちで」: a clause of a past verb and うち, with no の between: among what it did)
_AMONG = re.compile(r"^(?P<pre>[^、。？?]{1,16}?)(?<!年|度|月|週|期|日|間)\s*(?:の?\s*(?:中|なか|内)\s*(?:で|から|では|に|の|だと)|のうち|"
                    r"(?<=[ただ])うち(?:で|から)?(?=[、,\s]|[^\s、,の]{2})|"
                    r"(?:やつ|奴|もの)(?:ら)?\s*(?:で|から|のうち|の中で))|"
                    # (「先ほどの一覧の中で」, 「前のリストのうち」: the list given before, said by when)
                    r"^(?P<list>(?:その|この|さっきの|今の|上の|(?:先ほど|先程|さきほど|前|まえ|直前)の|(?:一番|いちばん)?(?:最初|初め|はじめ|元|もと)の)?\s*(?:一覧|リスト|結果|回答))\s*(?:から|で|の中(?:で|から|では)?|のうち|に(?:戻|もど)(?:って|ると|れば|り))|"
                    # ("Back to the first list: …", "From the original list, …": an earlier list)
                    r"\b(?:from|in|on|of|to) (?:that|this|the|your) (?:(?:very )?first |original |earlier )?(?:list|answer|result)s?\b"
                    r"[\s,:—–-]*", re.I)
# 「先ほどの一覧」, 「さっきのリスト」, 「前の結果」: the list given before, named by when it was given (no topic)
_LIST_BY_WHEN = re.compile(r"(?:先ほど|先程|さきほど|さっき|前|まえ|直前|今|いま|上)\s*の\s*(?:一覧|リスト|結果|回答)")
# 「全部の学校で使う」, 「すべての自治体に入る」: all of what a card counts or serves (its target), not all the cards.
# Not understand.ALL_OF_A_NOUN, on purpose: that one asks whether 全部の / すべての asks for every measure (「全部の施策」)
# or says "all" of any other noun (「全部の学校」, 「全部のKPI」: no list of measures); this one asks, in a follow-up,
# whether 全部の points at the cards just answered (「全部のKPIは？」, 「全部の担当」: each card's field) or is "all" of a
# thing the card serves (「全部の学校」). A field word after 全部の is "all of a noun" there and each of the cards here,
# both right: a follow-up's KPIs are the answers' own, and no list of measures is asked. Only the things a card serves
# are read alike by both, and the tuning sets' 「全部の学校」 / 「すべての学校」 are read so by both
_ALL_OF_THINGS = (r"\s*(?:小|中|高等?|小中|公立|特別支援)?(?:学校|学級|教室|自治体|地方公共団体|市町村|市区町村|都道府県|地域|家庭|世帯|"
                  r"国民|住民|人|方|子|子ども|子供|こども|児童|生徒|学生|教員|先生|職員|企業|事業者|病院|医療機関|薬局|港|駅|"
                  r"信号|交差点|区間|トンネル|路線|端末|窓口|手続|手続き|役所|庁舎)")
# 「それぞれの」, 「各施策の」: the answers, when nothing else is named (「国交省の各施策のKPI」 is a question of its own)
# (「全部の学校で使えるの？」 said first is the served thing as well, not each of the cards: _ALL_OF_THINGS after の there too)
_EACH = re.compile(r"それぞれ(?:の)?|各(?:施策|々)の?|どっちも|どちらも|いずれも|どれも|(?:両方|りょうほう|両者|双方)(?:の|とも)?|"
                   r"全部の(?!" + _ALL_OF_THINGS + ")|"
                   r"^(?:みんな|皆|全部|すべて|全て)(?!の" + _ALL_OF_THINGS + r")(?=[^\s、]{2})|"
                   r"(?:\d{1,2}|[一二三四五六七八九十]|ふた|みっ|よっ)\s*(?:つ|件)とも|\ball of them\b|\beach(?: of them| one)?\b|\bboth\b",
                   re.I)
_ONE = re.compile(r"その施策|(?<!ど)この施策|同施策|当該施策|その取(?:り)?組(?:み)?|その(?:やつ|事業)|そっち|そちら|こっち|こちら|あっち|"
                  r"(?:こ|そ|あ)いつ|(?:この|その|あの)(?:件|案件|話|政策|プロジェクト|制度|仕組み|システム)|"
                  # (「それなら」, 「それじゃあ」: "then", said before a question of its own, no card pointed at)
                  # ("it" / "its", not IT in capitals: "IT skill standards", "IT人材", the acronym)
                  r"それ(?!ぞれ|ら|から|とは|と|に|で|以外|なら|じゃ)|これ(?!ら|まで|から|以外)|\b(?-i:[Ii]ts?)\b|"
                  # "this program", "that initiative": a measure pointed at by what it is called (as 「この事業」)
                  r"\b(?:this|that) (?:one|measure|program(?:me)?|initiative|project|scheme|policy|effort)\b", re.I)
# 「どっちも総務省が主担当ですか」, 「両方とも文科省が関わってる？」: a ministry's role in each of them, however it ends
# (「どっちも総務省ですか？」, 「両方とも経産省？」: a ministry and a yes/no, nothing else after it, asks its role as well)
_ROLE_OF = re.compile(r"(?:省|庁|府|官房|委員会|本部)\s*(?:(?:が|は|も|って)?\s*(?:主担当|主管|主体|メイン|担当|関わ|関与|入っ|参加|参画)|"
                      r"(?:なん)?(?:です|でしょう|だ|なの|でした|だった)?(?:か|っけ|よね|ね)?\s*[?？]?\s*$)")
# a year said with its era name or relative to now (「令和4年度」, 「平成31年」, 「来年度」, 「前年度」)
_YEAR_SAID = re.compile(r"(?:令和|平成|昭和)\s*(?:\d{1,2}|元|[一二三四五六七八九十]{1,3})\s*年度?|(?:再来|来|今|昨|前|翌)\s*年度?")
# 「作成と改訂は」, 「開始や完了の」 said right before それぞれ: two things, coordinated, that それぞれ distributes over
_COORDINATED = re.compile(r"[^\s、,。?？と]{2,}\s*(?:と|や|および|及び)\s*[^\s、,。?？と]{2,}?\s*(?:は|の|を|って|が)?\s*$")
_MINISTRY_END = re.compile(r"(?:省|庁|府|官房|委員会)\s*(?:は|の|を|って|が)?\s*$")
# 「…と比べて」, 「…とどう違う」, "compared with": two cards set side by side
_COMPARED = re.compile(r"(?:と|に)\s*(?:比べ|くらべ|比較)|(?:と|に)\s*(?:どう|どこが|何が)?\s*(?:違|ちが)|"
                       r"\b(?:compare[sd]?|compared|comparing|versus|vs\.?|differ(?:s|ent)?(?: from)?)\b", re.I)
_BOTH = re.compile(r"どっちも|どちらも|両方|りょうほう|両者|双方|(?:2|二|ふた)\s*(?:つ|件)とも|\bboth\b", re.I)
# 「高齢者向けのほうの」, 「システムのやつは」: a description of one of the cards on the list
_PICK = re.compile(r"^(?:じゃあ|では|で、|ちなみに[、,]?)?(.{1,40}?)(?:の|(?<=[るたいな]))(?:ほう|方|やつ|奴)(?=$|[のはをがってでにも？?、\s])(?:の)?"
                   r"(?:\s*(\d|[一二三四五六七八九十])\s*(?:つ|件))?(?:の|は|を|が|って|で)?|"
                   r"\b(?:for |and |about )?the (.{1,40}?) (?:one|measure)\b,?|"
                   # "the one aimed at doctoral students", "the measure that targets SMEs", "the one covering ports"
                   r"\bthe (?:one|measure|program(?:me)?) (?:(?:that (?:is|deals) (?:about|with)|about|on|for|with|covering|"
                   # ("the one helping blind people cross the road", "the one where you …": what it does, by its verb)
                   r"targeting|targeted at|aimed at|aiming at|meant for|that|which|where) |(?=[a-z]{2,}ing\b))(.{1,60}?)(?=\s*[,—–?:;]|\s+-|$|"
                   r"\s+(?:what|which|who|when|how)\b)[\s,:;—–-]*", re.I)
# 「防災の3つについて」, 「港湾関係の2件は」: a description and a count, some cards of the list
_COUNTED_PICK = re.compile(r"^(?:じゃあ|では|で、|ちなみに[、,]?)?(?P<x>[^、。？?\s]{1,16}?)の\s*(?P<n>\d|[二三四五六七八九十]|ふた|みっ|よっ)"
                           r"\s*(?:つ|件)(?!目|め)(?:について|の|は|を|が|って|で)?[、,\s]*")
# "Which one targets doctoral students — what's its KPI?", "Which measure covers ports?", "Which of them is for SMEs?":
# one card of the list, picked by the description after it (a singular asking word; not a superlative, a negation —
# superlatives by name: a bare 〜est would take forest, interest, request)
_WHICH_ONE = re.compile(r"^\s*(?:(?:and|so|ok|okay|then|now)[,\s]+)?which (?:(?:one|measure|program(?:me)?|policy|initiative)\b"
                        r"(?: (?:of|among|from) (?:them|these|those|the list))?|of (?:them|these|those)\b(?= (?:is|"
                        r"targets|covers|deals|focuses|aims|concerns|involves)\b))\s*", re.I)
_WHICH_ONE_NOT = re.compile(r"\b(?:(?:earli|late|bigg|small|larg|high|low|fast|slow|new|old|young|long|short|great|b|w|clos|"
                            r"strong|easi|hard|cheap)est|most|least|first|last|more|fewer|earlier|later|sooner|not|except|"
                            r"without)\b|n't\b", re.I)
# 「どれが博士人材向け？」: which of the cards shown the description fits (「どれが一番早い？」 is a superlative, not this)
_WHICH_IS = re.compile(r"^(?:じゃあ|では|で|それで|あと)?[、,\s]*(?:どれ|どっち|どちら)が\s*(?P<x>[^？?。]{2,30}?)(?:なの|です|でしょう|だっけ)?"
                       r"(?:か)?\s*[？?]")
_WHICH_IS_NOT = re.compile(r"一番|いちばん|最も|もっとも|早い|遅い|多い|少ない|以外|じゃない|ではない|ない$")
# 「沖縄のは？」, 「自治体向けのはいつまで？」: "the one of X", a noun and の standing for the measure
_THE_ONE = re.compile(r"^(?:じゃあ|では|で|それで|あと)?[、,\s]*([^、。？?!！\s]{1,12}?(?:(?<=[一-龥ァ-ヶーA-Za-z0-9])|(?<=向け)))のは(?!ず)")
_NEGATED = re.compile(r"(?:以外|じゃない|ではない|でない)$")
# a subject that leaves something out: 「沖縄以外は全部総務省？」, 「災害じゃないのは？」, 「港湾関係を除くと？」,
# 「医療と関係ないのは？」
_LEFT_AMONG = re.compile(r"^(?:じゃあ|では|で|それで|あと)?[、,\s]*(?P<x>[^、。？?!！\s]{1,16}?)"
                         r"(?:以外|じゃない|ではない|でない|を除(?:く|いた|いて)(?:と|ら)?|"
                         r"を(?:外(?:すと|したら|して)|抜(?:くと|いたら|いて)|除外(?:すると|したら|して))|"
                         r"(?:と|に)(?:は)?(?:関係|関連|関わり|かかわり)(?:の|が)?(?:ない|無い)|(?:と|に)無関係(?:な)?|"
                         r"(?:と|に)(?:関係|関連)しない|(?:と|に)(?:関わ|かかわ)らない|(?<!置き)(?<!生え)(?<!勝ち)(?<!引き)(?<![談手息骨])抜き|(?:が|は)ノータッチ(?:な)?)"
                         r"(?:の|もの|やつ|のもの|のやつ|ところ)?(?:は|って|で|だと|なら|を|が|[？?]|$)")
# … said in English: "Other than the port ones?", "And the ones except MIC's?"
_LEFT_AMONG_EN = re.compile(r"^\s*(?:(?:and|so|ok|okay|then|what about|how about)\b[\s,]*)*(?:the\s+)?(?:ones?|measures?|those)?\s*"
                            r"(?:other than|except(?: for)?|apart from|aside from|excluding|not counting)\s+(?P<x>.{1,40}?)"
                            r"[\s?.!]*$", re.I)

# Words that ask about a card rather than name a topic: once they (and a field's words) are gone, a question with no
# other word asks about the cards just answered.
_NO_TOPIC_WORDS = frozenset({
    "御",  # the polite prefix on its own (「お願い」 read as お + 願う): politeness, not a topic
    "遣る", "為る", "成る", "有る", "居る", "出来る", "何処", "誰", "何", "其々", "其れ", "此れ", "方", "奴", "もう", "一", "回",
    "因み", "具体", "詳しい", "予定", "今", "現在", "状況", "どう", "如何", "教える", "知る", "見せる", "出す", "下さる",
    "くださる", "くれる", "もらう", "貰う", "頂く", "いただく", "ある", "いる", "する", "なる", "やる", "できる", "言う", "分かる",
    "わかる", "関わる", "関係", "担当", "施策", "取組", "取り組み", "取り組む", "事業", "政策", "内容", "お願い", "願う", "確認",
    "ちなみ", "じゃあ", "では", "目標", "もう少し", "少し", "ざっくり", "簡単", "正式", "名称", "じゃ", "で", "それ", "これ", "あれ", "どれ",
    "こと", "もの", "感じ", "ところ", "所", "辺", "あたり", "一覧",
    "理由", "訳", "原因",  # 「理由は？」 after a card: why it says what it says, asked of that card
    "表", "全部", "全て", "まとめる", "並べる", "比較", "比べる", "書く", "記載", "載る", "終わる", "終える", "始まる", "始める",
    "決まる", "進む", "進める", "目指す", "的", "の", "ん", "頃", "ごろ", "まで", "迄", "から", "いつ", "何時", "年", "年度",
    "一つ", "つ", "目", "番", "件", "個", "各", "each", "what", "about", "the", "is", "are", "it", "its", "and", "show",
    "me", "tell", "please", "of", "for", "which", "who", "when", "how", "set", "them", "they", "their", "that", "this",
    "数値", "数字", "成果", "感", "ほか", "他", "外", "別", "出る", "でる", "向け", "為", "中身", "気", "決める", "欄", "ね", "かな", "よ", "さ",
    "'s", "s", "a", "an", "there", "involved", "will", "be", "done", "does", "do", "did", "cost", "costs", "more", "else",
    "主", "規模", "実現", "実施", "達成", "完了", "開始", "終了", "稼働", "見込み", "具合", "程度", "くらい", "ぐらい", "位", "どれ位",
    "other", "measure", "one", "ones", "planned", "supposed", "achieve", "achieved", "expected", "target", "by", "until",
    "end", "finish", "finished", "complete", "completed", "start", "started", "now", "currently", "status", "any",
    "much", "many", "was", "were", "has", "have", "had", "been", "being", "what's", "whats", "in", "on", "at", "to",
    "from", "with", "as", "or", "if", "so", "can", "could", "would", "should", "may", "might", "i", "you", "we", "us",
    "our", "your", "my", "also", "again", "then", "just", "only", "still", "ok", "okay", "thanks", "why", "where",
    "exactly", "actually", "really", "get", "got", "give", "go", "going", "like", "mean", "meant", "say", "said",
    "know", "see", "look", "need", "want", "plan", "aim", "happen", "happening",
    # "When is that expected to be allowed?", "the target date for allowing that", "become possible": when it comes
    # about, said of the card just answered (as 「いつできるようになる？」, 「いつ可能になる？」), no topic of its own
    "allow", "allows", "allowed", "allowing", "permit", "permits", "permitted", "permitting", "possible", "become",
    "becomes", "enabled", "available", "ready", "implemented", "introduced", "launched", "rolled", "out", "date",
    "dates",
    "関与", "参画", "所管", "一緒", "協力", "連携",  # 「関与している府省庁は？」: how a ministry takes part, no topic
    "apply", "applies", "applied", "marked", "under", "fall", "falls", "cover", "covers", "covered", "relevant",
    "違い", "差", "差異", "共通", "共通点", "相違", "相違点", "difference", "differences", "compare", "contrast",
    "絞る", "絞り込む", "限る", "限定", "filter", "narrow",
    "二", "三", "四", "五", "六", "七", "八", "九", "十", "両方", "両者", "双方", "皆", "みんな", "全員",  # 「二つとも総務省？」
    "いくつ", "幾つ", "年間", "毎年",  # 「年何回くらい？」
    "いくら", "幾ら", "今後", "その後", "将来", "これから", "current", "latest", "stand", "update",  # 「今後の予定は？」
    "者",  # 「対象者は？」: 対象 and its suffix, read apart
    "リスト", "結果", "回答", "答え", "やつら", "奴ら",  # 「リストのうち…」, 「今のやつらで…」
    "あと", "後", "それと", "それから", "さらに", "更に", "また", "次いで", "ついで", "続いて",  # 「あとKPIは？」
    "単独", "唯一", "のみ", "だけ", "alone", "sole", "solely",
    "総額", "全額", "合計", "総計", "総", "トータル", "total",  # 「予算総額は？」: how much in all, of the card just answered
    "全体", "overall", "altogether", "combined", "whole",  # 「全体でどれくらいの予算？」, "How much overall?": the same
    "上限", "下限", "最大", "最小", "最高", "最低", "上限額",  # 「支援の上限額は？」: how much at most (a degree, not a topic)
    "人数", "件数", "回数", "個数", "台数",  # 「それぞれの目標人数は？」: how many, of the cards just answered
    "未", "未設定", "空欄", "空白", "未定", "設定", "blank", "unset", "empty", "missing",  # 「それもKPI未設定？」: its KPI
    # what a field's value is called: 「予算の数字は？」, "Is there a budget figure?"
    "figure", "figures", "number", "numbers", "amount", "value", "values", "info", "information", "breakdown",
    "specifics", "here", "数", "値", "額", "項目", "中味",
    # "what KPI do they track?", "who runs it?": how a card is asked about in English, no topic of its own
    "track", "tracks", "tracked", "tracking", "use", "uses", "used", "using", "measured", "monitor", "monitors",
    "monitored", "lead", "leads", "led", "leading", "run", "runs", "handle", "handles", "handled", "responsible",
    "charge", "own", "owns", "due", "aiming", "aims", "aimed", "targets", "targeting", "report", "reports",
    # "Is the Commission involved too?", "Does METI take part?", "Any numeric targets?": how, not what
    "too", "take", "takes", "part", "participate", "participates", "numeric", "numerical", "quantitative",
    "measurable", "concrete",
    # 「進捗KPIの定義は？」: what a field's words mean, of the card just answered
    "定義", "意味",
    # 「念のため、…を並べてください」, 「…に分けて整理してください」: why and how the answer is laid out, not what about
    "念", "整理",
    # 「印の有無はいかがでしょうか」, 「KPIの有無は」: whether the field holds anything, asked of the cards just answered
    "有無",
    "残り", "のこり",  # 「残り何市町村？」: how many are left, of the card just answered
    "心配", "不安",  # 「個人情報が心配。…は入ってる？」: how the asker feels, not what about
    # how a number is asked for (「何パーセント？」, 「割合はどのくらい？」, 「距離で言うと？」, 「幾つ」 read as 幾 + つ): the unit or
    # the kind of magnitude of a value the card gives, not a topic
    "幾", "パーセント", "パーセンテージ", "割合", "比率", "率", "延長", "距離", "長さ", "面積", "水準", "レベル",
    # how often (「どのくらいの頻度で？」, 「どんなペースで」) and how many, said as a word (「いっぱい？」, 「たくさん？」, 「大勢」):
    # a degree of what the card gives, asked of it, not a topic
    "頻度", "ペース", "一杯", "沢山", "大勢", "多数",
    # what is meant or planned (「…するつもり？」, 「見通しは？」) and when a thing starts (「運用スタートは？」, 「着手は？」)
    "積り", "つもり", "見通し", "スタート", "始動", "着手", "立ち上げ", "終わり", "始まり",
    # who leads, said without a field word (「メインは厚労省？」, 「中心は総務省？」)
    "メーン", "メイン", "主管", "筆頭",
    # "Who else is involved besides them?": others than the ones named, no topic of its own
    "besides", "apart", "aside", "except", "excluding", "beside",
    # "Who runs this program?", 「このプロジェクトの担当は？」: what a measure is called when pointed at, like "measure"
    "program", "programme", "initiative", "project", "scheme", "effort", "プロジェクト",
    "success", "successful", "behind", "office", "body",  # "How is success measured?", "Which body runs it?"
    # "which other bodies are listed?", "the offices named": where the card writes them, not what about
    "bodies", "offices", "list", "lists", "listed", "named", "mentioned",
    # "When's that expected to be reached?", "Is it on track to meet it?", "What ministries work on it?": a target
    # reached or met, a measure worked on, said of the card just answered (their -ing / -ed forms: _no_topic)
    "reach", "reaches", "meet", "meets", "met", "attain", "accomplish", "fulfil", "fulfill", "work", "works", "deal",
    "deals",
    # "When will it go into operation?", "When does it go live / come into force / take effect?", "the annual budget":
    # when and how often a card runs, not what about
    "operation", "operations", "operational", "operate", "operates", "live", "force", "effect", "place", "into",
    "onto", "annual", "annually", "yearly",
    # "And for the remaining three, who leads?", "the rest of my first list, who leads those?", "For the others, who
    # is the lead in each case?": the count, the determiner and the place that point at cards of a list, and the
    # phrase that says "each", said in English, are no topic (as 「三つ」, 「その」, 「最初の」, 「それぞれ」 are none)
    "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "both", "all", "these", "those", "first",
    "second", "third", "fourth", "fifth", "last", "rest", "remaining", "others", "case", "cases",
})


def _no_topic(base: str, surface: str) -> bool:
    """A word of no topic (_NO_TOPIC_WORDS), an English verb of them in its -ed / -ing forms too ("achieving",
    "reached", "worked": achieve, reach, work), where the stem left is a word of 4 letters or more (not the -s
    forms: "measures", "programs" are the nouns that ask for measures)."""
    if base in _NO_TOPIC_WORDS or surface in _NO_TOPIC_WORDS:
        return True
    w = surface.lower()
    if not re.fullmatch(r"[a-z]{5,}", w):
        return False
    stems = ([w[:-3], w[:-3] + "e"] if w.endswith("ing") else []) + ([w[:-2], w[:-1]] if w.endswith("ed") else [])
    return any(len(x) >= 4 and x in _NO_TOPIC_WORDS for x in stems)


def picked_before(fu: FollowUp, last: Turn | None) -> tuple[str, ...]:
    """The cards the previous turn picked from the same list by another description: after 「地域のほうの担当は？」,
    「学校のほうのKPIは？」 contrasts the two, so it means another card of the list (the same words again: the same)."""
    if fu.kind != "pick" or last is None or last.listing != fu.ids or not last.answers:
        return ()
    m = _PICK.search(unicodedata.normalize("NFKC", last.question).strip())
    before = (m.group(1) or m.group(3) or m.group(4) or "") if m else ""
    # 「そのうち、進捗KPIのほうに期限が書いてあるのは」: the KPI cell said with のほう is where to look in each card, no card
    # picked by a description
    if re.search(r"(?:進捗|効果|kpi|指標)\s*(?:\(\S{0,4}\))?\s*$", before, re.I):
        return ()
    return last.answers if before and before != fu.described else ()


# 「ほかに」, 「他にも」 opening a question: more than what was given, which means nothing when nothing is kept
_LEADING_MORE = re.compile(r"^(?:ほか|他)に(?:は|も)?[、,\s]*(?=\S)")


# 「ほかも含めて」, 「他のも合わせて」, 「さっきのも含めて」: the others (or the cards given) counted in, the set widened
# (not the cards given kept out, nor the question asked of them); 「ほかにも」
# with a word for every measure (「ほかにも…があれば全部」, 「他にも何がある？全部で」): all there are, those given too
_WIDEN = re.compile(r"(?:(?:(?:(?:その|この)?(?:ほか|他)|それ|これ|その施策|この施策)(?:の(?:施策|もの|やつ)?)?|"
                    r"(?:さっき|先ほど|先程|今|いま|前|上)の(?:施策|もの|やつ)?)"
                    r"(?:も|を)\s*(?:含め|ふくめ|入れ|いれ|合わせ|あわせ)(?:て|た)"
                    r"|(?P<also>(?:ほか|他)にも)"
                    # "…, including that one", "the one above included", "as well as those": the card given counted in
                    r"|,?\s*\b(?:including|as well as) (?:(?:that|this|the) (?:one|measure)|it|them|those|these)"
                    r"(?: ones)?(?: (?:above|(?:you )?(?:just )?(?:mentioned|gave|named|listed)))?\b"
                    r"|,?\s*\b(?:that|this|the) (?:one|measure)(?: above| you (?:just )?(?:mentioned|gave|named))? included\b)"
                    r"[、,\s]*", re.I)
_EVERY_WORD = re.compile(r"全部|全て|すべて|ぜんぶ|一覧|一通り|ひととおり|漏れなく|もれなく|残らず|網羅|全件|\ball\b", re.I)


# 「…のやつはぜんぶでどれ？」, 「…のほう全部」: every measure the words before it fit (not 「全部の」, all of a noun)
_EVERY_AFTER = re.compile(r"[、,\s]*(?:" + _EVERY_WORD.pattern + r")(?!\s*の)", re.I)


# 「…施策を全部」, 「…の施策を一覧で」: every measure of a set
_EVERY_MEASURE = re.compile(r"(?:施策|取組|取り組み|事業|もの|やつ)(?:を|は|って|で)?[、,\s]*(?:" + _EVERY_WORD.pattern + ")", re.I)


def cells_set(rest: str) -> bool:
    """`rest` asks for every measure whose cells say a date or target (「2025年度までの目標が書いてある施策を全部」): a set
    of its own, made by the 工程表 cells, though no noun of a topic is left once its field words are gone."""
    from .retrieve.dated import dated_ask

    dated = dated_ask(rest) if _EVERY_MEASURE.search(rest) else None
    return dated is not None and (dated.year_from is not None or dated.year_to is not None)


# what asks for measures as a set (「…の施策は？」, 「…のものはある？」, 「…のはどれ？」, 「…を一覧で」, "Which measures …"),
# not for what one card does (「2025年度までに何をするの？」) or whether it is so (「2025年度まで？」)
_ASKS_MEASURES = re.compile(r"施策|取組|取り組み|事業|政策|もの|やつ|どれ|一覧|リスト|" + _EVERY_WORD.pattern + "|"
                            r"の(?:は|って)\s*(?:ある|あります)?\s*(?:か|の)?\s*[?？]?\s*$|"
                            r"\b(?:measures?|programs?|initiatives?|policies|which|list)\b", re.I)
# 「2025年度までに何をするの？」, 「何が終わる？」, "What will it do by 2025?": what is done then, asked of the card just
# answered (not 「令和4年度に何かを開始する施策」: something, whatever it is, that the measures asked for do)
_WHAT_IS_DONE = re.compile(r"(?:何|なに|なん)\s*(?:を|が|する|やる|して)|\bwhat (?:will|does|do|did|is it|are they)\b", re.I)


@lru_cache(maxsize=1024)
def dated_list(q: str) -> bool:
    """`q` asks for the measures that meet a date condition (「2025年度が期限の施策は？」, 「令和7年度までが期限のものはある？」,
    "Which measures have a 2025 deadline?", as retrieve.dated reads it: a year or a range of years, with a deadline,
    start or during word): a list over the whole table, though 期限 / まで / deadline alone would ask that field of the
    cards just answered. Pointing words (その中, それ, さっきの) are read before this: the question is not asked of them.
    Read once per text (a follow-up asks it up to three times: follow_up twice, index.assist's 「ほかに」 once)."""
    from .retrieve.dated import dated_ask

    q = unicodedata.normalize("NFKC", q)
    dated = dated_ask(q)
    return (dated is not None and (dated.year_from is not None or dated.year_to is not None)
            and _ASKS_MEASURES.search(q) is not None and _WHAT_IS_DONE.search(q) is None)


def _widened(q: str) -> str | None:
    """`q` without the words that widen its set to the cards already given (_WIDEN), or None when it has none."""
    m = _WIDEN.search(q)
    if m is None or (m.group("also") and not _EVERY_WORD.search(q)):
        return None
    if m.group("also") and _EVERY_WORD.match(q, m.end()):
        # 「ほかにもぜんぶ出して」, 「ほかにもすべて教えて」: the quantifier stands right after 「ほか」 and counts the others
        # (all of the others), not the set the words name (「ほかにもあれば全部」: if there are more, the whole set)
        return None
    return (q[:m.start()] + q[m.end():]).strip(" 、,")


def without_more(q: str) -> str:
    """`q` without an opening 「ほかに」 when a topic follows it (「ほかに経産省の施策は？」 → 「経産省の施策は？」)."""
    m = _LEADING_MORE.match(q)
    return q[m.end():] if m and has_own_topic(q[m.end():]) else q


def topic_switch(question: str) -> tuple[bool, str]:
    """(whether the question opens with words that change the subject, the question without them)."""
    q = unicodedata.normalize("NFKC", question).strip()
    m = max((m for m in (_SWITCH.match(q), _SWITCH_MORE.match(q)) if m), key=lambda m: m.end(), default=None)
    if m and m.end() > 0 and q[m.end():].strip():
        rest = q[m.end():]
        # the copula or apology that ends the switch words (「別件なんだけど」): only right after them; once a 、 or a
        # space has closed them the question begins (「別件だけど、なんびょうの…」: なん is 難病's; 「ところで でじたる
        # 教科書」: で is でじたる's), save an English "but" ("Unrelated, but …")
        closed = re.search(r"[\s、,:：。.—–-]$", q[:m.end()]) is not None
        tail = _SWITCH_BUT if closed else _SWITCH_TAIL
        rest = rest[tail.match(rest).end():].strip() or rest.strip()  # type: ignore[union-attr]
        return True, rest.strip()
    return False, q


def content_words(text: str) -> list[str]:
    """The words of `text` that name a topic (what `has_own_topic` looks for), as written: 「申請受付いつから？」 →
    申請, 受付. A follow-up whose words are all in the card just answered asks about that card."""
    from .text import STOP_POS, STOP_WORDS, analyzer

    text = re.sub(r"[\s、。,.?？!！「」『』()（）・:：]+", " ", unicodedata.normalize("NFKC", text)).strip()
    return [t.surface for t in analyzer().tokens(text) if t.pos not in STOP_POS and t.pos in _TOPIC_POS
            and t.base not in STOP_WORDS and not _no_topic(t.base, t.surface)
            and not re.fullmatch(r"[\d\W_ぁ-ゖー]+", t.base)]


# What may follow a counter typed in kana (「なんかしょぐらい」, 「なんけんありますか」, 「なんかいも」): the end, a letter
# that is not hiragana, or a particle or verb of the count; not more kana of another word (「なんかいい」: なんか + いい,
# not 何回 + い; 「なんかしょうがない」: not 何か所 + うがない)
# 「何校くらい？」, 「年何回やってる？」, "how many": a number the card gives, asked of the card just answered
# (the counters as whole words: 「何か」 is "something", no か所)
QUANTITY = re.compile(r"何\s*(?P<counter>(?:万|億)?(?:か所|カ所|ヶ所|箇所|市町村|都道府県|団体|機関|地域|世帯|"
                      r"[回校人件社台割倍%％県名者]))|"
                      # 「何キロぐらい？」, 「何ヘクタール」: a length or an area, in the unit the cards write (km, ha)
                      r"何\s*(?P<measure>キロ(?:メートル)?|km|ヘクタール|ha)(?![ぁ-ゖ]*グラム)|"
                      # typed in kana (text.COUNTED_KANA: 「なんかしょ」, 「なんにん」; not 「なんかい」, which is also なんか + い)
                      r"なん\s*(?P<kana_counter>" + "|".join(COUNTER_KANA[w] for w in COUNTED_KANA) + ")" + AFTER_KANA_COUNTER + "|"
                      r"いくつ|幾つ|どれ(?:くらい|ぐらい|位|だけ)|どの(?:くらい|ぐらい|位)|\bhow (?:many|much|often)\b", re.I)


_KANA_COUNTERS = {COUNTER_KANA[w]: w for w in COUNTED_KANA}


def quantity_counter(m: re.Match | None) -> str | None:
    """The counter a QUANTITY match asks by, as the table writes it (「なんかしょ」 → か所); None: none (「どれくらい」)."""
    if m is None:
        return None
    if m.group("measure"):
        return "km" if m.group("measure").startswith(("キロ", "km")) else "ha"
    return m.group("counter") or _KANA_COUNTERS.get(m.group("kana_counter") or "")


def has_own_topic(text: str) -> bool:
    """A noun remains in `text` (once pointing, field and asking words are gone): a topic of its own. Verbs, adverbs
    and adjectives (「かけてる」, 「実現する」, 「もう少し」) say how a thing is asked, never what about: a follow-up
    made of them and a field still asks about the cards just answered."""
    from .text import STOP_POS, STOP_WORDS, analyzer

    text = re.sub(r"[\s、。,.?？!！「」『』()（）・:：]+", " ", text).strip()
    if not text:
        return False
    if _CARD_ID.search(unicodedata.normalize("NFKC", text)):
        return True  # 「02-09の担当は？」 names its card
    return any(t.pos in _TOPIC_POS and t.base not in STOP_WORDS and not _no_topic(t.base, t.surface)
               and not re.fullmatch(r"[\d\W_ぁ-ゖー]+", t.base)
               for t in analyzer().tokens(text) if t.pos not in STOP_POS)


_CARD_ID = re.compile(r"(?<!\d)\d{2}\s*[-‐－ー]\s*\d{2}(?!\d)")
# 「06-05以外にも」, 「03-44のほかに」, 「02-10を除いて」: a card named to be left out of more of the same
_ID_EXCEPT = re.compile(r"(?<!\d)(?P<id>\d{2}\s*[-‐－ー]\s*\d{2})(?!\d)\s*(?:以外|の(?:ほか|他)|を(?:除|のぞ)(?:いて|く|け(?:ば|る)))"
                        r"(?:に|で|の)?(?:も|は)?[、,\s]*")
_TOPIC_POS = frozenset({"名詞", "接頭辞"})  # UniDic's nouns (common and proper), and 「超」「非」 in a compound


def _way_of_doing(text: str) -> bool:
    """「払い方」, 「進め方」, 「使い方」: 方 after a verb's stem (UniDic's suffix 方) is how a thing is done, not 「〜のほう」
    (「新しい方」, 「高齢者向けの方」: a noun, the one of the list)."""
    from .text import analyzer

    tokens = analyzer().tokens(text)
    return any(t.surface == "方" and t.pos == "接尾辞" and i and tokens[i - 1].pos == "動詞" for i, t in enumerate(tokens))


# a demonstrative determiner and the word it determines (「そのKPI」, 「その担当」, 「あの期限」)
_DETERMINER = re.compile(r"(?<![ど])(?:その|この|あの)\s*(?P<noun>[一-龥々ァ-ヶーA-Za-z]+)")


def _determiner_of_field(q: str, field_rest) -> re.Match | None:
    """「そのKPIはいつまで」: その before a word that names a field of a card (KPI, 担当, 期限) says "its": the
    determiner points at the card just answered, as 「それの」 would, where the field word alone leaves nothing of a
    topic (「その研修の期限」 names a thing of its own) and the question names no topic before it (the nearest thing
    named is what a demonstrative refers to). The determiner, as a match to cut."""
    m = _DETERMINER.search(q)
    if m is None or has_own_topic(q[:m.start()]):
        return None  # 「地図データのセンターの施策もあったと思うけど、その効果KPIは？」: その refers to what was named first
    left = field_rest(m.group("noun"))
    return _DETERMINER_ONLY.match(q, m.start()) if left is not None and not has_own_topic(left) else None


_DETERMINER_ONLY = re.compile(r"その|この|あの")


def _cut(q: str, m: re.Match) -> str:
    rest = (q[: m.start()] + " " + q[m.end():]).strip()
    left = re.sub(r"^(?:から|[でのはにがをもと、,\s])+", "", rest).strip()
    return _word_begun(rest, left)


def _word_begun(rest: str, left: str) -> str:
    """`left`, the particles cut off the front of `rest`, with the last one given back where it is the first sound of
    the word after it, typed in kana: 「その中でもう動き出してる」 is もう (already), 「それのもくひょうは」 is もくひょう
    (目標), not も and a word that means nothing; 「その中でも特に」 keeps も a particle (the reading decides)."""
    if not left or len(left) >= len(rest) or not re.match(r"[ぁ-ゖ]", left):
        return left
    head = rest[len(rest) - len(left) - 1]
    if head not in "でのはにがをもと":
        return left
    from .text import analyzer

    first = next(iter(analyzer().tokens(head + left[:12])), None)
    if first is not None and len(first.surface) > 1 and first.surface.startswith(head) and \
            first.pos in ("名詞", "副詞", "動詞", "形容詞", "代名詞"):
        return head + left
    return left


def _without_field(text: str, field_rest) -> str:
    rest = field_rest(text)
    return text if rest is None else rest


def _middle(n: int, length: int) -> int:
    """A place `_number` read, with the middle one (MIDDLE) made the place it is in a list of `length` cards: the
    2nd of 3, the 3rd of 5; 0 (no place) where the length is even and no one card is in the middle."""
    if n != MIDDLE:
        return n
    return (length + 1) // 2 if length % 2 else 0


def _number(raw: str) -> int:
    low = raw.lower()
    if low in _EN_ORD:
        return _EN_ORD[low]
    if raw in _KANA_ORD:
        return _KANA_ORD[raw]
    if low == "one" or low in _EN_COUNT:  # "number three": a place in the list said with a cardinal
        return 1 if low == "one" else _EN_COUNT[low]
    raw = re.sub(r"^(?:いちばん|一番)\s*(?=さい)", "", raw)  # 「いちばんさいご」: as 「さいご」
    raw = re.sub(r"\s+", "", raw)
    if raw in ("最初", "一番上", "1番上", "いちばん上", "いちばんうえ", "先頭", "トップ", "前者", "さいしょ"):
        return 1
    if raw in ("真ん中", "まんなか", "真中"):
        return MIDDLE
    if raw in ("最後", "一番下", "いちばん下", "いちばんした", "ラスト", "末尾", "一番最後", "いちばん最後", "後者", "さいご"):
        return -1
    if raw.endswith(("のほう", "の方", "のやつ", "のもの")):  # 「前のほう」 / 「後のやつ」 of two
        return 1 if raw.startswith(("前", "先", "初め", "はじめ", "始め")) else -1
    return int(raw) if raw.isdigit() else _ORDINALS[raw]


def place_named(q: str) -> tuple[re.Match, int] | None:
    """The one place in a list a question names counted from the top (「2つ目」, 「一番最後の」 → -1) and its number, or
    None (none, several, or one counted from the end: 「最後から2番目」)."""
    places = _ordinals(q)
    if len(places) != 1 or places[0].group("back") or re.search(r"\s(?:to|from)\s+(?:the\s+)?(?:last|end|bottom)\b",
                                                                places[0].group(0), re.I):
        return None
    m = places[0]
    return m, _number(m.group(2) or m.group(3) or m.group(4) or m.group(5) or m.group(6) or m.group(7))


def which_ids(ids: Sequence[str]) -> str:
    """The first five 施策番号 of `ids` and how many more, as the notes name a list."""
    return "、".join(ids[:5]) + (f" ほか {len(ids) - 5} 件" if len(ids) > 5 else "")


def _related_of(conversation: Conversation, thread: tuple[str, ...]) -> tuple[str, ...]:
    """The related cards shown below the answers that made `thread` (the list being discussed), newest first."""
    for t in reversed(conversation.turns):
        if t.listing is None and t.answers == thread:
            return t.related
    return ()


def _rest_of_part(conversation: Conversation, last: Turn) -> tuple[str, ...]:
    """The cards of a part of a list (その中 narrowed it) not yet picked one by one, when the turns since that part
    picked cards of it (「2番目の担当は？」); () when the last turn did not pick from such a part."""
    part = last.listing
    if part is None or last.parent is None or part == last.parent or not last.answers \
            or not all(a in part for a in last.answers):
        return ()
    picked: set[str] = set()
    for t in reversed(conversation.turns):
        if not t.answers and t.listing is None:
            continue  # a question not understood between them
        if t.listing != part or not all(a in part for a in t.answers):
            break
        picked.update(t.answers)
    return tuple(i for i in part if i not in picked)


def _narrowed_by(conversation: Conversation, part: tuple[str, ...], words: str) -> bool:
    """The turn that narrowed a list to `part` (その中で…) named `words` (「文科省」 of 「その中で文科省のは？」): the
    ministries they name, however each is written (文科省, 文部科学省: retrieve.ministries's names) and the rest is
    said (「主担当が文部科学省以外」 after 「文科省が主管してるの」), or words naming none, as written."""
    from .retrieve.ministries import NAMES_WITHOUT_TABLE, find_names

    def named(text: str) -> set[str]:
        return set(find_names(unicodedata.normalize("NFKC", text), NAMES_WITHOUT_TABLE)[0])

    said, names = unicodedata.normalize("NFKC", words).strip(), named(words)
    return bool(said) and any(t.answers == part and t.parent is not None and (
        names <= named(t.question) if names else said in unicodedata.normalize("NFKC", t.question))
        for t in conversation.turns)


# 「それの」, 「この施策の」: of the card pointed at, right before the words that follow it
_POSSESSIVE = re.compile(r"(?:それ|これ|あれ|(?:その|この|あの)\s*(?:施策|取組|取り組み|事業|やつ))\s*の\s*$")
# what the rest is said to be: 「残りの◎の施策」 → ◎, 「のこりの総務省のやつ」 → 総務省, "the remaining MIC-led ones" → MIC-led
_REST_DESCRIBED = re.compile(r"^\s*(?:の\s*)?(?P<ja>[^、。,？?\s]{1,16}?)\s*の\s*(?:施策|取組|取り組み|事業|もの|やつ|分|ほう|方)|"
                             r"^\s*(?P<en>[^,?.;:]{1,30}?)\s+(?:ones|measures)\b", re.I)


def _rest_described(after: str) -> str:
    """The words that say what the rest is (「残りの◎の施策」 → 「◎」), right after the words that say "the rest"; ""
    where none are said."""
    m = _REST_DESCRIBED.match(after)
    return (m.group("ja") or m.group("en") or "").strip() if m else ""


def _discussed(conversation: Conversation, n: int) -> tuple[str, ...]:
    """The last `n` cards the conversation answered, turn by turn back (in the order they came up), when the turns
    that name them answered one card each: 「その2施策の主管は？」 after one card and then another was asked about."""
    out: list[str] = []
    for t in reversed(conversation.turns):
        if not t.answers:
            continue  # a turn that found nothing discussed no card
        if len(t.answers) != 1:
            break
        if t.answers[0] not in out:
            out.append(t.answers[0])
        if len(out) == n:
            return tuple(reversed(out))
    return ()


def _rest_of_list(conversation: Conversation, last: Turn, ids: tuple[str, ...]) -> tuple[str, ...]:
    """The cards of the list `ids` the conversation has not gone on with since it was given: the list being
    discussed less the cards given of it (those その中 kept and those picked one by one); an earlier list less the
    cards the turns after it answered."""
    if ids == last.whole:
        taken = set(last.given) | set(last.answers)
    else:
        at = max((k for k, t in enumerate(conversation.turns) if t.listing is None and t.answers == ids), default=-1)
        taken = {i for t in conversation.turns[at + 1:] for i in t.answers} if at >= 0 else set()
    return tuple(i for i in ids if i not in taken)


# the count of the list an ordinal is said of: "the first of the four", "the last of those five", "the second of your
# 3", and 「4件のうち最初の」, 「5つの中で2つ目」, 「よっつのなかのさいご」 (the count right before it, among which)
_OF_COUNT_AFTER = re.compile(r"\s+of\s+(?:the|those|these|them|your|my|all)?\s*(?:the\s+)?"
                             r"(\d{1,2}|two|three|four|five|six|seven|eight|nine|ten)\b(?!\s*(?:%|percent|years?|cases?))", re.I)
_OF_COUNT_BEFORE = re.compile(r"(\d{1,2}|[二三四五六七八九十]|ふた|みっ|よっ|いつ)\s*(?:つ|件|個|こ|けん|本)\s*"
                              r"(?:の\s*(?:うち|中|なか)\s*(?:で|の|から)?|のうち|から|の)\s*$")


def _count_of_list(q: str, ordinal: re.Match) -> int:
    """The number of cards of the list an ordinal is said of (「4件のうち最初の」, "the first of the four"); 0 where
    none is said next to it."""
    after = _OF_COUNT_AFTER.match(q, ordinal.end())
    before = _OF_COUNT_BEFORE.search(q[:ordinal.start()])
    raw = after.group(1) if after else before.group(1) if before else ""
    if not raw:
        return 0
    return _EN_COUNT.get(raw.lower()) or _number(raw)


def _opening_list(conversation: Conversation, n: int = 0) -> tuple[str, ...]:
    """「最初の一覧」, 「最初の9件に戻りますが」: the first list the conversation gave (a turn's own answers of more than
    one card, a narrowing of a list included); with a count said, the first list of that many cards. Empty when
    there is none (the turns kept are the last MAX_TURNS)."""
    lists = [t.answers for t in conversation.turns if t.listing is None and len(t.answers) > 1]
    if n:
        lists = [ids for ids in lists if len(ids) == n]
    return lists[0] if lists else ()


# 「最初の一覧」, 「初めのリスト」, "the first list": the conversation's first list (「元の一覧」 is the list before その中
# narrowed it: last.whole)
_OPENING = re.compile(r"(?:一番|いちばん)?(?:最初|初め|はじめ|さいしょ|当初)\s*(?:に[^、。？?\s]{1,12}?)?\s*の?\s*"
                      r"(?:一覧|リスト|りすと|いちらん|回答|答え|結果)|"
                      r"\b(?:the )?(?:very )?first (?:list|answer|results?|set)\b", re.I)
# "back to the first list", "from the very first list": the conversation's first list, said in English
_FIRST_LIST_EN = re.compile(r"\b(?:(?:go(?:ing)? )?back to|from|in|on|of|among) (?:the|that|your) (?:very )?first "
                            r"(?:list|answer|results?|set)\b[\s,:—–-]*", re.I)
# 「…に戻って」, 「…に戻りますが」, "going back to …": an earlier list, said to be returned to
_BACK_TO = re.compile(r"(?:戻|もど)(?:って|る|り|ると|れば|します|ります|りますが)|\b(?:go(?:ing)?|come|coming) back\b|"
                      r"\bback to\b", re.I)


def _counted(ids: tuple[str, ...], last: Turn, n: int) -> tuple[str, ...]:
    """「さっきの4つ」 when fewer than 4 were answered: the first 4 cards the person saw, the related ones below the
    answers included (the count they give is what they saw on the screen); otherwise `ids` as they are."""
    if n <= len(ids):
        return ids
    shown = tuple(dict.fromkeys(ids + last.related))
    return shown[:n] if len(shown) >= n else ids


# 「その次は？」, 「一つ前のは？」, "the next one": the card after (or before) the one of the list just discussed
_STEP = re.compile(r"^(?:じゃあ|では|で|それで|あと)?[、,\s]*(?:その|この)?\s*(?:(?P<next>次|つぎ|(?:一つ|ひとつ|1つ)(?:後|あと|下|先))|"
                   r"(?:(?:一つ|ひとつ|1つ)(?:前|上)))(?:の(?:施策|やつ|もの|ほう|方))?(?=$|[はのをもって？?、\s])|"
                   r"\b(?:the )?(?:(?P<en_next>next)|previous|preceding) (?:one|measure|card|item)\b|"
                   r"^(?:and )?(?:the )?(?:(?P<en_next2>next)|previous)\W*$", re.I)
# 「他の府省と」, 「ほかの省庁にも」: other ministries, the partners of a role (「そのうち他の府省とダブルで主担当のは？」), not
# other measures
_PARTNERS = re.compile(r"(?:ほか|他)の\s*(?:関係|関連)?(?:府省庁|省庁|府省|官庁|役所|省|庁)(?:と|にも|とも|も)")
# "both its KPIs", 「両方ともその施策の」: both said of one card's two things (its progress and effect KPIs)
_OF_ONE_CARD = re.compile(r"\s*(?:of\s+)?(?:its|this (?:one|measure)'?s?|that (?:one|measure)'?s?)\b|(?:とも)?\s*(?:その|この)"
                          r"(?:施策|取組|事業)の", re.I)
# "both KPIs", 「両方のKPI」, 「両方の指標」: both said of the two KPI cells (of one card after a pick from a longer list)
_TWO_KPIS_BEFORE = re.compile(r"(?:KPI|指標)\s*(?:は|が|も|って)?\s*$", re.I)
_TWO_KPIS = re.compile(r"\s*(?:(?:of\s+)?the\s+)?(?:KPIs?|indicators?|targets?)\b|(?:の|とも)?\s*(?:KPI|指標)", re.I)
# "which others are named": the other bodies of a card when the question asks who leads or takes part (below)
_OTHER_BODIES = re.compile(r"others\b", re.I)
_BODY_ASKED = re.compile(r"\bwhich (?:body|bodies|ministry|ministries|agency|agencies|department|departments|office)\b|"
                         r"\bwho (?:leads|is in charge|runs)\b|\b(?:has|have|takes?) the lead\b|\bin charge\b|"
                         r"\bwhich others (?:are|were) (?:named|listed|involved|mentioned|included|on)\b", re.I)
# 「経産省のだけに絞って」, 「総務省に限ると？」, "only the MIC ones": a restriction of the list just given
_NARROW = re.compile(r"(?:だけ|のみ)?(?:に|へ)?(?:絞|しぼ)(?:って|ると|れ|り込|りこ|った)|に限(?:ると|って|れば|定)|"
                     r"(?:の|が|な)(?:もの|やつ|施策)?(?:だけ|のみ)(?=[はをでにって？?、\s]|$)|\bonly (?:the )?(?:ones?|those)\b|"
                     r"\bjust the\b|\bfilter\b|\bnarrow(?: it| them)?(?: down)?\b", re.I)
# 「今の一覧の2番目」, 「この一覧で」, "this list": the list just given (その中's own), not the one it narrowed
_CURRENT_LIST = re.compile(r"(?:今|いま|この|直前|今回|今出た|いま出た|今挙げた)\s*の?\s*(?:一覧|リスト)|\b(?:this|the last|the latest|"
                           r"the current) list\b", re.I)
# 「最初のリスト」, 「元の一覧」, 「はじめの結果」: the list as first given, before その中 narrowed it
_FIRST_LIST = re.compile(r"(?:その|この)?\s*(?:一番|いちばん)?(?:最初|初め|はじめ|さいしょ|当初|元|もと)\s*"
                         # 「最初に出したリスト」, 「はじめに出してもらった一覧」
                         r"(?:に[^、。？?\s]{1,12}?)?\s*の?\s*(?:一覧|リスト|りすと|いちらん|回答|答え|結果)")
# (typed in kana: 「さいしょのりすと」, 「もとのいちらん」; "the full list", "your first list", "that whole list": the list
# as given, said in English with whatever word says it was all of it; "that list" alone, after その中, is the part shown)
_WHOLE_LIST = re.compile(r"一覧|リスト|りすと|いちらん|最初の(?:回答|答え|結果)|元の|もとの|"
                         r"(?:最初|初め|はじめ)に[^、。？?\s]{1,16}?(?:中|なか|うち)|\bthe (?:first |original |whole )?list\b|"
                         r"\b(?:the|that|your) (?:very )?(?:first|original|initial|whole|full|entire|complete) list\b", re.I)


# a topic named first and then pointed at: 「港湾のデジタル化の件、それはいつ？」, "The port digitalization, when is it due?"
_NAMED_FIRST = re.compile(r"^(?P<topic>[^、,。?？!！]{2,60}?(?:の(?:件|話|施策|やつ|取組|取り組み|事業)|って|については?)|"
                          r"(?:as for |about |regarding |on |for )?(?:the|this|that) [^、,。?？!！]{2,60}?)\s*[、,]", re.I)
# words that speak of measures: a question with them asks of the table, not of the cards just answered (the count
# of the answer's cards, 「何校くらい？」, reads the first; a question naming no topic, 「今どうなってる？」, also "programs")
_MEASURE_WORDS = r"施策|取組|取り組み|事業|政策|\bmeasures?\b|\bpolic(?:y|ies)\b"
_NAMES_MEASURES = re.compile(_MEASURE_WORDS, re.I)
_NAMES_MEASURES_OR_PROGRAMS = re.compile(_MEASURE_WORDS + r"|\bprograms?\b", re.I)
# a question is asked (not a remark): an asking word, or the question mark
_ASKING = re.compile(r"どう|何|なに|なん(?:で|の|て)|いつ|どこ|誰|だれ|どれ|どの|どんな|[?？]\s*$|"
                     r"\b(?:how|what|when|where|who|which|why)\b", re.I)


# 「なにをする施策？」, 「どういう施策なんですか」, 「何の事業？」: what the measure just answered is (a measure's kind asked as
# the whole sentence; 「どんな施策がある？」 asks for measures of the table)
_WHAT_MEASURE = re.compile(r"^\s*(?:(?:じゃあ|で|それで)[、,\s]*)?(?:(?:それ|これ|あれ)(?:は|って)?\s*)?"
                           r"(?:何|なに|なん|どんな|どういう|どういった|どのような)\s*(?:を|の)?\s*"
                           r"(?:する|やる|して(?:い)?る|やって(?:い)?る|目指す|めざす|ための)?\s*(?:施策|取組|取り組み|事業|政策)\s*"
                           r"(?:なの|なん(?:です|でしょう|だ)?|です|でしょう|だ|でした|だった)?\s*(?:か|っけ|かな)?\s*[?？]?\s*$")


# 「障害者手帳を見せるのが面倒なんだけど、その話の施策は？」: a topic said in a clause of its own, then pointed at by
# words that stand for a topic (その話, その件, そういう), not for a card (それ)
_NAMED_BEFORE = re.compile(r"^(?P<topic>[^。?？!！]{4,60}?)(?:けど|けれど(?:も)?|んですが|のですが|んだが)\s*[、,]\s*"
                           r"(?P<ptr>(?:その|この|そういう|そんな|こういう|こんな)(?:話|件|こと))")


def _named_first(q: str, field_rest) -> str | None:
    """"The port digitalization, when is it due?", 「港湾のデジタル化の件、それはいつ？」: 「それ」 / "it" is the topic named
    before it, not the last card; the question as written with the topic in the pronoun's place (None: not so)."""
    before = _NAMED_BEFORE.match(q)
    if before and has_own_topic(_without_field(before.group("topic"), field_rest)):
        return (before.group("topic") + " " + q[before.end("ptr"):]).strip()
    head = _NAMED_FIRST.match(q)
    m = _ONE.search(q, head.end()) if head else None
    if head is None or m is None or not has_own_topic(_without_field(head.group("topic"), field_rest)):
        return None
    topic = re.sub(r"(?:って|については?)$", "", head.group("topic")).strip()
    return (q[head.end():m.start()] + topic + " " + q[m.end():]).strip()


def context(conversation: Conversation, field_rest) -> Turn | None:
    """The turn a follow-up continues: the last one, unless it found nothing (a question not understood, 「概用は？」,
    or one the table does not answer): then the one before it that did, so that one miss does not end the
    conversation (the answer says which cards it took)."""
    turns = conversation.turns
    for back in range(1, min(3, len(turns)) + 1):
        t = turns[-back]
        if t.answers or t.listing is not None:
            return t
    return conversation.last


def follow_up(question: str, conversation: Conversation, field_rest) -> FollowUp:
    """How `question` continues `conversation`. `field_rest(text)` is `text` without the words that ask for a field
    of a card (index.assist's reading of fields), or None when it asks for none: 「いつまでにやるの？」 → 「にやるの」."""
    # 「②の担当は？」: a circled number is a position in the list (NFKC would make it a bare 2)
    question = re.sub(r"[①-⑳]", lambda c: f"{ord(c.group(0)) - 0x245F}番目", question)
    switched, q = topic_switch(question)
    if switched:
        q = without_more(q)  # 「話変わるけど、ほかに経産省の施策は？」: nothing said before is kept out of the new topic
        asked = field_rest(q)
        last = context(conversation, field_rest)
        if asked is not None and not has_own_topic(asked) and not cells_set(q) and not dated_list(q) \
                and not _NAMES_MEASURES_OR_PROGRAMS.search(q) and not re.search(r"どれ(?!くらい|ぐらい|位|だけ)", q) \
                and last is not None and last.answers:
            # 「ところで、予算はいくらついていますか」: the words change what is asked, not what about; a field and
            # nothing named leaves the subject dropped, as Japanese drops it: the cards just answered (「ところで、
            # 一番期限が早い施策は？」 names measures: a question of the table)
            return FollowUp("ellipsis", last.answers, q, "", f"直前の回答の施策（{which_ids(last.answers)}）について答えています。")
        return FollowUp("switch", rest=_named_first(q, field_rest) or q)
    preface = _PREFACE.match(q)
    if preface and q[preface.end():].strip():
        q = q[preface.end():].strip()  # 「もう一つ聞きたいんですが、」: no pointing (もう一つ is not 「もう一つのほう」)
    widened = _widened(q)
    if widened is not None and has_own_topic(_without_field(widened, field_rest)):
        # 「ほかも含めて、農地のデータ関係の施策を一通り」, 「ほかにも…の施策があれば全部」, 「他にも何がある？全部で」:
        # the whole set the words name, the cards already given in it too, asked as a question of its own
        return FollowUp("fresh", rest=widened)
    last = context(conversation, field_rest)
    if last is None or not (last.thread or last.shown):
        return FollowUp("fresh", rest=without_more(q))
    thread, answers = last.thread, last.answers or last.thread

    def own(text: str) -> bool:
        return has_own_topic(_without_field(text, field_rest))

    named_out = _ID_EXCEPT.search(q)
    if named_out and own(_cut(q, named_out)):
        # 「…の目標、06-05以外にもある？」, 「03-44のほかに港の施策は？」: more of what the words name, the card named left out
        # (only it: the person says what is left out, and a card of an earlier list may be the one meant), not a
        # question about that card
        digits = re.sub(r"\D", "", unicodedata.normalize("NFKC", named_out.group("id")))
        out = f"{digits[:2]}-{digits[2:]}"
        return FollowUp("more", (out,), _cut(q, named_out), named_out.group(0), topic=last.topic)
    said_ids = {re.sub(r"\D", "", i) for i in _CARD_ID.findall(unicodedata.normalize("NFKC", q))}
    side_by_side = _BOTH.search(q) or _COMPARED.search(q)
    if not named_out and len(said_ids) == 1 and len(answers) == 1 and side_by_side is not None \
            and field_rest(q[side_by_side.start():]) is not None:
        other_card = f"{next(iter(said_ids))[:2]}-{next(iter(said_ids))[2:]}"
        if other_card != answers[0]:
            # 「罹災証明のデジタル化(03-18)とどう違うのか、両方のKPIを並べて」, "compare its KPI with 03-18's": the card
            # named and the card in focus, each (the words that name the other card are not a topic to search by)
            return FollowUp("each", (answers[0], other_card), q[side_by_side.start():], side_by_side.group(0),
                            f"直前の回答の施策（{answers[0]}）と {other_card} の両方について答えています。")
    if not named_out and _CARD_ID.search(unicodedata.normalize("NFKC", q)):
        # 「最後に、06-01の効果KPIも確認させてください」, 「なお06-01の府省庁欄を」, "And for 05-35, …": a card named by its
        # number is the card asked about, whatever else the sentence says (「最後に」 is "lastly", not the last card of
        # the list; a pronoun or a position word beside the number points at nothing else)
        return FollowUp("fresh", rest=q)

    several = _ordinals(q, len(thread))
    # 「はじめのほうのものを詳しく」 after a list of three that holds the card talked about before it (「ほかにも…全部」
    # answered with it again): the two new to the person are the two 「はじめのほう」 / 「あとのほう」 chooses between
    earlier = {i for t in conversation.turns[:-1] for i in t.answers}
    new_two = tuple(i for i in thread if i not in earlier)
    if not several and len(thread) > 2 and len(new_two) == 2 and last.listing is None:
        several = _ordinals(q, 2)
        if several and (several[0].group(4) or "").endswith(("のほう", "の方", "のやつ", "のもの")):
            thread = new_two
        else:
            several = []
    if len(several) > 1 and thread:
        # 「1つ目と3つ目のKPIを比べて」: each of the cards named by position
        ns = [_middle(_number(o.group(2) or o.group(3) or o.group(4) or o.group(5) or o.group(6) or o.group(7)), len(thread))
              for o in several]
        if all(n == -1 or 1 <= n <= len(thread) for n in ns):
            ids = tuple(dict.fromkeys(thread[n - 1] if n > 0 else thread[-1] for n in ns))
            rest = q
            for o in reversed(several):
                rest = rest[:o.start()] + " " + rest[o.end():]
            rest = re.sub(r"^[\sでのはにがをもと、,]+|(?<=\s)[とや、,]+(?=\s)", " ", rest).strip()
            return FollowUp("ordinal", ids, rest, "、".join(o.group(0) for o in several),
                            f"「{'」「'.join(o.group(0) for o in several)}」は直前の一覧の {'、'.join(ids)} として答えています。")
    step = _STEP.search(q)
    if step and last.listing is not None and len(last.answers) == 1 and last.answers[0] in thread:
        # 「その次は？」 after the 2nd card of a list was discussed: the 3rd
        forward = step.group("next") or step.group("en_next") or step.group("en_next2")
        at = thread.index(last.answers[0]) + (1 if forward else -1)
        rest = _cut(q, step)
        if 0 <= at < len(thread):
            return FollowUp("ordinal", (thread[at],), rest, step.group(0),
                            f"「{step.group(0).strip()}」は直前の一覧の {at + 1} 番目（{thread[at]}）として答えています。")
        return FollowUp("ordinal", (), rest, step.group(0), missing=(
            f"直前の一覧（{which_ids(thread)}）の{'次' if at >= len(thread) else '前'}の施策はありません。"))

    first = _FIRST_N.search(q)
    if first and thread:
        raw = first.group(1) or first.group(2)
        n = _EN_COUNT.get(raw.lower()) or _number(raw)
        # 「最初の9件に戻りますが、医療分野のものは」 two lists later, 「最初の4件の2つ目は」: the count said is of an earlier
        # list (more cards than the list being discussed, or said to be gone back to): that list, of that many cards
        counted_list = () if n == len(thread) else last.whole if n == len(last.whole) else \
            _opening_list(conversation, n) if n > len(last.whole) or _BACK_TO.search(q) else ()
        placed_at = [o for o in several if o.start() >= first.end()]
        if counted_list and len(placed_at) == 1 and len(several) == 1:
            k = _middle(_number(placed_at[0].group(2) or placed_at[0].group(3) or placed_at[0].group(4)
                                or placed_at[0].group(5) or placed_at[0].group(6) or placed_at[0].group(7)), len(counted_list))
            if k == -1 or 1 <= k <= len(counted_list):
                pick = counted_list[k - 1] if k > 0 else counted_list[-1]
                rest = re.sub(r"^(?:から|[でのはにがをもと、,\s])+", "", (q[:first.start()] + " " + q[first.end():placed_at[0].start()]
                                                                + " " + q[placed_at[0].end():]).strip()).strip()
                said_words = q[first.start():placed_at[0].end()] if placed_at[0].start() - first.end() <= 2 else \
                    f"{first.group(0).strip(' 、,')}、{placed_at[0].group(0)}"
                return FollowUp("ordinal", (pick,), rest, said_words, f"「{said_words}」は最初の {n} 件の一覧（{which_ids(counted_list)}）の "
                                f"{k if k > 0 else len(counted_list)} 番目（{pick}）として答えています。",
                                listing=counted_list if counted_list != last.thread else None)
        rest_said = _REST.search(q, first.end()) if counted_list and not several else None
        left = _rest_of_list(conversation, last, counted_list) if rest_said else ()
        rest_n = _number(rest_said.group(1)) if rest_said and rest_said.group(1) else 0
        if rest_said and left and len(left) < len(counted_list) and (not rest_n or rest_n == len(left)):
            # 「最初の4件の残り2件」, 「最初の5件のうち残りの3件」: the cards of that list the conversation has not gone on
            # with (those その中 left out of it), the count said as a check
            rest = _cut(q, rest_said)
            rest = re.sub(r"^(?:から|[でのはにがをもと、,\s])+", "", rest.replace(first.group(0), " ", 1)).strip()
            said_words = q[first.start():rest_said.end()]
            return FollowUp("set" if own(rest) else "rest", left, rest, said_words,
                            f"「{said_words.strip('、 ')}」は先に挙げた {n} 件の一覧（{which_ids(counted_list)}）のうち、"
                            f"まだ取り上げていない {len(left)} 件（{which_ids(left)}）として答えています。")
        if counted_list and not several:
            rest = _cut(q, first)
            gone_back = _BACK_TO.match(rest)  # 「最初の9件に戻りますが、…」: the going back said, not asked
            return FollowUp("set", counted_list, rest[gone_back.end():].strip(" 、,:") if gone_back else rest,
                            first.group(0),
                            f"「{first.group(0).strip('、の ')}」は先に挙げた {n} 件の一覧（{which_ids(counted_list)}）として答えています。")
    if first and not several and thread:
        # 「最初の5つ、それぞれの主担当」: the first cards of the list (those the person saw, related ones included)
        base = last.whole if _WHOLE_LIST.search(q) or n > len(thread) else thread  # more than その中 kept: the list
        ids = _counted(base, Turn("", (), _related_of(conversation, base)), n)[:n]
        return FollowUp("set", ids, _cut(q, first), first.group(0),
                        f"「{first.group(0).strip('、の ')}」は直前の一覧の最初の {len(ids)} 件（{which_ids(ids)}）として答えています。")
    m = several[0] if several else None
    whole = bool(m and thread and _WHOLE_LIST.search(q) and not _CURRENT_LIST.search(q))
    if whole:
        thread = last.whole  # 「さっきの一覧の2番目」 after その中 narrowed it: the list as first given
        # 「最初の一覧の3番目」 after other lists: the conversation's first list
        thread = (_opening_list(conversation) if _OPENING.search(q) else ()) or thread
    if m and thread:
        of_count = _count_of_list(q, m)
        if of_count and of_count != len(thread):
            # "The first of the four", 「4件のうち最初の」 after その中 narrowed the list to two: the list of that many
            # cards (the list before the narrowing, or an earlier list of that size), not the part just given
            of_list = last.whole if of_count == len(last.whole) else _opening_list(conversation, of_count)
            if of_list:
                thread, whole = of_list, True
    if m and thread:
        n = _number(m.group(2) or m.group(3) or m.group(4) or m.group(5) or m.group(6) or m.group(7))
        if n == MIDDLE and len(thread) % 2 == 0:
            # 「真ん中のやつ」 of a list of 2 or 4: no one card is in the middle; said, the list kept
            return FollowUp("ordinal", (), _cut(q, m), m.group(0), missing=(
                f"直前の一覧は {len(thread)} 件（{which_ids(thread)}）なので、真ん中の施策は一つに決まりません。"
                "何番目の施策かでお尋ねください。"))
        n = _middle(n, len(thread))
        # 「最後から2番目」, "the second to last", "the third from the end": counted from the end
        back = bool(m.group("back") or re.search(r"\s(?:to|from)\s+(?:the\s+)?(?:last|end|bottom)\b", m.group(0), re.I))
        as_asked = f"最後から {n}" if back and n > 0 else str(n)  # (said so where there is none)
        if back and n > 0:
            n = len(thread) - n + 1 if n <= len(thread) else len(thread) + n
        rest = _cut(q, m)
        unstripped = (q[:m.start()] + " " + q[m.end():]).strip()
        if field_rest(rest) is None and field_rest(unstripped) is not None:
            # 「2つめの もくひょうは」: も is the first sound of もくひょう (目標) typed in kana, not a particle to cut
            rest = unstripped
        if n == -1 or 1 <= n <= len(thread):
            pick = thread[n - 1] if n > 0 else thread[-1]
            return FollowUp("ordinal", (pick,), rest, m.group(0),
                            f"「{m.group(0)}」は{'その' if whole else '直前の'}一覧の {n if n > 0 else len(thread)} 番目（{pick}）"
                            "として答えています。", listing=thread if thread != last.thread else None)
        return FollowUp("ordinal", (), rest, m.group(0), missing=(
            f"{'その一覧' if whole else '直前の回答'}で答えとして挙げた施策は {len(thread)} 件"
            f"（{which_ids(thread)}）だけなので、{as_asked} 番目の施策はありません。"))

    more_said = _MORE.search(q)
    if more_said and answers and SAME_MINISTRY.search(q) and not _PARTNERS.match(q, more_said.start()):
        # 「ほかに同じ省が主担当の施策は？」, 「その省が主担当の施策は、ほかにどれが？」: more measures of the ministry that
        # leads the card just answered; the field words in it (主担当) say the role, they ask nothing of that card
        exclude = tuple(dict.fromkeys(last.given + last.answers + last.whole))
        return FollowUp("more", exclude, _NOT_LISTED.sub(" ", _cut(q, more_said)).strip(), more_said.group(0),
                        topic=last.topic)

    given = set(last.given) | set(last.answers)
    m = _REST.search(q)
    if m and _COUNTED_REST.match(q, m.start()):
        m = None  # 「残り何市町村やる予定？」: how many of something are left, a number of the card just answered
    bare = m is not None and not m.group(1) and not re.search(r"残|のこ|以外|もう|まだ|\bthe (?:other|rest)|\bremaining",
                                                              m.group(0), re.I)
    adverb = m is not None and q[m.end():m.end() + 1] == "に"  # 「ほかに」: more of something, not 「他の施策」
    # 「それ以外に関係してる府省は？」, 「それ以外の関係省庁は？」: as 「ほかに関わってる府省」, the rest of that field
    if m is not None and not bare and re.fullmatch(r"(?:それ|これ|あれ)以外(?:の)?", m.group(0)) and (
            adverb or m.group(0).endswith("の")) and re.match(r"(?:関係|関連|関わ|かかわ|携わ)\S{0,4}?(?:府省庁|省庁|府省|官庁|"
                                                    r"役所|省|庁)(?![省庁]|の(?:は|も|施策|やつ|もの))", _cut(q, m)):
        bare = True
    # 「他の省庁は？」: a field word right after 他の (not 「他の省庁のは？」, the measures of other ministries)
    adnominal = m is not None and m.group(0).endswith("の") and re.match(r"(?:関係|関連)?(?:府省庁|省庁|府省|官庁|役所|省|庁)"
                                                                    r"(?![省庁]|の(?:は|も|施策|やつ|もの))", _cut(q, m)) is not None
    # 「それのほかの条・手引の印も」, 「この施策の他のKPIは」: 他の said of the card just pointed at, before a field of it, is
    # the rest of that field of the same card (its other marks), not other measures
    adnominal = adnominal or (m is not None and m.group(0).endswith("の") and _POSSESSIVE.search(q[:m.start()]) is not None
                              and field_rest(q[m.end():]) is not None and not own(q[m.end():]))
    if m is not None and _PARTNERS.match(q, m.start()):
        m = None  # 「そのうち他の府省とダブルで主担当のは？」: other ministries, the partners of a role, not other measures
    if m is not None and _OTHER_BODIES.match(q, m.start()) and _BODY_ASKED.search(q):
        m = None  # "For each, which body has the lead and which others are named?": other bodies of each card, not
        # other measures (the rest of the list is "the others")
    if bare and (adverb or adnominal) and m is not None and field_rest(_cut(q, m)) is not None and not own(_cut(q, m)) \
            and not cells_set(_cut(q, m)):
        m = None  # 「ほかに関わってる省庁は？」: the rest of that field of the same card (below), not other cards
    if m and (not bare or not own(_cut(q, m))):
        left = tuple(i for i in last.whole if i not in given)
        if last.listing is None and last.parent is not None and last.answers and not _REST.search(last.question):
            # "Which of the five are led by MAFF?" → "And the rest — who leads them?": right after その中 split the
            # list by a condition, the rest is the other side of that condition, the cards picked one by one before
            # the split (「4つ目は？」) among them: they were asked about something else, not taken out of the list
            left = tuple(i for i in last.whole if i not in last.answers)
        # 「そのうち…は？」 → 「2番目の担当は？」 → 「残りの2つは？」: the rest of the part just picked from, not of the whole
        # list (unless the count said fits only the whole list's rest, or the rest is asked with a restriction of its
        # own: 「文科省以外の残りは？」 goes back to the whole list)
        en_count = re.search(r"\b(one|two|three|four|five)\b", m.group(0), re.I) or (  # "the remaining one", "the other two"
            re.match(r"\s+(one|two|three|four|five)\b", q[m.end():], re.I) if re.search(r"remaining$", m.group(0), re.I)
            else None)  # ("the remaining four measures": the count after the word)
        said = _number(m.group(1)) if m.group(1) else 1 if _OTHER_ONE.search(m.group(0)) else \
            _EN_COUNT.get(en_count.group(1).lower(), 1) if en_count else 0
        part = _rest_of_part(conversation, last)
        # (「もう一個のほうはいつ実証実験やるの？」: the count said is the part's rest, whatever is asked of it)
        # 「残りのは」, 「のこりのやつ」 with no count after a card of the part was picked: the cards その中 left out of the
        # list (the rest of the list the person is going through), not the rest of the part; a count said, or
        # 「もう一方」, is what chooses the part's rest
        sub = part if said and (not own(_cut(q, m)) or said == len(part)) else ()
        if sub and (said == len(sub) or said != len(left)):
            left = sub
        described = _rest_described(q[m.end():])
        if part and not said and described and _narrowed_by(conversation, last.thread, described):
            # 「残りの◎の施策も」, "the remaining MHLW-led ones" after その中 kept the ◎ (or MHLW) ones and one of them was
            # picked: the rest said with the very words that made the part is the part's rest, not what その中 left out
            left = part
        other = tuple(i for i in thread if i not in last.answers)
        if (_OTHER_ONE.match(m.group(0)) and len(thread) == 2 and len(last.answers) == 1 and len(other) == 1
                and not m.group(1)):
            # 「もう一方は？」, "And the other one?" when the thread holds two cards and one was just discussed (その中
            # narrowed a list to two, or 「1つ目のKPI」 on a list of two): the other of those two, not the rest of a
            # longer list they were taken from. A part picked by その中 from a longer list is _rest_of_part's, above.
            left = other
        counted_out = ""  # (which cards the count said took out of the list, for the note)
        if said and said != len(left):
            # the count the person says is a check on which cards they mean: 「残りの4件」 after a list of 5 narrowed
            # to one card and then the 3rd picked is the list less the card just picked (not the 3 never taken up);
            # after その中 narrowed it to 2, 「残りの3つ」 is the list less that part
            readings = ((tuple(i for i in last.whole if i not in last.answers), f"直前に取り上げた{which_ids(last.answers)}"),
                        (tuple(i for i in last.whole if i not in last.thread) if last.parent is not None else (),
                         f"絞り込んだ{which_ids(last.thread)}"))
            for reading, taken_out in readings:
                if len(reading) == said and len(last.answers) < len(last.whole):
                    left, counted_out = reading, taken_out
                    break
        if m.group(1) and last.parent is None:  # 「残りの3つ」: as many as the person saw
            seen = Turn("", (), tuple(i for i in _related_of(conversation, thread) if i not in given))
            left = _counted(left, seen, _number(m.group(1)))
        # 「さいしょのりすとの のこり2こ のKPIは」: the list named is where the rest is counted from, no topic to search
        # the rest by (nor 「さいしょ」 a place in it)
        rest = re.sub(r"^\s*" + _FIRST_LIST.pattern + r"\s*(?:の|から|で)?", " ", _cut(q, m)).strip()
        spoken = {t.answers[0] for t in conversation.turns if t is not last and len(t.answers) == 1}
        other = tuple(i for i in last.answers if i not in spoken)
        if not left and _OTHER_ONE.match(m.group(0)) and len(last.answers) == 2 and len(other) == 1:
            # 「もうひとつのほうの目標は？」 after a list of two, one of which was talked about before it was listed: the
            # other of the two, the one not talked about yet
            return FollowUp("one", other, rest, m.group(0), f"「{m.group(0)}」は直前の一覧の 2 件のうち、まだ取り上げて"
                            f"いない {other[0]} として答えています。")
        if not left and not m.group(1) and (last.topic or own(rest)) and (
                not re.search(r"残|のこ", m.group(0)) or own(rest) and not m.group(0).endswith("の")):
            # 「ほかには？」 after the whole list was given: more on the same topic, the cards given kept out;
            # 「これ以外で防災の施策は？」: more on the topic it names; 「残りで農水省が主担当のは？」 after one card: the
            # rest of what the words name (not 「残りの市町村は？」, the rest of something in the card)
            exclude = tuple(dict.fromkeys(last.given + last.answers + last.whole))
            same_lead = SAME_MINISTRY.search(rest)
            # 「同じ省庁の」: by ministry; 「2025年度までの目標が書いてある施策を全部」: a set of its own, by the cells
            more = rest if own(rest) or same_lead or cells_set(rest) else (last.topic + " " + rest).strip()
            return FollowUp("more", exclude, more, m.group(0), topic=last.topic)
        if not left and own(rest) and not m.group(1):
            pass  # 「残りの市町村はいつ終わる？」 after one card: the rest of something in it, asked of that card (below)
        elif not left:
            return FollowUp("rest", (), rest, m.group(0), missing=(
                f"直前の一覧（{which_ids(last.whole)}）のほかに、答えとして挙げた施策はありません。"))
        else:
            note = (f"「{m.group(0)}」は直前の一覧から{counted_out}を除いた {len(left)} 件（{which_ids(left)}）として答えています。"
                    if counted_out else f"「{m.group(0)}」は直前の一覧のうち、まだ取り上げていない {len(left)} 件（{which_ids(left)}）"
                    "として答えています。")
            # 「残りのうち人材育成のは？」: the question asked among the rest
            # (「他の2つ」 when 3 are left: the count said, for index.assist to take the 2 nearest the list's topic)
            said = _number(m.group(1)) if m.group(1) else 0
            if len(left) == 1 and (said == 1 or _OTHER_ONE.search(m.group(0))) and own(rest):
                # 「もう一個のほうはいつ実証実験やるの？」, 「残りの1個のKPIは？」: the other one, asked about (not searched
                # among: one card is no list to restrict)
                return FollowUp("one", left, rest, m.group(0), note)
            return FollowUp("set" if own(rest) else "rest", left, rest, m.group(0), note,
                            count=said if 0 < said < len(left) else 1, topic=last.topic)

    m = _SIMILAR.search(q)
    if m and (last.topic or answers) and not own(_cut(q, m)):
        # 「似たような施策は？」: like the cards just answered (what they are about, not only the words they were found by)
        exclude = tuple(dict.fromkeys(last.given + last.answers + last.whole))
        return FollowUp("more", exclude, (last.topic + " " + _cut(q, m)).strip(), m.group(0), topic=last.topic,
                        like=answers[:3])

    m = _MORE.search(q)
    if m is not None and m.group(0).endswith("の") and _POSSESSIVE.search(q[:m.start()]) and \
            field_rest(q[m.end():]) is not None and not own(q[m.end():]):
        m = None  # 「この施策の他の印も」: the rest of that field of the card pointed at, not more measures (as above)
    dated = m is not None and not own(_cut(q, m)) and dated_list(q)
    # 「ほかに同じ目標がかいてある施策は」: the cards with the KPI of the one just answered, a set of its own
    by_cells = m is not None and _SAME_CELL.search(q) is not None and len(answers) == 1
    # 「他にKPI未設定のは」, 「KPI決まってないやつ他にある？」: the measures whose KPI is unset, a set of the table's own
    by_cells = by_cells or m is not None and KPI_UNSET_PATTERN.search(q) is not None
    if m and (own(_cut(q, m)) or dated or by_cells) and not _PARTNERS.match(q, m.start()):
        # 「ほかに文科省が主担当のやつは？」: the question's own set, without the cards already given; 「2025年度までを目標に
        # してる施策、ほかにあれば全部」, "Any other measures with a 2025 deadline?": the set a date makes, though no noun
        # of a topic is left once 目標 / deadline is gone (searched as asked where the cut loses the measures asked for)
        exclude = tuple(dict.fromkeys(last.given + last.answers + last.whole))
        rest = q if dated and not dated_list(_cut(q, m)) else _cut(q, m)
        # "any other port measure not in this list": the exclusion said twice, neither a word of the topic
        return FollowUp("more", exclude, _NOT_LISTED.sub(" ", rest).strip(), m.group(0), topic=last.topic)

    m = _NARROW.search(q)
    if m and len(thread) > 1 and own(_cut(q, m)):
        # 「総務省のやつだけに絞って」: the list just given, restricted by what the question names
        rest = re.sub(r"(?:の)?(?:もの|やつ|施策)$", "", (q[:m.start()] + " " + q[m.end():]).strip()).strip()
        pointer = _SET.search(rest) or _AMONG.search(rest)
        if pointer is not None and pointer.re is _SET:
            # 「その中で総務省のものだけ」: その中 said too points at the same list; the words left are what restricts it
            rest = _cut(rest, pointer)
        elif pointer is not None and pointer.re is _AMONG and not own(pointer.group("pre") or ""):
            rest = rest[pointer.end():].strip()  # 「さっきの中から総務省のだけ」
        return FollowUp("set", thread, rest, m.group(0).strip(),
                        f"「{m.group(0).strip()}」は直前の一覧（{which_ids(thread)}）を絞り込んで答えています。")

    m = _WHICH_ONE.match(q)
    if m and len(thread) > 1 and not _WHICH_ONE_NOT.search(q):
        # "Which one targets doctoral students — what's its KPI?": one card of the list, picked by the description
        # said up to the dash, comma or asking word that starts the question about it
        after = q[m.end():]
        end = re.search(r"\s*(?:[—–,;:?？]|\s-\s|\b(?:what|when|who|how|which|and)\b)", after)
        described = (after[:end.start()] if end else after).strip()
        if own(described):
            return FollowUp("pick", thread, after.strip(" ,—–-"), m.group(0).strip(), count=1, described=described,
                            whole=tuple(i for i in last.whole if i not in thread))
    m = _FIRST_LIST_EN.search(q) if thread else None
    if m:
        # "Back to the first list: which ones …", "From the first list, …": among the conversation's first list (before
        # "which ones" is read as among the list being discussed)
        ids = _opening_list(conversation) or last.whole
        if re.search(r"\b(?:the )?(?:other|rest|remaining|left ?over|leftover)\b", q, re.I) and last.thread != ids:
            # "the other police measures in the first list": those of it not in the part just discussed
            others = tuple(i for i in ids if i not in last.thread and i not in last.given)
            if others:
                # (the words that said "the rest" say no topic: "For the two left over from the first list, what are
                # the progress KPIs?" asks the KPIs of both, not of those of them that "two left over" fits)
                rest = re.sub(r"\b(?:for\s+)?(?:the\s+)?(?:(?:one|two|three|four|five|\d)\s+)?(?:other|rest|remaining|left ?over|"
                              r"leftover)(?:\s+(?:ones?|measures?|one|two|three|four|five|\d))?(?:\s+(?:of|from|in|on))?\b",
                              " ", _cut(q, m), flags=re.I).strip(" ,")
                return FollowUp("set", others, rest, m.group(0), f"「{m.group(0).strip(' ,:')}」は最初の一覧のうち、"
                                f"直前に取り上げていない施策（{which_ids(others)}）として答えています。")
        return FollowUp("set", ids, _cut(q, m), m.group(0), f"「{m.group(0).strip(' ,:')}」は最初の一覧の施策（{which_ids(ids)}）"
                        "として答えています。")
    m = _SET.search(q)
    if m and re.fullmatch(r"which ones?", m.group(0), re.I) and len(thread) <= 1 and (own(_cut(q, m)) or dated_list(q)):
        m = None  # "Which one is about anonymized medical data?", "Which ones are due in 2025?" after one card: which
        # measures, asked of the table
    if m and m.group(0) in ("どちら", "どっち") and len(last.answers) == 1 and re.search(r"[はが]\s*$", q[:m.start()]) \
            and re.match(r"\s*(?:です|でしょう|だろう|なの|なん|か|[?？。]|$)", q[m.end():]):
        m = None  # 「主に所管している府省はどちらですか」 after one card: the polite "which / where" the field is asked
        # with (as 「どこですか」), of the card just answered, not "which of them"
    if m and m.group(0) in ("どちら", "どっち") and len(last.answers) == 1 and re.match(
            r"\s*の\s*(?:お)?(?:役所|府省庁|省庁|府省|官庁|省|庁|部署|部局|担当|所管)", q[m.end():]):
        m = None  # 「どちらの役所の担当ですか」 after one card: the polite どの (which ministry), of that card
    if m and re.fullmatch(r"they", m.group(0), re.I) and re.search(r"\b(?:it|its)\b", q, re.I):
        m = None  # "When will they decide it?": they who run the measure, it the card (below)
    if m and re.fullmatch(r"they", m.group(0), re.I) and any(p.group(3) for p in _PICK.finditer(q)):
        # "When do they build the model system for the traffic control one?": they who run it, and "the … one" the
        # card of the list (picked below), as "it" is above
        m = None
    if m and _ANTECEDENT_BEFORE.search(q[:m.start()]):
        m = None  # "Which measures does MLIT lead? All of them, please.": the measures its own first sentence asks for
    fronted = _ANTECEDENT_FRONTED.search(q[:m.start()]) if m and m.group(0).lower() in ("they", "them") else None
    if fronted and own(fronted.group("np")):
        # "And the MLIT-led ones that aren't about ports, what do they do?": "they" are the ones the question itself
        # names before it (by their own ministry or topic), not the last answer
        m = None
    if m:
        counted = re.search(r"(\d{1,2}|[一二三四五六七八九十])\s*(?:つ|件|個|施策)|\b(two|three|four|five|six|seven|eight|nine|"
                            r"ten|\d{1,2})\b", m.group(0), re.I)
        seen = Turn("", (), _related_of(conversation, thread))
        picked = last.listing is not None and len(last.answers) <= 1  # one card of a list was just discussed
        said = (_number(counted.group(1)) if counted.group(1) else _EN_COUNT.get(counted.group(2).lower())
                or _number(counted.group(2))) if counted else 0
        # 「その2施策」 after one card and then another were asked about: those two, before the cards shown below them
        discussed = _discussed(conversation, said) if len(thread) < said else ()
        # "When do they build the model system?" right after one card of the list was discussed: "they" are the people
        # who run that card (as "When will they decide it?"), not the list ("those", 「それら」 still are)
        people = picked and bool(last.answers) and m.group(0).lower() == "they"
        ids = discussed or (_counted(thread, seen, said) if counted else thread if picked and not people else answers)
        note = f"「{m.group(0)}」は直前の回答の施策（{which_ids(ids)}）として答えています。"
        if len(ids) == 1 and last.related:
            note = (f"「{m.group(0)}」: 直前の回答で答えとした施策は {ids[0]} の 1 件です。関連として下に示した施策は"
                    "含めずに答えています。")
        return FollowUp("set", ids, _cut(q, m), m.group(0), note)

    m = _AMONG.search(q) if thread else None
    first_list = _FIRST_LIST.fullmatch((m.group("pre") or m.group("list") or "").strip()) if m else None
    if m and (first_list or not own(_LIST_BY_WHEN.sub(" ", m.group("pre") or ""))):
        # 「挙げてもらった中で信号に関するのは」, 「今出たやつのうち高齢者向けは？」, 「一覧から厚労省のを抜き出して」: among the answers
        # (「最初のリストのうち…」, 「元の一覧から…」 after その中 narrowed it: among the list as first given)
        list_said = first_list or re.search(r"\b(?:first|original|earlier) (?:list|answer|result)s?\b", m.group(0), re.I)
        opening = _opening_list(conversation) if list_said and _OPENING.search(list_said.group(0)) else ()
        ids = opening or last.whole if list_said else thread if last.listing is not None and len(last.answers) <= 1 else answers
        return FollowUp("set", ids, q[m.end():].strip(), m.group(0), f"「{m.group(0)}」は直前の回答の施策（{which_ids(ids)}）として"
                        "答えています。")

    m = _EACH.search(q)
    if m and _ANTECEDENT_BEFORE.search(q[:m.start()]):
        m = None  # (as for _SET above: "Which measures are led by the NPA? All of them, please.")
    if m and _BOTH.match(m.group(0)) and len(answers) == 1 and (
            _OF_ONE_CARD.match(q, m.end()) or last.listing is not None and len(thread) > 2 and (
                _TWO_KPIS.match(q, m.end()) or _TWO_KPIS_BEFORE.search(q[:m.start()]))):
        # "both its KPIs", 「両方のKPI」, 「KPIは2つとも」 after one card picked from a list of five: the two things of
        # that card (its progress and effect KPIs), not each card of the list (a list of two is "both" of its cards;
        # 「両方のKPI」 after one answer, no list, is that answer and the card shown below it)
        return FollowUp("one", answers, _cut(q, m), m.group(0), f"「{m.group(0)}」は直前の回答の {answers[0]} の"
                        "2つ（KPIの進捗と効果など）として答えています。")
    # 「どっちも総務省ですか？」 after one card and then another were asked about: those two (else the answer and the
    # first card shown below it)
    both = ((_discussed(conversation, 2) or _counted(answers, Turn("", (), _related_of(conversation, thread)
                                                                   or last.related), 2))
            if m and len(answers) == 1 and _BOTH.match(m.group(0)) else ())
    asked_of_each = _cut(q, m) if m and m.group(0).startswith(("それぞれ", "各")) else ""
    if (len(answers) > 1 and own(asked_of_each) and _ASKING.search(asked_of_each) and field_rest(asked_of_each) is None
            and not _ROLE_OF.search(asked_of_each)):
        # 「それぞれNICTの何を通じてやってるの？」: a question asked of each card (それぞれ distributes it, it chooses none),
        # which their text answers
        return FollowUp("each", answers, asked_of_each, m.group(0) if m else "",
                        f"「{m.group(0) if m else ''}」は直前の回答の施策（{which_ids(answers)}）として答えています。")
    if m and answers and not own(_cut(q, m)):
        # 「それぞれいつまで？」 right after one card of a list was discussed (「3番目の担当は？」): each of the list
        each = thread if len(answers) == 1 and len(thread) > 1 and last.listing is not None else answers
        if len(each) == 1 and _BOTH.match(m.group(0)):
            # 「両方のKPIを比べて」 after one answer: the two cards the person saw (the answer and the first below it)
            each = both
            if len(each) == 2 and each[1] in last.related + _related_of(conversation, thread):
                return FollowUp("set", each, _cut(q, m), m.group(0), f"「{m.group(0)}」は直前の回答の {each[0]} と、その下に"
                                f"関連として示した {each[1]} として答えています。")
            if len(each) == 2:
                return FollowUp("set", each, _cut(q, m), m.group(0), f"「{m.group(0)}」はここまでに取り上げた {each[0]} と "
                                f"{each[1]} として答えています。")
        return FollowUp("set", each, _cut(q, m), m.group(0), f"「{m.group(0)}」は直前の回答の施策（{which_ids(each)}）として"
                        "答えています。")
    # (「主担当はどちらも総務省？」 right after one card of a list was discussed (「2つ目は？」): each of the list)
    of_list = thread if len(answers) == 1 and len(thread) > 1 and last.listing is not None else answers
    of_list = both if len(of_list) == 1 and len(both) == 2 else of_list
    if m and len(answers) == 1 and _COORDINATED.search(q[:m.start()]) and not _MINISTRY_END.search(q[:m.start()]):
        # 「作成と改訂はそれぞれいつ？」 after one card: each of the two things named (of that card), not each card of the
        # list it was picked from
        of_list = answers
    if (m and len(of_list) > 1 and not m.group(0).startswith("各")
            and (field_rest(_cut(q, m)) is not None or _ROLE_OF.search(_cut(q, m)))
            and not _PICK.search(q)):  # (「港のほうのKPIそれぞれ」: each card the description fits, a pick below)
        # 「どっちも主担当は文科省？」, 「それぞれ総務省は入ってる？」: that field of each of them, whatever else it names
        where = "ここまでに取り上げた" if of_list is both else f"直前の{'回答' if of_list is answers else '一覧'}の"
        return FollowUp("each", of_list, _cut(q, m), m.group(0), f"「{m.group(0)}」は{where}施策（{which_ids(of_list)}）として"
                        "答えています。")

    m = _COUNTED_PICK.match(q)
    if m and own(m.group("x")) and not _NAMES_MEASURES.fullmatch(m.group("x")) and len(last.whole) > 2:
        # 「防災の3つについて、効果KPIを比べて」: as many cards of the list as said, those the description fits (of the list
        # as first given when the part being discussed has no more than that)
        n = _EN_COUNT.get(m.group("n")) or _number(m.group("n"))
        pool = thread if n < len(thread) else last.whole
        if 1 < n < len(pool):
            return FollowUp("pick", pool, (m.group("x") + " " + q[m.end():]).strip(), m.group(0), count=n,
                            described=m.group("x"), whole=tuple(i for i in last.whole if i not in pool))
    first = m = _PICK.search(q)
    first_described = described = (m.group(1) or m.group(3) or m.group(4) or "") if m else ""
    while m and not own(described) and not m.group(1):
        # "What's the KPI of the one that …": "the KPI of the one" describes nothing; the description comes later
        m = _PICK.search(q, m.start() + 1)
        described = (m.group(3) or m.group(4) or "") if m else ""
    if m is None:  # no later description: the first match stands
        m, described = first, first_described
    if m and m.group(1) and _way_of_doing(m.group(0)):
        m = None  # 「反則金の払い方も変わる？」, 「使い方は？」: 方 after a verb is the way it is done, not "the one"
    if m and len(thread) <= 1 and _EVERY_AFTER.match(q, m.end()):
        # 「じゃあ農林水産省が主担当のやつはぜんぶでどれ？」 after one card: やつ said of every measure the words fit, a
        # list asked afresh, not the one card shown below the answer that they fit
        m = None
    if m and own(described):  # 「効果の方の指標は？」 names a field, not a card
        before = q[:m.start()]  # "What's the KPI of the one that …": the field asked before the description
        rest = ((before if before.strip() and field_rest(before) is not None else "") + " " + described + " "
                + q[m.end():]).strip()
        if len(thread) <= 1:  # 「じゃあ生活再建支援金のほうは？」 after one card: another card, searched afresh
            # the cards shown below this answer or the list's, and the one the thread began with when a card shown
            # below it was answered since (「DFFTの方は？」 after 「APECのほう」 was picked from below 05-35)
            below = thread + last.related + _related_of(conversation, thread)
            return FollowUp("fresh", tuple(i for i in dict.fromkeys(below) if i not in last.answers), rest=rest,
                            described=described)
        # 「港のほうのKPIそれぞれ」: each listed card the description fits (count 0: as many as it fits)
        count = _number(m.group(2)) if m.group(2) else 0 if _EACH.search(q[:m.start()] + " " + q[m.end():]) else 1
        return FollowUp("pick", thread, rest, m.group(0), count=max(0, min(count, len(thread))), described=described,
                        whole=tuple(i for i in last.whole if i not in thread))

    m = _WHICH_IS.match(q)
    if m and len(thread) > 1 and own(m.group("x")) and not _WHICH_IS_NOT.search(m.group("x")):
        # 「どれが博士人材向け？」: a card shown that the words name (index.assist picks it by its words, else searches)
        below = thread + last.related + _related_of(conversation, thread)
        return FollowUp("fresh", tuple(i for i in dict.fromkeys(below) if i not in last.answers),
                        rest=(m.group("x") + " " + q[m.end():]).strip(), described=m.group("x"))
    m = _THE_ONE.match(q)
    if m and re.search(r"(?:省|庁|府|委員会|官房|本部)$", m.group(1)):
        m = None  # 「総務省のは？」: that ministry's measures, a question of its own (index.assist reads it)
    left_out = _LEFT_AMONG.match(q)
    if m and left_out and left_out.end("x") < m.end(1) and not _NEGATED.search(m.group(1)):
        m = None  # 「文科省以外が主担当のは？」: what is left out of the list (below), not a card the words name
    if m and own(m.group(1)) and _NEGATED.search(m.group(1)) and len(last.whole) > 1:
        # 「港以外のは？」 after 「このうち港に関するものは？」: the cards of the list the words do not fit
        return FollowUp("pick", last.whole, (m.group(1) + " " + q[m.end():]).strip(), q[m.start(1):m.end()],
                        described=m.group(1))
    if m and own(m.group(1)):
        # 「沖縄のはどうなっていますか」: a card shown (in the list or below it) that the words name, if one does
        # (index.assist picks it by its words, else searches afresh)
        below = thread + last.related + _related_of(conversation, thread)
        return FollowUp("fresh", tuple(i for i in dict.fromkeys(below) if i not in last.answers),
                        rest=(m.group(1) + " " + q[m.end():]).strip(), described=m.group(1))

    m = _LEFT_AMONG.match(q) or _LEFT_AMONG_EN.match(q)
    among = thread if last.listing is not None and len(last.answers) <= 1 else answers
    if m and last.whole != thread and _narrowed_by(conversation, thread, m.group("x")):
        # 「文科省以外が主担当のは？」 after 「その中で文科省のは？」 narrowed the list: what the narrowing left out, of the
        # list as first given (left out of the narrowed list it leaves nothing)
        among = last.whole
    if m and len(among) > 1 and own(m.group("x")):
        # Japanese drops その中 as it drops the subject: 「災害関係以外は？」 (what is left out presupposes the set it is
        # left out of) restricts the list just given. 「農地に関わるのはどれ？」 is not read so here: it is as often a new
        # question over the table (「テレワークに関係するのはどれ？」 after a list on disasters); index.assist's
        # _which_of_list reads it as a restriction only where its words pick some of the list's cards and not all
        return FollowUp("set", among, q, "", f"直前の一覧の施策（{which_ids(among)}）の中から答えています。")

    named = _named_first(q, field_rest)
    if named:
        return FollowUp("fresh", rest=named)
    m = _ONE.search(q) or _determiner_of_field(q, field_rest)
    if m and len(set(re.sub(r"\D", "", i) for i in _CARD_ID.findall(unicodedata.normalize("NFKC", q[:m.start()])))) == 1:
        # "What about 03-18 - when's it due?", 「03-18、それはいつまで？」: the pronoun stands for the card named by its
        # number before it (as a topic named first does), not for the card just answered
        return FollowUp("fresh", rest=q)
    if m:
        ids = answers[:1] if len(answers) == 1 else answers
        return FollowUp("one" if len(ids) == 1 else "set", ids, _cut(q, m), m.group(0),
                        f"「{m.group(0)}」は直前の回答の施策（{which_ids(ids)}）として答えています。")

    if answers and dated_list(q):
        # 「2025年度が期限の施策は？」 after an answer: the measures of the table due then, not the 時期 of those answered
        # (「その中で2025年度までが期限のは？」 was read as among them above; 「それは2025年度まで？」 asks of that card)
        return FollowUp("fresh", rest=q)
    left = field_rest(q)
    if answers and left is not None and not has_own_topic(_YEAR_SAID.sub(" ", left)):
        # (「令和4年度には何をする予定？」, 「来年度は何をやるの？」: a year, said with its era or relative to now, is
        # when the field is asked of the card just answered, as 「2022年度は？」 in digits is, no topic of its own)
        return FollowUp("ellipsis", answers, q, "", f"直前の回答の施策（{which_ids(answers)}）について答えています。")
    counted = QUANTITY.search(q)
    if answers and counted and not own(_cut(q, counted)) and not _NAMES_MEASURES.search(q):
        # 「何校くらい？」, 「年何回やってる？」: a number of the cards just answered (not 「いくつある？」, a count of cards)
        return FollowUp("ellipsis", answers, q, "", f"直前の回答の施策（{which_ids(answers)}）について答えています。")
    if answers and _ASKING.search(q) and not own(_YEAR_SAID.sub(" ", q)) and (not _NAMES_MEASURES_OR_PROGRAMS.search(q)
                                                         or _WHAT_MEASURE.match(q)):
        # 「今どうなってる？」, 「その後どうなった？」, "Where does it stand?": a question that names nothing at all asks
        # about the cards just answered (searched on its own it finds whatever its asking words happen to match)
        return FollowUp("ellipsis", answers, q, "", f"直前の回答の施策（{which_ids(answers)}）について答えています。")
    if answers and _YEAR_SAID.search(q) and not own(_YEAR_SAID.sub(" ", q)) and not _NAMES_MEASURES.search(q):
        # 「令和4年度の予定を教えてください」: a year and nothing else named, the subject dropped: the card just answered
        # (「令和4年度の施策は？」 names measures, a list of its own: dated_list, above)
        return FollowUp("ellipsis", answers, q, "", f"直前の回答の施策（{which_ids(answers)}）について答えています。")
    return FollowUp("fresh", rest=q)
