"""`shinchoku import_context PATH --plan SLUG`: the context chapter's statistics from a .csv or .xlsx."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from shinchoku.lib.problems import ImportRefused
from shinchoku.outcomes.services import import_context
from shinchoku.plans.models import Plan


class Command(BaseCommand):
    help = (
        "Load yearly statistics (columns 項目, 年, 値, optional 単位, 出典) for the report's context section."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path)
        parser.add_argument("--plan", required=True, help="The plan's short name (slug).")

    def handle(self, *args: Any, **options: Any) -> None:
        plan = Plan.objects.filter(slug=options["plan"]).first()
        if plan is None:
            raise CommandError(f"計画「{options['plan']}」はありません。")
        path: Path = options["path"]
        try:
            written = import_context(plan, path.name, path.read_bytes(), actor=None)
        except OSError as error:
            raise CommandError(f"{path} を読めません: {error.strerror}") from error
        except ImportRefused as refused:
            raise CommandError(f"取り込めません。何も書き込んでいません。\n{refused}") from refused
        self.stdout.write(f"{written}件の値を取り込みました。")
