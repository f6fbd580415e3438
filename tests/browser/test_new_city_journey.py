"""Issue 20, part 5: a second city starts on an installation that already runs さいたま市, with no developer.

The installation administrator registers 検証市; its secretariat sets a password from the printed
link, adds two departments, adds their people from a CSV, imports its plan, chooses the
達成/一定の成果あり/未達成 scale with one decimal and opens the year; a department's person sets a
password from their link and sees only their own department's entries. Every page is axe-clean.

検証市 (code 999903, a check digit that JIS X 0402 accepts, no real city), its people and its plan
are demo data, not from the seed.
"""

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from shinchoku.demo import load_demo
from shinchoku.plans.models import Plan
from workbooks import HEADER, xlsx

from .conftest import assert_accessible

PASSWORD = "browser-test-password"
NEW_PASSWORD = "kensho-city-2026-secret"
CITY, CODE = "検証市", "999903"
SANGYO, FUKUSHI = "産業振興課", "福祉総務課"


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


def new_browser(browser: Browser, contexts: list[BrowserContext]) -> Page:
    context = browser.new_context(locale="ja-JP", viewport={"width": 1280, "height": 900})
    context.set_default_timeout(15_000)
    contexts.append(context)
    return context.new_page()


def log_in(page: Page, base: str, username: str, password: str) -> None:
    page.goto(f"{base}/login/")
    page.get_by_label("ユーザー名").fill(username)
    page.get_by_label("パスワード").fill(password)
    page.get_by_role("button", name="ログイン").click()
    expect(page.get_by_role("heading", name="計画", exact=True)).to_be_visible()


def set_password(page: Page, link: str) -> None:
    page.goto(link)
    assert_accessible(page)
    page.locator("#id_new_password1").fill(NEW_PASSWORD)  # 「新しいパスワード」, a prefix of the next label
    page.get_by_label("新しいパスワード(確認用)").fill(NEW_PASSWORD)
    page.get_by_role("button", name="パスワードを設定する").click()
    expect(page.get_by_role("button", name="ログイン")).to_be_visible()


def plan_workbook(path: Path) -> Path:
    rows = [
        ["令和８年度　検証市再犯防止推進計画　進捗管理表（デモデータ）"],
        [],
        HEADER,
        ["１　就労・住居の確保等のための取組"],
        ["（１）就労の確保等"],
        ["1", "協力雇用主への就労支援", "協力雇用主を開拓し、就労を支援します。", "", "", "", "", SANGYO],
        ["2", "職業訓練の情報提供", "職業訓練の情報を提供します。", "", "", "", "", SANGYO],
        ["２　保健医療・福祉サービスの利用の促進等のための取組"],
        ["3", "福祉的支援の相談窓口", "相談窓口で福祉的支援につなぎます。", "", "", "", "", FUKUSHI],
    ]
    path.write_bytes(xlsx(rows))
    return path


def people_csv(path: Path) -> Path:
    lines = [
        "氏名,ログイン名,メール,所管課,役割",
        f"検証 太郎,kensho-sangyo,sangyo@kensho.example.jp,{SANGYO},所管課担当",
        f"検証 花子,kensho-fukushi,fukushi@kensho.example.jp,{FUKUSHI},所管課担当者",
    ]
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode("cp932"))  # as Excel saves 「CSV（コンマ区切り）」
    return path


def register_city(page: Page, base: str) -> str:
    log_in(page, base, "admin", PASSWORD)
    page.get_by_role("link", name="団体", exact=True).click()
    assert_accessible(page)
    page.get_by_label("団体名").fill(CITY)
    page.get_by_label("団体コード").fill(CODE)
    page.get_by_label("事務局のログイン名").fill("kensho-jimu")
    page.get_by_label("事務局のメールアドレス").fill("jimu@kensho.example.jp")
    page.get_by_role("button", name="登録する").click()
    expect(page.get_by_role("status")).to_contain_text(f"{CITY}")
    assert_accessible(page)
    return page.locator("#set-password-link").inner_text()


def add_departments_and_people(page: Page, tmp_path: Path) -> dict[str, str]:
    page.get_by_role("link", name="所管課の管理").click()
    for name in (SANGYO, FUKUSHI):
        page.get_by_label("所管課の名称").fill(name)
        page.get_by_role("button", name="追加", exact=True).click()
        expect(page.get_by_role("cell", name=name)).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="shinchoku", exact=True).click()  # home
    page.get_by_role("link", name="利用者の管理").click()
    page.get_by_role("link", name="一覧（Excel・CSV）からまとめて追加").click()
    assert_accessible(page)
    page.get_by_label("利用者の一覧（Excel .xlsx または CSV）").set_input_files(
        str(people_csv(tmp_path / "利用者.csv"))
    )
    page.get_by_role("button", name="内容を確認する").click()
    expect(page.locator("caption")).to_contain_text("追加: 2、変更: 0、変更なし: 0、取り込めない: 0")
    assert_accessible(page)
    page.get_by_role("button", name="この内容で追加・変更する").click()
    expect(page.get_by_role("status")).to_contain_text("2件のアカウントを追加しました。")
    assert_accessible(page)
    links = page.locator("code.set-password-link")
    return {links.nth(i).get_attribute("data-username") or "": links.nth(i).inner_text() for i in range(2)}


def import_plan(page: Page, tmp_path: Path) -> None:
    page.get_by_role("link", name="shinchoku", exact=True).click()  # home
    page.get_by_role("link", name="Excel・CSV から取り込む").click()
    page.get_by_label("計画の構成").check()
    page.get_by_label("ファイル（.xlsx または .csv）").set_input_files(
        str(plan_workbook(tmp_path / "計画.xlsx"))
    )
    page.get_by_label("新しい計画の略称（英数字）").fill("kensho-r8")
    page.get_by_label("新しい計画の名称").fill("検証市再犯防止推進計画")
    page.get_by_label("計画期間（初年度）").fill("令和8年度")
    page.get_by_label("計画期間（最終年度）").fill("令和12年度")
    # a new city chooses its scale: only さいたま市's own is preselected
    page.get_by_label("新しい計画の評価尺度（達成度）").select_option(
        label="3段階（達成／一定の成果あり／未達成）"
    )
    assert_accessible(page)
    page.get_by_role("button", name="ファイルを確認する").click()
    expect(page.get_by_role("heading", name="取り込む前の確認")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="取り込む", exact=True).click()
    expect(page.get_by_role("status")).to_contain_text("ファイルを取り込みました。")


def choose_scale_and_open_the_year(page: Page) -> None:
    page.get_by_role("link", name="shinchoku", exact=True).click()  # home
    page.get_by_role("link", name="検証市再犯防止推進計画", exact=True).click()
    page.get_by_role("link", name="計画の設定").click()
    page.get_by_label("ひな形の評価尺度から始める").select_option(
        label="3段階（達成／一定の成果あり／未達成）"
    )
    page.get_by_role("button", name="この評価尺度でフォームを埋める").click()
    page.get_by_label("割合の小数点以下の桁数").fill("1")
    assert_accessible(page)
    page.get_by_role("button", name="保存", exact=True).click()
    expect(page.get_by_role("status")).to_contain_text("計画の設定を保存しました。")
    page.get_by_role("link", name="検証市再犯防止推進計画").first.click()
    opening = page.locator("form", has=page.get_by_role("button", name="年度を開始"))
    opening.get_by_label("年度").fill("令和8年度")
    opening.get_by_label("所管課の提出期限").fill("2027-04-30")
    page.get_by_role("button", name="年度を開始").click()
    expect(page.get_by_role("status")).to_contain_text("令和8年度を開始しました。")
    assert_accessible(page)


def test_a_second_city_starts_without_a_developer(
    browser: Browser, live_server: object, demo: None, contexts: list[BrowserContext], tmp_path: Path
) -> None:
    base = str(live_server)
    secretariat_link = register_city(new_browser(browser, contexts), base)

    jimu = new_browser(browser, contexts)
    set_password(jimu, secretariat_link)
    log_in(jimu, base, "kensho-jimu", NEW_PASSWORD)
    links = add_departments_and_people(jimu, tmp_path)
    import_plan(jimu, tmp_path)
    choose_scale_and_open_the_year(jimu)
    plan = Plan.objects.get(slug="kensho-r8")
    assert plan.organization.name == CITY and plan.percent_places == 1
    assert plan.scale().labels == ("達成", "一定の成果あり", "未達成")

    sangyo = new_browser(browser, contexts)
    set_password(sangyo, links["kensho-sangyo"])
    log_in(sangyo, base, "kensho-sangyo", NEW_PASSWORD)
    expect(sangyo.get_by_role("link", name="さいたま市再犯防止推進計画")).to_have_count(0)
    sangyo.get_by_role("row", name="令和8年度").get_by_role("link", name="所管課の取組").click()
    expect(sangyo.get_by_role("link", name="協力雇用主への就労支援")).to_be_visible()
    expect(sangyo.get_by_role("link", name="職業訓練の情報提供")).to_be_visible()
    expect(sangyo.get_by_text("福祉的支援の相談窓口")).to_have_count(0)  # the other department's
    assert_accessible(sangyo)
