"""The year's dashboard: the same figures as `shinchoku report --format json`, with charts."""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from shinchoku.accounts import access
from shinchoku.accounts.models import User
from shinchoku.plans.models import PlanYear
from shinchoku.reports.figures import build_figures

VIEWS = ("listings", "programs", "departments")


def dashboard(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    """Return the figures of a plan-year; unconfirmed entries only for the secretariat."""
    user: User = request.user  # type: ignore[assignment]
    plan = access.get_plan(user, slug)
    if not PlanYear.objects.filter(plan=plan, fiscal_year=year).exists():
        raise Http404
    confirmed_only = not access.sees_unconfirmed_figures(user)
    figures = build_figures(plan, year, confirmed_only=confirmed_only)
    view = request.GET.get("view", "listings")
    if view not in VIEWS:
        view = "listings"
    scale = plan.scale()
    return render(
        request,
        "reports/dashboard.html",
        {
            "plan": plan,
            "year": year,
            "figures": figures,
            "view": view,
            "grades": [(g.label, g.meaning, i) for i, g in enumerate(scale.grades)],
            "years": plan.years.order_by("fiscal_year"),
        },
    )
