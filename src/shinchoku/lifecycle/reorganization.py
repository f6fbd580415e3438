"""A reorganization of departments (所管課): merge one into another, with everything it holds.

A merge moves the source's entries and indicators (plans), its council answers (council), its
programs and people, then deletes the source; each moved row keeps its history with the actor.
It lives here, above plans and council, because accounts may not import them; adding and
renaming a department touch accounts only (accounts/departments.py).
"""

from django.db import IntegrityError, transaction

from shinchoku.accounts.departments import check_own
from shinchoku.accounts.models import Department, User
from shinchoku.accounts.services import AccountError
from shinchoku.council.models import Response
from shinchoku.lib.history import record_actor
from shinchoku.plans.models import Indicator, Program, YearlyEntry


@transaction.atomic(durable=True)
def merge_departments(*, actor: User, source: Department, target: Department) -> int:
    """Merge source into target: its entries, indicators, programs, people and answers move; source goes.

    Refused when both have an entry for the same program and year: which report would stand is
    the secretariat's decision, not a merge's. Return how many entries moved.
    """
    check_own(actor, source)
    check_own(actor, target)
    if source.pk == target.pk:
        raise AccountError("同じ所管課どうしは統合できません。")
    source, target = (
        Department.objects.select_for_update().get(pk=source.pk),
        Department.objects.select_for_update().get(pk=target.pk),
    )
    theirs = set(YearlyEntry.objects.filter(department=target).values_list("program_id", "fiscal_year"))
    moving = list(YearlyEntry.objects.select_for_update().filter(department=source))
    clashes = sorted(
        (e.fiscal_year, e.program.number) for e in moving if (e.program_id, e.fiscal_year) in theirs
    )
    if clashes:
        listed = "、".join(f"{year}年度 事業{number}" for year, number in clashes[:5])
        raise AccountError(
            f"「{source.name}」と「{target.name}」の両方に同じ事業・年度の取組があるため統合できません（{listed}）。"
        )
    try:
        with transaction.atomic():
            for entry in moving:
                entry.department = target
                record_actor(entry, actor)
                entry.save(update_fields=["department"])
            for indicator in Indicator.objects.filter(department=source):
                indicator.department = target
                record_actor(indicator, actor)
                indicator.save(update_fields=["department"])
    except IntegrityError as error:
        raise AccountError(
            f"「{source.name}」と「{target.name}」に同じ名前の指標があるため統合できません。"
        ) from error
    for response in Response.objects.filter(department=source):  # one by one: each keeps its history
        response.department = target
        record_actor(response, actor)
        response.save(update_fields=["department"])
    for program in Program.objects.filter(departments=source):
        program.departments.add(target)
        program.departments.remove(source)
    for person in User.objects.filter(departments=source):
        person.departments.add(target)
        person.departments.remove(source)
    record_actor(source, actor)
    source.delete()
    return len(moving)
