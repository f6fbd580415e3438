"""An opinion is recorded, answered, seen in the next year's entry form and the report; a pack is frozen."""

import datetime

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from shinchoku.accounts.models import User
from shinchoku.council.models import ReportPack
from shinchoku.demo import load_demo
from shinchoku.plans import workflow
from shinchoku.plans.models import Plan, YearlyEntry
from shinchoku.reports.council import render_html

from .conftest import assert_accessible, logged_in_page

PASSWORD = "browser-test-password"


@pytest.fixture
def demo(transactional_db: None) -> None:
    load_demo(password=PASSWORD)
    workflow.open_year(
        plan=Plan.objects.get(slug="saitama-r3"),
        fiscal_year=2022,
        deadline=datetime.date(2023, 4, 28),
        actor=User.objects.get(username="jimukyoku"),
    )


def person(browser: Browser, base: str, username: str, opened: list[BrowserContext]) -> Page:
    return logged_in_page(browser, base, username, PASSWORD, opened)


def test_an_opinion_from_record_to_report(browser: Browser, live_server: object, demo: None) -> None:
    opened: list[BrowserContext] = []
    base = str(live_server)
    try:
        secretariat = person(browser, base, "jimukyoku", opened)
        secretariat.goto(f"{base}/plans/saitama-r3/council/")
        secretariat.get_by_role("link", name="意見を記録する").click()
        secretariat.get_by_label("年度").fill("2022")
        secretariat.get_by_label("事業").select_option(label="1 ワークステーションさいたまにおける取組")
        secretariat.locator("#id_text").fill("就職後の定着状況も示してほしい。")
        secretariat.get_by_role("button", name="保存").click()
        expect(secretariat.get_by_role("status")).to_contain_text("意見を記録しました。")
        assert_accessible(secretariat)

        department = person(browser, base, "roudou", opened)
        entry = YearlyEntry.objects.get(program__number=1, fiscal_year=2022)
        department.goto(f"{base}/entries/{entry.pk}/edit/")
        expect(department.locator("section.opinions")).to_contain_text("就職後の定着状況も示してほしい。")
        department.get_by_role("link", name="就職後の定着状況も示してほしい。").click()
        department.get_by_label("状況").select_option(label="対応中")
        department.locator("#id_text").fill("定着状況の把握方法を調整しています。")
        department.get_by_role("button", name="回答する").click()
        expect(department.get_by_role("status")).to_contain_text("対応を記録しました。")

        assert "就職後の定着状況も示してほしい。" in render_html(Plan.objects.get(slug="saitama-r3"), 2022)

        secretariat.goto(f"{base}/plans/saitama-r3/council/")
        secretariat.get_by_role("button", name="この会議の資料一式を確定する").click()
        expect(secretariat.get_by_role("status")).to_contain_text("会議資料一式を確定しました")
        expect(secretariat.get_by_role("link", name="協議会資料（PDF）")).to_be_visible()
        assert ReportPack.objects.count() == 1
    finally:
        for context in opened:
            context.close()
