"""The history of one account as its page shows it: who, why, and what changed in its departments.

Every row says who made it. A row without an actor (「―」 in the raw history) is the person's own
password being set at the one-time link (an anonymous request: no one is signed in yet) or a
step of the system, such as `shinchoku create_organization`; the page names it so. The change
reason (人事異動の「…から転出（無効化）、取組1件を…へ引継ぎ」) and a change of departments
(住宅課 → 生活福祉課) are shown beside the role and whether the person may log in.
"""

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from shinchoku.accounts.models import User

SHOWN = 20


@dataclass(frozen=True)
class HistoryRow:
    when: datetime
    by: str  # the actor's login name, "" for none (the template names that case)
    role: str
    is_active: bool
    reason: str
    departments: str  # 「住宅課 → 生活福祉課」, or "" where they did not change


def _department_names(records: list[Any]) -> dict[int, tuple[str, ...]]:
    """Return each history row's departments, in one query of simple-history's m2m history rows."""
    if not records:
        return {}
    through = records[0].departments.model  # the historical rows of User.departments
    names: dict[int, list[str]] = {record.history_id: [] for record in records}
    for row in through.objects.filter(history__in=records).select_related("department"):
        names[row.history_id].append(row.department.name)
    return {key: tuple(sorted(value)) for key, value in names.items()}


def _departments(before: tuple[str, ...] | None, after: tuple[str, ...]) -> str:
    if before is None:
        return "、".join(after)  # the account's first row: the departments it started with
    if before == after:
        return ""
    return f"{'、'.join(before) or '―'} → {'、'.join(after) or '―'}"


def account_history(person: User) -> list[HistoryRow]:
    """Return the account's latest changes, newest first (the caller gated the account)."""
    records = list(
        person.history.select_related("history_user").order_by("-history_date", "-history_id")[: SHOWN + 1]
    )
    records.reverse()  # oldest first, to compare each row with the one before
    rows = []
    departments = _department_names(records)
    before: tuple[str, ...] | None = None
    for index, record in enumerate(records):
        after = departments[record.history_id]
        if index > 0 or len(records) <= SHOWN:  # the extra oldest row only gives the "before"
            user = record.history_user
            rows.append(
                HistoryRow(
                    when=record.history_date,
                    by=user.username if user is not None else "",
                    role=record.get_role_display(),
                    is_active=record.is_active,
                    reason=record.history_change_reason or "",
                    departments=_departments(before, after),
                )
            )
        before = after
    rows.reverse()
    return rows
