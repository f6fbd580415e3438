"""Demo outcome and context statistics. The seed gives no figures for its 第3章: every value here is invented."""

from decimal import Decimal

from shinchoku.outcomes.models import ContextSeries, ContextValue, Outcome, OutcomeValue, Source, YearKind
from shinchoku.plans.models import Plan

DEMO_NOTE = "デモデータ: 資料に数値がないため架空の値です。実在の統計ではありません。"
# 再犯者数 (invented): the average of 2016–2020 is the baseline; the target is a 20% cut by 2025.
REOFFENDERS = {2016: 610, 2017: 596, 2018: 581, 2019: 562, 2020: 551, 2021: 538, 2022: 529}
CONTEXT: dict[str, tuple[str, dict[int, float]]] = {
    "刑法犯検挙者数（デモ値）": ("人", {2017: 1480, 2018: 1423, 2019: 1391, 2020: 1302, 2021: 1275}),
    "再犯者率（デモ値）": ("％", {2017: 49.1, 2018: 48.6, 2019: 48.9, 2020: 47.8, 2021: 47.5}),
}


def load_outcomes_demo(plan: Plan) -> None:
    """Create one plan-level outcome and two context statistics once, marked as demo values."""
    outcome, _ = Outcome.objects.get_or_create(
        plan=plan,
        name="再犯者数（デモ値）",
        defaults={
            "unit": "人",
            "direction": "lower",
            "year_kind": YearKind.CALENDAR,
            "baseline_first_year": 2016,
            "baseline_last_year": 2020,
            "baseline_value": None,  # the average of the five years' values
            "target_value": Decimal(464),
            "target_year": 2025,
            "note": DEMO_NOTE,
            "is_demo": True,
        },
    )
    for year, value in REOFFENDERS.items():
        OutcomeValue.objects.get_or_create(
            outcome=outcome,
            year=year,
            defaults={"value": Decimal(value), "source": Source.MINISTRY, "source_note": "デモ値"},
        )
    for position, (name, (unit, values)) in enumerate(CONTEXT.items()):
        series, _ = ContextSeries.objects.get_or_create(
            plan=plan,
            name=name,
            defaults={
                "unit": unit,
                "year_kind": YearKind.CALENDAR,
                "source": Source.POLICE if unit == "人" else Source.WHITE_PAPER,
                "source_note": "デモ値",
                "is_demo": True,
                "position": position,
            },
        )
        for year, figure in values.items():
            ContextValue.objects.get_or_create(
                series=series, year=year, defaults={"value": Decimal(str(figure))}
            )
