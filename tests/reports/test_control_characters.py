"""Control characters typed into free text no longer reach the documents (insider test, control characters).

A reason pasted from a terminal, 「住居確保の相談\\x01\\x1b[31m件数が\\x7f\\x0b\\x0c減少したため」, was stored as
typed: the Excel report then failed (openpyxl's IllegalCharacterError), the PDF's text was garbled and
PowerPoint showed 「_x0001_」. Typed text now enters without them (lib/typed_text.py), and the documents
drop them from stored or imported text too (lib/cells.py, the deck, lib/pdf.py).
"""

import io
import re
import subprocess
from pathlib import Path
from urllib.parse import quote

import pytest
from openpyxl import load_workbook
from pptx import Presentation

from shinchoku.accounts.models import User
from shinchoku.domain.grades import Grade, GradeScale
from shinchoku.domain.measures import parse_rule
from shinchoku.plans import measure_services
from shinchoku.plans.measure_models import MeasureGrade
from shinchoku.plans.models import Plan, PlanNode, YearlyEntry
from tests_helpers import login

pytestmark = pytest.mark.django_db
PLAN = "saitama-r3"
TYPED = "住居確保の相談\x01\x1b[31m件数が\x7f\x0b\x0c減少したため"
STORED = "住居確保の相談[31m件数が減少したため"
CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
A_TO_D = GradeScale(name="施策評価", grades=tuple(Grade(label=x) for x in "ABCD"))
SHARES = {
    "kind": "shares",
    "depth": 2,
    "scale": A_TO_D.to_dict(),
    "thresholds": [
        {"grade": "A", "at_least": "B", "percent": "100"},
        {"grade": "B", "at_least": "B", "percent": "75"},
        {"grade": "C", "at_least": "B", "percent": "50"},
    ],
}


@pytest.fixture
def graded_plan() -> Plan:
    plan = Plan.objects.get(slug=PLAN)
    rule = parse_rule(SHARES, plan.scale())
    return measure_services.change_measure_rule(
        plan=plan, rule=rule, actor=User.objects.get(username="jimukyoku")
    )


def _grade_by_hand(plan: Plan, reason: str) -> MeasureGrade:
    node = next(n for n in PlanNode.objects.filter(plan=plan) if n.path_label() == "1(2)")
    data = {"node": node.pk, "version": "0", "grade": "B", "reason": reason}
    assert login("jimukyoku").post(f"/plans/{PLAN}/2021/measures/", data).status_code == 302
    return MeasureGrade.objects.get(node=node, fiscal_year=2021)


def _download(url: str) -> bytes:
    response = login("jimukyoku").get(url)
    assert response.status_code == 200
    return response.content


def _cell_texts(content: bytes) -> list[str]:
    workbook = load_workbook(io.BytesIO(content))
    return [
        str(c)
        for sheet in workbook
        for row in sheet.iter_rows(values_only=True)
        for c in row
        if c is not None
    ]


def _slide_texts(content: bytes) -> list[str]:
    deck = Presentation(io.BytesIO(content))
    texts = [s.text_frame.text for slide in deck.slides for s in slide.shapes if s.has_text_frame]
    tables = [s.table for slide in deck.slides for s in slide.shapes if s.has_table]
    return texts + [cell.text for table in tables for row in table.rows for cell in row.cells]


def test_control_characters_in_a_typed_reason_are_removed_before_it_is_stored(graded_plan: Plan) -> None:
    assert _grade_by_hand(graded_plan, TYPED).reason == STORED


def test_control_characters_a_nul_in_a_reason_is_removed_not_refused_with_a_bare_400(
    graded_plan: Plan,
) -> None:
    assert _grade_by_hand(graded_plan, "理由\x00です").reason == "理由です"


def test_control_characters_after_a_typed_reason_every_document_downloads_clean(
    graded_plan: Plan, tmp_path: Path
) -> None:
    _grade_by_hand(graded_plan, TYPED)

    cells = _cell_texts(_download(f"/plans/{PLAN}/2021/report.xlsx"))
    slides = _slide_texts(_download(f"/plans/{PLAN}/2021/report.pptx"))
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(_download(f"/plans/{PLAN}/2021/report.pdf"))
    text = subprocess.run(["pdftotext", str(pdf), "-"], check=True, capture_output=True, text=True).stdout

    assert STORED in cells and not any(CONTROLS.search(c) for c in cells)
    assert not any(CONTROLS.search(t) or "_x00" in t for t in slides)
    assert "住居確保の相談" in text and "減少したため" in text
    assert not CONTROLS.search(text.replace("\x0c", ""))  # pdftotext ends each page with a form feed


def test_control_characters_stored_by_an_older_import_still_export(graded_plan: Plan, tmp_path: Path) -> None:
    grade = _grade_by_hand(graded_plan, "理由")
    MeasureGrade.objects.filter(pk=grade.pk).update(reason="古い取込の\x01理由\x1b")
    entry = YearlyEntry.objects.filter(program__plan=graded_plan, fiscal_year=2021).order_by("pk").first()
    assert entry is not None
    YearlyEntry.objects.filter(pk=entry.pk).update(result_text="実績\x01\x02", activities="取組\x0b内容")

    cells = _cell_texts(_download(f"/plans/{PLAN}/2021/report.xlsx"))
    slides = _slide_texts(_download(f"/plans/{PLAN}/2021/report.pptx"))
    _download(f"/plans/{PLAN}/2021/report.pdf")
    html = _download(f"/plans/{PLAN}/2021/report.html").decode()

    assert "古い取込の理由" in cells
    assert not any(CONTROLS.search(c) for c in cells)
    assert not any(CONTROLS.search(t) or "_x00" in t for t in slides)
    assert "古い取込の理由" in html and not CONTROLS.search(html)


def test_control_characters_in_the_combined_reports_title_leave_a_clean_title() -> None:
    query = f"?year=2021&plan={PLAN}&title=" + quote("令和3年度\x00報告書\x01\x1b<script>")
    html = login("jimukyoku").get("/reports/combined/report.html" + query).content.decode()

    assert "<title>令和3年度報告書&lt;script&gt;</title>" in html
    assert not CONTROLS.search(html)
