"""Figures as staff write them, on every form that takes one (issue 18 part 1, issue 17 finding 13).

A decrease is written ▲5 or △3, a count １，４８０件 or 3万人; a figure too long for its column
is a form error naming the limit. Whatever is typed, no page answers 500 and a refusal
leaves the database as it was.
"""

import io
from decimal import Decimal
from typing import Any

import pytest
from django.db import transaction
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from number_spellings import spellings
from shared_db import undone
from shinchoku.accounts.models import Department, User
from shinchoku.council.models import ReportPack
from shinchoku.domain.errors import DomainError
from shinchoku.domain.numbers import parse_figure
from shinchoku.domain.ratios import NEGATIVE_ACTUAL, NEGATIVE_TARGET
from shinchoku.imports.department_forms import ENTRY_SHEET, HEADER_ROW, INDICATOR_SHEET, build_form
from shinchoku.imports.services import import_department_form
from shinchoku.lib.forms import model_digits
from shinchoku.lib.problems import ImportRefused
from shinchoku.outcomes.models import ContextSeries, ContextValue, Outcome, OutcomeValue
from shinchoku.outcomes.services import import_context
from shinchoku.plans import workflow
from shinchoku.plans.forms import ACTUAL_DIGITS, TARGET_DIGITS
from shinchoku.plans.models import Indicator, IndicatorValue, Plan, YearlyEntry
from tests_helpers import db_state, login

pytestmark = pytest.mark.django_db
FUZZ = settings(
    max_examples=25,
    deadline=None,
    derandomize=True,  # the same examples every run: a failure is reproducible
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def entry_form(entry: YearlyEntry, **changes: str) -> dict[str, str]:
    """Return what 労働政策課's browser sends for the entry, with the figures changed."""
    indicators = workflow.entry_indicators(entry)
    data = {
        "version": str(entry.version),
        "activities": "ワンストップ就労支援を実施しました。",
        "target_text": "",
        "result_text": "就職者数 306人",
        "evaluation_type": "quantitative",
        "proposed_grade": "A",
        "proposed_reason": "",
        "save": "1",
        "ind-TOTAL_FORMS": str(len(indicators) + 1),
        "ind-INITIAL_FORMS": "0",
    }
    for i, indicator in enumerate(indicators):
        data |= {
            f"ind-{i}-indicator_id": str(indicator.pk),
            f"ind-{i}-name": indicator.name,
            f"ind-{i}-unit": indicator.unit,
            f"ind-{i}-direction": indicator.direction,
            f"ind-{i}-source": "",
            f"ind-{i}-target": "",
            f"ind-{i}-actual": "",
        }
    data |= {f"ind-{len(indicators)}-direction": "higher"}
    return data | changes


def returned_form(plan: Plan, actual: str) -> bytes:
    """Return 労働政策課's form with program 1 filled in and one indicator's 実績値 written as given."""
    workbook = load_workbook(io.BytesIO(build_form(plan, 2022, Department.objects.get(name="労働政策課"))))
    sheet = workbook[ENTRY_SHEET]
    row = next(r for r in range(HEADER_ROW + 1, sheet.max_row + 1) if sheet.cell(r, 1).value == 1)
    sheet.cell(row, 4).value = "ワンストップ就労支援を実施しました。"
    sheet.cell(row, 6).value = "就職者数 290人"
    sheet.cell(row, 7).value = "Ａ"
    sheet.cell(row, 8).value = "年度途中に事業を拡充したため。"  # a grade the figures may not suggest
    indicators = workbook[INDICATOR_SHEET]
    for r in range(HEADER_ROW + 1, indicators.max_row + 1):
        if indicators.cell(r, 1).value == 1 and "就職者数" in indicators.cell(r, 2).value:
            indicators.cell(r, 5).value = actual
        elif indicators.cell(r, 1).value == 1:
            indicators.cell(r, 5).value = "8,100"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def figure(text: str, digits: Any) -> Decimal | str | None:
    """Return the figure text stands for, or "refused"."""
    try:
        return parse_figure(text, digits)
    except DomainError:
        return "refused"


def post_and_roll_back(client: Client, url: str, data: dict[str, Any]) -> tuple[int, str, bool]:
    """Post, return (status, page, whether the database changed), and undo the post."""
    with undone():
        before = db_state()
        response = client.post(url, data)
        changed = db_state() != before
    return response.status_code, response.content.decode(errors="replace"), changed


# ---------------------------------------------------------------- the crashes of issue 18


@pytest.mark.parametrize("decrease", ["▲5", "△3", "-5", "－５", "−5", "マイナス5"])
def test_issue_18_a_negative_target_is_saved_and_the_suggestion_says_why(
    cycle: dict[str, Any], decrease: str
) -> None:
    entry = cycle["draft"]
    client = login("roudou")
    response = client.post(
        reverse("plans:edit", args=[entry.pk]),
        entry_form(entry, **{"ind-0-target": decrease, "ind-0-actual": "306"}),
    )
    assert response.status_code == 302
    value = IndicatorValue.objects.get(indicator=workflow.entry_indicators(entry)[0], fiscal_year=2022)
    assert value.target == parse_figure(decrease, TARGET_DIGITS) < 0
    page = client.get(reverse("plans:entry", args=[entry.pk])).content.decode()
    assert "目標値が負のため達成率を計算できません。達成度を選んでください" in page


def test_issue_18_a_negative_actual_is_saved_and_the_suggestion_says_why(cycle: dict[str, Any]) -> None:
    entry = cycle["draft"]
    client = login("roudou")
    data = entry_form(entry, **{"ind-0-target": "120人", "ind-0-actual": "▲5"})
    assert client.post(reverse("plans:edit", args=[entry.pk]), data).status_code == 302
    page = client.get(reverse("plans:edit", args=[entry.pk])).content.decode()
    assert NEGATIVE_ACTUAL in page
    hint = client.get(reverse("plans:suggest", args=[entry.pk]), {"ind-0-target": "△3", "ind-0-actual": "5"})
    assert hint.status_code == 200 and hint.json()["problems"] == [NEGATIVE_TARGET]


@pytest.mark.parametrize("text", ["123456789012", "１２３４５６７８９０１２３４５"])
def test_issue_18_a_figure_too_long_for_its_column_is_a_form_error_naming_the_limit(
    cycle: dict[str, Any], text: str
) -> None:
    entry = cycle["draft"]
    before = db_state()
    response = login("roudou").post(
        reverse("plans:edit", args=[entry.pk]), entry_form(entry, **{"ind-0-actual": text})
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert f"整数部分は{ACTUAL_DIGITS.whole}桁までです" in page and ACTUAL_DIGITS.whole == 11
    assert f'value="{text}"' in page  # the typed figure is kept
    assert db_state() == before


def test_issue_18_a_returned_form_with_a_decrease_is_previewed_and_taken(cycle: dict[str, Any]) -> None:
    plan = cycle["draft"].program.plan
    actor = User.objects.get(username="roudou")
    content = returned_form(plan, "▲5")
    preview = import_department_form(
        name="r.xlsx", content=content, plan=plan, fiscal_year=2022, actor=actor, dry_run=True
    )
    assert preview.written is False and preview.summary["indicator_values"] == 2
    import_department_form(name="r.xlsx", content=content, plan=plan, fiscal_year=2022, actor=actor)
    assert IndicatorValue.objects.filter(indicator__program__number=1, fiscal_year=2022, actual=-5).exists()


# ---------------------------------------------------------------- issue 17, finding 13


def test_finding_13_an_entry_shows_an_indicator_added_in_a_later_year(cycle: dict[str, Any]) -> None:
    draft = cycle["draft"]
    data = entry_form(draft)
    n = len(workflow.entry_indicators(draft))
    data |= {f"ind-{n}-name": "新しい指標", f"ind-{n}-target": "10", f"ind-{n}-unit": "人"}
    assert login("roudou").post(reverse("plans:edit", args=[draft.pk]), data).status_code == 302
    assert Indicator.objects.filter(name="新しい指標").exists()
    earlier = cycle["confirmed"]  # 2021: the new indicator has no figures for it
    for persona in ("jimukyoku", "roudou", "iin"):
        response = login(persona).get(reverse("plans:entry", args=[earlier.pk]))
        assert response.status_code == 200, persona


@pytest.mark.parametrize("year", ["abc", "1800", "9" * 30, "2099", "-1", "2021.5"])
def test_finding_13_a_pack_for_a_year_the_plan_has_not_opened_is_refused(
    cycle: dict[str, Any], year: str
) -> None:
    meeting = cycle["meeting"]
    before = ReportPack.objects.count()
    response = login("jimukyoku").post(reverse("council:freeze", args=[meeting.pk]), {"fiscal_year": year})
    assert response.status_code == 400
    assert "開始済みの年度" in response.content.decode()
    assert ReportPack.objects.count() == before


# ---------------------------------------------------------------- every numeric field, any spelling


@FUZZ
@given(data=st.data())
def test_any_spelling_in_the_entry_form_s_figures_is_saved_or_refused_whole(
    cycle: dict[str, Any], data: st.DataObject
) -> None:
    entry = cycle["draft"]
    client = login("roudou")
    client.raise_request_exception = False  # a crash must show as a 500, which fails below
    n = len(workflow.entry_indicators(entry))
    fields = [f"ind-{i}-{f}" for i in range(n) for f in ("target", "actual")]
    # A reason, so that a grade other than the figures suggest is no refusal of its own.
    typed = {"proposed_reason": "年度途中に事業を拡充したため。"}
    typed |= {name: data.draw(spellings(), label=name) for name in fields}
    new_row = data.draw(st.booleans(), label="new indicator")
    if new_row:
        typed |= {
            f"ind-{n}-name": "新しい指標",
            f"ind-{n}-target": data.draw(spellings(), label="new target"),
            f"ind-{n}-actual": data.draw(spellings(), label="new actual"),
        }
    status, page, changed = post_and_roll_back(
        client, reverse("plans:edit", args=[entry.pk]), entry_form(entry, **typed)
    )
    readings = {
        k: figure(v, TARGET_DIGITS if k.endswith("target") else ACTUAL_DIGITS)
        for k, v in typed.items()
        if k.endswith(("target", "actual"))
    }
    if "refused" in readings.values():
        assert status == 400, (status, typed)
        assert not changed, "a refused form changed the database"
    else:
        assert status == 302, (status, typed, page[:3000])


@FUZZ
@given(target=spellings(), actual=spellings())
def test_any_spelling_in_an_accepted_indicator_is_saved_or_refused_whole(
    cycle: dict[str, Any], target: str, actual: str
) -> None:
    entry = YearlyEntry.objects.get(program__number=8, fiscal_year=2021)
    client = login("jimukyoku")
    client.raise_request_exception = False
    data = {
        "prefix": "p0",
        "p0-name": "協力雇用主の登録数",
        "p0-unit": "社",
        "p0-direction": "higher",
        "p0-source": "",
        "p0-target": target,
        "p0-actual": actual,
    }
    status, _page, changed = post_and_roll_back(
        client, reverse("plans:accept_indicator", args=[entry.pk]), data
    )
    assert status in (302, 400), status
    if "refused" in (figure(target, TARGET_DIGITS), figure(actual, ACTUAL_DIGITS)):
        assert not changed


@FUZZ
@given(target=spellings(), actual=spellings(), direction=st.sampled_from(["higher", "lower", "", "x"]))
def test_any_spelling_in_the_live_suggestion_gets_an_answer(
    cycle: dict[str, Any], target: str, actual: str, direction: str
) -> None:
    client = login("roudou")
    client.raise_request_exception = False
    response = client.get(
        reverse("plans:suggest", args=[cycle["draft"].pk]),
        {"ind-0-target": target, "ind-0-actual": actual, "ind-0-direction": direction},
    )
    assert response.status_code == 200
    assert set(response.json()) == {"grade", "meaning", "problems"}


def screen_post(client: Client, url: str, data: dict[str, str], digits_ok: bool) -> None:
    status, _page, changed = post_and_roll_back(client, url, data)
    assert status in (200, 302, 400), status
    if not digits_ok:
        assert status != 302 and not changed, "the screen saved a figure its parser refused"
    elif status == 302:
        assert changed


# The secretariat keeps outcomes and context statistics on its own screens (the admin only reads
# them since the screens' checks became the one write path).
@FUZZ
@given(value=spellings())
def test_any_spelling_of_a_context_statistic_on_the_secretariats_screen_is_saved_or_refused(
    cycle: dict[str, Any], value: str
) -> None:
    series = ContextSeries.objects.filter(plan__slug="saitama-r3").first()
    assert series is not None
    client = login("jimukyoku")
    client.raise_request_exception = False
    url = reverse("outcomes:context_value_new", args=["saitama-r3", series.pk])
    reading = figure(value, model_digits(ContextValue, "value"))
    screen_post(client, url, {"year": "2030", "value": value}, reading not in ("refused", None))


@FUZZ
@given(value=spellings())
def test_any_spelling_of_an_outcome_value_on_the_secretariats_screen_is_saved_or_refused(
    cycle: dict[str, Any], value: str
) -> None:
    outcome = Outcome.objects.filter(plan__slug="saitama-r3").first()
    assert outcome is not None
    client = login("jimukyoku")
    client.raise_request_exception = False
    data = {
        "year": "2030",
        "value": value,
        "source": OutcomeValue._meta.get_field("source").default or "other",
        "source_note": "",
    }
    reading = figure(value, model_digits(OutcomeValue, "value"))
    url = reverse("outcomes:value_new", args=["saitama-r3", outcome.pk])
    screen_post(client, url, data, reading not in ("refused", None))


# ---------------------------------------------------------------- every importer's numeric columns


@FUZZ
@given(actual=spellings())
def test_any_spelling_in_a_returned_department_form_is_taken_or_refused_whole(
    cycle: dict[str, Any], actual: str
) -> None:
    actual = ILLEGAL_CHARACTERS_RE.sub("", actual)  # what a worksheet cannot hold at all
    plan = cycle["draft"].program.plan
    actor = User.objects.get(username="roudou")
    content = returned_form(plan, actual)
    with transaction.atomic():
        before = db_state()
        try:
            import_department_form(name="r.xlsx", content=content, plan=plan, fiscal_year=2022, actor=actor)
        except ImportRefused:
            assert db_state() == before
            assert figure(actual, ACTUAL_DIGITS) == "refused"
        else:
            assert figure(actual, ACTUAL_DIGITS) != "refused"
        transaction.set_rollback(True)


@FUZZ
@given(value=spellings())
def test_any_spelling_in_a_context_file_is_taken_or_refused_whole(cycle: dict[str, Any], value: str) -> None:
    plan = cycle["draft"].program.plan
    csv = f'項目,年,値\n刑法犯検挙者数,2030,"{value.replace(chr(34), "")}"\n'
    with transaction.atomic():
        before = db_state()
        try:
            import_context(plan, "context.csv", csv.encode("utf-8"), actor=None)
        except ImportRefused:
            assert db_state() == before
        else:
            reading = figure(value.replace('"', ""), model_digits(ContextValue, "value"))
            assert reading not in ("refused", None)
        transaction.set_rollback(True)


@pytest.mark.parametrize(
    "value", ["", None, "abc", Decimal("NaN"), Decimal("Infinity"), float("nan"), True, [1]]
)
def test_finding_13_the_display_filters_show_nothing_for_what_is_not_a_figure(value: object) -> None:
    from shinchoku.lib.templatetags.display import number, percent

    assert number(value) == "" and percent(value) == ""


def test_the_display_filters_still_show_figures() -> None:
    from fractions import Fraction

    from shinchoku.lib.templatetags.display import number, percent

    assert (number(Decimal("5621.000")), number(Decimal("-5")), number(0)) == ("5,621", "-5", "0")
    assert (percent(Fraction(5621, 53)), percent(Decimal("110"))) == ("106.1%", "110.0%")
