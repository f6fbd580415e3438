"""The secretariat's screen for its plan's further dimensions (川崎市: 事業の妥当性, 有効性・効率性・経済性)."""

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from shinchoku.accounts.requests import AuthedRequest
from shinchoku.domain.dimensions import Dimension, parse_dimensions
from shinchoku.domain.scale_presets import PRESETS
from shinchoku.plans import access as plans_access
from shinchoku.plans import dimension_settings as service
from shinchoku.plans.dimension_forms import (
    DimensionForm,
    DimensionPresetForm,
    MoveDimensionForm,
    RemoveDimensionForm,
    dimension_initial,
)
from shinchoku.plans.models import Plan


def _managed_plan(request: AuthedRequest, slug: str) -> Plan:
    plan = plans_access.get_plan(request.user, slug)
    if not plans_access.manages_plan(request.user, plan):
        raise PermissionDenied
    return plan


def _list_page(
    request: AuthedRequest, plan: Plan, form: DimensionForm, error: str = "", status: int = 200
) -> HttpResponse:
    seen = service.fingerprint(plan)
    rows = [(d, service.graded_count(plan, d.key)) for d in parse_dimensions(plan.dimensions)]
    context: dict[str, Any] = {
        "plan": plan,
        "rows": rows,
        "form": form,
        "seen": seen,
        "error": error,
        "preset_form": DimensionPresetForm(initial={"preset": request.GET.get("preset", "five-to-one")}),
        "history": plan.history.select_related("history_user").order_by("-history_date")[:20],
    }
    return render(request, "plans/dimensions.html", context, status=status)


def dimensions_view(request: AuthedRequest, slug: str) -> HttpResponse:
    """List the plan's dimensions; a POST adds one (a preset fills the new one's scale)."""
    plan = _managed_plan(request, slug)
    preset = PRESETS.get(request.GET.get("preset", "five-to-one"), PRESETS["five-to-one"])
    initial = dimension_initial(preset) | {"seen": service.fingerprint(plan)}
    form = DimensionForm(request.POST or None, initial=initial, with_key=True)
    if request.method == "POST" and form.is_valid():
        try:
            service.add_dimension(
                plan=plan,
                actor=request.user,
                seen=form.cleaned_data["seen"],
                dimension=form.cleaned_data["dimension"],
            )
        except service.DimensionSettingsError as error:
            form.add_error(None, str(error))
            return _list_page(request, plan, form, status=_status(error))
        messages.success(request, _("The dimension has been added."))
        return redirect("plans:dimensions", slug=plan.slug)
    return _list_page(request, plan, form, status=400 if form.errors else 200)


def dimension_edit(request: AuthedRequest, slug: str, key: str) -> HttpResponse:
    """Rename a dimension or change its scale."""
    plan = _managed_plan(request, slug)
    dimension = _dimension(plan, key)
    initial = dimension_initial(dimension.scale, dimension.name) | {"seen": service.fingerprint(plan)}
    form = DimensionForm(request.POST or None, initial=initial)
    status = 400 if form.errors else 200
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            service.change_dimension(
                plan=plan,
                actor=request.user,
                seen=data["seen"],
                key=key,
                name=data["name"],
                scale=data["dimension"].scale,
            )
        except service.DimensionSettingsError as error:
            form.add_error(None, str(error))
            status = _status(error)
        else:
            messages.success(request, _("The dimension has been saved."))
            return redirect("plans:dimensions", slug=plan.slug)
    context = {"plan": plan, "dimension": dimension, "form": form, "graded": service.graded_count(plan, key)}
    return render(request, "plans/dimension_edit.html", context, status=status)


def dimension_move(request: AuthedRequest, slug: str, key: str) -> HttpResponse:
    """Move a dimension up or down (POST only)."""
    plan = _managed_plan(request, slug)
    form = MoveDimensionForm(request.POST or None)
    if request.method != "POST" or not form.is_valid():
        return redirect("plans:dimensions", slug=plan.slug)
    try:
        service.move_dimension(
            plan=plan,
            actor=request.user,
            seen=form.cleaned_data["seen"],
            key=key,
            offset=form.cleaned_data["offset"],
        )
    except service.DimensionSettingsError as error:
        return _list_page(request, plan, _blank_form(plan), str(error), _status(error))
    return redirect("plans:dimensions", slug=plan.slug)


def dimension_remove(request: AuthedRequest, slug: str, key: str) -> HttpResponse:
    """Remove a dimension (POST only); one already graded needs the confirmation box."""
    plan = _managed_plan(request, slug)
    form = RemoveDimensionForm(request.POST or None)
    if request.method != "POST" or not form.is_valid():
        return redirect("plans:dimensions", slug=plan.slug)
    data = form.cleaned_data
    try:
        service.remove_dimension(
            plan=plan, actor=request.user, seen=data["seen"], key=key, confirmed=data["confirm"]
        )
    except service.DimensionSettingsError as error:
        return _list_page(request, plan, _blank_form(plan), str(error), _status(error))
    messages.success(request, _("The dimension has been removed."))
    return redirect("plans:dimensions", slug=plan.slug)


def _dimension(plan: Plan, key: str) -> Dimension:
    for dimension in parse_dimensions(plan.dimensions):
        if dimension.key == key:
            return dimension
    raise Http404


def _blank_form(plan: Plan) -> DimensionForm:
    initial = dimension_initial(PRESETS["five-to-one"]) | {"seen": service.fingerprint(plan)}
    return DimensionForm(initial=initial, with_key=True)


def _status(error: service.DimensionSettingsError) -> int:
    return 409 if isinstance(error, service.StaleDimensionsError) else 400
