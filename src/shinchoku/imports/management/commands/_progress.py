"""A text progress bar on standard error for long imports (shown only on a terminal)."""

import sys


def bar(done: int, total: int) -> None:
    """Draw 取り込み中 [#####-----] 40/76 on the same line."""
    if not sys.stderr.isatty() or total == 0:
        return
    width = 30
    filled = width * done // total
    sys.stderr.write(f"\r取り込み中 [{'#' * filled}{'-' * (width - filled)}] {done}/{total}")
    if done == total:
        sys.stderr.write("\n")
    sys.stderr.flush()
