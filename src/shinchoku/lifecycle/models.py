"""A plan's life: revisions (見直し) within its period, and succession to the next plan."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from shinchoku.council.models import Meeting
from shinchoku.domain.fiscal import wareki_date, wareki_label
from shinchoku.plans.models import FISCAL_YEAR_VALIDATORS, Plan, PlanNode, Program


class PlanRevision(models.Model):
    """A revision decided on a date, taking effect from a fiscal year, reported to a council meeting."""

    plan = models.ForeignKey(Plan, on_delete=models.PROTECT, related_name="revisions", verbose_name=_("plan"))
    decided_on = models.DateField(_("decided on"))
    effective_year = models.PositiveSmallIntegerField(
        _("from fiscal year"), validators=FISCAL_YEAR_VALIDATORS
    )
    meeting = models.ForeignKey(
        Meeting,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="revisions",
        verbose_name=_("reported to the council meeting"),
    )
    summary = models.TextField(_("what was revised and why"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("plan revision")
        verbose_name_plural = _("plan revisions")
        ordering = ["plan", "effective_year", "decided_on"]

    def __str__(self) -> str:
        return f"{self.plan.name} {wareki_label(self.effective_year)}からの見直し（{wareki_date(self.decided_on)}）"


class RevisionChange(models.Model):
    """One change a revision made: a program added, retired, moved, or a target changed."""

    class Kind(models.TextChoices):
        ADDED = "added", _("program added")
        RETIRED = "retired", _("program retired")
        MOVED = "moved", _("program moved to another measure")
        RENUMBERED = "renumbered", _("program renumbered")
        TARGET = "target", _("target changed")

    revision = models.ForeignKey(PlanRevision, on_delete=models.CASCADE, related_name="changes")
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    program = models.ForeignKey(Program, on_delete=models.PROTECT, related_name="revision_changes")
    from_node = models.ForeignKey(PlanNode, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    to_node = models.ForeignKey(PlanNode, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    before = models.CharField(_("before"), max_length=200, blank=True)
    after = models.CharField(_("after"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("revision change")
        verbose_name_plural = _("revision changes")
        ordering = ["revision", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.program}"


class ProgramSuccession(models.Model):
    """How a program of one plan continues in the next: the same, split, merged, or ended."""

    class Kind(models.TextChoices):
        SAME = "same", _("continued")
        SPLIT = "split", _("split")
        MERGED = "merged", _("merged")
        ENDED = "ended", _("ended")

    old_program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="successions")
    new_program = models.ForeignKey(
        Program, on_delete=models.CASCADE, null=True, blank=True, related_name="predecessions"
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("program succession")
        verbose_name_plural = _("program successions")
        constraints = [
            models.UniqueConstraint(fields=["old_program", "new_program"], name="succession_once"),
        ]

    def __str__(self) -> str:
        return f"{self.old_program} → {self.new_program or '（終了）'}"
