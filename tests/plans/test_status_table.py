"""The model's statuses are the transition table's, and access asks the table."""

from shinchoku.domain import entry_states
from shinchoku.domain.entry_states import Step
from shinchoku.plans.models import EntryStatus


def test_the_model_stores_exactly_the_statuses_of_the_table() -> None:
    assert list(EntryStatus.values) == list(entry_states.STATUSES)


def test_the_statuses_a_department_still_writes_are_the_open_ones() -> None:
    assert {s for s in EntryStatus.values if entry_states.allows(s, Step.SAVE)} == {
        EntryStatus.DRAFT,
        EntryStatus.RETURNED,
    }
