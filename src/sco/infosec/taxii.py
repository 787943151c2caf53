"""The TAXII 2.1 door (OASIS TAXII 2.1, sections 3-5): plain Django views under /taxii2/, not the ninja API, because
TAXII has its own media type and error shape. Each view parses, asks access/selectors/services, and renders.

Authentication is a CERT API key, sent as HTTP Basic (the key as password, any user name: what taxii2-client's
user/password sends), `Authorization: Bearer <key>` or `Authorization: Token <key>` (taxii2-client's TokenAuth).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt

from sco.core.errors import ScoError
from sco.infosec import access, cursor, selectors, services, signing, stixtime
from sco.infosec.errors import BadEnvelope, BadQuery, NoGrant, NoSuchObject, NotAcceptable, TooLarge, UnsupportedMedia
from sco.infosec.models import ApiKey

TAXII = "application/taxii+json;version=2.1"
STIX = "application/stix+json;version=2.1"
API_ROOT = "sco"
MAX_CONTENT_LENGTH = 2_000_000  # under Django's DATA_UPLOAD_MAX_MEMORY_SIZE (2 MiB), so our 413 answers first
KEY_TOUCH_EVERY = dt.timedelta(minutes=1)


def taxii_response(body: Any, status: int = 200, headers: dict[str, str] | None = None) -> HttpResponse:
    text = body if isinstance(body, str) else json.dumps(body, ensure_ascii=False)
    response = HttpResponse(text, status=status, content_type=TAXII)
    for name, value in (headers or {}).items():
        response[name] = value
    return response


def error_response(error: ScoError) -> HttpResponse:
    body: dict[str, Any] = {
        "title": str(error.title),
        "description": error.message,
        "error_code": error.code,
        "http_status": str(error.status),
    }
    if isinstance(error, BadEnvelope):
        body["details"] = {"failures": error.params.get("details", [])}
    response = taxii_response(body, status=error.status)
    if error.status == 401:
        response["WWW-Authenticate"] = 'Basic realm="sco-taxii", Bearer realm="sco-taxii"'
    return response


def _accepts_taxii(accept: str) -> bool:
    for part in accept.split(","):
        media, *params = [p.strip().lower() for p in part.split(";")]
        if media in ("*/*", "application/*"):
            return True
        if media == "application/taxii+json":
            version = next((p.split("=", 1)[1] for p in params if p.startswith("version=")), "2.1")
            if version == "2.1":
                return True
    return False


View = Callable[..., HttpResponse]


def taxii_view(*methods: str, cached: tuple[str, ...] = ()) -> Callable[[View], View]:
    """The TAXII door of a view: method, key, Accept, and errors in the TAXII shape. For the methods in `cached` (the
    read paths whose one query re-checks the key, `access.key_guard`), the key may come from the process's cache."""

    def wrap(view: View) -> View:
        @csrf_exempt
        @wraps(view)
        def door(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            try:
                if request.method not in methods:
                    response = taxii_response({"title": _("Method not allowed"), "http_status": "405"}, status=405)
                    response["Allow"] = ", ".join(methods)
                    return response
                now = timezone.now()
                caller = access.caller_from_key(
                    access.key_from_authorization(request.META.get("HTTP_AUTHORIZATION", "")),
                    now=now,
                    collection_id=kwargs.get("collection_id"),
                    cached=request.method in cached,
                )
                if not _accepts_taxii(request.META.get("HTTP_ACCEPT", "")):
                    raise NotAcceptable()
                if caller.key is not None and (
                    caller.key.last_used_at is None or now - caller.key.last_used_at > KEY_TOUCH_EVERY
                ):
                    ApiKey.objects.filter(pk=caller.key.pk).update(last_used_at=now)
                    caller.key.last_used_at = now  # the cached caller too: touched once a minute per process
                return view(request, caller, *args, **kwargs)
            except ScoError as error:
                return error_response(error)
            except cursor.BadCursor:
                return error_response(BadQuery(detail="next"))

        return door

    return wrap


# --- query parameters ------------------------------------------------------------------------------------------


def _split(request: HttpRequest, name: str) -> tuple[str, ...]:
    values: list[str] = []
    for raw in request.GET.getlist(name):
        values.extend(v.strip() for v in raw.split(",") if v.strip())
    return tuple(values)


def _timestamp(value: str, name: str) -> dt.datetime:
    try:
        return stixtime.parse(value)
    except ValueError as exc:
        raise BadQuery(detail=name) from exc


def filters_from(request: HttpRequest, *, default_versions: tuple[str, ...] = ("last",)) -> selectors.Filters:
    added_after = request.GET.get("added_after")
    versions: list[str | dt.datetime] = []
    for v in _split(request, "match[version]"):
        versions.append(v if v in ("first", "last", "all") else _timestamp(v, "match[version]"))
    return selectors.Filters(
        added_after=_timestamp(added_after, "added_after") if added_after else None,
        ids=_split(request, "match[id]"),
        types=_split(request, "match[type]"),
        versions=tuple(versions) or default_versions,
        spec_versions=_split(request, "match[spec_version]"),
    )


def limit_from(request: HttpRequest) -> int:
    raw = request.GET.get("limit")
    if raw is None:
        return selectors.DEFAULT_PAGE
    try:
        value = int(raw)
    except ValueError as exc:
        raise BadQuery(detail="limit") from exc
    if value < 1:
        raise BadQuery(detail="limit")
    return min(value, selectors.MAX_PAGE)


def page_headers(page: selectors.Page) -> dict[str, str]:
    if not page.rows:
        return {}
    first, last = page.first_added, page.last_added
    assert first is not None and last is not None
    return {"X-TAXII-Date-Added-First": stixtime.taxii(first), "X-TAXII-Date-Added-Last": stixtime.taxii(last)}


def envelope_text(page: selectors.Page) -> str:
    """The envelope as text: stored payloads are spliced in as they are, never parsed and re-serialised."""
    head = '{"more":' + ("true" if page.more else "false")
    if page.next:
        head += ',"next":' + json.dumps(page.next)
    if not page.rows:
        return head + "}"
    return head + ',"objects":[' + ",".join(r[2] for r in page.rows) + "]}"


@csrf_exempt
def not_found(request: HttpRequest) -> HttpResponse:
    return error_response(NoSuchObject())


# --- views -----------------------------------------------------------------------------------------------------


def _root_url(request: HttpRequest) -> str:
    return request.build_absolute_uri(f"/taxii2/{API_ROOT}/")


@taxii_view("GET")
def discovery(request: HttpRequest, caller: access.Caller) -> HttpResponse:
    return taxii_response(
        {
            "title": _("SCO information-security exchange"),
            "description": _("STIX 2.1 over TAXII 2.1 between the national CERTs of SCO member states, under TLP 2.0."),
            "contact": getattr(settings, "SCO_INFOSEC_CONTACT", "secretariat"),
            "default": _root_url(request),
            "api_roots": [_root_url(request)],
        }
    )


@taxii_view("GET")
def api_root(request: HttpRequest, caller: access.Caller, root: str) -> HttpResponse:
    _check_root(root)
    return taxii_response(
        {
            "title": _("SCO CERT exchange"),
            "description": _("Collections shared between the members' national CERTs."),
            "versions": [TAXII],
            "max_content_length": MAX_CONTENT_LENGTH,
        }
    )


def _check_root(root: str) -> None:
    if root != API_ROOT:
        raise NoSuchObject()


def _collection_json(collection: Any, can_read: bool, can_write: bool) -> dict[str, Any]:
    body = {
        "id": str(collection.id),
        "title": collection.title_en,
        "alias": collection.alias,
        "can_read": can_read,
        "can_write": can_write,
        "media_types": [STIX],
    }
    if collection.description:
        body["description"] = collection.description
    return body


@taxii_view("GET")
def collections(request: HttpRequest, caller: access.Caller, root: str) -> HttpResponse:
    _check_root(root)
    found = [_collection_json(c, r, w) for c, r, w in selectors.collections_for(caller)]
    return taxii_response({"collections": found} if found else {})


@taxii_view("GET")
def collection(request: HttpRequest, caller: access.Caller, root: str, collection_id: str) -> HttpResponse:
    _check_root(root)
    rights = access.rights(caller, collection_id)
    return taxii_response(_collection_json(rights.collection, rights.can_read, rights.can_write))


def _read_page(
    request: HttpRequest, caller: access.Caller, collection_id: str, filters: selectors.Filters, *, logged: bool
) -> selectors.Page:
    """A page of a collection for the caller (objects logged as sensitive reads when `logged`; a manifest is not:
    it carries no content). A cached caller's empty page is asked again with the key read afresh, so that a key
    revoked in another process, or a grant withdrawn, answers as it should rather than as an empty page."""
    coll = access.readable(caller, collection_id)
    limit, next_token = limit_from(request), request.GET.get("next")
    if logged:
        found = services.page_read(
            caller=caller,
            collection=coll,
            filters=filters,
            limit=limit,
            next_token=next_token,
            place=f"taxii:{coll.alias}",
        )
    else:
        found = selectors.page(caller=caller, collection=coll, filters=filters, limit=limit, next_token=next_token)
    if found.rows or not caller.cached:
        return found
    fresh = access.caller_from_key(
        access.key_from_authorization(request.META.get("HTTP_AUTHORIZATION", "")),
        now=timezone.now(),
        collection_id=collection_id,
    )
    return _read_page(request, fresh, collection_id, filters, logged=logged)


@taxii_view("GET", "POST", cached=("GET",))
def objects(request: HttpRequest, caller: access.Caller, root: str, collection_id: str) -> HttpResponse:
    _check_root(root)
    if request.method == "POST":
        return _add(request, caller, collection_id)
    page = _read_page(request, caller, collection_id, filters_from(request), logged=True)
    return taxii_response(envelope_text(page), headers=page_headers(page))


def _add(request: HttpRequest, caller: access.Caller, collection_id: str) -> HttpResponse:
    coll = access.writable(caller, collection_id)
    content_type = request.META.get("CONTENT_TYPE", "")
    media, *params = [p.strip().lower() for p in content_type.split(";")]
    if media != "application/taxii+json" or any(p.startswith("version=") and p != "version=2.1" for p in params):
        raise UnsupportedMedia()
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        length = 0
    if length > MAX_CONTENT_LENGTH:
        raise TooLarge(limit=MAX_CONTENT_LENGTH)
    body = request.body
    if len(body) > MAX_CONTENT_LENGTH:
        raise TooLarge(limit=MAX_CONTENT_LENGTH)
    try:
        envelope = json.loads(body)
    except (ValueError, UnicodeDecodeError) as exc:
        raise BadEnvelope(_("The body is not JSON."), count=0, details=[]) from exc
    if not isinstance(envelope, dict) or not isinstance(envelope.get("objects"), list) or not envelope["objects"]:
        raise BadEnvelope(_("An envelope is a JSON object with a non-empty list 'objects'."), count=0, details=[])
    if len(envelope["objects"]) > services.MAX_OBJECTS:
        raise TooLarge(limit=MAX_CONTENT_LENGTH)
    status = services.objects_add(caller=caller, collection=coll, objects=envelope["objects"])
    return taxii_response(status_json(status), status=202)


def status_json(status: Any) -> dict[str, Any]:
    return {
        "id": str(status.id),
        "status": "complete",
        "request_timestamp": stixtime.taxii(status.request_timestamp),
        "total_count": len(status.successes) + len(status.failures),
        "success_count": len(status.successes),
        "successes": status.successes,
        "failure_count": len(status.failures),
        "failures": status.failures,
        "pending_count": 0,
        "pendings": [],
    }


@taxii_view("GET")
def status(request: HttpRequest, caller: access.Caller, root: str, status_id: str) -> HttpResponse:
    _check_root(root)
    return taxii_response(status_json(selectors.status_get(caller=caller, status_id=status_id)))


@taxii_view("GET", "DELETE", cached=("GET",))
def object_view(
    request: HttpRequest, caller: access.Caller, root: str, collection_id: str, object_id: str
) -> HttpResponse:
    _check_root(root)
    if request.method == "DELETE":
        rights = access.rights(caller, collection_id)
        if not (rights.can_read and rights.can_write):
            raise NoGrant()
        filters = filters_from(request, default_versions=("all",))
        stamps = [v for v in filters.versions if isinstance(v, dt.datetime)]
        services.object_delete(caller=caller, collection=rights.collection, stix_id=object_id, versions=stamps or None)
        return taxii_response("", status=200)
    base = filters_from(request)
    filters = selectors.Filters(
        added_after=base.added_after, ids=(object_id,), versions=base.versions, spec_versions=base.spec_versions
    )
    page = _read_page(request, caller, collection_id, filters, logged=True)
    if not page.rows and not request.GET.get("next"):
        raise NoSuchObject()
    return taxii_response(envelope_text(page), headers=page_headers(page))


@taxii_view("GET")
def versions(
    request: HttpRequest, caller: access.Caller, root: str, collection_id: str, object_id: str
) -> HttpResponse:
    _check_root(root)
    coll = access.readable(caller, collection_id)
    found = selectors.versions(caller=caller, collection=coll, stix_id=object_id, filters=filters_from(request))
    return taxii_response({"more": False, "versions": [stixtime.stix(v) for v, _level in found]})


@taxii_view("GET", cached=("GET",))
def manifest(request: HttpRequest, caller: access.Caller, root: str, collection_id: str) -> HttpResponse:
    _check_root(root)
    page = _read_page(request, caller, collection_id, filters_from(request), logged=False)
    body: dict[str, Any] = {"more": page.more}
    if page.next:
        body["next"] = page.next
    if page.rows:
        body["objects"] = [
            {
                "id": r[3],
                "date_added": stixtime.taxii(selectors.when(r[1])),
                "version": stixtime.stix(selectors.when(r[4])),
                "media_type": STIX,
            }
            for r in page.rows
        ]
    return taxii_response(body, headers=page_headers(page))


@taxii_view("GET")
def signatures(
    request: HttpRequest, caller: access.Caller, root: str, collection_id: str, object_id: str
) -> HttpResponse:
    """Not part of TAXII: the platform's detached JWS for each visible version of an object, and the key set."""
    _check_root(root)
    coll = access.readable(caller, collection_id)
    rows = selectors.signatures(caller=caller, collection=coll, stix_id=object_id)
    return taxii_response(
        {"signatures": [{"version": stixtime.stix(v), "jws": sig} for v, sig in rows], "jwks": signing.public_jwks()}
    )
