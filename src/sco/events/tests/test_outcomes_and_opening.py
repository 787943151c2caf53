"""Outcome links and follow-up items are edited, removed and marked done after they are added (services, API,
pages); registration opens at its set time and is refused before it."""

from datetime import UTC, datetime

import pytest
from django.test import Client

from sco.core.errors import NotPermitted
from sco.core.models import AuditEntry
from sco.events import services
from sco.events.errors import EventInvalid, RegistrationNotYetOpen
from sco.events.models import FollowUp, OutcomeLink, Registration
from sco.members.models import State

pytestmark = pytest.mark.django_db

FUTURE = {"start_local": datetime(2027, 7, 3, 10, 0), "end_local": datetime(2027, 7, 3, 18, 0)}


@pytest.fixture
def outcomes(make_event, secretariat):
    event = make_event(**FUTURE)
    link = services.outcome_link_add(
        actor=secretariat, event=event, kind="document", label_en="Joint communiqué", url="https://example.org/c"
    )
    item = services.follow_up_add(actor=secretariat, event=event, text_en="Send the report")
    return event, link, item


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


# Services


def test_an_organiser_edits_an_outcome_link_and_the_audit_keeps_before_and_after(outcomes, secretariat):
    _event, link, _item = outcomes
    services.outcome_link_update(actor=secretariat, link=link, label_en=" Astana Declaration ", kind="document")
    link.refresh_from_db()
    assert link.label_en == "Astana Declaration" and link.url == "https://example.org/c"
    entry = AuditEntry.objects.get(action="event.outcome_updated")
    assert entry.before["label_en"] == "Joint communiqué" and entry.after["label_en"] == "Astana Declaration"


def test_a_bad_outcome_edit_stores_nothing(outcomes, secretariat):
    _event, link, _item = outcomes
    for changes in ({"label_en": "  "}, {"kind": "treaty"}, {"url": "ftp://x"}, {"event_id": 5}):
        with pytest.raises(EventInvalid):
            services.outcome_link_update(actor=secretariat, link=link, **changes)
    link.refresh_from_db()
    assert link.label_en == "Joint communiqué" and link.kind == "document"
    assert not AuditEntry.objects.filter(action="event.outcome_updated").exists()


def test_another_states_delegate_may_not_touch_outcomes_or_follow_ups(outcomes, head_of_delegation):
    _event, link, item = outcomes
    other = head_of_delegation("CN")
    for call in (
        lambda: services.outcome_link_update(actor=other, link=link, label_en="x"),
        lambda: services.outcome_link_remove(actor=other, link=link),
        lambda: services.follow_up_update(actor=other, item=item, done=True),
        lambda: services.follow_up_remove(actor=other, item=item),
    ):
        with pytest.raises(NotPermitted):
            call()
    assert OutcomeLink.objects.count() == 1 and not FollowUp.objects.get().done


def test_an_organiser_removes_an_outcome_link_with_an_audit_entry(outcomes, secretariat):
    _event, link, _item = outcomes
    services.outcome_link_remove(actor=secretariat, link=link)
    assert not OutcomeLink.objects.exists()
    assert AuditEntry.objects.get(action="event.outcome_removed").before["label_en"] == "Joint communiqué"


def test_marking_a_follow_up_done_is_audited_and_can_be_undone(outcomes, secretariat):
    _event, _link, item = outcomes
    services.follow_up_update(actor=secretariat, item=item, done=True)
    assert FollowUp.objects.get().done
    assert AuditEntry.objects.filter(action="event.follow_up_done").count() == 1
    services.follow_up_update(actor=secretariat, item=item, done=False)
    assert not FollowUp.objects.get().done
    assert AuditEntry.objects.filter(action="event.follow_up_updated").count() == 1


def test_editing_a_follow_up_changes_only_what_is_given(outcomes, secretariat):
    _event, _link, item = outcomes
    kz = State.objects.get(code="KZ")
    services.follow_up_update(actor=secretariat, item=item, owner_state=kz, due=datetime(2027, 9, 1).date())
    services.follow_up_update(actor=secretariat, item=item, text_ru="Направить доклад")
    item.refresh_from_db()
    assert (item.text_en, item.text_ru, item.owner_state, str(item.due)) == (
        "Send the report",
        "Направить доклад",
        kz,
        "2027-09-01",
    )
    with pytest.raises(EventInvalid):
        services.follow_up_update(actor=secretariat, item=item, text_en=" ")
    services.follow_up_remove(actor=secretariat, item=item)
    assert not FollowUp.objects.exists() and AuditEntry.objects.filter(action="event.follow_up_removed").exists()


# API


def test_the_api_edits_and_removes_outcome_links(api, outcomes, secretariat):
    event, link, _item = outcomes
    api.as_user(secretariat)
    response = api.patch_json(f"/api/v1/events/{event.pk}/outcomes/{link.pk}", {"label_en": "Astana Declaration"})
    assert response.status_code == 200 and response.json()["label"] == "Astana Declaration"
    bad = api.patch_json(f"/api/v1/events/{event.pk}/outcomes/{link.pk}", {"url": "javascript:alert(1)"})
    assert bad.status_code == 422 and bad["Content-Type"].startswith("application/problem+json")
    assert api.delete_json(f"/api/v1/events/{event.pk}/outcomes/{link.pk}").status_code == 204
    assert api.delete_json(f"/api/v1/events/{event.pk}/outcomes/{link.pk}").status_code == 404


def test_the_api_marks_a_follow_up_done_edits_it_and_removes_it(api, outcomes, secretariat):
    event, _link, item = outcomes
    api.as_user(secretariat)
    url = f"/api/v1/events/{event.pk}/follow-ups/{item.pk}"
    done = api.patch_json(url, {"done": True, "owner_state": "kz", "due": "2027-09-01"})
    assert done.status_code == 200, done.content
    assert done.json() == {
        "id": item.pk,
        "text": "Send the report",
        "owner_state": "KZ",
        "due": "2027-09-01",
        "done": True,
    }
    cleared = api.patch_json(url, {"owner_state": "", "clear_due": True})
    assert cleared.json()["owner_state"] is None and cleared.json()["due"] is None
    assert api.patch_json(url, {"owner_state": "XX"}).status_code == 422
    assert api.delete_json(url).status_code == 204 and not FollowUp.objects.exists()


def test_the_api_answers_not_found_to_a_delegate_who_may_not_manage_or_see(
    api, outcomes, head_of_delegation, make_event, secretariat
):
    event, link, item = outcomes
    api.as_user(head_of_delegation("CN"))
    assert api.patch_json(f"/api/v1/events/{event.pk}/outcomes/{link.pk}", {"label_en": "x"}).status_code == 403
    assert api.delete_json(f"/api/v1/events/{event.pk}/follow-ups/{item.pk}").status_code == 403
    # A link asked for under another event is not found.
    other = make_event(**FUTURE, title_en="Other")
    api.as_user(secretariat)
    assert api.delete_json(f"/api/v1/events/{other.pk}/outcomes/{link.pk}").status_code == 404
    assert OutcomeLink.objects.count() == 1 and FollowUp.objects.count() == 1


# Pages


def test_the_organiser_marks_a_follow_up_done_and_removes_a_link_with_htmx(outcomes, head_of_delegation):
    event, link, item = outcomes
    client = client_for(head_of_delegation("KZ"))
    page = client.get(f"/events/{event.pk}/").content.decode()
    assert f"/events/{event.pk}/follow-ups/{item.pk}/done/" in page
    done = client.post(f"/events/{event.pk}/follow-ups/{item.pk}/done/", {"done": "1"}, HTTP_HX_REQUEST="true")
    assert done.status_code == 200 and 'data-done="1"' in done.content.decode()
    assert FollowUp.objects.get().done
    removed = client.post(f"/events/{event.pk}/outcomes/{link.pk}/remove/", HTTP_HX_REQUEST="true")
    assert removed.status_code == 200 and "Joint communiqué" not in removed.content.decode()
    gone = client.post(f"/events/{event.pk}/follow-ups/{item.pk}/remove/")
    assert gone.status_code == 302 and gone["Location"].endswith("#outcomes") and not FollowUp.objects.exists()


def test_the_edit_pages_change_the_records_and_show_field_errors(outcomes, head_of_delegation):
    event, link, item = outcomes
    client = client_for(head_of_delegation("KZ"))
    url = f"/events/{event.pk}/outcomes/{link.pk}/edit/"
    assert client.get(url).status_code == 200
    bad = client.post(url, {"kind": "document", "label_en": "x", "url": "ftp://nowhere"})
    assert bad.status_code == 422 and "A link starts with" in bad.content.decode()
    ok = client.post(url, {"kind": "project", "label_en": "Energy Strategy", "url": ""})
    assert ok.status_code == 302
    link.refresh_from_db()
    assert (link.kind, link.label_en, link.url) == ("project", "Energy Strategy", "")
    url = f"/events/{event.pk}/follow-ups/{item.pk}/edit/"
    page = client.get(url).content.decode()
    assert "Send the report" in page
    ok = client.post(url, {"text_en": "Send the final report", "owner_state": "KZ", "due": "2027-09-01", "done": "on"})
    assert ok.status_code == 302
    item.refresh_from_db()
    assert item.text_en == "Send the final report" and item.done and item.owner_state.code == "KZ"


def test_a_delegate_who_may_not_manage_gets_not_found_and_sees_no_controls(outcomes, head_of_delegation):
    event, link, item = outcomes
    client = client_for(head_of_delegation("CN"))
    assert "/remove/" not in client.get(f"/events/{event.pk}/").content.decode()
    assert client.get(f"/events/{event.pk}/outcomes/{link.pk}/edit/").status_code == 404
    assert client.post(f"/events/{event.pk}/follow-ups/{item.pk}/done/", {"done": "1"}).status_code == 404
    assert client.post(f"/events/{event.pk}/outcomes/{link.pk}/remove/").status_code == 404
    assert OutcomeLink.objects.count() == 1 and not FollowUp.objects.get().done


# Registration opens


def test_registration_before_it_opens_is_refused_with_the_local_opening_time(make_event, head_of_delegation):
    event = make_event(**FUTURE, registration_opens_local=datetime(2027, 6, 1, 9, 0))
    assert event.registration_opens_at == datetime(2027, 6, 1, 4, 0, tzinfo=UTC)
    delegate = head_of_delegation("KZ")
    with pytest.raises(RegistrationNotYetOpen) as refused:
        services.registration_create(actor=delegate, event=event, now=datetime(2027, 5, 31, 12, 0, tzinfo=UTC))
    assert "2027-06-01 09:00" in refused.value.message and "Asia/Almaty" in refused.value.message
    assert not Registration.objects.exists()
    services.registration_create(actor=delegate, event=event, now=datetime(2027, 6, 1, 4, 0, tzinfo=UTC))
    assert Registration.objects.count() == 1


def test_registration_must_open_before_its_deadline(make_event):
    with pytest.raises(EventInvalid) as refused:
        make_event(
            **FUTURE,
            registration_opens_local=datetime(2027, 6, 2, 9, 0),
            registration_closes_local=datetime(2027, 6, 1, 9, 0),
        )
    assert "registration_opens" in refused.value.field_errors


def test_the_api_sets_the_opening_time_and_refuses_early_registration_with_409(api, secretariat, head_of_delegation):
    from sco.events.tests.test_api import PAYLOAD

    api.as_user(secretariat)
    created = api.post_json("/api/v1/events/", {**PAYLOAD, "registration_opens": "2027-06-30T09:00"})
    assert created.status_code == 201, created.content
    assert created.json()["registration_opens_at"].startswith("2027-06-30T04:00")
    api.as_user(head_of_delegation("KZ"))
    early = api.post_json(f"/api/v1/events/{created.json()['id']}/registrations", {"delegation": "KZ"})
    assert early.status_code == 409 and early.json()["code"] == "registration_not_yet_open"
    assert "2027-06-30 09:00" in early.json()["detail"]


def test_the_event_page_says_when_registration_opens(make_event, head_of_delegation):
    event = make_event(**FUTURE, registration_opens_local=datetime(2027, 6, 1, 9, 0))
    page = client_for(head_of_delegation("KZ")).get(f"/events/{event.pk}/").content.decode()
    assert "Registration opens on 2027-06-01 09:00 (Asia/Almaty)." in page
    assert "registration-form" not in page
