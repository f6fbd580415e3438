"""`shinchoku demo [--password PW]`: load the Saitama FY2021 demo and 架空市（デモ） (safe to run again)."""

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from shinchoku.demo import describe, load_demo


class Command(BaseCommand):
    help = (
        "Load Saitama City's plan and its FY2021 progress as demo data, with one demo user per role, "
        "and an invented city (架空市（デモ）) whose plan uses other cities' evaluation practices."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--password",
            help="Password for every demo user; without it new users get a generated one (printed).",
        )

    def handle(self, *args: Any, password: str | None = None, **options: Any) -> None:
        result = load_demo(password=password, invented_city=True)
        self.stdout.write(describe(result))
