"""The code stays as the project's tools want it: ruff's and mypy's settings are in pyproject.toml."""

from __future__ import annotations

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
