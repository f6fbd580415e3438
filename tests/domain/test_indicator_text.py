"""Indicators proposed from the seed's texts: right on programs 1, 3, 7, 12, 14, 39, 51, 55; silent when unsure."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from shinchoku.domain.indicator_text import propose
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
