"""The deck is for everyone: titles a screen reader finds, alternative text with the figures, and
nothing drawn off its slide when LibreOffice (as a city's PC without PowerPoint) renders it."""

import re
import subprocess
from io import BytesIO
from pathlib import Path

import pytest
from pptx import Presentation
from pptx.oxml.ns import qn

from shinchoku.plans.models import Plan
from shinchoku.reports.deck import DECORATIVE_NS, build_deck

pytestmark = pytest.mark.django_db

WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>')
PAGE = re.compile(r'<page width="([\d.]+)" height="([\d.]+)">')


@pytest.fixture(scope="module")
def deck_bytes(django_db_setup: None, django_db_blocker: pytest.FixtureRequest) -> bytes:
    with django_db_blocker.unblock():  # type: ignore[attr-defined]
        return build_deck(Plan.objects.get(slug="saitama-r3"), 2021)


def frames(slide):  # type: ignore[no-untyped-def]
    return [s for s in slide.shapes if s.has_chart or s.has_table]


def description(shape) -> str:  # type: ignore[no-untyped-def]
    return shape._element.xpath("./*[1]/p:cNvPr")[0].get("descr", "")


def test_every_slide_has_a_real_title_read_first(deck_bytes: bytes) -> None:
    for number, slide in enumerate(Presentation(BytesIO(deck_bytes)).slides, start=1):
        title = slide.shapes.title
        assert title is not None, f"slide {number} has no title placeholder"
        assert title.text_frame.text.strip(), f"slide {number} has an empty title"
        assert slide.shapes[0].shape_id == title.shape_id, f"slide {number}: the title is not read first"


def test_the_title_slide_is_titled_with_the_plan_and_year(deck_bytes: bytes) -> None:
    first = Presentation(BytesIO(deck_bytes)).slides[0]
    assert first.shapes.title.text_frame.text == "さいたま市再犯防止推進計画の進捗状況（令和3年度）"


def test_every_chart_and_table_has_alternative_text(deck_bytes: bytes) -> None:
    deck = Presentation(BytesIO(deck_bytes))
    described = [(n, description(s)) for n, slide in enumerate(deck.slides, 1) for s in frames(slide)]
    assert len(described) > 10
    assert [n for n, text in described if not text] == []


def test_the_overall_chart_states_its_figures_in_words(deck_bytes: bytes) -> None:
    # The seed: 74 programs, A 12 (16%), B 56 (76%), C 0, － 6 (8%).
    deck = Presentation(BytesIO(deck_bytes))
    chart = next(s for slide in deck.slides for s in slide.shapes if s.has_chart)
    assert "計画全体：達成度A 16％、B 76％、C 0％、－ 8％" in description(chart)


def test_the_overall_table_describes_its_totals(deck_bytes: bytes) -> None:
    deck = Presentation(BytesIO(deck_bytes))
    table = [s for s in deck.slides[2].shapes if s.has_table][1]
    assert "合計 74事業" in description(table)
    assert table.table.first_row


def test_the_title_rule_is_marked_decorative(deck_bytes: bytes) -> None:
    slide = Presentation(BytesIO(deck_bytes)).slides[1]
    lines = [s for s in slide.shapes if s.shape_type is not None and s.shape_type == 9]  # LINE
    assert lines
    flags = lines[0]._element.xpath(f".//*[local-name()='decorative' and namespace-uri()='{DECORATIVE_NS}']")
    assert flags and flags[0].get("val") == "1"
    assert qn("a:ext")  # the extension is an a:ext of the shape's cNvPr


@pytest.fixture(scope="module")
def rendered(deck_bytes: bytes, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Return the deck rendered to PDF by LibreOffice headless (Debian's libreoffice-impress)."""
    folder = tmp_path_factory.mktemp("deck")
    source = folder / "report.pptx"
    source.write_bytes(deck_bytes)
    profile = (folder / "profile").as_uri()
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation={profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            folder,
            source,
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    return folder / "report.pdf"


def test_libreoffice_renders_one_page_per_slide(deck_bytes: bytes, rendered: Path) -> None:
    slides = len(Presentation(BytesIO(deck_bytes)).slides)
    info = subprocess.run(["pdfinfo", rendered], check=True, capture_output=True, text=True).stdout
    assert f"Pages:{' ' * 10}{slides}" in info or re.search(rf"^Pages:\s+{slides}$", info, re.M)


def test_no_text_is_drawn_off_its_slide(rendered: Path) -> None:
    layout = subprocess.run(["pdftotext", "-bbox", rendered, "-"], check=True, capture_output=True, text=True)
    outside = []
    for number, page in enumerate(layout.stdout.split("<page ")[1:], start=1):
        width, height = map(float, PAGE.match("<page " + page).groups())  # type: ignore[union-attr]
        for x_min, y_min, x_max, y_max, word in WORD.findall(page):
            if float(x_min) < 0 or float(y_min) < 0 or float(x_max) > width + 1 or float(y_max) > height + 1:
                outside.append(f"slide {number}: {word}")
    assert outside == []


def test_the_rendered_slides_carry_the_seeds_text(rendered: Path) -> None:
    text = subprocess.run(["pdftotext", rendered, "-"], check=True, capture_output=True, text=True).stdout
    assert "計画の構成…74事業" in text.replace(" ", "")


def test_libreoffice_draws_the_slides_as_pictures(rendered: Path) -> None:
    """The slides as PNG (what `make screenshots` keeps): a drawn slide, not a blank page."""
    subprocess.run(
        ["pdftoppm", "-png", "-r", "40", "-f", "1", "-l", "3", rendered, rendered.with_suffix("")],
        check=True,
        capture_output=True,
    )
    pictures = sorted(rendered.parent.glob("report-*.png"))
    assert len(pictures) == 3
    assert all(p.stat().st_size > 5_000 for p in pictures)


def test_no_two_slides_share_a_title(deck_bytes: bytes) -> None:
    titles = [s.shapes.title.text_frame.text for s in Presentation(BytesIO(deck_bytes)).slides]
    assert len(titles) == len(set(titles))
    assert any(t.endswith("（1/2）") for t in titles)  # an area whose main programs take two slides


def test_the_file_is_titled_and_every_text_is_japanese(deck_bytes: bytes) -> None:
    deck = Presentation(BytesIO(deck_bytes))
    assert deck.core_properties.title == "さいたま市再犯防止推進計画の進捗状況（令和3年度）"
    assert deck.core_properties.language == "ja-JP"
    languages = {
        run.font._element.get("lang")
        for slide in deck.slides
        for shape in slide.shapes
        if shape.has_text_frame
        for paragraph in shape.text_frame.paragraphs
        for run in paragraph.runs
    }
    assert languages == {"ja-JP"}
    assert "en-US" not in {e.get("lang") for e in deck.slide_master.part._element.xpath(".//*[@lang]")}
    chart = next(s.chart for slide in deck.slides for s in slide.shapes if s.has_chart)
    assert chart._chartSpace.find(qn("c:lang")).get("val") == "ja-JP"


def contrast(foreground: str, background: str) -> float:
    """Return the WCAG contrast ratio of two sRGB colours written RRGGBB."""

    def luminance(colour: str) -> float:
        channels = [int(colour[i : i + 2], 16) / 255 for i in (0, 2, 4)]
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    light, dark = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def test_table_headers_have_a_fill_white_text_reads_on(deck_bytes: bytes) -> None:
    deck = Presentation(BytesIO(deck_bytes))
    for slide in deck.slides:
        for shape in slide.shapes:
            if not shape.has_table:
                continue
            for cell in shape.table.rows[0].cells:
                fill = str(cell.fill.fore_color.rgb)
                colours = {str(r.font.color.rgb) for p in cell.text_frame.paragraphs for r in p.runs}
                assert colours == {"FFFFFF"}
                assert contrast("FFFFFF", fill) >= 4.5
