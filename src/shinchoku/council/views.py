"""The council's pages: meetings and packs, opinions and responses, PR activities."""

import json

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from shinchoku.accounts import access as roles
from shinchoku.accounts.requests import AuthedRequest
from shinchoku.council import access, services
from shinchoku.council.forms import OpinionForm, PrActivityForm, ResponseForm
from shinchoku.council.models import Meeting
from shinchoku.council.queries import pack_changes
from shinchoku.domain.errors import DomainError
from shinchoku.domain.fiscal import parse_fiscal_year, wareki_label
from shinchoku.lib.errors import ServiceError

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def council_home(request: AuthedRequest, slug: str) -> HttpResponse:
    """Return the plan's meetings (with packs), opinions with their status, and PR activities."""
    user = request.user
    plan = access.get_plan(user, slug)
    return render(
        request,
        "council/home.html",
        {
            "plan": plan,
            "meetings": access.plan_meetings(user, plan),
            "opinions": access.plan_opinions(user, plan),
            "activities": access.plan_activities(plan),
            "manages": roles.manages_plans(user),
            "sees_packs": roles.downloads_reports(user),
        },
    )


def opinion_new(request: AuthedRequest, slug: str) -> HttpResponse:
    """Record an opinion (secretariat)."""
    user = request.user
    plan = access.get_plan_to_record(user, slug)
    form = OpinionForm(
        request.POST or None,
        plan=plan,
        initial={
            "fiscal_year": plan.years.order_by("-fiscal_year").values_list("fiscal_year", flat=True).first()
        },
    )
    if request.method == "POST" and form.is_valid():
        services.record_opinion(actor=user, plan=plan, **form.cleaned_data)
        messages.success(request, _("The opinion has been recorded."))
        return redirect("council:home", slug=plan.slug)
    return render(
        request,
        "council/opinion_form.html",
        {"plan": plan, "form": form},
        status=400 if request.method == "POST" else 200,
    )


def opinion_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    """Return an opinion with its responses; who may answer gets the form."""
    user = request.user
    opinion = access.get_opinion(user, pk)
    allowed = access.can_respond(user, opinion)
    form = ResponseForm(request.POST or None) if allowed else None
    if request.method == "POST":
        if form is None:
            raise PermissionDenied
        if form.is_valid():
            try:
                services.respond(actor=user, opinion=opinion, **form.cleaned_data)
            except ServiceError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, _("The response has been recorded."))
                return redirect("council:opinion", pk=opinion.pk)
    history = opinion.responses.select_related("department", "responded_by")
    return render(
        request,
        "council/opinion.html",
        {"plan": opinion.plan, "opinion": opinion, "form": form, "responses": history},
        status=400 if request.method == "POST" else 200,
    )


@require_POST
def freeze_pack(request: AuthedRequest, pk: int) -> HttpResponse:
    """Freeze the meeting's report pack (secretariat)."""
    user = request.user
    meeting = access.get_meeting_to_freeze(user, pk)
    year = _pack_year(request.POST.get("fiscal_year"), meeting)
    if year is None:
        messages.error(
            request, _("A report pack can only be frozen for a year of the plan that has been opened.")
        )
        response = council_home(request, meeting.plan.slug)
        response.status_code = 400
        return response
    pack = services.freeze_pack(actor=user, meeting=meeting, fiscal_year=year)
    messages.success(request, _("The report pack has been frozen."))
    return redirect("council:pack", pk=pack.pk)


def _pack_year(text: str | None, meeting: Meeting) -> int | None:
    """Return the year a pack is asked for (by default the one before the meeting's), if the plan has opened it.

    The field is hidden, so anything else was forged or stale: 「abc」, 1800 or a
    30-digit number must be refused before the report is rendered for it.
    """
    try:
        year = parse_fiscal_year(text) if text else meeting.fiscal_year - 1
    except DomainError:
        return None
    return year if meeting.plan.years.filter(fiscal_year=year).exists() else None


def pack_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    """Return a pack and what changed in the figures since it was frozen (or since the previous pack)."""
    pack = access.get_pack(request.user, pk)
    plan = pack.meeting.plan
    changes, overall = pack_changes(pack)
    return render(
        request,
        "council/pack.html",
        {
            "plan": plan,
            "pack": pack,
            "changes": changes,
            "overall_changes": overall,
            "year_label": wareki_label(pack.fiscal_year),
        },
    )


def pack_file(request: AuthedRequest, pk: int, fmt: str) -> HttpResponse:
    """Return a frozen file of the pack: pdf, xlsx or json."""
    pack = access.get_pack(request.user, pk)
    contents = {
        "pdf": (bytes(pack.pdf), "application/pdf"),
        "xlsx": (bytes(pack.xlsx), XLSX),
        "json": (
            (json.dumps(pack.figures, ensure_ascii=False, indent=2) + "\n").encode(),
            "application/json",
        ),
    }
    if fmt not in contents:
        raise Http404
    content, media_type = contents[fmt]
    response = HttpResponse(content, content_type=media_type)
    name = f"{pack.meeting}_資料_{pack.created_at:%Y%m%d%H%M}.{fmt}"
    response["Content-Disposition"] = (
        content_disposition_header(True, name) or ""
    )  # never None for an attachment
    response["Cache-Control"] = "no-store"
    return response


def activity_new(request: AuthedRequest, slug: str) -> HttpResponse:
    """Record a PR activity (secretariat)."""
    user = request.user
    plan = access.get_plan_to_record(user, slug)
    form = PrActivityForm(request.POST or None, plan=plan)
    if request.method == "POST" and form.is_valid():
        fields = dict(form.cleaned_data)
        programs = list(fields.pop("programs"))
        services.record_activity(actor=user, plan=plan, fields=fields, programs=programs)
        messages.success(request, _("The activity has been recorded."))
        return redirect("council:home", slug=plan.slug)
    return render(
        request,
        "council/activity_form.html",
        {"plan": plan, "form": form},
        status=400 if request.method == "POST" else 200,
    )
