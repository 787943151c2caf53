from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sco.core import audit, kept_users, notifications, tokens
from sco.core.errors import InvalidInput, NotFound, NotPermitted
from sco.core.models import ApiToken, Notification, User


class TokenNameInvalid(InvalidInput):
    code = "token_name_invalid"


@transaction.atomic
def token_create(*, actor: Any, user: Any, name: str, days: int | None = None) -> tuple[ApiToken, str]:
    """Returns the row and the token itself, which is never stored and cannot be shown again."""
    if actor.pk != user.pk and not actor.is_superuser:
        raise NotPermitted()
    name = (name or "").strip()
    errors: dict[str, list[str]] = {}
    if not name or len(name) > 100:
        errors["name"] = [str(_("Give the token a name of 1 to 100 characters."))]
    days = settings.SCO_TOKEN_DEFAULT_DAYS if days is None else days
    if not 1 <= days <= 366:
        errors["days"] = [str(_("A token lives from 1 to 366 days."))]
    if errors:
        raise TokenNameInvalid(field_errors=errors)
    token, prefix, digest = tokens.new_token()
    api_token = ApiToken.objects.create(
        user=user, name=name, prefix=prefix, digest=digest, expires_at=timezone.now() + timedelta(days=days)
    )
    audit.record(actor=actor, action="token.created", target=api_token, after={"name": name, "prefix": prefix})
    return api_token, token


@transaction.atomic
def token_revoke(*, actor: User, token_id: int) -> ApiToken:
    api_token = ApiToken.objects.select_for_update().filter(pk=token_id, user=actor).first()
    if api_token is None:
        raise NotFound()
    if api_token.revoked_at is None:
        api_token.revoked_at = timezone.now()
        api_token.save(update_fields=["revoked_at"])
        audit.record(actor=actor, action="token.revoked", target=api_token)
    return api_token


def token_authenticate(*, token: str, now: datetime) -> ApiToken | None:
    """The live token this string proves, or None. Touches last_used_at at most once a minute."""
    prefix = tokens.parse_prefix(token)
    if prefix is None:
        return None
    api_token = kept_users.token(prefix)  # the row and its user, kept between requests (core.kept_users)
    if api_token is None or api_token.expires_at <= now or not api_token.user.is_active:
        return None
    if not tokens.matches(token, api_token.digest):
        return None
    if api_token.last_used_at is None or (now - api_token.last_used_at).total_seconds() > 60:
        ApiToken.objects.filter(pk=api_token.pk).update(last_used_at=now)
        kept_users.token_used(api_token.prefix)
    return api_token


@transaction.atomic
def user_create(
    *,
    actor: User | None,
    username: str,
    password: str,
    email: str = "",
    display_name: str = "",
    language: str = "en",
    is_staff: bool = False,
) -> User:
    """Creates a person's account. `actor` None means the command line run by the machine's operator."""
    if actor is not None and not actor.is_superuser:
        raise NotPermitted()
    errors: dict[str, list[str]] = {}
    if not username or User.objects.filter(username=username).exists():
        errors["username"] = [str(_("This username is empty or taken."))]
    try:
        validate_password(password)
    except ValidationError as exc:
        errors["password"] = [str(m) for m in exc.messages]
    if language not in dict(settings.LANGUAGES):
        errors["language"] = [str(_("Choose English, Russian or Chinese."))]
    if errors:
        raise InvalidInput(field_errors=errors)
    user = User.objects.create_user(
        username=username,
        password=password,
        email=email,
        display_name=display_name,
        language=language,
        is_staff=is_staff,
    )
    audit.record(actor=actor, action="user.created", target=user, after={"username": username, "email": email})
    return user


@transaction.atomic
def user_set_language(*, actor: User, language: str) -> User:
    if language not in dict(settings.LANGUAGES):
        raise InvalidInput(field_errors={"language": [str(_("Choose English, Russian or Chinese."))]})
    before = actor.language
    actor.language = language
    actor.save(update_fields=["language"])
    audit.record(
        actor=actor, action="user.language_set", target=actor, before={"language": before}, after={"language": language}
    )
    return actor


def notifications_mark_read(*, actor: User, ids: list[int] | None = None) -> int:
    """Reading one's own notices is bookkeeping, not a decision: no audit entry."""
    qs = Notification.objects.filter(recipient=actor, read_at__isnull=True)
    if ids is not None:
        qs = qs.filter(pk__in=ids)
    marked = qs.update(read_at=timezone.now())
    if marked:
        notifications.forget()
    return marked
