"""Demo: Saitama City's areas mapped to the national plans' 重点課題, and a prefecture analyst's organization."""

from shinchoku.accounts.models import Organization
from shinchoku.national.models import AreaMapping, NationalIssue, NationalPlan
from shinchoku.national.seed import seed_national_plans
from shinchoku.plans.models import Plan

# Saitama City's five areas (重点項目1–5) follow the national first plan's issues 1–5, as their
# titles say (e.g. 1 就労・住居の確保等のための取組 → 就労・住居の確保等). Issues 6 and 7 (連携強化,
# 体制の整備) are about the national bodies themselves and have no area of their own.
AREA_TO_ISSUE = {"1": 1, "2": 2, "3": 3, "4": 4, "5": 5}

PREFECTURE = {"jis_code": "110001", "name": "埼玉県"}


def load_national_demo(plan: Plan) -> None:
    """Map the plan's areas to the first national plan, and its successors' to the second."""
    seed_national_plans(NationalPlan, NationalIssue)
    _map_areas(plan, "first")
    for successor in plan.successors.all():
        _map_areas(successor, "second")


def _map_areas(plan: Plan, code: str) -> None:
    issues = {i.number: i for i in NationalIssue.objects.filter(national_plan__code=code)}
    for area in plan.nodes.filter(parent__isnull=True):
        number = AREA_TO_ISSUE.get(area.label)
        if number is not None and number in issues:
            AreaMapping.objects.get_or_create(node=area, issue=issues[number])


def demo_prefecture() -> Organization:
    """Return 埼玉県, the organization of the demo's prefecture analyst (it has no plan of its own)."""
    organization, _ = Organization.objects.update_or_create(
        jis_code=PREFECTURE["jis_code"], defaults={"name": PREFECTURE["name"]}
    )
    return organization
