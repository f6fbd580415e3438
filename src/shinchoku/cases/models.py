"""Coordination cases (事例): 要配慮個人情報, seen by their assigned workers and a supervisor only."""

import datetime

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from shinchoku.accounts.models import Organization
from shinchoku.domain.fiscal import wareki_date
from shinchoku.domain.retention import MINIMUM_RETENTION_YEARS, earliest_retain_until
from shinchoku.lib.staleness import fingerprint


class Agency(models.TextChoices):
    POLICE = "police", "警察"
    CHILD_GUIDANCE = "child_guidance", "児童相談所"
    SCHOOL = "school", "学校"
    GUARDIANS = "guardians", "保護者"
    PROBATION = "probation", "保護観察所"
    WELFARE = "welfare", "福祉"
    OTHER = "other", "その他"


class EventKind(models.TextChoices):
    NOTICE = "notice", "触法通告"
    INTERVIEW = "interview", "面接"
    SCHOOL_START = "school_start", "登校開始"
    CONFERENCE = "conference", "ケースカンファレンス"
    CLOSURE = "closure", "終結"
    OTHER = "other", "その他"


class Case(models.Model):
    """A case between agencies, under a pseudonymous label; no real name is needed."""

    class Status(models.TextChoices):
        OPEN = "open", _("open")
        CLOSED = "closed", _("closed")

    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="cases", verbose_name=_("organization")
    )
    label = models.CharField(_("pseudonymous label"), max_length=50, help_text=_("e.g. A. No real name."))
    age_band = models.CharField(_("age band or school grade"), max_length=50, blank=True)
    household = models.TextField(_("household"), blank=True)
    agencies = models.JSONField(_("agencies involved"), default=list, blank=True)
    workers = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="cases", verbose_name=_("assigned case workers")
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.OPEN)
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    retain_until = models.DateField(_("keep until"), null=True, blank=True)
    is_demo = models.BooleanField(_("demo data"), default=False)
    version = models.PositiveIntegerField(default=1)
    history = HistoricalRecords(excluded_fields=["version"])

    class Meta:
        verbose_name = _("case")
        verbose_name_plural = _("cases")
        ordering = ["organization", "label"]

    def __str__(self) -> str:
        return self.label

    def agency_labels(self) -> list[str]:
        return [Agency(a).label for a in self.agencies if a in Agency.values]

    def clean(self) -> None:
        """Refuse a closed case without its closing date, or kept for less than the minimum after it."""
        if self.status != self.Status.CLOSED:
            return
        if self.closed_on is None:
            raise ValidationError({"closed_on": _("Give the date the case was closed.")})
        if self.closed_on > timezone.localdate():
            raise ValidationError({"closed_on": _("The closing date cannot be in the future.")})
        earliest = earliest_retain_until(self.closed_on)
        if self.retain_until is not None and self.retain_until < earliest:
            raise ValidationError(
                {
                    "retain_until": _(
                        "A closed case is kept at least %(years)d years after the fiscal year it was "
                        "closed in: keep it until %(date)s or later."
                    )
                    % {"years": MINIMUM_RETENTION_YEARS, "date": wareki_date(earliest)}
                }
            )

    def is_due_for_purge(self, today: datetime.date) -> bool:
        """Return whether the case may be deleted now: closed, past its date and past the minimum."""
        return (
            self.status == self.Status.CLOSED
            and self.closed_on is not None
            and self.retain_until is not None
            and self.retain_until < today
            and earliest_retain_until(self.closed_on) < today
        )


class CaseEvent(models.Model):
    """A step of a case's timeline: when (a fiscal year, a month or a date), which agency, what."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="events", verbose_name=_("case"))
    fiscal_year = models.PositiveSmallIntegerField(_("fiscal year"))
    month = models.PositiveSmallIntegerField(_("month"), null=True, blank=True)
    day = models.DateField(_("date"), null=True, blank=True)
    agency = models.CharField(_("agency"), max_length=20, choices=Agency.choices)
    kind = models.CharField(_("kind"), max_length=20, choices=EventKind.choices)
    note = models.TextField(_("note"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("case event")
        verbose_name_plural = _("case events")
        ordering = ["case", "fiscal_year", "month", "day", "pk"]

    def __str__(self) -> str:
        return f"{self.case} {self.get_kind_display()}"


class Consent(models.Model):
    """Who agreed to what, when (e.g. 保護者 to sharing with the school)."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="consents", verbose_name=_("case"))
    given_by = models.CharField(_("given by"), max_length=50)
    scope = models.CharField(_("to what"), max_length=200)
    given_on = models.DateField(_("date"))
    note = models.CharField(_("note"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("consent")
        verbose_name_plural = _("consents")
        ordering = ["case", "given_on"]

    def __str__(self) -> str:
        return f"{self.case} {self.given_by}"


class CaseSummary(models.Model):
    """The anonymised summary published into the council report (like the seed's ⑦)."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="summaries", verbose_name=_("case"))
    report_year = models.PositiveSmallIntegerField(_("report's fiscal year"))
    title = models.CharField(_("title"), max_length=200, default="犯罪をした者等に関わる取組事例")
    progress = models.TextField(_("progress of the case (事例の経過)"))
    situation = models.TextField(_("situation (事例の状況)"), blank=True)
    edited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("texts last changed by"),
    )
    # A case supervisor other than the writer approves the texts as they are; the digest says which
    # texts, so any later change, by whatever path, needs a new approval before publishing.
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("approved by"),
    )
    approved_digest = models.CharField(max_length=64, blank=True, editable=False)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    history = HistoricalRecords()

    # Bookkeeping, not text that reaches the report; every other text field is checked and approved.
    NOT_PUBLISHED_TEXT = frozenset({"approved_digest"})

    class Meta:
        verbose_name = _("case summary")
        verbose_name_plural = _("case summaries")
        ordering = ["-report_year", "pk"]

    def __str__(self) -> str:
        return f"{self.title}（{self.report_year}）"

    def texts(self) -> dict[str, str]:
        """Return every text field that is published (title included), by field name."""
        return {
            field.name: getattr(self, field.attname) or ""
            for field in self._meta.concrete_fields
            if isinstance(field, models.CharField | models.TextField)
            and field.name not in self.NOT_PUBLISHED_TEXT
        }

    def content_digest(self) -> str:
        """Return a digest of what would be published: the report's year and every text."""
        return fingerprint({"report_year": self.report_year, **self.texts()})

    def is_approved(self) -> bool:
        """Return whether a supervisor approved exactly the texts the summary holds now."""
        return self.approved_at is not None and self.approved_digest == self.content_digest()


class AppendOnlyQuerySet(models.QuerySet["CaseAccessLog"]):
    """Rows are added, never changed or deleted in bulk either.

    A queryset's delete() and update() skip the model's own guard (the admin's "delete selected"
    emptied the log on SQLite, where no trigger stops it): refused here, on every database.
    """

    def delete(self) -> tuple[int, dict[str, int]]:
        raise PermissionDenied("The case access log is append-only.")

    delete.alters_data = True  # type: ignore[attr-defined]
    delete.queryset_only = True  # type: ignore[attr-defined]

    def update(self, **kwargs: object) -> int:
        raise PermissionDenied("The case access log is append-only.")

    update.alters_data = True  # type: ignore[attr-defined]

    def _raw_delete(self, using: str | None) -> int:
        raise PermissionDenied("The case access log is append-only.")

    def bulk_update(self, objs: object, fields: object, batch_size: int | None = None) -> int:
        raise PermissionDenied("The case access log is append-only.")


class CaseAccessLog(models.Model):
    """Every view, export and change of a case: who, when, which case, what. Never changed or deleted."""

    case_id_logged = models.PositiveBigIntegerField(_("case"))
    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")
    at = models.DateTimeField(_("at"), auto_now_add=True)
    action = models.CharField(_("action"), max_length=20)
    detail = models.CharField(_("detail"), max_length=200, blank=True)

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        verbose_name = _("case access log")
        verbose_name_plural = _("case access log")
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.user} {self.action} #{self.case_id_logged}"

    def save(self, *args: object, **kwargs: object) -> None:
        if self.pk is not None:
            raise PermissionDenied("The case access log is append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args: object, **kwargs: object) -> tuple[int, dict[str, int]]:
        raise PermissionDenied("The case access log is append-only.")
