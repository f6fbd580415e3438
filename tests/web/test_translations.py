"""Every message of the interface has its Japanese translation, and none is marked fuzzy."""

import re
from pathlib import Path

import shinchoku

CATALOG = Path(shinchoku.__file__).parent / "locale" / "ja" / "LC_MESSAGES" / "django.po"


def entries(text: str) -> list[tuple[str, str, bool]]:
    """Return (msgid, msgstr, fuzzy) for each entry of a .po file."""
    found = []
    for block in text.split("\n\n"):
        if "msgid" not in block:
            continue
        fuzzy = "#, fuzzy" in block or re.search(r"^#,.*fuzzy", block, re.M) is not None
        msgid = "".join(re.findall(r'"(.*)"', block.split("msgstr")[0].split("msgid", 1)[1]))
        msgstr = "".join(re.findall(r'"(.*)"', block.split("msgstr", 1)[1]))
        found.append((msgid, msgstr, fuzzy))
    return found


def test_every_message_is_translated_to_japanese() -> None:
    untranslated = [
        msgid
        for msgid, msgstr, fuzzy in entries(CATALOG.read_text(encoding="utf-8"))
        if msgid and (not msgstr or fuzzy)
    ]
    assert untranslated == []
