"""The secretariat's issue-20 screens in a browser: a meeting's agenda, a program's national issues,
a plan revision checked then recorded; every page axe-clean."""

import pytest
from playwright.sync_api import Browser, BrowserContext, expect

from shinchoku.demo import load_demo
from shinchoku.lifecycle.models import PlanRevision
from shinchoku.national.models import ProgramMapping

from .conftest import assert_accessible, logged_in_page

PASSWORD = "browser-test-password"
BASE_PLAN = "/plans/saitama-r3"


@pytest.fixture
def demo(transactional_db: None) -> None:
    load_demo(password=PASSWORD)


def test_the_secretariat_keeps_agenda_national_issues_and_a_revision_on_screens(
    browser: Browser, live_server: object, demo: None
) -> None:
    opened: list[BrowserContext] = []
    base = str(live_server)
    try:
        page = logged_in_page(browser, base, "jimukyoku", PASSWORD, opened)
        page.goto(f"{base}{BASE_PLAN}/council/meetings/")
        page.locator("#id_fiscal_year").fill("令和5年度")
        page.locator("#id_agenda").fill(
            "さいたま市の再犯防止の進捗状況について\n国・民間団体等の動向について"
        )
        assert_accessible(page)
        page.get_by_role("button", name="保存").click()
        expect(page.get_by_role("status")).to_contain_text("保存しました")
        page.goto(f"{base}{BASE_PLAN}/council/")
        expect(page.get_by_role("list", name="議題").first).to_contain_text("国・民間団体等の動向について")

        page.goto(f"{base}{BASE_PLAN}/national/?national_plan=first")
        assert_accessible(page)
        page.locator("#program-22").get_by_role("link").click()
        page.get_by_label("1 就労・住居の確保等").check()
        assert_accessible(page)
        page.get_by_role("button", name="保存").click()
        expect(page.locator("#program-22")).to_contain_text("1 就労・住居の確保等")
        assert ProgramMapping.objects.filter(program__number=22).count() == 1

        page.goto(f"{base}{BASE_PLAN}/lifecycle/")
        assert_accessible(page)
        page.locator("#id_effective_year").fill("令和6年度")
        page.locator("#id_decided_on").fill("2024-03-15")
        page.locator("#id_summary").fill("中間見直し")
        page.locator("#id_retire").fill("8")
        page.get_by_role("button", name="変更を確認する").click()
        expect(page.get_by_role("heading", name="この見直しで変わることの確認")).to_be_visible()
        assert_accessible(page)
        assert not PlanRevision.objects.exists()
        page.get_by_role("button", name="この見直しを記録する").click()
        expect(page.get_by_role("status")).to_contain_text("見直しを記録しました（変更 1件）。")
        assert PlanRevision.objects.get().changes.get().program.number == 8
    finally:
        for context in opened:
            context.close()
