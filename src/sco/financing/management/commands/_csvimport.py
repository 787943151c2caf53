"""What the two import commands share: read a CSV whole (so a bad file is rejected before anything is stored),
show a tqdm progress bar while the rows go through the service, report a rejection with its row and reason."""

from __future__ import annotations

import csv
from collections.abc import Callable
from typing import Any

from django.core.management.base import CommandError
from tqdm import tqdm

from sco.core.errors import ScoError
from sco.core.models import User


def read_rows(path: str, required: tuple[str, ...]) -> list[dict[str, str]]:
    try:
        with open(path, encoding="utf-8-sig", newline="") as handle:
            reader = csv.DictReader(handle)
            missing = [c for c in required if c not in (reader.fieldnames or [])]
            if missing:
                raise CommandError(f"{path}: missing columns {', '.join(missing)} (rejected whole, nothing stored)")
            return list(reader)
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise CommandError(f"{path}: cannot be read: {exc}") from exc


def actor(username: str) -> User:
    user = User.objects.filter(username=username).first()
    if user is None:
        raise CommandError(f"no user named {username!r}")
    return user


def run(rows: list[dict[str, str]], call: Callable[[Any], Any], *, desc: str, quiet: bool) -> Any:
    with tqdm(total=len(rows), desc=desc, unit="row", disable=quiet) as bar:

        def progress(_number: int) -> None:
            bar.update(1)

        try:
            return call(progress)
        except ScoError as exc:
            raise CommandError(f"rejected whole, nothing stored: {exc.message}") from exc
