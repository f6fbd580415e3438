"""Django's admin app with shinchoku's admin site (see shinchoku.accounts.admin_site.AdminSite)."""

from django.contrib.admin.apps import AdminConfig as DjangoAdminConfig


class AdminConfig(DjangoAdminConfig):
    # A dotted path: the site is built once the models are ready.
    default_site = "shinchoku.accounts.admin_site.AdminSite"
