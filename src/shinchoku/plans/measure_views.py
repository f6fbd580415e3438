"""The secretariat's measure (施策) screens: the plan's rule, and a year's measures with their grades."""

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from shinchoku.accounts.requests import AuthedRequest
from shinchoku.domain.errors import DomainError
from shinchoku.domain.measures import MeasureRule, parse_rule
from shinchoku.lib.errors import ServiceError
from shinchoku.plans import access as plans_access
from shinchoku.plans import measure_services
from shinchoku.plans.measure_forms import KIND_CHOICES, MeasureGradeForm, MeasureRuleForm, rule_initial
from shinchoku.plans.measures import rule_of, year_measures
from shinchoku.plans.models import Plan


def measure_settings(request: AuthedRequest, slug: str) -> HttpResponse:
    """Show how the plan's measures are graded; a POST saves the rule through the service."""
    plan = plans_access.get_plan(request.user, slug)
    if not plans_access.manages_plan(request.user, plan):
        raise PermissionDenied
    rule = rule_of(plan)
    form = MeasureRuleForm(
        request.POST or None, initial=rule_initial(rule), program_scale=plan.scale(), current=rule
    )
    if request.method == "POST" and form.is_valid():
        try:
            measure_services.change_measure_rule(
                plan=plan, rule=form.cleaned_data["rule"], actor=request.user
            )
        except ServiceError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("How measures are graded has been saved."))
            return redirect("plans:measure_settings", slug=plan.slug)
    context = {
        "plan": plan,
        "form": form,
        "stored_problem": _stored_problem(plan, rule),
        "history": _history(plan),
    }
    return render(request, "plans/measure_settings.html", context, status=400 if form.errors else 200)


def _stored_problem(plan: Plan, rule: object) -> str:
    """Return why the stored rule is not used (a later change of the program scale), or ""."""
    if rule is not None or not plan.measure_rule:
        return ""
    try:
        parse_rule(plan.measure_rule, plan.scale())
    except DomainError as error:
        return str(error)
    return ""


def _history(plan: Plan) -> list[dict[str, Any]]:
    """Return the plan's last changes, each with the Japanese name of how measures were graded."""
    names = {key: str(name) for key, name in KIND_CHOICES}
    rows = plan.history.select_related("history_user").order_by("-history_date")[:20]
    return [
        {
            "when": h.history_date,
            "user": h.history_user,
            "kind": names.get((h.measure_rule or {}).get("kind", ""), ""),
        }
        for h in rows
    ]


def year_measures_view(request: AuthedRequest, slug: str, year: int) -> HttpResponse:
    """List the year's measures with their programs' grades and grade; a POST gives one grade by hand."""
    plan_year = plans_access.get_managed_plan_year(request.user, slug, year)
    plan, rule = plan_year.plan, rule_of(plan_year.plan)
    form = MeasureGradeForm(request.POST or None)
    status = 200
    if request.method == "POST":
        status = _give(request, plan, rule, year, form)
        if status == 302:
            messages.success(request, _("The measure's grade has been saved."))
            return redirect("plans:measures", slug=slug, year=year)
    rows = year_measures(plan, rule, year) if rule is not None else []
    # After a 409 the page carries the saved version: a second save is a decision to replace it.
    context = {"plan": plan, "year": year, "rule": rule, "rows": rows, "form": form, "stale": status == 409}
    return render(request, "plans/measures.html", context, status=status)


def _give(
    request: AuthedRequest, plan: Plan, rule: MeasureRule | None, year: int, form: MeasureGradeForm
) -> int:
    """Give the posted grade through the service; return 302, or 400/409 with the form's error."""
    if rule is None:
        form.add_error(
            None, _("No way of grading measures is set for this plan: choose one in its settings.")
        )
        return 400
    if not form.is_valid():
        return 400
    data = form.cleaned_data
    try:
        if data["withdraw"]:
            measure_services.withdraw_measure_grade(
                plan=plan, node_id=data["node"], fiscal_year=year, version=data["version"], actor=request.user
            )
            return 302
        measure_services.give_measure_grade(
            plan=plan,
            rule=rule,
            node_id=data["node"],
            fiscal_year=year,
            grade=data["grade"],
            reason=data["reason"],
            version=data["version"],
            actor=request.user,
        )
    except measure_services.StaleMeasureGrade as error:
        form.add_error(None, str(error))
        return 409
    except (ServiceError, DomainError) as error:
        form.add_error(None, str(error))
        return 400
    return 302
