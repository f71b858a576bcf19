"""One Markdown converter per process for a whole build, where MkDocs 1.6 makes a new one for each page.

Making one loads and configures every extension again: about 0.4 ms a page, 0.9 s of CPU at
2,000 pages. `Markdown.reset()` clears what a page leaves behind (abbreviations, footnotes, tab
groups, the table of contents, stashed HTML), so each page converts as with a new converter;
`tests/test_two_processes.py` builds a site with and without it and compares every file.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import Any

import markdown
from mkdocs.structure import pages


class _Converters:
    """Stands in for the `markdown` module in `mkdocs.structure.pages`, whose only use of it while building is `markdown.Markdown(...)` in `Page.render`."""

    def __init__(self) -> None:
        self._made: tuple[Any, Any, markdown.Markdown] | None = None

    def Markdown(self, *, extensions: Any, extension_configs: Any) -> markdown.Markdown:  # the name MkDocs calls
        """The converter made last, reset, if it was made with the same extensions and settings; else a new one."""
        if self._made is not None and self._made[:2] == (extensions, extension_configs):
            converter = self._made[2]
            converter.reset()
            return converter
        converter = markdown.Markdown(extensions=extensions, extension_configs=extension_configs)
        self._made = (extensions, extension_configs, converter)
        return converter


@contextlib.contextmanager
def one_converter() -> Iterator[None]:
    """While in it, MkDocs converts every page of this process (and of a process forked in it) with one converter."""
    original = pages.markdown
    pages.markdown = _Converters()
    try:
        yield
    finally:
        pages.markdown = original
