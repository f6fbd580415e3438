"""Load Saitama's plan and its FY2021 progress (demo_data) into the database, idempotently.

Rows are found by their natural keys and saved only when something differs, so
running the loader twice changes nothing and adds no history rows.
"""

import secrets
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db import transaction

from shinchoku.accounts.models import Department, Organization, Role, User
from shinchoku.cases.demo import load_case_demo
from shinchoku.council.demo import load_council_demo
from shinchoku.directory.demo import load_directory_demo
from shinchoku.domain.fiscal import wareki_label
from shinchoku.lib.upsert import upsert
from shinchoku.lifecycle.demo import load_lifecycle_demo
from shinchoku.national.demo import demo_prefecture, load_national_demo
from shinchoku.opendata.demo import load_opendata_demo
from shinchoku.outcomes.demo import load_outcomes_demo
from shinchoku.plans import demo_data as data
from shinchoku.plans.demo_city import city_roles, load_demo_city
from shinchoku.plans.demo_data import IndicatorRow, SeedProgram
from shinchoku.plans.indicator_models import Indicator, IndicatorValue
from shinchoku.plans.models import (
    EntryStatus,
    Listing,
    Plan,
    PlanNode,
    PlanYear,
    Program,
    PublishedTally,
    YearlyEntry,
)
from shinchoku.plans.services import refresh_suggested_grade

YEAR = 2021


@dataclass
class DemoResult:
    plan: Plan
    created_users: list[str] = field(default_factory=list)
    password: str | None = None
    password_generated: bool = False
    city_plan: Plan | None = None  # 架空市（デモ）'s, when loaded


@transaction.atomic
def load_demo(*, password: str | None = None, invented_city: bool = False) -> DemoResult:
    """Load the demo; set every demo user's password to password (generated for new users if None).

    invented_city also loads 架空市（デモ） (plans/demo_city.py), as `shinchoku demo` does; its new
    users get the same password as the others.
    """
    organization = upsert(
        Organization, {"jis_code": data.ORGANIZATION["jis_code"]}, {"name": data.ORGANIZATION["name"]}
    )
    plan = upsert(
        Plan,
        {"slug": data.PLAN["slug"]},
        {k: v for k, v in data.PLAN.items() if k != "slug"} | {"organization": organization},
    )
    departments = _load_departments(organization)
    areas = _load_tree(plan)
    _load_programs(plan, departments, areas)
    # The seed's － legend names FY2021's cause (COVID-19): the year's wording, not the scale's.
    upsert(
        PlanYear,
        {"plan": plan, "fiscal_year": YEAR},
        {"deadline": None, "not_evaluable_wording": data.NOT_EVALUABLE_WORDING_2021},
    )
    upsert(
        PublishedTally,
        {"plan": plan, "fiscal_year": YEAR},
        {"overall": data.PUBLISHED_2021["overall"], "source": data.PUBLISHED_2021["source"]},
    )
    load_directory_demo(organization)
    result = DemoResult(plan=plan)
    _load_users(organization, departments, password, result)
    load_case_demo(organization)
    load_council_demo(plan)
    load_outcomes_demo(plan)
    load_lifecycle_demo(plan)
    load_national_demo(plan)
    load_opendata_demo(plan)
    if invented_city:
        same = User.objects.filter(username=data.DEMO_USERS[0][0]).values_list("password", flat=True)
        city = load_demo_city(password=result.password, password_hash=same.first() or "")
        result.city_plan = city.plan
        result.created_users += city.created_users
    return result


def _load_departments(organization: Organization) -> dict[str, Department]:
    names = {p["department"] for p in data.SEED_PROGRAMS.values()}
    names |= {name for names in data.DEMO_DEPARTMENTS_BY_AREA.values() for name in names}
    return {
        name: upsert(
            Department, {"organization": organization, "name": name}, {"note": data.DEPARTMENT_GUESS}
        )
        for name in sorted(names)
    }


def _load_tree(plan: Plan) -> dict[int, str]:
    """Create the tree and listings; return each program's area number (of its first listing)."""
    area_of: dict[int, str] = {}
    counter = iter(range(10_000))
    pending: list[tuple[PlanNode, list[Any]]] = []

    def visit(parent: PlanNode | None, items: list[Any], area: str | None) -> None:
        for label, title, children in items:
            node = upsert(
                PlanNode,
                {"plan": plan, "parent": parent, "label": label},
                {"title": title, "position": next(counter)},
            )
            this_area = area or label
            if children and isinstance(children[0], tuple) and len(children[0]) == 3:
                visit(node, children, this_area)
            else:
                pending.append((node, children))
                for item in children:
                    if isinstance(item, int):
                        area_of[item] = this_area

    visit(None, data.TREE, None)
    for node, items in pending:
        for position, item in enumerate(items):
            relisting = isinstance(item, tuple)
            number = item[1] if relisting else item
            program = _program_stub(plan, number)
            upsert(
                Listing, {"node": node, "program": program}, {"is_relisting": relisting, "position": position}
            )
    return area_of


def _program_stub(plan: Plan, number: int) -> Program:
    program = Program.objects.filter(plan=plan, number=number).first()
    return program or Program.objects.create(plan=plan, number=number, title=f"（事業{number}）")


def _load_programs(plan: Plan, departments: dict[str, Department], area_of: dict[int, str]) -> None:
    for number, spec in data.SEED_PROGRAMS.items():
        program = upsert(
            Program,
            {"plan": plan, "number": number},
            {"title": spec["title"], "content": spec.get("content", ""), "note": _note(spec)},
        )
        program.departments.set([departments[spec["department"]]])
        indicators = spec.get("indicators", [])
        _load_indicators(program, indicators)
        _load_entry(
            program,
            departments[spec["department"]],
            evaluation_type=spec["type"],
            grade=spec["grade"],
            reason=spec.get("reason", ""),
            activities=spec["activities"],
            target=spec.get("target", _targets_text(indicators)),
            result=spec["result"],
        )
    for number, (kind, grade) in data.DEMO_PROGRAMS.items():
        area = area_of[number]
        department = departments[
            data.DEMO_DEPARTMENTS_BY_AREA[area][number % len(data.DEMO_DEPARTMENTS_BY_AREA[area])]
        ]
        program = _demo_program(plan, number, area)
        program.departments.set([department])
        _load_demo_entry(program, department, kind, grade)
    for number, grades in data.DEMO_TWO_DEPARTMENTS.items():
        area = area_of[number]
        pair = [departments[name] for name in data.DEMO_DEPARTMENTS_BY_AREA[area][:2]]
        program = _demo_program(plan, number, area)
        program.departments.set(pair)
        for department, grade in zip(pair, grades, strict=True):
            _load_demo_entry(program, department, "qualitative", grade)


def _note(spec: SeedProgram) -> str:
    return "\n".join(filter(None, [data.SEED_SOURCE, spec.get("note", ""), data.DEPARTMENT_GUESS]))


def _targets_text(indicators: Sequence[IndicatorRow]) -> str:
    lines = [f"〇{name}　{Decimal(target):,}{unit}" for name, unit, target, _, _ in indicators if target]
    return "\n".join(lines) if lines else "―"


def _demo_program(plan: Plan, number: int, area: str) -> Program:
    return upsert(
        Program,
        {"plan": plan, "number": number},
        {
            "title": f"デモ事業{number}（重点項目{area}の架空の事業）",
            "content": data.DEMO_NOTE,
            "note": data.DEMO_NOTE,
        },
    )


def _load_demo_entry(program: Program, department: Department, kind: str, grade: str) -> None:
    indicators: list[IndicatorRow] = []
    if kind == "quantitative":
        actual = {"A": "120", "B": "100", "C": "80"}.get(grade)  # － : not carried out, nothing measured
        indicators = [("デモ指標（架空）", "件", "100", actual, "")]
    _load_indicators(program, indicators)
    _load_entry(
        program,
        department,
        evaluation_type=kind,
        grade=grade,
        reason=data.COVID_REASON if grade == "－" else "",
        activities=data.DEMO_NOTE,
        target=_targets_text(indicators) if indicators else "―",
        result=data.DEMO_NOTE,
    )


def _load_indicators(program: Program, indicators: Sequence[IndicatorRow]) -> None:
    for position, (name, unit, target, actual, source) in enumerate(indicators):
        indicator = upsert(
            Indicator,
            {"program": program, "name": name},
            {"unit": unit, "source": source, "position": position},
        )
        upsert(
            IndicatorValue,
            {"indicator": indicator, "fiscal_year": YEAR},
            {
                "target": None if target is None else Decimal(target),
                "actual": None if actual is None else Decimal(actual),
            },
        )


def _load_entry(program: Program, department: Department, **fields: str) -> None:
    entry = upsert(
        YearlyEntry,
        {"program": program, "fiscal_year": YEAR, "department": department},
        {
            "evaluation_type": fields["evaluation_type"],
            "proposed_grade": fields["grade"],
            "proposed_reason": fields["reason"],
            "final_grade": fields["grade"],
            "reason": fields["reason"],
            "activities": fields["activities"],
            "target_text": fields["target"],
            "result_text": fields["result"],
            "status": EntryStatus.CONFIRMED,
            "is_highlight": program.number in data.HIGHLIGHTS,
        },
    )
    refresh_suggested_grade(entry=entry)


def _load_users(
    organization: Organization, departments: dict[str, Department], password: str | None, result: DemoResult
) -> None:
    for username, role, department_names, display_name in data.DEMO_USERS:
        user = User.objects.filter(username=username).first()
        created = user is None
        if user is None:
            user = User(username=username)
        before = _user_fields(user)
        # The analyst works for the prefecture, which oversees the city.
        user.organization = demo_prefecture() if role == Role.ANALYST else organization
        user.role = role
        user.first_name, user.last_name = display_name, ""
        # A demo address: .example is reserved (RFC 2606) and never delivered anywhere real.
        user.email = f"{username}@saitama.example"
        user.is_staff = role == Role.ADMINISTRATOR  # the admin is for installation administrators only
        user.is_superuser = role == Role.ADMINISTRATOR
        user.is_case_supervisor = username == "case_sv"
        if created or password is not None:
            if password is None:
                password = secrets.token_urlsafe(12)
                result.password_generated = True
            user.set_password(password)
            if created:
                result.created_users.append(username)
        if created or password is not None or _user_fields(user) != before:
            user.save()  # a second run saves nothing, so it adds no history row
        user.departments.set([departments[name] for name in department_names])
    result.password = password


def _user_fields(user: User) -> tuple[object, ...]:
    return (
        user.organization_id,
        user.role,
        user.first_name,
        user.last_name,
        user.email,  # a demo loaded before the addresses existed gets them on the next run
        user.is_staff,
        user.is_superuser,
        user.is_case_supervisor,
    )


def describe(result: DemoResult) -> str:
    """Return what the command prints: the plan loaded and the demo logins."""
    lines = [f"デモデータを読み込みました: {result.plan.name}（{wareki_label(YEAR)}）"]
    if result.password is None:
        lines.append(
            "デモユーザーは既にあります（パスワードは変更していません。--password で再設定できます）。"
        )
    else:
        note = "（自動生成）" if result.password_generated else ""
        lines.append(f"デモユーザーのパスワード{note}: {result.password}")
    lines.append("ログイン: http://127.0.0.1:8000/ （管理画面: /admin/、相談窓口の公開ページ: /directory/）")
    for username, role, department_names, _ in data.DEMO_USERS:
        scope = "・".join(department_names)
        supervisor = "・事例の監督者" if username == "case_sv" else ""
        lines.append(f"  {username:<10} {Role(role).label}{supervisor}{f'（{scope}）' if scope else ''}")
    if result.city_plan is not None:
        lines.append(f"架空の市（デモデータ）: {result.city_plan.name}")
        for username, label, names in city_roles():
            scope = "・".join(names)
            lines.append(f"  {username:<14} {label}{f'（{scope}）' if scope else ''}")
    return "\n".join(lines)
