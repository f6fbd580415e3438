"""`shinchoku import_plan PATH --slug SLUG --name NAME --org NAME --first-year Y --last-year Y
[--scale PRESET|FILE.json] [--percent-places N] [--department NAME] [--dry-run]`."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db.models import Q
from django.utils import translation

from shinchoku.accounts.models import Department, Organization
from shinchoku.domain.errors import FiscalYearError, GradeError
from shinchoku.domain.fiscal import parse_fiscal_year
from shinchoku.imports.management.commands._progress import bar
from shinchoku.imports.management.commands._report import skipped_lines, summary_lines, tree_lines
from shinchoku.imports.plan_import import read_scale
from shinchoku.imports.plan_services import UNASSIGNED_DEPARTMENT
from shinchoku.imports.services import ImportResult, import_plan
from shinchoku.lib.planner import refresh_statistics
from shinchoku.lib.problems import ImportRefused
from shinchoku.plans.models import Listing, PlanNode, Program


class Command(BaseCommand):
    help = "Create a plan's tree, programs, departments and listings from a 進捗管理表-shaped .xlsx or .csv."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path)
        parser.add_argument(
            "--slug",
            required=True,
            help="Short name of the new plan: lower-case letters and digits joined by -, e.g. saitama-r3.",
        )
        parser.add_argument("--name", required=True, help="The plan's name, e.g. さいたま市再犯防止推進計画.")
        parser.add_argument("--org", required=True, help="The organization's name or its six-digit code.")
        parser.add_argument("--first-year", required=True, help="First fiscal year: 2021 or 令和3年度.")
        parser.add_argument("--last-year", required=True, help="Last fiscal year: 2025 or 令和7年度.")
        parser.add_argument(
            "--scale",
            default="saitama",
            help="The plan's grade scale: a preset (saitama, three-level, one-to-five, s-to-c, a-prime; "
            "see docs/import.md) or a .json file in the shape GradeScale.to_dict() writes.",
        )
        parser.add_argument(
            "--percent-places", type=int, default=0, help="Decimal places of percentages (0 to 2)."
        )
        parser.add_argument(
            "--department", default="", help="Every program's 所管課, for a sheet without a 所管課 column."
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Check and show what would be created; write nothing."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        with translation.override("ja"):
            path: Path = options["path"]
            organization = Organization.objects.filter(
                Q(name=options["org"]) | Q(jis_code=options["org"])
            ).first()
            if organization is None:
                raise CommandError(
                    f"自治体「{options['org']}」がありません。管理画面で先に登録してください。"
                )
            try:
                first, last = (
                    parse_fiscal_year(options["first_year"]),
                    parse_fiscal_year(options["last_year"]),
                )
                content = path.read_bytes()
                scale = read_scale(options["scale"], lambda p: Path(p).read_text(encoding="utf-8"))
            except (FiscalYearError, GradeError) as error:
                raise CommandError(str(error)) from error
            except OSError as error:
                raise CommandError(f"{path} を読めません: {error.strerror}") from error
            try:
                result = import_plan(
                    name=path.name,
                    content=content,
                    organization=organization,
                    slug=options["slug"],
                    plan_name=options["name"],
                    first_year=first,
                    last_year=last,
                    actor=None,
                    dry_run=options["dry_run"],
                    progress=bar,
                    scale=scale,
                    percent_places=options["percent_places"],
                    department=options["department"],
                )
            except ImportRefused as refused:
                for problem in refused.problems:
                    self.stderr.write(str(problem))
                raise CommandError(
                    f"取り込めません（問題 {len(refused.problems)}件）。何も書き込んでいません。"
                ) from None
            if not options["dry_run"]:  # a bulk load: the planner learns the tables' new sizes
                refresh_statistics(Program, Listing, PlanNode, Department)
            self._report(result, options)

    def _report(self, result: ImportResult, options: dict[str, Any]) -> None:
        verb = (
            "取り込めます（--dry-run のため書き込んでいません）" if options["dry_run"] else "取り込みました"
        )
        self.stdout.write(f"計画「{options['name']}」を{verb}:")
        for line in summary_lines(result.summary):
            self.stdout.write(line)
        preview = result.preview
        self.stdout.write(f"評価尺度: {preview.scale_name}（{'／'.join(preview.scale_labels)}）")
        for warning in result.warnings:
            self.stderr.write(f"注意: {warning}")
        if UNASSIGNED_DEPARTMENT in " ".join(preview.notes):
            self.stderr.write("注意: すべての事業の所管課は --department で指定できます。")
        if preview.suggested_scale:
            self.stderr.write(
                "表の値を尺度にするには、良い順に並べた .json を --scale に指定してください"
                f"（例: {'、'.join(preview.suggested_scale)}）。"
            )
        for line in [*tree_lines(preview), *skipped_lines(preview.skipped)]:
            self.stdout.write(line)
