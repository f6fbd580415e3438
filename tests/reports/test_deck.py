"""The council report as an editable deck: python-pptx reads it back with the same figures."""

from io import BytesIO

import pytest
from pptx import Presentation

from shinchoku.plans.models import Plan
from shinchoku.reports.deck import build_deck

pytestmark = pytest.mark.django_db


@pytest.fixture
def deck() -> Presentation:
    return Presentation(BytesIO(build_deck(Plan.objects.get(slug="saitama-r3"), 2021)))


def texts(slide) -> str:  # type: ignore[no-untyped-def]
    parts = []
    for shape in slide.shapes:
        if shape.has_text_frame:
            parts.append(shape.text_frame.text)
        if shape.has_table:
            parts.extend(cell.text for row in shape.table.rows for cell in row.cells)
    return " ".join(" ".join(parts).split())


def tables(slide) -> list[list[list[str]]]:  # type: ignore[no-untyped-def]
    return [[[c.text for c in row.cells] for row in s.table.rows] for s in slide.shapes if s.has_table]


def test_the_slides_follow_the_seeds_order(deck: Presentation) -> None:
    titles = [texts(s).split(" ")[0] for s in deck.slides]
    assert titles[0].startswith("さいたま市再犯防止推進計画の進捗状況（令和3年度）")
    assert titles[1].startswith("計画の構成…74事業")
    area_slides = [
        i
        for i, s in enumerate(deck.slides)
        if "事業" in texts(s) and texts(s)[:2] in ("1 ", "2 ", "3 ", "4 ", "5 ")
    ]
    assert len(area_slides) == 5
    assert "目安と異なる達成度" in texts(deck.slides[-1])


def test_the_overall_table_is_a_native_table_with_the_figures(deck: Presentation) -> None:
    table = tables(deck.slides[2])[1]
    assert table[0] == ["", "計画全体", "定量的評価", "定性的評価"]
    assert table[1] == ["達成度A", "12事業", "12事業", "なし"]
    assert table[2] == ["達成度B", "56事業", "16事業", "40事業"]
    assert table[4] == ["達成度－", "6事業", "2事業", "4事業"]
    assert table[5] == ["合計", "74事業", "30事業", "44事業"]


def test_each_area_has_a_native_chart_with_the_json_shares(deck: Presentation) -> None:
    area_2 = next(s for s in deck.slides if texts(s).startswith("2 保健医療"))
    chart = next(s.chart for s in area_2.shapes if s.has_chart)
    values = {series.name: series.values[0] for series in chart.plots[0].series}
    assert values == {"A": 8.0, "B": 77.0, "C": 0.0, "－": 15.0}
    assert "達成度A：8％ 達成度B：77％ 達成度－：15％" in texts(area_2)
    assert "事業番号 16" in texts(area_2)


def test_the_main_programs_are_editable_text(deck: Presentation) -> None:
    text = " ".join(texts(s) for s in deck.slides)
    assert "セーフティネット住宅登録戸数 5,621戸" in text
    assert "登録戸数は目標の106％（B相当）" in text  # program 12's deviation on the last slide
