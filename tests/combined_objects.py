"""A second plan of さいたま市 on another scale, for the combined report's tests (issue 25, part 6).

A 地域福祉計画 graded 達成／一定の成果あり／未達成 with one decimal place, six programs in two areas,
its FY2021 (令和3年度) imported and confirmed: 達成 3 (50.0％), 一定の成果あり 2 (33.3％), 未達成 1 (16.7％).
"""

from shinchoku.accounts.models import Organization, User
from shinchoku.domain.grades import THREE_LEVEL_SCALE
from shinchoku.imports.services import import_plan, import_progress
from shinchoku.plans.models import Plan
from workbooks import HEADER, xlsx

SLUG = "saitama-fukushi"
NAME = "さいたま市地域福祉計画"


def _program(number: int, title: str, grade: str) -> list[object]:
    return [
        str(number),
        title,
        f"{title}を進めます。",
        "実施しました。",
        "―",
        "実施しました。",
        grade,
        "福祉総務課",
    ]


ROWS = [
    ["令和３年度　さいたま市地域福祉計画　進捗管理表"],
    list(HEADER),
    ["１　地域で支え合う仕組みづくり"],
    _program(1, "見守り活動の推進", "達成"),
    _program(2, "地域福祉活動の担い手の育成", "達成"),
    _program(3, "ボランティア活動の支援", "一定の成果あり"),
    ["２　相談支援の充実"],
    _program(4, "総合相談窓口の運営", "達成"),
    _program(5, "成年後見制度の利用促進", "未達成"),
    _program(6, "自殺対策の相談支援", "一定の成果あり"),
]


def welfare_plan() -> Plan:
    """Import the plan and its FY2021 progress into さいたま市 (the demo's organization)."""
    content = xlsx(ROWS)
    city = Organization.objects.get(jis_code="111007")
    jimukyoku = User.objects.get(username="jimukyoku")
    import_plan(
        name="fukushi.xlsx",
        content=content,
        organization=city,
        slug=SLUG,
        plan_name=NAME,
        first_year=2021,
        last_year=2025,
        actor=jimukyoku,
        scale=THREE_LEVEL_SCALE,
        percent_places=1,
    )
    plan = Plan.objects.get(slug=SLUG)
    import_progress(name="fukushi.xlsx", content=content, plan=plan, fiscal_year=2021, actor=jimukyoku)
    return plan
