from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CouncilConfig(AppConfig):
    name = "shinchoku.council"
    label = "council"
    verbose_name = _("Council")

    def ready(self) -> None:
        from shinchoku.council.queries import report_pack
        from shinchoku.reports.packs import register_council_source

        register_council_source(report_pack)
