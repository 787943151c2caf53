from datetime import UTC, date, datetime

import icalendar
import pytest

from sco.events.ical import IcalEvent, build_calendar, event_uid, session_uid
from sco.events.timezones import local_to_utc

NOW = datetime(2024, 6, 1, tzinfo=UTC)


def summit(sequence=0):
    start = local_to_utc(datetime(2024, 7, 3, 10, 0), "Asia/Almaty")
    end = local_to_utc(datetime(2024, 7, 4, 18, 0), "Asia/Almaty")
    session = IcalEvent(
        uid=session_uid(1, 7),
        start=local_to_utc(datetime(2024, 7, 4, 10, 0), "Asia/Almaty"),
        end=local_to_utc(datetime(2024, 7, 4, 12, 0), "Asia/Almaty"),
        zone="Asia/Almaty",
        summary="Restricted session",
    )
    return IcalEvent(
        uid=event_uid(1),
        start=start,
        end=end,
        zone="Asia/Almaty",
        summary="24th meeting of the Council of Heads of State",
        location="Palace of Independence, Astana, Kazakhstan",
        sequence=sequence,
        last_modified=NOW,
        sessions=(session,),
    )


def winter_meeting():
    return IcalEvent(
        uid=event_uid(2),
        start=local_to_utc(datetime(2024, 2, 20, 9, 0), "Asia/Almaty"),
        end=local_to_utc(datetime(2024, 2, 20, 17, 0), "Asia/Almaty"),
        zone="Asia/Almaty",
        summary="Winter meeting",
    )


def beijing():
    return IcalEvent(
        uid=event_uid(3),
        start=local_to_utc(datetime(2025, 8, 31, 19, 0), "Asia/Shanghai"),
        end=local_to_utc(datetime(2025, 8, 31, 22, 0), "Asia/Shanghai"),
        zone="Asia/Shanghai",
        summary="Tianjin reception",
    )


def parse(raw: bytes) -> icalendar.Calendar:
    return icalendar.Calendar.from_ical(raw)


def test_events_carry_their_venue_zone_and_parse_back_to_the_local_times():
    cal = parse(build_calendar([summit(), winter_meeting(), beijing()], name="SCO", now=NOW))
    by_uid = {str(e["UID"]): e for e in cal.walk("VEVENT")}
    start = by_uid[event_uid(1)].decoded("DTSTART")
    assert start.replace(tzinfo=None) == datetime(2024, 7, 3, 10, 0)
    assert str(start.tzinfo) in {"Asia/Almaty"} or start.utcoffset().total_seconds() == 5 * 3600
    assert start.astimezone(UTC) == datetime(2024, 7, 3, 5, 0, tzinfo=UTC)
    winter = by_uid[event_uid(2)].decoded("DTSTART")
    assert winter.replace(tzinfo=None) == datetime(2024, 2, 20, 9, 0)
    assert winter.astimezone(UTC) == datetime(2024, 2, 20, 3, 0, tzinfo=UTC)
    assert by_uid[event_uid(3)].decoded("DTSTART").astimezone(UTC) == datetime(2025, 8, 31, 11, 0, tzinfo=UTC)
    assert by_uid[session_uid(1, 7)].decoded("DTSTART").replace(tzinfo=None) == datetime(2024, 7, 4, 10, 0)


def test_a_vtimezone_is_written_once_for_each_zone_used_and_dtstart_names_it():
    raw = build_calendar([summit(), winter_meeting(), beijing()], name="SCO", now=NOW)
    cal = parse(raw)
    assert sorted(str(tz["TZID"]) for tz in cal.walk("VTIMEZONE")) == ["Asia/Almaty", "Asia/Shanghai"]
    assert b"DTSTART;TZID=Asia/Almaty:20240703T100000" in raw
    assert not cal.get_missing_tzids()


def test_the_vtimezone_for_astana_holds_the_march_2024_change_to_plus_five():
    cal = parse(build_calendar([winter_meeting(), summit()], name="SCO", now=NOW))
    almaty = next(tz for tz in cal.walk("VTIMEZONE") if str(tz["TZID"]) == "Asia/Almaty")
    zone = almaty.to_tz()
    assert datetime(2024, 2, 20, 9, tzinfo=zone).utcoffset().total_seconds() == 6 * 3600
    assert datetime(2024, 7, 3, 10, tzinfo=zone).utcoffset().total_seconds() == 5 * 3600


def test_the_feed_has_what_rfc_5545_requires():
    cal = parse(build_calendar([summit()], name="SCO", now=NOW))
    assert str(cal["VERSION"]) == "2.0"
    assert cal["PRODID"]
    for vevent in cal.walk("VEVENT"):
        assert vevent["UID"] and vevent["DTSTAMP"]


def test_the_uid_stays_and_the_sequence_grows_when_an_event_changes():
    first = parse(build_calendar([summit(sequence=0)], name="SCO", now=NOW))
    second = parse(build_calendar([summit(sequence=1)], name="SCO", now=NOW))
    a = next(e for e in first.walk("VEVENT") if str(e["UID"]) == event_uid(1))
    b = next(e for e in second.walk("VEVENT") if str(e["UID"]) == event_uid(1))
    assert a["UID"] == b["UID"]
    assert int(b["SEQUENCE"]) == int(a["SEQUENCE"]) + 1


def test_the_same_input_gives_the_same_bytes():
    assert build_calendar([summit()], name="SCO", now=NOW) == build_calendar([summit()], name="SCO", now=NOW)


def test_an_empty_feed_is_still_a_valid_calendar():
    cal = parse(build_calendar([], name="SCO", now=NOW))
    assert list(cal.walk("VEVENT")) == []
    assert date(2024, 1, 1)  # nothing else to check: it parsed


def test_an_event_whose_hours_are_unknown_is_an_all_day_event_over_its_local_dates():
    item = IcalEvent(
        uid=event_uid(9),
        start=local_to_utc(datetime(2024, 5, 22, 0, 0), "Asia/Almaty"),
        end=local_to_utc(datetime(2024, 5, 26, 0, 0), "Asia/Almaty"),
        zone="Asia/Almaty",
        summary="Silk Way festival",
        all_day=True,
    )
    cal = parse(build_calendar([item], name="SCO", now=NOW))
    vevent = next(iter(cal.walk("VEVENT")))
    assert vevent.decoded("DTSTART") == date(2024, 5, 22)
    assert vevent.decoded("DTEND") == date(2024, 5, 26)
    assert list(cal.walk("VTIMEZONE")) == []


@pytest.mark.django_db
def test_the_feed_url_of_an_event_is_an_absolute_uri(settings, secretariat):
    """RFC 5545 3.8.4.6: URL is a URI; a path means nothing to a calendar client."""
    import io

    from sco.events.demo import load
    from sco.events.models import Event
    from sco.events.selectors import feed_ical_of_event

    load(stdout=io.StringIO())
    event = Event.objects.order_by("pk").first()
    body = feed_ical_of_event(event=event).decode()
    url_line = next(line for line in body.splitlines() if line.startswith("URL"))
    assert url_line.endswith(f"{settings.SCO_BASE_URL}/events/{event.pk}/")
    assert url_line.split(":", 1)[1].startswith("http")
