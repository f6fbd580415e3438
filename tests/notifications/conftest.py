"""A year in progress: 令和4年度 opened, 労働政策課's program 1 submitted to the secretariat."""

import datetime

import pytest

from shinchoku.accounts.models import User
from shinchoku.plans import workflow
from shinchoku.plans.models import Plan, YearlyEntry


@pytest.fixture
def submitted(db: None) -> YearlyEntry:
    plan = Plan.objects.get(slug="saitama-r3")
    workflow.open_year(
        plan=plan,
        fiscal_year=2022,
        deadline=datetime.date(2023, 4, 28),
        actor=User.objects.get(username="jimukyoku"),
    )
    entry = YearlyEntry.objects.get(program__number=1, fiscal_year=2022)
    YearlyEntry.objects.filter(pk=entry.pk).update(
        activities="就労支援セミナーを開催した。", result_text="参加者306人。", proposed_grade="A"
    )
    entry.refresh_from_db()
    return workflow.submit_entry(
        entry=entry, actor=User.objects.get(username="roudou"), version=entry.version
    )
