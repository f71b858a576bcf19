"""The self-evaluation tool's pure JavaScript (codes, typical level, spread), run with node's own test runner."""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest

from conftest import ROOT


@pytest.mark.skipif(shutil.which("node") is None, reason="needs node")
def test_selfeval_core_passes_its_node_tests() -> None:
    result = subprocess.run(
        ["node", "--test", str(ROOT / "tests" / "selfeval-core.test.cjs")],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    passed = re.search(r"^# pass (\d+)$", result.stdout, re.MULTILINE)
    assert passed and int(passed.group(1)) >= 7 and "# fail 0" in result.stdout
