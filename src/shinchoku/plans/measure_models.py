"""A measure's (施策's) grade for a year given by hand, when the plan's rule says so.

Grades a plan's rule computes from the programs are not stored; only the ones the secretariat
gives by hand, with the reason the rule asks for, and their history.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from shinchoku.plans.models import FISCAL_YEAR_VALIDATORS, PlanNode


class MeasureGrade(models.Model):
    """A measure's grade for a fiscal year, given by the secretariat with a reason."""

    node = models.ForeignKey(
        PlanNode, on_delete=models.CASCADE, related_name="measure_grades", verbose_name=_("measure")
    )
    fiscal_year = models.PositiveSmallIntegerField(_("fiscal year"), validators=FISCAL_YEAR_VALIDATORS)
    grade = models.CharField(_("grade"), max_length=20)
    reason = models.TextField(_("reason for the grade"))
    # Optimistic locking, as on entries: a stale page is refused.
    version = models.PositiveIntegerField(_("version"), default=1)
    history = HistoricalRecords(excluded_fields=["version"])

    class Meta:
        verbose_name = _("measure grade")
        verbose_name_plural = _("measure grades")
        ordering = ["node__position", "fiscal_year"]
        constraints = [
            models.UniqueConstraint(fields=["node", "fiscal_year"], name="measure_grade_once_per_year"),
        ]

    def __str__(self) -> str:
        return f"{self.node} {self.fiscal_year}: {self.grade}"
