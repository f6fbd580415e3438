"""The forms of a plan's further dimensions: a name, a key (when added) and a scale in rows, best first."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from shinchoku.domain.dimensions import Dimension, DimensionError
from shinchoku.domain.errors import GradeError
from shinchoku.domain.grades import Grade, GradeScale
from shinchoku.domain.scale_presets import PRESETS
from shinchoku.domain.text import DASHES

GRADE_ROWS = 6
DIMENSION_PRESETS = ("five-to-one", "status-i-iv", "one-to-five", "s-to-c", "three-level")
PRESET_CHOICES = [(key, PRESETS[key].name) for key in DIMENSION_PRESETS]


class DimensionPresetForm(forms.Form):
    """Fills the new dimension's scale with a preset (nothing is saved until the form is)."""

    preset = forms.ChoiceField(label=_("start from a preset scale"), choices=PRESET_CHOICES)


def dimension_initial(scale: GradeScale, name: str = "") -> dict[str, Any]:
    """Return the form's initial values for a scale (a dimension's own, or a preset)."""
    initial: dict[str, Any] = {"name": name}
    rows = [g for g in scale.grades if not g.not_evaluable]
    for i, grade in enumerate(rows[:GRADE_ROWS]):
        initial[f"label_{i}"] = grade.label
        initial[f"meaning_{i}"] = grade.meaning
        initial[f"aliases_{i}"] = ", ".join(grade.aliases)
    ne = scale.not_evaluable
    if ne is not None:
        initial["ne_label"] = ne.label
        initial["ne_meaning"] = ne.meaning
        initial["ne_aliases"] = ", ".join(ne.aliases)
    return initial


class DimensionForm(forms.Form):
    """A dimension's name and scale; its key too when it is added (a key never changes)."""

    seen = forms.CharField(widget=forms.HiddenInput)
    name = forms.CharField(label=_("name of the dimension (as printed)"), max_length=60)
    ne_label = forms.CharField(label=_("not-evaluable grade (blank: none)"), max_length=20, required=False)
    ne_meaning = forms.CharField(label=_("its meaning"), max_length=100, required=False)
    ne_aliases = forms.CharField(label=_("its other spellings"), max_length=100, required=False)

    def __init__(self, *args: Any, with_key: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if with_key:
            self.fields["key"] = forms.CharField(
                label=_("key (lower-case letters, digits and _; used in files, never changed)"),
                max_length=30,
            )
        for i in range(GRADE_ROWS):
            n = i + 1
            self.fields[f"label_{i}"] = forms.CharField(
                label=_("grade %(n)d: label") % {"n": n}, max_length=20, required=False
            )
            self.fields[f"meaning_{i}"] = forms.CharField(
                label=_("grade %(n)d: meaning") % {"n": n}, max_length=100, required=False
            )
            self.fields[f"aliases_{i}"] = forms.CharField(
                label=_("grade %(n)d: other spellings (comma-separated)") % {"n": n},
                max_length=100,
                required=False,
            )

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        if self.errors:
            return data
        grades = [
            Grade(
                label=label,
                meaning=(data.get(f"meaning_{i}") or "").strip(),
                aliases=_aliases(data.get(f"aliases_{i}") or ""),
            )
            for i in range(GRADE_ROWS)
            if (label := (data.get(f"label_{i}") or "").strip())
        ]
        ne_label = (data.get("ne_label") or "").strip()
        if ne_label:
            dash = len(ne_label) == 1 and ne_label in DASHES
            grades.append(
                Grade(
                    label=ne_label,
                    meaning=(data.get("ne_meaning") or "").strip(),
                    aliases=tuple(sorted(DASHES)) if dash else _aliases(data.get("ne_aliases") or ""),
                    not_evaluable=True,
                )
            )
        try:
            name = data["name"].strip()
            scale = GradeScale(name=name, grades=tuple(grades))
            data["dimension"] = Dimension(
                key=(data.get("key") or "placeholder").strip(), name=name, scale=scale
            )
        except (GradeError, DimensionError) as error:
            raise forms.ValidationError(str(error)) from error
        return data


class RemoveDimensionForm(forms.Form):
    seen = forms.CharField(widget=forms.HiddenInput)
    confirm = forms.BooleanField(label=_("remove it even though entries have graded it"), required=False)


class MoveDimensionForm(forms.Form):
    seen = forms.CharField(widget=forms.HiddenInput)
    offset = forms.TypedChoiceField(choices=[("-1", "-1"), ("1", "1")], coerce=int)


def _aliases(text: str) -> tuple[str, ...]:
    return tuple(a.strip() for a in text.replace("、", ",").split(",") if a.strip())
