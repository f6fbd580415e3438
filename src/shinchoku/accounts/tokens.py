"""Personal API tokens: made on the web, shown once, kept as a hash, refused once expired or revoked."""

import datetime
import hashlib
import secrets

from django.db import transaction
from django.http import Http404
from django.utils import timezone

from shinchoku.accounts import access
from shinchoku.accounts.models import ApiToken, User

PREFIX = "shk_"  # makes a leaked token easy to recognise (and to search for in a repository)
LAST_USED_PRECISION = datetime.timedelta(minutes=5)  # not a write on every request


def _hash(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def may_use_api(user: User) -> bool:
    """Return whether the user may make a token: those who read plans, and analysts."""
    return access.reads_plans(user) or access.is_analyst(user)


@transaction.atomic(durable=True)
def issue_token(user: User, name: str, days: int) -> tuple[ApiToken, str]:
    """Return a new token and its key; the key is not stored and cannot be shown again."""
    key = PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user,
        name=name,
        key_hash=_hash(key),
        prefix=key[: len(PREFIX) + 4],
        expires_on=timezone.localdate() + datetime.timedelta(days=days),
    )
    return token, key


def revoke(token: ApiToken, *, actor: User) -> None:
    """Revoke the token, recording who did it (once: a revoked token keeps when and by whom)."""
    with transaction.atomic():
        locked = ApiToken.objects.select_for_update().get(pk=token.pk)
        if locked.revoked_at is None:
            locked.revoked_at = timezone.now()
            locked.revoked_by = actor
            locked.save(update_fields=["revoked_at", "revoked_by"])


def get_own_token(user: User, pk: int) -> ApiToken:
    """Return one of the user's own tokens, or 404: anyone else's does not exist for them."""
    token = access.own_tokens(user).filter(pk=pk).first()
    if token is None:
        raise Http404
    return token


def user_for_key(key: str) -> User | None:
    """Return the active user of a valid token, or None (unknown, expired, revoked or user inactive)."""
    token = (
        ApiToken.objects.select_related("user__organization")
        .filter(
            key_hash=_hash(key),
            revoked_at__isnull=True,
            expires_on__gte=timezone.localdate(),
            user__is_active=True,
        )
        .first()
    )
    if token is None or not may_use_api(token.user):
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at > LAST_USED_PRECISION:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user
