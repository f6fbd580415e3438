"""The secretariat's directory screens: list with what needs verifying, edit, verify, retire, leaflet texts."""

from typing import Any

from django.contrib import messages
from django.forms import BaseInlineFormSet
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from shinchoku.accounts.requests import AuthedRequest
from shinchoku.directory import access, services
from shinchoku.directory.forms import (
    ClosedDayFormSet,
    LeafletForm,
    LocationFormSet,
    PhoneFormSet,
    ScheduleFormSet,
    WindowForm,
)
from shinchoku.directory.models import LeafletSection, Window
from shinchoku.lib.staleness import fingerprint

STALE_LEAFLET = gettext_lazy(
    "Someone else saved the leaflet texts after you opened them. Your text is still below: "
    "compare it with the saved one (open the page in another tab) and save again."
)


def window_list(request: AuthedRequest) -> HttpResponse:
    """Return every window of the organization, the ones not verified for 12 months first."""
    windows = list(
        access.managed_windows(request.user).select_related("verified_by").order_by("status", "name")
    )
    stale = [w for w in windows if w.status == Window.Status.ACTIVE and w.needs_verifying()]
    return render(request, "directory/manage_list.html", {"windows": windows, "stale": stale})


def window_edit(request: AuthedRequest, pk: int | None = None) -> HttpResponse:
    """Return or save a window with its places, phones and opening periods (one transaction, in the history)."""
    organization = access.managed_organization(request.user)
    window = access.get_window(request.user, pk) if pk else Window(organization=organization)
    data = request.POST or None
    form = WindowForm(data, instance=window)
    formsets: list[BaseInlineFormSet[Any, Window, Any]] = [
        LocationFormSet(data, instance=window, prefix="loc"),
        PhoneFormSet(data, instance=window, prefix="tel"),
        ScheduleFormSet(data, instance=window, prefix="hours"),
        ClosedDayFormSet(data, instance=window, prefix="days"),
    ]
    context = {"form": form, "formsets": formsets, "window": window}
    if request.method == "POST" and form.is_valid() and all(f.is_valid() for f in formsets):
        try:
            services.save_window(form=form, formsets=formsets, organization=organization, actor=request.user)
        except services.StaleWindowError as error:
            form.add_error(None, str(error))
            return render(request, "directory/manage_edit.html", context, status=409)
        messages.success(request, _("The window has been saved."))
        return redirect("directory:manage")
    status = 400 if request.method == "POST" else 200
    return render(request, "directory/manage_edit.html", context, status=status)


@require_POST
def window_verify(request: AuthedRequest, pk: int) -> HttpResponse:
    """Record that the window's details were checked today, and by whom."""
    services.verify_window(window=access.get_window(request.user, pk), actor=request.user)
    messages.success(request, _("Marked as verified today."))
    return redirect("directory:manage")


@require_POST
def window_retire(request: AuthedRequest, pk: int) -> HttpResponse:
    """Take a window off the public pages, or put it back."""
    retired = services.retire_window(window=access.get_window(request.user, pk), actor=request.user)
    messages.success(
        request, _("Retired: it no longer appears publicly.") if retired else _("Shown publicly again.")
    )
    return redirect("directory:manage")


def leaflet_texts(request: AuthedRequest) -> HttpResponse:
    """Return or save the leaflet's 第1部 texts."""
    sections = access.leaflet_sections(request.user)
    form = LeafletForm(request.POST or None, sections=sections)
    if request.method == "POST" and request.POST.get("seen") != fingerprint(sections):
        form.add_error(None, STALE_LEAFLET)
        return render(request, "directory/manage_leaflet.html", {"form": form}, status=409)
    if request.method == "POST" and form.is_valid():
        texts = {key: form.cleaned_data[key] for key in LeafletSection.Key.values}
        services.save_leaflet_texts(
            organization=access.managed_organization(request.user), texts=texts, actor=request.user
        )
        messages.success(request, _("The leaflet texts have been saved."))
        return redirect("directory:leaflet_texts")
    return render(request, "directory/manage_leaflet.html", {"form": form})
