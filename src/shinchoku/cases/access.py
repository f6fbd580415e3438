"""Who may see a case: the one gate of the cases kind (assigned workers and supervisors only)."""

from django.db.models import QuerySet
from django.http import Http404

from shinchoku.accounts.models import Role, User
from shinchoku.cases.models import Case


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


def get_case(user: User, pk: int) -> Case:
    """Return the case, or 404 for anyone not assigned (whatever the id)."""
    case = visible_cases(user).filter(pk=pk).first()
    if case is None:
        raise Http404
    return case
