"""STIX 2.1 content checks on the way in: the OASIS JSON schemas (shipped in stix/schemas) and the stix2 library.

No Django import. `problems(obj)` returns the reasons an object is refused (empty when it is accepted).
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema_rs
import stix2

from sco.infosec import tlp

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
    try:
        stix2.parse(obj, allow_custom=True)
    except Exception as exc:  # stix2 raises many unrelated types for bad content; each is a refusal
        return [f"stix2: {str(exc)[:300]}"]
    return []
