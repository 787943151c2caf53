"""Demo data for the registry: the documents in demo_data.py, with their public facts and sources.

Running it twice changes nothing. No full texts of real documents are loaded (the registry does not hold them);
one illustrative draft, written for the demo, has texts in three languages; the two commitments loaded are
illustrative examples. Each illustrative record says so.
"""

from __future__ import annotations

from typing import Any, TextIO

from django.db import transaction

from sco.documents import demo_data
from sco.documents.models import Commitment, Document, DocumentArea, DocumentRelation, EifRule, Status
from sco.documents.services import _reindex, text_version_add
from sco.members.models import Body, State, Summit
from sco.members.selectors import states_get

SUMMITS = {"astana-2024": 24, "tianjin-2025": 25}
PLACES = {
    "Astana": ("Astana", "Астана", "阿斯塔纳"),
    "Tianjin": ("Tianjin", "Тяньцзинь", "天津"),
    "Saint Petersburg": ("Saint Petersburg", "Санкт-Петербург", "圣彼得堡"),
}


@transaction.atomic
def load(stdout: TextIO | Any = None) -> None:
    bodies = {b.code: b for b in Body.objects.all()}
    summits = {s.number: s for s in Summit.objects.all()}
    by_key: dict[str, Document] = {}
    for d in demo_data.DOCUMENTS:
        place = PLACES.get(d.place, (d.place, "", ""))
        values = {
            "kind": d.kind,
            "title_en": d.title_en,
            "title_ru": d.title_ru,
            "title_zh": d.title_zh,
            "body": bodies[d.body],
            "adopted_on": d.adopted_on,
            "place_en": place[0],
            "place_ru": place[1],
            "place_zh": place[2],
            "summit": summits.get(SUMMITS.get(d.summit, -1)),
            "valid_from_year": d.valid_from_year,
            "valid_to_year": d.valid_to_year,
            "status": d.status,
            "restricted": False,
            "eif_rule": d.eif_rule or "",
            "entry_into_force_on": d.entry_into_force_on
            or (d.adopted_on if d.eif_rule == EifRule.ON_ADOPTION else None),
            "eif_from_source": d.entry_into_force_on is not None,
            "note_en": " ".join(x for x in (d.note, d.titles_note) if x),
            "sources": "\n".join(d.sources),
            # The page says, in the reader's language, that the text is public at the sources.
            "text_not_held_reason": "",
        }
        document, _created = Document.objects.update_or_create(key=d.key, defaults=values)
        DocumentArea.objects.filter(document=document).exclude(area__in=d.areas).delete()
        for area in d.areas:
            DocumentArea.objects.get_or_create(document=document, area=area)
        by_key[d.key] = document
    for d in demo_data.DOCUMENTS:
        for kind, other in d.relations:
            DocumentRelation.objects.get_or_create(source=by_key[d.key], target=by_key[other], kind=kind)
    for document in by_key.values():
        _reindex(document)
    _illustrative_commitments(by_key)
    _illustrative_document(bodies)
    if stdout is not None:
        stdout.write(f"documents: {len(by_key)} documents with sources and one illustrative draft with texts\n")


def _illustrative_document(bodies: dict[str, Body]) -> None:
    """A draft under negotiation with texts in three languages, written for the demo (restricted, like any draft)."""
    from sco.core.models import User

    secretariat = User.objects.filter(username="secretariat").first()
    if secretariat is None:
        return
    en, ru, zh = demo_data.ILLUSTRATIVE_TITLES
    document, _created = Document.objects.update_or_create(
        key=demo_data.ILLUSTRATIVE_KEY,
        defaults={"kind": "other", "title_en": en, "title_ru": ru, "title_zh": zh, "body": bodies["cnc"],
                  "status": Status.UNDER_NEGOTIATION, "restricted": True, "note_en": demo_data.ILLUSTRATIVE_NOTE,
                  "sources": demo_data.ILLUSTRATIVE_NOTE},
    )  # fmt: skip
    DocumentArea.objects.get_or_create(document=document, area="transport")
    parties = State.objects.members_on(document.created_at.date())
    document.parties.set(parties)
    if document.texts.exists():
        return
    for language, paragraphs in demo_data.ILLUSTRATIVE_TEXTS.items():
        text_version_add(
            actor=secretariat,
            document=document,
            language=language,
            content="\n\n".join(paragraphs),
            authentic=language in demo_data.ILLUSTRATIVE_AUTHENTIC,
            note="Illustrative text written for the demo",
        )


def _illustrative_commitments(by_key: dict[str, Document]) -> None:
    """Two commitments to show the dashboard; they are examples, not quotations from the documents."""
    members = states_get(codes=["KZ", "CN", "RU", "UZ"], field="states")
    examples = [
        (
            "energy-cooperation-strategy-2030",
            "energy",
            (
                "Illustrative example: exchange national plans for renewable energy capacity.",
                "Иллюстративный пример: обмен национальными планами по мощностям возобновляемой энергетики.",
                "示例：交流各国可再生能源装机规划。",
            ),
        ),
        (
            "information-security-interaction-plan",
            "information_security",
            (
                "Illustrative example: name national contact points for incident information exchange.",
                "Иллюстративный пример: назначить национальные контактные пункты для обмена информацией об инцидентах.",
                "示例：指定交换事件信息的国家联络点。",
            ),
        ),
    ]
    for key, area, (en, ru, zh) in examples:
        document = by_key.get(key)
        if document is None or Commitment.objects.filter(document=document, illustrative=True).exists():
            continue
        c = Commitment.objects.create(
            document=document, text_en=en, text_ru=ru, text_zh=zh, area=area, illustrative=True, due_on=None
        )
        c.states.set(members)


__all__ = ["Status", "load"]
