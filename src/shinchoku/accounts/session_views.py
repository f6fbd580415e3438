"""The session's heartbeat: an open form being typed in keeps its session alive."""

import time

from django.conf import settings
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from shinchoku.accounts.middleware import LOGIN_AT


@never_cache
@require_POST
def heartbeat(request: HttpRequest) -> JsonResponse:
    """Answer that the session lives; AbsoluteSessionTimeout has slid its idle limit (or ended it).

    The page sends a beat only when someone typed since the last one, so a form left open and
    untouched still ends with the idle limit, and nothing outlasts the absolute limit.
    """
    started = request.session.get(LOGIN_AT, int(time.time()))
    left = max(0, settings.SESSION_ABSOLUTE_SECONDS - (int(time.time()) - started))
    return JsonResponse({"alive": True, "absolute_seconds_left": left})
