"""A ※ beside a grade points to a footnote and is not part of it; 「同上」 in a title means the row above.

The seed grades 事業番号22 (生活困窮者自立支援制度における取組, two 所管課) 「Ｂ」 and explains it under
the table: 「※1事業に２つの所管課に関わり、達成度が「Ｂ」と「―」の場合、達成度は「Ｂ」としています。」;
cities put the ※ in the grade cell. Its 事業番号30 is printed with the title 「同上」.
"""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from shinchoku.domain.cell_marks import means_ditto, split_note_mark
from shinchoku.domain.grades import SEED_SCALE


@pytest.mark.parametrize(
    ("cell", "value", "mark"),
    [
        ("Ｂ ※", "Ｂ", "※"),
        ("A※", "A", "※"),
        ("Ｂ（※1）", "Ｂ", "（※1）"),
        ("Ｂ※１", "Ｂ", "※１"),
        ("B (※2)", "B", "(※2)"),
        ("※1 Ａ", "Ａ", "※1"),
        ("―※", "―", "※"),
        ("Ｂ＊", "Ｂ", "＊"),
        # no mark, or only a mark: the cell as written, for the scale to accept or refuse
        ("Ｂ", "Ｂ", ""),
        ("Ａ（上回った）", "Ａ（上回った）", ""),
        ("※", "※", ""),
        ("※1", "※1", ""),
        ("", "", ""),
    ],
)
def test_a_note_mark_beside_a_value_is_set_apart(cell: str, value: str, mark: str) -> None:
    assert split_note_mark(cell) == (value, mark)


def test_the_seeds_footnote_is_not_a_grade_with_a_mark() -> None:
    footnote = "※1事業に２つの所管課に関わり、達成度が「Ｂ」と「―」の場合、達成度は「Ｂ」としています。"
    value, mark = split_note_mark(footnote)
    assert mark == "※1" and value.startswith("事業に２つの所管課")  # no grade: the scale refuses it


MARKS = st.builds(
    lambda star, digits, space, brackets: f"（{star}{digits}）" if brackets else f"{star}{digits}",
    st.sampled_from("※＊*"),
    st.sampled_from(["", "1", "１", "2", "12"]),
    st.sampled_from(["", " ", "　"]),
    st.booleans(),
)


@given(
    st.sampled_from([s for g in SEED_SCALE.grades for s in (g.label, *g.aliases)]),
    MARKS,
    st.sampled_from(["", " ", "　"]),
)
def test_every_spelling_of_a_grade_with_any_mark_after_it_is_the_spelling(
    spelling: str, mark: str, space: str
) -> None:
    assert split_note_mark(f"{spelling}{space}{mark}") == (spelling, mark)


@given(st.text(alphabet=st.characters(blacklist_characters="※＊*", blacklist_categories=("Cs",))))
def test_a_cell_without_a_mark_is_only_trimmed(text: str) -> None:
    assert split_note_mark(text) == (text.strip(), "")


@pytest.mark.parametrize("cell", ["同上", "〃", "同", " 同 上 ", "〃　"])
def test_ditto_words_mean_the_row_above(cell: str) -> None:
    assert means_ditto(cell)


@pytest.mark.parametrize(
    "cell", ["薬物依存症者本人および家族等への支援", "同上の取組", "同左", "上", "", "同上（再掲）"]
)
def test_other_titles_are_titles(cell: str) -> None:
    assert not means_ditto(cell)
