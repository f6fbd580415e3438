"""The council report as an editable PowerPoint deck (python-pptx).

Real text boxes, native tables and native charts, so the secretariat can adjust
wording before the meeting; the slides follow the seed's order (構成, 基準と内訳,
割合, then each area with its main programs, then deviations and checks).
"""

import io
from collections.abc import Sequence
from typing import Any, cast

from pptx import Presentation
from pptx.chart.data import CategoryChartData
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_CHART_TYPE, XL_LABEL_POSITION, XL_LEGEND_POSITION
from pptx.enum.shapes import MSO_CONNECTOR_TYPE
from pptx.enum.text import PP_ALIGN
from pptx.oxml.ns import qn
from pptx.shapes.graphfrm import GraphicFrame
from pptx.slide import Slide
from pptx.util import Emu, Inches, Length, Pt

from shinchoku.domain.area_terms import area_name
from shinchoku.domain.figures import YearFigures
from shinchoku.domain.text import drop_controls
from shinchoku.lib.charts import GRADE_COLOURS, GREY
from shinchoku.plans.models import Plan
from shinchoku.reports.council import report_context
from shinchoku.reports.deck_language import LANGUAGE, declare_japanese
from shinchoku.reports.dimension_slides import add_dimension_slides
from shinchoku.reports.measure_deck import measure_slides
from shinchoku.reports.practices import overall_columns

FONT = "Meiryo UI"  # on every Japanese Windows; LibreOffice substitutes a CJK font
# python-pptx leaves RGBColor() and CategoryChartData unannotated (no-untyped-call below).
BRAND = RGBColor(0x17, 0x49, 0x6B)  # type: ignore[no-untyped-call]
PROVISIONAL = RGBColor(0xB3, 0x26, 0x1E)  # type: ignore[no-untyped-call]
WHITE = RGBColor(0xFF, 0xFF, 0xFF)  # type: ignore[no-untyped-call]
WIDTH, HEIGHT = Inches(13.333), Inches(7.5)
MARGIN = Inches(0.5)
HIGHLIGHTS_PER_SLIDE = 3
TITLE_ONLY = 5  # python-pptx's default template: 0 Title Slide … 5 Title Only, 6 Blank
DECORATIVE_URI = "{C183D7F6-B498-43B3-948B-1728B52AA6E4}"
DECORATIVE_NS = "http://schemas.microsoft.com/office/drawing/2017/decorative"


def build_deck(
    plan: Plan, fiscal_year: int, *, confirmed_only: bool = False, with_checks: bool = True
) -> bytes:
    """Return the .pptx of the council report for a plan-year."""
    context = report_context(plan, fiscal_year, confirmed_only=confirmed_only)
    deck = Presentation()
    deck.slide_width, deck.slide_height = WIDTH, HEIGHT
    _title_slide(deck, context)
    _composition_slide(deck, context)
    _overall_slide(deck, context)
    _shares_slide(deck, context)
    add_dimension_slides(deck, context, _blank, _table)
    for area in context["areas"]:
        _area_slide(deck, context, area)
        starts = range(0, len(area["highlights"]), HIGHLIGHTS_PER_SLIDE)
        for part, start in enumerate(starts, start=1):
            # Two slides never share a title (a screen reader's list of slides tells them apart).
            suffix = f"（{part}/{len(starts)}）" if len(starts) > 1 else ""
            _highlights_slide(deck, area, area["highlights"][start : start + HIGHLIGHTS_PER_SLIDE], suffix)
    measure_slides(
        deck, context["figures"]["measures"], blank=_blank, table=_table, width=WIDTH, margin=MARGIN
    )
    if with_checks:
        _checks_slide(deck, context)
    if context["provisional"]:
        _mark_provisional(deck, context["provisional"])
    declare_japanese(deck, context)
    buffer = io.BytesIO()
    deck.save(buffer)
    return buffer.getvalue()


def _mark_provisional(deck: Any, label: str) -> None:
    """Stamp 「暫定版（未確定 n件）」 on every slide, so no slide shown alone passes for the final one."""
    for slide in deck.slides:
        box = slide.shapes.add_textbox(WIDTH - MARGIN - Inches(4), Inches(0.1), Inches(4), Inches(0.4))
        _write(box.text_frame, label, size=14, bold=True, colour=PROVISIONAL)
        box.text_frame.paragraphs[0].alignment = PP_ALIGN.RIGHT


def _titled(deck: Any, title: str, *, top: Length, height: Length, size: int) -> Slide:
    """Return a new slide whose title is the layout's title placeholder.

    A screen reader and PowerPoint's outline read a slide's title from that placeholder only (a
    text box that looks like a title is not one); it is the first shape, so it is read first.
    """
    slide: Slide = deck.slides.add_slide(deck.slide_layouts[TITLE_ONLY])
    placeholder = slide.shapes.title
    assert placeholder is not None  # the Title Only layout always has one
    placeholder.left, placeholder.top, placeholder.width, placeholder.height = (
        MARGIN,
        top,
        Emu(WIDTH - 2 * MARGIN),
        height,
    )
    _write(placeholder.text_frame, title, size=size, bold=True, colour=BRAND)
    placeholder.text_frame.paragraphs[0].alignment = PP_ALIGN.LEFT
    return slide


def _blank(deck: Any, title: str) -> Slide:
    slide = _titled(deck, title, top=Inches(0.3), height=Inches(0.8), size=24)
    line = slide.shapes.add_connector(
        MSO_CONNECTOR_TYPE.STRAIGHT, MARGIN, Inches(1.1), Emu(WIDTH - MARGIN), Inches(1.1)
    )
    line.line.color.rgb = BRAND
    _describe(line, "", decorative=True)
    return slide


def _describe(shape: Any, text: str, *, decorative: bool = False) -> None:
    """Give a chart, table or line its alternative text (PowerPoint's 代替テキスト, cNvPr/@descr).

    A decorative shape is marked so (Office's adec:decorative extension), so a screen reader
    skips it instead of announcing "connector".
    """
    properties = shape._element.xpath("./*[1]/p:cNvPr")[0]
    if not decorative:
        properties.set("descr", text)
        return
    extensions = properties.makeelement(qn("a:extLst"), {})
    extension = extensions.makeelement(qn("a:ext"), {"uri": DECORATIVE_URI})
    flag = extension.makeelement(f"{{{DECORATIVE_NS}}}decorative", {"val": "1"})
    extension.append(flag)
    extensions.append(extension)
    properties.append(extensions)


def _write(
    frame: Any, text: str, *, size: int = 14, bold: bool = False, colour: RGBColor | None = None
) -> None:
    frame.word_wrap = True
    # Stored or imported text may hold control characters, which PowerPoint shows as 「_x0001_」.
    lines = drop_controls(text).split("\n")
    for i, line in enumerate(lines):
        paragraph = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        run = paragraph.add_run()
        run.text = line
        _font(run.font, size, bold, colour)


def _font(font: Any, size: int, bold: bool = False, colour: RGBColor | None = None) -> None:
    font.size, font.bold, font.name = Pt(size), bold, FONT
    if colour is not None:
        font.color.rgb = colour
    # Japanese text uses the East Asian typeface, which python-pptx does not set by itself.
    rpr = font._element
    ea = rpr.find(qn("a:ea"))
    if ea is None:
        ea = rpr.makeelement(qn("a:ea"), {})
        rpr.append(ea)
    ea.set("typeface", FONT)
    # Read aloud and proofed as Japanese (python-pptx's template marks every text en-US).
    rpr.set("lang", LANGUAGE)
    rpr.set("altLang", "en-US")


def _text(slide: Slide, left: int, top: int, width: int, height: int, text: str, size: int = 14) -> None:
    box = slide.shapes.add_textbox(Emu(left), Emu(top), Emu(width), Emu(height))
    _write(box.text_frame, text, size=size)


def _table(
    slide: Slide,
    rows: Sequence[Sequence[str]],
    left: int,
    top: int,
    width: int,
    widths: Sequence[float],
    size: int = 12,
    *,
    description: str,
) -> None:
    shape = slide.shapes.add_table(
        len(rows), len(rows[0]), Emu(left), Emu(top), Emu(width), Emu(Inches(0.3) * len(rows))
    )
    _describe(shape, description)
    table = shape.table
    table.first_row = True  # the first row is the header row (read as column headers)
    total = sum(widths)
    column_widths = [Emu(int(width * w / total)) for w in widths]
    for i, column_width in enumerate(column_widths):
        table.columns[i].width = column_width
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            cell = table.cell(r, c)
            cell.text = ""
            cell.margin_top = cell.margin_bottom = Pt(3)
            if r == 0:
                # The header row's own fill: the style's accent blue gives white text 4.0:1 only.
                cell.fill.solid()  # type: ignore[no-untyped-call]  # python-pptx leaves it unannotated
                cell.fill.fore_color.rgb = BRAND
            _write(cell.text_frame, str(value), size=size, bold=r == 0, colour=WHITE if r == 0 else None)
        # Viewers differ in growing rows to their text (LibreOffice does not): size them here.
        lines = max(_lines(str(value), column_widths[c], size) for c, value in enumerate(row))
        table.rows[r].height = Emu(int(Pt(size * 1.35 * lines + 8)))


def _lines(text: str, width: Emu, size: int) -> int:
    """Return how many lines text takes in a column: Japanese characters are about one em wide."""
    per_line = max(1, int((Emu(width).pt - 10) / size))
    return sum(max(1, -(-len(line) // per_line)) for line in text.split("\n"))


def _title_slide(deck: Any, context: dict[str, Any]) -> None:
    plan = context["plan"]
    title = f"{plan.name}の進捗状況（{context['year_label']}）"
    slide = _titled(deck, title, top=Inches(2.2), height=Inches(1.5), size=36)
    _text(
        slide,
        MARGIN,
        Inches(3.8),
        WIDTH - 2 * MARGIN,
        Inches(0.6),
        f"{plan.organization.name}　作成 {context['generated']}",
        size=18,
    )
    if plan.basic_goal:
        _text(
            slide,
            MARGIN,
            Inches(4.7),
            WIDTH - 2 * MARGIN,
            Inches(2),
            f"【基本目標】\n{plan.basic_goal}",
            size=14,
        )


def _composition_slide(deck: Any, context: dict[str, Any]) -> None:
    figures: YearFigures = context["figures"]
    slide = _blank(deck, f"計画の構成…{figures['total']}事業（再掲含む。事業数 {figures['programs']}）")
    rows = [[context["area_term"], "事業数", "施策（事業数）"]] + [
        [
            f"{number} {area['title']}",
            f"{area['total']}事業",
            "\n".join(
                f"{'　' * (lv['depth'] - 1)}{lv['path']} {lv['title']}（{lv['count']}事業）"
                for lv in area["levels"]
            )
            or "―",
        ]
        for number, area in context["composition"].items()
    ]
    _table(
        slide,
        rows,
        MARGIN,
        Inches(1.3),
        WIDTH - 2 * MARGIN,
        [4, 1, 7],
        size=12,
        description=f"表：{context['area_term']}ごとの事業数と施策（計{figures['total']}事業）",
    )


def _overall_slide(deck: Any, context: dict[str, Any]) -> None:
    slide = _blank(deck, f"{context['year_label']}の取組と達成度")
    legend = [["達成度", "基準"]] + [
        [g.label, f"{g.meaning}\n例）{g.criteria}" if g.criteria else g.meaning] for g in context["grades"]
    ]
    half = (WIDTH - 3 * MARGIN) / 2
    _table(
        slide, legend, MARGIN, Inches(1.3), Emu(int(half)), [1, 8], size=12, description="表：達成度の基準"
    )
    headings, table = overall_columns(context)  # with 「うち重点」 beside each total when shown
    rows = [["", *headings]] + [
        [name, *(f"{n}事業" if n else "なし" for n in counts)] for name, *counts in table
    ]
    summary = "、".join(f"{row[0]} {row[1]}" for row in rows[1:])
    _table(
        slide,
        rows,
        Emu(int(MARGIN * 2 + half)),
        Inches(1.3),
        Emu(int(half)),
        [2] * len(rows[0]),
        size=12 if len(rows[0]) == 4 else 10,
        description=f"表：達成度別の事業数（{'、'.join(headings)}）。計画全体は{summary}",
    )
    if context["excluded_note"]:
        _text(
            slide,
            MARGIN,
            Inches(6.6),
            WIDTH - 2 * MARGIN,
            Inches(0.6),
            f"※{context['excluded_note']}",
            size=12,
        )


def _chart(
    slide: Slide,
    context: dict[str, Any],
    rows: list[tuple[str, dict[str, Any]]],
    top: int,
    height: int,
    left: int = MARGIN,
    width: int | None = None,
) -> None:
    """Add a native 100% stacked bar chart of grade shares, one bar per row, labels in percent."""
    data = CategoryChartData(number_format='0"%"')  # type: ignore[no-untyped-call]
    data.categories = [name for name, _ in rows]
    labels = context["labels"]
    for label in labels:
        data.add_series(label, [float(shares.get(label, 0) or 0) for _, shares in rows])  # type: ignore[no-untyped-call]
    # The stub says add_chart returns the Chart; it returns the GraphicFrame holding it.
    frame = cast(
        GraphicFrame,
        slide.shapes.add_chart(
            XL_CHART_TYPE.BAR_STACKED_100,
            Emu(left),
            Emu(top),
            Emu(width or WIDTH - 2 * MARGIN),
            Emu(height),
            data,  # type: ignore[arg-type]  # the stub names ChartData, a deprecated subclass of this class
        ),
    )
    _describe(frame, _chart_text(labels, rows))
    chart = frame.chart
    chart.has_legend = True
    chart.legend.position = XL_LEGEND_POSITION.BOTTOM
    chart.legend.include_in_layout = False
    _font(chart.legend.font, 12)
    chart.category_axis.reverse_order = True
    chart.value_axis.visible = False  # the bars carry their percentages
    chart.value_axis.has_major_gridlines = False
    _font(chart.category_axis.tick_labels.font, 11)
    not_evaluable = context["grades"][-1].label if context["grades"][-1].not_evaluable else None
    for i, (series, label) in enumerate(zip(chart.plots[0].series, labels, strict=True)):
        series.format.fill.solid()
        series.format.fill.fore_color.rgb = RGBColor.from_string(  # type: ignore[no-untyped-call]
            (GREY if label == not_evaluable else GRADE_COLOURS[i % 4]).lstrip("#")
        )
    plot = chart.plots[0]
    plot.gap_width = 60
    plot.has_data_labels = True
    plot.data_labels.number_format = '0"%";;;'  # zero shares get no label
    plot.data_labels.number_format_is_linked = False
    plot.data_labels.position = XL_LABEL_POSITION.CENTER
    _font(plot.data_labels.font, 11, colour=RGBColor(0xFF, 0xFF, 0xFF))  # type: ignore[no-untyped-call]


def _chart_text(labels: Sequence[str], rows: list[tuple[str, dict[str, Any]]]) -> str:
    """Return the chart's figures in words (「計画全体：達成度A 16％、B 76％…」) for its alternative text."""
    parts = []
    for name, shares in rows:
        values = "、".join(f"{label} {shares.get(label) or 0}％" for label in labels)
        parts.append(f"{name}：達成度{values}")
    return "帯グラフ：達成度の割合。" + "。".join(parts)


def _shares_slide(deck: Any, context: dict[str, Any]) -> None:
    figures: YearFigures = context["figures"]
    slide = _blank(deck, "達成度の割合（再掲含む）")
    rows = [("計画全体", figures["overall_percent"])] + [
        (area_name(a["number"]), a["percent"]) for a in figures["by_area"]
    ]
    _chart(slide, context, rows, Inches(1.4), Inches(5.6))


def _area_slide(deck: Any, context: dict[str, Any], area: dict[str, Any]) -> None:
    slide = _blank(deck, f"{area['number']} {area['title']}…{area['total']}事業")
    shares = "　".join(f"達成度{label}：{text}" for label, text in area["shares_text"])
    _text(slide, MARGIN, Inches(1.25), WIDTH - 2 * MARGIN, Inches(0.5), shares, size=18)
    levels = [["施策", *context["labels"], "計"]] + [
        [lv["label"], *(str(lv["counts"][g]) for g in context["labels"]), str(lv["total"])]
        for lv in area["by_level"]
        if lv["label"] != area["number"]
    ]
    levels.append(
        [f"{area['number']} 全体", *(str(area["counts"][g]) for g in context["labels"]), str(area["total"])]
    )
    if area["priority"]:
        part = area["priority"]
        levels.append(["うち重点", *(str(part["counts"][g]) for g in context["labels"]), str(part["total"])])
    left_width = Inches(5.2)
    _table(
        slide,
        levels,
        MARGIN,
        Inches(2.0),
        left_width,
        [3] + [1] * (len(context["labels"]) + 1),
        size=12,
        description=f"表：{area['number']} {area['title']}の施策別・達成度別の事業数",
    )
    names = "\n".join(f"{lv['path']} {lv['title']}（{lv['count']}事業）" for lv in area["levels"])
    if names:
        _text(slide, MARGIN, Inches(2.2) + Inches(0.4) * len(levels), left_width, Inches(2), names, size=11)
    rows = [(f"{area['number']} 全体", area["percent"])] + [
        (lv["label"], lv["percent"]) for lv in area["by_level"] if lv["label"] != area["number"]
    ]
    chart_left = MARGIN * 2 + left_width
    _chart(slide, context, rows, Inches(2.0), Inches(4.2), left=chart_left, width=WIDTH - MARGIN - chart_left)
    if area["merge_rule_applied"]:
        numbers = "、".join(str(n) for n in area["merge_rule_applied"])
        _text(
            slide,
            MARGIN,
            Inches(6.6),
            WIDTH - 2 * MARGIN,
            Inches(0.6),
            f"※1事業に２つの所管課が関わり、達成度が「B」と「－」の場合、達成度は「B」としています（事業番号 {numbers}）。",
            size=12,
        )


def _highlights_slide(deck: Any, area: dict[str, Any], highlights: list[Any], suffix: str = "") -> None:
    slide = _blank(deck, f"主な事業の状況　{area['number']} {area['title']}{suffix}")
    rows = [["事業", "取組内容", "実績・成果", "達成度"]]
    for h in highlights:
        several = len(h.entries) > 1
        rows.append(
            [
                f"{h.path}\n事業番号{h.number}\n{h.title}",
                "\n".join((f"【{e.department}】" if several else "") + e.activities for e in h.entries),
                "\n".join((f"【{e.department}】" if several else "") + e.result_text for e in h.entries),
                h.grade or "―",
            ]
        )
    _table(
        slide,
        rows,
        MARGIN,
        Inches(1.3),
        WIDTH - 2 * MARGIN,
        [2.2, 4.5, 4.5, 0.9],
        size=11,
        description=f"表：主な事業の取組内容・実績・達成度（{area['number']} {area['title']}）",
    )


def _checks_slide(deck: Any, context: dict[str, Any]) -> None:
    figures: YearFigures = context["figures"]
    slide = _blank(deck, "指標からの目安と異なる達成度、集計の確認")
    top: int = Inches(1.3)
    if figures["deviations"]:
        rows = [["事業番号", "標題", "所管課", "目安", "達成度", "理由"]] + [
            [str(d["program"]), d["title"], d["department"], d["suggested"], d["final"], d["reason"]]
            for d in figures["deviations"]
        ]
        _table(
            slide,
            rows,
            MARGIN,
            top,
            WIDTH - 2 * MARGIN,
            [1, 3, 1.5, 0.8, 0.8, 5],
            size=11,
            description="表：指標からの目安と異なる達成度とその理由",
        )
        top = top + Inches(0.5) * (len(rows) + 1)
    checks = figures["checks"]
    lines = [
        f"{'✓' if checks['areas_sum_to_overall'] else '！'} 重点項目別の事業数の合計が計画全体（{figures['total']}事業）と一致",
        f"{'✓' if checks['types_sum_to_overall'] else '！'} 定量的評価と定性的評価の合計が計画全体と一致",
        f"{'✓' if checks['levels_sum_to_areas'] else '！'} 施策別の合計が各重点項目と一致",
    ]
    if checks["unconfirmed_entries"]:
        lines.append(
            "！ 確定していない取組がある事業: " + "、".join(str(n) for n in checks["unconfirmed_entries"])
        )
    published = figures.get("published")
    if published and not published["agrees"]:
        difference = " ".join(f"{k} {v:+d}" for k, v in published["difference"].items() if v)
        lines.append(f"公表済みの集計（{published['source']}）との差: {difference}")
    _text(slide, MARGIN, top, WIDTH - 2 * MARGIN, Inches(2.5), "\n".join(lines), size=14)
