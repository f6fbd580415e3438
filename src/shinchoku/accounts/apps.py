from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "shinchoku.accounts"
    label = "accounts"
    verbose_name = _("Organizations and users")

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        from shinchoku.lib import audit_guard

        # After the last app has migrated, guard every audit table (PostgreSQL).
        post_migrate.connect(audit_guard.install, dispatch_uid="shinchoku_audit_guard")
