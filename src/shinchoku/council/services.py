"""Council writes: opinions, responses, frozen report packs, PR activities; each in the history."""

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction

from shinchoku.accounts import access
from shinchoku.accounts.models import Role, User
from shinchoku.council.access import can_respond
from shinchoku.council.models import Meeting, Opinion, PrActivity, ReportPack, Response, ResponseStatus
from shinchoku.lib.errors import ServiceError
from shinchoku.lib.history import record_actor
from shinchoku.notifications import services as notify
from shinchoku.plans.models import Plan, Program
from shinchoku.reports import exports
from shinchoku.reports.exports import report_payload


class ResponseError(ServiceError, ValueError):
    """A refused answer to an opinion; the message is Japanese."""


@transaction.atomic(durable=True)
def record_opinion(*, actor: User, plan: Plan, **fields: Any) -> Opinion:
    if not access.manages_plans(actor):
        raise PermissionDenied
    opinion = Opinion(plan=plan, recorded_by=actor, **fields)
    record_actor(opinion, actor)
    opinion.full_clean()
    opinion.save()
    notify.opinion_recorded(opinion, actor)
    return opinion


@transaction.atomic(durable=True)
def respond(*, actor: User, opinion: Opinion, status: str, text: str, reason: str = "") -> Response:
    """Answer an opinion; 対応困難 needs its reason."""
    if not can_respond(actor, opinion):
        raise PermissionDenied
    if status == ResponseStatus.DIFFICULT and not reason.strip():
        raise ResponseError("「対応困難」とする理由を入力してください。")
    department = None
    if opinion.program is not None and actor.role == Role.EDITOR:
        department = opinion.program.departments.filter(pk__in=actor.departments.values("pk")).first()
    response = Response(
        opinion=opinion, department=department, status=status, text=text, reason=reason, responded_by=actor
    )
    record_actor(response, actor)
    response.save()
    return response


@transaction.atomic(durable=True)
def record_activity(
    *, actor: User, plan: Plan, fields: dict[str, Any], programs: list[Program]
) -> PrActivity:
    """Record a PR activity of the plan's organization (secretariat)."""
    if not access.manages_plans(actor):
        raise PermissionDenied
    activity = PrActivity(organization=plan.organization, **fields)
    record_actor(activity, actor)
    activity.save()
    activity.programs.set(programs)
    return activity


@transaction.atomic(durable=True)
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
