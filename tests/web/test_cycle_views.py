"""Every page of the yearly cycle for every persona: allowed, 404 or 403; refused requests change nothing."""

import datetime

import pytest
from django.urls import reverse

from shinchoku.plans import workflow
from shinchoku.plans.models import IndicatorValue, YearlyEntry
from tests_helpers import db_state, login

pytestmark = pytest.mark.django_db
PLAN = "saitama-r3"
PERSONAS = ["anonymous", "jimukyoku", "roudou", "jutaku", "iin", "case1", "other"]


def test_a_department_lists_only_its_own_entries(cycle: dict[str, YearlyEntry]) -> None:
    page = login("roudou").get(reverse("plans:entries", args=[PLAN, 2022])).content.decode()
    assert "ワークステーションさいたまにおける取組" in page
    assert "住宅確保要配慮者の入居を拒まない賃貸住宅" not in page  # 住宅政策課's program 12


def test_council_members_see_confirmed_figures_only(cycle: dict[str, YearlyEntry]) -> None:
    response = login("iin").get(reverse("reports:dashboard", args=[PLAN, 2022]))
    assert response.status_code == 200
    assert response.context["figures"]["total"] == 0  # FY2022 has no confirmed entry yet
    assert response.context["figures"]["confirmed_only"]


def test_the_secretariat_sees_unconfirmed_figures(cycle: dict[str, YearlyEntry]) -> None:
    figures = login("jimukyoku").get(reverse("reports:dashboard", args=[PLAN, 2021])).context["figures"]
    assert not figures["confirmed_only"] and figures["total"] == 74


def test_a_forged_final_grade_from_a_department_is_ignored(cycle: dict[str, YearlyEntry]) -> None:
    entry = cycle["draft"]
    response = login("roudou").post(
        reverse("plans:edit", args=[entry.pk]),
        {
            "version": "1",
            "activities": "実施",
            "evaluation_type": "qualitative",
            "final_grade": "A",
            "status": "confirmed",
            "ind-TOTAL_FORMS": "0",
            "ind-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302
    entry.refresh_from_db()
    assert (entry.final_grade, entry.status, entry.activities) == ("", "draft", "実施")


def form_data(entry: YearlyEntry, **changes: str) -> dict[str, str]:
    indicators = workflow.entry_indicators(entry)
    data = {
        "version": str(entry.version),
        "activities": "ワンストップ就労支援を実施しました。",
        "target_text": "",
        "result_text": "就職者数 306人",
        "evaluation_type": "quantitative",
        "proposed_grade": "A",
        "proposed_reason": "",
        "ind-TOTAL_FORMS": str(len(indicators) + 1),
        "ind-INITIAL_FORMS": "0",
    }
    for i, indicator in enumerate(indicators):
        data |= {
            f"ind-{i}-indicator_id": str(indicator.pk),
            f"ind-{i}-name": indicator.name,
            f"ind-{i}-unit": "人",
            f"ind-{i}-direction": "higher",
            f"ind-{i}-source": "",
            f"ind-{i}-target": "",
            f"ind-{i}-actual": "",
        }
    n = len(indicators)
    data |= {f"ind-{n}-direction": "higher"}
    return data | changes


def test_full_width_numbers_are_understood(cycle: dict[str, YearlyEntry]) -> None:
    entry = cycle["draft"]
    data = form_data(
        entry,
        **{
            "ind-0-target": "１２０人",
            "ind-0-actual": "３０６",
            "ind-1-target": "７，２００",
            "ind-1-actual": "7,936人",
        },
    )
    response = login("roudou").post(reverse("plans:edit", args=[entry.pk]), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    values = IndicatorValue.objects.filter(indicator__program__number=1, fiscal_year=2022).order_by(
        "indicator__position"
    )
    assert [(v.target, v.actual) for v in values] == [(120, 306), (7200, 7936)]
    entry.refresh_from_db()
    assert entry.suggested_grade == "A"


def test_a_wrong_number_gets_a_japanese_message_and_saves_nothing(cycle: dict[str, YearlyEntry]) -> None:
    entry = cycle["draft"]
    before = db_state()
    response = login("roudou").post(
        reverse("plans:edit", args=[entry.pk]), form_data(entry, **{"ind-0-actual": "約300"})
    )
    assert response.status_code == 400
    assert "「約300」は数値として読めません" in response.content.decode()
    assert db_state() == before


def test_a_stale_save_keeps_the_typed_values(cycle: dict[str, YearlyEntry]) -> None:
    entry = cycle["draft"]
    first = login("roudou")
    assert first.post(reverse("plans:edit", args=[entry.pk]), form_data(entry)).status_code == 302
    stale = form_data(entry, result_text="二人目が入力した成果")  # still version 1
    response = login("roudou").post(reverse("plans:edit", args=[entry.pk]), stale)
    assert response.status_code == 409
    page = response.content.decode()
    assert "他の人が保存しました" in page and "二人目が入力した成果" in page
    entry.refresh_from_db()
    assert entry.result_text == "就職者数 306人"


def test_the_suggestion_endpoint_uses_the_domain_rules(cycle: dict[str, YearlyEntry]) -> None:
    url = reverse("plans:suggest", args=[cycle["draft"].pk])
    client = login("roudou")
    assert client.get(url, {"ind-0-target": "5,300", "ind-0-actual": "５，６２１"}).json()["grade"] == "B"
    assert (
        client.get(url, {"ind-0-target": "443", "ind-0-actual": "354", "ind-0-direction": "lower"}).json()[
            "grade"
        ]
        == "A"
    )
    assert "数値として読めません" in client.get(url, {"ind-0-target": "abc"}).json()["problems"][0]


def test_the_board_marks_overdue_departments_and_drafts_a_reminder(cycle: dict[str, YearlyEntry]) -> None:
    from shinchoku.plans.models import PlanYear

    PlanYear.objects.filter(fiscal_year=2022).update(deadline=datetime.date(2023, 4, 28))
    page = login("jimukyoku").get(reverse("plans:board", args=[PLAN, 2022])).content.decode()
    assert "期限超過" in page
    assert "労働政策課: 令和4年度の進捗が未提出です（締切: 令和5年4月28日）。事業番号 1、2、4、6、10" in page


def test_pages_speak_english_on_request(cycle: dict[str, YearlyEntry]) -> None:
    client = login("jimukyoku")
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    page = client.get(reverse("plans:board", args=[PLAN, 2022])).content.decode()
    assert "Status board" in page and "FY2022" in page and 'lang="en"' in page


def test_the_secretariat_marks_a_main_program_for_the_report(cycle: dict[str, YearlyEntry]) -> None:
    entry = cycle["confirmed"]
    client = login("jimukyoku")
    assert client.post(reverse("plans:highlight", args=[entry.pk]), {"highlight": "1"}).status_code == 302
    entry.refresh_from_db()
    assert entry.is_highlight
    latest = entry.history.first()
    assert latest.history_user.username == "jimukyoku"


def test_the_secretariat_adds_an_indicator_found_in_the_text(cycle: dict[str, YearlyEntry]) -> None:
    entry = YearlyEntry.objects.get(program__number=8, fiscal_year=2021)
    YearlyEntry.objects.filter(pk=entry.pk).update(
        evaluation_type="quantitative", result_text="・協力雇用主の登録数　120社（目標：100社）"
    )
    client = login("jimukyoku")
    page = client.get(reverse("plans:entry", args=[entry.pk]))
    (form,) = page.context["proposals"]
    assert form.initial["name"] == "協力雇用主の登録数" and form.initial["target"] == "100"
    data = {f"p0-{k}": v for k, v in form.initial.items()} | {"prefix": "p0", "p0-actual": "１２０社"}
    assert client.post(reverse("plans:accept_indicator", args=[entry.pk]), data).status_code == 302
    entry.refresh_from_db()
    assert entry.suggested_grade == "A"  # 120/100 = 120%
    assert entry.program.indicators.get(name="協力雇用主の登録数").values.get(fiscal_year=2021).actual == 120
    assert login("iin").post(reverse("plans:accept_indicator", args=[entry.pk]), data).status_code == 403
    assert login("roudou").post(reverse("plans:accept_indicator", args=[entry.pk]), data).status_code == 404
