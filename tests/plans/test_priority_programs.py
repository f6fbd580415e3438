"""重点事業: the secretariat marks the plan's priority programs and a year's own list; 「うち重点」 on."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from shinchoku.accounts.models import User
from shinchoku.plans import priority
from shinchoku.plans.models import Plan, PlanYear, Program
from tests_helpers import login

pytestmark = pytest.mark.django_db


def user(name: str) -> User:
    return User.objects.get(username=name)


@pytest.fixture
def plan() -> Plan:
    return Plan.objects.get(slug="saitama-r3")


def marked(plan: Plan) -> list[int]:
    return priority.marked_numbers(plan)


def test_the_secretariat_marks_the_plans_priority_programs(plan: Plan) -> None:
    priority.set_priority_programs(plan=plan, actor=user("jimukyoku"), numbers={1, 3, 12}, shown=[])
    assert marked(plan) == [1, 3, 12]
    last = plan.history.first()
    assert last is not None and last.history_user == user("jimukyoku")
    assert last.history_change_reason == "重点事業: なし → 1・3・12"


@pytest.mark.parametrize(
    ("numbers", "shown", "error"),
    [
        ({1}, [5], priority.StalePriorityError),  # the page showed 5 ticked; someone changed it since
        ({999}, [], priority.PriorityError),  # no such program
    ],
)
def test_a_stale_page_or_an_unknown_program_is_refused(
    plan: Plan, numbers: set[int], shown: list[int], error: type
) -> None:
    with pytest.raises(error):
        priority.set_priority_programs(plan=plan, actor=user("jimukyoku"), numbers=numbers, shown=shown)
    assert marked(plan) == []


def test_a_department_cannot_mark(plan: Plan) -> None:
    with pytest.raises(PermissionDenied):
        priority.set_priority_programs(plan=plan, actor=user("roudou"), numbers={1}, shown=[])


def test_a_year_gets_its_own_list_and_returns_to_the_marks(plan: Plan) -> None:
    year = PlanYear.objects.get(plan=plan, fiscal_year=2021)
    own = priority.set_year_priority(plan_year=year, actor=user("jimukyoku"), numbers=[57, 2], shown=None)
    assert own.priority_numbers == [2, 57]
    assert own.history.first().history_user == user("jimukyoku")  # type: ignore[union-attr]
    with pytest.raises(priority.StalePriorityError):
        priority.set_year_priority(plan_year=year, actor=user("jimukyoku"), numbers=None, shown=None)
    back = priority.set_year_priority(plan_year=year, actor=user("jimukyoku"), numbers=None, shown=[2, 57])
    assert back.priority_numbers is None


def test_the_pages_tick_save_and_keep_the_ticks_of_a_stale_page(plan: Plan) -> None:
    client = login("jimukyoku")
    url = reverse("plans:priority", args=[plan.slug])
    assert "1　ワークステーションさいたま" in client.get(url).content.decode()
    saved = client.post(url, {"shown": "", "numbers": ["1", "12"]})
    assert saved.status_code == 302 and marked(plan) == [1, 12]
    stale = client.post(url, {"shown": "", "numbers": ["3"]})
    assert stale.status_code == 409
    assert "他の人が変更しました" in stale.content.decode()
    assert stale.context["form"]["numbers"].value() == ["3"]  # the ticks typed are kept
    assert marked(plan) == [1, 12]


def test_the_years_page_saves_its_own_list(plan: Plan) -> None:
    client = login("jimukyoku")
    url = reverse("plans:year_priority", args=[plan.slug, 2021])
    response = client.post(url, {"shown": "-", "source": "own", "numbers": ["16"]})
    assert response.status_code == 302
    assert PlanYear.objects.get(plan=plan, fiscal_year=2021).priority_numbers == [16]


def test_the_settings_screen_turns_priority_on(plan: Plan) -> None:
    client = login("jimukyoku")
    page = client.get(reverse("plans:settings", args=[plan.slug]))
    form = page.context["form"]
    data = {k: v for k, v in form.initial.items() if v is not None and k != "show_priority"}
    response = client.post(reverse("plans:settings", args=[plan.slug]), data | {"show_priority": "on"})
    assert response.status_code == 302
    assert Plan.objects.get(pk=plan.pk).show_priority
    assert Program.objects.filter(plan=plan, is_priority=True).count() == 0
