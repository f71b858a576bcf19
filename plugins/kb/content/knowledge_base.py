"""The knowledge base in memory: every page that loaded (an `Entry`), by content path, and every problem found."""

from __future__ import annotations

import builtins
import html
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel

from kb.content import vocabulary
from kb.content.body import Heading, Link, plain_heading
from kb.content.diagnostics import Diagnostic
from kb.content.frontmatter import ParsedPage
from kb.content.models import Page, SitePage
from kb.content.page_types import MODELS

M = TypeVar("M", bound=BaseModel)


@dataclass
class Entry:
    """One page: where it lives, its parsed text and its typed front matter."""

    src_uri: str
    """Path inside the content folder, e.g. `case-studies/x.md`."""
    path: str
    """Path as shown to contributors, e.g. `content/case-studies/x.md`."""
    parsed: ParsedPage
    page: Page | SitePage
    headings: list[Heading] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    """Link targets in the body, parsed once for the rules and the link graph."""
    slug: str = field(init=False)
    """The file name without `.md`: the page's unique name."""

    def __post_init__(self) -> None:
        self.slug = self.src_uri.rsplit("/", 1)[-1][: -len(".md")]

    @property
    def type(self) -> str:
        return self.page.type

    @property
    def title(self) -> str:
        """The front matter's title; for a root page without one, its first heading as plain text."""
        if self.page.title:
            return self.page.title
        first = next((h for h in self.headings if h.level == 1), None)
        return html.unescape(plain_heading(first.text)) if first else self.slug

    def model(self, kind: builtins.type[M]) -> M:
        """The front matter as `kind`, for code that has already picked pages of that type.

        `entry.model(Recommendation).evidence_level` on an entry from `of_type("recommendation")`;
        `entry.model(Page)` for the fields every typed page has. A page of another type is a bug
        in the caller, so it raises rather than returning something else. (`builtins.type`:
        the property `type` hides the builtin in the class body.)
        """
        if not isinstance(self.page, kind):
            raise TypeError(f"{self.path}: expected a {kind.__name__}; found {type(self.page).__name__}")
        return self.page

    def line_of(self, loc: tuple) -> int:
        return self.parsed.line_of(loc)


@dataclass
class KnowledgeBase:
    """Every page that loaded, by content path, plus every problem found."""

    content_dir: Path
    vocabulary: vocabulary.Vocabulary
    entries: dict[str, Entry] = field(default_factory=dict)
    files: dict[str, list[tuple[str, str]]] = field(default_factory=dict)
    """(type, display path) of every typed file by slug, including pages that failed to load."""
    images: set[str] = field(default_factory=set)
    """Content paths of the images pages may show."""
    diagnostics: list[Diagnostic] = field(default_factory=list)

    def typed(self) -> Iterator[Entry]:
        """Pages of the registered types (not root pages), in path order."""
        return (e for e in self.entries.values() if e.type in MODELS)

    def of_type(self, type_name: str) -> list[Entry]:
        """Pages of one type, in path order (indexed once, after loading)."""
        return self._by_type.get(type_name, [])

    @cached_property
    def _by_type(self) -> dict[str, list[Entry]]:
        index: dict[str, list[Entry]] = {}
        for entry in self.entries.values():
            index.setdefault(entry.type, []).append(entry)
        return index

    def with_theme(self, type_name: str, theme: str) -> list[Entry]:
        """Pages of one type that have `theme` (indexed once, after loading)."""
        return self._by_theme.get((type_name, theme), [])

    @cached_property
    def _by_theme(self) -> dict[tuple[str, str], list[Entry]]:
        index: dict[tuple[str, str], list[Entry]] = {}
        for entry in self.typed():
            for theme in entry.model(Page).theme:
                index.setdefault((entry.type, theme), []).append(entry)
        return index

    @cached_property
    def by_slug(self) -> dict[str, Entry]:
        """Typed pages by slug (indexed once, after loading)."""
        return {e.slug: e for e in self.typed()}

    @property
    def published(self) -> set[str]:
        """Content paths of every file the site publishes from the content folder: its pages and images."""
        return set(self.entries) | self.images

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity == "error"]


def display_path(path: Path) -> str:
    """A path relative to the working folder when it is inside it."""
    try:
        return os.path.relpath(path)
    except ValueError:
        return str(path)
