"""Framework schema rules and the structure version that keys saved ratings."""

from __future__ import annotations

import shutil
from pathlib import Path

import kb
from conftest import FIXTURE_CONTENT
from kb.views.type_views import structure_version

FRAMEWORK = FIXTURE_CONTENT / "frameworks" / "fixture-maturity.md"


def checked(tmp_path: Path, text: str) -> list[str]:
    content = tmp_path / "content"
    shutil.copytree(FIXTURE_CONTENT, content)
    (content / "frameworks" / "fixture-maturity.md").write_text(text)
    return [f"{d.line}: {d.field}: {d.message}" for d in kb.check(content).diagnostics]


def framework_page(tmp_path: Path, text: str):
    content = tmp_path / "content"
    shutil.copytree(FIXTURE_CONTENT, content)
    (content / "frameworks" / "fixture-maturity.md").write_text(text)
    return kb.check(content).by_slug["fixture-maturity"].page


def test_generic_scale_without_descriptors_is_valid(tmp_path: Path) -> None:
    text = (
        FRAMEWORK.read_text()
        .replace("        levels: {beginning: Little sharing., embedding: Data shared openly.}\n", "")
        .replace("        levels: {beginning: Polite visits., embedding: Honest challenge.}\n", "")
        .replace("origin: source", "origin: site")
    )
    assert checked(tmp_path, text) == []


def test_duplicate_strand_id(tmp_path: Path) -> None:
    text = FRAMEWORK.read_text().replace("- id: challenge", "- id: openness")
    assert checked(tmp_path, text) == [
        "23: dimensions[0].strands[1].id: expected each strand id once in the framework; found 'openness' again"
    ]


def test_duplicate_level_id(tmp_path: Path) -> None:
    text = FRAMEWORK.read_text().replace("{id: embedding, label: Embedding", "{id: beginning, label: Embedding")
    assert checked(tmp_path, text)[0] == "11: scale.levels: expected each level id once; found beginning, beginning"


def test_scale_needs_two_levels(tmp_path: Path) -> None:
    text = FRAMEWORK.read_text().replace("    - {id: embedding, label: Embedding, meaning: Becoming routine.}\n", "")
    assert checked(tmp_path, text) == ["11: scale.levels: expected at least 2 item(s); found 1"]


def test_version_follows_structure_not_wording(tmp_path: Path) -> None:
    original = structure_version(framework_page(tmp_path / "a", FRAMEWORK.read_text()))
    reworded = structure_version(
        framework_page(tmp_path / "b", FRAMEWORK.read_text().replace("name: Openness", "name: Being open"))
    )
    added = structure_version(
        framework_page(
            tmp_path / "c",
            FRAMEWORK.read_text().replace(
                "      - id: challenge",
                "      - id: pace\n        name: Pace\n        levels: {beginning: Slow., embedding: Steady.}\n      - id: challenge",
            ),
        )
    )
    assert original == reworded != added
