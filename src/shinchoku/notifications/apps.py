from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "shinchoku.notifications"
    label = "notifications"
    verbose_name = _("Notifications")

    def ready(self) -> None:
        # The plans app announces its workflow steps; it may not import this app (layers).
        from shinchoku.notifications.services import on_entry_step
        from shinchoku.plans.signals import entry_step_taken

        entry_step_taken.connect(on_entry_step, dispatch_uid="notifications.on_entry_step")
