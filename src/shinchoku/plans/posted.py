"""What an entry's forms post: the version the page was built from, and the message of a refusal."""

from django.core.exceptions import ValidationError
from django.http import HttpRequest, QueryDict


def posted_version(request: HttpRequest) -> int:
    """Return the entry version the posted page showed; a missing or forged one is stale by definition."""
    try:
        return int(request.POST.get("version", ""))
    except ValueError:
        return -1


def with_version(request: HttpRequest, version: int) -> QueryDict:
    """Return the posted data with another entry version (the page then carries the saved one)."""
    data = request.POST.copy()
    data["version"] = str(version)
    return data


def refusal_message(error: Exception) -> str:
    """Return what to tell the person of a refused step (a service's or a model validation's message)."""
    if isinstance(error, ValidationError):
        return " ".join(error.messages)
    return str(error)
