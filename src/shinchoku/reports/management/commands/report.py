"""`shinchoku report --year YYYY [--plan SLUG] --format json|html|pdf|pdfa|pptx|xlsx|csv [-o PATH]`."""

import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from shinchoku.domain.errors import FiscalYearError
from shinchoku.domain.fiscal import parse_fiscal_year
from shinchoku.reports.exports import ENCODINGS, FORMATS, build
from shinchoku.reports.figures import ReportInputError, find_plan

TEXT_FORMATS = ("json", "html", "csv")


class Command(BaseCommand):
    help = (
        "Write a plan-year's report: figures (json), the council report (html, pdf), "
        "or the 進捗管理表 (xlsx, csv)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--year", required=True, help="Fiscal year: 2021, 令和3年度, R3…")
        parser.add_argument(
            "--plan", help="The plan's short name (slug); needed when several plans cover the year."
        )
        parser.add_argument("--format", choices=sorted(FORMATS), default="json", help="Output format.")
        parser.add_argument(
            "--encoding", choices=ENCODINGS, default="utf-8", help="CSV only: utf-8 (with BOM) or cp932."
        )
        parser.add_argument(
            "--confirmed-only", action="store_true", help="Leave out entries not yet confirmed."
        )
        parser.add_argument(
            "-o", "--output", type=Path, help="Write to this file instead of standard output."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        fmt = options["format"]
        output: Path | None = options["output"]
        if output is None and fmt not in TEXT_FORMATS and sys.stdout.isatty():
            raise CommandError(f"{fmt} はファイルに出力します。-o で出力先のファイル名を指定してください。")
        try:
            year = parse_fiscal_year(options["year"])
            plan = find_plan(slug=options["plan"], fiscal_year=year)
            content = build(
                fmt, plan, year, confirmed_only=options["confirmed_only"], encoding=options["encoding"]
            )
        except (FiscalYearError, ReportInputError) as error:
            raise CommandError(str(error)) from error
        if output is not None:
            try:
                output.write_bytes(content)
            except OSError as error:
                raise CommandError(f"{output} に書き込めません: {error.strerror}") from error
        elif fmt in ("json", "html"):
            self.stdout.write(content.decode(), ending="")
        else:
            sys.stdout.flush()
            sys.stdout.buffer.write(content)
