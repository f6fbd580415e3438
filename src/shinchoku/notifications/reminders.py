"""Reminders (督促): tell each department with entries not yet submitted, at most once a day."""

import datetime
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from shinchoku.accounts.models import Department, Role, User
from shinchoku.domain.fiscal import wareki_date, wareki_label
from shinchoku.notifications.mail import department_users, name_of, queue_mail, secretariat_users, site_url
from shinchoku.notifications.models import Kind, Message, Notification, Reminder
from shinchoku.plans import access as plans_access
from shinchoku.plans.models import EntryStatus, PlanYear, YearlyEntry
from shinchoku.plans.progress import missing_items


@dataclass
class DepartmentReminder:
    """What a reminder to one department says, and whether it was (or would be) sent."""

    department: Department
    rows: list[tuple[YearlyEntry, list[str]]]
    recipients: list[User]
    already_today: bool = False
    messages: list[Message] = field(default_factory=list)


def _deadline_text(plan_year: PlanYear, today: datetime.date) -> str:
    if plan_year.deadline is None:
        return "締切は設定されていません。"
    if today <= plan_year.deadline:
        days = (plan_year.deadline - today).days
        return f"締切は{wareki_date(plan_year.deadline)}です（あと{days}日）。"
    return f"締切（{wareki_date(plan_year.deadline)}）を過ぎています。至急ご提出ください。"


def _contact(plan_year: PlanYear, actor: User | None) -> list[str]:
    people = list(secretariat_users(plan_year.plan.organization_id))
    if actor is not None and actor.role == Role.SECRETARIAT:
        people = [actor, *[p for p in people if p.pk != actor.pk]]
    return [f"{name_of(p)}{f' <{p.email}>' if p.email else ''}" for p in people]


def remind(
    *, plan_year: PlanYear, actor: User | None, dry_run: bool = False, today: datetime.date | None = None
) -> list[DepartmentReminder]:
    """Remind each department that has entries not yet submitted (下書き・差戻し) of the year.

    One mail per person of the department, naming its programs and what is missing, the
    deadline and the secretariat's contact. A department already reminded today is skipped
    (the Reminder table's constraint makes a second one impossible). actor None: the
    command line on the server. dry_run: say what would be sent, write nothing.
    """
    if actor is not None and not plans_access.manages_plan(actor, plan_year.plan):
        raise PermissionDenied
    today = today or timezone.localdate()
    with transaction.atomic():
        # Two secretariat users pressing the button at once: the second waits, then skips.
        plan_year = PlanYear.objects.select_for_update().select_related("plan").get(pk=plan_year.pk)
        entries = list(
            YearlyEntry.objects.filter(
                program__plan=plan_year.plan,
                fiscal_year=plan_year.fiscal_year,
                status__in=(EntryStatus.DRAFT, EntryStatus.RETURNED),
            )
            .select_related("program", "department")
            .order_by("department__name", "program__number")
        )
        missing = missing_items(entries)
        done_today = set(
            Reminder.objects.filter(plan_year=plan_year, sent_on=today).values_list(
                "department_id", flat=True
            )
        )
        by_department: dict[int, DepartmentReminder] = {}
        organization_id = plan_year.plan.organization_id
        for entry in entries:
            item = by_department.get(entry.department_id)
            if item is None:
                item = by_department[entry.department_id] = DepartmentReminder(
                    department=entry.department,
                    rows=[],
                    recipients=list(department_users([entry.department_id], organization_id)),
                    already_today=entry.department_id in done_today,
                )
            item.rows.append((entry, missing.get(entry.pk, [])))
        result = list(by_department.values())
        if dry_run:
            return result
        contact = _contact(plan_year, actor)
        for item in result:
            if item.already_today:
                continue
            reminder = Reminder.objects.create(
                plan_year=plan_year, department=item.department, sent_on=today, sent_by=actor
            )
            reminder.entries.set([entry for entry, _ in item.rows])
            _send_reminder(plan_year, item, contact, today)
    return result


def _send_reminder(
    plan_year: PlanYear, item: DepartmentReminder, contact: list[str], today: datetime.date
) -> None:
    year = wareki_label(plan_year.fiscal_year)
    path = reverse("plans:entries", args=[plan_year.plan.slug, plan_year.fiscal_year])
    late = plan_year.deadline is not None and today > plan_year.deadline
    numbers = "、".join(str(entry.program.number) for entry, _ in item.rows)
    text = f"督促: {year}の進捗が{len(item.rows)}件未提出です（事業 {numbers}）"[:300]
    context = {
        "plan": plan_year.plan,
        "year": year,
        "department": item.department,
        "rows": [(entry, missing, entry.status == EntryStatus.RETURNED) for entry, missing in item.rows],
        "deadline": _deadline_text(plan_year, today),
        "late": late,
        "contact": contact,
        "date": wareki_date(today),
        "url": site_url(path),
    }
    subject = f"{'【締切超過】' if late else ''}{year}の進捗の提出のお願い（{item.department.name}・{len(item.rows)}件）"
    for user in item.recipients:
        Notification.objects.create(user=user, kind=Kind.REMINDER, text=text, path=path)
        message = queue_mail(user, kind=Kind.REMINDER, subject=subject, template="reminder", context=context)
        if message is not None:
            item.messages.append(message)


def last_reminders(plan_year: PlanYear) -> dict[str, datetime.datetime]:
    """Return, per department name, when it was last reminded for the year (the status board)."""
    last: dict[str, datetime.datetime] = {}
    for name, at in (
        Reminder.objects.filter(plan_year=plan_year)
        .order_by("sent_at")
        .values_list("department__name", "sent_at")
    ):
        last[name] = at
    return last
