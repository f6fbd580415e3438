"""The leaflet (リーフレット): 第1部 the secretariat's texts, 第2部 the windows grouped by 分野 (A4)."""

from django.template.loader import render_to_string
from django.utils import timezone, translation

from shinchoku.accounts.models import Organization
from shinchoku.directory.models import LeafletSection, Topic
from shinchoku.directory.search import public_windows
from shinchoku.domain.fiscal import wareki_date
from shinchoku.domain.opening_hours import describe
from shinchoku.lib.fonts import font_path
from shinchoku.lib.pdf import html_to_pdf


def leaflet_context(organization: Organization) -> dict[str, object]:
    """Return the leaflet's texts and its windows grouped by 分野 (a window appears under each of its 分野)."""
    sections = {s.key: s.body for s in LeafletSection.objects.filter(organization=organization)}
    windows = list(public_windows(organization))
    groups = []
    for value, label in Topic.choices:
        members = [w for w in windows if value in w.topics]
        if members:
            groups.append((label, [(w, [describe(s.period()) for s in w.schedules.all()]) for w in members]))
    others = [w for w in windows if not w.topics]
    if others:
        groups.append(("その他", [(w, [describe(s.period()) for s in w.schedules.all()]) for w in others]))
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
