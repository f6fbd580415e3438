"""The council report as PDF: read back with pdftotext, fonts embedded, pages pictured for docs/."""

import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from shinchoku.plans.models import Plan
from shinchoku.reports.council import render_html, render_pdf
from tests_helpers import screenshot_dir

# Marked as database tests so that they run before the browser tests, which empty the database.
pytestmark = pytest.mark.django_db
SCREENSHOTS = screenshot_dir()


@pytest.fixture(scope="module")
def pdf(
    django_db_setup: None, django_db_blocker: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Path]:
    with django_db_blocker.unblock():  # type: ignore[attr-defined]
        content = render_pdf(Plan.objects.get(slug="saitama-r3"), 2021)
    path = tmp_path_factory.mktemp("report") / "report.pdf"
    path.write_bytes(content)
    yield path


def pdftotext(path: Path) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def test_the_pdf_is_a4_landscape_with_page_numbers(pdf: Path) -> None:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert "841.89 x 595.276 pts (A4)" in info
    text = pdftotext(pdf)
    pages = int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))
    assert f"1 / {pages}" in text and f"{pages} / {pages}" in text


def test_the_japanese_font_is_embedded_and_the_text_selectable(pdf: Path) -> None:
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert "IPAexGothic" in fonts
    assert all(line.split()[-5] == "yes" for line in fonts.splitlines()[2:])  # emb column
    assert "さいたま市再犯防止推進計画の進捗状況（令和3年度）" in pdftotext(pdf)


def test_the_pdf_holds_the_figures_of_the_json(pdf: Path) -> None:
    text = " ".join(pdftotext(pdf).split())
    assert "74事業（再掲含む。事業数 60）" in text
    assert "達成度A 12事業 12事業 なし" in text  # ④: 計画全体 / 定量的評価 / 定性的評価
    assert "達成度B 56事業 16事業 40事業" in text
    assert "達成度－ 6事業 2事業 4事業" in text
    assert "合計 74事業 30事業 44事業" in text
    for line in [
        "1 就労・住居の確保等のための取組…14事業",
        "達成度A：36％ 達成度B：64％ 達成度－：なし",
        "2 保健医療・福祉サービスの利用の促進等のための取組…26事業",
        "達成度A：8％ 達成度B：77％ 達成度－：15％",
        "達成度A：20％ 達成度B：73％ 達成度－：7％",
        "達成度A：20％ 達成度B：80％ 達成度－：なし",
        "達成度A：なし 達成度B：89％ 達成度－：11％",
    ]:
        assert line in text, line


def test_the_pdf_describes_the_main_programs_and_the_merge_rule(pdf: Path) -> None:
    text = " ".join(pdftotext(pdf).split())
    assert "事業番号12" in text and "セーフティネット住宅登録戸数 5,621戸" in text
    assert "達成度は「B」としています（事業番号 16）" in text
    assert "達成度は「B」としています（事業番号 57）" in text
    assert "差（本システム − 公表値）：B +2 － -2" in text


def test_pages_are_pictured_for_the_docs(pdf: Path) -> None:
    if shutil.which("pdftoppm") is None:
        pytest.fail("pdftoppm is missing: run `make browser` (installs poppler-utils)")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for old in SCREENSHOTS.glob("report-*.png"):
        old.unlink()
    area_1 = page_of(pdf, "1 就労・住居の確保等のための取組…14事業")
    for page, name in [
        (1, "cover"),
        (2, "overall"),
        (area_1, "area-1"),
        (area_1 + 1, "area-1-programs"),
        (page_of(pdf, "集計の確認"), "checks"),
    ]:
        subprocess.run(
            [
                "pdftoppm",
                "-png",
                "-r",
                "60",
                "-f",
                str(page),
                "-l",
                str(page),
                "-singlefile",
                str(pdf),
                str(SCREENSHOTS / f"report-{page:02d}-{name}"),
            ],
            check=True,
        )
    assert (SCREENSHOTS / f"report-{area_1:02d}-area-1.png").stat().st_size > 10_000


def page_of(pdf: Path, text: str) -> int:
    """Return the first page whose text holds text."""
    pages = pdftotext(pdf).split("\f")
    return next(i for i, page in enumerate(pages, start=1) if text in " ".join(page.split()))


def test_the_html_report_fetches_nothing_from_outside() -> None:
    html = render_html(Plan.objects.get(slug="saitama-r3"), 2021)
    assert "http://" not in html and "https://" not in html and "file://" not in html


# The attacker's name, and one whose newline ends the CSS string so that "}}" closes the @page
# rule and the table rule applies (Django escapes the quote, but CSS does not read HTML entities).
HOSTILE_PLAN_NAMES = ['x"}\n table{display:none} @page{', "x\n}}table{display:none}@page{{"]


@pytest.mark.parametrize("name", HOSTILE_PLAN_NAMES)
def test_finding_8_a_plan_name_cannot_break_out_of_the_page_header(name: str, tmp_path: Path) -> None:
    """Finding 8 (issue 17): a name with a quote and a newline once closed the header's CSS string."""
    plan = Plan.objects.get(slug="saitama-r3")
    Plan.objects.filter(pk=plan.pk).update(name=name)
    plan.refresh_from_db()
    path = tmp_path / "hostile.pdf"
    path.write_bytes(render_pdf(plan, 2021))
    pages = [" ".join(page.split()) for page in pdftotext(path).split("\f") if page.strip()]
    text = " ".join(pages)
    # Every table is still printed: ③ the composition, ④ the totals, the checks.
    assert "合計 74事業 30事業 44事業" in text
    assert "1 就労・住居の確保等のための取組" in text and "14事業" in text
    assert "集計の確認" in text
    # The name, as typed, heads every page (the newline is white space in HTML).
    header = " ".join(name.split()) + " 進捗状況（令和3年度）"
    assert all(header in page for page in pages), [p[:120] for p in pages if header not in p]
