"""The steps that move an entry between its department and the secretariat.

Submit (提出), withdraw (取り下げ), return (差戻し), confirm (確定), reopen (確定取消し), and the
secretariat's correction of a submitted text. Each asks access who may act, asks the transition
table (``domain.entry_states``) where the status goes, and records the step as a workflow event
that notifies the people concerned.
"""

from collections.abc import Callable, Mapping

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from shinchoku.accounts.models import User
from shinchoku.domain import entry_states
from shinchoku.domain.entry_states import Step
from shinchoku.plans import access as plans_access
from shinchoku.plans.models import EntryEvent, YearlyEntry
from shinchoku.plans.signals import entry_step_taken
from shinchoku.plans.workflow.dimension_grades import merged_grades, missing_dimension_names
from shinchoku.plans.workflow.entries import may_write_department_part
from shinchoku.plans.workflow.errors import WorkflowError
from shinchoku.plans.workflow.rows import advance, event, locked, save


@transaction.atomic  # also a step of a department form's import, inside its transaction
def submit_entry(
    *, entry: YearlyEntry, actor: User, version: int, returned_form: bool = False
) -> YearlyEntry:
    """Send the entry to the secretariat; it must say what was done, what came of it and a grade."""
    current = locked(entry, version)
    if not may_write_department_part(actor, current, returned_form):
        raise PermissionDenied
    # An entry excluded from the count (評価対象外) has its reason instead of a grade.
    grade = (
        ("評価対象外の理由", current.excluded_reason)
        if current.excluded
        else ("達成度（所管課の評価）", current.proposed_grade)
    )
    missing = [
        label
        for label, value in (
            ("取組内容", current.activities),
            ("実績・取組の成果", current.result_text),
            grade,
        )
        if not value.strip()
    ] + missing_dimension_names(current)
    if missing:
        raise WorkflowError(f"提出する前に入力してください: {'、'.join(missing)}")
    current.full_clean()
    advance(current, Step.SUBMIT)
    save(current, actor, ["status"])
    event(current, actor, EntryEvent.Action.SUBMITTED, "回答票から提出" if returned_form else "")
    entry_step_taken.send(sender=YearlyEntry, entry=current, action=EntryEvent.Action.SUBMITTED, actor=actor)
    return current


@transaction.atomic(durable=True)
def confirm_entry(
    *,
    entry: YearlyEntry,
    actor: User,
    version: int,
    final_grade: str,
    reason: str,
    dimension_grades: Mapping[str, str] | None = None,
) -> YearlyEntry:
    """Confirm a submitted entry with the secretariat's final grade; it is locked from then on.

    Without a final grade of its own, the secretariat confirms the department's
    proposal and its reason. dimension_grades, when given, are the secretariat's grades on the
    plan's further dimensions (the department's, corrected); every dimension needs one.
    """
    current = locked(entry, version)
    if not plans_access.can_review_entry(actor, current):
        raise PermissionDenied
    if dimension_grades is not None:
        current.dimension_grades = merged_grades(current, dimension_grades)
    if missing := missing_dimension_names(current):
        raise WorkflowError(f"確定する前に評価を選んでください: {'、'.join(missing)}")
    current.final_grade = final_grade or current.proposed_grade
    current.reason = reason.strip() or (
        current.proposed_reason if current.final_grade == current.proposed_grade else ""
    )
    if not current.final_grade and not current.excluded:
        raise WorkflowError("確定する達成度を選んでください。")
    current.full_clean()
    advance(current, Step.CONFIRM)
    save(current, actor, ["final_grade", "reason", "status", "dimension_grades"])
    event(current, actor, EntryEvent.Action.CONFIRMED)
    entry_step_taken.send(sender=YearlyEntry, entry=current, action=EntryEvent.Action.CONFIRMED, actor=actor)
    return current


@transaction.atomic  # not durable: its notification is shown to roll back with an outer transaction
def return_entry(*, entry: YearlyEntry, actor: User, version: int, comment: str) -> YearlyEntry:
    """Send a submitted entry back to its department with a comment saying what to correct."""
    return _send_back(
        entry=entry,
        actor=actor,
        version=version,
        allowed=plans_access.can_review_entry,
        comment=comment,
        step=Step.RETURN,
        missing="差戻しの理由（所管課に直してほしいこと）を入力してください。",
    )


@transaction.atomic(durable=True)
def reopen_entry(*, entry: YearlyEntry, actor: User, version: int, reason: str) -> YearlyEntry:
    """Reopen a confirmed entry for its department; only with a reason, which the department sees."""
    return _send_back(
        entry=entry,
        actor=actor,
        version=version,
        allowed=plans_access.can_reopen_entry,
        comment=reason,
        step=Step.REOPEN,
        missing="確定を取り消す理由を入力してください。",
    )


_SENT_BACK = {Step.RETURN: EntryEvent.Action.RETURNED, Step.REOPEN: EntryEvent.Action.REOPENED}


def _send_back(
    *,
    entry: YearlyEntry,
    actor: User,
    version: int,
    allowed: Callable[[User, YearlyEntry], bool],
    comment: str,
    step: Step,
    missing: str,
) -> YearlyEntry:
    """Return the entry to its department (差戻し or 確定取消し), always with a comment it will read."""
    current = locked(entry, version)
    if not allowed(actor, current):
        raise PermissionDenied
    if not comment.strip():
        raise WorkflowError(missing)
    advance(current, step)
    save(current, actor, ["status"])
    action = _SENT_BACK[step]
    event(current, actor, action, comment.strip())
    entry_step_taken.send(sender=YearlyEntry, entry=current, action=action, actor=actor, comment=comment)
    return current


@transaction.atomic(durable=True)
def withdraw_entry(*, entry: YearlyEntry, actor: User, version: int, reason: str = "") -> YearlyEntry:
    """Take a submitted entry back to the department's draft (取り下げ), before the secretariat acts.

    The secretariat sees the step and its reason in the entry's workflow and on the status board.
    """
    current = locked(entry, version)
    if not plans_access.enters_for_department(actor, current):
        raise PermissionDenied
    if not entry_states.allows(current.status, Step.WITHDRAW):
        raise WorkflowError(
            "提出中の取組のみ取り下げられます（事務局が既に確定または差戻しをしたか、まだ提出していません）。"
        )
    advance(current, Step.WITHDRAW)
    save(current, actor, ["status"])
    event(current, actor, EntryEvent.Action.WITHDRAWN, reason.strip())
    entry_step_taken.send(
        sender=YearlyEntry, entry=current, action=EntryEvent.Action.WITHDRAWN, actor=actor, comment=reason
    )
    return current


# The texts the secretariat may correct itself during review (a typo, a figure the department
# confirmed by phone) instead of returning the whole entry: never the grades, which stay the
# department's proposal and the secretariat's own decision.
CORRECTABLE_TEXTS = {
    "activities": "取組内容",
    "target_text": "目標",
    "result_text": "実績・取組の成果",
}


@transaction.atomic(durable=True)
def correct_entry_text(
    *, entry: YearlyEntry, actor: User, version: int, field: str, text: str, reason: str
) -> YearlyEntry:
    """Correct one text of a submitted entry for its department (secretariat), always with a reason.

    The entry stays submitted; the change is in its history and the reason in a workflow event
    the department reads, so nothing it wrote changes silently.
    """
    if field not in CORRECTABLE_TEXTS:
        raise WorkflowError("修正できる項目は 取組内容・目標・実績・取組の成果 です。")
    current = locked(entry, version)
    if not plans_access.can_review_entry(actor, current):
        raise PermissionDenied
    if not reason.strip():
        raise WorkflowError("修正の理由（所管課に伝えること）を入力してください。")
    if getattr(current, field) == text:
        raise WorkflowError(_("Nothing has changed."))
    setattr(current, field, text)
    current.full_clean()
    advance(current, Step.CORRECT)
    current._change_reason = reason.strip()  # type: ignore[attr-defined]  # simple-history's reason of the change
    save(current, actor, [field])
    event(current, actor, EntryEvent.Action.CORRECTED, f"{CORRECTABLE_TEXTS[field]}を修正: {reason.strip()}")
    return current


@transaction.atomic(durable=True)
def set_entry_excluded(
    *, entry: YearlyEntry, actor: User, version: int, excluded: bool, reason: str
) -> YearlyEntry:
    """Mark a submitted entry 評価対象外 with its reason, or clear the mark (secretariat, in review).

    A correction like correct_entry_text: the entry stays submitted, the department reads the step
    in its workflow. Marking it clears the department's proposed grade (an excluded entry has none;
    its history keeps it); clearing it leaves the grade to the secretariat's confirmation.
    """
    current = locked(entry, version)
    if not plans_access.can_review_entry(actor, current):
        raise PermissionDenied
    if current.excluded == excluded and (not excluded or current.excluded_reason == reason.strip()):
        raise WorkflowError(_("Nothing has changed."))
    dropped = current.proposed_grade if excluded else ""
    current.excluded, current.excluded_reason = excluded, reason.strip() if excluded else ""
    if excluded:
        current.proposed_grade, current.proposed_reason = "", ""
        current.final_grade, current.reason = "", ""  # left from before a reopening, if any
    current.full_clean()
    advance(current, Step.CORRECT)
    fields = ["excluded", "excluded_reason", "proposed_grade", "proposed_reason", "final_grade", "reason"]
    save(current, actor, fields)
    comment = f"評価対象外に変更: {current.excluded_reason}" if excluded else "評価対象外を取消し"
    if dropped:
        comment += f"（所管課の達成度「{dropped}」は取り消しました）"
    event(current, actor, EntryEvent.Action.CORRECTED, comment)
    return current
