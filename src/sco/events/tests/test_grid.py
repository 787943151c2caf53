from datetime import date, datetime

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sco.events.grid import Placed, local_last_day, month_range, month_weeks, place, utc_window, week_days


def test_july_2024_starts_on_a_monday_and_fills_five_weeks():
    weeks = month_weeks(2024, 7)
    assert weeks[0][0] == date(2024, 7, 1)
    assert len(weeks) == 5
    assert weeks[-1][-1] == date(2024, 8, 4)


def test_a_week_runs_monday_to_sunday():
    days = week_days(date(2024, 7, 3))
    assert days[0] == date(2024, 7, 1) and days[-1] == date(2024, 7, 7)


def test_a_two_day_summit_shows_on_both_days_and_is_clipped_to_the_view():
    days = week_days(date(2024, 7, 3))
    placed = place(
        [Placed("summit", date(2024, 7, 3), date(2024, 7, 4)), Placed("long", date(2024, 6, 20), date(2024, 7, 1))],
        days,
    )
    assert placed[date(2024, 7, 3)] == ["summit"] and placed[date(2024, 7, 4)] == ["summit"]
    assert placed[date(2024, 7, 1)] == ["long"]
    assert placed[date(2024, 7, 5)] == []


def test_an_event_ending_at_midnight_does_not_spill_into_the_next_day():
    assert local_last_day(datetime(2024, 7, 5, 0, 0)) == date(2024, 7, 4)
    assert local_last_day(datetime(2024, 7, 5, 0, 1)) == date(2024, 7, 5)


# A shared machine under load is slow to draw examples: neither time nor draw speed is what this test checks.
@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(2000, 2040), st.integers(1, 12))
def test_every_day_of_a_month_appears_once_in_its_grid(year, month):
    first, last = month_range(year, month)
    flat = [d for week in month_weeks(year, month) for d in week]
    assert len(flat) == len(set(flat)) and len(flat) % 7 == 0
    assert all(first.replace(day=n) in flat for n in range(1, last.day + 1))
    lo, hi = utc_window(first, last)
    assert lo.date() < first and hi.date() > last
