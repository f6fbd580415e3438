"""The secretariat makes 労働政策課's April change in Debian's Chromium: the form, the check, the links.

労働政策課's only account leaves; a newcomer arrives and takes the work; each page is axe-clean.
The newcomer is test data (（テスト）).
"""

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, BrowserContext, expect

from shinchoku.accounts.models import User
from shinchoku.demo import load_demo

from .conftest import assert_accessible, logged_in_page

PASSWORD = "browser-test-password"


@pytest.fixture
def demo(transactional_db: None) -> None:
    load_demo(password=PASSWORD)


@pytest.fixture
def contexts(browser: Browser) -> Iterator[list[BrowserContext]]:
    opened: list[BrowserContext] = []
    yield opened
    for context in opened:
        context.close()


def test_the_secretariat_makes_an_april_change_checked_first(
    browser: Browser, live_server: object, demo: None, contexts: list[BrowserContext]
) -> None:
    page = logged_in_page(browser, str(live_server), "jimukyoku", PASSWORD, contexts)
    roudou = User.objects.get(username="roudou").pk
    page.goto(f"{live_server}/organization/departments/")
    page.get_by_role("link", name="労働政策課").click()
    page.get_by_role("link", name="人事異動（4月の異動）").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("労働政策課の人事異動（4月の異動）")
    assert_accessible(page)

    page.locator(f"#id_what_{roudou}").select_option("leave")
    page.locator(f"#id_successor_{roudou}").select_option("n0")
    page.locator("#id_new0_full_name").fill("就労 支援子（テスト）")
    page.locator("#id_new0_username").fill("roudou-2023")
    page.get_by_role("button", name="確認する").click()
    expect(page.locator("#transfer-summary")).to_contain_text("アカウントの無効化 1件")
    expect(page.locator("#transfer-summary")).to_contain_text("アカウントの追加 1件")
    assert_accessible(page)
    assert User.objects.get(username="roudou").is_active  # nothing changes before the confirmation

    page.get_by_role("button", name="この内容で異動する").click()
    expect(page.get_by_role("heading", name="新しく来る方のパスワード設定リンク")).to_be_visible()
    expect(page.locator("main")).to_contain_text("/account/set-password/")
    assert_accessible(page)
    assert not User.objects.get(username="roudou").is_active
    assert User.objects.get(username="roudou-2023").departments.get().name == "労働政策課"
