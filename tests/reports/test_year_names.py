"""A report of a year names each department as it was called at the end of that year (31 March, JST).

A city renames and merges its departments (所管課) in April. A department renamed on 1 April 2024
prints its old name on the FY2023 (令和5年度) report, made in the summer of 2024, and its new one on
FY2024's; a department merged into another prints its own name on the years before the merge.
The same in every format: the council report (HTML, PDF, slides), the 進捗管理表 (Excel, CSV), the
JSON figures and the API.
"""

import csv
import datetime
import io
import json
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from io import BytesIO
from types import SimpleNamespace
from unittest import mock

import pytest
import simple_history.models
from django.test import Client
from openpyxl import load_workbook
from pptx import Presentation

from shinchoku.accounts.departments import rename_department
from shinchoku.accounts.models import Department, User
from shinchoku.domain.fiscal import JST
from shinchoku.lifecycle.reorganization import merge_departments
from shinchoku.plans import workflow
from shinchoku.plans.models import Plan
from shinchoku.reports import council, deck, exports, progress_table

pytestmark = pytest.mark.django_db
PLAN = "saitama-r3"


def _jimukyoku() -> User:
    return User.objects.get(username="jimukyoku")


def _plan() -> Plan:
    return Plan.objects.get(slug=PLAN)


def _department(name: str) -> Department:
    return Department.objects.get(organization__jis_code="111007", name=name)


def _at(year: int, month: int, day: int, hour: int = 9) -> datetime.datetime:
    return datetime.datetime(year, month, day, hour, tzinfo=JST)


@contextmanager
def recorded_on(when: datetime.datetime) -> Iterator[None]:
    """Date the history rows written inside as when, as if the secretariat did it that day.

    The history is append-only (PostgreSQL refuses to change it), so the day is given as it is written.
    """
    with mock.patch.object(simple_history.models, "timezone", SimpleNamespace(now=lambda: when)):
        yield


def _rename(old: str, new: str, on: datetime.datetime) -> None:
    """Rename a department through the 「所管課の管理」 service, on the given day."""
    with recorded_on(on):
        rename_department(actor=_jimukyoku(), department=_department(old), name=new)


def _merge(source: str, target: str, on: datetime.datetime) -> None:
    """Merge a department into another through the reorganization service, on the given day."""
    with recorded_on(on):
        merge_departments(actor=_jimukyoku(), source=_department(source), target=_department(target))


def _open(*years: int) -> None:
    for year in years:
        workflow.open_year(plan=_plan(), fiscal_year=year, deadline=None, actor=_jimukyoku())


def _table_departments(year: int) -> set[str]:
    """Return the 所管課 column of the year's 進捗管理表 (Excel), checked against its CSV."""
    sheet = load_workbook(BytesIO(progress_table.to_xlsx(_plan(), year))).active
    from_excel = {row[7] for row in sheet.iter_rows(min_row=3, values_only=True) if row[7]}
    text = progress_table.to_csv(_plan(), year).decode("utf-8-sig")
    from_csv = {row["所管課"] for row in csv.DictReader(io.StringIO(text))}
    assert from_excel == from_csv
    return from_excel


def test_a_department_renamed_in_april_2024_keeps_its_old_name_on_fy2023_and_the_new_one_on_fy2024() -> None:
    _open(2023, 2024)  # FY2023 is opened in April 2024, after its end: the opening does not decide the name
    _rename("労働政策課", "雇用政策課", on=_at(2024, 4, 1))

    fy2023, fy2024 = _table_departments(2023), _table_departments(2024)

    assert "労働政策課" in fy2023 and "雇用政策課" not in fy2023
    assert "雇用政策課" in fy2024 and "労働政策課" not in fy2024


def test_a_rename_recorded_before_31_march_is_the_name_of_that_year() -> None:
    _open(2023)
    _rename("労働政策課", "雇用政策課", on=_at(2024, 3, 31, hour=23))  # 23:00 JST, 14:00 UTC

    fy2023 = _table_departments(2023)

    assert "雇用政策課" in fy2023 and "労働政策課" not in fy2023


def test_the_fy2021_council_report_names_the_department_before_its_april_2022_rename_in_every_format() -> (
    None
):
    # Program 12 (住宅政策課): 106% suggests B, graded A — a deviation, printed with its department.
    _rename("住宅政策課", "住まい政策課", on=_at(2022, 4, 1))
    plan = _plan()

    html = council.render_html(plan, 2021)
    slides = " ".join(
        cell.text
        for slide in Presentation(BytesIO(deck.build_deck(plan, 2021))).slides
        for shape in slide.shapes
        if shape.has_table
        for row in shape.table.rows
        for cell in row.cells
    )
    figures = json.loads(exports.build("json", plan, 2021))
    pdf = subprocess.run(
        ["pdftotext", "-", "-"], input=council.render_pdf(plan, 2021), capture_output=True, check=True
    ).stdout.decode()

    for printed in (html, "".join(pdf.split()), slides):
        assert "住宅政策課" in printed and "住まい政策課" not in printed
    assert [d["department"] for d in figures["deviations"] if d["program"] == 12] == ["住宅政策課"]
    assert "住宅政策課" in [d["department"] for d in figures["by_department"]]
    assert "住まい政策課" in _department_names_today()


def _department_names_today() -> set[str]:
    return set(Department.objects.filter(organization__jis_code="111007").values_list("name", flat=True))


def test_the_api_names_each_entry_by_its_years_department_name() -> None:
    _rename("住宅政策課", "住まい政策課", on=_at(2022, 4, 1))

    page = Client().get("/api/plans/saitama-r3/entries?year=2021&limit=500").json()
    figures = Client().get("/api/plans/saitama-r3/figures/2021").json()

    assert [e["department"] for e in page["items"] if e["program"] == 12] == ["住宅政策課"]
    assert [d["department"] for d in figures["deviations"] if d["program"] == 12] == ["住宅政策課"]


def test_a_department_merged_after_the_year_prints_its_own_name_on_that_years_report() -> None:
    _merge("契約課", "労働政策課", on=_at(2022, 5, 1))

    assert "契約課" in _table_departments(2021)


def test_a_department_merged_before_the_year_ended_prints_the_department_it_joined() -> None:
    _merge("契約課", "労働政策課", on=_at(2022, 3, 1))

    assert "契約課" not in _table_departments(2021)


def test_a_department_merged_after_its_rename_prints_the_name_it_had_that_year() -> None:
    _rename("契約課", "調達課", on=_at(2021, 10, 1))  # renamed in FY2021: FY2021 prints 調達課
    _rename("調達課", "調達課（旧）", on=_at(2022, 4, 1))
    _merge("調達課（旧）", "労働政策課", on=_at(2022, 5, 1))

    assert "調達課" in _table_departments(2021)
