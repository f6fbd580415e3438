"""A year's deadline for departments lies from the year's first day to the end of the second year after.

Saitama's plan (令和3〜7年度) has 令和3年度 opened in the test data, so its deadline may lie from
令和3年4月1日 to 令和6年3月31日 (domain.fiscal.deadline_range). A date outside — the tester's
0001-01-01, 1926-12-24 (the day before 昭和) or 9999-12-31 — is refused in Japanese with the
typed text kept and nothing written; a date typed in 和暦 is read as the other date fields read it.
And should an odd date be in the database already, every page that shows it still answers.
"""

import datetime

import pytest

from shinchoku.plans.models import PlanYear
from tests_helpers import db_state, login

pytestmark = pytest.mark.django_db
PLAN = "saitama-r3"
R3_RANGE = "令和3年4月1日から令和6年3月31日までの日付にしてください"


def _r3() -> PlanYear:
    return PlanYear.objects.get(plan__slug=PLAN, fiscal_year=2021)


@pytest.mark.parametrize("typed", ["0001-01-01", "1926-12-24", "9999-12-31", "2021-03-31", "2024-04-01"])
def test_a_deadline_outside_the_years_range_is_refused_with_the_text_kept(typed: str) -> None:
    before = db_state()

    response = login("jimukyoku").post(f"/plans/{PLAN}/2021/deadline/", {"deadline": typed})

    assert response.status_code == 400
    page = response.content.decode()
    assert "令和3年度の期限として扱えません" in page and R3_RANGE in page
    assert f'value="{typed}"' in page
    assert db_state() == before


@pytest.mark.parametrize("typed", ["2021-04-01", "令和4年6月30日", "2024-03-31"])
def test_a_deadline_within_the_range_is_kept(typed: str) -> None:
    response = login("jimukyoku").post(f"/plans/{PLAN}/2021/deadline/", {"deadline": typed})

    assert response.status_code == 302
    assert _r3().deadline is not None


@pytest.mark.parametrize(
    "typed", ["令和4年6月30日", "R4.6.30", "2022/06/30", "２０２２年６月３０日", "2022-06-30"]
)
def test_a_deadline_is_read_in_every_spelling_the_city_writes(typed: str) -> None:
    assert login("jimukyoku").post(f"/plans/{PLAN}/2021/deadline/", {"deadline": typed}).status_code == 302
    assert _r3().deadline == datetime.date(2022, 6, 30)


def test_opening_a_year_with_deadline_0001_01_01_is_refused_even_when_confirmed() -> None:
    before = db_state()

    response = login("jimukyoku").post(
        f"/plans/{PLAN}/years/open/", {"fiscal_year": "令和4年度", "deadline": "0001-01-01", "confirm": "on"}
    )

    assert response.status_code == 400
    page = response.content.decode()
    assert "提出期限（0001-01-01）は令和4年度の期限として扱えません" in page
    assert 'value="0001-01-01"' in page
    assert db_state() == before


def test_opening_a_year_reads_a_deadline_in_wareki() -> None:
    response = login("jimukyoku").post(
        f"/plans/{PLAN}/years/open/", {"fiscal_year": "令和4年度", "deadline": "R5.4.28", "confirm": "on"}
    )

    assert response.status_code == 302
    assert PlanYear.objects.get(plan__slug=PLAN, fiscal_year=2022).deadline == datetime.date(2023, 4, 28)


@pytest.mark.parametrize("stored", [datetime.date(1, 1, 1), datetime.date(1926, 12, 24)])
@pytest.mark.parametrize(
    ("username", "url"),
    [
        ("jimukyoku", "/"),
        ("jimukyoku", f"/plans/{PLAN}/"),
        ("jimukyoku", f"/plans/{PLAN}/2021/entries/"),
        ("jimukyoku", f"/plans/{PLAN}/2021/board/"),
        ("admin", "/"),
    ],
)
def test_a_year_already_holding_a_date_before_showa_still_shows_it_as_a_western_date(
    stored: datetime.date, username: str, url: str
) -> None:
    PlanYear.objects.filter(plan__slug=PLAN, fiscal_year=2021).update(deadline=stored)

    response = login(username).get(url)

    assert response.status_code == 200
    if url != "/" or username == "jimukyoku":
        assert stored.isoformat() in response.content.decode()
