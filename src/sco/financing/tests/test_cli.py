from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command

from sco.financing.models import ExchangeRate, LedgerEntry


def test_rates_import_from_csv_and_a_bad_file_is_rejected_whole(tmp_path: Path, secretariat: Any) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("date,base,quote,rate\n2024-01-01,USD,KZT,500\n2024-13-01,USD,KZT,501\n")
    with pytest.raises(CommandError, match="row 2"):
        call_command("financing_import_rates", str(bad), "--source", "test", "--quiet")
    assert not ExchangeRate.objects.exists()
    good = tmp_path / "good.csv"
    good.write_text("date,base,quote,rate\n2024-01-01,USD,KZT,500\n2024-01-02,USD,KZT,501\n")
    out = io.StringIO()
    call_command("financing_import_rates", str(good), "--source", "test", "--quiet", stdout=out)
    assert ExchangeRate.objects.count() == 2 and "2 new rates" in out.getvalue()


def test_ledger_import_names_the_bad_row_and_stores_nothing(
    tmp_path: Path, project: Any, add_tranche: Callable[..., Any], financier: Callable[[str], Any]
) -> None:
    tranche = add_tranche(project, "aiib", "100")
    financier("aiib")
    head = "project,institution,tranche,kind,value_date,currency,amount\n"
    row = f"{project.pk},aiib,{tranche.pk}"
    path = tmp_path / "ledger.csv"
    path.write_text(head + f"{row},commitment,2026-01-01,USD,100\n{row},disbursement,2026-01-02,EUR,10\n")
    with pytest.raises(CommandError, match="row 2"):
        call_command("financing_import_ledger", str(path), "--user", "fin-aiib", "--quiet")
    assert not LedgerEntry.objects.exists()
    path.write_text(head + f"{row},commitment,2026-01-01,USD,100\n{row},disbursement,2026-01-02,USD,10\n")
    call_command("financing_import_ledger", str(path), "--user", "fin-aiib", "--quiet", stdout=io.StringIO())
    assert LedgerEntry.objects.count() == 2


def test_an_import_as_a_financier_of_another_institution_is_refused(
    tmp_path: Path, project: Any, add_tranche: Callable[..., Any], financier: Callable[[str], Any]
) -> None:
    tranche = add_tranche(project, "aiib", "100")
    financier("adb")
    path = tmp_path / "ledger.csv"
    path.write_text(
        f"project,institution,tranche,kind,value_date,currency,amount\n{project.pk},aiib,{tranche.pk},"
        "commitment,2026-01-01,USD,100\n"
    )
    with pytest.raises(CommandError, match="row 1"):
        call_command("financing_import_ledger", str(path), "--user", "fin-adb", "--quiet")
    assert not LedgerEntry.objects.exists()
