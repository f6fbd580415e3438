"""Council members read an entry as confirmed: no return comments, no draft values (issue 17, finding 12)."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from shinchoku.accounts.models import User
from shinchoku.plans import workflow
from shinchoku.plans.models import Indicator, Plan, YearlyEntry
from shinchoku.plans.workflow import EntryInput, IndicatorInput
from tests_helpers import login

pytestmark = pytest.mark.django_db

RETURN_COMMENT = "内部メモ：課長の了解が取れていない数字です"
REOPEN_REASON = "内部メモ：実績値を再確認（委員には見せない）"
DRAFT_ACTIVITIES = "途中の下書き：まだ決まっていない取組内容"
CONFIRMED_ACTIVITIES = "ワンストップ就労支援を実施しました。"


def user(name: str) -> User:
    return User.objects.get(username=name)


def typed(entry: YearlyEntry, activities: str, actual: str) -> EntryInput:
    return EntryInput(
        activities=activities,
        target_text="就職者数 120人",
        result_text="就職者数 306人",
        evaluation_type="quantitative",
        proposed_grade="A",
        proposed_reason="",
        indicators=tuple(
            IndicatorInput(i.pk, i.name, i.unit, i.direction, i.source, Decimal(120), Decimal(actual))
            for i in workflow.entry_indicators(entry)
        ),
    )


def reopen_and_confirm_again(entry: YearlyEntry) -> YearlyEntry:
    """Reopen a confirmed entry, go through a draft and a return, and confirm it again (actual 306 → 310)."""
    roudou, jimukyoku = user("roudou"), user("jimukyoku")
    entry = workflow.reopen_entry(entry=entry, actor=jimukyoku, version=entry.version, reason=REOPEN_REASON)
    entry = workflow.save_entry(
        entry=entry, actor=roudou, version=entry.version, data=typed(entry, DRAFT_ACTIVITIES, "9999")
    )
    entry = workflow.submit_entry(entry=entry, actor=roudou, version=entry.version)
    entry = workflow.return_entry(entry=entry, actor=jimukyoku, version=entry.version, comment=RETURN_COMMENT)
    entry = workflow.save_entry(
        entry=entry, actor=roudou, version=entry.version, data=typed(entry, CONFIRMED_ACTIVITIES, "310")
    )
    entry = workflow.submit_entry(entry=entry, actor=roudou, version=entry.version)
    return workflow.confirm_entry(
        entry=entry, actor=jimukyoku, version=entry.version, final_grade="", reason=""
    )


def test_finding_12_a_council_member_reads_no_return_comment_and_no_draft_value() -> None:
    entry = reopen_and_confirm_again(YearlyEntry.objects.get(program__number=1, fiscal_year=2021))
    page = login("iin").get(reverse("plans:entry", args=[entry.pk])).content.decode()
    for internal in (RETURN_COMMENT, REOPEN_REASON, DRAFT_ACTIVITIES, "9,999", "差戻し", "提出済"):
        assert internal not in page, internal
    assert CONFIRMED_ACTIVITIES in page and "確定" in page
    # The history: the value confirmed before, replaced by the one confirmed now (no 9,999 between).
    assert '<td class="before">306</td><td class="after">310</td>' in page


def test_the_secretariat_and_the_department_still_read_every_step() -> None:
    entry = reopen_and_confirm_again(YearlyEntry.objects.get(program__number=1, fiscal_year=2021))
    for persona in ("jimukyoku", "roudou"):
        page = login(persona).get(reverse("plans:entry", args=[entry.pk])).content.decode()
        assert RETURN_COMMENT in page and REOPEN_REASON in page and "9,999" in page, persona


def test_finding_12_council_trends_hold_no_draft_figure_of_a_year_in_progress() -> None:
    """A year with some entries confirmed: the council's trends show the confirmed entries' figures only."""
    from shinchoku.reports.trends import year_trends

    plan = Plan.objects.get(slug="saitama-r3")
    workflow.open_year(
        plan=plan, fiscal_year=2022, deadline=datetime.date(2023, 4, 28), actor=user("jimukyoku")
    )
    draft = YearlyEntry.objects.get(program__number=1, fiscal_year=2022)
    workflow.save_entry(
        entry=draft, actor=user("roudou"), version=draft.version, data=typed(draft, "x", "8888")
    )
    other = YearlyEntry.objects.filter(fiscal_year=2022).exclude(program__number=1).first()
    YearlyEntry.objects.filter(pk=other.pk).update(
        status="confirmed", final_grade="A"
    )  # the year has figures
    indicator = Indicator.objects.get(program__plan=plan, program__number=1, position=0)
    rows = {row["name"]: row for row in year_trends(plan, confirmed_only=True)["indicators"]}
    assert 2022 not in rows[indicator.name]["by_year"]
    rows = {row["name"]: row for row in year_trends(plan, confirmed_only=False)["indicators"]}
    assert rows[indicator.name]["by_year"][2022].actual == Decimal(8888)
