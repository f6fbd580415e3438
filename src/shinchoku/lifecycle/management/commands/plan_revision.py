"""`shinchoku plan_revision`: record a revision (見直し) from a fiscal year, with what it changes.

    shinchoku plan_revision --plan saitama-r3 --from-year 令和6年度 --decided-on 2024-03-15 \\
        --summary "中間見直し" --meeting 2023-2 --retire 8 --move 12=2(1)② --renumber 30=62 \\
        --add "61|新しい事業|1(2)|労働政策課"

All changes are made together or not at all; years already opened cannot be changed. The
secretariat's web form (「計画の見直しと次期計画」) reads the same notation (``revision_input``).
"""

import datetime
from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError, CommandParser

from shinchoku.domain.errors import DomainError
from shinchoku.domain.fiscal import parse_fiscal_year
from shinchoku.lib.errors import ServiceError
from shinchoku.lifecycle import revision_input, revisions
from shinchoku.lifecycle.management.commands._operator import acting_secretariat
from shinchoku.plans.models import Plan


class Command(BaseCommand):
    help = (
        "Record a revision of a plan from a fiscal year: programs retired, moved or added (all or nothing)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--plan", required=True)
        parser.add_argument(
            "--from-year", required=True, help="The first fiscal year the revision applies to."
        )
        parser.add_argument("--decided-on", required=True, help="The date it was decided, YYYY-MM-DD.")
        parser.add_argument("--summary", required=True, help="What was revised and why.")
        parser.add_argument(
            "--retire", type=int, action="append", default=[], help="A program number that ends."
        )
        parser.add_argument("--move", action="append", default=[], help="NUMBER=PATH, e.g. 12=2(1)②.")
        parser.add_argument("--renumber", action="append", default=[], help="OLD=NEW, e.g. 12=70.")
        parser.add_argument(
            "--meeting", help="The council meeting it was reported to: FISCAL_YEAR-NUMBER, e.g. 2023-2."
        )
        parser.add_argument(
            "--add", action="append", default=[], help="NUMBER|TITLE|PATH|DEPARTMENT[,DEPARTMENT]"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        plan = Plan.objects.filter(slug=options["plan"]).first()
        if plan is None:
            raise CommandError(f"計画「{options['plan']}」はありません。")
        actor = acting_secretariat(plan)
        try:
            nodes = revision_input.plan_nodes(plan)
            changes = revision_input.RevisionChanges(
                retire=revision_input.retire(plan, [str(n) for n in options["retire"]]),
                moves=[revision_input.move(plan, nodes, move) for move in options["move"]],
                renumbers=[revision_input.renumber(plan, text) for text in options["renumber"]],
                additions=[revision_input.addition(plan, nodes, add) for add in options["add"]],
            )
            revision_input.refuse_overlaps(changes)
            revision = revisions.record_revision(
                plan=plan,
                actor=actor,
                decided_on=datetime.date.fromisoformat(options["decided_on"]),
                effective_year=parse_fiscal_year(options["from_year"]),
                summary=options["summary"],
                meeting=revision_input.meeting(plan, options["meeting"]),
                **changes.as_kwargs(),
            )
        except (DomainError, ServiceError, ValueError) as error:
            raise CommandError(f"見直しを記録できません（何も変更していません）: {error}") from error
        except PermissionDenied as error:
            raise CommandError("この操作は事務局だけが行えます。") from error
        self.stdout.write(f"見直しを記録しました: 変更 {revision.changes.count()}件（{revision}）")
