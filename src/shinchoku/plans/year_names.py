"""What a year's papers print: each department by its name at the end of that fiscal year.

A city renames and merges its departments (所管課) in April; a report of an earlier year still
names the departments as they were called in that year. The rule (docs/reports.md):

- **When.** The end of the fiscal year: 31 March, 24:00 JST (`domain.fiscal.fiscal_year_end`). A
  rename recorded before that instant belongs to the year; one on 1 April or later to the next. A
  report of FY2023 made in June 2024 prints the names of 31 March 2024, not those of June.
- **Which department.** A merge moves the source's entries to the target and deletes the source
  (`lifecycle/reorganization.py`), so the department an entry belonged to then is the first one in
  the entry's history that had not been merged away by the end of the year. An entry opened after
  the year ended (the usual case: a year is opened the next spring) belongs to the department it was
  opened for, even if that one was merged into another since.
- **Which name.** The department's last name in its history before the end of the year; a
  department added after the year ended prints the name it was added with; a department without
  history (written by a loader) prints today's name.

Everything is read as annotations of the entries' own query: no query more, however many rows.
"""

from collections.abc import Iterable
from typing import Any

from django.db.models import (
    Case,
    CharField,
    DateTimeField,
    Exists,
    F,
    IntegerField,
    OuterRef,
    QuerySet,
    Subquery,
    TextField,
    Value,
    When,
)
from django.db.models.functions import Coalesce

from shinchoku.accounts.models import Department
from shinchoku.domain.fiscal import fiscal_year_end
from shinchoku.plans.models import PlanYear, YearlyEntry

PRINTED_NAME = "department_name_of_year"
WORDING = "not_evaluable_wording_of_year"


def with_names_of_their_year(
    entries: QuerySet[YearlyEntry], fiscal_years: Iterable[int]
) -> QuerySet[YearlyEntry]:
    """Return the entries with each one's department name as at the end of its fiscal year.

    fiscal_years: the years the entries may be of (the instant each year ends is written into the query).
    Read it with printed_department(entry).
    """
    years = sorted(set(fiscal_years))
    if not years:
        return entries
    ends: Any = (
        Value(fiscal_year_end(years[0]), output_field=DateTimeField())
        if len(years) == 1
        else Case(
            *[When(fiscal_year=year, then=Value(fiscal_year_end(year))) for year in years],
            output_field=DateTimeField(),
        )
    )
    departments = Department.history
    merged_away = departments.filter(
        id=OuterRef("department_id"), history_type="-", history_date__lt=OuterRef(OuterRef("names_year_end"))
    )
    department_then = Subquery(
        YearlyEntry.history.filter(id=OuterRef("pk"))
        .filter(~Exists(merged_away))
        .order_by("history_id")  # the order the changes were recorded in
        .values("department_id")[:1]
    )
    named_by_then = departments.filter(
        id=OuterRef("names_department_then"), history_date__lt=OuterRef("names_year_end")
    )
    named_first = departments.filter(id=OuterRef("names_department_then"))
    return (
        entries.annotate(names_year_end=ends)
        .annotate(
            names_department_then=Coalesce(department_then, F("department_id"), output_field=IntegerField())
        )
        .annotate(
            **{
                PRINTED_NAME: Coalesce(
                    Subquery(named_by_then.order_by("-history_date", "-history_id").values("name")[:1]),
                    Subquery(named_first.order_by("history_id").values("name")[:1]),
                    F("department__name"),
                    output_field=CharField(),
                )
            }
        )
    )


def printed_department(entry: YearlyEntry) -> str:
    """Return the department's name a report of the entry's year prints (today's if not annotated)."""
    name = getattr(entry, PRINTED_NAME, None)
    return str(name) if name else entry.department.name


def with_wording_of_their_year(entries: QuerySet[YearlyEntry]) -> QuerySet[YearlyEntry]:
    """Return the entries with their year's wording of the not-evaluable grade (empty: the scale's)."""
    wording = PlanYear.objects.filter(
        plan_id=OuterRef("program__plan_id"), fiscal_year=OuterRef("fiscal_year")
    ).values("not_evaluable_wording")[:1]
    return entries.annotate(**{WORDING: Coalesce(Subquery(wording), Value(""), output_field=TextField())})


def wording_of(entries: Iterable[YearlyEntry]) -> str:
    """Return the year's wording of － carried by its entries (read with with_wording_of_their_year)."""
    return next((str(getattr(e, WORDING, "") or "") for e in entries), "")
