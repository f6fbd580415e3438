"""Program numbers written as branches of the tree (「1-(1)-1」「１－２－３」「1-2-3」), and the row shape that
tells them from headings printed the same way (「1-1」「1-(1)-①」 beside a title alone).

The sheet is the seed's table (its header, section titles, programs and grades) with each program
numbered as a branch under its 重点項目 and 施策, as a city keeping its 総合振興計画's numbering would
(the seed itself cites 「総合振興計画実施計画:事業11-1-4-02」).
"""

import pytest

from seed_sheet import HEADER, PROGRAMS, SEED_GRADES, TITLE
from shinchoku.accounts.models import Organization, Role, User
from shinchoku.imports.services import import_plan, import_progress
from shinchoku.imports.table import Column, Header, RowKind, classify, entry_number
from shinchoku.lib.problems import ImportRefused
from shinchoku.plans.models import Plan, YearlyEntry
from workbooks import Row, xlsx

pytestmark = pytest.mark.django_db


def seed(number: int) -> list[object]:
    return list(next(row for row in PROGRAMS if row[0] == str(number)))


def numbered(code: str, number: int) -> Row:
    """The seed's row of program number, numbered as a branch."""
    return [code, *seed(number)[1:]]


def branch_rows() -> list[Row]:
    return [
        [TITLE],
        HEADER,
        ["１　就労・居住の確保等のための取組…14事業"],
        ["1-(1)", "就労の確保等"],  # a heading: a label and a title, nothing else
        numbered("１－（１）－１", 1),  # full width
        numbered("1-(1)-2", 3),
        ["1-(2)", "住居の確保等（４事業）"],
        numbered("1‐(2)‐1", 12),  # another dash
        ["２　保健医療・福祉サービスの利用の促進等のための取組…26事業"],
        ["2-(1)", "高齢者又は障害者等への支援等"],
        numbered("2-(1)-1", 14),
        ["1-(1)-1（再掲）", f"{seed(1)[1]}（再掲）"],
    ]


@pytest.fixture
def city() -> Organization:
    city = Organization.objects.create(name="デモ市（架空）", jis_code="999997")
    User.objects.create(username="demo-jimukyoku", organization=city, role=Role.SECRETARIAT)
    return city


def plan_from(rows: list[Row], city: Organization, *, dry_run: bool = False) -> object:
    return import_plan(
        name="plan.xlsx",
        content=xlsx(rows),
        organization=city,
        slug="branches",
        plan_name="デモ市再犯防止推進計画",
        first_year=2021,
        last_year=2025,
        actor=None,
        dry_run=dry_run,
        department="福祉総務課",
    )


def test_branch_numbers_are_programs_numbered_in_the_sheets_order_and_kept_in_their_note(
    city: Organization,
) -> None:
    plan_from(branch_rows(), city)
    plan = Plan.objects.get(slug="branches")
    programs = list(plan.programs.order_by("number").values_list("number", "title", "note"))
    assert programs == [
        (1, "ワークステーションさいたまにおける取組", "表の事業番号: 1-(1)-1"),
        (2, "さいたま若者自立支援ルームにおける取組", "表の事業番号: 1-(1)-2"),
        (3, seed(12)[1], "表の事業番号: 1-(2)-1"),
        (4, seed(14)[1], "表の事業番号: 2-(1)-1"),
    ]
    assert [n.path_label() for n in plan.nodes.order_by("position")] == ["1", "1-(1)", "1-(2)", "2", "2-(1)"]
    relisted = plan.programs.get(number=1).listings.filter(is_relisting=True).get()
    assert relisted.node.path_label() == "2-(1)"


def test_the_preview_shows_the_branch_numbers_as_written_and_says_how_programs_are_numbered(
    city: Organization,
) -> None:
    preview = plan_from(branch_rows(), city, dry_run=True).preview  # type: ignore[attr-defined]
    first = preview.nodes[1]
    assert (first.label, first.title) == ("1-(1)", "就労の確保等")
    assert [row[0] for row in first.rows] == ["1-(1)-1", "1-(1)-2"]
    assert [row[0] for row in preview.nodes[4].rows] == ["2-(1)-1", "1-(1)-1（再掲）"]
    assert (
        "事業番号が「1-(1)-1」の形で書かれているため、事業には表の順に1〜4の番号を付け、"
        "表の事業番号を各事業の備考に残します。年度の進捗の取込みは表の事業番号で事業を探します。"
    ) in preview.notes


def test_the_progress_import_finds_each_program_by_its_branch_number_in_any_order(city: Organization) -> None:
    plan_from(branch_rows(), city)
    plan = Plan.objects.get(slug="branches")
    progress = [TITLE, HEADER, ["２　保健医療"], numbered("2-(1)-1", 14), ["１　就労"]]
    progress += [numbered("1-(2)-1", 12), numbered("1-(1)-2", 3), numbered("1-(1)-1", 1)]
    import_progress(
        name="r3.xlsx",
        content=xlsx(progress),
        plan=plan,
        fiscal_year=2021,
        actor=User.objects.get(username="demo-jimukyoku"),
    )
    grades = dict(YearlyEntry.objects.filter(program__plan=plan).values_list("program__note", "final_grade"))
    assert grades == {
        "表の事業番号: 1-(1)-1": SEED_GRADES[1],
        "表の事業番号: 1-(1)-2": SEED_GRADES[3],
        "表の事業番号: 1-(2)-1": SEED_GRADES[12],
        "表の事業番号: 2-(1)-1": SEED_GRADES[14],
    }


def test_a_branch_number_the_plan_lacks_is_named_as_written(city: Organization) -> None:
    plan_from(branch_rows(), city)
    plan = Plan.objects.get(slug="branches")
    with pytest.raises(ImportRefused, match=r"事業番号3-\(1\)-9は計画「デモ市再犯防止推進計画」にありません"):
        import_progress(
            name="r3.xlsx",
            content=xlsx([TITLE, HEADER, ["３　非行の防止"], numbered("３－（１）－９", 39)]),
            plan=plan,
            fiscal_year=2021,
            actor=User.objects.get(username="demo-jimukyoku"),
        )


def test_plain_numbers_and_branch_numbers_mixed_are_refused(city: Organization) -> None:
    rows = [*branch_rows(), numbered("7", 7)]
    with pytest.raises(ImportRefused, match=r"「12」の形（13行目など）と「1-2-3」の形（5行目など）が混在"):
        plan_from(rows, city, dry_run=True)


# ---------------------------------------------------------------- the row's shape decides


HEADER_OF_SEED = Header(2, {Column.NUMBER: 1, Column.TITLE: 2, Column.CONTENT: 3, Column.GRADE: 7})


@pytest.mark.parametrize(
    ("cells", "written"),
    [
        (["1-2-3", "就労支援の取組", "相談を実施します。"], ("1-2-3", False)),
        (["１－２－３", "就労支援の取組", "", "", "", "", "Ａ"], ("1-2-3", False)),
        (["1-(2)-3", "就労支援の取組", "相談を実施します。"], ("1-(2)-3", False)),
        (["3-1-2-05", "就労支援の取組", "相談を実施します。"], ("3-1-2-05", False)),
        (["1-2-3（再掲）", "就労支援の取組（再掲）"], ("1-2-3", True)),  # 再掲 says it is a program
        (["再掲：事業番号1-2-3", ""], ("1-2-3", True)),
    ],
)
def test_a_branch_in_the_number_column_of_a_row_with_more_than_a_title_is_a_program(
    cells: list[str], written: tuple[str, bool]
) -> None:
    assert entry_number(cells, HEADER_OF_SEED) == written
    assert classify(cells, HEADER_OF_SEED) is RowKind.ENTRY


@pytest.mark.parametrize(
    "cells",
    [
        ["1-1", "就労の確保等"],  # a label and a title: a heading
        ["1-(1)", "就労の確保等", "就労の確保等", "就労の確保等"],  # the title merged across
        ["1-(1)-① 就職に向けた相談・支援等の充実"],  # one text across the row
        ["1-(1)-①", "就職に向けた相談・支援等の充実"],
        ["1-2-3"],
    ],
)
def test_a_branch_standing_alone_on_a_heading_row_is_a_heading(cells: list[str]) -> None:
    assert entry_number(cells, HEADER_OF_SEED) is None
    assert classify(cells, HEADER_OF_SEED) is RowKind.SECTION


def test_a_circled_last_part_is_a_level_never_a_program() -> None:
    cells = ["1-(1)-①", "就職に向けた相談・支援等の充実", "相談を実施します。"]
    assert entry_number(cells, HEADER_OF_SEED) is None
    assert classify(cells, HEADER_OF_SEED) is not RowKind.ENTRY
