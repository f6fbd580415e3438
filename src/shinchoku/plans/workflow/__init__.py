"""The yearly cycle: open a year, save, submit, return, confirm, reopen, import.

The one write path of an entry, its indicators and their values: the entry form, a returned
department form (回答票) and a progress import (進捗管理表) all call these services. Each step is one
transaction that re-reads the entry under lock, checks the version the user's page or file was
built from (optimistic locking), checks access again, moves the status only as the transition
table of ``domain.entry_states`` allows, and records who did it: in the entry's history and as a
workflow event.

By concept: ``years`` (opening a year, its deadline, undoing an opening), ``entries`` (saving the
department's part and its indicators, the secretariat's additions), ``steps`` (submit, withdraw,
return, confirm, reopen, correct), ``progress_import`` (a progress sheet's rows), ``rows`` (the lock,
version and event every step shares) and ``errors``. Callers outside use the names below.
"""

from django.core.exceptions import PermissionDenied

from shinchoku.plans.workflow.entries import (
    EntryInput,
    IndicatorInput,
    accept_indicator,
    entry_indicators,
    save_entry,
    set_highlight,
)
from shinchoku.plans.workflow.errors import OpeningNeedsConfirmation, StaleEntryError, WorkflowError
from shinchoku.plans.workflow.progress_import import (
    PROTECTED_STATUSES,
    ImportedEntry,
    ImportOutcome,
    import_entry,
    open_year_for_import,
)
from shinchoku.plans.workflow.steps import (
    CORRECTABLE_TEXTS,
    confirm_entry,
    correct_entry_text,
    reopen_entry,
    return_entry,
    set_entry_excluded,
    submit_entry,
    withdraw_entry,
)
from shinchoku.plans.workflow.years import (
    change_deadline,
    change_not_evaluable_wording,
    open_year,
    open_year_confirmed,
    opening_warnings,
    undo_open_year,
)

__all__ = [
    "CORRECTABLE_TEXTS",
    "PROTECTED_STATUSES",
    "EntryInput",
    "ImportOutcome",
    "ImportedEntry",
    "IndicatorInput",
    "OpeningNeedsConfirmation",
    "PermissionDenied",  # what every step raises when the actor may not take it
    "StaleEntryError",
    "WorkflowError",
    "accept_indicator",
    "change_deadline",
    "change_not_evaluable_wording",
    "confirm_entry",
    "correct_entry_text",
    "entry_indicators",
    "import_entry",
    "open_year",
    "open_year_confirmed",
    "open_year_for_import",
    "opening_warnings",
    "reopen_entry",
    "return_entry",
    "save_entry",
    "set_entry_excluded",
    "set_highlight",
    "submit_entry",
    "undo_open_year",
    "withdraw_entry",
]
