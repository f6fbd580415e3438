"""Who may follow which e-mail and read which notice: the one gate of the notifications kind."""

from django.db.models import QuerySet
from django.http import Http404

from shinchoku.accounts.access import manages_plans, scope_to_organization
from shinchoku.accounts.models import User
from shinchoku.notifications.models import Message, Notification, Preference


def visible_messages(user: User) -> QuerySet[Message]:
    """Return the e-mails whose delivery the user follows: the organization's, for its secretariat."""
    if not manages_plans(user):
        return Message.objects.none()
    return scope_to_organization(Message.objects.all(), user, "organization")


def get_message(user: User, pk: int) -> Message:
    """Return an e-mail of the user's organization, or 404."""
    message = visible_messages(user).filter(pk=pk).first()
    if message is None:
        raise Http404
    return message


def own_notifications(user: User) -> QuerySet[Notification]:
    """Return what the application told the user: to each only their own."""
    if not user.is_active:
        return Notification.objects.none()
    return Notification.objects.filter(user=user)


def own_preference(user: User) -> Preference | None:
    """Return the user's own choice of mails (one per submission or a daily digest), if made."""
    return Preference.objects.filter(user=user).first()
