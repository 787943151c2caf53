"""Demo helpers for the parts whose records are put to decisions (projects, documents).

Decisions have no demo data of their own: a procedure needs a subject. A subject part calls `demo_decision` from its
own demo loader. Every demo procedure is marked illustrative (the page says so): positions of real states on demo
records are examples, never facts.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, TextIO

from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.utils import timezone

from sco.core.models import User
from sco.decisions import services
from sco.decisions.consensus import Rule
from sco.decisions.models import Decision
from sco.members.models import Body, State


def load(*, stdout: TextIO | None = None) -> None:
    """Nothing to load: see `demo_decision`, called by the subject parts' demo loaders."""


@transaction.atomic
def demo_decision(
    *,
    subject: models.Model,
    title_en: str,
    title_ru: str = "",
    title_zh: str = "",
    body_code: str = "swg-investment",
    rule: Rule | str = Rule.CONSENSUS,
    opened_at: dt.datetime | None = None,
    deadline: dt.datetime | None = None,
    positions: dict[str, tuple[str, str]] | None = None,
    concerned_state: str | None = None,
    close: bool = False,
    source: str = "",
    opener: str = "secretariat",
    closed_at: dt.datetime | None = None,
) -> Decision:
    """An illustrative procedure on `subject`, opened by the demo user `opener` (the Secretariat by default).

    `positions` maps an ISO code to (kind, text); each is recorded by that state's demo head of delegation
    (`hod-<code>`), who must exist (members' demo creates them). `close=True` stores the outcome at `closed_at`
    (a sourced date for records in the past; now by default), once the deadline has passed or by closing early. Idempotent: a procedure with the same subject and English title is
    returned as it is.
    """
    existing = Decision.objects.filter(
        subject_type=ContentType.objects.get_for_model(subject), subject_id=subject.pk, title_en=title_en
    ).first()
    if existing is not None:
        return existing
    now = timezone.now()
    opened_at = opened_at or now - dt.timedelta(days=3)
    deadline = deadline or opened_at + dt.timedelta(days=14)
    actor = User.objects.get(username=opener)
    decision = services.decision_open(
        actor=actor,
        subject=subject,
        body=Body.objects.get(code=body_code),
        rule=rule,
        deadline=deadline,
        title_en=title_en,
        title_ru=title_ru,
        title_zh=title_zh,
        concerned_state=State.objects.get(code=concerned_state) if concerned_state else None,
        illustrative=True,
        source=source,
        now=opened_at,
    )
    at = opened_at
    for code, (kind, text) in (positions or {}).items():
        at = min(at + dt.timedelta(hours=6), deadline - dt.timedelta(seconds=1))
        services.position_record(
            actor=User.objects.get(username=f"hod-{code.lower()}"),
            decision=decision,
            state=State.objects.get(code=code),
            kind=kind,
            text=text,
            now=at,
        )
    if close:
        decision = services.decision_close(actor=actor, decision=decision, now=closed_at or max(now, at))
    return decision


def demo_summary(decision: Decision) -> dict[str, Any]:
    """What a loader may print: the procedure and its outcome now."""
    return {"id": decision.pk, "title": decision.title_en, "status": decision.outcome(now=timezone.now()).status.value}
