"""The writes of notifications: tell people of a step, retry a mail, choose how to be told.

Everything that tells about a step is written in the step's own transaction (the caller's
@transaction.atomic), so the step and its notifications commit or roll back together. The
plans app announces its workflow steps through `plans.signals.entry_step_taken` (it may not
import this app); `on_entry_step` receives them (connected in NotificationsConfig.ready()).
Reminders are in reminders.py, delivery (the mail server) in delivery.py.
"""

from typing import Any, Protocol

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from shinchoku.accounts.models import User
from shinchoku.domain.fiscal import wareki_date, wareki_label
from shinchoku.notifications import access as notifications_access
from shinchoku.notifications.mail import (
    department_users,
    name_of,
    queue_mail,
    secretariat_users,
    site_url,
    wants_digest,
)
from shinchoku.notifications.models import Digest, Kind, Message, MessageStatus, Notification, Preference
from shinchoku.plans.models import Plan, Program, YearlyEntry


class CouncilOpinion(Protocol):
    """What this app reads of a council opinion (council sits above notifications: no import)."""

    @property
    def pk(self) -> Any: ...
    @property
    def program(self) -> Program | None: ...
    @property
    def plan(self) -> Plan: ...
    @property
    def fiscal_year(self) -> int: ...


# action → (what happened, in a subject, who is told)
DEPARTMENT, SECRETARIAT = "department", "secretariat"
STEPS = {
    "returned": ("差戻し", DEPARTMENT),
    "confirmed": ("確定", DEPARTMENT),
    "reopened": ("確定取消し", DEPARTMENT),
    "submitted": ("提出", SECRETARIAT),
    "withdrawn": ("取り下げ", SECRETARIAT),
}


def on_entry_step(
    sender: type[YearlyEntry],
    *,
    entry: YearlyEntry,
    action: str,
    actor: User,
    comment: str = "",
    **kwargs: Any,
) -> None:
    """Receive plans.signals.entry_step_taken: tell of the step, in the step's transaction."""
    entry_step(entry, action, actor, comment)


def entry_step(entry: YearlyEntry, action: str, actor: User, comment: str = "") -> None:
    """Tell who must know that a workflow step was taken on the entry; call it inside the step.

    差戻し・確定・確定取消し → the entry's department; 提出・取り下げ → the secretariat
    (at once, or in the next daily digest, as each chose). The actor is not told of their own step.
    """
    if action not in STEPS:
        return
    label, audience = STEPS[action]
    program, organization_id = entry.program, entry.program.plan.organization_id
    if audience == DEPARTMENT:
        users = department_users([entry.department_id], organization_id)
    else:
        users = secretariat_users(organization_id)
    path = reverse("plans:entry", args=[entry.pk])
    text = (
        f"{label}: {wareki_label(entry.fiscal_year)} 事業{program.number}「{program.title}」"
        f"（{entry.department.name}）"
    )[:300]
    context = {
        "action": action,
        "label": label,
        "entry": entry,
        "program": program,
        "department": entry.department,
        "year": wareki_label(entry.fiscal_year),
        "date": wareki_date(timezone.localdate()),
        "actor_name": name_of(actor),
        "comment": comment.strip(),
        "url": site_url(path),
    }
    for user in users.exclude(pk=actor.pk):
        digest = audience == SECRETARIAT and wants_digest(user)
        Notification.objects.create(user=user, kind=action, text=text, path=path, awaiting_digest=digest)
        if not digest:
            subject = f"{label} {wareki_label(entry.fiscal_year)} 事業{program.number} {program.title}"
            queue_mail(user, kind=action, subject=subject[:150], template="entry_step", context=context)


def opinion_recorded(opinion: CouncilOpinion, actor: User) -> None:
    """Tell the departments of the opinion's program that the council has an opinion for them."""
    program = opinion.program
    if program is None:
        return
    departments = list(program.departments.values_list("pk", flat=True))
    path = reverse("council:opinion", args=[opinion.pk])
    text = f"協議会の意見: 事業{program.number}「{program.title}」"[:300]
    context = {
        "opinion": opinion,
        "program": program,
        "year": wareki_label(opinion.fiscal_year),
        "date": wareki_date(timezone.localdate()),
        "url": site_url(path),
    }
    for user in department_users(departments, opinion.plan.organization_id).exclude(pk=actor.pk):
        Notification.objects.create(user=user, kind=Kind.OPINION, text=text, path=path)
        subject = f"協議会の意見 事業{program.number} {program.title}"[:150]
        queue_mail(user, kind=Kind.OPINION, subject=subject, template="opinion", context=context)


@transaction.atomic(durable=True)
def retry_message(*, message: Message, actor: User) -> Message:
    """Put a failed mail back in the queue, to be sent by the next delivery run."""
    if not notifications_access.visible_messages(actor).filter(pk=message.pk).exists():
        raise PermissionDenied
    current = Message.objects.select_for_update().get(pk=message.pk)
    if current.status == MessageStatus.FAILED:
        current.status = MessageStatus.QUEUED
        current.next_try_at = timezone.now()
        current.save(update_fields=["status", "next_try_at"])
    return current


@transaction.atomic(durable=True)
def set_preference(*, user: User, submissions: str) -> Preference:
    """Choose how the user hears of submissions and withdrawals."""
    if submissions not in Digest.values:
        raise ValueError(submissions)
    pref, _ = Preference.objects.select_for_update().get_or_create(user=user)
    pref.submissions = submissions
    pref.save(update_fields=["submissions"])
    return pref
