"""What a city publishes reads aloud: the council report and the leaflet are tagged PDF/UA-1.

Each PDF is opened with pikepdf and its structure checked as a screen reader would use it: marked
content, a structure tree, the document language and title, a text alternative on every figure that
states the figures, header cells in every table, and the reading order of the seed's sections.
"""

import io
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pikepdf
import pytest

from shinchoku.accounts.models import Organization
from shinchoku.directory.leaflet import render_leaflet_pdf
from shinchoku.plans.models import Plan
from shinchoku.reports.council import render_pdf

pytestmark = pytest.mark.django_db


def _elements(node: object) -> Iterator[pikepdf.Dictionary]:
    """Yield every structure element under node, depth first (the reading order)."""
    if isinstance(node, pikepdf.Array):
        for kid in node:
            yield from _elements(kid)
    elif isinstance(node, pikepdf.Dictionary) and "/S" in node:
        yield node
        if "/K" in node:
            yield from _elements(node.K)


def _kind(element: pikepdf.Dictionary) -> str:
    return str(element.S)


def _text(pdf_bytes: bytes, *options: str) -> str:
    with tempfile.NamedTemporaryFile(suffix=".pdf") as handle:
        handle.write(pdf_bytes)
        handle.flush()
        return subprocess.run(
            ["pdftotext", *options, handle.name, "-"], capture_output=True, text=True, check=True
        ).stdout


@pytest.fixture(scope="module")
def council_pdf(django_db_setup: None, django_db_blocker: pytest.FixtureRequest) -> bytes:
    with django_db_blocker.unblock():  # type: ignore[attr-defined]
        return render_pdf(Plan.objects.get(slug="saitama-r3"), 2021)


@pytest.fixture(scope="module")
def leaflet_pdf(django_db_setup: None, django_db_blocker: pytest.FixtureRequest) -> bytes:
    with django_db_blocker.unblock():  # type: ignore[attr-defined]
        return render_leaflet_pdf(Organization.objects.get(jis_code="111007"))


_OPEN: list[pikepdf.Pdf] = []  # the elements live only as long as their document


def _check_structure(pdf_bytes: bytes, title: str) -> list[pikepdf.Dictionary]:
    pdf = pikepdf.open(io.BytesIO(pdf_bytes))
    _OPEN.append(pdf)
    assert pdf.Root.MarkInfo.Marked is True
    assert str(pdf.Root.Lang) == "ja"
    assert str(pdf.docinfo.Title) == title
    assert pdf.Root.ViewerPreferences.DisplayDocTitle is True  # the title, not the file name, is announced
    assert "pdfuaid" in str(pdf.open_metadata())  # it says it is PDF/UA
    return list(_elements(pdf.Root.StructTreeRoot.K))


def _check_tables(elements: list[pikepdf.Dictionary]) -> int:
    """Every table has header cells and every data cell names its headers; return the number of tables."""
    tables = [e for e in elements if _kind(e) == "/Table"]
    for table in tables:
        cells = list(_elements(table.K))
        assert any(_kind(c) == "/TH" for c in cells)
        for cell in (c for c in cells if _kind(c) == "/TD"):
            assert len(cell.A.Headers) > 0
    return len(tables)


def test_the_council_report_is_tagged_with_language_title_and_headings(council_pdf: bytes) -> None:
    elements = _check_structure(council_pdf, "さいたま市再犯防止推進計画 進捗状況（令和3年度）")
    kinds = [_kind(e) for e in elements]
    assert kinds.count("/H1") == 1 and kinds.count("/H2") >= 5  # the title, then a heading per section
    assert "/L" in kinds and "/LI" in kinds


def test_every_table_of_the_council_report_has_header_cells(council_pdf: bytes) -> None:
    assert (
        _check_tables(_check_structure(council_pdf, "さいたま市再犯防止推進計画 進捗状況（令和3年度）")) >= 10
    )


def test_every_chart_of_the_council_report_states_its_figures(council_pdf: bytes) -> None:
    elements = _check_structure(council_pdf, "さいたま市再犯防止推進計画 進捗状況（令和3年度）")
    alts = [str(e.Alt) for e in elements if _kind(e) == "/Figure"]
    assert alts and all(alts)
    # The seed: 計画全体 A 12 of 74 = 16%, area 1 A 36% and B 64%.
    assert any("計画全体: 達成度A 16％、達成度B 76％" in a for a in alts)
    assert any(a.startswith("1の達成度の割合のグラフ。1 全体: 達成度A 36％、達成度B 64％") for a in alts)
    assert not any("数値は表のとおり" in a for a in alts)


def test_the_council_report_reads_in_the_seeds_order(council_pdf: bytes) -> None:
    text = _text(council_pdf)
    order = [
        "再犯防止を取り巻く状況",
        "達成度の基準",
        "1 就労・住居の確保等のための取組…14事業",
        "2 保健医療・福祉サービスの利用の促進等のための取組…26事業",
        "3 非行の防止・学校と連携した修学支援等のための取組…15事業",
        "4 犯罪をした者等の特性に応じた支援等のための取組…10事業",
        "5 民間協力者の活動の促進、広報・啓発活動の推進等のための取組…9事業",
    ]
    positions = [text.index(heading) for heading in order]
    assert positions == sorted(positions)


def test_the_leaflet_is_tagged_with_headings_and_tables(leaflet_pdf: bytes) -> None:
    elements = _check_structure(leaflet_pdf, "さいたま市 再犯防止リーフレット")
    kinds = [_kind(e) for e in elements]
    assert "/H1" in kinds and "/H2" in kinds
    _check_tables(elements)
    assert all(str(e.get("/Alt", "")) for e in elements if _kind(e) == "/Figure")


def test_pdfinfo_says_tagged(council_pdf: bytes, tmp_path: Path) -> None:
    path = tmp_path / "report.pdf"
    path.write_bytes(council_pdf)
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    assert "Tagged:          yes" in info


def test_the_leaflet_lists_each_window_once_with_its_other_fields(leaflet_pdf: bytes) -> None:
    """A window with several 分野 is listed under its first, its others named (it was printed three times)."""
    text = _text(leaflet_pdf, "-raw").replace("\n", "")  # written order: the windows run in two columns
    assert text.count("生活自立・仕事相談センター") == 1  # 就労 and 住居・生活困窮: once, under 就労
    assert text.index("就労") < text.index("生活自立・仕事相談センター")
    assert "ほかに住居・生活困窮の相談にも応じます" in text
    assert text.count("さいたま若者自立支援ルーム") == 1
    assert "ほかに子ども・若者の相談にも応じます" in text


def test_the_leaflets_windows_start_on_its_first_page(leaflet_pdf: bytes, tmp_path: Path) -> None:
    """第2部 follows 第1部 on page 1 (a page break left it two-thirds empty); all fits on 2 of A4."""
    path = tmp_path / "leaflet.pdf"
    path.write_bytes(leaflet_pdf)
    first_page = subprocess.run(
        ["pdftotext", "-f", "1", "-l", "1", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "相談窓口一覧" in first_page and "さいたま若者自立支援ルーム" in first_page
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    assert "Pages:           2" in info


@pytest.fixture(scope="module")
def archive_pdf(django_db_setup: None, django_db_blocker: pytest.FixtureRequest) -> bytes:
    with django_db_blocker.unblock():  # type: ignore[attr-defined]
        return render_pdf(Plan.objects.get(slug="saitama-r3"), 2021, archival=True)


def test_the_archive_copy_declares_pdf_a_2a_and_is_tagged_like_the_published_one(
    archive_pdf: bytes,
) -> None:
    with pikepdf.open(io.BytesIO(archive_pdf)) as pdf:
        with pdf.open_metadata() as meta:
            assert meta.get("pdfaid:part") == "2"
            assert meta.get("pdfaid:conformance") == "A"
        assert pdf.Root.MarkInfo.Marked
        assert str(pdf.Root.Lang).startswith("ja")
        kinds = {_kind(e) for e in _elements(pdf.Root.StructTreeRoot.K)}
        assert {"/H1", "/Table", "/TH", "/Figure"} <= kinds
        figures = [e for e in _elements(pdf.Root.StructTreeRoot.K) if _kind(e) == "/Figure"]
        assert all("/Alt" in f for f in figures)
    assert "計画の構成" in _text(archive_pdf)


def test_each_window_of_the_leaflet_is_a_heading_to_jump_to(leaflet_pdf: bytes) -> None:
    with pikepdf.open(io.BytesIO(leaflet_pdf)) as pdf:
        kinds = [_kind(e) for e in _elements(pdf.Root.StructTreeRoot.K)]
    assert kinds.count("/H4") >= 10  # the demo directory's ten windows
