"""What a city tester found of the commands and the preview: Japanese summaries, the dry run's tree, the
sheet's own labels, no web words on the command line (nor options on the web), one slug rule, 再掲 spellings."""

import io
import re
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from seed_sheet import HEADER, PROGRAMS, SEED_GRADES, TITLE, seed_workbook
from shinchoku.accounts.models import Organization, Role, User
from shinchoku.imports.forms import UploadForm
from shinchoku.imports.services import import_plan
from shinchoku.lib.problems import ImportRefused
from shinchoku.plans.models import Plan
from workbooks import Row, xlsx

pytestmark = pytest.mark.django_db


@pytest.fixture
def saitama() -> Organization:
    city, _ = Organization.objects.get_or_create(jis_code="111007", defaults={"name": "さいたま市"})
    if not User.objects.filter(organization=city, role=Role.SECRETARIAT).exists():
        User.objects.create(username="saitama-jimukyoku", organization=city, role=Role.SECRETARIAT)
    return city


def command(name: str, *args: str) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command(name, *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def import_plan_command(path: Path, *options: str) -> tuple[str, str]:
    return command(
        "import_plan",
        str(path),
        "--slug=saitama",
        "--name=さいたま市再犯防止推進計画",
        "--org=111007",
        "--first-year=令和3年度",
        "--last-year=令和7年度",
        *options,
    )


def p(number: int) -> Row:
    return next(row for row in PROGRAMS if row[0] == str(number))


# ---------------------------------------------------------------- the commands speak Japanese


def test_import_progress_prints_its_summary_in_japanese_lines(saitama: Organization, tmp_path: Path) -> None:
    path = tmp_path / "進捗管理表.xlsx"
    path.write_bytes(seed_workbook())
    import_plan_command(path, "--department=福祉総務課")
    out, _ = command("import_progress", str(path), "--plan=saitama", "--year=令和3年度")
    grades = sorted(SEED_GRADES.values())
    assert "令和3年度の取組を取り込みました:" in out
    assert "  取組: 16" in out and "  新規: 16" in out and "  変更なし: 0" in out
    assert f"  達成度: A {grades.count('A')}件、B {grades.count('B')}件" in out
    assert "{" not in out and '"entries"' not in out and "skipped" not in out
    assert "取り込まない行: 4行目 見出しの説明の行「計画に記載されている内容を転記しています。" in out


def test_the_dry_run_prints_the_tree_with_each_sections_first_rows(
    saitama: Organization, tmp_path: Path
) -> None:
    rows = [[TITLE], HEADER, ["１　就労・居住の確保等のための取組…14事業"], ["（１）就労の確保等"]]
    rows += [["①就職に向けた相談・支援等の充実（7事業）"], p(1), p(3), p(7), p(8), p(12)]
    path = tmp_path / "進捗管理表.xlsx"
    path.write_bytes(xlsx(rows))
    out, _ = import_plan_command(path, "--department=福祉総務課", "--dry-run")
    assert "  重点項目: 1" in out and "  事業: 5" in out
    tree = out[out.index("作成される計画の構成（各項目の最初の行）:") :].splitlines()
    assert tree[1:] == [
        "  1 就労・居住の確保等のための取組",
        "    1(1) 就労の確保等",
        "      1(1)① 就職に向けた相談・支援等の充実",
        "        1　ワークステーションさいたまにおける取組　福祉総務課　Ａ",
        f"        3　さいたま若者自立支援ルームにおける取組　福祉総務課　{p(3)[6]}",
        f"        7　{p(7)[1]}　福祉総務課　{p(7)[6]}",
        "        ほか 2 行",
    ]


def test_a_printed_path_under_another_style_keeps_the_sheets_own_label(saitama: Organization) -> None:
    rows = [["事業番号", "事業名", "達成度", "所管課"], ["【1】就労・居住の確保等のための取組"]]
    rows += [["1-(1) 就労の確保等"], ["1-(1)-① 就職に向けた相談・支援等の充実"]]
    rows += [["1", "ワークステーションさいたまにおける取組", "Ａ", "労働政策課"]]
    result = import_plan(
        name="plan.xlsx",
        content=xlsx(rows),
        organization=saitama,
        slug="saitama",
        plan_name="さいたま市再犯防止推進計画",
        first_year=2021,
        last_year=2025,
        actor=None,
        dry_run=True,
    )
    assert [node.label for node in result.preview.nodes] == ["【1】", "1-(1)", "1-(1)-①"]


def test_the_command_names_its_option_where_the_web_names_its_field(
    saitama: Organization, tmp_path: Path
) -> None:
    path = tmp_path / "進捗管理表.xlsx"
    path.write_bytes(seed_workbook())
    _, err = import_plan_command(path, "--dry-run")
    assert "すべての事業の所管課は --department で指定できます。" in err
    assert "「すべての事業の所管課」" not in err  # the upload form's label


def test_no_page_of_the_imports_names_a_command_line_option() -> None:
    templates = Path(__file__).parents[2] / "src/shinchoku/templates/imports"
    for template in templates.glob("*.html"):
        text = template.read_text(encoding="utf-8").replace("<!--", "").replace("-->", "")
        assert "--" not in text, template.name


# ---------------------------------------------------------------- one slug rule


@pytest.mark.parametrize(
    "slug", ["saitama_r3", "Saitama", "saitama r3", "-saitama", "saitama--r3", "さいたま"]
)
def test_a_slug_outside_the_rule_is_refused_by_the_service_the_command_and_the_form(
    saitama: Organization, tmp_path: Path, slug: str
) -> None:
    with pytest.raises(
        ImportRefused,
        match=re.escape(
            f"計画の略称「{slug}」は使えません。（値: 「{slug}」） → 半角の英小文字・数字をハイフン"
        ),
    ):
        import_plan(
            name="p.xlsx",
            content=seed_workbook(),
            organization=saitama,
            slug=slug,
            plan_name="さいたま市再犯防止推進計画",
            first_year=2021,
            last_year=2025,
            actor=None,
            dry_run=True,
        )
    path = tmp_path / "進捗管理表.xlsx"
    path.write_bytes(seed_workbook())
    with pytest.raises(CommandError):
        command(
            "import_plan",
            str(path),
            f"--slug={slug}",
            "--name=計画",
            "--org=111007",
            "--first-year=2021",
            "--last-year=2025",
        )
    form = UploadForm(
        {"kind": "plan", "slug": slug, "plan_name": "計画", "first_year": "2021", "last_year": "2025"},
        plans=Plan.objects.none(),
        kinds=["plan"],
    )
    assert not form.is_valid() and "slug" in form.errors
    assert not Plan.objects.filter(slug=slug).exists()


def test_a_slug_of_letters_digits_and_hyphens_is_accepted(saitama: Organization) -> None:
    form = UploadForm(
        {
            "kind": "plan",
            "slug": "saitama-r3",
            "plan_name": "計画",
            "first_year": "2021",
            "last_year": "2025",
        },
        plans=Plan.objects.none(),
        kinds=["plan"],
    )
    form.is_valid()
    assert "slug" not in form.errors


# ---------------------------------------------------------------- 再掲 as ＜再掲＞ and in a 備考 column


def plan_rows(*programs: Row, header: Row = ("事業番号", "事業名", "達成度", "所管課", "備考")) -> list[Row]:
    return [
        list(header),
        ["１　就労・居住の確保等のための取組"],
        ["①就職に向けた相談・支援等の充実"],
        *programs[:2],
        ["②犯罪をした者等を雇用する企業等の開拓、社会的評価の向上"],
        *programs[2:],
    ]


WORK = ["1", "ワークステーションさいたまにおける取組", "Ａ", "労働政策課", ""]
YOUTH = ["2", "さいたま若者自立支援ルームにおける取組", "Ｂ", "青少年育成課", ""]


@pytest.mark.parametrize(
    "relisting",
    [
        ["＜再掲＞事業2", "", "", "", ""],  # in the number cell, title empty
        ["", "＜再掲＞事業2", "", "", ""],  # in the title cell
        ["2", "＜再掲＞さいたま若者自立支援ルームにおける取組", "", "", ""],
        ["2", "さいたま若者自立支援ルームにおける取組", "", "", "再掲"],  # in the 備考 column
        ["2", "さいたま若者自立支援ルームにおける取組", "", "", "再掲（1(1)①）"],
        ["2", "さいたま若者自立支援ルームにおける取組", "", "", "【再掲】"],
    ],
)
def test_relistings_written_with_angle_brackets_or_in_the_remarks_are_recognised(
    saitama: Organization, relisting: Row
) -> None:
    result = import_plan(
        name="plan.xlsx",
        content=xlsx(plan_rows(WORK, YOUTH, relisting)),
        organization=saitama,
        slug="saitama",
        plan_name="さいたま市再犯防止推進計画",
        first_year=2021,
        last_year=2025,
        actor=None,
    )
    assert (result.summary["programs"], result.summary["relistings"]) == (2, 1)
    program = Plan.objects.get(slug="saitama").programs.get(number=2)
    assert program.title == "さいたま若者自立支援ルームにおける取組"
    assert program.listings.get(is_relisting=True).node.path_label() == "1②"


@pytest.mark.parametrize("remark", ["1(2)②に再掲", "再掲あり", "就労支援と連携"])
def test_a_remark_saying_the_program_is_listed_elsewhere_is_not_a_relisting(
    saitama: Organization, remark: str
) -> None:
    rows = plan_rows([*WORK[:4], remark], YOUTH)
    result = import_plan(
        name="plan.xlsx",
        content=xlsx(rows),
        organization=saitama,
        slug="saitama",
        plan_name="さいたま市再犯防止推進計画",
        first_year=2021,
        last_year=2025,
        actor=None,
        dry_run=True,
    )
    assert (result.summary["programs"], result.summary["relistings"]) == (2, 0)
