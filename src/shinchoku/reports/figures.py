"""The figures of a plan-year as plain data, built from the database without HTTP."""

from collections.abc import Sequence
from typing import Any

from shinchoku.domain.evaluation import DepartmentGrade, EvaluationType, grade_program
from shinchoku.domain.figures import Level, ListingRow, compute_figures
from shinchoku.domain.fiscal import wareki_label
from shinchoku.domain.grades import MergePolicy
from shinchoku.plans.models import EntryStatus, Listing, Plan, PlanNode, PublishedTally
from shinchoku.plans.queries import entries_of, listings_of


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


def build_figures(
    plan: Plan, fiscal_year: int, *, confirmed_only: bool = False, listings: Sequence[Listing] | None = None
) -> dict[str, Any]:
    """Return the year's figures: the JSON contract of DESIGN.md and the report's tables.

    With confirmed_only, entries not yet confirmed are left out (what council
    members and departments see while the secretariat is still reviewing).

    listings, when given, are the plan's listings of the year (listings_of), read once by a
    caller that needs them too.
    """
    if not plan.covers(fiscal_year):
        raise ReportInputError(
            f"{wareki_label(fiscal_year)}（{fiscal_year}年度）は計画「{plan.name}」の期間"
            f"（{plan.first_year}〜{plan.last_year}年度）外です。"
        )
    scale = plan.scale()
    entries = list(entries_of(plan, fiscal_year))
    if confirmed_only:
        entries = [e for e in entries if e.status == EntryStatus.CONFIRMED]
    if not entries and not confirmed_only:
        raise ReportInputError(f"{wareki_label(fiscal_year)}の年度別取組がまだありません。")
    by_program: dict[int, list[DepartmentGrade]] = {}
    titles: dict[int, str] = {}
    for entry in entries:
        titles[entry.program.number] = entry.program.title
        by_program.setdefault(entry.program.number, []).append(
            DepartmentGrade(
                department=entry.department.name,
                evaluation_type=EvaluationType(entry.evaluation_type),
                suggested=entry.suggested_grade or None,
                final=entry.final_grade or None,
                reason=entry.reason,
                confirmed=entry.status == EntryStatus.CONFIRMED,
            )
        )
    programs = [
        grade_program(
            scale=scale,
            number=number,
            title=titles[number],
            departments=grades,
            policy=MergePolicy(plan.merge_policy),
        )
        for number, grades in by_program.items()
    ]
    listings = [
        _listing_row(listing.node, listing.program.number, listing.is_relisting)
        for listing in (listings if listings is not None else listings_of(plan, fiscal_year))
    ]
    figures = compute_figures(scale=scale, listings=listings, programs=programs, places=plan.percent_places)
    return {
        "plan": plan.name,
        "plan_slug": plan.slug,
        "organization": plan.organization.name,
        "fiscal_year": fiscal_year,
        "label": wareki_label(fiscal_year),
        "counting": plan.counting,
        "confirmed_only": confirmed_only,
        **figures,
        "published": _published_difference(plan, fiscal_year, figures["overall"], scale.labels),
    }


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
    plan: Plan, fiscal_year: int, overall: dict[str, int], labels: tuple[str, ...]
) -> dict[str, Any] | None:
    """Return how the figures the city published by hand differ from the computed ones."""
    published = PublishedTally.objects.filter(plan=plan, fiscal_year=fiscal_year).first()
    if published is None:
        return None
    scale = plan.scale()
    counts = dict.fromkeys(labels, 0)
    for spelling, n in published.overall.items():
        counts[scale.parse(spelling).label] += int(n)
    difference = {label: overall[label] - counts[label] for label in labels}
    return {
        "source": published.source,
        "overall": counts,
        "difference": difference,
        "agrees": not any(difference.values()),
    }
