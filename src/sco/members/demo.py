"""Demo data for the Organisation itself, from the public facts in demo_facts.py. Running it twice changes nothing."""

from __future__ import annotations

import datetime as dt
from typing import Any, TextIO

from django.db import transaction

from sco.core.models import User
from sco.core.services import user_create
from sco.members import demo_facts as facts
from sco.members.models import Body, Chairmanship, Institution, Mandate, Role, State, StateStatus, Summit

DEMO_PASSWORD = "sco-demo-2026"  # noqa: S105  published in the README: these are demo accounts


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def _upsert(model: Any, lookup: dict[str, Any], values: dict[str, Any]) -> Any:
    obj, _created = model.objects.update_or_create(**lookup, defaults=values)
    return obj


@transaction.atomic
def load_organisation() -> None:
    for code, iso3, names, capitals, statuses in facts.STATES:
        state = _upsert(
            State,
            {"code": code},
            {
                "iso3": iso3,
                "name_en": names[0],
                "name_ru": names[1],
                "name_zh": names[2],
                "capital_en": capitals[0],
                "capital_ru": capitals[1],
                "capital_zh": capitals[2],
                "source": statuses[-1][3],
            },
        )
        for status, start, end, source in statuses:
            _upsert(
                StateStatus,
                {"state": state, "status": status, "start": _date(start)},
                {"end": _date(end), "source": source},
            )
    for code, kind, abbreviation, names, seat, order in facts.BODIES:
        _upsert(
            Body,
            {"code": code},
            {
                "kind": kind,
                "abbreviation": abbreviation,
                "name_en": names[0],
                "name_ru": names[1],
                "name_zh": names[2],
                "seat": seat,
                "order": order,
                "source": facts.SWG_SOURCE if code == "swg-investment" else facts.BODIES_SOURCE,
            },
        )
    states = {s.code: s for s in State.objects.all()}
    for code, start, end, source in facts.CHAIRMANSHIPS:
        _upsert(Chairmanship, {"start": _date(start)}, {"state": states[code], "end": _date(end), "source": source})
    chairs = list(Chairmanship.objects.all())
    for number, city, host, start, end, online, source, outcome in facts.SUMMITS:
        last_day = _date(end)
        # A summit closes the chairmanship of its host: the one that ends on the summit's last day.
        chair = next((c for c in chairs if c.end == last_day), None)
        _upsert(
            Summit,
            {"number": number},
            {
                "city_en": city[0],
                "city_ru": city[1],
                "city_zh": city[2],
                "host": states[host],
                "start": _date(start),
                "end": last_day,
                "online": online,
                "chairmanship": chair,
                "source": source,
                "outcome_en": outcome[0],
                "outcome_ru": outcome[1],
                "outcome_zh": outcome[2],
            },
        )
    for code, kind, state_code, names, notes, source in facts.INSTITUTIONS:
        _upsert(
            Institution,
            {"code": code},
            {
                "kind": kind,
                "state": states.get(state_code) if state_code else None,
                "name_en": names[0],
                "name_ru": names[1],
                "name_zh": names[2],
                "status_note_en": notes[0],
                "status_note_ru": notes[1],
                "status_note_zh": notes[2],
                "source": source,
            },
        )


# username, display name, role, state, bodies, institution, language
DEMO_USERS: list[tuple[str, str, str, str | None, list[str], str | None, str]] = [
    *[
        (
            f"hod-{code.lower()}",
            f"Head of delegation ({code})",
            Role.HEAD_OF_DELEGATION,
            code,
            [],
            None,
            {"RU": "ru", "CN": "zh-hans"}.get(code, "en"),
        )
        for code in ("CN", "IN", "IR", "KZ", "KG", "PK", "RU", "TJ", "UZ", "BY")
    ],
    ("delegate-kz", "Delegate of Kazakhstan (investment)", Role.DELEGATE, "KZ", ["swg-investment"], None, "en"),
    ("chair", "National coordinator of the chairing state", Role.NATIONAL_COORDINATOR, None, [], None, "en"),
    ("secretariat", "Secretariat officer", Role.SECRETARIAT, None, [], None, "en"),
    ("financier", "Financier (AIFC-based mechanisms)", Role.FINANCIER, None, [], "aifc-mechanisms", "en"),
    ("cert-kz", "CERT analyst (KZ-CERT)", Role.CERT_ANALYST, "KZ", [], "kz-cert", "en"),
]
DEMO_MANDATES_FROM = dt.date(2024, 7, 4)  # illustrative: demo delegations hold from the Astana summit on


@transaction.atomic
def load_users() -> None:
    from sco.members.permissions import chairmanship_on

    chair = chairmanship_on()
    for username, display, role, state_code, body_codes, institution_code, language in DEMO_USERS:
        user = User.objects.filter(username=username).first()
        if user is None:
            user = user_create(
                actor=None,
                username=username,
                password=DEMO_PASSWORD,
                display_name=display,
                language=language,
                email=f"{username}@demo.sco.example",
            )
        if Mandate.objects.filter(user=user).exists():
            continue
        if role == Role.NATIONAL_COORDINATOR:
            state_code = chair.state.code if chair else "KG"
        mandate = Mandate.objects.create(
            user=user,
            role=role,
            start=DEMO_MANDATES_FROM,
            state=State.objects.get(code=state_code) if state_code else None,
            institution=Institution.objects.get(code=institution_code) if institution_code else None,
        )
        if body_codes:
            mandate.bodies.set(Body.objects.filter(code__in=body_codes))
    if not User.objects.filter(username="admin").exists():
        admin = user_create(
            actor=None, username="admin", password=DEMO_PASSWORD, display_name="Administrator", is_staff=True
        )
        admin.is_superuser = True
        admin.save(update_fields=["is_superuser"])


def load(*, stdout: TextIO) -> None:
    load_organisation()
    load_users()
    stdout.write(
        f"members: {State.objects.count()} states, {Body.objects.count()} bodies, "
        f"{Chairmanship.objects.count()} chairmanships, {Summit.objects.count()} summits, "
        f"{User.objects.count()} users\n"
    )
