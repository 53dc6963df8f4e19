"""`seisaku serve` in a process of its own on a free loopback port, started and waited for in one place: the load
test (tests/test_load.py) and the soak (eval/soak_web.py) measure that process's memory, so it must be the server's
alone, not the caller's."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

__all__ = ["ServerProcess", "ServerDidNotStart", "free_port", "rss_mb", "start_server"]


class ServerDidNotStart(RuntimeError):
    """The server exited, or did not answer in time; the message ends with the tail of its log when there is one."""


def free_port() -> int:
    """A loopback port nothing listens on now (the server binds it a moment later)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def rss_mb(pid: int) -> float:
    """A process's resident memory (VmRSS) in MB, 0 when it is gone (Linux /proc)."""
    try:
        lines = Path(f"/proc/{pid}/status").read_text().splitlines()
    except OSError:
        return 0.0
    return next((int(line.split()[1]) / 1024 for line in lines if line.startswith("VmRSS:")), 0.0)


@dataclass
class ServerProcess:
    """A running `seisaku serve`: its process, its page's URL and where its output goes (None: discarded)."""

    proc: subprocess.Popen
    url: str
    log_path: Path | None = None

    @property
    def pid(self) -> int:
        return self.proc.pid

    def log_text(self) -> str:
        """What the server has printed so far ("" when its output is discarded)."""
        if self.log_path is None:
            return ""
        return self.log_path.read_text(encoding="utf-8", errors="replace")

    def stop(self, timeout: float = 30) -> None:
        """SIGTERM, then wait for it to exit (as Ctrl-C would end it: its own cleanup runs); SIGKILL if it has not
        after `timeout` seconds (a server still starting on a loaded machine can outlast it)."""
        if self.proc.poll() is None:
            self.proc.terminate()
        try:
            self.proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(timeout=timeout)


def start_server(cache_dir: str | Path | None = None, env: dict[str, str] | None = None,
                 log_path: str | Path | None = None, timeout: float = 300, cwd: str | Path | None = None
                 ) -> ServerProcess:
    """Start `python -m app.cli serve --port <free port>` with this interpreter and return once its API answers.
    `env` adds to (and overrides) this process's environment; `cache_dir` sets SEISAKU_CACHE_DIR; `log_path` gets
    its stdout and stderr. Raises ServerDidNotStart (with the log's tail) if it exits first or `timeout` passes."""
    port = free_port()
    full_env = dict(os.environ, **(env or {}))
    if cache_dir is not None:
        full_env["SEISAKU_CACHE_DIR"] = str(cache_dir)
    log: IO[Any] | int = open(log_path, "w") if log_path is not None else subprocess.DEVNULL  # noqa: SIM115
    try:
        proc = subprocess.Popen([sys.executable, "-m", "app.cli", "serve", "--port", str(port)], env=full_env,
                                cwd=cwd, stdout=log, stderr=subprocess.STDOUT if log_path is not None else log)
    finally:
        if not isinstance(log, int):
            log.close()  # the child has its own descriptor
    server = ServerProcess(proc, f"http://127.0.0.1:{port}/", Path(log_path) if log_path is not None else None)
    deadline = time.monotonic() + timeout
    # ready when the REST API answers, not the page: `launch` mounts /api just after Gradio starts serving "/", and on
    # a loaded machine a caller that waited for "/" got 404 from /api/health in between (CI, 2026-12-05)
    while True:
        try:
            urllib.request.urlopen(server.url + "api/health", timeout=2)
            return server
        except OSError:
            if proc.poll() is not None or time.monotonic() > deadline:
                why = "exited" if proc.poll() is not None else f"did not answer in {timeout:.0f} s"
                if proc.poll() is None:
                    server.stop()
                tail = server.log_text()[-3000:]
                raise ServerDidNotStart(f"seisaku serve {why}" + (f":\n{tail}" if tail else "")) from None
            time.sleep(0.5)
