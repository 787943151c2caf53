"""Commitments drawn from adopted documents and the states' implementation reports on them."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence

from django.db import transaction
from django.utils.translation import gettext as _

from sco.core import audit
from sco.core.users import Actor
from sco.documents import errors, permissions
from sco.documents.models import (
    Area,
    Commitment,
    Document,
    ImplementationReport,
    ReportStatus,
)
from sco.documents.services.documents import ADOPTED_STATUSES
from sco.members.models import Body, State
from sco.members.permissions import ensure_signed_in

_PERIOD = re.compile(r"^\d{4}(-(H[12]|Q[1-4]|(0[1-9]|1[0-2])))?$")


# --- commitments ---------------------------------------------------------------------------------------------


@transaction.atomic
def commitment_create(
    *,
    actor: Actor,
    document: Document,
    text_en: str,
    area: str,
    states: Sequence[State],
    text_ru: str = "",
    text_zh: str = "",
    bodies: Sequence[Body] = (),
    due_on: dt.date | None = None,
    indicator: str = "",
    paragraph_number: int | None = None,
    illustrative: bool = False,
) -> Commitment:
    permissions.ensure_secretariat(actor)
    errs: dict[str, list[str]] = {}
    if document.status not in ADOPTED_STATUSES:
        errs["document"] = [_("Commitments are drawn from adopted documents.")]
    if not (text_en or "").strip():
        errs["text_en"] = [_("Write the commitment in English.")]
    if area not in Area.values:
        errs["area"] = [_("Choose an area from the list.")]
    if not states:
        errs["states"] = [_("Choose at least one responsible state.")]
    if len(indicator or "") > 500:
        errs["indicator"] = [_("At most 500 characters.")]
    if errs:
        raise errors.CommitmentInvalid(field_errors=errs)
    commitment = Commitment.objects.create(
        document=document,
        text_en=text_en.strip(),
        text_ru=(text_ru or "").strip(),
        text_zh=(text_zh or "").strip(),
        area=area,
        due_on=due_on,
        indicator=(indicator or "").strip(),
        paragraph_number=paragraph_number,
        illustrative=illustrative,
    )
    commitment.states.set(states)
    if bodies:
        commitment.bodies.set(bodies)
    audit.record(
        actor=actor,
        action="document.commitment_created",
        target=commitment,
        after={"document": document.pk, "states": [s.code for s in states], "due_on": due_on, "area": area},
    )
    return commitment


@transaction.atomic
def report_file(
    *,
    actor: Actor,
    commitment: Commitment,
    state: State,
    period: str,
    status: str,
    progress: int,
    text: str = "",
    evidence: str = "",
) -> ImplementationReport:
    """A responsible state reports on a commitment for a period (a year, half-year, quarter or month)."""
    ensure_signed_in(actor)
    permissions.ensure_may_act_for(actor, state)
    errs: dict[str, list[str]] = {}
    if not commitment.states.filter(pk=state.pk).exists():
        errs["state"] = [_("%(state)s is not responsible for this commitment.") % {"state": state.name}]
    period = (period or "").strip()
    if not _PERIOD.match(period):
        errs["period"] = [_("Give the period as 2025, 2025-H1, 2025-Q3 or 2025-07.")]
    if status not in ReportStatus.values:
        errs["status"] = [_("Choose a status from the list.")]
    try:
        progress = int(progress)
    except (TypeError, ValueError):
        progress = -1
    if not 0 <= progress <= 100:
        errs["progress"] = [_("Give progress as a whole number from 0 to 100.")]
    elif status == ReportStatus.COMPLETED and progress != 100:
        errs["progress"] = [_("A completed commitment has progress 100.")]
    if len(text or "") > 10000 or len(evidence or "") > 5000:
        errs["text"] = [_("The report is too long.")]
    if not errs and ImplementationReport.objects.filter(commitment=commitment, state=state, period=period).exists():
        errs["period"] = [_("A report for this period has already been filed.")]
    if errs:
        raise errors.ReportInvalid(field_errors=errs)
    report = ImplementationReport.objects.create(
        commitment=commitment,
        state=state,
        period=period,
        status=status,
        progress=progress,
        text=(text or "").strip(),
        evidence=(evidence or "").strip(),
        filed_by=ensure_signed_in(actor),
    )
    audit.record(
        actor=actor,
        action="document.report_filed",
        target=report,
        on_behalf_of=state,
        after={"commitment": commitment.pk, "period": period, "status": status, "progress": progress},
    )
    return report
