"""The public directory (no login): search, filters, a detail page, the leaflet."""

import datetime
import uuid

from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.http import content_disposition_header

from shinchoku.accounts.models import Organization
from shinchoku.directory import access
from shinchoku.directory.leaflet import render_leaflet_pdf
from shinchoku.directory.models import Audience, Topic, Ward
from shinchoku.directory.search import Filters, hours_on, search, window_is_open


def _organization(request: HttpRequest) -> Organization:
    """Return the city whose directory is shown: ?org=111007, or the one that has windows."""
    return access.public_organization(request.GET.get("org", ""))


def _choice(value: str, choices: list[str]) -> str:
    return value if value in choices else ""


@login_not_required
def directory(request: HttpRequest) -> HttpResponse:
    """Return the searchable list of consultation windows."""
    organization = _organization(request)
    filters = Filters(
        text=request.GET.get("q", "")[:100],
        topic=_choice(request.GET.get("topic", ""), Topic.values),
        audience=_choice(request.GET.get("audience", ""), Audience.values),
        ward=_choice(request.GET.get("ward", ""), Ward.values),
        open_now=request.GET.get("open") == "1",
    )
    windows = search(organization, filters)
    now = timezone.localtime().replace(tzinfo=None)
    return render(
        request,
        "directory/list.html",
        {
            "organization": organization,
            "filters": filters,
            "rows": [(w, window_is_open(w, now)) for w in windows],
            "topics": Topic.choices,
            "audiences": Audience.choices,
            "wards": Ward.choices,
            "filtered": any((filters.text, filters.topic, filters.audience, filters.ward, filters.open_now)),
            # The 絞り込み panel is folded on a phone unless a filter is in use: a folded filter
            # would hide why the list is short.
            "narrowed": any((filters.topic, filters.audience, filters.ward, filters.open_now)),
            "now": now,
        },
    )


@login_not_required
def window_detail(request: HttpRequest, window_uuid: uuid.UUID) -> HttpResponse:
    """Return one window: what it helps with, who may come, where, phones, opening hours this week."""
    window = access.get_public_window(window_uuid)
    now = timezone.localtime().replace(tzinfo=None)
    today = now.date()
    week = [(today + datetime.timedelta(days=i)) for i in range(7)]
    return render(
        request,
        "directory/detail.html",
        {
            "organization": window.organization,
            "window": window,
            "open_now": window_is_open(window, now),
            "week": [(day, hours_on(window, day)) for day in week],
            "wards": dict(Ward.choices),
        },
    )


@login_not_required
def leaflet(request: HttpRequest) -> HttpResponse:
    """Return the leaflet as a PDF (第1部 explanation, 第2部 windows by 分野)."""
    organization = _organization(request)
    response = HttpResponse(render_leaflet_pdf(organization), content_type="application/pdf")
    # With as_attachment=True the header is always made; the None of its type is for inline without a name.
    response["Content-Disposition"] = (
        content_disposition_header(True, f"{organization.name}_再犯防止リーフレット.pdf") or "attachment"
    )
    return response
