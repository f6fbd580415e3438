"""`shinchoku purge_cases [--dry-run]`: delete closed cases past their retention date (ids and dates logged)."""

from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.db import transaction
from django.utils import timezone

from shinchoku.cases.models import Case
from shinchoku.cases.services import purge


class Command(BaseCommand):
    help = "Delete closed cases whose retention date has passed; print and log their ids and dates only."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--dry-run", action="store_true")

    def handle(self, *args: Any, **options: Any) -> None:
        today = timezone.localdate()
        if options["dry_run"]:
            due = Case.objects.filter(status=Case.Status.CLOSED, retain_until__lt=today)
            for pk, closed, until in due.values_list("pk", "closed_on", "retain_until"):
                self.stdout.write(f"削除予定: #{pk}（終結 {closed}、保存期限 {until}）")
            return
        with transaction.atomic():
            removed = purge(today)
        for pk, closed, until in removed:
            self.stdout.write(f"削除: #{pk}（終結 {closed}、保存期限 {until}）")
        self.stdout.write(f"{len(removed)}件を削除しました。")
