"""What every events service shares: field errors, the words for each problem the rules find, the acting person."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.utils.translation import gettext_lazy as _

from sco.events import rules


def add_error(errors: dict[str, list[str]], name: str, message: Any) -> None:
    errors.setdefault(name, []).append(str(message))


# What each problem found by the rules (sco.events.rules) says to a person.
MESSAGES: dict[str, Any] = {
    "offset_given": _("Give the local time at the venue, without a UTC offset."),
    "event_title_missing": _("Give the event an English title."),
    "city_missing": _("Name the city."),
    "category_unknown": _("Choose a category from the list."),
    "format_unknown": _("Choose a format from the list."),
    "precision_unknown": _("Choose how much of the time is known."),
    "audience_unknown": _("Choose who may register."),
    "capacity_below_one": _("An event holds at least one place, or leave the field empty for no limit."),
    "time_zone_unknown": _("“%(zone)s” is not a time zone in the IANA database."),
    "local_time_nonexistent": _("%(time)s does not exist in %(zone)s: the clocks skipped it."),
    "local_time_ambiguous": _("%(time)s happened twice in %(zone)s: the clocks went back. Pick another time."),
    "end_not_after_start": _("The end must come after the start."),
    "event_too_long": _("An event lasts at most %(days)s days."),
    "registration_window_reversed": _("Registration must open before its deadline."),
    "times_unchecked": _("Check the start and end."),
    "session_title_missing": _("Give the session an English title."),
    "session_outside_event": _("A session must fall within the event's own dates and times."),
    "speaker_name_missing": _("Every speaker needs a name."),
}


def problem_errors(problems: Iterable[rules.Problem]) -> dict[str, list[str]]:
    """The rules' problems as field errors, each in the active language."""
    errors: dict[str, list[str]] = {}
    for problem in problems:
        message = MESSAGES[problem.code]
        add_error(errors, problem.field, message % dict(problem.params) if problem.params else message)
    return errors
