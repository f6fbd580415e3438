"""Sessions end a fixed time after the login, however active (the idle limit is the cookie's age)."""

import time
from collections.abc import Callable

from django.conf import settings
from django.contrib.auth import logout
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

LOGIN_AT = "shinchoku_login_at"


@receiver(user_logged_in)
def remember_login_time(sender: object, request: HttpRequest | None, **kwargs: object) -> None:
    if request is not None and hasattr(request, "session"):
        request.session[LOGIN_AT] = int(time.time())


class AbsoluteSessionTimeout:
    """Log out a session older than SESSION_ABSOLUTE_SECONDS and send the user to the login."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            started = request.session.get(LOGIN_AT)
            if started is None:
                request.session[LOGIN_AT] = int(time.time())
            elif time.time() - started > settings.SESSION_ABSOLUTE_SECONDS:
                logout(request)
                return redirect(
                    f"{settings.LOGIN_URL}?next={request.path}" if "/" in settings.LOGIN_URL else "login"
                )
        return self.get_response(request)
