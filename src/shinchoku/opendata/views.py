"""The open-data pages: public for a published plan, and the secretariat's settings."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _

from shinchoku.accounts.requests import AuthedRequest
from shinchoku.lib.staleness import fingerprint
from shinchoku.opendata.forms import STALE_PUBLICATION, PublicationForm, publication_state
from shinchoku.opendata.services import (
    figures_by_year,
    figures_csv,
    figures_json,
    publication_of,
    review_csv,
    save_publication,
)
from shinchoku.plans import access as plans_access
from shinchoku.plans.models import Plan

DOWNLOADS = {
    "figures.csv": ("text/csv; charset=utf-8", "達成度の集計"),
    "figures.json": ("application/json", "達成度の集計"),
    "indicators.csv": ("text/csv; charset=utf-8", "指標の目標と実績"),
}


def _published(slug: str) -> Plan:
    plan = plans_access.public_plans().select_related("organization", "publication").filter(slug=slug).first()
    if plan is None:
        raise Http404
    return plan


def _licence(plan: Plan) -> dict[str, str]:
    publication = plan.publication
    return {
        "licence": publication.get_licence_display(),
        "licence_id": publication.licence,
        "licence_url": publication.licence_url(),
        "credit": publication.credit(),
    }


@login_not_required
def index(request: HttpRequest) -> HttpResponse:
    """Return the list of plans that publish open data."""
    plans = (
        plans_access.public_plans()
        .select_related("organization", "publication")
        .order_by("organization__jis_code", "-first_year")
    )
    return render(request, "opendata/index.html", {"plans": plans})


@login_not_required
def plan_page(request: HttpRequest, slug: str) -> HttpResponse:
    """Return the plan's confirmed figures by year, the downloads and the licence."""
    plan = _published(slug)
    years = figures_by_year(plan)
    rows: list[dict[str, Any]] = [
        {
            "label": y["label"],
            "fiscal_year": y["fiscal_year"],
            "total": y["total"],
            "cells": [(y["overall"][g], y["overall_percent"][g]) for g in y["scale"]],
        }
        for y in years
    ]
    return render(
        request,
        "opendata/plan.html",
        {
            "plan": plan,
            "rows": rows,
            "scale": years[-1]["scale"] if years else list(plan.scale().labels),
            "licence": _licence(plan),
            "downloads": DOWNLOADS,
        },
    )


@login_not_required
def download(request: HttpRequest, slug: str, name: str) -> HttpResponse:
    """Return one of the plan's open-data files."""
    if name not in DOWNLOADS:
        raise Http404
    plan = _published(slug)
    if name == "figures.csv":
        content = figures_csv(figures_by_year(plan))
    elif name == "figures.json":
        content = figures_json(plan, figures_by_year(plan), _licence(plan)).encode()
    else:
        content = review_csv(plan, plans_access.public_entries())
    media_type, what = DOWNLOADS[name]
    response = HttpResponse(content, content_type=media_type)
    # A file name is given, so the header is never None.
    response["Content-Disposition"] = (
        content_disposition_header(False, f"{plan.name}_{what}.{name.rsplit('.', 1)[1]}") or ""
    )
    response["Access-Control-Allow-Origin"] = "*"  # open data: any web page may read it
    return response


def settings(request: AuthedRequest, slug: str) -> HttpResponse:
    """Return or save whether the plan publishes open data, and under which licence (the secretariat's)."""
    plan = plans_access.get_plan(request.user, slug)
    if not plans_access.manages_plan(request.user, plan):
        raise PermissionDenied
    publication = publication_of(plan)
    seen = fingerprint(publication_state(publication))
    form = PublicationForm(request.POST or None, instance=publication, initial={"seen": seen})
    context = {"plan": plan, "form": form, "publication": publication}
    if request.method == "POST" and request.POST.get("seen") != seen:
        form.add_error(None, STALE_PUBLICATION)
        return render(request, "opendata/settings.html", context, status=409)
    if request.method == "POST" and form.is_valid():
        save_publication(
            plan,
            actor=request.user,
            is_published=form.cleaned_data["is_published"],
            licence=form.cleaned_data["licence"],
            attribution=form.cleaned_data["attribution"],
        )
        messages.success(request, _("The open-data settings have been saved."))
        return redirect("opendata:settings", slug=plan.slug)
    return render(request, "opendata/settings.html", context, status=400 if form.errors else 200)
