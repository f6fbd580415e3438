"""What an entry still lacks before the department can submit it."""

from collections import Counter
from collections.abc import Sequence

from shinchoku.plans.models import EvaluationType, IndicatorValue, YearlyEntry


def missing_items(entries: Sequence[YearlyEntry]) -> dict[int, list[str]]:
    """Return, per entry, what is still empty: 取組内容, 実績・取組の成果, 達成度, indicators' actuals."""
    # (program, year, department or None for a program-wide indicator) → targets without an actual
    without_actual: Counter[tuple[int, int, int | None]] = Counter(
        IndicatorValue.objects.filter(
            indicator__program_id__in={e.program_id for e in entries},
            fiscal_year__in={e.fiscal_year for e in entries},
            target__isnull=False,
            actual__isnull=True,
        ).values_list("indicator__program_id", "fiscal_year", "indicator__department_id")
    )
    result = {}
    for entry in entries:
        missing = []
        if not entry.activities.strip():
            missing.append("取組内容")
        if not entry.result_text.strip():
            missing.append("実績・取組の成果")
        if not entry.proposed_grade and not entry.excluded:  # 評価対象外 has its reason instead
            missing.append("達成度")
        if entry.evaluation_type == EvaluationType.QUANTITATIVE:
            key = (entry.program_id, entry.fiscal_year)
            n = without_actual[(*key, None)] + without_actual[(*key, entry.department_id)]
            if n:
                missing.append(f"指標の実績値（{n}件）")
        result[entry.pk] = missing
    return result
