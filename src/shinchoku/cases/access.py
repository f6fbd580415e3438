"""Who may see a case: the one gate of the cases kind (assigned workers and supervisors only).

The secretariat and administrators see the published summaries and nothing else of the cases;
what only a case supervisor may change (closing, retention) is decided here too.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from shinchoku.accounts import access
from shinchoku.accounts.models import Role, User
from shinchoku.cases.models import Case, CaseAccessLog, CaseSummary
from shinchoku.cases.queries import published_summaries


def visible_cases(user: User) -> QuerySet[Case]:
    """Return the cases the user may see: their own as an assigned worker, all of the organization as supervisor.

    Nobody else sees a case, the secretariat and administrators included (they see published summaries).
    """
    if not user.is_active or user.organization_id is None:
        return Case.objects.none()
    cases = Case.objects.filter(organization_id=user.organization_id)
    if user.is_case_supervisor:
        return cases
    if user.role == Role.CASEWORKER:
        return cases.filter(workers=user)
    return cases.none()


def listed_cases(user: User) -> QuerySet[Case]:
    """Return the cases of the user's list (403 for anyone who does not work with cases)."""
    if not access.uses_cases(user):
        raise PermissionDenied
    return visible_cases(user)


def get_case(user: User, pk: int) -> Case:
    """Return the case, or 404 for anyone not assigned (whatever the id)."""
    case = visible_cases(user).filter(pk=pk).first()
    if case is None:
        raise Http404
    return case


def get_summary(case: Case, summary_pk: int) -> CaseSummary:
    """Return a summary of a case the user was given by get_case, or 404 (another case's or none)."""
    summary = case.summaries.filter(pk=summary_pk).first()
    if summary is None:
        raise Http404
    return summary


def may_approve(user: User, summary: CaseSummary) -> bool:
    """Return whether the user may approve the stored summary: a case supervisor who did not write it, once."""
    return (
        bool(summary.pk)
        and access.supervises_cases(user)
        and summary.edited_by_id != user.pk
        and not summary.is_approved()
    )


def access_log_rows(user: User) -> QuerySet[CaseAccessLog]:
    """Return the access log of the organization's cases, newest first as stored (supervisors only, else 403)."""
    if not user.is_case_supervisor:
        raise PermissionDenied
    if user.organization_id is None:
        return CaseAccessLog.objects.none()
    return CaseAccessLog.objects.filter(organization_id=user.organization_id).select_related("user")


def readable_published_summaries(user: User) -> list[CaseSummary]:
    """Return the published summaries the user may read (secretariat and case people; 403 otherwise)."""
    if not (access.manages_plans(user) or access.uses_cases(user)):
        raise PermissionDenied
    return published_summaries(user.organization_id) if user.organization_id else []


def supervisor_only_changes(*, actor: User, before: Case, after: Case) -> dict[str, str]:
    """Return, by field, what only a case supervisor may change and the actor changed: empty if none.

    Closing a case, moving its closing date and shortening its keeping decide when a case record
    is destroyed; a worker may keep a case longer than the date set, nothing else (a first date,
    an earlier one or a cleared one, which becomes the minimum once closed, all shorten it).
    """
    if access.supervises_cases(actor):
        return {}
    errors: dict[str, str] = {}
    if after.status == Case.Status.CLOSED and before.status != Case.Status.CLOSED:
        errors["status"] = _("Only a case supervisor closes a case.")
    if after.closed_on != before.closed_on:
        errors["closed_on"] = _("Only a case supervisor sets the closing date.")
    lengthened = (
        before.retain_until is not None
        and after.retain_until is not None
        and after.retain_until >= before.retain_until
    )
    if after.retain_until != before.retain_until and not lengthened:
        errors["retain_until"] = _("Only a case supervisor sets or shortens how long a case is kept.")
    return errors
