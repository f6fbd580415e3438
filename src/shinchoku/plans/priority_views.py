"""The secretariat's pages of the priority programs (重点事業): the plan's marks and a year's own list."""

from django.contrib import messages
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from shinchoku.accounts.requests import AuthedRequest
from shinchoku.lib.errors import ServiceError
from shinchoku.plans import access as plans_access
from shinchoku.plans import priority
from shinchoku.plans.priority_forms import (
    MARKS,
    OWN,
    PriorityForm,
    YearPriorityForm,
    shown_numbers,
    shown_text,
)
from shinchoku.plans.queries import programs_to_mark


def plan_priority(request: AuthedRequest, slug: str) -> HttpResponse:
    """Show and save which of the plan's programs are priority programs (重点)."""
    user = request.user
    plan = plans_access.get_plan(user, slug)
    if not plans_access.manages_plan(user, plan):
        raise PermissionDenied
    marked = priority.marked_numbers(plan)
    initial = {"numbers": marked, "shown": shown_text(marked)}
    form = PriorityForm(request.POST or None, initial=initial, programs=programs_to_mark(plan))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            priority.set_priority_programs(
                plan=plan, actor=user, numbers=data["numbers"], shown=shown_numbers(data["shown"]) or []
            )
        except ServiceError as error:
            form.add_error(None, _refusal(error))
        else:
            messages.success(request, _("The priority programs have been saved."))
            return redirect("plans:priority", slug=slug)
    context = {"plan": plan, "form": form, "year": None}
    return render(request, "plans/priority.html", context, status=_status(form))


def year_priority(request: AuthedRequest, slug: str, year: int) -> HttpResponse:
    """Show and save the year's own priority programs, or return the year to the programs' marks."""
    user = request.user
    plan_year = plans_access.get_managed_plan_year(user, slug, year)
    own = plan_year.priority_numbers
    initial = {
        "source": MARKS if own is None else OWN,
        "numbers": priority.marked_numbers(plan_year.plan) if own is None else own,
        "shown": shown_text(own),
    }
    programs = programs_to_mark(plan_year.plan, year)
    form = YearPriorityForm(request.POST or None, initial=initial, programs=programs)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            priority.set_year_priority(
                plan_year=plan_year,
                actor=user,
                numbers=data["numbers"] if data["source"] == OWN else None,
                shown=shown_numbers(data["shown"]),
            )
        except ServiceError as error:
            form.add_error(None, _refusal(error))
        else:
            messages.success(request, _("The priority programs of the year have been saved."))
            return redirect("plans:year_priority", slug=slug, year=year)
    context = {"plan": plan_year.plan, "form": form, "year": year}
    return render(request, "plans/priority.html", context, status=_status(form))


def _refusal(error: ServiceError) -> ValidationError:
    """Return the service's refusal as the form's error, coded "stale" for a page opened before a change."""
    return ValidationError(
        str(error), code="stale" if isinstance(error, priority.StalePriorityError) else "refused"
    )


def _status(form: PriorityForm) -> int:
    """Return 200, or 409 for a page opened before someone else's change, or 400 for another refusal."""
    if not form.errors:
        return 200
    # By the error's code, not its words: the message is in the person's language.
    return 409 if form.has_error(NON_FIELD_ERRORS, code="stale") else 400
