"""One hierarchy of errors for every door: the API renders them as problem+json, views as form errors.

A code is a stable English identifier that clients may rely on; a message is a translated template.
"""

from __future__ import annotations

from typing import Any, ClassVar

from django.utils.translation import gettext_lazy as _


class ScoError(Exception):
    code: ClassVar[str] = "error"
    status: ClassVar[int] = 400
    title: ClassVar[Any] = _("The request could not be carried out.")
    message_template: ClassVar[Any] = _("The request could not be carried out.")

    def __init__(self, message: Any = None, *, field_errors: dict[str, list[str]] | None = None, **params: Any):
        self.params = params
        self.field_errors = field_errors or {}
        self._message = message
        super().__init__(str(self.message))

    @property
    def message(self) -> str:
        template = self._message if self._message is not None else self.message_template
        text = str(template)
        try:
            return text % self.params if self.params else text
        except (KeyError, TypeError, ValueError):
            return text


class BadRequest(ScoError):
    """The request itself cannot be read (a NUL character, a multipart body without its boundary)."""

    code = "bad_request"
    status = 400
    title = _("Bad request")
    message_template = _("The request could not be read.")


class OutOfRange(BadRequest):
    """A number or date too large for the database or the calendar (a backstop behind the schemas' bounds)."""

    code = "out_of_range"
    message_template = _("A number or a date in the request is out of range.")


class NotFound(ScoError):
    code = "not_found"
    status = 404
    title = _("Not found")
    message_template = _("Nothing was found here, or you may not see it.")


class NotPermitted(ScoError):
    code = "not_permitted"
    status = 403
    title = _("Not permitted")
    message_template = _("You may not do this.")


class NotAuthenticated(ScoError):
    code = "not_authenticated"
    status = 401
    title = _("Not signed in")
    message_template = _("Sign in, or send a valid API token, to do this.")


class InvalidInput(ScoError):
    code = "invalid_input"
    status = 422
    title = _("Invalid input")
    message_template = _("Some fields are not valid.")


class Conflict(ScoError):
    code = "conflict"
    status = 409
    title = _("Conflict")
    message_template = _("This cannot be done in the record's present state.")


class IllegalTransition(Conflict):
    code = "illegal_transition"
    title = _("Step not allowed")
    message_template = _("This step is not allowed from the present status.")
