from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "shinchoku.accounts"
    label = "accounts"
    verbose_name = _("Organizations and users")

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in
        from django.db.models.signals import post_migrate

        from shinchoku.accounts import typed_work
        from shinchoku.lib import audit_guard

        # post_migrate is sent once per app after all migrations ran; guarding once is enough.
        post_migrate.connect(audit_guard.install, sender=self, dispatch_uid="shinchoku_audit_guard")
        # A successor's handed-over drafts (人事異動) are found once per login, not on every page.
        user_logged_in.connect(typed_work.note_handed_over, dispatch_uid="shinchoku_handed_over")
