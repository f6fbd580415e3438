"""The plan's grade scale chosen at import (a preset or a .json file), and grades the scale lacks."""

import json
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from seed_sheet import seed_workbook
from shinchoku.accounts.models import Organization
from shinchoku.domain.grades import THREE_LEVEL_SCALE
from shinchoku.domain.scale_presets import PRESETS, scale_from_labels, suggested_order
from shinchoku.imports.services import import_plan
from shinchoku.plans.models import Plan

pytestmark = pytest.mark.django_db


@pytest.fixture
def seed_file(tmp_path: Path) -> Path:
    Organization.objects.get_or_create(jis_code="111007", defaults={"name": "さいたま市"})
    path = tmp_path / "進捗管理表.xlsx"
    path.write_bytes(seed_workbook())
    return path


def run(path: Path, *options: str) -> tuple[str, str]:
    from io import StringIO

    out, err = StringIO(), StringIO()
    call_command(
        "import_plan",
        str(path),
        "--slug=saitama",
        "--name=さいたま市再犯防止推進計画",
        "--org=111007",
        "--first-year=令和3年度",
        "--last-year=令和7年度",
        "--department=福祉総務課",
        *options,
        stdout=out,
        stderr=err,
    )
    return out.getvalue(), err.getvalue()


@pytest.mark.parametrize(
    ("preset", "labels"),
    [
        ("saitama", ("A", "B", "C", "－")),
        ("three-level", ("達成", "一定の成果あり", "未達成")),
        ("one-to-five", ("1", "2", "3", "4", "5")),
        ("s-to-c", ("S", "A", "B", "C", "－")),
        ("a-prime", ("A", "A′", "B+", "B", "C", "－")),
    ],
)
def test_each_preset_gives_the_plan_its_scale(seed_file: Path, preset: str, labels: tuple[str, ...]) -> None:
    run(seed_file, f"--scale={preset}", "--percent-places=1")
    plan = Plan.objects.get(slug="saitama")
    assert (plan.scale().labels, plan.percent_places) == (labels, 1)


def test_a_scale_file_in_the_shape_to_dict_writes(seed_file: Path, tmp_path: Path) -> None:
    scale_file = tmp_path / "scale.json"
    scale_file.write_text(json.dumps(PRESETS["s-to-c"].to_dict(), ensure_ascii=False), encoding="utf-8")
    run(seed_file, f"--scale={scale_file}")
    assert Plan.objects.get(slug="saitama").scale() == PRESETS["s-to-c"]


def test_an_unknown_scale_names_the_presets(seed_file: Path) -> None:
    with pytest.raises(CommandError, match="saitama（A／B／C／－）"):
        run(seed_file, "--scale=abc")


def test_grades_the_scale_lacks_are_listed_and_offered_as_the_scale(seed_file: Path) -> None:
    out, err = run(seed_file, "--scale=three-level", "--dry-run")
    assert "にない値があります: Ａ、Ｂ（表にある値: Ａ、Ｂ）" in err
    assert "例: A、B" in err
    assert "\n  1 就労・居住の確保等のための取組\n" in out
    assert "取り込まない行: 4行目 見出しの説明の行" in out


def test_the_preview_offers_the_values_found_best_first() -> None:
    Organization.objects.get_or_create(jis_code="111007", defaults={"name": "さいたま市"})
    result = import_plan(
        name="s.xlsx",
        content=seed_workbook(),
        organization=Organization.objects.get(jis_code="111007"),
        slug="saitama",
        plan_name="さいたま市再犯防止推進計画",
        first_year=2021,
        last_year=2025,
        actor=None,
        department="福祉総務課",
        scale=THREE_LEVEL_SCALE,
        dry_run=True,
    )
    assert result.preview.unknown_grades == ["Ａ", "Ｂ"]
    assert result.preview.suggested_scale == ["A", "B"]


def test_a_scale_from_the_values_found() -> None:
    assert suggested_order(["Ｂ", "―", "Ａ", "S", "C", "A"]) == ["S", "A", "B", "C", "－"]
    scale = scale_from_labels(["S", "A", "Ｂ", "―"])
    assert scale.labels == ("S", "A", "B", "－") and scale.parse("ー").not_evaluable
