"""Load 架空市（デモ） (demo_city_data): an invented city whose plan uses other cities' practices.

Like the さいたま市 demo (shinchoku/demo.py), rows are found by their natural keys and saved only
when something differs (lib/upsert), so a second run writes nothing and adds no history rows.
`shinchoku demo` loads it after さいたま市; the tests' shared database does not (tests load it
where they need it), so the counts of the さいたま市 demo stay as they were.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from shinchoku.accounts.models import Department, Organization, Role, User
from shinchoku.lib.upsert import upsert
from shinchoku.plans import demo_city_data as data
from shinchoku.plans.demo_city_data import CityIndicator, CityProgram
from shinchoku.plans.indicator_models import Indicator, IndicatorValue
from shinchoku.plans.models import EntryStatus, Listing, Plan, PlanNode, PlanYear, Program, YearlyEntry
from shinchoku.plans.services import refresh_suggested_grade


@dataclass
class CityResult:
    plan: Plan
    created_users: list[str] = field(default_factory=list)


def load_demo_city(*, password: str | None, password_hash: str = "") -> CityResult:
    """Load the invented city; password sets every one of its users' passwords.

    Without a password, a new user gets password_hash (the other demo users' password, so one
    password logs in every demo user) and an existing user keeps its own.
    """
    organization = upsert(
        Organization, {"jis_code": data.ORGANIZATION["jis_code"]}, {"name": data.ORGANIZATION["name"]}
    )
    plan = upsert(
        Plan,
        {"slug": data.PLAN["slug"]},
        {k: v for k, v in data.PLAN.items() if k != "slug"} | {"organization": organization},
    )
    departments = {
        name: upsert(Department, {"organization": organization, "name": name}, {"note": data.DEMO_NOTE})
        for name in data.DEPARTMENTS
    }
    _load_tree(plan)
    for fiscal_year in data.YEARS:
        upsert(PlanYear, {"plan": plan, "fiscal_year": fiscal_year}, {"deadline": None})
    for number, spec in data.PROGRAMS.items():
        program = upsert(
            Program,
            {"plan": plan, "number": number},
            {
                "title": spec["title"],
                "content": data.DEMO_NOTE,
                "note": data.DEMO_NOTE,
                "is_priority": spec.get("priority", False),
            },
        )
        department = departments[spec["department"]]
        program.departments.set([department])
        _load_indicators(program, data.INDICATORS.get(number, []))
        _load_entries(program, department, spec)
    result = CityResult(plan=plan)
    _load_users(organization, departments, password, password_hash, result)
    return result


def _load_tree(plan: Plan) -> None:
    position = 0
    for area_label, area_title, measures in data.TREE:
        area = upsert(
            PlanNode,
            {"plan": plan, "parent": None, "label": area_label},
            {"title": area_title, "position": position},
        )
        position += 1
        for label, title, numbers in measures:
            node = upsert(
                PlanNode,
                {"plan": plan, "parent": area, "label": label},
                {"title": title, "position": position},
            )
            position += 1
            for place, number in enumerate(numbers):
                program = Program.objects.filter(plan=plan, number=number).first() or Program.objects.create(
                    plan=plan, number=number, title=data.PROGRAMS[number]["title"]
                )
                upsert(
                    Listing, {"node": node, "program": program}, {"is_relisting": False, "position": place}
                )


def _load_indicators(program: Program, indicators: list[CityIndicator]) -> None:
    for position, spec in enumerate(indicators):
        baseline, baseline_year = spec.get("baseline", (None, None))
        indicator = upsert(
            Indicator,
            {"program": program, "name": spec["name"]},
            {
                "unit": spec["unit"],
                "position": position,
                "source": "デモデータ（架空）",
                "baseline": None if baseline is None else Decimal(baseline),
                "baseline_year": baseline_year,
            },
        )
        for fiscal_year, (target, actual, trend) in spec["values"].items():
            upsert(
                IndicatorValue,
                {"indicator": indicator, "fiscal_year": fiscal_year},
                {
                    "target": None if target is None else Decimal(target),
                    "actual": None if actual is None else Decimal(actual),
                    "target_trend": trend,
                },
            )


def _load_entries(program: Program, department: Department, spec: CityProgram) -> None:
    for fiscal_year, grades in spec["grades"].items():
        excluded = grades is None
        grade, validity, effectiveness = grades or ("", "", "")
        entry = upsert(
            YearlyEntry,
            {"program": program, "fiscal_year": fiscal_year, "department": department},
            {
                "evaluation_type": spec["type"],
                "proposed_grade": grade,
                "final_grade": grade,
                "activities": data.DEMO_NOTE,
                "target_text": "継続実施" if program.number == 10 else data.DEMO_NOTE,
                "result_text": data.DEMO_NOTE,
                "status": EntryStatus.CONFIRMED,
                "dimension_grades": {"validity": validity, "effectiveness": effectiveness} if grades else {},
                "excluded": excluded,
                "excluded_reason": data.EXCLUDED_REASON if excluded else "",
            },
        )
        refresh_suggested_grade(entry=entry)


def _load_users(
    organization: Organization,
    departments: dict[str, Department],
    password: str | None,
    password_hash: str,
    result: CityResult,
) -> None:
    for username, role, department_names, display_name in data.DEMO_USERS:
        user = User.objects.filter(username=username).first()
        created = user is None
        if user is None:
            user = User(username=username)
        before = _user_fields(user)
        user.organization = organization
        user.role = role
        user.first_name, user.last_name = display_name, ""
        # .example is reserved (RFC 2606): a demo address is never delivered anywhere real.
        user.email = f"{username}@kaku.example"
        user.is_staff = user.is_superuser = user.is_case_supervisor = False
        if password is not None:
            user.set_password(password)
        elif created:
            user.password = password_hash
        if created:
            result.created_users.append(username)
        if created or password is not None or _user_fields(user) != before:
            user.save()  # a second run saves nothing, so it adds no history row
        user.departments.set([departments[name] for name in department_names])


def _user_fields(user: User) -> tuple[object, ...]:
    return (
        user.organization_id,
        user.role,
        user.first_name,
        user.last_name,
        user.email,
        user.is_staff,
        user.is_superuser,
        user.is_case_supervisor,
    )


def city_roles() -> list[tuple[str, str, list[str]]]:
    """Return the invented city's logins as `shinchoku demo` prints them: name, role, departments."""
    return [(username, str(Role(role).label), names) for username, role, names, _ in data.DEMO_USERS]
