"""The secretariat's screens for its plan's outcome indicators (成果指標) and their yearly values."""

from decimal import Decimal
from typing import Any

from django import forms
from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from shinchoku.accounts.requests import AuthedRequest
from shinchoku.domain.errors import DomainError
from shinchoku.domain.fiscal import LATEST_FISCAL_YEAR
from shinchoku.lib.errors import ServiceError
from shinchoku.outcomes import access, editing, queries
from shinchoku.outcomes.editing import OutcomeInput, StaleEdit, ValueInput
from shinchoku.outcomes.forms import OutcomeForm, OutcomeValueForm
from shinchoku.outcomes.history import Change, outcome_history, value_history
from shinchoku.outcomes.models import Outcome
from shinchoku.outcomes.services import outcomes_payload
from shinchoku.plans.models import Plan


def form_page(
    request: AuthedRequest,
    form: forms.Form,
    context: dict[str, Any],
    *,
    stale: bool = False,
) -> HttpResponse:
    """Render a form of these screens: 409 when the row changed since the page was read, 400 with errors."""
    status = 409 if stale else (400 if form.errors else 200)
    return render(request, "outcomes/form.html", {"form": form, **context}, status=status)


def refused(form: forms.Form, error: Exception) -> bool:
    """Show a service's refusal on the form (typed input kept); return whether it was a stale page."""
    form.add_error(None, str(error))
    return isinstance(error, StaleEdit)


def outcome_list(request: AuthedRequest, slug: str) -> HttpResponse:
    """Return the plan's outcome indicators with baseline, target, yearly values and whether on track."""
    plan = access.get_managed_plan(request.user, slug)
    rows = list(queries.plan_outcomes(plan))
    judged = outcomes_payload(plan, LATEST_FISCAL_YEAR)
    shown = [
        (outcome, item, _figure(item["baseline"]), _figure(item["latest"]))
        for outcome, item in zip(rows, judged, strict=True)
    ]
    return render(
        request, "outcomes/outcomes.html", {"plan": plan, "outcomes": shown, "here": _("Plan outcomes")}
    )


def _figure(part: dict[str, Any] | None) -> Decimal | None:
    """Return a judged figure of the payload (a JSON number) as a Decimal for the page's |number."""
    return None if part is None else Decimal(str(part["value"]))


def outcome_edit(request: AuthedRequest, slug: str, pk: int | None = None) -> HttpResponse:
    """Add an outcome indicator, or change its definition (name, baseline, target…)."""
    plan = access.get_managed_plan(request.user, slug)
    outcome = None if pk is None else access.get_outcome(plan, pk)
    initial = {} if outcome is None else {f: getattr(outcome, f) for f in OutcomeForm.base_fields}
    form = OutcomeForm(request.POST or None, initial=initial)
    stale = False
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "version"}
        try:
            saved = editing.save_outcome(
                actor=request.user,
                plan=plan,
                outcome=outcome,
                data=OutcomeInput(**data),
                version=form.cleaned_data["version"],
            )
        except (ServiceError, DomainError) as error:
            stale = refused(form, error)
        else:
            messages.success(request, _("The outcome indicator has been saved."))
            return redirect("outcomes:outcome_edit", slug=plan.slug, pk=saved.pk)
    title = _("Add an outcome indicator") if outcome is None else str(outcome)
    history = None if outcome is None else outcome_history(outcome)
    return form_page(request, form, _context(plan, title, history), stale=stale)


def _context(plan: Plan, title: str, history: list[Change] | None, **more: Any) -> dict[str, Any]:
    back = reverse("outcomes:list", args=[plan.slug])
    return {"plan": plan, "title": title, "history": history, "back": back, "here": title, **more}


def outcome_value(request: AuthedRequest, slug: str, pk: int, year: int | None = None) -> HttpResponse:
    """Record a year's value of an outcome indicator, or correct the recorded one (year in the address)."""
    plan = access.get_managed_plan(request.user, slug)
    outcome = access.get_outcome(plan, pk)
    value = None if year is None else queries.outcome_value(outcome, year)
    if year is not None and value is None:
        raise Http404  # nothing recorded for that year: there is nothing to correct
    initial = {} if value is None else _value_initial(value)
    form = OutcomeValueForm(
        request.POST or None,
        initial=initial,
        correcting=value is not None,
        unit=outcome.unit,
        before=None if value is None else value.value,
    )
    stale = False
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        entered = ValueInput(
            year=year or data["year"],
            value=data["value"],
            source=data["source"],
            source_note=data["source_note"],
            reason=data.get("reason", ""),
        )
        try:
            editing.save_outcome_value(
                actor=request.user, outcome=outcome, data=entered, value=value, version=data["version"]
            )
        except ServiceError as error:
            stale = refused(form, error)
        else:
            messages.success(request, _("The value of %(year)s has been saved.") % {"year": entered.year})
            return redirect("outcomes:list", slug=plan.slug)
    title = _value_title(outcome, year)
    return form_page(
        request, form, _context(plan, title, value_history(value) if value else None), stale=stale
    )


def _value_initial(value: Any) -> dict[str, Any]:
    return {
        "version": value.version,
        "value": value.value,
        "source": value.source,
        "source_note": value.source_note,
    }


def _value_title(outcome: Outcome, year: int | None) -> str:
    if year is None:
        return _("%(name)s: record a year's value") % {"name": outcome.name}
    return _("%(name)s: correct the value of %(year)s") % {"name": outcome.name, "year": year}
