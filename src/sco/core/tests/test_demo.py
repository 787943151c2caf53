"""The demo tells one true story: loaded as `sco demo` loads it (quietly), every record passes the platform's own
rules and is dated by its sources, never by the day it was loaded."""

import datetime as dt
import io
import re

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.utils import timezone

from sco.decisions.models import Decision
from sco.documents.models import Document, DocumentText
from sco.events.models import Event
from sco.members.models import State
from sco.projects import demo_facts
from sco.projects.lifecycle import Status
from sco.projects.models import Appraisal, Comment, Participation, Project, ProjectVersion

# Real commits, as `sco demo` has them: e-mail leaves on commit.
pytestmark = pytest.mark.django_db(transaction=True)

DECIDED = {Status.DECISION, Status.APPROVED, Status.FINANCING, Status.IMPLEMENTATION, Status.COMPLETED}
APPROVED = {Status.APPROVED, Status.FINANCING, Status.IMPLEMENTATION, Status.COMPLETED}


def test_the_demo_loads_quietly_and_every_record_keeps_the_rules_and_its_sources(settings, capsys):
    settings.EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
    loaded_at = timezone.now()
    out = io.StringIO()
    call_command("demo", stdout=out)
    printed = out.getvalue() + capsys.readouterr().out
    assert "Subject:" not in printed and len(printed.splitlines()) < 40, "the demo load prints mail"

    _projects_keep_the_lifecycle_rules()
    _nothing_is_dated_by_the_day_of_loading(loaded_at)
    _positions_come_from_states_that_were_members(Project)
    _summit_outcomes_agree_with_the_registry()
    _documents_agree_with_their_sources()


def _decision_of(project: Project) -> Decision | None:
    kind = ContentType.objects.get_for_model(Project)
    return Decision.objects.filter(subject_type=kind, subject_id=project.pk).order_by("opened_at").first()


def _projects_keep_the_lifecycle_rules() -> None:
    projects = {p.title_en: p for p in Project.objects.filter(is_illustrative=True)}
    assert set(projects) == {d.title_en for d in demo_facts.DEMO_PROJECTS}
    for facts in demo_facts.DEMO_PROJECTS:
        project = projects[facts.title_en]
        status = Status(project.status)
        assert status.value == facts.platform_status
        appraisal = Appraisal.objects.filter(project=project).first()
        decision = _decision_of(project)
        if status in DECIDED:
            assert appraisal is not None and appraisal.rows, f"{project}: a decision needs an appraisal first"
            assert decision is not None and appraisal.updated_at < decision.opened_at
        if status in APPROVED:
            assert decision.outcome(now=timezone.now()).status.value == "adopted", f"{project}: approved undecided"
            assert decision.closes_at <= project.updated_at
        if appraisal is not None:
            # Amounts are in the currency's units (not millions read as units).
            capex = [int(r["capex"]) for r in appraisal.rows if int(r["capex"])]
            assert capex and min(capex) >= 1_000_000, f"{project}: appraisal amounts are not in currency units"
    dostyk = projects[demo_facts.DOSTYK_MOYYNTY.title_en]
    assert dostyk.status == Status.COMPLETED and "2025-09-30" in dostyk.sources  # the line opened in 2025
    assert projects[demo_facts.KAMBARATA_1.title_en].status == Status.APPRAISAL  # feasibility study under way


def _nothing_is_dated_by_the_day_of_loading(loaded_at: dt.datetime) -> None:
    recent = loaded_at - dt.timedelta(days=1)
    assert not Participation.objects.filter(project__is_illustrative=True, joined_at__gte=recent).exists()
    assert not Comment.objects.filter(project__is_illustrative=True, created_at__gte=recent).exists()
    assert not Appraisal.objects.filter(project__is_illustrative=True, updated_at__gte=recent).exists()
    assert not ProjectVersion.objects.filter(project__is_illustrative=True, created_at__gte=recent).exists()
    assert not Project.objects.filter(is_illustrative=True, updated_at__gte=recent).exists()
    kind = ContentType.objects.get_for_model(Project)
    for decision in Decision.objects.filter(subject_type=kind):
        assert decision.opened_at < recent and decision.closes_at < recent
        assert all(p.recorded_at < recent for p in decision.positions.all())


def _positions_come_from_states_that_were_members(model: type) -> None:
    kind = ContentType.objects.get_for_model(model)
    for decision in Decision.objects.filter(subject_type=kind):
        members = set(State.objects.members_on(decision.opened_at.date()).values_list("code", flat=True))
        assert set(decision.eligible_states.values_list("code", flat=True)) == members
        assert {p.state.code for p in decision.positions.select_related("state")} <= members


def _summit_outcomes_agree_with_the_registry() -> None:
    for summit in Event.objects.filter(category="summit"):
        for link in summit.outcome_links.all():
            document = next(
                (d for d in Document.objects.all() if link.label_en and d.title_en.startswith(link.label_en)), None
            )
            if document is not None and document.adopted_on is not None:
                # starts_at and ends_at are instants in UTC: a day either side covers the venue's local dates
                first = summit.starts_at.date() - dt.timedelta(days=1)
                last = summit.ends_at.date() + dt.timedelta(days=1)
                assert first <= document.adopted_on <= last, f"{link.label_en} was not adopted at {summit}"
    astana = Event.objects.get(title_en="24th Meeting of the SCO Council of Heads of State")
    assert "foreign-ministers" not in astana.source and "iranian-president" not in astana.source


@pytest.mark.django_db(transaction=False)
def test_the_astana_summit_theme_is_the_seed_article_s(shared_dir):
    from pathlib import Path

    from sco.events.demo_events import EVENTS

    seed = (Path(shared_dir) / "seeds" / "000_b3bd33414bb02f2b.txt").read_text()
    theme = re.search(r"under the theme “([^”]+)”", seed).group(1)
    summit = next(e for e in EVENTS if e.key == "kz-2024-summit")
    assert theme in summit.note


def _documents_agree_with_their_sources() -> None:
    for document in Document.objects.exclude(key__isnull=True):
        assert document.source_list, f"{document} has no source"
        if document.adopted_on is not None and document.summit is not None:
            assert document.summit.start <= document.adopted_on <= document.summit.end
    for text in DocumentText.objects.select_related("document"):
        assert "illustrative" in text.document.note_en.lower(), "only the illustrative document holds a text"
