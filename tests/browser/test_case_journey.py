"""case1 records an event and writes a summary, case_sv approves it, case1 publishes it; case2 cannot open the case."""

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from shinchoku.cases.models import Case
from shinchoku.demo import load_demo
from shinchoku.plans.models import Plan
from shinchoku.reports.council import render_html
from tests_helpers import screenshot_dir

from .conftest import assert_accessible, logged_in_page

PASSWORD = "browser-test-password"
SCREENSHOTS = screenshot_dir()


@pytest.fixture
def demo(transactional_db: None) -> None:
    load_demo(password=PASSWORD)


def person(browser: Browser, base: str, username: str, opened: list[BrowserContext]) -> Page:
    return logged_in_page(browser, base, username, PASSWORD, opened)


def test_a_case_is_recorded_and_published(browser: Browser, live_server: object, demo: None) -> None:
    opened: list[BrowserContext] = []
    base = str(live_server)
    try:
        worker = person(browser, base, "case1", opened)
        worker.get_by_role("link", name="事例", exact=True).click()
        worker.get_by_role("link", name="A", exact=True).click()
        expect(worker.get_by_role("heading", name="事例 A")).to_be_visible()
        worker.get_by_label("年度").fill("2022")
        worker.get_by_label("機関").select_option(label="学校")
        worker.get_by_label("種類").select_option(label="面接")
        worker.get_by_role("textbox", name="備考").fill("さわやか相談室で近況を確認した。")
        worker.get_by_role("button", name="記録する").click()
        expect(worker.get_by_role("status")).to_contain_text("経過を記録しました。")
        assert_accessible(worker)
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        worker.screenshot(path=str(SCREENSHOTS / "30-case.png"), full_page=True)
        worker.get_by_role("link", name="犯罪をした者等に関わる取組事例（令和3年度）").click()
        worker.get_by_label("事例の経過").fill(
            worker.get_by_label("事例の経過").input_value() + "\n担当は山田太郎さん。"
        )
        worker.get_by_role("button", name="下書き保存").click()
        expect(worker.get_by_role("alert")).to_contain_text("人名「山田太郎さん」")
        text = worker.get_by_label("事例の経過").input_value().replace("\n担当は山田太郎さん。", "")
        worker.get_by_label("事例の経過").fill(text)
        worker.get_by_role("button", name="下書き保存").click()
        expect(worker.get_by_text("事例の監督者の承認待ちです。")).to_be_visible()
        expect(worker.get_by_role("button", name="協議会資料に公表する")).to_have_count(0)
        case = Case.objects.get(label="A")
        summary_url = worker.url
        supervisor = person(browser, base, "case_sv", opened)
        supervisor.goto(summary_url)
        supervisor.get_by_role("button", name="この内容で承認する").click()
        expect(supervisor.get_by_role("status")).to_contain_text("承認しました")
        worker.reload()
        worker.get_by_role("button", name="協議会資料に公表する").click()
        expect(worker.get_by_role("status")).to_contain_text("公表しました")
        other = person(browser, base, "case2", opened)
        response = other.goto(f"{base}/cases/{case.pk}/")
        assert response is not None and response.status == 404
        assert "事例の経過" in render_html(Plan.objects.get(slug="saitama-r3"), 2021)
    finally:
        for context in opened:
            context.close()
