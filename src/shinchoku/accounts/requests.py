"""The request of a signed-in person, typed.

Every view behind the gate (``accounts.middleware.LoginRequiredOutsideApi``) receives a request whose ``user`` is an
``accounts.User``, never ``AnonymousUser``. Views annotate their request as ``AuthedRequest`` so
the type checker knows it; there is no ``_user(request)`` helper with a ``type: ignore`` any more.
"""

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest

from shinchoku.accounts.models import User


class AuthedRequest(HttpRequest):
    """A request whose user is signed in (views behind the login gate)."""

    user: User  # narrower than HttpRequest's User | AnonymousUser


def signed_in_user(request: HttpRequest) -> User:
    """Return the user of a request whose signature Django fixes as HttpRequest (the admin's methods).

    Only a signed-in user reaches them (the admin site lets in no one else); anyone else is refused.
    """
    user = request.user
    if not isinstance(user, User):
        raise PermissionDenied
    return user
