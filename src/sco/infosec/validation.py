"""STIX 2.1 content checks on the way in: the OASIS JSON schemas (shipped in stix/schemas, compiled once per process
by jsonschema-rs), then what a schema cannot decide.

What a schema cannot decide is what stix2 checks when it builds an object (`_check_object_constraints`): the order of
pairs of timestamps, and an indicator's STIX pattern against the pattern grammar (stix2-patterns). For the types the
CERTs post in bulk (`CHECKED_HERE`) those rules are applied here directly, without building stix2 objects (building
one cost more than everything else a POST does with an object); every other type, and any object with granular
markings or extensions (whose checks stix2 alone knows), still goes through `stix2.parse`. A pattern of the one shape
indicators mostly have, `[<type>:value = '<string>']` on an address, domain, URL or e-mail observable, is recognised
by a regular expression that accepts only patterns the grammar accepts (a property test holds it to the grammar);
every other pattern goes to the stix2-patterns parser.

No Django import. `problems(obj)` returns the reasons an object is refused (empty when it is accepted).
"""

from __future__ import annotations

import datetime as dt
import json
import re
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema_rs
import stix2
from stix2patterns.validator import run_validator

from sco.infosec import stixtime, tlp

SCHEMA_DIR = Path(__file__).parent / "stix" / "schemas"

SDO_TYPES = frozenset(
    {
        "identity",
        "indicator",
        "report",
        "incident",
        "vulnerability",
        "malware",
        "attack-pattern",
        "note",
        "opinion",
        "observed-data",
        "grouping",
        "course-of-action",
    }
)
SRO_TYPES = frozenset({"relationship", "sighting"})
SCO_TYPES = frozenset({"ipv4-addr", "ipv6-addr", "domain-name", "url", "file", "email-addr"})
META_TYPES = frozenset({"marking-definition"})
SUPPORTED_TYPES = SDO_TYPES | SRO_TYPES | SCO_TYPES | META_TYPES

# The OASIS Incident Core extension (cti-stix-common-objects, extension-definition-specifications/incident-core).
INCIDENT_CORE_EXTENSION = "extension-definition--ef765651-680c-498d-9894-99799f2fa126"
MAX_REASONS = 3

# Types whose stix2 checks beyond the schema are done here (`_constraints`); the rest go through stix2.parse.
CHECKED_HERE = frozenset(
    {"indicator", "relationship", "sighting", "report", "note", "opinion", "identity"}
    | {"ipv4-addr", "ipv6-addr", "domain-name", "url", "email-addr"}
)
# (earlier, later, may they be equal) per type, as stix2 2.1 orders them.
_ORDERED: dict[str, tuple[tuple[str, str, bool], ...]] = {
    "indicator": (("valid_from", "valid_until", False),),
    "relationship": (("start_time", "stop_time", False),),
    "sighting": (("first_seen", "last_seen", True),),
}
# One comparison of an observable's value with a quoted string: the STIX pattern grammar's StringLiteral is a quote,
# then any characters but a quote or a backslash, or the escapes \' and \\, then a quote.
SIMPLE_PATTERN = re.compile(r"\[(?:ipv4-addr|ipv6-addr|domain-name|url|email-addr):value = '(?:[^'\\]|\\['\\])*'\]\Z")


def pattern_problems(pattern: Any, version: Any = "2.1") -> list[str]:
    """Why a STIX pattern is refused by the grammar (empty when it is accepted)."""
    if not isinstance(pattern, str):
        return ["pattern must be a string"]
    if version in (None, "2.1") and SIMPLE_PATTERN.match(pattern):
        return []
    errors = run_validator(pattern, "2.1" if version is None else str(version))
    return [f"pattern (stix2-patterns): {str(errors[0])[:300]}"] if errors else []


def _when(value: Any) -> dt.datetime | None:
    try:
        return stixtime.parse(value) if isinstance(value, str) else None
    except ValueError:
        return None


def _constraints(obj: dict[str, Any]) -> list[str] | None:
    """stix2's checks beyond the schema for a type in CHECKED_HERE; None when stix2 itself must decide (a timestamp
    this module cannot read)."""
    for earlier, later, equal in _ORDERED.get(obj["type"], ()):
        if earlier in obj and later in obj:
            first, second = _when(obj[earlier]), _when(obj[later])
            if first is None or second is None:
                return None
            if second < first or (second == first and not equal):
                order = "later than or equal to" if equal else "later than"
                return [f"{later} must be {order} {earlier}"]
    if obj["type"] == "indicator" and obj.get("pattern_type") == "stix":
        return pattern_problems(obj.get("pattern"), obj.get("pattern_version"))
    return []


def _schema_path(stix_type: str) -> Path:
    for folder in ("sdos", "sros", "observables"):
        path = SCHEMA_DIR / folder / f"{stix_type}.json"
        if path.exists():
            return path
    return SCHEMA_DIR / "common" / f"{stix_type}.json"


@cache
def _registry() -> jsonschema_rs.Registry:
    resources = []
    for path in SCHEMA_DIR.glob("*/*.json"):
        contents = json.loads(path.read_text())
        resources.append((contents["$id"], contents))
    return jsonschema_rs.Registry(resources)


@cache
def _validator(stix_type: str) -> Any:
    # jsonschema-rs (Rust): about a hundred times faster than the pure-Python validator on these schemas, which
    # resolve many $refs per object; posting envelopes of 100 objects is bounded by this check.
    schema = json.loads(_schema_path(stix_type).read_text())
    return jsonschema_rs.validator_for(schema, registry=_registry())


def schema_problems(obj: dict[str, Any]) -> list[str]:
    validator = _validator(obj["type"])
    if validator.is_valid(obj):
        return []
    errors = sorted(validator.iter_errors(obj), key=lambda e: [str(p) for p in e.instance_path])
    reasons = []
    for error in errors[:MAX_REASONS]:
        where = "/".join(str(p) for p in error.instance_path) or "(object)"
        reasons.append(f"schema: {where}: {error.message[:200]}")
    return reasons


def problems(obj: Any) -> list[str]:
    if not isinstance(obj, dict):
        return ["an object must be a JSON object"]
    stix_type, stix_id = obj.get("type"), obj.get("id")
    if not isinstance(stix_type, str) or not isinstance(stix_id, str) or not stix_id.startswith(f"{stix_type}--"):
        return ["an object needs a type and an id of the form <type>--<UUID>"]
    if stix_type not in SUPPORTED_TYPES:
        return [f"type {stix_type!r} is not exchanged on this server"]
    if stix_type == "marking-definition":
        if not tlp.is_tlp_definition(obj):
            return ["only the TLP 2.0 marking-definitions published by OASIS are accepted"]
        return []
    if stix_type not in SCO_TYPES and obj.get("spec_version") != "2.1":
        return ["spec_version must be 2.1"]
    try:
        tlp.level_of(tlp.marking_refs(obj))
    except tlp.UnknownMarking as exc:
        return [f"marking {exc.marking_id} does not exist on this server (use the TLP 2.0 markings)"]
    reasons = schema_problems(obj)
    if reasons:
        return reasons
    audience = obj.get("x_sco_audience_refs", [])
    if not isinstance(audience, list) or not all(isinstance(a, str) and a.startswith("identity--") for a in audience):
        return ["x_sco_audience_refs must be a list of identity ids"]
    created, modified = _when(obj.get("created")), _when(obj.get("modified"))
    if created is not None and modified is not None and modified < created:
        return ["modified must be later than or equal to created (STIX 2.1, section 3.2)"]
    if stix_type in CHECKED_HERE and "granular_markings" not in obj and "extensions" not in obj:
        found = _constraints(obj)
        if found is not None:
            return found
    try:
        stix2.parse(obj, allow_custom=True)
    except Exception as exc:  # stix2 raises many unrelated types for bad content; each is a refusal
        return [f"stix2: {str(exc)[:300]}"]
    return []
