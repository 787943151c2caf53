"""The direction of imports between the parts (docs/ARCHITECTURE.md), checked in the suite so CI fails on a breach.

The contracts live in pyproject.toml ([tool.importlinter]); import-linter reads them and the code's imports."""

from __future__ import annotations

import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[4]


def _lint_imports(cwd: Path, *, python_path: Path) -> subprocess.CompletedProcess[str]:
    exe = Path(sys.executable).with_name("lint-imports")
    return subprocess.run(  # noqa: S603  our own tool on our own tree
        [str(exe), "--no-cache"],
        cwd=cwd,
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(python_path), "PATH": "/usr/bin:/bin"},
        timeout=300,
        check=False,
    )


def test_the_platform_keeps_its_import_contracts():
    result = _lint_imports(ROOT, python_path=ROOT / "src")
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    assert "0 broken" in result.stdout


def test_the_check_catches_an_import_against_the_direction(tmp_path):
    """A copy of the contracts over a small tree in which core imports a part above it: the check must fail."""
    pkg = tmp_path / "src" / "sco"
    parts = ("core", "members", "decisions", "projects", "documents", "events", "financing", "corridors", "trade")
    for part in (*parts, "infosec"):
        (pkg / part).mkdir(parents=True)
        for module in ("__init__", "views", "api", "forms", "demo"):
            (pkg / part / f"{module}.py").write_text("")
    (pkg / "__init__.py").write_text("")
    (pkg / "core" / "views.py").write_text("from sco.members import permissions  # against the direction\n")
    (pkg / "members" / "permissions.py").write_text("")
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    result = _lint_imports(tmp_path, python_path=tmp_path / "src")
    assert result.returncode != 0
    assert "sco.core.views -> sco.members.permissions" in result.stdout, textwrap.shorten(result.stdout, 2000)
