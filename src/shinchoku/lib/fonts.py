"""The Japanese font embedded in PDFs and used by charts (IPAexGothic, from matplotlib-fontja)."""

from pathlib import Path

import matplotlib_fontja

FONT_FAMILY = "IPAexGothic"


def font_path() -> Path:
    """Return the TrueType file of the font (IPA Font License: embedding allowed)."""
    return Path(matplotlib_fontja.get_font_ttf_path())
