from django.contrib import admin
from django.http import HttpRequest

from shinchoku.accounts.admin_site import OrganizationScopedAdmin
from shinchoku.notifications.models import Message, Notification, Preference, Reminder


class MadeByServicesAdmin(OrganizationScopedAdmin):
    """Mails, notifications, choices and reminders are written by the notification services, not here."""

    def has_add_permission(self, request: HttpRequest, *args: object) -> bool:
        return False


@admin.register(Message)
class MessageAdmin(MadeByServicesAdmin):
    organization_path = "organization"
    list_display = ["created_at", "to", "subject", "status", "attempts", "last_error", "next_try_at"]
    list_filter = ["status", "kind"]
    readonly_fields = [f.name for f in Message._meta.fields]


@admin.register(Notification)
class NotificationAdmin(MadeByServicesAdmin):
    organization_path = "user__organization"
    list_display = ["created_at", "user", "kind", "text"]
    list_filter = ["kind"]
    readonly_fields = [f.name for f in Notification._meta.fields]


@admin.register(Preference)
class PreferenceAdmin(MadeByServicesAdmin):
    organization_path = "user__organization"
    list_display = ["user", "submissions", "last_digest_on"]


@admin.register(Reminder)
class ReminderAdmin(MadeByServicesAdmin):
    organization_path = "plan_year__plan__organization"
    list_display = ["sent_at", "plan_year", "department", "sent_by"]
    readonly_fields = ["plan_year", "department", "sent_on", "sent_at", "sent_by", "entries"]
