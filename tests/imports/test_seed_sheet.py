"""The seed's own 進捗管理表, laid out as printed, imports as a plan and as the year's progress."""

import pytest

from seed_sheet import EXPLANATION, HEADER, SEED_GRADES, TITLE, seed_workbook
from shinchoku.accounts.models import Organization, Role, User
from shinchoku.imports.services import import_plan, import_progress
from shinchoku.plans.models import Listing, Plan, YearlyEntry

pytestmark = pytest.mark.django_db


def secretariat(plan: Plan) -> User:
    """Return a secretariat member of the plan's city, who imports its progress (named in every event)."""
    user = User.objects.filter(organization=plan.organization, role=Role.SECRETARIAT).order_by("pk").first()
    return user or User.objects.create(
        username=f"{plan.organization.jis_code}-jimukyoku",
        organization=plan.organization,
        role=Role.SECRETARIAT,
    )


@pytest.fixture
def saitama() -> Organization:
    return Organization.objects.get_or_create(jis_code="111007", defaults={"name": "さいたま市"})[0]


def import_seed(city: Organization, *, dry_run: bool = False, second_page: bool = True) -> object:
    return import_plan(
        name="令和３年度進捗管理表.xlsx",
        content=seed_workbook(second_page=second_page),
        organization=city,
        slug="saitama",
        plan_name="さいたま市再犯防止推進計画",
        first_year=2021,
        last_year=2025,
        actor=None,
        department="福祉総務課",
        dry_run=dry_run,
    )


def test_the_seeds_table_imports_as_a_plan_with_its_tree(saitama: Organization) -> None:
    import_seed(saitama)
    plan = Plan.objects.get(slug="saitama")
    tree = [(n.path_label(), n.title) for n in plan.nodes.order_by("position")]
    assert tree[:7] == [
        ("1", "就労・居住の確保等のための取組"),  # 「…14事業」 is a count, not part of the title
        ("1(1)", "就労の確保等"),
        ("1(1)①", "就職に向けた相談・支援等の充実"),
        ("1(1)②", "犯罪をした者等を雇用する企業等の開拓、社会的評価の向上"),
        ("1(2)", "住居の確保等"),
        ("2", "保健医療・福祉サービスの利用の促進等のための取組"),
        ("2(1)", "高齢者又は障害者等への支援等"),
    ]
    labels = [label for label, _ in tree]
    assert "2(2)①" in labels  # printed without a title
    assert (
        labels[-12:]
        == ["3", "3①", "3②", "4", "4①", "4②", "4③", "5", "5(1)", "5(1)①", "5(2)", "5(2)①", "5(2)②"][-12:]
    )
    assert len(labels) == 24
    assert sorted(plan.programs.values_list("number", flat=True)) == sorted(SEED_GRADES)
    # The seed prints 事業番号30's title as 「同上」: the title of 事業番号29 in the row above.
    program_30 = plan.programs.get(number=30)
    assert program_30.title == "薬物依存症者本人および家族等への支援"
    assert program_30.note == "表では標題を「同上」（事業番号29と同じ）と記載。"


def test_the_seeds_relisting_rows_list_the_program_again(saitama: Organization) -> None:
    import_seed(saitama)
    relistings = [
        (x.node.path_label(), x.program.number)
        for x in Listing.objects.filter(program__plan__slug="saitama", is_relisting=True).select_related(
            "node__parent__parent", "program"
        )
    ]
    assert sorted(relistings) == [("2(1)②", 12), ("4①", 3)]


def test_the_explanation_row_the_repeated_header_and_the_page_number_are_skipped_and_listed(
    saitama: Organization,
) -> None:
    result = import_seed(saitama, dry_run=True)
    skipped = [(s.row, s.why) for s in result.preview.skipped]  # type: ignore[attr-defined]
    assert skipped == [
        (4, "見出しの説明の行"),
        (27, "ページ番号の行"),
        (28, "ページごとに繰り返された見出し・表題の行"),
        (29, "ページごとに繰り返された見出し・表題の行"),
        (30, "見出しの説明の行"),
        (51, "注記・凡例の行"),
    ]
    assert result.preview.skipped[0].text.startswith(EXPLANATION[1])  # type: ignore[attr-defined]
    assert result.preview.skipped[1].text == "- 1 -"  # type: ignore[attr-defined]
    assert TITLE in result.preview.skipped[2].text  # type: ignore[attr-defined]
    assert not Plan.objects.filter(slug="saitama").exists()


def test_the_seeds_table_imports_as_progress_with_the_seeds_grades(saitama: Organization) -> None:
    import_seed(saitama)
    plan = Plan.objects.get(slug="saitama")
    import_progress(
        name="p.xlsx", content=seed_workbook(), plan=plan, fiscal_year=2021, actor=secretariat(plan)
    )
    grades = dict(
        YearlyEntry.objects.filter(program__plan=plan, fiscal_year=2021).values_list(
            "program__number", "final_grade"
        )
    )
    assert grades == SEED_GRADES
    assert list(grades.values()).count("A") == 5 and list(grades.values()).count("B") == 11
    first = YearlyEntry.objects.get(program__plan=plan, program__number=1)
    assert first.target_text.startswith("〇ワークステーションさいたま運営事業等に係る就職者数　120人")
    assert first.result_text.endswith("ワークステーションさいたま施設利用者数　7,936人")
    assert first.evaluation_type == "quantitative"


def test_the_seeds_header_reads_each_column_and_the_year(saitama: Organization) -> None:
    from shinchoku.imports.table import Column, find_header
    from shinchoku.lib.reading import read_file

    (sheet,) = read_file("s.xlsx", seed_workbook())
    header = find_header(sheet, (Column.NUMBER,))
    assert not isinstance(header, str) and hasattr(header, "columns")
    assert header.row == 3 and header.year == 2021  # type: ignore[union-attr]
    assert header.columns == {  # type: ignore[union-attr]
        Column.NUMBER: 1,
        Column.TITLE: 2,
        Column.CONTENT: 3,
        Column.ACTIVITIES: 4,
        Column.TARGET: 5,
        Column.RESULT: 6,
        Column.GRADE: 7,
    }
    assert HEADER[0] == "事業\n番号"


def test_the_preview_of_the_seeds_table_as_docs_import_md_quotes_it(saitama: Organization) -> None:
    result = import_seed(saitama, dry_run=True)
    summary = result.summary  # type: ignore[attr-defined]
    assert (
        summary["areas"],
        summary["levels"],
        summary["programs"],
        summary["listings"],
        summary["relistings"],
    ) == (
        5,
        19,
        16,
        18,
        2,
    )
    first = result.preview.nodes[2]  # type: ignore[attr-defined]
    assert (first.label, first.title, [r[0] for r in first.rows], first.more) == (
        "1(1)①",
        "就職に向けた相談・支援等の充実",
        ["1", "3", "7"],
        0,
    )
    assert first.rows[0] == ("1", "ワークステーションさいたまにおける取組", "福祉総務課", "Ａ")


def test_the_seeds_table_imports_without_naming_a_department(saitama: Organization) -> None:
    result = import_plan(
        name="令和３年度進捗管理表.xlsx",
        content=seed_workbook(),
        organization=saitama,
        slug="saitama",
        plan_name="さいたま市再犯防止推進計画",
        first_year=2021,
        last_year=2025,
        actor=None,
    )
    assert result.warnings[0].startswith(
        "「所管課」の列がないため、すべての事業の所管課を「所管課未設定」とします。"
    )
    plan = Plan.objects.get(slug="saitama")
    import_progress(
        name="p.xlsx", content=seed_workbook(), plan=plan, fiscal_year=2021, actor=secretariat(plan)
    )
    grades = YearlyEntry.objects.filter(program__plan=plan, fiscal_year=2021)
    assert dict(grades.values_list("program__number", "final_grade")) == SEED_GRADES
    assert set(grades.values_list("department__name", flat=True)) == {"所管課未設定"}
