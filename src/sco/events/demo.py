"""Demo events from demo_events.py (public facts, each with its sources). Running it twice changes nothing."""

from __future__ import annotations

from datetime import datetime, time
from typing import TextIO

from sco.core.models import User
from sco.events import services
from sco.events.demo_events import EVENTS, DemoEvent
from sco.events.models import Event, OutcomeKind
from sco.members.models import Body, Chairmanship, State

# Outcomes the sources name, held by reference: the documents part links them when it holds these documents.
OUTCOMES = {
    "kz-2024-summit": [
        (
            "Astana Declaration of the Council of Heads of State",
            "Астанинская декларация Совета глав государств",
            "阿斯塔纳宣言",
            "https://astanatimes.com/2024/07/sco-summit-kicks-off-in-astana/",
        ),
        (
            # Astana approved the draft; the Strategy itself was adopted at Tianjin (see cn-2025-summit).
            "Decision of the Council of Heads of State on the draft SCO Development Strategy until 2035",
            "Решение Совета глав государств о проекте Стратегии развития ШОС до 2035 года",
            "元首理事会关于上合组织至2035年发展战略草案的决议",
            "https://silkwaytv.kz/en/meeting-of-sco-council-of-heads-of-state-kicks-off-in-astana_43537",
        ),
    ],
    "kz-2024-energy-ministers": [
        (
            "Strategy for the Development of Energy Cooperation of the SCO Member States until 2030",
            "Стратегия развития энергетического сотрудничества государств — членов ШОС до 2030 года",
            "上合组织成员国至2030年能源合作发展战略",
            "https://rus.sectsco.org/20240623/1401452.html",
        ),
    ],
    "cn-2025-summit": [
        (
            "Tianjin Declaration of the Council of Heads of State",
            "Тяньцзиньская декларация Совета глав государств",
            "天津宣言",
            "https://www.newscentralasia.net/2025/09/01/sco-summit-concludes-in-china-with-adoption-of-tianjin-declaration-and-24-documents/",
        ),
        (
            "SCO Development Strategy until 2035",
            "Стратегия развития ШОС до 2035 года",
            "上合组织至2035年发展战略",
            "https://news.by/eng/news/politika/in-tianjin-heads-of-states-approve-sco-development-strategy-until-2035",
        ),
    ],
}


def _chairmanship(key: str) -> Chairmanship | None:
    code, year = key.split("-")
    return Chairmanship.objects.filter(state__code=code, start__year=int(year)).first()


def _data(item: DemoEvent, states: dict[str, State]) -> services.EventData:
    note = item.note
    if item.precision == "month":
        note = (note + " " if note else "") + "Only the month is known."
    return services.EventData(
        title_en=item.title_en,
        title_ru=item.title_ru,
        title_zh=item.title_zh,
        category=item.category,
        start_local=datetime.combine(item.first_day, time.min),
        end_local=datetime.combine(item.last_day, time.min),
        time_zone=item.zone,
        precision=item.precision,
        city_en=item.city,
        country=states[item.country],
        venue=item.venue,
        organiser_state=states.get(item.organiser_state),
        organiser_body=Body.objects.filter(code=item.organiser_body).first() if item.organiser_body else None,
        chairmanship=_chairmanship(item.chairmanship),
        format=item.format,
        is_public=item.public,
        note_en=note,
        source="\n".join(item.sources),
    )


CITY_NAMES = {
    "Astana": ("Астана", "阿斯塔纳"),
    "Almaty": ("Алматы", "阿拉木图"),
    "Turkistan": ("Туркестан", "突厥斯坦"),
    "Urumqi": ("Урумчи", "乌鲁木齐"),
    "Qingdao": ("Циндао", "青岛"),
    "Tianjin": ("Тяньцзинь", "天津"),
}


def load(stdout: TextIO | None = None) -> None:
    actor = User.objects.filter(username="secretariat").first()
    if actor is None:
        if stdout:
            stdout.write("events: no 'secretariat' demo user; load the members demo first\n")
        return
    states = {s.code: s for s in State.objects.all()}
    made = 0
    for item in EVENTS:
        if Event.objects.filter(source__startswith=item.sources[0], title_en=item.title_en).exists():
            continue
        data = _data(item, states)
        data.city_ru, data.city_zh = CITY_NAMES.get(item.city, ("", ""))
        event = services.event_create(actor=actor, data=data)
        for en, ru, zh, url in OUTCOMES.get(item.key, []):
            services.outcome_link_add(
                actor=actor, event=event, kind=OutcomeKind.DOCUMENT, label_en=en, label_ru=ru, label_zh=zh, url=url
            )
        made += 1
    if stdout:
        stdout.write(f"events: {made} demo events added ({len(EVENTS)} in the sourced list)\n")
