from urllib.parse import urlencode

import pytest
from django.contrib.auth.models import AnonymousUser

from sco.documents import services
from sco.documents.search import document_search
from sco.documents.selectors import DocumentFilters, document_list
from sco.members import permissions as members_permissions

pytestmark = pytest.mark.django_db


def _ids(page):
    return [h.document.pk for h in page.hits]


def test_russian_query_finds_an_inflected_form(draft, secretariat):
    page = document_search(viewer=secretariat, query="энергетикой")
    assert _ids(page) == [draft.pk]
    assert any(m for _, m in page.hits[0].snippet)


def test_chinese_two_character_term_is_found(draft, secretariat):
    page = document_search(viewer=secretariat, query="走廊")
    assert _ids(page) == [draft.pk]
    assert ("走廊", True) in page.hits[0].snippet


def test_chinese_longer_term_must_be_contiguous(draft, secretariat):
    assert _ids(document_search(viewer=secretariat, query="交通走廊")) == [draft.pk]
    assert _ids(document_search(viewer=secretariat, query="能源走廊")) == []


def test_two_word_queries_need_both_words(draft, secretariat):
    assert _ids(document_search(viewer=secretariat, query="energy corridors")) == [draft.pk]
    assert _ids(document_search(viewer=secretariat, query="energy narcotics")) == []


def test_restricted_drafts_are_invisible_to_the_public_even_as_a_count(draft):
    page = document_search(viewer=AnonymousUser(), query="энергетика")
    assert page.count == 0 and page.hits == []
    assert not document_list(viewer=AnonymousUser()).filter(pk=draft.pk).exists()


def test_delegations_see_restricted_drafts(draft, head_of_delegation):
    assert document_search(viewer=head_of_delegation("KZ"), query="энергетика").count == 1


def test_filters_narrow_the_search(draft, secretariat):
    assert document_search(viewer=secretariat, query="energy", filters=DocumentFilters(kind="decision")).count == 0
    assert document_search(viewer=secretariat, query="energy", filters=DocumentFilters(area="energy")).count == 1


def test_search_costs_a_fixed_number_of_queries(make_document, secretariat, django_assert_num_queries):
    for i in range(12):
        d = make_document(title_en=f"Energy plan {i}")
        services.text_version_add(actor=secretariat, document=d, language="en", content=f"Energy text {i}.")
    with members_permissions.remembered():  # as in a request: the scope query is read once and remembered
        members_permissions.sees_member_only(secretariat)
        with django_assert_num_queries(5):
            page = document_search(viewer=secretariat, query="energy", page_size=5)
        assert page.count == 12 and len(page.hits) == 5
        with django_assert_num_queries(5):
            document_search(viewer=secretariat, query="energy", page_size=12)


def test_title_change_reindexes(make_document, secretariat):
    d = make_document(title_en="Old title")
    services.document_update(actor=secretariat, document=d, title_en="Tourism capital")
    assert document_search(viewer=secretariat, query="tourism").count == 1
    assert document_search(viewer=secretariat, query="old").count == 0


def test_a_very_common_word_gives_a_capped_count(make_document, secretariat, monkeypatch):
    from sco.documents import search as registry_search

    monkeypatch.setattr(registry_search, "COUNT_CAP", 3)
    for i in range(5):
        make_document(title_en=f"Energy plan {i}")
    page = document_search(viewer=secretariat, query="energy", page_size=2)
    assert page.more and page.count == 3 and len(page.hits) == 2


@pytest.mark.parametrize("who", ["anonymous", "signed in without a mandate"])
def test_a_term_of_a_restricted_draft_shows_nothing_of_it_to_an_outsider(
    client, api, draft, secretariat, make_user, who
):
    queries = ("corridors", "энергетикой", "走廊", "交通走廊", draft.title_en)
    assert all(_ids(document_search(viewer=secretariat, query=q)) == [draft.pk] for q in queries)  # it is there
    viewer = AnonymousUser()
    if who != "anonymous":
        viewer = make_user("outsider")
        client.force_login(viewer)
        api = api.as_user(viewer)
    for q in queries:
        page = document_search(viewer=viewer, query=q)
        assert page.count == 0 and page.hits == [] and not page.more
        html = client.get("/documents/", {"q": q}, HTTP_HX_REQUEST="true").content.decode()  # the results alone
        assert 'id="result-count">0 documents' in html and "Nothing matches your search." in html
        assert f"/documents/{draft.pk}/" not in html and "<mark>" not in html and draft.title_en not in html
        assert 'id="result-count">0 documents' in client.get("/documents/", {"q": q}).content.decode()
        found = api.get_json("/api/v1/documents/search?" + urlencode({"q": q})).json()
        assert found["count"] == 0 and found["hits"] == []


def test_the_registry_page_keeps_its_results_and_a_written_document_shows_at_once(make_document, secretariat):
    from django.test import Client

    from sco.conftest import DEMO_PASSWORD

    client = Client()
    assert client.login(username=secretariat.username, password=DEMO_PASSWORD)
    d = make_document(title_en="Tourism plan")
    assert "</mark> plan" in client.get("/documents/?q=tourism").content.decode()
    assert "</mark> plan" in client.get("/documents/?q=tourism", HTTP_HX_REQUEST="true").content.decode()
    services.document_update(actor=secretariat, document=d, title_en="Tourism capital")
    html = client.get("/documents/?q=tourism").content.decode()
    assert "</mark> capital" in html and "</mark> plan" not in html
    assert "data-document" not in Client().get("/documents/?q=capital&kind=treaty").content.decode()
