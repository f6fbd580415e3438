"""The secretariat's directory screens: list with what needs verifying, edit, verify, retire, leaflet texts."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from shinchoku.accounts import access
from shinchoku.accounts.models import User
from shinchoku.directory.forms import (
    ClosedDayFormSet,
    LeafletForm,
    LocationFormSet,
    PhoneFormSet,
    ScheduleFormSet,
    WindowForm,
    provider_for,
)
from shinchoku.directory.models import LeafletSection, Window
from shinchoku.lib.staleness import fingerprint

STALE_LEAFLET = gettext_lazy(
    "Someone else saved the leaflet texts after you opened them. Your text is still below: "
    "compare it with the saved one (open the page in another tab) and save again."
)
STALE_MESSAGE = gettext_lazy(
    "Someone else saved this window after you opened it. Your text is still below: "
    "open the window again in another tab, compare, and save once more."
)


def _manager(request: HttpRequest) -> User:
    user: User = request.user  # type: ignore[assignment]
    if not access.manages_plans(user) or user.organization is None:
        raise PermissionDenied
    return user


def _window(user: User, pk: int) -> Window:
    window = access.scope_to_organization(Window.objects.all(), user, "organization").filter(pk=pk).first()
    if window is None:
        raise Http404
    return window


def window_list(request: HttpRequest) -> HttpResponse:
    """Return every window of the organization, the ones not verified for 12 months first."""
    user = _manager(request)
    windows = list(
        Window.objects.filter(organization=user.organization)
        .select_related("verified_by")
        .order_by("status", "name")
    )
    stale = [w for w in windows if w.status == Window.Status.ACTIVE and w.needs_verifying()]
    return render(request, "directory/manage_list.html", {"windows": windows, "stale": stale})


def window_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    """Return or save a window with its places, phones and opening periods (one transaction, in the history)."""
    user = _manager(request)
    window = _window(user, pk) if pk else Window(organization=user.organization)
    form = WindowForm(request.POST or None, instance=window)
    formsets = [
        LocationFormSet(request.POST or None, instance=window, prefix="loc"),
        PhoneFormSet(request.POST or None, instance=window, prefix="tel"),
        ScheduleFormSet(request.POST or None, instance=window, prefix="hours"),
        ClosedDayFormSet(request.POST or None, instance=window, prefix="days"),
    ]
    if request.method == "POST" and form.is_valid() and all(f.is_valid() for f in formsets):
        with transaction.atomic():
            if pk and not _still_current(window, form.cleaned_data["version"]):
                form.add_error(None, STALE_MESSAGE)
                context = {"form": form, "formsets": formsets, "window": window}
                return render(request, "directory/manage_edit.html", context, status=409)
            saved = form.save(commit=False)
            saved.version = window.version + 1 if pk else 1
            saved.organization = user.organization
            saved.provider = provider_for(user.organization, form.cleaned_data["provider_name"])
            saved._history_user = user  # type: ignore[attr-defined]
            saved.save()
            for formset in formsets:
                formset.instance = saved
                formset.save()
        messages.success(request, _("The window has been saved."))
        return redirect("directory:manage")
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "directory/manage_edit.html",
        {"form": form, "formsets": formsets, "window": window},
        status=status,
    )


def _still_current(window: Window, version: int | None) -> bool:
    """Lock the window's row and return whether nobody saved it since the page was read."""
    current = Window.objects.select_for_update().only("version").get(pk=window.pk)
    return version is not None and current.version == version


@require_POST
def window_verify(request: HttpRequest, pk: int) -> HttpResponse:
    """Record that the window's details were checked today, and by whom."""
    user = _manager(request)
    window = _window(user, pk)
    window.verified_at, window.verified_by = timezone.now(), user
    window._history_user = user  # type: ignore[attr-defined]
    window.save(update_fields=["verified_at", "verified_by"])
    messages.success(request, _("Marked as verified today."))
    return redirect("directory:manage")


@require_POST
def window_retire(request: HttpRequest, pk: int) -> HttpResponse:
    """Take a window off the public pages, or put it back."""
    user = _manager(request)
    window = _window(user, pk)
    retiring = window.status == Window.Status.ACTIVE
    window.status = Window.Status.RETIRED if retiring else Window.Status.ACTIVE
    window._history_user = user  # type: ignore[attr-defined]
    window.save(update_fields=["status"])
    messages.success(
        request, _("Retired: it no longer appears publicly.") if retiring else _("Shown publicly again.")
    )
    return redirect("directory:manage")


def leaflet_texts(request: HttpRequest) -> HttpResponse:
    """Return or save the leaflet's 第1部 texts."""
    user = _manager(request)
    sections = {s.key: s.body for s in LeafletSection.objects.filter(organization=user.organization)}
    form = LeafletForm(request.POST or None, sections=sections)
    if request.method == "POST" and request.POST.get("seen") != fingerprint(sections):
        form.add_error(None, STALE_LEAFLET)
        return render(request, "directory/manage_leaflet.html", {"form": form}, status=409)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            for key, _label in LeafletSection.Key.choices:
                section = LeafletSection.objects.filter(organization=user.organization, key=key).first()
                section = section or LeafletSection(organization=user.organization, key=key)
                if section.body != form.cleaned_data[key]:
                    section.body = form.cleaned_data[key]
                    section._history_user = user  # type: ignore[attr-defined]
                    section.save()
        messages.success(request, _("The leaflet texts have been saved."))
        return redirect("directory:leaflet_texts")
    return render(request, "directory/manage_leaflet.html", {"form": form})
