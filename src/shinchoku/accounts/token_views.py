"""The user's API tokens: make one (shown once), see when each was last used, revoke it."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from shinchoku.accounts import access
from shinchoku.accounts.forms import TokenForm
from shinchoku.accounts.models import User
from shinchoku.accounts.requests import AuthedRequest
from shinchoku.accounts.tokens import get_own_token, issue_token, may_use_api, revoke

NEW_KEY = "shinchoku_new_api_key"


def _api_user(request: AuthedRequest) -> User:
    if not may_use_api(request.user):
        raise PermissionDenied
    return request.user


def tokens(request: AuthedRequest) -> HttpResponse:
    """Return the user's tokens and the form for a new one; after making one, show its key this once."""
    user = _api_user(request)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        _token, key = issue_token(user, form.cleaned_data["name"], int(form.cleaned_data["days"]))
        # Shown once on the page the redirect leads to, then gone from the session: a reload makes no second token.
        request.session[NEW_KEY] = key
        return redirect("accounts:tokens")
    shown = request.session.pop(NEW_KEY, None) if request.method == "GET" else None
    response = render(
        request,
        "accounts/tokens.html",
        {"form": form, "key": shown, "tokens": access.own_tokens(user)},
        status=400 if form.errors else 200,
    )
    response["Cache-Control"] = "no-store"  # the key must not stay in any cache
    return response


@require_POST
def token_revoke(request: AuthedRequest, pk: int) -> HttpResponse:
    """Revoke one of the user's own tokens; anyone else's does not exist for them."""
    user = _api_user(request)
    revoke(get_own_token(user, pk), actor=user)
    messages.success(request, _("The token has been revoked."))
    return redirect("accounts:tokens")
