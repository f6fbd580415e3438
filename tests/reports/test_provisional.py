"""Reports of an unfinished year say so on every page; the checks page is a download option (issue 21, part 6)."""

import io

import pytest
from openpyxl import load_workbook
from pptx import Presentation
from pypdf import PdfReader

from shinchoku.accounts.models import User
from shinchoku.plans import workflow
from shinchoku.plans.models import Plan, YearlyEntry
from shinchoku.reports import council, deck, exports, progress_table

pytestmark = pytest.mark.django_db
MARK = "暫定版（未確定 1件）"


@pytest.fixture
def plan() -> Plan:
    return Plan.objects.get(slug="saitama-r3")


@pytest.fixture
def one_reopened(plan: Plan) -> YearlyEntry:
    """令和3年度 with program 12's entry reopened for its department: 1 entry not confirmed."""
    entry = YearlyEntry.objects.get(program__plan=plan, program__number=12, fiscal_year=2021)
    return workflow.reopen_entry(
        entry=entry, actor=User.objects.get(username="jimukyoku"), version=entry.version, reason="数値の確認"
    )


def test_the_pdf_says_provisional_on_the_cover_and_every_page(plan: Plan, one_reopened: YearlyEntry) -> None:
    pages = PdfReader(io.BytesIO(council.render_pdf(plan, 2021))).pages
    assert len(pages) > 5
    assert all(MARK in page.extract_text() for page in pages)
    html = council.render_html(plan, 2021)
    assert f'<p class="provisional-mark" role="note">{MARK}' in html


def test_the_deck_says_provisional_on_every_slide(plan: Plan, one_reopened: YearlyEntry) -> None:
    slides = Presentation(io.BytesIO(deck.build_deck(plan, 2021))).slides
    texts = [" ".join(s.text_frame.text for s in slide.shapes if s.has_text_frame) for slide in slides]
    assert all(MARK in text for text in texts)


def test_the_progress_table_says_provisional_in_its_title_and_on_every_printed_page(
    plan: Plan, one_reopened: YearlyEntry
) -> None:
    sheet = load_workbook(io.BytesIO(progress_table.to_xlsx(plan, 2021))).active
    assert sheet["A1"].value.endswith(MARK)
    assert sheet.oddHeader.right.text == MARK


def test_a_report_of_confirmed_entries_only_is_not_provisional(plan: Plan, one_reopened: YearlyEntry) -> None:
    """A council member's report leaves the unconfirmed entry out: nothing in it is provisional."""
    assert "暫定版" not in council.render_html(plan, 2021, confirmed_only=True)
    sheet = load_workbook(io.BytesIO(progress_table.to_xlsx(plan, 2021, confirmed_only=True))).active
    assert "暫定版" not in sheet["A1"].value
    assert not sheet.oddHeader.right.text


def test_a_confirmed_year_is_not_provisional(plan: Plan) -> None:
    assert "暫定版" not in council.render_html(plan, 2021)
    texts = [
        " ".join(s.text_frame.text for s in slide.shapes if s.has_text_frame)
        for slide in Presentation(io.BytesIO(deck.build_deck(plan, 2021))).slides
    ]
    assert not any("暫定版" in text for text in texts)


def test_the_checks_page_is_a_download_option(plan: Plan) -> None:
    with_checks = exports.build("html", plan, 2021).decode()
    without = exports.build("html", plan, 2021, with_checks=False).decode()
    assert 'id="checks"' in with_checks
    assert 'id="checks"' not in without
    assert "公表済みの集計との違い" not in without
    slides = len(Presentation(io.BytesIO(exports.build("pptx", plan, 2021))).slides)
    assert (
        len(Presentation(io.BytesIO(exports.build("pptx", plan, 2021, with_checks=False))).slides)
        == slides - 1
    )


def test_the_unique_programs_view_explains_its_sums_and_shows_no_command(secretariat: object) -> None:
    page = secretariat.get("/plans/saitama-r3/2021/dashboard/?view=programs").content.decode()  # type: ignore[attr-defined]
    assert 'id="unique-note"' in page
    assert "重点項目では1回" in page
    assert "shinchoku report" not in page
    assert "--format" not in page


def test_the_council_copy_is_downloaded_without_the_checks_page(secretariat: object) -> None:
    url = "/plans/saitama-r3/2021/report.html"
    assert 'id="checks"' in secretariat.get(url).content.decode()  # type: ignore[attr-defined]
    assert 'id="checks"' not in secretariat.get(url + "?checks=0").content.decode()  # type: ignore[attr-defined]
