"""The deck's language: a Japanese title, author and language on every part, and on every chart.

A screen reader reads a text in the language it is marked with; python-pptx's template is en-US.
"""

from typing import Any

from pptx.oxml.ns import qn

LANGUAGE = "ja-JP"


def declare_japanese(deck: Any, context: Any) -> None:
    """Give the file its title, author and language, and make Japanese every text's default.

    A screen reader announces the title instead of the file name; the template's en-US defaults
    (presentation, master, layouts) would have a Japanese text read by an English voice.
    """
    properties = deck.core_properties
    properties.title = f"{context['plan'].name}の進捗状況（{context['year_label']}）"
    properties.author = context["plan"].organization.name
    properties.language = LANGUAGE
    parts = [deck.part, deck.slide_master.part, *(layout.part for layout in deck.slide_layouts)]
    for part in parts:
        for element in part._element.xpath(".//*[@lang]"):
            element.set("lang", LANGUAGE)
    for slide in deck.slides:
        for shape in slide.shapes:
            if shape.has_chart:
                chart_language(shape.chart)


def chart_language(chart: Any) -> None:
    """Mark a chart's texts Japanese (c:lang, which comes right after c:date1904 if there is one)."""
    space = chart._chartSpace
    if space.find(qn("c:lang")) is not None:
        return
    language = space.makeelement(qn("c:lang"), {"val": LANGUAGE})
    date1904 = space.find(qn("c:date1904"))
    if date1904 is not None:
        date1904.addnext(language)
    else:
        space.insert(0, language)
