"""The two national 再犯防止推進計画 and their seven 重点課題 each, as the Cabinet decided them.

Seeded by migration 0002, and again by the demo (a flushed test database loses migration data).
"""

import datetime
from typing import Any

NATIONAL_PLANS = [
    (
        "first",
        "再犯防止推進計画（第一次）",
        datetime.date(2017, 12, 15),
        2018,
        2022,
        [
            "就労・住居の確保等",
            "保健医療・福祉サービスの利用の促進等",
            "学校等と連携した修学支援の実施等",
            "犯罪をした者等の特性に応じた効果的な指導の実施等",
            "民間協力者の活動の促進等、広報・啓発活動の推進等",
            "地方公共団体との連携強化等",
            "関係機関の人的・物的体制の整備等",
        ],
    ),
    (
        "second",
        "第二次再犯防止推進計画",
        datetime.date(2023, 3, 17),
        2023,
        2027,
        [
            "就労・住居の確保",
            "保健医療・福祉サービスの利用の促進",
            "学校等と連携した修学支援の実施",
            "犯罪をした者等の特性に応じた効果的な指導の実施",
            "民間協力者の活動の促進",
            "地域による包摂の推進",
            "再犯防止に向けた基盤の整備",
        ],
    ),
]


def seed_national_plans(national_plan_model: Any, national_issue_model: Any) -> None:
    """Create or update both national plans and their issues (models passed in, for the migration's sake)."""
    for code, name, decided_on, first_year, last_year, issues in NATIONAL_PLANS:
        plan, _ = national_plan_model.objects.update_or_create(
            code=code,
            defaults={
                "name": name,
                "decided_on": decided_on,
                "first_year": first_year,
                "last_year": last_year,
            },
        )
        for number, title in enumerate(issues, start=1):
            national_issue_model.objects.update_or_create(
                national_plan=plan, number=number, defaults={"title": title}
            )
