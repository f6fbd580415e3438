"""An installation administrator logs in to the admin, finds program 12's FY2021 entry and sees its history."""

import pytest
from playwright.sync_api import Page, expect

from shinchoku.demo import load_demo

from .conftest import assert_accessible

PASSWORD = "browser-test-password"


@pytest.fixture
def demo(transactional_db: None) -> None:
    load_demo(password=PASSWORD)


def log_in(page: Page, base: str, username: str) -> None:
    page.goto(f"{base}/admin/")
    page.get_by_label("ユーザー名").fill(username)
    page.get_by_label("パスワード").fill(PASSWORD)
    page.get_by_role("button", name="ログイン").click()


def test_the_login_page_is_japanese_and_accessible(page: Page, live_server: object, demo: None) -> None:
    page.goto(f"{live_server}/admin/login/")
    expect(page.locator("html")).to_have_attribute("lang", "ja")
    expect(page.get_by_role("button", name="ログイン")).to_be_visible()
    assert_accessible(page)


def test_a_wrong_password_gets_a_japanese_message(page: Page, live_server: object, demo: None) -> None:
    page.goto(f"{live_server}/admin/login/")
    page.get_by_label("ユーザー名").fill("jimukyoku")
    page.get_by_label("パスワード").fill("wrong-password")
    page.get_by_role("button", name="ログイン").click()
    expect(page.locator(".errornote")).to_contain_text("正しいユーザー名とパスワードを入力してください")


def test_the_installation_administrator_finds_program_12_and_its_history(
    page: Page, live_server: object, demo: None
) -> None:
    log_in(page, str(live_server), "admin")  # the secretariat has no admin page since issue 20
    expect(page.get_by_role("heading", name="管理")).to_be_visible()
    page.get_by_role("link", name="年度別取組").first.click()
    page.get_by_role("textbox").first.fill("住宅確保要配慮者")
    page.keyboard.press("Enter")
    page.get_by_role(
        "link", name="12 住宅確保要配慮者の入居を拒まない賃貸住宅の供給の促進に関する取組"
    ).click()
    # Read here, written by the workflow only (issue 17): every field is shown read-only.
    expect(page.locator(".field-final_grade .readonly")).to_have_text("A")
    expect(page.locator(".field-suggested_grade .readonly")).to_have_text("B")
    expect(page.locator(".field-reason .readonly")).to_contain_text("予定を超える成果")
    page.get_by_role("link", name="履歴").click()
    expect(page.locator("#content")).to_contain_text("住宅政策課")


def test_a_department_editor_cannot_enter_the_admin(page: Page, live_server: object, demo: None) -> None:
    log_in(page, str(live_server), "roudou")
    expect(page.locator(".errornote")).to_be_visible()
    expect(page.get_by_role("heading", name="管理")).to_have_count(0)
