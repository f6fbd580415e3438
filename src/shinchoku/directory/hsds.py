"""Exchange the directory in Open Referral HSDS 3.0 (JSON, as the HSDS API's /services returns it).

Each window becomes a service with its organization, phones, weekly schedules
(RRULE parts: freq WEEKLY, byday MO,TU…, opens_at 08:30+09:00), service_at_locations
with their locations and addresses, and attributes linking it to two taxonomies of
ours: 分野 (shinchoku-topic) and 対象 (shinchoku-audience). 祝日 closing, which HSDS
has no field for, is said in the schedule's notes in words and read back from them.
"""

import json
import uuid
from pathlib import Path
from typing import Any

from django.utils import timezone

from shinchoku.accounts.models import Organization
from shinchoku.directory.models import Audience, Location, Schedule, Topic, Ward, Window
from shinchoku.lib.cells import neutralise
from shinchoku.lib.errors import ServiceError

NAMESPACE = uuid.UUID("5d2c8a5e-8f1c-4f2e-9b7e-0a7c3c9e1d11")  # shinchoku's namespace for derived HSDS ids
DAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
TAXONOMIES = {
    "topic": ("shinchoku-topic", "分野", Topic),
    "audience": ("shinchoku-audience", "対象", Audience),
}
CLOSED_ON_HOLIDAYS = "祝日は休み"
OPEN_ON_HOLIDAYS = "祝日も受付"
JST = "+09:00"


def _id(*parts: object) -> str:
    return str(uuid.uuid5(NAMESPACE, ":".join(str(p) for p in parts)))


def _term(kind: str, code: str) -> dict[str, Any]:
    taxonomy, title, choices = TAXONOMIES[kind]
    return {
        "id": _id("term", kind, code),
        "code": code,
        "name": choices(code).label,
        "description": f"{title}: {choices(code).label}",
        "taxonomy": taxonomy,
    }


def service_json(window: Window) -> dict[str, Any]:
    """Return a window as an HSDS 3.0 service with everything inlined."""
    sid = str(window.uuid)
    data: dict[str, Any] = {
        "id": sid,
        "name": window.name,
        "description": window.description,
        "status": "active" if window.status == Window.Status.ACTIVE else "inactive",
        "eligibility_description": "、".join(window.audience_labels()),
        "phones": [
            {
                "id": str(p.uuid),
                "service_id": sid,
                "number": p.number,
                **({"description": p.description} if p.description else {}),
            }
            for p in window.phones.all()
        ],
        "schedules": [_schedule_json(s, sid) for s in window.schedules.all()],
        "service_at_locations": [_service_at_location(loc, sid) for loc in window.locations.all()],
        "attributes": [
            {
                "id": _id("attribute", sid, kind, code),
                "link_id": sid,
                "link_type": kind,
                "link_entity": "service",
                "taxonomy_term_id": _id("term", kind, code),
                "taxonomy_term": _term(kind, code),
            }
            for kind, codes in (("topic", window.topics), ("audience", window.audiences))
            for code in codes
        ],
    }
    if window.url:
        data["url"] = window.url
    if window.email:
        data["email"] = window.email
    if window.provider:
        data["organization_id"] = str(window.provider.uuid)
        data["organization"] = {
            "id": str(window.provider.uuid),
            "name": window.provider.name,
            "description": window.provider.description or window.provider.name,
            **({"website": window.provider.website} if window.provider.website else {}),
        }
    if window.verified_at:
        data["assured_date"] = timezone.localtime(window.verified_at).date().isoformat()
    if window.hours_note:
        data["alert"] = window.hours_note
    return data


def _schedule_json(schedule: Schedule, sid: str) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": str(schedule.uuid),
        "service_id": sid,
        "freq": "WEEKLY",
        "wkst": "MO",
        "byday": ",".join(DAYS[d] for d in sorted(schedule.weekdays)),
        "opens_at": f"{schedule.opens_at:%H:%M}{JST}",
        "closes_at": f"{schedule.closes_at:%H:%M}{JST}",
        "timezone": 9,
        "notes": CLOSED_ON_HOLIDAYS if schedule.closed_on_holidays else OPEN_ON_HOLIDAYS,
    }
    if schedule.description:
        data["description"] = schedule.description
    if schedule.valid_from:
        data["valid_from"] = schedule.valid_from.isoformat()
    if schedule.valid_to:
        data["valid_to"] = schedule.valid_to.isoformat()
    return data


def _service_at_location(location: Location, sid: str) -> dict[str, Any]:
    lid = str(location.uuid)
    place: dict[str, Any] = {"id": lid, "location_type": "physical", "name": location.name}
    if location.ward:
        place["description"] = Ward(location.ward).label
    if location.address:
        place["addresses"] = [
            {
                "id": _id("address", lid),
                "location_id": lid,
                "address_1": location.address,
                "city": f"さいたま市{Ward(location.ward).label if location.ward else ''}",
                "state_province": "埼玉県",
                "postal_code": location.postal_code,
                "country": "JP",
                "address_type": "physical",
            }
        ]
    return {
        "id": _id("service_at_location", sid, lid),
        "service_id": sid,
        "location_id": lid,
        "location": place,
    }


def export(organization: Organization, directory: Path) -> Path:
    """Write services.json (one page of the HSDS API's /services), one file per service, and tabular/ (CSV)."""
    windows = list(
        Window.objects.filter(organization=organization)
        .select_related("provider")
        .prefetch_related("phones", "schedules", "locations")
        .order_by("name")
    )
    services = [service_json(w) for w in windows]
    (directory / "services").mkdir(parents=True, exist_ok=True)
    for service in services:
        (directory / "services" / f"{service['id']}.json").write_text(
            json.dumps(service, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
        )
    page = {
        "total_items": len(services),
        "total_pages": 1,
        "page_number": 1,
        "size": len(services),
        "first_page": True,
        "last_page": True,
        "empty": not services,
        "contents": services,
    }
    path = directory / "services.json"
    path.write_text(json.dumps(page, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    export_tabular(services, directory / "tabular")
    return path


class HsdsError(ServiceError, ValueError):
    """A file that is not HSDS as we read it; the message says what and where, in Japanese."""


def read_services(path: Path) -> list[dict[str, Any]]:
    """Return the services of an export: a page ({"contents": […]}), a list, or one service."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise HsdsError(f"{path.name} を JSON として読めません: {error}") from error
    services = data.get("contents", [data]) if isinstance(data, dict) else data
    if not isinstance(services, list):
        raise HsdsError(f"{path.name} にサービス（services）の一覧がありません。")
    for index, service in enumerate(services, start=1):
        missing = [k for k in ("id", "name", "status") if not isinstance(service, dict) or k not in service]
        if missing:
            raise HsdsError(f"{index}件目のサービスに必須項目 {', '.join(missing)} がありません。")
        try:
            uuid.UUID(str(service["id"]))
        except ValueError as error:
            raise HsdsError(
                f"{index}件目のサービスの id「{service['id']}」が UUID ではありません。"
            ) from error
    return services


# The tabular form (a CSV data package): one file per HSDS table, scalar columns only.
TABLES: dict[str, tuple[str, ...]] = {
    "organizations.csv": ("id", "name", "description", "website"),
    "services.csv": (
        "id",
        "organization_id",
        "name",
        "description",
        "url",
        "email",
        "status",
        "eligibility_description",
        "assured_date",
        "alert",
    ),
    "phones.csv": ("id", "service_id", "number", "description"),
    "schedules.csv": (
        "id",
        "service_id",
        "freq",
        "wkst",
        "byday",
        "opens_at",
        "closes_at",
        "timezone",
        "valid_from",
        "valid_to",
        "description",
        "notes",
    ),
    "locations.csv": ("id", "location_type", "name", "description"),
    "service_at_location.csv": ("id", "service_id", "location_id"),
    "addresses.csv": (
        "id",
        "location_id",
        "address_1",
        "city",
        "state_province",
        "postal_code",
        "country",
        "address_type",
    ),
    "taxonomy_terms.csv": ("id", "code", "name", "description", "taxonomy"),
    "attributes.csv": ("id", "link_id", "link_type", "link_entity", "taxonomy_term_id"),
}


def tabular_rows(services: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    """Return the services flattened into HSDS's tables, each row once."""
    tables: dict[str, dict[str, dict[str, Any]]] = {name: {} for name in TABLES}

    def add(table: str, row: dict[str, Any]) -> None:
        tables[table].setdefault(row["id"], {k: row[k] for k in TABLES[table] if k in row})

    for service in services:
        add("services.csv", service)
        if "organization" in service:
            add("organizations.csv", service["organization"])
        for phone in service.get("phones", []):
            add("phones.csv", phone)
        for schedule in service.get("schedules", []):
            add("schedules.csv", schedule)
        for link in service.get("service_at_locations", []):
            add("service_at_location.csv", link)
            add("locations.csv", link["location"])
            for address in link["location"].get("addresses", []):
                add("addresses.csv", address)
        for attribute in service.get("attributes", []):
            add("attributes.csv", attribute)
            add("taxonomy_terms.csv", attribute["taxonomy_term"])
    return {name: list(rows.values()) for name, rows in tables.items()}


def export_tabular(services: list[dict[str, Any]], directory: Path) -> Path:
    """Write the tables as CSV (UTF-8) with a datapackage.json describing them."""
    import csv

    directory.mkdir(parents=True, exist_ok=True)
    resources = []
    for name, rows in tabular_rows(services).items():
        with (directory / name).open("w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=TABLES[name])
            writer.writeheader()
            writer.writerows({key: neutralise(value) for key, value in row.items()} for row in rows)
        resources.append(
            {
                "name": name.removesuffix(".csv"),
                "path": name,
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "schema": {
                    "fields": [
                        {"name": f, "type": "integer" if f == "timezone" else "string"} for f in TABLES[name]
                    ],
                    "primaryKey": "id",
                },
            }
        )
    path = directory / "datapackage.json"
    path.write_text(
        json.dumps(
            {"name": "shinchoku-directory", "profile": "tabular-data-package", "resources": resources},
            ensure_ascii=False,
            indent=2,
        )
        + "\n",
        encoding="utf-8",
    )
    return path
