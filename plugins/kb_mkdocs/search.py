"""Search with Pagefind: index the built site; readers download only the index pieces a query needs.

Pagefind holds every page it indexes in memory (about 1.5 GB for 5,000 pages in one run), so
a large site is indexed in parts of at most `part_pages` pages, one Pagefind run each; the
search page merges the parts when a reader searches (Pagefind's `mergeIndex`).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from mkdocs.exceptions import PluginError

EXCLUDE = ".headerlink, .kb-search-terms, .kb-tip"
"""Not indexed: permalink signs, the words for the offline search, and glossary tooltips (their concept pages are)."""

PART_PAGES = 1000
"""Pages per Pagefind run: about 200 MB of memory each."""


def index(site: Path, pages: list[str], part_pages: int = PART_PAGES) -> list[str]:
    """Index `pages` (site-relative paths of the pages marked `data-pagefind-body`) in parts.

    Writes `site/pagefind/` (the first part, with the search interface) and `site/pagefind-2/`,
    `site/pagefind-3/`, ... for the others, and `pagefind/parts.json`, which lists those other
    bundles' folder names for the search page to merge; returns the same list.
    """
    pages = sorted(pages)
    parts = [pages[start : start + part_pages] for start in range(0, len(pages), part_pages)] or [[]]
    others = [f"pagefind-{number}" for number in range(2, len(parts) + 1)]
    if len(parts) == 1:
        _pagefind(site, site / "pagefind")
        _write_parts(site, others)
        return others
    work = Path(tempfile.mkdtemp(prefix=".pagefind-", dir=site.parent))
    try:
        for number, part in enumerate(parts, start=1):
            folder = work / str(number)
            for page in part:  # a folder of links to this part's pages, at their paths in the site
                target = folder / page
                target.parent.mkdir(parents=True, exist_ok=True)
                _link(site / page, target)
            _pagefind(folder, site / ("pagefind" if number == 1 else f"pagefind-{number}"))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    _write_parts(site, others)
    return others


def _write_parts(site: Path, others: list[str]) -> None:
    (site / "pagefind" / "parts.json").write_text(json.dumps({"merge": others}), encoding="utf-8")


def _link(source: Path, target: Path) -> None:
    try:
        os.link(source, target)
    except OSError:  # another file system: copy instead
        shutil.copyfile(source, target)


def _pagefind(root: Path, output: Path) -> None:
    command = [
        sys.executable,
        "-m",
        "pagefind",
        "--site",
        str(root),
        "--output-path",
        str(output),
        "--quiet",
        "--exclude-selectors",
        EXCLUDE,
    ]
    result = subprocess.run(command, capture_output=True, text=True, timeout=1200, check=False)
    if result.returncode != 0:
        raise PluginError(f"Pagefind could not index the site:\n{result.stderr or result.stdout}")
