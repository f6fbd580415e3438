"""The year's dashboard and the report downloads."""

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.http import content_disposition_header

from shinchoku.accounts import access
from shinchoku.accounts.requests import AuthedRequest
from shinchoku.plans import access as plans_access
from shinchoku.plans.models import Plan
from shinchoku.reports.cache import dashboard_body
from shinchoku.reports.documents import Pending, Wanted, building_context, ready_document
from shinchoku.reports.exports import ENCODINGS, FORMATS, file_name
from shinchoku.reports.trends import year_trends

VIEWS = ("listings", "programs", "departments")


def dashboard(request: AuthedRequest, slug: str, year: int) -> HttpResponse:
    """Return the figures of a plan-year; unconfirmed entries only for the secretariat.

    The figures, charts and tables are rendered once per fingerprint of the plan-year and role
    variant (reports/cache.py); only the frame around them is rendered for each request.
    """
    user = request.user
    plan = plans_access.get_plan(user, slug, opened_year=year)
    view = request.GET.get("view", "listings")
    if view not in VIEWS:
        view = "listings"
    body = dashboard_body(
        plan,
        year,
        view=view,
        confirmed_only=not access.sees_unconfirmed_figures(user),
        downloads=access.downloads_reports(user),
    )
    return render(request, "reports/dashboard.html", {"plan": plan, "year": year, "body": body})


def download(request: AuthedRequest, slug: str, year: int, fmt: str) -> HttpResponse:
    """Return a report file: the secretariat's with every entry, a council member's confirmed only."""
    user = request.user
    if fmt not in FORMATS:
        raise Http404
    plan = plans_access.get_plan(user, slug, opened_year=year)
    if not access.downloads_reports(user):
        raise PermissionDenied
    encoding = request.GET.get("encoding", "utf-8")
    if encoding not in ENCODINGS:
        encoding = "utf-8"
    wanted = Wanted(
        fmt,
        plan,
        year,
        confirmed_only=not access.sees_unconfirmed_figures(user),
        encoding=encoding,
        # ?checks=0: the council's copy, without the secretariat's checks page.
        with_checks=request.GET.get("checks") != "0",
    )
    content = ready_document(wanted, retry=request.GET.get("retry") == "1")
    if isinstance(content, Pending):
        return _building(request, plan, year, content)
    media_type = FORMATS[fmt].media_type
    if fmt == "csv":
        media_type += "; charset=" + ("shift_jis" if encoding == "cp932" else "utf-8")
    response = HttpResponse(content, content_type=media_type)
    # The HTML report opens in the browser (its print style sheet lays it out as the PDF); the other
    # formats are saved as files.
    disposition = content_disposition_header(fmt != "html", file_name(fmt, plan, year))
    response["Content-Disposition"] = disposition or ""  # never None: the name is always given
    response["Cache-Control"] = "no-store"
    return response


def _building(request: AuthedRequest, plan: Plan, year: int, pending: Pending) -> HttpResponse:
    """Return the page that says the file is being made and reloads itself until it is (202)."""
    query = {k: request.GET[k] for k in ("encoding", "checks") if k in request.GET}
    context = {"plan": plan, "year": year, **building_context(pending, request.path, query)}
    response = render(request, "reports/building.html", context, status=200 if pending.failed else 202)
    response["Cache-Control"] = "no-store"
    return response


def trends(request: AuthedRequest, slug: str) -> HttpResponse:
    """Return the plan's grade shares by year and its indicators' targets and actuals by year."""
    user = request.user
    plan = plans_access.get_plan(user, slug)
    confirmed_only = not access.sees_unconfirmed_figures(user)
    return render(
        request,
        "reports/trends.html",
        {
            "plan": plan,
            "trends": year_trends(plan, confirmed_only=confirmed_only),
            "confirmed_only": confirmed_only,
        },
    )
