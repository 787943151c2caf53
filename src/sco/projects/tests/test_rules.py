"""The pure rules of a project's fields (projects.rules.check_fields), over any input a sponsor could type."""

from __future__ import annotations

from dataclasses import fields
from datetime import date
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from sco.projects.rules import SECTORS, TYPES, ProjectData, check_fields

FIELD_NAMES = {f.name for f in fields(ProjectData)}
numbers = st.one_of(
    st.none(),
    st.just(""),
    st.decimals(allow_nan=True, allow_infinity=True, places=2).map(str),
    st.text(max_size=12),
    st.integers(min_value=-(10**20), max_value=10**20).map(str),
)
dates = st.one_of(st.none(), st.just(""), st.dates(), st.dates().map(date.isoformat), st.text(max_size=12))
data = st.builds(
    ProjectData,
    title_en=st.text(max_size=320),
    title_ru=st.text(max_size=20),
    title_zh=st.text(max_size=20),
    sector=st.one_of(st.sampled_from(sorted(SECTORS)), st.text(max_size=8)),
    project_type=st.one_of(st.sampled_from(sorted(TYPES)), st.text(max_size=8)),
    sponsor_name=st.text(max_size=20),
    longitude=numbers,
    latitude=numbers,
    total_cost=numbers,
    requested_financing=numbers,
    currency=st.sampled_from(["", "USD", "cny", "XXX1", "KZT"]),
    start_date=dates,
    end_date=dates,
)


@settings(max_examples=300, deadline=None)
@given(data)
def test_any_input_gives_values_or_errors_by_field_and_never_raises(d: ProjectData) -> None:
    values, errors = check_fields(d)
    assert set(errors) <= FIELD_NAMES
    assert all(errors[name] for name in errors)
    if "latitude" not in errors and values["latitude"] is not None:
        assert Decimal(-90) <= values["latitude"] <= Decimal(90)
    if "longitude" not in errors and values["longitude"] is not None:
        assert Decimal(-180) <= values["longitude"] <= Decimal(180)
    for name in ("total_cost", "requested_financing"):
        if name not in errors and values[name] is not None:
            assert values[name] >= 0 and values[name].is_finite()
            assert values["currency"] or "currency" in errors
    if not {"total_cost", "requested_financing"} & set(errors) and None not in (
        values["total_cost"],
        values["requested_financing"],
    ):
        assert values["requested_financing"] <= values["total_cost"]
    if "end_date" not in errors and values["start_date"] and values["end_date"]:
        assert values["start_date"] <= values["end_date"]
    if not errors:
        assert any(values[f"title_{x}"] for x in ("en", "ru", "zh"))
        assert values["sector"] in SECTORS and values["project_type"] in TYPES


def test_a_clean_project_passes_and_every_amount_is_parsed() -> None:
    values, errors = check_fields(
        ProjectData(
            title_en="Railway",
            sector=sorted(SECTORS)[0],
            project_type=sorted(TYPES)[0],
            sponsor_name="Ministry",
            total_cost="1 000,50",
            requested_financing="900",
            currency="usd",
            start_date="2025-01-01",
            end_date="2027-12-31",
        )
    )
    assert errors == {}
    assert values["total_cost"] == Decimal("1000.50") and values["currency"] == "USD"
