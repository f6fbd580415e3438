"""The read-only JSON API (/api/): what a citizen, a ministry analyst or a city's own tools may read.

Without a token it answers with public data only: confirmed entries of plans whose secretariat
publishes open data, and the directory. With a token (Authorization: Bearer …) it answers with
exactly what the token's user may read on the web, as decided in each kind's access.py.
"""

import math
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import Field, NinjaAPI, Schema
from ninja.errors import AuthenticationError, HttpError, ValidationError
from ninja.pagination import LimitOffsetPagination, paginate
from ninja.params.functions import Path, Query  # the functions (typed Any): a default, not an annotation

from shinchoku.accounts import access
from shinchoku.accounts.models import Organization, User
from shinchoku.api import queries, schemas
from shinchoku.api.authentication import BearerToken, UnsupportedAuthorization, public
from shinchoku.directory.hsds import service_json
from shinchoku.directory.search import public_windows
from shinchoku.domain.dimensions import parse_dimensions
from shinchoku.lib.typed_text import TypedTextParser
from shinchoku.national.models import NationalIssue, NationalPlan
from shinchoku.national.shares import cross_organization_shares
from shinchoku.opendata.services import readable_values, review_rows
from shinchoku.plans import access as plans_access
from shinchoku.plans.models import Indicator, Plan, Program, YearlyEntry
from shinchoku.plans.year_names import with_names_of_their_year
from shinchoku.reports.exports import ReportPayload, report_payload
from shinchoku.reports.figures import ReportInputError

FIRST_YEAR, LAST_YEAR = 1989, 2200


api = NinjaAPI(
    title="shinchoku API",
    version="1",
    description=(
        "shinchoku の読み取り専用 API。トークンなし: 公開された計画の確定済みの数値と相談窓口。"
        "トークンあり（Authorization: Bearer …）: その利用者が画面で読めるもの。\n\n"
        "Read-only API of shinchoku. Without a token: confirmed figures of published plans and the "
        "directory. With a token: what its user may read on the web. See docs/api.md."
    ),
    urls_namespace="api",
    auth=[BearerToken(), public],
    parser=TypedTextParser(),
)


class Pages(LimitOffsetPagination):
    """limit (1–500, 100 by default) and offset, bounded so that no database is asked for an absurd offset."""

    class Input(Schema):
        limit: int = Field(100, ge=1, le=500)
        offset: int = Field(0, ge=0, le=10_000_000)


ERRORS: dict[int, Any] = {
    401: schemas.Error,
    403: schemas.Error,
    404: schemas.Error,
    422: schemas.ValidationErrors,
}


@api.exception_handler(ValidationError)
def invalid_query(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    return api.create_response(
        request,
        {"detail": _("A value of the request is not valid."), "errors": list(exc.errors)},
        status=422,
    )


@api.exception_handler(AuthenticationError)
def unknown_token(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    response = api.create_response(
        request, {"detail": _("The token is unknown, expired or revoked.")}, status=401
    )
    response["WWW-Authenticate"] = 'Bearer error="invalid_token"'
    return response


@api.exception_handler(UnsupportedAuthorization)
def unsupported_authorization(request: HttpRequest, exc: UnsupportedAuthorization) -> HttpResponse:
    response = api.create_response(
        request,
        {
            "detail": _(
                "Send Authorization: Bearer and a token made on the web; other schemes are not accepted."
            )
        },
        status=401,
    )
    response["WWW-Authenticate"] = "Bearer"
    return response


def _caller(request: HttpRequest) -> User | None:
    auth = getattr(request, "auth", None)
    return auth if isinstance(auth, User) else None


def _plan(request: HttpRequest, slug: str) -> Plan:
    plan = (
        plans_access.readable_plans(_caller(request)).select_related("organization").filter(slug=slug).first()
    )
    if plan is None:
        raise HttpError(404, _("There is no plan “%(slug)s” you may read.") % {"slug": slug})
    return plan


def _plan_out(plan: Plan) -> dict[str, Any]:
    publication = getattr(plan, "publication", None)
    return {
        "slug": plan.slug,
        "name": plan.name,
        "organization": plan.organization,
        "first_year": plan.first_year,
        "last_year": plan.last_year,
        "years": sorted(y.fiscal_year for y in plan.years.all()),
        "licence": publication.licence if publication and publication.is_published else None,
        "licence_url": publication.licence_url() if publication and publication.is_published else None,
    }


# A plan's slug and a national plan's code are SlugFields: anything else (a NUL, which PostgreSQL
# refuses with an error, or another control character typed into the address) is a 422, not a query.
SLUG_PATTERN = r"^[-a-zA-Z0-9_]+$"
Slug = Path(
    ...,
    max_length=50,
    pattern=SLUG_PATTERN,
    examples=["saitama-r3"],  # type: ignore[arg-type]  # ninja annotates examples as a dict; pydantic takes a list
    description="the plan's short name",
)
YearInPath = Path(..., ge=FIRST_YEAR, le=LAST_YEAR, examples=[2021], description="fiscal year (年度)")  # type: ignore[arg-type]  # ninja annotates examples as a dict; pydantic takes a list
Year = Query(None, ge=FIRST_YEAR, le=LAST_YEAR, description="fiscal year (年度), e.g. 2021")
Area = Query(None, max_length=10, description="area (重点項目) as printed, e.g. 1")
DepartmentName = Query(None, max_length=100, description="department (所管課) by name")


@api.get("/organizations", response={200: list[schemas.OrganizationOut], **ERRORS}, tags=["plans"])
@paginate(Pages)
def organizations(request: HttpRequest) -> QuerySet[Organization]:
    """Organizations with a plan the caller may read."""
    plans = plans_access.readable_plans(_caller(request))
    return queries.organizations_with(plans)


@api.get("/plans", response={200: list[schemas.PlanOut], **ERRORS}, tags=["plans"])
@paginate(Pages)
def plans(
    request: HttpRequest, organization: str | None = Query(None, max_length=6, description="JIS X 0402 code")
) -> list[dict[str, Any]]:
    """Plans the caller may read, with their opened years and licence."""
    rows = plans_access.readable_plans(_caller(request)).select_related("organization", "publication")
    if organization:
        rows = rows.filter(organization__jis_code=organization)
    return [
        _plan_out(p) for p in rows.prefetch_related("years").order_by("organization__jis_code", "first_year")
    ]


@api.get("/plans/{slug}", response={200: schemas.PlanDetailOut, **ERRORS}, tags=["plans"])
def plan_detail(request: HttpRequest, slug: str = Slug) -> dict[str, Any]:
    """A plan with its tree (areas and measures) and each node's national issues."""
    plan = _plan(request, slug)
    nodes = list(plan.nodes.select_related("parent__parent__parent").order_by("position"))
    mapped = queries.node_issues(plan)
    return _plan_out(plan) | {
        "basic_goal": plan.basic_goal,
        "grade_scale": list(plan.scale().labels),
        "dimensions": [
            {"key": d.key, "name": d.name, "scale": list(d.scale.labels)}
            for d in parse_dimensions(plan.dimensions)
        ],
        "nodes": [
            {
                "path": node.path_label(),
                "label": node.label,
                "title": node.title,
                "parent": node.parent.path_label() if node.parent else None,
                "national_issues": sorted(mapped.get(node.pk, [])),
            }
            for node in nodes
        ],
    }


@api.get("/plans/{slug}/programs", response={200: list[schemas.ProgramOut], **ERRORS}, tags=["plans"])
@paginate(Pages)
def programs(
    request: HttpRequest,
    slug: str = Slug,
    year: int | None = Year,
    area: str | None = Area,
    department: str | None = DepartmentName,
) -> QuerySet[Program]:
    """A plan's programs (事業) with their departments and places in the tree."""
    plan = _plan(request, slug)
    return queries.programs_with_places(plan, year, area, department)


@api.get("/plans/{slug}/entries", response={200: list[schemas.EntryOut], **ERRORS}, tags=["plans"])
@paginate(Pages)
def entries(
    request: HttpRequest,
    slug: str = Slug,
    year: int | None = Year,
    area: str | None = Area,
    department: str | None = DepartmentName,
    grade: str | None = Query(None, max_length=20, description="final grade (達成度), e.g. A"),
    status: str | None = Query(None, max_length=10, description="draft, submitted, returned or confirmed"),
) -> QuerySet[YearlyEntry]:
    """Yearly entries (年度別取組): confirmed ones for the public; with a token, what its user sees."""
    plan = _plan(request, slug)
    rows = plans_access.readable_entries(_caller(request)).filter(program__plan=plan)
    if year is not None:
        rows = rows.filter(fiscal_year=year)
    if area:
        rows = rows.filter(program__in=queries.plan_programs(plan, year, area, None))
    if department:
        rows = rows.filter(department__name=department)
    if grade:
        rows = rows.filter(final_grade=grade)
    if status:
        rows = rows.filter(status=status)
    # Each entry's department by its name at the end of the entry's year (docs/reports.md).
    rows = with_names_of_their_year(rows, range(plan.first_year, plan.last_year + 1))
    return rows.select_related("program", "department").order_by(
        "fiscal_year", "program__number", "department__name", "pk"
    )


@api.get("/plans/{slug}/indicators", response={200: list[schemas.IndicatorOut], **ERRORS}, tags=["plans"])
@paginate(Pages)
def indicators(
    request: HttpRequest,
    slug: str = Slug,
    year: int | None = Year,
    area: str | None = Area,
    department: str | None = DepartmentName,
) -> QuerySet[Indicator]:
    """Indicators (指標) of the entries the caller may read, with the targets and actuals of those years.

    An indicator exists for the caller only through a readable entry: one added in a draft (not yet
    confirmed, for the public and council members) is not listed, whatever its program.
    """
    plan = _plan(request, slug)
    values = readable_values(plans_access.readable_entries(_caller(request))).order_by("fiscal_year")
    if year is not None:
        values = values.filter(fiscal_year=year)
    return queries.plan_indicators(plan, values, year, area, department)


@api.get("/plans/{slug}/figures/{year}", response={200: dict[str, Any], **ERRORS}, tags=["figures"])
def figures(
    request: HttpRequest,
    slug: str = Slug,
    year: int = YearInPath,
) -> ReportPayload:
    """The year's figures in the JSON report's shape (docs/figures.md): counts and shares by grade, area, level."""
    plan = _plan(request, slug)
    if not queries.is_opened(plan, year):
        raise HttpError(404, _("The fiscal year %(year)s has not been opened in this plan.") % {"year": year})
    try:
        return report_payload(
            plan, year, confirmed_only=not plans_access.reads_unconfirmed_figures_of(_caller(request), plan)
        )
    except ReportInputError as error:
        raise HttpError(404, str(error)) from error


@api.get("/plans/{slug}/review", response={200: schemas.ReviewOut, **ERRORS}, tags=["figures"])
def review(request: HttpRequest, slug: str = Slug) -> dict[str, Any]:
    """Indicators in the long format of the national 行政事業レビュー's 目標・実績 file."""
    plan = _plan(request, slug)
    header, rows = review_rows(plan, plans_access.readable_entries(_caller(request)))
    return {"header": header, "rows": rows}


@api.get("/national/plans", response={200: list[schemas.NationalPlanOut], **ERRORS}, tags=["national"])
def national_plans(request: HttpRequest) -> list[dict[str, Any]]:
    """The national 再犯防止推進計画 and their 重点課題, which local areas and programs map to."""
    return [
        {
            "code": plan.code,
            "name": plan.name,
            "decided_on": plan.decided_on,
            "first_year": plan.first_year,
            "last_year": plan.last_year,
            "issues": [
                {"code": f"{plan.code}-{issue.number}", "number": issue.number, "title": issue.title}
                for issue in plan.issues.all()
            ],
        }
        for plan in NationalPlan.objects.prefetch_related(
            Prefetch("issues", queryset=NationalIssue.objects.order_by("number"))
        )
    ]


@api.get("/national/{code}/{year}", response={200: dict[str, Any], **ERRORS}, tags=["national"])
def national_shares(
    request: HttpRequest,
    code: str = Path(..., max_length=20, pattern=SLUG_PATTERN, examples=["first"]),  # type: ignore[arg-type]  # ninja annotates examples as a dict; pydantic takes a list
    year: int = YearInPath,
) -> dict[str, Any]:
    """Grade shares by national issue across the organizations the analyst oversees (token of an analyst)."""
    user = _caller(request)
    if user is None:
        raise HttpError(401, _("This needs the token of a prefecture or national analyst."))
    if not access.is_analyst(user):
        raise HttpError(403, _("This needs the token of a prefecture or national analyst."))
    national_plan = NationalPlan.objects.filter(code=code).first()
    if national_plan is None:
        raise HttpError(404, _("There is no national plan “%(code)s”.") % {"code": code})
    return cross_organization_shares(access.overseen_organizations(user), year, national_plan)


@api.get("/directory/services", response={200: schemas.HsdsPage, **ERRORS}, tags=["directory"])
def directory_services(
    request: HttpRequest,
    organization: str | None = Query(None, max_length=6, description="JIS X 0402 code"),
    page: int = Query(1, ge=1, le=100_000),
    per_page: int = Query(50, ge=1, le=200),
) -> dict[str, Any]:
    """Consultation windows as Open Referral HSDS 3.0 services, in the HSDS API's page shape."""
    windows = public_windows()
    if organization:
        windows = windows.filter(organization__jis_code=organization)
    windows = windows.order_by("organization__jis_code", "name", "pk")
    total = windows.count()
    pages = max(1, math.ceil(total / per_page))
    contents = [service_json(w) for w in windows[(page - 1) * per_page : page * per_page]]
    return {
        "total_items": total,
        "total_pages": pages,
        "page_number": page,
        "size": len(contents),
        "first_page": page == 1,
        "last_page": page >= pages,
        "empty": not contents,
        "contents": contents,
    }
