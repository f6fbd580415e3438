"""The form of the plan's settings: a grade scale in rows, best first, and the plan's policies."""

from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from shinchoku.domain.baseline import STANDINGS, BaselineRule, Standing, ToleranceKind
from shinchoku.domain.errors import GradeError
from shinchoku.domain.grades import CombinePolicy, Grade, GradeScale, MergePolicy
from shinchoku.domain.scale_presets import PRESETS
from shinchoku.domain.text import DASHES

# Enough rows for every preset (A/A′/B+/B/C) and one spare; an empty label leaves a row unused.
GRADE_ROWS = 6
COMBINE_CHOICES = [
    (CombinePolicy.MEAN.value, _("the mean of the indicators' achievement ratios")),
    (CombinePolicy.WORST.value, _("the lowest achievement ratio")),
    (CombinePolicy.BEST.value, _("the highest achievement ratio")),
    (CombinePolicy.BASELINE.value, _("the lowest standing against baseline and target (長与町, 福岡市)")),
]
TOLERANCE_KIND_CHOICES = [
    ("", "―"),
    (ToleranceKind.RELATIVE.value, _("% of the baseline (長与町: 10)")),
    (ToleranceKind.POINTS.value, _("points, in the indicator's unit (福岡市: 3)")),
]
STANDING_FIELDS = {
    Standing.REACHED: ("baseline_reached", _("grade when the target is reached")),
    Standing.IMPROVED: ("baseline_improved", _("grade when better than the baseline beyond the tolerance")),
    Standing.UNCHANGED: ("baseline_unchanged", _("grade when within the tolerance of the baseline")),
    Standing.WORSENED: ("baseline_worsened", _("grade when worse than the baseline beyond the tolerance")),
}
MERGE_CHOICES = [
    (MergePolicy.LOWER.value, _("the lower grade")),
    (MergePolicy.HIGHER.value, _("the higher grade")),
]
PRESET_CHOICES = [(key, scale.name) for key, scale in PRESETS.items()]


class PresetForm(forms.Form):
    """Fills the settings form with a preset scale (nothing is saved until the form is)."""

    preset = forms.ChoiceField(label=_("start from a preset scale"), choices=PRESET_CHOICES)


def _aliases(text: str) -> tuple[str, ...]:
    return tuple(a.strip() for a in text.replace("、", ",").split(",") if a.strip())


def scale_initial(scale: GradeScale) -> dict[str, Any]:
    """Return the form's initial values for a scale (the plan's own, or a preset)."""
    initial: dict[str, Any] = {"scale_name": scale.name}
    rows = [g for g in scale.grades if not g.not_evaluable]
    for i, grade in enumerate(rows[:GRADE_ROWS]):
        initial[f"label_{i}"] = grade.label
        initial[f"meaning_{i}"] = grade.meaning
        initial[f"criteria_{i}"] = grade.criteria
        initial[f"aliases_{i}"] = ", ".join(grade.aliases)
        initial[f"threshold_{i}"] = None if grade.min_ratio is None else grade.min_ratio * 100
    ne = scale.not_evaluable
    if ne is not None:
        initial["ne_label"] = ne.label
        initial["ne_meaning"] = ne.meaning
        initial["ne_criteria"] = ne.criteria
    return initial


def rule_initial(rule: BaselineRule | None) -> dict[str, Any]:
    """Return the form's initial values for the plan's baseline rule (tolerance of a relative rule in %)."""
    if rule is None:
        return {}
    scale = 100 if rule.kind is ToleranceKind.RELATIVE else 1
    initial: dict[str, Any] = {
        "baseline_tolerance": format((rule.tolerance * scale).normalize(), "f"),  # 10, not 1E+1
        "baseline_kind": rule.kind.value,
    }
    for standing, (name, _label) in STANDING_FIELDS.items():
        initial[name] = rule.label(standing)
    return initial


def _clean_rule(data: dict[str, Any], scale: GradeScale) -> BaselineRule | None:
    """Return the baseline rule the form gives, None when it is left empty; raise ValidationError in Japanese."""
    tolerance, kind = data.get("baseline_tolerance"), data.get("baseline_kind") or ""
    labels = {s: (data.get(STANDING_FIELDS[s][0]) or "").strip() for s in STANDINGS}
    if tolerance is None and not kind and not any(labels.values()):
        if data.get("combine_policy") == CombinePolicy.BASELINE.value:
            raise forms.ValidationError(
                _("Give the tolerance and the grades of grading against the baseline.")
            )
        return None
    if tolerance is None or not kind or not all(labels.values()):
        raise forms.ValidationError(
            _("Grading against the baseline needs the tolerance, its kind and a grade for each standing.")
        )
    stored = tolerance / 100 if kind == ToleranceKind.RELATIVE.value else tolerance
    rule = {
        "tolerance": format(stored.normalize(), "f"),  # 10 points, not 1E+1
        "kind": kind,
        "grades": {s.value: labels[s] for s in STANDINGS},
    }
    try:
        return scale.baseline_rule(rule)
    except GradeError as error:
        raise forms.ValidationError(str(error)) from error


class PlanSettingsForm(forms.Form):
    scale_name = forms.CharField(label=_("name of the grade scale"), max_length=100)
    combine_policy = forms.ChoiceField(
        label=_("one entry's several indicators give"), choices=COMBINE_CHOICES
    )
    merge_policy = forms.ChoiceField(label=_("several departments' grades give"), choices=MERGE_CHOICES)
    percent_places = forms.IntegerField(label=_("decimal places of percentages"), min_value=0, max_value=2)
    show_priority = forms.BooleanField(
        label=_("show counts of priority programs (うち重点) beside every total"),
        required=False,
        help_text=_("Mark the priority programs on the plan's page 「重点事業」."),
    )
    baseline_tolerance = forms.DecimalField(
        label=_("tolerance of grading against the baseline"),
        required=False,
        min_value=Decimal(0),
        max_digits=8,
        decimal_places=3,
    )
    baseline_kind = forms.ChoiceField(
        label=_("the tolerance is"), choices=TOLERANCE_KIND_CHOICES, required=False
    )
    ne_label = forms.CharField(label=_("not-evaluable grade (blank: none)"), max_length=20, required=False)
    ne_meaning = forms.CharField(label=_("its meaning"), max_length=100, required=False)
    ne_criteria = forms.CharField(
        label=_("its criteria"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for i in range(GRADE_ROWS):
            n = i + 1
            self.fields[f"label_{i}"] = forms.CharField(
                label=_("grade %(n)d: label") % {"n": n}, max_length=20, required=False
            )
            self.fields[f"meaning_{i}"] = forms.CharField(
                label=_("grade %(n)d: meaning") % {"n": n}, max_length=100, required=False
            )
            self.fields[f"criteria_{i}"] = forms.CharField(
                label=_("grade %(n)d: criteria") % {"n": n},
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
            )
            self.fields[f"threshold_{i}"] = forms.DecimalField(
                label=_("grade %(n)d: lowest achievement ratio (%%)") % {"n": n},
                required=False,
                min_value=Decimal(0),
                max_digits=6,
                decimal_places=2,
            )
            self.fields[f"aliases_{i}"] = forms.CharField(
                label=_("grade %(n)d: other spellings (comma-separated)") % {"n": n},
                max_length=100,
                required=False,
            )
        for name, label in STANDING_FIELDS.values():
            self.fields[name] = forms.CharField(label=label, max_length=20, required=False)

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        if self.errors:
            return data
        grades = []
        for i in range(GRADE_ROWS):
            label = (data.get(f"label_{i}") or "").strip()
            if not label:
                continue
            threshold = data.get(f"threshold_{i}")
            grades.append(
                Grade(
                    label=label,
                    meaning=(data.get(f"meaning_{i}") or "").strip(),
                    criteria=(data.get(f"criteria_{i}") or "").strip(),
                    aliases=_aliases(data.get(f"aliases_{i}") or ""),
                    min_ratio=None if threshold is None else (threshold / 100).normalize(),
                )
            )
        # A scale without any ratio threshold is graded by hand (川崎市's 1–5, the presets of
        # docs/practices.md): nothing is suggested from the figures. Thresholds that are given must
        # still fall from the best grade down (GradeScale refuses them otherwise).
        ne_label = (data.get("ne_label") or "").strip()
        if ne_label:
            dash = len(ne_label) == 1 and ne_label in DASHES
            grades.append(
                Grade(
                    label=ne_label,
                    meaning=(data.get("ne_meaning") or "").strip(),
                    criteria=(data.get("ne_criteria") or "").strip(),
                    aliases=tuple(sorted(DASHES)) if dash else (),
                    not_evaluable=True,
                )
            )
        try:
            data["scale"] = GradeScale(name=data["scale_name"].strip(), grades=tuple(grades))
        except GradeError as error:
            raise forms.ValidationError(str(error)) from error
        data["baseline_rule"] = _clean_rule(data, data["scale"])
        return data
