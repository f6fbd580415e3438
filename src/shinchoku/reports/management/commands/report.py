"""`shinchoku report --year YYYY [--plan SLUG] --format json [-o PATH]`: a plan-year's figures."""

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from shinchoku.domain.errors import FiscalYearError
from shinchoku.domain.fiscal import parse_fiscal_year
from shinchoku.reports.figures import ReportInputError, build_figures, find_plan


class Command(BaseCommand):
    help = "Print a plan-year's figures (counts and shares by grade, deviations, checks)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--year", required=True, help="Fiscal year: 2021, 令和3年度, R3…")
        parser.add_argument(
            "--plan", help="The plan's short name (slug); needed when several plans cover the year."
        )
        parser.add_argument("--format", choices=["json"], default="json", help="Output format.")
        parser.add_argument(
            "-o", "--output", type=Path, help="Write to this file instead of standard output."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            year = parse_fiscal_year(options["year"])
            plan = find_plan(slug=options["plan"], fiscal_year=year)
            figures = build_figures(plan, year)
        except (FiscalYearError, ReportInputError) as error:
            raise CommandError(str(error)) from error
        text = json.dumps(figures, ensure_ascii=False, indent=2) + "\n"
        if options["output"]:
            options["output"].write_text(text, encoding="utf-8")
        else:
            self.stdout.write(text, ending="")
