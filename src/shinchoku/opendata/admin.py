from django.contrib import admin

from shinchoku.accounts.admin_site import HistoryScopedAdmin
from shinchoku.opendata.models import Publication


@admin.register(Publication)
class PublicationAdmin(HistoryScopedAdmin):
    organization_path = "plan__organization"
    list_display = ["plan", "is_published", "licence"]
