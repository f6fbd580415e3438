"""The secretariat's writes about measures (施策): the plan's measure rule, and grades given by hand.

Each is one durable step: the plan (or the measure's grade) is locked, checked and saved with its
history naming the actor. A grade by hand carries the version the person's page showed: a page
made stale by someone else's save is refused (409) with the typed grade and reason kept.
"""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from shinchoku.accounts.models import User
from shinchoku.domain.errors import GradeError
from shinchoku.domain.measures import MeasureRule, MeasureRuleError, check_hand_grade, check_rule
from shinchoku.lib.errors import ServiceError, quoted
from shinchoku.lib.history import record_actor
from shinchoku.plans import access as plans_access
from shinchoku.plans.measure_models import MeasureGrade
from shinchoku.plans.measures import measure_node, tree_depth
from shinchoku.plans.models import Plan, PlanNode


class MeasureError(ServiceError):
    """A measure rule or grade that is refused; the message is for the screen, in its language."""


class StaleMeasureGrade(MeasureError):
    """The measure's grade was changed since the page was shown."""

    def __init__(self) -> None:
        super().__init__(
            _(
                "Someone else changed this measure's grade after the page was opened. What you typed is "
                "kept: check the latest grade, then save again."
            )
        )


@transaction.atomic(durable=True)
def change_measure_rule(*, plan: Plan, rule: MeasureRule | None, actor: User) -> Plan:
    """Save how the plan's measures are graded (None: not graded), kept in the plan's history."""
    if not plans_access.manages_plan(actor, plan):
        raise PermissionDenied
    locked = Plan.objects.select_for_update().get(pk=plan.pk)
    _refuse_losing_the_level(locked, rule)
    if rule is not None:
        _refuse_a_level_the_tree_lacks(locked, rule)
        try:
            check_rule(rule, locked.scale())
        except MeasureRuleError as error:
            raise MeasureError(str(error)) from error
        unreadable = sorted(
            {
                g.grade
                for g in MeasureGrade.objects.filter(node__plan=locked).only("grade")
                if not _reads(rule, g.grade)
            }
        )
        if unreadable:
            raise MeasureError(
                _(
                    "Measures were graded by hand %(labels)s, which this scale of measures does not have, "
                    "so it cannot be changed. Keep these grades in the scale."
                )
                % {"labels": quoted(unreadable)}
            )
    locked.measure_rule = rule.to_dict() if rule is not None else {}
    record_actor(locked, actor)
    locked.save(update_fields=["measure_rule"])
    return locked


def _refuse_a_level_the_tree_lacks(plan: Plan, rule: MeasureRule) -> None:
    """Refuse a level of measures deeper than the plan's tree: no measure would ever be graded."""
    levels = tree_depth(plan)
    if rule.depth > levels:
        raise MeasureError(
            _("This plan's tree has %(levels)s levels: choose a level of measures from 1 to %(levels)s.")
            % {"levels": levels}
        )


def _refuse_losing_the_level(plan: Plan, rule: MeasureRule | None) -> None:
    """Refuse switching grading off, or another level, while grades given by hand exist at the old one."""
    old_depth = plan.measure_rule.get("depth") if plan.measure_rule else None
    if old_depth is None or (rule is not None and rule.depth == old_depth):
        return
    given = MeasureGrade.objects.filter(node__plan=plan).count()
    if not given:
        return
    if rule is None:
        message = _(
            "%(given)s grades of measures were given by hand, so measures cannot stop being graded (the "
            "grades by hand would vanish from the pages and reports). First withdraw them on each "
            "year's “Measures” page."
        )
    else:
        message = _(
            "%(given)s grades of measures were given by hand, so the level of measures cannot be changed "
            "(the grades by hand would vanish from the pages and reports). First withdraw them on each "
            "year's “Measures” page."
        )
    raise MeasureError(message % {"given": given})


def _reads(rule: MeasureRule, label: str) -> bool:
    try:
        rule.scale.parse(label)
    except GradeError:
        return False
    return True


@transaction.atomic(durable=True)
def give_measure_grade(
    *,
    plan: Plan,
    rule: MeasureRule,
    node_id: int,
    fiscal_year: int,
    grade: str,
    reason: str,
    version: int,
    actor: User,
) -> MeasureGrade:
    """Give (or change) a measure's grade of the year by hand, with its reason.

    version is the one the page showed (0 when no grade had been given): another version means
    someone saved since, and the step is refused (StaleMeasureGrade) with nothing written.
    """
    if not plans_access.manages_plan(actor, plan):
        raise PermissionDenied
    if not plan.covers(fiscal_year):
        raise MeasureError(_("Measures cannot be graded for a year outside the plan's period."))
    Plan.objects.select_for_update().only("pk").get(pk=plan.pk)  # one writer of the plan's grades at a time
    node = PlanNode.objects.filter(plan=plan, pk=node_id).select_related("parent__parent__parent").first()
    if node is None or measure_node(node, rule.depth) != node:
        raise MeasureError(_("Only a measure of this plan (at its level of measures) can be graded."))
    try:
        label = check_hand_grade(rule, grade, reason)
    except MeasureRuleError as error:
        raise MeasureError(str(error)) from error
    row = MeasureGrade.objects.select_for_update().filter(node=node, fiscal_year=fiscal_year).first()
    if (row.version if row else 0) != version:
        raise StaleMeasureGrade
    if row is not None and (row.grade, row.reason) == (label, reason.strip()):
        return row  # nothing changed: no new version, no history row
    if row is None:
        row = MeasureGrade(node=node, fiscal_year=fiscal_year, grade=label, reason=reason.strip())
        record_actor(row, actor)
        row.save()
        return row
    row.grade, row.reason, row.version = label, reason.strip(), row.version + 1
    record_actor(row, actor)
    row.save(update_fields=["grade", "reason", "version"])
    return row


@transaction.atomic(durable=True)
def withdraw_measure_grade(*, plan: Plan, node_id: int, fiscal_year: int, version: int, actor: User) -> None:
    """Withdraw a grade given by hand: the measure takes its computed grade again (the history keeps it)."""
    if not plans_access.manages_plan(actor, plan):
        raise PermissionDenied
    Plan.objects.select_for_update().only("pk").get(pk=plan.pk)
    if not PlanNode.objects.filter(plan=plan, pk=node_id).exists():
        raise MeasureError(_("Only the grade of a measure of this plan can be withdrawn."))
    row = (
        MeasureGrade.objects.select_for_update()
        .filter(node__plan=plan, node_id=node_id, fiscal_year=fiscal_year)
        .first()
    )
    if row is None:
        raise MeasureError(_("This measure has no grade given by hand, so there is nothing to withdraw."))
    if row.version != version:
        raise StaleMeasureGrade
    record_actor(row, actor)
    row.delete()
