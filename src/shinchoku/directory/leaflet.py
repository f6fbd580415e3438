"""The leaflet (リーフレット): 第1部 the secretariat's texts, 第2部 the windows grouped by 分野 (A4)."""

from django.template.loader import render_to_string
from django.utils import timezone, translation

from shinchoku.accounts.models import Organization
from shinchoku.directory.access import public_windows
from shinchoku.directory.models import LeafletSection, Topic, Window
from shinchoku.domain.fiscal import wareki_date
from shinchoku.domain.opening_hours import describe
from shinchoku.lib.fonts import font_path
from shinchoku.lib.pdf import html_to_pdf


def leaflet_context(organization: Organization) -> dict[str, object]:
    """Return the leaflet's texts and its windows grouped by 分野.

    A window is listed once, under its first 分野 (in the order of Topic), with its other 分野 named
    in 「ほかに…の相談にも応じます」: repeating it under each 分野 made the leaflet longer and a reader
    met the same window three times.
    """
    sections = {s.key: s.body for s in LeafletSection.objects.filter(organization=organization)}
    windows = list(public_windows(organization))
    labels = dict(Topic.choices)
    order = [value for value, _ in Topic.choices]

    def entry(window: Window) -> tuple[Window, list[str], str]:
        topics = sorted((t for t in window.topics if t in labels), key=order.index)
        also = "・".join(str(labels[t]) for t in topics[1:])
        hours = [describe(s.period()) for s in window.schedules.all()]
        return (window, hours, also)

    def first_topic(window: Window) -> str | None:
        topics = [t for t in window.topics if t in labels]
        return min(topics, key=order.index) if topics else None

    groups = []
    for value, label in Topic.choices:
        members = [w for w in windows if first_topic(w) == value]
        if members:
            groups.append((label, [entry(w) for w in members]))
    others = [w for w in windows if first_topic(w) is None]
    if others:
        groups.append(("その他", [entry(w) for w in others]))
    return {
        "organization": organization,
        "part_one": [
            (label, sections.get(key, "")) for key, label in LeafletSection.Key.choices if sections.get(key)
        ],
        "groups": groups,
        "made": wareki_date(timezone.localdate()),
        "has_demo": any(w.is_demo for w in windows),
    }


def render_leaflet_pdf(organization: Organization) -> bytes:
    """Return the leaflet as an A4 PDF with the Japanese font embedded."""
    with translation.override("ja"):
        html = render_to_string("directory/leaflet.html", leaflet_context(organization))
    return html_to_pdf(html, roots=[font_path().parent])
