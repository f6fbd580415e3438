"""Writes to cases, each logged; reads are logged by the views through log_access."""

import datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from shinchoku.accounts import access
from shinchoku.accounts.models import User
from shinchoku.cases import access as cases_access
from shinchoku.cases.access import supervisor_only_changes
from shinchoku.cases.models import Case, CaseAccessLog, CaseEvent, CaseSummary
from shinchoku.domain.anonymity import Flag, flags_in_fields
from shinchoku.domain.retention import earliest_retain_until
from shinchoku.lib.errors import ServiceError
from shinchoku.lib.history import record_actor

# The summary fields a person edits; the rest of a summary is set by the steps below.
SUMMARY_FIELDS = ("report_year", "title", "progress", "situation")


class StaleCaseError(ServiceError):
    """Someone saved the case after this page was loaded."""

    def __init__(self) -> None:
        super().__init__(
            "この事例は、あなたが画面を開いた後に他の担当者が保存しました。入力した内容は画面に残しています。"
            "最新の内容を確認してから、もう一度保存してください。"
        )


class SummaryRefused(ServiceError):
    """The summary may not be approved or published as it is; the message says why, in Japanese."""


@transaction.atomic
def log_access(*, case: Case, actor: User | None, action: str, detail: str = "") -> None:
    """Append a row to the case access log (who, when, which case, what); None is the system itself."""
    CaseAccessLog.objects.create(
        case_id_logged=case.pk,
        organization_id=case.organization_id,
        user=actor,
        action=action,
        detail=detail[:200],
    )


@transaction.atomic(durable=True)
def save_case(*, case: Case, actor: User, version: int, fields: dict[str, Any]) -> Case:
    """Save the case's own fields if nobody saved it since version; the second save is refused.

    What only a case supervisor may change is refused with a ValidationError by field.
    """
    current = cases_access.visible_cases(actor).select_for_update().filter(pk=case.pk).first()
    if current is None:
        raise PermissionDenied
    if current.version != version:
        raise StaleCaseError
    before = Case(status=current.status, closed_on=current.closed_on, retain_until=current.retain_until)
    for name, value in fields.items():
        setattr(current, name, value)
    refused = supervisor_only_changes(actor=actor, before=before, after=current)
    if refused:
        raise ValidationError(refused)
    if current.status == Case.Status.CLOSED and current.retain_until is None and current.closed_on:
        current.retain_until = earliest_retain_until(current.closed_on)
    current.full_clean(exclude=["organization"])
    current.version += 1
    record_actor(current, actor)
    current.save(update_fields=sorted({*fields, "retain_until", "version"}))
    log_access(case=current, actor=actor, action="edit")
    return current


@transaction.atomic(durable=True)
def add_event(*, case: Case, actor: User, **fields: Any) -> CaseEvent:
    """Add a step to the case's timeline."""
    if not cases_access.visible_cases(actor).filter(pk=case.pk).exists():
        raise PermissionDenied
    event = CaseEvent.objects.create(case=case, recorded_by=actor, **fields)
    log_access(case=case, actor=actor, action="add_event", detail=event.get_kind_display())
    return event


def summary_flags(summary: CaseSummary) -> list[Flag]:
    """Return what looks identifying in any published text of the summary (title included)."""
    return [flag for _field, flag in flags_in_fields(summary.texts())]


def _flag_message(found: list[Flag]) -> str:
    return "、".join(f"{f.kind}「{f.text}」" for f in found)


def _locked_summary(summary: CaseSummary, actor: User) -> CaseSummary:
    """Return the stored summary, locked, if the actor may see its case; refuse otherwise."""
    current = (
        CaseSummary.objects.select_for_update()
        .filter(pk=summary.pk, case__in=cases_access.visible_cases(actor))
        .select_related("case")
        .first()
    )
    if current is None:
        raise PermissionDenied
    return current


@transaction.atomic(durable=True)
def save_summary(*, summary: CaseSummary, actor: User, fields: dict[str, Any]) -> CaseSummary:
    """Save a summary's year and texts; it leaves the report, and a change of its texts needs a new approval."""
    if not cases_access.visible_cases(actor).filter(pk=summary.case_id).exists():
        raise PermissionDenied
    is_new = summary.pk is None
    current = summary if is_new else _locked_summary(summary, actor)
    before = "" if is_new else current.content_digest()
    for name, value in fields.items():
        setattr(current, name, value)
    changed = [*fields]
    if current.content_digest() != before:
        current.edited_by = actor
        current.approved_at, current.approved_by, current.approved_digest = None, None, ""
        changed += ["edited_by", "approved_at", "approved_by", "approved_digest"]
    current.published_at, current.published_by = None, None  # an edit withdraws publication
    record_actor(current, actor)
    if is_new:
        current.save()
    else:
        current.save(update_fields=[*changed, "published_at", "published_by"])
    log_access(case=current.case, actor=actor, action="edit_summary")
    return current


@transaction.atomic(durable=True)
def approve_summary(*, summary: CaseSummary, actor: User) -> CaseSummary:
    """Approve the summary's texts as they are (a case supervisor who did not write them)."""
    current = _locked_summary(summary, actor)
    if not access.supervises_cases(actor):
        raise PermissionDenied
    if current.edited_by_id == actor.pk:
        raise SummaryRefused("自分で書いた要約は承認できません。ほかの事例の監督者に承認を依頼してください。")
    found = summary_flags(current)
    if found:
        raise SummaryRefused("個人を特定できる記載があるため承認できません: " + _flag_message(found))
    current.approved_at, current.approved_by = timezone.now(), actor
    current.approved_digest = current.content_digest()
    record_actor(current, actor)
    current.save(update_fields=["approved_at", "approved_by", "approved_digest"])
    log_access(case=current.case, actor=actor, action="approve_summary", detail=f"{current.report_year}年度")
    return current


@transaction.atomic(durable=True)
def publish_summary(*, summary: CaseSummary, actor: User) -> CaseSummary:
    """Publish the summary into the council report: only as a supervisor approved it, with nothing identifying."""
    current = _locked_summary(summary, actor)
    if not current.is_approved():
        raise SummaryRefused(
            "事例の監督者の承認がないため公表できません（承認の後に変更した場合は、改めて承認が必要です）。"
        )
    found = summary_flags(current)
    if found:
        raise SummaryRefused("個人を特定できる記載があるため公表できません: " + _flag_message(found))
    current.published_at, current.published_by = timezone.now(), actor
    record_actor(current, actor)
    current.save(update_fields=["published_at", "published_by"])
    log_access(case=current.case, actor=actor, action="publish", detail=f"{current.report_year}年度")
    return current


def due_for_purge(today: datetime.date) -> list[Case]:
    """Return the closed cases past their keeping date and past the minimum after closing.

    The minimum is checked here too, so a date saved before the rule existed (or by any other
    path) cannot schedule a case for deletion sooner.
    """
    candidates = Case.objects.filter(status=Case.Status.CLOSED, retain_until__lt=today).order_by("pk")
    return [case for case in candidates if case.is_due_for_purge(today)]


@transaction.atomic(durable=True)
def purge(
    today: datetime.date, *, actor: User | None = None
) -> list[tuple[int, datetime.date | None, datetime.date | None]]:
    """Delete closed cases past their retention date; return (id, closed on, kept until) of each.

    actor is who purges (None: the system, as the nightly command does).
    """
    removed = []
    for case in due_for_purge(today):
        removed.append((case.pk, case.closed_on, case.retain_until))
        log_access(
            case=case,
            actor=actor,
            action="purge",
            detail=f"closed {case.closed_on}, kept until {case.retain_until}",
        )
        case.history.all().delete()
        case.delete()
    return removed
