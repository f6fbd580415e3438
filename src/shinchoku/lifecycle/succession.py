"""The next plan (次期計画) made from the current one: same tree, continuing programs and indicators.

Every program still in the plan in its last year is carried into the new plan under the same
number, with its departments, listings and indicators (each indicator remembers the one it
continues, so multi-year views follow it). The secretariat then says which programs were split,
merged or ended; the rest continue as they were.

Both writes are services in plain ``transaction.atomic``: the view and the commands call them on
their own, and the demo loader inside its own transaction.
"""

from django.core.exceptions import PermissionDenied
from django.db import transaction

from shinchoku.accounts.models import User
from shinchoku.domain.fiscal import wareki_label
from shinchoku.lib.history import record_actor
from shinchoku.lifecycle.continuation import continue_indicators, continue_program
from shinchoku.lifecycle.models import ProgramSuccession
from shinchoku.lifecycle.revisions import RevisionError
from shinchoku.plans import access as plans_access
from shinchoku.plans.models import Listing, Plan, PlanNode, Program, active_in

COPIED_PLAN_FIELDS = (
    "basic_goal",
    "grade_scale",
    "percent_places",
    "combine_policy",
    "merge_policy",
    "counting",
    "baseline_rule",
    # How the city evaluates carries into its next plan, as its next Excel starts as a copy of the
    # last: the further dimensions (川崎市), うち重点 and how measures are graded (docs/practices.md).
    "dimensions",
    "show_priority",
    "measure_rule",
)


@transaction.atomic
def create_successor(
    *, plan: Plan, actor: User, slug: str, first_year: int, last_year: int, name: str = ""
) -> Plan:
    """Create the next plan from plan; return it. Refused if the periods overlap or the slug is taken."""
    if not plans_access.manages_plan(actor, plan):
        raise PermissionDenied
    if first_year <= plan.last_year:
        raise RevisionError(
            f"次期計画は前の計画の最終年度（{wareki_label(plan.last_year)}）より後から始めてください。"
            "期間の途中で変えるときは「見直し」を使います。"
        )
    if last_year < first_year:
        raise RevisionError("計画期間は、始まりの年度が終わりの年度以前になるように指定してください。")
    if Plan.objects.filter(slug=slug).exists():
        raise RevisionError(f"短い名前「{slug}」は既に使われています。")
    successor = Plan(
        organization=plan.organization,
        slug=slug,
        name=name or plan.name,
        first_year=first_year,
        last_year=last_year,
        predecessor=plan,
        **{field: getattr(plan, field) for field in COPIED_PLAN_FIELDS},
    )
    record_actor(successor, actor)
    successor.save()
    nodes = _copy_tree(plan, successor)
    programs = _copy_programs(plan, successor)
    by_id = {old.pk: new for old, new in programs.items()}
    for listing in Listing.objects.filter(program__in=by_id).filter(active_in(plan.last_year)):
        Listing.objects.create(
            node=nodes[listing.node_id],
            program=by_id[listing.program_id],
            is_relisting=listing.is_relisting,
            position=listing.position,
        )
    for old, new in programs.items():
        continue_indicators(old, new, actor=actor)
    ProgramSuccession.objects.bulk_create(
        ProgramSuccession(old_program=old, new_program=new, kind=ProgramSuccession.Kind.SAME)
        for old, new in programs.items()
    )
    return successor


def _copy_tree(plan: Plan, successor: Plan) -> dict[int, PlanNode]:
    copies: dict[int, PlanNode] = {}
    for node in PlanNode.objects.filter(plan=plan).order_by("position", "pk"):
        copies[node.pk] = PlanNode.objects.create(
            plan=successor,
            parent=copies[node.parent_id] if node.parent_id else None,
            label=node.label,
            title=node.title,
            position=node.position,
        )
    return copies


def _copy_programs(plan: Plan, successor: Plan) -> dict[Program, Program]:
    copies: dict[Program, Program] = {}
    for program in (
        Program.objects.filter(plan=plan).filter(active_in(plan.last_year)).prefetch_related("departments")
    ):
        copy = continue_program(program, plan=successor, number=program.number)
        copies[program] = copy
    return copies


@transaction.atomic
def record_succession(old: list[Program], new: list[Program], kind: str, *, actor: User | None) -> None:
    """Say how programs continue: one old into several new (split), several old into one (merged), or ended.

    A program's own copy in the new plan is removed when it ends or continues only inside
    other programs (refused once the copy has entries).
    """
    kinds = ProgramSuccession.Kind
    if (kind == kinds.SPLIT and len(old) != 1) or (kind == kinds.MERGED and len(new) != 1):
        raise RevisionError("分割は1つの事業から複数へ、統合は複数の事業から1つへ指定してください。")
    for before in old:
        for row in ProgramSuccession.objects.filter(old_program=before, kind=kinds.SAME).select_related(
            "new_program"
        ):
            copy = row.new_program
            record_actor(row, actor)
            row.delete()
            if copy is not None and copy not in new:
                _remove_copy(copy)
        if kind == kinds.ENDED:
            for row in ProgramSuccession.objects.filter(old_program=before):
                record_actor(row, actor)
                row.delete()
            _save_succession(ProgramSuccession(old_program=before, new_program=None, kind=kind), actor)
        for after in new:
            existing = ProgramSuccession.objects.filter(old_program=before, new_program=after).first()
            if existing is None:
                _save_succession(ProgramSuccession(old_program=before, new_program=after, kind=kind), actor)
            else:
                existing.kind = kind
                record_actor(existing, actor)
                existing.save(update_fields=["kind"])


def _save_succession(row: ProgramSuccession, actor: User | None) -> None:
    record_actor(row, actor)
    row.save()


def _remove_copy(program: Program) -> None:
    if program.entries.exists():
        raise RevisionError(f"事業番号{program.number}には既に取組の入力があるため、次期計画から外せません。")
    program.delete()
