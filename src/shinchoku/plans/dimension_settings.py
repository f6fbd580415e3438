"""The secretariat adds, renames, reorders and removes its plan's further dimensions (川崎市 妥当性…).

Every change goes through one of these services: the plan is locked, the page's view of the
dimensions is compared with the stored one (a page opened before another change is stale: 409),
the result is checked by the domain (keys and names unique) and kept in the plan's history with the
actor. A scale that could no longer read a grade entries already hold on the dimension is refused,
as the plan's 達成度 scale is.

Removing a dimension that entries have graded needs the person's confirmation. The entries' grades
are then left as they are (their history untouched) and no longer shown or counted; adding a
dimension with the same key again brings them back, when its scale still reads them.
"""

import hashlib
import json

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from shinchoku.accounts.models import User
from shinchoku.domain.dimensions import Dimension, DimensionError, dimensions_data, parse_dimensions
from shinchoku.domain.errors import GradeError
from shinchoku.domain.grades import GradeScale
from shinchoku.lib.errors import ServiceError, quoted
from shinchoku.lib.history import record_actor
from shinchoku.plans import access as plans_access
from shinchoku.plans.models import Plan, YearlyEntry


class DimensionSettingsError(ServiceError):
    """A change of the plan's dimensions that is refused; the message is for the screen, in its language."""


class StaleDimensionsError(DimensionSettingsError):
    """The page was opened before another change of the dimensions."""


class RemovalNeedsConfirmation(DimensionSettingsError):
    """The dimension has grades on entries; the person must confirm its removal."""


def fingerprint(plan: Plan) -> str:
    """Return a short digest of the plan's dimensions, carried by a page to detect a stale save."""
    text = json.dumps(plan.dimensions or [], ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def graded_count(plan: Plan, key: str) -> int:
    """Return how many of the plan's entries hold a grade on the dimension key."""
    return sum(
        1
        for grades in YearlyEntry.objects.filter(program__plan=plan).values_list(
            "dimension_grades", flat=True
        )
        if isinstance(grades, dict) and str(grades.get(key, "")).strip()
    )


def unreadable_labels(plan: Plan, key: str, scale: GradeScale) -> list[str]:
    """Return the labels entries hold on the dimension key that the scale would not read."""
    used = {
        str(grades[key])
        for grades in YearlyEntry.objects.filter(program__plan=plan).values_list(
            "dimension_grades", flat=True
        )
        if isinstance(grades, dict) and str(grades.get(key, "")).strip()
    }
    unreadable = []
    for label in sorted(used):
        try:
            scale.parse(label)
        except GradeError:
            unreadable.append(label)
    return unreadable


@transaction.atomic(durable=True)
def add_dimension(*, plan: Plan, actor: User, seen: str, dimension: Dimension) -> Plan:
    """Add a dimension after the plan's others."""
    locked, dimensions = _locked(plan, actor, seen)
    _check_readable(locked, dimension)
    return _save(locked, actor, [*dimensions, dimension])


@transaction.atomic(durable=True)
def change_dimension(*, plan: Plan, actor: User, seen: str, key: str, name: str, scale: GradeScale) -> Plan:
    """Rename a dimension or change its scale (its key stays: entries' grades are stored under it)."""
    locked, dimensions = _locked(plan, actor, seen)
    _find(dimensions, key)
    changed = Dimension(key=key, name=name.strip(), scale=scale)
    _check_readable(locked, changed)
    return _save(locked, actor, [changed if d.key == key else d for d in dimensions])


@transaction.atomic(durable=True)
def move_dimension(*, plan: Plan, actor: User, seen: str, key: str, offset: int) -> Plan:
    """Move a dimension up (offset -1) or down (+1) in the plan's order, the order tables print in."""
    locked, dimensions = _locked(plan, actor, seen)
    index = _find(dimensions, key)
    target = min(max(index + offset, 0), len(dimensions) - 1)
    moved = list(dimensions)
    moved.insert(target, moved.pop(index))
    return _save(locked, actor, moved)


@transaction.atomic(durable=True)
def remove_dimension(*, plan: Plan, actor: User, seen: str, key: str, confirmed: bool) -> Plan:
    """Remove a dimension; one that entries have graded only when the person confirms it."""
    locked, dimensions = _locked(plan, actor, seen)
    index = _find(dimensions, key)
    count = graded_count(locked, key)
    if count and not confirmed:
        raise RemovalNeedsConfirmation(
            _(
                "“%(name)s” has been graded on %(count)s entries. To remove it, tick the confirmation "
                "box (the entries' grades are kept, but no longer shown or counted)."
            )
            % {"name": dimensions[index].name, "count": count}
        )
    return _save(locked, actor, [d for d in dimensions if d.key != key])


def _locked(plan: Plan, actor: User, seen: str) -> tuple[Plan, tuple[Dimension, ...]]:
    if not plans_access.manages_plan(actor, plan):
        raise PermissionDenied
    locked = Plan.objects.select_for_update().get(pk=plan.pk)
    if seen != fingerprint(locked):
        raise StaleDimensionsError(
            _(
                "The dimensions were changed after this page was opened. Open the page again and try "
                "once more."
            )
        )
    try:
        return locked, parse_dimensions(locked.dimensions)
    except (DimensionError, GradeError) as error:
        raise DimensionSettingsError(str(error)) from error


def _find(dimensions: tuple[Dimension, ...], key: str) -> int:
    for index, dimension in enumerate(dimensions):
        if dimension.key == key:
            return index
    raise DimensionSettingsError(_("The plan has no dimension “%(key)s”.") % {"key": key})


def _check_readable(plan: Plan, dimension: Dimension) -> None:
    unreadable = unreadable_labels(plan, dimension.key, dimension.scale)
    if unreadable:
        raise DimensionSettingsError(
            _(
                "Entries already hold the %(name)s grades %(labels)s, which this scale does not have, so it "
                "cannot be saved. Keep these grades, or register them as other spellings."
            )
            % {"name": dimension.name, "labels": quoted(unreadable)}
        )


def _save(plan: Plan, actor: User, dimensions: list[Dimension]) -> Plan:
    try:
        plan.dimensions = dimensions_data(dimensions)
    except DimensionError as error:
        raise DimensionSettingsError(str(error)) from error
    record_actor(plan, actor)
    plan.save(update_fields=["dimensions"])
    return plan
