"""`shinchoku plan_revision`: record a revision (見直し) from a fiscal year, with what it changes.

    shinchoku plan_revision --plan saitama-r3 --from-year 令和6年度 --decided-on 2024-03-15 \\
        --summary "中間見直し" --meeting 2023-2 --retire 8 --move 12=2(1)② --renumber 30=62 \\
        --add "61|新しい事業|1(2)|労働政策課"

All changes are made together or not at all; years already opened cannot be changed.
"""

import datetime
from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError, CommandParser

from shinchoku.accounts.models import Department
from shinchoku.council.models import Meeting
from shinchoku.domain.errors import DomainError
from shinchoku.domain.fiscal import parse_fiscal_year
from shinchoku.lib.errors import ServiceError
from shinchoku.lifecycle import revisions
from shinchoku.lifecycle.management.commands._operator import acting_secretariat
from shinchoku.plans.models import Plan, PlanNode, Program


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
        nodes = {node.path_label(): node for node in PlanNode.objects.filter(plan=plan)}
        try:
            revision = revisions.record_revision(
                plan=plan,
                actor=actor,
                decided_on=datetime.date.fromisoformat(options["decided_on"]),
                effective_year=parse_fiscal_year(options["from_year"]),
                summary=options["summary"],
                meeting=self._meeting(plan, options["meeting"]),
                retire=[self._program(plan, number) for number in options["retire"]],
                moves=[self._move(plan, nodes, move) for move in options["move"]],
                renumbers=[self._renumber(plan, renumber) for renumber in options["renumber"]],
                additions=[self._addition(plan, nodes, add) for add in options["add"]],
            )
        except (DomainError, ServiceError, ValueError) as error:
            raise CommandError(f"見直しを記録できません（何も変更していません）: {error}") from error
        except PermissionDenied as error:
            raise CommandError("この操作は事務局だけが行えます。") from error
        self.stdout.write(f"見直しを記録しました: 変更 {revision.changes.count()}件（{revision}）")

    def _move(self, plan: Plan, nodes: dict[str, PlanNode], move: str) -> tuple[Program, PlanNode]:
        number, _, path = move.partition("=")
        return self._program(plan, int(number)), self._node(nodes, path)

    def _renumber(self, plan: Plan, renumber: str) -> tuple[Program, int]:
        old, _, new = renumber.partition("=")
        return self._program(plan, int(old)), int(new)

    def _addition(self, plan: Plan, nodes: dict[str, PlanNode], add: str) -> revisions.NewProgram:
        number, title, path, departments = add.split("|")
        return revisions.NewProgram(
            number=int(number),
            title=title,
            node=self._node(nodes, path),
            departments=[
                self._department(plan, name.strip()) for name in departments.split(",") if name.strip()
            ],
        )

    @staticmethod
    def _program(plan: Plan, number: int) -> Program:
        program = Program.objects.filter(plan=plan, number=number).first()
        if program is None:
            raise ValueError(f"事業番号{number}はありません。")
        return program

    @staticmethod
    def _meeting(plan: Plan, text: str | None) -> Meeting | None:
        if not text:
            return None
        year, _, number = text.partition("-")
        meeting = Meeting.objects.filter(plan=plan, fiscal_year=int(year), number=int(number or 0)).first()
        if meeting is None:
            raise ValueError(f"協議会「{text}」（年度-回）はありません。")
        return meeting

    @staticmethod
    def _node(nodes: dict[str, PlanNode], path: str) -> PlanNode:
        if path not in nodes:
            raise ValueError(f"施策「{path}」はありません（例: 2(1)②）。")
        return nodes[path]

    @staticmethod
    def _department(plan: Plan, name: str) -> Department:
        department = Department.objects.filter(organization=plan.organization, name=name).first()
        if department is None:
            raise ValueError(f"所管課「{name}」はありません。")
        return department
