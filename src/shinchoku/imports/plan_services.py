"""The plan import as a use case: read a 進捗管理表-shaped file, check it whole, then create the plan.

The plan's tree, programs, departments and listings are written in a few statements whatever the
size of the sheet (make bench measures it against openpyxl's bare reading of the same file).
"""

from dataclasses import dataclass, replace
from typing import Any

from django.db import connection, transaction
from django.db.models import Model
from simple_history.utils import bulk_create_with_history

from shinchoku.accounts import access
from shinchoku.accounts.models import Department, Organization, User
from shinchoku.domain.dimensions import Dimension, dimensions_data
from shinchoku.domain.grades import SEED_SCALE, GradeScale
from shinchoku.imports.departments import known_department
from shinchoku.imports.dimension_columns import dimensions_from_sheet
from shinchoku.imports.grades import mark_only_grade_problems
from shinchoku.imports.models import ImportKind
from shinchoku.imports.names import name_problems, plan_name_problems, slug_problems
from shinchoku.imports.numbering import code_note
from shinchoku.imports.plan_import import (
    NodeKey,
    PlanSpec,
    ProgramSpec,
    build_plan_spec,
    ditto_notes,
    plan_preview,
)
from shinchoku.imports.records import (
    ImportedFile,
    ImportResult,
    Progress,
    already_imported,
    fingerprint,
    record_import,
)
from shinchoku.imports.relistings import relisting_grade_warnings
from shinchoku.imports.rows import ParsedSheet, grade_mark_note, parse_first_table, sheet_notes
from shinchoku.imports.table import Column
from shinchoku.lib.history import record_actor
from shinchoku.lib.problems import ImportRefused, Problem
from shinchoku.plans.models import Listing, Plan, PlanNode, Program

# The 所管課 of every program of a sheet without a 所管課 column, when none is given.
UNASSIGNED_DEPARTMENT = "所管課未設定"
BULK = 1000  # listings a statement (and a step of the progress bar)
Row = tuple[int | str | bool | None, ...]  # plain values, as the database driver takes them


@dataclass(frozen=True)
class NewPlan:
    """The plan an import creates, as the importing person names it."""

    organization: Organization
    slug: str
    name: str
    first_year: int
    last_year: int
    scale: GradeScale
    percent_places: int
    dimensions: tuple[Dimension, ...] = ()  # further dimensions its sheet grades on (川崎市 妥当性…)


def import_plan(
    *,
    name: str,
    content: bytes,
    organization: Organization,
    slug: str,
    plan_name: str,
    first_year: int,
    last_year: int,
    actor: User | None,
    dry_run: bool = False,
    progress: Progress | None = None,
    scale: GradeScale | None = None,
    percent_places: int = 0,
    department: str = "",
) -> ImportResult:
    """Create a plan's tree, programs, departments and listings from a 進捗管理表-shaped file.

    scale is the plan's grade scale (the seed's A/B/C/－ when None); department is every
    program's 所管課 when the sheet has no 所管課 column, as the seed's table has none.
    Not durable: the bench and the fuzz tests run it inside a transaction they roll back.
    """
    _check_importer(organization, actor)
    new = NewPlan(organization, slug, plan_name, first_year, last_year, scale or SEED_SCALE, percent_places)
    parsed = parse_first_table(name, content, (Column.NUMBER, Column.TITLE), scale=new.scale)
    problems: list[Problem] = []
    department, notes = _department_of_every_program(parsed, department.strip())
    known = set(Department.objects.filter(organization=organization).values_list("name", flat=True))
    spec = build_plan_spec(parsed, problems, department=department, departments=known)
    _use_known_departments(spec, known)
    imported = ImportedFile(organization, ImportKind.PLAN, name, fingerprint(content), slug)
    problems.extend(mark_only_grade_problems(parsed, new.scale))
    problems.extend(_plan_problems(spec, new, imported))
    if problems:
        raise ImportRefused(problems)
    summary = _plan_summary(spec, organization)
    preview = plan_preview(parsed, spec, new.scale, department)
    numbered = [note] if (note := parsed.numbering.note()) else []
    dimensions, dimension_notes = dimensions_from_sheet(parsed)
    new = replace(new, dimensions=tuple(dimensions))
    preview.notes = notes = [
        *notes,
        *numbered,
        *dimension_notes,
        *ditto_notes(spec, parsed),
        *([note] if (note := grade_mark_note(parsed)) else []),
        *sheet_notes(parsed),
        *relisting_grade_warnings(parsed, new.scale),
    ]
    preview.warnings[:0] = notes
    if not dry_run:
        create_plan(new, spec, imported, summary, actor=actor, progress=progress)
    return ImportResult(summary, written=not dry_run, warnings=preview.warnings, preview=preview)


def create_plan(
    new: NewPlan,
    spec: PlanSpec,
    imported: ImportedFile,
    summary: dict[str, Any],
    *,
    actor: User | None,
    progress: Progress | None = None,
) -> Plan:
    """Write the checked plan whole, with the record of the file it came from (all or nothing)."""
    with transaction.atomic():
        plan = Plan(
            organization=new.organization,
            slug=new.slug,
            name=new.name,
            first_year=new.first_year,
            last_year=new.last_year,
            grade_scale=new.scale.to_dict(),
            percent_places=new.percent_places,
            dimensions=dimensions_data(new.dimensions),
        )
        record_actor(plan, actor)
        plan.full_clean()
        plan.save()
        _write_plan(plan, spec, actor, progress)
        record_import(imported, summary, actor=actor)
    return plan


def _check_importer(organization: Organization, actor: User | None) -> None:
    """Refuse a plan for another organization than the actor's own (issue 20).

    Only an installation administrator (or the shell, actor None) may import for another one.
    """
    if actor is None or access.is_installation_admin(actor) or actor.organization_id == organization.pk:
        return
    raise ImportRefused(
        [Problem(f"「{organization.name}」の計画は取り込めません。", "自分の団体の計画だけを取り込めます。")]
    )


def _department_of_every_program(parsed: ParsedSheet, department: str) -> tuple[str, list[str]]:
    """Return the 所管課 of every program when the sheet has no 所管課 column, and what was decided."""
    if Column.DEPARTMENT in parsed.header.columns or department:
        return department, []
    # The seed's own table has no 所管課 column: the plan is still imported, under one named
    # placeholder the secretariat renames or splits, rather than refused.
    return UNASSIGNED_DEPARTMENT, [
        f"「所管課」の列がないため、すべての事業の所管課を「{UNASSIGNED_DEPARTMENT}」とします。"
        "取り込み後に所管課の名前を直すか、取り込む前にすべての事業の所管課を指定してください。"
    ]


def _plan_problems(spec: PlanSpec, new: NewPlan, imported: ImportedFile) -> list[Problem]:
    """Return what keeps the plan itself from being created (names, slug, period, the same file)."""
    problems = [*slug_problems(new.slug), *name_problems(spec), *plan_name_problems(new.name)]
    if Plan.objects.filter(slug=new.slug).exists():
        # Slugs are unique across the installation: say nothing of whose plan holds it.
        problems.append(Problem("この略称は使えません。", "別の略称にしてください。", value=new.slug))
    if new.first_year > new.last_year:
        problems.append(
            Problem(
                "計画期間の初年度が最終年度より後です。", "計画期間の初年度と最終年度を確かめてください。"
            )
        )
    if not 0 <= new.percent_places <= 2:
        problems.append(Problem(f"割合の小数点以下の桁数は0〜2です（{new.percent_places}）。"))
    if duplicate := already_imported(new.organization, ImportKind.PLAN, imported.sha, new.slug, None):
        problems.append(duplicate)
    return problems


def _plan_summary(spec: PlanSpec, organization: Organization) -> dict[str, Any]:
    # Marked in a 重点 column: the programs, and their listings (再掲 included) as the cover counts them.
    marked = [p for p in spec.programs.values() if p.priority]
    if not marked:
        return _summary(spec, organization)
    listings = sum(1 + len(p.relistings) for p in marked)
    return _summary(spec, organization) | {"priority": len(marked), "priority_listings": listings}


def _summary(spec: PlanSpec, organization: Organization) -> dict[str, Any]:
    depths = [len(n.key) for n in spec.nodes]
    known = Department.objects.filter(organization=organization).values_list("name", flat=True)
    return {
        "areas": depths.count(1),
        "levels": sum(1 for d in depths if d > 1),
        "programs": len(spec.programs),
        "listings": spec.listing_count(),
        "relistings": sum(len(p.relistings) for p in spec.programs.values()),
        "departments": len(spec.departments),
        "new_departments": sorted(set(spec.departments) - set(known)),
        "two_departments": [
            f"事業番号{p.label}" for _, p in sorted(spec.programs.items()) if len(p.departments) > 1
        ],
    }


def _use_known_departments(spec: PlanSpec, known: set[str]) -> None:
    """Read 「保健福祉局　福祉総務課」 as the city's 福祉総務課 when only the last part is a known department.

    Cities often write the bureau before the department in one cell; without this a second
    department of the same name would be created beside the one the city's users belong to.
    """
    renamed = {}
    for name in spec.departments:
        if (taken := known_department(name, known)) != name:
            renamed[name] = taken
    if not renamed:
        return
    spec.departments = list(dict.fromkeys(renamed.get(n, n) for n in spec.departments))
    for program in spec.programs.values():
        program.departments = list(dict.fromkeys(renamed.get(n, n) for n in program.departments))


# ---------------------------------------------------------------- writing, a few statements in all


def _write_plan(plan: Plan, spec: PlanSpec, actor: User | None, progress: Progress | None) -> None:
    departments = _departments(spec, plan.organization, actor)
    nodes = _write_nodes(plan, spec)
    # Programs, their departments and listings as plain rows (a 10,000-row sheet: a few statements,
    # not 40,000, and no model instance per row; measured by make bench). None of them keeps a
    # history; the plan and the import record say who.
    _insert_rows(
        Program,
        ("plan_id", "number", "title", "content", "note", "is_priority"),
        [(plan.pk, n, p.title, p.content, _program_note(p), p.priority) for n, p in spec.programs.items()],
    )
    programs = dict(Program.objects.filter(plan=plan).values_list("number", "pk"))
    _insert_rows(
        Program.departments.through,
        ("program_id", "department_id"),
        [
            (programs[n], departments[d])
            for n, p in spec.programs.items()
            for d in dict.fromkeys(p.departments)
        ],
    )
    positions: dict[NodeKey, int] = {}
    listings: list[Row] = []
    for key, number, relisting in spec.listings:
        position = positions.get(key, 0)
        positions[key] = position + 1
        listings.append((nodes[key], programs[number], relisting, position))
    total = len(listings)
    for start in range(0, total, BULK):
        _insert_rows(
            Listing, ("node_id", "program_id", "is_relisting", "position"), listings[start : start + BULK]
        )
        if progress:
            progress(min(start + BULK, total), total)


def _program_note(program: ProgramSpec) -> str:
    """Return a program's note: the branch number the sheet wrote, and that its title was 「同上」."""
    return "\n".join(n for n in (code_note(program.code) if program.code else "", program.ditto_note) if n)


def _departments(spec: PlanSpec, organization: Organization, actor: User | None) -> dict[str, int]:
    """Return the pk of every department the plan names, creating the new ones (with their history)."""
    known: dict[str, int] = dict(
        Department.objects.filter(organization=organization, name__in=spec.departments).values_list(
            "name", "pk"
        )
    )
    new = [Department(organization=organization, name=name) for name in spec.departments if name not in known]
    for department in new:
        record_actor(department, actor)
    for department in bulk_create_with_history(new, Department, default_user=actor):
        known[department.name] = department.pk
    return known


def _write_nodes(plan: Plan, spec: PlanSpec) -> dict[NodeKey, int]:
    """Create the plan's tree in two statements (the nodes, then their parents); return key → pk."""
    created = PlanNode.objects.bulk_create(
        [
            PlanNode(plan=plan, label=node.label, title=node.title, position=position)
            for position, node in enumerate(spec.nodes)
        ]
    )
    nodes = {spec_node.key: row for spec_node, row in zip(spec.nodes, created, strict=True)}
    children = []
    for key, row in nodes.items():
        parent = nodes.get(key[:-1])
        if parent is not None and parent is not row:
            row.parent = parent
            children.append(row)
    PlanNode.objects.bulk_update(children, ["parent"], batch_size=BULK)
    return {key: row.pk for key, row in nodes.items()}


def _insert_rows(model: type[Model], columns: tuple[str, ...], rows: list[Row]) -> None:
    """INSERT rows of plain values (int, str, bool, None) into model's table: one executemany, or COPY on PostgreSQL.

    columns are field attnames; every other column takes its field's default, as bulk_create
    would give it. No model instance is made and no signal sent (bulk_create sends none either).
    """
    if not rows:
        return
    meta = model._meta
    by_attname = {f.attname: f for f in meta.concrete_fields}
    given = [by_attname[name] for name in columns]
    others = [f for f in meta.concrete_fields if f not in given and not f.primary_key]
    defaults = tuple(f.get_db_prep_save(f.get_default(), connection) for f in others)
    quote = connection.ops.quote_name
    names = ", ".join(quote(f.column) for f in [*given, *others])
    marks = "(" + ", ".join(["%s"] * (len(given) + len(others))) + ")"
    insert = f"INSERT INTO {quote(meta.db_table)} ({names}) VALUES "
    full = [row + defaults for row in rows]
    with connection.cursor() as cursor:
        if connection.vendor != "postgresql":  # SQLite runs in the process: executemany costs no round trips
            cursor.executemany(insert + marks, full)
            return
        # PostgreSQL executes each row of an executemany as a statement of its own (half the import's
        # time at 10,000 rows); COPY streams every row into the table in one statement.
        with cursor.cursor.copy(f"COPY {quote(meta.db_table)} ({names}) FROM STDIN") as copy:
            for row in full:
                copy.write_row(row)
