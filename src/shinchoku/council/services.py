"""Council writes: opinions, responses, frozen report packs, PR activities; each in the history."""

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction

from shinchoku.accounts import access
from shinchoku.accounts.models import Role, User
from shinchoku.council.models import Meeting, Opinion, ReportPack, Response, ResponseStatus
from shinchoku.council.queries import can_respond
from shinchoku.notifications import services as notify
from shinchoku.plans.models import Plan
from shinchoku.reports import exports
from shinchoku.reports.exports import report_payload


@transaction.atomic
def record_opinion(*, actor: User, plan: Plan, **fields: Any) -> Opinion:
    if not access.manages_plans(actor):
        raise PermissionDenied
    opinion = Opinion(plan=plan, recorded_by=actor, **fields)
    opinion._history_user = actor  # type: ignore[attr-defined]
    opinion.full_clean()
    opinion.save()
    notify.opinion_recorded(opinion, actor)
    return opinion


@transaction.atomic
def respond(*, actor: User, opinion: Opinion, status: str, text: str, reason: str = "") -> Response:
    """Answer an opinion; 対応困難 needs its reason."""
    if not can_respond(actor, opinion):
        raise PermissionDenied
    if status == ResponseStatus.DIFFICULT and not reason.strip():
        raise ValueError("「対応困難」とする理由を入力してください。")
    department = None
    if opinion.program_id and actor.role == Role.EDITOR:
        department = opinion.program.departments.filter(pk__in=actor.departments.values("pk")).first()
    response = Response(
        opinion=opinion, department=department, status=status, text=text, reason=reason, responded_by=actor
    )
    response._history_user = actor  # type: ignore[attr-defined]
    response.save()
    return response


@transaction.atomic
def freeze_pack(*, actor: User, meeting: Meeting, fiscal_year: int) -> ReportPack:
    """Freeze the council report (PDF), the 進捗管理表 (Excel) and the figures (JSON) for a meeting."""
    if not access.manages_plans(actor):
        raise PermissionDenied
    plan = meeting.plan
    return ReportPack.objects.create(
        meeting=meeting,
        fiscal_year=fiscal_year,
        created_by=actor,
        pdf=pack_file("pdf", plan, fiscal_year),
        xlsx=pack_file("xlsx", plan, fiscal_year),
        figures=report_payload(plan, fiscal_year, confirmed_only=PACK_CONFIRMED_ONLY),
    )


# Every council member downloads the pack, so it holds what all of them may read: confirmed
# entries only, never a department's draft or an entry the secretariat has not yet accepted.
PACK_CONFIRMED_ONLY = True


def pack_file(fmt: str, plan: Plan, fiscal_year: int) -> bytes:
    """Return one file of a report pack (any format of reports.exports), from confirmed entries only."""
    return exports.build(fmt, plan, fiscal_year, confirmed_only=PACK_CONFIRMED_ONLY)
