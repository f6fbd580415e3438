"""Invented organizations are marked as such and never take a real code; the bench report shows every ratio."""

import pytest
from django.core.management import CommandError, call_command

from shinchoku.accounts.models import Organization
from shinchoku.domain.codes import is_valid_code
from shinchoku.operations.bench import GOALS
from shinchoku.operations.bench_report import render
from shinchoku.operations.synth import synthetic_code
from shinchoku.plans.models import Plan, YearlyEntry


def test_synthetic_codes_are_valid_but_outside_the_real_prefectures() -> None:
    codes = [synthetic_code(i) for i in range(1788)]
    assert len(set(codes)) == 1788
    assert all(is_valid_code(c) and 50 <= int(c[:2]) <= 98 for c in codes)  # JIS X 0402 uses 01–47


@pytest.mark.django_db
def test_synth_makes_marked_organizations_and_refuses_a_second_run() -> None:
    call_command("synth", orgs=3, programs=10, years=2, verbosity=0)
    made = Organization.objects.filter(name__startswith="合成市")
    assert made.count() == 3 and all("架空" in o.name for o in made)
    plan = Plan.objects.get(slug="synth-0002")
    assert "架空" in plan.name and plan.programs.count() == 10
    assert (
        YearlyEntry.objects.filter(program__plan=plan, fiscal_year=2021).exclude(status="confirmed").count()
        == 0
    )
    with pytest.raises(CommandError, match="合成データは既にあります"):
        call_command("synth", orgs=1, verbosity=0)


@pytest.mark.django_db
def test_synth_runs_beside_the_demo_city_whose_code_is_also_impossible() -> None:
    Organization.objects.create(name="架空市（デモ）", jis_code="999911")  # the demo's invented city
    call_command("synth", orgs=1, programs=5, years=1, verbosity=0)
    assert Organization.objects.filter(name__startswith="合成市").count() == 1


@pytest.mark.django_db
def test_synth_refuses_an_impossible_size_in_japanese() -> None:
    with pytest.raises(CommandError, match="--orgs は 1〜44100 で指定してください"):
        call_command("synth", orgs=0, verbosity=0)


def test_the_bench_report_shows_every_ratio_with_its_goal_and_the_machine() -> None:
    database = {
        "server_version": "SQLite 3.40.1",
        "programs": 134_160,
        "rollup_ratio": 1.2,
        "report_isolation_ratio": 1.05,
        "import_ratio": 0.4,
        "import_peak_mb": 80.0,
        "dashboard_ratio": 0.1,
        "rollup_seconds": 0.5,
        "rollup_sql_seconds": 0.4,
        "report_seconds_one_org": dict.fromkeys(("json", "html", "pdf", "xlsx"), 1.0),
        "report_seconds_all_orgs": dict.fromkeys(("json", "html", "pdf", "xlsx"), 1.05),
        "import_rows": 10_000,
        "import_seconds": 5.0,
        "openpyxl_seconds": 2.0,
        "requests_per_second": {"healthz": 100.0, "dashboard": 10.0, "entry_list": 40.0},
        "entry_list_ratio": 0.4,
        "synth_seconds": 300.0,
        "connection_per_request": {
            "requests_per_second": {"healthz": 50.0, "dashboard": 20.0, "entry_list": 21.0},
            "dashboard_ratio": 0.4,
            "entry_list_ratio": 0.42,
        },
    }
    result = {
        "measured_on": "2026-11-29",
        "machine": {"cores": 2, "architecture": "x86_64", "system": "Linux", "python": "3.11.7"},
        "size": {"orgs": 1788, "programs": 75, "years": 5, "repeat": 5},
        "goals": {k: f"{op} {v}" for k, (op, v) in GOALS.items()},
        "met": {
            "rollup_ratio": True,
            "report_isolation_ratio": True,
            "import_ratio": False,
            "import_peak_mb": True,
            "dashboard_ratio": False,
        },
        "databases": {"sqlite": database},
    }
    text = render(result)
    for name in GOALS:
        assert f"`{name}`" in text
    assert "2 cores" in text and "1,788 organizations" in text and "| **no** |" in text
    assert "50.0, 20.0, 21.0; 0.4, 0.42" in text  # the web pages with a connection opened a request
