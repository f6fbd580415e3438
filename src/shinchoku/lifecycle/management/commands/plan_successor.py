"""`shinchoku plan_successor --plan SLUG --slug NEW --first-year YYYY --last-year YYYY [--name NAME]`."""

from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError, CommandParser

from shinchoku.domain.errors import DomainError
from shinchoku.domain.fiscal import parse_fiscal_year, wareki_label
from shinchoku.lib.errors import ServiceError
from shinchoku.lifecycle.management.commands._operator import acting_secretariat
from shinchoku.lifecycle.succession import create_successor
from shinchoku.plans.models import Plan


class Command(BaseCommand):
    help = "Create the next plan from a plan: the same tree, the continuing programs and their indicators."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--plan", required=True, help="The current plan's short name (slug).")
        parser.add_argument("--slug", required=True, help="The new plan's short name.")
        parser.add_argument("--first-year", required=True, help="First fiscal year: 2026 or 令和8年度.")
        parser.add_argument("--last-year", required=True, help="Last fiscal year: 2030 or 令和12年度.")
        parser.add_argument("--name", default="", help="The new plan's name (default: the current one's).")

    def handle(self, *args: Any, **options: Any) -> None:
        plan = Plan.objects.select_related("organization").filter(slug=options["plan"]).first()
        if plan is None:
            raise CommandError(f"計画「{options['plan']}」はありません。")
        actor = acting_secretariat(plan)
        try:
            first, last = parse_fiscal_year(options["first_year"]), parse_fiscal_year(options["last_year"])
            successor = create_successor(
                plan=plan,
                actor=actor,
                slug=options["slug"],
                first_year=first,
                last_year=last,
                name=options["name"],
            )
        except (DomainError, ServiceError) as error:
            raise CommandError(str(error)) from error
        except PermissionDenied as error:
            raise CommandError("この操作は事務局だけが行えます。") from error
        self.stdout.write(
            f"次期計画「{successor.name}」（{wareki_label(first)}〜{wareki_label(last)}、{successor.slug}）を作りました: "
            f"事業 {successor.programs.count()}、指標 {sum(p.indicators.count() for p in successor.programs.all())}。"
        )
