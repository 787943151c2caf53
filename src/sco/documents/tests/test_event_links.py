"""An event's outcomes lead to the document adopted and the project discussed, through the events part's hook."""

from sco.core import hooks


def _resolve(kind: str, target: str) -> str | None:
    return next((u for fn in hooks.get("events_outcome_target") if (u := fn(kind=kind, target_id=target))), None)


def test_an_event_outcome_naming_a_document_leads_to_its_page(make_document):
    document = make_document()
    assert _resolve("document", str(document.pk)) == f"/documents/{document.pk}/"
    assert _resolve("document", "999999") is None, "an unknown record keeps the event's own URL"
    assert _resolve("document", "not-a-number") is None


def test_an_event_outcome_naming_a_project_leads_to_its_page(db):
    from sco.projects.models import Project

    assert not Project.objects.filter(pk=3).exists()
    assert _resolve("project", "3") is None
