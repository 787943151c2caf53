import datetime as dt

import pytest
from django.utils import timezone

from sco.core.models import ApiToken, AuditEntry


def test_a_token_is_shown_once_stored_hashed_and_signs_in(api, make_user):
    user = make_user("alice")
    api.force_login(user)
    response = api.post_json("/api/v1/tokens", {"name": "script", "days": 30})
    assert response.status_code == 201, response.content
    token = response.json()["token"]
    row = ApiToken.objects.get()
    assert token.startswith(f"sco_{row.prefix}_")
    assert token not in row.digest and len(row.digest) == 64
    assert AuditEntry.objects.filter(action="token.created").count() == 1

    fresh = type(api)()
    fresh.token = token
    me = fresh.get_json("/api/v1/me")
    assert me.status_code == 200 and me.json()["username"] == "alice"
    listed = api.get_json("/api/v1/tokens").json()
    assert "token" not in listed["items"][0]


def test_a_revoked_token_no_longer_signs_in(api, make_user):
    api.as_user(make_user("alice"))
    row = ApiToken.objects.get()
    assert api.delete_json(f"/api/v1/tokens/{row.pk}").status_code == 204
    response = api.get_json("/api/v1/me")
    assert response.status_code == 401
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["code"] == "invalid_token"


def test_an_expired_token_is_refused_with_problem_json(api, make_user):
    api.as_user(make_user("alice"))
    ApiToken.objects.update(expires_at=timezone.now() - dt.timedelta(seconds=1))
    response = api.get_json("/api/v1/me")
    assert response.status_code == 401 and response["Content-Type"] == "application/problem+json"


def test_a_made_up_token_is_refused(api, make_user):
    make_user("alice")
    api.token = "sco_0123456789_notarealtoken"
    assert api.get_json("/api/v1/me").status_code == 401
    api.token = "garbage"
    assert api.get_json("/api/v1/me").status_code == 401


def test_one_cannot_revoke_someone_elses_token(api, make_user):
    other = make_user("bob")
    api_other = type(api)().as_user(other)
    row = ApiToken.objects.get(user=other)
    api.as_user(make_user("alice"))
    assert api.delete_json(f"/api/v1/tokens/{row.pk}").status_code == 404
    assert api_other.get_json("/api/v1/me").status_code == 200


def test_tokens_page_shows_a_new_token_once_and_revokes_it(client, make_user):
    client.force_login(make_user("alice"))
    response = client.post("/account/tokens/", {"name": "laptop", "days": "10"})
    assert response.status_code == 200
    assert response.context["new_token"].startswith("sco_")
    again = client.get("/account/tokens/")
    assert again.context["new_token"] is None
    row = ApiToken.objects.get()
    client.post(f"/account/tokens/{row.pk}/revoke/")
    row.refresh_from_db()
    assert row.revoked_at is not None


def test_tokens_form_shows_field_errors_and_stores_nothing(client, make_user):
    client.force_login(make_user("alice"))
    response = client.post("/account/tokens/", {"name": "", "days": "900"})
    assert response.status_code == 422
    assert set(response.context["form"].errors) == {"name", "days"}
    assert not ApiToken.objects.exists()


@pytest.mark.postgres_only
def test_revoking_a_token_through_the_service_locks_and_stamps_it(make_user):
    """Runs on PostgreSQL in CI: the service locks the token row (issue #11, item 2)."""
    from sco.core.models import ApiToken
    from sco.core.services import token_create, token_revoke

    user = make_user("alice")
    row, _token = token_create(actor=user, user=user, name="laptop")
    revoked = token_revoke(actor=user, token_id=row.pk)
    assert revoked.revoked_at is not None
    assert ApiToken.objects.get(pk=row.pk).revoked_at == revoked.revoked_at
