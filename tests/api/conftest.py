"""A second year of drafts beside the confirmed FY2021, tokens for the demo's personas."""

import datetime

import pytest

from shinchoku.accounts.models import Organization, Role, User
from shinchoku.accounts.tokens import issue_token
from shinchoku.plans import workflow
from shinchoku.plans.models import Plan, YearlyEntry

# Written into every FY2022 draft: it must never appear in a public answer.
PRIVATE = "非公開の下書き（公開してはならない）"


@pytest.fixture
def drafts(db: None) -> list[YearlyEntry]:
    """令和4年度 opened: every program has a draft, its activities marked PRIVATE."""
    plan = Plan.objects.get(slug="saitama-r3")
    workflow.open_year(
        plan=plan,
        fiscal_year=2022,
        deadline=datetime.date(2023, 4, 28),
        actor=User.objects.get(username="jimukyoku"),
    )
    YearlyEntry.objects.filter(program__plan=plan, fiscal_year=2022).update(activities=PRIVATE)
    return list(YearlyEntry.objects.filter(program__plan=plan, fiscal_year=2022))


@pytest.fixture
def token() -> "TokenFor":
    return TokenFor()


class TokenFor:
    """token("roudou") → the Authorization header of a new token of that demo user."""

    def __call__(self, username: str) -> dict[str, str]:
        _token, key = issue_token(User.objects.get(username=username), "テスト", 30)
        return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


@pytest.fixture
def other_city(db: None) -> User:
    """A secretariat of another city (no plan of its own)."""
    other = Organization.objects.create(name="デモ市（架空）", jis_code="999997")
    return User.objects.create_user("other", organization=other, role=Role.SECRETARIAT)
