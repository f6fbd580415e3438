"""A progress sheet's (進捗管理表) rows written into the year's entries: the secretariat's import.

An import never silently replaces what a department sent or the secretariat confirmed.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q

from shinchoku.accounts.models import Department, User
from shinchoku.domain import entry_states
from shinchoku.domain.entry_states import Step
from shinchoku.domain.indicator_text import read_baselines
from shinchoku.lib.history import record_actor
from shinchoku.plans import access as plans_access
from shinchoku.plans.indicator_models import Indicator
from shinchoku.plans.models import EntryEvent, EntryStatus, Plan, PlanYear, Program, YearlyEntry
from shinchoku.plans.services import suggested_grade_label
from shinchoku.plans.workflow.errors import StaleEntryError
from shinchoku.plans.workflow.rows import advance, event, save

PROTECTED_STATUSES = entry_states.SETTLED
_STATUS_WORDS = {EntryStatus.SUBMITTED: "提出済み", EntryStatus.CONFIRMED: "確定済み"}


@dataclass(frozen=True)
class ImportedEntry:
    """What a row of a progress sheet (進捗管理表) says of an entry; None where the sheet has no such column."""

    activities: str | None = None
    target_text: str | None = None
    evaluation_type: str | None = None
    result_text: str | None = None
    grade: str | None = None  # the grade the city published: the entry is confirmed with it
    reason: str = ""
    # Grades on the plan's further dimensions the sheet has columns for ({key: label}); None: no such column.
    dimension_grades: Mapping[str, str] | None = None
    excluded: bool = False  # 評価対象外 in the grade column: confirmed without a grade, reason as its note
    baseline_text: str | None = None  # the 基準値 cell: 「100人」, or lines 「就職者数　100人」
    baseline_year: int | None = None  # from its heading: 「基準値（令和元年度）」 → 2019


class ImportOutcome(StrEnum):
    """What import_entry did to one entry."""

    CREATED = "created"
    CHANGED = "changed"
    UNCHANGED = "unchanged"
    SKIPPED = "skipped"  # submitted or confirmed, and the secretariat did not choose 「上書きする」
    OVERWRITTEN = "overwritten"


_IMPORTED_FIELDS = (
    "activities",
    "target_text",
    "evaluation_type",
    "result_text",
    "proposed_grade",
    "proposed_reason",
    "final_grade",
    "reason",
    "excluded",
    "excluded_reason",
    "status",
    "dimension_grades",
)


def _apply_imported(entry: YearlyEntry, data: ImportedEntry) -> None:
    for name in ("activities", "target_text", "evaluation_type", "result_text"):
        value = getattr(data, name)
        if value is not None:
            setattr(entry, name, value)
    if data.excluded:
        entry.final_grade = entry.proposed_grade = entry.reason = entry.proposed_reason = ""
        entry.excluded, entry.excluded_reason = True, data.reason
        advance(entry, Step.IMPORT_CONFIRMED)
    elif data.grade is not None:
        # The sheet holds the city's published figures: the department's proposal and the final grade alike.
        entry.final_grade = entry.proposed_grade = data.grade
        entry.reason = entry.proposed_reason = data.reason
        entry.excluded, entry.excluded_reason = False, ""
        advance(entry, Step.IMPORT_CONFIRMED)
    if data.dimension_grades:
        entry.dimension_grades = {**(entry.dimension_grades or {}), **data.dimension_grades}


@transaction.atomic  # a step of the import, inside its transaction
def open_year_for_import(*, plan: Plan, fiscal_year: int, actor: User) -> PlanYear:
    """Return the plan's fiscal year, opened without entries when a progress import brings its own."""
    if not plans_access.manages_plan(actor, plan):
        raise PermissionDenied
    plan_year = PlanYear.objects.select_for_update().filter(plan=plan, fiscal_year=fiscal_year).first()
    if plan_year is None:
        plan_year = PlanYear(plan=plan, fiscal_year=fiscal_year)
        record_actor(plan_year, actor)
        plan_year.full_clean()
        plan_year.save()
    return plan_year


def _locked_or_new(
    program: Program, department: Department, fiscal_year: int, version: int | None
) -> YearlyEntry:
    current = (
        YearlyEntry.objects.select_for_update()
        .select_related("program__plan", "department")
        .filter(program=program, department=department, fiscal_year=fiscal_year)
        .first()
    )
    if current is None:
        return YearlyEntry(program=program, department=department, fiscal_year=fiscal_year)
    if version is not None and current.version != version:
        raise StaleEntryError
    return current


def _write_baselines(entry: YearlyEntry, data: ImportedEntry, actor: User) -> bool:
    """Write the 基準値 the row states on the entry's indicators (with history); return whether any changed."""
    if not data.baseline_text:
        return False
    indicators = list(
        Indicator.objects.select_for_update()
        .filter(program_id=entry.program_id)
        .filter(Q(department_id=entry.department_id) | Q(department__isnull=True))
        .order_by("position", "pk")
    )
    found = read_baselines(data.baseline_text, [i.name for i in indicators])
    changed = False
    for indicator in indicators:
        if indicator.name not in found:
            continue
        year = data.baseline_year or indicator.baseline_year
        if (indicator.baseline, indicator.baseline_year) == (found[indicator.name], year):
            continue
        indicator.baseline, indicator.baseline_year = found[indicator.name], year
        record_actor(indicator, actor)
        indicator.full_clean(exclude=["program", "department"])
        indicator.save(update_fields=["baseline", "baseline_year"])
        changed = True
    return changed


def _refresh_suggestion(entry: YearlyEntry, actor: User) -> None:
    label = suggested_grade_label(entry)
    if label != entry.suggested_grade:
        entry.suggested_grade = label
        save(entry, actor, ["suggested_grade"])


@transaction.atomic  # a step of the import, inside its transaction
def import_entry(
    *,
    program: Program,
    department: Department,
    fiscal_year: int,
    actor: User,
    data: ImportedEntry,
    file_name: str,
    overwrite: bool = False,
    version: int | None = None,
) -> tuple[YearlyEntry, ImportOutcome]:
    """Write a progress sheet's row into the department's entry for the year (the secretariat's import).

    Each write bumps the version and records the event 「Excel から取込み」. A submitted or
    confirmed entry is replaced only with overwrite (the secretariat's 「上書きする」); otherwise it
    is skipped, unchanged. version, when given, is the one the preview saw.
    """
    if not plans_access.manages_plan(actor, program.plan):
        raise PermissionDenied
    current = _locked_or_new(program, department, fiscal_year, version)
    rebased = _write_baselines(current, data, actor)
    was = current.status
    before = {name: getattr(current, name) for name in _IMPORTED_FIELDS}
    _apply_imported(current, data)
    changed = [name for name in _IMPORTED_FIELDS if getattr(current, name) != before[name]]
    if current.pk is not None and not changed:
        if rebased:
            _refresh_suggestion(current, actor)
        return current, ImportOutcome.UNCHANGED
    if current.pk is not None and was in PROTECTED_STATUSES and not overwrite:
        current.refresh_from_db()
        return current, ImportOutcome.SKIPPED
    current.suggested_grade = suggested_grade_label(current)
    current.full_clean()
    if current.pk is None:
        record_actor(current, actor)
        current.save()
        outcome = ImportOutcome.CREATED
    else:
        save(current, actor, [*changed, "suggested_grade"])
        outcome = ImportOutcome.OVERWRITTEN if was in PROTECTED_STATUSES else ImportOutcome.CHANGED
    comment = file_name
    if outcome == ImportOutcome.OVERWRITTEN:
        comment = f"{file_name}（{_STATUS_WORDS[EntryStatus(was)]}の内容を上書き）"
    event(current, actor, EntryEvent.Action.IMPORTED, comment)
    return current, outcome
