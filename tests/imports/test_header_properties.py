"""Any header a city might draw (columns in any order, one to three rows, group headings, merged or not) is read."""

from hypothesis import given, settings
from hypothesis import strategies as st

from shinchoku.imports.table import Column, Header, find_header
from shinchoku.lib.reading import Sheet

# (field, the heading's lower part, a group heading that may stand above it)
PARTS = [
    (Column.NUMBER, ("事業", "番号"), None),
    (Column.TITLE, ("標題",), "計画に掲載している"),
    (Column.CONTENT, ("事業内容",), "計画に掲載している"),
    (Column.ACTIVITIES, ("取組内容",), "令和３年度"),
    (Column.TARGET, ("目標",), "令和３年度"),
    (Column.RESULT, ("実績・取組の成果",), "令和３年度"),
    (Column.GRADE, ("達成度",), "令和３年度"),
    (Column.DEPARTMENT, ("所管課",), None),
]


@settings(max_examples=60, deadline=None)
@given(
    order=st.permutations(range(len(PARTS))),
    split_number=st.booleans(),
    groups=st.booleans(),
    repeat_down=st.booleans(),
    title_rows=st.integers(0, 3),
)
def test_any_header_drawing_gives_the_same_columns(
    order: list[int], split_number: bool, groups: bool, repeat_down: bool, title_rows: int
) -> None:
    depth = 1 + int(split_number) + int(groups)
    header_rows: list[list[str]] = [[] for _ in range(depth)]
    for index in order:
        _, lower, group = PARTS[index]
        texts = list(lower) if split_number else ["".join(lower)]
        cells = ([group or ""] if groups else []) + [""] * (depth - int(groups) - len(texts)) + texts
        if repeat_down:  # a merged cell carries its value down (reading.py fills every covered cell)
            cells = [cells[i] or next((c for c in cells[i:] if c), "") for i in range(depth)]
        for row, text in zip(header_rows, cells, strict=True):
            row.append(text)
    rows = [["令和３年度　進捗管理表"] for _ in range(title_rows)] + header_rows
    rows += [["1", *["" for _ in PARTS[1:]]]]
    header = find_header(Sheet("s", rows), (Column.NUMBER, Column.TITLE))
    assert isinstance(header, Header)
    assert header.row == title_rows + depth
    assert header.columns == {PARTS[i][0]: position for position, i in enumerate(order, start=1)}
