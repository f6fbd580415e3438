"""The secretariat records an outcome's value and a context figure on its screens, then takes a file."""

import pytest
from playwright.sync_api import Browser, BrowserContext, expect

from shinchoku.demo import load_demo
from shinchoku.outcomes.models import ContextValue, OutcomeValue

from .conftest import assert_accessible, logged_in_page

PASSWORD = "browser-test-password"
# The seed's 令和３年度 count: なんでも子ども相談窓口における相談対応 4,360件.
CSV = '項目,年,値,単位,出典\nなんでも子ども相談窓口の相談対応件数,令和3年,"４，３６０",件,市の集計\n'


@pytest.fixture
def demo(transactional_db: None) -> None:
    load_demo(password=PASSWORD)


def test_outcome_values_and_context_statistics_without_the_admin(
    browser: Browser, live_server: object, demo: None
) -> None:
    opened: list[BrowserContext] = []
    base = str(live_server)
    try:
        page = logged_in_page(browser, base, "jimukyoku", PASSWORD, opened)
        page.goto(f"{base}/plans/saitama-r3/")
        page.get_by_role("link", name="計画の成果指標").click()
        assert_accessible(page)
        page.get_by_role("link", name="年の値を記録する").click()
        page.locator("#id_year").fill("令和3年")
        page.locator("#id_value").fill("５４０人")
        page.get_by_role("button", name="保存").click()
        expect(page.get_by_role("alert")).to_contain_text("2021年の値は既に記録されています")
        expect(page.locator("#id_value")).to_have_value("５４０人")  # the typed input is kept
        assert_accessible(page)
        page.locator("#id_year").fill("令和5年")
        page.get_by_role("button", name="保存").click()
        expect(page.get_by_role("status")).to_contain_text("2023年の値を保存しました。")
        assert OutcomeValue.objects.get(outcome__name="再犯者数（デモ値）", year=2023).value == 540

        page.get_by_role("link", name="再犯防止を取り巻く状況（統計）").first.click()
        page.wait_for_url(f"{base}/plans/saitama-r3/context/")
        assert_accessible(page)
        page.get_by_role(
            "link", name="刑法犯検挙者数（デモ値）の2021年の値を修正する"
        ).click()  # the figure 1,275 itself
        page.locator("#id_value").fill("1,280")
        page.locator("#id_reason").fill("確定値に更新")
        page.get_by_role("button", name="保存").click()
        expect(page.get_by_role("status")).to_contain_text("2021年の値を保存しました。")
        assert ContextValue.objects.get(series__name="刑法犯検挙者数（デモ値）", year=2021).value == 1280

        page.get_by_role("link", name="ファイルから取り込む").click()
        page.locator("#id_file").set_input_files(
            files=[{"name": "context.csv", "mimeType": "text/csv", "buffer": CSV.encode("utf-8-sig")}]
        )
        page.get_by_role("button", name="ファイルを確認する").click()
        expect(page.locator("main")).to_contain_text("新しい値 1件")
        assert_accessible(page)
        page.get_by_role("button", name="この内容で書き込む").click()
        expect(page.get_by_role("status")).to_contain_text("ファイルから1件の値を取り込みました。")
        expect(page.locator("main")).to_contain_text("4,360")
    finally:
        for context in opened:
            context.close()
