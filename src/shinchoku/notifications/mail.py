"""Who is told, and the queued mail: the helpers every notification writer uses.

Nothing here talks to a mail server: queue_mail() writes a Message in the caller's transaction,
and delivery.deliver_due() sends it later.
"""

from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.db.models import QuerySet
from django.template.loader import render_to_string
from django.utils import timezone

from shinchoku.accounts.models import Role, User
from shinchoku.notifications.models import Digest, Message, Preference


def site_url(path: str) -> str:
    """Return the absolute address of a page, for a mail (SHINCHOKU_SITE_URL)."""
    return f"{settings.SHINCHOKU_SITE_URL}{path}"


def department_users(department_ids: Iterable[int], organization_id: int) -> QuerySet[User]:
    """Return the active department editors of those departments, in the organization."""
    return (
        User.objects.filter(
            is_active=True,
            role=Role.EDITOR,
            organization_id=organization_id,
            departments__in=list(department_ids),
        )
        .distinct()
        .order_by("pk")
    )


def secretariat_users(organization_id: int) -> QuerySet[User]:
    """Return the organization's active secretariat users (who run the yearly cycle)."""
    return User.objects.filter(
        is_active=True, role=Role.SECRETARIAT, organization_id=organization_id
    ).order_by("pk")


def name_of(user: User) -> str:
    return user.get_full_name() or user.username


def _render(template: str, context: dict[str, Any]) -> tuple[str, str]:
    return (
        render_to_string(f"notifications/mail/{template}.txt", context),
        render_to_string(f"notifications/mail/{template}.html", context),
    )


def queue_mail(
    user: User, *, kind: str, subject: str, template: str, context: dict[str, Any]
) -> Message | None:
    """Queue one mail to the user (none when the user has no address); sent by deliver_due()."""
    if not user.email:
        return None
    text, html = _render(template, {**context, "recipient": user, "recipient_name": name_of(user)})
    return Message.objects.create(
        organization_id=user.organization_id,
        recipient=user,
        to=user.email,
        kind=kind,
        # A line break in a header is refused by Django (BadHeaderError): a title typed with one
        # would otherwise stop every delivery run at this mail.
        subject=" ".join(f"【進捗管理】{subject}".split())[:200],
        body_text=text,
        body_html=html,
        next_try_at=timezone.now(),
    )


def wants_digest(user: User) -> bool:
    pref = Preference.objects.filter(user=user).first()
    return pref is not None and pref.submissions == Digest.DAILY
