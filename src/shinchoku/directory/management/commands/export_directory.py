"""`shinchoku export_directory --format hsds -o DIR [--org CODE]`: the directory in Open Referral HSDS 3.0."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db.models import Q

from shinchoku.accounts.models import Organization
from shinchoku.directory.hsds import export


class Command(BaseCommand):
    help = "Write the consultation directory as HSDS 3.0 JSON (services.json and services/<id>.json)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--format", choices=["hsds"], default="hsds")
        parser.add_argument("-o", "--output", type=Path, required=True, help="Folder to write into.")
        parser.add_argument(
            "--org", help="The organization's name or code (default: the only one with windows)."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        organization = _organization(options["org"])
        path = export(organization, options["output"])
        self.stdout.write(f"{path} に書き出しました。")


def _organization(name: str | None) -> Organization:
    organizations = Organization.objects.filter(windows__isnull=False).distinct()
    if name:
        found = Organization.objects.filter(Q(name=name) | Q(jis_code=name)).first()
        if found is None:
            raise CommandError(f"自治体「{name}」がありません。")
        return found
    if organizations.count() != 1:
        raise CommandError("自治体を --org で指定してください。")
    return organizations.get()
