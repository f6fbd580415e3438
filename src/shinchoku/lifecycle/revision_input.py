"""What a revision changes, as a person types it: on the web form and on the command line alike.

The notation is the command's (``shinchoku plan_revision``): a program number (8), a move
(12=2(1)②), a renumbering (30=62), an addition (61|新しい事業|1(2)|労働政策課). Full-width
digits, brackets and separators are read too. Each name is looked up in the plan the caller
already holds through its gate; one that is not there is refused in Japanese (``RevisionError``).
"""

from dataclasses import dataclass, field, fields
from typing import Any

from shinchoku.accounts.models import Department
from shinchoku.council.models import Meeting
from shinchoku.lifecycle.revisions import NewProgram, RevisionError
from shinchoku.plans.models import Plan, PlanNode, Program

# Program numbers are small integers (PositiveSmallIntegerField).
LARGEST_NUMBER = 32767
_SEPARATORS = str.maketrans({"＝": "=", "｜": "|", "，": ",", "、": ","})
_PATH = str.maketrans({**{chr(0xFF10 + d): str(d) for d in range(10)}, "（": "(", "）": ")"})


@dataclass(frozen=True)
class RevisionChanges:
    """The changes of one revision, each program, measure and department already found in the plan."""

    retire: list[Program] = field(default_factory=list)
    moves: list[tuple[Program, PlanNode]] = field(default_factory=list)
    renumbers: list[tuple[Program, int]] = field(default_factory=list)
    additions: list[NewProgram] = field(default_factory=list)

    def as_kwargs(self) -> dict[str, Any]:
        """Return the changes as ``revisions.record_revision`` takes them."""
        return {f.name: getattr(self, f.name) for f in fields(self)}


def number(text: str) -> int:
    """Return a program number typed as 12 or １２; refuse anything else."""
    text = text.strip()
    if not text.isdecimal():
        raise RevisionError(f"「{text}」は事業番号ではありません（数字で書いてください）。")
    value = int(text)
    if not 1 <= value <= LARGEST_NUMBER:
        raise RevisionError(f"事業番号は1から{LARGEST_NUMBER}までです（{text}）。")
    return value


def program(plan: Plan, text: str) -> Program:
    found = Program.objects.filter(plan=plan, number=number(text)).first()
    if found is None:
        raise RevisionError(f"事業番号{number(text)}はありません。")
    return found


def plan_nodes(plan: Plan) -> dict[str, PlanNode]:
    """Return the plan's measures by the label printed in its tree, e.g. 2(1)②."""
    return {node.path_label(): node for node in PlanNode.objects.filter(plan=plan)}


def node(nodes: dict[str, PlanNode], text: str) -> PlanNode:
    path = text.strip().translate(_PATH)
    if path not in nodes:
        raise RevisionError(f"施策「{text.strip()}」はありません（例: 2(1)②）。")
    return nodes[path]


def department(plan: Plan, name: str) -> Department:
    found = Department.objects.filter(organization=plan.organization, name=name).first()
    if found is None:
        raise RevisionError(f"所管課「{name}」はありません。")
    return found


def meeting(plan: Plan, text: str | None) -> Meeting | None:
    """Return the plan's council meeting named FISCAL_YEAR-NUMBER (2023-2), or None for no text."""
    if not text:
        return None
    year, _, count = text.partition("-")
    found = None
    if year.strip().isdecimal() and count.strip().isdecimal() and len(year + count) <= 8:
        found = Meeting.objects.filter(plan=plan, fiscal_year=int(year), number=int(count)).first()
    if found is None:
        raise RevisionError(f"協議会「{text}」（年度-回）はありません。")
    return found


def retire(plan: Plan, items: list[str]) -> list[Program]:
    return [program(plan, item) for item in items]


def move(plan: Plan, nodes: dict[str, PlanNode], text: str) -> tuple[Program, PlanNode]:
    """Read NUMBER=MEASURE (12=2(1)②)."""
    source, sign, path = text.translate(_SEPARATORS).partition("=")
    if not sign:
        raise RevisionError(f"「{text}」は「事業番号=施策」の形で書いてください（例: 12=2(1)②）。")
    return program(plan, source), node(nodes, path)


def renumber(plan: Plan, text: str) -> tuple[Program, int]:
    """Read OLD=NEW (30=62)."""
    old, sign, new = text.translate(_SEPARATORS).partition("=")
    if not sign:
        raise RevisionError(f"「{text}」は「旧番号=新番号」の形で書いてください（例: 30=62）。")
    return program(plan, old), number(new)


def addition(plan: Plan, nodes: dict[str, PlanNode], text: str) -> NewProgram:
    """Read NUMBER|TITLE|MEASURE|DEPARTMENT[,DEPARTMENT] (61|新しい事業|1(2)|労働政策課)."""
    parts = text.translate(_SEPARATORS).split("|")
    if len(parts) != 4:
        raise RevisionError(
            f"「{text}」は「事業番号|標題|施策|所管課」の形で書いてください（例: 61|新しい事業|1(2)|労働政策課）。"
        )
    new_number, title, path, departments = parts
    if not title.strip() or len(title.strip()) > 200:
        raise RevisionError(f"事業番号{new_number.strip()}の標題は1字以上200字以内で書いてください。")
    return NewProgram(
        number=number(new_number),
        title=title.strip(),
        node=node(nodes, path),
        departments=[department(plan, name.strip()) for name in departments.split(",") if name.strip()],
    )


def refuse_overlaps(changes: RevisionChanges) -> None:
    """Refuse a program named twice in one kind of change, or ended and also moved or renumbered."""
    named = {
        "終了": [p.number for p in changes.retire],
        "移動": [p.number for p, _ in changes.moves],
        "番号の変更": [p.number for p, _ in changes.renumbers],
    }
    for kind, numbers in named.items():
        for twice in sorted({n for n in numbers if numbers.count(n) > 1}):
            raise RevisionError(f"事業番号{twice}の{kind}が2回あります。")
    for both in sorted(set(named["終了"]) & set(named["移動"] + named["番号の変更"])):
        raise RevisionError(f"事業番号{both}は終了する事業です。移動や番号の変更と同時には指定できません。")


def lines(text: str) -> list[str]:
    """Return the non-blank lines of a text box."""
    return [line.strip() for line in text.splitlines() if line.strip()]


def numbers_list(text: str) -> list[str]:
    """Return the items of a list typed as 8, 9 or 8、9 or one per line."""
    return [
        item.strip() for item in text.translate(_SEPARATORS).replace("\n", ",").split(",") if item.strip()
    ]
