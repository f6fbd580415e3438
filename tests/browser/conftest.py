"""Playwright driving Debian's Chromium (/usr/bin/chromium), never a downloaded browser."""

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, BrowserContext, Error, Page, expect, sync_playwright

CHROMIUM = Path(os.environ.get("SHINCHOKU_CHROMIUM", "/usr/bin/chromium"))
# Without the network flags, Chromium's background connections are refused here, many at a time.
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]
# CI runs the SQLite and the PostgreSQL suites side by side on two cores: a page that answers
# in 300 ms alone can take seconds then. The assertions wait longer; what they assert is the same.
expect.set_options(timeout=15_000)
# What Chromium says when axe is started on a page that a click has just begun to replace.
_NAVIGATING = ("documentElement", "Execution context was destroyed", "navigat")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "browser" in str(item.path):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: run `make browser` (installs Debian's chromium)")
    # Playwright's sync API runs an event loop in this thread; the ORM calls the tests make are safe.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(locale="ja-JP", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    yield page
    context.close()


def assert_accessible(page: Page) -> None:
    """Fail with the list of WCAG 2.1 A/AA violations axe-core finds on the page.

    A link's click returns before the next page has replaced this one; axe is run on the page
    once it has loaded, and again if the replacement happened under it.
    """
    options = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}
    for attempt in range(3):
        page.wait_for_load_state("load")
        try:
            results = Axe().run(page, options=options)
            break
        except Error as error:
            if attempt == 2 or not any(sign in str(error) for sign in _NAVIGATING):
                raise
            page.wait_for_timeout(500)
    violations = [f"{v['id']}: {v['help']} ({len(v['nodes'])})" for v in results.response["violations"]]
    assert violations == [], "\n".join(violations)


def logged_in_page(
    browser: Browser, base: str, username: str, password: str, opened: list[BrowserContext]
) -> Page:
    """Return a new page of its own browser context, logged in as the demo user (the caller closes opened)."""
    context = browser.new_context(locale="ja-JP", viewport={"width": 1280, "height": 900})
    context.set_default_timeout(15_000)
    opened.append(context)
    page = context.new_page()
    page.goto(f"{base}/login/")
    page.get_by_label("ユーザー名").fill(username)
    page.get_by_label("パスワード").fill(password)
    page.get_by_role("button", name="ログイン").click()
    return page
