from datetime import UTC, datetime, timedelta, timezone

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sco.events.rules import Choices, EventInput, check_event, check_session
from sco.events.timezones import utc_to_local

CHOICES = Choices(
    categories={"forum", "summit"}, formats={"in_person"}, precisions={"time", "day", "month"}, audiences={"public"}
)
MAX_SPAN = timedelta(days=400)
ZONES = ["UTC", "Asia/Almaty", "Asia/Tehran", "Europe/Berlin"]  # Berlin has gaps and repeated hours
RELAXED = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])  # a shared, loaded machine

local_times = st.datetimes(min_value=datetime(2020, 1, 1), max_value=datetime(2035, 12, 31))
lengths = st.timedeltas(min_value=timedelta(days=-2), max_value=timedelta(days=450))


def event(start: datetime, end: datetime, **changes: object) -> EventInput:
    values: dict[str, object] = {
        "title_en": "Forum",
        "city_en": "Astana",
        "category": "forum",
        "format": "in_person",
        "precision": "time",
        "audience": "public",
        "capacity": None,
        "start_local": start,
        "end_local": end,
        "time_zone": "Asia/Almaty",
    }
    values.update(changes)
    return EventInput(**values)  # type: ignore[arg-type]


@RELAXED
@given(local_times, lengths, st.sampled_from(ZONES), st.sampled_from(["time", "day", "month"]))
def test_an_event_is_accepted_exactly_when_it_has_a_span_that_ends_after_it_starts_and_is_not_too_long(
    start, length, zone, precision
):
    check = check_event(
        event(start, start + length, time_zone=zone, precision=precision), choices=CHOICES, max_span=MAX_SPAN
    )
    assert (check.problems == ()) == (check.start is not None and check.end is not None)
    if not check.problems:
        assert check.start < check.end <= check.start + MAX_SPAN


@RELAXED
@given(local_times, st.timedeltas(min_value=timedelta(0), max_value=timedelta(days=3)))
def test_an_end_at_or_before_the_start_is_refused_on_the_end_field(start, back):
    check = check_event(event(start, start - back, time_zone="Asia/Tashkent"), choices=CHOICES, max_span=MAX_SPAN)
    assert [(p.field, p.code) for p in check.problems] == [("end", "end_not_after_start")]


@RELAXED
@given(local_times, st.integers(0, 30), st.sampled_from(["Asia/Tashkent", "Asia/Shanghai", "UTC"]))  # no clock changes
def test_with_hours_unknown_an_event_runs_from_local_midnight_over_whole_days(start, days, zone):
    check = check_event(
        event(start, start + timedelta(days=days), time_zone=zone, precision="day"), choices=CHOICES, max_span=MAX_SPAN
    )
    assert not check.problems
    local_start = utc_to_local(check.start, zone)
    assert (local_start.hour, local_start.minute) == (0, 0) and local_start.date() == start.date()
    assert utc_to_local(check.end, zone).date() == start.date() + timedelta(days=days + 1)


@RELAXED
@given(local_times, st.sampled_from(["start_local", "end_local", "registration_opens_local"]))
def test_a_time_with_a_utc_offset_is_refused_and_nothing_else_is_judged(start, name):
    changes = {name: start.replace(tzinfo=timezone(timedelta(hours=5)))}
    check = check_event(
        event(start, start + timedelta(hours=2), title_en="", **changes), choices=CHOICES, max_span=MAX_SPAN
    )
    assert [p.code for p in check.problems] == ["offset_given"] and check.start is None


@RELAXED
@given(local_times, st.timedeltas(min_value=timedelta(hours=1), max_value=timedelta(days=5)), local_times, lengths)
def test_an_accepted_session_always_falls_within_its_event(event_start_local, event_length, start, length):
    event_start = event_start_local.replace(tzinfo=UTC)
    check = check_session(
        title_en="Plenary",
        start_local=start,
        end_local=start + length,
        zone="UTC",
        event_start=event_start,
        event_end=event_start + event_length,
    )
    if not check.problems:
        assert event_start <= check.start < check.end <= event_start + event_length
    else:
        assert check.start is None and check.end is None


def test_every_problem_of_a_bad_event_is_reported_at_once():
    start = datetime(2027, 7, 3, 10, 0)
    check = check_event(
        event(start, start + timedelta(hours=2), title_en=" ", city_en="", category="party", capacity=0),
        choices=CHOICES,
        max_span=MAX_SPAN,
    )
    assert {(p.field, p.code) for p in check.problems} == {
        ("title_en", "event_title_missing"),
        ("city_en", "city_missing"),
        ("category", "category_unknown"),
        ("capacity", "capacity_below_one"),
    }


def test_a_time_the_clocks_skipped_names_its_field_and_zone():
    check = check_event(
        event(datetime(2024, 3, 31, 2, 30), datetime(2024, 3, 31, 5, 0), time_zone="Europe/Berlin"),
        choices=CHOICES,
        max_span=MAX_SPAN,
    )
    assert [(p.field, p.code, dict(p.params)["zone"]) for p in check.problems] == [
        ("start", "local_time_nonexistent", "Europe/Berlin")
    ]
