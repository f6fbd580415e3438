"""Pages of the yearly cycle. Each view: parse input, ask access, call one service, render."""

from collections import Counter
from collections.abc import Mapping
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from shinchoku.accounts import access, typed_work
from shinchoku.accounts.models import User
from shinchoku.domain.errors import DomainError
from shinchoku.domain.fiscal import wareki_date, wareki_label
from shinchoku.domain.grades import CombinePolicy
from shinchoku.domain.indicator_text import Figure, draft_result_lines, mismatches, new_proposals, propose
from shinchoku.domain.numbers import format_decimal, parse_figure
from shinchoku.domain.ratios import Direction, Measurement, as_percent
from shinchoku.plans import access as plans_access
from shinchoku.plans import review, workflow
from shinchoku.plans.forms import (
    ACTUAL_DIGITS,
    TARGET_DIGITS,
    AcceptIndicatorForm,
    CorrectTextForm,
    EntryForm,
    IndicatorFormSet,
    OpenYearForm,
    ReopenForm,
    ReviewForm,
    entry_input,
    indicator_initial,
)
from shinchoku.plans.history import entry_history
from shinchoku.plans.models import EntryEvent, EntryStatus, IndicatorValue, Plan, PlanYear, YearlyEntry
from shinchoku.plans.progress import missing_items
from shinchoku.plans.services import entry_suggestion

OPEN_STATUSES = (EntryStatus.DRAFT, EntryStatus.RETURNED)


def _user(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]


def home(request: HttpRequest) -> HttpResponse:
    """Return the start page: the user's plans and years, with what their role does there."""
    user = _user(request)
    plans = list(plans_access.visible_plans(user).prefetch_related("years").order_by("-first_year"))
    still_open = Counter(
        plans_access.visible_entries(user)
        .filter(status__in=OPEN_STATUSES)
        .values_list("program__plan_id", "fiscal_year")
    )
    rows = [
        (plan, [(year, still_open[(plan.pk, year.fiscal_year)]) for year in plan.years.all()])
        for plan in sorted(plans, key=_current_first)
    ]
    return render(request, "plans/home.html", {"plans": rows, "manages": access.manages_plans(user)})


def _current_first(plan: Plan) -> tuple[int, int, int]:
    """Order plans with work under way first (latest opened year first), then plans not yet begun.

    A successor plan drafted before its first year would otherwise top the list by its later
    period, above the plan the departments are entering this year (issue 18).
    """
    opened = [year.fiscal_year for year in plan.years.all()]
    return (0, -max(opened), -plan.first_year) if opened else (1, plan.first_year, 0)


def plan_detail(request: HttpRequest, slug: str) -> HttpResponse:
    """Return the plan's years, and the form to open the next one for the secretariat."""
    user = _user(request)
    plan = plans_access.get_plan(user, slug)
    form = OpenYearForm(initial={"fiscal_year": _next_year(plan)}) if access.manages_plans(user) else None
    return render(request, "plans/plan_detail.html", _plan_context(request, plan, form))


def _next_year(plan: Plan) -> str:
    opened = set(plan.years.values_list("fiscal_year", flat=True))
    for year in range(plan.first_year, plan.last_year + 1):
        if year not in opened:
            return wareki_label(year)
    return ""


def _plan_context(request: HttpRequest, plan: Plan, form: OpenYearForm | None) -> dict[str, Any]:
    user = _user(request)
    years = list(plan.years.all())
    statuses = (
        plans_access.visible_entries(user)
        .filter(program__plan=plan)
        .values("fiscal_year", "status")
        .annotate(n=Count("pk"))
    )
    by_year: dict[int, dict[str, int]] = {}
    for row in statuses:
        by_year.setdefault(row["fiscal_year"], {})[row["status"]] = row["n"]
    return {
        "plan": plan,
        "years": [(y, by_year.get(y.fiscal_year, {})) for y in years],
        "form": form,
        "manages": access.manages_plans(user),
        "statuses": EntryStatus,
    }


@require_POST
def open_year(request: HttpRequest, slug: str) -> HttpResponse:
    """Open a fiscal year for the plan (secretariat)."""
    user = _user(request)
    plan = plans_access.get_plan(user, slug)
    if not access.manages_plans(user):
        raise PermissionDenied
    form = OpenYearForm(request.POST)
    if form.is_valid():
        try:
            plan_year, created = workflow.open_year_confirmed(
                plan=plan,
                fiscal_year=form.cleaned_data["fiscal_year"],
                deadline=form.cleaned_data["deadline"],
                actor=user,
                confirmed=form.cleaned_data["confirm"],
                today=timezone.localdate(),
            )
        except workflow.OpeningNeedsConfirmation as question:
            form = OpenYearForm(request.POST, asking=True)
            form.is_valid()
            form.add_error("confirm", str(question))
        except workflow.WorkflowError as error:
            form.add_error("fiscal_year", str(error))
        else:
            messages.success(
                request,
                _("%(year)s has been opened: %(count)d entries were created for the departments.")
                % {"year": wareki_label(plan_year.fiscal_year), "count": created},
            )
            return redirect("plans:board", slug=plan.slug, year=plan_year.fiscal_year)
    return render(request, "plans/plan_detail.html", _plan_context(request, plan, form), status=400)


def _plan_year(request: HttpRequest, slug: str, year: int) -> tuple[Plan, PlanYear]:
    plan = plans_access.get_plan(_user(request), slug)
    plan_year = PlanYear.objects.filter(plan=plan, fiscal_year=year).first()
    if plan_year is None:
        raise Http404
    return plan, plan_year


def entry_list(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    """Return the year's entries the user may see, filtered and sorted; the secretariat selects many."""
    return render(request, "plans/entry_list.html", _list_context(request, slug, year, request.GET))


def _list_context(
    request: HttpRequest, slug: str, year: int, query: Mapping[str, str], **kept: Any
) -> dict[str, Any]:
    user = _user(request)
    plan, plan_year = _plan_year(request, slug, year)
    scoped = plans_access.visible_entries(user).filter(program__plan=plan, fiscal_year=year)
    chosen = review.EntryFilter.from_query(query)
    entries = list(review.filtered_entries(scoped, plan, chosen).select_related("program", "department"))
    missing = missing_items(entries)
    manages = access.manages_plans(user)
    return {
        "plan": plan,
        "plan_year": plan_year,
        "rows": [(e, missing.get(e.pk, [])) for e in entries],
        "filter": chosen,
        "status": chosen.status,
        "statuses": EntryStatus,
        "manages": manages,
        "overdue": _overdue(plan_year),
        "departments": review.departments_of(scoped) if manages else [],
        "areas": review.areas_of(plan) if manages else [],
        "grades": [g.label for g in plan.scale().grades],
        "selected": kept.get("selected", set()),
        "comment": kept.get("comment", ""),
        "bulk_error": kept.get("error", ""),
    }


def _overdue(plan_year: PlanYear) -> bool:
    return plan_year.deadline is not None and plan_year.deadline < timezone.localdate()


def status_board(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    """Return the secretariat's board: each department's entries by status, overdue ones marked."""
    user = _user(request)
    plan, plan_year = _plan_year(request, slug, year)
    if not access.manages_plans(user):
        raise PermissionDenied
    entries = (
        plans_access.visible_entries(user)
        .filter(program__plan=plan, fiscal_year=year)
        .select_related("program", "department")
        .order_by("department__name", "program__number")
    )
    departments: dict[str, dict[str, Any]] = {}
    for entry in entries:
        row = departments.setdefault(entry.department.name, {"counts": Counter(), "open": []})
        row["counts"][entry.status] += 1
        if entry.status in OPEN_STATUSES:
            row["open"].append(entry.program.number)
    overdue = _overdue(plan_year)
    reminders = [_reminder(name, row["open"], plan_year) for name, row in departments.items() if row["open"]]
    totals = Counter(entries.values_list("status", flat=True))
    withdrawn = (
        EntryEvent.objects.filter(entry__in=entries, action=EntryEvent.Action.WITHDRAWN)
        .select_related("entry__program", "entry__department", "actor")
        .order_by("-at", "-pk")
    )
    return render(
        request,
        "plans/status_board.html",
        {
            "plan": plan,
            "plan_year": plan_year,
            "departments": departments,
            "statuses": EntryStatus,
            "overdue": overdue,
            "reminders": "\n".join(reminders),
            "totals": totals,
            "total": sum(totals.values()),
            "withdrawn": withdrawn,
        },
    )


def _reminder(department: str, numbers: list[int], plan_year: PlanYear) -> str:
    deadline = f"（締切: {wareki_date(plan_year.deadline)}）" if plan_year.deadline else ""
    listed = "、".join(str(n) for n in numbers)
    return (
        f"{department}: {wareki_label(plan_year.fiscal_year)}の進捗が未提出です{deadline}。事業番号 {listed}"
    )


def entry_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """Return an entry with its figures, workflow, history, and the actions the user may take."""
    user = _user(request)
    entry = plans_access.get_entry(user, pk)
    context = _detail_context(user, entry)
    context.update(_neighbours(request, user, entry))
    return render(request, "plans/entry_detail.html", context)


def _neighbours(request: HttpRequest, user: User, entry: YearlyEntry) -> dict[str, Any]:
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


def _detail_context(user: User, entry: YearlyEntry, **forms: Any) -> dict[str, Any]:
    indicators = workflow.entry_indicators(entry)
    values = {
        v.indicator_id: v
        for v in IndicatorValue.objects.filter(indicator__in=indicators, fiscal_year=entry.fiscal_year)
    }
    rows = []
    for indicator in indicators:
        value = values.get(indicator.pk)
        ratio = (
            Measurement(value.target, value.actual, Direction(indicator.direction)).ratio() if value else None
        )
        rows.append((indicator, value, as_percent(ratio) if ratio is not None else None))
    review = forms.get("review") or ReviewForm(entry=entry, initial={"version": entry.version})
    reopen = forms.get("reopen") or ReopenForm(initial={"version": entry.version})
    corrections = []
    if plans_access.can_review_entry(user, entry):
        posted = forms.get("correct")
        for field, label in workflow.CORRECTABLE_TEXTS.items():
            if posted is not None and posted.data.get("field") == field:
                corrections.append((label, posted))
                continue
            initial = {"version": entry.version, "field": field, "text": getattr(entry, field)}
            corrections.append((label, CorrectTextForm(initial=initial)))
    return {
        "entry": entry,
        "plan": entry.program.plan,
        "indicator_rows": rows,
        "events": plans_access.visible_entry_events(user, entry),
        "history": entry_history(entry, confirmed_only=not plans_access.sees_entry_workings(user, entry)),
        "can_edit": plans_access.can_edit_entry(user, entry),
        "can_review": plans_access.can_review_entry(user, entry),
        "can_reopen": plans_access.can_reopen_entry(user, entry),
        "can_withdraw": plans_access.can_withdraw_entry(user, entry),
        "manages": access.manages_plans(user),
        "proposals": _proposal_forms(entry, indicators) if access.manages_plans(user) else [],
        "review_form": review,
        "reopen_form": reopen,
        "corrections": corrections,
        "missing": missing_items([entry]).get(entry.pk, []),
        "statuses": EntryStatus,
        "suggestion_problems": entry_suggestion(entry).problems,
    }


@typed_work.keeps_typed_work
def entry_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Return or save the department's entry form; a stale save keeps the typed values.

    The page's script also posts here every half minute of typing (autosave=1, answered in
    JSON); values sent after the session ended come back once the same user logs in again.
    """
    user = _user(request)
    entry = plans_access.get_entry(user, pk)
    if not plans_access.can_edit_entry(user, entry):
        raise PermissionDenied
    indicators = workflow.entry_indicators(entry)
    if request.method == "POST":
        form = EntryForm(request.POST, entry=entry)
        rows = IndicatorFormSet(request.POST, prefix="ind")
        if request.POST.get("autosave"):
            return _autosave(user, entry, form, rows)
        if "draft_result" in request.POST:
            return _draft_result(request, entry, form, rows, indicators)
        if form.is_valid() and rows.is_valid():
            saved = None
            try:
                saved = workflow.save_entry(
                    entry=entry,
                    actor=user,
                    version=form.cleaned_data["version"],
                    data=entry_input(form, rows),
                )
                if "submit" in request.POST:
                    workflow.submit_entry(entry=saved, actor=user, version=saved.version)
                    messages.success(request, _("The entry has been submitted to the secretariat."))
                    return redirect("plans:entry", pk=entry.pk)
                messages.success(request, _("Saved."))
                return redirect("plans:edit", pk=entry.pk)
            except workflow.StaleEntryError as error:
                return _render_conflict(request, entry, str(error), indicators)
            except (ValidationError, workflow.WorkflowError) as error:
                if saved is not None:
                    # Saved, but not submitted: the page must carry the new version, or the
                    # next save would be refused as someone else's.
                    messages.info(request, _("Your changes were saved as a draft."))
                    form = EntryForm(_with_version(request, saved.version), entry=entry)
                if isinstance(error, ValidationError):
                    _add_model_errors(form, error)
                else:
                    form.add_error(None, str(error))
        return _render_form(request, entry, form, rows, indicators, status=400)
    kept = typed_work.take(request, user)
    if kept is not None:
        form, rows = EntryForm(kept, entry=entry), IndicatorFormSet(kept, prefix="ind")
        response = _render_form(request, entry, form, rows, indicators, restored=True)
        typed_work.forget(response)
        return response
    form = EntryForm(
        entry=entry,
        initial={
            "version": entry.version,
            "activities": entry.activities,
            "target_text": entry.target_text,
            "result_text": entry.result_text,
            "evaluation_type": entry.evaluation_type,
            "proposed_grade": entry.proposed_grade,
            "proposed_reason": entry.proposed_reason,
        },
    )
    values = {
        v.indicator_id: v
        for v in IndicatorValue.objects.filter(indicator__in=indicators, fiscal_year=entry.fiscal_year)
    }
    rows = IndicatorFormSet(prefix="ind", initial=indicator_initial(indicators, values))
    return _render_form(request, entry, form, rows, indicators)


def _render_conflict(
    request: HttpRequest, entry: YearlyEntry, message: str, indicators: list[Any]
) -> HttpResponse:
    """Answer 409 with the typed values kept and what the other person saved beside them.

    The page now carries the saved version: having seen the other save, a second press of a
    button is a decision to replace it. The autosave stays off on this page until then.
    """
    current = plans_access.get_entry(_user(request), entry.pk)
    form = EntryForm(_with_version(request, current.version), entry=current)
    rows = IndicatorFormSet(_with_version(request, current.version), prefix="ind")
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
    values = {
        v.indicator_id: v
        for v in IndicatorValue.objects.filter(
            indicator__in=workflow.entry_indicators(current), fiscal_year=current.fiscal_year
        ).select_related("indicator")
    }
    figures = []
    for row in rows:
        saved = values.get((getattr(row, "cleaned_data", None) or {}).get("indicator_id"))
        if saved is not None and (saved.target, saved.actual) != (
            row.cleaned_data.get("target"),
            row.cleaned_data.get("actual"),
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


def _with_version(request: HttpRequest, version: int) -> Any:
    data = request.POST.copy()
    data["version"] = str(version)
    return data


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


def _stored_figures(entry: YearlyEntry, indicators: list[Any]) -> list[Figure]:
    values = {
        v.indicator_id: v.actual
        for v in IndicatorValue.objects.filter(indicator__in=indicators, fiscal_year=entry.fiscal_year)
    }
    return [Figure(i.name, i.unit, values.get(i.pk)) for i in indicators]


def _draft_result(
    request: HttpRequest, entry: YearlyEntry, form: EntryForm, rows: Any, indicators: list[Any]
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
    except (ValidationError, workflow.WorkflowError) as error:
        message = _("The draft was not saved automatically: %(reason)s") % {"reason": _message(error)}
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


def _form_mismatches(entry: YearlyEntry, form: EntryForm, rows: Any, indicators: list[Any]) -> list[str]:
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
    }
    for field, errors in (
        error.message_dict.items() if hasattr(error, "error_dict") else [(None, error.messages)]
    ):
        for message in errors:
            form.add_error(field if field in fields else None, message)


def _render_form(
    request: HttpRequest,
    entry: YearlyEntry,
    form: EntryForm,
    rows: Any,
    indicators: list[Any],
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
            **_previous_context(_user(request), entry),
            "mismatches": _form_mismatches(entry, form, rows, indicators),
        },
        status=status,
    )


@require_POST
def entry_submit(request: HttpRequest, pk: int) -> HttpResponse:
    """Submit the entry as it was saved."""
    user = _user(request)
    entry = plans_access.get_entry(user, pk)
    if not plans_access.can_edit_entry(user, entry):
        raise PermissionDenied
    try:
        workflow.submit_entry(entry=entry, actor=user, version=_version(request))
    except (workflow.WorkflowError, ValidationError) as error:
        messages.error(request, _message(error))
    else:
        messages.success(request, _("The entry has been submitted to the secretariat."))
    return redirect("plans:entry", pk=entry.pk)


def _version(request: HttpRequest) -> int:
    try:
        return int(request.POST.get("version", ""))
    except ValueError:
        return -1  # a missing or forged version is stale by definition


def _message(error: Exception) -> str:
    if isinstance(error, ValidationError):
        return " ".join(error.messages)
    return str(error)


@require_POST
def entry_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    """Take the department's submission back to a draft before the secretariat acts on it (取り下げ)."""
    user = _user(request)
    entry = plans_access.get_entry(user, pk)
    if not plans_access.can_withdraw_entry(user, entry):
        raise PermissionDenied
    try:
        workflow.withdraw_entry(
            entry=entry, actor=user, version=_version(request), reason=request.POST.get("reason", "")[:2000]
        )
    except (workflow.WorkflowError, ValidationError) as error:
        messages.error(request, _message(error))
    else:
        messages.success(request, _("The submission has been withdrawn; the entry is a draft again."))
    return redirect("plans:entry", pk=entry.pk)


@require_POST
def entry_review(request: HttpRequest, pk: int) -> HttpResponse:
    """Return the entry to its department with a comment, or confirm it with the final grade."""
    user = _user(request)
    entry = plans_access.get_entry(user, pk)
    if not plans_access.can_review_entry(user, entry):
        raise PermissionDenied
    form = ReviewForm(request.POST, entry=entry)
    if form.is_valid():
        data = form.cleaned_data
        try:
            if request.POST.get("action") == "return":
                workflow.return_entry(
                    entry=entry, actor=user, version=data["version"], comment=data["comment"]
                )
                messages.success(request, _("The entry has been returned to the department."))
            else:
                workflow.confirm_entry(
                    entry=entry,
                    actor=user,
                    version=data["version"],
                    final_grade=data["final_grade"],
                    reason=data["reason"],
                )
                messages.success(request, _("The entry has been confirmed."))
            return redirect("plans:entry", pk=entry.pk)
        except (workflow.WorkflowError, ValidationError) as error:
            form.add_error(None, _message(error))
    return render(request, "plans/entry_detail.html", _detail_context(user, entry, review=form), status=400)


@require_POST
def entry_reopen(request: HttpRequest, pk: int) -> HttpResponse:
    """Reopen a confirmed entry, with the reason the department will read."""
    user = _user(request)
    entry = plans_access.get_entry(user, pk)
    if not plans_access.can_reopen_entry(user, entry):
        raise PermissionDenied
    form = ReopenForm(request.POST)
    if form.is_valid():
        try:
            workflow.reopen_entry(
                entry=entry,
                actor=user,
                version=form.cleaned_data["version"],
                reason=form.cleaned_data["reason"],
            )
        except workflow.WorkflowError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The entry has been reopened for the department."))
            return redirect("plans:entry", pk=entry.pk)
    return render(request, "plans/entry_detail.html", _detail_context(user, entry, reopen=form), status=400)


@require_GET
def entry_suggest(request: HttpRequest, pk: int) -> JsonResponse:
    """Return the grade that typed indicator figures suggest (the form's live hint); changes nothing."""
    user = _user(request)
    entry = plans_access.get_entry(user, pk)
    plan = entry.program.plan
    measurements = []
    problems = []
    for i in range(30):
        target, actual = request.GET.get(f"ind-{i}-target"), request.GET.get(f"ind-{i}-actual")
        if target is None and actual is None:
            continue
        try:
            t = parse_figure(target or "", TARGET_DIGITS)
            a = parse_figure(actual or "", ACTUAL_DIGITS)
        except DomainError as error:
            problems.append(str(error))
            continue
        direction = request.GET.get(f"ind-{i}-direction", Direction.HIGHER_IS_BETTER.value)
        if direction not in Direction._value2member_map_:
            direction = Direction.HIGHER_IS_BETTER.value
        measurements.append(Measurement(t, a, Direction(direction)))
    suggestion = plan.scale().suggest_for(measurements, CombinePolicy(plan.combine_policy))
    grade = suggestion.grade
    return JsonResponse(
        {
            "grade": grade.label if grade else "",
            "meaning": grade.meaning if grade else "",
            "problems": problems + list(suggestion.problems),
        }
    )


@require_POST
def entry_highlight(request: HttpRequest, pk: int) -> HttpResponse:
    """Mark the entry as one of the report's main programs, or unmark it (secretariat)."""
    user = _user(request)
    entry = plans_access.get_entry(user, pk)
    if not access.manages_plans(user):
        raise PermissionDenied
    on = request.POST.get("highlight") == "1"
    workflow.set_highlight(entry=entry, actor=user, highlight=on)
    messages.success(
        request, _("It will be shown in the report.") if on else _("It will not be shown in the report.")
    )
    return redirect("plans:entry", pk=entry.pk)


def _proposal_forms(entry: YearlyEntry, indicators: list[Any]) -> list[AcceptIndicatorForm]:
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
                "target": "" if p.target is None else format(p.target, "f"),
                "actual": "" if p.actual is None else format(p.actual, "f"),
            },
        )
        for i, p in enumerate(proposals)
    ]


@require_POST
def accept_indicator(request: HttpRequest, pk: int) -> HttpResponse:
    """Add an indicator proposed from the entry's text, as accepted or corrected (secretariat)."""
    user = _user(request)
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
        except (workflow.WorkflowError, ValidationError) as error:
            messages.error(request, _message(error))
        else:
            messages.success(request, _("The indicator has been added."))
    else:
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
    return redirect("plans:entry", pk=entry.pk)


BULK_DONE = {
    "confirm": "%(count)d件を確定しました。",
    "return": "%(count)d件を所管課に差し戻しました。",
    "highlight": "%(count)d件を主な事業にしました。",
    "unhighlight": "%(count)d件を主な事業から外しました。",
}


@require_POST
def entry_bulk(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    """Confirm, return or mark as 主な事業 the selected entries, each through its own workflow step."""
    user = _user(request)
    plan = _plan_year(request, slug, year)[0]
    if not plans_access.manages_plan(user, plan):
        raise PermissionDenied
    query = QueryDict(request.POST.get("query", ""))
    action = request.POST.get("action", "")
    selected = review.parse_selection(request.POST.getlist("entry"))
    comment = request.POST.get("comment", "")
    # Only entries of this plan's year the user may see: a forged id of another year or city is dropped.
    entries = list(
        plans_access.visible_entries(user)
        .filter(program__plan=plan, fiscal_year=year, pk__in=selected)
        .select_related("program", "department")
        .order_by("program__number", "department__name")
    )
    error = ""
    if action not in BULK_DONE:
        error = _("Choose what to do with the selected entries.")
    elif not entries:
        error = _("Select at least one entry.")
    else:
        try:
            outcome = _bulk_step(action, entries, selected, user, comment)
        except workflow.WorkflowError as refused:
            error = str(refused)
        else:
            if outcome.done:
                messages.success(request, BULK_DONE[action] % {"count": len(outcome.done)})
            for refusal in outcome.refused:
                messages.error(
                    request,
                    f"事業番号 {refusal.entry.program.number} {refusal.entry.program.title}"
                    f"（{refusal.entry.department.name}）: {refusal.why}",
                )
            target = reverse("plans:entries", kwargs={"slug": slug, "year": year})
            return redirect(f"{target}?{query.urlencode()}" if query else target)
    context = _list_context(request, slug, year, query, selected=set(selected), comment=comment, error=error)
    return render(request, "plans/entry_list.html", context, status=400)


def _bulk_step(
    action: str, entries: list[YearlyEntry], selected: dict[int, int], user: User, comment: str
) -> review.BulkOutcome:
    if action == "confirm":
        return review.confirm_many(entries=entries, selected=selected, actor=user)
    if action == "return":
        return review.return_many(entries=entries, selected=selected, actor=user, comment=comment)
    return review.highlight_many(
        entries=entries, selected=selected, actor=user, highlight=action == "highlight"
    )


@require_POST
def entry_correct(request: HttpRequest, pk: int) -> HttpResponse:
    """Correct one text of a submitted entry for the department, with the reason it will read."""
    user = _user(request)
    entry = plans_access.get_entry(user, pk)
    if not plans_access.can_review_entry(user, entry):
        raise PermissionDenied
    form = CorrectTextForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            workflow.correct_entry_text(
                entry=entry,
                actor=user,
                version=data["version"],
                field=data["field"],
                text=data["text"],
                reason=data["reason"],
            )
        except (workflow.WorkflowError, ValidationError) as error:
            form.add_error(None, _message(error))
        else:
            messages.success(request, _("The text has been corrected; the department can see why."))
            return redirect("plans:entry", pk=entry.pk)
    context = _detail_context(user, entry, correct=form)
    return render(request, "plans/entry_detail.html", context, status=409 if _stale(form) else 400)


def _stale(form: Any) -> bool:
    return any("他の人が保存しました" in e for e in form.non_field_errors())
