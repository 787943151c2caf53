"""Sign-in is throttled per account and per address; the person is told why and until when; the trail records it."""

import pytest
from django.test import Client

from sco.conftest import DEMO_PASSWORD
from sco.core.models import AuditEntry

pytestmark = pytest.mark.django_db


def _fail(client: Client, username: str, times: int, path: str = "/login/", **extra):  # type: ignore[no-untyped-def]
    responses = [client.post(path, {"username": username, "password": "wrong-password"}, **extra) for _ in range(times)]
    return responses[-1]


def test_wrong_passwords_lock_the_account_and_the_right_one_then_waits(make_user, settings):
    make_user("alice")
    client = Client()
    assert _fail(client, "alice", settings.AXES_FAILURE_LIMIT - 1).status_code == 200
    locked = _fail(client, "alice", 1)
    assert locked.status_code == 429
    text = locked.content.decode()
    assert "Sign-in paused" in text and "Try again after" in text
    assert int(locked["Retry-After"]) == settings.AXES_COOLOFF_TIME.total_seconds()
    right = Client(REMOTE_ADDR="10.9.9.9").post("/login/", {"username": "alice", "password": DEMO_PASSWORD})
    assert right.status_code == 429, "the account is locked from every address"
    entry = AuditEntry.objects.filter(action="login.locked_out").order_by("seq").first()
    assert entry is not None
    assert entry.after["username"] == "alice" and entry.actor is None


def test_wrong_passwords_from_one_address_lock_that_address_for_every_account(make_user, settings):
    make_user("bob")
    client = Client(REMOTE_ADDR="10.1.1.1")
    for i in range(settings.AXES_FAILURE_LIMIT):
        client.post("/login/", {"username": f"nobody-{i}", "password": "wrong-password"})
    assert client.post("/login/", {"username": "bob", "password": DEMO_PASSWORD}).status_code == 429
    other = Client(REMOTE_ADDR="10.2.2.2")
    assert other.post("/login/", {"username": "bob", "password": DEMO_PASSWORD}).status_code == 302


def test_a_success_before_the_limit_starts_the_count_again(make_user, settings):
    make_user("carol")
    client = Client()
    _fail(client, "carol", settings.AXES_FAILURE_LIMIT - 1)
    assert client.post("/login/", {"username": "carol", "password": DEMO_PASSWORD}).status_code == 302
    client.logout()
    assert _fail(client, "carol", settings.AXES_FAILURE_LIMIT - 1).status_code == 200


def test_the_admin_login_is_throttled_too(make_user, settings):
    make_user("root", is_staff=True, is_superuser=True)
    client = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post("/admin/login/", {"username": "root", "password": "wrong-password"})
    assert client.post("/admin/login/", {"username": "root", "password": DEMO_PASSWORD}).status_code == 429


def test_the_test_clients_login_still_works(make_user, client):
    make_user("dave")
    assert client.login(username="dave", password=DEMO_PASSWORD)
