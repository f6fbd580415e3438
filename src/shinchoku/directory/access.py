"""Who may see and change the directory: the one gate of the directory kind.

The public sees active windows (no login); the secretariat (事務局, 管理者) of an organization
manages its windows, its leaflet texts and its search synonyms. A window of another organization
does not exist for a manager (404); a person who does not manage the directory is refused (403).
Every directory view fetches through here.
"""

import uuid

from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch, QuerySet
from django.http import Http404

from shinchoku.accounts import access
from shinchoku.accounts.models import Organization, User
from shinchoku.directory.models import ClosedDay, LeafletSection, Location, Phone, Schedule, Window


def managed_organization(user: User) -> Organization:
    """Return the organization whose directory the user manages, or refuse (403)."""
    if not access.manages_plans(user) or user.organization is None:
        raise PermissionDenied
    return user.organization


def managed_windows(user: User) -> QuerySet[Window]:
    """Return every window of the user's organization (a manager's; 403 for anyone else)."""
    return Window.objects.filter(organization=managed_organization(user))


def get_window(user: User, pk: int) -> Window:
    """Return a window the user manages, or 404 (another organization's) or 403 (not a manager)."""
    managed_organization(user)
    window = access.scope_to_organization(Window.objects.all(), user, "organization").filter(pk=pk).first()
    if window is None:
        raise Http404
    return window


def leaflet_sections(user: User) -> dict[str, str]:
    """Return the leaflet's 第1部 texts of the user's organization by key (a manager's; 403 otherwise)."""
    return {s.key: s.body for s in LeafletSection.objects.filter(organization=managed_organization(user))}


def public_windows(organization: Organization | None = None) -> QuerySet[Window]:
    """Return the active windows (of one organization, or of all) with everything a page shows."""
    windows = Window.objects.filter(status=Window.Status.ACTIVE)
    if organization is not None:
        windows = windows.filter(organization=organization)
    return (
        windows.select_related("provider", "organization")
        .prefetch_related(
            Prefetch("locations", queryset=Location.objects.order_by("pk")),
            Prefetch("phones", queryset=Phone.objects.order_by("pk")),
            Prefetch("schedules", queryset=Schedule.objects.order_by("opens_at")),
            Prefetch("closed_days", queryset=ClosedDay.objects.order_by("day")),
        )
        .order_by("name")
    )


def get_public_window(window_uuid: uuid.UUID) -> Window:
    """Return an active window by its public id, or 404 (a retired or unknown one)."""
    window = public_windows().filter(uuid=window_uuid).first()
    if window is None:
        raise Http404
    return window


def public_organization(code: str) -> Organization:
    """Return the city whose directory is shown: the one of that code, or the first that has windows; else 404."""
    organizations = (
        Organization.objects.filter(windows__status=Window.Status.ACTIVE).distinct().order_by("jis_code")
    )
    organization = organizations.filter(jis_code=code).first() if code else organizations.first()
    if organization is None:
        raise Http404
    return organization
