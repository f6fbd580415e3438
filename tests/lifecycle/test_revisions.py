"""A revision (見直し) changes the plan from a year on; the years before report exactly as they did."""

import datetime
from decimal import Decimal

import pytest

from shinchoku.accounts.models import Department, User
from shinchoku.lifecycle import revisions
from shinchoku.lifecycle.models import RevisionChange
from shinchoku.plans import workflow
from shinchoku.plans.models import Indicator, IndicatorValue, Plan, PlanNode, Program, YearlyEntry
from shinchoku.plans.queries import listings_of
from shinchoku.reports.exports import report_payload
from shinchoku.reports.progress_table import to_csv

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan() -> Plan:
    return Plan.objects.get(slug="saitama-r3")


@pytest.fixture
def jimukyoku() -> User:
    return User.objects.get(username="jimukyoku")


def place_of(plan: Plan, year: int, number: int) -> str:
    (listing,) = [x for x in listings_of(plan, year) if x.program.number == number and not x.is_relisting]
    return listing.node.path_label()


def test_the_fy2021_report_is_unchanged_by_a_revision_from_fy2023(plan: Plan, jimukyoku: User) -> None:
    before_json, before_table = report_payload(plan, 2021), to_csv(plan, 2021)
    old_place = place_of(plan, 2021, 12)
    new_node = (
        PlanNode.objects.filter(plan=plan, parent__isnull=False)
        .exclude(label=old_place[-3:])
        .exclude(pk__in=Program.objects.get(plan=plan, number=12).listings.values("node"))
        .first()
    )
    assert new_node is not None
    indicator = Indicator.objects.filter(program__plan=plan, program__number=1).first()
    assert indicator is not None

    revision = revisions.start_revision(
        plan=plan,
        actor=jimukyoku,
        decided_on=datetime.date(2023, 3, 20),
        effective_year=2023,
        summary="中間見直し（テスト）",
    )
    revisions.retire_program(revision, Program.objects.get(plan=plan, number=8))
    revisions.move_program(revision, Program.objects.get(plan=plan, number=12), new_node)
    revisions.add_program(
        revision,
        number=99,
        title="新しい事業（テスト）",
        node=new_node,
        departments=[Department.objects.get(name="労働政策課")],
    )
    revisions.change_target(revision, indicator, Decimal(400), jimukyoku)
    renumbered = revisions.renumber_program(revision, Program.objects.get(plan=plan, number=2), 70)

    assert report_payload(plan, 2021) == before_json
    assert to_csv(plan, 2021) == before_table
    assert place_of(plan, 2021, 12) == old_place
    assert revision.changes.count() == 5
    assert set(revision.changes.values_list("kind", flat=True)) == set(RevisionChange.Kind.values)

    workflow.open_year(plan=plan, fiscal_year=2023, deadline=None, actor=jimukyoku)
    numbers_2023 = set(
        YearlyEntry.objects.filter(program__plan=plan, fiscal_year=2023).values_list(
            "program__number", flat=True
        )
    )
    assert 8 not in numbers_2023 and 99 in numbers_2023
    assert 70 in numbers_2023 and 2 not in numbers_2023  # renumbered: 2 until FY2022, 70 from FY2023
    assert place_of(plan, 2021, 2) == place_of(plan, 2023, 70)
    old_indicators = set(Indicator.objects.filter(program__plan=plan, program__number=2))
    assert {i.predecessor for i in renumbered.indicators.all()} == old_indicators
    assert place_of(plan, 2023, 12) == new_node.path_label()
    assert IndicatorValue.objects.get(indicator=indicator, fiscal_year=2023).target == 400
    assert report_payload(plan, 2021) == before_json  # and still after the year opened


def test_a_revision_cannot_reach_back_into_an_opened_year(plan: Plan, jimukyoku: User) -> None:
    with pytest.raises(revisions.RevisionError, match="既に開始しています"):
        revisions.start_revision(
            plan=plan, actor=jimukyoku, decided_on=datetime.date(2022, 3, 1), effective_year=2021, summary="x"
        )


def test_only_the_secretariat_revises(plan: Plan) -> None:
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        revisions.start_revision(
            plan=plan,
            actor=User.objects.get(username="roudou"),
            decided_on=datetime.date(2023, 3, 1),
            effective_year=2023,
            summary="x",
        )


def test_the_command_records_a_revision_or_nothing(plan: Plan) -> None:
    from django.core.management import CommandError, call_command

    from shinchoku.lifecycle.models import PlanRevision

    args = ["plan_revision", "--plan", "saitama-r3", "--from-year", "令和6年度", "--decided-on", "2024-03-15"]
    with pytest.raises(CommandError, match="事業番号999はありません"):
        call_command(*args, "--summary", "x", "--retire", "8", "--retire", "999")
    assert not PlanRevision.objects.exists() and Program.objects.get(plan=plan, number=8).last_year is None

    call_command(
        *args,
        "--summary",
        "中間見直し",
        "--meeting",
        "2022-1",
        "--retire",
        "8",
        "--renumber",
        "3=63",
        "--add",
        "61|新しい事業（テスト）|1(1)|労働政策課",
    )
    revision = PlanRevision.objects.get()
    assert revision.meeting is not None and revision.meeting.number == 1
    assert Program.objects.get(plan=plan, number=63).first_year == 2024
    assert str(revision).endswith("令和6年度からの見直し（令和6年3月15日）")
    assert Program.objects.get(plan=plan, number=8).last_year == 2023
    assert Program.objects.get(plan=plan, number=61).first_year == 2024
