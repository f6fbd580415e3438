"""Delivery of the queued mails: the only code that talks to a mail server.

deliver_due() runs outside any request (`shinchoku deliver_mail`, from cron or a systemd timer):
it queues the daily digests, then sends what is due, retrying failures later with back-off.
"""

import datetime
import smtplib
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from shinchoku.domain.fiscal import wareki_date
from shinchoku.lib.mailurl import parse_email_url
from shinchoku.notifications.mail import queue_mail, site_url
from shinchoku.notifications.models import Kind, Message, MessageStatus, Notification, Preference

# After the 1st, 2nd, 3rd and 4th failed attempt, try again this much later; the 5th failure is final.
BACKOFF = (
    datetime.timedelta(minutes=1),
    datetime.timedelta(minutes=5),
    datetime.timedelta(minutes=30),
    datetime.timedelta(hours=2),
)
# The daily digest goes out with the first delivery run from this hour (local time) on.
DIGEST_HOUR = 7


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
