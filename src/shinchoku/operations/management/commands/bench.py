"""`shinchoku bench [--quick] [--json] [--database sqlite|postgresql …] [--pg-database NAME] [--write DIR]`."""

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from shinchoku.operations.bench import BENCH_DB, NATIONAL, QUICK, postgresql_answers, run
from shinchoku.operations.bench_report import write_report


class Command(BaseCommand):
    help = (
        "Measure national-scale costs as ratios to baselines of the same run, each database in a scratch "
        "database of its own (never the configured one). --quick: a small size, under a minute on SQLite."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--quick", action="store_true", help="30 organizations instead of 1,788")
        parser.add_argument("--json", action="store_true", help="print one JSON object")
        parser.add_argument(
            "--database",
            action="append",
            choices=["sqlite", "postgresql"],
            help="default: sqlite, and postgresql when its server answers",
        )
        parser.add_argument(
            "--pg-database",
            default=BENCH_DB,
            help=f"the scratch PostgreSQL database, dropped and made again (default: {BENCH_DB})",
        )
        parser.add_argument("--orgs", type=int, help="organizations in all (the demo's city included)")
        parser.add_argument(
            "--write", type=Path, help="write benchmarks.json and benchmarks.md into this directory"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        size = dict(QUICK if options["quick"] else NATIONAL)
        if options["orgs"]:
            size["orgs"] = options["orgs"]
        vendors = options["database"] or ["sqlite", *(["postgresql"] if postgresql_answers() else [])]
        result = run(vendors, size, options["pg_database"])
        if options["write"]:
            write_report(result, options["write"])
        if options["json"]:
            self.stdout.write(json.dumps(result, ensure_ascii=False))
        else:
            for name, met in result["met"].items():
                mark = "✓" if met else "✗"
                self.stdout.write(f"{mark} {name} = {result[name]} (goal {result['goals'][name]})")
