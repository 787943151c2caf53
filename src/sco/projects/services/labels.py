"""Translated labels of lifecycle checks, screening items and sensitivity scenarios."""

from __future__ import annotations

from django.utils.translation import gettext as _


def screening_label(item: str) -> str:
    labels = {
        "rationale": _("Project rationale is stated"),
        "options": _("Options were appraised"),
        "commercial_viability": _("Commercial viability is shown"),
        "affordability": _("Affordability is shown"),
        "deliverability": _("Deliverability is shown"),
        "feasibility_study": _("A feasibility study is attached"),
        "environmental_assessment": _("An environmental assessment is attached"),
    }
    return str(labels.get(item, item))


def scenario_label(scenario: str) -> str:
    labels = {
        "base": _("Base case"),
        "costs_plus_20": _("Costs +20 %"),
        "benefits_minus_20": _("Benefits −20 %"),
        "delay_1_year": _("One year's delay"),
        "delay_2_years": _("Two years' delay"),
    }
    return str(labels.get(str(scenario), str(scenario)))
