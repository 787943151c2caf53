"""Every CSV the platform writes neutralises cells a spreadsheet would run as formulas (CSV injection)."""

import csv
import io

import pytest

from sco.core import csvsafe


@pytest.mark.parametrize(
    ("given", "written"),
    [
        ('=HYPERLINK("http://evil","x")', '\'=HYPERLINK("http://evil","x")'),
        ("+1+cmd|' /C calc'!A0", "'+1+cmd|' /C calc'!A0"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1:A2)", "'@SUM(A1:A2)"),
        ("\t=1", "'\t=1"),
        ("  =1", "'  =1"),
        ("-12.5", "-12.5"),
        ("+7", "+7"),
        ("Railway = good", "Railway = good"),
        ("", ""),
    ],
)
def test_a_formula_cell_goes_out_as_text_and_a_number_as_it_is(given, written):
    out = io.StringIO()
    csvsafe.writer(out).writerow([given, 3, None])
    assert next(csv.reader(io.StringIO(out.getvalue()))) == [written, "3", ""]


def test_every_csv_writer_in_the_platform_goes_through_csvsafe():
    import pathlib

    import sco

    root = pathlib.Path(sco.__file__).parent
    offenders = [
        str(path.relative_to(root))
        for path in root.rglob("*.py")
        if "tests" not in path.parts
        and path.name != "csvsafe.py"
        and ("csv.writer(" in (text := path.read_text()) or "csv.DictWriter(" in text)
    ]
    assert offenders == [], "write CSV with sco.core.csvsafe.writer"
