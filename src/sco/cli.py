"""The `sco` command: the platform's operator door, over the same services as the pages and the API.

sco serve [--bind 127.0.0.1:8000] [--workers N]   production server (gunicorn) serving static files itself, with
                                                 the Celery worker and beat beside it (--web-only: without them);
                                                 Ctrl-C stops all three
sco worker [celery worker options]               a Celery worker alone (hosts that only run jobs)
sco beat                                         the Celery scheduler alone (exactly one per installation)
sco backup FILE / sco restore FILE               the whole database to a file and back (SQLite or PostgreSQL)
sco setup                                        migrate, compile translations, collect static files
sco demo                                         load the demo data (idempotent)
sco user create NAME --password P                create an account
sco token create|list|revoke --user NAME ...     personal API tokens
sco audit verify                                 check the audit trail's keyed hash chain and its checkpoints
sco audit checkpoint                             write a signed checkpoint of the chain's head outside the database
sco <any Django management command> ...          e.g. sco migrate, sco shell
"""

from __future__ import annotations

import os
import sys


def _django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sco.settings")
    import django

    django.setup()


def _celery(kind: str, extra: list[str]) -> list[str]:
    """The command line of a Celery worker or beat process for this platform."""
    command = [sys.executable, "-m", "celery", "--app", "sco.celery_app", kind, "--loglevel", "INFO"]
    if kind == "worker":
        # The filesystem broker has no broadcast: a worker there must not wait for its peers.
        command += ["--without-gossip", "--without-mingle", "--without-heartbeat"]
    return command + extra


def _gunicorn(bind: str, workers: int, threads: int) -> list[str]:
    return [
        sys.executable,
        "-m",
        "gunicorn",
        "sco.wsgi:application",
        "--bind",
        bind,
        "--workers",
        str(workers),
        "--threads",
        str(threads),
        "--access-logfile",
        "-",
        "--graceful-timeout",
        "10",
    ]


def _die_with_parent() -> None:
    """In the child before it starts: on Linux, be sent SIGTERM if `sco serve` itself is killed (no orphans)."""
    if sys.platform.startswith("linux"):
        import ctypes
        import signal

        pr_set_pdeathsig = 1
        ctypes.CDLL(None, use_errno=True).prctl(pr_set_pdeathsig, signal.SIGTERM)


def supervise(commands: dict[str, list[str]], *, grace: float = 15.0) -> int:
    """Run the processes together: when one stops, or on Ctrl-C / SIGTERM, stop them all; answer the first failure."""
    import signal
    import subprocess
    import time

    stopping: list[int] = []

    def stop(signum: int, frame: object) -> None:
        stopping.append(signum)

    previous = {sig: signal.signal(sig, stop) for sig in (signal.SIGINT, signal.SIGTERM)}
    # Each process in its own group, so that a Ctrl-C at the terminal reaches them only through us, in order.
    running = {
        name: subprocess.Popen(command, start_new_session=True, preexec_fn=_die_with_parent)  # noqa: S603
        for name, command in commands.items()
    }
    code = 0
    try:
        while not stopping:
            ended = {name: p.returncode for name, p in running.items() if p.poll() is not None}
            if ended:
                name, code = next(iter(ended.items()))
                print(f"sco serve: {name} stopped ({code}); stopping the others", file=sys.stderr)
                break
            time.sleep(0.2)
    finally:
        for p in running.values():
            if p.poll() is None:
                p.send_signal(signal.SIGTERM)
        deadline = time.monotonic() + grace
        for p in running.values():
            try:
                p.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                p.kill()
                p.wait()
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    return code


def serve(argv: list[str]) -> int:
    """The web server, and beside it the Celery worker and beat (unless --web-only: they run elsewhere)."""
    import argparse

    parser = argparse.ArgumentParser(prog="sco serve")
    parser.add_argument("--bind", default=os.environ.get("SCO_BIND", "127.0.0.1:8000"))
    parser.add_argument("--workers", type=int, default=int(os.environ.get("SCO_WORKERS", "3")))
    parser.add_argument("--threads", type=int, default=int(os.environ.get("SCO_THREADS", "4")))
    parser.add_argument("--web-only", action="store_true", help="no worker or beat here (they run on other hosts)")
    args = parser.parse_args(argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sco.settings")
    commands = {"web": _gunicorn(args.bind, args.workers, args.threads)}
    if not args.web_only:
        commands["worker"] = _celery("worker", ["--concurrency", os.environ.get("SCO_JOB_WORKERS", "2")])
        commands["beat"] = _celery("beat", [])
    return supervise(commands)


def jobs(kind: str, argv: list[str]) -> int:
    """`sco worker ...` / `sco beat ...`: one Celery process, for hosts that run jobs apart from the web servers."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sco.settings")
    command = _celery(kind, argv)
    os.execvp(command[0], command)  # noqa: S606  replaces this process, arguments are ours
    return 0


def setup() -> None:
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=1)
    call_command("collectstatic", interactive=False, verbosity=0)


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or argv[0] in ("-h", "--help", "help"):
        print(__doc__)
        return 0
    command, rest = argv[0], argv[1:]
    if command == "serve":
        return serve(rest)
    if command in ("worker", "beat"):
        return jobs(command, rest)
    _django()
    from django.core.management import execute_from_command_line

    if command == "setup":
        setup()
        return 0
    execute_from_command_line(["sco", command, *rest])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
