from django.contrib import admin

from shinchoku.accounts.admin_site import HistoryScopedAdmin, OrganizationScopedAdmin, ScopedTabularInline
from shinchoku.directory.models import (
    ClosedDay,
    LeafletSection,
    Location,
    Phone,
    Provider,
    Schedule,
    SearchSynonym,
    Window,
)


@admin.register(Provider)
class ProviderAdmin(OrganizationScopedAdmin):
    list_display = ["name", "organization"]
    search_fields = ["name"]


class LocationInline(ScopedTabularInline):
    model = Location
    extra = 0


class PhoneInline(ScopedTabularInline):
    model = Phone
    extra = 0


class ScheduleInline(ScopedTabularInline):
    model = Schedule
    extra = 0


class ClosedDayInline(ScopedTabularInline):
    model = ClosedDay
    extra = 0


@admin.register(Window)
class WindowAdmin(HistoryScopedAdmin):
    list_display = ["name", "organization", "status", "verified_at", "is_demo"]
    list_filter = ["status", "is_demo"]
    search_fields = ["name", "description"]
    inlines = [LocationInline, PhoneInline, ScheduleInline, ClosedDayInline]


@admin.register(LeafletSection)
class LeafletSectionAdmin(HistoryScopedAdmin):
    list_display = ["key", "organization"]


@admin.register(SearchSynonym)
class SearchSynonymAdmin(HistoryScopedAdmin):
    """The secretariat keeps its list at /manage/directory/synonyms/; here for installation administrators."""

    list_display = ["word", "means", "organization"]
