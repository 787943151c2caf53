from __future__ import annotations

from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command

from sco.trade.models import Import
from sco.trade.tests.conftest import write_csv
from sco.trade.tests.test_imports import COMTRADE, comtrade_row


def test_the_command_imports_once_and_prints_the_same_figures_as_the_dashboard(
    reference_data: None, organisation: None
) -> None:
    out = StringIO()
    call_command("trade_import", "--shipped", "--no-progress", stdout=out)
    assert "imported 6342 rows" in out.getvalue()
    call_command("trade_import", "--shipped", "--no-progress", stdout=out)
    assert "nothing changed" in out.getvalue() and Import.objects.count() == 1
    summary = StringIO()
    call_command("trade_summary", "--year", "2020", "--reporter", "KAZ", stdout=summary)
    text = summary.getvalue()
    assert "members in that year (8" in text and "CHN  9,004.01  6,346.50  15,350.50" in text


def test_the_command_refuses_a_bad_file_with_the_line(reference_data: None, organisation: None, tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "bad.csv", COMTRADE, [comtrade_row(2023, 398, "X", 156, 1), comtrade_row(2023, 398, "X", 12345, 1)]
    )
    with pytest.raises(CommandError, match="line 3"):
        call_command("trade_import", str(path), "--no-progress", stdout=StringIO())
    assert Import.objects.count() == 0


def test_the_demo_loads_the_shipped_figures_idempotently(reference_data: None, organisation: None) -> None:
    from sco.trade import demo

    out: Any = StringIO()
    demo.load(stdout=out)
    demo.load(stdout=out)
    assert Import.objects.count() == 1 and "already there" in out.getvalue()
