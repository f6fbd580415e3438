"""The department's entry form: save, submit, autosave, the 実績 draft, and a stale save's conflict page."""

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from shinchoku.accounts import typed_work
from shinchoku.accounts.models import User
from shinchoku.accounts.requests import AuthedRequest
from shinchoku.domain.indicator_text import Figure, draft_result_lines, mismatches
from shinchoku.domain.numbers import format_decimal
from shinchoku.lib.errors import ServiceError
from shinchoku.plans import access as plans_access
from shinchoku.plans import dimension_fields, workflow
from shinchoku.plans.forms import EntryForm, entry_input, indicator_initial, indicator_rows
from shinchoku.plans.models import Indicator, YearlyEntry
from shinchoku.plans.posted import refusal_message, with_version
from shinchoku.plans.queries import values_by_indicator
from shinchoku.plans.services import entry_suggestion
from shinchoku.plans.workflow.entries import DEPARTMENT_TEXTS, EXCLUSION


@typed_work.keeps_typed_work
def entry_edit(request: AuthedRequest, pk: int) -> HttpResponse:
    """Return or save the department's entry form; a stale save keeps the typed values.

    The page's script also posts here every half minute of typing (autosave=1, answered in
    JSON); values sent after the session ended come back once the same user logs in again.
    """
    user = request.user
    entry = plans_access.get_entry(user, pk)
    if not plans_access.can_edit_entry(user, entry):
        raise PermissionDenied
    indicators = workflow.entry_indicators(entry)
    if request.method == "POST":
        return _post_form(request, entry, indicators)
    kept = typed_work.take(request, user)
    if kept is not None:
        form, rows = EntryForm(kept, entry=entry), indicator_rows(entry, kept)
        response = _render_form(request, entry, form, rows, indicators, restored=True)
        typed_work.forget(response)
        return response
    form = EntryForm(
        entry=entry,
        initial={"version": entry.version}
        | {name: getattr(entry, name) for name in (*DEPARTMENT_TEXTS, *EXCLUSION)}
        | dimension_fields.initial_values(entry),
    )
    values = values_by_indicator(indicators, entry.fiscal_year)
    rows = indicator_rows(entry, initial=indicator_initial(indicators, values))
    return _render_form(request, entry, form, rows, indicators)


def _post_form(request: AuthedRequest, entry: YearlyEntry, indicators: list[Indicator]) -> HttpResponse:
    """Save the posted form (and submit it when asked), autosave it, or draft the 実績 text."""
    user = request.user
    form = EntryForm(request.POST, entry=entry)
    rows = indicator_rows(entry, request.POST)
    if request.POST.get("autosave"):
        return _autosave(user, entry, form, rows)
    if "draft_result" in request.POST:
        return _draft_result(request, entry, form, rows, indicators)
    if form.is_valid() and rows.is_valid():
        saved = None
        try:
            saved = workflow.save_entry(
                entry=entry, actor=user, version=form.cleaned_data["version"], data=entry_input(form, rows)
            )
            if "submit" in request.POST:
                workflow.submit_entry(entry=saved, actor=user, version=saved.version)
                messages.success(request, _("The entry has been submitted to the secretariat."))
                return redirect("plans:entry", pk=entry.pk)
            messages.success(request, _("Saved."))
            return redirect("plans:edit", pk=entry.pk)
        except workflow.StaleEntryError as error:
            return _render_conflict(request, entry, str(error), indicators)
        except (ValidationError, ServiceError) as error:
            if saved is not None:
                # Saved, but not submitted: the page must carry the new version, or the
                # next save would be refused as someone else's.
                messages.info(request, _("Your changes were saved as a draft."))
                form = EntryForm(with_version(request, saved.version), entry=entry)
            if isinstance(error, ValidationError):
                _add_model_errors(form, error)
            else:
                form.add_error(None, str(error))
    return _render_form(request, entry, form, rows, indicators, status=400)


def _render_conflict(
    request: AuthedRequest, entry: YearlyEntry, message: str, indicators: list[Indicator]
) -> HttpResponse:
    """Answer 409 with the typed values kept and what the other person saved beside them.

    The page now carries the saved version: having seen the other save, a second press of a
    button is a decision to replace it. The autosave stays off on this page until then.
    """
    current = plans_access.get_entry(request.user, entry.pk)
    form = EntryForm(with_version(request, current.version), entry=current)
    rows = indicator_rows(current, with_version(request, current.version))
    form.is_valid()
    rows.is_valid()
    form.add_error(None, message)
    return _render_form(
        request, current, form, rows, indicators, status=409, theirs=_their_save(current, form, rows)
    )


def _their_save(current: YearlyEntry, form: EntryForm, rows: Any) -> dict[str, Any]:
    """Return who saved the entry last, when, and the values of theirs that differ from the typed ones."""
    typed = form.cleaned_data if hasattr(form, "cleaned_data") else {}
    texts = [
        (form.fields[name].label, getattr(current, name))
        for name in ("activities", "target_text", "result_text", "proposed_grade", "proposed_reason")
        if getattr(current, name) != typed.get(name, getattr(current, name))
    ]
    values = values_by_indicator(workflow.entry_indicators(current), current.fiscal_year)
    figures = []
    for row in rows:
        indicator_id = (getattr(row, "cleaned_data", None) or {}).get("indicator_id")
        saved = values.get(indicator_id) if indicator_id is not None else None
        if saved is not None and (saved.target, saved.actual, saved.target_trend) != (
            row.cleaned_data.get("target"),
            row.cleaned_data.get("actual"),
            row.cleaned_data.get("target_trend", ""),
        ):
            figures.append(saved)
    last = current.history.select_related("history_user").first()
    return {
        "who": (last.history_user.get_full_name() or last.history_user.username)
        if last and last.history_user
        else "",
        "when": last.history_date if last else None,
        "texts": texts,
        "figures": figures,
    }


def _figures(rows: Any) -> list[Figure]:
    """Return the indicator figures of a valid formset, for the 実績 draft and the mismatch check."""
    return [
        Figure(
            row.cleaned_data.get("name") or "",
            row.cleaned_data.get("unit", ""),
            row.cleaned_data.get("actual"),
        )
        for row in rows
        if row.cleaned_data and not row.is_blank_new_row() and (row.cleaned_data.get("name") or "").strip()
    ]


def _stored_figures(entry: YearlyEntry, indicators: list[Indicator]) -> list[Figure]:
    values = values_by_indicator(indicators, entry.fiscal_year)
    return [Figure(i.name, i.unit, value.actual if (value := values.get(i.pk)) else None) for i in indicators]


def _draft_result(
    request: AuthedRequest, entry: YearlyEntry, form: EntryForm, rows: Any, indicators: list[Indicator]
) -> HttpResponse:
    """Add lines for the indicators' figures to the typed 実績 text; nothing is saved."""
    if not (form.is_valid() and rows.is_valid()):
        return _render_form(request, entry, form, rows, indicators, status=400)
    text = form.cleaned_data["result_text"].rstrip()
    lines = draft_result_lines(_figures(rows), text)
    data = request.POST.copy()
    data["result_text"] = f"{text}\n{lines}" if text and lines else text or lines
    form = EntryForm(data, entry=entry)
    messages.info(
        request,
        _("Lines for the indicators' figures were added to 実績. Complete the text, then save.")
        if lines
        else _("The text already states every indicator's figure."),
    )
    return _render_form(request, entry, form, rows, indicators)


def _mismatch_messages(text: str, figures: list[Figure]) -> list[str]:
    return [
        _("%(name)s: the indicator says %(recorded)s, the text says %(written)s.")
        % {
            "name": m.name,
            "recorded": f"{format_decimal(m.recorded.normalize())}{m.unit}",
            "written": f"{format_decimal(m.written.normalize())}{m.unit}",
        }
        for m in mismatches(text, figures)
    ]


def _autosave(user: User, entry: YearlyEntry, form: EntryForm, rows: Any) -> JsonResponse:
    """Save the typed values as a draft through the one save service; say in JSON how it went."""
    if not (form.is_valid() and rows.is_valid()):
        message = _("The draft was not saved automatically: a value needs correcting (see the fields).")
        return JsonResponse({"saved": False, "message": message}, status=400)
    try:
        saved = workflow.save_entry(
            entry=entry, actor=user, version=form.cleaned_data["version"], data=entry_input(form, rows)
        )
    except workflow.StaleEntryError as error:
        # Never overwrite the other person's save: the page keeps the text and stops autosaving.
        return JsonResponse({"saved": False, "conflict": True, "message": str(error)}, status=409)
    except (ValidationError, ServiceError) as error:
        message = _("The draft was not saved automatically: %(reason)s") % {"reason": refusal_message(error)}
        return JsonResponse({"saved": False, "message": message}, status=400)
    at = timezone.localtime().strftime("%H:%M")
    return JsonResponse(
        {
            "saved": True,
            "version": saved.version,
            "message": _("The draft was saved automatically (%(time)s).") % {"time": at},
            "mismatches": _mismatch_messages(saved.result_text, _figures(rows)),
        }
    )


def _error_summary(form: EntryForm, rows: Any) -> list[tuple[str, str]]:
    """Return (link to the field, message) for every field error, for the summary at the top."""
    if not form.is_bound:
        return []
    items = [
        (f"#{form[name].id_for_label}", f"{form.fields[name].label}: {message}")
        for name, errors in form.errors.items()
        if name in form.fields
        for message in errors
    ]
    for row in rows:
        name = row.initial.get("name") or row.data.get(row.add_prefix("name"), "") or _("New indicator")
        for field, errors in row.errors.items():
            for message in errors:
                items.append(
                    (f"#{row[field].id_for_label}", f"{row.fields[field].label}（{name}）: {message}")
                )
    return items


def _form_mismatches(
    entry: YearlyEntry, form: EntryForm, rows: Any, indicators: list[Indicator]
) -> list[str]:
    """Return where the 実績 text states another figure than the indicators (pointed out, not refused)."""
    if not form.is_bound:
        return _mismatch_messages(entry.result_text, _stored_figures(entry, indicators))
    if form.is_valid() and rows.is_valid():
        return _mismatch_messages(form.cleaned_data["result_text"], _figures(rows))
    return []


def _previous_context(user: User, entry: YearlyEntry) -> dict[str, Any]:
    """Return the department's latest earlier entry of the program (as the user may read it) and its grade."""
    previous = (
        plans_access.visible_entries(user)
        .filter(
            program_id=entry.program_id, department_id=entry.department_id, fiscal_year__lt=entry.fiscal_year
        )
        .order_by("-fiscal_year")
        .first()
    )
    if previous is None:
        return {"previous": None, "previous_grade": ""}
    grade = previous.final_grade or (
        _("%(grade)s (proposed, not confirmed)") % {"grade": previous.proposed_grade}
        if previous.proposed_grade
        else ""
    )
    return {"previous": previous, "previous_grade": grade}


def _add_model_errors(form: EntryForm, error: ValidationError) -> None:
    fields = {
        "proposed_grade",
        "proposed_reason",
        "activities",
        "target_text",
        "result_text",
        "evaluation_type",
        "excluded_reason",
    }
    for field, errors in (
        error.message_dict.items() if hasattr(error, "error_dict") else [(None, error.messages)]
    ):
        for message in errors:
            form.add_error(field if field in fields else None, message)


def _render_form(
    request: AuthedRequest,
    entry: YearlyEntry,
    form: EntryForm,
    rows: Any,
    indicators: list[Indicator],
    status: int = 200,
    restored: bool = False,
    theirs: dict[str, Any] | None = None,
) -> HttpResponse:
    return render(
        request,
        "plans/entry_form.html",
        {
            "entry": entry,
            "plan": entry.program.plan,
            "form": form,
            "rows": rows,
            "events": entry.events.select_related("actor"),
            "suggest_url": reverse("plans:suggest", args=[entry.pk]),
            "suggestion_problems": entry_suggestion(entry).problems,
            "restored": restored,
            "theirs": theirs,
            "error_summary": _error_summary(form, rows),
            "heartbeat_url": reverse("accounts:heartbeat"),
            **_previous_context(request.user, entry),
            "mismatches": _form_mismatches(entry, form, rows, indicators),
        },
        status=status,
    )
