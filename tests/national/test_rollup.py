"""The national roll-up counts in the database what the report counts in Python."""

import pytest

from shinchoku.accounts.models import Organization
from shinchoku.domain.grades import SEED_SCALE
from shinchoku.national.rollup import RANKS, national_rollup, rollup_sql
from shinchoku.operations.synth import SynthSize, generate
from shinchoku.plans.models import Plan
from shinchoku.reports.figures import build_figures

pytestmark = pytest.mark.django_db


def test_the_rollup_ranks_every_grade_of_the_seeds_scale() -> None:
    assert set(RANKS) == set(SEED_SCALE.labels)


def test_saitamas_rollup_is_the_seeds_figures() -> None:
    saitama = Organization.objects.get(jis_code="111007").pk
    rollup = national_rollup(2021)
    listings = {grade: 0 for grade in RANKS}
    for (org, _area, grade), (count, _unique) in rollup.items():
        if org == saitama:
            listings[grade] += count
    assert listings == {"A": 12, "B": 56, "C": 0, "－": 6}  # the report's 74 listings


def test_the_orm_rollup_equals_the_hand_written_sql_and_the_report() -> None:
    generate(SynthSize(orgs=5, programs=40, years=2), seed=3)
    assert national_rollup(2021) == rollup_sql(2021)
    assert national_rollup(2022) == rollup_sql(2022)
    plan = Plan.objects.get(slug="synth-0003")
    figures = build_figures(plan, 2022, confirmed_only=True)
    org = plan.organization_id
    for area in figures["by_area"]:
        for grade in RANKS:
            expected = (area["counts"][grade], area["unique_counts"][grade])
            assert national_rollup(2022).get((org, area["number"], grade), (0, 0)) == expected
