"""The demo reproduces the seed's FY2021 figures (令和3年度進捗状況 ③④⑤)."""

import json
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from shinchoku.plans.models import Plan
from shinchoku.reports.figures import build_figures

pytestmark = pytest.mark.django_db
# The CEO's seed-figure checker, vendored so that a clean clone runs it (tests/data/README.md).
SEED_CHECK = Path(__file__).resolve().parents[1] / "data" / "check_seed_figures.py"
SHARED_SEED_CHECK = Path(__file__).resolve().parents[3] / "shared" / "tools" / "check_seed_figures.py"

# area: ((A, B, C, －) counted over listings, percent) as the seed prints them in ⑤
SEED_AREAS = {
    "1": ((5, 9, 0, 0), (36, 64, 0, 0)),
    "2": ((2, 20, 0, 4), (8, 77, 0, 15)),
    "3": ((3, 11, 0, 1), (20, 73, 0, 7)),
    "4": ((2, 8, 0, 0), (20, 80, 0, 0)),
    "5": ((0, 8, 0, 1), (0, 89, 0, 11)),
}
# the level counts of ⑤: 1(1)① 7事業, 1(1)② 3事業 …
SEED_LEVELS = {
    "1(1)①": 7,
    "1(1)②": 3,
    "1(2)": 4,
    "2(1)①": 11,
    "2(1)②": 7,
    "2(2)": 8,
    "3①": 5,
    "3②": 10,
    "4①": 8,
    "4②": 1,
    "4③": 1,
    "5(1)①": 3,
    "5(2)①": 5,
    "5(2)②": 1,
}


@pytest.fixture
def figures() -> dict:
    return build_figures(Plan.objects.get(slug="saitama-r3"), 2021)


def grades(counts: dict) -> tuple[int, ...]:
    return tuple(counts[g] for g in ("A", "B", "C", "－"))


def test_the_plan_counts_74_listings_of_60_programs(figures: dict) -> None:
    assert figures["total"] == 74
    assert figures["programs"] == 60
    assert figures["label"] == "令和3年度"


def test_overall_applies_the_merge_rule_everywhere(figures: dict) -> None:
    assert grades(figures["overall"]) == (12, 56, 0, 6)


@pytest.mark.parametrize("area", sorted(SEED_AREAS))
def test_each_area_equals_the_seed(figures: dict, area: str) -> None:
    row = next(a for a in figures["by_area"] if a["number"] == area)
    counts, percent = SEED_AREAS[area]
    assert grades(row["counts"]) == counts
    assert grades(row["percent"]) == percent


def test_each_level_has_the_seeds_number_of_listings(figures: dict) -> None:
    levels = {lv["label"]: lv["total"] for a in figures["by_area"] for lv in a["by_level"]}
    assert levels == SEED_LEVELS


def test_types_sum_to_overall_with_the_seeds_sizes(figures: dict) -> None:
    quantitative, qualitative = figures["by_type"]["quantitative"], figures["by_type"]["qualitative"]
    assert sum(quantitative.values()) == 30 and sum(qualitative.values()) == 44
    assert quantitative["A"] == 12 and qualitative["A"] == 0
    assert grades(quantitative) == (12, 16, 0, 2)
    assert grades(qualitative) == (0, 40, 0, 4)


def test_program_12_is_the_deviation_with_its_reason(figures: dict) -> None:
    assert [(d["program"], d["suggested"], d["final"]) for d in figures["deviations"]] == [(12, "B", "A")]
    assert "106％" in figures["deviations"][0]["reason"]


def test_two_programs_merge_b_and_dash_into_b_in_areas_2_and_5(figures: dict) -> None:
    merged = {m["program"]: m for m in figures["merged"] if m["not_evaluable_set_aside"]}
    assert sorted(merged) == [16, 57]
    assert all(sorted(d["grade"] for d in m["departments"]) == ["B", "－"] for m in merged.values())
    applied = {a["number"]: a["merge_rule_applied"] for a in figures["by_area"]}
    assert applied["2"] == [16] and applied["5"] == [57]


def test_the_difference_from_the_published_table_is_stated(figures: dict) -> None:
    published = figures["published"]
    assert grades(published["overall"]) == (12, 54, 0, 8)
    assert published["difference"] == {"A": 0, "B": 2, "C": 0, "－": -2}
    assert not published["agrees"]


def test_every_total_equals_the_sum_of_its_parts(figures: dict) -> None:
    checks = figures["checks"]
    assert checks["areas_sum_to_overall"] and checks["types_sum_to_overall"] and checks["levels_sum_to_areas"]
    assert checks["ungraded_programs"] == [] and checks["unconfirmed_entries"] == []


def test_unique_counting_counts_each_program_once(figures: dict) -> None:
    assert sum(figures["overall_unique"].values()) == 60
    area_1 = figures["by_area"][0]
    assert area_1["unique_total"] == 13  # program 4 is listed again under 1(2)


def test_the_report_command_prints_json_that_the_seed_check_accepts(tmp_path: Path) -> None:
    out = tmp_path / "r.json"
    call_command("report", "--year", "2021", "--format", "json", "-o", str(out))
    result = subprocess.run([sys.executable, str(SEED_CHECK), str(out)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout
    assert "11/11" in result.stdout


def test_the_year_may_be_written_in_wareki() -> None:
    out = StringIO()
    call_command("report", "--year", "令和３年度", stdout=out)
    assert json.loads(out.getvalue())["fiscal_year"] == 2021


def test_the_vendored_seed_check_is_the_one_beside_the_checkout() -> None:
    """Where shared/ is beside the checkout (CI), the copy in tests/data must not have drifted from it."""
    if SHARED_SEED_CHECK.exists():
        assert SEED_CHECK.read_bytes() == SHARED_SEED_CHECK.read_bytes()
