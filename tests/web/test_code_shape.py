"""The web layer stays thin: routes on routers, no function over 80 lines, no store SQL."""

from __future__ import annotations

import ast
from pathlib import Path

import wiretrace.web

WEB = Path(wiretrace.web.__file__).parent
MAX_LINES = 80


def functions(path: Path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            yield node.name, node.end_lineno - node.lineno + 1


def test_no_function_in_the_web_layer_is_over_80_lines():
    sizes = {(path.name, name): lines for path in WEB.glob("*.py") for name, lines in functions(path)}
    assert len(sizes) > 30  # the routes and helpers are all counted
    too_long = {key: lines for key, lines in sizes.items() if lines > MAX_LINES}
    assert not too_long


def test_pages_and_api_read_through_the_read_layer_not_the_stores_sql():
    for name in ("pages.py", "api.py"):
        source = (WEB / name).read_text(encoding="utf-8")
        assert "wiretrace.read" in source
        assert ".execute(" not in source and "SELECT " not in source, name
