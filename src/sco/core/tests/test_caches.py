"""The shared file cache culls now and then, not on every write, and still stays near its bound."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from django.core.cache.backends.filebased import FileBasedCache

from sco.core.caches import CULL_EVERY, FileCache


def test_the_file_cache_stays_near_its_bound_while_culling_on_few_writes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    random.seed(2026)
    cache = FileCache(str(tmp_path), {"OPTIONS": {"MAX_ENTRIES": 20, "CULL_FREQUENCY": 2}})
    culls = []
    real = FileBasedCache._cull
    monkeypatch.setattr(FileBasedCache, "_cull", lambda self: culls.append(1) or real(self))
    for i in range(2000):
        cache.set(f"key{i}", i)
    files = len(list(tmp_path.glob("*.djcache")))
    assert 2000 // CULL_EVERY // 3 < len(culls) < 2000 // 8  # about one write in CULL_EVERY
    assert files < 20 + 8 * CULL_EVERY  # never far past MAX_ENTRIES
    assert cache.get("key1999") == 1999
