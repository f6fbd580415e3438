"""The secretariat's screen for its plan's settings (the grade scale was a raw JSON field in the admin)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from shinchoku.accounts.requests import AuthedRequest
from shinchoku.domain.grades import CombinePolicy, MergePolicy
from shinchoku.domain.scale_presets import PRESETS
from shinchoku.plans import access as plans_access
from shinchoku.plans import plan_settings
from shinchoku.plans.settings_forms import PlanSettingsForm, PresetForm, rule_initial, scale_initial
from shinchoku.plans.settings_history import settings_history


def plan_settings_view(request: AuthedRequest, slug: str) -> HttpResponse:
    """Show the plan's settings; ?preset= fills the form with a preset; a POST saves through the service."""
    user = request.user
    plan = plans_access.get_plan(user, slug)
    if not plans_access.manages_plan(user, plan):
        raise PermissionDenied
    preset = PRESETS.get(request.GET.get("preset", ""))
    initial = scale_initial(preset or plan.scale())
    initial.update(
        combine_policy=plan.combine_policy,
        merge_policy=plan.merge_policy,
        percent_places=plan.percent_places,
        show_priority=plan.show_priority,
    )
    initial.update(rule_initial(plan.grading_rule()))
    form = PlanSettingsForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            plan_settings.change_plan_settings(
                plan=plan,
                actor=user,
                data=plan_settings.PlanSettingsInput(
                    scale=data["scale"],
                    combine_policy=CombinePolicy(data["combine_policy"]),
                    merge_policy=MergePolicy(data["merge_policy"]),
                    percent_places=data["percent_places"],
                    show_priority=data["show_priority"],
                    baseline_rule=data["baseline_rule"],
                ),
            )
        except plan_settings.PlanSettingsError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The plan's settings have been saved."))
            return redirect("plans:settings", slug=plan.slug)
    context = {
        "plan": plan,
        "form": form,
        "preset_form": PresetForm(initial={"preset": request.GET.get("preset", "")}),
        "in_use": sorted(plan_settings.grades_in_use(plan)),
        "history": settings_history(plan),
    }
    return render(request, "plans/settings.html", context, status=400 if form.errors else 200)
