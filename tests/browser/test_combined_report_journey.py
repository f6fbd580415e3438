"""The secretariat chooses two plans for a combined report in Chromium; the choice and the report are axe-clean."""

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, BrowserContext, expect

from combined_objects import NAME, SLUG, welfare_plan
from shinchoku.demo import load_demo

from .conftest import assert_accessible, logged_in_page

PASSWORD = "browser-test-password"


@pytest.fixture
def demo(transactional_db: None) -> None:
    load_demo(password=PASSWORD)
    welfare_plan()


@pytest.fixture
def contexts(browser: Browser) -> Iterator[list[BrowserContext]]:
    opened: list[BrowserContext] = []
    yield opened
    for context in opened:
        context.close()


def test_the_secretariat_chooses_two_plans_and_gets_one_report(
    browser: Browser, live_server: object, demo: None, contexts: list[BrowserContext]
) -> None:
    base = str(live_server)
    page = logged_in_page(browser, base, "jimukyoku", PASSWORD, contexts)
    page.get_by_role("link", name="複数計画の進捗状況評価報告書").click()
    page.get_by_label("さいたま市再犯防止推進計画（令和3年度〜令和7年度）").check()
    page.get_by_label(f"{NAME}（令和3年度〜令和7年度）").check()
    assert_accessible(page)

    page.get_by_role("button", name="報告書（HTML）").click()

    expect(page).to_have_title("令和3年度 さいたま市 再犯防止推進計画等 進捗状況評価報告書")
    assert f"plan={SLUG}" in page.url  # the choice is in the address: a bookmark makes it again
    expect(page.get_by_role("heading", level=1, name=f"{NAME}の進捗状況（令和3年度）")).to_be_visible()
    assert_accessible(page)
