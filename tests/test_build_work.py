"""Work the build does beside MkDocs: pages loaded in two processes, Pagefind runs in the background, QR codes made once and kept.

Each gives the output it gave when done one piece after another: the same search parts
and index whatever order pages come in, the same QR code from the cache as from the encoder.
"""

from __future__ import annotations

import hashlib
import json
import os
import signal
import subprocess
import sys
import time
from importlib.metadata import version
from pathlib import Path

import pytest
import zxingcpp

import kb
from conftest import build_command, run_build_py
from kb.checks import loading
from kb.content.diagnostics import Diagnostic
from kb.views import handout
from kb_mkdocs import commands, search

UNSTABLE = ("filter/", "index/", "pagefind-entry.json", "pagefind.en_")
"""Pagefind writes these in hash-map order (Pagefind/pagefind#638); everything else is identical run to run."""


def fake_site(folder: Path, count: int) -> list[str]:
    """`count` pages marked for search and one that is not; returns every page's site path."""
    pages = []
    for number in range(count):
        page = f"p{number:02}/index.html"
        (folder / page).parent.mkdir(parents=True)
        (folder / page).write_text(
            f'<html lang="en"><head><title>P{number}</title></head><body><main data-pagefind-body>'
            f"<h1>Page {number}</h1><p>Words about topic{number % 3} and page{number}.</p></main></body></html>"
        )
        pages.append(page)
    (folder / "plain" / "index.html").parent.mkdir()
    (folder / "plain" / "index.html").write_text('<html lang="en"><body><p>Not for search.</p></body></html>')
    return [*pages, "plain/index.html"]


def stable_digest(site: Path) -> dict[str, str]:
    """Hashes of the search bundles' files that Pagefind writes the same every time."""
    found = {}
    for bundle in sorted(site.glob("pagefind*")):
        for path in sorted(bundle.rglob("*")):
            inside = path.relative_to(bundle).as_posix()
            if path.is_file() and not inside.startswith(UNSTABLE):
                found[f"{bundle.name}/{inside}"] = hashlib.sha256(path.read_bytes()).hexdigest()
    return found


def index(site: Path, pages: list[str], order: list[str], part_pages: int) -> search.Indexer:
    """An indexer told of `pages`, to which the pages of `order` are written in that order."""
    indexer = search.Indexer(site, pages, part_pages)
    for page in order:
        indexer.written(page, (site / page).read_text())
    return indexer


def test_parts_start_while_pages_are_still_being_written(tmp_path: Path) -> None:
    site = tmp_path / "site"
    pages = fake_site(site, 7)
    indexer = search.Indexer(site, pages, part_pages=2)
    started_during_the_build = []
    for page in pages:
        indexer.written(page, (site / page).read_text())
        started_during_the_build.append(sorted(indexer.started))
    assert started_during_the_build[1] == [0]  # the first part once its second page is written
    assert indexer.finish() == ["pagefind-2", "pagefind-3", "pagefind-4"]
    assert indexer.running == {} and indexer.work is None and not list(tmp_path.glob(".pagefind-*"))
    assert (site / "pagefind" / "parts.json").read_text() == '{"merge": ["pagefind-2", "pagefind-3", "pagefind-4"]}'


@pytest.mark.parametrize("order", ["reversed", "shuffled", "one unforeseen"])
def test_the_index_is_the_same_whatever_order_pages_are_written_in(tmp_path: Path, order: str) -> None:
    """Parts are cut in order of paths; a part started before a page that belongs in it came is run again."""
    one, two = tmp_path / "one" / "site", tmp_path / "two" / "site"
    pages = fake_site(one, 7)
    fake_site(two, 7)
    index(one, pages, pages, part_pages=3).finish()
    if order == "one unforeseen":  # written, but not among the pages the indexer was told of
        indexer = index(two, [p for p in pages if p != pages[1]], pages, part_pages=3)
        assert indexer.started[0] == [pages[0], pages[2], pages[3]]
    else:
        late = pages[::-1] if order == "reversed" else [pages[n] for n in (1, 0, 2, 3, 7, 5, 6, 4)]
        indexer = index(two, pages, late, part_pages=3)
    assert indexer.finish() == ["pagefind-2", "pagefind-3"]
    assert indexer.parts == [pages[0:3], pages[3:6], pages[6:7]]
    assert stable_digest(one) == stable_digest(two) and len(stable_digest(one)) > 10


def test_every_part_is_indexed_once_in_a_real_build(site_project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Pages marked for search (the generated share page too) are written in order of their paths, so no part
    started during the build is cut differently at its end and indexed a second time."""
    starts: list[tuple[int, list[str]]] = []
    advance = search.Indexer._advance

    def counting(self: search.Indexer, limit: int, ready: list[int]) -> list[int]:
        left = advance(self, 99, ready)  # every full part starts at once, so a late page would change one
        starts.extend((n, self.started[n]) for n in ready if n not in left)
        return left

    monkeypatch.setattr(search.Indexer, "_advance", counting)
    monkeypatch.setenv("KB_SEARCH_PART_PAGES", "2")
    assert commands.build(site_project / "mkdocs.yml", site_project / "site") == 0
    numbers = [number for number, _ in starts]
    assert len(numbers) >= 7 and sorted(numbers) == list(range(len(numbers)))  # each part once
    assert any("share-your-practice/index.html" in part for _, part in starts)


def test_a_site_with_nothing_marked_is_indexed_whole(tmp_path: Path) -> None:
    site = tmp_path / "site"
    (site / "a").mkdir(parents=True)
    (site / "a" / "index.html").write_text('<html lang="en"><body><p>Some words.</p></body></html>')
    indexer = search.Indexer(site, ["a/index.html"])
    indexer.written("a/index.html", (site / "a" / "index.html").read_text())
    assert indexer.finish() == [] and (site / "pagefind" / "pagefind.js").is_file()


def test_a_failed_run_fails_the_build_and_stop_ends_every_run(tmp_path: Path) -> None:
    site = tmp_path / "site"
    pages = fake_site(site, 4)
    (site / "pagefind").write_text("a file where the first part's folder goes")
    indexer = index(site, pages, pages, part_pages=2)
    with pytest.raises(search.PluginError, match="Pagefind could not index the site"):
        indexer.finish()
    assert indexer.running == {} and not list(tmp_path.glob(".pagefind-*"))
    (site / "pagefind").unlink()
    slow = index(site, pages, pages, part_pages=2)
    processes = [run.process for run in slow.running.values()]
    assert processes
    slow.stop()
    assert all(process.returncode is not None for process in processes) and not list(tmp_path.glob(".pagefind-*"))


def test_search_reads_only_the_article_and_the_index_is_the_one_of_the_whole_pages(
    built_fixture_site: Path, tmp_path: Path
) -> None:
    """The built site's index (from what `read_by_search` keeps) against Pagefind run over the finished pages."""
    whole = tmp_path / "pagefind"
    subprocess.run(
        [sys.executable, "-m", "pagefind", "--site", str(built_fixture_site), "--output-path", str(whole)]
        + ["--quiet", "--exclude-selectors", search.EXCLUDE],
        check=True,
    )
    built = stable_digest(built_fixture_site)
    assert stable_digest(tmp_path) == {p: d for p, d in built.items() if p.startswith("pagefind/") and "parts" not in p}
    page = (built_fixture_site / "case-studies" / "fixture-cluster" / "index.html").read_text()
    kept = search.read_by_search(page)
    assert len(kept) < len(page) and "<nav" not in kept and "md-header" not in kept
    assert kept.count('data-pagefind-filter="') > 3


@pytest.mark.parametrize(
    "html",
    [
        '<html><body><div data-pagefind-filter="x">a</div><article><div data-pagefind-body>b</div></article></body></html>',
        "<html><body><article><div data-pagefind-body>b</div></article><p data-pagefind-meta='y'>c</p></body></html>",
        "<html><body><main><div data-pagefind-body>b</div></main></body></html>",
        "<html><body><article>nothing marked</article></body></html>",
    ],
    ids=["a filter before", "a meta after", "no article", "nothing marked"],
)
def test_search_reads_the_whole_page_when_anything_else_could_count(html: str) -> None:
    assert search.read_by_search(html) == html


# QR codes.


@pytest.fixture
def counted(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The addresses the encoder makes a code of, in this process."""
    made: list[str] = []
    make = zxingcpp.create_barcode

    def counting(content, *args, **kwargs):
        made.append(content)
        return make(content, *args, **kwargs)

    monkeypatch.setattr(zxingcpp, "create_barcode", counting)
    return made


def test_qr_codes_are_made_once_and_read_back(tmp_path: Path, counted: list[str]) -> None:
    urls = [f"https://kb.example.org/page-{n}/" for n in range(3)]
    first = handout.QrCodes()
    first.prepare(urls, tmp_path / "qr")
    assert [first.svg(url) for url in urls] == [handout.make_qr_svg(url) for url in urls]
    assert first.made == 3 and len(counted) == 6  # three made by the cache, three by this test
    counted.clear()
    second = handout.QrCodes()
    second.prepare(urls, tmp_path / "qr")
    assert [second.svg(url) for url in urls] == [first.svg(url) for url in urls]
    assert counted == [] and second.made == 0
    assert sorted(p.name for p in (tmp_path / "qr").iterdir()) == sorted(handout.cache_name(url) for url in urls)


def test_a_code_is_kept_under_everything_that_makes_it(monkeypatch: pytest.MonkeyPatch) -> None:
    """Another address, another version of the encoder or another version of the file that draws it: another name."""
    url = "https://kb.example.org/x/"
    names = {handout.cache_name(url), handout.cache_name(url + "y")}
    made_by = json.loads(handout._MADE_BY)
    assert made_by == [version("zxing-cpp"), hashlib.sha256(Path(handout.__file__).read_bytes()).hexdigest()]
    monkeypatch.setattr(handout, "_MADE_BY", json.dumps(["0", made_by[1]]))
    names.add(handout.cache_name(url))
    monkeypatch.setattr(handout, "_MADE_BY", json.dumps([made_by[0], "an edited file"]))
    names.add(handout.cache_name(url))
    assert len(names) == 4


def test_missing_codes_are_made_in_worker_processes(tmp_path: Path, counted: list[str], monkeypatch) -> None:
    monkeypatch.setattr(handout, "WORKERS_FROM", 2)
    urls = [f"https://kb.example.org/page-{n}/" for n in range(5)]
    codes = handout.QrCodes()
    codes.prepare(urls, tmp_path / "qr", workers=2)
    started = [worker.args for worker in codes._workers]  # a worker may already have finished its share
    assert started == [[sys.executable, "-I", str(Path(handout.__file__).resolve()), str(tmp_path / "qr")]] * 2
    assert [codes.svg(url) for url in urls] == [handout.make_qr_svg(url) for url in urls]
    assert len(counted) == 5 and codes.made == 5  # only this test's own calls ran here
    assert (
        processes_mentioning(f"{Path(handout.__file__).resolve()} {tmp_path}") == []
        and len(list((tmp_path / "qr").iterdir())) == 5
    )


def test_stopping_the_workers_ends_them_and_loses_no_code(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(handout, "WORKERS_FROM", 2)
    urls = [f"https://kb.example.org/page-{n}/" for n in range(2000)]
    codes = handout.QrCodes()
    codes.prepare(urls, tmp_path / "qr", workers=1)
    assert processes_mentioning(f"{Path(handout.__file__).resolve()} {tmp_path}")
    codes.stop()
    assert processes_mentioning(f"{Path(handout.__file__).resolve()} {tmp_path}") == []
    assert codes.svg(urls[-1]) == handout.make_qr_svg(urls[-1])
    assert not list((tmp_path / "qr").glob(".*.tmp"))


def test_a_second_build_makes_no_qr_code(site_project: Path, counted: list[str], monkeypatch) -> None:
    """The first build (its own process) fills the project's cache; the next one reads every code from it."""
    config, site = site_project / "mkdocs.yml", site_project / "site"
    assert run_build_py("build", "--config", str(config), "--site-dir", str(site)).returncode == 0
    cached = list((site_project / ".cache" / "kb" / "qr").glob("*.svg"))
    first = {p.relative_to(site): p.read_bytes() for p in site.rglob("*.html")}
    monkeypatch.setattr(handout, "CODES", handout.QrCodes())
    assert commands.build(config, site) == 0
    assert counted == [] and handout.CODES.made == 0 and len(cached) >= 10
    assert {p.relative_to(site): p.read_bytes() for p in site.rglob("*.html")} == first


def test_the_cache_is_not_part_of_the_project() -> None:
    """Git ignores it, as it ignores the site."""
    ignored = subprocess.run(
        ["git", "check-ignore", "--no-index", ".cache/kb/qr/x.svg"],
        cwd=Path(__file__).parents[1],
        capture_output=True,
        text=True,
        check=False,
    )
    assert ignored.returncode == 0, ignored


def processes_mentioning(text: str) -> list[str]:
    """Command lines of running processes that mention `text`."""
    found = []
    for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
        try:
            line = cmdline.read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        if text in line:
            found.append(line)
    return found


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
def test_a_stopped_build_stops_its_pagefind_runs(site_project: Path, signum: int) -> None:
    """In parts of two pages, Pagefind runs while pages are written; stopping the build ends them and removes their folders."""
    process = subprocess.Popen(
        build_command(site_project, site_project / "site"),
        env={**os.environ, "KB_SEARCH_PART_PAGES": "2"},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 120
    while not processes_mentioning(f"{site_project}/.pagefind-"):
        assert time.monotonic() < deadline and process.poll() is None
        time.sleep(0.01)
    process.send_signal(signum)
    _out, err = process.communicate(timeout=60)
    assert process.returncode == 128 + signum if signum != signal.SIGINT else 130, err
    assert "Build stopped by" in err and "Traceback" not in err
    assert processes_mentioning(str(site_project)) == []
    assert [p.name for p in site_project.iterdir() if p.name.startswith((".pagefind-", ".site-"))] == []


def test_the_menu_rendered_once_per_folder_is_the_menu_of_every_page(site_project: Path, monkeypatch) -> None:
    """The fixture built with Material's menu rendered for every page, then once per folder: every page is the same."""
    from kb_mkdocs import plugin

    config = site_project / "mkdocs.yml"
    monkeypatch.setattr(plugin, "_menu_once_per_folder", lambda env, nav, config: None)
    assert commands.build(config, site_project / "every") == 0
    monkeypatch.undo()
    assert commands.build(config, site_project / "once") == 0
    pages = sorted(p.relative_to(site_project / "every") for p in (site_project / "every").rglob("*.html"))
    assert (
        len(pages) > 30
        and sorted(p.relative_to(site_project / "once") for p in (site_project / "once").rglob("*.html")) == pages
    )
    for page in pages:
        assert (site_project / "once" / page).read_bytes() == (site_project / "every" / page).read_bytes(), page
    assert (
        'class="md-nav md-nav--primary"'
        in (site_project / "once" / "case-studies" / "fixture-cluster" / "index.html").read_text()
    )


def test_many_pages_are_loaded_in_two_processes_as_in_one(monkeypatch: pytest.MonkeyPatch) -> None:
    """Loading splits the pages with a forked process: the same entries and problems, in the same order."""
    content = Path(__file__).parent.parent / "content"
    alone = kb.load(content)
    real_load_entry = loading.load_entry

    def load_entry(*args):
        entry, problems = real_load_entry(*args)
        return entry, [*problems, Diagnostic("pid", 0, "pid", str(os.getpid()))]

    monkeypatch.setattr(loading, "load_entry", load_entry)
    monkeypatch.setattr(loading, "SPLIT_FROM_PAGES", 2)
    split = kb.load(content)
    made_in = {int(d.message) for d in split.diagnostics if d.path == "pid"}
    assert len(made_in) == 2 and os.getpid() in made_in
    assert list(split.entries) == list(alone.entries)
    assert list(split.entries.values()) == list(alone.entries.values())
    assert [d for d in split.diagnostics if d.path != "pid"] == alone.diagnostics


@pytest.mark.parametrize(("pages", "most"), [(276, 1000), (1000, 1000), (2001, 1000), (5001, 1000), (45, 10)])
def test_parts_are_equal_but_for_a_shorter_last_one(pages: int, most: int) -> None:
    """The build waits for the whole run of the last part, so that part is the short one."""
    size = search.part_size(pages, most)
    sizes = [min(size, pages - start) for start in range(0, pages, size)]
    assert sum(sizes) == pages and max(sizes) <= most
    assert len(sizes) <= -(-pages // most) + 1  # at most one part more than full parts would make
    if pages > most:
        assert sizes[-1] <= 0.6 * size
    else:
        assert len(sizes) <= 2


def test_once_every_page_is_written_two_runs_go_at_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """During the build one run at a time (the build takes the other core); once every page that may be
    marked is written, the last part is cut and a second run starts, before the build's last steps."""
    site = tmp_path / "site"
    pages = fake_site(site, 7)

    class Running:
        """A run that goes on until the test ends it."""

        def __init__(self, root: Path, number: int):
            self.number = number
            self.process = subprocess.Popen(["sleep", "60"])

    monkeypatch.setattr(search.Indexer, "_start", lambda self, root, number: Running(root, number))
    indexer = search.Indexer(site, pages, part_pages=3)
    try:
        for page in pages[:-1]:
            indexer.written(page, (site / page).read_text())
        assert sorted(indexer.running) == [0]  # the second part is full, but waits for the first run
        indexer.written(pages[-1], (site / pages[-1]).read_text())
        assert sorted(indexer.running) == [0, 1] and len(indexer.parts) == 3 and indexer.filling == []
    finally:
        indexer.stop()
