"""The one error base class of the service layer.

Every service (a named write, in an app's ``services.py`` or beside it) raises a subclass of
``ServiceError`` when a step cannot be taken now. Its message says what the person can do; a view
catches ``ServiceError`` (and the domain's ``DomainError``) and shows the message with the typed
input kept. Nothing else a service raises is meant for a person. A message is written like every
text of the interface, an English msgid in gettext with its Japanese in locale/ja, so it reads in
the person's language (Japanese by default); older services still raise plain Japanese.
"""

from collections.abc import Iterable

from django.utils.translation import gettext as _


class ServiceError(Exception):
    """A write that cannot be taken now; ``str(error)`` is the message to show, in the person's language."""


def quoted(labels: Iterable[str]) -> str:
    """Return the labels quoted as the language quotes them: 「A」「B」 in Japanese, “A”, “B” in English."""
    return _("“%(labels)s”") % {"labels": _("”, “").join(labels)}
