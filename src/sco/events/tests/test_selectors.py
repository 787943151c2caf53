from datetime import UTC, date, datetime

import icalendar
import pytest
from django.contrib.auth.models import AnonymousUser

from sco.events import selectors, services
from sco.events.errors import EventNotFound
from sco.events.selectors import EventFilters

pytestmark = pytest.mark.django_db
BEFORE = datetime(2024, 6, 1, tzinfo=UTC)


def test_a_restricted_event_is_not_found_for_the_public_and_seen_by_a_delegation(make_event, head_of_delegation):
    event = make_event(is_public=False)
    with pytest.raises(EventNotFound):
        selectors.event_get(viewer=AnonymousUser(), event_id=event.pk)
    assert selectors.event_get(viewer=head_of_delegation("IN"), event_id=event.pk) == event
    assert list(selectors.event_list(viewer=AnonymousUser())) == []
    assert b"BEGIN:VEVENT" not in selectors.feed_ical(viewer=AnonymousUser())


def test_the_month_view_places_an_event_on_its_venue_local_days(make_event):
    make_event(start_local=datetime(2024, 7, 3, 23, 0), end_local=datetime(2024, 7, 4, 1, 0))
    view = selectors.calendar_month(viewer=AnonymousUser(), year=2024, month=7)
    assert [le.event.title for le in view.by_day[date(2024, 7, 3)]] == ["SCO Digital Forum (test)"]
    assert len(view.by_day[date(2024, 7, 4)]) == 1
    assert view.by_day[date(2024, 7, 2)] == []


def test_the_month_view_costs_the_same_queries_for_one_event_or_many(make_event, django_assert_num_queries):
    make_event()
    with django_assert_num_queries(1):
        selectors.calendar_month(viewer=AnonymousUser(), year=2024, month=7)
    for day in range(4, 20):
        make_event(
            start_local=datetime(2024, 7, day, 9, 0), end_local=datetime(2024, 7, day, 12, 0), category="festival"
        )
    with django_assert_num_queries(1):
        view = selectors.calendar_month(viewer=AnonymousUser(), year=2024, month=7)
    assert len(view.events) == 17


def test_the_feed_costs_one_query_whatever_its_size(make_event, django_assert_num_queries):
    for day in range(1, 11):
        make_event(start_local=datetime(2024, 7, day, 9, 0), end_local=datetime(2024, 7, day, 12, 0))
    with django_assert_num_queries(1):
        raw = selectors.feed_ical(viewer=AnonymousUser())
    assert raw.count(b"BEGIN:VEVENT") == 10


def test_the_feed_parses_and_gives_astana_local_times_before_and_after_march_2024(make_event, secretariat):
    summer = make_event()
    services.session_add(
        actor=secretariat,
        event=summer,
        data=services.SessionData(
            title_en="Plenary", start_local=datetime(2024, 7, 3, 14, 0), end_local=datetime(2024, 7, 3, 15, 30)
        ),
    )
    make_event(
        title_en="Winter meeting", start_local=datetime(2024, 2, 1, 10, 0), end_local=datetime(2024, 2, 1, 12, 0)
    )
    make_event(
        title_en="Beijing meeting",
        time_zone="Asia/Shanghai",
        start_local=datetime(2024, 9, 1, 9, 0),
        end_local=datetime(2024, 9, 1, 12, 0),
    )
    cal = icalendar.Calendar.from_ical(selectors.feed_ical(viewer=AnonymousUser()))
    starts = {str(e["SUMMARY"]): e.decoded("DTSTART") for e in cal.walk("VEVENT")}
    assert starts["SCO Digital Forum (test)"].replace(tzinfo=None) == datetime(2024, 7, 3, 10, 0)
    assert starts["SCO Digital Forum (test)"].astimezone(UTC) == datetime(2024, 7, 3, 5, 0, tzinfo=UTC)
    assert starts["Winter meeting"].astimezone(UTC) == datetime(2024, 2, 1, 4, 0, tzinfo=UTC)
    assert starts["Beijing meeting"].astimezone(UTC) == datetime(2024, 9, 1, 1, 0, tzinfo=UTC)
    assert starts["Plenary (SCO Digital Forum (test))"].replace(tzinfo=None) == datetime(2024, 7, 3, 14, 0)
    assert sorted(str(tz["TZID"]) for tz in cal.walk("VTIMEZONE")) == ["Asia/Almaty", "Asia/Shanghai"]


def test_the_feed_speaks_the_language_asked_for(make_event):
    make_event()
    assert "Цифровой форум".encode() in selectors.feed_ical(viewer=AnonymousUser(), language="ru")
    assert "上合组织数字论坛".encode() in selectors.feed_ical(viewer=AnonymousUser(), language="zh-hans")


def test_feeds_filter_by_category_state_body_chairmanship_and_year(make_event):
    make_event()
    make_event(category="festival", start_local=datetime(2025, 7, 3, 10, 0), end_local=datetime(2025, 7, 3, 12, 0))
    anon = AnonymousUser()
    assert selectors.feed_ical(viewer=anon, filters=EventFilters(category="festival")).count(b"BEGIN:VEVENT") == 1
    assert selectors.feed_ical(viewer=anon, filters=EventFilters(year=2024)).count(b"BEGIN:VEVENT") == 1
    assert selectors.feed_ical(viewer=anon, filters=EventFilters(state="KZ")).count(b"BEGIN:VEVENT") == 2
    assert selectors.feed_ical(viewer=anon, filters=EventFilters(state="CN")).count(b"BEGIN:VEVENT") == 0
    assert selectors.event_list(viewer=anon, filters=EventFilters(body="chs")).count() == 0


def test_a_persons_feed_holds_only_their_registrations(make_event, head_of_delegation):
    mine = make_event(capacity=None)
    make_event(title_en="Other")
    kz = head_of_delegation("KZ")
    services.registration_create(actor=kz, event=mine, now=BEFORE)
    cal = icalendar.Calendar.from_ical(selectors.feed_ical_for_user(user=kz))
    assert [str(e["SUMMARY"]) for e in cal.walk("VEVENT")] == ["SCO Digital Forum (test)"]


def test_a_delegation_sees_when_two_of_its_registrations_overlap(make_event, make_mandate, head_of_delegation):
    first = make_event(capacity=None)
    second = make_event(
        title_en="Parallel",
        capacity=None,
        start_local=datetime(2024, 7, 3, 15, 0),
        end_local=datetime(2024, 7, 3, 20, 0),
    )
    third = make_event(
        title_en="Later", capacity=None, start_local=datetime(2024, 7, 4, 10, 0), end_local=datetime(2024, 7, 4, 12, 0)
    )
    hod = head_of_delegation("KZ")
    delegate = make_mandate("delegate-kz", "delegate", state="KZ")
    services.registration_create(actor=hod, event=first, now=BEFORE)
    services.registration_create(actor=delegate, event=second, now=BEFORE)
    services.registration_create(actor=delegate, event=third, now=BEFORE)
    from sco.members.models import State

    clashes = selectors.delegation_clashes(viewer=hod, state=State.objects.get(code="KZ"))
    assert [(c.first.event.title_en, c.second.event.title_en) for c in clashes] == [
        ("SCO Digital Forum (test)", "Parallel")
    ]
    assert selectors.delegation_clashes(viewer=head_of_delegation("CN"), state=State.objects.get(code="KZ")) == []


def test_participants_are_grouped_by_delegation_and_a_delegation_sees_only_its_own(
    make_event, head_of_delegation, secretariat
):
    event = make_event(capacity=None)
    services.registration_create(actor=head_of_delegation("KZ"), event=event, now=BEFORE)
    services.registration_create(actor=head_of_delegation("CN"), event=event, now=BEFORE)
    groups = selectors.participants_by_delegation(viewer=secretariat, event=event)
    assert sorted(state.code for state, _regs in groups) == ["CN", "KZ"]
    own = selectors.participants_by_delegation(viewer=head_of_delegation("CN"), event=event)
    assert [state.code for state, _regs in own] == ["CN"]


def test_the_overview_counts_by_category_month_and_city(make_event):
    event = make_event()
    make_event(
        category="festival",
        city_en="Almaty",
        start_local=datetime(2024, 5, 22, 10, 0),
        end_local=datetime(2024, 5, 22, 12, 0),
    )
    data = selectors.programme_overview(viewer=AnonymousUser(), chairmanship_id=event.chairmanship_id)
    assert data.total == 2
    assert dict(data.by_category) == {"forum": 1, "festival": 1}
    assert data.by_month == [("2024-05", 1), ("2024-07", 1)]
    assert dict(data.by_city) == {"Astana": 1, "Almaty": 1}


def test_the_upcoming_selector_gives_coming_events_only(make_event):
    make_event()
    assert selectors.events_upcoming(viewer=AnonymousUser(), now=datetime(2024, 1, 1, tzinfo=UTC))
    assert selectors.events_upcoming(viewer=AnonymousUser(), now=datetime(2025, 1, 1, tzinfo=UTC)) == []


def test_a_signed_in_viewer_costs_a_fixed_number_of_queries_too(make_event, head_of_delegation):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    viewer = head_of_delegation("KZ")
    make_event()
    selectors.calendar_month(viewer=viewer, year=2024, month=7)  # the first read of a person's mandates is cached
    with CaptureQueriesContext(connection) as few:
        selectors.calendar_month(viewer=viewer, year=2024, month=7)
        selectors.feed_ical(viewer=viewer)
    for day in range(4, 14):
        make_event(start_local=datetime(2024, 7, day, 9, 0), end_local=datetime(2024, 7, day, 12, 0))
    with CaptureQueriesContext(connection) as many:
        selectors.calendar_month(viewer=viewer, year=2024, month=7)
        selectors.feed_ical(viewer=viewer)
    assert len(many.captured_queries) == len(few.captured_queries)


def test_an_event_longer_than_the_limit_is_refused(event_data, secretariat):
    from sco.events.errors import EventInvalid
    from sco.events.models import Event

    with pytest.raises(EventInvalid):
        services.event_create(actor=secretariat, data=event_data(end_local=datetime(2026, 1, 1, 10, 0)))
    assert not Event.objects.exists()


def test_an_outcome_link_points_at_its_record_when_the_holding_part_answers_and_keeps_its_url_otherwise(
    make_event, secretariat
):
    from sco.core import hooks

    event = make_event()
    services.outcome_link_add(
        actor=secretariat,
        event=event,
        kind="document",
        label_en="Astana Declaration",
        target_id="7",
        url="https://example.org/source",
    )
    assert [o.url for o in selectors.outcomes_of(event)] == ["https://example.org/source"]

    def resolver(*, kind, target_id):
        return f"/documents/{target_id}/" if kind == "document" else None

    hooks.register("events_outcome_target")(resolver)
    try:
        assert [o.url for o in selectors.outcomes_of(event)] == ["/documents/7/"]
    finally:
        hooks._registry["events_outcome_target"].remove(resolver)
