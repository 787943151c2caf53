from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

import pytest

from sco.events import services


@pytest.fixture
def event_data(organisation: None) -> Callable[..., services.EventData]:
    """EventData for an event in Astana (Asia/Almaty), changed by keyword."""
    from sco.members.models import Chairmanship, State

    def make(**changes: Any) -> services.EventData:
        kz = State.objects.get(code="KZ")
        values: dict[str, Any] = {
            "title_en": "SCO Digital Forum (test)",
            "title_ru": "Цифровой форум ШОС (тест)",
            "title_zh": "上合组织数字论坛（测试）",
            "category": "forum",
            "start_local": datetime(2024, 7, 3, 10, 0),
            "end_local": datetime(2024, 7, 3, 18, 0),
            "time_zone": "Asia/Almaty",
            "city_en": "Astana",
            "country": kz,
            "organiser_state": kz,
            "chairmanship": Chairmanship.objects.get(state__code="KZ", start__year=2023),
            "registration_open": True,
            "audience": "delegations",
            "capacity": 1,
        }
        values.update(changes)
        return services.EventData(**values)

    return make


@pytest.fixture
def make_event(event_data: Callable[..., services.EventData], secretariat: Any) -> Callable[..., Any]:
    def make(**changes: Any) -> Any:
        return services.event_create(actor=secretariat, data=event_data(**changes))

    return make


@pytest.fixture(autouse=True)
def english_by_default() -> Any:
    """A request in another language leaves that language active in the thread; each test starts in English."""
    from django.utils import translation

    translation.activate("en")
    yield
    translation.deactivate()
