"""A citizen reads the open data; an analyst compares by national issue; a department makes an API token."""

import pytest
from django.test import Client
from playwright.sync_api import Browser, BrowserContext, Page, expect

from shinchoku.demo import load_demo
from tests_helpers import screenshot_dir

from .conftest import assert_accessible, logged_in_page

PASSWORD = "browser-test-password"
SCREENSHOTS = screenshot_dir()


@pytest.fixture
def demo(transactional_db: None) -> None:
    load_demo(password=PASSWORD)


def person(browser: Browser, base: str, username: str, opened: list[BrowserContext]) -> Page:
    return logged_in_page(browser, base, username, PASSWORD, opened)


def test_a_citizen_reads_the_open_data(page: Page, live_server: object, demo: None) -> None:
    page.goto(f"{live_server}/open/")
    assert_accessible(page)
    page.get_by_role("link", name="さいたま市再犯防止推進計画").click()
    expect(page.get_by_role("heading", name="さいたま市再犯防止推進計画", level=1)).to_be_visible()
    expect(page.get_by_role("row", name="令和3年度（2021）")).to_contain_text("12（16%）")
    expect(page.get_by_text("CC BY 4.0")).to_be_visible()
    assert_accessible(page)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "40-open-data.png"), full_page=True)
    with page.expect_download() as download:
        page.get_by_role("link", name="年度別・重点項目別・達成度別の集計（CSV、UTF-8）").click()
    assert download.value.suggested_filename.endswith(".csv")


def test_an_analyst_compares_by_national_issue(browser: Browser, live_server: object, demo: None) -> None:
    opened: list[BrowserContext] = []
    try:
        analyst = person(browser, str(live_server), "kouiki", opened)
        analyst.get_by_role("link", name="国の重点課題別の進捗").click()
        expect(analyst.get_by_role("heading", name="国の重点課題別の進捗", level=1)).to_be_visible()
        expect(analyst.get_by_role("row", name="1 就労・住居の確保等")).to_contain_text("13")
        assert_accessible(analyst)
        analyst.screenshot(path=str(SCREENSHOTS / "41-national-shares.png"), full_page=True)
        analyst.get_by_label("国の計画").select_option(label="第二次再犯防止推進計画")
        analyst.get_by_role("button", name="表示").click()
        # Saitama's FY2021 plan is mapped to the first national plan only: under the second, all is unmapped.
        expect(analyst.get_by_role("row", name="（国の重点課題に対応づけなし）")).to_contain_text("60")
        with analyst.expect_download() as download:
            analyst.get_by_role("link", name="CSVをダウンロード").click()
        assert download.value.suggested_filename.endswith(".csv")
    finally:
        for context in opened:
            context.close()


def test_a_department_makes_a_token_uses_it_and_revokes_it(
    browser: Browser, live_server: object, demo: None
) -> None:
    opened: list[BrowserContext] = []
    try:
        department = person(browser, str(live_server), "roudou", opened)
        department.get_by_role("link", name="APIトークン").click()
        department.get_by_label("用途").fill("課内の集計表")
        department.get_by_label("90日").check()
        department.get_by_role("button", name="トークンを作成").click()
        key = department.locator("#new-token").inner_text()
        assert key.startswith("shk_")
        assert_accessible(department)
        department.reload()
        expect(department.locator("#new-token")).to_have_count(0)  # shown once
        response = Client().get("/api/plans/saitama-r3/entries?limit=1", HTTP_AUTHORIZATION=f"Bearer {key}")
        assert response.status_code == 200 and response.json()["items"][0]["department"] == "労働政策課"
        department.get_by_role("button", name="取り消す").click()
        expect(department.get_by_role("status")).to_contain_text("トークンを取り消しました")
        assert Client().get("/api/plans", HTTP_AUTHORIZATION=f"Bearer {key}").status_code == 401
    finally:
        for context in opened:
            context.close()
