"""A combined progress report: several plans of one organization for one fiscal year (issue 25, part 6).

Smaller cities report their 再犯防止推進計画 inside their 地域福祉計画's report: 国分寺市 publishes
地域福祉・成年後見・自殺対策・再犯防止 in one 進捗状況評価報告書. This report is a title page, a summary with
each plan's own scale side by side (never added up: 「A」 of one plan and 「達成」 of another are not one
grade), then each plan's council report (reports/council.py, council_report.html) as it prints alone.

Each plan's part *is* that plan's council report HTML, read through the document cache
(documents.py) under the plan's own fingerprint, and embedded: its style sheet once in the head, its
page header (running title) and content with every id prefixed by the part (p1-cover, p2-cover: ids
stay unique in the one document), the style sheet's id selectors then matched by the end of the id
(``#cover`` → ``[id$="-cover"]``). The style sheet comes from a template without variables, so
printing it is no way in for a plan's name (tests/web/test_style_blocks.py). The combined file is
kept under its parts' keys, the title and the variant: a workflow step in any plan makes a new one.
"""

import re
from dataclasses import dataclass
from typing import Any

from django.http import Http404
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.safestring import SafeString, mark_safe

from shinchoku.domain.fiscal import wareki_date, wareki_label
from shinchoku.domain.scale_presets import preset_label
from shinchoku.domain.text import drop_controls
from shinchoku.lib import cache
from shinchoku.lib.fonts import font_path
from shinchoku.lib.pdf import html_to_pdf
from shinchoku.plans.models import Plan
from shinchoku.reports.documents import Wanted, ready_document
from shinchoku.reports.figures import build_figures

MEDIA_TYPES = {"html": "text/html; charset=utf-8", "pdf": "application/pdf"}
TITLE_MAX = 120

_STYLE = re.compile(r"<style>.*?</style>", re.DOTALL)
_RUNNING = re.compile(r'<div class="running-title">.*?</div>', re.DOTALL)
_MAIN = re.compile(r"<main>(.*?)</main>", re.DOTALL)
_ID = re.compile(r'(?<![\w-])id="([^"]+)"')
_ID_REFERENCES = re.compile(r'(?<![\w-])(aria-labelledby|aria-describedby|headers|for)="([^"]+)"')
_FRAGMENT = re.compile(r'href="#([^"]+)"')
_ID_SELECTOR = re.compile(r"#([A-Za-z_][\w-]*)")
_HEX_COLOUR = re.compile(r"[0-9A-Fa-f]{3,8}")


@dataclass(frozen=True)
class PlanSummary:
    """One plan's line of the summary: its own scale's labels with counts and shares, and its total."""

    plan: Plan
    scale_name: str
    rows: list[tuple[str, int, str]]  # (label, count, share as printed: 「16％」, 「33.3％」)
    total: int
    provisional: bool


@dataclass(frozen=True)
class Part:
    """A plan's council report ready to embed: its style sheet, page header and content."""

    style: str
    running: str
    content: str


def plans_label(plans: list[Plan]) -> str:
    """Return 「さいたま市 再犯防止推進計画等」: the organization, the first plan's name, 等 when there are more."""
    organization = plans[0].organization.name
    name = plans[0].name.removeprefix(organization) or plans[0].name
    return f"{organization} {name}{'等' if len(plans) > 1 else ''}"


def default_title(plans: list[Plan], fiscal_year: int) -> str:
    """Return 「令和3年度 さいたま市 再犯防止推進計画等 進捗状況評価報告書」."""
    return f"{wareki_label(fiscal_year)} {plans_label(plans)} 進捗状況評価報告書"


def year_of_query(text: str | None) -> int | None:
    """Return the year of a query (2021), None when absent; 404 for anything but a year's four digits."""
    if not text:
        return None
    if not (text.isascii() and text.isdigit() and len(text) == 4):
        raise Http404
    return int(text)


def opened_years(plans: list[Plan]) -> list[int]:
    """Return the fiscal years the plans have opened, latest first (the chooser's years)."""
    return sorted({y.fiscal_year for plan in plans for y in plan.years.all()}, reverse=True)


def summaries(plans: list[Plan], fiscal_year: int, *, confirmed_only: bool) -> list[PlanSummary]:
    """Return each plan's counts and shares of the year, on its own scale."""
    shown = []
    for plan in plans:
        figures = build_figures(plan, fiscal_year, confirmed_only=confirmed_only)
        rows = [
            (label, figures["overall"][label], f"{figures['overall_percent'][label]}％")
            for label in figures["scale"]
        ]
        provisional = bool(figures["checks"]["unconfirmed_entries"])
        shown.append(PlanSummary(plan, preset_label(plan.scale()), rows, figures["total"], provisional))
    return shown


def embed(html: str, prefix: str) -> Part:
    """Return a plan's council report HTML as a part of the combined one, its ids prefixed."""
    style, running, main = _STYLE.search(html), _RUNNING.search(html), _MAIN.search(html)
    if style is None or running is None or main is None:
        raise ValueError("the council report has no <style>, running title or <main> to embed")
    content = _ID.sub(lambda m: f'id="{prefix}-{m.group(1)}"', main.group(1))
    content = _ID_REFERENCES.sub(
        lambda m: f'{m.group(1)}="{" ".join(f"{prefix}-{i}" for i in m.group(2).split())}"', content
    )
    content = _FRAGMENT.sub(lambda m: f'href="#{prefix}-{m.group(1)}"', content)
    return Part(_by_end_of_id(style.group(0)), running.group(0), content)


def _by_end_of_id(sheet: str) -> str:
    """Return the style sheet with each id selector matching any part's id: #cover → [id$="-cover"]."""

    def replace(match: re.Match[str]) -> str:
        name = match.group(1)
        return match.group(0) if _HEX_COLOUR.fullmatch(name) else f'[id$="-{name}"]'

    return _ID_SELECTOR.sub(replace, sheet)


@dataclass(frozen=True)
class Combined:
    """A combined report as one person asks for it (ready_document keeps and builds it)."""

    fmt: str
    plans: tuple[Plan, ...]
    year: int
    title: str
    confirmed_only: bool
    with_checks: bool = True

    def parts(self) -> list[Wanted]:
        """Return each plan's council report HTML as the document cache keeps it."""
        return [
            Wanted("html", plan, self.year, self.confirmed_only, with_checks=self.with_checks)
            for plan in self.plans
        ]

    def key(self) -> str:
        parts = tuple(part.key() for part in self.parts())
        return cache.cache_key("combined", (parts, self.title, self.fmt, self.confirmed_only))

    def build(self) -> bytes:
        html = render_html(self)
        if self.fmt == "html":
            return html.encode()
        return html_to_pdf(html, roots=[font_path().parent])


def render_html(combined: Combined) -> str:
    """Return the combined report as one HTML document (its PDF is made from the same HTML)."""
    parts = []
    for number, wanted in enumerate(combined.parts(), start=1):
        html = ready_document(wanted)  # an HTML file is quick: built in place, never pending
        assert isinstance(html, bytes)
        parts.append(embed(html.decode(), f"p{number}"))
    with translation.override("ja"):
        return drop_controls(render_to_string("reports/combined_report.html", _context(combined, parts)))


def _context(combined: Combined, parts: list[Part]) -> dict[str, Any]:
    plans = list(combined.plans)
    return {
        "title": combined.title,
        "organization": plans[0].organization,
        "year": combined.year,
        "year_label": wareki_label(combined.year),
        "summaries": summaries(plans, combined.year, confirmed_only=combined.confirmed_only),
        "council_style": _safe(parts[0].style),
        "parts": [(_safe(part.running), _safe(part.content)) for part in parts],
        "generated": wareki_date(timezone.localdate()),
        "confirmed_only": combined.confirmed_only,
    }


def _safe(rendered: str) -> SafeString:
    """Mark a part rendered by the council report's template (escaped there) as safe to print."""
    return mark_safe(rendered)  # rendered and escaped by council_report.html


def file_name(fmt: str, title: str) -> str:
    """Return the download's name: the title, 「進捗状況評価報告書.pdf」 when it has none to use."""
    name = re.sub(r'[\\/:*?"<>|\s]+', "_", title).strip("_") or "進捗状況評価報告書"
    return f"{name}.{fmt}"
