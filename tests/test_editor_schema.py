"""Front matter is checked against the JSON Schema while typing (remark, as VS Code's remark extension runs it)."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import FIXTURE_CONTENT, ROOT

REMARK = ROOT / "node_modules" / ".bin" / "remark"


@pytest.fixture
def editor_project(tmp_path: Path) -> Path:
    if not REMARK.exists():
        pytest.fail("node_modules is missing: run tools/setup.sh --test")
    shutil.copy(ROOT / ".remarkrc.mjs", tmp_path / ".remarkrc.mjs")
    (tmp_path / "schema").symlink_to(ROOT / "schema")
    (tmp_path / "node_modules").symlink_to(ROOT / "node_modules")
    shutil.copytree(FIXTURE_CONTENT, tmp_path / "content")
    return tmp_path


def remark(project: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(REMARK), "content", "--quiet", "--frail", "--no-stdout", "--no-color", "--report", "json"],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=120,
    )


def messages(result: subprocess.CompletedProcess) -> list[tuple[str, int, int, object, list]]:
    """(file, line, column, value found, values allowed) of every problem remark reported (its JSON report)."""
    return [
        (file["path"], m["line"], m["column"], m.get("actual"), m.get("expected"))
        for file in json.loads(result.stderr)
        for m in file["messages"]
    ]


def test_valid_front_matter_gives_no_editor_warning(editor_project: Path) -> None:
    result = remark(editor_project)
    assert result.returncode == 0 and messages(result) == [], result.stderr


def test_editor_flags_a_value_outside_the_vocabulary_at_its_line(editor_project: Path) -> None:
    page = editor_project / "content" / "case-studies" / "fixture-cluster.md"
    page.write_text(page.read_text().replace("region: anonymised", "region: atlantis"))
    result = remark(editor_project)
    [(path, line, column, found, allowed)] = messages(result)
    assert (result.returncode, path, line, column, found) == (
        1,
        "content/case-studies/fixture-cluster.md",
        7,
        11,
        "atlantis",
    )
    assert "north-east" in allowed and "anonymised" in allowed
