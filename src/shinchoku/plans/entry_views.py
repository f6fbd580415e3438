"""An entry's page: its figures, workflow and history, the grade hint, and the secretariat's additions."""

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from shinchoku.accounts import access
from shinchoku.accounts.models import User
from shinchoku.accounts.requests import AuthedRequest
from shinchoku.domain.indicator_text import new_proposals, propose
from shinchoku.domain.ratios import Direction, achievement
from shinchoku.lib.errors import ServiceError
from shinchoku.plans import access as plans_access
from shinchoku.plans import dimension_fields, review, workflow
from shinchoku.plans.forms import (
    AcceptIndicatorForm,
    CorrectTextForm,
    ExcludeForm,
    ReopenForm,
    ReviewForm,
    typed_measurements,
)
from shinchoku.plans.history import entry_history
from shinchoku.plans.models import EntryStatus, Indicator, YearlyEntry
from shinchoku.plans.posted import refusal_message
from shinchoku.plans.progress import missing_items
from shinchoku.plans.queries import values_by_indicator
from shinchoku.plans.services import entry_suggestion
from shinchoku.plans.workflow.dimension_grades import missing_dimension_names


def entry_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    """Return an entry with its figures, workflow, history, and the actions the user may take."""
    user = request.user
    entry = plans_access.get_entry(user, pk)
    context = detail_context(user, entry)
    context.update(_neighbours(request, user, entry))
    return render(request, "plans/entry_detail.html", context)


def _neighbours(request: AuthedRequest, user: User, entry: YearlyEntry) -> dict[str, Any]:
    """Return 前へ/次へ within the list the user came from: the same filter, carried in the query string."""
    if "list" not in request.GET:
        return {}
    plan = entry.program.plan
    chosen = review.EntryFilter.from_query(request.GET)
    scoped = plans_access.visible_entries(user).filter(program__plan=plan, fiscal_year=entry.fiscal_year)
    ids = list(review.filtered_entries(scoped, plan, chosen).values_list("pk", flat=True))
    previous, following = review.neighbours(ids, entry.pk)
    query = chosen.query_string()
    return {
        "list_query": query,
        "previous_entry": previous,
        "next_entry": following,
        "position": ids.index(entry.pk) + 1 if entry.pk in ids else None,
        "list_size": len(ids),
    }


def _indicator_rows(entry: YearlyEntry, indicators: list[Indicator]) -> list[tuple[Any, ...]]:
    """Return (indicator, its value of the year, the ratio as a percent) for each indicator."""
    values = values_by_indicator(indicators, entry.fiscal_year)
    rows = []
    for indicator in indicators:
        value = values.get(indicator.pk)
        reached = (
            achievement(target=value.target, actual=value.actual, direction=Direction(indicator.direction))
            if value
            else None
        )
        rows.append((indicator, value, reached.percent if reached else None))
    return rows


def _correction_forms(user: User, entry: YearlyEntry, posted: Any) -> list[tuple[str, CorrectTextForm]]:
    """Return a correction form per correctable text (the posted one as it came back), for the secretariat."""
    corrections: list[tuple[str, CorrectTextForm]] = []
    if not plans_access.can_review_entry(user, entry):
        return corrections
    for field, label in workflow.CORRECTABLE_TEXTS.items():
        if posted is not None and posted.data.get("field") == field:
            corrections.append((label, posted))
            continue
        initial = {"version": entry.version, "field": field, "text": getattr(entry, field)}
        corrections.append((label, CorrectTextForm(initial=initial)))
    return corrections


def detail_context(user: User, entry: YearlyEntry, **forms: Any) -> dict[str, Any]:
    """Return what the entry's page shows the user; forms holds a posted form that came back with errors."""
    indicators = workflow.entry_indicators(entry)
    review_form = forms.get("review") or ReviewForm(
        entry=entry, initial={"version": entry.version} | dimension_fields.initial_values(entry)
    )
    reopen_form = forms.get("reopen") or ReopenForm(initial={"version": entry.version})
    return {
        "entry": entry,
        "plan": entry.program.plan,
        "indicator_rows": _indicator_rows(entry, indicators),
        "events": plans_access.visible_entry_events(user, entry),
        "history": entry_history(entry, confirmed_only=not plans_access.sees_entry_workings(user, entry)),
        "can_edit": plans_access.can_edit_entry(user, entry),
        "can_review": plans_access.can_review_entry(user, entry),
        "can_reopen": plans_access.can_reopen_entry(user, entry),
        "can_withdraw": plans_access.can_withdraw_entry(user, entry),
        "manages": access.manages_plans(user),
        "proposals": _proposal_forms(entry, indicators) if access.manages_plans(user) else [],
        "review_form": review_form,
        "reopen_form": reopen_form,
        "exclude_form": forms.get("exclude")
        or ExcludeForm(
            initial={"version": entry.version, "excluded": entry.excluded, "reason": entry.excluded_reason}
        ),
        "corrections": _correction_forms(user, entry, forms.get("correct")),
        "missing": missing_items([entry]).get(entry.pk, []) + missing_dimension_names(entry),
        "dimension_rows": dimension_fields.grade_rows(entry),
        "statuses": EntryStatus,
        "suggestion_problems": entry_suggestion(entry).problems,
    }


def _proposal_forms(entry: YearlyEntry, indicators: list[Indicator]) -> list[AcceptIndicatorForm]:
    """Return a form per indicator the entry's texts propose that the program does not have yet."""
    proposals = new_proposals(propose(entry.target_text, entry.result_text), (i.name for i in indicators))
    return [
        AcceptIndicatorForm(
            prefix=f"p{i}",
            initial={
                "name": p.name,
                "unit": p.unit,
                "direction": p.direction.value,
                "source": p.source,
                "target": p.target_trend.mark
                if p.target_trend
                else ""
                if p.target is None
                else format(p.target, "f"),
                "actual": "" if p.actual is None else format(p.actual, "f"),
            },
        )
        for i, p in enumerate(proposals)
    ]


@require_GET
def entry_suggest(request: AuthedRequest, pk: int) -> JsonResponse:
    """Return the grade that typed indicator figures suggest (the form's live hint); changes nothing."""
    user = request.user
    entry = plans_access.get_entry(user, pk)
    measurements, problems = typed_measurements(request.GET)
    suggestion = entry.program.plan.suggest_for(measurements)
    grade = suggestion.grade
    return JsonResponse(
        {
            "grade": grade.label if grade else "",
            "meaning": grade.meaning if grade else "",
            "problems": problems + list(suggestion.problems),
        }
    )


@require_POST
def entry_highlight(request: AuthedRequest, pk: int) -> HttpResponse:
    """Mark the entry as one of the report's main programs, or unmark it (secretariat)."""
    user = request.user
    entry = plans_access.get_entry(user, pk)
    if not access.manages_plans(user):
        raise PermissionDenied
    on = request.POST.get("highlight") == "1"
    workflow.set_highlight(entry=entry, actor=user, highlight=on)
    messages.success(
        request, _("It will be shown in the report.") if on else _("It will not be shown in the report.")
    )
    return redirect("plans:entry", pk=entry.pk)


@require_POST
def accept_indicator(request: AuthedRequest, pk: int) -> HttpResponse:
    """Add an indicator proposed from the entry's text, as accepted or corrected (secretariat)."""
    user = request.user
    entry = plans_access.get_entry(user, pk)
    if not access.manages_plans(user):
        raise PermissionDenied
    prefix = request.POST.get("prefix", "")
    form = AcceptIndicatorForm(
        request.POST, prefix=prefix if prefix.startswith("p") and prefix[1:].isdigit() else None
    )
    if form.is_valid():
        data = form.cleaned_data
        try:
            workflow.accept_indicator(entry=entry, actor=user, **data)
        except (ServiceError, ValidationError) as error:
            messages.error(request, refusal_message(error))
        else:
            messages.success(request, _("The indicator has been added."))
    else:
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
    return redirect("plans:entry", pk=entry.pk)
