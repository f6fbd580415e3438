"""Forms of the yearly cycle. Numbers go through the domain's parsers, as in the importers."""

from decimal import Decimal
from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from shinchoku.domain.errors import DomainError
from shinchoku.domain.fiscal import check_deadline, parse_fiscal_year
from shinchoku.domain.grades import CombinePolicy
from shinchoku.domain.numbers import Bound, Trend, means_no_value, parse_figure, parse_quantity, parse_trend
from shinchoku.domain.ratios import Direction, Measurement
from shinchoku.lib.forms import JapaneseDateField, QuantityField, model_digits
from shinchoku.plans import dimension_fields
from shinchoku.plans.models import EvaluationType, Indicator, IndicatorValue, Plan, YearlyEntry
from shinchoku.plans.workflow import EntryInput, IndicatorInput

DIRECTIONS = [
    (Direction.HIGHER_IS_BETTER.value, _("higher is better")),
    (Direction.LOWER_IS_BETTER.value, _("lower is better")),
]


def grade_choices(plan: Plan) -> list[tuple[str, str]]:
    """Return the plan's grades as choices: A 目標を上回った …, with an empty first choice."""
    scale = plan.scale()
    return [("", "―― 選択 ――")] + [(g.label, f"{g.label}　{g.meaning}".strip()) for g in scale.grades]


# The digits of the columns an indicator's figures are stored in.
TARGET_DIGITS = model_digits(IndicatorValue, "target")
ACTUAL_DIGITS = model_digits(IndicatorValue, "actual")


class FiscalYearField(forms.CharField):
    """A fiscal year typed as 2022, 令和4年度, 令和４年度 or R4; cleaned to the year as a number."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("max_length", 20)
        super().__init__(**kwargs)

    def clean(self, value: Any) -> int | None:
        text = super().clean(value)
        if not text:
            return None
        try:
            return parse_fiscal_year(text)
        except DomainError as error:
            raise forms.ValidationError(str(error)) from error


class OpenYearForm(forms.Form):
    fiscal_year = FiscalYearField(label=_("fiscal year"), help_text=_("e.g. 令和4年度 or 2022"))
    deadline = JapaneseDateField(label=_("deadline for departments"), required=False)
    # Shown only once the opening has been found unusual (a skipped year, a past deadline).
    confirm = forms.BooleanField(label=_("I have read the above; open the year anyway"), required=False)

    def __init__(self, *args: Any, asking: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not asking:
            self.fields["confirm"].widget = forms.HiddenInput()

    def clean(self) -> dict[str, Any]:
        """Refuse a deadline the year cannot have (domain.fiscal.deadline_range), next to the deadline."""
        data = super().clean() or {}
        _check_deadline(self, data.get("fiscal_year"), data.get("deadline"))
        return data


def _check_deadline(form: forms.Form, year: int | None, deadline: Any) -> None:
    if year is not None and deadline is not None:
        try:
            check_deadline(year, deadline)
        except DomainError as error:
            form.add_error("deadline", str(error))


class DeadlineForm(forms.Form):
    """An opened year's deadline: empty clears it; a date must lie in the year's deadline range."""

    deadline = JapaneseDateField(label=_("deadline for departments"), required=False)

    def __init__(self, *args: Any, fiscal_year: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fiscal_year = fiscal_year

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        _check_deadline(self, self.fiscal_year, data.get("deadline"))
        return data


class NotEvaluableWordingForm(forms.Form):
    """What the year's reports print for － (its cause that year); empty: the grade scale's text."""

    wording = forms.CharField(
        label=_("wording of the not-evaluable grade in this year's reports"),
        required=False,
        max_length=200,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class EntryForm(forms.Form):
    """The department's part of a yearly entry."""

    version = forms.IntegerField(widget=forms.HiddenInput)
    activities = forms.CharField(
        label=_("activities of the year (取組内容)"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    target_text = forms.CharField(
        label=_("target (目標)"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    result_text = forms.CharField(
        label=_("results and outcomes (実績・取組の成果)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    evaluation_type = forms.ChoiceField(
        label=_("evaluation type"), choices=EvaluationType.choices, widget=forms.RadioSelect
    )
    proposed_grade = forms.ChoiceField(label=_("proposed grade"), required=False)
    proposed_reason = forms.CharField(
        label=_("reason for the proposed grade"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Needed for 「－」 and for a grade other than the one the indicators suggest."),
    )
    excluded = forms.BooleanField(
        label=_("excluded from the count (評価対象外)"),
        required=False,
        help_text=_(
            "Left out of every count, unlike 「－」, which is counted. Give the reason instead of a grade;"
            " the reports print it as a note."
        ),
    )
    excluded_reason = forms.CharField(
        label=_("reason for the exclusion"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args: Any, entry: YearlyEntry, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["proposed_grade"]).choices = grade_choices(entry.program.plan)
        self.dimensions = dimension_fields.add_fields(self, entry.program.plan)

    def dimension_fields(self) -> list[forms.BoundField]:
        """Return the selects of the plan's further dimensions (川崎市 妥当性…), in its order."""
        return dimension_fields.bound_fields(self)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        dimension_fields.clean_fields(self, self.dimensions, data)
        # Browsers send a textarea's line breaks as CRLF; stored text keeps LF, so an
        # unchanged text does not show up in the history as changed.
        for name in ("activities", "target_text", "result_text", "proposed_reason", "excluded_reason"):
            if isinstance(data.get(name), str):
                data[name] = data[name].replace("\r\n", "\n")
        return data


class TargetField(QuantityField):
    """A target as the city writes it: a figure (120人, 90%以上) or a target without a number (↑, 維持, 継続実施)."""

    def to_python(self, value: Any) -> Decimal | Trend | None:  # type: ignore[override]
        if isinstance(value, str) and (trend := parse_trend(value)) is not None:
            return trend
        return super().to_python(value)


BASELINE_DIGITS = model_digits(Indicator, "baseline")


class IndicatorRowForm(forms.Form):
    """One indicator of the entry: its figures for the year, and its unit, direction and source."""

    indicator_id = forms.IntegerField(required=False, widget=forms.HiddenInput)
    name = forms.CharField(label=_("indicator"), required=False, max_length=300)
    target = TargetField(
        digits=TARGET_DIGITS,
        label=_("target"),
        required=False,
        widget=forms.TextInput(attrs={"size": 10}),
    )
    actual = QuantityField(
        digits=ACTUAL_DIGITS,
        label=_("actual"),
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "size": 10}),
    )

    unit = forms.CharField(
        label=_("unit"), required=False, max_length=10, widget=forms.TextInput(attrs={"size": 4})
    )
    direction = forms.ChoiceField(label=_("direction"), choices=DIRECTIONS)
    source = forms.CharField(label=_("source of the target"), required=False, max_length=200)
    baseline = QuantityField(
        digits=BASELINE_DIGITS,
        label=_("baseline"),
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "size": 8}),
    )
    baseline_year = FiscalYearField(
        label=_("baseline fiscal year"), required=False, widget=forms.TextInput(attrs={"size": 8})
    )

    def __init__(self, *args: Any, with_baseline: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not with_baseline:
            del self.fields["baseline"], self.fields["baseline_year"]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        target = data.get("target")
        data["target_trend"] = target.value if isinstance(target, Trend) else ""
        if isinstance(target, Trend):
            data["target"] = None
        is_new = not data.get("indicator_id")
        has_values = any(
            data.get(name) not in (None, "") for name in ("target", "target_trend", "actual", "baseline")
        )
        if is_new and has_values and not (data.get("name") or "").strip():
            self.add_error("name", _("Give the new indicator a name."))
        # 「90%以上」「354人以下」 also say which way the target points.
        raw_target = self.data.get(self.add_prefix("target"), "")
        try:
            bound = None if means_no_value(raw_target) else parse_quantity(raw_target).bound
        except DomainError:
            bound = None  # the field's own error says what is wrong
        if bound is Bound.AT_MOST:
            data["direction"] = Direction.LOWER_IS_BETTER.value
        elif bound is Bound.AT_LEAST:
            data["direction"] = Direction.HIGHER_IS_BETTER.value
        return data

    def is_blank_new_row(self) -> bool:
        data = self.cleaned_data
        return (
            not data.get("indicator_id")
            and not (data.get("name") or "").strip()
            and data.get("target") is None
            and data.get("actual") is None
            and not data.get("target_trend")
            and data.get("baseline") is None
        )


def indicator_initial(indicators: list[Indicator], values: dict[int, IndicatorValue]) -> list[dict[str, Any]]:
    """Return the indicator rows' initial data, with numbers shown as the city writes them."""
    rows = []
    for indicator in indicators:
        value = values.get(indicator.pk)
        rows.append(
            {
                "indicator_id": indicator.pk,
                "name": indicator.name,
                "unit": indicator.unit,
                "direction": indicator.direction,
                "source": indicator.source,
                "target": _target_text(value),
                "actual": _plain(value.actual if value else None),
                "baseline": _plain(indicator.baseline),
                "baseline_year": indicator.baseline_year or "",
            }
        )
    return rows


def _target_text(value: IndicatorValue | None) -> str:
    if value is not None and value.target_trend:
        return Trend(value.target_trend).mark
    return _plain(value.target if value else None)


def _plain(number: Decimal | None) -> str:
    if number is None:
        return ""
    text = format(number.normalize(), "f")
    return text


IndicatorFormSet = forms.formset_factory(IndicatorRowForm, extra=1, max_num=30, validate_max=True)


def indicator_rows(entry: YearlyEntry, data: Any = None, initial: Any = None) -> Any:
    """Return the entry's indicator rows; the baseline columns only where the plan grades against baselines."""
    uses_baseline = entry.program.plan.combine_policy == CombinePolicy.BASELINE
    return IndicatorFormSet(data, prefix="ind", initial=initial, form_kwargs={"with_baseline": uses_baseline})


def entry_input(form: EntryForm, rows: Any) -> EntryInput:
    """Return the service's input from a valid entry form and indicator formset."""
    data = form.cleaned_data
    return EntryInput(
        activities=data["activities"],
        target_text=data["target_text"],
        result_text=data["result_text"],
        evaluation_type=data["evaluation_type"],
        proposed_grade=data["proposed_grade"],
        proposed_reason=data["proposed_reason"],
        dimension_grades=data.get("dimension_grades") if form.dimensions else None,
        excluded=data["excluded"],
        excluded_reason=data["excluded_reason"],
        indicators=tuple(
            IndicatorInput(
                indicator_id=row.cleaned_data.get("indicator_id"),
                name=(row.cleaned_data.get("name") or "").strip(),
                unit=row.cleaned_data.get("unit", ""),
                direction=row.cleaned_data["direction"],
                source=row.cleaned_data.get("source", ""),
                target=row.cleaned_data.get("target"),
                actual=row.cleaned_data.get("actual"),
                target_trend=row.cleaned_data.get("target_trend", ""),
                baseline=row.cleaned_data.get("baseline"),
                baseline_year=row.cleaned_data.get("baseline_year"),
                with_baseline="baseline" in row.fields,
            )
            for row in rows
            if row.cleaned_data and not row.is_blank_new_row()
        ),
    )


class ReviewForm(forms.Form):
    """The secretariat's decision on a submitted entry."""

    version = forms.IntegerField(widget=forms.HiddenInput)
    final_grade = forms.ChoiceField(label=_("final grade"), required=False)
    reason = forms.CharField(
        label=_("reason for the grade"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Leave both empty to confirm the department's grade and reason."),
    )
    comment = forms.CharField(
        label=_("comment to the department"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Needed when returning the entry: what to correct."),
    )

    def __init__(self, *args: Any, entry: YearlyEntry, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["final_grade"]).choices = grade_choices(entry.program.plan)
        self.dimensions = dimension_fields.add_fields(self, entry.program.plan)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        dimension_fields.clean_fields(self, self.dimensions, data)
        return data


class CorrectTextForm(forms.Form):
    """The secretariat's correction of one text of a submitted entry, with the reason."""

    version = forms.IntegerField(widget=forms.HiddenInput)
    field = forms.CharField(widget=forms.HiddenInput, max_length=20)
    text = forms.CharField(
        label=_("corrected text"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    reason = forms.CharField(
        label=_("reason for the correction"),
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("The department reads it in the entry's workflow."),
    )


class ExcludeForm(forms.Form):
    """The secretariat's 評価対象外 on a submitted entry: set with its reason, or cleared."""

    version = forms.IntegerField(widget=forms.HiddenInput)
    excluded = forms.BooleanField(label=_("excluded from the count (評価対象外)"), required=False)
    reason = forms.CharField(
        label=_("reason for the exclusion"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Marking it clears the department's proposed grade; the department sees the step."),
    )


class ReopenForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    reason = forms.CharField(label=_("reason for reopening"), widget=forms.Textarea(attrs={"rows": 2}))


class AcceptIndicatorForm(forms.Form):
    """An indicator proposed from the entry's text, as the secretariat accepts or corrects it."""

    name = forms.CharField(label=_("indicator"), max_length=300)
    unit = forms.CharField(label=_("unit"), required=False, max_length=10)
    direction = forms.ChoiceField(label=_("direction"), choices=DIRECTIONS)
    source = forms.CharField(label=_("source of the target"), required=False, max_length=200)
    target = TargetField(digits=TARGET_DIGITS, label=_("target"), required=False)
    actual = QuantityField(digits=ACTUAL_DIGITS, label=_("actual"), required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        target = data.get("target")
        data["target_trend"] = target.value if isinstance(target, Trend) else ""
        if isinstance(target, Trend):
            data["target"] = None
        return data


def typed_measurements(query: Any) -> tuple[list[Measurement], list[str]]:
    """Return the measurements of the figures typed in the entry form's rows (ind-0-target…) and why some are unread.

    The live grade hint sends them; a target may be a trend (↑ 継続実施), a baseline is read when sent.
    """
    measurements, problems = [], []
    for i in range(30):
        target, actual = query.get(f"ind-{i}-target"), query.get(f"ind-{i}-actual")
        if target is None and actual is None:
            continue
        trend = parse_trend(target or "")
        try:
            t = None if trend else parse_figure(target or "", TARGET_DIGITS)
            a = parse_figure(actual or "", ACTUAL_DIGITS)
            b = parse_figure(query.get(f"ind-{i}-baseline") or "", BASELINE_DIGITS)
        except DomainError as error:
            problems.append(str(error))
            continue
        direction = query.get(f"ind-{i}-direction", Direction.HIGHER_IS_BETTER.value)
        if direction not in Direction._value2member_map_:
            direction = Direction.HIGHER_IS_BETTER.value
        measurements.append(Measurement(t, a, Direction(direction), baseline=b, trend=trend))
    return measurements, problems
