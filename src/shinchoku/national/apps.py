from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NationalConfig(AppConfig):
    name = "shinchoku.national"
    label = "national"
    verbose_name = _("National plan and cross-organization figures")
