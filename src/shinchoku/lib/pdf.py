"""HTML to PDF with WeasyPrint, fetching nothing but the app's own files.

WeasyPrint's default fetcher loads file:// paths and any network address it is
given; a report must not. This fetcher serves files under the allowed folders
(static files, the embedded font) and data: URLs, and refuses everything else.
"""

import mimetypes
from collections.abc import Sequence
from pathlib import Path
from urllib.parse import unquote, urlparse

from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher, URLFetcherResponse

from shinchoku.domain.text import drop_controls
from shinchoku.lib.fonts import FONT_FAMILY, font_path


# WeasyPrint ships no type information: URLFetcher is Any to mypy.
class AssetFetcher(URLFetcher):  # type: ignore[misc]
    """Serve only files inside the given folders, and data: URLs."""

    def __init__(self, roots: Sequence[Path]) -> None:
        super().__init__(allowed_protocols=("file", "data"), allow_redirects=False)
        self.roots = [root.resolve() for root in roots]

    def fetch(self, url: str, headers: dict[str, str] | None = None) -> URLFetcherResponse:
        if url.startswith("data:"):
            return super().fetch(url, headers)
        parsed = urlparse(url)
        if parsed.scheme != "file" or parsed.netloc not in ("", "localhost"):
            raise ValueError(f"refused: {url}")
        path = Path(unquote(parsed.path)).resolve()
        if not path.is_file() or not any(path.is_relative_to(root) for root in self.roots):
            raise ValueError(f"refused: {url}")
        mime = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return URLFetcherResponse(url, path.read_bytes(), {"Content-Type": mime}, 200)


# What a city publishes must read aloud (JIS X 8341-3): tagged PDF/UA-1, so that a screen reader gets
# the headings, the tables with their header cells, the lists, the reading order, the document's
# language (<html lang>) and title (<title>), and each figure's text alternative (alt).
PDF_VARIANT = "pdf/ua-1"
# The copy a city keeps in its archive (公文書の保存): PDF/A-2a, tagged like the PDF/UA-1 one (level
# "a" requires the structure and Unicode text), with its metadata declaring the archival standard.
# One file cannot declare both standards in WeasyPrint, so the archive copy is its own download.
PDF_ARCHIVE_VARIANT = "pdf/a-2a"


def html_to_pdf(html: str, *, roots: Sequence[Path], variant: str = PDF_VARIANT) -> bytes:
    """Return the tagged PDF (PDF/UA-1, or the archive's PDF/A-2a) of an HTML document whose assets
    lie under roots, with the Japanese font embedded."""
    font = font_path()
    fetcher = AssetFetcher([*roots, font.parent])
    fonts = FontConfiguration()
    # The font is declared here rather than in the template: templates put no variable inside
    # <style> (a CSS string does not read HTML entities; issue 17, finding 8).
    font_face = CSS(
        string=f'@font-face {{ font-family: "{FONT_FAMILY}"; src: url("{font.as_uri()}"); }}',
        url_fetcher=fetcher,
        font_config=fonts,
    )
    # Control characters garble the PDF's text layer (and its title): dropped from every PDF here.
    document = HTML(string=drop_controls(html), base_url=roots[0].as_uri() + "/", url_fetcher=fetcher)
    pdf: bytes = document.write_pdf(stylesheets=[font_face], font_config=fonts, pdf_variant=variant)
    return pdf
