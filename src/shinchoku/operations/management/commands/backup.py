"""`shinchoku backup -o FILE`: a consistent copy of the whole database, taken while the server runs."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from shinchoku.operations.backup import BackupError, backup


class Command(BaseCommand):
    help = "Write an online, consistent backup of the database (SQLite file or pg_dump custom format)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("-o", "--output", type=Path, required=True, help="The backup file to write.")

    def handle(self, *args: Any, **options: Any) -> None:
        target: Path = options["output"]
        try:
            backup(target)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"バックアップを書き出しました: {target}（{target.stat().st_size:,} バイト）")
