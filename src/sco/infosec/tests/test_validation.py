"""Validation on the way in without building stix2 objects, held to stix2 and its pattern grammar."""

from __future__ import annotations

import copy
from typing import Any

import pytest
import rfc8785
import stix2
from hypothesis import given, settings
from hypothesis import strategies as st
from stix2patterns.validator import run_validator

from sco.infosec import signing, validation
from sco.infosec.tests.conftest import indicator
from sco.infosec.tlp import Tlp

KZ = "identity--5f7c0c1e-4a33-5d4e-9e2b-7a1c3a0f1b01"


def _stix2_refuses(obj: dict[str, Any]) -> bool:
    try:
        stix2.parse(obj, allow_custom=True)
    except Exception:  # any refusal
        return True
    return False


@settings(max_examples=300, deadline=None)
@given(
    kind=st.sampled_from(["ipv4-addr", "ipv6-addr", "domain-name", "url", "email-addr"]),
    text=st.text(alphabet=st.characters(codec="utf-8"), max_size=40),
)
def test_the_simple_pattern_shortcut_accepts_only_what_the_grammar_accepts(kind: str, text: str) -> None:
    for literal in (text, text.replace("\\", "\\\\").replace("'", "\\'")):
        pattern = f"[{kind}:value = '{literal}']"
        if validation.SIMPLE_PATTERN.match(pattern):
            assert run_validator(pattern, "2.1") == [], pattern


@pytest.mark.parametrize(
    "pattern",
    [
        "[ipv4-addr:value = '198.51.100.1']",
        "[url:value = 'http://example.com/a\\'b']",
        "[domain-name:value = 'example.com'] AND [url:value = 'x']",
        "[ipv4-addr:value = '198.51.100.1'",  # unclosed
        "[ipv4-addr:value = 198.51.100.1]",  # not quoted
        "[ipv4-addr:value = 'a'b']",  # a bare quote inside
        "[file:hashes.'SHA-256' = 'aa']",
        "[file:hashes.'NOT-A-HASH' = 'aa']",
        "[ipv4-addr:value = 'a'] WITHIN 5 SECONDS WITHIN 6 SECONDS",
    ],
)
def test_pattern_verdicts_are_the_pattern_grammar_s(pattern: str) -> None:
    obj = indicator(KZ, "198.51.100.1", pattern=pattern)
    assert bool(validation.problems(obj)) == _stix2_refuses(obj), pattern


def _bad(obj: dict[str, Any], **changes: Any) -> dict[str, Any]:
    changed = copy.deepcopy(obj)
    changed.update(changes)
    return changed


def test_the_checks_done_here_refuse_what_stix2_refuses_and_accept_what_it_accepts() -> None:
    good = indicator(KZ, "198.51.100.2", level=Tlp.GREEN)
    cases = [
        good,
        _bad(good, valid_until="2026-03-01T12:00:00.000Z"),  # equal to valid_from: stix2 refuses
        _bad(good, valid_until="2026-02-01T12:00:00.000Z"),
        _bad(good, valid_until="2026-04-01T12:00:00.000Z"),
        {
            "type": "relationship",
            "spec_version": "2.1",
            "id": "relationship--6c9c9f0e-8a8c-4d5c-9f53-0d8a4c1c1c01",
            "created": "2026-03-01T12:00:00.000Z",
            "modified": "2026-03-01T12:00:00.000Z",
            "relationship_type": "indicates",
            "source_ref": good["id"],
            "target_ref": "malware--6c9c9f0e-8a8c-4d5c-9f53-0d8a4c1c1c02",
            "start_time": "2026-03-02T00:00:00Z",
            "stop_time": "2026-03-01T00:00:00Z",
        },
        {
            "type": "sighting",
            "spec_version": "2.1",
            "id": "sighting--6c9c9f0e-8a8c-4d5c-9f53-0d8a4c1c1c03",
            "created": "2026-03-01T12:00:00.000Z",
            "modified": "2026-03-01T12:00:00.000Z",
            "sighting_of_ref": good["id"],
            "first_seen": "2026-03-01T00:00:00Z",
            "last_seen": "2026-03-01T00:00:00Z",
        },
    ]
    cases.append(_bad(cases[-2], stop_time="2026-03-03T00:00:00Z"))
    cases.append(_bad(cases[-2], last_seen="2026-02-01T00:00:00Z"))
    for obj in cases:
        assert bool(validation.problems(obj)) == _stix2_refuses(obj), obj


def test_modified_before_created_is_refused() -> None:
    obj = indicator(KZ, "198.51.100.3", created="2026-03-02T00:00:00.000Z")
    assert validation.problems(obj) == ["modified must be later than or equal to created (STIX 2.1, section 3.2)"]


@given(
    st.recursive(
        st.none() | st.booleans() | st.integers(-(2**53) + 1, 2**53 - 1) | st.text(),
        lambda inner: (
            st.lists(inner, max_size=4)
            | st.dictionaries(
                st.text(max_size=6) | st.text(st.characters(max_codepoint=127), max_size=6), inner, max_size=4
            )
        ),
        max_leaves=12,
    )
)
@settings(max_examples=300, deadline=None)
def test_the_fast_canonical_form_is_rfc8785s(value: Any) -> None:
    text = '\x00\x08\x1f\x7f"\\/\u2028 \ud7ff\ue000\U0001f600 Адрес 地址'
    for candidate in ({"v": value, "z": text}, {"v": value, "\ue000": 1, "\U0001f600": 2}, {"v": [value, 0.5]}):
        try:
            expected = rfc8785.dumps(candidate)
        except (rfc8785.CanonicalizationError, UnicodeEncodeError):
            with pytest.raises((rfc8785.CanonicalizationError, UnicodeEncodeError)):
                signing.canonical(candidate)
            continue
        assert signing.canonical(candidate) == expected


def test_the_signature_is_the_one_jwcrypto_makes_and_verifies() -> None:
    obj = indicator(KZ, "198.51.100.4", description="Адрес 地址")
    signature = signing.sign(obj)
    assert signature == signing.sign_with_jwcrypto(obj)
    assert signing.verify(obj, signature, signing.public_jwks())
    assert not signing.verify({**obj, "name": "changed"}, signature, signing.public_jwks())
