"""Fixtures of the import tests."""

import datetime

import pytest

from seed_sheet import seed_workbook
from shinchoku.accounts.models import Organization, Role, User
from shinchoku.imports.services import import_plan
from shinchoku.plans import workflow
from shinchoku.plans.models import Plan


@pytest.fixture
def plan() -> Plan:
    """令和4年度 opened: every entry a draft, indicator targets carried from 令和3年度."""
    plan = Plan.objects.get(slug="saitama-r3")
    workflow.open_year(
        plan=plan,
        fiscal_year=2022,
        deadline=datetime.date(2023, 4, 28),
        actor=User.objects.get(username="jimukyoku"),
    )
    return plan


@pytest.fixture
def seed_plan() -> Plan:
    """The seed's 進捗管理表 imported as さいたま市's plan 「saitama」; its secretariat is seed-jimukyoku."""
    city = Organization.objects.get_or_create(jis_code="111007", defaults={"name": "さいたま市"})[0]
    User.objects.create(username="seed-jimukyoku", organization=city, role=Role.SECRETARIAT)
    import_plan(
        name="令和３年度進捗管理表.xlsx",
        content=seed_workbook(),
        organization=city,
        slug="saitama",
        plan_name="さいたま市再犯防止推進計画",
        first_year=2021,
        last_year=2025,
        actor=None,
        department="福祉総務課",
    )
    return Plan.objects.get(slug="saitama")
