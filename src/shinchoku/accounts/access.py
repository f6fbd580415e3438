"""The one place that decides what a user may see.

Every query of organization-owned data goes through these helpers. Records of
another organization are filtered out, never shown with a hidden link, so to
the user they look the same as records that do not exist.
"""

from typing import TypeVar

from django.db.models import Model, QuerySet

from shinchoku.accounts.models import User

M = TypeVar("M", bound=Model)


def is_installation_admin(user: User) -> bool:
    """Return whether the user administers the whole installation (all organizations)."""
    return bool(user.is_active and user.is_superuser)


def scope_to_organization(queryset: QuerySet[M], user: User, path: str) -> QuerySet[M]:
    """Return the rows of queryset that belong to the user's organization.

    path is the lookup from the model to its Organization ("organization",
    "plan__organization", "program__plan__organization").
    """
    if is_installation_admin(user):
        return queryset
    if not user.is_active or user.organization_id is None:
        return queryset.none()
    return queryset.filter(**{path: user.organization_id})
