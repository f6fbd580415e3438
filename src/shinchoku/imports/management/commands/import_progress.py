"""`shinchoku import_progress PATH --plan SLUG --year YYYY [--dry-run] [--overwrite] [--user NAME]`.

A year's entries from a sheet, written in the name of a secretariat member (--user, or the
organization's first active one), each with the event 「Excel から取込み」.
"""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import translation

from shinchoku.accounts.models import Role, User
from shinchoku.domain.errors import FiscalYearError
from shinchoku.domain.fiscal import parse_fiscal_year, wareki_label
from shinchoku.imports.management.commands._progress import bar
from shinchoku.imports.management.commands._report import skipped_lines, summary_lines
from shinchoku.imports.services import import_progress
from shinchoku.lib.planner import refresh_statistics
from shinchoku.lib.problems import ImportRefused
from shinchoku.plans import access as plans_access
from shinchoku.plans.models import Indicator, IndicatorValue, Plan, YearlyEntry


class Command(BaseCommand):
    help = "Load a year's entries (取組内容, 目標, 実績・取組の成果, 達成度) from a 進捗管理表-shaped .xlsx or .csv."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path)
        parser.add_argument("--plan", required=True, help="The plan's short name (slug).")
        parser.add_argument("--year", required=True, help="Fiscal year: 2021 or 令和3年度.")
        parser.add_argument(
            "--dry-run", action="store_true", help="Check and show what would change; write nothing."
        )
        parser.add_argument(
            "--overwrite",
            action="store_true",
            help="Replace submitted and confirmed entries too (上書きする); without it they are skipped and listed.",
        )
        parser.add_argument(
            "--user", help="The secretariat member the import is recorded as (default: the first active one)."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        with translation.override("ja"):
            path: Path = options["path"]
            plan = Plan.objects.select_related("organization").filter(slug=options["plan"]).first()
            if plan is None:
                raise CommandError(f"計画「{options['plan']}」はありません。")
            try:
                year = parse_fiscal_year(options["year"])
                content = path.read_bytes()
            except FiscalYearError as error:
                raise CommandError(str(error)) from error
            except OSError as error:
                raise CommandError(f"{path} を読めません: {error.strerror}") from error
            try:
                result = import_progress(
                    name=path.name,
                    content=content,
                    plan=plan,
                    fiscal_year=year,
                    actor=_actor(plan, options["user"]),
                    dry_run=options["dry_run"],
                    overwrite=options["overwrite"],
                    progress=bar,
                )
            except ImportRefused as refused:
                for problem in refused.problems:
                    self.stderr.write(str(problem))
                raise CommandError(
                    f"取り込めません（問題 {len(refused.problems)}件）。何も書き込んでいません。"
                ) from None
            if not options["dry_run"]:  # a bulk load: the planner learns the tables' new sizes
                refresh_statistics(YearlyEntry, Indicator, IndicatorValue)
            verb = (
                "取り込めます（--dry-run のため書き込んでいません）"
                if options["dry_run"]
                else "取り込みました"
            )
            self.stdout.write(f"{wareki_label(year)}の取組を{verb}:")
            for line in summary_lines(result.summary):
                self.stdout.write(line)
            for note in result.preview.notes:
                self.stderr.write(f"注意: {note}")
            for line in skipped_lines(result.preview.skipped):
                self.stdout.write(line)
            if result.summary["skipped"]:
                self.stdout.write(
                    "提出済み・確定済みの取組は上書きしていません。上書きするには --overwrite を付けてください。"
                )


def _actor(plan: Plan, username: str | None) -> User:
    """Return who the import is recorded as: a member of the plan's secretariat, named in every event."""
    users = User.objects.filter(is_active=True, organization=plan.organization)
    if username:
        user = users.filter(username=username).first()
    else:
        user = users.filter(role=Role.SECRETARIAT).order_by("pk").first()
    if user is None or not plans_access.manages_plan(user, plan):
        raise CommandError(
            f"{plan.organization.name}の事務局ユーザー{f'「{username}」' if username else ''}がいません。"
            "--user に事務局のユーザー名を指定してください。"
        )
    return user
