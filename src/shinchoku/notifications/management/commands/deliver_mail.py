"""`shinchoku deliver_mail`: send the queued mails that are due, then exit (cron / systemd timer)."""

from typing import Any

from django.core.management.base import BaseCommand

from shinchoku.notifications.delivery import deliver_due


class Command(BaseCommand):
    help = (
        "Send the queued e-mails that are due (with back-off for failures) and the daily digests, then exit."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        result = deliver_due()
        if not result.configured:
            self.stdout.write(
                "SHINCHOKU_EMAIL_URL が設定されていないため、メールは送らず待機させたままです。"
            )
        self.stdout.write(
            f"送信 {result.sent}件、再試行待ち {result.retrying}件、失敗 {result.failed}件、"
            f"まとめメール {result.digests}件"
        )
        if result.stopped:
            self.stdout.write(f"中断: {result.stopped}（残りは次回に送ります）")
