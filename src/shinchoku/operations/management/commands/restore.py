"""`shinchoku restore FILE`: replace the whole database with a backup (all or nothing)."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from shinchoku.operations.backup import BackupError, restore


class Command(BaseCommand):
    help = "Replace every row of the database with the backup's (made by `shinchoku backup`)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path, help="A file written by `shinchoku backup`.")
        parser.add_argument("--no-input", action="store_true", help="Do not ask for confirmation.")

    def handle(self, *args: Any, **options: Any) -> None:
        source: Path = options["file"]
        if not options["no_input"]:
            answer = input(f"現在のデータをすべて {source} の内容で置き換えます。よろしいですか？ [yes/no] ")
            if answer.strip().lower() not in ("yes", "y", "はい"):
                raise CommandError("中止しました（何も変更していません）。")
        try:
            restore(source)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"{source} から復元しました。古い版のバックアップなら、続けて `shinchoku migrate` を実行してください。"
        )
