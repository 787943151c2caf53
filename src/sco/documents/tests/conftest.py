from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest

from sco.documents import services
from sco.documents.models import Document
from sco.members.models import Body

DRAFT_RU = (
    "Государства-члены укрепляют сотрудничество в области энергетики.\n\n"
    "Стороны развивают транспортные коридоры.\n\n"
    "Настоящая стратегия действует до 2030 года."
)
DRAFT_ZH = "成员国加强能源领域合作。\n\n各方发展交通走廊。\n\n本战略有效期至2030年。"
DRAFT_EN = (
    "Member States strengthen cooperation in energy.\n\n"
    "The Parties develop transport corridors.\n\n"
    "This strategy is valid until 2030."
)


@pytest.fixture
def body(organisation: None) -> Body:
    return Body.objects.get(code="chs")


@pytest.fixture
def make_document(secretariat: Any, body: Body) -> Callable[..., Document]:
    def make(**kw: Any) -> Document:
        values: dict[str, Any] = {
            "kind": "strategy",
            "title_en": "Energy cooperation strategy",
            "title_ru": "Стратегия энергетического сотрудничества",
            "title_zh": "能源合作战略",
            "body": body,
            "areas": ["energy"],
        }
        values.update(kw)
        return services.document_create(actor=secretariat, **values)

    return make


@pytest.fixture
def draft(make_document: Callable[..., Document], secretariat: Any) -> Document:
    d = make_document()
    services.text_version_add(actor=secretariat, document=d, language="ru", content=DRAFT_RU, authentic=True)
    services.text_version_add(actor=secretariat, document=d, language="zh", content=DRAFT_ZH, authentic=True)
    services.text_version_add(actor=secretariat, document=d, language="en", content=DRAFT_EN)
    return d


@pytest.fixture
def agreement(make_document: Callable[..., Document], secretariat: Any) -> Document:
    from sco.members.models import State

    d = make_document(
        kind="agreement",
        title_en="Agreement on environmental protection",
        eif_rule="days_after_nth_notification",
        eif_count=2,
        eif_days=30,
        parties=list(State.objects.filter(code__in=["KZ", "CN", "RU"])),
    )
    return services.document_record_adoption(
        actor=secretariat, document=d, adopted_on=dt.date(2024, 7, 4), procedure="consensus"
    )
