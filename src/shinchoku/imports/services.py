"""Imports as use cases: read, check everything, then write all or nothing, and keep a record."""

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from shinchoku.accounts import access
from shinchoku.accounts.models import Department, Organization, User
from shinchoku.domain.errors import GradeError, NumberFormatError
from shinchoku.domain.fiscal import wareki_label
from shinchoku.domain.grades import SEED_SCALE, GradeScale, needs_reason
from shinchoku.domain.numbers import means_no_value, parse_quantity
from shinchoku.imports.department_forms import (
    ENTRY_SHEET,
    HEADER_ROW,
    INDICATOR_SHEET,
    FormMeta,
    department_entries,
    read_meta,
)
from shinchoku.imports.models import ImportKind, ImportRecord
from shinchoku.imports.plan_import import PlanSpec, build_plan_spec, plan_preview
from shinchoku.imports.problems import ImportRefused, Problem
from shinchoku.imports.reading import Sheet, read_file
from shinchoku.imports.rows import EntryRow, ParsedSheet, cell_name, parse_sheet
from shinchoku.imports.table import Column, parse_number
from shinchoku.plans.models import (
    EntryEvent,
    EntryStatus,
    EvaluationType,
    IndicatorValue,
    Listing,
    Plan,
    PlanNode,
    PlanYear,
    Program,
    YearlyEntry,
)
from shinchoku.plans.services import suggested_grade_label

Progress = Callable[[int, int], None]


@dataclass
class ImportResult:
    """What an import did (or, in a dry run, would do)."""

    summary: dict[str, Any]
    written: bool
    warnings: list[str] = field(default_factory=list)
    preview: Any = None  # what a person checks before confirming (PlanPreview for a plan)


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


@dataclass
class EntryChange:
    """One entry the import creates or changes."""

    row: int
    entry: YearlyEntry
    created: bool
    changed_fields: list[str]


def import_progress(
    *,
    name: str,
    content: bytes,
    plan: Plan,
    fiscal_year: int,
    actor: User | None,
    dry_run: bool = False,
    progress: Progress | None = None,
) -> ImportResult:
    """Load a year's entries (取組内容, 目標, 実績・取組の成果, 達成度) from a 進捗管理表-shaped file."""
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
    changes = _entry_changes(parsed, plan, fiscal_year, problems) if not problems else []
    sha = fingerprint(content)
    if duplicate := _already_imported(plan.organization, ImportKind.PROGRESS, sha, plan.slug, fiscal_year):
        problems.append(duplicate)
    if problems:
        raise ImportRefused(problems)
    summary = {
        "entries": len(changes),
        "created": sum(1 for c in changes if c.created),
        "changed": sum(1 for c in changes if not c.created and c.changed_fields),
        "unchanged": sum(1 for c in changes if not c.created and not c.changed_fields),
        "grades": _grade_counts(changes),
    }
    if dry_run:
        return ImportResult(summary, written=False)
    with transaction.atomic():
        PlanYear.objects.get_or_create(plan=plan, fiscal_year=fiscal_year)
        for done, change in enumerate(changes, start=1):
            if change.created or change.changed_fields:
                change.entry._history_user = actor  # type: ignore[attr-defined]
                change.entry.save()
            if progress:
                progress(done, len(changes))
        ImportRecord.objects.create(
            organization=plan.organization,
            kind=ImportKind.PROGRESS,
            file_name=name,
            sha256=sha,
            plan_slug=plan.slug,
            fiscal_year=fiscal_year,
            summary=summary,
            imported_by=actor,
        )
    return ImportResult(summary, written=True)


def _grade_counts(changes: list[EntryChange]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for change in changes:
        counts[change.entry.final_grade or "（なし）"] = (
            counts.get(change.entry.final_grade or "（なし）", 0) + 1
        )
    return counts


ENTRY_FIELDS = (
    "activities",
    "target_text",
    "result_text",
    "evaluation_type",
    "proposed_grade",
    "proposed_reason",
    "final_grade",
    "reason",
    "status",
    "suggested_grade",
)


def _entry_changes(
    parsed: ParsedSheet, plan: Plan, fiscal_year: int, problems: list[Problem]
) -> list[EntryChange]:
    """Return the entries the rows set, each validated as the forms validate them."""
    programs = {p.number: p for p in Program.objects.filter(plan=plan).prefetch_related("departments")}
    existing = {
        (e.program_id, e.department_id): e
        for e in YearlyEntry.objects.filter(program__plan=plan, fiscal_year=fiscal_year)
    }
    scale = plan.scale()
    changes: list[EntryChange] = []
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
        entry = existing.get(key) or YearlyEntry(
            program=program, department=department, fiscal_year=fiscal_year
        )
        before = {f: getattr(entry, f) for f in ENTRY_FIELDS}
        if not _apply_row(entry, row, scale, parsed, problems):
            continue
        entry.suggested_grade = suggested_grade_label(entry) if entry.pk else entry.suggested_grade
        try:
            entry.full_clean(exclude=["version"])
        except ValidationError as error:
            for message in error.messages:
                problems.append(Problem(f"事業番号{row.number}: {message}", sheet=sheet, row=row.row))
            continue
        changed = [f for f in ENTRY_FIELDS if getattr(entry, f) != before[f]]
        changes.append(EntryChange(row.row, entry, entry.pk is None, changed))
    return changes


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


def _apply_row(
    entry: YearlyEntry, row: EntryRow, scale: Any, parsed: ParsedSheet, problems: list[Problem]
) -> bool:
    """Set the entry's fields from the row; return False (with a problem) when the grade cannot be read."""
    header = parsed.header.columns
    if Column.ACTIVITIES in header:
        entry.activities = row.get(Column.ACTIVITIES)
    if Column.TARGET in header:
        entry.target_text = row.get(Column.TARGET)
        # The seed writes 「―」 where no numeric target is set: those programs are graded by hand.
        entry.evaluation_type = (
            EvaluationType.QUALITATIVE if means_no_value(entry.target_text) else EvaluationType.QUANTITATIVE
        )
    if Column.RESULT in header:
        entry.result_text = row.get(Column.RESULT)
    if Column.GRADE in header:
        text = row.get(Column.GRADE)
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
                return False
            reason = row.get(Column.REASON)
            if not reason and needs_reason(grade, None):
                reason = entry.result_text  # the seed explains 「－」 in its results text
            entry.final_grade = entry.proposed_grade = grade.label
            entry.reason = entry.proposed_reason = reason
            entry.status = EntryStatus.CONFIRMED
    return True


# ---------------------------------------------------------------- department forms


@dataclass
class FormChange:
    entry: YearlyEntry
    fields: dict[str, Any]
    values: list[tuple[IndicatorValue, Decimal | None]]
    submit: bool


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

    An entry that is complete (取組内容, 実績, 達成度) is submitted to the secretariat; one
    changed on screen since the form was downloaded is not overwritten.
    """
    sheets = read_file(name, content)
    meta = read_meta(sheets)
    department = _form_department(meta, plan, fiscal_year, actor)
    problems: list[Problem] = []
    changes = _form_changes(sheets, meta, plan, fiscal_year, department, problems)
    sha = fingerprint(content)
    if duplicate := _already_imported(
        plan.organization, ImportKind.DEPARTMENT_FORM, sha, plan.slug, fiscal_year
    ):
        problems.append(duplicate)
    if problems:
        raise ImportRefused(problems)
    summary = {
        "department": department.name,
        "entries": len(changes),
        "submitted": sum(1 for c in changes if c.submit),
        "saved_as_draft": sum(1 for c in changes if not c.submit and c.fields),
        "indicator_values": sum(len(c.values) for c in changes),
    }
    if dry_run:
        return ImportResult(summary, written=False)
    with transaction.atomic():
        for change in changes:
            _apply_form_change(change, actor)
        ImportRecord.objects.create(
            organization=plan.organization,
            kind=ImportKind.DEPARTMENT_FORM,
            file_name=name,
            sha256=sha,
            plan_slug=plan.slug,
            fiscal_year=fiscal_year,
            summary=summary,
            imported_by=actor,
        )
    return ImportResult(summary, written=True)


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
    problems: list[Problem],
) -> list[FormChange]:
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
        change = FormChange(entry, fields, [], False)
        by_number[number] = change
    _form_indicator_values(sheets, by_number, fiscal_year, problems)
    changes = []
    for number, change in by_number.items():
        entry = change.entry
        if not change.fields and not change.values:
            continue
        if entry.version != meta.versions[number][1]:
            problems.append(
                Problem(
                    f"事業番号{number}は、回答票のダウンロード後に画面で変更されています。",
                    "回答票をダウンロードし直して記入するか、画面で入力してください。",
                    sheet=ENTRY_SHEET,
                )
            )
            continue
        if entry.status not in (EntryStatus.DRAFT, EntryStatus.RETURNED):
            problems.append(
                Problem(
                    f"事業番号{number}は{entry.get_status_display()}のため、回答票では変更できません。",
                    "差戻しを受けてから提出し直してください。",
                    sheet=ENTRY_SHEET,
                )
            )
            continue
        for field_name, value in change.fields.items():
            setattr(entry, field_name, value)
        for value, actual in change.values:
            value.actual = actual
        entry.suggested_grade = suggested_grade_label(
            entry, {value.pk: actual for value, actual in change.values}
        )
        try:
            entry.full_clean(exclude=["version"])
        except ValidationError as error:
            for message in error.messages:
                problems.append(Problem(f"事業番号{number}: {message}", sheet=ENTRY_SHEET))
            continue
        change.submit = all((entry.activities.strip(), entry.result_text.strip(), entry.proposed_grade))
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
    sheet = next((s for s in sheets if s.name == INDICATOR_SHEET), None)
    if sheet is None:
        return
    for r in range(HEADER_ROW + 1, len(sheet.rows) + 1):
        number = parse_number(sheet.cell(r, 1))
        if number is None or number not in by_number:
            continue
        change = by_number[number]
        value = (
            IndicatorValue.objects.filter(
                indicator__program_id=change.entry.program_id,
                indicator__name=sheet.cell(r, 2),
                fiscal_year=fiscal_year,
            )
            .select_related("indicator")
            .first()
        )
        if value is None:
            problems.append(
                Problem("指標が見つかりません。", sheet=INDICATOR_SHEET, row=r, value=sheet.cell(r, 2))
            )
            continue
        text = sheet.cell(r, 5)
        try:
            actual = None if means_no_value(text) else parse_quantity(text).value
        except NumberFormatError as error:
            problems.append(
                Problem(str(error), sheet=INDICATOR_SHEET, row=r, column="E（実績値）", value=text)
            )
            continue
        if actual != value.actual:
            change.values.append((value, actual))


def _apply_form_change(change: FormChange, actor: User) -> None:
    entry = change.entry
    for value, actual in change.values:
        value.actual = actual
        value._history_user = actor  # type: ignore[attr-defined]
        value.save(update_fields=["actual"])
    fields = [*change.fields, "suggested_grade", "version"]
    entry.version += 1
    if change.submit:
        entry.status = EntryStatus.SUBMITTED
        fields.append("status")
    entry._history_user = actor  # type: ignore[attr-defined]
    entry.save(update_fields=fields)
    if change.submit:
        EntryEvent.objects.create(
            entry=entry, actor=actor, action=EntryEvent.Action.SUBMITTED, comment="回答票から提出"
        )
