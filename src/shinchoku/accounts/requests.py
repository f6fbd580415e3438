"""The request of a signed-in person, typed.

Every view behind the gate (``accounts.middleware.LoginRequiredOutsideApi``) receives a request whose ``user`` is an
``accounts.User``, never ``AnonymousUser``. Views annotate their request as ``AuthedRequest`` so
the type checker knows it; there is no ``_user(request)`` helper with a ``type: ignore`` any more.
"""

from django.http import HttpRequest

from shinchoku.accounts.models import User


class AuthedRequest(HttpRequest):
    """A request whose user is signed in (views behind the login gate)."""

    user: User  # type: ignore[assignment]  # narrower than HttpRequest's User | AnonymousUser
