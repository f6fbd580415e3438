"""The secretariat writes a year's wording of － on the plan's page, in Chromium; the page stays axe-clean."""

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, BrowserContext, expect

from shinchoku.demo import load_demo
from shinchoku.plans.models import PlanYear

from .conftest import assert_accessible, logged_in_page

PASSWORD = "browser-test-password"
TYPHOON = "令和元年東日本台風による施設の被災により目標を達成不可/事業を実施不可"


@pytest.fixture
def demo(transactional_db: None) -> None:
    load_demo(password=PASSWORD)


@pytest.fixture
def contexts(browser: Browser) -> Iterator[list[BrowserContext]]:
    opened: list[BrowserContext] = []
    yield opened
    for context in opened:
        context.close()


def test_the_secretariat_sets_the_wording_of_a_year_on_the_plans_page(
    browser: Browser, live_server: object, demo: None, contexts: list[BrowserContext]
) -> None:
    base = str(live_server)
    page = logged_in_page(browser, base, "jimukyoku", PASSWORD, contexts)
    page.goto(f"{base}/plans/saitama-r3/")
    form = page.locator("form", has=page.get_by_role("button", name="令和3年度（2021年度）の説明を保存"))
    field = form.get_by_label("この年度の報告書に印刷する説明")
    expect(field).to_have_value("新型コロナウイルス感染症の影響により目標を達成不可/事業を実施不可")
    assert_accessible(page)

    field.fill(TYPHOON)
    form.get_by_role("button", name="令和3年度（2021年度）の説明を保存").click()

    expect(page.get_by_role("status")).to_contain_text("令和3年度の説明を変更しました。")
    assert PlanYear.objects.get(plan__slug="saitama-r3", fiscal_year=2021).not_evaluable_wording == TYPHOON
    assert_accessible(page)
