"""A year's entries: the filtered list with its bulk actions, and the secretariat's status board."""

from collections import Counter
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse, QueryDict
from django.middleware.csrf import get_token
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from shinchoku.accounts import access
from shinchoku.accounts.models import User
from shinchoku.accounts.requests import AuthedRequest
from shinchoku.domain import entry_states
from shinchoku.domain.fiscal import wareki_date, wareki_label
from shinchoku.lib import cache
from shinchoku.lib.errors import ServiceError
from shinchoku.plans import access as plans_access
from shinchoku.plans import review
from shinchoku.plans.fingerprint import plan_year_fingerprint
from shinchoku.plans.models import EntryStatus, PlanYear, YearlyEntry
from shinchoku.plans.progress import missing_items
from shinchoku.plans.queries import withdrawals_of

# Stands for the CSRF token in a kept list: each request puts its own in (a token is never cached).
TOKEN_MARK = "csrf-token-of-this-request"


def entry_list(request: AuthedRequest, slug: str, year: int) -> HttpResponse:
    """Return the year's entries the user may see, filtered and sorted; the secretariat selects many.

    The list is rendered once per fingerprint of the plan-year, filter and scope of the user's
    entries (plans/fingerprint.py, lib/cache.py); the CSRF token is put in for each request.
    """
    user = request.user
    plan_year = plans_access.get_plan_year(user, slug, year)
    chosen = review.EntryFilter.from_query(request.GET)
    parts = (
        plan_year_fingerprint(plan_year.plan, year),
        plans_access.entries_scope_key(user),
        repr(chosen),
        _overdue(plan_year),
    )
    body = cache.cached("entry-list", parts, lambda: _list_body(user, plan_year, chosen))
    return _list_page(request, plan_year, body)


def _list_page(request: AuthedRequest, plan_year: PlanYear, body: str, status: int = 200) -> HttpResponse:
    context = {
        "plan": plan_year.plan,
        "plan_year": plan_year,
        "body": mark_safe(body.replace(TOKEN_MARK, get_token(request))),
    }
    return render(request, "plans/entry_list.html", context, status=status)


def _list_body(user: User, plan_year: PlanYear, chosen: review.EntryFilter, **kept: Any) -> str:
    """Return the list's content rendered without the request: only what the cache key names differs."""
    plan = plan_year.plan
    scoped = plans_access.visible_entries(user).filter(program__plan=plan, fiscal_year=plan_year.fiscal_year)
    entries = list(review.filtered_entries(scoped, plan, chosen).select_related("program", "department"))
    missing = missing_items(entries)
    manages = access.manages_plans(user)
    context = {
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
        "csrf_token": TOKEN_MARK,
    }
    return render_to_string("plans/_entry_list_body.html", context)


def _overdue(plan_year: PlanYear) -> bool:
    return plan_year.deadline is not None and plan_year.deadline < timezone.localdate()


def status_board(request: AuthedRequest, slug: str, year: int) -> HttpResponse:
    """Return the secretariat's board: each department's entries by status, overdue ones marked."""
    user = request.user
    plan_year = plans_access.get_plan_year(user, slug, year)
    plan = plan_year.plan
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
        if entry.status in entry_states.OPEN:
            row["open"].append(entry.program.number)
    overdue = _overdue(plan_year)
    reminders = [_reminder(name, row["open"], plan_year) for name, row in departments.items() if row["open"]]
    totals = Counter(entries.values_list("status", flat=True))
    withdrawn = withdrawals_of(entries)
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


BULK_DONE = {
    "confirm": "%(count)d件を確定しました。",
    "return": "%(count)d件を所管課に差し戻しました。",
    "highlight": "%(count)d件を主な事業にしました。",
    "unhighlight": "%(count)d件を主な事業から外しました。",
}


@require_POST
def entry_bulk(request: AuthedRequest, slug: str, year: int) -> HttpResponse:
    """Confirm, return or mark as 主な事業 the selected entries, each through its own workflow step."""
    user = request.user
    plan_year = plans_access.get_plan_year(user, slug, year)
    plan = plan_year.plan
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
        except ServiceError as refused:
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
    chosen = review.EntryFilter.from_query(query)
    body = _list_body(user, plan_year, chosen, selected=set(selected), comment=comment, error=error)
    return _list_page(request, plan_year, body, status=400)


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
