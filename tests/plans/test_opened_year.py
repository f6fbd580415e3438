"""The secretariat changes an opened year's deadline, undoes an opening, confirms unusual openings."""

import datetime

import pytest

from shinchoku.accounts.models import User
from shinchoku.plans import workflow
from shinchoku.plans.models import IndicatorValue, Plan, PlanYear, YearlyEntry
from tests_helpers import login

pytestmark = pytest.mark.django_db
PLAN = "saitama-r3"
TODAY = datetime.date(2026, 12, 1)


def _jimukyoku() -> User:
    return User.objects.get(username="jimukyoku")


def _open(year: int, deadline: str = "", confirm: bool = False) -> object:
    data = {"fiscal_year": str(year), "deadline": deadline}
    if confirm:
        data["confirm"] = "on"
    return login("jimukyoku").post(f"/plans/{PLAN}/years/open/", data)


def test_opening_the_next_year_with_a_future_deadline_asks_nothing() -> None:
    plan = Plan.objects.get(slug=PLAN)
    assert workflow.opening_warnings(plan, 2022, datetime.date(2027, 6, 30), TODAY) == []


def test_opening_r5_while_r4_was_skipped_asks_for_confirmation_and_opens_on_the_second_submit() -> None:
    response = _open(2023, "2024-06-30")  # within 令和5年度's deadline range, already past today

    assert response.status_code == 400  # type: ignore[attr-defined]
    page = response.content.decode()  # type: ignore[attr-defined]
    assert "令和4年度がまだ開始されていません" in page
    assert 'name="confirm"' in page and 'type="checkbox"' in page
    assert not PlanYear.objects.filter(plan__slug=PLAN, fiscal_year=2023).exists()

    assert _open(2023, "2024-06-30", confirm=True).status_code == 302  # type: ignore[attr-defined]
    assert PlanYear.objects.filter(plan__slug=PLAN, fiscal_year=2023).exists()


def test_opening_with_a_deadline_already_past_asks_for_confirmation() -> None:
    plan = Plan.objects.get(slug=PLAN)

    with pytest.raises(
        workflow.OpeningNeedsConfirmation, match="提出期限（令和5年6月30日）は既に過ぎています"
    ):
        workflow.open_year_confirmed(
            plan=plan,
            fiscal_year=2022,
            deadline=datetime.date(2023, 6, 30),
            actor=_jimukyoku(),
            confirmed=False,
            today=TODAY,
        )
    assert not PlanYear.objects.filter(plan=plan, fiscal_year=2022).exists()


def test_the_deadline_of_an_opened_year_is_changed_and_kept_in_its_history() -> None:
    response = login("jimukyoku").post(f"/plans/{PLAN}/2021/deadline/", {"deadline": "2022-07-15"})

    assert response.status_code == 302
    year = PlanYear.objects.get(plan__slug=PLAN, fiscal_year=2021)
    assert year.deadline == datetime.date(2022, 7, 15)
    assert year.history.latest("history_date").history_user == _jimukyoku()


def test_an_opening_is_undone_while_nothing_is_entered_and_the_history_keeps_it() -> None:
    plan = Plan.objects.get(slug=PLAN)
    values_before = IndicatorValue.objects.filter(indicator__program__plan=plan, fiscal_year=2022).count()
    _, created = workflow.open_year(plan=plan, fiscal_year=2022, deadline=None, actor=_jimukyoku())
    assert created > 0

    response = login("jimukyoku").post(f"/plans/{PLAN}/2022/undo-opening/")

    assert response.status_code == 302
    assert not PlanYear.objects.filter(plan=plan, fiscal_year=2022).exists()
    assert not YearlyEntry.objects.filter(program__plan=plan, fiscal_year=2022).exists()
    assert (
        IndicatorValue.objects.filter(indicator__program__plan=plan, fiscal_year=2022).count()
        == values_before
    )
    removed = YearlyEntry.history.filter(program__plan=plan, fiscal_year=2022, history_type="-")
    assert removed.count() == created
    assert {r.history_user for r in removed} == {_jimukyoku()}
    # And the year opens again afterwards, and can be undone again.
    workflow.open_year(plan=plan, fiscal_year=2022, deadline=None, actor=_jimukyoku())
    assert (
        workflow.undo_open_year(
            plan_year=PlanYear.objects.get(plan=plan, fiscal_year=2022), actor=_jimukyoku()
        )
        == created
    )


def test_an_opening_is_not_undone_once_a_department_has_written_in_it() -> None:
    plan = Plan.objects.get(slug=PLAN)
    workflow.open_year(plan=plan, fiscal_year=2022, deadline=None, actor=_jimukyoku())
    entry = YearlyEntry.objects.filter(program__plan=plan, fiscal_year=2022).first()
    assert entry is not None
    workflow.set_highlight(entry=entry, actor=_jimukyoku(), highlight=True)

    response = login("jimukyoku").post(f"/plans/{PLAN}/2022/undo-opening/", follow=True)

    assert (
        "令和4年度は既に入力・提出などが行われているため、開始を取り消せません。" in response.content.decode()
    )
    assert PlanYear.objects.filter(plan=plan, fiscal_year=2022).exists()
    assert YearlyEntry.objects.filter(program__plan=plan, fiscal_year=2022).count() > 1


def test_the_demo_year_with_its_written_entries_cannot_be_undone() -> None:
    plan = Plan.objects.get(slug=PLAN)
    assert YearlyEntry.objects.filter(program__plan=plan, fiscal_year=2021).exclude(final_grade="").exists()

    with pytest.raises(workflow.WorkflowError):
        workflow.undo_open_year(
            plan_year=PlanYear.objects.get(plan=plan, fiscal_year=2021), actor=_jimukyoku()
        )


def test_a_department_editor_neither_changes_the_deadline_nor_undoes_an_opening() -> None:
    client = login("roudou")

    assert client.post(f"/plans/{PLAN}/2021/deadline/", {"deadline": "2022-07-15"}).status_code == 403
    assert client.post(f"/plans/{PLAN}/2021/undo-opening/").status_code == 403
