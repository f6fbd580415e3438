"""A program continued under a new number or in a new plan: the same content, and indicators that remember."""

from shinchoku.accounts.models import User
from shinchoku.lib.history import record_actor
from shinchoku.plans.models import Indicator, Plan, Program


def continue_program(program: Program, *, plan: Plan, number: int, first_year: int | None = None) -> Program:
    """Create the program's continuation (title, content, note, 重点, departments) in plan under number."""
    continued = Program.objects.create(
        plan=plan,
        number=number,
        title=program.title,
        content=program.content,
        note=program.note,
        is_priority=program.is_priority,  # a 重点 program stays one until the secretariat unmarks it
        first_year=first_year,
    )
    continued.departments.set(program.departments.all())
    return continued


def continue_indicators(
    old: Program, new: Program, *, actor: User | None
) -> list[tuple[Indicator, Indicator]]:
    """Give new a copy of each of old's indicators, each remembering the one it continues."""
    pairs = []
    for indicator in Indicator.objects.filter(program=old).order_by("pk"):
        copy = Indicator(
            program=new,
            department=indicator.department,
            name=indicator.name,
            unit=indicator.unit,
            direction=indicator.direction,
            source=indicator.source,
            position=indicator.position,
            predecessor=indicator,
        )
        record_actor(copy, actor)
        copy.save()
        pairs.append((indicator, copy))
    return pairs
