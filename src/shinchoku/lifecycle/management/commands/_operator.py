"""Who a lifecycle command acts as: run on the server by the city's operator, it acts as the secretariat."""

from django.core.management.base import CommandError

from shinchoku.accounts.models import Role, User
from shinchoku.plans.models import Plan


def acting_secretariat(plan: Plan) -> User:
    """Return the organization's first active secretariat member, named in the history of what the command does."""
    user = (
        User.objects.filter(is_active=True, organization=plan.organization, role=Role.SECRETARIAT)
        .order_by("pk")
        .first()
    )
    if user is None:
        raise CommandError("この自治体の事務局ユーザーがいません。先に作成してください。")
    return user
