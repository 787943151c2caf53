"""Every service that locks rows is exercised by some test, so that the PostgreSQL run of the suite (CI, `make test`)
executes its FOR UPDATE for real: SQLite ignores row locks and cannot see a lock PostgreSQL refuses (issue #11,
item 2: ending a mandate failed on PostgreSQL only, and no test called it)."""

import ast
import pathlib

import sco

ROOT = pathlib.Path(sco.__file__).parent
# Locking functions that no test calls by name, and the tests that reach them.
REACHED_INDIRECTLY = {
    "on_decided": "the decisions hook when a procedure closes: documents/tests/test_adoption.py",
    "promote_waiting": "a withdrawal or a refusal frees a place: events/tests/test_allocation.py, test_api.py",
    "locked_plan": "every tranche and vote locks its plan first: financing/tests/test_concurrency.py",
    "locked_tranche": "every ledger entry locks its plan through it: financing/tests/test_concurrency.py",
}


def _locking_services() -> set[tuple[str, str]]:
    found = set()
    for path in ROOT.rglob("*.py"):
        if "tests" in path.parts or "migrations" in path.parts:
            continue
        tree = ast.parse(path.read_text())
        for node in ast.walk(tree):
            public = isinstance(node, ast.FunctionDef) and not node.name.startswith("_")
            # the ORM's select_for_update, or core.sql.for_update ending a statement written out
            if public and "for_update(" in ast.unparse(node):
                found.add((str(path.relative_to(ROOT)), node.name))
    return found


def test_every_service_that_locks_rows_is_called_by_a_test():
    tests_text = "\n".join(p.read_text() for p in ROOT.rglob("tests/*.py")) + (ROOT / "conftest.py").read_text()
    untested = sorted(
        f"{path}: {name}"
        for path, name in _locking_services()
        if f"{name}(" not in tests_text and name not in REACHED_INDIRECTLY
    )
    assert untested == [], "write a service test for each (it runs on PostgreSQL in CI)"
