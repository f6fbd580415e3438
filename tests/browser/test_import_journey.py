"""The secretariat brings an existing 進捗管理表 in: upload, preview, confirm; a broken file is explained."""

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from shinchoku.demo import load_demo
from shinchoku.plans.models import Plan
from shinchoku.reports.progress_table import to_xlsx
from tests_helpers import screenshot_dir

from .conftest import assert_accessible

PASSWORD = "browser-test-password"
SCREENSHOTS = screenshot_dir()


@pytest.fixture
def demo(transactional_db: None) -> None:
    load_demo(password=PASSWORD)


def test_a_sheet_is_previewed_then_imported(
    page: Page, live_server: object, demo: None, tmp_path: Path
) -> None:
    sheet = tmp_path / "令和3年度進捗管理表.xlsx"
    sheet.write_bytes(to_xlsx(Plan.objects.get(slug="saitama-r3"), 2021))
    page.goto(f"{live_server}/login/")
    page.get_by_label("ユーザー名").fill("jimukyoku")
    page.get_by_label("パスワード").fill(PASSWORD)
    page.get_by_role("button", name="ログイン").click()
    page.get_by_role("link", name="Excel・CSV から取り込む").click()
    page.get_by_label("計画の構成").check()
    page.get_by_label("ファイル（.xlsx または .csv）").set_input_files(str(sheet))
    page.get_by_label("新しい計画の略称（英数字）").fill("copy")
    page.get_by_label("新しい計画の名称").fill("取込みの確認用の計画")
    page.get_by_label("計画期間（初年度）").fill("令和3年度")
    page.get_by_label("計画期間（最終年度）").fill("令和7年度")
    assert_accessible(page)
    page.get_by_role("button", name="ファイルを確認する").click()
    expect(page.get_by_role("heading", name="取り込む前の確認")).to_be_visible()
    expect(page.get_by_role("row", name="事業 60")).to_be_visible()
    expect(page.get_by_role("row", name="再掲 14")).to_be_visible()
    assert not Plan.objects.filter(slug="copy").exists()
    assert_accessible(page)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "08-import-preview.png"), full_page=True)
    page.get_by_role("button", name="取り込む", exact=True).click()
    expect(page.get_by_role("status")).to_contain_text("ファイルを取り込みました。")
    assert Plan.objects.get(slug="copy").programs.count() == 60


def test_a_broken_file_is_explained(page: Page, live_server: object, demo: None, tmp_path: Path) -> None:
    broken = tmp_path / "進捗管理表.xlsx"
    broken.write_text("これは Excel ではありません", encoding="utf-8")
    page.goto(f"{live_server}/login/")
    page.get_by_label("ユーザー名").fill("jimukyoku")
    page.get_by_label("パスワード").fill(PASSWORD)
    page.get_by_role("button", name="ログイン").click()
    page.goto(f"{live_server}/imports/")
    page.get_by_label("年度の進捗").check()
    page.get_by_label("ファイル（.xlsx または .csv）").set_input_files(str(broken))
    page.get_by_label("計画", exact=True).select_option(
        label="さいたま市再犯防止推進計画（令和3年度〜令和7年度）"
    )
    page.get_by_label("年度", exact=True).fill("令和3年度")
    page.get_by_role("button", name="ファイルを確認する").click()
    expect(page.locator("ol.problems")).to_contain_text("中身が Excel ファイルではありません")
    expect(page.get_by_role("alert")).to_contain_text("何も書き込んでいません")
