"""The platform's signature on each shared version: a detached JWS (RFC 7515 appendix F) over the object's RFC 8785
canonical JSON, made with an Ed25519 key.

The private key never goes into the database: it is read from the environment variable SCO_INFOSEC_SIGNING_KEY (a
JWK in JSON) or from the file var/infosec/signing-key.jwk, which is made on first use (mode 0600). The public key is
served as a JWKS so a recipient can verify with any JOSE library.
"""

from __future__ import annotations

import base64
import json
import os
from functools import cache
from pathlib import Path
from typing import Any

import rfc8785
from django.conf import settings
from jwcrypto import jwk, jws
from jwcrypto.common import JWException

ALG = "EdDSA"
ENV_VAR = "SCO_INFOSEC_SIGNING_KEY"


def key_path() -> Path:
    return Path(settings.VAR_DIR) / "infosec" / "signing-key.jwk"


@cache
def signing_key() -> jwk.JWK:
    text = os.environ.get(ENV_VAR)
    if text:
        return jwk.JWK.from_json(text)
    path = key_path()
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        key = jwk.JWK.generate(kty="OKP", crv="Ed25519")
        key_json = key.export_private()
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as handle:
            handle.write(key_json)
    return jwk.JWK.from_json(path.read_text())


def key_id() -> str:
    return str(signing_key().thumbprint())


def public_jwks() -> dict[str, Any]:
    public = json.loads(signing_key().export_public())
    return {"keys": [{**public, "kid": key_id(), "alg": ALG, "use": "sig"}]}


# I-JSON's exact integers (RFC 7493): RFC 8785 refuses any other.
_MAX_EXACT = 2**53 - 1


def _plain(value: Any) -> bool:
    """True when Python's compact JSON with sorted keys is already the RFC 8785 form of `value`: no float (ECMAScript
    writes numbers otherwise), integers within I-JSON's range, and ASCII keys (RFC 8785 sorts keys by UTF-16 code
    units, Python by code points; they agree on ASCII). Strings agree as they are: both escape only the quote, the
    backslash and the control characters, with the same short forms and lowercase \\u00xx otherwise."""
    if value is None or isinstance(value, str | bool):
        return True
    if isinstance(value, int):
        return -_MAX_EXACT <= value <= _MAX_EXACT
    if isinstance(value, dict):
        return all(isinstance(k, str) and k.isascii() and _plain(v) for k, v in value.items())
    if isinstance(value, list):
        return all(_plain(v) for v in value)
    return False


def canonical(obj: dict[str, Any]) -> bytes:
    """The RFC 8785 form of `obj`: by the standard library's C encoder when that writes the same bytes (`_plain`, the
    STIX objects CERTs post: strings, booleans and small integers), by rfc8785 otherwise. A test holds the two
    equal."""
    if _plain(obj):
        try:
            return json.dumps(obj, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode()
        except UnicodeEncodeError:  # a lone surrogate: rfc8785 says what is wrong with it
            pass
    return rfc8785.dumps(obj)


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


@cache
def _signer() -> tuple[Any, str]:
    """The private key as `cryptography` holds it, and the protected header already encoded: one Ed25519 signature
    per posted object is all that is left to do per object (jwcrypto's JWS object costs more than the signature)."""
    return signing_key().get_op_key("sign"), _b64(json.dumps({"alg": ALG, "kid": key_id()}).encode())


def sign(obj: dict[str, Any]) -> str:
    """Compact JWS (RFC 7515) with the payload detached: `<header>..<signature>`, the signature over
    `<header>.<base64url(RFC 8785 form)>`. The same bytes jwcrypto makes (Ed25519 is deterministic; a test holds them
    equal), and `verify` checks with jwcrypto."""
    private, header = _signer()
    signature = private.sign(f"{header}.{_b64(canonical(obj))}".encode())
    return f"{header}..{_b64(signature)}"


def sign_with_jwcrypto(obj: dict[str, Any]) -> str:
    """`sign` made by jwcrypto's JWS object: the reference the test compares `sign` with."""
    token = jws.JWS(canonical(obj))
    token.add_signature(signing_key(), None, json.dumps({"alg": ALG, "kid": key_id()}))
    token.detach_payload()
    return str(token.serialize(compact=True))


def verify(obj: dict[str, Any], signature: str, jwks: dict[str, Any]) -> bool:
    """True when `signature` is a valid detached JWS over `obj` by a key in `jwks`."""
    keys = jwk.JWKSet.from_json(json.dumps(jwks))
    token = jws.JWS()
    try:
        token.deserialize(signature)
        token.verify(keys, detached_payload=canonical(obj))
    except (JWException, ValueError):
        return False
    return True
