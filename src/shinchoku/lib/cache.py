"""Pages and documents kept by a fingerprint of what they show (Django's cache framework).

A cached value is found by a key made of: what it is (``kind``), the fingerprint of the rows it was
made from (a caller reads it in one cheap query: counts, version sums, the latest history row…), the
variant of who looks at it (what differs between one role's view and another's), the active language
and a digest of the code and templates that made it. A change to the rows moves the fingerprint,
so a stale value is never found again: nothing has to be deleted when a workflow step changes an
entry, and a new release never serves a fragment rendered by the old templates. Old keys age out
(``CACHES`` ``TIMEOUT`` and ``MAX_ENTRIES`` in settings).

The cache is the database's (``django.core.cache.backends.db.DatabaseCache``) by default, so every
app server shares it; ``ensure_cache_tables`` creates its table after every ``migrate``.

A cache that cannot be read or written (the table missing, a locked SQLite file) is a miss: the
value is built as without a cache, never a failed page.
"""

import hashlib
import logging
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterable
from functools import lru_cache
from pathlib import Path
from typing import Any, TypeVar

from django.core.cache import cache
from django.core.management import call_command
from django.db import DatabaseError
from django.utils import translation

log = logging.getLogger(__name__)
T = TypeVar("T")
PACKAGE = Path(__file__).resolve().parent.parent
CODE_SUFFIXES = (".py", ".html", ".mo", ".css")


@lru_cache(maxsize=1)
def code_digest() -> str:
    """Return a digest of the package's code, templates and translations (read once per process)."""
    digest = hashlib.sha256()
    for path in sorted(PACKAGE.rglob("*")):
        if path.suffix in CODE_SUFFIXES and "migrations" not in path.parts:
            digest.update(path.relative_to(PACKAGE).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def cache_key(kind: str, parts: Iterable[object]) -> str:
    """Return the key of a value of this kind made from these parts, in the active language."""
    text = repr((code_digest(), translation.get_language(), tuple(parts)))
    return f"shinchoku:{kind}:{hashlib.sha256(text.encode()).hexdigest()}"


def read(key: str) -> Any:
    """Return the cached value, or None when there is none or the cache cannot be read."""
    try:
        return cache.get(key)
    except DatabaseError:  # the table missing or locked: built again, never a failed page
        log.warning("the cache could not be read", exc_info=True)
        return None


def write(key: str, value: object) -> None:
    """Keep the value; a cache that cannot be written is left as it is."""
    try:
        cache.set(key, value)
    except DatabaseError:
        log.warning("the cache could not be written", exc_info=True)


class _Recent:
    """The last values this process used, in front of the shared cache (their keys never go stale)."""

    def __init__(self, size: int) -> None:
        self.size = size
        self.values: OrderedDict[str, Any] = OrderedDict()
        self.lock = threading.Lock()

    def get(self, key: str) -> Any:
        with self.lock:
            if key in self.values:
                self.values.move_to_end(key)
                return self.values[key]
        return None

    def put(self, key: str, value: object) -> None:
        with self.lock:
            self.values[key] = value
            self.values.move_to_end(key)
            while len(self.values) > self.size:
                self.values.popitem(last=False)


RECENT = _Recent(64)


def cached(kind: str, parts: Iterable[object], build: Callable[[], T]) -> T:
    """Return the value kept for these parts, building and keeping it when there is none.

    The process's own recent values are asked first (no query), then the shared cache. Meant for
    pages' fragments (tens of kilobytes); files use read and write, and stay out of the process.
    """
    key = cache_key(kind, parts)
    value = RECENT.get(key)
    if value is None:
        value = read(key)
        if value is None:
            value = build()
            write(key, value)
        RECENT.put(key, value)
    return value  # type: ignore[no-any-return]


def ensure_cache_tables(using: str = "default", **_kwargs: object) -> None:
    """Create the database cache's table when it is missing (a post_migrate receiver)."""
    call_command("createcachetable", database=using, verbosity=0)
