"""The secretariat keeps its council's members and meetings (with attendance) on its own screens.

One service per change: the actor is checked, the row is locked or created in one transaction, and
the change is kept in the row's history with the actor. Attendance names members of the plan's own
organization only.
"""

import datetime
from collections.abc import Sequence
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db import transaction

from shinchoku.accounts.models import User
from shinchoku.council.models import Meeting, Member
from shinchoku.domain.fiscal import wareki_label
from shinchoku.lib.errors import ServiceError
from shinchoku.lib.history import record_actor
from shinchoku.plans import access as plans_access
from shinchoku.plans.models import Plan


class RosterError(ServiceError):
    """A refused change of the council's members or meetings; the message is Japanese."""


@dataclass(frozen=True)
class MemberInput:
    name: str
    affiliation: str
    category: str
    term_from: datetime.date | None = None
    term_to: datetime.date | None = None


@dataclass(frozen=True)
class MeetingInput:
    fiscal_year: int
    number: int
    held_on: datetime.date | None
    attendees: Sequence[Member]
    minutes: str = ""
    agenda: Sequence[str] = ()


MEMBER_FIELDS = ["name", "affiliation", "category", "term_from", "term_to"]
MEETING_FIELDS = ["fiscal_year", "number", "held_on", "minutes", "agenda"]
AGENDA_ITEMS, AGENDA_ITEM_LENGTH = 30, 200


@transaction.atomic(durable=True)
def save_member(*, actor: User, plan: Plan, member: Member | None, data: MemberInput) -> Member:
    """Add a council member of the plan's organization, or change one."""
    if not plans_access.manages_plan(actor, plan):
        raise PermissionDenied
    if member is not None and member.organization_id != plan.organization_id:
        raise PermissionDenied
    if data.term_from and data.term_to and data.term_from > data.term_to:
        raise RosterError("任期の終わりは始まりより後の日付にしてください。")
    row = (
        Member(organization_id=plan.organization_id)
        if member is None
        else Member.objects.select_for_update().get(pk=member.pk)
    )
    row.name, row.affiliation, row.category = data.name.strip(), data.affiliation.strip(), data.category
    row.term_from, row.term_to = data.term_from, data.term_to
    record_actor(row, actor)
    row.save(update_fields=None if member is None else MEMBER_FIELDS)
    return row


@transaction.atomic(durable=True)
def save_meeting(*, actor: User, plan: Plan, meeting: Meeting | None, data: MeetingInput) -> Meeting:
    """Add a meeting of the plan's council, or change one: its agenda (議題, in order) and attendance."""
    if not plans_access.manages_plan(actor, plan):
        raise PermissionDenied
    if meeting is not None and meeting.plan_id != plan.pk:
        raise PermissionDenied
    if any(m.organization_id != plan.organization_id for m in data.attendees):
        raise PermissionDenied  # a forged member of another organization
    if not plan.covers(data.fiscal_year):
        raise RosterError(
            f"{wareki_label(data.fiscal_year)}は計画期間（{wareki_label(plan.first_year)}〜"
            f"{wareki_label(plan.last_year)}）外です。会議の年度は計画期間内にしてください。"
        )
    agenda = _agenda(data.agenda)
    same = Meeting.objects.filter(plan=plan, fiscal_year=data.fiscal_year, number=data.number)
    if meeting is not None:
        same = same.exclude(pk=meeting.pk)
    if same.exists():
        raise RosterError(f"{wareki_label(data.fiscal_year)}第{data.number}回の会議は既にあります。")
    row = Meeting(plan=plan) if meeting is None else Meeting.objects.select_for_update().get(pk=meeting.pk)
    row.fiscal_year, row.number, row.held_on = data.fiscal_year, data.number, data.held_on
    row.minutes, row.agenda = data.minutes, agenda
    record_actor(row, actor)
    row.save(update_fields=None if meeting is None else MEETING_FIELDS)
    row.attendees.set(data.attendees)
    return row


def _agenda(items: Sequence[str]) -> list[str]:
    """Return the agenda's items as kept: trimmed, blank ones left out, within the limits."""
    agenda = [item.strip() for item in items if item.strip()]
    if len(agenda) > AGENDA_ITEMS:
        raise RosterError(f"議題は{AGENDA_ITEMS}件までにしてください（{len(agenda)}件あります）。")
    for number, item in enumerate(agenda, start=1):
        if len(item) > AGENDA_ITEM_LENGTH:
            raise RosterError(f"議題の{number}件目が長すぎます（{AGENDA_ITEM_LENGTH}字まで）。")
    return agenda
