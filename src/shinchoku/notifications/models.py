"""What shinchoku tells people: in the application (Notification) and by e-mail (Message).

Messages are an outbox: written in the same transaction as the step they tell about, sent
later by `shinchoku deliver_mail`, so a step never waits for, nor fails with, the mail server.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from shinchoku.accounts.models import Department, Organization
from shinchoku.plans.models import PlanYear, YearlyEntry


class Kind(models.TextChoices):
    SUBMITTED = "submitted", _("submitted")
    WITHDRAWN = "withdrawn", _("withdrawn")
    RETURNED = "returned", _("returned")
    CONFIRMED = "confirmed", _("confirmed")
    REOPENED = "reopened", _("reopened")
    REMINDER = "reminder", _("reminder")
    OPINION = "opinion", _("council opinion")
    DIGEST = "digest", _("daily digest")


class Notification(models.Model):
    """One thing a user is told in the application (and maybe by mail)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="notifications",
        verbose_name=_("user"),
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    text = models.CharField(_("text"), max_length=300)
    path = models.CharField(_("page"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    # A secretariat user who chose the daily digest: told in the next digest, not at once.
    awaiting_digest = models.BooleanField(_("awaiting the digest"), default=False)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.text


class MessageStatus(models.TextChoices):
    QUEUED = "queued", _("queued")
    SENT = "sent", _("sent")
    FAILED = "failed", _("failed")


class Message(models.Model):
    """One e-mail to one address, queued with the step it tells about."""

    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, null=True, related_name="+", verbose_name=_("organization")
    )
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("recipient")
    )
    to = models.EmailField(_("address"))
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    subject = models.CharField(_("subject"), max_length=200)
    body_text = models.TextField(_("text"))
    body_html = models.TextField(_("HTML"))
    status = models.CharField(
        _("status"), max_length=6, choices=MessageStatus.choices, default=MessageStatus.QUEUED
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.CharField(_("last error"), max_length=500, blank=True)
    next_try_at = models.DateTimeField(_("next try"), null=True, blank=True)
    created_at = models.DateTimeField(_("queued at"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    class Meta:
        verbose_name = _("e-mail")
        verbose_name_plural = _("e-mails")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["status", "next_try_at"], name="message_due")]

    def __str__(self) -> str:
        return f"{self.to}: {self.subject}"


class Digest(models.TextChoices):
    IMMEDIATE = "immediate", _("one mail for each submission or withdrawal")
    DAILY = "daily", _("one mail a day listing them")


class Preference(models.Model):
    """How a user wants to hear of submissions and withdrawals (the secretariat)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", verbose_name=_("user")
    )
    submissions = models.CharField(
        _("submissions and withdrawals"), max_length=10, choices=Digest.choices, default=Digest.IMMEDIATE
    )
    last_digest_on = models.DateField(_("last digest"), null=True, blank=True)

    class Meta:
        verbose_name = _("notification setting")
        verbose_name_plural = _("notification settings")

    def __str__(self) -> str:
        return str(self.user)


class Reminder(models.Model):
    """A reminder sent to a department for a year; at most one a day (the constraint says so)."""

    plan_year = models.ForeignKey(PlanYear, on_delete=models.CASCADE, related_name="+")
    department = models.ForeignKey(Department, on_delete=models.PROTECT, related_name="+")
    sent_on = models.DateField(_("date"))
    sent_at = models.DateTimeField(_("sent at"), auto_now_add=True)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    entries = models.ManyToManyField(YearlyEntry, related_name="+")

    class Meta:
        verbose_name = _("reminder")
        verbose_name_plural = _("reminders")
        constraints = [
            models.UniqueConstraint(fields=["plan_year", "department", "sent_on"], name="reminder_once_a_day")
        ]

    def __str__(self) -> str:
        return f"{self.department} {self.sent_on}"
