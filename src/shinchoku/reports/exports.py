"""Every report format from one place, for the command line and the web alike."""

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from shinchoku.domain.figures import YearFigures
from shinchoku.domain.fiscal import wareki_label
from shinchoku.outcomes.services import context_payload, outcomes_payload
from shinchoku.plans.models import Plan
from shinchoku.reports import council, deck, progress_table
from shinchoku.reports.figures import build_figures
from shinchoku.reports.packs import council_pack


class ReportPayload(YearFigures):
    """The JSON report: the year's figures (docs/figures.md), then outcomes, context, PR activities, opinions."""

    outcomes: list[dict[str, Any]]
    context: list[dict[str, Any]]
    pr_activities: list[dict[str, Any]]
    opinions: list[dict[str, Any]]


@dataclass(frozen=True)
class Export:
    """One format: how to build it, its media type, and the file name's ending."""

    build: Callable[[Plan, int, bool, str, bool], bytes]
    media_type: str
    suffix: str
    what: str  # what the file is, for its name: 進捗状況, 進捗管理表…


def _json(plan: Plan, year: int, confirmed_only: bool, encoding: str, with_checks: bool = True) -> bytes:
    payload = report_payload(plan, year, confirmed_only=confirmed_only)
    return (json.dumps(payload, ensure_ascii=False, indent=2) + "\n").encode()


def report_payload(plan: Plan, fiscal_year: int, *, confirmed_only: bool = False) -> ReportPayload:
    """Return the JSON report: the figures, the plan's outcomes and context, PR activities, opinions."""
    pack = council_pack(plan, fiscal_year)
    return ReportPayload(
        **build_figures(plan, fiscal_year, confirmed_only=confirmed_only),
        outcomes=outcomes_payload(plan, fiscal_year),
        context=context_payload(plan, fiscal_year),
        pr_activities=[a.as_json() for a in pack.pr_activities],
        opinions=[o.as_json() for o in pack.opinions],
    )


FORMATS: dict[str, Export] = {
    "json": Export(_json, "application/json", "json", "集計"),
    "html": Export(
        lambda p, y, c, e, k: council.render_html(p, y, confirmed_only=c, with_checks=k).encode(),
        "text/html; charset=utf-8",
        "html",
        "進捗状況",
    ),
    "pdf": Export(
        lambda p, y, c, e, k: council.render_pdf(p, y, confirmed_only=c, with_checks=k),
        "application/pdf",
        "pdf",
        "進捗状況",
    ),
    # The archive's copy (PDF/A-2a, tagged): what a city keeps as its 公文書.
    "pdfa": Export(
        lambda p, y, c, e, k: council.render_pdf(p, y, confirmed_only=c, with_checks=k, archival=True),
        "application/pdf",
        "pdf",
        "進捗状況_保存用PDF-A",
    ),
    "pptx": Export(
        lambda p, y, c, e, k: deck.build_deck(p, y, confirmed_only=c, with_checks=k),
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        "pptx",
        "進捗状況",
    ),
    "xlsx": Export(
        lambda p, y, c, e, k: progress_table.to_xlsx(p, y, confirmed_only=c),
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "xlsx",
        "進捗管理表",
    ),
    "csv": Export(
        lambda p, y, c, e, k: progress_table.to_csv(p, y, encoding=e, confirmed_only=c),
        "text/csv",
        "csv",
        "進捗管理表",
    ),
}
ENCODINGS = ("utf-8", "cp932")


def build(
    fmt: str,
    plan: Plan,
    year: int,
    *,
    confirmed_only: bool = False,
    encoding: str = "utf-8",
    with_checks: bool = True,
) -> bytes:
    """Return the report in the format (json, html, pdf, pdfa, pptx, xlsx, csv).

    with_checks: the council report (html, pdf, pptx) ends with the checks page (deviations, the
    sums, 公表済みの集計との違い) — the secretariat's working page, left out of what goes to the council.
    """
    return FORMATS[fmt].build(plan, year, confirmed_only, encoding, with_checks)


def file_name(fmt: str, plan: Plan, year: int) -> str:
    """Return the download's name: 令和3年度_さいたま市再犯防止推進計画_進捗管理表.xlsx."""
    export = FORMATS[fmt]
    return f"{wareki_label(year)}_{plan.name}_{export.what}.{export.suffix}"
