"""評価対象外 leaves the count (枚方市), － stays in it (さいたま市); 「うち重点」 beside every total (川崎市)."""

from collections.abc import Sequence

import pytest
from hypothesis import given
from hypothesis import strategies as st

from shinchoku.domain.evaluation import DepartmentGrade, EvaluationType, ProgramGrade, grade_program
from shinchoku.domain.exclusion import excluded_note, set_aside_excluded
from shinchoku.domain.figures import Figures, Level, ListingRow, compute_figures
from shinchoku.domain.grades import SEED_SCALE
from shinchoku.domain.priority import priority_figures, priority_numbers
from shinchoku.domain.scale_presets import PRESETS

COVID = "新型コロナウイルス感染症の影響により事業を中止したため"
AREA_1 = Level(path="1", title="就労・住居の確保等のための取組")
AREA_2 = Level(path="2", title="保健医療・福祉サービスの利用の促進等のための取組")


def entry(department: str, final: str | None, *, excluded: bool = False, reason: str = "") -> DepartmentGrade:
    return DepartmentGrade(
        department=department,
        evaluation_type=EvaluationType.QUALITATIVE,
        suggested=None,
        final=final,
        excluded=excluded,
        excluded_reason=reason,
    )


def figures_of(
    grades: Sequence[tuple[str | None, bool]], *, scale=SEED_SCALE, places: int = 0
) -> tuple[Figures, list]:
    """Programs numbered from 1, each one department and one listing in area 1: (grade, excluded)."""
    departments = {
        n: [entry("労働政策課", g, excluded=x, reason=COVID if x else "")]
        for n, (g, x) in enumerate(grades, start=1)
    }
    counted, excluded = set_aside_excluded(departments, {n: f"事業{n}" for n in departments})
    programs = [
        grade_program(scale=scale, number=n, title=f"事業{n}", departments=d) for n, d in counted.items()
    ]
    listings = [ListingRow(area=AREA_1, level=AREA_1, program=n, is_relisting=False) for n in counted]
    return compute_figures(scale=scale, listings=listings, programs=programs, places=places), excluded


def values(counts: dict) -> tuple:
    return tuple(counts.values())


@pytest.mark.parametrize(
    ("a", "b", "c", "dash", "excluded", "total", "counts", "percent"),
    [
        # さいたま市 令和3年度 as published (④): 74 listings, A 12 / B 54 / C 0 / － 8, － counted.
        (12, 54, 0, 8, 0, 74, (12, 54, 0, 8), (16, 73, 0, 11)),
        # The same year had its 8 items been 評価対象外 (枚方市's way): 66 counted, 18% / 82% / 0%.
        (12, 54, 0, 0, 8, 66, (12, 54, 0, 0), (18, 82, 0, 0)),
        # Half up: 1 of 8 is 12.5% → 13%, 7 of 8 is 87.5% → 88% (Python's round() gives 12 and 88).
        (1, 7, 0, 0, 2, 8, (1, 7, 0, 0), (13, 88, 0, 0)),
        # Everything excluded: nothing counted, 0% everywhere.
        (0, 0, 0, 0, 3, 0, (0, 0, 0, 0), (0, 0, 0, 0)),
    ],
)
def test_excluded_programs_leave_every_count_and_percentage(
    a: int, b: int, c: int, dash: int, excluded: int, total: int, counts: tuple, percent: tuple
) -> None:
    grades = [("A", False)] * a + [("B", False)] * b + [("C", False)] * c + [("－", False)] * dash
    figures, left_out = figures_of(grades + [(None, True)] * excluded)
    assert figures["total"] == figures["programs"] == total
    assert values(figures["overall"]) == counts
    assert values(figures["overall_percent"]) == percent
    assert values(figures["by_area"][0]["percent"] if total else figures["overall_percent"]) == percent
    assert len(left_out) == excluded
    assert figures["checks"]["ungraded_programs"] == []  # an excluded program is not "ungraded"


def test_the_note_names_the_count_and_the_reason() -> None:
    _, left_out = figures_of([("A", False), (None, True), (None, True)])
    assert left_out[0] == {"program": 2, "title": "事業2", "departments": ["労働政策課"], "reason": COVID}
    assert excluded_note(left_out) == f"評価対象外：2事業（{COVID}）"
    assert excluded_note([]) == ""


def test_an_excluded_department_is_left_out_of_the_merge() -> None:
    # Program 16 of the seed had B and －; had the － department been 評価対象外, B alone is counted.
    departments = {16: [entry("地域福祉課", "B"), entry("生活福祉課", None, excluded=True, reason=COVID)]}
    counted, excluded = set_aside_excluded(departments, {16: "生活困窮者自立支援"})
    assert excluded == []
    program = grade_program(scale=SEED_SCALE, number=16, title="", departments=counted[16])
    assert program.grade == "B"
    assert [d.department for d in program.departments] == ["地域福祉課"]
    assert not program.not_evaluable_set_aside  # no － was set aside: the excluded entry is not a －


def test_a_program_is_excluded_only_when_every_entry_is() -> None:
    departments = {
        3: [
            entry("教育政策課", None, excluded=True, reason="中止"),
            entry("青少年育成課", None, excluded=True, reason="延期"),
        ],
        4: [entry("教育政策課", None, excluded=True, reason="中止"), entry("青少年育成課", None)],
    }
    counted, excluded = set_aside_excluded(departments, {3: "三", 4: "四"})
    assert [p["program"] for p in excluded] == [3]
    assert excluded[0]["reason"] == "中止／延期"
    assert list(counted) == [4]  # graded by its other department, ungraded until it is


# 川崎市-like: 1 (best) … 5, six programs in two areas, programs 2, 3 and 5 重点; program 3 listed again.
KAWASAKI = PRESETS["one-to-five"]
K_GRADES = {1: "1", 2: "2", 3: "3", 4: "3", 5: "4", 6: "5"}


def kawasaki() -> tuple[Figures, list[ListingRow], list[ProgramGrade]]:
    programs = [
        grade_program(scale=KAWASAKI, number=n, title=f"事業{n}", departments=[entry("課", g)])
        for n, g in K_GRADES.items()
    ]
    listings = [
        ListingRow(
            area=AREA_1 if n <= 3 else AREA_2,
            level=AREA_1 if n <= 3 else AREA_2,
            program=n,
            is_relisting=False,
        )
        for n in K_GRADES
    ] + [ListingRow(area=AREA_2, level=AREA_2, program=3, is_relisting=True)]
    return compute_figures(scale=KAWASAKI, listings=listings, programs=programs, places=0), listings, programs


def test_priority_counts_sit_beside_the_totals() -> None:
    totals, listings, programs = kawasaki()
    part = priority_figures(
        totals=totals, scale=KAWASAKI, listings=listings, programs=programs, places=0, marked={2, 3, 5}
    )
    assert (totals["total"], part["total"]) == (7, 4)  # 7事業（うち重点4）, re-listing of 3 included
    assert (totals["programs"], part["programs"]) == (6, 3)
    assert part["overall"] == {"1": 0, "2": 1, "3": 2, "4": 1, "5": 0}
    assert part["overall_percent"] == {"1": 0, "2": 25, "3": 50, "4": 25, "5": 0}
    assert part["overall_unique"] == {"1": 0, "2": 1, "3": 1, "4": 1, "5": 0}
    assert [(a["number"], a["total"], a["unique_total"]) for a in part["by_area"]] == [
        ("1", 2, 2),
        ("2", 2, 2),
    ]
    assert part["by_type"]["qualitative"] == part["overall"]
    assert part["marked"] == [2, 3, 5]


def test_an_area_without_priority_programs_shows_zeros() -> None:
    totals, listings, programs = kawasaki()
    part = priority_figures(
        totals=totals, scale=KAWASAKI, listings=listings, programs=programs, places=0, marked={1}
    )
    assert [a["total"] for a in part["by_area"]] == [1, 0]
    assert part["by_area"][1]["counts"] == dict.fromkeys("12345", 0)


@pytest.mark.parametrize(
    ("year", "marks", "expected"),
    [
        (None, [2, 3, 5], {2, 3, 5}),  # no list for the year: the programs' marks
        ([1, 6], [2, 3, 5], {1, 6}),  # the year's own list replaces the marks
        ([], [2, 3, 5], set()),  # an empty list: no priority program that year
    ],
)
def test_the_years_list_replaces_the_marks(
    year: list[int] | None, marks: list[int], expected: set[int]
) -> None:
    assert priority_numbers(year, marks) == expected


@given(
    st.lists(st.tuples(st.sampled_from(["A", "B", "C", "－"]), st.booleans()), max_size=30),
    st.sets(st.integers(min_value=1, max_value=30)),
)
def test_priority_is_a_part_of_its_total_and_excluded_never_counts(grades: list, marked: set[int]) -> None:
    graded = [(g, False) if not x else (None, True) for g, x in grades]
    totals, excluded = figures_of(graded)
    assert totals["total"] + len(excluded) == len(grades)
    departments = {n: [entry("課", g)] for n, (g, x) in enumerate(graded, start=1) if not x}
    programs = [
        grade_program(scale=SEED_SCALE, number=n, title="", departments=d) for n, d in departments.items()
    ]
    listings = [ListingRow(area=AREA_1, level=AREA_1, program=n, is_relisting=False) for n in departments]
    part = priority_figures(
        totals=totals, scale=SEED_SCALE, listings=listings, programs=programs, places=0, marked=marked
    )
    assert all(part["overall"][g] <= totals["overall"][g] for g in totals["overall"])
    assert part["total"] == len(marked & set(departments))
