"""Imports as use cases: read, check everything, then write all or nothing, and keep a record."""

import hashlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from shinchoku.accounts import access
from shinchoku.accounts.models import Department, Organization, User
from shinchoku.domain.errors import DomainError, GradeError, NumberFormatError
from shinchoku.domain.fiscal import wareki_label
from shinchoku.domain.grades import SEED_SCALE, GradeScale, needs_reason
from shinchoku.domain.numbers import means_no_value, parse_figure
from shinchoku.imports.department_forms import (
    ENTRY_SHEET,
    HEADER_ROW,
    INDICATOR_SHEET,
    FormMeta,
    department_entries,
    read_meta,
)
from shinchoku.imports.models import ImportKind, ImportRecord
from shinchoku.imports.names import name_problems, plan_name_problems
from shinchoku.imports.plan_import import PlanSpec, build_plan_spec, plan_preview
from shinchoku.imports.rows import EntryRow, ParsedSheet, cell_name, parse_sheet
from shinchoku.imports.table import Column, parse_number
from shinchoku.lib.forms import model_digits
from shinchoku.lib.problems import ImportRefused, Problem
from shinchoku.lib.reading import Sheet, read_file
from shinchoku.plans import access as plans_access
from shinchoku.plans import workflow
from shinchoku.plans.models import (
    EntryStatus,
    EvaluationType,
    Indicator,
    IndicatorValue,
    Listing,
    Plan,
    PlanNode,
    Program,
    YearlyEntry,
)

Progress = Callable[[int, int], None]


@dataclass
class ImportResult:
    """What an import did (or, in a dry run, would do)."""

    summary: dict[str, Any]
    written: bool
    warnings: list[str] = field(default_factory=list)
    preview: Any = None  # what a person checks before confirming (PlanPreview for a plan)
    versions: dict[str, int] = field(default_factory=dict)  # entry id → version the check saw


def fingerprint(content: bytes) -> str:
    """Return the file's SHA-256, by which a second upload of the same file is recognised."""
    return hashlib.sha256(content).hexdigest()


def _already_imported(
    organization: Organization, kind: str, sha: str, plan_slug: str, year: int | None
) -> Problem | None:
    earlier = ImportRecord.objects.filter(
        organization=organization, kind=kind, sha256=sha, plan_slug=plan_slug, fiscal_year=year
    ).first()
    if earlier is None:
        return None
    return Problem(
        f"このファイルは{timezone.localtime(earlier.imported_at):%Y-%m-%d %H:%M}に取り込み済みです（{earlier.file_name}）。",
        "内容を直した場合は、保存し直したファイルを選んでください。",
    )


def _parse_first_table(
    name: str, content: bytes, required: tuple[Column, ...], year: int | None = None
) -> ParsedSheet:
    """Return the first sheet holding the table (the year's columns, if it has several), or refuse."""
    problems: list[Problem] = []
    for sheet in read_file(name, content):
        sheet_problems: list[Problem] = []
        parsed = parse_sheet(sheet, required, sheet_problems, year)
        if parsed is not None:
            if sheet_problems:
                raise ImportRefused(sheet_problems)
            return parsed
        problems.extend(sheet_problems)
    raise ImportRefused(problems)


# ---------------------------------------------------------------- plan structure


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
    """
    # A plan belongs to the organization it is imported for; only an installation administrator (or
    # the shell, actor None) may import for an organization other than its own (issue 20).
    if (
        actor is not None
        and not access.is_installation_admin(actor)
        and actor.organization_id != organization.pk
    ):
        raise ImportRefused(
            [
                Problem(
                    f"「{organization.name}」の計画は取り込めません。", "自分の団体の計画だけを取り込めます。"
                )
            ]
        )
    parsed = _parse_first_table(name, content, (Column.NUMBER, Column.TITLE))
    problems: list[Problem] = []
    department = department.strip()
    notes = []
    if Column.DEPARTMENT not in parsed.header.columns and not department:
        # The seed's own table has no 所管課 column: the plan is still imported, under one named
        # placeholder the secretariat renames or splits, rather than refused.
        department = UNASSIGNED_DEPARTMENT
        notes.append(
            f"「所管課」の列がないため、すべての事業の所管課を「{UNASSIGNED_DEPARTMENT}」とします。"
            "取り込み後に所管課の名前を直すか、取り込む前に「すべての事業の所管課」を指定してください。"
        )
    spec = build_plan_spec(parsed, problems, department=department)
    _use_known_departments(spec, organization)
    problems.extend(name_problems(spec))
    problems.extend(plan_name_problems(plan_name))
    scale = scale or SEED_SCALE
    if Plan.objects.filter(slug=slug).exists():
        problems.append(Problem(f"計画「{slug}」は既にあります。", "別の略称を指定してください。"))
    if first_year > last_year:
        problems.append(
            Problem(
                "計画期間の初年度が最終年度より後です。", "計画期間の初年度と最終年度を確かめてください。"
            )
        )
    if not 0 <= percent_places <= 2:
        problems.append(Problem(f"割合の小数点以下の桁数は0〜2です（{percent_places}）。"))
    sha = fingerprint(content)
    if duplicate := _already_imported(organization, ImportKind.PLAN, sha, slug, None):
        problems.append(duplicate)
    if problems:
        raise ImportRefused(problems)
    depths = [len(n.key) for n in spec.nodes]
    summary = {
        "areas": depths.count(1),
        "levels": sum(1 for d in depths if d > 1),
        "programs": len(spec.programs),
        "listings": spec.listing_count(),
        "relistings": sum(len(p.relistings) for p in spec.programs.values()),
        "departments": len(spec.departments),
        "new_departments": sorted(
            set(spec.departments)
            - set(Department.objects.filter(organization=organization).values_list("name", flat=True))
        ),
        "two_departments": [
            f"事業番号{n}" for n, p in sorted(spec.programs.items()) if len(p.departments) > 1
        ],
    }
    preview = plan_preview(parsed, spec, scale, department)
    preview.notes = notes
    preview.warnings[:0] = notes
    if dry_run:
        return ImportResult(summary, written=False, warnings=preview.warnings, preview=preview)
    with transaction.atomic():
        plan = Plan(
            organization=organization,
            slug=slug,
            name=plan_name,
            first_year=first_year,
            last_year=last_year,
            grade_scale=scale.to_dict(),
            percent_places=percent_places,
        )
        plan._history_user = actor  # type: ignore[attr-defined]
        plan.full_clean()
        plan.save()
        _write_plan(plan, spec, organization, progress)
        ImportRecord.objects.create(
            organization=organization,
            kind=ImportKind.PLAN,
            file_name=name,
            sha256=sha,
            plan_slug=slug,
            summary=summary,
            imported_by=actor,
        )
    return ImportResult(summary, written=True, warnings=preview.warnings, preview=preview)


def _use_known_departments(spec: PlanSpec, organization: Organization) -> None:
    """Read 「保健福祉局　福祉総務課」 as the city's 福祉総務課 when only the last part is a known department.

    Cities often write the bureau before the department in one cell; without this a second
    department of the same name would be created beside the one the city's users belong to.
    """
    known = set(Department.objects.filter(organization=organization).values_list("name", flat=True))
    renamed = {}
    for name in spec.departments:
        last = name.split()[-1] if name.split() else name
        if name not in known and last != name and last in known:
            renamed[name] = last
    if not renamed:
        return
    spec.departments = list(dict.fromkeys(renamed.get(n, n) for n in spec.departments))
    for program in spec.programs.values():
        program.departments = list(dict.fromkeys(renamed.get(n, n) for n in program.departments))


# The 所管課 of every program of a sheet without a 所管課 column, when none is given.
UNASSIGNED_DEPARTMENT = "所管課未設定"
BULK = 1000


def _write_plan(plan: Plan, spec: PlanSpec, organization: Organization, progress: Progress | None) -> None:
    departments = {
        name: Department.objects.get_or_create(organization=organization, name=name)[0]
        for name in spec.departments
    }
    nodes: dict[tuple[str, ...], PlanNode] = {}
    for position, node in enumerate(spec.nodes):
        nodes[node.key] = PlanNode.objects.create(
            plan=plan, parent=nodes.get(node.key[:-1]), label=node.label, title=node.title, position=position
        )
    # Programs, their departments and listings in bulk (a 10,000-row sheet: three inserts, not 40,000;
    # measured by make bench). None of them keeps a history; the plan and the import record say who.
    created = Program.objects.bulk_create(
        [Program(plan=plan, number=n, title=p.title, content=p.content) for n, p in spec.programs.items()],
        batch_size=BULK,
    )
    programs = {program.number: program for program in created}
    Program.departments.through.objects.bulk_create(
        [
            Program.departments.through(program_id=programs[n].pk, department_id=departments[d].pk)
            for n, p in spec.programs.items()
            for d in dict.fromkeys(p.departments)
        ],
        batch_size=BULK,
    )
    positions: dict[tuple[str, ...], int] = {}
    listings = []
    for key, number, relisting in spec.listings:
        position = positions.get(key, 0)
        positions[key] = position + 1
        listings.append(
            Listing(node=nodes[key], program=programs[number], is_relisting=relisting, position=position)
        )
    total = len(listings)
    for start in range(0, total, BULK):
        Listing.objects.bulk_create(listings[start : start + BULK])
        if progress:
            progress(min(start + BULK, total), total)


# ---------------------------------------------------------------- yearly progress


@dataclass(frozen=True)
class ProgressRow:
    """One row of a progress sheet, matched to its program and department."""

    row: int
    program: Program
    department: Department
    entry: YearlyEntry | None  # the entry as the check found it (None: the import creates it)
    data: workflow.ImportedEntry


def import_progress(
    *,
    name: str,
    content: bytes,
    plan: Plan,
    fiscal_year: int,
    actor: User,
    dry_run: bool = False,
    overwrite: bool = False,
    seen_versions: Mapping[str, int] | None = None,
    progress: Progress | None = None,
) -> ImportResult:
    """Load a year's entries (取組内容, 目標, 実績・取組の成果, 達成度) from a 進捗管理表-shaped file.

    Every entry is written by workflow.import_entry (lock, version, event 「Excel から取込み」).
    A submitted or confirmed entry is listed and skipped unless overwrite (「上書きする」).
    seen_versions are the entries' versions the preview showed (entry id → version): an entry
    changed since then refuses the whole file rather than being written unseen.
    """
    if not plans_access.manages_plan(actor, plan):
        raise PermissionDenied
    parsed = _parse_first_table(name, content, (Column.NUMBER,), fiscal_year)
    problems: list[Problem] = []
    header = parsed.header
    if not any(c in header.columns for c in (Column.ACTIVITIES, Column.RESULT, Column.GRADE)):
        problems.append(
            Problem(
                "「取組内容」「実績・取組の成果」「達成度」のどの列もありません。",
                "年度の取組を記入した列の見出しを確かめてください。",
                sheet=parsed.sheet.name,
                row=header.row,
            )
        )
    if header.year is not None and header.year != fiscal_year:
        problems.append(
            Problem(
                f"見出しの年度（{wareki_label(header.year)}）が取り込む年度（{wareki_label(fiscal_year)}）と違います。",
                "取り込む年度か、ファイルを確かめてください。",
                sheet=parsed.sheet.name,
                row=header.row,
            )
        )
    if not plan.covers(fiscal_year):
        problems.append(
            Problem(
                f"{wareki_label(fiscal_year)}は計画「{plan.name}」の期間外です。", "年度を確かめてください。"
            )
        )
    rows = _progress_rows(parsed, plan, fiscal_year, problems) if not problems else []
    sha = fingerprint(content)
    if duplicate := _already_imported(plan.organization, ImportKind.PROGRESS, sha, plan.slug, fiscal_year):
        problems.append(duplicate)
    if problems:
        raise ImportRefused(problems)
    outcomes: list[tuple[ProgressRow, YearlyEntry, workflow.ImportOutcome]] = []
    # The preview runs the same writes as the import and rolls them back, so what it shows is what
    # the import does, and the services alone decide what may be written.
    with transaction.atomic():
        workflow.open_year_for_import(plan=plan, fiscal_year=fiscal_year, actor=actor)
        for done, row in enumerate(rows, start=1):
            version = None
            if row.entry is not None and seen_versions is not None:
                version = seen_versions.get(str(row.entry.pk), row.entry.version)
            try:
                entry, outcome = workflow.import_entry(
                    program=row.program,
                    department=row.department,
                    fiscal_year=fiscal_year,
                    actor=actor,
                    data=row.data,
                    file_name=name,
                    overwrite=overwrite,
                    version=version,
                )
            except ValidationError as error:
                problems.extend(
                    Problem(f"事業番号{row.program.number}: {message}", sheet=parsed.sheet.name, row=row.row)
                    for message in error.messages
                )
                continue
            except workflow.StaleEntryError:
                problems.append(
                    Problem(
                        f"事業番号{row.program.number}（{row.department.name}）は、ファイルの確認の後に変更されています。",
                        "もう一度ファイルを選んで、確認し直してください。",
                        sheet=parsed.sheet.name,
                        row=row.row,
                    )
                )
                continue
            except DomainError as error:  # a rule of the domain says why, never a 500
                problems.append(
                    Problem(f"事業番号{row.program.number}: {error}", sheet=parsed.sheet.name, row=row.row)
                )
                continue
            outcomes.append((row, entry, outcome))
            if progress:
                progress(done, len(rows))
        if problems:
            transaction.set_rollback(True)
            raise ImportRefused(problems)
        summary = _progress_summary(outcomes)
        _finish_year_import(ImportKind.PROGRESS, plan, fiscal_year, name, sha, summary, actor, dry_run)
    versions = {str(row.entry.pk): row.entry.version for row in rows if row.entry is not None}
    return ImportResult(summary, written=not dry_run, versions=versions)


def _progress_summary(
    outcomes: list[tuple[ProgressRow, YearlyEntry, workflow.ImportOutcome]],
) -> dict[str, Any]:
    Outcome = workflow.ImportOutcome

    def count(outcome: workflow.ImportOutcome) -> int:
        return sum(1 for _, _, o in outcomes if o == outcome)

    def named(outcome: workflow.ImportOutcome) -> list[str]:
        return [
            f"事業番号{row.program.number}（{row.department.name}・{_STATUS_NAMES.get(row.entry.status, '')}）"
            for row, _, o in outcomes
            if o == outcome and row.entry is not None
        ]

    grades: dict[str, int] = {}
    for _, entry, outcome in outcomes:
        if outcome != Outcome.SKIPPED:
            grades[entry.final_grade or "（なし）"] = grades.get(entry.final_grade or "（なし）", 0) + 1
    return {
        "entries": len(outcomes),
        "created": count(Outcome.CREATED),
        "changed": count(Outcome.CHANGED),
        "unchanged": count(Outcome.UNCHANGED),
        "overwritten": named(Outcome.OVERWRITTEN),
        "skipped": named(Outcome.SKIPPED),
        "grades": grades,
    }


_STATUS_NAMES = {
    EntryStatus.DRAFT: "下書き",
    EntryStatus.SUBMITTED: "提出済み",
    EntryStatus.RETURNED: "差戻し中",
    EntryStatus.CONFIRMED: "確定済み",
}


def _progress_rows(
    parsed: ParsedSheet, plan: Plan, fiscal_year: int, problems: list[Problem]
) -> list[ProgressRow]:
    """Return the sheet's rows matched to programs and departments, each read as the forms read it."""
    programs = {p.number: p for p in Program.objects.filter(plan=plan).prefetch_related("departments")}
    existing = {
        (e.program_id, e.department_id): e
        for e in YearlyEntry.objects.filter(program__plan=plan, fiscal_year=fiscal_year)
    }
    scale = plan.scale()
    rows: list[ProgressRow] = []
    seen: dict[tuple[int, int], int] = {}
    sheet = parsed.sheet.name
    for row in parsed.rows:
        if not isinstance(row, EntryRow) or row.relisting:
            continue  # a re-listing repeats the first listing's entry
        program = programs.get(row.number)
        if program is None:
            problems.append(
                Problem(
                    f"事業番号{row.number}は計画「{plan.name}」にありません。",
                    "事業番号を確かめるか、先に計画の構成を取り込んでください。",
                    sheet=sheet,
                    row=row.row,
                    column=cell_name(parsed, Column.NUMBER),
                    value=str(row.number),
                )
            )
            continue
        department = _department(row, program, parsed, problems)
        if department is None:
            continue
        key = (program.pk, department.pk)
        if key in seen:
            problems.append(
                Problem(
                    f"事業番号{row.number}・{department.name}の行が{seen[key]}行目にもあります。",
                    "どちらか一方にまとめてください。",
                    sheet=sheet,
                    row=row.row,
                )
            )
            continue
        seen[key] = row.row
        data = _imported(row, scale, parsed, problems)
        if data is not None:
            rows.append(ProgressRow(row.row, program, department, existing.get(key), data))
    return rows


def _department(
    row: EntryRow, program: Program, parsed: ParsedSheet, problems: list[Problem]
) -> Department | None:
    departments = list(program.departments.all())
    name = row.get(Column.DEPARTMENT)
    if name:
        match = next((d for d in departments if d.name == name), None)
        if match is None:
            problems.append(
                Problem(
                    f"「{name}」は事業番号{program.number}の所管課ではありません（所管課: {'、'.join(d.name for d in departments)}）。",
                    "所管課名を計画どおりに直してください。",
                    sheet=parsed.sheet.name,
                    row=row.row,
                    column=cell_name(parsed, Column.DEPARTMENT),
                    value=name,
                )
            )
        return match
    if len(departments) == 1:
        return departments[0]
    problems.append(
        Problem(
            f"事業番号{program.number}は所管課が複数あります（{'、'.join(d.name for d in departments)}）。",
            "「所管課」列を設けて、どの所管課の行か記入してください。",
            sheet=parsed.sheet.name,
            row=row.row,
        )
    )
    return None


def _imported(
    row: EntryRow, scale: Any, parsed: ParsedSheet, problems: list[Problem]
) -> workflow.ImportedEntry | None:
    """Return what the row says of its entry; None (with a problem) when the grade cannot be read."""
    header = parsed.header.columns
    activities = row.get(Column.ACTIVITIES) if Column.ACTIVITIES in header else None
    target_text = evaluation_type = None
    if Column.TARGET in header:
        target_text = row.get(Column.TARGET)
        # The seed writes 「―」 where no numeric target is set: those programs are graded by hand.
        evaluation_type = (
            EvaluationType.QUALITATIVE if means_no_value(target_text) else EvaluationType.QUANTITATIVE
        )
    result_text = row.get(Column.RESULT) if Column.RESULT in header else None
    grade_label, reason = None, ""
    text = row.get(Column.GRADE) if Column.GRADE in header else ""
    if text:
        try:
            grade = scale.parse(text)
        except GradeError as error:
            problems.append(
                Problem(
                    str(error),
                    sheet=parsed.sheet.name,
                    row=row.row,
                    column=cell_name(parsed, Column.GRADE),
                    value=text,
                )
            )
            return None
        reason = row.get(Column.REASON)
        if not reason and needs_reason(grade, None):
            reason = result_text or ""  # the seed explains 「－」 in its results text
        grade_label = grade.label
    return workflow.ImportedEntry(
        activities=activities,
        target_text=target_text,
        evaluation_type=evaluation_type,
        result_text=result_text,
        grade=grade_label,
        reason=reason,
    )


# ---------------------------------------------------------------- department forms


@dataclass
class FormChange:
    """What a returned form changes in one of its entries."""

    number: int
    entry: YearlyEntry
    version: int  # the entry's version when the form was downloaded
    fields: dict[str, Any]
    # indicator id → (the indicator, its target for the year, the actual value the form gives)
    actuals: dict[int, tuple[Indicator, Decimal | None, Decimal | None]] = field(default_factory=dict)


def import_department_form(
    *,
    name: str,
    content: bytes,
    plan: Plan,
    fiscal_year: int,
    actor: User,
    dry_run: bool = False,
) -> ImportResult:
    """Take a department's returned form: its entries' texts, grades and indicator actuals.

    Each entry is written as the entry form writes it (workflow.save_entry, then submit_entry when
    it is complete), so the form is held to the same access, status and version rules. A row the
    uploader could not change on screen is a problem, and the whole file is refused.
    """
    sheets = read_file(name, content)
    meta = read_meta(sheets)
    department = _form_department(meta, plan, fiscal_year, actor)
    problems: list[Problem] = []
    changes = _form_changes(sheets, meta, plan, fiscal_year, department, actor, problems)
    sha = fingerprint(content)
    if duplicate := _already_imported(
        plan.organization, ImportKind.DEPARTMENT_FORM, sha, plan.slug, fiscal_year
    ):
        problems.append(duplicate)
    if problems:
        raise ImportRefused(problems)
    submitted = 0
    # The preview runs the same writes and rolls them back: the services decide, not a copy of them.
    with transaction.atomic():
        for change in changes:
            try:
                submitted += _apply_form_change(change, actor)
            except ValidationError as error:
                problems.extend(
                    Problem(f"事業番号{change.number}: {message}", sheet=ENTRY_SHEET)
                    for message in error.messages
                )
            except workflow.StaleEntryError:
                problems.append(_changed_on_screen(change.number))
            except PermissionDenied:
                problems.append(_not_changeable(change.number, change.entry))
            except (workflow.WorkflowError, DomainError) as error:
                problems.append(Problem(f"事業番号{change.number}: {error}", sheet=ENTRY_SHEET))
        if problems:
            transaction.set_rollback(True)
            raise ImportRefused(problems)
        summary = {
            "department": department.name,
            "entries": len(changes),
            "submitted": submitted,
            "saved_as_draft": len(changes) - submitted,
            "indicator_values": sum(len(c.actuals) for c in changes),
        }
        _finish_year_import(ImportKind.DEPARTMENT_FORM, plan, fiscal_year, name, sha, summary, actor, dry_run)
    return ImportResult(summary, written=not dry_run)


def _changed_on_screen(number: int) -> Problem:
    return Problem(
        f"事業番号{number}は、回答票のダウンロード後に画面で変更されています。",
        "回答票をダウンロードし直して記入するか、画面で入力してください。",
        sheet=ENTRY_SHEET,
    )


def _not_changeable(number: int, entry: YearlyEntry) -> Problem:
    return Problem(
        f"事業番号{number}は{entry.get_status_display()}のため、回答票では変更できません。",
        "差戻しを受けてから提出し直してください。",
        sheet=ENTRY_SHEET,
    )


def _form_department(meta: FormMeta, plan: Plan, fiscal_year: int, actor: User) -> Department:
    made_for = f"{meta.plan}・{wareki_label(meta.fiscal_year)}・{meta.department_name}"
    if (
        meta.organization != plan.organization.jis_code
        or meta.plan != plan.slug
        or meta.fiscal_year != fiscal_year
    ):
        raise ImportRefused(
            [
                Problem(
                    f"この回答票は「{made_for}」のものです（取り込み先: {plan.slug}・{wareki_label(fiscal_year)}）。",
                    "取り込み先の計画と年度を選び直すか、正しい回答票を選んでください。",
                )
            ]
        )
    department = Department.objects.filter(pk=meta.department, organization=plan.organization).first()
    if department is None:
        raise ImportRefused([Problem(f"回答票の所管課「{meta.department_name}」がこの自治体にありません。")])
    if not access.manages_plans(actor) and not actor.departments.filter(pk=department.pk).exists():
        raise ImportRefused(
            [
                Problem(
                    f"この回答票は{department.name}のものです。",
                    "自分の所管課の回答票を選んでください。",
                )
            ]
        )
    return department


def _form_changes(
    sheets: list[Sheet],
    meta: FormMeta,
    plan: Plan,
    fiscal_year: int,
    department: Department,
    actor: User,
    problems: list[Problem],
) -> list[FormChange]:
    """Return what the form changes, entry by entry; a row the uploader may not change is a problem."""
    entry_sheet = next((s for s in sheets if s.name == ENTRY_SHEET), None)
    if entry_sheet is None:
        raise ImportRefused(
            [Problem(f"シート「{ENTRY_SHEET}」がありません。", "回答票をダウンロードし直してください。")]
        )
    entries = {e.pk: e for e in department_entries(plan, fiscal_year, department)}
    scale = plan.scale()
    by_number: dict[int, FormChange] = {}
    for r in range(HEADER_ROW + 1, len(entry_sheet.rows) + 1):
        number = parse_number(entry_sheet.cell(r, 1))
        if number is None:
            continue
        known = meta.versions.get(number)
        entry = entries.get(known[0]) if known else None
        if known is None or entry is None:
            problems.append(
                Problem(f"事業番号{number}はこの回答票の対象ではありません。", sheet=ENTRY_SHEET, row=r)
            )
            continue
        fields = _form_fields(entry_sheet, r, entry, scale, problems)
        by_number[number] = FormChange(number, entry, known[1], fields)
    _form_indicator_values(sheets, by_number, fiscal_year, problems)
    changes = []
    for number, change in by_number.items():
        entry = change.entry
        if not change.fields and not change.actuals:
            continue
        # Checked here to say why in the preview; the workflow services check again under lock.
        if entry.version != change.version:
            problems.append(_changed_on_screen(number))
        elif not plans_access.can_enter_returned_form(actor, entry):
            problems.append(_not_changeable(number, entry))
        else:
            changes.append(change)
    return changes


def _form_fields(
    sheet: Sheet, row: int, entry: YearlyEntry, scale: Any, problems: list[Problem]
) -> dict[str, Any]:
    """Return the entry fields the row changes (texts as typed, the grade in the scale's spelling)."""
    fields: dict[str, Any] = {}
    for column, field_name in (
        (4, "activities"),
        (5, "target_text"),
        (6, "result_text"),
        (8, "proposed_reason"),
    ):
        text = sheet.cell(row, column).replace("\r\n", "\n")
        if text != getattr(entry, field_name):
            fields[field_name] = text
    grade_text = sheet.cell(row, 7)
    if grade_text:
        try:
            grade = scale.parse(grade_text).label
        except GradeError as error:
            problems.append(
                Problem(str(error), sheet=ENTRY_SHEET, row=row, column="G（達成度）", value=grade_text)
            )
            return fields
        if grade != entry.proposed_grade:
            fields["proposed_grade"] = grade
    elif entry.proposed_grade:
        fields["proposed_grade"] = ""
    return fields


def _form_indicator_values(
    sheets: list[Sheet], by_number: dict[int, FormChange], fiscal_year: int, problems: list[Problem]
) -> None:
    """Read the 指標 sheet's actual values, each only for an indicator of the form's own entry."""
    sheet = next((s for s in sheets if s.name == INDICATOR_SHEET), None)
    if sheet is None:
        return
    own: dict[int, dict[str, list[Indicator]]] = {}
    for r in range(HEADER_ROW + 1, len(sheet.rows) + 1):
        number = parse_number(sheet.cell(r, 1))
        if number is None:
            continue
        name = sheet.cell(r, 2)
        change = by_number.get(number)
        if change is None:
            problems.append(
                Problem(f"事業番号{number}はこの回答票の対象ではありません。", sheet=INDICATOR_SHEET, row=r)
            )
            continue
        if number not in own:
            # The entry's own indicators, as the entry form offers them: another department's
            # indicator of the same program is not this form's to change (issue 17, finding 3).
            own[number] = {}
            for indicator in workflow.entry_indicators(change.entry):
                own[number].setdefault(indicator.name, []).append(indicator)
        matches = own[number].get(name, [])
        if len(matches) != 1:
            problems.append(
                Problem(
                    f"指標「{name}」は事業番号{number}（{change.entry.department.name}）の指標ではありません。"
                    if not matches
                    else f"事業番号{number}に指標「{name}」が複数あります。",
                    "回答票の指標の行を追加・変更せず、ダウンロードしたときのまま記入してください。",
                    sheet=INDICATOR_SHEET,
                    row=r,
                    value=name,
                )
            )
            continue
        indicator = matches[0]
        text = sheet.cell(r, 5)
        try:
            actual = parse_figure(text, model_digits(IndicatorValue, "actual"))
        except NumberFormatError as error:
            problems.append(
                Problem(str(error), sheet=INDICATOR_SHEET, row=r, column="E（実績値）", value=text)
            )
            continue
        value = IndicatorValue.objects.filter(indicator=indicator, fiscal_year=fiscal_year).first()
        target, current = (value.target, value.actual) if value else (None, None)
        if actual != current:
            change.actuals[indicator.pk] = (indicator, target, actual)


def _apply_form_change(change: FormChange, actor: User) -> int:
    """Write one entry as its department would on screen: save, then submit if complete; return 1 if submitted."""
    entry = change.entry
    values = {name: change.fields.get(name, getattr(entry, name)) for name in FORM_FIELDS}
    data = workflow.EntryInput(
        activities=values["activities"],
        target_text=values["target_text"],
        result_text=values["result_text"],
        evaluation_type=entry.evaluation_type,
        proposed_grade=values["proposed_grade"],
        proposed_reason=values["proposed_reason"],
        indicators=tuple(
            workflow.IndicatorInput(
                indicator_id=indicator.pk,
                name=indicator.name,
                unit=indicator.unit,
                direction=indicator.direction,
                source=indicator.source,
                target=target,
                actual=actual,
            )
            for indicator, target, actual in change.actuals.values()
        ),
    )
    saved = workflow.save_entry(
        entry=entry, actor=actor, version=change.version, data=data, returned_form=True
    )
    if not all((saved.activities.strip(), saved.result_text.strip(), saved.proposed_grade)):
        return 0  # incomplete: kept as a draft, as 下書き保存 keeps it
    workflow.submit_entry(entry=saved, actor=actor, version=saved.version, returned_form=True)
    return 1


FORM_FIELDS = ("activities", "target_text", "result_text", "proposed_grade", "proposed_reason")


def _finish_year_import(
    kind: str,
    plan: Plan,
    fiscal_year: int,
    name: str,
    sha: str,
    summary: dict[str, Any],
    actor: User,
    dry_run: bool,
) -> None:
    """Undo a dry run's writes, or record the import of a year's file (what makes a re-upload known)."""
    if dry_run:
        transaction.set_rollback(True)
        return
    ImportRecord.objects.create(
        organization=plan.organization,
        kind=kind,
        file_name=name,
        sha256=sha,
        plan_slug=plan.slug,
        fiscal_year=fiscal_year,
        summary=summary,
        imported_by=actor,
    )
