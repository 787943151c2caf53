"""The public contract of decisions: what a part whose records are decided on (a subject) may use.

A subject part (projects, documents; financing's boards next) registers its model with `subjects.register(...)`
and then uses only this module, the selectors and the services of decisions: never its views, forms or demo.

- `open_procedure(...)` puts a record to a decision (services.decision_open);
- `procedures_of(viewer, subject)` lists the procedures on a record that the viewer may see;
- `positions_context(viewer, decision, now=...)` is the table of positions, the outcome and, for a delegate who may
  record a position while the procedure is open, the position form: what a subject's page shows;
- `position_form(viewer, decision)` is that form alone (or None);
- `illustrative_procedure(...)` records a procedure with positions by the demo heads of delegation, marked
  illustrative: for the subject parts' demo loaders.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.db.models import QuerySet
from django.utils import timezone

from sco.core.models import User
from sco.decisions import selectors, services
from sco.decisions.consensus import Rule
from sco.decisions.forms import PositionForm
from sco.decisions.models import Decision
from sco.members import selectors as members_selectors
from sco.members.models import Body

open_procedure = services.decision_open


def procedures_of(viewer: Any, subject: models.Model) -> QuerySet[Decision]:
    """The procedures on `subject` that the viewer may see, newest first."""
    return selectors.decision_list(viewer=viewer, subject=subject)


def position_form(viewer: Any, decision: Decision) -> PositionForm | None:
    """The position form for the states this viewer may record a position for in `decision`, or None."""
    mine = selectors.position_form_states(viewer=viewer, decision=decision)
    return PositionForm(states=mine) if mine else None


def positions_context(
    viewer: Any, decision: Decision, *, now: dt.datetime, form: PositionForm | None = None
) -> dict[str, Any]:
    """The table of positions of a procedure, its outcome now, and the position form for a viewer who may record
    one while it is open: what a subject's page shows of its procedure."""
    rows = selectors.position_rows(viewer=viewer, decision=decision)
    outcome = decision.outcome(now=now)
    mine = [row.state for row in rows if row.may_record]
    is_open = decision.is_open(now=now)
    if form is None and mine and is_open:
        form = PositionForm(states=mine)
    names = {s.pk: s.name for s in decision.eligible_states.all()}
    return {
        "decision": decision,
        "rows": rows,
        "outcome": outcome,
        "objecting": sorted(names[pk] for pk in outcome.objecting),
        "silent": sorted(names[pk] for pk in outcome.silent),
        "is_open": is_open,
        "form": form if is_open else None,
    }


@transaction.atomic
def illustrative_procedure(
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
    (`hod-<code>`), who must exist (members' demo creates them). `close=True` stores the outcome at `closed_at` (a
    sourced date for a record in the past; now by default), once the deadline has passed or by closing early.
    Idempotent: a procedure with the same subject and English title is returned as it is.
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
        concerned_state=members_selectors.state_get_or_none(code=concerned_state, field="concerned_state"),
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
            state=members_selectors.state_get(code=code, field="state"),
            kind=kind,
            text=text,
            now=at,
        )
    if close:
        decision = services.decision_close(actor=actor, decision=decision, now=closed_at or max(now, at))
    return decision
