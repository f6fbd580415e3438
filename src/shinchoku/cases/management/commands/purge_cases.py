"""`shinchoku purge_cases [--dry-run]`: delete closed cases past their retention date (ids and dates logged)."""

from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from shinchoku.cases.services import due_for_purge, purge


class Command(BaseCommand):
    help = "Delete closed cases whose retention date has passed; print and log their ids and dates only."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--dry-run", action="store_true")

    def handle(self, *args: Any, **options: Any) -> None:
        today = timezone.localdate()
        if options["dry_run"]:
            for case in due_for_purge(today):
                self.stdout.write(
                    f"削除予定: #{case.pk}（終結 {case.closed_on}、保存期限 {case.retain_until}）"
                )
            return
        removed = purge(today)
        for pk, closed, until in removed:
            self.stdout.write(f"削除: #{pk}（終結 {closed}、保存期限 {until}）")
        self.stdout.write(f"{len(removed)}件を削除しました。")
