"""Read replicas: which reads the router sends where, and a real streaming standby started by the test."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.test import RequestFactory

from sco.core import replicas, testing


@pytest.fixture
def one_replica(settings):
    settings.DATABASE_REPLICAS = ["replica0"]
    settings.SCO_REPLICA_PIN_SECONDS = 10
    return replicas.ReplicaRouter()


def test_reads_go_to_a_replica_only_inside_replica_reads(one_replica, transactional_db):
    router = one_replica
    assert router.db_for_read(None) == "default"
    with replicas.replica_reads():
        assert router.db_for_read(None) == "replica0"
        with replicas.primary_reads():
            assert router.db_for_read(None) == "default"
        with transaction.atomic():  # a write service reads its own writes
            assert router.db_for_read(None) == "default"
        assert router.db_for_write(None) == "default"
    assert router.allow_migrate("default", "core") and not router.allow_migrate("replica0", "core")


def test_without_replicas_everything_reads_the_primary(settings):
    settings.DATABASE_REPLICAS = []
    with replicas.replica_reads():
        assert replicas.ReplicaRouter().db_for_read(None) == "default"


def _through_middleware(request: HttpRequest) -> tuple[str, HttpResponse]:
    seen: list[str] = []

    def view(request: HttpRequest) -> HttpResponse:
        seen.append(replicas.ReplicaRouter().db_for_read(None))
        return HttpResponse()

    response = replicas.ReplicaReadsMiddleware(view)(request)
    return seen[0], response


def test_the_middleware_reads_the_primary_for_writes_token_clients_and_a_browser_that_just_wrote(one_replica):
    factory = RequestFactory()
    assert _through_middleware(factory.get("/projects/"))[0] == "replica0"
    assert _through_middleware(factory.get("/api/v1/projects/", HTTP_AUTHORIZATION="Bearer x"))[0] == "default"
    used, response = _through_middleware(factory.post("/login/"))
    assert used == "default"
    pin = response.cookies[replicas.PIN_COOKIE]
    assert int(pin.value) > time.time() and pin["max-age"] == 10
    pinned = factory.get("/projects/")
    pinned.COOKIES[replicas.PIN_COOKIE] = pin.value
    assert _through_middleware(pinned)[0] == "default"
    expired = factory.get("/projects/")
    expired.COOKIES[replicas.PIN_COOKIE] = str(int(time.time()) - 1)
    assert _through_middleware(expired)[0] == "replica0"


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_an_app_server_reads_from_a_streaming_replica_where_staleness_is_safe(organisation, tmp_path: Path) -> None:
    """A primary and a standby made by pg_basebackup: with replay paused on the standby, an anonymous read sees the
    standby's older answer, while a write's next read (pinned) and a token client see the primary's."""
    testing.needs_postgresql()
    with testing.postgres_cluster(replica=True) as (primary, standby):
        url = testing.copy_test_database(primary)
        testing.wait_for(
            lambda: standby.sql("SELECT count(*) FROM pg_database WHERE datname = 'sco'") == "1",
            timeout=30,
            what="the standby to receive the database",
        )
        assert standby.sql("SELECT pg_is_in_recovery()") == "t"
        env = {"DATABASE_URL": url, "DATABASE_REPLICA_URLS": standby.url("sco")}
        with testing.app_server(tmp_path, **env) as base:

            def name(**headers: str) -> str:
                status, _, body = testing.http_get(f"{base}/api/v1/members/states/KZ", headers=headers)
                assert status == 200, body
                return str(json.loads(body)["name"])

            assert name() == "Kazakhstan"
            standby.sql("SELECT pg_wal_replay_pause()")
            renamed = "Kazakhstan (renamed on the primary)"
            primary.sql(
                "UPDATE members_state SET name_en = 'Kazakhstan (renamed on the primary)' WHERE code = 'KZ'", "sco"
            )
            assert name() == "Kazakhstan", "an anonymous read is answered by the (paused) replica"
            pinned = f"{replicas.PIN_COOKIE}={int(time.time()) + 10}"
            assert name(Cookie=pinned) == renamed
            standby.sql("SELECT pg_wal_replay_resume()")
            testing.wait_for(lambda: name() != "Kazakhstan", timeout=20, what="the replica to catch up")
            assert name() == renamed
