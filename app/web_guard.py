"""Guards of the web server against hostile clients: an upload budget, and one log line per malformed call.

Gradio caps each uploaded file (max_file_size) but not their sum, so 100 uploads of 4.9 MB at once were all
accepted and kept for an hour. UploadBudget (ASGI middleware) bounds the bytes of uploads accepted in the last
`window_seconds`, per server and per client address, before a byte of the body is read; Gradio's own delete_cache
removes the files once they are that old. Gradio prints a multi-line traceback for every call it cannot even
decode (a bad FileData, a path never uploaded); one_line_errors makes each of those one log line."""

from __future__ import annotations

import logging
import os
import sys
import threading
import time
from collections import deque

__all__ = ["UPLOAD_LIMITS", "UploadBudget", "one_line_errors"]

log = logging.getLogger("seisaku.ui")

UPLOAD_LIMITS = {
    "server_bytes": 200_000_000,  # uploads held by one server at most (all clients)
    "client_bytes": 30_000_000,  # … and by one client address
    "window_seconds": 900,  # how long an upload counts (and is kept: Blocks(delete_cache=…) removes it after this)
    "request_bytes": 6_000_000,  # one upload request's body (Gradio checks each file against max_file_size too)
}


class UploadBudget:
    """Refuse an upload (413 too large, 429 budget spent) from its Content-Length, before its body is read; a body
    without a length is counted as it arrives and cut off at the per-request limit."""

    def __init__(self, app, limits: dict | None = None):
        self.app = app
        self.limits = limits if limits is not None else UPLOAD_LIMITS
        self._lock = threading.Lock()
        self._accepted: deque[tuple[float, str, int]] = deque()  # (time, client, bytes), oldest first

    def _spent(self, now: float, client: str) -> tuple[int, int]:
        window = self.limits["window_seconds"]
        while self._accepted and now - self._accepted[0][0] > window:
            self._accepted.popleft()
        total = sum(n for _, _, n in self._accepted)
        mine = sum(n for _, c, n in self._accepted if c == client)
        return total, mine

    def _reserve(self, client: str, size: int) -> str:
        """'' when `size` more bytes fit both budgets (and counts them), else why not."""
        with self._lock:
            now = time.monotonic()
            total, mine = self._spent(now, client)
            if mine + size > self.limits["client_bytes"]:
                return (f"この接続元のアップロードが上限 {self.limits['client_bytes'] // 1_000_000} MB に達しました。"
                        f"しばらくしてからやり直してください (upload budget per client reached)")
            if total + size > self.limits["server_bytes"]:
                return ("サーバーのアップロードが上限に達しました。しばらくしてからやり直してください "
                        "(upload budget of the server reached)")
            self._accepted.append((now, client, size))
            return ""

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http" or scope.get("method") != "POST" or not scope.get("path", "").endswith("/upload"):
            return await self.app(scope, receive, send)
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope.get("headers", [])}
        client = (scope.get("client") or ("?", 0))[0]
        try:
            size = int(headers.get("content-length", ""))
        except ValueError:
            size = -1
        if size > self.limits["request_bytes"]:
            return await self._refuse(send, 413, f"アップロードが大きすぎます (上限 {self.limits['request_bytes']:,} バイト)",
                                      client, size)
        if size >= 0:
            why = self._reserve(client, size)
            if why:
                return await self._refuse(send, 429, why, client, size)
            return await self.app(scope, receive, send)
        # chunked: counted as it comes, refused once past the per-request limit or the budgets
        why = self._reserve(client, self.limits["request_bytes"])
        if why:
            return await self._refuse(send, 429, why, client, size)
        seen = 0

        async def counted():
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.limits["request_bytes"]:
                    raise ValueError("upload body past the per-request limit")
            return message

        try:
            await self.app(scope, counted, send)
        except ValueError as e:
            log.warning("upload from %s refused: %s", client, e)
            await self._refuse(send, 413, "アップロードが大きすぎます", client, seen, logged=True)

    async def _refuse(self, send, status: int, text: str, client: str, size: int, logged: bool = False) -> None:
        if not logged:
            log.warning("upload from %s refused (%s, %s bytes): %s", client, status, size, text)
        body = text.encode("utf-8")
        try:
            await send({"type": "http.response.start", "status": status,
                        "headers": [(b"content-type", b"text/plain; charset=utf-8"),
                                    (b"content-length", str(len(body)).encode()), (b"connection", b"close")]})
            await send({"type": "http.response.body", "body": body})
        except Exception:  # noqa: BLE001 - the response had started, or the client is gone: nothing more to say
            pass


class _OneLineTraceback:
    """Stands in for the `traceback` module inside Gradio's request handling: print_exc logs one line naming the
    exception; everything else is the real module's."""

    def __getattr__(self, name):
        import traceback

        return getattr(traceback, name)

    @staticmethod
    def print_exc(*args, **kwargs) -> None:
        etype, e, _ = sys.exc_info()
        if etype is None:
            return
        text = " ".join(str(e).split())
        log.warning("API call refused: %s: %s", etype.__name__, text[:300] + ("…" if len(text) > 300 else ""))


def one_line_errors() -> None:
    """Make Gradio's request-time tracebacks one log line each (SEISAKU_DEBUG=1 keeps them)."""
    if os.environ.get("SEISAKU_DEBUG", "") not in ("", "0"):
        return
    import importlib

    for name in ("gradio.queueing", "gradio.route_utils", "gradio.routes", "gradio.utils"):
        try:
            module = importlib.import_module(name)
        except ImportError:
            continue
        if hasattr(module, "traceback"):
            setattr(module, "traceback", _OneLineTraceback())  # noqa: B010  (the module's name for traceback)
