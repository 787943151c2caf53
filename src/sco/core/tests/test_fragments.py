"""Fragments kept across requests: one entry per viewer and language, a new version on every write they rest on."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import translation

from sco.core import fragments

pytestmark = pytest.mark.django_db


def test_a_fragment_is_computed_once_per_viewer_and_language_until_a_write_replaces_its_version(
    head_of_delegation: Any, django_capture_on_commit_callbacks: Any
) -> None:
    from sco.members.models import State

    fragments.connect("test.states", State)
    computed: list[str] = []

    def compute(who: str) -> str:
        computed.append(who)
        return f"{who}:{State.objects.count()}"

    hod = head_of_delegation("KZ")
    anonymous = AnonymousUser()
    first = fragments.cached("test.states", anonymous, lambda: compute("anon"))
    assert fragments.cached("test.states", anonymous, lambda: compute("anon")) == first
    fragments.cached("test.states", hod, lambda: compute("kz"))
    with translation.override("ru"):
        fragments.cached("test.states", anonymous, lambda: compute("anon-ru"))
    assert computed == ["anon", "kz", "anon-ru"]
    with django_capture_on_commit_callbacks(execute=True):
        State.objects.filter(code="KZ").get().save()
    assert fragments.cached("test.states", anonymous, lambda: compute("anon")) == first
    assert computed[-1] == "anon" and len(computed) == 4
