"""Headers that protect the pages: a Content-Security-Policy without unsafe-inline, no caching of signed-in pages,
HTTPS settings behind one switch (issue #11, item 5)."""

import os
import pathlib
import re
import subprocess
import sys

import pytest

import sco

pytestmark = pytest.mark.django_db


def test_every_page_carries_a_csp_without_unsafe_inline(client):
    for path in ("/", "/login/", "/projects/", "/api/v1/docs"):
        policy = client.get(path)["Content-Security-Policy"]
        assert "default-src 'self'" in policy and "script-src 'self'" in policy and "style-src 'self'" in policy
        assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
        assert "frame-ancestors 'none'" in policy


def test_no_template_holds_an_inline_script_style_or_handler():
    root = pathlib.Path(sco.__file__).parent
    inline_script = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/(ld\+)?json\")[^>]*>", re.I)
    inline_style = re.compile(r"<style\b|\sstyle=\"|\sstyle='", re.I)
    handler = re.compile(r"\son[a-z]+\s*=\s*[\"']|hx-on[:-]|javascript:", re.I)
    offenders = []
    for path in root.rglob("*.html"):
        text = path.read_text()
        for name, pattern in (("script", inline_script), ("style", inline_style), ("handler", handler)):
            if pattern.search(text):
                offenders.append(f"{path.relative_to(root)}: inline {name}")
    assert offenders == [], "move it to a static file (the CSP refuses inline code)"


def test_signed_in_pages_are_private_and_not_stored(client, make_user, api):
    anonymous = client.get("/")
    assert "no-store" not in anonymous.get("Cache-Control", "")
    client.force_login(make_user("alice"))
    for path in ("/", "/projects/", "/api/v1/me"):
        assert client.get(path)["Cache-Control"] == "private, no-store", path
    token_answer = api.as_user(make_user("bob")).get_json("/api/v1/me")
    assert token_answer["Cache-Control"] == "private, no-store"


def _settings_with(env: dict[str, str]) -> str:
    code = (
        "import sco.settings as s; print(s.SECURE_SSL_REDIRECT if hasattr(s, 'SECURE_SSL_REDIRECT') else False,"
        " getattr(s, 'SECURE_HSTS_SECONDS', 0), getattr(s, 'SESSION_COOKIE_SECURE', False),"
        " getattr(s, 'CSRF_COOKIE_SECURE', False))"
    )
    full_env = {**os.environ, **env}
    # our own interpreter and our own code: settings are read once per process, so a fresh one reads the switch
    result = subprocess.run([sys.executable, "-c", code], env=full_env, capture_output=True, text=True, check=True)  # noqa: S603
    return result.stdout


def test_one_switch_turns_on_https_in_production():
    assert _settings_with({"SCO_HTTPS": "false"}).split() == ["False", "0", "False", "False"]
    assert _settings_with({"SCO_HTTPS": "true"}).split() == ["True", "31536000", "True", "True"]
