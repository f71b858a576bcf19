"""The build with the pages' work shared by two processes (`kb_mkdocs.two_processes`).

It must give the site one process gives, file for file, with search over every page; and a
warning or error in the second process must stop the build as one in the first would.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import multiprocessing
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from mkdocs.commands import build as mkdocs_build

from kb.output import open_files
from kb_mkdocs import commands, fork, plugin, two_processes
from kb_mkdocs.plugin import KnowledgeBasePlugin


def build(project: Path, site: Path, monkeypatch: pytest.MonkeyPatch, shared: bool) -> int:
    monkeypatch.setattr(two_processes, "SHARED_FROM_PAGES", 2 if shared else 10**9)
    return commands.build(project / "mkdocs.yml", site)


def files_but_search(site: Path) -> dict[str, str]:
    """Every file's hash, but Pagefind's, whose names and contents change from run to run."""
    return {
        path.relative_to(site).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(site.rglob("*"))
        if path.is_file() and not path.relative_to(site).as_posix().startswith("pagefind")
    }


def pages_searched(site: Path) -> int:
    return sum(
        json.loads(entry.read_text())["languages"]["en"]["page_count"]
        for entry in site.glob("pagefind*/pagefind-entry.json")
    )


@pytest.fixture
def writers(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A file with a line 'process-id page' for each page rendered, in whichever process renders it."""
    record = tmp_path / "writers.txt"
    build_page = mkdocs_build._build_page

    def recorded(page, *args, **kwargs):
        with open(record, "a") as handle:
            handle.write(f"{os.getpid()} {page.file.src_uri}\n")
        return build_page(page, *args, **kwargs)

    monkeypatch.setattr(mkdocs_build, "_build_page", recorded)
    return record


LEAVES_STATE = """

The QRS meets each term.[^note]

[^note]: A note of this page.

*[QRS]: a term this page defines

=== "First"

    A tab.

=== "Second"

    Another tab.

??? note "More"

    Hidden until opened.
"""
"""Markdown that leaves state in a converter: an abbreviation, a footnote, a tab group, a collapsed block."""


def test_one_converter_converts_every_page_as_a_new_one_would(
    site_project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    content = site_project / "content"
    (content / "about.md").write_text((content / "about.md").read_text() + LEAVES_STATE)
    later = LEAVES_STATE.replace("*[QRS]: a term this page defines\n", "")  # QRS: an abbreviation only if one leaked
    (content / "accessibility.md").write_text((content / "accessibility.md").read_text() + later)
    assert build(site_project, tmp_path / "one", monkeypatch, shared=False) == 0
    monkeypatch.setattr(two_processes, "one_converter", contextlib.nullcontext)
    assert build(site_project, tmp_path / "new", monkeypatch, shared=False) == 0
    assert files_but_search(tmp_path / "one") == files_but_search(tmp_path / "new")
    page = (tmp_path / "one" / "accessibility" / "index.html").read_text()
    assert "QRS meets" in page and "<abbr" not in page and 'id="fn:note"' in page


def test_two_processes_build_the_site_one_process_builds(
    site_project: Path, tmp_path: Path, writers: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KB_SEARCH_PART_PAGES", "3")  # parts cut inside each process's half
    config = site_project / "mkdocs.yml"  # menu entries titled by their pages: each page's menu shows them all
    entry = "  - Share your practice: share-your-practice.md\n"
    assert entry in config.read_text()
    config.write_text(
        config.read_text().replace(entry, entry + "  - about.md\n  - accessibility.md\n  - how-we-rate-evidence.md\n")
    )
    assert build(site_project, tmp_path / "one", monkeypatch, shared=False) == 0
    alone = writers.read_text().split("\n")
    writers.unlink()
    assert build(site_project, tmp_path / "two", monkeypatch, shared=True) == 0
    rendered = [line.split(" ") for line in writers.read_text().split("\n") if line]
    by_process = {pid: [page for p, page in rendered if p == pid] for pid, _ in rendered}
    assert len(by_process) == 2 and str(os.getpid()) in by_process
    assert all(by_process.values())  # each renders some
    assert sorted(page for _, page in rendered) == sorted(line.split(" ")[1] for line in alone if line)
    one, two = files_but_search(tmp_path / "one"), files_but_search(tmp_path / "two")
    assert len(one) > 100 and one == two
    assert "Accessibility statement" in (tmp_path / "two" / "about" / "index.html").read_text()
    assert pages_searched(tmp_path / "two") == pages_searched(tmp_path / "one") >= 15


def last_page_only(monkeypatch: pytest.MonkeyPatch, do) -> None:
    """Make `do(page)` happen while the last page (one of the second process's) is finished."""
    on_post_page = KnowledgeBasePlugin.on_post_page

    def patched(self, output, *, page, config):
        if page.file.src_uri == self.files.documentation_pages()[-1].src_uri:
            do(page)
        return on_post_page(self, output, page=page, config=config)

    monkeypatch.setattr(KnowledgeBasePlugin, "on_post_page", patched)


def test_a_warning_in_the_second_process_fails_the_strict_build_once(
    site_project: Path, writers: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture
) -> None:
    site = site_project / "site"
    assert build(site_project, site, monkeypatch, shared=True) == 0
    before = files_but_search(site)
    writers.unlink()
    last_page_only(monkeypatch, lambda page: mkdocs_build.log.warning("an odd page: %s", page.file.src_uri))
    capsys.readouterr()
    assert build(site_project, site, monkeypatch, shared=True) == 1
    errors = capsys.readouterr().err
    assert errors.count("an odd page: ") == 1 and "1 warnings" in errors
    assert len({line.split(" ")[0] for line in writers.read_text().split("\n") if line}) == 2
    assert files_but_search(site) == before  # the last good site


def test_an_error_in_the_second_process_fails_the_build_and_ends_it(
    site_project: Path, writers: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture
) -> None:
    def fail(page) -> None:
        raise ValueError(f"no way to finish {page.file.src_uri}")

    last_page_only(monkeypatch, fail)
    assert build(site_project, site_project / "site", monkeypatch, shared=True) == 1
    errors = capsys.readouterr().err
    assert "ValueError: no way to finish" in errors and "The last good site is unchanged." in errors
    assert not (site_project / "site").exists()
    assert not [path for path in site_project.iterdir() if path.name.startswith(".site-")]  # no staging left
    assert len({line.split(" ")[0] for line in writers.read_text().split("\n") if line}) == 2
    assert multiprocessing.active_children() == []  # the second process was ended and waited for


def test_leaving_the_build_early_ends_the_second_process_at_once() -> None:
    """Ctrl-C, SIGTERM or an error in the build's own process: the forked one is ended, not waited for."""
    started, pids = time.monotonic(), []

    def stopped_early() -> None:
        with fork.Fork(lambda _channel: time.sleep(60), True) as forked:
            assert forked.process is not None
            pids.append(forked.process.pid)
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        stopped_early()
    assert time.monotonic() - started < 10
    with pytest.raises(ProcessLookupError):  # ended and waited for
        os.kill(pids[0], 0)


def test_the_open_data_made_in_a_forked_process_is_the_data_made_here(
    site_project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`on_files` makes the open data files in a fork while it builds the link graph; without a fork, itself."""
    record = tmp_path / "made-in.txt"
    files = open_files.files

    def recorded(*args):
        with open(record, "a") as handle:
            handle.write(f"{os.getpid()}\n")
        return files(*args)

    monkeypatch.setattr(open_files, "files", recorded)
    assert build(site_project, tmp_path / "forked", monkeypatch, shared=False) == 0
    made_in = record.read_text().split()
    assert len(made_in) == 1 and made_in != [str(os.getpid())]
    record.unlink()
    monkeypatch.setattr(plugin, "can_fork", lambda: False)
    assert build(site_project, tmp_path / "here", monkeypatch, shared=False) == 0
    assert record.read_text().split() == [str(os.getpid())]
    api = {path: digest for path, digest in files_but_search(tmp_path / "forked").items() if path.startswith("api/")}
    assert len(api) > 10 and api == {
        path: digest for path, digest in files_but_search(tmp_path / "here").items() if path.startswith("api/")
    }


def test_ctrl_c_while_waiting_for_the_forks_answer_ends_it_at_once() -> None:
    """Interrupted while the fork sends more than a pipe holds, the build ends it rather than wait for a reader."""
    script = """
import signal, time
from kb_mkdocs.fork import Fork

def interrupt(*_):
    raise KeyboardInterrupt

def work(_channel):
    time.sleep(0.5)
    return "x" * 5_000_000

signal.signal(signal.SIGALRM, interrupt)
try:
    with Fork(work, True) as forked:
        signal.setitimer(signal.ITIMER_REAL, 0.2)
        forked.result()
except KeyboardInterrupt:
    print("stopped")
"""
    plugins = str(Path(two_processes.__file__).parents[1])
    result = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "PYTHONPATH": plugins},
    )
    assert result.stdout.strip() == "stopped", result.stderr
