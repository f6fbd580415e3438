"""The secretariat's changes to its plan's outcome indicators and context statistics (no Django admin needed).

One service per change: the actor must run the plan; the row is locked and its version checked, so
two people who opened the same page cannot silently overwrite each other; the change is kept in
the row's history with the actor (and the reason given for a correction).
"""

from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import TypeVar

from django.core.exceptions import PermissionDenied
from django.db import transaction

from shinchoku.accounts.models import User
from shinchoku.domain import outcomes as domain
from shinchoku.domain import unit_fit
from shinchoku.domain.ratios import Direction
from shinchoku.lib.errors import ServiceError
from shinchoku.lib.history import record_actor
from shinchoku.outcomes.models import ContextSeries, ContextValue, Outcome, OutcomeValue
from shinchoku.plans import access as plans_access
from shinchoku.plans.models import Plan

M = TypeVar("M", Outcome, OutcomeValue, ContextSeries, ContextValue)
STALE = (
    "ほかの人がこのページを開いた後に保存しました。入力した内容は下に残っています。"
    "別のタブでページを開き直して保存された内容と見比べ、もう一度保存してください。"
)


class OutcomeEditError(ServiceError):
    """A refused change of an outcome or a context statistic; the message is Japanese."""


class StaleEdit(OutcomeEditError):
    """Someone saved the row after this page was read; the typed values stay on the page."""

    def __init__(self) -> None:
        super().__init__(STALE)


@dataclass(frozen=True)
class OutcomeInput:
    name: str
    unit: str
    direction: str
    year_kind: str
    baseline_first_year: int
    baseline_last_year: int
    baseline_value: Decimal | None
    target_value: Decimal
    target_year: int
    note: str = ""


@dataclass(frozen=True)
class SeriesInput:
    name: str
    unit: str
    year_kind: str
    source: str
    source_note: str = ""


@dataclass(frozen=True)
class ValueInput:
    """A year's figure; source and its detail for an outcome's value (a context figure has its statistic's)."""

    year: int
    value: Decimal
    source: str = ""
    source_note: str = ""
    reason: str = ""  # why a recorded figure is corrected (kept in the history)


NO_REASON = "記録済みの値を変える修正には「修正の理由」が必要です（履歴に残ります）。例：確定値に更新"


def _check_figure(data: ValueInput, unit: str, before: Decimal | None, correcting: bool) -> None:
    """Refuse a figure that cannot be in its unit (▲5人), and a changed figure with no reason."""
    problem = unit_fit.refusal(data.value, unit)
    if problem:
        raise OutcomeEditError(problem)
    if correcting and data.value != before and not data.reason.strip():
        raise OutcomeEditError(NO_REASON)


OUTCOME_FIELDS = [f for f in OutcomeInput.__dataclass_fields__]
SERIES_FIELDS = [f for f in SeriesInput.__dataclass_fields__]


def _check_plan(actor: User, plan: Plan) -> None:
    if not plans_access.manages_plan(actor, plan):
        raise PermissionDenied


def _locked(model: type[M], pk: int, version: int | None) -> M:
    """Return the row locked for the change, or raise StaleEdit when it changed since the page was read."""
    row = model._default_manager.select_for_update().get(pk=pk)
    if version is None or row.version != version:
        raise StaleEdit
    return row


def _save(
    row: Outcome | OutcomeValue | ContextSeries | ContextValue,
    actor: User,
    fields: list[str],
    *,
    is_new: bool,
    reason: str = "",
) -> None:
    """Save the row with a new version, telling the history who changed it (and why)."""
    row.version = 1 if is_new else row.version + 1
    record_actor(row, actor)
    if reason.strip():
        setattr(row, "_change_reason", reason.strip()[:100])  # simple-history's reason of the change  # noqa: B010
    row.save(update_fields=None if is_new else [*fields, "version"])


def check_outcome(data: OutcomeInput) -> None:
    """Raise DomainError (in Japanese) when the baseline period, the target year or the target's side is wrong."""
    # An averaged baseline is known only once its years' values are in: check its period and the year.
    known = data.target_value if data.baseline_value is None else data.baseline_value
    baseline = domain.Baseline(Fraction(known), data.baseline_first_year, data.baseline_last_year)
    domain.Outcome(baseline, Fraction(data.target_value), data.target_year, Direction(data.direction))


@transaction.atomic(durable=True)
def save_outcome(
    *, actor: User, plan: Plan, outcome: Outcome | None, data: OutcomeInput, version: int | None = None
) -> Outcome:
    """Add an outcome indicator to the plan, or change one's definition (name, baseline, target…)."""
    _check_plan(actor, plan)
    if outcome is not None and outcome.plan_id != plan.pk:
        raise PermissionDenied
    check_outcome(data)
    same = Outcome.objects.filter(plan=plan, name=data.name.strip())
    if (same if outcome is None else same.exclude(pk=outcome.pk)).exists():
        raise OutcomeEditError(
            f"成果指標「{data.name.strip()}」は既にあります。別の名前にするか、その指標を開いてください。"
        )
    row = Outcome(plan=plan) if outcome is None else _locked(Outcome, outcome.pk, version)
    if outcome is None:
        row.position = Outcome.objects.filter(plan=plan).count()
    for field in OUTCOME_FIELDS:
        value = getattr(data, field)
        setattr(row, field, value.strip() if isinstance(value, str) else value)
    _save(row, actor, OUTCOME_FIELDS, is_new=outcome is None)
    return row


@transaction.atomic(durable=True)
def save_outcome_value(
    *, actor: User, outcome: Outcome, data: ValueInput, value: OutcomeValue | None, version: int | None = None
) -> OutcomeValue:
    """Record a year's value of the outcome (value None), or correct the recorded one."""
    _check_plan(actor, outcome.plan)
    if value is not None and value.outcome_id != outcome.pk:
        raise PermissionDenied
    if value is None and OutcomeValue.objects.filter(outcome=outcome, year=data.year).exists():
        raise OutcomeEditError(
            f"{data.year}年の値は既に記録されています。一覧からその年の「修正する」を開いてください。"
        )
    row = (
        OutcomeValue(outcome=outcome, year=data.year)
        if value is None
        else _locked(OutcomeValue, value.pk, version)
    )
    _check_figure(data, outcome.unit, row.value, correcting=value is not None)
    row.value, row.source, row.source_note = data.value, data.source, data.source_note.strip()
    _save(row, actor, ["value", "source", "source_note"], is_new=value is None, reason=data.reason)
    return row


@transaction.atomic(durable=True)
def save_series(
    *, actor: User, plan: Plan, series: ContextSeries | None, data: SeriesInput, version: int | None = None
) -> ContextSeries:
    """Add a context statistic (its name, unit, source) to the plan, or change one."""
    _check_plan(actor, plan)
    if series is not None and series.plan_id != plan.pk:
        raise PermissionDenied
    same = ContextSeries.objects.filter(plan=plan, name=data.name.strip())
    if (same if series is None else same.exclude(pk=series.pk)).exists():
        raise OutcomeEditError(
            f"統計「{data.name.strip()}」は既にあります。別の名前にするか、その統計を開いてください。"
        )
    row = ContextSeries(plan=plan) if series is None else _locked(ContextSeries, series.pk, version)
    if series is None:
        row.position = ContextSeries.objects.filter(plan=plan).count()
    for field in SERIES_FIELDS:
        setattr(row, field, getattr(data, field).strip())
    _save(row, actor, SERIES_FIELDS, is_new=series is None)
    return row


@transaction.atomic(durable=True)
def save_context_value(
    *,
    actor: User,
    series: ContextSeries,
    data: ValueInput,
    value: ContextValue | None,
    version: int | None = None,
) -> ContextValue:
    """Record a year's figure of the statistic (value None), or correct the recorded one."""
    _check_plan(actor, series.plan)
    if value is not None and value.series_id != series.pk:
        raise PermissionDenied
    ContextSeries.objects.select_for_update().get(pk=series.pk)  # after or before an upload, not during
    if value is None and ContextValue.objects.filter(series=series, year=data.year).exists():
        raise OutcomeEditError(
            f"{data.year}年の値は既に記録されています。表からその年の値を選んで修正してください。"
        )
    row = (
        ContextValue(series=series, year=data.year)
        if value is None
        else _locked(ContextValue, value.pk, version)
    )
    _check_figure(data, series.unit, row.value, correcting=value is not None)
    row.value = data.value
    _save(row, actor, ["value"], is_new=value is None, reason=data.reason)
    return row
