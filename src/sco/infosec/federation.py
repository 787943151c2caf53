"""Federation: this instance pulls a collection from another instance over TAXII 2.1 with the OASIS taxii2-client.

Each page is stored together with where to resume (`next`, else `added_after` = the page's
X-TAXII-Date-Added-Last) in one transaction, so an interrupted pull resumes where the last stored page ended: nothing
is lost, and a page fetched twice stores nothing twice (an exact duplicate is a no-op). Markings are kept as they
came; only TLP:CLEAR and TLP:GREEN are taken in (AMBER and RED are not for onward sync), the rest is counted as
skipped. Every run leaves a visible status on the source row. Usable from the `infosec_pull` command or a task.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import requests
from django.db import transaction
from django.utils import timezone
from taxii2client.v21 import Collection as RemoteCollection

from sco.infosec import services, tlp, validation
from sco.infosec.access import Caller
from sco.infosec.errors import BadEnvelope
from sco.infosec.models import PullSource

PAGE = 100


@dataclass
class PullResult:
    pages: int = 0
    stored: int = 0
    skipped: int = 0
    finished: bool = False


def _takes(obj: Any) -> bool:
    if not isinstance(obj, dict) or validation.problems(obj):
        return False
    if tlp.is_tlp_definition(obj):
        return True
    return tlp.level_of(tlp.marking_refs(obj)) <= tlp.Tlp.GREEN


def remote_collection(source: PullSource, *, key: str) -> tuple[RemoteCollection, dict[str, Any]]:
    """The remote collection, and a dict that receives the headers of each response (taxii2-client returns bodies
    only; X-TAXII-Date-Added-Last is in the headers)."""
    url = f"{source.api_root_url.rstrip('/')}/collections/{source.remote_collection}/"
    collection = RemoteCollection(url, user="sync", password=key)
    last: dict[str, Any] = {}

    def keep_headers(response: requests.Response, *args: Any, **kwargs: Any) -> None:
        last["headers"] = response.headers

    collection._conn.session.hooks["response"].append(keep_headers)
    return collection, last


def pull(
    *,
    source: PullSource,
    key: str | None = None,
    max_pages: int | None = None,
    per_page: int = PAGE,
    connect: Callable[..., tuple[RemoteCollection, dict[str, Any]]] = remote_collection,
) -> PullResult:
    key = key if key is not None else os.environ.get(source.key_env, "")
    result = PullResult()
    try:
        remote, last = connect(source, key=key)
        while max_pages is None or result.pages < max_pages:
            if source.next_token:
                envelope = remote.get_objects(limit=per_page, next=source.next_token)
            else:
                envelope = remote.get_objects(limit=per_page, added_after=source.added_after or None)
            result.pages += 1
            objects = envelope.get("objects", [])
            kept = [o for o in objects if _takes(o)]
            headers = last.get("headers") or {}
            source = _store_page(source, kept, skipped=len(objects) - len(kept), envelope=envelope, headers=headers)
            result.stored += len(kept)
            result.skipped += len(objects) - len(kept)
            if not envelope.get("more"):
                result.finished = True
                break
        _finish(source, "complete" if result.finished else "partial", f"{result.pages} page(s)")
    except (requests.RequestException, BadEnvelope, ValueError) as exc:
        _finish(source, "failed", str(exc)[:1000])
        raise
    return result


@transaction.atomic
def _store_page(
    source: PullSource, objects: list[dict[str, Any]], *, skipped: int, envelope: dict[str, Any], headers: Any
) -> PullSource:
    source = PullSource.objects.select_for_update().get(pk=source.pk)
    if objects:
        services.objects_add(
            caller=Caller(user=None, cert=None), collection=source.into, objects=objects, keep_creator_ref=True
        )
    if envelope.get("more") and envelope.get("next"):
        source.next_token = envelope["next"]
    else:
        source.next_token = ""
        if headers.get("X-TAXII-Date-Added-Last"):
            source.added_after = headers["X-TAXII-Date-Added-Last"]
    source.pulled += len(objects)
    source.skipped += skipped
    source.save(update_fields=["next_token", "added_after", "pulled", "skipped"])
    return source


def _finish(source: PullSource, status: str, message: str) -> None:
    PullSource.objects.filter(pk=source.pk).update(last_run_at=timezone.now(), last_status=status, last_message=message)
    source.refresh_from_db()
