"""Issue 21's journey in Debian's Chromium: a return reaches the department on screen and by mail,
even through a mail server that was down; reminders reach each late department once."""

import datetime
from collections.abc import Iterator

import pytest
from django.test import override_settings
from django.utils import timezone
from playwright.sync_api import Browser, BrowserContext, Page, expect

from shinchoku.accounts.models import User
from shinchoku.demo import load_demo
from shinchoku.notifications.delivery import deliver_due
from shinchoku.plans import workflow
from shinchoku.plans.models import EntryStatus, Plan, YearlyEntry
from smtp_servers import Inbox, free_port, smtp_server

from .conftest import assert_accessible, logged_in_page

PASSWORD = "browser-test-password"


@pytest.fixture
def submitted(transactional_db: None) -> YearlyEntry:
    load_demo(password=PASSWORD)
    workflow.open_year(
        plan=Plan.objects.get(slug="saitama-r3"),
        fiscal_year=2022,
        deadline=datetime.date(2023, 4, 28),
        actor=User.objects.get(username="jimukyoku"),
    )
    entry = YearlyEntry.objects.get(program__number=1, fiscal_year=2022)
    YearlyEntry.objects.filter(pk=entry.pk).update(
        activities="ワンストップ就労支援", result_text="就職者数 290人", proposed_grade="A"
    )
    entry.refresh_from_db()
    return workflow.submit_entry(
        entry=entry, actor=User.objects.get(username="roudou"), version=entry.version
    )


@pytest.fixture
def contexts() -> Iterator[list[BrowserContext]]:
    opened: list[BrowserContext] = []
    yield opened
    for context in opened:
        context.close()


def test_return_banner_mail_through_a_server_that_was_down_and_reminders(
    browser: Browser, live_server: object, submitted: YearlyEntry, contexts: list[BrowserContext]
) -> None:
    base = str(live_server)
    port = free_port()  # the mail server is down
    with override_settings(SHINCHOKU_EMAIL_URL=f"smtp://127.0.0.1:{port}?timeout=1"):
        jimukyoku: Page = logged_in_page(browser, base, "jimukyoku", PASSWORD, contexts)
        jimukyoku.goto(f"{base}/entries/{submitted.pk}/")
        jimukyoku.get_by_label("所管課へのコメント").fill("施設利用者数の根拠資料名を記載してください。")
        jimukyoku.get_by_role("button", name="所管課に差し戻す").click()
        expect(jimukyoku.get_by_role("status")).to_contain_text("所管課に差し戻しました。")
        assert YearlyEntry.objects.get(pk=submitted.pk).status == EntryStatus.RETURNED
        deliver_due()

        jimukyoku.goto(f"{base}/notifications/undelivered/")
        expect(jimukyoku.get_by_role("row", name="roudou@saitama.example")).to_contain_text(
            "接続を拒否されました"
        )
        assert_accessible(jimukyoku)

        roudou = logged_in_page(browser, base, "roudou", PASSWORD, contexts)
        expect(roudou.locator(".notice")).to_contain_text("差戻しが1件あります")
        assert_accessible(roudou)

    inbox = Inbox()
    later = timezone.now() + datetime.timedelta(minutes=2)
    with smtp_server(inbox, port), override_settings(SHINCHOKU_EMAIL_URL=f"smtp://127.0.0.1:{port}"):
        deliver_due(later)
        (returned,) = inbox.to("roudou@saitama.example")
        assert "施設利用者数の根拠資料名" in returned.get_body(("plain",)).get_content()  # type: ignore[union-attr]

        jimukyoku.goto(f"{base}/plans/saitama-r3/2022/board/")
        jimukyoku.get_by_role("button", name="未提出の所管課に督促メールを送る").click()
        expect(jimukyoku.get_by_role("status")).to_contain_text("督促を送りました")
        assert_accessible(jimukyoku)
        deliver_due(later)
    reminders = [m for m in inbox.mails if "提出のお願い" in m["Subject"]]
    late = YearlyEntry.objects.filter(fiscal_year=2022).exclude(status=EntryStatus.SUBMITTED)
    assert sorted(m["To"] for m in reminders) == sorted(
        f"{u.username}@saitama.example"
        for u in User.objects.filter(role="editor", departments__in=late.values("department")).distinct()
    )
    jutaku = next(m for m in reminders if m["To"] == "jutaku@saitama.example")
    text = jutaku.get_body(("plain",)).get_content()  # type: ignore[union-attr]
    for entry in late.filter(department__name="住宅政策課").select_related("program"):
        assert f"事業{entry.program.number} {entry.program.title}" in text
