"""Japanese text analysis: normalisation, fugashi/UniDic word tokens, character n-grams and sentence spans."""

from __future__ import annotations

import os
import queue
import re
import threading
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

__all__ = ["normalize", "fold_kana", "written_kana_words", "Analyzer", "char_ngrams", "sentence_spans", "analyzer", "reading_dictionary",
           "respell", "has_searchable_text", "unsearchable", "NO_TEXT", "ONLY_DIGITS", "FORMULA", "ONLY_URL"]

_WS = re.compile(r"\s+")
# Parts of speech that carry no topic: particles, auxiliaries, symbols, blanks, conjunctions.
STOP_POS = frozenset({"助詞", "助動詞", "補助記号", "記号", "空白", "接続詞", "感動詞", "フィラー"})
# Frequent light words of the plan's prose; a match on them says nothing about the topic.
STOP_WORDS = frozenset({
    "為る", "する", "有る", "ある", "居る", "いる", "成る", "なる", "事", "こと", "物", "もの", "為", "ため",
    "様", "よう", "等", "など", "此れ", "これ", "其れ", "それ", "於く", "おく", "行う", "図る", "的", "及び",
    "並び", "又", "又は", "但し", "ところ", "所",
})


def normalize(text: str) -> str:
    """NFKC (full-width ASCII and digits, half-width kana), lower case, single spaces."""
    return _WS.sub(" ", unicodedata.normalize("NFKC", text or "")).strip().lower()


def fold_kana(text: str) -> str:
    """Hiragana to katakana, so that でじたる and デジタル share n-grams."""
    return "".join(chr(ord(c) + 0x60) if "ぁ" <= c <= "ゖ" else c for c in text)


def to_hiragana(text: str) -> str:
    """Katakana to hiragana (UniDic's readings are katakana; a word typed unconverted is hiragana)."""
    return "".join(chr(ord(c) - 0x60) if "ァ" <= c <= "ヶ" else c for c in text)


def _is_content_char(c: str) -> bool:
    cat = unicodedata.category(c)
    return cat[0] in "LN" or c in "ー々〆"


def char_ngrams(text: str, n: int = 2) -> list[str]:
    """Overlapping character n-grams of each run of letters/digits (kana folded), so unknown words and typos match."""
    out: list[str] = []
    for run in re.split(r"[^\w々〆ー]+", fold_kana(normalize(text))):
        run = "".join(c for c in run if _is_content_char(c))
        if not run:
            continue
        if len(run) < n:
            out.append(run)
        else:
            out.extend(run[i:i + n] for i in range(len(run) - n + 1))
    return out


def stem_english(word: str) -> str:
    """A light plural stemmer for English words (measures → measure, policies → policy)."""
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


@dataclass(frozen=True)
class Token:
    surface: str
    base: str  # the dictionary form (lemma), lower case
    pos: str
    kana: str = ""  # the reading in katakana (遠隔 → エンカク); the surface for unknown words
    gloss: str = ""  # UniDic's English source word of a loanword (テレワーク → telework)
    joined: bool = False  # follows the token before it with no space between


_ALNUM = re.compile(r"[a-z0-9]+")


_PIECE = 2000
#: The longest text whose tokens the analyser keeps (Analyzer.tokens): a question's, not a card's
SHORT_TEXT = 256
_BREAK = re.compile(r"[\s。、！？!?．.,，]")


def _pieces(text: str) -> list[str]:
    """`text` in pieces of at most ~2,000 characters, cut after a space or punctuation where there is one: MeCab's time
    on one unbroken run (a 40,000-letter cell) grows faster than its length."""
    if len(text) <= _PIECE:
        return [text]
    out, start = [], 0
    while start < len(text):
        end = min(start + _PIECE, len(text))
        if end < len(text):
            cut = max((m.end() for m in _BREAK.finditer(text, start + _PIECE // 2, end)), default=end)
            end = cut
        out.append(text[start:end])
        start = end
    return out


_KATAKANA_WORD = re.compile(r"[ァ-ヺー]{2,}")
COMPOUND = "+"  # the prefix of a compound word term: a katakana run written together (+マイナンバー)


def katakana_runs(tokens: list[Token]) -> list[tuple[int, int]]:
    """(start, end) of each run of two or more katakana nouns written together: MeCab cuts the table's loanword
    compounds into words that each mean something else (マイ|ナンバー, ガバメント|クラウド, オープン|データ)."""
    runs, i = [], 0
    while i < len(tokens):
        j = i
        while (j < len(tokens) and tokens[j].pos == "名詞" and _KATAKANA_WORD.fullmatch(tokens[j].surface)
               and (j == i or tokens[j].joined)):
            j += 1
        if j - i >= 2:
            runs.append((i, j))
        i = max(j, i + 1)
    return runs


def compound_term(run: list[Token]) -> str:
    return COMPOUND + "".join(t.surface for t in run)


def compound_spans(tokens: list[Token]) -> list[tuple[int, int]]:
    """(start, end) of every compound of two or more tokens inside a katakana run: what a question's run may be read as
    (マイ|ナンバー|カード → マイナンバー, ナンバーカード, マイナンバーカード)."""
    return [(i, j) for a, b in katakana_runs(tokens) for i in range(a, b) for j in range(i + 2, b + 1)]


class Analyzer:
    """Word-level analysis with fugashi + unidic-lite: lemmas, stop filtering, and the n-gram field beside it."""

    max_taggers = 4  # taggers made for concurrent callers; more callers wait their turn (a tagging takes ~1 ms)

    def __init__(self) -> None:
        import fugashi  # imported here so that modules that only need normalisation stay light

        self._fugashi = fugashi
        # A MeCab tagger keeps its lattice between calls: two threads sharing one garble each other's words
        # (8 threads × 300 calls garbled ~1.5 %). Each call borrows a tagger of its own from a small pool; one per
        # thread grew a web server's memory with every worker thread it ever used.
        self._idle: queue.SimpleQueue = queue.SimpleQueue()
        self._idle.put(fugashi.Tagger())
        self._made = 1
        self._lock = threading.Lock()
        # a question is read by a dozen steps of one search (its words, readings, topic, terms): its tokens are read
        # once. Only short texts, and the last 256 (~10 kB each; a batch of 64 questions is understood, then searched):
        # a card's chunks are read once at build, and kept they would only hold memory
        self._short_tokens = lru_cache(maxsize=256)(self._tokens)

    @contextmanager
    def _tagger(self):
        try:
            tagger = self._idle.get_nowait()
        except queue.Empty:
            with self._lock:
                make = self._made < self.max_taggers
                self._made += make
            tagger = self._fugashi.Tagger() if make else self._idle.get()
        try:
            yield tagger
        finally:
            self._idle.put(tagger)

    def _parse(self, piece: str) -> list:
        with self._tagger() as tagger:
            # the nodes point into the tagger's lattice: read them all before another caller may use it
            return [(w.surface, w.feature, w.white_space) for w in tagger(piece)]

    def nodes(self, text: str) -> list[tuple[str, Any, bool]]:
        """MeCab's nodes of `text` as given (not normalised, not cut into pieces): (surface, UniDic features, whether
        white space came before), for a reader of the tags themselves (index.roadmap), so that a process maps the
        dictionary once, for this pool's taggers."""
        return self._parse(text)

    def tokens(self, text: str) -> list[Token]:
        return list(self._short_tokens(text) if len(text) <= SHORT_TEXT else self._tokens(text))

    def _tokens(self, text: str) -> tuple[Token, ...]:
        out: list[Token] = []
        for surface, f, white_space in (w for piece in _pieces(normalize(text)) for w in self._parse(piece)):
            lemma = getattr(f, "lemma", None) or getattr(f, "orthBase", None) or surface
            gloss = ""
            # UniDic writes loanwords as デジタル-digital: the lemma is the Japanese part, the rest its source word.
            if "-" in lemma and not lemma.startswith("-"):
                lemma, gloss = lemma.split("-", 1)
                gloss = gloss.replace("-", "").lower()
                gloss = stem_english(gloss) if gloss.isascii() and gloss.isalpha() else ""
            base = lemma.lower()
            if base.isascii() and base.isalpha():
                base = stem_english(base)
            kana = getattr(f, "kana", None) or fold_kana(surface)
            prev = out[-1] if out else None
            if (prev and not white_space and _ALNUM.fullmatch(surface) and _ALNUM.fullmatch(prev.surface)
                    and any(ch.isdigit() for ch in prev.surface + surface)):
                # MeCab cuts 5G, 8K, 4K into a number and a letter: one term, as people read them
                out[-1] = Token(surface=prev.surface + surface, base=prev.base + base, pos="名詞",
                                kana=prev.kana + kana)
                continue
            out.append(Token(surface=surface, base=base, pos=getattr(f, "pos1", "") or "", kana=kana, gloss=gloss,
                             joined=prev is not None and not white_space))
        return tuple(out)

    def words(self, text: str, glosses: bool = False) -> list[str]:
        """Content words (lemmas), with particles, auxiliaries, symbols and light words removed; with `glosses`,
        loanwords also yield their English source word, so English questions meet Japanese text."""
        return self._words(self.tokens(text), glosses)

    def words_of(self, tokens: list[Token]) -> list[str]:
        """`words` of tokens already read (no glosses), for a caller that also reads the tokens themselves."""
        return self._words(tokens, False)

    def query_words(self, text: str, held: Callable[[list[str]], Iterable[bool]]) -> list[str]:
        """`words` of a question for the lexical index: each katakana run written together is read as the longest
        compounds the index holds (`held`: which of these terms it holds), from the left, and only the pieces left
        over as words. 「マイナンバーカード」 is +マイナンバー and カード where the table writes マイナンバー, not マイ, ナンバー
        and カード, whose マイ and ナンバー each score; a run the table never writes keeps its pieces."""
        return self.query_words_of(self.tokens(text), held)

    def query_words_of(self, tokens: list[Token], held: Callable[[list[str]], Iterable[bool]]) -> list[str]:
        """`query_words` of a question already cut into tokens (the no-answer features read the same tokens)."""
        runs = katakana_runs(tokens)
        if not runs:
            return self._words(tokens, False)
        spans = compound_spans(tokens)
        names = [compound_term(tokens[i:j]) for i, j in spans]
        known = {span for span, h in zip(spans, held(names)) if h}
        out: list[str] = []
        at = 0
        for a, b in runs:
            out += self._words(tokens[at:a], False)
            i = a
            while i < b:
                j = next((j for j in range(b, i + 1, -1) if (i, j) in known), None)
                if j is None:
                    out += self._words(tokens[i:i + 1], False)
                    i += 1
                else:
                    out.append(compound_term(tokens[i:j]))
                    i = j
            at = b
        return out + self._words(tokens[at:], False)

    @staticmethod
    def _words(tokens: list[Token], glosses: bool) -> list[str]:
        out = []
        for t in tokens:
            if t.pos in STOP_POS or t.base in STOP_WORDS or not any(_is_content_char(c) for c in t.base):
                continue
            out.append(t.base)
            if glosses and t.gloss:
                out.append(t.gloss)
        return out

    def reading(self, text: str) -> str:
        """The text read aloud in katakana, so that 遠隔医療 and えんかくいりょう look the same."""
        return "".join(t.kana for t in self.tokens(text))

    def reading_grams(self, text: str) -> list[str]:
        return ["~" + g for g in char_ngrams(self.reading(text))]

    def terms(self, text: str) -> list[str]:
        """The lexical index terms of a document: words and loanword glosses, katakana compounds (prefix +) beside
        their pieces, character bigrams (prefix #) and reading bigrams (prefix ~)."""
        tokens = self.tokens(text)  # once for words and reading: MeCab is most of an index build's time
        return (self._words(tokens, glosses=True) + [compound_term(tokens[a:b]) for a, b in katakana_runs(tokens)]
                + ["#" + g for g in char_ngrams(text)]
                + ["~" + g for g in char_ngrams("".join(t.kana for t in tokens))])


@lru_cache(maxsize=1)
def analyzer() -> Analyzer:
    """A shared Analyzer, safe to call from many threads (each thread gets its own MeCab tagger)."""
    return Analyzer()


PARALLEL_TERMS_MIN = 5_000  # texts; below this a pool's start-up (~1–2 s of imports per process) is not won back


_worker_analyzer: Analyzer | None = None


def _start_worker(parent: int) -> None:
    global _worker_analyzer
    _exit_with_parent(parent)
    _worker_analyzer = Analyzer()  # its own taggers: the parent's pool may have been mid-use when it forked


def _exit_with_parent(parent: int) -> None:
    """A worker of a build that is killed (SIGKILL: no cleanup runs) must not wait for work forever: the kernel kills
    it with its parent where it can (Linux), else a watcher thread sees the parent gone and ends it."""
    import signal

    try:
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass
    if os.getppid() != parent:  # died before prctl took hold
        os._exit(1)

    def watch() -> None:
        while os.getppid() == parent:
            threading.Event().wait(1.0)
        os._exit(1)

    threading.Thread(target=watch, daemon=True).start()


def _terms_of_batch(texts: list[str]) -> list[list[str]]:
    analyzer = _worker_analyzer
    assert analyzer is not None  # set by the worker's initializer before any batch
    return [analyzer.terms(t) for t in texts]


def terms_of(texts: Iterable[str], count: int, workers: int | None = None,
             min_parallel: int = PARALLEL_TERMS_MIN) -> Iterable[list[str]]:
    """`Analyzer.terms` of every text, in order: on every core for a large corpus (MeCab is most of a large build's
    time and holds the GIL, so threads would not help), in this process for a small one."""
    workers = workers or os.cpu_count() or 1
    if workers < 2 or count < min_parallel or os.name != "posix":
        yield from (analyzer().terms(t) for t in texts)
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    def batches():
        batch: list[str] = []
        for t in texts:
            batch.append(t)
            if len(batch) == 256:
                yield batch
                batch = []
        if batch:
            yield batch

    # fork, not spawn: spawn re-imports the caller's main module, which breaks any script without a __main__ guard;
    # the children only tokenise, with taggers of their own
    with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork"),
                             initializer=_start_worker, initargs=(os.getpid(),)) as pool:
        pending = []
        for batch in batches():  # at most 4 batches a worker in flight: memory stays bounded on a million cards
            pending.append(pool.submit(_terms_of_batch, batch))
            if len(pending) >= 4 * workers:
                yield from pending.pop(0).result()
        for f in pending:
            yield from f.result()


# ------------------------------------------------------------------------------------------ kana → corpus spelling

_KATAKANA = re.compile(r"[ァ-ヺー]+")
_SPELLED_POS = frozenset({"名詞", "接尾辞", "接頭辞"})  # 被災 / 者, 電子 / 化: nouns and their affixes


def reading_dictionary(texts: Iterable[str], max_words: int = 3) -> dict[str, str]:
    """Katakana reading → the spelling the texts use most for it, over runs of up to `max_words` nouns (被災/者/台帳),
    so that a question typed in kana can be written the way the corpus writes it."""
    an = analyzer()
    counts: dict[str, Counter] = defaultdict(Counter)
    for text in texts:
        run: list[Token] = []
        for t in [*an.tokens(text), None]:
            # (a loanword written in katakana is a name the table spells, whatever MeCab tags it: サイバー of
            # サイバーポート is a 形状詞, and the compound was no reading of the dictionary, so 「さいばーぽーと」 was
            # respelled さいばーポート)
            if t is not None and (t.pos in _SPELLED_POS or _KATAKANA.fullmatch(t.surface)) and _KATAKANA.fullmatch(t.kana):
                run.append(t)
                continue
            for i in range(len(run)):
                for j in range(i + 1, min(len(run), i + max_words) + 1):
                    reading = "".join(x.kana for x in run[i:j])
                    if len(reading) >= 3:  # two-kana readings (シャ, カイ) have too many spellings
                        counts[reading]["".join(x.surface for x in run[i:j])] += 1
            run = []
    return {reading: c.most_common(1)[0][0] for reading, c in counts.items()}


_SOUND_FOLD = str.maketrans({"ッ": "ツ", "ヅ": "ズ", "ヂ": "ジ", "ァ": "ア", "ィ": "イ", "ゥ": "ウ", "ェ": "エ", "ォ": "オ",
                             "ャ": "ヤ", "ュ": "ユ", "ョ": "ヨ", "ヮ": "ワ", "ー": None})


def fold_sounds(kata: str) -> str:
    """A katakana reading with the marks people drop or mistype folded away: long-vowel ー, small kana, ッ/ツ, ヅ/ズ, ヂ/ジ
    (ぎがすくる and ギガスクール, しつぺい and シッペイ meet)."""
    return kata.translate(_SOUND_FOLD)


_MARKS = frozenset("ーァィゥェォャュョヮッ")
_KANA_WORDS = re.compile(r"[ぁ-ゖァ-ヺー]+(?: [ぁ-ゖァ-ヺー]+)*")
_LOOSE: list = [None, {}]  # the last dictionary respell saw, and its readings under fold_sounds


def _loose(dictionary: dict[str, str]) -> dict[str, str]:
    if _LOOSE[0] is not dictionary:
        loose: dict[str, str] = {}
        for reading, word in dictionary.items():
            loose.setdefault(fold_sounds(reading), word)
        _LOOSE[:] = [dictionary, loose]
    return _LOOSE[1]


def _lookup(dictionary: dict[str, str], kata: str, typed: str, loose: bool = True) -> str | None:
    """The spelling of reading `kata` (typed as `typed`): as typed, else (`loose`) with fold_sounds on both sides. The
    loose reading only for kana left in hiragana (katakana was typed as meant: ｻｲﾊﾞｰ stays), and never for a piece
    that starts with a mark that belongs to the kana before it (ー, small kana)."""
    word = dictionary.get(kata)
    if (word is None and loose and kata[0] not in _MARKS and any("ぁ" <= c <= "ゖ" for c in typed)
            and len(folded := fold_sounds(kata)) >= 3):
        word = _loose(dictionary).get(folded)
    return word


def _spell_run(typed: str, dictionary: dict[str, str], longest: int = 20, starts=None, ends=None,
               gaps: frozenset = frozenset(), long_starts: frozenset = frozenset(), firm: frozenset = frozenset()) -> str:
    """One kana run written with the dictionary's spellings: the split that covers it with the longest readings wins
    (sum of squared lengths); kana that match nothing stay as typed. A word may only start at `starts` and end at
    `ends` (offsets in the run; anywhere when None), or at `long_starts` when it is LONG_READING kana or more;
    `gaps` are offsets that had a space before them; a word read loosely (_lookup) may not start or end at `firm`."""
    kata = fold_kana(typed)
    n = len(kata)
    best: list[tuple[int, int, str | None]] = [(0, -1, None)] * (n + 1)  # (score, start, spelling) per end
    next_gap = [n + 1] * (n + 1)  # the first gap after each offset: a piece [start, end) crosses one if < end
    for at in range(n - 1, -1, -1):
        next_gap[at] = at + 1 if at + 1 in gaps else next_gap[at + 1]
    for end in range(1, n + 1):
        best[end] = (best[end - 1][0], end - 1, None)
        if ends is not None and end not in ends:
            continue
        for start in range(max(0, end - longest), end - 2):
            if starts is not None and start not in starts and not (start in long_starts and end - start >= LONG_READING):
                continue
            if next_gap[start] < end and not ((start == 0 or start in gaps) and (end == n or end in gaps)):
                continue  # a word across the writer's space spans whole pieces (でじたる きょう かしょ), not ど|こがた
            word = _lookup(dictionary, kata[start:end], typed[start:end], start not in firm and end not in firm)
            if word and best[start][0] + (end - start) ** 2 > best[end][0]:
                best[end] = (best[start][0] + (end - start) ** 2, start, word)
    out, end = [], n
    while end > 0:
        _, start, word = best[end]
        out.append(word or typed[start:end])
        if start in gaps:
            out.append(" ")
        end = start
    return "".join(reversed(out))


def respell(text: str, dictionary: dict[str, str], longest: int = 20) -> str:
    """Write the kana runs of `text` with the dictionary's spellings (ひさいしゃだいちょう → 被災者台帳), for a
    question typed all in kana. A reading matches as typed, else with fold_sounds on both sides (ぎがすくる, しつぺい);
    a word may span the spaces of a kana question (でじたる きょう かしょ → デジタル教科書), the other spaces stay."""

    def spell(m: re.Match) -> str:
        gaps, at = set(), 0  # offsets in the run without spaces that had a space before them
        for piece in m.group(0).split(" ")[:-1]:
            at += len(piece)
            gaps.add(at)
        run = m.group(0).replace(" ", "")
        inside = _inside_demonstratives(run)
        starts = None if not inside else set(range(len(run))) - inside
        return _spell_run(run, dictionary, longest, starts=starts, gaps=frozenset(gaps), firm=_inside_read_words(run))

    return _KANA_WORDS.sub(spell, normalize(text))


def token_spans(text: str) -> list[tuple[int, Token]]:
    """Each token of `text` with its offset in `text`, in order; a token the analyser spells otherwise than the text
    does is left out (no offset holds it)."""
    tokens = analyzer().tokens(text)
    return [(i, tokens[k]) for i, k in _in_order(text, [t.surface for t in tokens])]


def _in_order(text: str, surfaces: list[str]) -> list[tuple[int, int]]:
    """(offset in `text`, index) of each of `surfaces` found in `text` in order, each looked for after the one before;
    one spelt otherwise than the text (the analyser's normalised form) is left out. A Latin word is found in any case:
    the analyser lowercases it (ICT → ict), and 「学校のICT環境や学習データ」 lost ICT from its first item (環境)."""
    out, at = [], 0
    lower = text.lower()
    lower = lower if len(lower) == len(text) else text  # (offsets hold only where lowercasing keeps the length)
    for k, surface in enumerate(surfaces):
        i = text.find(surface, at)
        if i < 0:
            i = lower.find(surface, at)
        if i < 0:
            continue
        out.append((i, k))
        at = i + len(surface)
    return out


@lru_cache(maxsize=16)
def _node_spans(normal: str) -> tuple[tuple[int, str, Any], ...]:
    """MeCab's nodes of a normalised text (in pieces, _pieces) as (offset, surface, UniDic features), in order, for a
    reader of the tags themselves; a node spelt otherwise than the text is left out, as in token_spans. Kept for the
    last few questions: respell_hiragana and then respell_short_nouns read each question's (mostly the same text)."""
    nodes = [w for piece in _pieces(normal) for w in analyzer()._parse(piece)]
    return tuple((i, nodes[k][0], nodes[k][1]) for i, k in _in_order(normal, [w[0] for w in nodes]))


def _inside_demonstratives(run: str) -> set[int]:
    """Offsets strictly inside a demonstrative (その, この, どの: MeCab's 連体詞, which it reads reliably even in kana),
    where no word of the corpus may begin: 「そのうち」 is not そ + 農地 (ノウチ)."""
    return {j for i, t in token_spans(run) if t.pos == "連体詞" for j in range(i + 1, i + len(t.surface))}


def _inside_read_words(run: str) -> frozenset[int]:
    """Offsets strictly inside a word MeCab reads in `run` just as it is typed (としより: 年寄る, トシヨリ; not kana it
    reads as no word): the kana of a word spelt right are no slip of a mark, so no loosely read word (_lookup: シヨリ
    as ショリ, 処理) may begin or end inside it."""
    return frozenset(j for i, t in token_spans(run) if len(t.surface) >= 2 and t.pos not in ("記号", "補助記号")
                     and t.kana == fold_kana(t.surface) for j in range(i + 1, i + len(t.surface)))


_HIRAGANA_RUN = re.compile(r"[ぁ-ゖー]{3,}")
_NOT_A_WORD_START = frozenset({"助詞", "助動詞", "補助記号", "動詞", "形容詞"})
# MeCab reads a noun typed in kana as a verb or an adjective where its first sounds make one (ひさいしゃしえん: ひさい
# as a verb), so a word may start there too when its reading is this long: a verb's own forms that sound like a word of
# the table are short (している → 指定, ないように → 内容), a noun compound typed in kana is not (被災者 ヒサイシャ)
LONG_READING = 5
_SHORT_WORD_START = frozenset({"動詞", "形容詞"})


def respell_hiragana(text: str, dictionary: dict[str, str]) -> str:
    """The words a converted sentence left in hiragana, written with the dictionary's spellings (こどものきょうかしょ →
    子供の教科書, せきゅりてぃ → セキュリティ). Unlike `respell` (for questions all in kana), a word must start and end
    on MeCab's word boundaries and not start with a particle, an auxiliary, a verb or an adjective: the grammar of
    the sentence is hiragana too, and している or ないように would otherwise read as 指定 or 内容."""
    normal = normalize(text)
    if not _HIRAGANA_RUN.search(normal):
        return normal
    starts, ends, long_starts = set(), set(), set()
    for i, surface, f in _node_spans(normal):
        if getattr(f, "pos1", "") not in _NOT_A_WORD_START:
            starts.add(i)
        elif getattr(f, "pos1", "") in _SHORT_WORD_START:
            long_starts.add(i)
        ends.add(i + len(surface))

    def spell(m: re.Match) -> str:
        a, run = m.start(), m.group(0)
        # a run the writer left whole between converted words (「かいご関係」) that reads as one word of the table is
        # that word, however MeCab cuts it (かい|ご: 買う + 御): the IME's boundaries are the writer's. Not a run that
        # starts with a particle or an auxiliary (「一覧のうち」: の + うち, not 農地)
        if (a in starts or a in long_starts) and (whole := _lookup(dictionary, fold_kana(run), run)) is not None:
            return whole
        return _spell_run(run, dictionary, starts={i - a for i in starts}, ends={i - a for i in ends},
                          long_starts=frozenset(i - a for i in long_starts))

    return _HIRAGANA_RUN.sub(spell, normal)


def short_noun_spellings(texts: Iterable[str]) -> dict[str, str]:
    """Katakana reading → spelling of the nouns of two kana that the texts spell one way only, with a kanji (チズ →
    地図, トチ → 土地): what reading_dictionary leaves out (two-kana readings have too many spellings: シャ is 者, 社,
    車), kept where the texts leave no doubt; a reading they also write in kana (こと, もの) or two ways is none."""
    an = analyzer()
    counts: dict[str, Counter] = defaultdict(Counter)
    for text in texts:
        for surface, f, _ in (w for piece in _pieces(normalize(text)) for w in an._parse(piece)):
            kana = getattr(f, "kana", None) or ""
            if getattr(f, "pos1", "") == "名詞" and len(kana) == 2 and _KATAKANA.fullmatch(kana):
                counts[kana][surface] += 1
    return {reading: next(iter(c)) for reading, c in counts.items()
            if len(c) == 1 and re.search(r"[一-龥]", next(iter(c)))}


def respell_short_nouns(text: str, spellings: dict[str, str]) -> str:
    """The common nouns of two kana that a converted sentence left in hiragana (「ちずとか土地のデータ」 → 地図), written
    with `spellings` (short_noun_spellings): only a whole word MeCab reads as a common noun (名詞・普通名詞・一般), so
    grammar and words of speech (うち, こと, ため, とき: 副詞可能 or 形式名詞) stay."""
    normal = normalize(text)
    if not re.search(r"[ぁ-ゖ]{2}", normal):
        return normal
    found = []
    for i, surface, f in _node_spans(normal):
        if (re.fullmatch(r"[ぁ-ゖ]{2}", surface) and getattr(f, "pos1", "") == "名詞"
                and getattr(f, "pos2", "") == "普通名詞" and getattr(f, "pos3", "") == "一般"
                and fold_kana(surface) in spellings):
            found.append((i, i + len(surface), spellings[fold_kana(surface)]))
    for start, end, word in reversed(found):
        normal = normal[:start] + word + normal[end:]
    return normal


def reading_with_cuts(text: str) -> tuple[str, list[tuple[int, int, bool]]]:
    """The text's reading in katakana, and where each word sits in it, with whether it was typed as a content word in
    hiragana (しごと, しんだん, みえ), or as hiragana MeCab reads as no word (め in めの, a symbol to it) or as a
    prefix (ふ of ふじゆう): the words an IME left unconverted."""
    reading, spans = "", []
    for t in analyzer().tokens(text):
        typed = (t.pos in ("名詞", "動詞", "形容詞", "記号", "接頭辞")
                 and all("ぁ" <= c <= "ゖ" or c == "ー" for c in t.surface))
        spans.append((len(reading), len(reading) + len(t.kana), typed))
        reading += t.kana
    return reading, spans


def heard_as_words(key: str, reading: str, spans: list[tuple[int, int, bool]]) -> bool:
    """`key` (katakana) read as whole words of the reading (reading_with_cuts), at least one of them left in hiragana:
    家でしごと and 健康しんだん meet イエデシゴト and ケンコウシンダン, while 子ども and 病院, already written as the
    table may write them, and イシャ inside 会社, do not."""
    starts, ends = {a for a, _, _ in spans}, {b for _, b, _ in spans}
    at = reading.find(key)
    while at >= 0:
        if at in starts and at + len(key) in ends and any(k and a >= at and b <= at + len(key) for a, b, k in spans):
            return True
        at = reading.find(key, at + 1)
    return False


_SENTENCE_END = re.compile(r"[^。！？!?\n]*(?:[。！？!?]+|\n|$)")


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) offsets of the sentences of a text (split at 。！？ and line breaks), without edge spaces."""
    spans = []
    for m in _SENTENCE_END.finditer(text):
        s, e = m.span()
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            spans.append((s, e))
    return spans


def has_searchable_text(query: str) -> bool:
    """True when the query has a letter or digit to search for (not only spaces, symbols or emoji)."""
    return any(_is_content_char(c) for c in normalize(query))


# Why a question has nothing to search for (unsearchable's answers): each is also said to the user by the report.
NO_TEXT = "no letters or digits"
ONLY_DIGITS = "only digits and symbols"
FORMULA = "a spreadsheet formula"
ONLY_URL = "only a web address"

_URL = re.compile(r"(?:https?|ftp)://\S*|www\.\S+")
# A cell pasted as written: =1+2, =SUM(A1:A3), @SUM(A1), +SUM(A1); what follows the sign is ASCII only (no kana, no
# kanji), so 「=テレワーク」 is still a question, and a leading +/- is a formula only before a function call (「- remote
# work」 is a bulleted question)
_FORMULA = re.compile(r"[=@][\x20-\x7e]*|[+\-] *[a-z][a-z0-9.]*\([\x20-\x7e]*")


def _has_word(text: str) -> bool:
    return any(unicodedata.category(c)[0] == "L" and c not in "ー々〆" for c in text)  # the marks alone are no word


def _has_digit(text: str) -> bool:
    return any(unicodedata.category(c)[0] == "N" for c in text)


def unsearchable(query: str) -> str | None:
    """Why `query` has no word to search for (NO_TEXT, FORMULA, ONLY_URL, ONLY_DIGITS), or None when it has one.
    Any card found for 「=1+2」, 「12345」 or a bare URL would be an arbitrary one, found with high confidence; the
    caller decides whether digits alone mean something (a 施策番号 such as 04-03 does)."""
    text = normalize(query)
    if not _has_word(text) and not _has_digit(text):
        return NO_TEXT
    if _FORMULA.fullmatch(text):
        return FORMULA
    rest = _URL.sub(" ", text)
    if not _has_word(rest):
        return ONLY_DIGITS if _has_digit(rest) else ONLY_URL
    return None


# ------------------------------------------------------------------------------ questions typed as spaced kana

# 「め の みえない ひと むけの しんごうき」: kana typed a word (or a phrase) at a time with spaces between, as on a
# phone or by an older user; the spaces are the writer's own word boundaries, which MeCab cannot find in one long
# hiragana run. Nouns that are grammar more than topic (こと, もの, ほか) stay in kana: the follow-up patterns read them.
_SPACED_KANA = re.compile(r"[^\s]+(?: [^\s]+){2,}")
_FORMAL_NOUNS = frozenset({"こと", "もの", "やつ", "ところ", "ほう", "とき", "ほか", "なか", "うち", "まえ", "あと", "ため",
                           "よう", "わけ", "はず"})
#: 何 + a counter typed in kana (「なんかしょ」, 「なんにん」): each counter as the table writes it → its sound after なん
#: (人 is にん there; UniDic reads it alone as ひと). A question typed as spaced kana has each of them written
#: (written_spaced_kana); in a sentence, conversation.QUANTITY reads only those of COUNTED_KANA as a count asked: after
#: なん the others are as often another word (なんかいる: なんか + いる, なんだい: 何だい) or ask no count (なんねんど)
COUNTER_KANA = {"か所": "かしょ", "件": "けん", "人": "にん", "校": "こう", "社": "しゃ", "台": "だい", "回": "かい",
                "団体": "だんたい", "機関": "きかん", "地域": "ちいき", "世帯": "せたい", "都道府県": "とどうふけん",
                "市町村": "しちょうそん", "年度": "ねんど", "割": "わり", "%": "ぱーせんと"}
COUNTED_KANA = ("か所", "市町村", "都道府県", "団体", "人", "件", "校", "割", "%")


def is_spaced_kana(text: str) -> bool:
    """Three or more pieces separated by spaces, the pieces mostly hiragana (each space between Japanese letters)."""
    normal = normalize(text)
    if not _SPACED_KANA.fullmatch(normal):
        return False
    letters = [c for c in normal if c.isalpha()]
    hiragana = sum("ぁ" <= c <= "ゖ" for c in letters)
    japanese = all(re.match(r"[ぁ-ゖァ-ヺー一-鿿々0-9０-９]", normal[i + 1]) and
                   re.match(r"[ぁ-ゖァ-ヺー一-鿿々0-9０-９?？。、!！]", normal[i - 1])
                   for i, c in enumerate(normal) if c == " ")
    return japanese and bool(letters) and hiragana / len(letters) >= 0.6


# what may follow 何 + a counter typed in kana for the counter to end its word (「なんかしょくらい」, not 「なんかいい」);
# conversation.QUANTITY reads the same
AFTER_KANA_COUNTER = (r"(?=$|[^ぁ-ゖー]|くらい|ぐらい|ほど|ずつ|まで|も|か|は|が|を|で|の|に|と|って|ある|あり|いる|います|いた|"
                      r"です|でし|なの|なん|だ)")


def hiragana_reading(word: str) -> str:
    """How `word` is typed unconverted: UniDic's reading of each of its tokens, in hiragana (か所 → かしょ)."""
    return to_hiragana("".join(t.kana for t in analyzer().tokens(word)))


def _written_word(surface: str, f: Any) -> str:
    """A hiragana word as it is usually written, by UniDic's lemma: nouns (ひと → 人), and verbs and adjectives of
    their own (みえ → 見え, むけ → 向け; not the auxiliary-like やる, ある, する), when the lemma's reading is the one
    typed. Anything else stays as typed."""
    pos1, pos2 = getattr(f, "pos1", ""), getattr(f, "pos2", "")
    lemma = (getattr(f, "lemma", None) or "").split("-")[0]
    base = to_hiragana(getattr(f, "kanaBase", None) or "")
    if not re.fullmatch(r"[ぁ-ゖー]{2,}", surface) or not re.search(r"[一-鿿々]", lemma) or surface in _FORMAL_NOUNS:
        return surface
    if pos1 == "名詞" and pos2 == "普通名詞":
        return lemma if base == surface else surface
    if pos1 in ("動詞", "形容詞") and pos2 == "一般":
        tail = re.search(r"[ぁ-ゖ]*$", lemma).group(0)  # type: ignore[union-attr]
        stem = lemma[:len(lemma) - len(tail)]
        if stem and base.endswith(tail):
            said = base[:len(base) - len(tail)]
            if said and surface.startswith(said):
                return stem + surface[len(said):]
    return surface


def written_kana_words(text: str) -> str:
    """`text` with each word typed in hiragana written as UniDic's lemma spells it (_written_word: かんでる → 噛んでる,
    はいってる → 入ってる, やくしょ → 役所), the rest as typed: what a reading of the question by its written words
    (a verb it asks by) finds in a question typed unconverted."""
    if not re.search(r"[ぁ-ゖ]{2,}", text):
        return text
    nodes = analyzer().nodes(text)
    return "".join(s if _broken(nodes, i) or _counter(nodes, i) else _written_word(s, f)
                   for i, (s, f, _) in enumerate(nodes))


def _counter(nodes: list, i: int) -> bool:
    """Whether node i follows a numeral: there kana are its counter (2|つめ is 2つ目, not 2 + 爪; さん|ばん 三番)."""
    return i > 0 and getattr(nodes[i - 1][1], "pos2", "") == "数詞"


def _broken(nodes: list, i: int) -> bool:
    """Whether node i is a piece of a hiragana word MeCab cut up (やく|しょ: 役所 is not 役 + しょ; すま|ほの: スマホ
    is not 済む + 仄): a hiragana noun, noun-like suffix or prefix right before or after it. A suffix that makes an
    adjective or a verb of it (みえ|にくい, こわ|がる) is its grammar, not a cut."""
    return any(0 <= j < len(nodes) and re.fullmatch(r"[ぁ-ゖー]+", nodes[j][0])
               and (getattr(nodes[j][1], "pos1", "") in ("名詞", "接頭辞")
                    or getattr(nodes[j][1], "pos1", "") == "接尾辞" and getattr(nodes[j][1], "pos2", "") not in ("形容詞的", "動詞的"))
               for j in (i - 1, i + 1))


def _leading_noun(piece: str, dictionary: dict[str, str]) -> str:
    """A piece that starts with a hiragana noun UniDic reads as a whole (としより|むけの → 年寄り), that noun by its
    lemma, when the table has no word of that reading: otherwise the table's sounds may cut it (と|しより → 処理)."""
    nodes = analyzer().nodes(piece)
    if not nodes:
        return piece
    surface, f, _ = nodes[0]
    lemma = (getattr(f, "lemma", None) or "").split("-")[0]
    if (getattr(f, "pos1", "") == "名詞" and getattr(f, "pos2", "") == "普通名詞" and surface not in _FORMAL_NOUNS
            and re.fullmatch(r"[ぁ-ゖー]{3,}", surface) and re.search(r"[一-鿿々]", lemma)
            and to_hiragana(getattr(f, "kanaBase", None) or "") == surface and fold_kana(surface) not in dictionary):
        return lemma + piece[len(surface):]
    return piece


def written_spaced_kana(text: str, dictionary: dict[str, str]) -> str:
    """A question typed as spaced kana, written as one converted sentence: the table's own words first (`respell`:
    しんごうき → 信号機, a word may span a space), then each piece's other words by UniDic's lemma (みえない ひと →
    見えない人), 何 + a counter (なんかしょ → 何か所), and the spaces joined. Any other text is returned unchanged."""
    if not is_spaced_kana(text):
        return text
    pieces = []
    for piece in respell(" ".join(_leading_noun(p, dictionary) for p in normalize(text).split(" ")), dictionary).split(" "):
        for word, kana in COUNTER_KANA.items():
            piece = re.sub("なん" + re.escape(kana) + AFTER_KANA_COUNTER, "何" + word, piece)
            # the table's words are respelled first, so a counter that is one of them (だんたい → 団体, ちいき → 地域)
            # is already written after なん: 「なん団体に」 asks 何団体 as much as 「なんだんたい」 does
            piece = re.sub("なん(?=" + re.escape(word) + ")", "何", piece)
        nodes = analyzer().nodes(piece)
        pieces.append("".join(s if _broken(nodes, i) or _counter(nodes, i) else _written_word(s, f)
                          for i, (s, f, _) in enumerate(nodes)))
    return _joined(pieces)


def _joined(pieces: list[str]) -> str:
    """The pieces of a spaced question joined, the writer's space kept where MeCab would read a word across it (それと
    めの: とめ, 止め): there the space is the only mark of the words the writer meant."""
    joined = "".join(pieces)
    junctions, at = set(), 0
    for piece in pieces[:-1]:
        at += len(piece)
        junctions.add(at)
    kept = {j for i, t in token_spans(joined) for j in range(i + 1, i + len(t.surface)) if j in junctions}
    return "".join((" " if at in kept else "") + c for at, c in enumerate(joined))


# ------------------------------------------------------------------------------ English words ↔ the table's words

_ROMAJI_PAIRS = ("キャkya キュkyu キョkyo シャsha シュshu ショsho チャcha チュchu チョcho ニャnya ニュnyu ニョnyo "
                 "ヒャhya ヒュhyu ヒョhyo ミャmya ミュmyu ミョmyo リャrya リュryu リョryo ギャgya ギュgyu ギョgyo "
                 "ジャja ジュju ジョjo ビャbya ビュbyu ビョbyo ピャpya ピュpyu ピョpyo ティti ディdi ファfa フィfi "
                 "フェfe フォfo ウィwi ウェwe ウォwo ヴァva ヴィvi ヴェve ヴォvo チェche シェshe ジェje "
                 "アa イi ウu エe オo カka キki クku ケke コko サsa シshi スsu セse ソso タta チchi ツtsu テte トto "
                 "ナna ニni ヌnu ネne ノno ハha ヒhi フfu ヘhe ホho マma ミmi ムmu メme モmo ヤya ユyu ヨyo "
                 "ラra リri ルru レre ロro ワwa ヲo ンn ガga ギgi グgu ゲge ゴgo ザza ジji ズzu ゼze ゾzo "
                 "ダda ヂji ヅzu デde ドdo バba ビbi ブbu ベbe ボbo パpa ピpi プpu ペpe ポpo ヴvu "
                 "ァa ィi ゥu ェe ォo").split()
_ROMAJI = {p[:2] if len(p) > 2 and "ァ" <= p[1] <= "ヺ" else p[0]: p[2:] if len(p) > 2 and "ァ" <= p[1] <= "ヺ" else p[1:]
           for p in _ROMAJI_PAIRS}


def romaji(kata: str) -> str:
    """A katakana reading in Hepburn romaji with the long vowels folded (オオサカ → osaka, トウキョウ → tokyo), the
    way a Japanese name is written in English; '' when a character has no romaji."""
    out, i = [], 0
    while i < len(kata):
        two = kata[i:i + 2]
        if two in _ROMAJI:
            out.append(_ROMAJI[two])
            i += 2
        elif kata[i] in _ROMAJI:
            out.append(_ROMAJI[kata[i]])
            i += 1
        elif kata[i] == "ッ" and i + 1 < len(kata):
            out.append("@")  # doubles the next consonant
            i += 1
        elif kata[i] == "ー":
            i += 1
        else:
            return ""
    text = "".join(out)
    text = re.sub(r"@(.)", r"\1\1", text).replace("@", "")
    return re.sub(r"ou|oo", "o", re.sub(r"uu", "u", text))


def _skeleton(word: str) -> str:
    """The consonants of a word, doubles once, c/ck as k (track and トラック: trk)."""
    s = re.sub(r"[aeiouy]", "", word.lower().replace("ck", "k").replace("c", "k"))
    return re.sub(r"(.)\1+", r"\1", s)


def english_keys(tokens: list[Token]) -> frozenset[str]:
    """What English words a text's words may be written as: each word's romaji (大阪 → osaka), each loanword's UniDic
    gloss (ナビ → navigation), and each katakana word's consonants (トラック → ~trk), so that an English question that
    names the table's own term (the Osaka Track) finds the sentence that holds it."""
    keys: set[str] = set()
    for t in tokens:
        if t.gloss:
            keys.add(t.gloss)
        r = romaji(t.kana) if _KATAKANA.fullmatch(t.kana or "") else ""
        if len(r) >= 4:
            keys.add(r)
            if _KATAKANA.fullmatch(t.surface) and len(sk := _skeleton(r)) >= 3:
                keys.add("~" + sk)
    return frozenset(keys)


def english_words_keys(text: str) -> list[frozenset[str]]:
    """The English words of `text` (four letters or more), each as the keys english_keys may hold for it."""
    out = []
    for w in re.findall(r"[A-Za-z]{4,}", text):
        w = w.lower()
        keys = {w, stem_english(w)}
        if len(sk := _skeleton(w)) >= 3:
            keys.add("~" + sk)
        out.append(frozenset(keys))
    return out
