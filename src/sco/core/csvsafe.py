"""The one way the platform writes CSV: every cell neutralised against formula injection.

A spreadsheet runs a cell that starts with ``=``, ``+``, ``-`` or ``@`` (or a tab or carriage return before one) as
a formula, so a project title like ``=HYPERLINK(...)`` in the public open data would run on the reader's machine.
Such a cell goes out with a leading apostrophe, which spreadsheets read as "this is text" (OWASP's advice). A plain
number such as ``-12.5`` is left alone: it is not a formula, and quoting it would turn it into text.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable
from typing import Any

_TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\n")
_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")


def safe_cell(value: object) -> object:
    """The value as it may go into a CSV cell; non-strings (numbers, None) go as they are."""
    if not isinstance(value, str) or not value:
        return value
    if value.lstrip(" ")[:1] in _TRIGGERS and not _NUMBER.fullmatch(value):
        return "'" + value
    return value


class SafeWriter:
    """``csv.writer`` with every cell passed through ``safe_cell``."""

    def __init__(self, out: Any, **fmtparams: Any) -> None:
        self._writer = csv.writer(out, **fmtparams)

    def writerow(self, row: Iterable[object]) -> Any:
        return self._writer.writerow([safe_cell(value) for value in row])

    def writerows(self, rows: Iterable[Iterable[object]]) -> None:
        for row in rows:
            self.writerow(row)


def writer(out: Any, **fmtparams: Any) -> SafeWriter:
    return SafeWriter(out, **fmtparams)
