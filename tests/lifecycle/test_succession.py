"""The next plan carries the tree, programs and indicators across; multi-year views follow them."""

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from tests.plans.test_measures import SHARES

from shinchoku.accounts.models import User
from shinchoku.domain.dimensions import Dimension
from shinchoku.domain.measures import parse_rule
from shinchoku.domain.scale_presets import PRESETS
from shinchoku.lifecycle import succession
from shinchoku.lifecycle.demo import SLUG as DEMO_SUCCESSOR
from shinchoku.lifecycle.models import ProgramSuccession
from shinchoku.lifecycle.revisions import RevisionError
from shinchoku.plans import dimension_settings, measure_services
from shinchoku.plans.models import Indicator, Plan, Program
from shinchoku.reports.trends import year_trends
from tests_helpers import db_state, login

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan() -> Plan:
    return Plan.objects.get(slug="saitama-r3")


def test_the_next_plan_carries_the_tree_programs_and_indicators(plan: Plan) -> None:
    actor = User.objects.get(username="jimukyoku")
    new = succession.create_successor(plan=plan, actor=actor, slug="next", first_year=2026, last_year=2030)
    assert (new.predecessor, new.name, new.grade_scale) == (plan, plan.name, plan.grade_scale)
    assert new.nodes.count() == plan.nodes.count()
    assert sorted(new.programs.values_list("number", flat=True)) == sorted(
        plan.programs.values_list("number", flat=True)
    )
    program_12 = new.programs.get(number=12)
    assert set(program_12.departments.all()) == set(plan.programs.get(number=12).departments.all())
    old_indicators = Indicator.objects.filter(program__plan=plan)
    assert (
        Indicator.objects.filter(program__plan=new, predecessor__in=old_indicators).count()
        == old_indicators.count()
    )
    assert (
        ProgramSuccession.objects.filter(new_program__plan=new, kind="same").count() == new.programs.count()
    )


def test_the_next_plan_keeps_how_the_city_evaluates(plan: Plan) -> None:
    actor = User.objects.get(username="jimukyoku")
    validity = Dimension(key="validity", name="事業の妥当性", scale=PRESETS["five-to-one"])
    plan = dimension_settings.add_dimension(
        plan=plan, actor=actor, seen=dimension_settings.fingerprint(plan), dimension=validity
    )
    plan = measure_services.change_measure_rule(plan=plan, rule=parse_rule(SHARES, plan.scale()), actor=actor)
    Plan.objects.filter(pk=plan.pk).update(show_priority=True)
    plan.programs.filter(number__in=[1, 12]).update(is_priority=True)
    plan.refresh_from_db()

    new = succession.create_successor(plan=plan, actor=actor, slug="next", first_year=2026, last_year=2030)

    assert (new.dimensions, new.measure_rule, new.show_priority) == (
        plan.dimensions,
        plan.measure_rule,
        True,
    )
    assert sorted(new.programs.filter(is_priority=True).values_list("number", flat=True)) == [1, 12]


def test_the_demo_successor_shows_the_first_plans_year_and_its_indicators() -> None:
    successor = Plan.objects.get(slug=DEMO_SUCCESSOR)
    trends = year_trends(successor, confirmed_only=False)
    assert [y["label"] for y in trends["years"]] == ["令和3年度（前計画）"]
    assert trends["years"][0]["figures"]["total"] == 74  # the first plan's FY2021, unchanged
    row = next(r for r in trends["indicators"] if r["program"] == 1)
    assert 2021 in row["by_year"]  # the carried indicator shows the first plan's value


def test_the_demo_maps_an_ended_and_two_merged_programs() -> None:
    kinds = dict(
        ProgramSuccession.objects.exclude(kind="same")
        .values_list("old_program__number", "kind")
        .order_by("kind")
    )
    assert sorted(kinds.values()) == ["ended", "merged", "merged"]
    successor = Plan.objects.get(slug=DEMO_SUCCESSOR)
    ended = next(n for n, k in kinds.items() if k == "ended")
    assert not Program.objects.filter(plan=successor, number=ended).exists()


def test_overlapping_periods_and_taken_names_are_refused(plan: Plan) -> None:
    actor = User.objects.get(username="jimukyoku")
    with pytest.raises(RevisionError, match="最終年度（令和7年度）より後"):
        succession.create_successor(plan=plan, actor=actor, slug="next", first_year=2025, last_year=2030)
    with pytest.raises(RevisionError, match="既に使われています"):
        succession.create_successor(
            plan=plan, actor=actor, slug=DEMO_SUCCESSOR, first_year=2026, last_year=2030
        )


def test_the_command_creates_it_and_explains_a_refusal_in_japanese(
    plan: Plan, capsys: pytest.CaptureFixture[str]
) -> None:
    call_command(
        "plan_successor",
        "--plan",
        "saitama-r3",
        "--slug",
        "r8",
        "--first-year",
        "令和8年度",
        "--last-year",
        "R12",
    )
    assert "令和8年度〜令和12年度" in capsys.readouterr().out
    assert Plan.objects.get(slug="r8").predecessor == plan
    with pytest.raises(CommandError, match="計画「nothing」はありません"):
        call_command(
            "plan_successor",
            "--plan",
            "nothing",
            "--slug",
            "r9",
            "--first-year",
            "2031",
            "--last-year",
            "2035",
        )


def test_the_secretariat_creates_the_next_plan_on_the_web_and_ends_a_program() -> None:
    Plan.objects.filter(slug=DEMO_SUCCESSOR).update(predecessor=None)  # as if the demo had none yet
    client = login("jimukyoku")
    url = reverse("lifecycle:plan", args=["saitama-r3"])
    assert "次期計画を作成する" in client.get(url).content.decode()
    bad = client.post(
        url, {"name": "次期", "slug": "r8-web", "first_year": "令和6年度", "last_year": "令和10年度"}
    )
    assert bad.status_code == 400 and "より後から始めてください" in bad.content.decode()
    done = client.post(
        url, {"name": "次期（Web）", "slug": "r8-web", "first_year": "令和8年度", "last_year": "令和12年度"}
    )
    assert done.status_code == 302
    assert client.post(reverse("lifecycle:end_program", args=["saitama-r3", 3])).status_code == 302
    assert not Program.objects.filter(plan__slug="r8-web", number=3).exists()


@pytest.mark.parametrize("persona", ["roudou", "iin"])
def test_departments_and_the_council_cannot(persona: str) -> None:
    client = login(persona)
    before = db_state()
    assert client.get(reverse("lifecycle:plan", args=["saitama-r3"])).status_code == 403
    form = {"name": "x", "slug": "x", "first_year": "2026", "last_year": "2030"}
    assert client.post(reverse("lifecycle:plan", args=["saitama-r3"]), form).status_code == 403
    assert db_state() == before
