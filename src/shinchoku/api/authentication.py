"""Who calls the API: the user of a valid Bearer token, or, with no Authorization header at all, the public.

Any other Authorization header (another scheme such as Token or Basic, a key without a scheme, an
empty one) is refused with 401 rather than read as "no token": a client that believes it sent
credentials must not silently get the public's answer (issue 17, finding 14).
"""

from django.http import HttpRequest
from ninja.errors import AuthenticationError
from ninja.security import HttpBearer

from shinchoku.accounts.models import User
from shinchoku.accounts.tokens import user_for_key


class UnsupportedAuthorization(AuthenticationError):
    """An Authorization header that is not "Bearer <token>"."""


class BearerToken(HttpBearer):
    """A personal token made on the web (アカウント → APIトークン); a wrong one is refused, not ignored."""

    def __call__(self, request: HttpRequest) -> User | None:
        if "HTTP_AUTHORIZATION" not in request.META:
            return None  # the public: the next authenticator answers
        scheme, _, key = request.META["HTTP_AUTHORIZATION"].strip().partition(" ")
        if scheme.lower() != "bearer" or not key.strip():
            raise UnsupportedAuthorization
        return self.authenticate(request, key.strip())

    def authenticate(self, request: HttpRequest, token: str) -> User:
        user = user_for_key(token)
        if user is None:
            raise AuthenticationError
        return user


def public(request: HttpRequest) -> bool:
    """No Authorization header: the caller is the public."""
    return "HTTP_AUTHORIZATION" not in request.META
