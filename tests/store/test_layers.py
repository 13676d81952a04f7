"""The store is the core the stages build on: no module in wiretrace/store/ imports a stage
(each stage's tables and SQL live beside the stage, in ``wiretrace/<stage>/tables.py``)."""

from __future__ import annotations

import ast
from pathlib import Path

import wiretrace.store

STAGES = ("article", "statements", "dates", "origins", "stories", "people")
STORE = Path(wiretrace.store.__file__).parent


def imported_modules(path: Path) -> set[str]:
    """Every module a file imports, at the top or inside a function, absolute or relative."""
    package = "wiretrace.store"
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                base = f"{parent}.{base}" if base else parent
            found.add(base)
            found.update(f"{base}.{alias.name}" for alias in node.names)
    return found


def is_stage(module: str) -> bool:
    return any(module == f"wiretrace.{stage}" or module.startswith(f"wiretrace.{stage}.") for stage in STAGES)


def test_no_store_module_imports_a_stage():
    modules = sorted(STORE.rglob("*.py"))
    assert len(modules) >= 5  # the walk found the package
    imports = {
        path.relative_to(STORE).as_posix(): sorted(filter(is_stage, imported_modules(path)))
        for path in modules
    }
    assert {path: found for path, found in imports.items() if found} == {}


def test_the_check_sees_imports_inside_functions_and_relative_ones(tmp_path):
    module = tmp_path / "sample.py"
    module.write_text(
        "import json\n"
        "def f():\n"
        "    from wiretrace.people.names import normalise\n"
        "    import wiretrace.stories.stage\n"
        "from .. import origins\n"
    )
    assert {m for m in imported_modules(module) if is_stage(m)} == {
        "wiretrace.people.names",
        "wiretrace.people.names.normalise",
        "wiretrace.stories.stage",
        "wiretrace.origins",
    }
