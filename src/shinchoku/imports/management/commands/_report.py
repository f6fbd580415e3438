"""What import_plan and import_progress print: the summary in Japanese lines, the tree as the web preview shows it."""

from collections.abc import Callable
from typing import Any

from shinchoku.imports.plan_import import PlanPreview
from shinchoku.imports.rows import SkippedRow
from shinchoku.lib.templatetags.display import SUMMARY_LABELS

Write = Callable[[str], None]
MAX_NODES = 60  # sections printed by a dry run; the rest are counted (the web preview shows all)
TEXT_WIDTH = 40  # characters of a row's text printed


def summary_lines(summary: dict[str, Any]) -> list[str]:
    """Return the summary as the web preview's table: 「  重点項目: 5」, 「  達成度: A 5件、B 11件」."""
    lines = []
    for key, value in summary.items():
        if isinstance(value, dict):
            shown = "、".join(f"{k} {v}件" for k, v in value.items())
        elif isinstance(value, list):
            shown = "、".join(str(v) for v in value)
        else:
            shown = str(value)
        lines.append(f"  {SUMMARY_LABELS.get(key, key)}: {shown or 'なし'}")
    return lines


def tree_lines(preview: PlanPreview) -> list[str]:
    """Return the plan's tree as the web preview shows it: each section, its first rows, 「ほか N 行」."""
    lines = ["作成される計画の構成（各項目の最初の行）:"]
    for node in preview.nodes[:MAX_NODES]:
        lines.append(f"{'  ' * node.depth}{node.label} {node.title}".rstrip())
        for number, title, department, grade in node.rows:
            lines.append(
                f"{'  ' * (node.depth + 1)}{number}　{_short(title)}　{department or '―'}　{grade or '―'}"
            )
        if node.more:
            lines.append(f"{'  ' * (node.depth + 1)}ほか {node.more} 行")
    if len(preview.nodes) > MAX_NODES:
        lines.append(f"ほか {len(preview.nodes) - MAX_NODES} 項目（画面の確認ではすべて表示されます）")
    return lines


def skipped_lines(skipped: list[SkippedRow]) -> list[str]:
    """Return the rows not imported, as the web preview lists them: where, why, and what the row says."""
    return [
        f"取り込まない行: {f'シート「{row.sheet}」' if row.sheet else ''}{row.row}行目 {row.why}"
        f"「{_short(row.text)}」"
        for row in skipped
    ]


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= TEXT_WIDTH else text[: TEXT_WIDTH - 1] + "…"
