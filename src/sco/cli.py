"""The `sco` command: the platform's operator door, over the same services as the pages and the API.

sco serve [--bind 127.0.0.1:8000] [--workers N]   production server (gunicorn) serving static files itself
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


def serve(argv: list[str]) -> int:
    import argparse

    parser = argparse.ArgumentParser(prog="sco serve")
    parser.add_argument("--bind", default=os.environ.get("SCO_BIND", "127.0.0.1:8000"))
    parser.add_argument("--workers", type=int, default=int(os.environ.get("SCO_WORKERS", "3")))
    parser.add_argument("--threads", type=int, default=int(os.environ.get("SCO_THREADS", "4")))
    args = parser.parse_args(argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sco.settings")
    os.execvp(  # noqa: S606  replaces this process with the server, arguments are ours
        sys.executable,
        [
            sys.executable,
            "-m",
            "gunicorn",
            "sco.wsgi:application",
            "--bind",
            args.bind,
            "--workers",
            str(args.workers),
            "--threads",
            str(args.threads),
            "--access-logfile",
            "-",
            "--graceful-timeout",
            "10",
        ],
    )
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
    _django()
    from django.core.management import execute_from_command_line

    if command == "setup":
        setup()
        return 0
    execute_from_command_line(["sco", command, *rest])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
