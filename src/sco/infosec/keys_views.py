"""A CERT administrator's pages for the CERT's TAXII keys: the list (never a secret), a new key (its secret shown
once, on the answer to the form, never stored or shown again), and revocation. Only that CERT's administrators and
the platform's administrator reach them; for anyone else the CERT's keys are not there (404).

And who those administrators are: the Secretariat (and the platform's administrator) name and remove them for every
CERT, a CERT's administrators for their own CERT; for anyone else the page is not there (404)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sco.core.doors import act, attempt
from sco.core.http import SignedInRequest
from sco.core.models import User
from sco.infosec import selectors, services
from sco.infosec.errors import NoSuchObject
from sco.infosec.forms import AdminForm, KeyForm
from sco.infosec.models import ApiKey, Cert


@login_required
def keys_index(request: SignedInRequest) -> HttpResponse:
    certs = selectors.managed_certs(viewer=request.user)
    if not certs:
        raise NoSuchObject()
    if len(certs) == 1:
        return HttpResponseRedirect(reverse("infosec:keys", args=[certs[0].pk]))
    return render(request, "infosec/keys_certs.html", {"certs": certs, "manages_keys": True})


def _form(request: SignedInRequest, cert: Cert) -> KeyForm:
    return KeyForm(
        request.POST if request.method == "POST" else None,
        holders=selectors.key_holders(cert=cert),
        collections=selectors.granted_collections(cert=cert),
        initial={"holder": request.user.pk},
    )


def _list(request: SignedInRequest, cert: Cert, form: KeyForm, status: int = 200) -> HttpResponse:
    keys = selectors.keys_of(viewer=request.user, cert=cert)
    now = timezone.now()
    rows: list[dict[str, Any]] = [{"key": k, "state": _state(k, now)} for k in keys]
    return render(
        request, "infosec/keys.html", {"cert": cert, "rows": rows, "form": form, "manages_keys": True}, status=status
    )


def _state(key: ApiKey, now: Any) -> str:
    if key.revoked_at is not None:
        return _("revoked")
    if key.expires_at <= now:
        return _("expired")
    return _("active")


@login_required
def keys_page(request: SignedInRequest, cert_id: int) -> HttpResponse:
    cert = selectors.managed_cert_get(viewer=request.user, cert_id=cert_id)
    form = _form(request, cert)
    if request.method != "POST":
        return _list(request, cert, form)

    def action(data: dict[str, Any]) -> tuple[ApiKey, str]:
        return services.key_create(
            actor=request.user,
            cert=cert,
            name=data["name"],
            collections=data["collections"],
            may_write=data["may_write"],
            days=data["days"],
            holder=data["holder"],
        )

    outcome = attempt(form, action)
    if not outcome.ok or outcome.result is None:
        return _list(request, cert, form, status=422 if outcome.status in (200, 422) else outcome.status)
    key, token = outcome.result
    response = render(
        request,
        "infosec/key_created.html",
        {"cert": cert, "key": key, "token": token, "manages_keys": True},
        status=201,
    )
    response["Cache-Control"] = "no-store"  # the secret is on this answer only
    return response


@login_required
@require_POST
def key_revoke_view(request: SignedInRequest, cert_id: int, prefix: str) -> HttpResponse:
    cert = selectors.managed_cert_get(viewer=request.user, cert_id=cert_id)
    key = selectors.key_get(viewer=request.user, cert=cert, prefix=prefix)
    services.key_revoke(actor=request.user, key=key)
    messages.success(request, _("The key %(prefix)s was revoked.") % {"prefix": key.prefix})
    return HttpResponseRedirect(reverse("infosec:keys", args=[cert.pk]))


@login_required
def admins_index(request: SignedInRequest) -> HttpResponse:
    certs = selectors.admin_certs(viewer=request.user)
    if not certs:
        raise NoSuchObject()
    if len(certs) == 1:
        return HttpResponseRedirect(reverse("infosec:admins", args=[certs[0].pk]))
    return render(request, "infosec/admins_certs.html", {"certs": certs, "names_admins": True})


@login_required
def admins_page(request: SignedInRequest, cert_id: int) -> HttpResponse:
    cert = selectors.admin_cert_get(viewer=request.user, cert_id=cert_id)
    form = AdminForm(
        request.POST if request.method == "POST" else None, candidates=selectors.admin_candidates(cert=cert)
    )
    status = 200
    if request.method == "POST":
        outcome = attempt(
            form, lambda data: services.cert_admin_set(actor=request.user, cert=cert, user=data["user"], admin=True)
        )
        if outcome.ok:
            messages.success(
                request, _("%(user)s now administers this CERT's keys.") % {"user": form.cleaned_data["user"]}
            )
            return HttpResponseRedirect(reverse("infosec:admins", args=[cert.pk]))
        status = 422 if outcome.status in (200, 422) else outcome.status
    return render(
        request,
        "infosec/admins.html",
        {"cert": cert, "admins": selectors.cert_admins(cert=cert), "form": form, "names_admins": True},
        status=status,
    )


@login_required
@require_POST
def admin_remove_view(request: SignedInRequest, cert_id: int, user_id: int) -> HttpResponse:
    cert = selectors.admin_cert_get(viewer=request.user, cert_id=cert_id)
    user = get_object_or_404(User, pk=user_id)
    act(
        request,
        lambda: services.cert_admin_set(actor=request.user, cert=cert, user=user, admin=False),
        message=_("%(user)s no longer administers this CERT's keys.") % {"user": user.get_username()},
        field_errors=True,
    )
    return HttpResponseRedirect(reverse("infosec:admins", args=[cert.pk]))
