"""Every heading spelling in imports/synonyms.py names its column, alone in a header row."""

import pytest

from shinchoku.imports.synonyms import HEADINGS
from shinchoku.imports.table import Column, Header, find_header
from shinchoku.lib.reading import Sheet

SPELLINGS = [(column, spelling) for column, spellings in HEADINGS.items() for spelling in spellings]


def header_of(*headings: str) -> Header:
    header = find_header(Sheet("s", [["令和３年度　進捗管理表"], list(headings)]), (Column.NUMBER,))
    assert isinstance(header, Header), header
    return header


@pytest.mark.parametrize(("column", "spelling"), SPELLINGS, ids=[s for _, s in SPELLINGS])
def test_each_spelling_names_its_column(column: Column, spelling: str) -> None:
    if column is Column.NUMBER:
        assert header_of(spelling, "標題").columns[Column.NUMBER] == 1
    else:
        assert header_of("事業番号", spelling).columns[column] == 2


@pytest.mark.parametrize(
    ("heading", "column"),
    [
        ("事業\n番号", Column.NUMBER),
        ("ＮＯ．", Column.NUMBER),
        ("No.", Column.NUMBER),
        ("達成\n度", Column.GRADE),
        ("令和３年度\n自己評価", Column.GRADE),
        ("令和4年度の達成状況", Column.GRADE),
        ("担当　部署", Column.DEPARTMENT),
        ("令和３年度の取組内容", Column.ACTIVITIES),
        ("R3評価", Column.GRADE),
        ("R３評価", Column.GRADE),
        ("Ｒ３評価", Column.GRADE),
        ("令和3年度評価", Column.GRADE),
        ("2021年度評価", Column.GRADE),
        ("R3年度総合評価", Column.GRADE),
    ],
)
def test_line_breaks_spaces_widths_and_a_leading_year_do_not_matter(heading: str, column: Column) -> None:
    header = header_of(heading, "標題") if column is Column.NUMBER else header_of("事業番号", heading)
    assert column in header.columns


def test_every_spelling_names_one_column_only() -> None:
    spellings = [spelling for _, spelling in SPELLINGS]
    assert len(spellings) == len(set(spellings))


def test_a_sheet_without_a_header_says_what_each_column_may_be_called_and_what_it_saw() -> None:
    sheet = Sheet(
        "進捗", [["令和３年度　進捗管理表"], ["No", "施策名", "担当係"], ["1", "就労支援", "福祉総務課"]]
    )
    problem = find_header(sheet, (Column.NUMBER, Column.TITLE))
    assert not isinstance(problem, Header)
    text = str(problem)
    assert "「計画に掲載している標題」の列がありません" in text
    assert (
        "先頭の行: 1行目「令和３年度　進捗管理表」、2行目「No」「施策名」「担当係」、3行目「1」「就労支援」「福祉総務課」"
        in text
    )
    assert "事業番号の列なら「事業番号」「番号」" in text
    assert "計画に掲載している標題の列なら「計画に掲載している標題」" in text and "「事業名」" in text
