"""Opening a fiscal year, its deadline and its wording of －, and undoing an opening while nothing was entered (issue 20)."""

import datetime
import unicodedata
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q
from simple_history.utils import bulk_create_with_history

from shinchoku.accounts import access
from shinchoku.accounts.models import User
from shinchoku.domain import entry_states
from shinchoku.domain.errors import DomainError
from shinchoku.domain.fiscal import check_deadline, wareki_date, wareki_label
from shinchoku.lib.history import record_actor
from shinchoku.plans import access as plans_access
from shinchoku.plans.models import (
    EntryEvent,
    Indicator,
    IndicatorValue,
    Plan,
    PlanYear,
    Program,
    YearlyEntry,
    active_in,
)
from shinchoku.plans.workflow.errors import OpeningNeedsConfirmation, WorkflowError


@transaction.atomic(durable=True)
def open_year(
    *, plan: Plan, fiscal_year: int, deadline: datetime.date | None, actor: User
) -> tuple[PlanYear, int]:
    """Open a fiscal year: an entry for every program × department, targets carried forward.

    Return the opened year and how many entries were created. A target already
    set for the year is kept; otherwise the latest earlier target is carried.
    """
    if not access.manages_plans(actor):
        raise PermissionDenied
    if not plan.covers(fiscal_year):
        raise WorkflowError(
            f"{wareki_label(fiscal_year)}は計画期間（{wareki_label(plan.first_year)}〜{wareki_label(plan.last_year)}）外です。"
        )
    if PlanYear.objects.filter(plan=plan, fiscal_year=fiscal_year).exists():
        raise WorkflowError(f"{wareki_label(fiscal_year)}は既に開始しています。")
    _refuse_odd_deadline(fiscal_year, deadline)
    plan_year = PlanYear(plan=plan, fiscal_year=fiscal_year, deadline=deadline)
    record_actor(plan_year, actor)
    plan_year.save()
    new_entries = _new_entries(plan, fiscal_year)
    bulk_create_with_history(new_entries, YearlyEntry, default_user=actor)
    _carry_targets(plan, fiscal_year, actor)
    return plan_year, len(new_entries)


def _refuse_odd_deadline(fiscal_year: int, deadline: datetime.date | None) -> None:
    """Refuse a deadline outside the year's range (domain.fiscal.deadline_range); None is no deadline."""
    if deadline is not None:
        try:
            check_deadline(fiscal_year, deadline)
        except DomainError as error:
            raise WorkflowError(str(error)) from error


def _new_entries(plan: Plan, fiscal_year: int) -> list[YearlyEntry]:
    """Return the year's missing entries, one per active program × department, with last year's target text."""
    latest: dict[tuple[int, int], YearlyEntry] = {}
    for before in YearlyEntry.objects.filter(program__plan=plan, fiscal_year__lt=fiscal_year).order_by(
        "fiscal_year"
    ):
        latest[(before.program_id, before.department_id)] = before
    existing = set(
        YearlyEntry.objects.filter(program__plan=plan, fiscal_year=fiscal_year).values_list(
            "program_id", "department_id"
        )
    )
    new_entries = []
    for program in (
        Program.objects.filter(plan=plan).filter(active_in(fiscal_year)).prefetch_related("departments")
    ):
        for department in program.departments.all():
            if (program.pk, department.pk) in existing:
                continue
            earlier = latest.get((program.pk, department.pk))
            entry = YearlyEntry(program=program, fiscal_year=fiscal_year, department=department)
            if earlier is not None:
                entry.target_text, entry.evaluation_type = earlier.target_text, earlier.evaluation_type
            new_entries.append(entry)
    return new_entries


def _carry_targets(plan: Plan, fiscal_year: int, actor: User) -> None:
    """Give each indicator a value row for the year, with the latest earlier target (a figure or ↑ → ↓ 継続実施)."""
    values = IndicatorValue.objects.filter(indicator__program__plan=plan, fiscal_year__lte=fiscal_year)
    has_row: set[int] = set()
    latest_target: dict[int, tuple[Decimal | None, str]] = {}
    for value in values.order_by("fiscal_year"):
        if value.fiscal_year == fiscal_year:
            has_row.add(value.indicator_id)
        elif value.target is not None or value.target_trend:
            latest_target[value.indicator_id] = (value.target, value.target_trend)
    new_values = [
        IndicatorValue(
            indicator=indicator,
            fiscal_year=fiscal_year,
            target=latest_target.get(indicator.pk, (None, ""))[0],
            target_trend=latest_target.get(indicator.pk, (None, ""))[1],
        )
        for indicator in Indicator.objects.filter(program__plan=plan).filter(
            active_in(fiscal_year, prefix="program__")
        )
        if indicator.pk not in has_row
    ]
    bulk_create_with_history(new_values, IndicatorValue, default_user=actor)


def opening_warnings(
    plan: Plan, fiscal_year: int, deadline: datetime.date | None, today: datetime.date
) -> list[str]:
    """Return why opening the year deserves a second look: a skipped year, a deadline already past."""
    warnings = []
    opened = set(plan.years.values_list("fiscal_year", flat=True))
    skipped = [year for year in range(plan.first_year, fiscal_year) if year not in opened]
    if skipped:
        labels = "、".join(wareki_label(year) for year in skipped)
        warnings.append(f"{labels}がまだ開始されていません（{wareki_label(fiscal_year)}を先に開始します）。")
    if deadline is not None and deadline < today:
        warnings.append(f"提出期限（{wareki_date(deadline)}）は既に過ぎています。")
    return warnings


def open_year_confirmed(
    *,
    plan: Plan,
    fiscal_year: int,
    deadline: datetime.date | None,
    actor: User,
    confirmed: bool,
    today: datetime.date,
) -> tuple[PlanYear, int]:
    """Open the year as open_year does, but a skipped year or a past deadline needs confirmed=True."""
    if not plans_access.manages_plan(actor, plan):
        raise PermissionDenied
    _refuse_odd_deadline(fiscal_year, deadline)  # refused outright, never only asked about
    warnings = opening_warnings(plan, fiscal_year, deadline, today)
    if warnings and not confirmed:
        raise OpeningNeedsConfirmation(warnings)
    return open_year(plan=plan, fiscal_year=fiscal_year, deadline=deadline, actor=actor)


@transaction.atomic(durable=True)
def change_deadline(*, plan_year: PlanYear, deadline: datetime.date | None, actor: User) -> PlanYear:
    """Change (or clear) the departments' deadline of an opened year; kept in the year's history."""
    if not plans_access.manages_plan(actor, plan_year.plan):
        raise PermissionDenied
    _refuse_odd_deadline(plan_year.fiscal_year, deadline)
    locked = PlanYear.objects.select_for_update().get(pk=plan_year.pk)
    if locked.deadline != deadline:
        locked.deadline = deadline
        record_actor(locked, actor)
        locked.save(update_fields=["deadline"])
    return locked


WORDING_MAX = 200


@transaction.atomic(durable=True)
def change_not_evaluable_wording(*, plan_year: PlanYear, wording: str, actor: User) -> PlanYear:
    """Set what the year's reports print for the not-evaluable grade (－); empty: the scale's text.

    The cause that made work impossible is the year's (FY2021: 新型コロナウイルス感染症の影響により…),
    so it is kept on the year, with who changed it and when in the year's history.
    """
    if not plans_access.manages_plan(actor, plan_year.plan):
        raise PermissionDenied
    not_evaluable = plan_year.plan.scale().not_evaluable
    wording = " ".join(wording.split())  # one line: a line break or tab becomes a space
    if wording and not_evaluable is None:
        raise WorkflowError(
            "この計画の評価尺度には評価不能の達成度（－）がありません。「計画の設定」で加えてから設定してください。"
        )
    if len(wording) > WORDING_MAX:
        raise WorkflowError(
            f"「{not_evaluable.label if not_evaluable else '－'}」の説明は{WORDING_MAX}字以内にしてください（{len(wording)}字）。"
        )
    if any(unicodedata.category(ch) in ("Cc", "Cf") for ch in wording):
        raise WorkflowError("説明に制御文字や見えない文字は使えません。")
    locked = PlanYear.objects.select_for_update().get(pk=plan_year.pk)
    if locked.not_evaluable_wording != wording:
        locked.not_evaluable_wording = wording
        record_actor(locked, actor)
        locked.save(update_fields=["not_evaluable_wording"])
    return locked


def _untouched_since_opening(plan_year: PlanYear) -> bool:
    """Return whether no entry or value of the year has changed since it was opened.

    Read from the history, not only the version: a change through any path leaves a row there.
    Only rows since this opening count (an earlier opening that was undone left its own).
    """
    opened_at = plan_year.history.earliest("history_date").history_date
    entries = YearlyEntry.objects.filter(program__plan=plan_year.plan, fiscal_year=plan_year.fiscal_year)
    if entries.filter(~Q(version=1) | ~Q(status=entry_states.INITIAL)).exists():
        return False
    # An opening writes none of these; an entry that has one was written by someone (or a loader).
    written = (
        ~Q(activities="") | ~Q(result_text="") | ~Q(proposed_grade="") | ~Q(final_grade="") | ~Q(reason="")
    )
    if entries.filter(written).exists():
        return False
    if EntryEvent.objects.filter(entry__in=entries).exists():
        return False
    entry_history = YearlyEntry.history.filter(
        program__plan=plan_year.plan, fiscal_year=plan_year.fiscal_year, history_date__gte=opened_at
    )
    if entry_history.exclude(history_type="+").exists():
        return False
    values = IndicatorValue.objects.filter(
        indicator__program__plan=plan_year.plan, fiscal_year=plan_year.fiscal_year
    )
    if values.filter(actual__isnull=False).exists():
        return False
    value_history = IndicatorValue.history.filter(
        indicator__program__plan=plan_year.plan,
        fiscal_year=plan_year.fiscal_year,
        history_date__gte=opened_at,
    )
    return not value_history.exclude(history_type="+").exists()


@transaction.atomic(durable=True)
def undo_open_year(*, plan_year: PlanYear, actor: User) -> int:
    """Undo opening a year while nothing has been entered: its entries and the year go, history stays.

    Return how many entries were removed. Indicator rows the opening made (a carried target, no
    actual) go too; a target set for the year before it was opened is kept.
    """
    if not plans_access.manages_plan(actor, plan_year.plan):
        raise PermissionDenied
    locked = PlanYear.objects.select_for_update().select_related("plan").get(pk=plan_year.pk)
    label = wareki_label(locked.fiscal_year)
    entries = YearlyEntry.objects.select_for_update().filter(
        program__plan=locked.plan, fiscal_year=locked.fiscal_year
    )
    list(entries)  # lock the rows before checking them
    if not _untouched_since_opening(locked):
        raise WorkflowError(f"{label}は既に入力・提出などが行われているため、開始を取り消せません。")
    opened_at = locked.history.earliest("history_date").history_date
    made_by_opening = IndicatorValue.history.filter(
        indicator__program__plan=locked.plan,
        fiscal_year=locked.fiscal_year,
        history_type="+",
        history_date__gte=opened_at,
    ).values_list("id", flat=True)
    removed = 0
    for entry in entries:
        record_actor(entry, actor)
        entry.delete()
        removed += 1
    for value in IndicatorValue.objects.filter(pk__in=list(made_by_opening)):
        record_actor(value, actor)
        value.delete()
    record_actor(locked, actor)
    locked.delete()
    return removed
