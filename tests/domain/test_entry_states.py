"""The entry's transition table: every step leads to a known status, and only the allowed steps run."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from shinchoku.domain import entry_states
from shinchoku.domain.entry_states import Step, TransitionError, allows, next_status
from shinchoku.domain.errors import DomainError

statuses = st.sampled_from(entry_states.STATUSES)
steps = st.sampled_from(list(Step))


def reachable() -> set[str]:
    seen = {entry_states.INITIAL}
    frontier = [entry_states.INITIAL]
    while frontier:
        status = frontier.pop()
        for step in entry_states.steps_from(status):
            after = next_status(status, step)
            if after not in seen:
                seen.add(after)
                frontier.append(after)
    return seen


def test_every_status_is_reachable_from_a_draft_and_known() -> None:
    assert reachable() == set(entry_states.STATUSES)


def test_every_transition_leads_to_a_known_status() -> None:
    for (step, before), after in entry_states.TRANSITIONS.items():
        assert step in Step and before in entry_states.STATUSES and after in entry_states.STATUSES


@given(statuses, steps)
def test_a_step_runs_exactly_when_the_table_allows_it(status: str, step: Step) -> None:
    if allows(status, step):
        assert next_status(status, step) in entry_states.STATUSES
    else:
        with pytest.raises(TransitionError) as refused:
            next_status(status, step)
        assert isinstance(refused.value, DomainError) and str(refused.value)


@given(statuses)
def test_confirm_return_and_correct_only_from_submitted(status: str) -> None:
    for step in (Step.CONFIRM, Step.RETURN, Step.CORRECT, Step.WITHDRAW):
        assert allows(status, step) == (status == entry_states.SUBMITTED)


@given(statuses)
def test_the_department_writes_only_an_open_entry_and_reopen_only_from_confirmed(status: str) -> None:
    assert allows(status, Step.SAVE) == allows(status, Step.SUBMIT) == (status in entry_states.OPEN)
    assert allows(status, Step.REOPEN) == (status == entry_states.CONFIRMED)


@given(statuses, st.lists(steps, max_size=12))
def test_any_walk_of_allowed_steps_stays_in_the_table(status: str, walk: list[Step]) -> None:
    for step in walk:
        if allows(status, step):
            status = next_status(status, step)
        assert status in entry_states.STATUSES
