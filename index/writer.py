"""Optional writer: an OpenAI-compatible chat endpoint (Ollama, llama.cpp, vLLM …) words the direct answer from the
retrieved cards only, streamed; every [施策番号] it cites is checked against those cards.

Off unless a base URL and a model are set. Any failure (no server, timeout, an answer that is not the protocol)
raises WriterError with a Japanese message; the caller then keeps the extractive answer and names the error.
"""

from __future__ import annotations

import json
import re
import time
import unicodedata
from dataclasses import dataclass
from typing import Iterator, Sequence

from .corpus import PolicyCard

__all__ = ["WriterConfig", "WriterError", "Written", "Citations", "check_citations", "build_messages", "stream_text",
           "write"]

_CITE = re.compile(r"\[\s*(\d{2}-\d{2})\s*\]")
MAX_CARD_CHARS = 900  # per card in the prompt: name, KPIs, ministries and the start of the overview


@dataclass(frozen=True)
class WriterConfig:
    """Where the writer lives; `key` is sent as a Bearer token and never shown."""

    url: str  # base URL, e.g. http://127.0.0.1:11434/v1
    model: str
    key: str = ""
    timeout: float = 30.0  # seconds for the whole answer; a silent server is given up on after this

    def __repr__(self) -> str:
        return f"WriterConfig(url={self.url!r}, model={self.model!r}, timeout={self.timeout})"

    @classmethod
    def from_settings(cls, settings) -> WriterConfig | None:
        """The writer the settings name, or None (the default: extractive answers only)."""
        if not (settings.writer_url and settings.writer_model):
            return None
        return cls(settings.writer_url.rstrip("/"), settings.writer_model, settings.writer_key,
                   float(settings.writer_timeout))


class WriterError(RuntimeError):
    """The writer did not give a usable answer; the message says why, in Japanese."""


@dataclass(frozen=True)
class Citations:
    cited: tuple[str, ...]  # 施策番号 cited, in order of first citation
    foreign: tuple[str, ...]  # cited but not among the retrieved cards

    @property
    def uncited(self) -> bool:
        return not self.cited


def check_citations(text: str, allowed: Sequence[str]) -> Citations:
    """The [施策番号] citations of a text (full-width brackets and digits too), and those outside `allowed`."""
    t = unicodedata.normalize("NFKC", text).replace("【", "[").replace("】", "]")
    cited = tuple(dict.fromkeys(_CITE.findall(t)))
    return Citations(cited, tuple(i for i in cited if i not in set(allowed)))


def _card_text(card: PolicyCard) -> str:
    ministries = "、".join(("◎" if m.lead else "") + m.name for m in card.ministries)
    text = (f"[{card.id}] {card.name}\nKPI(進捗): {card.kpi_progress or '（空欄）'}\nKPI(効果): "
            f"{card.kpi_effect or '（空欄）'}\n府省庁（◎は主担当）: {ministries}\n概要: {card.overview}")
    return text[:MAX_CARD_CHARS]


def build_messages(question: str, cards: Sequence[PolicyCard]) -> list[dict]:
    """The chat messages: the rules, then the cards as the only source, then the question."""
    system = ("あなたは日本の「デジタル社会の実現に向けた重点計画」施策集について答える助手です。"
              "与えられた施策カードの内容だけを根拠に、日本語で 3 文以内で簡潔に答えてください。"
              "根拠にした施策は必ず [施策番号] の形（例: [04-03]）で示し、カードにない施策番号や事実を書いてはいけません。"
              "カードに答えがなければ「施策集には記載がありません」と答えてください。")
    context = "\n\n".join(_card_text(c) for c in cards)
    return [{"role": "system", "content": system},
            {"role": "user", "content": f"施策カード:\n{context}\n\n質問: {question}"}]


def stream_text(cfg: WriterConfig, messages: list[dict]) -> Iterator[str]:
    """The answer's text pieces as the server streams them (POST {url}/chat/completions, stream=true)."""
    import httpx

    headers = {"Content-Type": "application/json", "Accept": "text/event-stream"}
    if cfg.key:
        headers["Authorization"] = f"Bearer {cfg.key}"
    body = {"model": cfg.model, "messages": messages, "stream": True, "temperature": 0}
    deadline = time.monotonic() + cfg.timeout
    timeout = httpx.Timeout(cfg.timeout, connect=min(cfg.timeout, 5.0))
    got_any = False
    try:
        with httpx.stream("POST", f"{cfg.url}/chat/completions", json=body, headers=headers, timeout=timeout) as r:
            if r.status_code != 200:
                raise WriterError(f"文章生成サーバーがエラーを返しました（HTTP {r.status_code}）")
            for line in r.iter_lines():
                if time.monotonic() > deadline:
                    raise WriterError(f"文章生成サーバーの応答が {cfg.timeout:g} 秒以内に終わりませんでした")
                line = line.strip()
                if not line or line.startswith(":"):
                    continue
                if not line.startswith("data:"):
                    raise WriterError("文章生成サーバーの応答が OpenAI 互換の形式ではありません")
                data = line[5:].strip()
                if data == "[DONE]":
                    break
                try:
                    choice = json.loads(data)["choices"][0]
                    piece = (choice.get("delta") or choice.get("message") or {}).get("content") or ""
                except (ValueError, KeyError, IndexError, TypeError, AttributeError):
                    raise WriterError("文章生成サーバーの応答が OpenAI 互換の形式ではありません") from None
                if piece:
                    got_any = True
                    yield piece
    except httpx.TimeoutException:
        raise WriterError(f"文章生成サーバーが {cfg.timeout:g} 秒以内に応答しませんでした") from None
    except httpx.HTTPError as e:
        raise WriterError(f"文章生成サーバーに接続できませんでした（{type(e).__name__}）") from None
    if not got_any:
        raise WriterError("文章生成サーバーの応答が空でした")


@dataclass(frozen=True)
class Written:
    """The writer's answer so far; when `done`, its citations are checked (or `error` says why it failed)."""

    text: str
    done: bool = False
    error: str = ""
    citations: Citations | None = None

    @property
    def warnings(self) -> list[str]:
        """What a reader must know about the citations, in Japanese."""
        c = self.citations
        if c is None:
            return []
        out = []
        if c.foreign:
            out.append(f"検索結果にない施策番号が書かれています: {'、'.join(c.foreign)}（この部分は根拠がありません）")
        if c.uncited:
            out.append("施策番号の引用がありません。下の施策カードで確かめてください。")
        return out


def write(cfg: WriterConfig, question: str, cards: Sequence[PolicyCard]) -> Iterator[Written]:
    """Stream the writer's answer from `cards` only; the last item is done, with citations checked or an error."""
    text = ""
    try:
        for piece in stream_text(cfg, build_messages(question, cards)):
            text += piece
            yield Written(text)
    except WriterError as e:
        yield Written(text, done=True, error=str(e))
        return
    yield Written(text, done=True, citations=check_citations(text, [c.id for c in cards]))
