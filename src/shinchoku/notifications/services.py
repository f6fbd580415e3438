"""The one write path of notifications: tell people, queue their mail, deliver it, remind.

Everything that tells about a step is written in the step's own transaction (the caller's
@transaction.atomic), so the step and its notifications commit or roll back together. Nothing
here talks to a mail server except deliver_due(), which runs outside any request
(`shinchoku deliver_mail`, from cron or a systemd timer).
"""

import datetime
import smtplib
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import transaction
from django.db.models import QuerySet
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from shinchoku.accounts.models import Department, Role, User
from shinchoku.domain.fiscal import wareki_date, wareki_label
from shinchoku.lib.mailurl import parse_email_url
from shinchoku.notifications import access as notifications_access
from shinchoku.notifications.models import (
    Digest,
    Kind,
    Message,
    MessageStatus,
    Notification,
    Preference,
    Reminder,
)
from shinchoku.plans import access as plans_access
from shinchoku.plans.models import EntryStatus, PlanYear, YearlyEntry
from shinchoku.plans.progress import missing_items

# After the 1st, 2nd, 3rd and 4th failed attempt, try again this much later; the 5th failure is final.
BACKOFF = (
    datetime.timedelta(minutes=1),
    datetime.timedelta(minutes=5),
    datetime.timedelta(minutes=30),
    datetime.timedelta(hours=2),
)
# The daily digest goes out with the first delivery run from this hour (local time) on.
DIGEST_HOUR = 7

# action → (what happened, in a subject, who is told)
DEPARTMENT, SECRETARIAT = "department", "secretariat"
STEPS = {
    "returned": ("差戻し", DEPARTMENT),
    "confirmed": ("確定", DEPARTMENT),
    "reopened": ("確定取消し", DEPARTMENT),
    "submitted": ("提出", SECRETARIAT),
    "withdrawn": ("取り下げ", SECRETARIAT),
}


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


def opinion_recorded(opinion: Any, actor: User) -> None:
    """Tell the departments of the opinion's program that the council has an opinion for them."""
    if opinion.program_id is None:
        return
    program = opinion.program
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


# ---------------------------------------------------------------------------------------------
# Reminders


@dataclass
class DepartmentReminder:
    """What a reminder to one department says, and whether it was (or would be) sent."""

    department: Department
    rows: list[tuple[YearlyEntry, list[str]]]
    recipients: list[User]
    already_today: bool = False
    messages: list[Message] = field(default_factory=list)


def _deadline_text(plan_year: PlanYear, today: datetime.date) -> str:
    if plan_year.deadline is None:
        return "締切は設定されていません。"
    if today <= plan_year.deadline:
        days = (plan_year.deadline - today).days
        return f"締切は{wareki_date(plan_year.deadline)}です（あと{days}日）。"
    return f"締切（{wareki_date(plan_year.deadline)}）を過ぎています。至急ご提出ください。"


def _contact(plan_year: PlanYear, actor: User | None) -> list[str]:
    people = list(secretariat_users(plan_year.plan.organization_id))
    if actor is not None and actor.role == Role.SECRETARIAT:
        people = [actor, *[p for p in people if p.pk != actor.pk]]
    return [f"{name_of(p)}{f' <{p.email}>' if p.email else ''}" for p in people]


def remind(
    *, plan_year: PlanYear, actor: User | None, dry_run: bool = False, today: datetime.date | None = None
) -> list[DepartmentReminder]:
    """Remind each department that has entries not yet submitted (下書き・差戻し) of the year.

    One mail per person of the department, naming its programs and what is missing, the
    deadline and the secretariat's contact. A department already reminded today is skipped
    (the Reminder table's constraint makes a second one impossible). actor None: the
    command line on the server. dry_run: say what would be sent, write nothing.
    """
    if actor is not None and not plans_access.manages_plan(actor, plan_year.plan):
        raise PermissionDenied
    today = today or timezone.localdate()
    with transaction.atomic():
        # Two secretariat users pressing the button at once: the second waits, then skips.
        plan_year = PlanYear.objects.select_for_update().select_related("plan").get(pk=plan_year.pk)
        entries = list(
            YearlyEntry.objects.filter(
                program__plan=plan_year.plan,
                fiscal_year=plan_year.fiscal_year,
                status__in=(EntryStatus.DRAFT, EntryStatus.RETURNED),
            )
            .select_related("program", "department")
            .order_by("department__name", "program__number")
        )
        missing = missing_items(entries)
        done_today = set(
            Reminder.objects.filter(plan_year=plan_year, sent_on=today).values_list(
                "department_id", flat=True
            )
        )
        by_department: dict[int, DepartmentReminder] = {}
        organization_id = plan_year.plan.organization_id
        for entry in entries:
            item = by_department.get(entry.department_id)
            if item is None:
                item = by_department[entry.department_id] = DepartmentReminder(
                    department=entry.department,
                    rows=[],
                    recipients=list(department_users([entry.department_id], organization_id)),
                    already_today=entry.department_id in done_today,
                )
            item.rows.append((entry, missing.get(entry.pk, [])))
        result = list(by_department.values())
        if dry_run:
            return result
        contact = _contact(plan_year, actor)
        for item in result:
            if item.already_today:
                continue
            reminder = Reminder.objects.create(
                plan_year=plan_year, department=item.department, sent_on=today, sent_by=actor
            )
            reminder.entries.set([entry for entry, _ in item.rows])
            _send_reminder(plan_year, item, contact, today)
    return result


def _send_reminder(
    plan_year: PlanYear, item: DepartmentReminder, contact: list[str], today: datetime.date
) -> None:
    year = wareki_label(plan_year.fiscal_year)
    path = reverse("plans:entries", args=[plan_year.plan.slug, plan_year.fiscal_year])
    late = plan_year.deadline is not None and today > plan_year.deadline
    numbers = "、".join(str(entry.program.number) for entry, _ in item.rows)
    text = f"督促: {year}の進捗が{len(item.rows)}件未提出です（事業 {numbers}）"[:300]
    context = {
        "plan": plan_year.plan,
        "year": year,
        "department": item.department,
        "rows": [(entry, missing, entry.status == EntryStatus.RETURNED) for entry, missing in item.rows],
        "deadline": _deadline_text(plan_year, today),
        "late": late,
        "contact": contact,
        "date": wareki_date(today),
        "url": site_url(path),
    }
    subject = f"{'【締切超過】' if late else ''}{year}の進捗の提出のお願い（{item.department.name}・{len(item.rows)}件）"
    for user in item.recipients:
        Notification.objects.create(user=user, kind=Kind.REMINDER, text=text, path=path)
        message = queue_mail(user, kind=Kind.REMINDER, subject=subject, template="reminder", context=context)
        if message is not None:
            item.messages.append(message)


def last_reminders(plan_year: PlanYear) -> dict[str, datetime.datetime]:
    """Return, per department name, when it was last reminded for the year (the status board)."""
    last: dict[str, datetime.datetime] = {}
    for name, at in (
        Reminder.objects.filter(plan_year=plan_year)
        .order_by("sent_at")
        .values_list("department__name", "sent_at")
    ):
        last[name] = at
    return last


# ---------------------------------------------------------------------------------------------
# Delivery


@dataclass
class Delivery:
    """What one run of deliver_due() did."""

    configured: bool = True
    sent: int = 0
    retrying: int = 0
    failed: int = 0
    digests: int = 0
    stopped: str = ""


def _reason(error: Exception, timeout: float | None) -> tuple[str, bool]:
    """Return why a mail was not sent, in Japanese, and whether trying again may help."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        code, text = next(iter(error.recipients.values()))
        detail = text.decode(errors="replace") if isinstance(text, bytes) else str(text)
        return f"メールサーバーが宛先を拒否しました（{code} {detail}）"[:500], code < 500
    if isinstance(error, smtplib.SMTPResponseException):
        detail = error.smtp_error.decode(errors="replace") if isinstance(error.smtp_error, bytes) else ""
        return f"メールサーバーが拒否しました（{error.smtp_code} {detail}）"[:500], error.smtp_code < 500
    # smtplib reports a timeout while reading an answer as SMTPServerDisconnected("… timed out").
    if isinstance(error, TimeoutError) or isinstance(error.__context__, TimeoutError):
        return f"メールサーバーが{timeout:g}秒以内に応答しませんでした", True
    if isinstance(error, ConnectionRefusedError):
        return "メールサーバーに接続できません（接続を拒否されました）", True
    return f"メールサーバーとの通信に失敗しました（{type(error).__name__}: {error}）"[:500], True


def _failed_attempt(message: Message, reason: str, retry: bool, now: datetime.datetime) -> None:
    message.attempts += 1
    message.last_error = reason
    if retry and message.attempts <= len(BACKOFF):
        message.next_try_at = now + BACKOFF[message.attempts - 1]
    else:
        message.status = MessageStatus.FAILED
        message.next_try_at = None
    message.save(update_fields=["attempts", "last_error", "next_try_at", "status"])


# While a run sends a mail, the mail is not due for others; if the run dies, it is due again then.
LEASE = datetime.timedelta(minutes=10)


def _claim(pk: int, now: datetime.datetime) -> Message | None:
    """Take a due mail for this run (a short transaction), or None when another run has it."""
    with transaction.atomic():
        message = (
            Message.objects.select_for_update(skip_locked=True)
            .filter(pk=pk, status=MessageStatus.QUEUED, next_try_at__lte=now)
            .first()
        )
        if message is not None:
            message.next_try_at = now + LEASE
            message.save(update_fields=["next_try_at"])
        return message


def _record_failure(pk: int, reason: str, retry: bool, now: datetime.datetime, result: "Delivery") -> None:
    with transaction.atomic():
        message = Message.objects.select_for_update().get(pk=pk)
        _failed_attempt(message, reason, retry, now)
    if message.status == MessageStatus.FAILED:
        result.failed += 1
    else:
        result.retrying += 1


def _close(connection: Any) -> None:
    if connection is not None:
        try:
            connection.close()
        except Exception:  # the connection is broken already; nothing to tell
            pass


def deliver_due(now: datetime.datetime | None = None) -> Delivery:
    """Send the queued mails that are due; retry the failed ones later with back-off.

    A mail the server refuses for good (5xx) fails at once. When the server cannot be reached
    (down, or too slow), the run stops connecting: every due mail records the failed attempt
    and its reason (the secretariat's screen lists them) and waits for its next try.
    """
    now = now or timezone.now()
    result = Delivery()
    result.digests = queue_digests(now)
    config = parse_email_url(settings.SHINCHOKU_EMAIL_URL)
    if config is None:
        result.configured = False
        return result
    options = {k: v for k, v in config.items() if k != "backend"}
    due = list(
        Message.objects.filter(status=MessageStatus.QUEUED, next_try_at__lte=now)
        .order_by("next_try_at", "pk")
        .values_list("pk", flat=True)
    )
    connection = None
    try:
        for pk in due:
            message = _claim(pk, now)
            if message is None:  # another run took it
                continue
            if result.stopped:  # the server cannot be reached: not tried again in this run
                _record_failure(message.pk, result.stopped, True, now, result)
                continue
            # Sent outside any transaction: a slow server never holds a lock a step waits for.
            try:
                if connection is None:
                    connection = get_connection(config["backend"], fail_silently=False, **options)
                    connection.open()
                email = EmailMultiAlternatives(
                    message.subject, message.body_text, to=[message.to], connection=connection
                )
                email.attach_alternative(message.body_html, "text/html")
                email.send()
            except (smtplib.SMTPException, OSError) as error:
                reason, retry = _reason(error, options.get("timeout"))
                _record_failure(message.pk, reason, retry, now, result)
                _close(connection)
                connection = None
                if not isinstance(error, smtplib.SMTPResponseException | smtplib.SMTPRecipientsRefused):
                    result.stopped = reason
            else:
                Message.objects.filter(pk=message.pk).update(
                    status=MessageStatus.SENT, sent_at=timezone.now(), next_try_at=None
                )
                result.sent += 1
    finally:
        _close(connection)
    return result


def queue_digests(now: datetime.datetime) -> int:
    """Queue the daily digest of each secretariat user who chose it; at most one a day each."""
    local = timezone.localtime(now)
    if local.hour < DIGEST_HOUR:
        return 0
    today = local.date()
    queued = 0
    for user_id in (
        Notification.objects.filter(awaiting_digest=True).values_list("user_id", flat=True).distinct()
    ):
        with transaction.atomic():
            pref, _ = Preference.objects.select_for_update().get_or_create(user_id=user_id)
            if pref.last_digest_on == today:
                continue
            items = list(
                Notification.objects.filter(user_id=user_id, awaiting_digest=True).order_by(
                    "created_at", "pk"
                )
            )
            if not items:
                continue
            user = pref.user
            context = {
                "items": [(n, site_url(n.path)) for n in items],
                "date": wareki_date(today),
                "settings_url": site_url(reverse("notifications:settings")),
            }
            queue_mail(
                user,
                kind=Kind.DIGEST,
                subject=f"本日のお知らせ（{wareki_date(today)}・{len(items)}件）",
                template="digest",
                context=context,
            )
            Notification.objects.filter(pk__in=[n.pk for n in items]).update(awaiting_digest=False)
            pref.last_digest_on = today
            pref.save(update_fields=["last_digest_on"])
            queued += 1
    return queued


@transaction.atomic
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


@transaction.atomic
def set_preference(*, user: User, submissions: str) -> Preference:
    """Choose how the user hears of submissions and withdrawals."""
    if submissions not in Digest.values:
        raise ValueError(submissions)
    pref, _ = Preference.objects.select_for_update().get_or_create(user=user)
    pref.submissions = submissions
    pref.save(update_fields=["submissions"])
    return pref
