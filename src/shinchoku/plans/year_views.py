"""The secretariat's actions on an opened year: change its deadline and its wording of －, undo the opening."""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from shinchoku.accounts.requests import AuthedRequest
from shinchoku.domain.fiscal import wareki_label
from shinchoku.lib.errors import ServiceError
from shinchoku.plans import access as plans_access
from shinchoku.plans import workflow
from shinchoku.plans.forms import DeadlineForm, NotEvaluableWordingForm
from shinchoku.plans.plan_views import plan_context


@require_POST
def change_deadline(request: AuthedRequest, slug: str, year: int) -> HttpResponse:
    """Change or clear the departments' deadline of an opened year."""
    user = request.user
    plan_year = plans_access.get_managed_plan_year(user, slug, year)
    form = DeadlineForm(request.POST, fiscal_year=plan_year.fiscal_year)
    if form.is_valid():
        try:
            workflow.change_deadline(plan_year=plan_year, deadline=form.cleaned_data["deadline"], actor=user)
        except ServiceError as error:
            form.add_error("deadline", str(error))
        else:
            messages.success(request, _("The deadline has been changed."))
            return redirect("plans:plan", slug=slug)
    # Refused: the plan page again, the typed deadline kept in its year's row with the reason.
    context = plan_context(request, plan_year.plan, None) | {"refused_deadline": (year, form)}
    return render(request, "plans/plan_detail.html", context, status=400)


@require_POST
def change_wording(request: AuthedRequest, slug: str, year: int) -> HttpResponse:
    """Set what the year's reports print for the not-evaluable grade (－); a refusal keeps the text."""
    user = request.user
    plan_year = plans_access.get_managed_plan_year(user, slug, year)
    form = NotEvaluableWordingForm(request.POST)
    if form.is_valid():
        try:
            workflow.change_not_evaluable_wording(
                plan_year=plan_year, wording=form.cleaned_data["wording"], actor=user
            )
        except ServiceError as error:
            form.add_error("wording", str(error))
        else:
            messages.success(
                request, _("The wording of %(year)s has been changed.") % {"year": wareki_label(year)}
            )
            return redirect("plans:plan", slug=slug)
    context = plan_context(request, plan_year.plan, None, wording=(year, form))
    return render(request, "plans/plan_detail.html", context, status=400)


@require_POST
def undo_opening(request: AuthedRequest, slug: str, year: int) -> HttpResponse:
    """Undo opening a year while nothing has been entered in it."""
    user = request.user
    plan_year = plans_access.get_managed_plan_year(user, slug, year)
    try:
        removed = workflow.undo_open_year(plan_year=plan_year, actor=user)
    except ServiceError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            _("Opening %(year)s has been undone: %(count)d entries were removed.")
            % {"year": wareki_label(year), "count": removed},
        )
    return redirect("plans:plan", slug=slug)
