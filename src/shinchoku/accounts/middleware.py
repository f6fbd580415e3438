"""Sessions end a fixed time after the login, however active (the idle limit is the cookie's age)."""

import time
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib.auth import logout
from django.contrib.auth.middleware import LoginRequiredMiddleware
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.http.response import HttpResponseBase
from django.shortcuts import redirect
from django.urls import Resolver404, ResolverMatch, resolve, reverse
from django.utils.http import urlencode

from shinchoku.accounts import access, typed_work
from shinchoku.accounts.mfa import has_confirmed_device

LOGIN_AT = "shinchoku_login_at"
SEEN_AT = "shinchoku_seen_at"
IDLE_REFRESH_SECONDS = 60


@receiver(user_logged_in)
def remember_login_time(sender: object, request: HttpRequest | None, **kwargs: object) -> None:
    if request is not None and hasattr(request, "session"):
        request.session[LOGIN_AT] = int(time.time())


class AbsoluteSessionTimeout:
    """Log out a session older than SESSION_ABSOLUTE_SECONDS and send the user to the login.

    It also slides the idle limit: a session used again is saved with a new expiry, at most once a
    minute (saving on every request cost three queries and a write per page; measured in
    tests/performance). The idle limit is thus kept to within a minute.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            now = int(time.time())
            if now - request.session.get(SEEN_AT, 0) >= IDLE_REFRESH_SECONDS:
                request.session[SEEN_AT] = now  # modified: saved with a fresh idle expiry
            started = request.session.get(LOGIN_AT)
            if started is None:
                request.session[LOGIN_AT] = int(time.time())
            elif time.time() - started > settings.SESSION_ABSOLUTE_SECONDS:
                owner = request.user
                kept_view = request.method == "POST" and _is_kept_path(request.path_info)
                logout(request)
                response: HttpResponse = redirect(
                    f"{settings.LOGIN_URL}?next={request.path}" if "/" in settings.LOGIN_URL else "login"
                )
                if kept_view:
                    # The ten hours ran out while a long text was being typed: keep it for its writer.
                    typed_work.keep(request, response, owner)
                return response
        response = self.get_response(request)
        typed_work.remember_owner(request, response)
        return response


def _is_kept_path(path: str) -> bool:
    match = _resolve(path)
    return match is not None and typed_work.is_kept_view(match.func)


API_NAMESPACE = "api"


class LoginRequiredOutsideApi(LoginRequiredMiddleware):
    """Django's login-by-default for every page but the API, which answers 401 itself (token or public)."""

    def process_view(
        self,
        request: HttpRequest,
        view_func: Callable[..., HttpResponseBase],
        view_args: tuple[Any, ...],
        view_kwargs: dict[str, Any],
    ) -> HttpResponseBase | None:
        if request.resolver_match is not None and request.resolver_match.namespace == API_NAMESPACE:
            return None
        return super().process_view(request, view_func, view_args, view_kwargs)

    def handle_no_permission(
        self, request: HttpRequest, view_func: Callable[..., HttpResponseBase]
    ) -> HttpResponseRedirect:
        """Send the visitor to the login; a form sent after the session ended is kept for its writer."""
        response = super().handle_no_permission(request, view_func)
        if request.method == "POST" and typed_work.is_kept_view(view_func):
            owner = typed_work.owner_of(request)
            if owner is not None:
                typed_work.keep(request, response, owner)
        return response


# Pages a user who still owes the second factor may open: the factor's own pages and the way out.
SECOND_FACTOR_EXEMPT = ("accounts:mfa_setup", "accounts:mfa_verify", "logout", "set_language")


class RequireSecondFactor:
    """With REQUIRE_MFA, send a user who must use a one-time code to enrol or confirm it first."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if (
            settings.REQUIRE_MFA
            and user.is_authenticated
            # django-otp's OTPMiddleware gives the request's user is_verified(); the model has none.
            and not user.is_verified()  # type: ignore[attr-defined]
            and access.needs_second_factor(user)
            and not self._exempt(request)
        ):
            target = "accounts:mfa_verify" if has_confirmed_device(user) else "accounts:mfa_setup"
            return redirect(f"{reverse(target)}?{urlencode({'next': request.get_full_path()})}")
        return self.get_response(request)

    @staticmethod
    def _exempt(request: HttpRequest) -> bool:
        if request.path_info.startswith(f"/{settings.STATIC_URL.lstrip('/')}"):
            return True
        match = _resolve(request.path_info)
        # The API ignores the session: a token stands for its user, who made it past the second factor.
        return match is not None and (
            match.view_name in SECOND_FACTOR_EXEMPT or match.namespace == API_NAMESPACE
        )


def _resolve(path: str) -> ResolverMatch | None:
    try:
        return resolve(path)
    except Resolver404:
        return None


def cache_allowed(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Mark a view whose answer is the same for everyone, so that NoStoreUnlessPublic keeps its own Cache-Control."""
    view.cache_allowed = True  # type: ignore[attr-defined]
    return view


class NoStoreUnlessPublic:
    """Send `Cache-Control: no-store` with every answer to a request that carries credentials, and every download.

    Left to each view, the header was forgotten on draft entries, published case summaries, token
    answers of the API and the shares CSV (issue 17, finding 14). Here it is the default: a request
    with a session cookie, a signed-in user or an Authorization header, and any answer with a
    Content-Disposition (an export), is not kept by a browser or a proxy, whatever the view set,
    unless the view is marked with @cache_allowed.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if self._private(request, response) and not self._opted_out(request):
            response["Cache-Control"] = "no-store"
        return response

    @staticmethod
    def _private(request: HttpRequest, response: HttpResponse) -> bool:
        user = getattr(request, "user", None)
        return (
            response.has_header("Content-Disposition")
            or "HTTP_AUTHORIZATION" in request.META
            or settings.SESSION_COOKIE_NAME in request.COOKIES
            or (user is not None and user.is_authenticated)
        )

    @staticmethod
    def _opted_out(request: HttpRequest) -> bool:
        match = getattr(request, "resolver_match", None)
        return match is not None and getattr(match.func, "cache_allowed", False)
