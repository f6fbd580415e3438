"""Writes to plans and entries. Each is one transaction, with the actor in the history."""

from collections.abc import Mapping
from decimal import Decimal

from django.db import transaction
from django.db.models import Q

from shinchoku.accounts.models import User
from shinchoku.domain.grades import CombinePolicy, Suggestion
from shinchoku.domain.numbers import Trend
from shinchoku.domain.ratios import Direction, Measurement
from shinchoku.lib.history import record_actor
from shinchoku.plans.models import EvaluationType, IndicatorValue, YearlyEntry


def entry_suggestion(entry: YearlyEntry, actuals: Mapping[int, Decimal | None] | None = None) -> Suggestion:
    """Return the grade the entry's indicators suggest, and why some of them give no ratio (▲5).

    actuals maps indicator-value ids to figures not saved yet (a returned form being checked).
    """
    plan = entry.program.plan
    # Under the baseline policy an arrow target (↑, imported as 定性的評価) is graded mechanically too.
    by_baseline = plan.combine_policy == CombinePolicy.BASELINE
    if entry.evaluation_type != EvaluationType.QUANTITATIVE and not by_baseline:
        return Suggestion(None)
    actuals = actuals or {}
    values = IndicatorValue.objects.filter(
        indicator__program_id=entry.program_id, fiscal_year=entry.fiscal_year
    ).filter(Q(indicator__department_id=entry.department_id) | Q(indicator__department__isnull=True))
    measurements = [
        Measurement(
            value.target,
            actuals.get(value.pk, value.actual),
            Direction(value.indicator.direction),
            baseline=value.indicator.baseline,
            trend=Trend(value.target_trend) if value.target_trend else None,
        )
        for value in values.select_related("indicator")
    ]
    return plan.suggest_for(measurements)


def suggested_grade_label(entry: YearlyEntry, actuals: Mapping[int, Decimal | None] | None = None) -> str:
    """Return the grade the entry's indicators suggest ("" for qualitative or unmeasured entries)."""
    grade = entry_suggestion(entry, actuals).grade
    return grade.label if grade else ""


@transaction.atomic  # also a step of the demo loader, inside its transaction
def refresh_suggested_grade(*, entry: YearlyEntry, actor: User | None = None) -> bool:
    """Recompute the entry's suggested grade; return whether it changed."""
    label = suggested_grade_label(entry)
    if label == entry.suggested_grade:
        return False
    entry.suggested_grade = label
    record_actor(entry, actor)
    entry.save(update_fields=["suggested_grade"])
    return True
