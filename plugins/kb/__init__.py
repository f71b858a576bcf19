"""The knowledge base core: content model, parsing, validation and link graph.

Pure Python: nothing here imports MkDocs, so `build.py check` and any future
engine can use it.
"""

from __future__ import annotations

from pathlib import Path

from kb.checks import rules
from kb.checks.loading import Memo, load
from kb.content import addresses
from kb.content.diagnostics import Diagnostic
from kb.content.knowledge_base import Entry, KnowledgeBase

__all__ = ["Diagnostic", "Entry", "KnowledgeBase", "check", "load"]


def check(content_dir: Path, memo: Memo | None = None) -> KnowledgeBase:
    """Load the knowledge base and run every rule; problems are in `.diagnostics`, sorted (for `memo`, see `load`)."""
    kb = load(content_dir, memo)
    kb.diagnostics += rules.check(kb, generated=addresses.generated_pages())
    kb.diagnostics.sort()
    return kb
