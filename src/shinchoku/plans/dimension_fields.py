"""One select per further dimension on the entry form and the secretariat's review (川崎市 妥当性…).

The choices are the dimension's scale, best first; what is posted is read by the domain
(``Dimension.parse``), so a label the scale does not know is refused in Japanese with the rest of
the typed input kept, exactly as an imported sheet's cell would be.
"""

from typing import Any

from django import forms
from django.utils.translation import gettext as _

from shinchoku.domain.dimensions import Dimension, DimensionError, parse_dimensions
from shinchoku.plans.models import Plan, YearlyEntry

PREFIX = "dim_"


def plan_dimensions(plan: Plan) -> tuple[Dimension, ...]:
    """Return the plan's further dimensions, in its order."""
    return parse_dimensions(plan.dimensions)


def add_fields(form: forms.Form, plan: Plan) -> tuple[Dimension, ...]:
    """Add one select per dimension of the plan to the form; return the dimensions."""
    dimensions = plan_dimensions(plan)
    for dimension in dimensions:
        choices = [("", _("―― choose ――"))] + [
            (g.label, f"{g.label}　{g.meaning}".strip()) for g in dimension.scale.grades
        ]
        form.fields[PREFIX + dimension.key] = forms.CharField(
            label=dimension.name, required=False, max_length=20, widget=forms.Select(choices=choices)
        )
    return dimensions


def clean_fields(form: forms.Form, dimensions: tuple[Dimension, ...], data: dict[str, Any]) -> None:
    """Read each dimension's posted grade on its scale into data["dimension_grades"], or add its error."""
    grades: dict[str, str] = {}
    for dimension in dimensions:
        name = PREFIX + dimension.key
        text = (data.get(name) or "").strip()
        if not text:
            continue
        try:
            grades[dimension.key] = dimension.parse(text).label
        except DimensionError as error:
            form.add_error(name, str(error))
    data["dimension_grades"] = grades


def initial_values(entry: YearlyEntry) -> dict[str, str]:
    """Return the entry's grades as the form's initial values."""
    grades = entry.dimension_grades or {}
    return {PREFIX + d.key: str(grades.get(d.key, "")) for d in plan_dimensions(entry.program.plan)}


def bound_fields(form: forms.Form) -> list[forms.BoundField]:
    """Return the form's dimension selects, in the plan's order (for a template that lays fields out)."""
    return [form[name] for name in form.fields if name.startswith(PREFIX)]


def grade_rows(entry: YearlyEntry) -> list[tuple[str, str]]:
    """Return (dimension name, grade with its meaning) for an entry's page, in the plan's order."""
    grades = entry.dimension_grades or {}
    rows = []
    for dimension in plan_dimensions(entry.program.plan):
        label = str(grades.get(dimension.key, ""))
        meaning = next((g.meaning for g in dimension.scale.grades if g.label == label), "")
        rows.append((dimension.name, f"{label}　{meaning}".strip() if label else "―"))
    return rows
