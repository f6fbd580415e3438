"""Program numbers as sheets write them: 「12」, or a branch of the plan's tree 「1-2-3」「1-(2)-3」.

A plan's programs are numbered 1, 2, 3… (Program.number). A sheet numbering them as branches
(「1-2-3」: the third program under 1-(2)) gives each branch, in the order the sheet first lists
it, the next number, and the branch is kept in the program's note (「表の事業番号: 1-2-3」), by
which the yearly progress import finds the program again. One sheet uses one form: plain numbers
and branches mixed are refused (a branch's number could then collide with a plain one).
"""

from dataclasses import dataclass, field

from shinchoku.lib.problems import Problem

NOTE_PREFIX = "表の事業番号: "


def code_note(code: str) -> str:
    """Return the note that keeps a program's branch number: 「表の事業番号: 1-2-3」."""
    return f"{NOTE_PREFIX}{code}"


def code_of(note: str) -> str:
    """Return the branch number a program's note keeps ("" when it has none)."""
    for line in note.splitlines():
        if line.startswith(NOTE_PREFIX):
            return line.removeprefix(NOTE_PREFIX).strip()
    return ""


@dataclass
class Numbering:
    """The numbers of one table (over all its sheets): plain ones as written, branches in order."""

    codes: dict[str, int] = field(default_factory=dict)
    first_plain: tuple[str, int] | None = None  # (sheet, row) of the first plain number
    first_code: tuple[str, int] | None = None  # and of the first branch

    def number(self, written: int | str, sheet: str, row: int) -> tuple[int, str]:
        """Return the program's number and its branch ("" for a plain number) for a number as written."""
        if isinstance(written, int):
            self.first_plain = self.first_plain or (sheet, row)
            return written, ""
        self.first_code = self.first_code or (sheet, row)
        return self.codes.setdefault(written, len(self.codes) + 1), written

    def problems(self) -> list[Problem]:
        """Return the problem of a table numbering some programs 「12」 and others 「1-2-3」."""
        if self.first_plain is None or self.first_code is None:
            return []
        plain_sheet, plain_row = self.first_plain
        code_sheet, code_row = self.first_code
        return [
            Problem(
                f"事業番号に「12」の形（{plain_row}行目など）と「1-2-3」の形（{code_row}行目など）が混在しています。",
                "どちらか一方の形にそろえてください。",
                sheet=code_sheet if code_sheet == plain_sheet else f"{plain_sheet}・{code_sheet}",
            )
        ]

    def note(self) -> str:
        """Return what the preview says when the table numbers its programs as branches."""
        if not self.codes:
            return ""
        return (
            f"事業番号が「{next(iter(self.codes))}」の形で書かれているため、事業には表の順に"
            f"1〜{len(self.codes)}の番号を付け、表の事業番号を各事業の備考に残します。"
            "年度の進捗の取込みは表の事業番号で事業を探します。"
        )
