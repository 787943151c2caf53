"""Two app servers on one database and one Redis: a write through one is what the other serves next, to anonymous
visitors from the shared page cache too, and a session opened on one is valid on the other."""

from __future__ import annotations

import http.cookiejar
import json
import re
import urllib.parse
import urllib.request
import uuid
from pathlib import Path
from typing import Any

import pytest

from sco.core import testing
from sco.projects.tests.test_api import payload


def _request(
    opener: urllib.request.OpenerDirector, url: str, *, data: bytes | None = None, headers: dict[str, str] | None = None
) -> tuple[int, str]:
    request = urllib.request.Request(url, data=data, headers=headers or {})  # noqa: S310  a local test server
    try:
        with opener.open(request, timeout=60) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode()


def _anonymous(base: str) -> list[str]:
    opener = urllib.request.build_opener()
    return [_request(opener, f"{base}{path}")[1] for path in ("/projects/?size=50", "/api/v1/projects/?page_size=50")]


@pytest.mark.django_db(transaction=True)
def test_two_app_servers_share_sessions_and_the_anonymous_page_cache(
    three: dict[str, Any], head_of_delegation: Any, settings: Any, tmp_path: Path
) -> None:
    from django.contrib.auth.hashers import make_password

    from sco.core.services import token_create

    redis = testing.redis_url()
    sponsor = head_of_delegation("KZ")
    # the servers check passwords with the hashers of production (the tests' own MD5 is not among them)
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.PBKDF2PasswordHasher"]
    sponsor.password = make_password("sco-demo-2026")
    sponsor.save(update_fields=["password"])
    token = token_create(actor=sponsor, user=sponsor, name="two servers")[1]
    prefix = f"test-{uuid.uuid4().hex[:12]}"
    env = {"REDIS_URL": redis, "SCO_CACHE_PREFIX": prefix}

    with testing.redis_keys_removed(redis, prefix), testing.app_servers(tmp_path, 2, **env) as (a, b):
        for text in _anonymous(b) + _anonymous(b):  # the second read comes from the cache
            assert "Open railway" in text and "Written through A" not in text

        api = urllib.request.build_opener()
        headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
        body = json.dumps(payload(title_en="Written through A")).encode()
        status, created = _request(api, f"{a}/api/v1/projects/", data=body, headers=headers)
        assert status == 201, created
        project = json.loads(created)["id"]
        step = json.dumps({"name": "submit"}).encode()
        status, text = _request(api, f"{a}/api/v1/projects/{project}/transitions", data=step, headers=headers)
        assert status == 200, text

        for text in _anonymous(b):
            assert "Written through A" in text

        # a session opened on A is valid on B
        jar = http.cookiejar.CookieJar()
        browser = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
        _, form = _request(browser, f"{a}/login/")
        csrf = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form)
        assert csrf is not None
        login = {"username": sponsor.username, "password": "sco-demo-2026", "csrfmiddlewaretoken": csrf.group(1)}
        status, _ = _request(
            browser, f"{a}/login/", data=urllib.parse.urlencode(login).encode(), headers={"Referer": f"{a}/login/"}
        )
        assert status == 200
        assert any(cookie.name == "sessionid" for cookie in jar)
        status, me = _request(browser, f"{b}/api/v1/me")
        assert status == 200, me
        assert json.loads(me)["username"] == sponsor.username
