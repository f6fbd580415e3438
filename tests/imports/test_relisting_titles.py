"""A 再掲 row whose number names another program than its title: the progress preview names it.

The seed lists 事業番号12 again under 「２（１）②関係機関・団体との連携の強化」 with its title and
「（再掲）」. Typed 「14（再掲）」 by mistake, the row names program 14 (an entry of its own), so the first
listing's entry is kept and nothing looks wrong; the preview names the row, the number and both titles.
Width and spaces do not count, and a 再掲 row without a title of its own is the usual way (no word).
"""

import io
from pathlib import Path

import pytest
from django.core.management import call_command

from seed_sheet import PROGRAMS, relisted, seed_merges, seed_rows
from shinchoku.accounts.models import User
from shinchoku.imports.services import import_plan, import_progress
from shinchoku.lib.problems import ImportRefused
from shinchoku.plans.models import Plan
from workbooks import Row, xlsx

pytestmark = pytest.mark.django_db


def title(number: int) -> str:
    return str(next(row for row in PROGRAMS if row[0] == str(number))[1])


@pytest.fixture
def plan(seed_plan: Plan) -> Plan:
    return seed_plan  # tests/imports/conftest.py


def relisting_12_as(number: str, written: str) -> tuple[bytes, int]:
    """Return the seed's table with its 再掲 row of 事業番号12 rewritten, and that row's number."""
    rows: list[Row] = seed_rows()
    index = rows.index(relisted(12))
    rows[index] = [number, written, None, None, None, None, None]
    return xlsx(rows, merges=seed_merges(rows)), index + 1


def notes(plan: Plan, content: bytes) -> list[str]:
    result = import_progress(
        name="進捗管理表.xlsx",
        content=content,
        plan=plan,
        fiscal_year=2021,
        actor=User.objects.get(username="seed-jimukyoku"),
        dry_run=True,
    )
    assert result.preview is not None
    return list(result.preview.notes)


def test_a_relisting_whose_number_is_another_programs_is_named(plan: Plan) -> None:
    content, row = relisting_12_as("14", f"{title(12)}（再掲）")
    assert (
        f"{row}行目の再掲（事業番号14）の標題「{title(12)}」が、事業番号14の標題「{title(14)}」と違います。"
        "番号を確かめてください。"
    ) in notes(plan, content)


def test_the_command_prints_it(plan: Plan, tmp_path: Path) -> None:
    content, row = relisting_12_as("14", f"{title(12)}（再掲）")
    path = tmp_path / "進捗管理表.xlsx"
    path.write_bytes(content)
    err = io.StringIO()
    call_command(
        "import_progress",
        str(path),
        "--plan=saitama",
        "--year=令和3年度",
        "--dry-run",
        stdout=io.StringIO(),
        stderr=err,
    )
    assert f"注意: {row}行目の再掲（事業番号14）の標題「{title(12)}」が" in err.getvalue()


@pytest.mark.parametrize(
    "written",
    [
        f"{title(12)}（再掲）",  # the seed as printed
        "住宅確保要配慮者の入居を拒まない　賃貸住宅の供給の促進に関する取組（再掲）",  # a space inside
        "（再掲）",  # no title of its own
    ],
)
def test_a_relisting_with_its_programs_title_or_none_is_not_named(plan: Plan, written: str) -> None:
    content, _ = relisting_12_as("12", written)
    assert not [n for n in notes(plan, content) if "の標題「" in n and "再掲" in n]


def test_the_plan_import_refuses_such_a_row_already(plan: Plan) -> None:
    content, row = relisting_12_as("14", f"{title(12)}（再掲）")
    with pytest.raises(ImportRefused) as refused:
        import_plan(
            name="令和３年度進捗管理表.xlsx",
            content=content,
            organization=plan.organization,
            slug="saitama-2",
            plan_name="さいたま市再犯防止推進計画（写し）",
            first_year=2021,
            last_year=2025,
            actor=None,
            department="福祉総務課",
            dry_run=True,
        )
    assert any(p.row == row and "事業番号14の標題が" in str(p) for p in refused.value.problems)
