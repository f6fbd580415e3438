"""The architecture's rules a machine can read (docs/architecture.md).

Views fetch protected objects only through their kind's access helper; no source file is over 500
lines and no function over 60 (split by concept).

A view module may not reach a model's manager itself (``Model.objects…``, ``_default_manager``)
nor call ``get_object_or_404``/``get_list_or_404``: what a person may see is decided in the
``access.py`` beside each kind, and a view that queries by itself is a second gate nobody reviews.
The rule is read from the source, so a new view module is covered without being listed.
"""

import ast
from pathlib import Path

import shinchoku

SOURCE = Path(shinchoku.__file__).parent

# Models nobody needs a gate for: the same for every person and organization.
UNPROTECTED = {
    "NationalPlan",  # the two national plans, public law
    "NationalIssue",  # their seven 重点課題 each
}


def view_modules() -> list[Path]:
    """Return every module that answers requests: *views.py, views/ packages and the API."""
    found = [p for p in SOURCE.rglob("*.py") if "migrations" not in p.parts]
    return sorted(p for p in found if p.stem.endswith("views") or "views" in p.parts or _is_api_version(p))


def _is_api_version(path: Path) -> bool:
    """Return whether the module is a version of the API's endpoints (api/v1.py)."""
    return path.parent.name == "api" and path.stem[:1] == "v" and path.stem[1:].isdigit()


def direct_fetches(path: Path) -> list[str]:
    """Return "file:line what" for each manager access or get_object_or_404 call in the module."""
    found = []
    tree = ast.parse(path.read_text(encoding="utf-8"))
    # Model.objects.none() fetches nothing: a form's empty choices, filled from the gate later.
    empty = {
        id(node.func.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "none"
    }
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Attribute)
            and node.attr in ("objects", "_default_manager")
            and id(node) not in empty
        ):
            owner = node.value
            name = owner.id if isinstance(owner, ast.Name) else ast.unparse(owner)
            if name not in UNPROTECTED:
                found.append(f"{path.relative_to(SOURCE)}:{node.lineno} {name}.{node.attr}")
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
            if node.func.id in ("get_object_or_404", "get_list_or_404"):
                found.append(f"{path.relative_to(SOURCE)}:{node.lineno} {node.func.id}")
    return found


def test_there_are_view_modules_to_check() -> None:
    assert len(view_modules()) > 20


def test_no_view_fetches_a_model_itself() -> None:
    offenders = [line for path in view_modules() for line in direct_fetches(path)]
    assert offenders == []


def source_modules() -> list[Path]:
    """Return every source module but the generated migrations."""
    return sorted(p for p in SOURCE.rglob("*.py") if "migrations" not in p.parts)


def test_no_source_file_is_over_500_lines() -> None:
    long = [
        f"{p.relative_to(SOURCE)}: {n}"
        for p in source_modules()
        if (n := len(p.read_text().splitlines())) > 500
    ]
    assert long == []


def test_no_function_is_over_60_lines() -> None:
    long = []
    for path in source_modules():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                length = (node.end_lineno or node.lineno) - node.lineno + 1
                if length > 60:
                    long.append(f"{path.relative_to(SOURCE)}:{node.lineno} {node.name} ({length})")
    assert long == []
