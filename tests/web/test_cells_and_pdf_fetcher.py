"""Export cells cannot be formulas; the PDF renderer fetches nothing but our own files."""

from pathlib import Path

import pytest

from shinchoku.lib.cells import neutralise
from shinchoku.lib.fonts import font_path
from shinchoku.lib.pdf import AssetFetcher, html_to_pdf


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("=1+1", "'=1+1"),
        ("+1", "'+1"),
        ("-1+2", "'-1+2"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("＝1", "'＝1"),
        ("＋1", "'＋1"),
        ("－1", "'－1"),
        ("＠x", "'＠x"),
        ("－", "－"),
        ("-", "-"),
        ("普通の文", "普通の文"),
        (5621, 5621),
        (None, None),
    ],
)
def test_neutralise(value: object, expected: object) -> None:
    assert neutralise(value) == expected


def test_the_fetcher_serves_the_font_and_refuses_anything_else(tmp_path: Path) -> None:
    fetcher = AssetFetcher([font_path().parent])
    assert fetcher.fetch(font_path().as_uri()).status == 200
    for url in [
        "file:///etc/passwd",
        "http://127.0.0.1:1/x.png",
        "https://example.invalid/a.css",
        f"{font_path().parent.as_uri()}/../../../etc/passwd",
    ]:
        with pytest.raises(ValueError, match="refused"):
            fetcher.fetch(url)


def test_a_hostile_document_renders_without_fetching(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("SECRET-CONTENT")
    html = f'<p>x</p><img src="{secret.as_uri()}"><link rel="stylesheet" href="http://127.0.0.1:1/evil.css">'
    pdf = html_to_pdf(html, roots=[font_path().parent])
    assert pdf.startswith(b"%PDF") and b"SECRET-CONTENT" not in pdf
