"""`sco serve` (what `make run` starts): the web server, the Celery worker and beat together; Ctrl-C stops all."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from sco.core import testing


def _children(pid: int) -> set[int]:
    path = Path(f"/proc/{pid}/task/{pid}/children")
    return {int(p) for p in path.read_text().split()} if path.exists() else set()


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().split()[2]
    except FileNotFoundError:
        return False
    return state != "Z"


def _command_line(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
    except FileNotFoundError:
        return ""


@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="reads the process tree from /proc (Linux)")
def test_sco_serve_runs_web_worker_and_beat_and_ctrl_c_stops_them_all(tmp_path: Path) -> None:
    port = testing.free_port()
    command = [sys.executable, "-m", "sco.cli", "serve", "--bind", f"127.0.0.1:{port}", "--workers", "1"]
    log = tmp_path / "serve.log"
    with log.open("wb") as out:
        serve = subprocess.Popen(command, env=testing.process_env(tmp_path), stdout=out, stderr=subprocess.STDOUT)  # noqa: S603
        try:

            def lines() -> str:
                return " | ".join(_command_line(pid) for pid in _children(serve.pid))

            def three_started() -> bool:
                # a child just forked still shows serve's own command line until it runs its program
                now = lines()
                return len(_children(serve.pid)) == 3 and all(w in now for w in ("gunicorn", " worker ", " beat "))

            testing.wait_for(three_started, timeout=30, what="three processes")
            children = _children(serve.pid)
            assert "gunicorn" in lines() and "celery" in lines() and " worker " in lines() and " beat " in lines()
            testing.wait_for(lambda: testing.listening(port), timeout=60, what="the web server to listen")
            testing.wait_for(
                lambda: (tmp_path / "celerybeat-schedule").exists() or list(tmp_path.glob("celerybeat-schedule*")),
                timeout=60,
                what="beat's schedule file under VAR_DIR",
            )
            serve.send_signal(signal.SIGINT)  # Ctrl-C
            assert serve.wait(timeout=30) == 0
            testing.wait_for(lambda: not any(_alive(pid) for pid in children), timeout=10, what="every child to stop")
        finally:
            if serve.poll() is None:
                serve.kill()
                serve.wait()
            for pid in _children(serve.pid) if serve.poll() is None else ():
                os.kill(pid, signal.SIGKILL)


def test_when_one_process_stops_the_supervisor_stops_the_others_and_answers_its_status() -> None:
    from sco.cli import supervise

    started = time.monotonic()
    assert supervise({"long": ["sleep", "30"], "failing": ["sh", "-c", "exit 3"]}, grace=5) == 3
    assert time.monotonic() - started < 10


@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="reads the process tree from /proc (Linux)")
def test_the_children_stop_when_the_supervisor_is_killed() -> None:
    script = "from sco.cli import supervise; supervise({'a': ['sleep', '60'], 'b': ['sleep', '60']})"
    parent = subprocess.Popen([sys.executable, "-c", script])  # noqa: S603
    try:
        testing.wait_for(lambda: len(_children(parent.pid)) == 2, timeout=30, what="two children")
        children = _children(parent.pid)
        parent.kill()
        parent.wait()
        testing.wait_for(lambda: not any(_alive(pid) for pid in children), timeout=10, what="the orphans to stop")
    finally:
        if parent.poll() is None:
            parent.kill()
            parent.wait()
