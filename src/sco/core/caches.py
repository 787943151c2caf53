"""The file cache every process on one machine shares when there is no Redis (settings.CACHES).

Django's FileBasedCache lists the whole cache directory on every write to decide whether to cull it: 0.14 ms of a
0.28 ms write at 130 files, and more with every file the cache holds (kept pages, fragments, sessions), so every
write of the platform grew dearer as the cache filled. This one culls on one write in CULL_EVERY, at random (several
processes write; none keeps a count that the others share); between culls the cache may pass MAX_ENTRIES by a few
dozen files, which the next cull removes."""

from __future__ import annotations

import random

from django.core.cache.backends.filebased import FileBasedCache

CULL_EVERY = 64


class FileCache(FileBasedCache):
    def _cull(self) -> None:
        if random.randrange(CULL_EVERY) == 0:  # noqa: S311  spreading work, not a secret
            super()._cull()  # type: ignore[misc]
