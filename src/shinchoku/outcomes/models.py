"""A plan's outcome targets (成果指標) and the statistics of its context chapter (第3章 再犯防止を取り巻く状況)."""

from decimal import Decimal
from fractions import Fraction

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from shinchoku.domain import outcomes
from shinchoku.domain.errors import DomainError
from shinchoku.domain.ratios import Direction
from shinchoku.plans.models import FISCAL_YEAR_VALIDATORS, Plan


class Source(models.TextChoices):
    WHITE_PAPER = "white_paper", _("White Paper on Crime (犯罪白書)")
    POLICE = "police", _("police statistics (警察統計)")
    MINISTRY = "ministry", _("data provided by the Ministry of Justice (法務省提供データ)")
    CITY = "city", _("the city's own count")
    OTHER = "other", _("other")


class YearKind(models.TextChoices):
    FISCAL = "fiscal", _("fiscal year (年度)")
    CALENDAR = "calendar", _("calendar year (年)")


class Outcome(models.Model):
    """An indicator for the whole plan: a baseline, a target and its year, and the yearly values."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="outcomes", verbose_name=_("plan"))
    name = models.CharField(_("name"), max_length=200, help_text=_("e.g. 再犯者数, 再犯者率, 刑法犯検挙者数"))
    unit = models.CharField(_("unit"), max_length=20, blank=True, help_text=_("e.g. 人, ％"))
    direction = models.CharField(
        _("better when"),
        max_length=10,
        choices=[
            (Direction.LOWER_IS_BETTER.value, _("lower")),
            (Direction.HIGHER_IS_BETTER.value, _("higher")),
        ],
        default=Direction.LOWER_IS_BETTER.value,
    )
    year_kind = models.CharField(
        _("years are"), max_length=10, choices=YearKind.choices, default=YearKind.CALENDAR
    )
    baseline_first_year = models.PositiveSmallIntegerField(
        _("baseline from"), validators=FISCAL_YEAR_VALIDATORS
    )
    baseline_last_year = models.PositiveSmallIntegerField(_("baseline to"), validators=FISCAL_YEAR_VALIDATORS)
    baseline_value = models.DecimalField(
        _("baseline value"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Leave blank to use the average of the yearly values of the baseline period."),
    )
    target_value = models.DecimalField(_("target value"), max_digits=14, decimal_places=2)
    target_year = models.PositiveSmallIntegerField(_("target year"), validators=FISCAL_YEAR_VALIDATORS)
    note = models.TextField(_("note"), blank=True)
    is_demo = models.BooleanField(_("demo data"), default=False)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    # Optimistic locking: a page carries the version it was read at; a stale save is refused.
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)
    history = HistoricalRecords(excluded_fields=["version"])

    class Meta:
        verbose_name = _("plan outcome")
        verbose_name_plural = _("plan outcomes")
        ordering = ["plan", "position", "pk"]

    def __str__(self) -> str:
        return self.name

    def to_domain(self, values: dict[int, Decimal]) -> outcomes.Outcome:
        """Return the outcome as the domain core judges it (raises DomainError with a Japanese reason)."""
        if self.baseline_value is not None:
            baseline = outcomes.Baseline(
                Fraction(self.baseline_value), self.baseline_first_year, self.baseline_last_year
            )
        else:
            period = range(self.baseline_first_year, self.baseline_last_year + 1)
            missing = [str(year) for year in period if year not in values]
            if missing:
                raise DomainError(f"基準値の期間に値のない年があります（{'、'.join(missing)}年）。")
            baseline = outcomes.Baseline.average_of({year: values[year] for year in period})
        return outcomes.Outcome(
            baseline, Fraction(self.target_value), self.target_year, Direction(self.direction)
        )


class OutcomeValue(models.Model):
    """One year's value of an outcome, with where it came from."""

    outcome = models.ForeignKey(
        Outcome, on_delete=models.CASCADE, related_name="values", verbose_name=_("outcome")
    )
    year = models.PositiveSmallIntegerField(_("year"), validators=FISCAL_YEAR_VALIDATORS)
    value = models.DecimalField(_("value"), max_digits=14, decimal_places=2)
    source = models.CharField(_("source"), max_length=20, choices=Source.choices)
    source_note = models.CharField(
        _("source detail"), max_length=200, blank=True, help_text=_("e.g. 令和5年版 犯罪白書")
    )
    # Optimistic locking: a page carries the version it was read at; a stale save is refused.
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)
    history = HistoricalRecords(excluded_fields=["version"])

    class Meta:
        verbose_name = _("outcome value")
        verbose_name_plural = _("outcome values")
        ordering = ["outcome", "year"]
        constraints = [models.UniqueConstraint(fields=["outcome", "year"], name="outcome_value_once_a_year")]

    def __str__(self) -> str:
        return f"{self.outcome} {self.year}: {self.value}"


class ContextSeries(models.Model):
    """A yearly statistic of the context chapter (検挙者数, 再犯者数, 再犯者率, 刑法犯認知件数…)."""

    plan = models.ForeignKey(
        Plan, on_delete=models.CASCADE, related_name="context_series", verbose_name=_("plan")
    )
    name = models.CharField(_("name"), max_length=200)
    unit = models.CharField(_("unit"), max_length=20, blank=True)
    year_kind = models.CharField(
        _("years are"), max_length=10, choices=YearKind.choices, default=YearKind.CALENDAR
    )
    source = models.CharField(_("source"), max_length=20, choices=Source.choices)
    source_note = models.CharField(_("source detail"), max_length=200, blank=True)
    is_demo = models.BooleanField(_("demo data"), default=False)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    # Optimistic locking: a page carries the version it was read at; a stale save is refused.
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)
    history = HistoricalRecords(excluded_fields=["version"])

    class Meta:
        verbose_name = _("context statistic")
        verbose_name_plural = _("context statistics")
        ordering = ["plan", "position", "pk"]
        constraints = [models.UniqueConstraint(fields=["plan", "name"], name="context_series_unique_name")]

    def __str__(self) -> str:
        return self.name


class ContextValue(models.Model):
    series = models.ForeignKey(
        ContextSeries, on_delete=models.CASCADE, related_name="values", verbose_name=_("statistic")
    )
    year = models.PositiveSmallIntegerField(_("year"), validators=FISCAL_YEAR_VALIDATORS)
    value = models.DecimalField(_("value"), max_digits=14, decimal_places=2)
    # Optimistic locking: a page carries the version it was read at; a stale save is refused.
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)
    history = HistoricalRecords(excluded_fields=["version"])

    class Meta:
        verbose_name = _("context value")
        verbose_name_plural = _("context values")
        ordering = ["series", "year"]
        constraints = [models.UniqueConstraint(fields=["series", "year"], name="context_value_once_a_year")]

    def __str__(self) -> str:
        return f"{self.series} {self.year}: {self.value}"
