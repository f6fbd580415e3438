"""How a 所管課 cell names its departments: the one rule the plan and the progress imports share.

Real sheets write several departments in one cell: 「生活福祉課、住宅課」, 「生活福祉課・住宅課」,
「生活福祉課，住宅課」, 「生活福祉課／住宅課」 or one per line. The cell is read as those departments,
as two rows with one number and different 所管課 are. A name the city already has is never split
(「子ども・若者支援課」), and 「・」 splits only when every piece ends like a department
(課, 室, 局, 部, 所, センター…), so 「子ども・若者支援課」 stays one name in a new city too.
"""

import re
from collections.abc import Collection

SEPARATORS = re.compile(r"[、,，／\r\n]+")  # not "/": 「../../x」 must stay whole and be refused
_MIDDLE_DOT = re.compile(r"[・･]")
_LIKE_A_DEPARTMENT = re.compile(r"(課|室|局|部|所|係|センター|担当|館|署|庁|委員会|事務局)$")


def known_department(name: str, known: Collection[str]) -> str:
    """Return the department a cell names: 「保健福祉局　福祉総務課」 is 福祉総務課 when that one is known.

    Cities often write the bureau before the department in one cell. The last part is taken only
    when the full name is not itself a known department; otherwise the cell is returned as written.
    """
    parts = name.split()
    if name in known or len(parts) < 2 or parts[-1] not in known:
        return name
    return parts[-1]


def read_departments(cell: str, known: Collection[str]) -> list[str]:
    """Return the departments a 所管課 cell names, in its order, each once.

    「生活福祉課、住宅課」 → [生活福祉課, 住宅課]; 「保健福祉局　福祉総務課」 → [福祉総務課] when that is known;
    a cell that is itself a known department is kept whole.
    """
    cell = cell.strip()
    if not cell:
        return []
    if cell in known:
        return [cell]
    names: list[str] = []
    for part in SEPARATORS.split(cell):
        names.extend(known_department(name, known) for name in _split_middle_dot(part.strip(), known))
    return list(dict.fromkeys(name for name in names if name))


def _split_middle_dot(part: str, known: Collection[str]) -> list[str]:
    """Split 「生活福祉課・住宅課」 but not 「子ども・若者支援課」 (a piece that is no department's name)."""
    if not part or part in known or not _MIDDLE_DOT.search(part):
        return [part]
    pieces = [piece.strip() for piece in _MIDDLE_DOT.split(part)]
    if all(piece in known or _LIKE_A_DEPARTMENT.search(piece) for piece in pieces):
        return pieces
    return [part]
