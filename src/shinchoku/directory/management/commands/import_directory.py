"""`shinchoku import_directory PATH --org CODE`: windows from HSDS 3.0 JSON (all or nothing)."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db.models import Q

from shinchoku.accounts.models import Organization
from shinchoku.directory.hsds import HsdsError, read_services
from shinchoku.directory.hsds_import import import_services


class Command(BaseCommand):
    help = "Create or update consultation windows from HSDS 3.0 JSON (services.json, a list, or one service)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path)
        parser.add_argument("--org", required=True, help="The organization's name or code.")

    def handle(self, *args: Any, **options: Any) -> None:
        organization = Organization.objects.filter(
            Q(name=options["org"]) | Q(jis_code=options["org"])
        ).first()
        if organization is None:
            raise CommandError(f"自治体「{options['org']}」がありません。")
        path: Path = options["path"]
        if path.is_dir():
            path = path / "services.json"
        try:
            count = import_services(organization, read_services(path))
        except HsdsError as error:
            raise CommandError(f"{error}（何も書き込んでいません）") from error
        self.stdout.write(f"{count}件の窓口を取り込みました。")
