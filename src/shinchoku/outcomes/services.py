"""The outcomes and context statistics as reports print them, and the context figures taken from a file."""

from collections import Counter
from collections.abc import Mapping
from decimal import Decimal
from fractions import Fraction
from typing import Any

from django.db import transaction

from shinchoku.accounts.models import User
from shinchoku.domain import unit_fit
from shinchoku.domain.errors import DomainError
from shinchoku.domain.fiscal import parse_fiscal_year
from shinchoku.domain.numbers import Quantity, parse_quantity
from shinchoku.domain.outcomes import assess_latest
from shinchoku.domain.tallies import round_half_up
from shinchoku.lib import charts
from shinchoku.lib.forms import model_digits
from shinchoku.lib.history import record_actor
from shinchoku.lib.problems import ImportRefused, Problem
from shinchoku.lib.reading import read_file
from shinchoku.outcomes.models import ContextSeries, ContextValue, Outcome, OutcomeValue, Source
from shinchoku.plans.models import Plan

CONTEXT_COLUMNS = ("項目", "年", "値")
# Words of the 出典 column that name a known source; the text itself is kept as the detail.
SOURCE_WORDS = {
    "犯罪白書": Source.WHITE_PAPER,
    "警察": Source.POLICE,
    "法務省": Source.MINISTRY,
    "市": Source.CITY,
}


def source_of(text: str) -> str:
    return next((source for word, source in SOURCE_WORDS.items() if word in text), Source.OTHER)


def number(value: Decimal | Fraction, places: int = 1) -> int | float:
    """Return a JSON number: whole numbers as integers, others rounded half up."""
    rounded = round_half_up(Fraction(value), places)
    return int(rounded) if rounded == rounded.to_integral_value() else float(rounded)


def _source_text(source: str, note: str) -> str:
    label = str(Source(source).label)
    return f"{label}（{note}）" if note else label


def outcomes_payload(plan: Plan, up_to_year: int, *, with_charts: bool = False) -> list[dict[str, Any]]:
    """Return each plan-level outcome with its baseline, target, latest value and whether it is on track.

    Values of years after up_to_year are left out, so a report of an earlier year stays as it was.
    """
    payload = []
    for outcome in Outcome.objects.filter(plan=plan).prefetch_related("values"):
        kept = [v for v in outcome.values.all() if v.year <= up_to_year]
        values = {v.year: v.value for v in kept}
        item = _outcome_item(outcome, kept)
        try:
            judged = outcome.to_domain(values)
        except DomainError as error:
            item["problem"] = str(error)
            payload.append(item)
            continue
        item["baseline"] = {
            "value": number(judged.baseline.value),
            "from": judged.baseline.first_year,
            "to": judged.baseline.last_year,
            "averaged": judged.baseline.first_year != judged.baseline.last_year,
        }
        latest = assess_latest(judged, values)
        if latest is not None:
            item["latest"] = {"year": latest.year, "value": number(latest.value)}
            item["expected"] = number(latest.expected)
            item["on_track"] = latest.on_track
            if latest.share_of_the_way is not None:
                item["share_of_the_way_percent"] = number(latest.share_of_the_way * 100, 0)
        if with_charts:
            item["chart"] = charts.outcome_path(
                values=values,
                start=(judged.baseline.last_year, judged.baseline.value),
                end=(judged.target_year, judged.target),
                unit=outcome.unit,
            )
        payload.append(item)
    return payload


def _outcome_item(outcome: Outcome, kept: list[OutcomeValue]) -> dict[str, Any]:
    """Return the outcome as the payload shows it before it is judged (baseline and latest empty)."""
    return {
        "name": outcome.name,
        "unit": outcome.unit,
        "direction": outcome.direction,
        "year_kind": outcome.year_kind,
        "is_demo": outcome.is_demo,
        "target": {"value": number(outcome.target_value), "year": outcome.target_year},
        "values": [
            {
                "year": v.year,
                "value": number(v.value),
                "source": v.source,
                "source_note": v.source_note,
            }
            for v in kept
        ],
        "sources": sorted({_source_text(v.source, v.source_note) for v in kept}),
        "baseline": None,
        "latest": None,
        "expected": None,
        "on_track": None,
        "share_of_the_way_percent": None,
        "problem": None,
    }


def context_payload(plan: Plan, up_to_year: int, *, with_charts: bool = False) -> list[dict[str, Any]]:
    """Return the context chapter's series with their values up to the report's year (and a chart each)."""
    series_list = []
    for series in ContextSeries.objects.filter(plan=plan).prefetch_related("values"):
        values = [v for v in series.values.all() if v.year <= up_to_year]
        item: dict[str, Any] = {
            "name": series.name,
            "unit": series.unit,
            "year_kind": series.year_kind,
            "source": series.source,
            "source_note": series.source_note,
            "source_text": _source_text(series.source, series.source_note),
            "is_demo": series.is_demo,
            "values": [{"year": v.year, "value": number(v.value)} for v in values],
        }
        if with_charts:
            item["chart"] = (
                charts.yearly_series({v.year: v.value for v in values}, series.unit) if values else None
            )
        series_list.append(item)
    return series_list


ContextRow = tuple[str, int, Decimal, str, str]  # 項目, 年, 値, 単位, 出典


# Not durable: a caller may take it as one step of its own transaction (and roll it back).
@transaction.atomic
def import_context(plan: Plan, name: str, content: bytes, *, actor: User | None) -> int:
    """Take 項目・年・値 (and optional 単位・出典) rows from a .csv or .xlsx; all or nothing.

    A new 項目 becomes a series (source: the 出典 column, else 'other'); a year already recorded
    is updated. Return the number of values written.
    """
    return write_context_rows(plan, context_rows(name, content, series_units(plan)), actor=actor)


def series_units(plan: Plan) -> dict[str, str]:
    """Return the unit of each of the plan's context statistics by name (a file's rows are held to it)."""
    return dict(ContextSeries.objects.filter(plan=plan).values_list("name", "unit"))


@transaction.atomic
def write_context_rows(plan: Plan, rows: list[ContextRow], *, actor: User | None) -> int:
    """Write rows read by context_rows (inside the caller's transaction); return how many."""
    for item, year, value, unit, source in rows:
        series = ContextSeries.objects.filter(plan=plan, name=item).first()
        if series is None:
            series = ContextSeries(
                plan=plan, name=item, unit=unit, source=source_of(source), source_note=source
            )
            record_actor(series, actor)
            series.save()
        _write_context_value(series, year, value, actor=actor)
    return len(rows)


def _write_context_value(series: ContextSeries, year: int, value: Decimal, *, actor: User | None) -> None:
    existing = ContextValue.objects.filter(series=series, year=year).first()
    if existing is None:
        row = ContextValue(series=series, year=year, value=value)
        record_actor(row, actor)
        row.save()
    elif existing.value != value:
        existing.value = value
        existing.version += 1  # a page opened before the upload must not overwrite it
        record_actor(existing, actor)
        existing.save(update_fields=["value", "version"])


def _check_unit(quantity: Quantity, unit: str) -> None:
    """Raise DomainError when the figure cannot be in the statistic's unit (▲120 for 件)."""
    problem = unit_fit.refusal(quantity.value, unit, quantity.unit)
    if problem:
        raise DomainError(problem)


def context_rows(name: str, content: bytes, units: Mapping[str, str] | None = None) -> list[ContextRow]:
    """Return the file's rows, or raise ImportRefused with every problem found (nothing written).

    units: the unit of each statistic already recorded, by name; a new one takes the 単位 column's.
    A figure that cannot be in its unit (▲120 for 件, 98.4% for 人) refuses its row.
    """
    sheet = read_file(name, content)[0]
    header = [cell.strip() for cell in (sheet.rows[0] if sheet.rows else [])]
    missing = [c for c in CONTEXT_COLUMNS if c not in header]
    if missing:
        raise ImportRefused(
            [
                Problem(
                    f"1行目に見出し「{'」「'.join(missing)}」がありません。",
                    "1行目を「項目」「年」「値」（任意で「単位」「出典」）にしてください。",
                    sheet=sheet.name,
                    row=1,
                )
            ]
        )
    at = {c: header.index(c) + 1 for c in header if c}
    problems: list[Problem] = []
    rows: list[ContextRow] = []
    for r in range(2, len(sheet.rows) + 1):
        item = sheet.cell(r, at["項目"]).strip()
        if not item and not sheet.cell(r, at["値"]).strip():
            continue
        unit = sheet.cell(r, at["単位"]).strip() if "単位" in at else ""
        try:
            year = parse_fiscal_year(sheet.cell(r, at["年"]))
            quantity = parse_quantity(sheet.cell(r, at["値"]), model_digits(ContextValue, "value"))
            _check_unit(quantity, (units or {}).get(item, unit))
        except DomainError as error:
            problems.append(Problem(str(error), sheet=sheet.name, row=r))
            continue
        value = quantity.value
        source_text = sheet.cell(r, at["出典"]).strip() if "出典" in at else ""
        rows.append((item, year, value, unit, source_text))
    if problems:
        raise ImportRefused(problems)
    _refuse_repeated_years(rows)
    if not rows:
        raise ImportRefused(
            [
                Problem(
                    "取り込む行がありません。",
                    "2行目から「項目」「年」「値」を入力してください。",
                    sheet=sheet.name,
                )
            ]
        )
    return rows


def _refuse_repeated_years(rows: list[ContextRow]) -> None:
    """Refuse a file giving one statistic's year twice: which figure it means is not for us to guess."""
    counted = Counter((item, year) for item, year, *_ in rows)
    repeated = [key for key, times in counted.items() if times > 1]
    if repeated:
        raise ImportRefused(
            [
                Problem(f"「{item}」の{year}年の値が2行あります。", "どちらか1行にしてください。")
                for item, year in repeated
            ]
        )
