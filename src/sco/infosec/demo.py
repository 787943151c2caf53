"""Demo data for the exchange: the members' CERTs as STIX identities, two collections, and their grants.

KZ-CERT is in the members' demo facts (source: https://kz-cert.kz/). The Uzbek and Russian CERT records and the
analysts cert-uz and cert-ru are ILLUSTRATIVE: made up so the sharing rules can be shown between three CERTs; they
say nothing about the real institutions. No STIX content is loaded: CERTs post their own.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import TextIO

from django.db import transaction

from sco.core.models import User
from sco.core.services import user_create
from sco.infosec import services
from sco.infosec.models import Cert, Collection
from sco.infosec.tlp import Tlp
from sco.members.models import Institution, InstitutionKind, Mandate, Role, State

DEMO_PASSWORD = "sco-demo-2026"  # noqa: S105  the published demo password (README), as for every demo account
DEMO_MANDATES_FROM = dt.date(2024, 7, 4)  # illustrative, like the other demo mandates
ILLUSTRATIVE = "Illustrative demo record: not a statement about the real institution."
# code, state, names (en, ru, zh)
ILLUSTRATIVE_CERTS = [
    (
        "uz-cert",
        "UZ",
        (
            "Uzbekistan's national CERT (illustrative demo record)",
            "Национальный CERT Узбекистана (иллюстративная демонстрационная запись)",
            "乌兹别克斯坦国家CERT（示意性演示记录）",
        ),
    ),
    (
        "ru-cert",
        "RU",
        (
            "Russia's national CERT (illustrative demo record)",
            "Национальный CERT России (иллюстративная демонстрационная запись)",
            "俄罗斯国家CERT（示意性演示记录）",
        ),
    ),
]
DEMO_ANALYSTS = [
    ("cert-uz", "CERT analyst (UZ, illustrative)", "uz-cert"),
    ("cert-ru", "CERT analyst (RU, illustrative)", "ru-cert"),
]

DEMO_KEY_ADMINS = {"kz-cert": "cert-kz", "uz-cert": "cert-uz", "ru-cert": "cert-ru"}

# Fixed ids so federated instances and TAXII clients can be configured once.
EXCHANGE_ID = uuid.UUID("8c49f14d-8ea3-4f03-ab28-19dbca973dde")
GREEN_ID = uuid.UUID("22f763c1-e478-4765-8635-e4c32db665ea")
FEED_NAMESPACE = uuid.UUID("4f7327e2-f5b4-4269-b6e0-3564d174ce69")


@transaction.atomic
def load_certs() -> list[Cert]:
    for code, state_code, names in ILLUSTRATIVE_CERTS:
        Institution.objects.update_or_create(
            code=code,
            defaults={
                "kind": InstitutionKind.CERT,
                "state": State.objects.get(code=state_code),
                "name_en": names[0],
                "name_ru": names[1],
                "name_zh": names[2],
                "source": ILLUSTRATIVE,
            },
        )
    for username, display, institution_code in DEMO_ANALYSTS:
        user = User.objects.filter(username=username).first()
        if user is None:
            user = user_create(
                actor=None,
                username=username,
                password=DEMO_PASSWORD,
                display_name=display,
                language="ru" if username == "cert-ru" else "en",
                email=f"{username}@demo.sco.example",
            )
        institution = Institution.objects.get(code=institution_code)
        if not Mandate.objects.filter(user=user, institution=institution).exists():
            Mandate.objects.create(
                user=user,
                role=Role.CERT_ANALYST,
                state=institution.state,
                institution=institution,
                start=DEMO_MANDATES_FROM,
            )
    certs = [
        services.cert_register(actor=None, institution=inst)
        for inst in Institution.objects.filter(kind=InstitutionKind.CERT).order_by("code")
    ]
    # Each demo CERT's analyst also manages its keys (illustrative, like the analysts themselves).
    for cert in certs:
        admin = User.objects.filter(username=DEMO_KEY_ADMINS.get(cert.institution.code, "")).first()
        if admin is not None and not cert.admins.filter(pk=admin.pk).exists():
            services.cert_admin_set(actor=None, cert=cert, user=admin, admin=True)
    return certs


@transaction.atomic
def load_collections(certs: list[Cert]) -> tuple[Collection, Collection]:
    exchange = services.collection_create(
        actor=None,
        alias="exchange",
        collection_id=EXCHANGE_ID,
        title_en="CERT exchange",
        title_ru="Обмен между CERT",
        title_zh="CERT交换",
        description="Incident reports and indicators between the members' CERTs, any TLP.",
    )
    green = services.collection_create(
        actor=None,
        alias="green",
        collection_id=GREEN_ID,
        title_en="Community feed (TLP:GREEN and CLEAR)",
        title_ru="Общая лента (TLP:GREEN и CLEAR)",
        title_zh="共同体信息流（TLP:GREEN与CLEAR）",
        description="What every member CERT may pass on inside the community; other instances pull it.",
        max_tlp=Tlp.GREEN,
    )
    for cert in certs:
        for collection in (exchange, green):
            if not collection.grants.filter(cert=cert).exists():
                services.grant_set(actor=None, collection=collection, cert=cert, can_read=True, can_write=True)
    # One collection per state's CERT: it publishes there, every other member CERT reads.
    for owner in certs:
        state = owner.institution.state
        own = services.collection_create(
            actor=None,
            alias=f"{owner.institution.code}-feed",
            collection_id=uuid.uuid5(FEED_NAMESPACE, owner.institution.code),
            title_en=f"{owner.institution.name_en}: published feed",
            title_ru=f"{owner.institution.name_ru}: публикуемая лента",
            title_zh=f"{owner.institution.name_zh}：发布信息流",
            description="Written by this CERT only; read by every member CERT.",
            state=state,
        )
        for cert in certs:
            if not own.grants.filter(cert=cert).exists():
                services.grant_set(actor=None, collection=own, cert=cert, can_read=True, can_write=cert == owner)
    return exchange, green


def load(*, stdout: TextIO) -> None:
    certs = load_certs()
    load_collections(certs)
    stdout.write(f"infosec: {len(certs)} CERTs, {Collection.objects.count()} collections (UZ and RU illustrative)\n")
