"""A record of every file imported: what, by whom, when, and its fingerprint to recognise it again."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from shinchoku.accounts.models import Organization


class ImportKind(models.TextChoices):
    PLAN = "plan", _("plan structure")
    PROGRESS = "progress", _("yearly progress")
    DEPARTMENT_FORM = "department_form", _("department form")


class ImportRecord(models.Model):
    """One imported file. The same bytes imported again for the same target are refused."""

    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="+", verbose_name=_("organization")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=ImportKind.choices)
    file_name = models.CharField(_("file name"), max_length=255)
    sha256 = models.CharField(_("fingerprint (SHA-256)"), max_length=64, db_index=True)
    plan_slug = models.CharField(_("plan"), max_length=50)
    fiscal_year = models.PositiveSmallIntegerField(_("fiscal year"), null=True, blank=True)
    summary = models.JSONField(_("summary"), default=dict)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("imported by"),
    )
    imported_at = models.DateTimeField(_("imported at"), auto_now_add=True)

    class Meta:
        verbose_name = _("imported file")
        verbose_name_plural = _("imported files")
        ordering = ["-imported_at"]

    def __str__(self) -> str:
        return f"{self.file_name} ({self.get_kind_display()})"


class PendingUpload(models.Model):
    """A previewed file waiting for its user to confirm or cancel.

    Kept in the database, not on the server's disk, so that the confirmation may reach another
    app server than the preview did (several servers behind one load balancer).
    """

    token = models.CharField(_("token"), max_length=32, unique=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", verbose_name=_("user")
    )
    name = models.CharField(_("file name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=ImportKind.choices)
    params = models.JSONField(_("parameters"), default=dict)
    content = models.BinaryField(_("content"))
    created_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("previewed file")
        verbose_name_plural = _("previewed files")

    def __str__(self) -> str:
        return self.name
