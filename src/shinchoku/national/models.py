"""The national 再犯防止推進計画's 重点課題, and how a local plan's areas and programs map to them.

The 再犯防止推進法 (第8条) asks local plans to follow the national plan, so the Ministry and the
prefectures read local progress by the national issues. Both national plans are seeded by a
migration; a secretariat maps its areas (重点項目) and, where a program fits elsewhere, programs.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from shinchoku.plans.models import FISCAL_YEAR_VALIDATORS, PlanNode, Program


class NationalPlan(models.Model):
    """A national 再犯防止推進計画 (第一次 2017, 第二次 2023): a taxonomy of seven 重点課題."""

    code = models.SlugField(_("code"), max_length=20, unique=True)
    name = models.CharField(_("name"), max_length=100)
    decided_on = models.DateField(_("decided by the Cabinet on"))
    first_year = models.PositiveSmallIntegerField(_("first fiscal year"), validators=FISCAL_YEAR_VALIDATORS)
    last_year = models.PositiveSmallIntegerField(_("last fiscal year"), validators=FISCAL_YEAR_VALIDATORS)

    class Meta:
        verbose_name = _("national plan")
        verbose_name_plural = _("national plans")
        ordering = ["first_year"]

    def __str__(self) -> str:
        return self.name


class NationalIssue(models.Model):
    """One 重点課題 of a national plan, numbered as the plan numbers it."""

    national_plan = models.ForeignKey(
        NationalPlan, on_delete=models.CASCADE, related_name="issues", verbose_name=_("national plan")
    )
    number = models.PositiveSmallIntegerField(_("number"))
    title = models.CharField(_("title"), max_length=200)

    class Meta:
        verbose_name = _("national priority issue")
        verbose_name_plural = _("national priority issues")
        ordering = ["national_plan", "number"]
        constraints = [
            models.UniqueConstraint(fields=["national_plan", "number"], name="national_issue_unique_number")
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.title}"


class AreaMapping(models.Model):
    """A local plan's area (重点項目) follows a national issue; its programs do too unless mapped themselves."""

    node = models.ForeignKey(
        PlanNode, on_delete=models.CASCADE, related_name="national_mappings", verbose_name=_("area")
    )
    issue = models.ForeignKey(
        NationalIssue,
        on_delete=models.PROTECT,
        related_name="area_mappings",
        verbose_name=_("national issue"),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("area's national issue")
        verbose_name_plural = _("areas' national issues")
        constraints = [models.UniqueConstraint(fields=["node", "issue"], name="area_mapping_once")]

    def __str__(self) -> str:
        return f"{self.node} → {self.issue}"


class ProgramMapping(models.Model):
    """A program mapped on its own: for that national plan it replaces what its areas say."""

    program = models.ForeignKey(
        Program, on_delete=models.CASCADE, related_name="national_mappings", verbose_name=_("program")
    )
    issue = models.ForeignKey(
        NationalIssue,
        on_delete=models.PROTECT,
        related_name="program_mappings",
        verbose_name=_("national issue"),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("program's national issue")
        verbose_name_plural = _("programs' national issues")
        constraints = [models.UniqueConstraint(fields=["program", "issue"], name="program_mapping_once")]

    def __str__(self) -> str:
        return f"{self.program} → {self.issue}"


class MergedGrade(models.Model):
    """A program's grade for a year: its departments' confirmed final grades merged (a database view).

    rank is 1 for A, 2 for B, 3 for C and 0 for 「－」; the merge takes the highest, the lower grade
    (下位の評価), so that 「－」 counts only when it is all there is. The view lets the national roll-up
    join the merged grades as one GROUP BY, as a hand-written query would (make bench).
    """

    program = models.ForeignKey(
        Program, on_delete=models.DO_NOTHING, db_constraint=False, related_name="merged_grades"
    )
    fiscal_year = models.PositiveSmallIntegerField()
    rank = models.PositiveSmallIntegerField()

    class Meta:
        managed = False
        db_table = "national_mergedgrade"

    def __str__(self) -> str:
        return f"{self.program_id} {self.fiscal_year}: {self.rank}"
