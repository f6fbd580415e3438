"""Revising a plan within its period (見直し): the years already evaluated keep their structure.

Every change takes effect from the revision's fiscal year, which must not have been opened
yet: a program added from that year, retired after the year before, moved to another
measure (one listing ends, another begins), or its target changed. Each is recorded.

``record_revision`` is the top-level service (durable: the whole revision or nothing); each step
below it is a service in plain ``transaction.atomic``, usable on its own. A step's history names its
actor, by default the person who recorded the revision.
"""

import datetime
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from shinchoku.accounts.models import Department, User
from shinchoku.council.models import Meeting
from shinchoku.domain.fiscal import wareki_label
from shinchoku.lib.errors import ServiceError
from shinchoku.lib.history import record_actor
from shinchoku.lib.validators import validate_name
from shinchoku.lifecycle.continuation import continue_indicators, continue_program
from shinchoku.lifecycle.models import PlanRevision, RevisionChange
from shinchoku.plans import access as plans_access
from shinchoku.plans.models import Indicator, IndicatorValue, Listing, Plan, PlanNode, PlanYear, Program


class RevisionError(ServiceError, ValueError):
    """A revision that cannot be made as asked; the message says why (Japanese)."""


@dataclass(frozen=True)
class NewProgram:
    """A program a revision adds: its number, title, the measure it is listed under, its departments."""

    number: int
    title: str
    node: PlanNode
    departments: list[Department] = field(default_factory=list)


@dataclass(frozen=True)
class PreviewLine:
    """One change a revision would make, as the revisions list prints it."""

    kind: str
    number: int
    title: str
    before: str
    after: str


@transaction.atomic(durable=True)
def record_revision(
    *,
    plan: Plan,
    actor: User,
    decided_on: datetime.date,
    effective_year: int,
    summary: str,
    meeting: Meeting | None = None,
    retire: Sequence[Program] = (),
    moves: Sequence[tuple[Program, PlanNode]] = (),
    renumbers: Sequence[tuple[Program, int]] = (),
    additions: Sequence[NewProgram] = (),
) -> PlanRevision:
    """Record a revision and all it changes, in this order: retired, moved, renumbered, added."""
    return apply_revision(
        plan=plan,
        actor=actor,
        decided_on=decided_on,
        effective_year=effective_year,
        summary=summary,
        meeting=meeting,
        retire=retire,
        moves=moves,
        renumbers=renumbers,
        additions=additions,
    )


def preview_revision(**kwargs: Any) -> list[PreviewLine]:
    """Return what ``record_revision`` would change (same keywords), refusing as it would; nothing is kept.

    The revision is made inside a transaction that is then rolled back, so the preview runs the
    very checks the recording runs.
    """
    with transaction.atomic():
        revision = apply_revision(**kwargs)
        changes = [
            PreviewLine(
                kind=str(change.get_kind_display()),
                number=change.program.number,
                title=change.program.title,
                before=change.before,
                after=change.after,
            )
            for change in revision.changes.select_related("program")
        ]
        transaction.set_rollback(True)
    return changes


@transaction.atomic
def apply_revision(
    *,
    plan: Plan,
    actor: User,
    decided_on: datetime.date,
    effective_year: int,
    summary: str,
    meeting: Meeting | None = None,
    retire: Sequence[Program] = (),
    moves: Sequence[tuple[Program, PlanNode]] = (),
    renumbers: Sequence[tuple[Program, int]] = (),
    additions: Sequence[NewProgram] = (),
) -> PlanRevision:
    """Make a revision and all it changes (inside the caller's transaction)."""
    revision = start_revision(
        plan=plan,
        actor=actor,
        decided_on=decided_on,
        effective_year=effective_year,
        summary=summary,
        meeting=meeting,
    )
    for program in retire:
        retire_program(revision, program, actor=actor)
    for program, node in moves:
        move_program(revision, program, node, actor=actor)
    for program, number in renumbers:
        renumber_program(revision, program, number, actor=actor)
    for new in additions:
        add_program(
            revision,
            number=new.number,
            title=new.title,
            node=new.node,
            departments=new.departments,
            actor=actor,
        )
    return revision


def _actor(revision: PlanRevision, actor: User | None) -> User | None:
    return actor if actor is not None else revision.recorded_by


@transaction.atomic
def start_revision(
    *,
    plan: Plan,
    actor: User,
    decided_on: datetime.date,
    effective_year: int,
    summary: str,
    meeting: Meeting | None = None,
) -> PlanRevision:
    """Record a revision of the plan taking effect from effective_year (a year not yet opened)."""
    if not plans_access.manages_plan(actor, plan):
        raise PermissionDenied
    if not plan.covers(effective_year):
        raise RevisionError(f"{wareki_label(effective_year)}は計画期間外です。")
    if PlanYear.objects.filter(plan=plan, fiscal_year__gte=effective_year).exists():
        raise RevisionError(
            f"{wareki_label(effective_year)}以降の年度は既に開始しています。見直しは、まだ開始していない年度から適用してください。"
        )
    revision = PlanRevision(
        plan=plan,
        decided_on=decided_on,
        effective_year=effective_year,
        meeting=meeting,
        summary=summary,
        recorded_by=actor,
    )
    record_actor(revision, actor)
    revision.save()
    return revision


@transaction.atomic
def add_program(
    revision: PlanRevision,
    *,
    number: int,
    title: str,
    node: PlanNode,
    departments: list[Department],
    content: str = "",
    actor: User | None = None,
) -> Program:
    """Add a program from the revision's year, listed under node."""
    year = revision.effective_year
    if Program.objects.filter(plan=revision.plan, number=number).exists():
        raise RevisionError(f"事業番号{number}は既にあります。")
    try:
        validate_name(title)  # Program.objects.create() does not run the model's validators
    except ValidationError as error:
        raise RevisionError(f"事業の標題「{title}」は使えません（{' '.join(error.messages)}）。") from error
    program = Program(plan=revision.plan, number=number, title=title, content=content, first_year=year)
    record_actor(program, _actor(revision, actor))
    program.save()
    program.departments.set(departments)
    Listing.objects.create(node=node, program=program, first_year=year, position=_next_position(node))
    RevisionChange.objects.create(
        revision=revision, kind=RevisionChange.Kind.ADDED, program=program, to_node=node, after=title
    )
    return program


@transaction.atomic
def retire_program(revision: PlanRevision, program: Program, *, actor: User | None = None) -> None:
    """End the program with the year before the revision (its earlier years stay as they were)."""
    _refuse_ended(revision, program)
    last = revision.effective_year - 1
    program.last_year = last
    record_actor(program, _actor(revision, actor))
    program.save(update_fields=["last_year"])
    Listing.objects.filter(program=program, last_year__isnull=True).update(last_year=last)
    RevisionChange.objects.create(
        revision=revision, kind=RevisionChange.Kind.RETIRED, program=program, before=program.title
    )


@transaction.atomic
def move_program(
    revision: PlanRevision, program: Program, to_node: PlanNode, *, actor: User | None = None
) -> None:
    """List the program under another measure from the revision's year; earlier years keep the old place."""
    year = revision.effective_year
    _refuse_ended(revision, program)
    current = Listing.objects.filter(program=program, is_relisting=False, last_year__isnull=True).first()
    if current is None:
        raise RevisionError(f"事業番号{program.number}には移動できる掲載がありません（再掲だけです）。")
    if current.node_id == to_node.pk:
        raise RevisionError(
            f"事業番号{program.number}は既に「{to_node.path_label()} {to_node.title}」にあります。"
        )
    current.last_year = year - 1
    record_actor(current, _actor(revision, actor))
    current.save(update_fields=["last_year"])
    Listing.objects.create(node=to_node, program=program, first_year=year, position=_next_position(to_node))
    RevisionChange.objects.create(
        revision=revision,
        kind=RevisionChange.Kind.MOVED,
        program=program,
        from_node=current.node,
        to_node=to_node,
        before=current.node.path_label(),
        after=to_node.path_label(),
    )


@transaction.atomic
def renumber_program(
    revision: PlanRevision, program: Program, new_number: int, *, actor: User | None = None
) -> Program:
    """Give the program a new number from the revision's year; earlier years keep printing the old one.

    The old program ends with the year before; a program with the new number takes its place
    (same title, content, departments and listings), and each indicator continues the old one,
    its latest target carried, so year-over-year views show both numbers' years on one row.
    """
    year, actor = revision.effective_year, _actor(revision, actor)
    _refuse_ended(revision, program)
    if Program.objects.filter(plan=revision.plan, number=new_number).exists():
        raise RevisionError(f"事業番号{new_number}は既にあります。")
    successor = continue_program(program, plan=revision.plan, number=new_number, first_year=year)
    for listing in Listing.objects.filter(program=program, last_year__isnull=True):
        Listing.objects.create(
            node=listing.node,
            program=successor,
            is_relisting=listing.is_relisting,
            position=listing.position,
            first_year=year,
        )
    for indicator, continued in continue_indicators(program, successor, actor=actor):
        latest = (
            IndicatorValue.objects.filter(indicator=indicator, target__isnull=False)
            .order_by("-fiscal_year")
            .first()
        )
        if latest is not None:
            carried = IndicatorValue(indicator=continued, fiscal_year=year, target=latest.target)
            record_actor(carried, actor)
            carried.save()
    program.last_year = year - 1
    record_actor(program, actor)
    program.save(update_fields=["last_year"])
    Listing.objects.filter(program=program, last_year__isnull=True).update(last_year=year - 1)
    RevisionChange.objects.create(
        revision=revision,
        kind=RevisionChange.Kind.RENUMBERED,
        program=program,
        before=str(program.number),
        after=str(new_number),
    )
    return successor


@transaction.atomic
def change_target(revision: PlanRevision, indicator: Indicator, target: Decimal, actor: User) -> None:
    """Set the indicator's target for the revision's year (carried forward when later years open).

    actor may be given by position too (older callers do).
    """
    value, _ = IndicatorValue.objects.get_or_create(indicator=indicator, fiscal_year=revision.effective_year)
    before = value.target
    value.target = target
    record_actor(value, actor)
    value.save(update_fields=["target"])
    RevisionChange.objects.create(
        revision=revision,
        kind=RevisionChange.Kind.TARGET,
        program=indicator.program,
        before=f"{indicator.name}: {before if before is not None else '―'}",
        after=f"{indicator.name}: {target}",
    )


def _refuse_ended(revision: PlanRevision, program: Program) -> None:
    """Refuse a program of another plan, or one that has already ended before the revision's year."""
    if program.plan_id != revision.plan_id:
        raise PermissionDenied
    if program.last_year is not None and program.last_year < revision.effective_year:
        raise RevisionError(
            f"事業番号{program.number}は{wareki_label(program.last_year)}で終了しています（{program.title}）。"
        )


def _next_position(node: PlanNode) -> int:
    last = Listing.objects.filter(node=node).order_by("-position").values_list("position", flat=True).first()
    return (last or 0) + 1
