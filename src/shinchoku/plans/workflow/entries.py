"""Saving an entry's content: the department's part with its indicators, and the secretariat's additions.

The one write path of an entry's texts, its indicators and their values: the entry form, a
returned department form (回答票) and a progress import all come here or to the steps.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q

from shinchoku.accounts import access
from shinchoku.accounts.models import User
from shinchoku.domain import entry_states
from shinchoku.lib.history import record_actor
from shinchoku.plans import access as plans_access
from shinchoku.plans.models import Indicator, IndicatorValue, YearlyEntry
from shinchoku.plans.services import suggested_grade_label
from shinchoku.plans.workflow.dimension_grades import merged_grades
from shinchoku.plans.workflow.errors import WorkflowError
from shinchoku.plans.workflow.rows import locked, save


@dataclass(frozen=True)
class IndicatorInput:
    """One indicator row of the entry form; indicator_id None adds a new indicator."""

    indicator_id: int | None
    name: str
    unit: str
    direction: str
    source: str
    target: Decimal | None
    actual: Decimal | None
    # A target without a number (↑ → ↓ 継続実施, TargetTrend); None keeps what is stored.
    target_trend: str | None = None
    # The indicator's 基準値 and its year, written only when with_baseline (the entry form has them).
    baseline: Decimal | None = None
    baseline_year: int | None = None
    with_baseline: bool = False


@dataclass(frozen=True)
class EntryInput:
    """What a department types into its entry."""

    activities: str
    target_text: str
    result_text: str
    evaluation_type: str
    proposed_grade: str
    proposed_reason: str
    indicators: tuple[IndicatorInput, ...] = ()
    # Grades on the plan's further dimensions ({key: label}); None leaves the entry's as they are.
    dimension_grades: Mapping[str, str] | None = None
    # 評価対象外 with its reason; None leaves the entry's mark as it is (a returned form without it).
    excluded: bool | None = None
    excluded_reason: str = ""


DEPARTMENT_TEXTS = (
    "activities",
    "target_text",
    "result_text",
    "evaluation_type",
    "proposed_grade",
    "proposed_reason",
)


EXCLUSION = ("excluded", "excluded_reason")  # 評価対象外 and its reason


def entry_indicators(entry: YearlyEntry) -> list[Indicator]:
    """Return the indicators the entry's department reports on (its own and the program's shared ones)."""
    return list(
        Indicator.objects.filter(program_id=entry.program_id)
        .filter(Q(department_id=entry.department_id) | Q(department__isnull=True))
        .order_by("position", "pk")
    )


def may_write_department_part(actor: User, entry: YearlyEntry, returned_form: bool) -> bool:
    """Return whether the actor may write the department's part now (from its returned form, or on screen)."""
    if returned_form:
        return plans_access.can_enter_returned_form(actor, entry)
    return plans_access.can_edit_entry(actor, entry)


@transaction.atomic  # also a step of a department form's import, inside its transaction
def save_entry(
    *, entry: YearlyEntry, actor: User, version: int, data: EntryInput, returned_form: bool = False
) -> YearlyEntry:
    """Save the department's part of the entry (draft or returned) and refresh its suggested grade.

    returned_form: the content comes from the department's returned form, which the secretariat
    may pass on for the department (plans_access.can_enter_returned_form).
    """
    current = locked(entry, version)
    if not may_write_department_part(actor, current, returned_form):
        raise PermissionDenied
    for name in DEPARTMENT_TEXTS:
        setattr(current, name, getattr(data, name))
    if data.excluded is not None:
        current.excluded = data.excluded
        current.excluded_reason = data.excluded_reason.strip() if data.excluded else ""
        if data.excluded:
            # A final grade left from a confirmation before the entry was reopened is superseded (its
            # history keeps it); a grade the department types with the mark is refused by clean().
            current.final_grade, current.reason = "", ""
    fields = [*DEPARTMENT_TEXTS, *EXCLUSION, "final_grade", "reason", "suggested_grade"]
    if data.dimension_grades is not None:
        current.dimension_grades = merged_grades(current, data.dimension_grades)
        fields.append("dimension_grades")
    _save_indicators(current, actor, data.indicators)
    current.suggested_grade = suggested_grade_label(current)
    current.full_clean()
    save(current, actor, fields)
    return current


def _others_have_settled(entry: YearlyEntry) -> bool:
    """Return whether another department's entry of the same program and year is submitted or confirmed."""
    return (
        YearlyEntry.objects.filter(program_id=entry.program_id, fiscal_year=entry.fiscal_year)
        .exclude(department_id=entry.department_id)
        .filter(status__in=entry_states.SETTLED)
        .exists()
    )


def _refuse_change_of_settled_shared(entry: YearlyEntry, indicator: Indicator) -> None:
    # A shared indicator's value is shown on every department's entry of the program: changing it
    # from one department's draft would change what another department submitted or the secretariat
    # confirmed (found by an insider attack).
    if indicator.pk is not None and indicator.department_id is None and _others_have_settled(entry):
        raise WorkflowError(
            f"指標「{indicator.name}」はこの事業のほかの所管課と共通で、その所管課の取組は提出済みまたは確定済みです。"
            "この指標の値は変更できません。変更が必要なときは事務局に連絡してください。"
        )


def _save_indicators(entry: YearlyEntry, actor: User, rows: tuple[IndicatorInput, ...]) -> None:
    own = {i.pk: i for i in entry_indicators(entry)}
    shared_program = entry.program.departments.count() == 1
    for position, row in enumerate(rows):
        if row.indicator_id is None:
            indicator = Indicator(
                program=entry.program,
                department=None if shared_program else entry.department,
                name=row.name,
                position=len(own) + position,
            )
        elif row.indicator_id in own:
            indicator = own[row.indicator_id]
        else:
            raise PermissionDenied  # a forged indicator of another program or department
        _save_indicator(entry, actor, indicator, row)
        _save_value(entry, actor, indicator, row)


def _save_indicator(entry: YearlyEntry, actor: User, indicator: Indicator, row: IndicatorInput) -> None:
    """Write the row's unit, direction and source on the indicator (a new one is created)."""
    fields = ["unit", "direction", "source"]
    wanted: list[object] = [row.unit, row.direction, row.source]
    if row.with_baseline:
        fields += ["baseline", "baseline_year"]
        wanted += [row.baseline, row.baseline_year]
    changed = [getattr(indicator, name) for name in fields] != wanted
    if changed:
        _refuse_change_of_settled_shared(entry, indicator)
    if indicator.pk is not None and not changed:
        return
    for name, new in zip(fields, wanted, strict=True):
        setattr(indicator, name, new)
    record_actor(indicator, actor)
    indicator.full_clean(exclude=["program", "department"])
    if indicator.pk is None:
        indicator.save()
    else:
        indicator.save(update_fields=fields)


def _save_value(entry: YearlyEntry, actor: User, indicator: Indicator, row: IndicatorInput) -> None:
    """Write the row's target and actual for the entry's year (a new value row is created)."""
    value = (
        IndicatorValue.objects.select_for_update()
        .filter(indicator=indicator, fiscal_year=entry.fiscal_year)
        .first()
    ) or IndicatorValue(indicator=indicator, fiscal_year=entry.fiscal_year)
    trend = row.target_trend
    if trend is None:  # the row says nothing of a trend: a number replaces it, none keeps it
        trend = "" if row.target is not None else value.target_trend
    target = None if trend else row.target  # a target is a number or a trend, never both
    if value.pk is not None and (value.target, value.actual, value.target_trend) == (
        target,
        row.actual,
        trend,
    ):
        return
    _refuse_change_of_settled_shared(entry, indicator)
    value.target, value.actual, value.target_trend = target, row.actual, trend
    record_actor(value, actor)
    if value.pk is None:
        value.save()
    else:
        value.save(update_fields=["target", "actual", "target_trend"])


def _refuse_unless_manager_sees(actor: User, entry: YearlyEntry) -> None:
    if (
        not access.manages_plans(actor)
        or not plans_access.visible_entries(actor).filter(pk=entry.pk).exists()
    ):
        raise PermissionDenied


@transaction.atomic(durable=True)
def set_highlight(*, entry: YearlyEntry, actor: User, highlight: bool) -> YearlyEntry:
    """Choose whether the council report describes the entry among the area's main programs."""
    _refuse_unless_manager_sees(actor, entry)
    current = YearlyEntry.objects.select_for_update().get(pk=entry.pk)
    if current.is_highlight != highlight:
        current.is_highlight = highlight
        save(current, actor, ["is_highlight"])
    return current


@transaction.atomic  # not durable: a page may be checked inside a transaction that is rolled back
def accept_indicator(
    *,
    entry: YearlyEntry,
    actor: User,
    name: str,
    unit: str,
    direction: str,
    source: str,
    target: Decimal | None,
    actual: Decimal | None,
    target_trend: str = "",
) -> Indicator:
    """Add an indicator the secretariat accepted (from the text's proposal, maybe corrected)."""
    _refuse_unless_manager_sees(actor, entry)
    if Indicator.objects.filter(program_id=entry.program_id, name=name).exists():
        raise WorkflowError(f"指標「{name}」は既にあります。")
    several = entry.program.departments.count() > 1
    indicator = Indicator(
        program=entry.program,
        department=entry.department if several else None,
        name=name,
        unit=unit,
        direction=direction,
        source=source,
        position=Indicator.objects.filter(program_id=entry.program_id).count(),
    )
    record_actor(indicator, actor)
    indicator.full_clean()
    indicator.save()
    value = IndicatorValue(
        indicator=indicator,
        fiscal_year=entry.fiscal_year,
        target=None if target_trend else target,
        actual=actual,
        target_trend=target_trend,
    )
    record_actor(value, actor)
    value.save()
    current = YearlyEntry.objects.select_for_update().select_related("program__plan").get(pk=entry.pk)
    label = suggested_grade_label(current)
    if label != current.suggested_grade:
        current.suggested_grade = label
        save(current, actor, ["suggested_grade"])
    return indicator
