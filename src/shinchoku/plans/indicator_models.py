"""Indicators (指標) of programs and their yearly targets and actual values."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from shinchoku.accounts.models import Department
from shinchoku.domain.fiscal import wareki_label
from shinchoku.domain.ratios import Direction
from shinchoku.plans.models import FISCAL_YEAR_VALIDATORS, Program


class TargetTrend(models.TextChoices):
    UP = "up", "↑"
    LEVEL = "level", "→"
    DOWN = "down", "↓"
    CONTINUE = "continue", "継続実施"


class Indicator(models.Model):
    """A measure of a program (指標) with a unit and a direction; values are kept per year."""

    program = models.ForeignKey(
        Program, on_delete=models.CASCADE, related_name="indicators", verbose_name=_("program")
    )
    department = models.ForeignKey(
        Department,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="indicators",
        verbose_name=_("department"),
        help_text=_("The department that reports it; blank when the program has one department."),
    )
    name = models.CharField(_("name"), max_length=300)
    unit = models.CharField(_("unit"), max_length=10, blank=True)
    direction = models.CharField(
        _("direction"),
        max_length=6,
        choices=[
            (Direction.HIGHER_IS_BETTER.value, _("higher is better")),
            (Direction.LOWER_IS_BETTER.value, _("lower is better")),
        ],
        default=Direction.HIGHER_IS_BETTER.value,
    )
    source = models.CharField(
        _("source of the target"),
        max_length=200,
        blank=True,
        help_text=_("e.g. 総合振興計画実施計画 事業11-1-4-02"),
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    # Where the path to the target starts (長与町 grades against baseline and target, ±10%).
    baseline = models.DecimalField(_("baseline"), max_digits=14, decimal_places=3, null=True, blank=True)
    baseline_year = models.PositiveSmallIntegerField(
        _("baseline fiscal year"), null=True, blank=True, validators=FISCAL_YEAR_VALIDATORS
    )
    predecessor = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="successors",
        verbose_name=_("same indicator in the previous plan"),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["program", "position"]

    def __str__(self) -> str:
        return self.name


class IndicatorValue(models.Model):
    """An indicator's target and actual value for one fiscal year."""

    indicator = models.ForeignKey(
        Indicator, on_delete=models.CASCADE, related_name="values", verbose_name=_("indicator")
    )
    fiscal_year = models.PositiveSmallIntegerField(_("fiscal year"), validators=FISCAL_YEAR_VALIDATORS)
    target = models.DecimalField(_("target"), max_digits=14, decimal_places=3, null=True, blank=True)
    actual = models.DecimalField(_("actual"), max_digits=14, decimal_places=3, null=True, blank=True)
    # A target without a number: an arrow (↑ → ↓) or 継続実施; blank when the target is a number.
    target_trend = models.CharField(
        _("target without a number"), max_length=10, blank=True, choices=TargetTrend.choices
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("indicator value")
        verbose_name_plural = _("indicator values")
        ordering = ["indicator", "fiscal_year"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "fiscal_year"], name="indicator_value_once_per_year"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.indicator} {wareki_label(self.fiscal_year)}"
