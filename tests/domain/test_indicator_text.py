"""Indicators proposed from the seed's texts: right on programs 1, 3, 7, 12, 14, 39, 51, 55; silent when unsure."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from shinchoku.domain.indicator_text import Figure, Mismatch, draft_result_lines, mismatches, propose
from shinchoku.domain.ratios import Direction
from shinchoku.plans.demo_data import SEED_PROGRAMS


def expected(number: int) -> list[tuple[str, str, Decimal | None, Decimal | None]]:
    return [
        (name, unit, None if target is None else Decimal(target), Decimal(actual))
        for name, unit, target, actual, _ in SEED_PROGRAMS[number]["indicators"]
    ]


@pytest.mark.parametrize("number", [1, 3, 7, 12, 14, 39, 51, 55])
def test_the_seeds_indicators_are_proposed_right(number: int) -> None:
    program = SEED_PROGRAMS[number]
    proposals = propose(program.get("target", ""), program["result"])
    assert [(p.name, p.unit, p.target, p.actual) for p in proposals] == expected(number)


def test_program_1s_target_names_its_source() -> None:
    program = SEED_PROGRAMS[1]
    proposals = propose(program["target"], program["result"])
    assert {p.source for p in proposals} == {"総合振興計画実施計画:事業11-1-4-02"}


@pytest.mark.parametrize("number", [8, 22, 42, 58, 60])
def test_sentences_with_figures_inside_propose_nothing(number: int) -> None:
    program = SEED_PROGRAMS[number]
    assert propose(program.get("target", ""), program["result"]) == []


def test_two_results_with_one_name_are_ambiguous() -> None:
    assert propose("〇相談件数　100件", "・相談件数　80件\n・相談件数　90件") == []


def test_units_that_disagree_are_not_paired() -> None:
    assert propose("〇満足度　60%", "・満足度　96人") == []


def test_at_most_makes_a_lower_is_better_indicator() -> None:
    (proposal,) = propose("〇再犯者数　354人以下", "・再犯者数　380人")
    assert (proposal.target, proposal.actual, proposal.direction) == (
        Decimal(354),
        Decimal(380),
        Direction.LOWER_IS_BETTER,
    )


def test_full_width_figures_are_read() -> None:
    (proposal,) = propose("", "・就職者数　３０６人（目標：１２０人）")
    assert (proposal.target, proposal.actual) == (Decimal(120), Decimal(306))


@given(st.text(max_size=200), st.text(max_size=200))
def test_any_text_gives_proposals_or_nothing_but_never_fails(target: str, result: str) -> None:
    for proposal in propose(target, result):
        assert proposal.name and (proposal.target is not None or proposal.actual is not None)


# 実績 drafted from the indicators, and a figure in the text that differs from the indicator (issue 18).
WORK = "ワークステーションさいたま運営事業等に係る就職者数"
VISITS = "ワークステーションさいたま施設利用者数"
FIGURES = [
    Figure(WORK, "人", Decimal("290")),
    Figure(VISITS, "人", Decimal("8100")),
    Figure("満足度", "%", Decimal("64.30")),
    Figure("相談件数", "件", None),
]


def test_the_result_text_is_drafted_from_the_reported_figures() -> None:
    assert draft_result_lines(FIGURES) == (f"・{WORK}　290人\n・{VISITS}　8,100人\n・満足度　64.3%")


def test_a_draft_leaves_out_what_the_text_already_states() -> None:
    assert draft_result_lines(FIGURES, "就職者数 290人\n満足度 64.3%") == f"・{VISITS}　8,100人"


def test_a_drafted_text_matches_its_figures() -> None:
    assert mismatches(draft_result_lines(FIGURES), FIGURES) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "・就職者数　306人\n・施設利用者数　8,100人",
            [Mismatch(WORK, "人", Decimal("290"), Decimal("306"))],
        ),
        ("就職者数 290人、施設利用者数 8,100人", []),  # figures inside a sentence are not read
        ("・就職者数　２９０人", []),  # full width, the same number
        ("・満足度　64.3人", []),  # another unit: not compared
        ("・利用者数　8,000人", [Mismatch(VISITS, "人", Decimal("8100"), Decimal("8000"))]),
        ("・者数　1人", []),  # names both indicators: not sure which is meant
    ],
)
def test_a_figure_in_the_text_that_differs_from_the_indicator_is_pointed_out(
    text: str, expected: list[Mismatch]
) -> None:
    assert mismatches(text, FIGURES) == expected
