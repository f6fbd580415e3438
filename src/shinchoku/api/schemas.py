"""The shapes the API answers with; the OpenAPI schema is generated from them."""

import datetime
from typing import Any

from ninja import Schema

from shinchoku.plans.models import Indicator, IndicatorValue, Program, YearlyEntry
from shinchoku.plans.year_names import printed_department


class Error(Schema):
    detail: str


class ValidationErrors(Schema):
    detail: str
    errors: list[dict[str, Any]]


class OrganizationOut(Schema):
    jis_code: str
    name: str


class PlanOut(Schema):
    slug: str
    name: str
    organization: OrganizationOut
    first_year: int
    last_year: int
    years: list[int]
    licence: str | None
    licence_url: str | None


class NodeOut(Schema):
    path: str
    label: str
    title: str
    parent: str | None
    national_issues: list[str]


class DimensionOut(Schema):
    """A further graded dimension of the plan (川崎市 事業の妥当性): its key, name and grades, best first."""

    key: str
    name: str
    scale: list[str]


class PlanDetailOut(PlanOut):
    basic_goal: str
    grade_scale: list[str]
    dimensions: list[DimensionOut]
    nodes: list[NodeOut]


class ListingOut(Schema):
    path: str
    is_relisting: bool
    first_year: int | None
    last_year: int | None


class ProgramOut(Schema):
    number: int
    title: str
    content: str
    departments: list[str]
    listings: list[ListingOut]
    first_year: int | None
    last_year: int | None
    national_issues: list[str]

    @staticmethod
    def resolve_departments(obj: Program) -> list[str]:
        return sorted(d.name for d in obj.departments.all())

    @staticmethod
    def resolve_listings(obj: Program) -> list[dict[str, Any]]:
        return [
            {
                "path": listing.node.path_label(),
                "is_relisting": listing.is_relisting,
                "first_year": listing.first_year,
                "last_year": listing.last_year,
            }
            for listing in obj.listings.all()
        ]

    @staticmethod
    def resolve_national_issues(obj: Program) -> list[str]:
        return [f"{m.issue.national_plan.code}-{m.issue.number}" for m in obj.national_mappings.all()]


class EntryOut(Schema):
    id: int
    program: int
    program_title: str
    fiscal_year: int
    department: str
    status: str
    evaluation_type: str
    activities: str
    target_text: str
    result_text: str
    suggested_grade: str
    final_grade: str
    reason: str
    is_highlight: bool
    dimension_grades: dict[str, str]  # grades on the plan's further dimensions, by key ({} for none)

    @staticmethod
    def resolve_program(obj: YearlyEntry) -> int:
        return obj.program.number

    @staticmethod
    def resolve_program_title(obj: YearlyEntry) -> str:
        return obj.program.title

    @staticmethod
    def resolve_department(obj: YearlyEntry) -> str:
        return printed_department(obj)  # as named at the end of the entry's year


class ValueOut(Schema):
    fiscal_year: int
    target: float | None
    actual: float | None
    # A target without a number: "up" (↑), "level" (→), "down" (↓), "continue" (継続実施); "" when numeric.
    target_trend: str


class IndicatorOut(Schema):
    id: int
    program: int
    department: str | None
    name: str
    unit: str
    direction: str
    source: str
    values: list[ValueOut]

    @staticmethod
    def resolve_program(obj: Indicator) -> int:
        return obj.program.number

    @staticmethod
    def resolve_department(obj: Indicator) -> str | None:
        return obj.department.name if obj.department else None

    @staticmethod
    def resolve_values(obj: Indicator) -> list[dict[str, Any]]:
        values: list[IndicatorValue] = getattr(obj, "readable_values", [])
        return [
            {
                "fiscal_year": v.fiscal_year,
                "target": float(v.target) if v.target is not None else None,
                "actual": float(v.actual) if v.actual is not None else None,
                "target_trend": v.target_trend,
            }
            for v in values
        ]


class IssueOut(Schema):
    code: str
    number: int
    title: str


class NationalPlanOut(Schema):
    code: str
    name: str
    decided_on: datetime.date
    first_year: int
    last_year: int
    issues: list[IssueOut]


class ReviewOut(Schema):
    header: list[str]
    rows: list[list[str | int]]


class HsdsPage(Schema):
    total_items: int
    total_pages: int
    page_number: int
    size: int
    first_page: bool
    last_page: bool
    empty: bool
    contents: list[dict[str, Any]]
