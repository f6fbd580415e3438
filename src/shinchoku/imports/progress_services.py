"""The yearly progress import as a use case: a 進捗管理表 of the year's entries, checked whole, then written.

Every entry is written by the workflow services (plans.workflow.import_entry), as on screen.
"""

from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext

from shinchoku.accounts.models import Department, User
from shinchoku.domain.dimensions import parse_dimensions
from shinchoku.domain.errors import DomainError, GradeError
from shinchoku.domain.exclusion import means_excluded
from shinchoku.domain.fiscal import wareki_label
from shinchoku.domain.grades import GradeScale, needs_reason
from shinchoku.domain.numbers import means_no_value, parse_trend
from shinchoku.imports.departments import read_departments
from shinchoku.imports.dimension_columns import dimension_columns, read_grades
from shinchoku.imports.grades import grade_problem, read_grade
from shinchoku.imports.models import ImportKind
from shinchoku.imports.numbering import code_of
from shinchoku.imports.records import (
    ImportedFile,
    ImportResult,
    Progress,
    already_imported,
    fingerprint,
    finish_year_import,
)
from shinchoku.imports.relistings import relisting_grade_warnings, relisting_title_warnings
from shinchoku.imports.rows import (
    EntryRow,
    ParsedSheet,
    SkippedRow,
    cell_name,
    grade_mark_note,
    missing_grade_note,
    missing_target_note,
    parse_first_table,
    sheet_notes,
)
from shinchoku.imports.table import Column, baseline_year
from shinchoku.lib.problems import ImportRefused, Problem
from shinchoku.plans import access as plans_access
from shinchoku.plans import workflow
from shinchoku.plans.models import EntryStatus, EvaluationType, Plan, Program, YearlyEntry


@dataclass(frozen=True)
class ProgressPreview:
    """What a person checks beside the summary: the rows not imported and which sheet was read."""

    skipped: list[SkippedRow]
    notes: list[str]


@dataclass(frozen=True)
class ProgressRow:
    """One row of a progress sheet, matched to its program and department."""

    row: int
    program: Program
    department: Department
    entry: YearlyEntry | None  # the entry as the check found it (None: the import creates it)
    data: workflow.ImportedEntry
    sheet: str = ""
    label: str = ""  # the program number as the sheet writes it (12, or 1-2-3)


@dataclass(frozen=True)
class ProgressWrite:
    """How the checked rows are written: by whom, from which file, and what the preview showed."""

    fiscal_year: int
    actor: User
    file_name: str
    sheet: str
    overwrite: bool
    seen_versions: Mapping[str, int] | None


Written = tuple[ProgressRow, YearlyEntry, workflow.ImportOutcome]


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
    parsed = parse_first_table(name, content, (Column.NUMBER,), fiscal_year, plan.scale())
    problems = _sheet_problems(parsed, plan, fiscal_year)
    rows = _progress_rows(parsed, plan, fiscal_year, problems) if not problems else []
    imported = ImportedFile(
        plan.organization, ImportKind.PROGRESS, name, fingerprint(content), plan.slug, fiscal_year
    )
    if duplicate := already_imported(
        plan.organization, ImportKind.PROGRESS, imported.sha, plan.slug, fiscal_year
    ):
        problems.append(duplicate)
    if problems:
        raise ImportRefused(problems)
    how = ProgressWrite(fiscal_year, actor, name, "、".join(parsed.sheets), overwrite, seen_versions)
    # The preview runs the same writes as the import and rolls them back, so what it shows is what
    # the import does, and the services alone decide what may be written. Not durable: callers
    # (tests, the bench) may run it inside a transaction they roll back.
    with transaction.atomic():
        workflow.open_year_for_import(plan=plan, fiscal_year=fiscal_year, actor=actor)
        outcomes = _write_rows(rows, how, problems, progress)
        if problems:
            transaction.set_rollback(True)
            raise ImportRefused(problems)
        summary = _progress_summary(outcomes)
        finish_year_import(imported, summary, actor=actor, dry_run=dry_run)
    versions = {str(row.entry.pk): row.entry.version for row in rows if row.entry is not None}
    notes = [note for note in (missing_target_note(parsed), grade_mark_note(parsed)) if note]
    notes += [*sheet_notes(parsed), *relisting_grade_warnings(parsed, plan.scale())]
    notes += relisting_title_warnings(parsed, _program_titles(plan))
    preview = ProgressPreview(skipped=parsed.skipped, notes=notes)
    return ImportResult(summary, written=not dry_run, versions=versions, preview=preview)


def _program_titles(plan: Plan) -> dict[str, str]:
    """Return the plan's program titles by number as a sheet writes it (12, or its branch 1-2-3)."""
    return {
        code_of(note) or str(number): title
        for number, title, note in Program.objects.filter(plan=plan).values_list("number", "title", "note")
    }


def _sheet_problems(parsed: ParsedSheet, plan: Plan, fiscal_year: int) -> list[Problem]:
    """Return what keeps the sheet as a whole from being the plan's year (columns, year)."""
    problems = []
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
    elif Column.GRADE not in header.columns:
        # A year's grades are never dropped unseen: a sheet without grades yet says so by a blank 達成度 column.
        problems.append(
            Problem(
                missing_grade_note(parsed).replace("評価は取り込まれません。", "取り込めません。"),
                "達成度の列の見出しを「達成度」にしてください。まだ評価していない年度は、"
                "空の「達成度」列を付けて取り込めます。",
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
    return problems


def _write_rows(
    rows: list[ProgressRow], how: ProgressWrite, problems: list[Problem], progress: Progress | None
) -> list[Written]:
    """Write every row by the workflow service; a row it refuses is a problem (the caller rolls back)."""
    outcomes: list[Written] = []
    for done, row in enumerate(rows, start=1):
        written = _write_row(row, how, problems)
        if written is None:
            continue
        outcomes.append(written)
        if progress:
            progress(done, len(rows))
    return outcomes


def _write_row(row: ProgressRow, how: ProgressWrite, problems: list[Problem]) -> Written | None:
    version = None
    if row.entry is not None and how.seen_versions is not None:
        version = how.seen_versions.get(str(row.entry.pk), row.entry.version)
    number = row.label or row.program.number
    try:
        entry, outcome = workflow.import_entry(
            program=row.program,
            department=row.department,
            fiscal_year=how.fiscal_year,
            actor=how.actor,
            data=row.data,
            file_name=how.file_name,
            overwrite=how.overwrite,
            version=version,
        )
    except ValidationError as error:
        problems.extend(
            Problem(f"事業番号{number}: {message}", sheet=row.sheet, row=row.row)
            for message in error.messages
        )
        return None
    except workflow.StaleEntryError:
        problems.append(
            Problem(
                f"事業番号{number}（{row.department.name}）は、ファイルの確認の後に変更されています。",
                "もう一度ファイルを選んで、確認し直してください。",
                sheet=row.sheet,
                row=row.row,
            )
        )
        return None
    except DomainError as error:  # a rule of the domain says why, never a 500
        problems.append(Problem(f"事業番号{number}: {error}", sheet=row.sheet, row=row.row))
        return None
    return row, entry, outcome


def _progress_summary(outcomes: list[Written]) -> dict[str, Any]:
    Outcome = workflow.ImportOutcome

    def count(outcome: workflow.ImportOutcome) -> int:
        return sum(1 for _, _, o in outcomes if o == outcome)

    def named(outcome: workflow.ImportOutcome) -> list[str]:
        return [
            f"事業番号{row.label or row.program.number}（{row.department.name}・{_STATUS_NAMES.get(row.entry.status, '')}）"
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
        # An overwritten entry changed too (named again under "overwritten"); a skipped one is counted
        # apart, so 新規 + 変更 + 変更なし (+ 取り込まない) is 取組.
        "changed": count(Outcome.CHANGED) + count(Outcome.OVERWRITTEN),
        "unchanged": count(Outcome.UNCHANGED),
        **({"not_overwritten": n} if (n := count(Outcome.SKIPPED)) else {}),
        "overwritten": named(Outcome.OVERWRITTEN),
        "skipped": named(Outcome.SKIPPED),
        "grades": grades,
    }


_STATUS_NAMES: dict[str, str] = {
    EntryStatus.DRAFT: "下書き",
    EntryStatus.SUBMITTED: "提出済み",
    EntryStatus.RETURNED: "差戻し中",
    EntryStatus.CONFIRMED: "確定済み",
}


def _progress_rows(
    parsed: ParsedSheet, plan: Plan, fiscal_year: int, problems: list[Problem]
) -> list[ProgressRow]:
    """Return the sheet's rows matched to programs and departments, each read as the forms read it."""
    plan_programs = list(Program.objects.filter(plan=plan).prefetch_related("departments"))
    programs = {p.number: p for p in plan_programs}
    by_code = {code: p for p in plan_programs if (code := code_of(p.note))}
    existing = {
        (e.program_id, e.department_id): e
        for e in YearlyEntry.objects.filter(program__plan=plan, fiscal_year=fiscal_year)
    }
    scale = plan.scale()
    dimensions = parse_dimensions(plan.dimensions)
    columns = dimension_columns(parsed.header, dimensions)
    known = set(Department.objects.filter(organization=plan.organization).values_list("name", flat=True))
    rows: list[ProgressRow] = []
    seen: dict[tuple[int, int], int] = {}
    for row in parsed.rows:
        if not isinstance(row, EntryRow):
            continue
        program = by_code.get(row.code) if row.code else programs.get(row.number)
        if program is None:  # a 再掲 row too: it names a program the plan should have
            problems.append(
                Problem(
                    f"事業番号{row.label}は計画「{plan.name}」にありません。",
                    "事業番号を確かめるか、先に計画の構成を取り込んでください。",
                    sheet=row.sheet,
                    row=row.row,
                    column=cell_name(parsed, Column.NUMBER),
                    value=row.label,
                )
            )
            continue
        if row.relisting:
            continue  # a re-listing repeats the first listing's entry
        departments = _departments(row, program, parsed, problems, known)
        data = _imported(row, scale, parsed, problems) if departments else None
        if data is not None and columns:
            grades = read_grades(row, columns, dimensions, parsed, problems)
            data = None if grades is None else replace(data, dimension_grades=grades)
        for department in departments:
            key = (program.pk, department.pk)
            if key in seen:
                problems.append(
                    Problem(
                        f"事業番号{row.label}・{department.name}の行が{seen[key]}行目にもあります。",
                        "どちらか一方にまとめてください。",
                        sheet=row.sheet,
                        row=row.row,
                    )
                )
                continue
            seen[key] = row.row
            if data is not None:
                rows.append(
                    ProgressRow(row.row, program, department, existing.get(key), data, row.sheet, row.label)
                )
    return rows


def _departments(
    row: EntryRow, program: Program, parsed: ParsedSheet, problems: list[Problem], known: set[str]
) -> list[Department]:
    """Return the row's departments among the program's, its 所管課 cell read as the plan import reads it.

    A cell naming several (「生活福祉課、住宅課」) gives the row to each of them; [] with a problem
    when one is not the program's.
    """
    departments = list(program.departments.all())
    cell = row.get(Column.DEPARTMENT)
    if cell:
        by_name = {d.name: d for d in departments}
        names = read_departments(cell, known)
        if names and all(name in by_name for name in names):
            return [by_name[name] for name in names]
        problems.append(
            Problem(
                f"「{cell}」は事業番号{row.label}の所管課ではありません（所管課: {'、'.join(d.name for d in departments)}）。",
                "所管課名を計画どおりに直してください。",
                sheet=row.sheet,
                row=row.row,
                column=cell_name(parsed, Column.DEPARTMENT),
                value=cell,
            )
        )
        return []
    if len(departments) == 1:
        return departments
    problems.append(
        Problem(
            f"事業番号{row.label}は所管課が複数あります（{'、'.join(d.name for d in departments)}）。",
            "「所管課」列を設けて、どの所管課の行か記入してください。",
            sheet=row.sheet,
            row=row.row,
        )
    )
    return []


def _excluded(
    row: EntryRow,
    parsed: ParsedSheet,
    problems: list[Problem],
    *texts: str | None,
) -> workflow.ImportedEntry | None:
    """Return the row's entry excluded from the count (評価対象外), its reason from 理由 or 備考."""
    header = parsed.header.columns
    reason = next((row.get(c) for c in (Column.REASON, Column.REMARKS) if c in header and row.get(c)), "")
    if not reason:
        problems.append(
            Problem(
                gettext("Program %(number)s is “%(grade)s” without a reason.")
                % {"number": row.label, "grade": row.get(Column.GRADE)},
                gettext("Write why it is excluded from the count in the “reason” or “remarks” column."),
                sheet=row.sheet,
                row=row.row,
                column=cell_name(parsed, Column.GRADE),
                value=row.get(Column.GRADE),
            )
        )
        return None
    activities, target_text, evaluation_type, result_text = texts
    return workflow.ImportedEntry(
        activities=activities,
        target_text=target_text,
        evaluation_type=evaluation_type,
        result_text=result_text,
        reason=reason,
        excluded=True,
    )


def _imported(
    row: EntryRow, scale: GradeScale, parsed: ParsedSheet, problems: list[Problem]
) -> workflow.ImportedEntry | None:
    """Return what the row says of its entry; None (with a problem) when the grade cannot be read."""
    header = parsed.header.columns
    activities = row.get(Column.ACTIVITIES) if Column.ACTIVITIES in header else None
    target_text = evaluation_type = None
    if Column.TARGET in header:
        target_text = row.get(Column.TARGET)
        # The seed writes 「―」 where no numeric target is set: those programs are graded by hand.
        # 「↑」「維持」「継続実施」 are targets without a number: graded by hand too (or by the baseline).
        without_number = means_no_value(target_text) or parse_trend(target_text) is not None
        evaluation_type = EvaluationType.QUALITATIVE if without_number else EvaluationType.QUANTITATIVE
    result_text = row.get(Column.RESULT) if Column.RESULT in header else None
    grade_label, reason = None, ""
    text = row.get(Column.GRADE) if Column.GRADE in header else ""
    if text and means_excluded(text):
        return _excluded(row, parsed, problems, activities, target_text, evaluation_type, result_text)
    if text:
        try:
            grade = read_grade(scale, text)
        except GradeError as error:
            problems.append(grade_problem(parsed, row, text, error))
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
        baseline_text=row.get(Column.BASELINE) if Column.BASELINE in header else None,
        baseline_year=baseline_year(parsed.header.names.get(Column.BASELINE, "")),
    )
