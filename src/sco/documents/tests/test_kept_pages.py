"""The registry's results, its search form and the home panel are kept for everyone who sees the same documents
(permissions.audience): a page kept for a viewer who sees restricted drafts never reaches one who may not, not even
as a count, and a write of a document, a body, or a mandate granted or ended, shows on the next request."""

from __future__ import annotations

from typing import Any

from django.test import Client
from django.utils import timezone

from sco.documents import services

SEARCH = "/documents/?q=energy"


def client_of(user: Any = None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def results(client: Client, path: str = SEARCH) -> str:
    response = client.get(path)
    assert response.status_code == 200
    return response.content.decode().split('id="results"')[1]


def link(document: Any) -> str:
    return f'href="/documents/{document.pk}/"'


def test_a_page_kept_for_a_delegation_never_reaches_a_viewer_who_may_not_see_restricted_drafts(
    draft, head_of_delegation, make_user
):
    for path in (SEARCH, "/documents/"):
        assert link(draft) in results(client_of(head_of_delegation("KZ")), path)
        for outsider in (client_of(), client_of(make_user("no-mandate"))):
            page = results(outsider, path)
            assert link(draft) not in page
            assert "0 documents" in page
    assert link(draft) in results(client_of(head_of_delegation("CN")))


def test_a_draft_made_public_and_restricted_again_shows_at_once(draft, secretariat):
    anonymous = client_of()
    assert link(draft) not in results(anonymous)
    services.document_update(actor=secretariat, document=draft, restricted=False)
    assert link(draft) in results(anonymous)
    services.document_update(actor=secretariat, document=draft, restricted=True)
    assert link(draft) not in results(anonymous)


def test_a_granted_and_an_ended_mandate_show_at_once(draft, make_user, secretariat, grant_since_yesterday):
    from sco.members import services as members

    person = make_user("newcomer")
    client = client_of(person)
    assert link(draft) not in results(client)
    mandate = grant_since_yesterday(person)
    assert link(draft) in results(client)
    members.mandate_end(actor=secretariat, mandate=mandate, end=timezone.localdate())
    assert link(draft) not in results(client)


def test_a_renamed_body_shows_at_once_in_the_form_and_the_results(draft, secretariat, body):
    services.document_update(actor=secretariat, document=draft, restricted=False)
    anonymous = client_of()
    assert body.name_en in anonymous.get(SEARCH).content.decode()
    body.name_en = "Council of renamed heads"
    body.save()
    page = anonymous.get(SEARCH).content.decode()
    form, found = page.split('id="results"')
    assert "Council of renamed heads" in form and "Council of renamed heads" in found


def test_the_kept_page_is_read_with_no_query_of_its_own(draft, django_assert_max_num_queries):
    anonymous = client_of()
    anonymous.get(SEARCH)
    with django_assert_max_num_queries(0):
        assert anonymous.get(SEARCH).status_code == 200


def test_a_document_superseded_shows_at_once(agreement, make_document, secretariat):
    """Relating a new document as superseding an adopted one changes the older one's status by an update."""
    anonymous = client_of()
    assert "Superseded" not in results(anonymous, "/documents/")
    newer = make_document(title_en="Newer agreement", restricted=False)
    assert "Superseded" not in results(anonymous, "/documents/")
    services.document_relate(actor=secretariat, source=newer, target=agreement, kind="supersedes")
    assert "Superseded" in results(anonymous, "/documents/")
