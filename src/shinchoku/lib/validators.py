"""Validators of text that leaves the application: names that become cells and file names, links."""

import re
import unicodedata
from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext_lazy as _

from shinchoku.lib.cells import FORMULA_STARTS

# Control characters (Cc) and line/paragraph separators: a name is one line of text.
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")
# Invisible format characters (Cf): right-to-left overrides that make a name read otherwise than it
# sorts, zero-width spaces that hide a leading = from the formula check.
_INVISIBLE = re.compile(r"[\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")
_SEPARATORS = ("/", "\\", "／", "＼")


def validate_name(value: str) -> None:
    """Refuse a department or program name that a spreadsheet could run or a file system could follow.

    Names become cells of exported workbooks and CSV, and parts of file names inside zips.
    """
    if value.startswith(FORMULA_STARTS):
        raise ValidationError(
            _("A name cannot start with %(char)s (a spreadsheet would take it as a formula)."),
            code="formula",
            params={"char": value[0]},
        )
    if _CONTROL.search(value) or _INVISIBLE.search(value):
        raise ValidationError(_("A name cannot hold control characters or line breaks."), code="control")
    if any(separator in value for separator in _SEPARATORS):
        raise ValidationError(_("A name cannot hold / or \\ (they separate folders)."), code="separator")


LINK_SCHEMES = ("http", "https", "tel", "mailto")
_WEB = URLValidator(schemes=["http", "https"])


def validate_link(value: str) -> None:
    """Refuse a link other than http(s), tel: or mailto: (javascript:, data:, file: … run or leak)."""
    scheme = urlsplit(value.strip()).scheme.lower()
    if scheme not in LINK_SCHEMES:
        raise ValidationError(_("Only http, https, tel and mailto links are allowed."), code="scheme")
    if scheme in ("http", "https"):
        _WEB(value)
    elif _CONTROL.search(value) or len(value) <= len(scheme) + 1:
        raise ValidationError(_("Only http, https, tel and mailto links are allowed."), code="scheme")


def safe_file_name(name: str) -> str:
    """Return the name usable as one file name inside a zip: no folders, no control characters."""
    name = unicodedata.normalize("NFC", name)
    name = _INVISIBLE.sub("", _CONTROL.sub("", name))
    for separator in (*_SEPARATORS, ":"):
        name = name.replace(separator, "_")
    name = name.strip().lstrip(".")
    return name or "_"
