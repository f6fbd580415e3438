"""The public directory as people use it: search, filters, detail, leaflet; keyboard only; a phone; 200% zoom."""

import pytest
from playwright.sync_api import Browser, Page, expect

from shinchoku.plans.demo import load_demo
from tests_helpers import screenshot_dir

from .conftest import assert_accessible

SCREENSHOTS = screenshot_dir()


@pytest.fixture
def demo(transactional_db: None) -> None:
    load_demo(password="browser-test-password")


def no_horizontal_scroll(page: Page) -> None:
    width = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert width <= 1, f"the page scrolls sideways by {width}px"


def test_search_filter_detail_and_leaflet(page: Page, live_server: object, demo: None) -> None:
    page.goto(f"{live_server}/directory/")
    expect(page.get_by_role("heading", name="相談窓口をさがす")).to_be_visible()
    assert_accessible(page)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "20-directory-desktop.png"), full_page=True)
    page.get_by_label("キーワード").fill("わーくすてーしょん")
    page.get_by_role("button", name="さがす").click()
    expect(page.get_by_role("status")).to_have_text("1件")
    page.get_by_label("キーワード").fill("")
    page.get_by_label("分野").select_option(label="医療・依存症")
    page.get_by_role("button", name="さがす").click()
    page.get_by_role("link", name="こころの健康センター").click()
    expect(page.get_by_role("heading", name="こころの健康センター", level=1)).to_be_visible()
    expect(page.locator(".notice")).to_contain_text("デモデータ")
    assert_accessible(page)
    page.screenshot(path=str(SCREENSHOTS / "21-directory-detail.png"), full_page=True)
    page.goto(f"{live_server}/directory/")
    with page.expect_download() as download:
        page.get_by_role("link", name="リーフレット（PDF）をダウンロード").click()
    assert download.value.suggested_filename.endswith(".pdf")


def test_keyboard_only(page: Page, live_server: object, demo: None) -> None:
    page.goto(f"{live_server}/directory/")
    page.keyboard.press("Tab")  # the skip link comes first
    expect(page.get_by_role("link", name="本文へ移動")).to_be_focused()
    page.keyboard.press("Enter")
    for _ in range(10):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "q":
            break
    expect(page.get_by_label("キーワード")).to_be_focused()
    page.keyboard.type("児童相談所")
    page.keyboard.press("Enter")
    expect(page.get_by_role("status")).to_have_text("1件")
    for _ in range(20):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.textContent") == "児童相談所":
            break
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="児童相談所", level=1)).to_be_visible()


@pytest.mark.parametrize(
    ("width", "name"), [(360, "22-directory-phone"), (640, None)]
)  # 640: 1280 at 200% zoom
def test_narrow_screens_and_zoom(
    browser: Browser, live_server: object, demo: None, width: int, name: str | None
) -> None:
    context = browser.new_context(locale="ja-JP", viewport={"width": width, "height": 800})
    page = context.new_page()
    page.goto(f"{live_server}/directory/")
    expect(page.get_by_label("キーワード")).to_be_visible()
    no_horizontal_scroll(page)
    assert_accessible(page)
    if name:
        page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)
    page.get_by_role("link", name="ワークステーションさいたま").click()
    no_horizontal_scroll(page)
    context.close()


def test_nothing_is_loaded_from_another_origin(page: Page, live_server: object, demo: None) -> None:
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(f"{live_server}/directory/")
    page.get_by_role("link", name="こころの健康センター").click()
    assert requests and all(url.startswith(str(live_server)) or url.startswith("data:") for url in requests)
