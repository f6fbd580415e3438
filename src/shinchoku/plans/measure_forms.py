"""The forms of measure grading: the plan's rule (settings) and a measure's grade given by hand."""

from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from shinchoku.domain.grades import Grade, GradeScale
from shinchoku.domain.measures import MAX_DEPTH, REASON_MAX, MeasureRule, MeasureRuleError, parse_rule
from shinchoku.domain.text import DASHES

# Enough rows for a measure scale of seven grades (S/A/B/C/D/E and the fallback).
THRESHOLD_ROWS = 6
KIND_CHOICES = [
    ("", _("measures are not graded")),
    ("shares", _("by the share of programs at or above a grade")),
    ("lowest", _("by the lowest program grade")),
    ("by_hand", _("by hand, with a reason")),
]


def _labels(text: str) -> list[str]:
    return [a.strip() for a in text.replace("、", ",").replace("/", ",").split(",") if a.strip()]


def rule_initial(rule: MeasureRule | None) -> dict[str, Any]:
    """Return the form's initial values for the plan's rule (or its defaults when there is none)."""
    if rule is None:
        return {"kind": "", "depth": 2, "scale_name": "施策の評価", "labels": "A, B, C, D"}
    evaluable = [g.label for g in rule.scale.grades if not g.not_evaluable]
    ne = rule.scale.not_evaluable
    initial: dict[str, Any] = {
        "kind": rule.kind.value,
        "depth": rule.depth,
        "scale_name": rule.scale.name,
        "labels": ", ".join(evaluable),
        "ne_label": ne.label if ne else "",
    }
    for i, t in enumerate(rule.thresholds):
        initial[f"at_least_{i}"] = t.at_least
        initial[f"percent_{i}"] = t.percent
    for i, (_program, measure) in enumerate(rule.mapping):
        initial[f"map_{i}"] = measure
    return initial


class MeasureRuleForm(forms.Form):
    kind = forms.ChoiceField(label=_("how measures are graded"), choices=KIND_CHOICES, required=False)
    depth = forms.IntegerField(
        label=_("level of the measures (1 = areas, 2 = the level below)"), min_value=1, max_value=MAX_DEPTH
    )
    scale_name = forms.CharField(label=_("name of the measures' scale"), max_length=100)
    labels = forms.CharField(label=_("the measures' grades, best first (comma-separated)"), max_length=200)
    ne_label = forms.CharField(label=_("not-evaluable grade (blank: none)"), max_length=20, required=False)

    def __init__(
        self, *args: Any, program_scale: GradeScale, current: MeasureRule | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.program_scale = program_scale
        # The form edits labels only: a label kept keeps its meaning and criteria (順調, やや遅れ…).
        self.kept = {g.label: g for g in current.scale.grades} if current else {}
        self.program_labels = [g.label for g in program_scale.grades if not g.not_evaluable]
        at_least = [("", "—")] + [(label, label) for label in self.program_labels]
        for i in range(THRESHOLD_ROWS):
            n = i + 1
            self.fields[f"at_least_{i}"] = forms.ChoiceField(
                label=_("measure grade %(n)d: programs at or above") % {"n": n},
                choices=at_least,
                required=False,
            )
            self.fields[f"percent_{i}"] = forms.DecimalField(
                label=_("measure grade %(n)d: at least this share (%%)") % {"n": n},
                required=False,
                min_value=Decimal("0.01"),
                max_value=Decimal(100),
                max_digits=5,
                decimal_places=2,
            )
        for i, label in enumerate(self.program_labels):
            self.fields[f"map_{i}"] = forms.CharField(
                label=_("a lowest program grade %(label)s gives") % {"label": label},
                max_length=20,
                required=False,
            )

    def threshold_rows(self) -> list[tuple[forms.BoundField, forms.BoundField]]:
        return [(self[f"at_least_{i}"], self[f"percent_{i}"]) for i in range(THRESHOLD_ROWS)]

    def mapping_rows(self) -> list[forms.BoundField]:
        return [self[f"map_{i}"] for i in range(len(self.program_labels))]

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        if self.errors:
            return data
        if not data.get("kind"):
            data["rule"] = None
            return data
        try:
            data["rule"] = parse_rule(self._rule_data(data), self.program_scale)
        except MeasureRuleError as error:
            raise forms.ValidationError(str(error)) from error
        return data

    def _grade(self, label: str) -> Grade:
        kept = self.kept.get(label)
        if kept is None or kept.not_evaluable:
            return Grade(label=label)
        return Grade(label=label, meaning=kept.meaning, criteria=kept.criteria, aliases=kept.aliases)

    def _rule_data(self, data: dict[str, Any]) -> dict[str, Any]:
        labels = _labels(data["labels"])
        grades = [self._grade(label) for label in labels]
        ne_label = (data.get("ne_label") or "").strip()
        if ne_label:
            dash = len(ne_label) == 1 and ne_label in DASHES
            grades.append(
                Grade(label=ne_label, aliases=tuple(sorted(DASHES)) if dash else (), not_evaluable=True)
            )
        try:
            scale = GradeScale(name=data["scale_name"].strip(), grades=tuple(grades))
        except ValueError as error:
            raise MeasureRuleError(
                _("The scale of measures cannot be read: %(error)s") % {"error": error}
            ) from error
        thresholds = []
        for i, label in enumerate(labels[:-1][:THRESHOLD_ROWS]):
            at_least, percent = data.get(f"at_least_{i}"), data.get(f"percent_{i}")
            if data["kind"] == "shares" and (not at_least or percent is None):
                raise MeasureRuleError(
                    _("Enter the threshold of the measure grade “%(label)s” (a program grade and a share).")
                    % {"label": label}
                )
            thresholds.append({"grade": label, "at_least": at_least, "percent": str(percent)})
        mapping = {p: (data.get(f"map_{i}") or "").strip() for i, p in enumerate(self.program_labels)}
        missing = [p for p, m in mapping.items() if not m]
        if data["kind"] == "lowest" and missing:
            raise MeasureRuleError(
                _("Enter the measure grade that the program grade “%(label)s” gives.") % {"label": missing[0]}
            )
        return {
            "kind": data["kind"],
            "depth": data["depth"],
            "scale": scale.to_dict(),
            "thresholds": thresholds,
            "mapping": mapping,
        }


_RELOAD_NODE = {
    key: _("The measure of this form could not be read: open the page again and choose it there.")
    for key in ("required", "invalid")
}
_RELOAD_VERSION = {
    key: _("The page's version of this grade could not be read: open the page again and save from there.")
    for key in ("required", "invalid", "min_value")
}


class MeasureGradeForm(forms.Form):
    """A measure's grade given by hand: the grade, the reason (required) and the page's version."""

    node = forms.IntegerField(widget=forms.HiddenInput, error_messages=_RELOAD_NODE)
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0, error_messages=_RELOAD_VERSION)
    # Not required here: the service refuses a missing grade or reason with its own Japanese message.
    grade = forms.CharField(
        label=_("grade of the measure"),
        max_length=20,
        required=False,
        error_messages={"max_length": _("A grade of a measure is at most %(limit_value)d characters.")},
    )
    reason = forms.CharField(
        label=_("reason for the grade"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=REASON_MAX,
        error_messages={
            "max_length": _(
                "Write the reason in at most %(limit_value)d characters (you typed %(show_value)d)."
            )
        },
    )
    withdraw = forms.CharField(required=False)

    def clean_reason(self) -> str:
        # Browsers send a textarea's line breaks as CRLF; the stored reason keeps LF.
        return str(self.cleaned_data.get("reason") or "").replace("\r\n", "\n")

    def clean_withdraw(self) -> bool:
        """Only a true value withdraws (the button sends "on"); "0", "false" or nothing does not."""
        return str(self.cleaned_data.get("withdraw") or "").strip().lower() in {"on", "1", "true", "yes"}
