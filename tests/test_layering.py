"""Imports flow one way: parsers <- archive <- pipelines <- crawler.

parsers/ and archive/ never import scrapy or twisted; no package imports from a layer
above it. The check reads the source with `ast`, so an import inside a function counts.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
LAYERS = ("parsers", "archive", "pipelines", "crawler")
FRAMEWORKS = ("scrapy", "twisted")


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def top_levels(package: str) -> set[str]:
    return {
        name.split(".")[0]
        for path in (REPO / package).rglob("*.py")
        for name in imported_modules(path)
    }


@pytest.mark.parametrize("package", ["parsers", "archive"])
def test_no_framework_imports(package: str) -> None:
    assert not top_levels(package) & set(FRAMEWORKS)


@pytest.mark.parametrize("index", range(len(LAYERS)))
def test_imports_flow_one_way(index: int) -> None:
    package = LAYERS[index]
    above = set(LAYERS[index + 1 :])
    assert not top_levels(package) & above, f"{package} imports from {above}"


def test_the_check_sees_imports(tmp_path: Path) -> None:
    sample = tmp_path / "m.py"
    sample.write_text("def f():\n    from scrapy.http import Request\nimport twisted\n")
    assert imported_modules(sample) == {"scrapy.http", "twisted"}
