"""The progress import names the row and the number of a program the plan lacks, and says when a sheet has no 目標.

The sheets are the seed's 進捗管理表 (its programs, texts and grades), with a mistyped program number, or
without its 「令和３年度目標」 heading.
"""

import pytest

from seed_sheet import HEADER, PROGRAM_1, seed_merges, seed_rows, seed_workbook
from shinchoku.accounts.models import User
from shinchoku.imports.services import ImportResult, import_progress
from shinchoku.lib.problems import ImportRefused
from shinchoku.plans.models import Plan, YearlyEntry
from workbooks import Row, xlsx

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(seed_plan: Plan) -> Plan:
    return seed_plan  # tests/imports/conftest.py


def progress(
    plan: Plan, content: bytes, *, name: str = "進捗管理表.xlsx", overwrite: bool = False
) -> ImportResult:
    return import_progress(
        name=name,
        content=content,
        plan=plan,
        fiscal_year=2021,
        actor=User.objects.get(username="seed-jimukyoku"),
        overwrite=overwrite,
    )


def book(rows: list[Row]) -> bytes:
    return xlsx(rows, merges=seed_merges(rows))


def test_a_program_number_the_plan_lacks_is_refused_naming_the_number_and_the_row(plan: Plan) -> None:
    rows = seed_rows()
    row = rows.index(PROGRAM_1) + 1
    rows[row - 1] = ["99", *PROGRAM_1[1:]]  # 1 mistyped
    with pytest.raises(ImportRefused) as refused:
        progress(plan, book(rows))
    assert [str(p) for p in refused.value.problems] == [
        f"シート「進捗管理表」・{row}行目・「A（事業 番号）」列: 事業番号99は計画「さいたま市再犯防止推進計画」に"
        "ありません。（値: 「99」） → 事業番号を確かめるか、先に計画の構成を取り込んでください。"
    ]
    assert not YearlyEntry.objects.filter(program__plan=plan).exists()


def test_a_relisting_of_a_program_the_plan_lacks_is_refused_too(plan: Plan) -> None:
    # A 再掲 row is otherwise passed over (its entry is the first listing's): a mistyped number is not.
    rows = seed_rows()
    row = next(i for i, r in enumerate(rows, start=1) if r and r[0] == "3" and str(r[1]).endswith("（再掲）"))
    rows[row - 1] = ["93", *rows[row - 1][1:]]
    with pytest.raises(ImportRefused) as refused:
        progress(plan, book(rows))
    assert [(p.row, p.why) for p in refused.value.problems] == [
        (row, "事業番号93は計画「さいたま市再犯防止推進計画」にありません。")
    ]


def test_a_sheet_without_a_target_column_says_so_and_keeps_the_targets(plan: Plan) -> None:
    progress(plan, seed_workbook())
    target = YearlyEntry.objects.get(program__plan=plan, program__number=1, fiscal_year=2021).target_text
    assert target.startswith("〇ワークステーションさいたま運営事業等に係る就職者数　120人")
    rows = seed_rows(header=[None if heading == "令和３年度目標" else heading for heading in HEADER])
    result = progress(plan, book(rows), name="目標なし.xlsx", overwrite=True)
    assert result.preview.notes[0] == (
        "目標の列が見つかりません（見出し: 「事業 番号」、「計画に掲載している標題」、「計画に掲載している事業内容」、"
        "「令和3年度の取組内容」、「令和３年度実績・取組の成果」、「達成度」）。目標は取り込まず、各取組の目標と"
        "定量的・定性的評価の別は今のままです。"
    )
    entry = YearlyEntry.objects.get(program__plan=plan, program__number=1, fiscal_year=2021)
    assert entry.target_text == target


def test_a_sheet_with_a_target_column_says_nothing_of_targets(plan: Plan) -> None:
    result = progress(plan, seed_workbook())
    assert not any(note.startswith("目標の列") for note in result.preview.notes)
