"""The database goes away: pages and the API answer 503 at once, nothing is half written, and the platform recovers."""

from __future__ import annotations

import json
import threading
import time
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.db import OperationalError
from django.db.backends import utils
from django.test import Client

from sco.core import testing


@pytest.fixture
def database_away(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every query fails as it does when PostgreSQL is stopped."""

    def refuse(*args: Any, **kwargs: Any) -> None:
        raise OperationalError("connection refused (the test stopped the database)")

    monkeypatch.setattr(utils.CursorWrapper, "execute", refuse)
    monkeypatch.setattr(utils.CursorWrapper, "executemany", refuse)


@pytest.mark.django_db
def test_pages_and_the_api_answer_503_when_the_database_is_away(organisation: None, database_away: None) -> None:
    client = Client(raise_request_exception=False)
    page = client.get("/members/")
    assert page.status_code == 503
    assert page["Retry-After"] == "5"
    assert "Service unavailable" in page.content.decode()
    client.cookies["django_language"] = "ru"
    assert "Сервис временно недоступен" in client.get("/members/").content.decode()
    client.cookies["django_language"] = "en"
    for path in ("/api/v1/members/states", "/api/v1/projects/"):
        api = client.get(path)
        assert api.status_code == 503, path
        assert api["Content-Type"] == "application/problem+json"
        assert api.json()["code"] == "service_unavailable"
    from sco.core.tokens import new_token

    bearer = f"Bearer {new_token()[0]}"
    token = client.get("/api/v1/me", HTTP_AUTHORIZATION=bearer)  # the token check, in a middleware, finds no database
    assert token.status_code == 503
    assert token["Content-Type"] == "application/problem+json"


@pytest.mark.django_db
def test_other_server_errors_stay_500(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args: Any, **kwargs: Any) -> None:
        raise RuntimeError("a bug")

    monkeypatch.setattr(utils.CursorWrapper, "execute", broken)
    assert Client(raise_request_exception=False).get("/members/").status_code == 500


def _hammer(base: str, token: str, stop: threading.Event, seen: list[tuple[str, int, str, float]]) -> None:
    while not stop.is_set():
        for method, path in (("GET", "/members/"), ("GET", "/api/v1/members/states"), ("POST", "/api/v1/tokens")):
            started = time.monotonic()
            status, headers, _ = (
                testing.http_get(f"{base}{path}", timeout=30)
                if method == "GET"
                else _post(f"{base}{path}", {"name": "during the outage"}, token)
            )
            seen.append((path, status, headers.get("Content-Type", ""), time.monotonic() - started))


def _post(url: str, body: dict[str, Any], token: str) -> tuple[int, dict[str, str], bytes]:
    import urllib.error
    import urllib.request

    request = urllib.request.Request(  # noqa: S310  a local test server
        url,
        data=json.dumps(body).encode(),
        method="POST",
        headers={"Content-Type": "application/json", "Authorization": f"Bearer {token}"},
    )
    try:
        with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, dict(exc.headers), exc.read()


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_a_stopped_postgresql_answers_503_under_load_and_the_platform_recovers_by_itself(
    organisation: None, make_user: Any, tmp_path: Path
) -> None:
    testing.needs_postgresql()
    make_user("operator")
    out = StringIO()
    call_command("token", "create", "--user", "operator", "--name", "before", stdout=out)
    token = out.getvalue().strip().splitlines()[-1]
    with testing.postgres_cluster() as (pg,):
        url = testing.copy_test_database(pg)
        with testing.app_server(tmp_path, DATABASE_URL=url, PG_CONNECT_TIMEOUT="2") as base:
            assert testing.http_get(f"{base}/members/")[0] == 200
            assert _post(f"{base}/api/v1/tokens", {"name": "while up"}, token)[0] == 201
            tokens = pg.sql("SELECT count(*) FROM core_apitoken", "sco")
            entries = pg.sql("SELECT count(*) FROM core_auditentry", "sco")

            seen: list[tuple[str, int, str, float]] = []
            stop = threading.Event()
            clients = [threading.Thread(target=_hammer, args=(base, token, stop, seen)) for _ in range(3)]
            for client in clients:
                client.start()
            try:
                time.sleep(1)
                pg.stop("fast")  # the database goes away under load
                outage_from = len(seen)
                time.sleep(4)
                during = seen[outage_from:]
            finally:
                pg.start()
                time.sleep(1)
                stop.set()
                for client in clients:
                    client.join(timeout=60)

            assert {status for _, status, _, _ in seen} <= {200, 201, 503}, "never a 500"
            assert during and {status for _, status, _, _ in during[len(clients) :]} == {503}
            for path, status, content_type, took in during:
                assert took < 5, f"{path} took {took:.1f} s to answer"
                if status == 503:
                    expected = "application/problem+json" if path.startswith("/api/") else "text/html"
                    assert content_type.startswith(expected), (path, content_type)

            # back by itself: the next requests open fresh connections
            testing.wait_for(lambda: testing.http_get(f"{base}/members/")[0] == 200, timeout=30, what="recovery")
            assert testing.http_get(f"{base}/api/v1/members/states")[0] == 200
            assert _post(f"{base}/api/v1/tokens", {"name": "after"}, token)[0] == 201

        # nothing half written: every token made has its audit entry, and the chain holds
        made = int(pg.sql("SELECT count(*) FROM core_apitoken", "sco")) - int(tokens)
        assert int(pg.sql("SELECT count(*) FROM core_auditentry", "sco")) - int(entries) == made
        verify = testing.subprocess_run_sco(["audit", "verify"], tmp_path, DATABASE_URL=url)
        assert verify.returncode == 0, verify.stderr


@pytest.mark.django_db
def test_redis_going_away_is_a_503_too(organisation: None, monkeypatch: pytest.MonkeyPatch) -> None:
    from django.core.cache import caches
    from redis.exceptions import ConnectionError as RedisConnectionError

    def refuse(*args: Any, **kwargs: Any) -> None:
        raise RedisConnectionError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")

    monkeypatch.setattr(type(caches["default"]), "get", refuse)
    client = Client(raise_request_exception=False)
    assert client.get("/projects/").status_code == 503
    api = client.get("/api/v1/projects/")
    assert (api.status_code, api["Content-Type"]) == (503, "application/problem+json")
