"""Writes to cases, each logged; reads are logged by the views through log_access."""

import datetime
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from shinchoku.accounts import access
from shinchoku.accounts.models import User
from shinchoku.cases.models import Case, CaseAccessLog, CaseEvent, CaseSummary
from shinchoku.domain.anonymity import Flag, flags


class StaleCaseError(Exception):
    """Someone saved the case after this page was loaded."""

    def __init__(self) -> None:
        super().__init__(
            "この事例は、あなたが画面を開いた後に他の担当者が保存しました。入力した内容は画面に残しています。"
            "最新の内容を確認してから、もう一度保存してください。"
        )


def log_access(*, case: Case, user: User | None, action: str, detail: str = "") -> None:
    """Append a row to the case access log (who, when, which case, what)."""
    CaseAccessLog.objects.create(
        case_id_logged=case.pk,
        organization_id=case.organization_id,
        user=user,
        action=action,
        detail=detail[:200],
    )


@transaction.atomic
def save_case(*, case: Case, actor: User, version: int, fields: dict[str, Any]) -> Case:
    """Save the case's own fields if nobody saved it since version; the second save is refused."""
    current = access.visible_cases(actor).select_for_update().filter(pk=case.pk).first()
    if current is None:
        raise PermissionDenied
    if current.version != version:
        raise StaleCaseError
    for name, value in fields.items():
        setattr(current, name, value)
    current.version += 1
    current._history_user = actor  # type: ignore[attr-defined]
    current.save()
    log_access(case=current, user=actor, action="edit")
    return current


@transaction.atomic
def add_event(*, case: Case, actor: User, **fields: Any) -> CaseEvent:
    """Add a step to the case's timeline."""
    if not access.visible_cases(actor).filter(pk=case.pk).exists():
        raise PermissionDenied
    event = CaseEvent.objects.create(case=case, recorded_by=actor, **fields)
    log_access(case=case, user=actor, action="add_event", detail=event.get_kind_display())
    return event


def summary_flags(summary: CaseSummary) -> list[Flag]:
    """Return what looks identifying in the summary's texts."""
    return flags(summary.progress + "\n" + summary.situation)


@transaction.atomic
def publish_summary(*, summary: CaseSummary, actor: User) -> CaseSummary:
    """Publish the summary into the council report; refused while anything looks identifying."""
    if not access.visible_cases(actor).filter(pk=summary.case_id).exists():
        raise PermissionDenied
    found = summary_flags(summary)
    if found:
        raise ValueError("、".join(f"{f.kind}「{f.text}」" for f in found))
    summary.published_at, summary.published_by = timezone.now(), actor
    summary._history_user = actor  # type: ignore[attr-defined]
    summary.save()
    log_access(case=summary.case, user=actor, action="publish", detail=f"{summary.report_year}年度")
    return summary


@transaction.atomic
def purge(today: datetime.date) -> list[tuple[int, datetime.date | None, datetime.date]]:
    """Delete closed cases past their retention date; return (id, closed on, kept until) of each."""
    removed = []
    for case in Case.objects.filter(status=Case.Status.CLOSED, retain_until__lt=today):
        removed.append((case.pk, case.closed_on, case.retain_until))
        log_access(
            case=case,
            user=None,
            action="purge",
            detail=f"closed {case.closed_on}, kept until {case.retain_until}",
        )
        case.history.all().delete()
        case.delete()
    return removed
