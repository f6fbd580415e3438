"""An entry's grades on its plan's further dimensions, as the workflow's steps save and require them."""

from collections.abc import Mapping

from shinchoku.domain.dimensions import DimensionError, clean_grades, missing_grades, parse_dimensions
from shinchoku.plans.models import YearlyEntry
from shinchoku.plans.workflow.errors import WorkflowError


def merged_grades(entry: YearlyEntry, given: Mapping[str, str]) -> dict[str, str]:
    """Return the entry's grades with the given ones read on each scale (a blank clears one).

    Grades kept under a key the plan no longer has (a dimension removed after it was graded) stay,
    so that adding the dimension again brings them back.
    """
    dimensions = parse_dimensions(entry.program.plan.dimensions)
    try:
        cleaned = clean_grades(dimensions, given)
    except DimensionError as error:
        raise WorkflowError(str(error)) from error
    keys = {d.key for d in dimensions}
    kept = {k: v for k, v in (entry.dimension_grades or {}).items() if k not in keys}
    return kept | cleaned


def missing_dimension_names(entry: YearlyEntry) -> list[str]:
    """Return the dimensions the entry still needs a grade on; none when it is excluded (評価対象外)."""
    if entry.excluded:
        return []
    return missing_grades(parse_dimensions(entry.program.plan.dimensions), entry.dimension_grades or {})
