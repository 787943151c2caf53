"""Writes of the trade monitor: imports. One transaction each, the permission question first, one audit entry."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.db import IntegrityError, transaction

from sco.core import audit
from sco.core.users import Actor, person
from sco.members import permissions
from sco.trade import importers, store
from sco.trade.errors import BadTradeFile, ImportOverlaps, UnknownDataset
from sco.trade.models import CodeMapping, Dataset, Import

DATA_DIR = Path(__file__).resolve().parent / "data"
SHIPPED_FILE = DATA_DIR / "imf_dots_sco_bilateral.csv"
DEFAULT_DATASET = {"dots": "imf-dots", "comtrade": "un-comtrade", "baci": "cepii-baci"}


@dataclass(frozen=True)
class ImportResult:
    record: Import
    created: bool  # False: the same file was imported before and nothing changed


def codes_load() -> importers.Codes:
    by_scheme: dict[str, dict[int, str]] = {}
    for scheme, code, iso3 in CodeMapping.objects.values_list("scheme", "code", "iso3"):
        by_scheme.setdefault(scheme, {})[code] = iso3
    known = frozenset(iso3 for table in by_scheme.values() for iso3 in table.values())
    return importers.Codes(by_scheme=by_scheme, iso3=known)


def trade_import(
    *,
    actor: Actor,
    path: Path,
    dataset: str | None = None,
    file_name: str | None = None,
    years: set[int] | None = None,
    progress: Callable[[int], Any] | None = None,
    today: dt.date | None = None,
) -> ImportResult:
    """Import one file whole or not at all. `actor=None` is the operator at the command line.

    The file is read and checked into a scratch Parquet file outside any transaction (it may be large); the
    stored file is put in place by one rename, and the `Import` row that makes it count is written in one
    transaction with its audit entry.
    """
    if actor is not None:
        permissions.ensure_secretariat(actor)
    sha = importers.sha256_of(path)
    try:
        layout = importers.peek_layout(path)
    except importers.BadFile as e:
        raise BadTradeFile(reason=e.reason, line=e.line or "-") from None
    target = Dataset.objects.filter(code=dataset or DEFAULT_DATASET[layout]).first()
    if target is None:
        raise UnknownDataset(dataset=dataset)
    done = Import.objects.filter(dataset=target, sha256=sha).first()
    if done is not None:
        return ImportResult(done, created=False)
    scratch = store.scratch_path(sha + ".lines")
    ready = store.scratch_path(sha)
    try:
        try:
            outcome = importers.read_to_parquet(
                path, scratch, dataset=target.code, codes=codes_load(), years=years, today=today, progress=progress
            )
        except importers.BadFile as e:
            raise BadTradeFile(reason=e.reason, line=e.line or "-") from None
        duplicate = importers.first_duplicate(scratch)
        if duplicate:
            first, second, key = duplicate
            raise BadTradeFile(reason=f"duplicated row {key} (also on line {first})", line=second)
        existing = [str(store.local_root() / i.parquet) for i in target.imports.all()]
        overlap = importers.first_overlap(scratch, existing)
        if overlap:
            raise ImportOverlaps(dataset=target.code, key=overlap)
        importers.finish(scratch, ready)
        relative = store.relative_path(target.code, sha)
        store.publish(ready, relative)
        return ImportResult(_record_import(actor, target, path, file_name, sha, outcome, relative), created=True)
    finally:
        for leftover in (scratch, ready):
            leftover.unlink(missing_ok=True)


@transaction.atomic
def _record_import(
    actor: Actor,
    target: Dataset,
    path: Path,
    file_name: str | None,
    sha: str,
    outcome: importers.Outcome,
    relative: str,
) -> Import:
    # The stored file's content and name are both fixed by the file's hash: two processes importing the same file
    # at once write the same bytes, and the unique constraint keeps one Import row.
    author = person(actor)
    try:
        with transaction.atomic():
            record = Import.objects.create(
                dataset=target,
                file_name=(file_name or path.name)[:300],
                sha256=sha,
                layout=outcome.layout,
                rows=outcome.rows,
                skipped=outcome.skipped,
                year_min=min(outcome.years),
                year_max=max(outcome.years),
                parquet=relative,
                imported_by_id=author.pk if author is not None else None,
            )
    except IntegrityError:
        return Import.objects.get(dataset=target, sha256=sha)
    audit.record(
        actor=actor,
        action="trade.imported",
        target=record,
        after={"dataset": target.code, "rows": outcome.rows, "skipped": outcome.skipped, "sha256": sha},
    )
    return record


def shipped_data_load(*, actor: Actor = None) -> ImportResult:
    """The IMF DOTS figures shipped in `data/` (see data/SOURCE.md). Safe to run again: nothing changes."""
    return trade_import(actor=actor, path=SHIPPED_FILE, dataset="imf-dots")
