"""Report files built once per fingerprint, the slow ones in the background (issue 23, item 5).

A download asks ``ready_document``. A file already built for the plan-year's fingerprint and the
variant asked (format, confirmed entries only, with or without the checks page, encoding) is
returned from the cache (lib/cache.py, the database's: every app server shares it). Otherwise:

- a quick format (JSON, CSV, Excel, HTML) is built in the request and kept;
- a slow one (PDF, PDF/A, PowerPoint: about 3 s, more at national size) is built in a thread of the
  app server. The request waits up to ``SHINCHOKU_DOCUMENT_WAIT`` seconds (1) for it; when it is
  not done by then, the page says 「作成中…」 and reloads itself (no JavaScript) until it is.
  One build runs at a time per file: the first request claims it in the cache (``cache.add``, a
  lease of ``LEASE`` seconds, so a build whose server stopped is started again after it).

No worker or timer is needed: the app server that got the first request builds the file, so a city
that runs nothing but the web server still gets it. A request inside a transaction (a test, a
management command's own atomic block) builds in place, as a thread would not see its rows.
"""

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol

from django.conf import settings
from django.core.cache import cache as django_cache
from django.db import DatabaseError, connection, connections
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from shinchoku.lib import cache
from shinchoku.lib.errors import ServiceError
from shinchoku.plans.models import Plan
from shinchoku.reports.cache import document_fingerprint
from shinchoku.reports.exports import build
from shinchoku.reports.figures import ReportInputError

log = logging.getLogger(__name__)
SLOW = frozenset({"pdf", "pdfa", "pptx"})
LEASE = 300  # seconds a claimed build may take before another request starts it again
# The builds running in this process: a build past its lease (a pathological file) is not started
# again here while its thread still runs, so threads cannot pile up in one app server.
_RUNNING: set[str] = set()
_RUNNING_LOCK = threading.Lock()


@dataclass(frozen=True)
class Pending:
    """A file still being built: when the build started, or why it failed."""

    started: float
    failed: str = ""

    @property
    def seconds(self) -> int:
        return max(0, int(time.time() - self.started))


class Document(Protocol):
    """What ``ready_document`` keeps and builds: a plan's report file (Wanted) or a combined one."""

    @property
    def fmt(self) -> str: ...

    def build(self) -> bytes: ...

    def key(self) -> str: ...


@dataclass(frozen=True)
class Wanted:
    """A report file as one person asks for it: the part of its key a role or the link decides."""

    fmt: str
    plan: Plan
    year: int
    confirmed_only: bool
    encoding: str = "utf-8"
    with_checks: bool = True

    def build(self) -> bytes:
        return build(
            self.fmt,
            self.plan,
            self.year,
            confirmed_only=self.confirmed_only,
            encoding=self.encoding,
            with_checks=self.with_checks,
        )

    def key(self) -> str:
        variant = (self.fmt, self.confirmed_only, self.encoding, self.with_checks)
        return cache.cache_key("document", (document_fingerprint(self.plan, self.year), variant))


def ready_document(wanted: Document, *, retry: bool = False) -> bytes | Pending:
    """Return the file, kept or built now; a Pending while it is built in the background (or failed).

    A failed build is shown as such until the person asks again (retry).
    """
    key = wanted.key()
    content = cache.read(key)
    if content is not None:
        return content  # type: ignore[no-any-return]
    if wanted.fmt not in SLOW or connection.in_atomic_block:
        content = wanted.build()
        cache.write(key, content)
        return content
    return _in_background(key, wanted.build, retry)


def _in_background(key: str, builder: Callable[[], bytes], retry: bool) -> bytes | Pending:
    claim = f"{key}:building"
    started = time.time()
    with _RUNNING_LOCK:
        running_here = key in _RUNNING
    if running_here or not _claim(claim, started, retry):
        pending = cache.read(claim)
        return pending if isinstance(pending, Pending) else Pending(started)
    with _RUNNING_LOCK:
        _RUNNING.add(key)
    done: list[bytes] = []
    thread = threading.Thread(target=_thread, args=(key, builder, done), daemon=True, name="report-build")
    thread.start()
    thread.join(settings.DOCUMENT_WAIT_SECONDS)
    return done[0] if done else Pending(started)


def _claim(claim: str, started: float, retry: bool) -> bool:
    """Return whether this request starts the build (a failed one again when asked to retry)."""
    try:
        if django_cache.add(claim, Pending(started), LEASE):
            return True
        current = django_cache.get(claim)
        if retry and isinstance(current, Pending) and current.failed:
            django_cache.set(claim, Pending(started), LEASE)
            return True
    except DatabaseError:
        log.warning("a report build could not be claimed", exc_info=True)
    return False


def _thread(key: str, builder: Callable[[], bytes], done: list[bytes]) -> None:
    try:
        build_and_keep(key, builder, done)
    finally:
        connections.close_all()  # the thread's own database connections


def build_and_keep(key: str, builder: Callable[[], bytes], done: list[bytes]) -> None:
    """Build the file, keep it under key and release the claim; keep why when it cannot be built."""
    try:
        _build_and_keep(key, builder, done)
    finally:
        with _RUNNING_LOCK:
            _RUNNING.discard(key)


def _build_and_keep(key: str, builder: Callable[[], bytes], done: list[bytes]) -> None:
    claim = f"{key}:building"
    try:
        content = builder()
    except (ReportInputError, ServiceError) as refused:
        cache.write(claim, Pending(time.time(), failed=str(refused)))
        return
    except Exception:  # a thread has no one to raise to: say it on the page, log the cause
        log.exception("a report could not be built")
        cache.write(claim, Pending(time.time(), failed=_("The file could not be made. Try again.")))
        return
    cache.write(key, content)
    done.append(content)
    try:
        django_cache.delete(claim)
    except DatabaseError:
        log.warning("a report build's claim could not be released", exc_info=True)


def building_context(pending: Pending, path: str, query: dict[str, str]) -> dict[str, Any]:
    """Return what the 「作成中…」 page shows: how long it has taken, the link to ask again."""
    again = f"{path}?{urlencode({**query, 'retry': '1'})}"
    here = f"{path}?{urlencode(query)}" if query else path
    return {"pending": pending, "again": again, "here": here, "refresh": 0 if pending.failed else 3}
