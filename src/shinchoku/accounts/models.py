"""Organizations (自治体), their departments (所管課) and the people who use shinchoku."""

from typing import Any

from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from shinchoku.domain.codes import is_valid_code
from shinchoku.lib.validators import validate_name


def validate_local_government_code(value: str) -> None:
    """Refuse a code that is not six digits ending in its JIS X 0402 check digit."""
    if not is_valid_code(value):
        raise ValidationError(_("Enter the six-digit code of JIS X 0402 (e.g. 111007)."))


class Organization(models.Model):
    """A local government; every record of the system belongs to exactly one."""

    name = models.CharField(_("name"), max_length=100)
    jis_code = models.CharField(
        _("local government code"),
        max_length=6,
        unique=True,
        validators=[validate_local_government_code],
        help_text=_("JIS X 0402 code with check digit, e.g. 111007 for Saitama City."),
    )

    class Meta:
        verbose_name = _("organization")
        verbose_name_plural = _("organizations")
        ordering = ["jis_code"]

    def __str__(self) -> str:
        return self.name


class Department(models.Model):
    """A department of an organization (所管課) that runs programs and reports on them."""

    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="departments", verbose_name=_("organization")
    )
    name = models.CharField(_("name"), max_length=100, validators=[validate_name])
    note = models.TextField(_("note"), blank=True)
    # Keeps every former name (a rename, a merge) with who and when: old years' papers used them.
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("department")
        verbose_name_plural = _("departments")
        ordering = ["organization", "name"]
        constraints = [
            models.UniqueConstraint(fields=["organization", "name"], name="department_unique_name"),
        ]

    def __str__(self) -> str:
        return self.name


class Role(models.TextChoices):
    SECRETARIAT = "secretariat", _("secretariat")
    EDITOR = "editor", _("department editor")
    COUNCIL = "council", _("council member")
    CASEWORKER = "caseworker", _("case worker")
    ADMINISTRATOR = "administrator", _("administrator")
    # A prefecture's or the Ministry's official: confirmed figures across the organizations overseen.
    ANALYST = "analyst", _("prefecture or national analyst")


class User(AbstractUser):
    """A person using shinchoku, in one organization, with one role."""

    organization = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        related_name="users",
        null=True,
        blank=True,
        verbose_name=_("organization"),
        help_text=_(
            "Blank only for the installation's own administrators and national analysts (all organizations)."
        ),
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.EDITOR)
    is_case_supervisor = models.BooleanField(
        _("case supervisor"),
        default=False,
        help_text=_("Sees every case of the organization and its access log."),
    )
    departments = models.ManyToManyField(
        Department, blank=True, related_name="members", verbose_name=_("departments")
    )
    # Who gave whom which role and departments, and when (the password and logins are not history).
    history = HistoricalRecords(excluded_fields=["password", "last_login"], m2m_fields=[departments])

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def save(self, *args: Any, **kwargs: Any) -> None:
        # A login only stamps last_login: not a change of the account worth a history row.
        if set(kwargs.get("update_fields") or ()) <= {"last_login"} and kwargs.get("update_fields"):
            self.skip_history_when_saving = True
        try:
            super().save(*args, **kwargs)
        finally:
            self.__dict__.pop("skip_history_when_saving", None)


class ApiToken(models.Model):
    """A personal key for the JSON API: it reads exactly what its user may read on the web.

    Only a hash is kept; the key itself is shown once, when it is made.
    """

    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="api_tokens", verbose_name=_("user")
    )
    name = models.CharField(_("what it is for"), max_length=100)
    key_hash = models.CharField(_("hash of the key"), max_length=64, unique=True, editable=False)
    prefix = models.CharField(_("first characters"), max_length=8, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    expires_on = models.DateField(_("valid until"))
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    # Who revoked it: its owner on the tokens page, or an installation administrator in the admin.
    revoked_by = models.ForeignKey(
        User, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("revoked by")
    )

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        ordering = ["user", "-created_at"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"


class KeptForm(models.Model):
    """What a user typed into a form and sent after their session had ended, kept to be restored.

    Kept for its user only (the user of the session that ended in that browser), for
    KEPT_FORM_HOURS, and deleted when restored. Only a hash of the browser's token is stored, so
    the row alone cannot be claimed; no page lists these rows.
    """

    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="kept_forms", verbose_name=_("user")
    )
    path = models.CharField(_("form page"), max_length=300)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    data = models.JSONField(_("typed values"))
    created_at = models.DateTimeField(_("kept at"), auto_now_add=True)

    class Meta:
        verbose_name = _("kept typed values")
        verbose_name_plural = _("kept typed values (plural)")
        indexes = [models.Index(fields=["created_at"])]

    def __str__(self) -> str:
        return f"{self.user} {self.path}"
