"""How a 所管課 cell names a department: the one rule the plan and the progress imports share."""

from collections.abc import Collection


def known_department(name: str, known: Collection[str]) -> str:
    """Return the department a cell names: 「保健福祉局　福祉総務課」 is 福祉総務課 when that one is known.

    Cities often write the bureau before the department in one cell. The last part is taken only
    when the full name is not itself a known department; otherwise the cell is returned as written.
    """
    parts = name.split()
    if name in known or len(parts) < 2 or parts[-1] not in known:
        return name
    return parts[-1]
