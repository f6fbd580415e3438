"""The public directory as people use it: search, filters, detail, leaflet; keyboard only; a phone; 200% zoom."""

import pytest
from playwright.sync_api import Browser, Page, expect

from shinchoku.demo import load_demo
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
    # measure the detail page once it has arrived, not the one being left
    expect(page.get_by_role("heading", name="ワークステーションさいたま", level=1)).to_be_visible()
    no_horizontal_scroll(page)
    context.close()


def test_a_phone_shows_the_search_box_and_the_first_result_on_its_first_screen(
    browser: Browser, live_server: object, demo: None
) -> None:
    """At 360 × 640 the filters are folded behind 「絞り込み」, so the first result starts on screen."""
    context = browser.new_context(locale="ja-JP", viewport={"width": 360, "height": 640})
    page = context.new_page()
    page.goto(f"{live_server}/directory/")
    search = page.get_by_label("キーワード")
    first = page.locator("ul.windows > li").first
    expect(search).to_be_in_viewport()
    box = first.bounding_box()
    assert box is not None and box["y"] < 640, f"the first result starts at {box}px, below the first screen"
    expect(page.get_by_label("分野")).to_be_hidden()  # folded
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "23-directory-phone-first-screen.png"))
    assert_accessible(page)
    no_horizontal_scroll(page)
    # The fold is a button to the keyboard and a screen reader: Tab to it, Enter, choose, search.
    summary = page.locator("details.narrow > summary")
    expect(summary).to_have_text("絞り込み")
    summary.focus()
    page.keyboard.press("Enter")
    expect(page.get_by_label("分野")).to_be_visible()
    page.get_by_label("分野").select_option(label="医療・依存症")
    page.get_by_role("button", name="さがす").click()
    expect(page.get_by_role("status")).to_have_text("1件")
    # A filter in use keeps the panel open, so the reader sees why the list is short.
    expect(page.get_by_label("分野")).to_be_visible()
    expect(summary).to_contain_text("使用中")
    assert_accessible(page)
    context.close()


def test_a_wide_screen_shows_the_filters_unfolded(page: Page, live_server: object, demo: None) -> None:
    page.goto(f"{live_server}/directory/")
    expect(page.get_by_label("分野")).to_be_visible()


def test_nothing_is_loaded_from_another_origin(page: Page, live_server: object, demo: None) -> None:
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(f"{live_server}/directory/")
    page.get_by_role("link", name="こころの健康センター").click()
    assert requests and all(url.startswith(str(live_server)) or url.startswith("data:") for url in requests)
