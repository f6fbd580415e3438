"""The plan's life for the secretariat: its revisions, the next plan, and how programs continue."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from shinchoku.accounts import access
from shinchoku.accounts.requests import AuthedRequest
from shinchoku.council import access as council_access
from shinchoku.domain.errors import DomainError
from shinchoku.lib.errors import ServiceError
from shinchoku.lifecycle import revisions, succession
from shinchoku.lifecycle.forms import RevisionForm, SuccessorForm
from shinchoku.lifecycle.models import ProgramSuccession
from shinchoku.lifecycle.queries import is_carried_over, plan_revisions, plan_successions
from shinchoku.plans import access as plans_access
from shinchoku.plans.models import Plan


def _manager_plan(request: AuthedRequest, slug: str) -> Plan:
    plan = plans_access.get_plan(request.user, slug)
    if not access.manages_plans(request.user):
        raise PermissionDenied
    return plan


def plan_lifecycle(request: AuthedRequest, slug: str) -> HttpResponse:
    """Return the revisions and successions of the plan, and create the next plan on POST."""
    plan = _manager_plan(request, slug)
    form = SuccessorForm(
        request.POST or None,
        initial={"name": plan.name, "first_year": plan.last_year + 1, "last_year": plan.last_year + 5},
    )
    if request.method == "POST" and form.is_valid():
        try:
            succession.create_successor(plan=plan, actor=request.user, **form.cleaned_data)
        except (DomainError, ServiceError) as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request, _("The next plan has been created. Mark the programs that end or change below.")
            )
            return redirect("lifecycle:plan", slug=plan.slug)
    context = {
        "plan": plan,
        "form": form,
        "revisions": plan_revisions(plan),
        "successions": plan_successions(plan),
        "successors": plan.successors.all(),
        "revision_form": _revision_form(request, plan, bound=False),
    }
    return render(request, "lifecycle/plan.html", context, status=400 if form.errors else 200)


@require_POST
def end_program(request: AuthedRequest, slug: str, number: int) -> HttpResponse:
    """Mark a program as not continued in the next plan (its copy there is removed)."""
    plan = _manager_plan(request, slug)
    program = plan.programs.filter(number=number).first()
    if program is None or not is_carried_over(program):
        raise PermissionDenied
    try:
        succession.record_succession([program], [], ProgramSuccession.Kind.ENDED, actor=request.user)
    except (DomainError, ServiceError) as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Marked as ended: it is not part of the next plan."))
    return redirect("lifecycle:plan", slug=plan.slug)


def _revision_form(request: AuthedRequest, plan: Plan, *, bound: bool) -> RevisionForm:
    return RevisionForm(
        request.POST if bound else None, plan=plan, meetings=council_access.plan_meetings(request.user, plan)
    )


def revision_new(request: AuthedRequest, slug: str) -> HttpResponse:
    """Show what a revision would change (確認), then record it: all its changes or none."""
    plan = _manager_plan(request, slug)
    form = _revision_form(request, plan, bound=request.method == "POST")
    preview = None
    if request.method == "POST" and form.is_valid():
        try:
            if request.POST.get("action") == "record":
                revision = revisions.record_revision(plan=plan, actor=request.user, **form.revision())
                messages.success(
                    request,
                    _("The revision has been recorded with %(count)d changes.")
                    % {"count": revision.changes.count()},
                )
                return redirect("lifecycle:plan", slug=plan.slug)
            preview = revisions.preview_revision(plan=plan, actor=request.user, **form.revision())
        except (DomainError, ServiceError) as error:
            form.add_error(None, str(error))
    context = {"plan": plan, "form": form, "preview": preview}
    return render(request, "lifecycle/revision.html", context, status=400 if form.errors else 200)
