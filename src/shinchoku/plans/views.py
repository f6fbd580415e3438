"""Pages of the yearly cycle. Each view: parse input, ask access, call one service, render."""

from collections import Counter
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from shinchoku.accounts import access
from shinchoku.accounts.models import User
from shinchoku.council.queries import open_opinions_for
from shinchoku.domain.errors import DomainError
from shinchoku.domain.fiscal import wareki_date, wareki_label
from shinchoku.domain.grades import CombinePolicy
from shinchoku.domain.indicator_text import new_proposals, propose
from shinchoku.domain.numbers import means_no_value, parse_quantity
from shinchoku.domain.ratios import Direction, Measurement, as_percent
from shinchoku.plans import workflow
from shinchoku.plans.forms import (
    AcceptIndicatorForm,
    EntryForm,
    IndicatorFormSet,
    OpenYearForm,
    ReopenForm,
    ReviewForm,
    entry_input,
    indicator_initial,
)
from shinchoku.plans.history import entry_history
from shinchoku.plans.models import EntryStatus, IndicatorValue, Plan, PlanYear, YearlyEntry
from shinchoku.plans.progress import missing_items

OPEN_STATUSES = (EntryStatus.DRAFT, EntryStatus.RETURNED)


def _user(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]


def home(request: HttpRequest) -> HttpResponse:
    """Return the start page: the user's plans and years, with what their role does there."""
    user = _user(request)
    plans = list(access.visible_plans(user).prefetch_related("years").order_by("-first_year"))
    still_open = Counter(
        access.visible_entries(user)
        .filter(status__in=OPEN_STATUSES)
        .values_list("program__plan_id", "fiscal_year")
    )
    rows = [
        (plan, [(year, still_open[(plan.pk, year.fiscal_year)]) for year in plan.years.all()])
        for plan in plans
    ]
    return render(request, "plans/home.html", {"plans": rows, "manages": access.manages_plans(user)})


def plan_detail(request: HttpRequest, slug: str) -> HttpResponse:
    """Return the plan's years, and the form to open the next one for the secretariat."""
    user = _user(request)
    plan = access.get_plan(user, slug)
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
        access.visible_entries(user)
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
    plan = access.get_plan(user, slug)
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
    plan = access.get_plan(_user(request), slug)
    plan_year = PlanYear.objects.filter(plan=plan, fiscal_year=year).first()
    if plan_year is None:
        raise Http404
    return plan, plan_year


def entry_list(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    """Return the year's entries the user may see: a department's own, or all for the secretariat."""
    user = _user(request)
    plan, plan_year = _plan_year(request, slug, year)
    entries = list(
        access.visible_entries(user)
        .filter(program__plan=plan, fiscal_year=year)
        .select_related("program", "department")
        .order_by("program__number", "department__name")
    )
    status = request.GET.get("status", "")
    if status in EntryStatus.values:
        entries = [e for e in entries if e.status == status]
    missing = missing_items(entries)
    return render(
        request,
        "plans/entry_list.html",
        {
            "plan": plan,
            "plan_year": plan_year,
            "rows": [(e, missing.get(e.pk, [])) for e in entries],
            "status": status,
            "statuses": EntryStatus,
            "manages": access.manages_plans(user),
            "overdue": _overdue(plan_year),
        },
    )


def _overdue(plan_year: PlanYear) -> bool:
    return plan_year.deadline is not None and plan_year.deadline < timezone.localdate()


def status_board(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    """Return the secretariat's board: each department's entries by status, overdue ones marked."""
    user = _user(request)
    plan, plan_year = _plan_year(request, slug, year)
    if not access.manages_plans(user):
        raise PermissionDenied
    entries = (
        access.visible_entries(user)
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
    entry = access.get_entry(user, pk)
    return render(request, "plans/entry_detail.html", _detail_context(user, entry))


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
    return {
        "entry": entry,
        "plan": entry.program.plan,
        "indicator_rows": rows,
        "events": access.visible_entry_events(user, entry),
        "history": entry_history(entry, confirmed_only=not access.sees_entry_workings(user, entry)),
        "can_edit": access.can_edit_entry(user, entry),
        "can_review": access.can_review_entry(user, entry),
        "can_reopen": access.can_reopen_entry(user, entry),
        "manages": access.manages_plans(user),
        "proposals": _proposal_forms(entry, indicators) if access.manages_plans(user) else [],
        "opinions": open_opinions_for(entry.program, entry.fiscal_year),
        "review_form": review,
        "reopen_form": reopen,
        "missing": missing_items([entry]).get(entry.pk, []),
        "statuses": EntryStatus,
    }


def entry_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Return or save the department's entry form; a stale save keeps the typed values."""
    user = _user(request)
    entry = access.get_entry(user, pk)
    if not access.can_edit_entry(user, entry):
        raise PermissionDenied
    indicators = workflow.entry_indicators(entry)
    if request.method == "POST":
        form = EntryForm(request.POST, entry=entry)
        rows = IndicatorFormSet(request.POST, prefix="ind")
        if form.is_valid() and rows.is_valid():
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
            except ValidationError as error:
                _add_model_errors(form, error)
            except workflow.StaleEntryError as error:
                form.add_error(None, str(error))
                return _render_form(request, entry, form, rows, indicators, status=409)
            except workflow.WorkflowError as error:
                form.add_error(None, str(error))
                messages.info(request, _("Your changes were saved as a draft."))
        return _render_form(request, entry, form, rows, indicators, status=400)
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
            "opinions": open_opinions_for(entry.program, entry.fiscal_year),
        },
        status=status,
    )


@require_POST
def entry_submit(request: HttpRequest, pk: int) -> HttpResponse:
    """Submit the entry as it was saved."""
    user = _user(request)
    entry = access.get_entry(user, pk)
    if not access.can_edit_entry(user, entry):
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
def entry_review(request: HttpRequest, pk: int) -> HttpResponse:
    """Return the entry to its department with a comment, or confirm it with the final grade."""
    user = _user(request)
    entry = access.get_entry(user, pk)
    if not access.can_review_entry(user, entry):
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
    entry = access.get_entry(user, pk)
    if not access.can_reopen_entry(user, entry):
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
    entry = access.get_entry(user, pk)
    plan = entry.program.plan
    ratios = []
    problems = []
    for i in range(30):
        target, actual = request.GET.get(f"ind-{i}-target"), request.GET.get(f"ind-{i}-actual")
        if target is None and actual is None:
            continue
        try:
            t = None if means_no_value(target or "") else parse_quantity(target or "").value
            a = None if means_no_value(actual or "") else parse_quantity(actual or "").value
        except DomainError as error:
            problems.append(str(error))
            continue
        direction = request.GET.get(f"ind-{i}-direction", Direction.HIGHER_IS_BETTER.value)
        if direction not in Direction._value2member_map_:
            direction = Direction.HIGHER_IS_BETTER.value
        try:
            ratio = Measurement(t, a, Direction(direction)).ratio()
        except DomainError as error:
            problems.append(str(error))
            continue
        if ratio is not None:
            ratios.append(ratio)
    grade = plan.scale().suggest(ratios, CombinePolicy(plan.combine_policy))
    return JsonResponse(
        {
            "grade": grade.label if grade else "",
            "meaning": grade.meaning if grade else "",
            "problems": problems,
        }
    )


@require_POST
def entry_highlight(request: HttpRequest, pk: int) -> HttpResponse:
    """Mark the entry as one of the report's main programs, or unmark it (secretariat)."""
    user = _user(request)
    entry = access.get_entry(user, pk)
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
    entry = access.get_entry(user, pk)
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
