"""Speed of the TAXII 2.1 server (infosec) on SYNTHETIC STIX data (generated indicators, labelled synthetic).

    uv venv var/medallion-venv && uv pip install --python var/medallion-venv/bin/python medallion
                                                    # the OASIS reference server, in a throwaway venv of its own
    uv run python bench/bench_infosec.py            # small: collections of 1,000 / 10,000 / 100,000 objects, 4 clients
    uv run python bench/bench_infosec.py --full     # the issue's sizes: 1,000 / 100,000 / 1,000,000 objects, 16 clients
    (--pages-only, --throughput-only, --clients N, --runs N, --budget SECONDS for the paging clients (a server that
     has not served the whole collection by then is measured on what it served, and said so), --drop: drop the
     bench database at the end)

PostgreSQL only (BENCH_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/sco_infosec_bench), in a database of
its own that it creates, migrates and fills once per size with COPY. Prints the machine's load, then:

1. CPU per page of 100 objects through TAXII (Django's handler in this process, a CERT key, TLP enforced, the AMBER
   reads logged for the audit trail), beside a bare endpoint through the same Django stack that returns 100 stored
   objects after the same position with one hand-written query (bench_infosec_urls.py), and beside that query alone
   over psycopg, at each collection size. CPU = this process's CPU time plus its PostgreSQL backend's (from /proc).
2. CPU per posted object of validation (OASIS schema, then stix2's rules and pattern grammar) and signing, then
   throughput beside medallion on the same 1,000 objects in the same run: posting envelopes of 100 objects, then N
   concurrent clients each paging the whole collection (100 a page), within a time budget. Ours runs under gunicorn
   (3 workers x 4 threads, as `make run`); medallion under its own server with its memory backend.
Never asserts on time. Synthetic rows carry a fixed placeholder instead of a real signature (signing 1,000,000 objects
would measure Ed25519, not the server); posted objects are signed as in production.
"""

from __future__ import annotations

import argparse
import base64
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from functools import partial
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))

TAXII = "application/taxii+json;version=2.1"
BASE_TIME = datetime(2026, 1, 5, tzinfo=UTC)
TLP_CLEAR = "marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487"
TLP_GREEN = "marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb"
TLP_AMBER = "marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421"


def setup(url: str) -> None:
    import psycopg

    base, name = url.rsplit("/", 1)
    with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench_infosec_settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from sco.infosec import demo as infosec_demo
    from sco.members import demo as members_demo

    members_demo.load_organisation()
    members_demo.load_users()
    infosec_demo.load(stdout=open(os.devnull, "w"))  # noqa: SIM115  closed at exit


def synthetic(i: int, kz: str, uz: str, ru: str) -> tuple[str, int, list[str], str]:
    """(payload, tlp level, audience, stix id) of synthetic indicator number i: 10% CLEAR, 60% GREEN, 20% AMBER for
    UZ, 10% AMBER for RU only (invisible to the UZ reader)."""
    kind = i % 10
    marking, level, audience = (
        (TLP_CLEAR, 0, [])
        if kind == 0
        else (TLP_GREEN, 1, [])
        if kind <= 6
        else (TLP_AMBER, 2, [uz] if kind <= 8 else [ru])
    )
    stix_id = f"indicator--{uuid.UUID(int=i + 1, version=4)}"
    created = (BASE_TIME + timedelta(seconds=i)).strftime("%Y-%m-%dT%H:%M:%S.000Z")
    obj: dict[str, Any] = {
        "type": "indicator",
        "spec_version": "2.1",
        "id": stix_id,
        "created": created,
        "modified": created,
        "created_by_ref": kz,
        "name": f"SYNTHETIC indicator {i}",
        "description": "Synthetic benchmark object: not a real indicator.",
        "indicator_types": ["malicious-activity"],
        "pattern": f"[ipv4-addr:value = '10.{i >> 16 & 255}.{i >> 8 & 255}.{i & 255}']",
        "pattern_type": "stix",
        "valid_from": created,
        "object_marking_refs": [marking],
    }
    if audience:
        obj["x_sco_audience_refs"] = audience
    return json.dumps(obj, separators=(",", ":")), level, audience, stix_id


def fill(n: int) -> Any:
    from django.db import connection, transaction

    from sco.infosec import services
    from sco.infosec.models import Cert, StixObject

    certs = {c.institution.code: c for c in Cert.objects.select_related("institution")}
    kz, uz, ru = (certs[c] for c in ("kz-cert", "uz-cert", "ru-cert"))
    collection = services.collection_create(actor=None, alias=f"bench-{n}", title_en=f"SYNTHETIC bench {n:,}")
    for cert in certs.values():
        if not collection.grants.filter(cert=cert).exists():
            services.grant_set(actor=None, collection=collection, cert=cert, can_read=True, can_write=True)
    if StixObject.objects.filter(collection=collection).count() == n:
        return collection
    print(f"filling: {n:,} synthetic STIX indicators with COPY …", flush=True)
    with transaction.atomic(), connection.cursor() as cur:
        cur.execute(
            "DELETE FROM infosec_audience WHERE obj_id IN (SELECT id FROM infosec_stixobject WHERE collection_id = %s)",
            [collection.pk],
        )
        cur.execute("DELETE FROM infosec_stixobject WHERE collection_id = %s", [collection.pk])
        cur.execute("SELECT COALESCE(MAX(id), 0) FROM infosec_stixobject")
        first_id = cur.fetchone()[0] + 1
        raw = cur.cursor  # psycopg's own cursor, for COPY
        audience_rows: list[tuple[int, str]] = []
        with raw.copy(
            "COPY infosec_stixobject (id, collection_id, stix_id, type, spec_version, version, date_added, is_latest,"
            " tlp, creator_id, created_by_ref, revoked, payload, signature) FROM STDIN"
        ) as copy:
            for i in range(n):
                payload, level, audience, stix_id = synthetic(i, kz.identity_id, uz.identity_id, ru.identity_id)
                row_id = first_id + i
                # 50 objects share each date_added, as a large envelope's objects do
                added = BASE_TIME + timedelta(milliseconds=i // 50)
                copy.write_row(
                    (
                        row_id,
                        collection.pk,
                        stix_id,
                        "indicator",
                        "2.1",
                        BASE_TIME + timedelta(seconds=i),
                        added,
                        True,
                        level,
                        kz.pk,
                        kz.identity_id,
                        False,
                        payload,
                        "SYNTHETIC-UNSIGNED",
                    )
                )
                audience_rows.extend((row_id, a) for a in audience)
        with raw.copy("COPY infosec_audience (obj_id, principal) FROM STDIN") as copy:
            for row in audience_rows:
                copy.write_row(row)
        cur.execute(
            "SELECT setval(pg_get_serial_sequence('infosec_stixobject', 'id'),"
            " (SELECT MAX(id) FROM infosec_stixobject))"
        )
    with connection.cursor() as cur:
        cur.execute("ANALYZE infosec_stixobject")
        cur.execute("ANALYZE infosec_audience")
    return collection


def backend_cpu(pid: int) -> float:
    """Seconds of CPU the PostgreSQL backend `pid` has used (utime + stime from /proc; same machine)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


SAME_100 = (
    "SELECT payload FROM infosec_stixobject WHERE collection_id = %s AND stix_id = ANY(%s) AND is_latest "
    "ORDER BY date_added, id"
)
KEYSET = (
    "SELECT payload FROM infosec_stixobject WHERE collection_id = %s AND is_latest AND (date_added, id) > (%s, %s) "
    "ORDER BY date_added, id LIMIT 100"
)


def taxii_page(client: Any, url: str, nxt: str, auth: str) -> bytes:
    """The response body as served (not parsed: parsing is the client's cost, not the server's)."""
    response = client.get(url, {"limit": 100, "next": nxt}, HTTP_ACCEPT=TAXII, HTTP_AUTHORIZATION=auth)
    assert response.status_code == 200, response.content[:300]
    return bytes(response.content)


def fetch(conn: Any, sql: str, params: tuple[Any, ...]) -> list[Any]:
    return list(conn.execute(sql, params).fetchall())


def counted(log: list[str], execute: Any, sql: str, *rest: Any) -> Any:
    log.append(sql)
    return execute(sql, *rest)


def timed(fn: Any, pid: int, runs: int) -> float:
    """CPU µs per call: this process plus the PostgreSQL backend that served it."""
    for _ in range(max(5, runs // 10)):
        fn()
    c0, b0 = time.process_time(), backend_cpu(pid)
    for _ in range(runs):
        fn()
    return ((time.process_time() - c0) + (backend_cpu(pid) - b0)) / runs * 1e6


def cpu_per_page(collections: list[Any], runs: int) -> None:
    """At each size: CPU per request of a TAXII page of 100 (a UZ CERT key, TLP enforced, the AMBER reads logged for
    the audit trail) beside the bare endpoint that returns the same 100 stored objects with one hand-written query
    through the same Django stack (bench_infosec_urls), and beside that query alone over psycopg."""
    import psycopg
    from django.db import connection
    from django.test import Client

    from sco.core.models import User
    from sco.infosec import cursor, services
    from sco.infosec.models import Cert, StixObject

    uz_user = User.objects.get(username="cert-uz")
    uz = Cert.objects.get(institution__code="uz-cert")
    key, token = services.key_create(actor=None, holder=uz_user, cert=uz, name="bench", collections=collections)
    auth = "Basic " + base64.b64encode(f"bench:{token}".encode()).decode()
    client = Client()
    with connection.cursor() as cur:
        cur.execute("SELECT pg_backend_pid()")
        django_pid = cur.fetchone()[0]
    bare = psycopg.connect(os.environ["DATABASE_URL"].replace("postgres://", "postgresql://"), autocommit=True)
    bare_pid = bare.execute("SELECT pg_backend_pid()").fetchone()[0]  # type: ignore[index]
    print(f"\nCPU per page of 100 objects, {runs} requests each (reader: UZ CERT key; TLP enforced;")
    print("µs = this process + its PostgreSQL backend, from /proc; Django's handler in-process, no network)")
    print(
        f"{'objects':>10} {'TAXII page':>11} {'bare endpoint':>14} {'ratio':>6} {'query alone':>12} {'ratio':>6}"
        f" {'queries':>8}  (bare: same 100 objects, 1 query, no TLP)"
    )
    for coll in collections:
        total = StixObject.objects.filter(collection=coll).count()
        rows = StixObject.objects.filter(collection=coll).order_by("date_added", "id").values_list("date_added", "id")
        mid = rows[total // 2]
        nxt = cursor.encode(cursor.Position(mid[0], mid[1]), scope=f"{coll.pk}:{uz.pk}:{key.pk}")
        page = partial(taxii_page, client, f"/taxii2/sco/collections/{coll.pk}/objects/", nxt, auth)
        served = json.loads(page())["objects"]
        bare_page = partial(
            bare_endpoint, client, {"collection": str(coll.pk), "after_date": mid[0].isoformat(), "after_id": mid[1]}
        )
        bare_ids = [o["id"] for o in json.loads(bare_page())["objects"]]
        queries: list[str] = []  # counted by a wrapper: each request resets connection.queries
        with connection.execute_wrapper(partial(counted, queries)):
            page()
        t_taxii = timed(page, django_pid, runs)
        t_bare = timed(bare_page, django_pid, runs)
        t_query = timed(partial(fetch, bare, KEYSET, (coll.pk, mid[0], mid[1])), bare_pid, runs)
        print(
            f"{total:>10,} {t_taxii:>9,.0f}µs {t_bare:>12,.0f}µs {t_taxii / t_bare:>5.2f}x {t_query:>10,.0f}µs"
            f" {t_taxii / t_query:>5.1f}x {len(queries):>8}  ({len(served)} visible served; bare: {len(bare_ids)}"
            " stored, TLP not applied)"
        )
    services.sensitive_reads_fold()  # the bench's reads, into the audit chain as the scheduler would
    bare.close()


def bare_endpoint(client: Any, params: dict[str, Any]) -> bytes:
    response = client.get("/_bench/infosec_bare", params)
    assert response.status_code == 200, response.content[:300]
    return bytes(response.content)


def envelopes(count: int, kz: str) -> list[dict[str, Any]]:
    objs = []
    for i in range(count):
        created = (BASE_TIME + timedelta(seconds=i)).strftime("%Y-%m-%dT%H:%M:%S.000Z")
        objs.append(
            {
                "type": "indicator",
                "spec_version": "2.1",
                "id": f"indicator--{uuid.uuid4()}",
                "created": created,
                "modified": created,
                "created_by_ref": kz,
                "name": f"SYNTHETIC indicator {i}",
                "indicator_types": ["malicious-activity"],
                "pattern": f"[ipv4-addr:value = '10.9.{i >> 8 & 255}.{i & 255}']",
                "pattern_type": "stix",
                "valid_from": created,
                "object_marking_refs": [TLP_GREEN],
            }
        )
    return [{"objects": objs[i : i + 100]} for i in range(0, count, 100)]


def throughput(
    name: str,
    objects_url: str,
    auth: tuple[str, str],
    batches: list[dict[str, Any]],
    clients: int,
    warmup: list[dict[str, Any]],
    budget: float,
) -> None:
    import requests

    headers = {"Accept": TAXII, "Content-Type": TAXII}
    session = requests.Session()
    session.auth = auth
    # Warm-up, not measured: one-object envelopes and reads so every worker has loaded its code (schemas,
    # stix2, the signing key) before the clock starts.
    for envelope in warmup:
        session.post(objects_url, data=json.dumps(envelope), headers=headers, timeout=600)
        session.get(objects_url, params={"limit": 1}, headers={"Accept": TAXII}, timeout=600)
    bodies = [json.dumps(envelope) for envelope in batches]  # the client's encoding, not the server's time
    t0 = time.perf_counter()
    each: list[float] = []
    for body in bodies:
        t1 = time.perf_counter()
        response = session.post(objects_url, data=body, headers=headers, timeout=600)
        each.append(time.perf_counter() - t1)
        assert response.status_code == 202, response.text[:300]
    median = sorted(each)[len(each) // 2]
    posted = sum(len(b["objects"]) for b in batches)
    post_rate = posted / (time.perf_counter() - t0)
    post_load = os.getloadavg()[0]

    counts: list[int] = []
    first_page: list[float] = []
    errors: list[str] = []
    unfinished: list[int] = []
    deadline = time.perf_counter() + budget

    def pager() -> None:
        """Pages the whole collection, or until the time budget is spent; a refused request (a 5xx from an
        overloaded server) is counted and asked again, at most 3 times in a row."""
        s = requests.Session()
        s.auth = auth
        params: dict[str, Any] = {"limit": 100}
        got, start, failed = 0, time.perf_counter(), 0
        while True:
            if time.perf_counter() > deadline:
                unfinished.append(got)
                break
            try:
                response = s.get(objects_url, params=params, headers={"Accept": TAXII}, timeout=600)
            except requests.RequestException as exc:
                errors.append(type(exc).__name__)
                failed += 1
                if failed > 3:
                    break
                continue
            if response.status_code != 200:
                errors.append(str(response.status_code))
                failed += 1
                if failed > 3:
                    break
                continue
            failed = 0
            if got == 0:
                first_page.append(time.perf_counter() - start)
            body = response.json()
            got += len(body.get("objects", []))
            if not body.get("more"):
                break
            params = {"limit": 100, "next": body["next"]}
        counts.append(got)

    threads = [threading.Thread(target=pager) for _ in range(clients)]
    t0 = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - t0
    notes = []
    if unfinished:
        got = f"{min(unfinished):,}-{max(unfinished):,}"
        notes.append(f"{len(unfinished)} clients stopped at the {budget:.0f} s budget, after {got} objects each")
    if errors:
        notes.append(f"{len(errors)} requests refused ({', '.join(sorted(set(errors)))}) and asked again")
    print(
        f"{name:<12} post {post_rate:>9,.0f} objects/s (median envelope {median * 1000:,.0f} ms:"
        f" {len(batches[0]['objects']) / median:,.0f} objects/s; load {post_load:.2f})"
        f"   paging {sum(counts) / elapsed:>9,.0f} objects/s"
        f" ({clients} clients, {max(counts) if counts else 0:,} objects at most each, {sum(counts):,} in all in"
        f" {elapsed:.0f} s; first page {max(first_page) if first_page else float('nan'):.2f} s)"
    )
    for note in notes:
        print(f"{'':<12} {note}")


def medallion_python() -> str:
    """medallion runs from a throwaway virtual environment of its own (MEDALLION_PYTHON), never the project's."""
    return os.environ.get("MEDALLION_PYTHON", str(ROOT / "var" / "medallion-venv" / "bin" / "python"))


def validation_cost(batches: list[dict[str, Any]]) -> None:
    """CPU per object of what a POST does to each object before storing it, measured in this process."""
    from sco.infosec import signing, validation

    objects = [o for b in batches for o in b["objects"]]
    validation.problems(objects[0])
    signing.sign(objects[0])  # load the schemas, stix2 and the key first
    steps = {
        "validation (schema, stix2's rules)": validation.problems,
        "Ed25519 JWS over RFC 8785": signing.sign,
    }
    print(f"\nCPU per posted object ({len(objects):,} synthetic indicators, in this process):")
    for name, step in steps.items():
        c0 = time.process_time()
        for obj in objects:
            step(obj)
        print(f"  {name:<34} {(time.process_time() - c0) / len(objects) * 1e6:>8,.0f} µs")


def posting_in_process(token: str, collection: Any, batches: list[dict[str, Any]]) -> None:
    """Posting the envelopes through Django's handler in this process (no HTTP server, no network): wall-clock rate
    and CPU per object, this process's and its PostgreSQL backend's."""
    from django.db import connection
    from django.test import Client

    client = Client()
    auth = "Basic " + base64.b64encode(f"bench:{token}".encode()).decode()
    url = f"/taxii2/sco/collections/{collection.pk}/objects/"
    with connection.cursor() as cur:
        cur.execute("SELECT pg_backend_pid()")
        pid = cur.fetchone()[0]
    bodies = [json.dumps(b) for b in batches]
    # not measured, an object of its own: loads the schemas, stix2 and the key
    warm = json.dumps({"objects": [{**batches[0]["objects"][0], "id": f"indicator--{uuid.uuid4()}"}]})
    client.post(url, data=warm, content_type=TAXII, HTTP_ACCEPT=TAXII, HTTP_AUTHORIZATION=auth)
    c0, b0, t0 = time.process_time(), backend_cpu(pid), time.perf_counter()
    for body in bodies:
        response = client.post(url, data=body, content_type=TAXII, HTTP_ACCEPT=TAXII, HTTP_AUTHORIZATION=auth)
        assert response.status_code == 202, response.content[:300]
    wall = time.perf_counter() - t0
    n = sum(len(b["objects"]) for b in batches)
    print(
        f"  in this process (Django's handler, no HTTP): {n / wall:,.0f} objects/s; CPU per object"
        f" {(time.process_time() - c0) / n * 1e6:,.0f} µs Django"
        f" + {(backend_cpu(pid) - b0) / n * 1e6:,.0f} µs PostgreSQL"
    )


def medallion_server(tmp: Path, port: int) -> subprocess.Popen[bytes]:
    data = {
        "/discovery": {
            "title": "bench",
            "default": f"http://127.0.0.1:{port}/bench/",
            "api_roots": [f"http://127.0.0.1:{port}/bench/"],
        },
        "bench": {
            "information": {"title": "bench", "versions": [TAXII], "max_content_length": 10_000_000},
            "status": [],
            "collections": [
                {
                    "id": "9a1e7a9c-6c8b-4f6e-8d6a-5c3e2f1b0a99",
                    "title": "SYNTHETIC",
                    "can_read": True,
                    "can_write": True,
                    "media_types": ["application/stix+json;version=2.1"],
                    "objects": [],
                    "manifest": [],
                }
            ],
        },
    }
    (tmp / "data.json").write_text(json.dumps(data))
    config = {
        "backend": {
            "module": "medallion.backends.memory_backend",
            "module_class": "MemoryBackend",
            "filename": str(tmp / "data.json"),
        },
        "users": {"bench": "bench"},
        "taxii": {"max_page_size": 100},
    }
    (tmp / "config.json").write_text(json.dumps(config))
    proc = subprocess.Popen(
        [medallion_python(), "-m", "medallion.scripts.run", "--port", str(port), str(tmp / "config.json")],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    import requests

    for _ in range(100):
        try:
            requests.get(
                f"http://127.0.0.1:{port}/taxii2/", auth=("bench", "bench"), headers={"Accept": TAXII}, timeout=2
            )
            break
        except requests.RequestException:
            time.sleep(0.2)
    return proc


@contextmanager
def gunicorn(url: str) -> Iterator[str]:
    """Our server as `make run` starts it (3 workers x 4 threads), stopped for sure at the end."""
    from common import free_port

    port = free_port()
    env = {**os.environ, "DATABASE_URL": url, "DJANGO_SETTINGS_MODULE": "sco.settings"}
    args = ["--bind", f"127.0.0.1:{port}", "--workers", "3", "--threads", "4", "--log-level", "warning"]
    proc = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "sco.wsgi:application", *args], env=env, cwd=ROOT, stdout=subprocess.DEVNULL
    )
    import requests

    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(200):
            try:
                requests.get(base + "/taxii2/", timeout=2)
                break
            except requests.RequestException:
                time.sleep(0.2)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=60)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def compare(url: str, clients: int, budget: float) -> None:
    from common import free_port

    from sco.core.models import User
    from sco.infosec import services
    from sco.infosec.models import Cert

    kz_user = User.objects.get(username="cert-kz")
    kz = Cert.objects.get(institution__code="kz-cert")
    collection = services.collection_create(
        actor=None, alias=f"bench-post-{int(time.time())}", title_en="SYNTHETIC posting bench"
    )
    services.grant_set(actor=None, collection=collection, cert=kz, can_read=True, can_write=True)
    _key, token = services.key_create(actor=kz_user, cert=kz, name="bench", collections=[collection], may_write=True)
    batches = envelopes(1000, kz.identity_id)
    # 3 workers x 4 threads, each with its own database connection: enough one-object envelopes that every thread
    # has most likely connected and loaded its code before the clock starts (for medallion too)
    warmup = [{"objects": e["objects"][:1]} for e in envelopes(3600, kz.identity_id)][:36]
    validation_cost(batches)
    other = services.collection_create(
        actor=None, alias=f"bench-post-in-{int(time.time())}", title_en="SYNTHETIC posting bench (in process)"
    )
    services.grant_set(actor=None, collection=other, cert=kz, can_read=True, can_write=True)
    _key2, token2 = services.key_create(actor=kz_user, cert=kz, name="bench", collections=[other], may_write=True)
    print(f"\nPosting {len(batches) * 100:,} synthetic objects, envelopes of 100 (load {os.getloadavg()[0]:.2f}):")
    posting_in_process(token2, other, envelopes(len(batches) * 100, kz.identity_id))
    print(f"\nThroughput on the same 1,000 synthetic objects (10 envelopes of 100), then {clients} clients paging:")
    with gunicorn(url) as base:
        throughput(
            "ours",
            f"{base}/taxii2/sco/collections/{collection.pk}/objects/",
            ("bench", token),
            batches,
            clients,
            warmup,
            budget,
        )
    found = subprocess.run([medallion_python(), "-c", "import medallion"], capture_output=True, check=False)
    if found.returncode != 0:
        print(
            "medallion       not installed: `uv venv var/medallion-venv && uv pip install --python"
            " var/medallion-venv/bin/python medallion` (a throwaway venv, never the project's), or MEDALLION_PYTHON"
        )
        return
    with tempfile.TemporaryDirectory() as tmp:
        port = free_port()
        proc = medallion_server(Path(tmp), port)
        try:
            throughput(
                "medallion",
                f"http://127.0.0.1:{port}/bench/collections/9a1e7a9c-6c8b-4f6e-8d6a-5c3e2f1b0a99/objects/",
                ("bench", "bench"),
                batches,
                clients,
                warmup,
                budget,
            )
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=60)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--full", action="store_true", help="1,000 / 100,000 / 1,000,000 objects, 16 clients")
    parser.add_argument("--runs", type=int, default=200)
    parser.add_argument("--pages-only", action="store_true", help="the CPU per page only, not the throughput")
    parser.add_argument("--throughput-only", action="store_true", help="the throughput beside medallion only")
    parser.add_argument("--clients", type=int, default=0, help="paging clients (default 16 with --full, else 4)")
    parser.add_argument("--budget", type=float, default=180, help="seconds the paging clients may take in all")
    parser.add_argument("--drop", action="store_true", help="drop the bench database at the end (it is large)")
    args = parser.parse_args()
    url = os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/sco_infosec_bench")
    sizes = [1_000, 100_000, 1_000_000] if args.full else [1_000, 10_000, 100_000]
    print("load average (1, 5, 15 min):", ", ".join(f"{x:.2f}" for x in os.getloadavg()))
    setup(url)
    collections = [fill(n) for n in sizes]
    print(f"SYNTHETIC data: {sum(sizes):,} generated STIX indicators in {len(sizes)} collections (PostgreSQL)")
    if not args.throughput_only:
        cpu_per_page(collections, args.runs)
    if not args.pages_only:
        compare(url, args.clients or (16 if args.full else 4), args.budget)
    print("load average (1, 5, 15 min):", ", ".join(f"{x:.2f}" for x in os.getloadavg()))
    if args.drop:
        drop(url)


def drop(url: str) -> None:
    import psycopg
    from django.db import connections

    connections.close_all()
    base, name = url.rsplit("/", 1)
    with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    print(f"dropped {name}")


if __name__ == "__main__":
    main()
