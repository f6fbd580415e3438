"""The secretariat's screens for the context statistics (再犯防止を取り巻く状況): a table by year, and uploads."""

from pathlib import Path
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from shinchoku.accounts.requests import AuthedRequest
from shinchoku.lib.errors import ServiceError
from shinchoku.lib.problems import ImportRefused
from shinchoku.lib.reading import MAX_FILE_BYTES
from shinchoku.outcomes import access, editing, queries, uploads
from shinchoku.outcomes.editing import SeriesInput, ValueInput
from shinchoku.outcomes.forms import ContextValueForm, SeriesForm, UploadForm
from shinchoku.outcomes.history import Change, series_history, value_history
from shinchoku.outcomes.models import ContextSeries
from shinchoku.outcomes.outcome_views import form_page, refused
from shinchoku.plans.models import Plan


def context_table(request: AuthedRequest, slug: str) -> HttpResponse:
    """Return the plan's context statistics as a table: a row per statistic, a column per year."""
    plan = access.get_managed_plan(request.user, slug)
    series = list(queries.plan_series(plan))
    years = sorted({v.year for s in series for v in s.values.all()})
    rows = [(s, [next((v for v in s.values.all() if v.year == y), None) for y in years]) for s in series]
    return render(
        request,
        "outcomes/context.html",
        {"plan": plan, "years": years, "rows": rows, "here": _("Context statistics")},
    )


def _context(plan: Plan, title: str, history: list[Change] | None) -> dict[str, Any]:
    back = reverse("outcomes:context", args=[plan.slug])
    return {"plan": plan, "title": title, "history": history, "back": back, "here": title}


def series_edit(request: AuthedRequest, slug: str, pk: int | None = None) -> HttpResponse:
    """Add a context statistic (name, unit, source and notes), or change one."""
    plan = access.get_managed_plan(request.user, slug)
    series = None if pk is None else access.get_series(plan, pk)
    initial = {} if series is None else {f: getattr(series, f) for f in SeriesForm.base_fields}
    form = SeriesForm(request.POST or None, initial=initial)
    stale = False
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "version"}
        try:
            editing.save_series(
                actor=request.user,
                plan=plan,
                series=series,
                data=SeriesInput(**data),
                version=form.cleaned_data["version"],
            )
        except ServiceError as error:
            stale = refused(form, error)
        else:
            messages.success(request, _("The statistic has been saved."))
            return redirect("outcomes:context", slug=plan.slug)
    title = _("Add a statistic") if series is None else str(series)
    history = None if series is None else series_history(series)
    return form_page(request, form, _context(plan, title, history), stale=stale)


def context_value(request: AuthedRequest, slug: str, pk: int, year: int | None = None) -> HttpResponse:
    """Record a year's figure of a statistic, or correct the recorded one (year in the address)."""
    plan = access.get_managed_plan(request.user, slug)
    series = access.get_series(plan, pk)
    value = None if year is None else queries.context_value(series, year)
    if year is not None and value is None:
        raise Http404  # nothing recorded for that year: there is nothing to correct
    initial = {} if value is None else {"version": value.version, "value": value.value}
    form = ContextValueForm(
        request.POST or None,
        initial=initial,
        correcting=value is not None,
        unit=series.unit,
        before=None if value is None else value.value,
    )
    stale = False
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        entered = ValueInput(year=year or data["year"], value=data["value"], reason=data.get("reason", ""))
        try:
            editing.save_context_value(
                actor=request.user, series=series, data=entered, value=value, version=data["version"]
            )
        except ServiceError as error:
            stale = refused(form, error)
        else:
            messages.success(request, _("The value of %(year)s has been saved.") % {"year": entered.year})
            return redirect("outcomes:context", slug=plan.slug)
    title = _series_value_title(series, year)
    return form_page(
        request, form, _context(plan, title, value_history(value) if value else None), stale=stale
    )


def _series_value_title(series: ContextSeries, year: int | None) -> str:
    if year is None:
        return _("%(name)s: record a year's value") % {"name": series.name}
    return _("%(name)s: correct the value of %(year)s") % {"name": series.name, "year": year}


def context_upload(request: AuthedRequest, slug: str) -> HttpResponse:
    """Return the upload form; check a file and show what it would write; write it once confirmed."""
    plan = access.get_managed_plan(request.user, slug)
    page: dict[str, Any] = {"plan": plan, "here": _("Context statistics from a file")}
    if request.method == "POST" and "token" in request.POST:
        try:
            written = uploads.confirm_context_upload(
                actor=request.user, plan=plan, token=request.POST["token"]
            )
        except ServiceError as error:
            page |= {"form": UploadForm(), "refusal": str(error)}
            status = 409 if isinstance(error, uploads.ChangedSincePreview) else 400
            return render(request, "outcomes/upload.html", page, status=status)
        messages.success(request, _("%(count)s values have been taken from the file.") % {"count": written})
        return redirect("outcomes:context", slug=plan.slug)
    form = UploadForm(request.POST or None, request.FILES or None)
    page["form"] = form
    if request.method != "POST" or not form.is_valid():
        return render(request, "outcomes/upload.html", page, status=400 if request.method == "POST" else 200)
    upload = form.cleaned_data["file"]
    name = Path(upload.name).name[:200]
    try:
        page["preview"] = uploads.preview_context_upload(
            actor=request.user, plan=plan, name=name, content=upload.read(MAX_FILE_BYTES + 1)
        )
    except ImportRefused as refusal:
        page |= {"problems": refusal.problems, "name": name}
        return render(request, "outcomes/upload.html", page, status=400)
    return render(request, "outcomes/upload.html", page)
