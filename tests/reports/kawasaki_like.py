"""A small 川崎市-like plan-year: 27 programs in 4 施策課題, one listed again (28 listings), 9 of them 重点.

達成度 runs 1 … 5 (1 best); 事業の妥当性 and 有効性・効率性・経済性 run 5 … 1 (5 best), as in 川崎市's
施策進行管理・評価表. The priority programs 1–9 are graded so that their 10 listings (program 1 is
listed again under 施策課題2) count 妥当性 7/2/1/0/0 and 有効性 2/7/1/0/0, the figures the
checker compared; the other 18 programs are graded 3 on both.
"""

from shinchoku.accounts.models import Organization, Role, User
from shinchoku.domain.scale_presets import PRESETS
from shinchoku.imports.services import import_plan, import_progress
from shinchoku.plans.models import Plan, Program
from workbooks import xlsx

HEADER = [
    "事業番号",
    "事業名",
    "事業内容",
    "取組内容",
    "目標",
    "実績",
    "達成度",
    "妥当性",
    "有効性",
    "所管課",
]
PRIORITY = (1, 2, 3, 4, 5, 6, 7, 8, 9)
# program → (妥当性, 有効性) for the priority programs
GRADES = {1: ("5", "4"), 2: ("5", "4"), 3: ("5", "4"), 4: ("5", "4"), 5: ("5", "4"), 6: ("5", "4")}
GRADES |= {7: ("4", "5"), 8: ("4", "5"), 9: ("3", "3")}
AREAS = {1: range(1, 8), 2: range(8, 15), 3: range(15, 22), 4: range(22, 28)}


def _row(label: str, number: int) -> list[object]:
    validity, effectiveness = GRADES.get(number, ("3", "3"))
    return [label, f"事業{number}", "内容", "取組", "目標", "実績", "2", validity, effectiveness, "福祉課"]


def rows(heading: str = "{n}　施策課題{n}の名前") -> list[list[object]]:
    sheet: list[list[object]] = [["令和３年度　施策進行管理・評価表"], HEADER]
    for area, numbers in AREAS.items():
        sheet.append([heading.format(n=area)])
        sheet.extend(_row(str(n), n) for n in numbers)
        if area == 2:
            sheet.append(_row("1（再掲）", 1))
    return sheet


def kawasaki_like_plan(*, show_priority: bool = True, heading: str = "{n}　施策課題{n}の名前") -> Plan:
    """Return the plan with its 令和3年度 entries imported, showing 「うち重点」 unless told not to.

    heading writes each area's heading row from its number n (川崎市 writes 「施策課題1　…」).
    """
    city = Organization.objects.create(name="デモ市（架空・川崎市の様式）", jis_code="999994")
    actor = User.objects.create(username="kawasaki-like", organization=city, role=Role.SECRETARIAT)
    content = xlsx(rows(heading))
    import_plan(
        name="評価表.xlsx",
        content=content,
        organization=city,
        slug="kawasaki-prio",
        plan_name="デモ市再犯防止推進計画",
        first_year=2021,
        last_year=2025,
        actor=None,
        scale=PRESETS["one-to-five"],
        department="福祉課",
    )
    plan = Plan.objects.get(slug="kawasaki-prio")
    import_progress(name="評価表.xlsx", content=content, plan=plan, fiscal_year=2021, actor=actor)
    Program.objects.filter(plan=plan, number__in=PRIORITY).update(is_priority=True)
    Plan.objects.filter(pk=plan.pk).update(show_priority=show_priority)
    plan.refresh_from_db()
    return plan
