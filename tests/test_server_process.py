"""The one way the load test and the soak start `seisaku serve` in a process of their own (app/server_process.py)."""

import pytest

from app.server_process import ServerDidNotStart, rss_mb, start_server


def test_a_server_that_exits_is_said_with_the_tail_of_its_log(settings, tmp_path):
    log = tmp_path / "server.log"
    with pytest.raises(ServerDidNotStart) as e:
        start_server(settings.cache_dir, env={"SEISAKU_SOURCE": str(tmp_path / "missing.csv")}, log_path=log,
                     timeout=120)
    assert str(e.value).startswith("seisaku serve exited") and "missing.csv" in str(e.value)
    assert "missing.csv" in log.read_text(encoding="utf-8")


@pytest.mark.slow
def test_a_started_server_answers_until_stopped(settings, tmp_path):
    import httpx

    server = start_server(settings.cache_dir, env={"SEISAKU_LOG": "0"}, log_path=tmp_path / "server.log", timeout=240)
    try:
        assert httpx.get(server.url + "api/health", timeout=30).json()["cards"] == 64
        assert rss_mb(server.pid) > 50  # its own memory, not this process's
    finally:
        server.stop()
    assert server.proc.returncode is not None and rss_mb(server.pid) == 0.0
    with pytest.raises(httpx.HTTPError):
        httpx.get(server.url + "api/health", timeout=5)
