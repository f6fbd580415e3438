"""Login lockout in two steps: a user name from one address first, the user name everywhere much later.

Locking a user name alone after five failures let anyone lock any known colleague out of every
office for 15 minutes (issue 17, finding 14); locking an address alone would lock out a whole city
hall behind its one NAT address. So five failures of a name from one address lock that name from
that address only, and the name is locked everywhere after ACCOUNT_FAILURE_LIMIT failures in all.
A locked address adds no more failures (django-axes does not record them), so locking a name
everywhere takes ACCOUNT_FAILURE_LIMIT / AXES_FAILURE_LIMIT addresses. docs/security.md explains it.
"""

from typing import cast

from axes.attempts import get_cool_off_threshold
from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import QuerySet, Sum
from django.http import HttpRequest


# django-axes ships no type information: its handler is Any to mypy.
class TwoStepLockoutHandler(AxesDatabaseHandler):  # type: ignore[misc]
    """django-axes' database handler, counting failures per name and address, then per name."""

    def get_failures(self, request: HttpRequest, credentials: dict[str, object] | None = None) -> int:
        """Return the failures compared with AXES_FAILURE_LIMIT: those of the name from this address,
        or the limit itself once the name has failed ACCOUNT_FAILURE_LIMIT times from anywhere."""
        recent = AccessAttempt.objects.filter(
            username=get_client_username(request, credentials),
            attempt_time__gte=get_cool_off_threshold(request),
        )
        here = _failures(recent.filter(ip_address=request.axes_ip_address))  # type: ignore[attr-defined]
        if _failures(recent) >= settings.ACCOUNT_FAILURE_LIMIT:
            return max(here, settings.AXES_FAILURE_LIMIT)
        return here


def _failures(attempts: QuerySet[AccessAttempt]) -> int:
    return attempts.aggregate(n=Sum("failures_since_start"))["n"] or 0


def client_address(request: HttpRequest) -> str | None:
    """Return the address a request came from: behind TRUSTED_PROXY_COUNT proxies, the address the
    first of them appended to X-Forwarded-For (what the client wrote there itself comes earlier)."""
    hops = settings.TRUSTED_PROXY_COUNT
    if hops:
        header: str = request.META.get("HTTP_X_FORWARDED_FOR", "")  # META's values are Any
        forwarded = [a.strip() for a in header.split(",") if a.strip()]
        if len(forwarded) >= hops:
            return forwarded[-hops]
    return cast("str | None", request.META.get("REMOTE_ADDR"))  # META's values are Any
