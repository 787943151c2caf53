from sco.events.demo_events import EVENTS
from sco.events.timezones import zone_get


def test_every_demo_event_names_a_source_and_a_real_zone_and_keeps_its_days_in_order():
    keys = set()
    for event in EVENTS:
        assert event.sources and all(s.startswith(("http://", "https://")) for s in event.sources)
        assert event.first_day <= event.last_day
        assert event.precision in {"day", "month"}
        assert event.title_en and event.title_ru and event.title_zh
        zone_get(event.zone)
        keys.add(event.key)
    assert len(keys) == len(EVENTS)


def test_the_astana_summit_is_on_3_and_4_july_2024():
    summit = next(e for e in EVENTS if e.key == "kz-2024-summit")
    assert (summit.first_day.isoformat(), summit.last_day.isoformat()) == ("2024-07-03", "2024-07-04")
