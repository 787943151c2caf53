"""A delegate of one state cannot act for another: through the service, the API and the pages."""

import pytest

from sco.core.models import AuditEntry
from sco.members import services
from sco.members.models import Body, Mandate, State


def test_a_head_of_delegation_adds_a_delegate_of_their_own_state(head_of_delegation, make_user):
    hod = head_of_delegation("KZ")
    newcomer = make_user("aigerim")
    mandate = services.mandate_grant(
        actor=hod,
        user=newcomer,
        role="delegate",
        state=State.objects.get(code="KZ"),
        bodies=[Body.objects.get(code="swg-investment")],
    )
    assert mandate.state.code == "KZ" and [b.code for b in mandate.bodies.all()] == ["swg-investment"]
    entry = AuditEntry.objects.get(action="mandate.granted")
    assert entry.actor == hod and entry.on_behalf_of == "state:KZ" and entry.after["bodies"] == ["swg-investment"]


def test_a_head_of_delegation_cannot_add_a_delegate_for_another_state(head_of_delegation, make_user):
    from sco.members.permissions import MayNotActForState

    hod = head_of_delegation("KZ")
    with pytest.raises(MayNotActForState):
        services.mandate_grant(
            actor=hod,
            user=make_user("ivan"),
            role="delegate",
            state=State.objects.get(code="RU"),
            bodies=[Body.objects.get(code="swg-investment")],
        )
    assert not Mandate.objects.filter(user__username="ivan").exists()
    assert not AuditEntry.objects.filter(action="mandate.granted").exists()


def test_invalid_mandates_are_refused_with_field_errors_and_nothing_stored(secretariat, make_user):
    from sco.members.services import MandateInvalid

    with pytest.raises(MandateInvalid) as caught:
        services.mandate_grant(
            actor=secretariat, user=make_user("x"), role="delegate", state=State.objects.get(code="MN")
        )
    assert set(caught.value.field_errors) == {"state", "bodies"}
    assert not Mandate.objects.filter(user__username="x").exists()


def test_through_the_api_a_delegate_of_one_state_cannot_act_for_another(api, head_of_delegation, make_user):
    make_user("ivan")
    api.as_user(head_of_delegation("KZ"))
    refused = api.post_json(
        "/api/v1/members/delegations",
        {"username": "ivan", "role": "delegate", "state": "RU", "bodies": ["swg-investment"]},
    )
    assert refused.status_code == 403
    assert refused["Content-Type"] == "application/problem+json"
    assert refused.json()["code"] == "may_not_act_for_state"
    assert not Mandate.objects.filter(user__username="ivan").exists()
    allowed = api.post_json(
        "/api/v1/members/delegations",
        {"username": "ivan", "role": "delegate", "state": "KZ", "bodies": ["swg-investment"]},
    )
    assert allowed.status_code == 201, allowed.content
    assert allowed.json()["state"] == "KZ"


def test_through_the_pages_a_delegate_of_one_state_cannot_act_for_another(client, head_of_delegation, make_user):
    make_user("ivan")
    client.force_login(head_of_delegation("KZ"))
    swg = Body.objects.get(code="swg-investment")
    other = client.get("/members/states/RU/")
    assert other.context["form"] is None, "no form is offered for another state's delegation"
    refused = client.post("/members/states/RU/", {"username": "ivan", "bodies": [swg.pk]})
    assert refused.status_code == 403
    assert not Mandate.objects.filter(user__username="ivan").exists()
    own = client.post("/members/states/KZ/", {"username": "ivan", "bodies": [swg.pk]})
    assert own.status_code == 200
    assert Mandate.objects.filter(user__username="ivan", state__code="KZ").exists()


def test_the_delegate_form_shows_field_errors_in_the_users_language(client, head_of_delegation):
    client.force_login(head_of_delegation("KZ"))
    response = client.post("/members/states/KZ/", {"username": "nobody"}, HTTP_ACCEPT_LANGUAGE="ru")
    assert response.status_code == 422
    errors = response.context["form"].errors
    assert "username" in errors and "bodies" in errors
    assert errors["username"][0] == "Активного пользователя с таким именем нет."


def test_delegations_are_not_shown_to_the_public(api, head_of_delegation):
    head_of_delegation("KZ")
    assert api.get_json("/api/v1/members/delegations").status_code == 401
