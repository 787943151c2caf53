from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sco.events.timezones import (
    AmbiguousLocalTime,
    EndBeforeStart,
    NonexistentLocalTime,
    UnknownTimeZone,
    local_span_to_utc,
    local_to_utc,
    utc_to_local,
    zone_for_city,
)


def test_astana_is_six_hours_ahead_before_1_march_2024_and_five_after():
    zone = zone_for_city("Astana")
    assert zone == "Asia/Almaty"
    assert local_to_utc(datetime(2024, 2, 15, 10, 0), zone) == datetime(2024, 2, 15, 4, 0, tzinfo=UTC)
    assert local_to_utc(datetime(2024, 7, 3, 10, 0), zone) == datetime(2024, 7, 3, 5, 0, tzinfo=UTC)


def test_qostanay_moved_to_plus_five_on_the_same_day():
    assert local_to_utc(datetime(2024, 2, 1, 12, 0), "Asia/Qostanay").hour == 6
    assert local_to_utc(datetime(2024, 3, 2, 12, 0), "Asia/Qostanay").hour == 7


def test_the_hour_astana_lived_twice_on_29_february_2024_is_refused_as_ambiguous():
    # At 00:00 +06 on 1 March 2024 the clocks went back to 23:00 +05 on 29 February.
    with pytest.raises(AmbiguousLocalTime):
        local_to_utc(datetime(2024, 2, 29, 23, 30), "Asia/Almaty")


def test_beijing_moscow_and_new_delhi_have_fixed_offsets():
    assert local_to_utc(datetime(2025, 8, 31, 9, 0), "Asia/Shanghai") == datetime(2025, 8, 31, 1, 0, tzinfo=UTC)
    assert local_to_utc(datetime(2024, 1, 10, 9, 0), "Europe/Moscow") == datetime(2024, 1, 10, 6, 0, tzinfo=UTC)
    assert local_to_utc(datetime(2023, 7, 4, 9, 0), "Asia/Kolkata") == datetime(2023, 7, 4, 3, 30, tzinfo=UTC)


def test_a_time_in_a_spring_forward_gap_is_refused_as_nonexistent():
    with pytest.raises(NonexistentLocalTime):
        local_to_utc(datetime(2024, 3, 31, 2, 30), "Europe/Berlin")


def test_a_time_in_an_autumn_fold_is_refused_as_ambiguous():
    with pytest.raises(AmbiguousLocalTime):
        local_to_utc(datetime(2024, 10, 27, 2, 30), "Europe/Berlin")


def test_an_unknown_zone_is_refused():
    for name in ("Asia/Astana", "", "../etc/passwd", "/etc/localtime"):
        with pytest.raises(UnknownTimeZone):
            local_to_utc(datetime(2024, 7, 3, 10, 0), name)


def test_an_aware_time_is_refused():
    with pytest.raises(ValueError):
        local_to_utc(datetime(2024, 7, 3, 10, 0, tzinfo=UTC), "Asia/Almaty")


def test_an_end_before_or_at_its_start_is_refused():
    with pytest.raises(EndBeforeStart):
        local_span_to_utc(datetime(2024, 7, 4), datetime(2024, 7, 3), "Asia/Almaty")
    with pytest.raises(EndBeforeStart):
        local_span_to_utc(datetime(2024, 7, 4), datetime(2024, 7, 4), "Asia/Almaty")


def test_a_span_converts_both_ends():
    span = local_span_to_utc(datetime(2024, 7, 3, 9), datetime(2024, 7, 4, 18), "Asia/Almaty")
    assert span.duration == timedelta(hours=33)


# A shared machine under load is slow to draw examples: neither time nor draw speed is what this test checks.
@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2037, 12, 31)),
    st.sampled_from(["Asia/Almaty", "Europe/Berlin", "Asia/Shanghai", "America/New_York", "Asia/Tehran"]),
)
def test_an_accepted_local_time_round_trips_exactly(local, zone):
    try:
        instant = local_to_utc(local, zone)
    except (NonexistentLocalTime, AmbiguousLocalTime):
        return
    assert utc_to_local(instant, zone).replace(tzinfo=None) == local
