"""Grade shares by national 重点課題 across organizations: confirmed entries only.

A prefecture or the Ministry reads local progress side by side. Each organization's plan
covering the year grades its programs by its own scale and merge rule; a program is counted
once under every national issue it follows (see mapping.py), and once overall.
"""

from collections.abc import Iterator
from typing import Any

from django.db.models import QuerySet

from shinchoku.accounts.models import Organization
from shinchoku.domain.evaluation import DepartmentGrade, EvaluationType, grade_program
from shinchoku.domain.fiscal import wareki_label
from shinchoku.domain.grades import SEED_SCALE, MergePolicy
from shinchoku.domain.tallies import percentages
from shinchoku.lib.csvfile import csv_bytes
from shinchoku.national.mapping import program_issues
from shinchoku.national.models import NationalIssue, NationalPlan
from shinchoku.plans.models import EntryStatus, Plan, YearlyEntry

PLACES = 1  # one decimal place: shares across many organizations are small numbers
UNMAPPED = "（国の重点課題に対応づけなし）"


def cross_organization_shares(
    organizations: QuerySet[Organization], fiscal_year: int, national_plan: NationalPlan
) -> dict[str, Any]:
    """Return the year's grade counts and shares by national issue, overall and per organization."""
    plans = {
        p.pk: p
        for p in Plan.objects.filter(
            organization__in=organizations, first_year__lte=fiscal_year, last_year__gte=fiscal_year
        ).select_related("organization")
    }
    grades = _program_grades(plans, fiscal_year)
    issues = list(NationalIssue.objects.filter(national_plan=national_plan).order_by("number"))
    followed = program_issues(plans, fiscal_year, national_plan)
    labels = _labels(plans.values())
    overall: dict[int | None, list[str]] = {issue.pk: [] for issue in issues} | {None: []}
    per_organization: dict[int, dict[int | None, list[str]]] = {}
    for (plan_id, program_id), grade in grades.items():
        organization_rows = per_organization.setdefault(plans[plan_id].organization_id, {})
        issue_ids: list[int | None] = [*sorted(followed.get(program_id, ()))] or [None]
        for issue_id in issue_ids:
            overall[issue_id].append(grade)
            organization_rows.setdefault(issue_id, []).append(grade)
    organization_names = {p.organization_id: p.organization for p in plans.values()}
    return {
        "national_plan": {"code": national_plan.code, "name": national_plan.name},
        "fiscal_year": fiscal_year,
        "label": wareki_label(fiscal_year),
        "scale": labels,
        "percent_places": PLACES,
        "organizations": len(per_organization),
        "programs": len(grades),
        "overall": _block(sorted(grades.values()), labels),
        "issues": [
            {"number": issue.number, "title": issue.title, **_block(overall[issue.pk], labels)}
            for issue in issues
        ],
        "unmapped": _block(overall[None], labels),
        "by_organization": [
            {
                "jis_code": organization_names[org_id].jis_code,
                "name": organization_names[org_id].name,
                "issues": [
                    {"number": issue.number, **_block(rows.get(issue.pk, []), labels)} for issue in issues
                ],
                "unmapped": _block(rows.get(None, []), labels),
            }
            for org_id, rows in sorted(
                per_organization.items(), key=lambda kv: organization_names[kv[0]].jis_code
            )
        ],
    }


def _program_grades(plans: dict[int, Plan], fiscal_year: int) -> dict[tuple[int, int], str]:
    """Return {(plan id, program id): merged grade} of the programs with a confirmed final grade."""
    rows = (
        YearlyEntry.objects.filter(
            program__plan_id__in=plans, fiscal_year=fiscal_year, status=EntryStatus.CONFIRMED
        )
        .order_by("program_id", "department__name")
        .values_list(
            "program__plan_id",
            "program_id",
            "program__number",
            "department__name",
            "evaluation_type",
            "suggested_grade",
            "final_grade",
        )
    )
    by_program: dict[tuple[int, int], list[DepartmentGrade]] = {}
    numbers: dict[tuple[int, int], int] = {}
    for plan_id, program_id, number, department, kind, suggested, final in rows:
        key = (plan_id, program_id)
        numbers[key] = number
        by_program.setdefault(key, []).append(
            DepartmentGrade(
                department=department,
                evaluation_type=EvaluationType(kind),
                suggested=suggested or None,
                final=final or None,
                confirmed=True,
            )
        )
    graded: dict[tuple[int, int], str] = {}
    for key, departments in by_program.items():
        plan = plans[key[0]]
        result = grade_program(
            scale=plan.scale(),
            number=numbers[key],
            title="",
            departments=departments,
            policy=MergePolicy(plan.merge_policy),
        )
        if result.grade is not None:
            graded[key] = result.grade
    return graded


def _labels(plans: Any) -> list[str]:
    """Return the grade labels of every plan's scale, the seed's A/B/C/－ first."""
    labels = list(SEED_SCALE.labels)
    for plan in plans:
        labels += [label for label in plan.scale().labels if label not in labels]
    return labels


def _block(grades: list[str], labels: list[str]) -> dict[str, Any]:
    counts = dict.fromkeys(labels, 0)
    for grade in grades:
        counts[grade] += 1
    return {
        "total": len(grades),
        "counts": counts,
        "percent": {label: float(p) for label, p in percentages(counts, PLACES).items()},
    }


def shares_csv(shares: dict[str, Any]) -> bytes:
    """Return the shares as CSV: one row per organization (and 全体) and national issue."""
    labels = shares["scale"]
    header = (
        ["年度", "国の計画", "団体コード", "団体名", "重点課題番号", "重点課題", "事業数"]
        + [f"{label}（件）" for label in labels]
        + [f"{label}（%）" for label in labels]
    )
    return csv_bytes(header, _rows(shares, labels))


def _rows(shares: dict[str, Any], labels: list[str]) -> Iterator[list[Any]]:
    head = [shares["label"], shares["national_plan"]["name"]]
    titles = {issue["number"]: issue["title"] for issue in shares["issues"]}
    groups = [("", "全体", shares["issues"], shares["unmapped"])] + [
        (o["jis_code"], o["name"], o["issues"], o["unmapped"]) for o in shares["by_organization"]
    ]
    for code, name, issues, unmapped in groups:
        for issue in [*issues, {"number": "", **unmapped}]:
            yield (
                [*head, code, name, issue["number"], titles.get(issue["number"], UNMAPPED), issue["total"]]
                + [issue["counts"][label] for label in labels]
                + [issue["percent"][label] for label in labels]
            )
