"""`shinchoku synth --orgs N --programs P --years Y [--seed S]`: invented organizations for benchmarks."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from shinchoku.operations.synth import SynthError, SynthSize, generate, print_progress


class Command(BaseCommand):
    help = (
        "Generate invented organizations (合成市, codes in prefecture numbers 50–98) with plans, programs, "
        "entries and indicators, for measuring at national scale (e.g. --orgs 1788 --programs 75 --years 5)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--orgs", type=int, required=True)
        parser.add_argument("--programs", type=int, default=75)
        parser.add_argument("--years", type=int, default=5)
        parser.add_argument("--seed", type=int, default=1)

    def handle(self, *args: Any, orgs: int, programs: int, years: int, seed: int, **options: Any) -> None:
        progress = print_progress if options["verbosity"] > 0 else None
        try:
            made = generate(SynthSize(orgs, programs, years), seed=seed, progress=progress)
        except SynthError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"合成データを作成しました: {made}団体 × {programs}事業 × {years}年度（すべて架空）"
        )
