"""The start page and a plan's page: its years, and opening the next one (secretariat)."""

from collections import Counter
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from shinchoku.accounts import access
from shinchoku.accounts.requests import AuthedRequest
from shinchoku.domain import entry_states
from shinchoku.domain.fiscal import wareki_label
from shinchoku.lib.errors import ServiceError
from shinchoku.plans import access as plans_access
from shinchoku.plans import workflow
from shinchoku.plans.forms import NotEvaluableWordingForm, OpenYearForm
from shinchoku.plans.models import EntryStatus, Plan, PlanYear


def home(request: AuthedRequest) -> HttpResponse:
    """Return the start page: the user's plans and years, with what their role does there."""
    user = request.user
    plans = list(plans_access.visible_plans(user).prefetch_related("years").order_by("-first_year"))
    still_open = Counter(
        plans_access.visible_entries(user)
        .filter(status__in=entry_states.OPEN)
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


def plan_detail(request: AuthedRequest, slug: str) -> HttpResponse:
    """Return the plan's years, and the form to open the next one for the secretariat."""
    user = request.user
    plan = plans_access.get_plan(user, slug)
    form = OpenYearForm(initial={"fiscal_year": _next_year(plan)}) if access.manages_plans(user) else None
    return render(request, "plans/plan_detail.html", plan_context(request, plan, form))


def _next_year(plan: Plan) -> str:
    opened = set(plan.years.values_list("fiscal_year", flat=True))
    for year in range(plan.first_year, plan.last_year + 1):
        if year not in opened:
            return wareki_label(year)
    return ""


def plan_context(
    request: AuthedRequest,
    plan: Plan,
    form: OpenYearForm | None,
    *,
    wording: tuple[int, NotEvaluableWordingForm] | None = None,
) -> dict[str, Any]:
    """Return the plan page's context; wording: a year's refused wording form, shown as typed."""
    user = request.user
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
        **(_wording_forms(plan, years, wording) if access.manages_plans(user) else {}),
    }


def _wording_forms(
    plan: Plan, years: list[PlanYear], refused: tuple[int, NotEvaluableWordingForm] | None
) -> dict[str, Any]:
    """Return each opened year's form for its wording of － (the scale's text when left empty)."""
    not_evaluable = plan.scale().not_evaluable
    if not_evaluable is None:
        return {}
    forms = []
    for year in years:
        form = NotEvaluableWordingForm(
            initial={"wording": year.not_evaluable_wording}, auto_id=f"id_wording_{year.fiscal_year}_%s"
        )
        if refused is not None and refused[0] == year.fiscal_year:
            form = refused[1]
            form.auto_id = f"id_wording_{year.fiscal_year}_%s"
        forms.append((year, form))
    return {"not_evaluable": not_evaluable, "wording_forms": forms}


@require_POST
def open_year(request: AuthedRequest, slug: str) -> HttpResponse:
    """Open a fiscal year for the plan (secretariat)."""
    user = request.user
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
        except ServiceError as error:
            form.add_error("fiscal_year", str(error))
        else:
            messages.success(
                request,
                _("%(year)s has been opened: %(count)d entries were created for the departments.")
                % {"year": wareki_label(plan_year.fiscal_year), "count": created},
            )
            return redirect("plans:board", slug=plan.slug, year=plan_year.fiscal_year)
    return render(request, "plans/plan_detail.html", plan_context(request, plan, form), status=400)
