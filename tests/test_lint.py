"""The code stays as the project's tools want it: ruff's and mypy's settings are in pyproject.toml."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

from conftest import ROOT

RUFF = Path(sys.executable).parent / "ruff"
MYPY = Path(sys.executable).parent / "mypy"
TARGETS = ["plugins", "tests", "bench", "build.py"]


def test_ruff_finds_nothing_to_fix() -> None:
    result = subprocess.run([str(RUFF), "check", *TARGETS], cwd=ROOT, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout


def test_the_code_is_formatted() -> None:
    result = subprocess.run(
        [str(RUFF), "format", "--check", *TARGETS], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout


def test_the_type_checker_finds_nothing() -> None:
    """mypy over the files pyproject.toml names (the plugins and build.py)."""
    result = subprocess.run([str(MYPY)], cwd=ROOT, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout


def test_no_test_module_imports_another() -> None:
    """Shared test helpers live in conftest.py and browser.py, so each test module can run alone."""
    found = []
    for path in sorted((ROOT / "tests").glob("test_*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else []
            if isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            found += [f"{path.name}: {name}" for name in names if name.split(".")[0].startswith("test_")]
    assert found == []
