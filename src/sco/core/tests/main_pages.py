"""The main pages a person opens, on the demo data: shared by the narrow-screen and the translation tests."""

from __future__ import annotations


def main_pages() -> list[str]:
    """Every main page, with one detail page of each kind from the demo records (the demo must be loaded)."""
    from django.contrib.contenttypes.models import ContentType

    from sco.decisions.models import Decision
    from sco.documents.models import Document
    from sco.events.models import Event
    from sco.projects.models import Project

    pages = [
        "/",
        "/members/",
        "/members/states/KZ/",
        "/members/chairmanships/",
        "/members/bodies/",
        "/projects/",
        "/projects/open-data/",
        "/decisions/",
        "/documents/",
        "/documents/dashboard/",
        "/events/",
        "/events/month/?year=2024&month=7",
        "/events/week/",
        "/events/programme/",
        "/projects/new/",
        "/documents/new/",
        "/events/new/",
        "/account/notifications/",
    ]
    project = Project.objects.filter(title_en__startswith="Second track").first()
    if project is not None:
        pages.append(f"/projects/{project.pk}/")
        decision = Decision.objects.filter(
            subject_type=ContentType.objects.get_for_model(Project), subject_id=project.pk
        ).first()
        if decision is not None:
            pages.append(f"/decisions/{decision.pk}/")
    for key in ("astana-declaration-2024", "illustrative-timetable-regulations"):
        document = Document.objects.filter(key=key).first()
        if document is not None:
            pages.append(f"/documents/{document.pk}/")
    document = Document.objects.filter(key="illustrative-timetable-regulations").first()
    if document is not None:
        pages.append(f"/documents/{document.pk}/text/ru/")
    event = Event.objects.filter(title_en="24th Meeting of the SCO Council of Heads of State").first()
    if event is not None:
        pages.append(f"/events/{event.pk}/")
    return pages
