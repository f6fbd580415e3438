"""Council reads for the entry pages and the reports (who may read what is in ``council.access``)."""

from django.db.models import Q, QuerySet

from shinchoku.council.models import Opinion, PrActivity, ReportPack, ResponseStatus
from shinchoku.domain.fiscal import fiscal_year_of
from shinchoku.plans.models import Plan, Program
from shinchoku.reports.exports import report_payload
from shinchoku.reports.packs import ActivityRow, CouncilPack, OpinionRow, ResponseRow


def open_opinions_for(
    program: Program, fiscal_year: int, *, among: QuerySet[Opinion] | None = None
) -> list[Opinion]:
    """Return the unanswered opinions about a program, its areas or the whole plan, given by that year.

    among: the opinions the reader may see (``council.access.visible_opinions``); all when omitted.
    """
    nodes = [listing.node for listing in program.listings.select_related("node__parent__parent")]
    node_ids = {n.pk for node in nodes for n in node.ancestors()}
    opinions = Opinion.objects.all() if among is None else among
    candidates = opinions.filter(plan_id=program.plan_id, fiscal_year__lte=fiscal_year).filter(
        Q(program=program) | Q(area_id__in=node_ids) | Q(program__isnull=True, area__isnull=True)
    )
    return [o for o in candidates.prefetch_related("responses") if o.is_open()]


def pr_activities_for(plan: Plan, fiscal_year: int) -> list[PrActivity]:
    """Return the activities from the start of the fiscal year on (the report lists what is recent)."""
    return [
        a
        for a in PrActivity.objects.filter(organization=plan.organization).prefetch_related("programs")
        if fiscal_year_of(a.held_on) >= fiscal_year
    ]


def opinions_for_report(plan: Plan, fiscal_year: int) -> list[tuple[Opinion, bool]]:
    """Return the year's opinions and every earlier one still open, each with whether it is open."""
    opinions = (
        Opinion.objects.filter(plan=plan, fiscal_year__lte=fiscal_year)
        .select_related("meeting", "program", "area__parent__parent")
        .prefetch_related("responses__department")
    )
    shown = [(o, _is_open(o)) for o in opinions]
    return [(o, is_open) for o, is_open in shown if o.fiscal_year == fiscal_year or is_open]


def _is_open(opinion: Opinion) -> bool:
    """Return Opinion.is_open() from the prefetched responses (no query per opinion)."""
    responses = list(opinion.responses.all())
    latest = max(responses, key=lambda r: (r.at, r.pk), default=None)
    return latest is None or latest.status != ResponseStatus.DONE


def report_pack(plan: Plan, fiscal_year: int) -> CouncilPack:
    """Return the council's part of the plan-year's report (registered with reports.packs)."""
    return CouncilPack(
        pr_activities=[
            ActivityRow(
                held_on=a.held_on,
                when=a.when(),
                title=a.title,
                kind=a.get_kind_display(),
                partner=a.partner,
                description=a.description,
                programs=sorted(p.number for p in a.programs.all()),
            )
            for a in pr_activities_for(plan, fiscal_year)
        ],
        opinions=[
            OpinionRow(
                fiscal_year=o.fiscal_year,
                meeting=str(o.meeting) if o.meeting else "",
                text=o.text,
                program=o.program.number if o.program else None,
                area=o.area.path_label() if o.area else None,
                open=is_open,
                responses=[
                    ResponseRow(
                        status=r.get_status_display(),
                        text=r.text,
                        reason=r.reason,
                        department=r.department.name if r.department else "",
                    )
                    for r in o.responses.all()
                ],
            )
            for o, is_open in opinions_for_report(plan, fiscal_year)
        ],
    )


def pack_changes(
    pack: ReportPack,
) -> tuple[list[tuple[str, str, int, int]], list[tuple[str, int, int]]]:
    """Return what changed in the confirmed figures since the pack was frozen.

    First each area's grade counts that differ (area, grade, then, now), then the plan's (grade, then, now).
    """
    now = report_payload(pack.meeting.plan, pack.fiscal_year, confirmed_only=True)
    labels = now["scale"]
    changes = [
        (area["number"], label, before["counts"][label], area["counts"][label])
        for area, before in zip(now["by_area"], pack.figures["by_area"], strict=False)
        for label in labels
        if area["counts"][label] != before["counts"][label]
    ]
    overall = [
        (label, pack.figures["overall"][label], now["overall"][label])
        for label in labels
        if pack.figures["overall"][label] != now["overall"][label]
    ]
    return changes, overall
