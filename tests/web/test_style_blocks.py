"""No template puts a variable inside <style>: CSS does not read HTML entities, so escaping cannot help."""

import re
from pathlib import Path

import shinchoku

TEMPLATES = Path(shinchoku.__file__).parent / "templates"
STYLE = re.compile(r"<style\b.*?</style>", re.DOTALL | re.IGNORECASE)


def variables_in_style(source: str) -> list[str]:
    """Return the template tags and variables found inside the <style> elements of a template."""
    return [tag for block in STYLE.findall(source) for tag in re.findall(r"\{\{.*?\}\}|\{%.*?%\}", block)]


def test_finding_8_no_template_puts_a_variable_inside_style() -> None:
    templates = sorted(TEMPLATES.rglob("*.html"))
    assert len(templates) > 50
    found = {
        str(path.relative_to(TEMPLATES)): tags
        for path in templates
        if (tags := variables_in_style(path.read_text(encoding="utf-8")))
    }
    assert found == {}


def test_the_check_sees_a_variable_inside_style() -> None:
    assert variables_in_style('<style>@top-right { content: "{{ plan.name }}"; }</style>') == [
        "{{ plan.name }}"
    ]
    assert variables_in_style("<p>{{ plan.name }}</p><style>p { color: red; }</style>") == []
