from typing import Any

from django.http import HttpRequest, HttpResponse
from ninja import Router, Status
from ninja.pagination import paginate
from ninja.renderers import JSONRenderer

from sco.core import hooks, selectors, services
from sco.core.errors import NotAuthenticated
from sco.core.schemas import MeOut, NotificationOut, TokenCreatedOut, TokenIn, TokenOut

router = Router(tags=["account"])


def serialised(request: HttpRequest, schema: Any, value: Any) -> bytes:
    """``value`` as an operation answering ``schema`` renders it (the API's JSON renderer, ninja's own): bytes a
    part keeps across requests and answers with ``json_answer``."""
    data = schema.model_validate(value).model_dump()
    return str(JSONRenderer().render(request, data, response_status=200)).encode()  # as HttpResponse encodes it


def json_answer(content: bytes) -> HttpResponse:
    return HttpResponse(content, content_type="application/json; charset=utf-8")


def signed_in(request: HttpRequest) -> Any:
    if not request.user.is_authenticated:
        raise NotAuthenticated()
    return request.user


@router.get("/me", response=MeOut, summary="Who am I, and whom may I act for")
def me(request: HttpRequest) -> dict[str, Any]:
    user = signed_in(request)
    facts: dict[str, Any] = {"acts_for": [], "secretariat": False, "chair": False}
    for provide in hooks.get("me_facts"):  # members answers whom this user acts for; core does not import it
        facts.update(provide(user))
    return {"username": user.username, "display_name": str(user), "language": user.language, **facts}


@router.get("/tokens", response=list[TokenOut], summary="My API tokens")
@paginate
def list_tokens(request: HttpRequest) -> Any:
    return selectors.token_list(viewer=signed_in(request))


@router.post("/tokens", response={201: TokenCreatedOut}, summary="Make an API token (shown once)")
def create_token(request: HttpRequest, payload: TokenIn) -> Any:
    user = signed_in(request)
    api_token, token = services.token_create(actor=user, user=user, name=payload.name, days=payload.days)
    return Status(201, {**TokenOut.from_orm(api_token).dict(), "token": token})


@router.delete("/tokens/{token_id}", response={204: None}, summary="Revoke an API token")
def revoke_token(request: HttpRequest, token_id: int) -> Any:
    services.token_revoke(actor=signed_in(request), token_id=token_id)
    return Status(204, None)


@router.get("/notifications", response=list[NotificationOut], summary="My notifications, newest first")
@paginate
def list_notifications(request: HttpRequest, unread: bool = False) -> Any:
    return selectors.notification_list(viewer=signed_in(request), unread_only=unread)
