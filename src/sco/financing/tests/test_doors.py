"""Pages, API and open data of the financing part."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from sco.financing import services
from sco.financing.models import LedgerEntry
from sco.projects.models import Project


def login(client: Client, user: Any) -> Client:
    client.force_login(user)
    return client


def test_pages_answer_for_the_public(client: Client, project: Any, add_tranche: Callable[..., Any]) -> None:
    add_tranche(project, "aiib", "1000")
    for url in (
        "/financing/",
        "/financing/institutions/",
        "/financing/institutions/aiib/",
        "/financing/rates/",
        f"/financing/projects/{project.pk}/",
    ):
        response = client.get(url)
        assert response.status_code == 200, url
    page = client.get(f"/projects/{project.pk}/").content.decode()
    assert 'id="financing"' in page and f"/financing/projects/{project.pk}/" in page


def test_the_institutions_page_names_each_source(client: Client, institutions: None) -> None:
    page = client.get("/financing/institutions/").content.decode()
    assert "azernews.az" in page and "Under consultation" in page


def test_the_kept_institutions_page_shows_a_new_status_at_once_in_each_language(
    client: Client, institutions: None
) -> None:
    from sco.financing.models import InstitutionStatus
    from sco.members.models import Institution

    assert "Financing institutions" in client.get("/financing/institutions/").content.decode()
    assert "Финанс" in client.get("/financing/institutions/", headers={"accept-language": "ru"}).content.decode()
    InstitutionStatus.objects.create(
        institution=Institution.objects.get(code="aiib"),
        status="operational",
        on=dt.date(2026, 11, 1),
        note_en="A status the test wrote just now.",
        source="https://example.org/test",
    )
    assert "A status the test wrote just now." in client.get("/financing/institutions/").content.decode()


def test_a_hidden_project_answers_404(client: Client, make_project: Callable[..., Any]) -> None:
    hidden = make_project(visibility="participants")
    assert client.get(f"/financing/projects/{hidden.pk}/").status_code == 404
    assert client.get(f"/api/v1/financing/projects/{hidden.pk}").status_code == 404


def test_a_bad_entry_on_the_page_answers_422_and_stores_nothing(
    client: Client, project: Any, add_tranche: Callable[..., Any], financier: Callable[[str], Any]
) -> None:
    tranche = add_tranche(project, "aiib", "1000")
    login(client, financier("aiib"))
    response = client.post(
        f"/financing/projects/{project.pk}/entries/",
        {
            "e-tranche": tranche.pk,
            "e-kind": "disbursement",
            "e-value_date": "2026-01-01",
            "e-currency": "USD",
            "e-amount": "5",
        },
    )
    assert response.status_code == 422
    assert "needs a commitment" in response.content.decode()
    assert not LedgerEntry.objects.exists()
    ok = client.post(
        f"/financing/projects/{project.pk}/entries/",
        {
            "e-tranche": tranche.pk,
            "e-kind": "commitment",
            "e-value_date": "2026-01-01",
            "e-currency": "USD",
            "e-amount": "5",
        },
    )
    assert ok.status_code == 302 and LedgerEntry.objects.count() == 1


def test_the_api_records_and_refuses_with_problem_json(
    api: Any, project: Any, add_tranche: Callable[..., Any], financier: Callable[[str], Any]
) -> None:
    tranche = add_tranche(project, "aiib", "1000")
    other = api.as_user(financier("eurasian-development-bank"))
    body = {"kind": "commitment", "amount": "10", "currency": "USD", "value_date": "2026-01-01"}
    refused = other.post_json(f"/api/v1/financing/tranches/{tranche.pk}/entries", body)
    assert refused.status_code == 403 and refused["Content-Type"].startswith("application/problem+json")
    mine = api.as_user(financier("aiib"))
    created = mine.post_json(f"/api/v1/financing/tranches/{tranche.pk}/entries", body)
    assert created.status_code == 201, created.content
    bad = mine.post_json(f"/api/v1/financing/tranches/{tranche.pk}/entries", {**body, "currency": "QQQ"})
    assert bad.status_code == 422 and "currency" in bad.json()["errors"]
    negative = mine.post_json(f"/api/v1/financing/tranches/{tranche.pk}/entries", {**body, "amount": "-1"})
    assert negative.status_code == 422
    reversal = mine.post_json(f"/api/v1/financing/entries/{created.json()['id']}/reversal", {"reason": "typo"})
    assert reversal.status_code == 201 and reversal.json()["amount"] == "-10.00"
    data = api.get_json(f"/api/v1/financing/projects/{project.pk}").json()
    assert data["gap"] == "1000000.00" and len(data["entries"]) == 2


def test_the_project_tab_costs_a_bounded_number_of_queries(
    client: Client,
    project: Any,
    add_tranche: Callable[..., Any],
    financier: Callable[[str], Any],
    django_assert_max_num_queries: Any,
) -> None:
    user = financier("aiib")
    for _ in range(3):
        tranche = add_tranche(project, "aiib", "1000")
        services.entry_record(
            actor=user, tranche=tranche, kind="commitment", amount="10", currency="USD", value_date=dt.date(2026, 1, 1)
        )
    login(client, user)
    with django_assert_max_num_queries(30):
        assert client.get(f"/financing/projects/{project.pk}/").status_code == 200


# Queries per page, computed (the cache empty, as right after a write) and then served from the cache, whatever the
# number of projects: the dashboards read the maintained totals. A signed-in request adds, computed, the user and the
# mandate facts that decide what they may see; served, nothing (the session and the user row are kept, once read).
PAGE_QUERIES = {
    ("anonymous", "/financing/"): (3, 0),
    ("anonymous", "/financing/institutions/aiib/"): (6, 0),
    ("anonymous", "/api/v1/financing/pipeline"): (2, 0),
    ("financier", "/financing/"): (9, 0),
    ("financier", "/financing/institutions/aiib/"): (12, 0),
    ("financier", "/api/v1/financing/pipeline"): (7, 0),
    ("secretariat", "/financing/"): (7, 0),
    ("secretariat", "/financing/institutions/aiib/"): (10, 0),
}


def test_the_pipeline_and_portfolio_pages_cost_the_same_queries_at_any_number_of_projects(
    client: Client,
    make_project: Callable[..., Any],
    add_tranche: Callable[..., Any],
    financier: Callable[[str], Any],
    secretariat: Any,
) -> None:
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    user = financier("aiib")
    viewers = {"anonymous": None, "financier": user, "secretariat": secretariat}
    for size in (2, 8):
        while Project.objects.count() < size:
            tranche = add_tranche(make_project(), "aiib", "1000")
            services.entry_record(
                actor=user,
                tranche=tranche,
                kind="commitment",
                amount="10",
                currency="USD",
                value_date=dt.date(2026, 1, 1),
            )
        found = {}
        for who, path in PAGE_QUERIES:
            client.logout()
            if viewers[who] is not None:
                client.force_login(viewers[who])
            cache.clear()
            counted = []
            for _ in range(2):
                with CaptureQueriesContext(connection) as ctx:
                    assert client.get(path).status_code == 200
                counted.append(len(ctx))
            found[(who, path)] = tuple(counted)
        assert found == PAGE_QUERIES, size


def test_the_kept_page_bodies_follow_the_viewer_the_language_and_every_write(
    client: Client,
    project: Any,
    add_tranche: Callable[..., Any],
    financier: Callable[[str], Any],
    committed: Callable[[], Any],
) -> None:
    """The pipeline's and a portfolio's bodies are rendered once and kept: never for another viewer (an internal
    pledge shows to its institution's financier only), never in another language, and never past a write."""
    user = financier("aiib")
    tranche = add_tranche(project, "aiib", "1000")
    day = dt.date(2026, 1, 1)
    services.entry_record(actor=user, tranche=tranche, kind="pledge", amount="777", currency="USD", value_date=day)
    services.entry_record(
        actor=user, tranche=tranche, kind="pledge", amount="4242", currency="USD", value_date=day, internal=True
    )
    portfolio = "/financing/institutions/aiib/"
    assert "5,019.00" in login(Client(), user).get(portfolio).content.decode()  # the financier's body, kept
    public = client.get(portfolio).content.decode()
    assert "777.00" in public and "4,242" not in public and "5,019" not in public
    assert "Портфель" in client.get(portfolio, headers={"accept-language": "ru"}).content.decode()
    assert "Portfolio" in client.get(portfolio).content.decode()
    with committed():
        services.entry_record(
            actor=user, tranche=tranche, kind="commitment", amount="600", currency="USD", value_date=day
        )
    assert "600.00" in client.get(portfolio).content.decode()  # the write replaced the kept body once committed
    before = client.get("/financing/").content.decode()
    with committed():
        services.entry_record(
            actor=user, tranche=tranche, kind="commitment", amount="300", currency="USD", value_date=day
        )
    after = client.get("/financing/").content.decode()
    assert before != after and "999,100" in after  # the gap: 1,000,000 less 900 committed


def test_the_iati_export_validates_against_the_2_03_schema(
    client: Client,
    shared_dir: str,
    project: Any,
    add_tranche: Callable[..., Any],
    financier: Callable[[str], Any],
    make_project: Callable[..., Any],
) -> None:
    from lxml import etree

    tranche = add_tranche(project, "eurasian-development-bank", "600000")
    user = financier("eurasian-development-bank")
    d = dt.date(2026, 2, 1)
    services.entry_record(actor=user, tranche=tranche, kind="pledge", amount="600000", currency="USD", value_date=d)
    services.entry_record(actor=user, tranche=tranche, kind="commitment", amount="600000", currency="USD", value_date=d)
    first = services.entry_record(
        actor=user, tranche=tranche, kind="disbursement", amount="1000", currency="USD", value_date=d
    )
    services.entry_reverse(actor=user, entry=first, reason="wrong account")
    services.entry_record(actor=user, tranche=tranche, kind="cancellation", amount="100", currency="USD", value_date=d)
    services.entry_record(
        actor=user, tranche=tranche, kind="pledge", amount="5", currency="USD", value_date=d, internal=True
    )
    hidden = make_project(visibility="members")
    add_tranche(hidden, "aiib", "1")
    body = client.get("/financing/iati.xml").content
    schema_path = os.path.join(shared_dir, "standards", "iati", "schemas-2.03", "iati-activities-schema.xsd")
    schema = etree.XMLSchema(etree.parse(schema_path))
    doc = etree.fromstring(body)
    assert schema.validate(doc), schema.error_log
    activities = doc.findall("iati-activity")
    assert len(activities) == 1
    types = [t.get("code") for t in activities[0].iter("transaction-type")]
    assert types == ["12", "2", "3", "3", "2"]  # the internal pledge is not published
    values = [v.text for v in activities[0].iter("value")]
    assert values == ["600000.00", "600000.00", "1000.00", "-1000.00", "-100.00"]


def test_a_browser_free_rates_import_through_the_page(client: Client, secretariat: Any) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    login(client, secretariat)
    bad = SimpleUploadedFile("r.csv", b"date,base,quote,rate\n2024-01-01,USD,KZT,500\n2024-01-02,USD,XXX1,1\n")
    response = client.post("/financing/rates/", {"source": "test", "file": bad})
    assert response.status_code == 422 and "row 2" in response.content.decode()
    good = SimpleUploadedFile("r.csv", b"date,base,quote,rate\n2024-01-01,USD,KZT,500\n")
    assert client.post("/financing/rates/", {"source": "test", "file": good}).status_code == 302


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/financing/institutions",
        "/api/v1/financing/pipeline?currency=EUR",
        "/api/v1/financing/rates",
        "/api/v1/financing/institutions/aiib/portfolio",
    ],
)
def test_read_endpoints_answer(api: Any, institutions: None, path: str) -> None:
    assert api.get_json(path).status_code == 200


def test_recording_an_entry_through_the_api_costs_a_pinned_number_of_statements(
    api: Any, project: Any, add_tranche: Callable[..., Any], financier: Callable[[str], Any]
) -> None:
    """The ledger write's statements, once the token, the mandates and the institutions' rows are kept (as on a
    server after its first requests): the tranche with its project, then in the transaction the plan's lock, the
    rules' two reads, the entry, the running balance, the chain's head, the project's filed totals (its lock, then
    one upsert of its rows), and the audit chain's head, the audit entry and the head's hash: twelve, each written
    out (core.sql) and on PostgreSQL kept prepared on the connection. A new statement on this path is a choice to
    make here, in the open: bench/profile_financing_write.py prints what each one costs."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    tranche = add_tranche(project, "aiib", "1000")
    mine = api.as_user(financier("aiib"))
    body = {"kind": "commitment", "amount": "10", "currency": "USD", "value_date": "2026-01-01"}
    for _ in range(2):  # the first request keeps what it read; the second, the token's last use written
        assert mine.post_json(f"/api/v1/financing/tranches/{tranche.pk}/entries", body).status_code == 201
    with CaptureQueriesContext(connection) as ctx:
        created = mine.post_json(f"/api/v1/financing/tranches/{tranche.pk}/entries", body)
    assert created.status_code == 201, created.content
    # The service's transaction is a savepoint inside the test's; on a server, BEGIN and COMMIT, which are not logged.
    statements = [q["sql"] or "" for q in ctx.captured_queries if "SAVEPOINT" not in (q["sql"] or "")]
    assert len(statements) == 12, "\n".join(q[:120] for q in statements)


def test_a_financing_record_on_a_hidden_project_answers_as_a_missing_one(
    api: Any, make_project: Callable[..., Any], add_tranche: Callable[..., Any], financier: Callable[[str], Any]
) -> None:
    """A tranche, an entry or a board vote of a project the reader may not see answers exactly as an id that does
    not exist: the answer never tells a hidden record from a missing one."""
    user = financier("eurasian-development-bank")
    hidden = make_project(visibility="participants")
    tranche = add_tranche(hidden, "eurasian-development-bank", "1000", needs_board_approval=True)
    entry = services.entry_record(
        actor=user, tranche=tranche, kind="pledge", amount="10", currency="USD", value_date=dt.date(2026, 1, 1)
    )
    vote = services.board_vote_open(actor=user, tranche=tranche, rule="double_majority")
    outsider = api.as_user(financier("aiib"))
    body = {"kind": "commitment", "amount": "10", "currency": "USD", "value_date": "2026-01-01"}
    missing = 10**9
    for there, absent in (
        (
            outsider.post_json(f"/api/v1/financing/tranches/{tranche.pk}/entries", body),
            outsider.post_json(f"/api/v1/financing/tranches/{missing}/entries", body),
        ),
        (
            outsider.post_json(f"/api/v1/financing/entries/{entry.pk}/reversal", {"reason": "x"}),
            outsider.post_json(f"/api/v1/financing/entries/{missing}/reversal", {"reason": "x"}),
        ),
        (
            outsider.post_json(f"/api/v1/financing/votes/{vote.pk}/ballots", {"state": "KZ", "choice": "yes"}),
            outsider.post_json(f"/api/v1/financing/votes/{missing}/ballots", {"state": "KZ", "choice": "yes"}),
        ),
    ):
        assert there.status_code == absent.status_code == 404
        assert there.json()["code"] == absent.json()["code"] == "financing_not_found"
    assert LedgerEntry.objects.count() == 1
