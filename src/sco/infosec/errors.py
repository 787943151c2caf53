"""This part's refusals. Each keeps a stable code; the TAXII door answers them in the TAXII error shape."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from sco.core.errors import Conflict, InvalidInput, NotAuthenticated, NotFound, NotPermitted, ScoError


class NoSuchObject(NotFound):
    code = "infosec_not_found"
    message_template = _("Nothing was found here, or you may not see it.")


class BadKey(NotAuthenticated):
    code = "infosec_bad_key"
    message_template = _("Send a valid, unexpired CERT API key (HTTP Basic password, Bearer or Token).")


class NotACert(NotPermitted):
    code = "infosec_not_a_cert"
    message_template = _("Only an analyst of a national CERT may do this.")


class NoGrant(NotPermitted):
    code = "infosec_no_grant"
    message_template = _("Your CERT or key has no grant to do this in this collection.")


class BadEnvelope(InvalidInput):
    code = "infosec_bad_envelope"
    title = _("The envelope was refused")
    message_template = _("Nothing was stored: %(count)s object(s) were refused.")


class BadQuery(ScoError):
    code = "infosec_bad_query"
    status = 400
    title = _("Bad request")
    message_template = _("A query parameter is not valid: %(detail)s")


class TooLarge(ScoError):
    code = "infosec_too_large"
    status = 413
    title = _("Too large")
    message_template = _("The envelope is larger than %(limit)s bytes.")


class NotAcceptable(ScoError):
    code = "infosec_not_acceptable"
    status = 406
    title = _("Not acceptable")
    message_template = _("Ask for application/taxii+json;version=2.1.")


class UnsupportedMedia(ScoError):
    code = "infosec_unsupported_media"
    status = 415
    title = _("Unsupported media type")
    message_template = _("Send application/taxii+json;version=2.1.")


class VersionRefused(Conflict):
    code = "infosec_version_refused"
    message_template = _("This version cannot be stored: %(detail)s")
