"""Settings for a second instance started by the federation test: tables made straight from the models (no
migrations to replay), its own SQLite file and var directory from the environment."""

from typing import Any

from sco.settings import *  # noqa: F403


class _NoMigrations(dict[str, Any]):
    def __contains__(self, key: object) -> bool:
        return True

    def __getitem__(self, key: str) -> None:
        return None


MIGRATION_MODULES = _NoMigrations()
