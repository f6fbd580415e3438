"""The secretariat changes its plan's settings: grade scale, combine and merge policies, percentages.

One service, so that every change is checked the same way, locked, and kept in the plan's history
with the actor. A scale that could no longer read a grade already written on an entry is refused:
the entries, their history and the reports would otherwise show labels the scale does not know.
"""

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from shinchoku.accounts.models import User
from shinchoku.domain.baseline import BaselineRule
from shinchoku.domain.errors import GradeError
from shinchoku.domain.grades import CombinePolicy, GradeScale, MergePolicy
from shinchoku.domain.measures import MeasureRuleError, parse_rule
from shinchoku.lib.errors import ServiceError, quoted
from shinchoku.lib.history import record_actor
from shinchoku.plans import access as plans_access
from shinchoku.plans.models import Plan, YearlyEntry
from shinchoku.plans.services import refresh_suggested_grade


class PlanSettingsError(ServiceError):
    """A change of the plan's settings that is refused; the message is for the screen, in its language."""


@dataclass(frozen=True)
class PlanSettingsInput:
    scale: GradeScale
    combine_policy: CombinePolicy
    merge_policy: MergePolicy
    percent_places: int
    show_priority: bool | None = None  # 「うち重点」 beside every total; None leaves it as it is
    baseline_rule: BaselineRule | None = None  # 長与町 ±10%; None leaves grading against baselines unset


def grades_in_use(plan: Plan) -> set[str]:
    """Return every grade label written on the plan's entries (suggested, proposed or final)."""
    used: set[str] = set()
    for row in YearlyEntry.objects.filter(program__plan=plan).values_list(
        "suggested_grade", "proposed_grade", "final_grade"
    ):
        used.update(label for label in row if label)
    return used


def unreadable_grades(plan: Plan, scale: GradeScale) -> list[str]:
    """Return the labels on the plan's entries that the scale would not read, in a stable order."""
    unreadable = []
    for label in sorted(grades_in_use(plan)):
        try:
            scale.parse(label)
        except GradeError:
            unreadable.append(label)
    return unreadable


def _checked_rule(data: PlanSettingsInput) -> dict[str, Any]:
    """Return the baseline rule as stored, checked against the new scale; refuse the policy without it."""
    if data.baseline_rule is None:
        if data.combine_policy is CombinePolicy.BASELINE:
            raise PlanSettingsError(
                _("Grading against the baseline needs the margin and each grade's setting.")
            )
        return {}
    stored = data.baseline_rule.to_dict()
    try:
        data.scale.baseline_rule(stored)
    except GradeError as error:
        raise PlanSettingsError(str(error)) from error
    return stored


@transaction.atomic(durable=True)
def change_plan_settings(*, plan: Plan, actor: User, data: PlanSettingsInput) -> Plan:
    """Save the plan's scale and policies, unless existing entries' grades would become unreadable."""
    if not plans_access.manages_plan(actor, plan):
        raise PermissionDenied
    if not 0 <= data.percent_places <= 2:
        raise PlanSettingsError(_("Give 0 to 2 decimal places for percentages."))
    locked = Plan.objects.select_for_update().get(pk=plan.pk)
    unreadable = unreadable_grades(locked, data.scale)
    if unreadable:
        raise PlanSettingsError(
            _(
                "Entries already hold the grades %(labels)s, which this scale does not have, so it cannot "
                "be changed. Keep these grades, or register them as other spellings."
            )
            % {"labels": quoted(unreadable)}
        )
    _check_measure_rule(locked, data.scale)
    grading = (locked.combine_policy, locked.baseline_rule)
    locked.baseline_rule = _checked_rule(data)
    locked.grade_scale = data.scale.to_dict()
    locked.combine_policy = data.combine_policy.value
    locked.merge_policy = data.merge_policy.value
    locked.percent_places = data.percent_places
    if data.show_priority is not None:
        locked.show_priority = data.show_priority
    record_actor(locked, actor)
    locked.save(
        update_fields=[
            "grade_scale",
            "combine_policy",
            "merge_policy",
            "percent_places",
            "show_priority",
            "baseline_rule",
        ]
    )
    if (locked.combine_policy, locked.baseline_rule) != grading:
        _refresh_suggestions(locked, actor)
    return locked


def _check_measure_rule(plan: Plan, scale: GradeScale) -> None:
    """Refuse a scale the plan's measure rule could not read (its thresholds name program grades)."""
    try:
        parse_rule(plan.measure_rule or {}, scale)
    except MeasureRuleError as error:
        raise PlanSettingsError(
            _(
                "The grading of measures could no longer be used with this scale, so it cannot be changed "
                "(%(error)s). First change the “Grading of measures”."
            )
            % {"error": error}
        ) from error


def _refresh_suggestions(plan: Plan, actor: User) -> None:
    """Recompute every entry's suggested grade under the plan's new combine policy or baseline rule.

    The review's deviations and the reports read the stored suggestion; a changed entry keeps the
    change in its history with the actor. A settings save, not a page: one query per entry is fine.
    """
    entries = YearlyEntry.objects.select_for_update(of=("self",)).select_related("program__plan")
    for entry in entries.filter(program__plan=plan).order_by("pk"):
        refresh_suggested_grade(entry=entry, actor=actor)
