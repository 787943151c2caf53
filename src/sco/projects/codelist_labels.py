"""Titles of the OC4IDS codes shown on pages, marked so makemessages puts them in this part's catalog."""

from django.utils.translation import gettext_noop

LABELS = (
    gettext_noop("Education"),
    gettext_noop("Health"),
    gettext_noop("Energy"),
    gettext_noop("Solar energy"),
    gettext_noop("Wind energy"),
    gettext_noop("Hydropower energy"),
    gettext_noop("Biomass energy"),
    gettext_noop("Geothermal energy"),
    gettext_noop("Communications"),
    gettext_noop("Water and waste"),
    gettext_noop("Governance"),
    gettext_noop("Economy"),
    gettext_noop("Culture, sports and recreation"),
    gettext_noop("Transport"),
    gettext_noop("Air transport"),
    gettext_noop("Water transport"),
    gettext_noop("Rail transport"),
    gettext_noop("Road transport"),
    gettext_noop("Urban transport"),
    gettext_noop("Low-carbon transport"),
    gettext_noop("Social housing"),
    gettext_noop("Natural resources"),
    gettext_noop("Flood protection"),
    gettext_noop("Construction"),
    gettext_noop("Rehabilitation"),
    gettext_noop("Replacement"),
    gettext_noop("Expansion"),
    gettext_noop("Decommissioning"),
)
