"""Turns the lines an analyst types (an IP address, a domain, a URL, a file hash, an e-mail address) into STIX
patterns. No Django import."""

from __future__ import annotations

import ipaddress
import re
from dataclasses import dataclass

HASHES = {32: "MD5", 40: "SHA-1", 64: "SHA-256", 128: "SHA-512"}
DOMAIN = re.compile(r"^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$", re.I)
EMAIL = re.compile(r"^[^@\s'\\]+@[^@\s'\\]+\.[a-z]{2,63}$", re.I)
HEX = re.compile(r"^[0-9a-f]+$", re.I)


@dataclass(frozen=True)
class Observable:
    kind: str  # the STIX SCO type
    value: str
    pattern: str


def parse_line(line: str) -> Observable:
    """Raises ValueError with a reason for a line that is none of the kinds."""
    value = line.strip()
    if not value or "'" in value or "\\" in value:
        raise ValueError("empty, or contains a quote or backslash")
    try:
        address = ipaddress.ip_network(value, strict=False)
    except ValueError:
        pass
    else:
        kind = "ipv4-addr" if address.version == 4 else "ipv6-addr"
        text = str(address.network_address) if address.num_addresses == 1 else str(address)
        return Observable(kind, text, f"[{kind}:value = '{text}']")
    if value.lower().startswith(("http://", "https://")):
        return Observable("url", value, f"[url:value = '{value}']")
    if HEX.match(value) and len(value) in HASHES:
        algorithm = HASHES[len(value)]
        return Observable("file", value.lower(), f"[file:hashes.'{algorithm}' = '{value.lower()}']")
    if EMAIL.match(value):
        return Observable("email-addr", value, f"[email-addr:value = '{value}']")
    if DOMAIN.match(value):
        return Observable("domain-name", value.lower(), f"[domain-name:value = '{value.lower()}']")
    raise ValueError("not an IP address, domain, URL, file hash or e-mail address")
