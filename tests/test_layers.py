"""The core's shape: no module imports MkDocs, and each layer imports only the layers below it (DEVELOPING.md)."""

from __future__ import annotations

import ast
import pkgutil
import subprocess
import sys
from pathlib import Path

import pytest

import kb
from conftest import ROOT

LAYERS = ("content", "checks", "links", "views", "output")
"""From the bottom up: a module may import its own layer and the ones before it."""
PLUGINS = ROOT / "plugins"
MODULES = sorted(info.name for info in pkgutil.walk_packages(kb.__path__, "kb."))


def test_every_core_module_is_in_a_layer_or_at_the_top() -> None:
    outside = [name for name in MODULES if name.count(".") > 1 and name.split(".")[1] not in LAYERS]
    assert outside == [] and {name.split(".")[1] for name in MODULES if name.count(".") > 0} <= {*LAYERS, "cli"}


def test_no_core_module_imports_mkdocs() -> None:
    code = f"import sys; [__import__(m) for m in {MODULES!r}]; print(sorted(m for m in sys.modules if m.split('.')[0] in ('mkdocs', 'material')))"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=PLUGINS, check=True)
    assert result.stdout.strip() == "[]"


def imported(path: Path) -> set[str]:
    """The kb modules a file imports (absolute or relative)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("kb."):
            found.add(node.module)
        elif isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names if alias.name.startswith("kb.")}
    return found


@pytest.mark.parametrize("module", [m for m in MODULES if m.count(".") == 2])
def test_a_layer_imports_only_the_layers_below_it(module: str) -> None:
    layer = LAYERS.index(module.split(".")[1])
    path = PLUGINS / (module.replace(".", "/") + ".py")
    above = sorted(
        name for name in imported(path) if name.split(".")[1] in LAYERS and LAYERS.index(name.split(".")[1]) > layer
    )
    assert above == [], f"{module} ({LAYERS[layer]}) imports from a higher layer: {above}"


def test_check_alone_loads_neither_views_nor_output() -> None:
    """`build.py check` stays light: no page views, editor or QR codes."""
    code = "import sys, kb; kb.check; print(sorted({m.split('.')[1] for m in sys.modules if m.startswith('kb.')}), 'zxingcpp' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=PLUGINS, check=True)
    assert result.stdout.strip() == "['checks', 'content'] False"
