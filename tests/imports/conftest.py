"""Fixtures of the import tests."""

import datetime

import pytest

from shinchoku.accounts.models import User
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
