"""Each layout of docs/import.md, printed by LibreOffice as a city's PC would print the sheet.

The test proves the fixtures are sheets an office suite opens and prints with the text the
importer reads; `make screenshots` keeps each first page as docs/screenshots/import-layout-*.png.
"""

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from layout_pictures import render
from layout_sheets import THREE_ROW_HEADER, THREE_ROW_MERGES, TWO_ROW_HEADER, TWO_ROW_MERGES
from seed_sheet import seed_workbook
from workbooks import Row, xlsx

SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"

REPEATED_HEADER: list[Row] = [
    *TWO_ROW_HEADER,
    ["- 1 -"],
    *TWO_ROW_HEADER[2:4],
    ["3", "住まいの相談", "住宅政策課", "相談を受けました。", "―", "延べ40件", "Ｂ"],
]
HEADINGS: list[Row] = [
    ["事業番号", "事業名", "担当課", "達成度"],
    ["第1章 環境・アメニティ"],
    ["第１節　住まい"],
    ["1", "住まいの相談", "住宅政策課", "Ｂ"],
    ["第2章 福祉"],
    ["基本目標１　安心して暮らせるまち"],
    ["2", "就労支援の取組", "労働政策課", "Ａ"],
]
RELISTINGS: list[Row] = [
    ["事業番号", "計画に掲載している標題", "所管課", "再掲"],
    ["１　就労"],
    ["1", "就労支援の取組", "労働政策課", None],
    ["２　福祉"],
    ["１（再掲）", "就労支援の取組", "労働政策課", None],
    ["1", "就労支援の取組", "労働政策課", "○"],
    [None, "再掲：事業番号1", None, None],
]

LAYOUTS = {
    "a-seed": (seed_workbook(), "計画に掲載している標題"),
    "b-two-row-header": (xlsx(TWO_ROW_HEADER, merges=TWO_ROW_MERGES), "実績・取組の成果"),
    "b-three-row-header": (xlsx(THREE_ROW_HEADER, merges=THREE_ROW_MERGES), "自己評価"),
    "c-repeated-header": (
        xlsx(REPEATED_HEADER, merges=[*TWO_ROW_MERGES, "B9:B10", "C9:C10", "D9:G9"]),
        "住まいの相談",
    ),
    "d-headings": (xlsx(HEADINGS), "第1章 環境・アメニティ"),
    "e-relistings": (xlsx(RELISTINGS), "再掲：事業番号1"),
}


@pytest.mark.parametrize("name", sorted(LAYOUTS))
def test_the_layout_prints_with_the_text_the_importer_reads(name: str, tmp_path: Path) -> None:
    content, expected = LAYOUTS[name]
    pdf, picture = render(content, tmp_path, name)
    text = subprocess.run(["pdftotext", pdf, "-"], check=True, capture_output=True, text=True).stdout
    assert expected.replace(" ", "") in text.replace(" ", "")
    assert picture.stat().st_size > 5_000
    if os.environ.get("SHINCHOKU_SCREENSHOTS"):
        shutil.copyfile(picture, SCREENSHOTS / f"import-layout-{name}.png")
