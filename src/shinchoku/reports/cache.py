"""The dashboard's figures, charts and tables, kept by the plan-year's fingerprint (lib/cache.py).

The kept fragment is the page's content rendered **without the request** (no user, no CSRF token,
no messages): only what the key names can differ in it. The key holds the role variant, which is
all a person's role changes on this page: whether unconfirmed entries count (the secretariat) and
whether the download links are shown. A department or council member therefore never receives the
secretariat's fragment, and the reverse.
"""

import hashlib
from typing import Any

from django.db.models import Count, Max, OuterRef, Sum
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

from shinchoku.lib import cache
from shinchoku.outcomes.models import ContextSeries, ContextValue, Outcome, OutcomeValue
from shinchoku.outcomes.services import outcomes_payload
from shinchoku.plans.fingerprint import FingerprintQuery, HistoricalEntry, scalar, scalars
from shinchoku.plans.models import Indicator, Plan, YearlyEntry
from shinchoku.reports.figures import build_figures
from shinchoku.reports.packs import council_pack
from shinchoku.reports.practices import exclusion_note

HistoricalOutcome: Any = Outcome.history.model
HistoricalOutcomeValue: Any = OutcomeValue.history.model
HistoricalSeries: Any = ContextSeries.history.model
HistoricalContextValue: Any = ContextValue.history.model
HistoricalIndicator: Any = Indicator.history.model


def _outcomes() -> dict[str, Any]:
    return {
        "outcomes": scalar(HistoricalOutcome.objects.filter(plan=OuterRef("pk")), Max("history_id")),
        "outcome_values": scalar(
            HistoricalOutcomeValue.objects.filter(outcome__plan=OuterRef("pk")), Max("history_id")
        ),
    }


def _every_year() -> dict[str, Any]:
    every_year = YearlyEntry.objects.filter(program__plan=OuterRef("pk"))
    return {
        **_outcomes(),
        "context": scalar(HistoricalSeries.objects.filter(plan=OuterRef("pk")), Max("history_id")),
        "context_values": scalar(
            HistoricalContextValue.objects.filter(series__plan=OuterRef("pk")), Max("history_id")
        ),
        "indicators": scalar(
            HistoricalIndicator.objects.filter(program__plan=OuterRef("pk")), Max("history_id")
        ),
        "every_entry": scalars(every_year, Count("pk"), Sum("version")),
        "every_history": scalar(
            HistoricalEntry.objects.filter(program__plan=OuterRef("pk")), Max("history_id")
        ),
    }


# The plan-year's fingerprint with the plan's outcomes (one query).
report_fingerprint = FingerprintQuery(_outcomes)
_document_rows = FingerprintQuery(_every_year)


def document_fingerprint(plan: Plan, year: int) -> tuple[object, ...]:
    """Return what a council report of the plan-year is made from: every year's entries, the context, the council's part.

    A report compares the year with the ones before it (trends, indicators year over year) and
    prints the council's PR activities and opinions (read here through ``council_pack``: reports
    may not read the council's tables, so its rows themselves are the fingerprint).
    """
    pack = hashlib.sha256(repr(council_pack(plan, year)).encode()).hexdigest()
    return (*_document_rows(plan, year), pack)


def dashboard_body(plan: Plan, year: int, *, view: str, confirmed_only: bool, downloads: bool) -> SafeString:
    """Return the dashboard's content for this role variant, rendered once per fingerprint."""

    def render() -> str:
        scale = plan.scale()
        figures = build_figures(plan, year, confirmed_only=confirmed_only)
        return render_to_string(
            "reports/_dashboard_body.html",
            {
                "plan": plan,
                "year": year,
                "figures": figures,
                "excluded_note": exclusion_note(figures),  # 評価対象外, "" when none
                "view": view,
                "grades": [(g.label, g.meaning, i) for i, g in enumerate(scale.grades)],
                "downloads": downloads,
                "outcomes": outcomes_payload(plan, year, with_charts=True),
            },
        )

    variant = ("confirmed only" if confirmed_only else "every entry", "downloads" if downloads else "")
    parts = (report_fingerprint(plan, year), variant, view)
    return mark_safe(cache.cached("dashboard", parts, render))
