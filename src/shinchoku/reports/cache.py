"""The dashboard's figures, charts and tables, kept by the plan-year's fingerprint (lib/cache.py).

The kept fragment is the page's content rendered **without the request** (no user, no CSRF token,
no messages): only what the key names can differ in it. The key holds the role variant, which is
all a person's role changes on this page: whether unconfirmed entries count (the secretariat) and
whether the download links are shown. A department or council member therefore never receives the
secretariat's fragment, and the reverse.
"""

from typing import Any

from django.db.models import Max, OuterRef
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

from shinchoku.lib import cache
from shinchoku.outcomes.models import Outcome, OutcomeValue
from shinchoku.outcomes.services import outcomes_payload
from shinchoku.plans.fingerprint import plan_year_fingerprint, scalar
from shinchoku.plans.models import Plan
from shinchoku.reports.figures import build_figures

HistoricalOutcome: Any = Outcome.history.model
HistoricalOutcomeValue: Any = OutcomeValue.history.model


def report_fingerprint(plan: Plan, year: int) -> tuple[object, ...]:
    """Return the plan-year's fingerprint with the plan's outcomes (one query)."""
    return plan_year_fingerprint(
        plan,
        year,
        outcomes=scalar(HistoricalOutcome.objects.filter(plan=OuterRef("pk")), Max("history_id")),
        outcome_values=scalar(
            HistoricalOutcomeValue.objects.filter(outcome__plan=OuterRef("pk")), Max("history_id")
        ),
    )


def dashboard_body(plan: Plan, year: int, *, view: str, confirmed_only: bool, downloads: bool) -> SafeString:
    """Return the dashboard's content for this role variant, rendered once per fingerprint."""

    def render() -> str:
        scale = plan.scale()
        return render_to_string(
            "reports/_dashboard_body.html",
            {
                "plan": plan,
                "year": year,
                "figures": build_figures(plan, year, confirmed_only=confirmed_only),
                "view": view,
                "grades": [(g.label, g.meaning, i) for i, g in enumerate(scale.grades)],
                "downloads": downloads,
                "outcomes": outcomes_payload(plan, year, with_charts=True),
            },
        )

    variant = ("confirmed only" if confirmed_only else "every entry", "downloads" if downloads else "")
    parts = (report_fingerprint(plan, year), variant, view)
    return mark_safe(cache.cached("dashboard", parts, render))
