"""The HSDS import's writes: windows from Open Referral HSDS 3.0 services, all or nothing.

Each service is matched by its id; a window or provider of another organization is refused, never
updated. Reading the file (``read_services``) and the export are in ``hsds.py``.
"""

import datetime
import uuid
from typing import Any

from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import models, transaction
from django.utils import timezone

from shinchoku.accounts.models import Organization, User
from shinchoku.directory.hsds import CLOSED_ON_HOLIDAYS, DAYS, OPEN_ON_HOLIDAYS, TAXONOMIES, HsdsError
from shinchoku.directory.models import Location, Phone, Provider, Schedule, Ward, Window
from shinchoku.lib.history import record_actor


@transaction.atomic(durable=True)
def import_services(
    organization: Organization, services: list[dict[str, Any]], *, actor: User | None = None
) -> int:
    """Create or update windows from HSDS services (matched by id); return how many. All or nothing.

    actor is who imports (None: the system, as the management command does).
    """
    try:
        for service in services:
            _import_service(organization, service, actor)
    except HsdsError:
        raise
    except (KeyError, TypeError, ValueError) as error:  # a malformed id, time or date
        raise HsdsError(f"サービスの値が正しくありません（{error!r}）。") from error
    return len(services)


def _import_service(organization: Organization, service: dict[str, Any], actor: User | None) -> None:
    sid = uuid.UUID(str(service["id"]))
    window = Window.objects.select_for_update().filter(uuid=sid).first()
    if window is not None and window.organization_id != organization.pk:
        raise HsdsError(f"サービス「{service['name']}」は別の自治体のものです。")
    if window is not None:
        # A page opened before the import must not save over it: its version is now stale (409).
        window.version += 1
    window = window or Window(uuid=sid, organization=organization)
    window.provider = _provider(organization, service.get("organization"))
    window.name = service["name"]
    window.description = service.get("description", "")
    window.url = service.get("url", "")
    window.email = service.get("email", "")
    window.status = Window.Status.ACTIVE if service["status"] == "active" else Window.Status.RETIRED
    codes = _codes(service)
    window.topics, window.audiences = codes["topic"], codes["audience"]
    window.hours_note = service.get("alert", "")
    if service.get("assured_date"):
        window.verified_at = timezone.make_aware(datetime.datetime.fromisoformat(service["assured_date"]))
    record_actor(window, actor)
    _save_valid(window)
    window.phones.all().delete()
    window.schedules.all().delete()
    window.locations.all().delete()
    _add_phones(window, service.get("phones", []))
    _add_schedules(window, service.get("schedules", []))
    _add_locations(window, service.get("service_at_locations", []))


def _provider(organization: Organization, org: dict[str, Any] | None) -> Provider | None:
    """Return the service's provider, created or updated; another city's provider is refused."""
    if not org:
        return None
    # Looked up by id across organizations so that another city's provider is refused, never
    # updated: ids are unique in the whole installation.
    provider = Provider.objects.filter(uuid=org["id"]).first()
    if provider is not None and provider.organization_id != organization.pk:
        raise HsdsError(f"提供者「{org.get('name', '')}」は別の自治体のものです。")
    provider = provider or Provider(uuid=org["id"], organization=organization)
    provider.name = org.get("name", provider.name)
    provider.description = "" if org.get("description") == provider.name else org.get("description", "")
    provider.website = org.get("website", "")
    _save_valid(provider)
    return provider


def _codes(service: dict[str, Any]) -> dict[str, list[str]]:
    """Return the service's 分野 and 対象 codes from its attributes (unknown terms left out)."""
    codes: dict[str, list[str]] = {"topic": [], "audience": []}
    for attribute in service.get("attributes", []):
        term = attribute.get("taxonomy_term") or {}
        for kind, (taxonomy, _title, choices) in TAXONOMIES.items():
            if term.get("taxonomy") == taxonomy and term.get("code") in choices.values:
                codes[kind].append(term["code"])
    return codes


def _add_phones(window: Window, phones: list[dict[str, Any]]) -> None:
    for phone in phones:
        _save_valid(
            Phone(
                uuid=phone["id"],
                window=window,
                number=phone["number"],
                description=phone.get("description", ""),
            )
        )


def _add_schedules(window: Window, schedules: list[dict[str, Any]]) -> None:
    for schedule in schedules:
        _save_valid(
            Schedule(
                uuid=schedule["id"],
                window=window,
                weekdays=[DAYS.index(d) for d in schedule.get("byday", "").split(",") if d in DAYS],
                opens_at=datetime.time.fromisoformat(schedule["opens_at"][:5]),
                closes_at=datetime.time.fromisoformat(schedule["closes_at"][:5]),
                closed_on_holidays=schedule.get("notes", CLOSED_ON_HOLIDAYS) != OPEN_ON_HOLIDAYS,
                valid_from=schedule.get("valid_from") or None,
                valid_to=schedule.get("valid_to") or None,
                description=schedule.get("description", ""),
            )
        )


def _add_locations(window: Window, links: list[dict[str, Any]]) -> None:
    wards = {label: value for value, label in Ward.choices}
    for link in links:
        place = link.get("location") or {}
        address = (place.get("addresses") or [{}])[0]
        _save_valid(
            Location(
                uuid=place.get("id") or link["location_id"],
                window=window,
                name=place.get("name", ""),
                ward=wards.get(place.get("description", ""), ""),
                address=address.get("address_1", ""),
                postal_code=address.get("postal_code", ""),
            )
        )


def _save_valid(row: models.Model) -> None:
    """Save the imported row after the model's own validation (links, names, unique ids), or refuse it."""
    try:
        row.full_clean()
    except ValidationError as error:
        details = "、".join(
            f"{_label(row, name)}: {' '.join(messages)}" for name, messages in error.message_dict.items()
        )
        raise HsdsError(f"{row._meta.verbose_name}「{row}」の値が正しくありません（{details}）。") from error
    row.save()


def _label(row: models.Model, name: str) -> str:
    try:
        field = row._meta.get_field(name)
    except FieldDoesNotExist:  # a non-field error ("__all__")
        return name
    return str(getattr(field, "verbose_name", name))
