from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class PlansConfig(AppConfig):
    name = "shinchoku.plans"
    label = "plans"
    verbose_name = _("Plans and yearly progress")

    def ready(self) -> None:
        from shinchoku.lib.cache import ensure_cache_tables

        # `migrate` also makes the database cache's table (settings.CACHES, lib/cache.py).
        post_migrate.connect(ensure_cache_tables, sender=self, dispatch_uid="shinchoku-cache-table")
