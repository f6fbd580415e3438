"""The plan (計画), its tree, programs (事業), listings (掲載) and yearly entries (年度別取組)."""

from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from shinchoku.accounts.models import Department, Organization
from shinchoku.domain.baseline import BaselineRule
from shinchoku.domain.errors import GradeError
from shinchoku.domain.exclusion import exclusion_refusal
from shinchoku.domain.fiscal import wareki_label
from shinchoku.domain.grades import (
    SEED_SCALE,
    CombinePolicy,
    GradeScale,
    MergePolicy,
    Suggestion,
    needs_reason,
)
from shinchoku.domain.ratios import Measurement
from shinchoku.lib.validators import validate_name

FISCAL_YEAR_VALIDATORS: list[MinValueValidator | MaxValueValidator] = [
    MinValueValidator(1989),
    MaxValueValidator(2200),
]


def default_scale() -> dict[str, Any]:
    """Return the seed's A/B/C/－ scale as the plain data a plan stores."""
    return SEED_SCALE.to_dict()


class Counting(models.TextChoices):
    LISTINGS = "listings", _("listings, re-listings included (再掲含む)")
    PROGRAMS = "programs", _("unique programs")


class Plan(models.Model):
    """A 再犯防止推進計画 of one organization for a period of fiscal years."""

    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="plans", verbose_name=_("organization")
    )
    slug = models.SlugField(_("short name"), max_length=50, unique=True)
    name = models.CharField(_("name"), max_length=200, validators=[validate_name])
    basic_goal = models.TextField(_("basic goal"), blank=True)
    first_year = models.PositiveSmallIntegerField(_("first fiscal year"), validators=FISCAL_YEAR_VALIDATORS)
    last_year = models.PositiveSmallIntegerField(_("last fiscal year"), validators=FISCAL_YEAR_VALIDATORS)
    grade_scale = models.JSONField(_("grade scale"), default=default_scale)
    percent_places = models.PositiveSmallIntegerField(
        _("decimal places of percentages"), default=0, validators=[MaxValueValidator(2)]
    )
    combine_policy = models.CharField(
        _("combining several indicators"),
        max_length=10,
        choices=[(p.value, p.value) for p in CombinePolicy],
        default=CombinePolicy.MEAN.value,
    )
    merge_policy = models.CharField(
        _("merging several departments' grades"),
        max_length=10,
        choices=[(p.value, p.value) for p in MergePolicy],
        default=MergePolicy.LOWER.value,
    )
    counting = models.CharField(
        _("area figures count"), max_length=10, choices=Counting.choices, default=Counting.LISTINGS
    )
    # Practices beyond Saitama (docs/practices.md). Further graded dimensions beside 達成度 (川崎市:
    # 事業の妥当性, 有効性・効率性・経済性), each with its own scale: [{"key", "name", "scale"}].
    dimensions = models.JSONField(_("further evaluation dimensions"), default=list, blank=True)
    show_priority = models.BooleanField(_("show counts of priority programs (うち重点)"), default=False)
    # How a measure (施策) is graded from its programs: {} for not at all (docs/practices.md).
    measure_rule = models.JSONField(_("grading of measures"), default=dict, blank=True)
    # The baseline combine policy's tolerance and grades (長与町 ±10%): {} while the policy is unused.
    baseline_rule = models.JSONField(_("grading against the baseline"), default=dict, blank=True)
    predecessor = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="successors",
        verbose_name=_("previous plan"),
        help_text=_("The plan this one succeeds (第1次 → 第2次)."),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("plan")
        verbose_name_plural = _("plans")
        ordering = ["organization", "-first_year"]
        constraints = [
            models.CheckConstraint(condition=Q(first_year__lte=F("last_year")), name="plan_period_in_order"),
        ]

    def __str__(self) -> str:
        return f"{self.name}（{wareki_label(self.first_year)}〜{wareki_label(self.last_year)}）"

    def clean(self) -> None:
        try:
            self.scale()
        except ValueError as error:
            raise ValidationError({"grade_scale": str(error)}) from error

    def scale(self) -> GradeScale:
        """Return the plan's grade scale as the domain core uses it."""
        return GradeScale.from_dict(self.grade_scale)

    def grading_rule(self) -> BaselineRule | None:
        """Return the plan's baseline rule (長与町 ±10%), None when none is stored or it no longer fits the scale."""
        try:
            return self.scale().baseline_rule(self.baseline_rule)
        except GradeError:
            return None

    def suggest_for(self, measurements: Iterable[Measurement]) -> Suggestion:
        """Return the grade indicator figures suggest under the plan's scale and combine policy."""
        policy = CombinePolicy(self.combine_policy)
        rule = self.grading_rule() if policy is CombinePolicy.BASELINE else None
        return self.scale().suggest_for(measurements, policy, rule)

    def covers(self, fiscal_year: int) -> bool:
        """Return whether the fiscal year lies within the plan's period."""
        return self.first_year <= fiscal_year <= self.last_year


class PlanNode(models.Model):
    """A level of the plan's tree: an area (重点項目 1) or a measure below it ((1), ①)."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="nodes", verbose_name=_("plan"))
    parent = models.ForeignKey(
        "self",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("parent"),
    )
    label = models.CharField(_("label"), max_length=10, help_text=_("As printed: 1, (1), ①"))
    title = models.CharField(_("title"), max_length=200)
    position = models.PositiveSmallIntegerField(
        _("position"), default=0, help_text=_("Place in the printed order of the whole plan.")
    )

    class Meta:
        verbose_name = _("plan tree node")
        verbose_name_plural = _("plan tree nodes")
        ordering = ["plan", "position"]

    def __str__(self) -> str:
        return f"{self.path_label()} {self.title}"

    def ancestors(self) -> list["PlanNode"]:
        """Return the nodes from the area down to this one."""
        chain: list[PlanNode] = []
        node: PlanNode | None = self
        while node is not None:
            chain.append(node)
            node = node.parent
        return list(reversed(chain))

    def path_label(self) -> str:
        """Return the label the seed prints for this node, e.g. 1(1)①."""
        return "".join(node.label for node in self.ancestors())


class Program(models.Model):
    """A numbered program (事業) of a plan, run by one or more departments."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="programs", verbose_name=_("plan"))
    number = models.PositiveSmallIntegerField(_("program number"))
    title = models.CharField(_("title"), max_length=200, validators=[validate_name])
    content = models.TextField(_("content as in the plan"), blank=True)
    departments = models.ManyToManyField(Department, related_name="programs", verbose_name=_("departments"))
    note = models.TextField(
        _("note"), blank=True, help_text=_("Where the data came from, and anything else.")
    )
    is_priority = models.BooleanField(_("priority program (重点)"), default=False)
    # Set by a revision (見直し): the first and last fiscal years the program is part of the plan.
    first_year = models.PositiveSmallIntegerField(
        _("in the plan from"), null=True, blank=True, validators=FISCAL_YEAR_VALIDATORS
    )
    last_year = models.PositiveSmallIntegerField(
        _("in the plan until"), null=True, blank=True, validators=FISCAL_YEAR_VALIDATORS
    )

    class Meta:
        verbose_name = _("program")
        verbose_name_plural = _("programs")
        ordering = ["plan", "number"]
        constraints = [models.UniqueConstraint(fields=["plan", "number"], name="program_unique_number")]

    def __str__(self) -> str:
        return f"{self.number} {self.title}"

    def active_in(self, fiscal_year: int) -> bool:
        """Return whether the program is part of the plan in the fiscal year (revisions add and retire)."""
        return in_period(self.first_year, self.last_year, fiscal_year)


def in_period(first: int | None, last: int | None, fiscal_year: int) -> bool:
    """Return whether the year lies in an open-ended period (None: since the plan began, or to its end)."""
    return (first is None or first <= fiscal_year) and (last is None or fiscal_year <= last)


def active_in(fiscal_year: int, prefix: str = "") -> Q:
    """Return the filter of rows whose first_year/last_year period holds the fiscal year."""
    return (Q(**{f"{prefix}first_year__isnull": True}) | Q(**{f"{prefix}first_year__lte": fiscal_year})) & (
        Q(**{f"{prefix}last_year__isnull": True}) | Q(**{f"{prefix}last_year__gte": fiscal_year})
    )


class Listing(models.Model):
    """A program's place in the tree; the same program may be listed again (再掲)."""

    node = models.ForeignKey(
        PlanNode, on_delete=models.CASCADE, related_name="listings", verbose_name=_("node")
    )
    program = models.ForeignKey(
        Program, on_delete=models.CASCADE, related_name="listings", verbose_name=_("program")
    )
    is_relisting = models.BooleanField(_("re-listing (再掲)"), default=False)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    # Set by a revision: a program moved to another measure ends one listing and starts another,
    # so the years before keep the place they were evaluated in.
    first_year = models.PositiveSmallIntegerField(
        _("listed from"), null=True, blank=True, validators=FISCAL_YEAR_VALIDATORS
    )
    last_year = models.PositiveSmallIntegerField(
        _("listed until"), null=True, blank=True, validators=FISCAL_YEAR_VALIDATORS
    )

    class Meta:
        verbose_name = _("listing")
        verbose_name_plural = _("listings")
        ordering = ["node__position", "position"]
        constraints = [
            models.UniqueConstraint(fields=["node", "program"], name="listing_once_per_node"),
            # A program has exactly one first listing; every other one is a re-listing.
            models.UniqueConstraint(
                fields=["program"],
                condition=Q(is_relisting=False, last_year__isnull=True),
                name="listing_one_first_place",
            ),
        ]

    def __str__(self) -> str:
        mark = "（再掲）" if self.is_relisting else ""
        return f"{self.node.path_label()} {self.program}{mark}"

    def clean(self) -> None:
        if self.node_id and self.program_id and self.node.plan_id != self.program.plan_id:
            raise ValidationError(_("The node and the program belong to different plans."))


class EvaluationType(models.TextChoices):
    QUANTITATIVE = "quantitative", _("quantitative (定量的評価)")
    QUALITATIVE = "qualitative", _("qualitative (定性的評価)")


class EntryStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    SUBMITTED = "submitted", _("submitted")
    RETURNED = "returned", _("returned")
    CONFIRMED = "confirmed", _("confirmed")


class PlanYear(models.Model):
    """A fiscal year opened by the secretariat: every program's departments report on it."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="years", verbose_name=_("plan"))
    fiscal_year = models.PositiveSmallIntegerField(_("fiscal year"), validators=FISCAL_YEAR_VALIDATORS)
    deadline = models.DateField(_("deadline for departments"), null=True, blank=True)
    # What the year's reports print for the not-evaluable grade (－): its cause that year (FY2021:
    # 新型コロナウイルス感染症). Empty: the scale's own criteria text.
    not_evaluable_wording = models.TextField(_("wording of the not-evaluable grade"), blank=True)
    # The year's priority programs by number when they differ from the programs' own mark; None: the mark.
    priority_numbers = models.JSONField(_("priority programs of the year"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("opened fiscal year")
        verbose_name_plural = _("opened fiscal years")
        ordering = ["plan", "-fiscal_year"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "fiscal_year"], name="plan_year_once"),
        ]

    def __str__(self) -> str:
        return f"{self.plan.name} {wareki_label(self.fiscal_year)}"


class YearlyEntry(models.Model):
    """One department's report on one program for one fiscal year (年度別取組)."""

    program = models.ForeignKey(
        Program, on_delete=models.CASCADE, related_name="entries", verbose_name=_("program")
    )
    fiscal_year = models.PositiveSmallIntegerField(_("fiscal year"), validators=FISCAL_YEAR_VALIDATORS)
    department = models.ForeignKey(
        Department, on_delete=models.PROTECT, related_name="entries", verbose_name=_("department")
    )
    activities = models.TextField(_("activities of the year (取組内容)"), blank=True)
    target_text = models.TextField(_("target (目標)"), blank=True)
    result_text = models.TextField(_("results and outcomes (実績・取組の成果)"), blank=True)
    evaluation_type = models.CharField(
        _("evaluation type"),
        max_length=12,
        choices=EvaluationType.choices,
        default=EvaluationType.QUALITATIVE,
    )
    suggested_grade = models.CharField(_("suggested grade"), max_length=20, blank=True)
    proposed_grade = models.CharField(_("proposed grade"), max_length=20, blank=True)
    proposed_reason = models.TextField(_("reason for the proposed grade"), blank=True)
    final_grade = models.CharField(_("final grade"), max_length=20, blank=True)
    reason = models.TextField(_("reason for the grade"), blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=EntryStatus.choices, default=EntryStatus.DRAFT
    )
    # Grades on the plan's further dimensions, by dimension key: {"validity": "5"}.
    dimension_grades = models.JSONField(_("grades on further dimensions"), default=dict, blank=True)
    # 評価対象外 (枚方市): left out of every count, its reason printed as a note; unlike －, which counts.
    excluded = models.BooleanField(_("excluded from the count (評価対象外)"), default=False)
    excluded_reason = models.TextField(_("reason for the exclusion"), blank=True)
    is_highlight = models.BooleanField(
        _("shown in the report as a main program"),
        default=False,
        help_text=_("The secretariat picks the programs the council report describes (主な事業の状況)."),
    )
    # Optimistic locking: a form carries the version it was read at; a stale save is refused.
    version = models.PositiveIntegerField(_("version"), default=1)
    history = HistoricalRecords(excluded_fields=["version"])

    class Meta:
        verbose_name = _("yearly entry")
        verbose_name_plural = _("yearly entries")
        ordering = ["program__plan", "fiscal_year", "program__number", "department__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["program", "fiscal_year", "department"], name="entry_once_per_department_and_year"
            ),
        ]
        # A year's confirmed grades of every program, read from the index alone (the national roll-up and
        # its view national_mergedgrade; the unique index above starts with the program).
        indexes = [
            models.Index(
                fields=["fiscal_year", "status", "program", "final_grade"], name="entry_year_status_program"
            ),
        ]

    def __str__(self) -> str:
        return f"{wareki_label(self.fiscal_year)} {self.program} / {self.department}"

    def clean(self) -> None:
        if not self.program_id or not self.department_id:
            return
        plan = self.program.plan
        if not plan.covers(self.fiscal_year):
            raise ValidationError({"fiscal_year": _("The fiscal year is outside the plan's period.")})
        if not self.program.departments.filter(pk=self.department_id).exists():
            raise ValidationError({"department": _("This department does not run the program.")})
        self.proposed_grade, self.proposed_reason = self._checked_grade(
            "proposed_grade", self.proposed_grade, self.proposed_reason, "proposed_reason"
        )
        self.final_grade, self.reason = self._checked_grade(
            "final_grade", self.final_grade, self.reason, "reason"
        )
        refusal = exclusion_refusal(
            excluded=self.excluded,
            reason=self.excluded_reason,
            graded=bool(self.proposed_grade or self.final_grade),
        )
        if refusal:
            raise ValidationError({self._exclusion_field(): refusal})

    def _exclusion_field(self) -> str:
        """Return the field an exclusion's refusal is shown beside: the missing reason, else the grade given."""
        if not self.excluded_reason.strip():
            return "excluded_reason"
        return "proposed_grade" if self.proposed_grade else "final_grade"

    def _checked_grade(self, field: str, text: str, reason: str, reason_field: str) -> tuple[str, str]:
        """Return the grade in the scale's own spelling; refuse it without a reason it needs."""
        if not text:
            return "", reason
        scale = self.program.plan.scale()
        try:
            grade = scale.parse(text)
            suggested = scale.parse(self.suggested_grade) if self.suggested_grade else None
        except ValueError as error:
            raise ValidationError({field: str(error)}) from error
        if needs_reason(grade, suggested) and not reason.strip():
            raise ValidationError({reason_field: _("Give the reason for this grade.")})
        return grade.label, reason


class EntryEvent(models.Model):
    """A step of an entry's workflow (提出, 差戻し, 確定, 再開, 取込み) with who, when and the comment."""

    class Action(models.TextChoices):
        SUBMITTED = "submitted", _("submitted")
        RETURNED = "returned", _("returned")
        CONFIRMED = "confirmed", _("confirmed")
        REOPENED = "reopened", _("reopened")
        # The department took its submission back before the secretariat acted on it.
        WITHDRAWN = "withdrawn", _("withdrawn")
        # Written by a progress import (Excel から取込み), so the entry's page says where its content came from.
        IMPORTED = "imported", _("imported from Excel")
        # The secretariat corrected a text of a submitted entry itself instead of returning it.
        CORRECTED = "corrected", _("corrected by the secretariat")

    entry = models.ForeignKey(
        YearlyEntry, on_delete=models.CASCADE, related_name="events", verbose_name=_("entry")
    )
    action = models.CharField(_("action"), max_length=10, choices=Action.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("by")
    )
    at = models.DateTimeField(_("at"), auto_now_add=True)
    comment = models.TextField(_("comment"), blank=True)

    class Meta:
        verbose_name = _("workflow event")
        verbose_name_plural = _("workflow events")
        ordering = ["entry", "at", "pk"]

    def __str__(self) -> str:
        return f"{self.entry} {self.get_action_display()}"


class PublishedTally(models.Model):
    """Figures a city published by hand for a year, kept to show where they differ."""

    plan = models.ForeignKey(
        Plan, on_delete=models.CASCADE, related_name="published_tallies", verbose_name=_("plan")
    )
    fiscal_year = models.PositiveSmallIntegerField(_("fiscal year"), validators=FISCAL_YEAR_VALIDATORS)
    overall = models.JSONField(_("overall counts by grade"))
    source = models.CharField(_("source"), max_length=300)

    class Meta:
        verbose_name = _("published tally")
        verbose_name_plural = _("published tallies")
        constraints = [
            models.UniqueConstraint(fields=["plan", "fiscal_year"], name="published_tally_once_per_year"),
        ]

    def __str__(self) -> str:
        return f"{self.plan.name} {wareki_label(self.fiscal_year)}"


# Indicators and the by-hand grades of measures live in modules of their own; imported here so
# Django registers them and older imports from plans.models keep working.
from shinchoku.plans.indicator_models import Indicator as Indicator  # noqa: E402
from shinchoku.plans.indicator_models import IndicatorValue as IndicatorValue  # noqa: E402
from shinchoku.plans.indicator_models import TargetTrend as TargetTrend  # noqa: E402
from shinchoku.plans.measure_models import MeasureGrade as MeasureGrade  # noqa: E402
