"""The domain core imports the standard library and itself only (no Django)."""

import ast
import sys
from pathlib import Path

import shinchoku.domain

DOMAIN = Path(shinchoku.domain.__file__).parent


def test_the_domain_core_imports_nothing_outside_the_standard_library() -> None:
    outside = []
    for path in sorted(DOMAIN.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            for name in names:
                top = name.split(".")[0]
                if top not in sys.stdlib_module_names and not name.startswith("shinchoku.domain"):
                    outside.append(f"{path.name}: {name}")
    assert outside == []
