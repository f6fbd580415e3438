from django.contrib import admin

from shinchoku.lib.admin import OrganizationScopedAdmin
from shinchoku.notifications.models import Message, Notification, Preference, Reminder


@admin.register(Message)
class MessageAdmin(OrganizationScopedAdmin):
    organization_path = "organization"
    list_display = ["created_at", "to", "subject", "status", "attempts", "last_error", "next_try_at"]
    list_filter = ["status", "kind"]
    readonly_fields = [f.name for f in Message._meta.fields]


@admin.register(Notification)
class NotificationAdmin(OrganizationScopedAdmin):
    organization_path = "user__organization"
    list_display = ["created_at", "user", "kind", "text"]
    list_filter = ["kind"]
    readonly_fields = [f.name for f in Notification._meta.fields]


@admin.register(Preference)
class PreferenceAdmin(OrganizationScopedAdmin):
    organization_path = "user__organization"
    list_display = ["user", "submissions", "last_digest_on"]


@admin.register(Reminder)
class ReminderAdmin(OrganizationScopedAdmin):
    organization_path = "plan_year__plan__organization"
    list_display = ["sent_at", "plan_year", "department", "sent_by"]
    readonly_fields = ["plan_year", "department", "sent_on", "sent_at", "sent_by", "entries"]
