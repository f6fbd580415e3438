"""Optimistic locking without a version column: a form carries a fingerprint of what it was read from.

For records edited as a whole text (a case summary, the leaflet's texts), the fingerprint of the
stored values at the time the page was built is enough to tell that someone saved in between.
"""

import hashlib
import json
from typing import Any

from django import forms


def fingerprint(values: Any) -> str:
    """Return a short digest of the values (anything json can write, dates as text)."""
    return hashlib.sha256(json.dumps(values, sort_keys=True, default=str).encode()).hexdigest()[:32]


class SeenField(forms.CharField):
    """The hidden fingerprint of the record as the page showed it."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(widget=forms.HiddenInput, required=False, max_length=64, **kwargs)
