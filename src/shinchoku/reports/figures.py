"""The figures of a plan-year as plain data, built from the database without HTTP."""

from collections.abc import Iterable
from dataclasses import dataclass, field

from shinchoku.domain.evaluation import DepartmentGrade, EvaluationType, ProgramGrade, grade_program
from shinchoku.domain.exclusion import ExcludedProgram, set_aside_excluded
from shinchoku.domain.figures import (
    GradeCounts,
    Level,
    ListingRow,
    PublishedDifference,
    YearFigures,
    compute_figures,
)
from shinchoku.domain.fiscal import wareki_label
from shinchoku.domain.grades import GradeScale, MergePolicy
from shinchoku.plans.models import (
    EntryStatus,
    Listing,
    Plan,
    PlanNode,
    PlanYear,
    PublishedTally,
    YearlyEntry,
    in_period,
)
from shinchoku.plans.year_names import (
    PRINTED_NAME,
    printed_department,
    with_names_of_their_year,
    with_wording_of_their_year,
    wording_of,
)
from shinchoku.reports.dimension_figures import build_dimension_figures
from shinchoku.reports.measures import measures_of_year
from shinchoku.reports.practices import PriorityInput, priority_programs, year_priority


class ReportInputError(ValueError):
    """A plan or year that cannot be reported on; the message is one Japanese line."""


def find_plan(*, slug: str | None, fiscal_year: int) -> Plan:
    """Return the plan named by slug, or the only plan covering the year when slug is None."""
    if slug is not None:
        plan = Plan.objects.select_related("organization").filter(slug=slug).first()
        if plan is None:
            raise ReportInputError(f"計画「{slug}」はありません。")
        return plan
    candidates = [p for p in Plan.objects.select_related("organization") if p.covers(fiscal_year)]
    if len(candidates) == 1:
        return candidates[0]
    if not candidates:
        raise ReportInputError(
            f"{wareki_label(fiscal_year)}（{fiscal_year}年度）を期間に含む計画はありません。"
        )
    slugs = "、".join(p.slug for p in candidates)
    raise ReportInputError(
        f"{wareki_label(fiscal_year)}の計画が複数あります。--plan で選んでください: {slugs}"
    )


@dataclass(frozen=True)
class PlanRows:
    """What a plan's figures are computed from, read in three queries for all its years at once."""

    entries: dict[int, list[YearlyEntry]]  # by fiscal year, in program and department order
    listings: list[Listing]  # every listing ever, in the plan's printed order
    published: dict[int, PublishedTally]
    # The years' own lists of priority programs (PlanYear.priority_numbers), read only for a plan
    # that shows 「うち重点」: a year absent or None uses the programs' marks.
    priority_numbers: dict[int, list[int] | None] = field(default_factory=dict)

    def listings_in(self, fiscal_year: int) -> list[Listing]:
        """Return the listings of the year: a revision (見直し) ends and starts listings and programs."""
        return [
            listing
            for listing in self.listings
            if in_period(listing.first_year, listing.last_year, fiscal_year)
            and in_period(listing.program.first_year, listing.program.last_year, fiscal_year)
        ]

    def scale_of_year(self, plan: Plan, fiscal_year: int) -> GradeScale:
        """Return the plan's scale with the year's wording of － (that year's cause), when it has one."""
        return plan.scale().with_not_evaluable_criteria(wording_of(self.entries.get(fiscal_year, [])))


def read_plan_rows(plan: Plan, fiscal_years: Iterable[int] | None = None) -> PlanRows:
    """Return the plan's entries (of the given years, or all), listings and published tallies."""
    entries = YearlyEntry.objects.filter(program__plan=plan)
    years = range(plan.first_year, plan.last_year + 1) if fiscal_years is None else list(fiscal_years)
    if fiscal_years is not None:
        entries = entries.filter(fiscal_year__in=years)
    # Each year's departments by their names of that year, and its wording of －, in the same query.
    entries = with_wording_of_their_year(with_names_of_their_year(entries, years))
    by_year: dict[int, list[YearlyEntry]] = {}
    for entry in entries.select_related("program", "department").order_by("program__number", PRINTED_NAME):
        by_year.setdefault(entry.fiscal_year, []).append(entry)
    listings = list(
        Listing.objects.filter(program__plan=plan)
        .select_related("program", "node__parent__parent__parent")
        .order_by("node__position", "position")
    )
    published = {t.fiscal_year: t for t in PublishedTally.objects.filter(plan=plan)}
    priority: dict[int, list[int] | None] = {}
    if plan.show_priority:
        priority = dict(PlanYear.objects.filter(plan=plan).values_list("fiscal_year", "priority_numbers"))
    return PlanRows(by_year, listings, published, priority)


def build_figures(
    plan: Plan, fiscal_year: int, *, confirmed_only: bool = False, rows: PlanRows | None = None
) -> YearFigures:
    """Return the year's figures: the JSON contract of docs/figures.md and the report's tables.

    With confirmed_only, entries not yet confirmed are left out (what council
    members and departments see while the secretariat is still reviewing).

    rows, when given, were read by a caller that needs them for other years or sections too.
    """
    if not plan.covers(fiscal_year):
        raise ReportInputError(
            f"{wareki_label(fiscal_year)}（{fiscal_year}年度）は計画「{plan.name}」の期間"
            f"（{plan.first_year}〜{plan.last_year}年度）外です。"
        )
    scale = plan.scale()
    rows = rows or read_plan_rows(plan, [fiscal_year])
    entries = rows.entries.get(fiscal_year, [])
    if confirmed_only:
        entries = [e for e in entries if e.status == EntryStatus.CONFIRMED]
    if not entries and not confirmed_only:
        raise ReportInputError(f"{wareki_label(fiscal_year)}の年度別取組がまだありません。")
    programs, excluded = _graded_programs(plan, scale, entries)
    left_out = {p["program"] for p in excluded}
    year_listings = rows.listings_in(fiscal_year)
    counted = [x for x in year_listings if x.program.number not in left_out]
    listings = [_listing_row(x.node, x.program.number, x.is_relisting) for x in counted]
    marks = {x.program.number for x in year_listings if x.program.is_priority}
    year_numbers = rows.priority_numbers.get(fiscal_year)
    marked = priority_programs(plan, year_numbers, marks)  # None unless the plan shows 「うち重点」
    dimensions = build_dimension_figures(plan, entries, listings, marked)
    figures = compute_figures(
        scale=scale, listings=listings, programs=programs, places=plan.percent_places, dimensions=dimensions
    )
    return YearFigures(
        plan=plan.name,
        plan_slug=plan.slug,
        organization=plan.organization.name,
        fiscal_year=fiscal_year,
        label=wareki_label(fiscal_year),
        counting=plan.counting,
        confirmed_only=confirmed_only,
        **figures,
        published=_published_difference(
            plan, rows.published.get(fiscal_year), figures["overall"], scale.labels
        ),
        measures=measures_of_year(
            plan, fiscal_year, listings=year_listings, programs=programs, entries=entries
        ),
        priority=year_priority(
            plan,
            year_numbers,
            marks,
            PriorityInput(totals=figures, listings=listings, programs=programs),
        ),
        excluded=excluded,
    )


def _graded_programs(
    plan: Plan, scale: GradeScale, entries: list[YearlyEntry]
) -> tuple[list[ProgramGrade], list[ExcludedProgram]]:
    """Return each counted program's grade, merged from its departments' entries by the plan's policy.

    Programs excluded from the count (評価対象外, domain/exclusion.py) come back apart.
    """
    by_program: dict[int, list[DepartmentGrade]] = {}
    titles: dict[int, str] = {}
    for entry in entries:
        titles[entry.program.number] = entry.program.title
        by_program.setdefault(entry.program.number, []).append(
            DepartmentGrade(
                department=printed_department(entry),
                evaluation_type=EvaluationType(entry.evaluation_type),
                suggested=entry.suggested_grade or None,
                final=entry.final_grade or None,
                reason=entry.reason,
                confirmed=entry.status == EntryStatus.CONFIRMED,
                excluded=entry.excluded,
                excluded_reason=entry.excluded_reason,
            )
        )
    counted, excluded = set_aside_excluded(by_program, titles)
    graded = [
        grade_program(
            scale=scale,
            number=number,
            title=titles[number],
            departments=grades,
            policy=MergePolicy(plan.merge_policy),
        )
        for number, grades in counted.items()
    ]
    return graded, excluded


def _listing_row(node: PlanNode, number: int, is_relisting: bool) -> ListingRow:
    chain = node.ancestors()
    area = chain[0]
    return ListingRow(
        area=Level(path=area.label, title=area.title),
        level=Level(path=node.path_label(), title=node.title),
        program=number,
        is_relisting=is_relisting,
    )


def _published_difference(
    plan: Plan, published: PublishedTally | None, overall: GradeCounts, labels: tuple[str, ...]
) -> PublishedDifference | None:
    """Return how the figures the city published by hand differ from the computed ones."""
    if published is None:
        return None
    scale = plan.scale()
    counts = dict.fromkeys(labels, 0)
    for spelling, n in published.overall.items():
        counts[scale.parse(spelling).label] += int(n)
    difference = {label: overall[label] - counts[label] for label in labels}
    return PublishedDifference(
        source=published.source,
        overall=counts,
        difference=difference,
        agrees=not any(difference.values()),
    )


def provisional_label(entries: Iterable[YearlyEntry], *, confirmed_only: bool) -> str:
    """Return 「暫定版（未確定 n件）」 when the report includes entries not yet confirmed, else "".

    A report printed while the secretariat is still reviewing must say so on every page: its
    figures will change, and a page copied out of it must not pass for the final one.
    """
    if confirmed_only:
        return ""  # the unconfirmed entries are left out, so nothing printed is provisional
    unconfirmed = sum(1 for entry in entries if entry.status != EntryStatus.CONFIRMED)
    return f"暫定版（未確定 {unconfirmed}件）" if unconfirmed else ""
