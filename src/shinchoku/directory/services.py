"""Every write of the directory kind: windows (save, verify, retire), the leaflet texts, the synonyms.

Each is one transaction that tells the history who acted; the HSDS import's writes are in
``hsds_import.py``.
"""

from collections.abc import Sequence
from typing import Any

from django.db import transaction
from django.forms import BaseInlineFormSet
from django.utils import timezone
from django.utils.translation import gettext_lazy

from shinchoku.accounts.models import Organization, User
from shinchoku.directory.forms import WindowForm
from shinchoku.directory.models import LeafletSection, Provider, SearchSynonym, Window
from shinchoku.lib.errors import ServiceError
from shinchoku.lib.history import record_actor

STALE_MESSAGE = gettext_lazy(
    "Someone else saved this window after you opened it. Your text is still below: "
    "open the window again in another tab, compare, and save once more."
)

# The window's own fields that its edit form changes (provider_name is saved as the provider).
FORM_FIELDS = [name for name in WindowForm.Meta.fields if name != "provider_name"]


class StaleWindowError(ServiceError):
    """Someone saved the window after this page was read; the typed values stay on the page."""

    def __init__(self) -> None:
        super().__init__(str(STALE_MESSAGE))


def provider_for(organization: Organization, name: str) -> Provider | None:
    """Return the organization's provider of that name, created when new; None for an empty name."""
    if not name.strip():
        return None
    provider, _created = Provider.objects.get_or_create(organization=organization, name=name.strip())
    return provider


def _still_current(window: Window, version: int | None) -> bool:
    """Lock the window's row and return whether nobody saved it since the page was read."""
    current = Window.objects.select_for_update().only("version").get(pk=window.pk)
    return version is not None and current.version == version


@transaction.atomic(durable=True)
def save_window(
    *,
    form: WindowForm,
    formsets: Sequence["BaseInlineFormSet[Any, Window, Any]"],  # generic in the stubs only
    organization: Organization,
    actor: User,
) -> Window:
    """Save a valid window form with its places, phones and opening periods; a stale save is refused.

    A window read at an older version than the stored one is not saved (StaleWindowError).
    """
    window: Window = form.instance
    is_new = window.pk is None
    if not is_new and not _still_current(window, form.cleaned_data["version"]):
        raise StaleWindowError
    saved: Window = form.save(commit=False)
    saved.version = 1 if is_new else saved.version + 1
    saved.organization = organization
    saved.provider = provider_for(organization, form.cleaned_data["provider_name"])
    record_actor(saved, actor)
    if is_new:
        saved.save()
    else:
        saved.save(update_fields=[*FORM_FIELDS, "version", "organization", "provider"])
    for formset in formsets:
        formset.instance = saved
        formset.save()
    return saved


@transaction.atomic(durable=True)
def verify_window(*, window: Window, actor: User) -> Window:
    """Record that the window's details were checked now, and by whom."""
    window.verified_at, window.verified_by = timezone.now(), actor
    record_actor(window, actor)
    window.save(update_fields=["verified_at", "verified_by"])
    return window


@transaction.atomic(durable=True)
def retire_window(*, window: Window, actor: User) -> bool:
    """Take an active window off the public pages, or put a retired one back; return whether it was retired."""
    retiring = window.status == Window.Status.ACTIVE
    window.status = Window.Status.RETIRED if retiring else Window.Status.ACTIVE
    record_actor(window, actor)
    window.save(update_fields=["status"])
    return retiring


@transaction.atomic(durable=True)
def save_leaflet_texts(*, organization: Organization, texts: dict[str, str], actor: User) -> None:
    """Save the leaflet's 第1部 texts of the organization, each changed one in the history."""
    for key, _label in LeafletSection.Key.choices:
        section = LeafletSection.objects.filter(organization=organization, key=key).first()
        if section is None:
            section = LeafletSection(organization=organization, key=key, body=texts[key])
            if section.body:
                record_actor(section, actor)
                section.save()
        elif section.body != texts[key]:
            section.body = texts[key]
            record_actor(section, actor)
            section.save(update_fields=["body"])


@transaction.atomic(durable=True)
def replace_synonyms(*, organization: Organization, rows: list[tuple[str, str]], actor: User) -> None:
    """Make the organization's list exactly rows (each change kept in the history with the actor)."""
    current = {s.word: s for s in SearchSynonym.objects.select_for_update().filter(organization=organization)}
    wanted = dict(rows)
    for word, synonym in current.items():
        if word not in wanted:
            record_actor(synonym, actor)
            synonym.delete()
    for word, means in wanted.items():
        existing = current.get(word)
        if existing is None:
            created = SearchSynonym(organization=organization, word=word, means=means)
            record_actor(created, actor)
            created.save()
        elif existing.means != means:
            existing.means = means
            record_actor(existing, actor)
            existing.save(update_fields=["means"])
