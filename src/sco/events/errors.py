"""This part's errors, each with a stable code; messages are translated templates."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from sco.core.errors import Conflict, InvalidInput, NotFound


class EventInvalid(InvalidInput):
    code = "event_invalid"
    message_template = _("Some fields of the event are not valid.")


class EventNotFound(NotFound):
    code = "event_not_found"


class RegistrationNotFound(NotFound):
    code = "registration_not_found"


class RegistrationClosed(Conflict):
    code = "registration_closed"
    message_template = _("Registration for this event is closed.")


class RegistrationDeadlinePassed(Conflict):
    code = "registration_deadline_passed"
    message_template = _("The registration deadline has passed.")


class RegistrationNotYetOpen(Conflict):
    code = "registration_not_yet_open"
    message_template = _("Registration for this event opens on %(opens)s (local time at the venue, %(zone)s).")


class RegistrationFull(Conflict):
    code = "registration_capacity_full"
    message_template = _("Every place is taken and this event keeps no waiting list.")


class AlreadyRegistered(Conflict):
    code = "registration_exists"
    message_template = _("This person is already registered for this event.")


class NotEligible(Conflict):
    code = "registration_not_eligible"
    message_template = _("You may not register for this event.")


class RegistrationStepRefused(Conflict):
    code = "registration_transition_refused"
    message_template = _("This step is not allowed for a registration that is %(status)s.")


class NoPlaceFree(Conflict):
    code = "registration_no_place_free"
    message_template = _("No place is free: raise the number of places or wait until one frees.")
