"""The council report (協議会資料): one context for HTML, PDF and the slide deck.

Everything printed comes from build_figures, so a table, its chart and the
checks cannot disagree; the texts come from the confirmed entries.
"""

from collections import Counter
from dataclasses import dataclass
from typing import Any

from django.template.loader import render_to_string
from django.utils import timezone, translation

from shinchoku.cases.queries import published_summaries
from shinchoku.domain.area_terms import area_name, area_term
from shinchoku.domain.figures import YearFigures
from shinchoku.domain.fiscal import wareki_date, wareki_label
from shinchoku.domain.text import drop_controls
from shinchoku.lib import charts
from shinchoku.lib.fonts import font_path
from shinchoku.lib.pdf import PDF_ARCHIVE_VARIANT, PDF_VARIANT, html_to_pdf
from shinchoku.outcomes.services import context_payload, outcomes_payload
from shinchoku.plans.models import Listing, Plan, YearlyEntry
from shinchoku.plans.year_names import printed_department
from shinchoku.reports.figures import PlanRows, build_figures, provisional_label, read_plan_rows
from shinchoku.reports.packs import council_pack
from shinchoku.reports.practices import exclusion_note, overall_priority_table, priority_by_area
from shinchoku.reports.trends import year_trends

EVALUATION_TYPES = (("quantitative", "定量的評価"), ("qualitative", "定性的評価"))


@dataclass(frozen=True)
class HighlightText:
    """One department's texts of a main program, the department named as it was in the year."""

    department: str
    activities: str
    result_text: str


@dataclass(frozen=True)
class Highlight:
    """A main program of an area (主な事業の状況) with its departments' texts."""

    path: str
    number: int
    title: str
    entries: list[HighlightText]
    grade: str


def report_context(plan: Plan, fiscal_year: int, *, confirmed_only: bool) -> dict[str, Any]:
    """Return everything the council report prints for a plan-year."""
    # One read of the plan's rows serves the figures, the composition (③), the highlights and the trends.
    plan_rows = read_plan_rows(plan)
    listings = plan_rows.listings_in(fiscal_year)
    figures = build_figures(plan, fiscal_year, confirmed_only=confirmed_only, rows=plan_rows)
    scale = plan_rows.scale_of_year(plan, fiscal_year)  # the legend's － says the year's cause
    labels = list(scale.labels)
    not_evaluable = scale.not_evaluable.label if scale.not_evaluable else None
    composition = _composition(listings)
    pack = council_pack(plan, fiscal_year)
    grades_by_program = {m["program"]: m["grade"] for m in _program_grades(figures)}
    highlights = _highlights(
        plan_rows.entries.get(fiscal_year, []), listings, grades_by_program, confirmed_only
    )
    areas = _areas(figures, composition, highlights, labels, not_evaluable)
    overall_rows = [("計画全体", figures["overall_percent"])] + [
        (area_name(a["number"]), a["percent"]) for a in figures["by_area"]
    ]
    return {
        "area_term": area_term(a["number"] for a in figures["by_area"]),  # 重点項目, or 施策課題…
        "plan": plan,
        "year": fiscal_year,
        "year_label": wareki_label(fiscal_year),
        "figures": figures,
        "grades": list(scale.grades),
        "labels": labels,
        "composition": composition,
        "overall_table": _overall_table(figures, labels),
        "priority_table": overall_priority_table(figures, labels),  # 「うち重点」, None unless shown
        "excluded_note": exclusion_note(figures),  # 評価対象外, "" when none
        "overall_chart": charts.share_bar(
            overall_rows, labels, not_evaluable, kind="overall", row_height=0.3
        ),
        "overall_chart_alt": chart_alt("達成度の割合（再掲含む）", overall_rows, labels),
        "areas": areas,
        "trends": _trends_if_several_years(plan, confirmed_only, plan_rows, {fiscal_year: figures}),
        "outcomes": outcomes_payload(plan, fiscal_year, with_charts=True),
        "context": context_payload(plan, fiscal_year, with_charts=True),
        "pr_activities": pack.pr_activities,
        "opinions": pack.opinions,
        "case_summaries": published_summaries(plan.organization_id, fiscal_year),
        "generated": wareki_date(timezone.localdate()),
        "confirmed_only": confirmed_only,
        "provisional": provisional_label(
            plan_rows.entries.get(fiscal_year, []), confirmed_only=confirmed_only
        ),
    }


def _areas(
    figures: YearFigures,
    composition: dict[str, dict[str, Any]],
    highlights: dict[str, list[Highlight]],
    labels: list[str],
    not_evaluable: str | None,
) -> list[dict[str, Any]]:
    """Return each area's part of the report: its figures, shares line, levels, chart and highlights."""
    areas = []
    priority = priority_by_area(figures)
    for area in figures["by_area"]:
        rows = [(f"{area['number']} 全体", area["percent"])] + [
            (level["label"], level["percent"])
            for level in area["by_level"]
            if level["label"] != area["number"]
        ]
        areas.append(
            {
                **area,
                "shares_text": _shares_text(area["percent"], labels),
                "levels": composition.get(area["number"], {}).get("levels", []),
                "chart": charts.share_bar(rows, labels, not_evaluable),
                "chart_alt": chart_alt(f"{area['number']}の達成度の割合", rows, labels),
                "highlights": highlights.get(area["number"], []),
                "priority": priority.get(area["number"]),
            }
        )
    return areas


def _trends_if_several_years(
    plan: Plan, confirmed_only: bool, rows: PlanRows, known: dict[int, YearFigures]
) -> dict[str, Any] | None:
    """Return the year-over-year section's data, or None while only one year has figures."""
    trends = year_trends(plan, confirmed_only=confirmed_only, rows=rows, known=known)
    return trends if len(trends["years"]) >= 2 else None


def _composition(listings: list[Listing]) -> dict[str, dict[str, Any]]:
    """Return each area's listing count and its levels' counts, as the plan prints them (③)."""
    counts: Counter[tuple[str, str]] = Counter()
    titles: dict[str, str] = {}
    levels: dict[str, dict[str, tuple[str, int]]] = {}
    for listing in listings:
        chain = listing.node.ancestors()
        area = chain[0]
        titles[area.label] = area.title
        counts[(area.label, "")] += 1
        for depth, node in enumerate(chain[1:], start=1):
            path = node.path_label()
            levels.setdefault(area.label, {})[path] = (node.title, depth)
            counts[(area.label, path)] += 1
    return {
        number: {
            "title": title,
            "total": counts[(number, "")],
            "levels": [
                {"path": path, "title": name, "depth": depth, "count": counts[(number, path)]}
                for path, (name, depth) in levels.get(number, {}).items()
            ],
        }
        for number, title in titles.items()
    }


def _program_grades(figures: YearFigures) -> list[dict[str, Any]]:
    return [{"program": m["program"], "grade": m["grade"]} for m in figures["merged"]]


def chart_alt(title: str, rows: list[tuple[str, dict[str, Any]]], labels: list[str]) -> str:
    """Return a chart's text alternative that states its figures, as a screen reader reads the page.

    「達成度の割合（再掲含む）のグラフ。計画全体: 達成度A 16％、B 76％、C 0％、－ 8％。重点項目1: …」
    """
    parts = [
        f"{name}: " + "、".join(f"達成度{label} {percent.get(label, 0)}％" for label in labels)
        for name, percent in rows
    ]
    return f"{title}のグラフ。" + "。".join(parts) + "。"


def _shares_text(percent: dict[str, Any], labels: list[str]) -> list[tuple[str, str]]:
    """Return the seed's 「達成度A：36％ … 達成度ー：なし」 line; C appears only when it occurs."""
    shown = []
    for label in labels:
        value = percent.get(label, 0)
        if label == "C" and not value:
            continue
        shown.append((label, f"{value}％" if value else "なし"))
    return shown


def _overall_table(figures: YearFigures, labels: list[str]) -> list[tuple[str, int, int, int]]:
    """Return the rows of ④: each grade × 計画全体 / 定量的評価 / 定性的評価, then 合計."""
    by_type = figures["by_type"]
    rows = [
        (
            f"達成度{label}",
            figures["overall"][label],
            by_type["quantitative"][label],
            by_type["qualitative"][label],
        )
        for label in labels
    ]
    rows.append(
        (
            "合計",
            figures["total"],
            sum(by_type["quantitative"].values()),
            sum(by_type["qualitative"].values()),
        )
    )
    return rows


def _highlights(
    entries: list[YearlyEntry], listings: list[Listing], grades: dict[int, str], confirmed_only: bool
) -> dict[str, list[Highlight]]:
    """Return each area's main programs (highlights) in the order the plan lists them."""
    by_program: dict[int, list[YearlyEntry]] = {}
    for entry in entries:
        if entry.is_highlight and (entry.status == "confirmed" or not confirmed_only):
            by_program.setdefault(entry.program.number, []).append(entry)
    shown: dict[str, list[Highlight]] = {}
    for listing in listings:
        number = listing.program.number
        if listing.is_relisting or number not in by_program:
            continue
        program_entries = by_program[number]
        grade = grades.get(number) or (program_entries[0].final_grade if len(program_entries) == 1 else "")
        texts = [HighlightText(printed_department(e), e.activities, e.result_text) for e in program_entries]
        shown.setdefault(listing.node.ancestors()[0].label, []).append(
            Highlight(listing.node.path_label(), number, listing.program.title, texts, grade)
        )
    return shown


def render_html(
    plan: Plan, fiscal_year: int, *, confirmed_only: bool = False, with_checks: bool = True
) -> str:
    """Return the council report as one HTML document (the PDF is made from the same HTML)."""
    with translation.override("ja"):
        context = report_context(plan, fiscal_year, confirmed_only=confirmed_only)
        html = render_to_string("reports/council_report.html", context | {"with_checks": with_checks})
    # Stored or imported texts may hold control characters (docs/security.md): none reach the report.
    return drop_controls(html)


def render_pdf(
    plan: Plan,
    fiscal_year: int,
    *,
    confirmed_only: bool = False,
    with_checks: bool = True,
    archival: bool = False,
) -> bytes:
    """Return the council report as an A4 landscape PDF with the Japanese font embedded.

    archival: the archive's copy (PDF/A-2a) instead of the published one (PDF/UA-1); both tagged.
    """
    html = render_html(plan, fiscal_year, confirmed_only=confirmed_only, with_checks=with_checks)
    variant = PDF_ARCHIVE_VARIANT if archival else PDF_VARIANT
    return html_to_pdf(html, roots=[font_path().parent], variant=variant)
