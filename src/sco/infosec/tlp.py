"""TLP 2.0 (FIRST, authoritative since August 2022) as the OASIS STIX marking-definitions. No Django import.

The five marking ids and their objects are the ones OASIS publishes (stix/tlp/, see stix/SOURCE.md). TLP 1.0 ids
(STIX 2.1 spec section 7.2.1.4) are read as their TLP 2.0 successors (WHITE became CLEAR), so older tools interoperate.
"""

from __future__ import annotations

import enum
import json
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import Any

TLP_EXTENSION_ID = "extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d"


class Tlp(enum.IntEnum):
    """Ordered from the widest audience to the narrowest: the most restrictive of several markings wins."""

    CLEAR = 0
    GREEN = 1
    AMBER = 2
    AMBER_STRICT = 3
    RED = 4

    @property
    def label(self) -> str:
        # FIRST: labels are never translated.
        return {0: "TLP:CLEAR", 1: "TLP:GREEN", 2: "TLP:AMBER", 3: "TLP:AMBER+STRICT", 4: "TLP:RED"}[int(self)]

    @property
    def marking_id(self) -> str:
        return TLP2_IDS[self]

    @property
    def css(self) -> str:
        return self.name.lower().replace("_", "-")


TLP2_IDS: dict[Tlp, str] = {
    Tlp.CLEAR: "marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487",
    Tlp.GREEN: "marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb",
    Tlp.AMBER: "marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421",
    Tlp.AMBER_STRICT: "marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003",
    Tlp.RED: "marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1",
}
TLP1_IDS: dict[str, Tlp] = {
    "marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9": Tlp.CLEAR,  # white
    "marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da": Tlp.GREEN,
    "marking-definition--f88d31f6-486f-44da-b317-01333bde0b82": Tlp.AMBER,
    "marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed": Tlp.RED,
}
LEVEL_OF_MARKING: dict[str, Tlp] = {**{v: k for k, v in TLP2_IDS.items()}, **TLP1_IDS}

# An object that carries no TLP marking is treated as AMBER (a local default: FIRST defines none), so nothing
# unlabelled travels further than the organisations its producer named.
UNMARKED = Tlp.AMBER


@cache
def marking_definitions() -> tuple[dict[str, Any], ...]:
    path = Path(__file__).parent / "stix" / "tlp" / "tlp-2.0-marking-definitions.json"
    return tuple(json.loads(path.read_text()))


class UnknownMarking(ValueError):
    def __init__(self, marking_id: str):
        super().__init__(marking_id)
        self.marking_id = marking_id


def marking_refs(obj: dict[str, Any]) -> list[str]:
    refs = list(obj.get("object_marking_refs") or [])
    for granular in obj.get("granular_markings") or []:
        if isinstance(granular, dict) and granular.get("marking_ref"):
            refs.append(granular["marking_ref"])
    return refs


def level_of(refs: Iterable[str]) -> Tlp:
    """The most restrictive TLP among the refs; UNMARKED when there is none. Raises UnknownMarking for any other
    marking: only the TLP markings are defined on this server."""
    levels = []
    for ref in refs:
        if ref not in LEVEL_OF_MARKING:
            raise UnknownMarking(ref)
        levels.append(LEVEL_OF_MARKING[ref])
    return max(levels) if levels else UNMARKED


def is_tlp_definition(obj: dict[str, Any]) -> bool:
    return obj.get("type") == "marking-definition" and obj.get("id") in LEVEL_OF_MARKING
