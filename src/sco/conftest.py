"""Fixtures every part's tests share: the Organisation's real demo facts, people with mandates, API clients, a browser.

Browser tests drive Debian's Chromium (/usr/bin/chromium) through Playwright. Outside CI a missing Chromium skips them;
with CI=true it fails the run, as does a missing PostgreSQL (see the Makefile).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.test import Client

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's sync API runs an event loop in-thread

CHROMIUM = os.environ.get("SCO_CHROMIUM", "/usr/bin/chromium")
IN_CI = os.environ.get("CI", "").lower() == "true"
DEMO_PASSWORD = "sco-demo-2026"  # noqa: S105
SHARED_DIR = os.environ.get("SCO_SHARED_DIR", os.path.join(os.path.dirname(__file__), "..", "..", "..", "shared"))


@pytest.fixture(scope="session", autouse=True)
def _test_settings() -> Iterator[None]:
    """Argon2 is slow by design and the suite makes hundreds of accounts (test_cli checks Argon2 itself)."""
    from django.test import override_settings

    with override_settings(
        PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
        # one cache per test process: parallel test workers must not share the file cache under var/
        CACHES={"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}},
        # background jobs (e-mail on commit) run in the test's own process; sco/core/tests/test_jobs.py runs a worker
        CELERY_TASK_ALWAYS_EAGER=True,
    ):
        yield


@pytest.fixture(autouse=True)
def _empty_cache_per_test() -> None:
    """What a test's data put in the cache (permission facts, unread counts, shared panels) must not meet the next
    test's data, which a rolled-back database may give the same keys."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(autouse=True)
def _english_between_tests() -> Iterator[None]:
    """Each test starts in the site's default language: a page asked for in Russian or Chinese through the test client
    leaves that language active in the thread, and a later test on the same worker would read translated messages."""
    from django.conf import settings as django_settings
    from django.utils import translation

    translation.activate(django_settings.LANGUAGE_CODE)
    yield
    translation.activate(django_settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def _audit_checkpoints_per_test(tmp_path: Any, settings: Any) -> None:
    """Each test keeps its own audit checkpoint file: a checkpoint of one test's chain means nothing to the next."""
    settings.SCO_AUDIT_CHECKPOINT_FILE = tmp_path / "audit-checkpoints.jsonl"


@pytest.fixture
def organisation(db: Any) -> None:
    """States, bodies, chairmanships, summits and institutions from the demo facts (public, sourced)."""
    from sco.members.demo import load_organisation

    load_organisation()


@pytest.fixture
def make_user(db: Any) -> Callable[..., Any]:
    from sco.core.models import User

    def make(username: str, *, language: str = "en", **extra: Any) -> Any:
        user = User.objects.filter(username=username).first()
        if user is None:
            user = User.objects.create_user(
                username=username, password=DEMO_PASSWORD, language=language, email=f"{username}@test.example", **extra
            )
        return user

    return make


@pytest.fixture
def make_mandate(organisation: None, make_user: Callable[..., Any]) -> Callable[..., Any]:
    """make_mandate("hod-kz", "head_of_delegation", state="KZ", bodies=["swg-investment"], start=date)."""
    from sco.members.models import Body, Institution, Mandate, State

    def make(
        username: str,
        role: str,
        *,
        state: str | None = None,
        bodies: list[str] | None = None,
        institution: str | None = None,
        start: dt.date = dt.date(2024, 7, 4),
        end: dt.date | None = None,
    ) -> Any:
        user = make_user(username)
        mandate = Mandate.objects.create(
            user=user,
            role=role,
            start=start,
            end=end,
            state=State.objects.get(code=state) if state else None,
            institution=Institution.objects.get(code=institution) if institution else None,
        )
        if bodies:
            mandate.bodies.set(Body.objects.filter(code__in=bodies))
        return user

    return make


@pytest.fixture
def head_of_delegation(make_mandate: Callable[..., Any]) -> Callable[[str], Any]:
    """head_of_delegation("KZ") -> the user `hod-kz`, acting for Kazakhstan in every body."""
    return lambda code: make_mandate(f"hod-{code.lower()}", "head_of_delegation", state=code)


@pytest.fixture
def all_heads(head_of_delegation: Callable[[str], Any]) -> dict[str, Any]:
    codes = ["CN", "IN", "IR", "KZ", "KG", "PK", "RU", "TJ", "UZ", "BY"]
    return {code: head_of_delegation(code) for code in codes}


@pytest.fixture
def secretariat(make_mandate: Callable[..., Any]) -> Any:
    return make_mandate("secretariat", "secretariat")


@pytest.fixture
def grant_since_yesterday(secretariat: Any) -> Callable[..., Any]:
    """grant_since_yesterday(person) -> the Secretariat grants them a head of delegation's mandate for Uzbekistan,
    begun yesterday, through the members service (what a mandate written at run time does to kept pages)."""
    import datetime as dt

    from django.utils import timezone

    from sco.members import services as members
    from sco.members.models import State

    def grant(person: Any, state: str = "UZ") -> Any:
        return members.mandate_grant(
            actor=secretariat,
            user=person,
            role="head_of_delegation",
            state=State.objects.get(code=state),
            start=timezone.localdate() - dt.timedelta(days=1),
        )

    return grant


@pytest.fixture
def chair(make_mandate: Callable[..., Any]) -> Any:
    """The national coordinator of the state chairing today."""
    from sco.members.permissions import chairmanship_on

    current = chairmanship_on()
    assert current is not None, "the demo facts give a chairmanship for every date since 2018"
    return make_mandate("chair", "national_coordinator", state=current.state.code)


class ApiClient(Client):
    """A test client that speaks JSON and can carry a Bearer token."""

    token: str | None = None

    def _headers(self, extra: dict[str, Any]) -> dict[str, Any]:
        if self.token:
            extra.setdefault("HTTP_AUTHORIZATION", f"Bearer {self.token}")
        return extra

    def get_json(self, path: str, **extra: Any) -> Any:
        return self.get(path, **self._headers(extra))

    def post_json(self, path: str, data: Any = None, **extra: Any) -> Any:
        body = data if isinstance(data, str | bytes) else json.dumps(data or {})
        return self.post(path, body, content_type="application/json", **self._headers(extra))

    def patch_json(self, path: str, data: Any = None, **extra: Any) -> Any:
        return self.patch(path, json.dumps(data or {}), content_type="application/json", **self._headers(extra))

    def delete_json(self, path: str, **extra: Any) -> Any:
        return self.delete(path, **self._headers(extra))

    def as_user(self, user: Any) -> ApiClient:
        """Authenticate with a fresh personal API token of this user."""
        from sco.core.services import token_create

        _row, self.token = token_create(actor=user, user=user, name="test")
        return self


@pytest.fixture
def api(db: Any) -> ApiClient:
    return ApiClient()


# --- browser -------------------------------------------------------------------------------------------------------


def chromium_available() -> bool:
    return os.path.exists(CHROMIUM) or shutil.which("chromium") is not None


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if not chromium_available():
        if IN_CI:
            pytest.fail(f"Chromium is missing at {CHROMIUM}: CI needs it (apt-get install chromium)")
        pytest.skip(f"Chromium is missing at {CHROMIUM}; `make test` installs it")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        launched = pw.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield launched
        launched.close()


@pytest.fixture
def page(browser: Any, live_server: Any) -> Iterator[Any]:
    # bypass_csp: Playwright's own helpers (wait_for_function with an expression) evaluate strings in the page, which
    # the Content-Security-Policy refuses; core/tests/test_csp_browser.py opens its pages without the bypass.
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900}, bypass_csp=True)
    context.set_default_timeout(15_000)
    pg = context.new_page()
    yield pg
    context.close()


@pytest.fixture
def login(page: Any) -> Callable[[str], Any]:
    def do(username: str, password: str = DEMO_PASSWORD) -> Any:
        page.goto("/login/")
        page.fill("input[name=username]", username)
        page.fill("input[name=password]", password)
        page.click("form button[type=submit]:not(.small)")
        page.wait_for_url(lambda url: "/login/" not in url)
        return page

    return do


@pytest.fixture
def shared_dir() -> str:
    """../shared beside the project (tests may read it; the product never does)."""
    path = os.path.abspath(SHARED_DIR)
    if not os.path.isdir(path):
        if IN_CI:
            pytest.fail(f"{path} is missing: CI runs with shared/ beside the checkout")
        pytest.skip(f"{path} is absent: this test reads the shared reference files")
    return path
