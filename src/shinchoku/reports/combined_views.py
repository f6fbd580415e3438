"""The combined report's pages: the choice of plans (a GET form: the choice is a bookmark) and its files.

Who sees what is the council report's rule (reports/views.py ``download``): the plans through their
gate first (another organization's plan, or one that has not opened the year, is a 404), then the
secretariat and council members only (a department's editor: 403); a council member's copy counts
confirmed entries only.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.http import content_disposition_header, urlencode
from django.utils.translation import gettext as _

from shinchoku.accounts import access
from shinchoku.accounts.requests import AuthedRequest
from shinchoku.plans import access as plans_access
from shinchoku.plans.models import Plan
from shinchoku.reports.combined import (
    MEDIA_TYPES,
    TITLE_MAX,
    Combined,
    default_title,
    file_name,
    opened_years,
    year_of_query,
)
from shinchoku.reports.documents import Pending, ready_document
from shinchoku.reports.figures import ReportInputError


def choose(request: AuthedRequest) -> HttpResponse:
    """Return the choice of plans and title for a year; the chosen ones checked (from the query)."""
    user = request.user
    slugs = request.GET.getlist("plan")
    year = year_of_query(request.GET.get("year"))
    chosen = plans_access.get_plans_of_one_organization(user, slugs, year or 0) if slugs else []
    if not access.downloads_reports(user):
        raise PermissionDenied
    return _choice(request, year, chosen)


def combined_file(request: AuthedRequest, fmt: str) -> HttpResponse:
    """Return the combined report of the plans in the query (HTML or tagged PDF)."""
    user = request.user
    year = year_of_query(request.GET.get("year"))
    if fmt not in MEDIA_TYPES or year is None:
        raise Http404
    slugs = request.GET.getlist("plan")
    plans = plans_access.get_plans_of_one_organization(user, slugs, year) if slugs else []
    if not access.downloads_reports(user):
        raise PermissionDenied
    title = " ".join(request.GET.get("title", "").split())
    if not plans or len(title) > TITLE_MAX:
        return _choice(request, year, plans, status=400)
    wanted = Combined(
        fmt,
        tuple(plans),
        year,
        title or default_title(plans, year),
        confirmed_only=not access.sees_unconfirmed_figures(user),
        with_checks=request.GET.get("checks") != "0",
    )
    try:
        content = ready_document(wanted, retry=request.GET.get("retry") == "1")
    except ReportInputError as refused:
        return _choice(request, year, plans, status=400, error=str(refused))
    if isinstance(content, Pending):
        return _building(request, year, content)
    return _file(content, fmt, wanted.title)


def _choice(
    request: AuthedRequest, year: int | None, chosen: list[Plan], *, status: int = 200, error: str = ""
) -> HttpResponse:
    """Render the choice; a refusal (400) says why, with what was chosen and typed kept."""
    user = request.user
    choosable = list(
        plans_access.visible_plans(user).prefetch_related("years").select_related("organization")
    )
    years = opened_years(choosable)
    year = year if year is not None else (years[0] if years else None)
    if year is not None and year not in years:
        raise Http404
    title = " ".join(request.GET.get("title", "").split())
    if status == 400 and not error:
        error = _("Choose at least one plan.") if not chosen else _("The title is too long.")
    context = {
        "years": years,
        "year": year,
        "plans": [p for p in choosable if year in {y.fiscal_year for y in p.years.all()}],
        "chosen": {p.slug for p in chosen},
        "title": title,
        "title_max": TITLE_MAX,
        "default_title": default_title(chosen, year) if chosen and year else "",
        "without_checks": request.GET.get("checks") == "0",
        "manages": access.manages_plans(user),
        "error": error,
    }
    return render(request, "reports/combined_choose.html", context, status=status)


def _building(request: AuthedRequest, year: int, pending: Pending) -> HttpResponse:
    """Return the page that says the PDF is being made and reloads itself until it is (202)."""
    query = [(k, v) for k, values in request.GET.lists() if k != "retry" for v in values]
    here = f"{request.path}?{urlencode(query)}"
    context = {
        "year": year,
        "pending": pending,
        "here": here,
        "again": f"{here}&retry=1",
        "refresh": 0 if pending.failed else 3,
    }
    response = render(
        request, "reports/combined_building.html", context, status=200 if pending.failed else 202
    )
    response["Cache-Control"] = "no-store"
    return response


def _file(content: bytes, fmt: str, title: str) -> HttpResponse:
    """Return the file: the HTML opens in the browser (it prints as the PDF), the PDF is saved."""
    response = HttpResponse(content, content_type=MEDIA_TYPES[fmt])
    disposition = content_disposition_header(fmt != "html", file_name(fmt, title))
    response["Content-Disposition"] = disposition or ""  # never None: the name is always given
    response["Cache-Control"] = "no-store"
    return response
