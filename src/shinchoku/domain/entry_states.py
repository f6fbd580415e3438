"""The yearly entry's states and the one table of which step moves which state where.

An entry is written by its department (下書き, or 差戻し after the secretariat sent it back),
submitted (提出済み), and confirmed by the secretariat (確定済み). Every service that changes an
entry's status asks ``next_status``; every access rule that depends on the status asks ``allows``.
Statuses are the strings stored in ``YearlyEntry.status``.
"""

from collections.abc import Mapping
from enum import StrEnum

from shinchoku.domain.errors import DomainError

DRAFT = "draft"
SUBMITTED = "submitted"
RETURNED = "returned"
CONFIRMED = "confirmed"
STATUSES = (DRAFT, SUBMITTED, RETURNED, CONFIRMED)
INITIAL = DRAFT

# The department may still change the entry (and it counts as not yet submitted).
OPEN = frozenset({DRAFT, RETURNED})
# What a department sent or the secretariat confirmed: never replaced silently.
SETTLED = frozenset({SUBMITTED, CONFIRMED})

_WORDS = {DRAFT: "下書き", SUBMITTED: "提出済み", RETURNED: "差戻し", CONFIRMED: "確定済み"}


class Step(StrEnum):
    """A step of the yearly cycle that an entry's status allows or not."""

    SAVE = "save"  # the department saves its part (the status stays)
    SUBMIT = "submit"  # the department sends it to the secretariat
    WITHDRAW = "withdraw"  # the department takes its submission back (取り下げ)
    RETURN = "return"  # the secretariat sends it back with a comment (差戻し)
    CONFIRM = "confirm"  # the secretariat confirms it with the final grade (確定)
    CORRECT = "correct"  # the secretariat corrects a text of the submission (the status stays)
    REOPEN = "reopen"  # the secretariat reopens a confirmed entry (確定取消し)
    IMPORT_CONFIRMED = "import_confirmed"  # a progress sheet brings the city's published grade


_STEP_WORDS = {
    Step.SAVE: "保存",
    Step.SUBMIT: "提出",
    Step.WITHDRAW: "取り下げ",
    Step.RETURN: "差戻し",
    Step.CONFIRM: "確定",
    Step.CORRECT: "修正",
    Step.REOPEN: "確定の取消し",
    Step.IMPORT_CONFIRMED: "取込みによる確定",
}

# (step, status now) → status after the step. A pair that is not here is refused.
TRANSITIONS: Mapping[tuple[Step, str], str] = {
    (Step.SAVE, DRAFT): DRAFT,
    (Step.SAVE, RETURNED): RETURNED,
    (Step.SUBMIT, DRAFT): SUBMITTED,
    (Step.SUBMIT, RETURNED): SUBMITTED,
    (Step.WITHDRAW, SUBMITTED): DRAFT,
    (Step.RETURN, SUBMITTED): RETURNED,
    (Step.CONFIRM, SUBMITTED): CONFIRMED,
    (Step.CORRECT, SUBMITTED): SUBMITTED,
    (Step.REOPEN, CONFIRMED): RETURNED,
    **{(Step.IMPORT_CONFIRMED, status): CONFIRMED for status in STATUSES},
}


class TransitionError(DomainError):
    """A step the entry's status does not allow (e.g. confirming a draft)."""

    def __init__(self, status: str, step: Step) -> None:
        self.status = status
        self.step = step
        word = _WORDS.get(status, status)
        super().__init__(f"{word}の取組は{_STEP_WORDS[step]}できません。")


def allows(status: str, step: Step) -> bool:
    """Return whether an entry in this status may take the step."""
    return (step, status) in TRANSITIONS


def next_status(status: str, step: Step) -> str:
    """Return the status the step leads to, or raise TransitionError when the status does not allow it."""
    try:
        return TRANSITIONS[(step, status)]
    except KeyError:
        raise TransitionError(status, step) from None


def steps_from(status: str) -> list[Step]:
    """Return the steps an entry in this status may take, in the order of the cycle."""
    return [step for step in Step if allows(status, step)]
