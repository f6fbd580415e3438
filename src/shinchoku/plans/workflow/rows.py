"""How every step reads and writes an entry: under lock, at the version the user saw, with who acted.

A step re-reads the entry with ``locked`` (refused when someone saved it since the user's page or
file was built: optimistic locking), moves its status only through the transition table
(``advance``), writes it back with ``save`` (the version bumped, the actor in its history) and
records the workflow event with ``event``.
"""

from shinchoku.accounts.models import User
from shinchoku.domain import entry_states
from shinchoku.domain.entry_states import Step, TransitionError
from shinchoku.lib.history import record_actor
from shinchoku.plans.models import EntryEvent, YearlyEntry
from shinchoku.plans.workflow.errors import StaleEntryError, WorkflowError


def locked(entry: YearlyEntry, version: int) -> YearlyEntry:
    """Return the entry read again under lock; StaleEntryError unless it still has the version."""
    current = (
        YearlyEntry.objects.select_for_update().select_related("program__plan", "department").get(pk=entry.pk)
    )
    if current.version != version:
        raise StaleEntryError
    return current


def save(entry: YearlyEntry, actor: User, fields: list[str]) -> None:
    """Write the fields of the entry with a new version, telling its history who acted."""
    entry.version += 1
    record_actor(entry, actor)
    entry.save(update_fields=[*fields, "version"])


def advance(entry: YearlyEntry, step: Step) -> None:
    """Move the entry's status as the transition table says (not saved yet)."""
    try:
        entry.status = entry_states.next_status(entry.status, step)
    except TransitionError as refused:
        raise WorkflowError(str(refused)) from refused


def event(entry: YearlyEntry, actor: User, action: str, comment: str = "") -> None:
    """Record a step of the entry's workflow (who, what, the comment the department reads)."""
    EntryEvent.objects.create(entry=entry, actor=actor, action=action, comment=comment)
