"""Personal API tokens: `sco_<prefix>_<secret>`; the prefix finds the row, the SHA-256 of the whole token proves it.

SHA-256 (not Argon2) is right here: the token is 256 bits of randomness, so there is nothing to slow-guess.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

TOKEN_PREFIX = "sco_"  # noqa: S105  a public marker, not a secret


def new_token() -> tuple[str, str, str]:
    """(token, prefix, digest)."""
    prefix = secrets.token_hex(5)
    token = f"{TOKEN_PREFIX}{prefix}_{secrets.token_urlsafe(32)}"
    return token, prefix, digest(token)


def digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def parse_prefix(token: str) -> str | None:
    if not token.startswith(TOKEN_PREFIX):
        return None
    prefix, _, secret = token[len(TOKEN_PREFIX) :].partition("_")
    return prefix if len(prefix) == 10 and secret else None


def matches(token: str, stored_digest: str) -> bool:
    return hmac.compare_digest(digest(token), stored_digest)
