"""`shinchoku remind --plan SLUG --year YEAR [--dry-run]`: remind the departments that have not submitted."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from shinchoku.domain.fiscal import wareki_label
from shinchoku.notifications.reminders import remind
from shinchoku.plans.models import PlanYear


class Command(BaseCommand):
    help = "Queue a reminder mail to each department with entries not yet submitted (once a day at most)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--plan", required=True, help="the plan's slug, e.g. saitama-r3")
        parser.add_argument("--year", required=True, type=int, help="the fiscal year, e.g. 2024")
        parser.add_argument("--dry-run", action="store_true", help="say what would be sent; send nothing")

    def handle(self, *args: Any, **options: Any) -> None:
        plan_year = (
            PlanYear.objects.select_related("plan")
            .filter(plan__slug=options["plan"], fiscal_year=options["year"])
            .first()
        )
        if plan_year is None:
            raise CommandError(
                f"計画 {options['plan']} の{wareki_label(options['year'])}は開始されていません。"
            )
        result = remind(plan_year=plan_year, actor=None, dry_run=options["dry_run"])
        if not result:
            self.stdout.write("全ての所管課が提出済みです。督促は送りません。")
        for item in result:
            numbers = "、".join(str(entry.program.number) for entry, _ in item.rows)
            to = "、".join(u.email or u.username for u in item.recipients) or "（宛先なし）"
            if item.already_today:
                state = "本日送信済みのため送りません"
            elif options["dry_run"]:
                state = "送信予定（--dry-run）"
            else:
                state = "督促を送信待ちにしました"
            self.stdout.write(f"{item.department.name}: 事業 {numbers} → {to}: {state}")
