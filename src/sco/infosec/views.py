"""The analysts' pages: what was shared with my CERT, submit an incident report, an object with its relationships
and sightings ("we saw it too"), and the activity dashboard. Every read goes through selectors (TLP in the query)."""

from __future__ import annotations

import json
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from sco.core.doors import submit
from sco.core.http import SignedInRequest
from sco.infosec import access, permissions, selectors, services, signing
from sco.infosec.errors import NotACert
from sco.infosec.forms import ReportForm, SightingForm
from sco.infosec.models import Cert, Collection, StixObject
from sco.infosec.tlp import Tlp


def _caller(request: SignedInRequest) -> access.Caller:
    caller = access.caller_for_user(request.user)
    if caller.cert is None:
        raise NotACert()
    return caller


def _manages_keys(request: SignedInRequest) -> bool:
    return permissions.certs_managed(request.user).exists()


def _rows(rows: list[StixObject]) -> list[dict[str, Any]]:
    out = []
    for row in rows:
        data = selectors.payload(row)
        out.append(
            {
                "row": row,
                "data": data,
                "name": data.get("name") or data.get("value") or data.get("relationship_type") or row.stix_id,
                "tlp": Tlp(row.tlp),
                "producer": row.creator.institution.name if row.creator else data.get("created_by_ref", ""),
            }
        )
    return out


@login_required
def index_page(request: SignedInRequest) -> HttpResponse:
    caller = _caller(request)
    kind = request.GET.get("type", "")
    rows = selectors.shared_with_me(caller=caller, types=(kind,) if kind else ())
    return render(
        request,
        "infosec/index.html",
        {
            "caller": caller,
            "manages_keys": _manages_keys(request),
            "rows": _rows(rows),
            "kind": kind,
            "kinds": ["report", "indicator", "sighting", "incident"],
        },
    )


@login_required
def report_new_page(request: SignedInRequest) -> HttpResponse:
    caller = _caller(request)
    collections = Collection.objects.filter(
        pk__in=access.grants_of(caller).filter(can_write=True).values("collection_id")
    )
    assert caller.cert is not None
    others = Cert.objects.exclude(pk=caller.cert.pk).select_related("institution")
    form = ReportForm(request.POST or None, collections=collections, others=others)

    def action(data: dict[str, Any]) -> dict[str, Any]:
        return services.report_submit(
            actor=request.user,
            collection=data["collection"],
            name=data["name"],
            description=data["description"],
            level=Tlp(data["tlp"]),
            audience=data["audience"],
            lines=data["indicators"].splitlines(),
        )

    return submit(
        request,
        form,
        action,
        template="infosec/report_form.html",
        context={"caller": caller, "manages_keys": _manages_keys(request)},
        success=lambda report: reverse("infosec:object", args=[report["id"]]),
        message=_("The report was shared."),
    )


@login_required
def object_page(request: SignedInRequest, stix_id: str) -> HttpResponse:
    caller = _caller(request)
    row = selectors.object_get(caller=caller, stix_id=stix_id)
    hood = selectors.neighbourhood(caller=caller, row=row)
    services.sensitive_reads_log(caller, [(row.pk, row.tlp)], place="page")
    form = SightingForm(request.POST or None)

    def action(data: dict[str, Any]) -> dict[str, Any]:
        return services.sighting_record(
            actor=request.user, row=row, count=data["count"], note=data["note"], share_green=data["share_green"]
        )

    context = {
        "caller": caller,
        "manages_keys": _manages_keys(request),
        "item": _rows([row])[0],
        "pretty": json.dumps(selectors.payload(row), indent=2, ensure_ascii=False),
        "refs_out": _rows(hood.refs_out),
        "refs_in": _rows(hood.refs_in),
        "sightings": _rows(hood.sightings),
    }
    return submit(
        request,
        form,
        action,
        template="infosec/object.html",
        context=context,
        success=lambda _s: reverse("infosec:object", args=[row.stix_id]),
        message=_("Your sighting was recorded."),
    )


@login_required
def dashboard_page(request: SignedInRequest) -> HttpResponse:
    caller = _caller(request)
    series = selectors.dashboard(caller=caller)
    totals: dict[str, int] = {}
    for point in series:
        totals[point["type"]] = totals.get(point["type"], 0) + point["n"]
    return render(
        request,
        "infosec/dashboard.html",
        {
            "caller": caller,
            "manages_keys": _manages_keys(request),
            "series": series,
            "totals": sorted(totals.items()),
            "chart_title": _("Objects by week"),
        },
    )


def jwks_view(request: HttpRequest) -> JsonResponse:
    """The public key that verifies the platform's signatures (a JWKS, RFC 7517)."""
    return JsonResponse(signing.public_jwks())
