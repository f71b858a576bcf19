"""Search with Pagefind: index the built site; readers download only the index pieces a query needs.

Pagefind holds every page it indexes in memory (about 1.5 GB for 5,000 pages in one run), so
a large site is indexed in parts of at most `part_pages` pages, one Pagefind run each; the
search page merges the parts when a reader searches (Pagefind's `mergeIndex`). The parts are
the indexed pages in order of their paths, cut into equal parts and a last one half their size
(`part_size`); a part's run starts in the background as soon as its pages are written, so
indexing overlaps the rest of the build, and the build waits only for the short last part.
"""

from __future__ import annotations

import json
import math
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger

log = get_plugin_logger(__name__)

EXCLUDE = ".headerlink, .kb-search-terms, .kb-tip"
"""Not indexed: permalink signs, the words for the offline search, and glossary tooltips (their concept pages are)."""

PART_PAGES = 1000
"""Pages per Pagefind run: about 200 MB of memory each."""
MARK = "data-pagefind-body"
"""The attribute of the elements Pagefind indexes; a page without it is not indexed."""
TIMEOUT = 1200
"""Seconds one Pagefind run may take."""


class Indexer:
    """Indexes a site's pages in parts, each in a Pagefind run started as soon as the part is known.

    Give it the pages the build will write that may be marked for search, then call
    `written` with every page's final HTML (in any order; the sooner those pages come in
    order of their paths, the sooner parts start), and `finish` once all are written;
    `stop` ends every run at once (a failed or stopped build). A marked page it was not
    given still counts: the parts are cut again at the end, and a part run too early
    is run again. Each run reads its own copy of what Pagefind needs of each
    page (`read_by_search`). The parts are always the same for the same pages, so the
    index is the one a single run over the finished site would give.

    Writes `site/pagefind/` (the first part, with the search interface), `site/pagefind-2/`,
    `site/pagefind-3/`, ... for the others, and `pagefind/parts.json`, which lists those
    other bundles' folder names for the search page to merge.
    """

    def __init__(self, site: Path, pages: list[str], part_pages: int = PART_PAGES, background: int = 1):
        self.site, self.part_pages = site, part_size(len(pages), part_pages)
        self.background = background
        """Runs at a time while the build goes on (its own process takes a core)."""
        self.pages = sorted(pages)
        """Site paths of the pages that may be marked (such as `x/index.html`), in order."""
        self.indexed: dict[str, bool] = {}
        """Whether each page noted so far is indexed (marked `data-pagefind-body`)."""
        self.next = 0
        """Place in `pages` up to which every page has been noted."""
        self.parts: list[list[str]] = []
        """The full parts found so far."""
        self.filling: list[str] = []
        """The indexed pages after the last full part, in order."""
        self.started: dict[int, list[str]] = {}
        """The pages of each part whose run has started."""
        self.running: dict[int, _Run] = {}
        self.work: Path | None = None

    def written(self, page: str, html: str) -> None:
        """Note `page` and its final `html`: if it is marked for search, keep what Pagefind reads of it."""
        self.noted(page, self.keep(page, html))

    def keep(self, page: str, html: str) -> bool:
        """Keep what Pagefind reads of `page` if it is marked for search (safe in a forked process); returns whether it is."""
        if MARK not in html:
            return False
        copy = self.work_folder() / "pages" / page
        copy.parent.mkdir(parents=True, exist_ok=True)
        copy.write_text(read_by_search(html), encoding="utf-8")
        return True

    def noted(self, page: str, marked: bool) -> None:
        """Count `page`, kept by `keep` (here or in a forked process), and start each part whose pages are all noted."""
        self.indexed[page] = marked
        while self.next < len(self.pages) and self.pages[self.next] in self.indexed:
            self._take(self.pages[self.next])
            self.next += 1
        every_page = self.next == len(self.pages)
        if every_page and self.filling:  # every page is written: the last part is known, and two runs may go at once
            self.parts.append(self.filling)
            self.filling = []
        ready = [n for n in range(len(self.parts)) if n not in self.started]
        self._advance(self.background + every_page, ready)

    def finish(self) -> list[str]:
        """Index what is left, wait for every run, and return the folder names of the parts after the first."""
        try:
            pages = sorted(page for page, indexed in self.indexed.items() if indexed)
            self.parts = [pages[start : start + self.part_pages] for start in range(0, len(pages), self.part_pages)]
            for number, part in list(self.started.items()):
                if number >= len(self.parts) or self.parts[number] != part:  # a page came out of order
                    log.info(
                        "Search: part %d is indexed again (a page marked for search came out of order)", number + 1
                    )
                    self._end(number)
                    shutil.rmtree(self._output(number), ignore_errors=True)
                    del self.started[number]
            ready = [n for n in range(len(self.parts)) if n not in self.started]
            if not self.parts:  # nothing marked for search: the site itself, as Pagefind indexes any site
                self.parts, self.running[0] = [[]], self._start(self.site, 0)
            while ready or self.running:
                ready = self._advance(self.background + 1, ready)  # the build itself now only waits
                for run in list(self.running.values())[:1]:
                    run.wait()
        finally:
            self.stop()
        others = [f"pagefind-{number}" for number in range(2, len(self.parts) + 1)]
        (self.site / "pagefind" / "parts.json").write_text(json.dumps({"merge": others}), encoding="utf-8")
        return others

    def stop(self) -> None:
        """End every run at once, wait for each, and remove the working folder."""
        for number in list(self.running):
            self._end(number)
        if self.work is not None:
            shutil.rmtree(self.work, ignore_errors=True)
            self.work = None

    def _take(self, page: str) -> None:
        """Count the next page in order of paths into the part being filled."""
        if self.indexed[page]:
            self.filling.append(page)
            if len(self.filling) == self.part_pages:
                self.parts.append(self.filling)
                self.filling = []

    def _advance(self, limit: int, ready: list[int]) -> list[int]:
        """Check the runs that have ended (raising if one failed), then start `ready` parts while fewer than `limit` run; returns those left."""
        for number, run in list(self.running.items()):
            if run.process.poll() is not None:
                del self.running[number]
                if run.process.returncode != 0:
                    raise PluginError(f"Pagefind could not index the site:\n{run.output()}")
        ready = list(ready)
        while ready and len(self.running) < limit:
            number = ready.pop(0)
            folder = self.work_folder() / str(number + 1)
            shutil.rmtree(folder, ignore_errors=True)
            for page in self.parts[number]:  # a folder of links to the part's pages, at their paths in the site
                target = folder / page
                target.parent.mkdir(parents=True, exist_ok=True)
                os.link(self.work_folder() / "pages" / page, target)
            self.started[number] = self.parts[number]
            self.running[number] = self._start(folder, number)
        return ready

    def _end(self, number: int) -> None:
        run = self.running.pop(number, None)
        if run is None:
            return
        if run.process.poll() is None:
            run.process.terminate()
        try:
            run.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            run.process.kill()
            run.process.wait()

    def work_folder(self) -> Path:
        """The working folder, made on first use (by the build's own process, which hands it to a fork that renders pages)."""
        if self.work is None:
            self.work = Path(tempfile.mkdtemp(prefix=".pagefind-", dir=self.site.parent))
        return self.work

    def _output(self, number: int) -> Path:
        return self.site / ("pagefind" if number == 0 else f"pagefind-{number + 1}")

    def _start(self, root: Path, number: int) -> _Run:
        command = [
            sys.executable,
            "-m",
            "pagefind",
            "--site",
            str(root),
            "--output-path",
            str(self._output(number)),
            "--quiet",
            "--exclude-selectors",
            EXCLUDE,
        ]
        log = self.work_folder() / f"{number + 1}.log"
        with open(log, "wb") as handle:
            process = subprocess.Popen(command, stdout=handle, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
        return _Run(process, log, time.monotonic() + TIMEOUT, number)


class _Run:
    """One Pagefind run, its output file and its deadline."""

    def __init__(self, process: subprocess.Popen, log: Path, deadline: float, number: int):
        self.process, self.log, self.deadline, self.number = process, log, deadline, number

    def wait(self) -> None:
        try:
            self.process.wait(timeout=max(0.1, self.deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            raise PluginError(f"Pagefind took more than {TIMEOUT} s to index part {self.number + 1}") from None

    def output(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")


def part_size(pages: int, most: int) -> int:
    """The pages in each part but the last, for `pages` that may be marked: at most `most`, and the last part about half as many.

    The last part can only start once the last page is written, so the build waits for all of
    its run; the size depends only on the number of pages, so the same pages give the same parts.
    """
    parts = math.ceil(pages / most + 0.5)
    return max(1, min(most, math.ceil(pages / (parts - 0.5))))


def read_by_search(html: str) -> str:
    """What Pagefind reads of a page: its head, and its article from the first element marked for search on.

    Pagefind indexes only the elements marked `data-pagefind-body` (and reads `data-pagefind-*`
    attributes anywhere), so the header, menus and footer around the article only cost it time:
    they are left out when they hold no such attribute, which leaves the index as it was.
    """
    body, mark = html.find("<body"), html.find(MARK)
    start = html.rfind("<", 0, mark)
    end = html.find("</article>", mark)
    if body < 0 or not body < start < mark < end or "data-pagefind-" in html[:start] or "data-pagefind-" in html[end:]:
        return html
    return f"{html[:body]}<body>{html[start:end]}</body></html>"
