"""`build.py serve`: after a save, the preview rebuilds only what the save changes, and shows what a full build would."""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

import kb
from conftest import FIXTURE_CONTENT, ROOT
from kb.checks.loading import Memo
from kb_mkdocs.preview import Preview

STUDY = "case-studies/fixture-cluster.md"


def test_check_reuses_what_loading_gave_for_unchanged_pages(tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(FIXTURE_CONTENT, content)
    memo: Memo = {}
    first = kb.check(content, memo)
    again = kb.check(content, memo)
    assert again.diagnostics == first.diagnostics == kb.check(content).diagnostics
    assert all(again.entries[uri] is entry for uri, entry in first.entries.items())
    (content / STUDY).write_text((content / STUDY).read_text() + "\nOne more line.\n")
    changed = kb.check(content, memo)
    assert changed.entries[STUDY] is not first.entries[STUDY] and "One more line." in changed.entries[STUDY].parsed.body
    assert [uri for uri, entry in changed.entries.items() if entry is not first.entries[uri]] == [STUDY]
    vocabulary = content / "vocabulary.yml"
    vocabulary.write_text(vocabulary.read_text().replace("label: Primary", "label: Primary schools", 1))
    retyped = kb.check(content, memo)
    assert not any(retyped.entries[uri] is changed.entries[uri] for uri in changed.entries)
    (content / STUDY).unlink()
    kb.check(content, memo)
    assert STUDY not in memo


def html_pages(site: Path) -> dict[str, bytes]:
    return {
        p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*.html")) if "admin" not in p.parts
    }


@pytest.fixture
def preview(site_project: Path):
    """A preview of the fixture (built, not served)."""
    shown = Preview(site_project / "mkdocs.yml", 8000)
    shown.full()
    yield shown
    shown.close()


def rebuilt(preview: Preview) -> int | None:
    """Rebuild after a save; returns how many pages the preview built (None: the whole site)."""
    plugin = preview.config.plugins["kb"]
    counted: list[int | None] = []
    update = plugin.update
    plugin.update = lambda config, changed: counted.append(update(config, changed)) or counted[-1]
    preview.rebuild()
    return counted[0] if counted else None


@pytest.mark.parametrize(
    "change",
    [
        lambda text: text + "\nA sentence about peer review and FC.\n",
        lambda text: re.sub(r"(?m)^title: .*$", 'title: "A renamed cluster"', text, count=1),
        lambda text: re.sub(r"(?m)^summary: .*$", 'summary: "Another summary."', text, count=1),
        lambda text: text.replace("\nsources:", "\nrelated: [fixture-maturity]\nsources:", 1),
        lambda text: re.sub(r"See \[the recommendation\]\([^)]*\)\.", "", text),
    ],
    ids=["a sentence", "the title", "the summary", "a related page", "a link removed"],
)
def test_a_saved_page_shows_what_a_full_build_shows(preview: Preview, site_project: Path, change) -> None:
    """Every page of the preview after the save is the page a full build of the saved content makes."""
    page = site_project / "content" / STUDY
    text = page.read_text()
    assert change(text) != text
    page.write_text(change(text))
    built = rebuilt(preview)
    assert built is not None and built >= 1  # pages, not the whole site
    full = Preview(site_project / "mkdocs.yml", 8000)
    try:
        full.full()
        assert html_pages(preview.site) == html_pages(full.site)
    finally:
        full.close()


def test_a_sentence_rebuilds_one_page_and_a_title_the_pages_that_list_it(preview: Preview, site_project: Path) -> None:
    page = site_project / "content" / STUDY
    page.write_text(page.read_text() + "\nOne more sentence.\n")
    assert rebuilt(preview) == 1
    page.write_text(re.sub(r"(?m)^title: .*$", 'title: "A renamed cluster"', page.read_text(), count=1))
    built = rebuilt(preview)
    assert built is not None and built > 3
    assert "A renamed cluster" in (preview.site / "case-studies" / "index.html").read_text()  # its finder


def test_a_new_page_or_vocabulary_builds_the_whole_site(preview: Preview, site_project: Path) -> None:
    (site_project / "content" / "about-us.md").write_text("# About us\n\nWho we are.\n")
    assert rebuilt(preview) is None
    assert "Who we are." in (preview.site / "about-us" / "index.html").read_text()


def test_a_page_with_a_problem_leaves_the_preview_and_says_so(
    preview: Preview, site_project: Path, capsys: pytest.CaptureFixture
) -> None:
    page = site_project / "content" / STUDY
    before = (preview.site / "case-studies" / "fixture-cluster" / "index.html").read_bytes()
    page.write_text(page.read_text().replace("type: case-study", "type: nonsense", 1))
    preview.rebuild()
    assert "Preview not updated" in capsys.readouterr().err
    assert (preview.site / "case-studies" / "fixture-cluster" / "index.html").read_bytes() == before
    page.write_text(page.read_text().replace("type: nonsense", "type: case-study", 1) + "\nFixed.\n")
    preview.rebuild()
    assert "Fixed." in (preview.site / "case-studies" / "fixture-cluster" / "index.html").read_text()


def test_a_whole_build_that_fails_keeps_the_last_good_site_and_the_next_save_builds_again(
    preview: Preview, site_project: Path, capsys: pytest.CaptureFixture
) -> None:
    """A new page (a whole build) with a problem: the preview still serves every page it had; fixed, it builds."""
    before = html_pages(preview.site)
    new_page = site_project / "content" / "about-us.md"
    new_page.write_text("---\ntitle: [unclosed\n---\n\nWho we are.\n")
    preview.rebuild()
    assert "Preview not updated" in capsys.readouterr().err
    assert html_pages(preview.site) == before
    new_page.write_text("# About us\n\nWho we are.\n")
    preview.rebuild()
    assert "Preview not updated" not in capsys.readouterr().err
    assert "Who we are." in (preview.site / "about-us" / "index.html").read_text()


@pytest.mark.browser
def test_the_browser_reloads_a_saved_page_under_the_sites_policy(site_project: Path) -> None:
    """MkDocs' inline reload script is refused by every page's Content-Security-Policy; ours is a file."""
    sys.path.insert(0, str(ROOT / "bench"))
    from preview import measure

    timings = measure(site_project, rounds=1)
    assert timings["save_sentence_s"] < 60 and timings["save_title_s"] < 60


def test_serve_stops_on_ctrl_c_and_leaves_nothing_behind(site_project: Path, tmp_path: Path) -> None:
    """The preview's working folder (made in the temporary folder) is gone after Ctrl-C, and nothing fails."""
    temporary = tmp_path / "tmp"  # this preview's own, so another preview on the machine cannot confuse the test
    temporary.mkdir()
    process = subprocess.Popen(
        [sys.executable, str(ROOT / "build.py"), "serve", "--config", str(site_project / "mkdocs.yml"), "--port", "0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "TMPDIR": str(temporary)},
    )
    deadline = time.monotonic() + 60
    while process.poll() is None and time.monotonic() < deadline and not list(temporary.glob("kb-preview-*")):
        time.sleep(0.05)
    assert list(temporary.glob("kb-preview-*")), "the preview made no working folder"
    time.sleep(1)
    process.send_signal(signal.SIGINT)
    _out, err = process.communicate(timeout=60)
    assert "Traceback" not in err
    assert list(temporary.iterdir()) == []
