"""A title 「同上」 (〃, 同) is the title of the entry row above it on the same sheet, never a program's title.

The seed prints 「２（２）① 事業番号30 同上」 under 「事業番号29 薬物依存症者本人および家族等への支援」:
program 30 is titled as 29. The preview says so, and the program's note keeps how the sheet wrote it
(as the demo data does: 「資料では標題を「同上」（事業番号29と同じ）と記載。」). A 「同上」 with no titled
entry row above it on its sheet is refused, naming the row.
"""

import io

import pytest
from openpyxl import Workbook

from seed_sheet import EXPLANATION, HEADER, PROGRAMS, TITLE, seed_merges, seed_rows
from shinchoku.accounts.models import Organization
from shinchoku.imports.services import ImportResult, import_plan
from shinchoku.lib.problems import ImportRefused
from shinchoku.plans.models import Plan, Program
from workbooks import Row, xlsx

pytestmark = pytest.mark.django_db

TITLE_29 = "薬物依存症者本人および家族等への支援"


@pytest.fixture
def saitama() -> Organization:
    return Organization.objects.get_or_create(jis_code="111007", defaults={"name": "さいたま市"})[0]


def titled(titles: dict[int, str]) -> tuple[list[Row], dict[int, int]]:
    """Return the seed's rows with some programs' titles rewritten, and each program's row number."""
    rows: list[Row] = seed_rows()
    where: dict[int, int] = {}
    for index, row in enumerate(rows):
        if row and len(row) == 7 and row[6] and str(row[0]).isdigit():
            number = int(str(row[0]))
            where.setdefault(number, index + 1)
            if number in titles:
                rows[index] = [row[0], titles[number], *row[2:]]
    return rows, where


def plan_from(city: Organization, content: bytes, *, dry_run: bool = False) -> ImportResult:
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
        dry_run=dry_run,
    )


def test_the_seeds_dotou_is_the_title_of_the_row_above_and_the_preview_says_so(saitama: Organization) -> None:
    rows, where = titled({})  # the seed as printed: 30 is 「同上」
    result = plan_from(saitama, xlsx(rows, merges=seed_merges(rows)))
    assert (
        f"{where[30]}行目の標題「同上」を、上の行（{where[29]}行目・事業番号29）の標題「{TITLE_29}」として読みました。"
    ) in result.preview.notes
    node = next(n for n in result.preview.nodes if n.label == "2(2)①")
    assert [(number, title) for number, title, _, _ in node.rows] == [
        ("29", TITLE_29),
        ("30", TITLE_29),
        ("31", "薬物を含む依存症に対する相談支援ネットワーク構築と人材育成に関する取組"),
    ]
    program_30 = Program.objects.get(plan__slug="saitama", number=30)
    assert (program_30.title, program_30.note) == (
        TITLE_29,
        "表では標題を「同上」（事業番号29と同じ）と記載。",
    )
    assert Program.objects.get(plan__slug="saitama", number=29).note == ""


@pytest.mark.parametrize("cell", ["〃", "同", "同　上", " 同上 "])
def test_every_ditto_spelling_is_the_title_above(saitama: Organization, cell: str) -> None:
    rows, _ = titled({30: cell})
    plan_from(saitama, xlsx(rows, merges=seed_merges(rows)))
    assert Program.objects.get(plan__slug="saitama", number=30).title == TITLE_29


def test_ditto_under_ditto_is_the_first_title(saitama: Organization) -> None:
    rows, _ = titled({31: "〃"})  # 29, 「同上」, 「〃」
    plan_from(saitama, xlsx(rows, merges=seed_merges(rows)))
    titles = dict(Plan.objects.get(slug="saitama").programs.values_list("number", "title"))
    assert titles[29] == titles[30] == titles[31] == TITLE_29


@pytest.mark.parametrize("cell", ["同上", "〃", "同"])
def test_ditto_on_the_first_program_of_the_sheet_is_refused_naming_the_row(
    saitama: Organization, cell: str
) -> None:
    rows, where = titled({1: cell})
    with pytest.raises(ImportRefused) as refused:
        plan_from(saitama, xlsx(rows, merges=seed_merges(rows)), dry_run=True)
    assert [str(p) for p in refused.value.problems] == [
        f"シート「進捗管理表」・{where[1]}行目・「B（計画に掲載している標題）」列: 事業番号1の標題「{cell}」は"
        f"上の行と同じという意味ですが、このシートでは上に標題のある事業の行がありません。（値: 「{cell}」）"
        f" → 標題を「{cell}」ではなく、計画に掲載している標題のとおりに入力してください。"
    ]
    assert not Plan.objects.filter(slug="saitama").exists()


def p(number: int) -> Row:
    return next(row for row in PROGRAMS if row[0] == str(number))


def test_ditto_never_reaches_back_to_another_sheet(saitama: Organization) -> None:
    # A table over two sheets (one per 基本目標): 「同上」 first on the second sheet has nothing above it there.
    goal_1 = [
        [TITLE],
        HEADER,
        EXPLANATION,
        ["２　保健医療・福祉サービスの利用の促進等のための取組"],
        ["①"],
        p(29),
    ]
    goal_2 = [[TITLE], HEADER, EXPLANATION, ["３　非行の防止・学校と連携した修学支援等のための取組"], ["①"]]
    goal_2.append(["30", "同上", *p(30)[2:]])
    workbook = Workbook()
    workbook.remove(workbook.active)
    for name, rows in (("基本目標2", goal_1), ("基本目標3", goal_2)):
        sheet = workbook.create_sheet(name)
        for row in rows:
            sheet.append(list(row))
    buffer = io.BytesIO()
    workbook.save(buffer)
    with pytest.raises(
        ImportRefused,
        match="シート「基本目標3」・6行目・「B（計画に掲載している標題）」列: 事業番号30の標題「同上」",
    ):
        plan_from(saitama, buffer.getvalue(), dry_run=True)
