"""Typed text enters without control characters: one rule for every form and query string.

A person pasting from other software (a PDF, a terminal, an old system) brings invisible control
characters along; kept, they broke the Excel export (openpyxl refuses them), garbled the PDF's text
and showed as 「_x0001_」 in PowerPoint, and NUL was refused with a bare 400. They are removed here,
silently, before any form sees the value, as a city expects of invisible characters. Files are not
touched (their bytes are the file), nor passwords (a secret is compared as set; Django's forms refuse
a NUL in it with a message). The API's query strings pass through the same middleware, and a JSON
body through TypedTextParser. The documents clean their text again (lib/cells.py, the deck,
lib/pdf.py), because stored data and imported files may already hold such characters.
docs/security.md.
"""

from collections.abc import Callable
from typing import Any, TypeVar, cast

from django.http import HttpRequest, HttpResponse, QueryDict
from ninja.parser import Parser
from ninja.types import DictStrAny

from shinchoku.domain.text import drop_controls, has_controls

Q = TypeVar("Q", bound=QueryDict)
FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


def is_secret(name: str) -> bool:
    """Return whether a field holds a password, which is kept exactly as typed."""
    return "password" in name.lower()


def cleaned(values: Q) -> Q:
    """Return values without control characters in any typed text (the same object when there are none)."""
    if not any(has_controls(v) for name, items in values.lists() if not is_secret(name) for v in items):
        return values
    copy = values.copy()
    for name, items in values.lists():
        if not is_secret(name):
            copy.setlist(name, [drop_controls(v) for v in items])
    copy._mutable = False
    return cast(Q, copy)


class DropControlCharacters:
    """Replace request.GET and a form POST by copies whose typed text has no control characters."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request.GET = cleaned(request.GET)
        if request.method == "POST" and request.content_type in FORM_TYPES:
            request.POST = cleaned(request.POST)
        return self.get_response(request)


def cleaned_json(value: Any, name: str = "") -> Any:
    """Return a parsed JSON value with its strings, at any depth, cleaned as a form's values are."""
    if isinstance(value, str):
        return value if is_secret(name) else drop_controls(value)
    if isinstance(value, dict):
        return {key: cleaned_json(item, str(key)) for key, item in value.items()}
    if isinstance(value, list):
        return [cleaned_json(item, name) for item in value]
    return value


class TypedTextParser(Parser):
    """The API's JSON bodies, cleaned before any schema validates them (query strings: the middleware).

    No endpoint takes a body today (the API reads only); the first one that does gets the rule.
    """

    def parse_body(self, request: HttpRequest) -> DictStrAny:
        return cast(DictStrAny, cleaned_json(super().parse_body(request)))
