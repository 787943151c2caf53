"""`sco infosec_verify OBJECT.json SIGNATURE --jwks JWKS.json`: check the platform's detached JWS on an object
version, as a recipient would (no database needed). Exit status 1 when it does not verify."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from sco.infosec import signing


class Command(BaseCommand):
    help = "Verify the platform's detached JWS over a STIX object (RFC 8785 canonical JSON)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("object", help="a file with the STIX object as served")
        parser.add_argument("signature", help="the compact detached JWS (header..signature)")
        parser.add_argument("--jwks", help="a file with the signer's JWKS; default: this instance's own key")

    def handle(self, *args: Any, **opts: Any) -> None:
        obj = json.loads(Path(opts["object"]).read_text())
        jwks = json.loads(Path(opts["jwks"]).read_text()) if opts["jwks"] else signing.public_jwks()
        if not signing.verify(obj, opts["signature"], jwks):
            raise CommandError("the signature does NOT verify")
        self.stdout.write(f"valid signature over {obj.get('id')} @ {obj.get('modified') or obj.get('created')}\n")
