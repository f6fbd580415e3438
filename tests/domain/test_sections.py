"""Section headings in every numbering style cities use, and levels learnt from their order."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from shinchoku.domain.sections import KATAKANA_ORDER, Heading, Outline, parse_heading


@pytest.mark.parametrize(
    ("text", "style", "numbers", "labels", "title"),
    [
        ("１　就労・住居の確保等のための取組", "digit", (1,), ("1",), "就労・住居の確保等のための取組"),
        ("1 就労・居住の確保等のための取組…14事業", "digit", (1,), ("1",), "就労・居住の確保等のための取組"),
        ("（１）就労の確保等", "paren-digit", (1,), ("(1)",), "就労の確保等"),
        ("(2) 住居の確保等（４事業）", "paren-digit", (2,), ("(2)",), "住居の確保等"),
        (
            "①就職に向けた相談・支援等の充実（7事業）",
            "circled",
            (1,),
            ("①",),
            "就職に向けた相談・支援等の充実",
        ),
        ("①", "circled", (1,), ("①",), ""),
        ("第1章 環境・アメニティ", "chapter:章", (1,), ("第1章",), "環境・アメニティ"),
        ("第１章　環境・アメニティ", "chapter:章", (1,), ("第1章",), "環境・アメニティ"),
        ("第三節　就労", "chapter:節", (3,), ("第3節",), "就労"),
        ("基本目標１", "named:基本目標", (1,), ("基本目標1",), ""),
        (
            "基本目標1 誰もが安心して暮らせるまち",
            "named:基本目標",
            (1,),
            ("基本目標1",),
            "誰もが安心して暮らせるまち",
        ),
        ("重点課題２　住まいの確保", "named:重点課題", (2,), ("重点課題2",), "住まいの確保"),
        ("施策の方向３", "named:施策の方向", (3,), ("施策の方向3",), ""),
        ("Ⅰ", "roman", (1,), ("Ⅰ",), ""),
        ("Ⅱ　就労の確保", "roman", (2,), ("Ⅱ",), "就労の確保"),
        ("ア", "katakana", (1,), ("ア",), ""),
        ("イ　住居の確保", "katakana", (2,), ("イ",), "住居の確保"),
        ("（ア）", "paren-katakana", (1,), ("(ア)",), ""),
        ("(ウ) 相談支援", "paren-katakana", (3,), ("(ウ)",), "相談支援"),
        ("1-1", "path", (1, 1), ("1", "-1"), ""),
        ("１－２　就労支援", "path", (1, 2), ("1", "-2"), "就労支援"),
        ("1-(1)-①", "path", (1, 1, 1), ("1", "-(1)", "-①"), ""),
        ("【1】", "bracket", (1,), ("【1】",), ""),
        ("【１】　就労", "bracket", (1,), ("【1】",), "就労"),
        ("1(1)① 就職", "path", (1, 1, 1), ("1", "(1)", "①"), "就職"),
        ("１（２）住居の確保等", "path", (1, 2), ("1", "(2)"), "住居の確保等"),
    ],
)
def test_a_heading_in_each_style(
    text: str, style: str, numbers: tuple[int, ...], labels: tuple[str, ...], title: str
) -> None:
    assert parse_heading(text) == Heading(style, numbers, labels, title)


@pytest.mark.parametrize(
    "text",
    [
        "1",  # a program number, not a heading
        "１２",
        "１（再掲）",
        "アウトリーチ支援",  # a title that starts with katakana
        "令和３年度の取組内容",
        "合計 74事業",
        "事業番号",
        "- 3 -",
        "※注意",
        "",
    ],
)
def test_what_is_not_a_heading(text: str) -> None:
    assert parse_heading(text) is None


def levels(texts: list[str]) -> list[int | None]:
    outline = Outline()
    result = []
    for text in texts:
        heading = parse_heading(text)
        assert heading is not None, text
        result.append(outline.place(heading))
    return result


def test_levels_follow_the_order_in_which_styles_first_appear() -> None:
    assert levels(
        ["第1章 環境", "基本目標１", "（ア）", "（イ）", "基本目標２", "第2章 福祉", "基本目標３"]
    ) == [
        1,
        2,
        3,
        3,
        2,
        1,
        2,
    ]


def test_the_seeds_order_with_a_circled_heading_directly_under_an_area() -> None:
    seed = [
        "１　就労",
        "（１）就労の確保等",
        "①就職",
        "②雇用",
        "（２）住居",
        "３　非行の防止",
        "①修学",
        "②非行防止",
    ]
    assert levels(seed) == [1, 2, 3, 3, 2, 1, 2, 2]


def test_five_levels_are_recognised_as_five() -> None:
    assert levels(
        ["Ⅰ", "１　基本政策", "（１）方向", "ア　施策", "（ア）課題", "（イ）課題", "イ　施策", "Ⅱ"]
    ) == [
        1,
        2,
        3,
        4,
        5,
        5,
        4,
        1,
    ]


def test_a_printed_path_needs_the_headings_above_it() -> None:
    assert levels(["1 就労", "1-1 就労の確保", "1-1-1 相談", "1-2 住居"]) == [1, 2, 3, 2]
    assert levels(["1 就労", "2-1 住居"]) == [1, None]


# Rendering of one number in each style, for the properties below.
RENDER = {
    "digit": lambda n: f"{n}　",
    "paren-digit": lambda n: f"（{n}）",
    "circled": lambda n: "①②③④⑤⑥⑦⑧⑨⑩"[n - 1],
    "chapter:章": lambda n: f"第{n}章　",
    "named:基本目標": lambda n: f"基本目標{n}　",
    "roman": lambda n: "ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩ"[n - 1] + "　",
    "katakana": lambda n: KATAKANA_ORDER[n - 1] + "　",
    "paren-katakana": lambda n: f"（{KATAKANA_ORDER[n - 1]}）",
    "bracket": lambda n: f"【{n}】",
}
titles = st.text(alphabet="就労住居確保支援の取組等", min_size=1, max_size=12)


@given(st.sampled_from(sorted(RENDER)), st.integers(1, 10), titles, st.booleans())
def test_any_heading_reads_back_its_style_number_and_title(
    style: str, n: int, title: str, wide: bool
) -> None:
    text = RENDER[style](n) + title
    if wide:
        text = text.translate({ord(c): ord(c) + 0xFEE0 for c in "0123456789"})
    heading = parse_heading(text)
    assert heading is not None
    assert (heading.style, heading.numbers, heading.title) == (style, (n,), title)


@st.composite
def outlines(draw: st.DrawFn) -> list[tuple[int, str]]:
    """A plan's tree in printed order: (depth, heading text), one style per depth, 1 to 5 levels."""
    styles = draw(st.permutations(sorted(RENDER)))[: draw(st.integers(1, 5))]
    rows: list[tuple[int, str]] = []

    def children(depth: int) -> None:
        for n in range(1, draw(st.integers(1, 3)) + 1):
            rows.append((depth, RENDER[styles[depth - 1]](n) + "取組"))
            if depth < len(styles) and draw(st.booleans()):
                children(depth + 1)

    children(1)
    return rows


@given(outlines())
def test_the_levels_of_any_outline_are_recovered_from_the_order_of_its_styles(
    rows: list[tuple[int, str]],
) -> None:
    assert levels([text for _, text in rows]) == [depth for depth, _ in rows]


@given(st.lists(st.text(max_size=20), max_size=12))
def test_any_text_is_read_without_error_and_placed_at_a_level_below_six_deep_per_heading(
    texts: list[str],
) -> None:
    outline = Outline()
    for count, text in enumerate(texts, start=1):
        heading = parse_heading(text)
        if heading is not None:
            level = outline.place(heading)
            assert level is None or 1 <= level <= max(count, len(heading.numbers))
