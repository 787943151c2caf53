from __future__ import annotations

import importlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.utils import translation

from sco.trade import services


@pytest.fixture(autouse=True)
def trade_store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Each test gets its own Parquet store."""
    root = tmp_path / "trade-store"
    monkeypatch.setenv("SCO_TRADE_STORE", str(root))
    monkeypatch.delenv("SCO_TRADE_READ_URL", raising=False)
    return root


@pytest.fixture(autouse=True)
def english_after_each_test() -> Iterator[None]:
    """A page asked for in Russian or Chinese leaves that language active in the test's thread: reset it, so a
    later test on the same worker reads messages in English whatever the order."""
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def reference_data(db: Any) -> None:
    """Datasets, code tables and published figures, as migration 0002 writes them.

    Loaded again here because transactional tests (live_server) flush the tables a migration filled.
    """
    from django.apps import apps

    from sco.trade.models import CodeMapping, PublishedFigure

    if CodeMapping.objects.exists() and PublishedFigure.objects.exists():
        return
    importlib.import_module("sco.trade.migrations.0002_reference_data").load(apps, None)


@pytest.fixture
def shipped(reference_data: None, organisation: None) -> services.ImportResult:
    """The shipped IMF DOTS figures, imported."""
    return services.shipped_data_load()


def write_csv(path: Path, header: list[str], rows: list[list[object]]) -> Path:
    lines = [",".join(header)] + [",".join(str(v) for v in row) for row in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path
