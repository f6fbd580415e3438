"""The yearly cycle as people do it, in Debian's Chromium, with screenshots of the main pages.

A department enters results and submits; the secretariat returns it with a comment; the
department corrects and resubmits; the secretariat confirms; the figures change; another
department cannot open the entry.
"""

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from shinchoku.demo import load_demo
from shinchoku.plans.models import YearlyEntry
from tests_helpers import screenshot_dir

from .conftest import assert_accessible

PASSWORD = "browser-test-password"
SCREENSHOTS = screenshot_dir()


@pytest.fixture
def demo(transactional_db: None) -> None:
    load_demo(password=PASSWORD)


@pytest.fixture
def contexts(browser: Browser) -> Iterator[list[BrowserContext]]:
    """Close every person's browser before the live server and its database go away."""
    opened: list[BrowserContext] = []
    yield opened
    for context in opened:
        context.close()


def person(
    browser: Browser, base: str, username: str, contexts: list[BrowserContext]
) -> tuple[BrowserContext, Page]:
    context = browser.new_context(locale="ja-JP", viewport={"width": 1280, "height": 900})
    contexts.append(context)
    context.set_default_timeout(10_000)
    page = context.new_page()
    page.goto(f"{base}/login/")
    page.get_by_label("ユーザー名").fill(username)
    page.get_by_label("パスワード").fill(PASSWORD)
    page.get_by_role("button", name="ログイン").click()
    expect(page.get_by_role("heading", name="計画", exact=True)).to_be_visible()
    return context, page


def shot(page: Page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


def test_the_yearly_round(
    browser: Browser, live_server: object, demo: None, contexts: list[BrowserContext]
) -> None:
    base = str(live_server)

    # 事務局 opens 令和4年度 with a deadline.
    _, jimukyoku = person(browser, base, "jimukyoku", contexts)
    shot(jimukyoku, "01-home-secretariat")
    jimukyoku.get_by_role("link", name="さいたま市再犯防止推進計画", exact=True).click()
    # The form that opens a year (each opened year's row has its own deadline field too).
    opening = jimukyoku.locator("form", has=jimukyoku.get_by_role("button", name="年度を開始"))
    opening.get_by_label("年度").fill("令和4年度")
    opening.get_by_label("所管課の提出期限").fill("2023-04-28")
    jimukyoku.get_by_role("button", name="年度を開始").click()
    # A deadline already past is asked about once before the year opens.
    jimukyoku.get_by_label("確認しました（このまま年度を開始する）").check()
    jimukyoku.get_by_role("button", name="年度を開始").click()
    expect(jimukyoku.get_by_role("status")).to_contain_text(
        "令和4年度を開始しました。所管課の年度別取組を62件作成しました。"
    )
    expect(jimukyoku.get_by_role("heading", name="令和4年度（2022年度） 提出状況")).to_be_visible()
    assert_accessible(jimukyoku)
    shot(jimukyoku, "02-status-board")

    # 労働政策課 enters program 1's results, typed in full width, and submits.
    _, roudou = person(browser, base, "roudou", contexts)
    roudou.get_by_role("row", name="令和4年度").get_by_role("link", name="所管課の取組").click()
    expect(roudou.get_by_role("cell", name="住宅確保要配慮者", exact=False)).to_have_count(0)
    assert_accessible(roudou)
    shot(roudou, "03-department-entries")
    roudou.get_by_role("link", name="ワークステーションさいたまにおける取組").click()
    roudou.get_by_role("link", name="入力・編集").click()
    roudou.get_by_label("取組内容").fill("ワンストップ就労支援を実施しました。")
    roudou.get_by_label("実績値（ワークステーションさいたま運営事業等に係る就職者数）").fill("２９０人")
    roudou.get_by_label("実績値（ワークステーションさいたま施設利用者数）").fill("８，１００")
    expect(roudou.locator("#suggested-grade")).to_contain_text("A")  # updated as the figures are typed
    roudou.get_by_label("実績・取組の成果").fill("就職者数 290人、施設利用者数 8,100人")
    roudou.get_by_label("達成度（所管課の評価）").select_option("A")
    assert_accessible(roudou)
    shot(roudou, "04-entry-form")
    roudou.get_by_role("button", name="保存して事務局に提出").click()
    expect(roudou.get_by_role("status")).to_contain_text("事務局に提出しました。")
    expect(roudou.locator(".badge.submitted").first).to_be_visible()
    entry_url = roudou.url

    # 事務局 returns it with a comment.
    jimukyoku.goto(entry_url)
    jimukyoku.get_by_label("所管課へのコメント").fill("施設利用者数の根拠資料名を実績欄に記載してください。")
    jimukyoku.get_by_role("button", name="所管課に差し戻す").click()
    expect(jimukyoku.get_by_role("status")).to_contain_text("所管課に差し戻しました。")

    # 労働政策課 reads the comment, corrects and resubmits.
    roudou.goto(entry_url)
    expect(roudou.locator("ol.events")).to_contain_text("施設利用者数の根拠資料名")
    roudou.get_by_role("link", name="入力・編集").click()
    roudou.get_by_label("実績・取組の成果").fill("就職者数 290人、施設利用者数 8,100人（施設利用統計による）")
    roudou.get_by_role("button", name="保存して事務局に提出").click()
    expect(roudou.get_by_role("status")).to_contain_text("事務局に提出しました。")

    # 事務局 confirms; the figures of 令和4年度 now hold it.
    jimukyoku.goto(entry_url)
    shot(jimukyoku, "05-review")
    jimukyoku.get_by_role("button", name="確定する").click()
    expect(jimukyoku.get_by_role("status")).to_contain_text("確定しました。")
    expect(jimukyoku.locator("table.history")).to_contain_text("提出済")
    shot(jimukyoku, "06-confirmed-with-history")
    jimukyoku.goto(f"{base}/plans/saitama-r3/2022/dashboard/")
    expect(jimukyoku.locator("tfoot")).to_contain_text("計画全体")
    assert YearlyEntry.objects.get(program__number=1, fiscal_year=2022).final_grade == "A"
    expect(jimukyoku.locator("tfoot tr th + td")).to_have_text("1")  # A: 1
    assert_accessible(jimukyoku)
    jimukyoku.goto(f"{base}/plans/saitama-r3/2021/dashboard/")
    shot(jimukyoku, "07-dashboard-2021")

    # 住宅政策課 cannot open 労働政策課's entry, whatever the link.
    _, jutaku = person(browser, base, "jutaku", contexts)
    response = jutaku.goto(entry_url)
    assert response is not None and response.status == 404
    expect(jutaku.get_by_role("heading", level=1)).to_contain_text(
        "このページはないか、表示する権限がありません"
    )


def test_the_login_page_is_accessible_in_japanese_and_english(
    page: Page, live_server: object, demo: None
) -> None:
    page.goto(f"{live_server}/login/")
    expect(page.locator("html")).to_have_attribute("lang", "ja")
    assert_accessible(page)
    page.get_by_role("button", name="English").click()
    expect(page.get_by_role("heading", name="Log in")).to_be_visible()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    assert_accessible(page)
