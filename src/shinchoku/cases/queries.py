"""Reads of cases used outside the case pages."""

from shinchoku.accounts.models import Organization
from shinchoku.cases.models import CaseSummary


def published_summaries(
    organization: Organization | int, report_year: int | None = None
) -> list[CaseSummary]:
    """Return the organization's published summaries that a supervisor approved as they now read.

    Publishing already needs that approval; checking it again here keeps a summary published
    before approvals existed, or changed by any other path since, out of the council report.
    """
    summaries = CaseSummary.objects.filter(
        case__organization=organization, published_at__isnull=False, approved_at__isnull=False
    ).select_related("case")
    if report_year is not None:
        summaries = summaries.filter(report_year=report_year)
    return [summary for summary in summaries if summary.is_approved()]
