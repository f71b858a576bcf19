"""The benchmark's knowledge bases stay valid as the content model changes: a benchmark of pages `check` refuses measures nothing."""

from __future__ import annotations

import sys
from pathlib import Path

import kb
from conftest import ROOT
from kb.content.page_types import TYPES

sys.path.insert(0, str(ROOT / "bench"))

from generate import generate
from replicate import replicate


def test_the_synthetic_knowledge_base_is_valid_and_has_every_type(tmp_path: Path) -> None:
    counts = generate(120, tmp_path)
    checked = kb.check(tmp_path / "content")
    assert [d.format() for d in checked.errors] == []
    assert set(counts) == set(TYPES) and all(counts.values())
    assert {entry.type for entry in checked.typed()} == set(TYPES)


def test_our_content_replicated_is_valid_and_grows_as_asked(tmp_path: Path) -> None:
    real = len(kb.check(ROOT / "content").entries)
    made = replicate(ROOT / "content", 2 * real, tmp_path)
    checked = kb.check(tmp_path / "content")
    assert [d.format() for d in checked.errors] == []
    assert len(checked.entries) == made == 2 * real
