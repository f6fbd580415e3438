"""A department types a long 取組内容; the draft is saved as they type; the session ends; nothing is lost.

In Debian's Chromium: the autosave line appears after half a minute of typing (the page's clock is
moved on), the session is ended on the server, the save button sends the text anyway, and after
logging in again the text is back on the form with a banner saying so.
"""

import datetime
from collections.abc import Iterator

import pytest
from django.contrib.sessions.models import Session
from playwright.sync_api import Browser, BrowserContext, expect

from shinchoku.accounts.models import User
from shinchoku.demo import load_demo
from shinchoku.plans import workflow
from shinchoku.plans.models import Plan, YearlyEntry

from .conftest import assert_accessible

PASSWORD = "browser-test-password"
LONG_TEXT = "ワークステーションさいたまで就労相談を行い、協力雇用主への職場見学を実施しました。" * 20


@pytest.fixture
def year_open(transactional_db: None) -> YearlyEntry:
    load_demo(password=PASSWORD)
    workflow.open_year(
        plan=Plan.objects.get(slug="saitama-r3"),
        fiscal_year=2022,
        deadline=datetime.date(2023, 4, 28),
        actor=User.objects.get(username="jimukyoku"),
    )
    return YearlyEntry.objects.get(program__number=1, fiscal_year=2022)


@pytest.fixture
def contexts(browser: Browser) -> Iterator[list[BrowserContext]]:
    opened: list[BrowserContext] = []
    yield opened
    for context in opened:
        context.close()


def test_a_long_text_survives_the_end_of_the_session(
    browser: Browser, live_server: object, year_open: YearlyEntry, contexts: list[BrowserContext]
) -> None:
    base = str(live_server)
    context = browser.new_context(locale="ja-JP", viewport={"width": 1280, "height": 900})
    context.set_default_timeout(15_000)
    contexts.append(context)
    page = context.new_page()
    page.clock.install()
    page.goto(f"{base}/entries/{year_open.pk}/edit/")
    page.get_by_label("ユーザー名").fill("roudou")
    page.get_by_label("パスワード").fill(PASSWORD)
    page.get_by_role("button", name="ログイン").click()

    # Last year's text is beside this year's fields, and can be copied in to start from.
    previous = YearlyEntry.objects.get(program__number=1, fiscal_year=2021)
    page.get_by_role("button", name="前年度の内容をコピー").click()
    expect(page.get_by_label("取組内容")).to_have_value(previous.activities)
    assert_accessible(page)

    # Typing starts the autosave: half a minute later the draft is on the server.
    page.get_by_label("取組内容").fill("職場見学を実施しました。")
    page.clock.run_for(31_000)
    expect(page.locator("#autosave-status")).to_contain_text("下書きを自動保存しました（")
    year_open.refresh_from_db()
    assert year_open.activities == "職場見学を実施しました。" and year_open.status == "draft"

    # A long text, then the session ends (the session row is gone), then 下書き保存.
    page.get_by_label("取組内容").fill(LONG_TEXT)
    Session.objects.all().delete()
    page.get_by_role("button", name="下書き保存").click()
    expect(page.get_by_role("button", name="ログイン")).to_be_visible()
    year_open.refresh_from_db()
    assert year_open.activities == "職場見学を実施しました。"  # the save did not happen

    # Logging in again brings the text back, with a banner saying so.
    page.get_by_label("ユーザー名").fill("roudou")
    page.get_by_label("パスワード").fill(PASSWORD)
    page.get_by_role("button", name="ログイン").click()
    expect(page.locator(".banner.restored")).to_contain_text("復元しました")
    expect(page.get_by_label("取組内容")).to_have_value(LONG_TEXT)
    assert_accessible(page)

    page.get_by_role("button", name="下書き保存").click()
    expect(page.get_by_role("status").first).to_contain_text("保存しました")
    year_open.refresh_from_db()
    assert year_open.activities == LONG_TEXT


def test_a_bad_number_is_summarised_at_the_top_and_the_names_keep_their_width(
    browser: Browser, live_server: object, year_open: YearlyEntry, contexts: list[BrowserContext]
) -> None:
    context = browser.new_context(locale="ja-JP", viewport={"width": 1280, "height": 900})
    context.set_default_timeout(15_000)
    contexts.append(context)
    page = context.new_page()
    page.goto(f"{live_server}/entries/{year_open.pk}/edit/")
    page.get_by_label("ユーザー名").fill("roudou")
    page.get_by_label("パスワード").fill(PASSWORD)
    page.get_by_role("button", name="ログイン").click()
    field = page.get_by_label("実績値（ワークステーションさいたま施設利用者数）")
    field.fill("約8,100")
    page.get_by_role("button", name="下書き保存").click()
    summary = page.locator(".error-summary")
    expect(summary).to_be_focused()
    summary.get_by_role("link").first.click()
    expect(field).to_be_focused()
    name_cell = page.locator("td.indicator-name").first
    box = name_cell.bounding_box()
    assert box is not None and box["width"] >= 200, box
    assert_accessible(page)
