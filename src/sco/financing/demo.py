"""Financing demo: the institutions with their sourced statuses and capital shares, the demo financiers, published
exchange rates with their sources (demo_rates.csv), and an illustrative financing plan (labelled so) on the demo projects that have reached financing with a known cost.
Idempotent: natural keys with update_or_create; users and plans only when missing."""

from __future__ import annotations

import csv
import datetime as dt
from decimal import Decimal
from pathlib import Path
from typing import Any, TextIO

from django.db import transaction

from sco.core.models import User
from sco.financing import demo_facts as facts
from sco.financing.models import FinancierProfile, FinancingPlan, InstitutionStatus, Shareholding
from sco.members.models import Institution, Mandate, State

DEMO_PASSWORD = "sco-demo-2026"  # noqa: S105  the demo password published in the README, as in members
FINANCIERS = [
    ("financier-edb", "Financier (Eurasian Development Bank)", "eurasian-development-bank"),
    ("financier-aiib", "Financier (AIIB)", "aiib"),
]


@transaction.atomic
def load_institutions() -> None:
    states = {s.code: s for s in State.objects.all()}
    for code, kind, state_code, names, source, party_type, org_type, website in facts.INSTITUTIONS:
        institution, _ = Institution.objects.update_or_create(
            code=code,
            defaults={
                "kind": kind,
                "state": states.get(state_code) if state_code else None,
                "name_en": names[0],
                "name_ru": names[1],
                "name_zh": names[2],
                "source": source,
            },
        )
        ref, ref_source = facts.IATI_ORG_REFS.get(code, ("", ""))
        FinancierProfile.objects.update_or_create(
            institution=institution,
            defaults={
                "party_type": party_type,
                "iati_org_type": org_type,
                "website": website,
                "iati_org_ref": ref,
                "iati_org_ref_source": ref_source,
            },
        )
    for code, party_type, org_type in facts.EXISTING_PROFILES:
        existing = Institution.objects.filter(code=code).first()
        if existing is not None:
            FinancierProfile.objects.update_or_create(
                institution=existing, defaults={"party_type": party_type, "iati_org_type": org_type}
            )
    by_code = {i.code: i for i in Institution.objects.all()}
    for code, status, on, notes, source in facts.STATUSES:
        if code not in by_code:
            continue
        InstitutionStatus.objects.update_or_create(
            institution=by_code[code],
            on=dt.date.fromisoformat(on),
            status=status,
            defaults={"note_en": notes[0], "note_ru": notes[1], "note_zh": notes[2], "source": source},
        )
    for code, holder, state_code, share, as_of, source in facts.SHAREHOLDINGS:
        Shareholding.objects.update_or_create(
            institution=by_code[code],
            holder=holder,
            defaults={
                "state": states.get(state_code) if state_code else None,
                "share": Decimal(share),
                "as_of": dt.date.fromisoformat(as_of),
                "source": source,
            },
        )


def load_financiers() -> None:
    for username, display, code in FINANCIERS:
        user = User.objects.filter(username=username).first()
        if user is None:
            user = User.objects.create_user(
                username=username,
                password=DEMO_PASSWORD,
                display_name=display,
                email=f"{username}@demo.sco.example",
            )
        if not Mandate.objects.filter(user=user).exists():
            Mandate.objects.create(
                user=user, role="financier", institution=Institution.objects.get(code=code), start=dt.date(2024, 7, 4)
            )


def load_plans() -> int:
    """An illustrative plan on each demo project in financing or implementation with a known cost and no plan."""
    from sco.financing import services
    from sco.projects.models import Project

    secretariat = User.objects.filter(username="secretariat").first()
    edb_user = User.objects.filter(username="financier-edb").first()
    if secretariat is None or edb_user is None:
        return 0
    made = 0
    edb = Institution.objects.get(code="eurasian-development-bank")
    aiib = Institution.objects.get(code="aiib")
    projects = Project.objects.filter(
        status__in=services.FINANCEABLE, total_cost__isnull=False, is_illustrative=True
    ).exclude(currency="")
    for project in projects.order_by("pk"):
        if FinancingPlan.objects.filter(project=project).exists():
            continue
        cost = Decimal(project.total_cost or 0)
        half = (cost / 2).quantize(Decimal("1"))
        edb_tranche = services.tranche_add(
            actor=secretariat,
            project=project,
            data=services.TrancheData(
                institution=edb,
                instrument="loan",
                currency=project.currency,
                amount=half,
                tenor_months=180,
                grace_months=36,
                rate_kind="floating",
                base_rate="SOFR",
                margin_bps=250,
                needs_board_approval=True,
            ),
        )
        services.tranche_add(
            actor=secretariat,
            project=project,
            data=services.TrancheData(
                institution=aiib,
                instrument="loan",
                currency=project.currency,
                amount=cost - half,
                tenor_months=240,
                grace_months=48,
                rate_kind="fixed",
                fixed_rate=Decimal("4.5"),
            ),
        )
        FinancingPlan.objects.filter(project=project).update(is_illustrative=True, sources=facts.ILLUSTRATIVE)
        _illustrative_vote(edb_user, edb_tranche)
        made += 1
    return made


def _illustrative_vote(opener: User, tranche: Any) -> None:
    """The EDB board approves its loan by weighted majority: the capital shares are the published ones, the ballots
    are illustrative (the vote is labelled so)."""
    from sco.financing import services
    from sco.financing.models import BoardVote

    vote = services.board_vote_open(actor=opener, tranche=tranche, rule="weighted_majority")
    BoardVote.objects.filter(pk=vote.pk).update(is_illustrative=True)
    for code in ("RU", "KZ"):
        head = User.objects.filter(username=f"hod-{code.lower()}").first()
        if head is not None and vote.status == "open":
            services.ballot_cast(actor=head, vote=vote, state=State.objects.get(code=code), choice="yes")
            vote.refresh_from_db()


RATES_CSV = Path(__file__).with_name("demo_rates.csv")


def load_rates() -> int:
    """The demo's exchange rates: published official rates, each row with its source and date (demo_rates.csv),
    imported through the service as the Secretariat would; rows already in the table are left as they are."""
    from sco.financing import services
    from sco.financing.models import ExchangeRate

    secretariat = User.objects.filter(username="secretariat").first()
    if secretariat is None:
        return 0
    with RATES_CSV.open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    by_source: dict[str, list[dict[str, str]]] = {}
    for row in rows:
        have = ExchangeRate.objects.filter(
            base=row["base"], quote=row["quote"], on=dt.date.fromisoformat(row["date"])
        ).exists()
        if not have:
            by_source.setdefault(row["source"], []).append(row)
    added = 0
    for source, group in by_source.items():
        added += services.rates_import(actor=secretariat, rows=group, source=source, file_name=RATES_CSV.name).row_count
    return added


def load(*, stdout: TextIO) -> None:
    load_institutions()
    load_financiers()
    rates = load_rates()
    made = load_plans()
    # The demo's projects may have been loaded by writes that bypass the models' signals: the maintained totals are
    # recomputed from the ledger once everything is there.
    from sco.financing.services import totals_rebuild

    totals_rebuild.rebuild()
    stdout.write(
        f"financing: {Institution.objects.exclude(kind='cert').count()} institutions, "
        f"{InstitutionStatus.objects.count()} dated statuses, {rates} published exchange rates and {made} illustrative "
        "plans added\n"
    )
