"""A department's returned form (回答票) as a use case: its entries written as the entry form writes them."""

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from shinchoku.accounts import access
from shinchoku.accounts.models import Department, User
from shinchoku.domain.errors import DomainError, GradeError, NumberFormatError
from shinchoku.domain.fiscal import wareki_label
from shinchoku.domain.grades import GradeScale
from shinchoku.domain.numbers import parse_figure
from shinchoku.imports.department_forms import (
    ENTRY_SHEET,
    HEADER_ROW,
    INDICATOR_SHEET,
    FormMeta,
    department_entries,
    read_meta,
)
from shinchoku.imports.form_dimensions import form_dimensions
from shinchoku.imports.form_dimensions import read_row as read_dimension_row
from shinchoku.imports.grades import read_grade
from shinchoku.imports.models import ImportKind
from shinchoku.imports.records import (
    ImportedFile,
    ImportResult,
    already_imported,
    fingerprint,
    finish_year_import,
)
from shinchoku.imports.table import parse_number
from shinchoku.lib.forms import model_digits
from shinchoku.lib.problems import ImportRefused, Problem
from shinchoku.lib.reading import Sheet, read_file
from shinchoku.plans import access as plans_access
from shinchoku.plans import workflow
from shinchoku.plans.models import Indicator, IndicatorValue, Plan, YearlyEntry
from shinchoku.plans.workflow.dimension_grades import missing_dimension_names


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
    imported = ImportedFile(
        plan.organization, ImportKind.DEPARTMENT_FORM, name, fingerprint(content), plan.slug, fiscal_year
    )
    if duplicate := already_imported(
        plan.organization, ImportKind.DEPARTMENT_FORM, imported.sha, plan.slug, fiscal_year
    ):
        problems.append(duplicate)
    if problems:
        raise ImportRefused(problems)
    # The preview runs the same writes and rolls them back: the services decide, not a copy of them.
    # Not durable: callers (tests) may run it inside a transaction they roll back.
    with transaction.atomic():
        submitted = _apply_form_changes(changes, actor, problems)
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
        finish_year_import(imported, summary, actor=actor, dry_run=dry_run)
    return ImportResult(summary, written=not dry_run)


def _apply_form_changes(changes: list[FormChange], actor: User, problems: list[Problem]) -> int:
    """Write every change by the workflow services; return how many were submitted (refusals are problems)."""
    submitted = 0
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
    return submitted


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
    dimensions = form_dimensions(plan)
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
        fields |= read_dimension_row(entry_sheet, (HEADER_ROW, r), entry, dimensions, ENTRY_SHEET, problems)
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
    sheet: Sheet, row: int, entry: YearlyEntry, scale: GradeScale, problems: list[Problem]
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
            grade = read_grade(scale, grade_text).label
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
        dimension_grades=change.fields.get("dimension_grades"),
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
    complete = all((saved.activities.strip(), saved.result_text.strip(), saved.proposed_grade))
    if not complete or missing_dimension_names(saved):
        return 0  # incomplete: kept as a draft, as 下書き保存 keeps it
    workflow.submit_entry(entry=saved, actor=actor, version=saved.version, returned_form=True)
    return 1


FORM_FIELDS = ("activities", "target_text", "result_text", "proposed_grade", "proposed_reason")
