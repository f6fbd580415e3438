"""The secretariat sets up an authenticator app at the first login, then types its code at the next."""

import base64
import time

import pytest
from django_otp.oath import TOTP
from playwright.sync_api import Page, expect

from shinchoku.demo import load_demo

from .conftest import assert_accessible

PASSWORD = "browser-test-password"


@pytest.fixture
def demo(transactional_db: None, settings: object) -> None:
    settings.REQUIRE_MFA = True  # type: ignore[attr-defined]
    load_demo(password=PASSWORD)


def app_code(typed_secret: str, steps_ahead: int = 0) -> str:
    """Return the code an authenticator app shows after the key on the page was typed into it."""
    secret = typed_secret.replace(" ", "")
    app = TOTP(base64.b32decode(secret + "=" * (-len(secret) % 8)))
    app.time = time.time() + steps_ahead * 30
    return f"{app.token():06d}"


def log_in(page: Page, base: str) -> None:
    page.goto(f"{base}/login/")
    page.get_by_label("ユーザー名").fill("jimukyoku")
    page.get_by_label("パスワード").fill(PASSWORD)
    page.get_by_role("button", name="ログイン").click()


def test_enrol_then_confirm_a_code_at_the_next_login(page: Page, live_server: object, demo: None) -> None:
    log_in(page, str(live_server))
    expect(page.get_by_role("heading", name="認証アプリの設定（二要素認証）")).to_be_visible()
    expect(page.get_by_role("img", name="認証アプリ用のQRコード")).to_be_visible()
    assert_accessible(page)
    secret = page.locator("code.secret").inner_text()

    page.get_by_label("認証アプリに表示された6桁のコード").fill("12345")
    page.get_by_role("button", name="確定する").click()
    expect(page.get_by_role("alert").first).to_contain_text("コードが正しくありません")

    page.get_by_label("認証アプリに表示された6桁のコード").fill(app_code(secret))
    page.get_by_role("button", name="確定する").click()
    expect(page.get_by_text("認証アプリを設定しました")).to_be_visible()

    page.get_by_role("button", name="ログアウト").click()
    log_in(page, str(live_server))
    expect(page.get_by_role("heading", name="確認コード（二要素認証）")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("認証アプリに表示された6桁のコード").fill(app_code(secret, steps_ahead=1))
    page.get_by_role("button", name="確定する").click()
    expect(page.get_by_role("heading", level=1)).not_to_have_text("確認コード（二要素認証）")
    expect(page.get_by_role("button", name="ログアウト")).to_be_visible()
