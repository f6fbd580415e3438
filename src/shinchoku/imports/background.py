"""Large plan and progress imports on the web, checked and written in the background (issue 23, item 5).

A file larger than ``SHINCHOKU_IMPORT_BACKGROUND_BYTES`` (32 KB: about a thousand rows of a plain
進捗管理表, seconds to check) is kept first (``PendingUpload``: the upload is never lost, whatever
becomes of the thread), then checked — and, once confirmed, imported — in a thread of the app server,
as the council report's files are built (reports/documents.py). The request waits up to
``SHINCHOKU_DOCUMENT_WAIT`` seconds (1) for it; a job not done by then is followed on its own page
(``imports/<token>/progress/``), which says what is being done and for how long, and reloads itself
(no JavaScript) until the preview, the problems or the result can be shown.

The job's state is kept in the shared cache under the upload's token, so any app server can show it.
A running job holds its state for ``LEASE`` seconds: when its server stopped, the state lapses and the
page starts the check again from the kept file (a person then confirms once more; an import that was in
fact written is refused as a file already imported). A request inside a transaction (a test, a
management command) runs the job in place, as a thread would not see its rows.
"""

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache as django_cache
from django.db import DatabaseError, connection, connections
from django.utils import translation
from django.utils.translation import gettext as _

from shinchoku.imports.models import ImportKind
from shinchoku.imports.records import ImportResult
from shinchoku.lib.problems import ImportRefused, Problem

log = logging.getLogger(__name__)
CHECK = "check"
IMPORT = "import"
LEASE = 600  # seconds a running job's state is kept without news: its server may have stopped
IN_BACKGROUND = frozenset({ImportKind.PLAN, ImportKind.PROGRESS})

Work = Callable[[], ImportResult]


@dataclass(frozen=True)
class Job:
    """A check or an import of a kept upload: running, done (a result or problems), or failed."""

    stage: str
    started: float
    done: bool = False
    result: ImportResult | None = None
    problems: tuple[Problem, ...] = ()
    failed: str = ""

    @property
    def running(self) -> bool:
        return not self.done and not self.failed

    @property
    def seconds(self) -> int:
        return max(0, int(time.time() - self.started))


def is_large(kind: str, content: bytes) -> bool:
    """Return whether this upload is checked and imported in the background."""
    return kind in IN_BACKGROUND and len(content) > settings.IMPORT_BACKGROUND_BYTES


def _key(token: str) -> str:
    return f"shinchoku:import-job:{token}"


def state(token: str) -> Job | None:
    """Return the job of this upload, or None when none is known (never started, or lapsed)."""
    try:
        job = django_cache.get(_key(token))
    except DatabaseError:
        log.warning("an import job's state could not be read", exc_info=True)
        return None
    return job if isinstance(job, Job) else None


def forget(token: str) -> None:
    """Drop the job's state once its outcome has been shown."""
    try:
        django_cache.delete(_key(token))
    except DatabaseError:
        log.warning("an import job's state could not be dropped", exc_info=True)


def start(token: str, stage: str, work: Work) -> Job:
    """Start the stage's job unless it is running or done already; return its state after a short wait.

    A job that failed is started again; a done job of another stage is replaced (the check, by the import).
    """
    current = state(token)
    if current is not None and not current.failed and (current.running or current.stage == stage):
        return current
    job = Job(stage, time.time())
    _write(token, job, LEASE)
    if connection.in_atomic_block:
        run_job(token, job, work)
    else:
        language = translation.get_language()
        thread = threading.Thread(
            target=_thread, args=(token, job, work, language), daemon=True, name="import-job"
        )
        thread.start()
        thread.join(settings.DOCUMENT_WAIT_SECONDS)
    return state(token) or job


def _thread(token: str, job: Job, work: Work, language: str | None) -> None:
    try:
        with translation.override(language):
            run_job(token, job, work)
    finally:
        connections.close_all()  # the thread's own database connections


def run_job(token: str, job: Job, work: Work) -> None:
    """Do the job's work and keep its outcome: the result, the file's problems, or why it failed."""
    try:
        result = work()
    except ImportRefused as refused:
        _write(token, Job(job.stage, job.started, done=True, problems=tuple(refused.problems)))
        return
    except Exception:  # a thread has no one to raise to: say it on the page, log the cause
        log.exception("an import job failed")
        failed = (
            _("The file could not be checked. It is kept: check it again.")
            if job.stage == CHECK
            else _("The file could not be imported; nothing was written. It is kept: check it again.")
        )
        _write(token, Job(job.stage, job.started, failed=failed))
        return
    _write(token, Job(job.stage, job.started, done=True, result=result))


def _write(token: str, job: Job, timeout: int | None = None) -> None:
    try:
        if timeout is None:
            django_cache.set(_key(token), job)
        else:
            django_cache.set(_key(token), job, timeout)
    except DatabaseError:
        log.warning("an import job's state could not be kept", exc_info=True)
