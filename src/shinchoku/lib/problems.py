"""Problems found in an uploaded file: where, what, why, and what would fix it (in Japanese)."""

from dataclasses import dataclass

from shinchoku.lib.errors import ServiceError


@dataclass(frozen=True)
class Problem:
    """One thing in the file that keeps it from being imported."""

    why: str
    fix: str = ""
    sheet: str = ""
    row: int | None = None
    column: str = ""
    value: str = ""

    def __str__(self) -> str:
        where = "・".join(
            part
            for part in (
                f"シート「{self.sheet}」" if self.sheet else "",
                f"{self.row}行目" if self.row else "",
                f"「{self.column}」列" if self.column else "",
            )
            if part
        )
        value = f"（値: 「{_short(self.value)}」）" if self.value else ""
        fix = f" → {self.fix}" if self.fix else ""
        return f"{where + ': ' if where else ''}{self.why}{value}{fix}"


def _short(text: str, limit: int = 40) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


class ImportRefused(ServiceError):
    """The file cannot be imported; problems says every reason found (each in Japanese)."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("\n".join(str(p) for p in problems))
        self.problems = problems
