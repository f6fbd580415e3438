"""The yearly cycle: open a year, save, submit, return, confirm, reopen, import.

The one write path of an entry, its indicators and their values: the entry form, a returned
department form (回答票) and a progress import (進捗管理表) all call these services. Each step is one
transaction that re-reads the entry under lock, checks the version the user's page or file was
built from (optimistic locking), checks access again, and records who did it: in the entry's
history and as a workflow event.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q
from simple_history.utils import bulk_create_with_history

from shinchoku.accounts import access
from shinchoku.accounts.models import Department, User
from shinchoku.domain.fiscal import wareki_label
from shinchoku.plans import access as plans_access
from shinchoku.plans.models import (
    EntryEvent,
    EntryStatus,
    Indicator,
    IndicatorValue,
    Plan,
    PlanYear,
    Program,
    YearlyEntry,
    active_in,
)
from shinchoku.plans.services import suggested_grade_label
from shinchoku.plans.signals import entry_step_taken


class WorkflowError(Exception):
    """A step that cannot be taken now; the message says why, in Japanese."""


class StaleEntryError(WorkflowError):
    """Someone saved the entry after this user's page was loaded."""

    def __init__(self) -> None:
        super().__init__(
            "この取組は、あなたが画面を開いた後に他の人が保存しました。入力した内容は画面に残しています。"
            "最新の内容を確認してから、もう一度保存してください。"
        )


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


def entry_indicators(entry: YearlyEntry) -> list[Indicator]:
    """Return the indicators the entry's department reports on (its own and the program's shared ones)."""
    return list(
        Indicator.objects.filter(program_id=entry.program_id)
        .filter(Q(department_id=entry.department_id) | Q(department__isnull=True))
        .order_by("position", "pk")
    )


@transaction.atomic
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
    plan_year = PlanYear(plan=plan, fiscal_year=fiscal_year, deadline=deadline)
    plan_year._history_user = actor  # type: ignore[attr-defined]
    plan_year.save()
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
            before = latest.get((program.pk, department.pk))
            entry = YearlyEntry(program=program, fiscal_year=fiscal_year, department=department)
            if before is not None:
                entry.target_text, entry.evaluation_type = before.target_text, before.evaluation_type
            new_entries.append(entry)
    bulk_create_with_history(new_entries, YearlyEntry, default_user=actor)
    _carry_targets(plan, fiscal_year, actor)
    return plan_year, len(new_entries)


def _carry_targets(plan: Plan, fiscal_year: int, actor: User) -> None:
    """Give each indicator a value row for the year, with the latest earlier target."""
    values = IndicatorValue.objects.filter(indicator__program__plan=plan, fiscal_year__lte=fiscal_year)
    has_row: set[int] = set()
    latest_target: dict[int, Decimal] = {}
    for value in values.order_by("fiscal_year"):
        if value.fiscal_year == fiscal_year:
            has_row.add(value.indicator_id)
        elif value.target is not None:
            latest_target[value.indicator_id] = value.target
    new_values = [
        IndicatorValue(indicator=indicator, fiscal_year=fiscal_year, target=latest_target.get(indicator.pk))
        for indicator in Indicator.objects.filter(program__plan=plan).filter(
            active_in(fiscal_year, prefix="program__")
        )
        if indicator.pk not in has_row
    ]
    bulk_create_with_history(new_values, IndicatorValue, default_user=actor)


def _locked(entry: YearlyEntry, version: int) -> YearlyEntry:
    current = (
        YearlyEntry.objects.select_for_update().select_related("program__plan", "department").get(pk=entry.pk)
    )
    if current.version != version:
        raise StaleEntryError
    return current


def _save(entry: YearlyEntry, actor: User, fields: list[str]) -> None:
    entry.version += 1
    entry._history_user = actor  # type: ignore[attr-defined]
    entry.save(update_fields=[*fields, "version"])


def _may_write_department_part(actor: User, entry: YearlyEntry, returned_form: bool) -> bool:
    if returned_form:
        return plans_access.can_enter_returned_form(actor, entry)
    return plans_access.can_edit_entry(actor, entry)


@transaction.atomic
def save_entry(
    *, entry: YearlyEntry, actor: User, version: int, data: EntryInput, returned_form: bool = False
) -> YearlyEntry:
    """Save the department's part of the entry (draft or returned) and refresh its suggested grade.

    returned_form: the content comes from the department's returned form, which the secretariat
    may pass on for the department (plans_access.can_enter_returned_form).
    """
    current = _locked(entry, version)
    if not _may_write_department_part(actor, current, returned_form):
        raise PermissionDenied
    current.activities = data.activities
    current.target_text = data.target_text
    current.result_text = data.result_text
    current.evaluation_type = data.evaluation_type
    current.proposed_grade = data.proposed_grade
    current.proposed_reason = data.proposed_reason
    _save_indicators(current, actor, data.indicators)
    current.suggested_grade = suggested_grade_label(current)
    current.full_clean()
    _save(
        current,
        actor,
        [
            "activities",
            "target_text",
            "result_text",
            "evaluation_type",
            "proposed_grade",
            "proposed_reason",
            "suggested_grade",
        ],
    )
    return current


def _others_have_settled(entry: YearlyEntry) -> bool:
    """Return whether another department's entry of the same program and year is submitted or confirmed."""
    return (
        YearlyEntry.objects.filter(program_id=entry.program_id, fiscal_year=entry.fiscal_year)
        .exclude(department_id=entry.department_id)
        .filter(status__in=(EntryStatus.SUBMITTED, EntryStatus.CONFIRMED))
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
        changed = (indicator.unit, indicator.direction, indicator.source) != (
            row.unit,
            row.direction,
            row.source,
        )
        if changed:
            _refuse_change_of_settled_shared(entry, indicator)
        if indicator.pk is None or changed:
            indicator.unit, indicator.direction, indicator.source = row.unit, row.direction, row.source
            indicator._history_user = actor  # type: ignore[attr-defined]
            indicator.full_clean(exclude=["program", "department"])
            if indicator.pk is None:
                indicator.save()
            else:
                indicator.save(update_fields=["unit", "direction", "source"])
        value = (
            IndicatorValue.objects.select_for_update()
            .filter(indicator=indicator, fiscal_year=entry.fiscal_year)
            .first()
        )
        value = value or IndicatorValue(indicator=indicator, fiscal_year=entry.fiscal_year)
        if value.pk is None or (value.target, value.actual) != (row.target, row.actual):
            _refuse_change_of_settled_shared(entry, indicator)
            value.target, value.actual = row.target, row.actual
            value._history_user = actor  # type: ignore[attr-defined]
            if value.pk is None:
                value.save()
            else:
                value.save(update_fields=["target", "actual"])


def _event(entry: YearlyEntry, actor: User, action: str, comment: str = "") -> None:
    EntryEvent.objects.create(entry=entry, actor=actor, action=action, comment=comment)


@transaction.atomic
def submit_entry(
    *, entry: YearlyEntry, actor: User, version: int, returned_form: bool = False
) -> YearlyEntry:
    """Send the entry to the secretariat; it must say what was done, what came of it and a grade."""
    current = _locked(entry, version)
    if not _may_write_department_part(actor, current, returned_form):
        raise PermissionDenied
    missing = [
        label
        for label, value in (
            ("取組内容", current.activities),
            ("実績・取組の成果", current.result_text),
            ("達成度（所管課の評価）", current.proposed_grade),
        )
        if not value.strip()
    ]
    if missing:
        raise WorkflowError(f"提出する前に入力してください: {'、'.join(missing)}")
    current.full_clean()
    current.status = EntryStatus.SUBMITTED
    _save(current, actor, ["status"])
    _event(current, actor, EntryEvent.Action.SUBMITTED, "回答票から提出" if returned_form else "")
    entry_step_taken.send(sender=YearlyEntry, entry=current, action=EntryEvent.Action.SUBMITTED, actor=actor)
    return current


@transaction.atomic
def confirm_entry(
    *, entry: YearlyEntry, actor: User, version: int, final_grade: str, reason: str
) -> YearlyEntry:
    """Confirm a submitted entry with the secretariat's final grade; it is locked from then on.

    Without a final grade of its own, the secretariat confirms the department's
    proposal and its reason.
    """
    current = _locked(entry, version)
    if not plans_access.can_review_entry(actor, current):
        raise PermissionDenied
    current.final_grade = final_grade or current.proposed_grade
    current.reason = reason.strip() or (
        current.proposed_reason if current.final_grade == current.proposed_grade else ""
    )
    current.full_clean()
    current.status = EntryStatus.CONFIRMED
    _save(current, actor, ["final_grade", "reason", "status"])
    _event(current, actor, EntryEvent.Action.CONFIRMED)
    entry_step_taken.send(sender=YearlyEntry, entry=current, action=EntryEvent.Action.CONFIRMED, actor=actor)
    return current


def return_entry(*, entry: YearlyEntry, actor: User, version: int, comment: str) -> YearlyEntry:
    """Send a submitted entry back to its department with a comment saying what to correct."""
    return _send_back(
        entry=entry,
        actor=actor,
        version=version,
        allowed=plans_access.can_review_entry,
        comment=comment,
        action=EntryEvent.Action.RETURNED,
        missing="差戻しの理由（所管課に直してほしいこと）を入力してください。",
    )


def reopen_entry(*, entry: YearlyEntry, actor: User, version: int, reason: str) -> YearlyEntry:
    """Reopen a confirmed entry for its department; only with a reason, which the department sees."""
    return _send_back(
        entry=entry,
        actor=actor,
        version=version,
        allowed=plans_access.can_reopen_entry,
        comment=reason,
        action=EntryEvent.Action.REOPENED,
        missing="確定を取り消す理由を入力してください。",
    )


@transaction.atomic
def _send_back(
    *,
    entry: YearlyEntry,
    actor: User,
    version: int,
    allowed: Callable[[User, YearlyEntry], bool],
    comment: str,
    action: str,
    missing: str,
) -> YearlyEntry:
    """Return the entry to its department (差戻し or 確定取消し), always with a comment it will read."""
    current = _locked(entry, version)
    if not allowed(actor, current):
        raise PermissionDenied
    if not comment.strip():
        raise WorkflowError(missing)
    current.status = EntryStatus.RETURNED
    _save(current, actor, ["status"])
    _event(current, actor, action, comment.strip())
    entry_step_taken.send(sender=YearlyEntry, entry=current, action=action, actor=actor, comment=comment)
    return current


# An import never silently replaces what a department sent or the secretariat confirmed.
PROTECTED_STATUSES = (EntryStatus.SUBMITTED, EntryStatus.CONFIRMED)
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
    "status",
)


def _apply_imported(entry: YearlyEntry, data: ImportedEntry) -> None:
    for name in ("activities", "target_text", "evaluation_type", "result_text"):
        value = getattr(data, name)
        if value is not None:
            setattr(entry, name, value)
    if data.grade is not None:
        # The sheet holds the city's published figures: the department's proposal and the final grade alike.
        entry.final_grade = entry.proposed_grade = data.grade
        entry.reason = entry.proposed_reason = data.reason
        entry.status = EntryStatus.CONFIRMED


@transaction.atomic
def open_year_for_import(*, plan: Plan, fiscal_year: int, actor: User) -> PlanYear:
    """Return the plan's fiscal year, opened without entries when a progress import brings its own."""
    if not plans_access.manages_plan(actor, plan):
        raise PermissionDenied
    plan_year = PlanYear.objects.select_for_update().filter(plan=plan, fiscal_year=fiscal_year).first()
    if plan_year is None:
        plan_year = PlanYear(plan=plan, fiscal_year=fiscal_year)
        plan_year._history_user = actor  # type: ignore[attr-defined]
        plan_year.full_clean()
        plan_year.save()
    return plan_year


@transaction.atomic
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
    current = (
        YearlyEntry.objects.select_for_update()
        .select_related("program__plan", "department")
        .filter(program=program, department=department, fiscal_year=fiscal_year)
        .first()
    )
    if current is None:
        current = YearlyEntry(program=program, department=department, fiscal_year=fiscal_year)
    elif version is not None and current.version != version:
        raise StaleEntryError
    was = current.status
    before = {name: getattr(current, name) for name in _IMPORTED_FIELDS}
    _apply_imported(current, data)
    changed = [name for name in _IMPORTED_FIELDS if getattr(current, name) != before[name]]
    if current.pk is not None and not changed:
        return current, ImportOutcome.UNCHANGED
    if current.pk is not None and was in PROTECTED_STATUSES and not overwrite:
        current.refresh_from_db()
        return current, ImportOutcome.SKIPPED
    current.suggested_grade = suggested_grade_label(current)
    current.full_clean()
    if current.pk is None:
        current._history_user = actor  # type: ignore[attr-defined]
        current.save()
        outcome = ImportOutcome.CREATED
    else:
        _save(current, actor, [*changed, "suggested_grade"])
        outcome = ImportOutcome.OVERWRITTEN if was in PROTECTED_STATUSES else ImportOutcome.CHANGED
    comment = file_name
    if outcome == ImportOutcome.OVERWRITTEN:
        comment = f"{file_name}（{_STATUS_WORDS[EntryStatus(was)]}の内容を上書き）"
    _event(current, actor, EntryEvent.Action.IMPORTED, comment)
    return current, outcome


@transaction.atomic
def set_highlight(*, entry: YearlyEntry, actor: User, highlight: bool) -> YearlyEntry:
    """Choose whether the council report describes the entry among the area's main programs."""
    if (
        not access.manages_plans(actor)
        or not plans_access.visible_entries(actor).filter(pk=entry.pk).exists()
    ):
        raise PermissionDenied
    current = YearlyEntry.objects.select_for_update().get(pk=entry.pk)
    if current.is_highlight != highlight:
        current.is_highlight = highlight
        _save(current, actor, ["is_highlight"])
    return current


@transaction.atomic
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
) -> Indicator:
    """Add an indicator the secretariat accepted (from the text's proposal, maybe corrected)."""
    if (
        not access.manages_plans(actor)
        or not plans_access.visible_entries(actor).filter(pk=entry.pk).exists()
    ):
        raise PermissionDenied
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
    indicator._history_user = actor  # type: ignore[attr-defined]
    indicator.full_clean()
    indicator.save()
    value = IndicatorValue(indicator=indicator, fiscal_year=entry.fiscal_year, target=target, actual=actual)
    value._history_user = actor  # type: ignore[attr-defined]
    value.save()
    current = YearlyEntry.objects.select_for_update().select_related("program__plan").get(pk=entry.pk)
    label = suggested_grade_label(current)
    if label != current.suggested_grade:
        current.suggested_grade = label
        _save(current, actor, ["suggested_grade"])
    return indicator


@transaction.atomic
def withdraw_entry(*, entry: YearlyEntry, actor: User, version: int, reason: str = "") -> YearlyEntry:
    """Take a submitted entry back to the department's draft (取り下げ), before the secretariat acts.

    The secretariat sees the step and its reason in the entry's workflow and on the status board.
    """
    current = _locked(entry, version)
    if not plans_access.can_withdraw_entry(actor, current):
        if plans_access.enters_for_department(actor, current):
            raise WorkflowError(
                "提出中の取組のみ取り下げられます（事務局が既に確定または差戻しをしたか、まだ提出していません）。"
            )
        raise PermissionDenied
    current.status = EntryStatus.DRAFT
    _save(current, actor, ["status"])
    _event(current, actor, EntryEvent.Action.WITHDRAWN, reason.strip())
    entry_step_taken.send(
        sender=YearlyEntry, entry=current, action=EntryEvent.Action.WITHDRAWN, actor=actor, comment=reason
    )
    return current


# The texts the secretariat may correct itself during review (a typo, a figure the department
# confirmed by phone) instead of returning the whole entry: never the grades, which stay the
# department's proposal and the secretariat's own decision.
CORRECTABLE_TEXTS = {
    "activities": "取組内容",
    "target_text": "目標",
    "result_text": "実績・取組の成果",
}


@transaction.atomic
def correct_entry_text(
    *, entry: YearlyEntry, actor: User, version: int, field: str, text: str, reason: str
) -> YearlyEntry:
    """Correct one text of a submitted entry for its department (secretariat), always with a reason.

    The entry stays submitted; the change is in its history and the reason in a workflow event
    the department reads, so nothing it wrote changes silently.
    """
    if field not in CORRECTABLE_TEXTS:
        raise WorkflowError("修正できる項目は 取組内容・目標・実績・取組の成果 です。")
    current = _locked(entry, version)
    if not plans_access.can_review_entry(actor, current):
        raise PermissionDenied
    if not reason.strip():
        raise WorkflowError("修正の理由（所管課に伝えること）を入力してください。")
    if getattr(current, field) == text:
        raise WorkflowError("内容が変わっていません。")
    setattr(current, field, text)
    current.full_clean()
    current._change_reason = reason.strip()  # type: ignore[attr-defined]
    _save(current, actor, [field])
    _event(current, actor, EntryEvent.Action.CORRECTED, f"{CORRECTABLE_TEXTS[field]}を修正: {reason.strip()}")
    return current


# --- The opened year: its deadline, undoing an opening, and openings that need a second look (issue 20) ---


class OpeningNeedsConfirmation(WorkflowError):
    """Opening the year is possible but unusual; the secretariat confirms it with a second submit."""

    def __init__(self, warnings: list[str]) -> None:
        self.warnings = warnings
        super().__init__(
            "".join(warnings) + "よろしければ「確認しました」にチェックを入れて、もう一度開始してください。"
        )


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
        warnings.append(f"提出期限（{deadline:%Y-%m-%d}）は既に過ぎています。")
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
    warnings = opening_warnings(plan, fiscal_year, deadline, today)
    if warnings and not confirmed:
        raise OpeningNeedsConfirmation(warnings)
    return open_year(plan=plan, fiscal_year=fiscal_year, deadline=deadline, actor=actor)


@transaction.atomic
def change_deadline(*, plan_year: PlanYear, deadline: datetime.date | None, actor: User) -> PlanYear:
    """Change (or clear) the departments' deadline of an opened year; kept in the year's history."""
    if not plans_access.manages_plan(actor, plan_year.plan):
        raise PermissionDenied
    locked = PlanYear.objects.select_for_update().get(pk=plan_year.pk)
    if locked.deadline != deadline:
        locked.deadline = deadline
        locked._history_user = actor  # type: ignore[attr-defined]
        locked.save(update_fields=["deadline"])
    return locked


def _untouched_since_opening(plan_year: PlanYear) -> bool:
    """Return whether no entry or value of the year has changed since it was opened.

    Read from the history, not only the version: a change through any path leaves a row there.
    Only rows since this opening count (an earlier opening that was undone left its own).
    """
    opened_at = plan_year.history.earliest("history_date").history_date  # type: ignore[attr-defined]
    entries = YearlyEntry.objects.filter(program__plan=plan_year.plan, fiscal_year=plan_year.fiscal_year)
    if entries.filter(~Q(version=1) | ~Q(status=EntryStatus.DRAFT)).exists():
        return False
    # An opening writes none of these; an entry that has one was written by someone (or a loader).
    written = (
        ~Q(activities="") | ~Q(result_text="") | ~Q(proposed_grade="") | ~Q(final_grade="") | ~Q(reason="")
    )
    if entries.filter(written).exists():
        return False
    if EntryEvent.objects.filter(entry__in=entries).exists():
        return False
    entry_history = YearlyEntry.history.filter(  # type: ignore[attr-defined]
        program__plan=plan_year.plan, fiscal_year=plan_year.fiscal_year, history_date__gte=opened_at
    )
    if entry_history.exclude(history_type="+").exists():
        return False
    values = IndicatorValue.objects.filter(
        indicator__program__plan=plan_year.plan, fiscal_year=plan_year.fiscal_year
    )
    if values.filter(actual__isnull=False).exists():
        return False
    value_history = IndicatorValue.history.filter(  # type: ignore[attr-defined]
        indicator__program__plan=plan_year.plan,
        fiscal_year=plan_year.fiscal_year,
        history_date__gte=opened_at,
    )
    return not value_history.exclude(history_type="+").exists()


@transaction.atomic
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
    opened_at = locked.history.earliest("history_date").history_date  # type: ignore[attr-defined]
    made_by_opening = IndicatorValue.history.filter(  # type: ignore[attr-defined]
        indicator__program__plan=locked.plan,
        fiscal_year=locked.fiscal_year,
        history_type="+",
        history_date__gte=opened_at,
    ).values_list("id", flat=True)
    removed = 0
    for entry in entries:
        entry._history_user = actor  # type: ignore[attr-defined]
        entry.delete()
        removed += 1
    for value in IndicatorValue.objects.filter(pk__in=list(made_by_opening)):
        value._history_user = actor  # type: ignore[attr-defined]
        value.delete()
    locked._history_user = actor  # type: ignore[attr-defined]
    locked.delete()
    return removed
