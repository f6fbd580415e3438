"""The secretariat maps its areas to the national 重点課題; an analyst compares organizations by them."""

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import content_disposition_header, urlencode
from django.utils.translation import gettext as _

from shinchoku.accounts import access
from shinchoku.accounts.requests import AuthedRequest
from shinchoku.domain.fiscal import wareki_label
from shinchoku.domain.grades import SEED_SCALE
from shinchoku.lib import charts
from shinchoku.lib.errors import ServiceError
from shinchoku.lib.staleness import fingerprint
from shinchoku.national.forms import STALE_MAPPING, AreaMappingForm, ProgramMappingForm, SharesForm
from shinchoku.national.mapping import (
    area_issue_ids,
    get_program,
    inherited_issue_ids,
    issues_of,
    national_plan_for,
    national_plans,
    own_issue_ids,
    plan_areas,
    program_mapping_history,
    program_rows,
    years_of,
)
from shinchoku.national.models import NationalPlan
from shinchoku.national.services import save_area_mapping, set_program_issues
from shinchoku.national.shares import UNMAPPED, cross_organization_shares, shares_csv
from shinchoku.plans import access as plans_access
from shinchoku.plans.models import Plan

# The grey bar of the chart: the seed's 「－」 (not evaluable).
SEED_NOT_EVALUABLE = SEED_SCALE.not_evaluable.label if SEED_SCALE.not_evaluable else None


def _national_plan(request: AuthedRequest, plan: Plan, national_plans: list[NationalPlan]) -> NationalPlan:
    """Return the national plan asked for (by its code), else the one in force in the plan's first year."""
    code = request.GET.get("national_plan")
    national = (
        next((p for p in national_plans if p.code == code), None)
        if code
        else national_plan_for(plan.first_year)
    )
    if national is None:
        raise Http404
    return national


def _managed_plan(request: AuthedRequest, slug: str) -> Plan:
    plan = plans_access.get_plan(request.user, slug)
    if not plans_access.manages_plan(request.user, plan):
        raise PermissionDenied
    return plan


def _mapping_url(plan: Plan, national: NationalPlan, anchor: str = "") -> str:
    url = reverse("national:mapping", args=[plan.slug])
    return f"{url}?{urlencode({'national_plan': national.code})}{anchor}"


def mapping(request: AuthedRequest, slug: str) -> HttpResponse:
    """Return or save which national issues each area of the plan follows (the secretariat's)."""
    plan = _managed_plan(request, slug)
    all_plans = national_plans()
    national = _national_plan(request, plan, all_plans)
    areas = plan_areas(plan)
    issues = issues_of(national)
    current = area_issue_ids(plan.pk, national)
    state = {str(a.pk): sorted(current.get(a.pk, ())) for a in areas}
    initial: dict[str, object] = {f"area_{a.pk}": [str(i) for i in current.get(a.pk, ())] for a in areas}
    form = AreaMappingForm(
        request.POST or None, initial=initial | {"seen": fingerprint(state)}, areas=areas, issues=issues
    )
    context = {
        "plan": plan,
        "national": national,
        "national_plans": all_plans,
        "form": form,
        "programs": program_rows(plan, national),
    }
    if request.method == "POST":
        if request.POST.get("seen") != fingerprint(state):
            form.add_error(None, STALE_MAPPING)
            return render(request, "national/mapping.html", context, status=409)
        if form.is_valid():
            chosen = {area: form.chosen(area) for area in areas}
            save_area_mapping(plan, national, chosen, actor=request.user)
            messages.success(request, _("The mapping to the national plan has been saved."))
            return redirect(_mapping_url(plan, national))
    return render(request, "national/mapping.html", context, status=400 if form.errors else 200)


def program_mapping(request: AuthedRequest, slug: str, number: int) -> HttpResponse:
    """Return or save the national issues one program follows on its own (else it follows its areas)."""
    plan = _managed_plan(request, slug)
    program = get_program(plan, number)
    all_plans = national_plans()
    national = _national_plan(request, plan, all_plans)
    issues = issues_of(national)
    own = sorted(own_issue_ids(plan.pk, national).get(program.pk, ()))
    form = ProgramMappingForm(
        request.POST or None,
        initial={"issues": [str(pk) for pk in own], "seen": fingerprint(own)},
        issues=issues,
    )
    inherited = inherited_issue_ids(plan.pk, national).get(program.pk, set())
    context = {
        "plan": plan,
        "program": program,
        "national": national,
        "national_plans": all_plans,
        "form": form,
        "inherited": [issue for issue in issues if issue.pk in inherited],
        "history": program_mapping_history(program),
    }
    if request.method == "POST":
        if request.POST.get("seen") != fingerprint(own):
            form.add_error(None, STALE_MAPPING)
            return render(request, "national/program_mapping.html", context, status=409)
        if form.is_valid():
            try:
                set_program_issues(program, national, form.chosen(), actor=request.user)
            except ServiceError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, _("The program's national priority issues have been saved."))
                return redirect(_mapping_url(plan, national, f"#program-{program.number}"))
    return render(request, "national/program_mapping.html", context, status=400 if form.errors else 200)


def _shares_for(request: AuthedRequest) -> tuple[SharesForm, dict[str, Any] | None]:
    """Return the analyst's form and the shares it asks for (None when no overseen plan has a year)."""
    if not access.is_analyst(request.user):
        raise PermissionDenied
    organizations = access.overseen_organizations(request.user)
    years = years_of(organizations)
    plans = list(NationalPlan.objects.order_by("first_year"))
    form = SharesForm(
        request.GET or None,
        years=[(y, f"{wareki_label(y)}（{y}年度）") for y in years],
        plans=[(p.code, p.name) for p in plans],
    )
    national: NationalPlan | None
    if form.is_bound:
        if not form.is_valid():
            return form, None
        year = form.cleaned_data["year"]
        national = next(p for p in plans if p.code == form.cleaned_data["national_plan"])
    elif years:
        year, national = years[0], national_plan_for(years[0])
        form = SharesForm(
            initial={"year": year, "national_plan": national.code if national else ""},
            years=[(y, f"{wareki_label(y)}（{y}年度）") for y in years],
            plans=[(p.code, p.name) for p in plans],
        )
    else:
        return form, None
    if national is None:  # the national plans are seeded by a migration
        raise Http404
    return form, cross_organization_shares(organizations, year, national)


def _table(block: dict[str, Any], labels: list[str]) -> list[tuple[int, float]]:
    return [(block["counts"][label], block["percent"][label]) for label in labels]


def shares(request: AuthedRequest) -> HttpResponse:
    """Return grade shares by national issue across the organizations the analyst oversees."""
    form, data = _shares_for(request)
    context: dict[str, Any] = {"form": form, "data": data}
    if data is not None:
        labels = data["scale"]
        context["rows"] = [
            (f"{i['number']} {i['title']}", i["total"], _table(i, labels)) for i in data["issues"]
        ] + [(UNMAPPED, data["unmapped"]["total"], _table(data["unmapped"], labels))]
        context["query"] = urlencode(
            {"year": data["fiscal_year"], "national_plan": data["national_plan"]["code"]}
        )
        if data["programs"]:
            bars = [(str(i["number"]), i["percent"]) for i in data["issues"]]
            bars.append((_("none"), data["unmapped"]["percent"]))
            context["chart"] = charts.share_bar(bars, labels, SEED_NOT_EVALUABLE)
    return render(
        request, "national/shares.html", context, status=400 if form.is_bound and not form.is_valid() else 200
    )


def shares_download(request: AuthedRequest) -> HttpResponse:
    """Return the same shares as CSV."""
    _form, data = _shares_for(request)
    if data is None:
        raise Http404
    response = HttpResponse(shares_csv(data), content_type="text/csv; charset=utf-8")
    name = f"{data['label']}_国の重点課題別_達成度.csv"
    response["Content-Disposition"] = content_disposition_header(True, name) or ""  # never None as attachment
    return response
