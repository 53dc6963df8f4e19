"""The question log: every question asked through the web app and the REST API, its outcome, cards, latency and
filters, and the asker's 👍 / 👎 (with an optional comment), in one SQLite file under the cache folder.

Why SQLite: the server answers on several threads and more than one server (or `seisaku log`) may open the same
file; WAL mode lets readers go on while a row is written, and a committed row survives a killed process. The log is
a side record: any SQLite failure (a locked or corrupt file, a full disk) is one warning line and answering goes on.
Nothing here leaves the machine; `purge` empties it, and Settings.log (SEISAKU_LOG=0) turns it off.

Two ways a log file can be pulled from under an open connection, both reproduced: the cache folder deleted while a server
runs (its connections went on writing into the deleted file, every later question lost without a word; a write now
checks that the path is still the file it opened, else opens the new one), and, in a process that has the log open,
the log's files opened and closed outside SQLite (a copy of the cache folder, as a test did): closing any descriptor
of a file drops all of that process's fcntl locks on it, so another process takes itself for the only user, resets
the shared-memory index and deletes the WAL, and this one gets "disk I/O error" or SIGBUS. No code here does that;
never copy or read these files from a process that holds the log open (copy with sqlite3's backup API instead).
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import secrets
import sqlite3
import threading
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timedelta, UTC
from pathlib import Path
from typing import Iterator, Sequence

__all__ = ["QueryLog", "Entry", "LogSummary", "SCHEMA_VERSION", "FILE_NAME", "open_log", "parse_since",
           "entry_of_answer", "entry_of_result", "OUTCOMES", "new_session", "is_session"]

log = logging.getLogger("seisaku.querylog")

FILE_NAME = "querylog.sqlite3"
OUTCOMES = ("answer", "uncertain", "none")
FEEDBACK = ("up", "down")
# A writer waits this long for another process's lock before the row is given up (and said in the log). SQLite's
# busy wait is not fair: under 8 writers on a loaded disk (load 10, fsync ~20 ms) one starved past 2 s.
BUSY_MS = 5_000

# Each step takes the file from version i to i + 1 (PRAGMA user_version); a file is migrated when opened, inside one
# transaction, so an old log keeps its rows and a half-migrated file cannot exist.
MIGRATIONS: tuple[tuple[str, ...], ...] = (
    (  # 1: the questions
        """CREATE TABLE questions (
             id INTEGER PRIMARY KEY,
             time TEXT NOT NULL,            -- UTC, ISO 8601 with seconds
             question TEXT NOT NULL,
             outcome TEXT NOT NULL,         -- answer / uncertain / none
             confidence REAL NOT NULL,
             cards TEXT NOT NULL,           -- JSON: [{"id", "name", "confidence", "answer"}], as shown
             latency_ms REAL NOT NULL,
             filters TEXT NOT NULL,         -- JSON: the filters set, {} when none
             via TEXT NOT NULL              -- web / api / rest
           )""",
        "CREATE INDEX questions_time ON questions(time)",
    ),
    (  # 2: the asker's verdict on the answer
        "ALTER TABLE questions ADD COLUMN feedback TEXT",  # up / down / NULL
        "ALTER TABLE questions ADD COLUMN comment TEXT",
        "ALTER TABLE questions ADD COLUMN feedback_time TEXT",
    ),
    (  # 3: which table was asked (a server may serve another --source)
        "ALTER TABLE questions ADD COLUMN source TEXT NOT NULL DEFAULT ''",
    ),
    (  # 4: who asked: the SHA-256 of the asking session's token (new_session), so that only it may rate the answer
        "ALTER TABLE questions ADD COLUMN asker TEXT",
    ),
)
SCHEMA_VERSION = len(MIGRATIONS)


@dataclass
class Entry:
    """One logged question."""

    question: str
    outcome: str
    confidence: float
    cards: list[dict]  # [{"id", "name", "confidence", "answer"}]
    latency_ms: float
    filters: dict = field(default_factory=dict)
    via: str = "web"
    source: str = ""
    time: str = ""  # set when written
    id: int | None = None
    feedback: str | None = None
    comment: str | None = None

    def to_json(self) -> dict:
        """The export row: {"time", "question", "outcome", "confidence", "cards", "feedback", "latency_ms"}, plus
        "comment" when the asker wrote one."""
        d = {"time": self.time, "question": self.question, "outcome": self.outcome,
             "confidence": round(self.confidence, 4),
             "cards": [{"id": c["id"], "name": c.get("name", ""), "confidence": round(float(c.get("confidence", 0)), 4),
                        "answer": bool(c.get("answer"))} for c in self.cards],
             "feedback": self.feedback, "latency_ms": round(self.latency_ms, 1)}
        if self.comment:
            d["comment"] = self.comment
        return d

    @property
    def first_answer(self) -> dict | None:
        return next((c for c in self.cards if c.get("answer")), None)


def new_session() -> str:
    """A session token, issued with a client's first answer: the client shows it to rate its own answers (and no
    other's: log row ids are sequential, a token cannot be guessed). The log keeps only its digest."""
    return secrets.token_urlsafe(18)


def is_session(token) -> bool:
    """A token of new_session's shape (24 URL-safe characters; 16 to 64 accepted)."""
    return isinstance(token, str) and 16 <= len(token) <= 64 and all(c.isascii() and (c.isalnum() or c in "-_")
                                                                     for c in token)


def _asker(session: str | None) -> str | None:
    return hashlib.sha256(session.encode("ascii")).hexdigest() if session else None


def _identity(path: Path) -> tuple[int, int] | None:
    """(device, inode) of the file at `path`, None when there is none."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    return st.st_dev, st.st_ino


def _now() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat()


def parse_since(text: str | None, now: datetime | None = None) -> str | None:
    """--since as an ISO UTC bound: a date (2026-12-01), a date and time, or a span back from now (7d, 12h, 30m)."""
    if not text:
        return None
    t = text.strip()
    now = now or datetime.now(UTC)
    units = {"d": "days", "h": "hours", "m": "minutes", "w": "weeks"}
    if t[:-1].isdigit() and t[-1:].lower() in units:
        return (now - timedelta(**{units[t[-1].lower()]: int(t[:-1])})).replace(microsecond=0).isoformat()
    try:
        dt = datetime.fromisoformat(t)
    except ValueError:
        raise ValueError(f"--since {text!r}: 日付 (2026-12-01)、日時 (2026-12-01T09:00) か期間 (7d, 12h, 30m) で"
                         f"指定してください / expected a date, a date and time, or a span such as 7d") from None
    if dt.tzinfo is None:
        dt = dt.astimezone()  # a bare date or time is the machine's local time
    return dt.astimezone(UTC).replace(microsecond=0).isoformat()


class QueryLog:
    """The log file at `path`: one connection per thread (SQLite connections are not shared across threads), each in
    WAL mode with a busy timeout, so threads and processes write side by side."""

    def __init__(self, path: str | Path):
        self.path = Path(path)
        self._local = threading.local()
        self._migrated: tuple[int, int] | None = None  # the (device, inode) of the file whose schema is checked
        self._lock = threading.Lock()
        # this process's threads write one at a time, in the order they came: only other processes meet SQLite's
        # unfair busy wait
        self._write_lock = threading.Lock()

    # -- connections

    def _connect(self) -> sqlite3.Connection:
        conn = getattr(self._local, "conn", None)
        if conn is not None:
            return conn
        self.path.parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(self.path, timeout=BUSY_MS / 1000, isolation_level=None)
        try:
            identity = _identity(self.path)  # the file just opened (connect created it if it was missing)
            conn.execute(f"PRAGMA busy_timeout = {BUSY_MS}")
            conn.execute("PRAGMA journal_mode = WAL")
            # FULL: a commit is on disk when it returns (NORMAL survives a killed process but may lose the last
            # commits on power loss); measured ~1 ms a row here, beside ~20 ms for the answer itself
            conn.execute("PRAGMA synchronous = FULL")
            with self._lock:
                if self._migrated != identity:  # a new file (or one put in place of the first) gets the schema too
                    self._migrate(conn)
                    self._migrated = identity
        except BaseException:
            conn.close()
            raise
        self._local.conn = conn
        self._local.identity = identity
        return conn

    def _current(self) -> sqlite3.Connection:
        """This thread's connection for a write, reopened when the path no longer names the file it has open (the
        file or its folder was deleted or replaced): SQLite would go on writing into the unlinked file."""
        conn = getattr(self._local, "conn", None)
        if conn is not None and _identity(self.path) != getattr(self._local, "identity", None):
            log.warning("question log %s was deleted or replaced while open; writing to the new file", self.path)
            self.close()
        return self._connect()

    def _migrate(self, conn: sqlite3.Connection) -> None:
        conn.execute("BEGIN IMMEDIATE")  # one migrator at a time, across processes too
        try:
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            if version > SCHEMA_VERSION:
                raise sqlite3.DatabaseError(f"{self.path}: schema version {version} is newer than this program's "
                                            f"{SCHEMA_VERSION}")
            for v in range(version, SCHEMA_VERSION):
                for statement in MIGRATIONS[v]:
                    conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise

    def close(self) -> None:
        """Close this thread's connection (others close when their threads end)."""
        conn = getattr(self._local, "conn", None)
        if conn is not None:
            conn.close()
            self._local.conn = None

    def version(self) -> int:
        return self._connect().execute("PRAGMA user_version").fetchone()[0]

    # -- writing: never raises, a failure is one warning line

    def _safely(self, what: str, fn, default=None):
        try:
            try:
                return fn()
            except sqlite3.OperationalError as e:
                if "disk I/O error" not in str(e):
                    raise
                # the file changed under the connection (see the module's note): once more on a fresh one, so that
                # the row is not lost
                self.close()
                return fn()
        except (sqlite3.Error, OSError) as e:
            log.warning("question log %s: %s (%s): %s; the answer was not affected", self.path, what,
                        type(e).__name__, " ".join(str(e).split()))
            self.close()  # a broken connection is not reused; the next write opens a fresh one
            return default

    def record(self, entry: Entry, session: str | None = None) -> int | None:
        """Write one question, asked in `session` (a new_session token; None for a caller that rates nothing);
        returns its row id, or None when the log could not be written."""
        def write():
            conn = self._current()
            entry.time = entry.time or _now()
            cur = conn.execute(
                "INSERT INTO questions (time, question, outcome, confidence, cards, latency_ms, filters, via, source,"
                " asker) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (entry.time, entry.question, entry.outcome, float(entry.confidence),
                 json.dumps(entry.cards, ensure_ascii=False), float(entry.latency_ms),
                 json.dumps(entry.filters, ensure_ascii=False), entry.via, entry.source, _asker(session)))
            entry.id = cur.lastrowid
            return entry.id
        with self._write_lock:
            return self._safely("write", write)

    def set_feedback(self, row_id: int, feedback: str | None, comment: str | None = None,
                     session: str | None = None) -> bool:
        """The asker's 👍 (up) / 👎 (down) or None (taken back), and an optional comment; True when stored. Only the
        session that asked rates a row (a row recorded without one, only a caller without one): False otherwise, the
        same as for a row that does not exist."""
        if feedback not in (*FEEDBACK, None):
            raise ValueError(f"feedback must be one of {FEEDBACK} or None, got {feedback!r}")
        comment = (comment or "").strip()[:2000] or None

        def write():
            conn = self._current()
            asker = _asker(session)
            if comment is None:
                cur = conn.execute("UPDATE questions SET feedback = ?, feedback_time = ? WHERE id = ? AND asker IS ?",
                                   (feedback, _now(), int(row_id), asker))
            else:
                cur = conn.execute("UPDATE questions SET feedback = ?, comment = ?, feedback_time = ? WHERE id = ? "
                                   "AND asker IS ?", (feedback, comment, _now(), int(row_id), asker))
            return cur.rowcount == 1
        with self._write_lock:
            return bool(self._safely("feedback", write, False))

    def feedback_of(self, row_ids: Sequence[int], session: str | None) -> dict[int, str | None]:
        """{row id: its 👍 (up) / 👎 (down) or None} of the rows among `row_ids` that `session` asked: what a page
        shows again after a reload. Never raises (an unreadable log shows no rating)."""
        ids = [int(i) for i in row_ids if isinstance(i, int)][-1000:]
        if not session or not ids:
            return {}

        def read():
            rows = self._connect().execute(
                f"SELECT id, feedback FROM questions WHERE asker = ? AND id IN ({', '.join('?' * len(ids))})",
                (_asker(session), *ids))
            return dict(rows.fetchall())
        return self._safely("read ratings", read, {})

    def purge(self) -> int:
        """Delete every row (and reclaim the space); returns how many there were. Raises on failure: the caller
        asked for it and must know."""
        conn = self._connect()
        n = conn.execute("SELECT COUNT(*) FROM questions").fetchone()[0]
        conn.execute("DELETE FROM questions")
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        conn.execute("VACUUM")
        return n

    # -- reading (raises: `seisaku log` says what is wrong with the file)

    def entries(self, since: str | None = None) -> Iterator[Entry]:
        """Every question since `since` (ISO UTC), oldest first."""
        conn = self._connect()
        sql = ("SELECT id, time, question, outcome, confidence, cards, latency_ms, filters, via, source, feedback,"
               " comment FROM questions")
        rows = conn.execute(sql + (" WHERE time >= ? ORDER BY id" if since else " ORDER BY id"),
                            (since,) if since else ())
        for (i, t, q, o, c, cards, lat, filters, via, source, fb, comment) in rows:
            yield Entry(question=q, outcome=o, confidence=c, cards=json.loads(cards), latency_ms=lat,
                        filters=json.loads(filters), via=via, source=source, time=t, id=i, feedback=fb,
                        comment=comment)

    def count(self) -> int:
        return self._connect().execute("SELECT COUNT(*) FROM questions").fetchone()[0]

    def summary(self, since: str | None = None, top: int = 20) -> LogSummary:
        return LogSummary.of(list(self.entries(since)), since, top)


def _topic_key(question: str) -> str:
    """Questions counted as the same when they differ only in width, case, spaces and closing punctuation."""
    q = unicodedata.normalize("NFKC", question).lower()
    return "".join(q.split()).rstrip("?？。.!！")


@dataclass
class LogSummary:
    """What the table's owners read: outcomes, the questions nothing answered, the disliked answers, the topics."""

    total: int
    since: str | None
    outcomes: Counter
    unanswered: list[tuple[str, int, str, str, float]]  # (question, times asked, outcome, last time, confidence)
    disliked: list[Entry]
    liked: int
    top_cards: list[tuple[str, str, int]]  # (card id, name, times it was the first answer)
    top_questions: list[tuple[str, int]]
    by_day: Counter
    median_latency_ms: float
    entries: list[Entry]

    @classmethod
    def of(cls, entries: Sequence[Entry], since: str | None = None, top: int = 20) -> LogSummary:
        unanswered: dict[str, list] = {}
        for e in entries:
            if e.outcome in ("none", "uncertain"):
                k = _topic_key(e.question)
                if k in unanswered:
                    u = unanswered[k]
                    u[1] += 1
                    u[2], u[3], u[4] = e.outcome, e.time, e.confidence
                else:
                    unanswered[k] = [e.question, 1, e.outcome, e.time, e.confidence]
        cards: Counter[str] = Counter()
        names: dict[str, str] = {}
        for e in entries:
            first = e.first_answer
            if first is not None:
                cards[first["id"]] += 1
                names[first["id"]] = first.get("name", "")
        questions: Counter[str] = Counter()
        shown: dict = {}
        for e in entries:
            k = _topic_key(e.question)
            questions[k] += 1
            shown.setdefault(k, e.question)
        lat = sorted(e.latency_ms for e in entries)
        return cls(
            total=len(entries), since=since, outcomes=Counter(e.outcome for e in entries),
            unanswered=sorted((tuple(u) for u in unanswered.values()), key=lambda u: (-u[1], u[3]))[: top * 5],
            disliked=[e for e in entries if e.feedback == "down"][::-1],
            liked=sum(e.feedback == "up" for e in entries),
            top_cards=[(i, names[i], n) for i, n in cards.most_common(top)],
            top_questions=[(shown[k], n) for k, n in questions.most_common(top) if n > 1],
            by_day=Counter(e.time[:10] for e in entries),
            median_latency_ms=lat[len(lat) // 2] if lat else 0.0, entries=list(entries))


def open_log(settings) -> QueryLog | None:
    """The log of these settings (cache_dir/querylog.sqlite3), or None when logging is off (Settings.log)."""
    if not getattr(settings, "log", True):
        return None
    return QueryLog(Path(settings.cache_dir) / FILE_NAME)


def entry_of_result(res, question: str, latency_ms: float, filters=None, via: str = "rest", source: str = "") -> Entry:
    """A search's log row: its outcome, confidence and every card shown (answer or not)."""
    flags = res.answer_flags() if res.results and not res.abstained else [False] * len(res.results)
    cards = [{"id": h.card.id, "name": h.card.name, "confidence": round(float(h.confidence), 4), "answer": bool(a)}
             for h, a in zip(res.results, flags)]
    outcome = res.outcome.value if hasattr(res.outcome, "value") else str(res.outcome)
    return Entry(question=question, outcome=outcome, confidence=0.0 if res.abstained else float(res.confidence),
                 cards=cards, latency_ms=latency_ms, filters=filters_dict(filters), via=via, source=source)


def entry_of_answer(a, latency_ms: float, filters=None, via: str = "web", source: str = "") -> Entry:
    """A chat answer's log row: "none" when no card answered (whatever the search thought), else the search's
    outcome; the cards as the chat showed them."""
    cards = ([{"id": h.card.id, "name": h.card.name, "confidence": round(float(h.confidence), 4), "answer": True}
              for h in a.answers]
             + [{"id": h.card.id, "name": h.card.name, "confidence": round(float(h.confidence), 4), "answer": False}
                for h in a.related])
    if not a.answers or a.result is None:
        outcome = "none"
    else:
        o = a.result.outcome
        outcome = o.value if hasattr(o, "value") else str(o)
    return Entry(question=a.question, outcome=outcome, confidence=float(a.confidence), cards=cards,
                 latency_ms=latency_ms, filters=filters_dict(filters), via=via, source=source)


def filters_dict(filters) -> dict:
    """The filters that were set, as plain JSON (empty ones left out)."""
    if filters is None:
        return {}
    if isinstance(filters, dict):
        return {k: v for k, v in filters.items() if v}
    out = {}
    for k in ("ministries", "lead_only", "chapters", "articles", "guides", "ids"):
        v = getattr(filters, k, None)
        if v:
            out[k] = list(v) if isinstance(v, (tuple, list)) else v
    return out
