"""Typed work that outlives its session: a form sent after the session ended is kept and given back.

A view marked with `keeps_typed_work` is a form people spend long on (the department's entry).
When its POST arrives without a live session, the login middleware keeps the typed values for
the user whose session last ran in that browser (the signed owner cookie says who), and the
browser gets a random token. After the same user logs in again, the view takes the values back
once (the row is deleted) and shows them with a banner. Another user logging in in that browser
gets nothing; an anonymous browser that never had a session keeps nothing.
"""

import datetime
import hashlib
import secrets
from collections.abc import Callable
from typing import Any, TypeVar

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, QueryDict
from django.utils import timezone

from shinchoku.accounts.models import KeptForm, User

OWNER_COOKIE = "shinchoku_owner"
KEPT_COOKIE = "shinchoku_kept"
# How long typed values wait for their user: a working day and the night after it.
KEEP_SECONDS = 24 * 3600
# A kept form is text typed by hand; anything much bigger is not an entry form.
MAX_KEPT_CHARACTERS = 200_000
# A draft handed to a successor when its writer left the department (人事異動, lifecycle/transfer.py):
# no browser holds its token, so its page gives it to the successor; it waits for them longer,
# as a newcomer first sets a password (the link is valid for 72 hours).
HANDED_OVER = "handed-over:"
HANDED_OVER_SECONDS = 14 * 24 * 3600
# The pages holding drafts handed to this person, noted in their session when they log in: an
# entry form then looks for a handed-over draft only where one waits (no query on every page).
HANDED_OVER_PATHS = "shinchoku_handed_over_paths"
_OWNER_SALT = "shinchoku.typed_work.owner"
_KEPT_SALT = "shinchoku.typed_work.kept"
# Never kept: the CSRF token belongs to the old page, the buttons to the old intent.
_NOT_KEPT = {"csrfmiddlewaretoken", "submit", "save", "autosave"}

View = TypeVar("View", bound=Callable[..., HttpResponse])


def keeps_typed_work(view: View) -> View:
    """Mark a form view whose POST is kept when it arrives after the session ended."""
    view.keeps_typed_work = True  # type: ignore[attr-defined]
    return view


def is_kept_view(view: Callable[..., Any]) -> bool:
    """Return whether the view's POSTs are kept when the session has ended."""
    return bool(getattr(view, "keeps_typed_work", False))


def _cookie(response: HttpResponse, name: str, value: str) -> None:
    # Lax: a cross-site POST carries neither cookie, so another site cannot plant typed values.
    response.set_cookie(
        name,
        value,
        max_age=KEEP_SECONDS,
        httponly=True,
        secure=settings.SESSION_COOKIE_SECURE,
        samesite="Lax",
    )


def remember_owner(request: HttpRequest, response: HttpResponse) -> None:
    """Tell the browser, signed, whose session it runs, unless it already knows."""
    user = request.user
    if not user.is_authenticated:
        return
    if _owner_name(request) != user.get_username():
        _cookie(response, OWNER_COOKIE, signing.dumps(user.get_username(), salt=_OWNER_SALT))


def _owner_name(request: HttpRequest) -> str | None:
    value = request.COOKIES.get(OWNER_COOKIE)
    if not value:
        return None
    try:
        name = signing.loads(value, salt=_OWNER_SALT, max_age=KEEP_SECONDS)
    except signing.BadSignature:
        return None
    return name if isinstance(name, str) else None


def owner_of(request: HttpRequest) -> User | None:
    """Return the active user whose session last ran in this browser, if the signed cookie says so."""
    name = _owner_name(request)
    if name is None:
        return None
    return User.objects.filter(username=name, is_active=True).first()


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def keep(request: HttpRequest, response: HttpResponse, owner: User) -> bool:
    """Keep the POST's typed values for the owner and give the browser the token; return whether kept."""
    data = {key: request.POST.getlist(key) for key in request.POST if key not in _NOT_KEPT}
    if not data or sum(len(v) for values in data.values() for v in values) > MAX_KEPT_CHARACTERS:
        return False
    token = secrets.token_urlsafe(32)
    with transaction.atomic():
        purge_expired()
        # Only the latest values of a page matter: an autosave after expiry then the save button.
        KeptForm.objects.filter(user=owner, path=request.path).delete()
        KeptForm.objects.create(user=owner, path=request.path, token_hash=_hash(token), data=data)
    _cookie(response, KEPT_COOKIE, signing.dumps(token, salt=_KEPT_SALT))
    return True


def take(request: HttpRequest, user: User) -> QueryDict | None:
    """Return and delete the values this browser kept for the user on this page, if any.

    Values handed over to the user by a colleague who left (hand_over) come back on the page too.
    """
    token = _kept_token(request)
    handed_paths: list[str] = request.session.get(HANDED_OVER_PATHS, [])
    if token is None and request.path not in handed_paths:
        return None
    with transaction.atomic():
        rows = KeptForm.objects.select_for_update().filter(user=user, path=request.path)
        kept = None
        if token is not None:
            kept = rows.filter(token_hash=_hash(token), created_at__gte=_oldest()).first()
        if kept is None:
            kept = rows.filter(token_hash__startswith=HANDED_OVER, created_at__gte=_oldest_handed()).first()
        if kept is None:
            return None
        kept.delete()
    if request.path in handed_paths:
        request.session[HANDED_OVER_PATHS] = [path for path in handed_paths if path != request.path]
    values = QueryDict(mutable=True)
    for key, items in kept.data.items():
        values.setlist(key, [str(item) for item in items])
    return values


def _kept_token(request: HttpRequest) -> str | None:
    value = request.COOKIES.get(KEPT_COOKIE)
    if not value:
        return None
    try:
        token = signing.loads(value, salt=_KEPT_SALT, max_age=KEEP_SECONDS)
    except signing.BadSignature:
        return None
    return str(token)


def hand_over(kept: "QuerySet[KeptForm]", successor: User) -> int:
    """Give kept values to a successor, on the same page; return how many. Call inside a transaction."""
    now = timezone.now()
    count = 0
    for row in kept.select_for_update():
        row.user = successor
        row.token_hash = HANDED_OVER + secrets.token_hex(26)  # 64 characters, like a hash
        row.created_at = now  # the successor's time to come starts now
        row.save(update_fields=["user", "token_hash", "created_at"])
        count += 1
    return count


def note_handed_over(sender: object, request: HttpRequest, user: User, **kwargs: object) -> None:
    """At login (user_logged_in), note in the session the pages where a handed-over draft waits."""
    paths = list(
        KeptForm.objects.filter(
            user=user, token_hash__startswith=HANDED_OVER, created_at__gte=_oldest_handed()
        ).values_list("path", flat=True)
    )
    if paths:
        request.session[HANDED_OVER_PATHS] = paths


def forget(response: HttpResponse) -> None:
    """Drop the browser's token once its values are back on the page."""
    response.delete_cookie(KEPT_COOKIE, samesite="Lax")


def _oldest() -> datetime.datetime:
    return timezone.now() - datetime.timedelta(seconds=KEEP_SECONDS)


def _oldest_handed() -> datetime.datetime:
    return timezone.now() - datetime.timedelta(seconds=HANDED_OVER_SECONDS)


def purge_expired() -> int:
    """Delete the kept values nobody came back for in time; return how many."""
    expired = KeptForm.objects.filter(created_at__lt=_oldest()).exclude(token_hash__startswith=HANDED_OVER)
    deleted, _ = expired.delete()
    handed, _ = KeptForm.objects.filter(
        token_hash__startswith=HANDED_OVER, created_at__lt=_oldest_handed()
    ).delete()
    return deleted + handed
