"""A grade written with a footnote's mark (「Ｂ ※」「A※」「Ｂ（※1）」) is the grade; 「※」 alone is refused.

The seed grades 事業番号22 (生活困窮者自立支援制度における取組) 「Ｂ」 and explains under its table:
「※1事業に２つの所管課に関わり、達成度が「Ｂ」と「―」の場合、達成度は「Ｂ」としています。」 Cities put that
※ in the grade cell itself. An entry has no place for the mark, so it is not kept: the preview says
which grades had one, and the footnote is among the rows not imported (注記・凡例の行).
"""

import io
from pathlib import Path

import pytest
from django.core.management import call_command

from seed_sheet import seed_merges, seed_rows, seed_workbook
from shinchoku.accounts.models import Organization, User
from shinchoku.domain.grades import THREE_LEVEL_SCALE, GradeScale
from shinchoku.domain.scale_presets import scale_from_labels
from shinchoku.imports.services import ImportResult, import_plan, import_progress
from shinchoku.lib.problems import ImportRefused
from shinchoku.plans.models import Plan, YearlyEntry
from workbooks import Row, xlsx

pytestmark = pytest.mark.django_db

GRADE = 6  # column G, 達成度


@pytest.fixture
def plan(seed_plan: Plan) -> Plan:
    return seed_plan  # tests/imports/conftest.py


def graded(**cells: str) -> tuple[bytes, dict[int, int]]:
    """Return the seed's table with some programs' grade cells rewritten (p22="Ｂ ※"), and their rows."""
    rows: list[Row] = seed_rows()
    where: dict[int, int] = {}
    for index, row in enumerate(rows):
        key = f"p{row[0]}" if row and len(row) == 7 and row[GRADE] else ""
        if key in cells:
            rows[index] = [*row[:GRADE], cells[key]]
            where[int(str(row[0]))] = index + 1
    assert len(where) == len(cells)
    return xlsx(rows, merges=seed_merges(rows)), where


def progress(plan: Plan, content: bytes, *, dry_run: bool = False) -> ImportResult:
    return import_progress(
        name="進捗管理表.xlsx",
        content=content,
        plan=plan,
        fiscal_year=2021,
        actor=User.objects.get(username="seed-jimukyoku"),
        dry_run=dry_run,
    )


def final_grade(plan: Plan, number: int) -> str:
    return YearlyEntry.objects.get(program__plan=plan, program__number=number, fiscal_year=2021).final_grade


@pytest.mark.parametrize("cell", ["Ｂ ※", "Ｂ※", "B※", "Ｂ（※1）", "Ｂ※１", "Ｂ　※1", "※1 Ｂ"])
def test_a_grade_with_a_note_mark_is_the_grade(plan: Plan, cell: str) -> None:
    content, rows = graded(p22=cell)
    result = progress(plan, content)
    assert final_grade(plan, 22) == "B"
    assert (
        f"達成度に注記の印（※）が付いています: {rows[22]}行目「{cell}」。印を除いた達成度を取り込みます。"
        "印と表の下の注記は取り込みません。"
    ) in result.preview.notes
    assert any(
        s.why == "注記・凡例の行" and s.text.startswith("※1事業に２つの所管課")
        for s in result.preview.skipped
    )


def test_every_marked_grade_is_named_in_one_note(plan: Plan) -> None:
    content, rows = graded(p1="A※", p22="Ｂ ※")
    result = progress(plan, content, dry_run=True)
    assert [n for n in result.preview.notes if n.startswith("達成度に注記の印")] == [
        f"達成度に注記の印（※）が付いています: {rows[1]}行目「A※」、{rows[22]}行目「Ｂ ※」。"
        "印を除いた達成度を取り込みます。印と表の下の注記は取り込みません。"
    ]
    assert result.summary["grades"] == {"A": 5, "B": 11}  # the seed's 16 grades, as printed


def test_grades_without_marks_say_nothing_of_marks(plan: Plan) -> None:
    result = progress(plan, seed_workbook(), dry_run=True)
    assert not any(n.startswith("達成度に注記の印") for n in result.preview.notes)


@pytest.mark.parametrize("cell", ["※", "※1", "概ね目標どおり※"])
def test_a_mark_without_a_grade_is_refused_with_the_scales_message(plan: Plan, cell: str) -> None:
    content, rows = graded(p22=cell)
    with pytest.raises(ImportRefused) as refused:
        progress(plan, content)
    assert [str(p) for p in refused.value.problems] == [
        f"シート「進捗管理表」・{rows[22]}行目・「G（達成度）」列: 達成度「{cell}」はこの評価尺度にありません。"
        f"A、B、C、－ のいずれかを入力してください。（値: 「{cell}」）"
    ]
    assert not YearlyEntry.objects.filter(program__plan=plan).exists()


def test_the_plan_preview_finds_no_unknown_grade_in_a_marked_one() -> None:
    city = Organization.objects.get_or_create(jis_code="111007", defaults={"name": "さいたま市"})[0]
    content, _ = graded(p22="Ｂ ※", p1="Ａ（※1）")
    result = import_plan(
        name="令和３年度進捗管理表.xlsx",
        content=content,
        organization=city,
        slug="saitama",
        plan_name="さいたま市再犯防止推進計画",
        first_year=2021,
        last_year=2025,
        actor=None,
        department="福祉総務課",
        dry_run=True,
    )
    assert result.preview.unknown_grades == []
    assert not any("にない値があります" in warning for warning in result.preview.warnings)


def plan_dry_run(content: bytes, scale: GradeScale | None = None) -> ImportResult:
    city = Organization.objects.get_or_create(jis_code="111007", defaults={"name": "さいたま市"})[0]
    return import_plan(
        name="令和３年度進捗管理表.xlsx",
        content=content,
        organization=city,
        slug="saitama",
        plan_name="さいたま市再犯防止推進計画",
        first_year=2021,
        last_year=2025,
        actor=None,
        department="福祉総務課",
        dry_run=True,
        scale=scale,
    )


def mark_note(rows: dict[int, int], cells: dict[int, str]) -> str:
    marked = "、".join(
        f"{rows[number]}行目「{cell}」" for number, cell in sorted(cells.items(), key=lambda c: rows[c[0]])
    )
    return (
        f"達成度に注記の印（※）が付いています: {marked}。印を除いた達成度を取り込みます。"
        "印と表の下の注記は取り込みません。"
    )


@pytest.mark.parametrize("cell", ["※", "※1", "（※1）"])
def test_the_plan_import_refuses_a_mark_without_a_grade_by_row_as_the_progress_import(cell: str) -> None:
    content, rows = graded(p1="A※", p3="Ｂ ※", p7="Ｂ（※1）", p22=cell)
    with pytest.raises(ImportRefused) as refused:
        plan_dry_run(content)
    assert [str(p) for p in refused.value.problems] == [
        f"シート「進捗管理表」・{rows[22]}行目・「G（達成度）」列: 達成度「{cell}」はこの評価尺度にありません。"
        f"A、B、C、－ のいずれかを入力してください。（値: 「{cell}」）"
    ]
    assert not Plan.objects.filter(slug="saitama").exists()


def test_the_values_found_and_the_suggested_scale_are_the_grades_without_their_marks() -> None:
    content, _ = graded(p1="A※", p3="Ｂ ※", p7="Ｂ（※1）")
    preview = plan_dry_run(content, THREE_LEVEL_SCALE).preview
    assert preview is not None
    assert (preview.grades_found, preview.unknown_grades) == (["A", "Ｂ"], ["A", "Ｂ"])
    assert (
        f"達成度の列に、評価尺度「{THREE_LEVEL_SCALE.name}」にない値があります: A、Ｂ（表にある値: A、Ｂ）。"
    ) in preview.warnings
    assert preview.suggested_scale == ["A", "B"]
    assert scale_from_labels(preview.suggested_scale).labels == ("A", "B")


def test_the_plan_preview_says_which_grades_had_a_mark() -> None:
    cells = {1: "A※", 3: "Ｂ ※", 7: "Ｂ（※1）"}
    content, rows = graded(**{f"p{n}": cell for n, cell in cells.items()})
    result = plan_dry_run(content)
    assert result.preview is not None
    assert mark_note(rows, cells) in result.preview.notes
    assert mark_note(rows, cells) in result.warnings
    unmarked = plan_dry_run(seed_workbook()).preview
    assert unmarked is not None and not any(n.startswith("達成度に注記の印") for n in unmarked.notes)


def test_import_plan_dry_run_prints_the_mark_note(tmp_path: Path) -> None:
    Organization.objects.get_or_create(jis_code="111007", defaults={"name": "さいたま市"})
    content, rows = graded(p22="Ｂ ※")
    path = tmp_path / "進捗管理表.xlsx"
    path.write_bytes(content)
    err = io.StringIO()
    call_command(
        "import_plan",
        str(path),
        "--slug=saitama",
        "--name=さいたま市再犯防止推進計画",
        "--org=111007",
        "--first-year=令和3年度",
        "--last-year=令和7年度",
        "--department=福祉総務課",
        "--dry-run",
        stdout=io.StringIO(),
        stderr=err,
    )
    assert f"注意: {mark_note(rows, {22: 'Ｂ ※'})}" in err.getvalue()
