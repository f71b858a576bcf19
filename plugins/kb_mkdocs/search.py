"""Search with Pagefind: index the built site; readers download only the index pieces a query needs."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from mkdocs.exceptions import PluginError


EXCLUDE = ".headerlink, .kb-search-terms, .kb-tip"
"""Not indexed: permalink signs, the words for the offline search, and glossary tooltips (their concept pages are)."""


def index(site: Path) -> None:
    """Write `site/pagefind/` (index, WebAssembly and UI) for the pages marked `data-pagefind-body`."""
    command = [sys.executable, "-m", "pagefind", "--site", str(site), "--quiet", "--exclude-selectors", EXCLUDE]
    result = subprocess.run(command, capture_output=True, text=True, timeout=1200)
    if result.returncode != 0:
        raise PluginError(f"Pagefind could not index the site:\n{result.stderr or result.stdout}")
