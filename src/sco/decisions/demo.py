"""Demo helpers for the parts whose records are put to decisions (projects, documents).

Decisions have no demo data of their own: a procedure needs a subject. A subject part calls `demo_decision` from its
own demo loader. Every demo procedure is marked illustrative (the page says so): positions of real states on demo
records are examples, never facts.
"""

from __future__ import annotations

from typing import Any, TextIO

from django.utils import timezone

from sco.decisions import contract
from sco.decisions.models import Decision

# Subject parts' demo loaders call the public contract's `illustrative_procedure`; the old name stays for them.
demo_decision = contract.illustrative_procedure


def load(*, stdout: TextIO | None = None) -> None:
    """Nothing to load: see `demo_decision`, called by the subject parts' demo loaders."""


def demo_summary(decision: Decision) -> dict[str, Any]:
    """What a loader may print: the procedure and its outcome now."""
    return {"id": decision.pk, "title": decision.title_en, "status": decision.outcome(now=timezone.now()).status.value}
