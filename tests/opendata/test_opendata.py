"""The public open-data page and its downloads: confirmed figures of a published plan, with its licence."""

import datetime
import json

import pytest
from django.test import Client

from shinchoku.accounts.models import User
from shinchoku.opendata.models import Publication
from shinchoku.plans import workflow
from shinchoku.plans.models import Plan, YearlyEntry
from tests_helpers import login

pytestmark = pytest.mark.django_db
PRIVATE = "非公開の下書き（公開してはならない）"


@pytest.fixture
def drafts() -> None:
    plan = Plan.objects.get(slug="saitama-r3")
    workflow.open_year(
        plan=plan,
        fiscal_year=2022,
        deadline=datetime.date(2023, 4, 28),
        actor=User.objects.get(username="jimukyoku"),
    )
    YearlyEntry.objects.filter(program__plan=plan, fiscal_year=2022).update(activities=PRIVATE)


def test_the_page_shows_the_seeds_figures_and_the_licence(drafts: None) -> None:
    response = Client().get("/open/saitama-r3/")
    text = response.content.decode()
    assert response.status_code == 200
    assert "令和3年度（2021）" in text and "12（16%）" in text and "56（76%）" in text
    assert "CC BY 4.0" in text and "https://creativecommons.org/licenses/by/4.0/deed.ja" in text
    assert "令和4年度" not in text  # drafts only: nothing confirmed yet


def test_the_figures_csv_is_long_format_with_both_ways_of_counting(drafts: None) -> None:
    response = Client().get("/open/saitama-r3/figures.csv")
    lines = response.content.decode("utf-8-sig").splitlines()
    assert lines[0] == "年度,年度（西暦）,集計単位,重点項目番号,重点項目,数え方,達成度,件数,割合（%）"
    assert "令和3年度,2021,計画全体,,,再掲含む,A,12,16" in lines
    assert "令和3年度,2021,計画全体,,,再掲除く,A,12,20" in lines  # 12 of 60 programs
    assert (
        "令和3年度,2021,重点項目,1,就労・住居の確保等のための取組,再掲含む,A,5,36" in lines
    )  # the seed's 36%
    assert not any("2022" in line for line in lines[1:])


def test_the_json_carries_the_licence_and_the_credit() -> None:
    document = json.loads(Client().get("/open/saitama-r3/figures.json").content)
    assert document["licence_id"] == "CC-BY-4.0"
    assert document["credit"] == "出典：さいたま市再犯防止推進計画 進捗状況（さいたま市）"
    assert [y["fiscal_year"] for y in document["years"]] == [2021]
    assert document["years"][0]["overall"] == {"A": 12, "B": 56, "C": 0, "－": 6}


def test_the_indicators_csv_never_shows_a_draft_years_values(drafts: None) -> None:
    from shinchoku.plans.models import IndicatorValue

    IndicatorValue.objects.filter(fiscal_year=2022).update(actual=424242)
    text = Client().get("/open/saitama-r3/indicators.csv").content.decode("utf-8-sig")
    assert "424242" not in text and PRIVATE not in text
    assert ",目標値,2021,120,,,," in text


def test_an_unpublished_plan_has_no_open_data() -> None:
    Publication.objects.filter(plan__slug="saitama-r3").update(is_published=False)
    assert Client().get("/open/saitama-r3/").status_code == 404
    assert Client().get("/open/saitama-r3/figures.csv").status_code == 404
    assert Client().get("/open/saitama-r8-demo/").status_code == 404
    assert "saitama-r3" not in Client().get("/open/").content.decode()


def test_the_secretariat_chooses_the_licence_and_the_history_keeps_it() -> None:
    client = login("jimukyoku")
    seen = client.get("/plans/saitama-r3/opendata/").context["form"].initial["seen"]
    response = client.post(
        "/plans/saitama-r3/opendata/",
        {"is_published": "on", "licence": "CC0-1.0", "attribution": "", "seen": seen},
    )
    assert response.status_code == 302
    publication = Publication.objects.get(plan__slug="saitama-r3")
    assert publication.licence == "CC0-1.0"
    latest = publication.history.first()
    assert latest.history_user.username == "jimukyoku" and latest.prev_record.licence == "CC-BY-4.0"
    assert "CC0 1.0" in Client().get("/open/saitama-r3/").content.decode()


def test_a_wrong_licence_is_refused_and_nothing_changes() -> None:
    client = login("jimukyoku")
    seen = client.get("/plans/saitama-r3/opendata/").context["form"].initial["seen"]
    response = client.post(
        "/plans/saitama-r3/opendata/", {"is_published": "on", "licence": "GPL", "seen": seen}
    )
    assert response.status_code == 400
    assert "正しく選択してください" in response.content.decode()
    assert Publication.objects.get(plan__slug="saitama-r3").licence == "CC-BY-4.0"
