"""Project search runs on the platform's full-text index: stems, three languages, ranking, and no leak."""

from __future__ import annotations

import pytest

from sco.core.models import SearchEntry
from sco.projects import selectors
from sco.projects.selectors import ProjectFilters

pytestmark = pytest.mark.django_db


def titles(viewer, q: str, sort: str = "updated") -> list[str]:
    return [p.title_en for p in selectors.project_list(viewer=viewer, filters=ProjectFilters(q=q, sort=sort))]


def _plain(**fields: str) -> dict[str, str]:
    """Only the words a test names: the fixture's other texts (a railway, its company) are blanked."""
    return {"title_ru": "", "title_zh": "", "summary_en": "Text.", "sponsor_name": "Agency", **fields}


def test_search_finds_words_by_their_stem_in_every_language(make_project):
    make_project(
        status="submitted", **_plain(title_en="Railway electrification", title_ru="Электрификация железных дорог")
    )
    make_project(status="submitted", **_plain(title_en="Solar plant", title_zh="太阳能电站"))
    assert titles(None, "railways") == ["Railway electrification"]
    assert titles(None, "железная дорога") == ["Railway electrification"]
    assert titles(None, "太阳能") == ["Solar plant"]
    assert titles(None, "electr") == ["Railway electrification"]
    assert titles(None, "railway solar") == []


def test_an_edit_is_found_at_once_and_its_old_words_are_gone(make_project, head_of_delegation):
    from sco.projects import services
    from sco.projects.tests.conftest import project_data

    project = make_project(title_en="Wind farm")
    services.project_update(
        actor=head_of_delegation("KZ"), project=project, data=project_data(sponsor_state="KZ", title_en="Hydro plant")
    )
    sponsor = head_of_delegation("KZ")
    assert titles(sponsor, "hydro") == ["Hydro plant"] and titles(sponsor, "wind") == []
    assert SearchEntry.objects.filter(kind="project", object_id=project.pk).count() == 1


def test_relevance_puts_a_match_in_the_title_first(make_project):
    make_project(status="submitted", **_plain(title_en="Corridor study", summary_en="A railway is mentioned."))
    make_project(status="submitted", **_plain(title_en="Railway upgrade", summary_en="Works on the line."))
    make_project(status="submitted", **_plain(title_en="Solar plant"))
    assert titles(None, "railway", sort="relevance") == ["Railway upgrade", "Corridor study"]


def test_search_never_shows_what_the_viewer_may_not_see(three):
    assert titles(None, "railway") == ["Open railway"]
