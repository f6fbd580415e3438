"""Reusable reads of plans, with the joins they need."""

from collections.abc import Iterable

from django.db.models import Exists, OuterRef, Q, QuerySet

from shinchoku.plans.models import (
    EntryEvent,
    Indicator,
    IndicatorValue,
    Listing,
    Plan,
    PlanNode,
    YearlyEntry,
    active_in,
)


def listings_of(plan: Plan, fiscal_year: int) -> QuerySet[Listing]:
    """Return the plan's listings of a fiscal year in the order the plan prints them, nodes joined.

    A revision (見直し) ends and starts listings and programs at a year: each year is
    reported in the structure it was evaluated under.
    """
    return (
        Listing.objects.filter(program__plan=plan)
        .filter(active_in(fiscal_year), active_in(fiscal_year, prefix="program__"))
        .select_related("program", "node__parent__parent__parent")
        .order_by("node__position", "position")
    )


def values_by_indicator(indicators: Iterable[Indicator], fiscal_year: int) -> dict[int, IndicatorValue]:
    """Return the indicators' value rows of the fiscal year, by indicator id (indicator joined)."""
    return {
        value.indicator_id: value
        for value in IndicatorValue.objects.filter(
            indicator__in=list(indicators), fiscal_year=fiscal_year
        ).select_related("indicator")
    }


def nodes_in_area(plan: Plan, area_label: str) -> list[int]:
    """Return the ids of the plan's nodes that lie in the area printed with this label ("1" for 重点項目1)."""
    rows = list(PlanNode.objects.filter(plan=plan).values_list("id", "parent_id", "label"))
    parents = {node_id: parent_id for node_id, parent_id, _ in rows}
    labels = {node_id: label for node_id, _, label in rows}

    def root(node_id: int) -> int:
        while parents[node_id] is not None:
            node_id = parents[node_id]
        return node_id

    return [node_id for node_id in parents if labels[root(node_id)] == area_label]


def values_of_entries(entries: QuerySet[YearlyEntry]) -> QuerySet[IndicatorValue]:
    """Return the indicator values whose year's entry is among entries (the indicator's department's, if it has one).

    A figure belongs to its year's entry: whoever may not read the entry (a draft, for the public
    and council members) may not read its figures either.
    """
    same_year = entries.filter(program=OuterRef("indicator__program"), fiscal_year=OuterRef("fiscal_year"))
    return IndicatorValue.objects.alias(
        has_entry=Exists(same_year),
        has_department_entry=Exists(same_year.filter(department=OuterRef("indicator__department"))),
    ).filter(Q(indicator__department__isnull=True, has_entry=True) | Q(has_department_entry=True))


def entry_among(entries: QuerySet[YearlyEntry]) -> Q:
    """Return the condition on an indicator value that its year's entry is among entries (as values_of_entries).

    As an annotation (ExpressionWrapper(…, BooleanField())) it is tested only on the rows a query has
    already found, by index, instead of steering the query's plan.
    """
    same_year = entries.filter(program=OuterRef("indicator__program"), fiscal_year=OuterRef("fiscal_year"))
    of_department = same_year.filter(department=OuterRef("indicator__department"))
    return (Q(indicator__department__isnull=True) & Exists(same_year)) | Q(Exists(of_department))


def withdrawals_of(entries: QuerySet[YearlyEntry]) -> QuerySet[EntryEvent]:
    """Return the departments' withdrawals (取り下げ) of these entries, latest first, for the status board."""
    return (
        EntryEvent.objects.filter(entry__in=entries, action=EntryEvent.Action.WITHDRAWN)
        .select_related("entry__program", "entry__department", "actor")
        .order_by("-at", "-pk")
    )


def programs_to_mark(plan: Plan, fiscal_year: int | None = None) -> list[tuple[int, str]]:
    """Return the plan's programs (of the year, when given) as (number, title), for marking 重点."""
    programs = plan.programs.order_by("number")
    if fiscal_year is not None:
        programs = programs.filter(active_in(fiscal_year))
    return list(programs.values_list("number", "title"))
