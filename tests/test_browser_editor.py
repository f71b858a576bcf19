"""The browser editor end to end: in local mode (`build.py editor`), a case study written through
the form becomes a branch (a pull request on GitHub), passes `build.py check` and appears in the built site."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from browser import axe_violations, browser
from conftest import ROOT, make_site, run_build_py
from kb.output.scaffold import slugify

pytestmark = pytest.mark.skipif(
    not (ROOT / "node_modules" / "decap-server").is_dir(), reason="npm packages not installed (tools/setup.sh)"
)

TITLE = "Don't wait: peer visits in a café cluster"
BODY = """## Context

Three primary schools in one city wanted to learn from each other.

## What they did

1. Heads visited each other's schools once a term.

## What changed

The heads said their planning improved.

## What got in the way

- Finding cover for visits.

## What helped

- A shared calendar.

## Lessons

- Start with a small group.

## Questions for discussion

1. Which school could you visit first?"""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def git(project: Path, *args: str) -> str:
    result = subprocess.run(["git", "-C", str(project), *args], capture_output=True, text=True, check=True)
    return result.stdout


@pytest.fixture(scope="module")
def editor(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, str]]:
    """`build.py editor` running on a fresh clone of the fixture project; yields (project, site URL)."""
    project = make_site(tmp_path_factory.mktemp("editor") / "project").parent
    shutil.copy(ROOT / ".gitignore", project / ".gitignore")
    git(project, "init", "-q", "-b", "main")
    git(project, "add", "-A")
    git(project, "-c", "user.name=Test", "-c", "user.email=test@example.org", "commit", "-q", "-m", "Fixture")
    git(project, "config", "user.name", "Test")
    git(project, "config", "user.email", "test@example.org")
    port, backend_port = free_port(), free_port()
    log = open(project.parent / "editor.log", "w")  # noqa: SIM115 - open while the editor runs, closed below
    command = [
        sys.executable,
        str(ROOT / "build.py"),
        "editor",
        "--config",
        str(project / "mkdocs.yml"),
        "--port",
        str(port),
        "--backend-port",
        str(backend_port),
    ]
    process = subprocess.Popen(command, cwd=project, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    url = f"http://127.0.0.1:{port}/"
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                urllib.request.urlopen(url + "admin/config.yml", timeout=5).read()
                info = urllib.request.Request(
                    f"http://127.0.0.1:{backend_port}/api/v1",
                    data=b'{"action":"info"}',
                    headers={"Content-Type": "application/json"},
                )
                urllib.request.urlopen(info, timeout=5)
                break
            except OSError:
                if time.monotonic() > deadline or process.poll() is not None:
                    raise AssertionError((project.parent / "editor.log").read_text()) from None
                time.sleep(0.5)
        yield project, url
    finally:
        os.killpg(process.pid, signal.SIGINT)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
        log.close()


def field(page, name: str):
    return page.locator(f'[id^="{name}-field-"]').first


def choose(page, name: str, *labels: str) -> None:
    """Pick options in a select or relation widget by typing, as a keyboard user would."""
    for label in labels:
        field(page, name).click()
        page.keyboard.type(label)
        page.get_by_role("option", name=label).first.click()


def log_in(page, url: str) -> None:
    page.goto(url + "admin/")
    page.get_by_role("button", name="Login").click()
    page.get_by_role("link", name="Case studies").first.wait_for()


def test_a_case_study_written_in_the_form_becomes_a_branch_that_passes_check_and_builds(editor, tmp_path: Path) -> None:
    project, url = editor
    with browser() as chromium:
        page = chromium.new_page(viewport={"width": 1400, "height": 1000})
        log_in(page, url)
        page.goto(url + "admin/#/collections/case-studies/new")
        field(page, "title").fill(TITLE)
        field(page, "summary").fill("Three primary schools visited each other termly and said their planning improved.")
        choose(page, "phase", "Primary")
        choose(page, "region", "Not given in the source")
        choose(page, "community", "Urban")
        field(page, "context").fill("Three primary schools in one city.")
        choose(page, "partnership_type", "Peer review cluster")
        field(page, "period").fill("2019 to 2020")
        choose(page, "anonymised", "Yes")
        choose(page, "evidence_type", "Interviews")
        field(page, "evidence_note").fill("An account by the heads; no outcome data.")
        choose(page, "theme", "Peer review")
        page.get_by_role("button", name="Add sources").click()
        choose(page, "source", "Fixture (2020): a study of peer review")
        field(page, "locator").fill("§2, p. 3")

        # The body starts as the type's template, section by section.
        editor_box = page.locator("[data-slate-editor]").first
        assert "What got in the way" in editor_box.inner_text()
        page.get_by_role("switch", name="Edit as Markdown").click()
        editor_box = page.locator("[data-slate-editor]").first
        editor_box.click()
        page.keyboard.press("Control+A")
        page.keyboard.press("Backspace")
        for number, line in enumerate(BODY.split("\n")):
            if number:
                page.keyboard.press("Enter")
            if line:
                page.keyboard.insert_text(line)

        # The preview uses the site's own styles.
        preview = page.frame_locator("iframe").first
        assert preview.locator("h1").inner_text() == TITLE
        assert preview.locator('link[href$="assets/stylesheets/kb.css"]').count() == 1
        assert preview.locator(".kb-summary").inner_text().startswith("Three primary schools")

        page.get_by_role("button", name="Save").click()
        branch = f"cms/case-studies/{slugify(TITLE)}"
        deadline = time.monotonic() + 30
        while branch not in git(project, "branch", "--list", "cms/*"):
            assert time.monotonic() < deadline, "the editor did not save the page as a branch"
            time.sleep(0.5)

    path = f"content/case-studies/{slugify(TITLE)}.md"
    assert slugify(TITLE) == "dont-wait-peer-visits-in-a-cafe-cluster"
    assert path not in git(project, "ls-tree", "-r", "--name-only", "main"), (
        "a submission must never be committed to main"
    )
    written = git(project, "show", f"{branch}:{path}")
    assert "anonymised:" in written and "## What they did" in written

    # What the form wrote passes the checks as it stands, and the page is in the built site.
    clone = tmp_path / "review"
    git(project, "worktree", "add", "-q", str(clone), branch)
    checked = run_build_py("check", "--content", str(clone / "content"))
    assert checked.returncode == 0, checked.stdout
    built = run_build_py("build", "--config", str(clone / "mkdocs.yml"), "--site-dir", str(clone / "site"))
    assert built.returncode == 0, built.stdout + built.stderr
    html = (clone / "site" / "case-studies" / slugify(TITLE) / "index.html").read_text(encoding="utf-8")
    assert "peer visits in a café cluster</h1>" in html
    assert "Heads visited each other" in html
    assert f'href="{slugify(TITLE)}/"' in (clone / "site" / "case-studies" / "index.html").read_text(encoding="utf-8")


def test_an_existing_framework_opens_with_its_levels_and_preview(editor) -> None:
    _project, url = editor
    with browser() as chromium:
        page = chromium.new_page(viewport={"width": 1400, "height": 1000})
        log_in(page, url)
        page.goto(url + "admin/#/collections/frameworks/entries/fixture-maturity")
        preview = page.frame_locator("iframe").first
        assert preview.locator("h1").inner_text() == "A fixture maturity model"
        levels = page.get_by_label("What level beginning looks like")
        assert levels.first.input_value() == "Little sharing."
        assert page.get_by_role("button", name="Delete published entry").count() == 0  # deleting would commit directly
        assert page.get_by_title("Preview of the page").count() == 1


@pytest.mark.parametrize(("width", "height"), [(1280, 900), (390, 844)])
def test_the_sign_in_screen_names_the_site_and_says_what_happens_after_saving(editor, width: int, height: int) -> None:
    _project, url = editor
    with browser() as chromium:
        context = chromium.new_context(viewport={"width": width, "height": height}, bypass_csp=True)  # lets axe in
        page = context.new_page()
        page.goto(url + "admin/")
        login = page.get_by_role("button", name="Login")
        login.wait_for()
        intro = page.locator("#kb-editor-intro")
        assert intro.is_visible() and intro.get_by_role("link", name="School Partnerships Knowledge Base").is_visible()
        assert intro.get_by_role("heading", level=1).inner_text() == "Write or edit a page"
        assert page.locator('img[src="logo.svg"]').is_visible()
        assert login.bounding_box()["y"] + login.bounding_box()["height"] <= height  # sign-in within the first screen
        assert axe_violations(page) == []
        login.click()
        page.get_by_role("link", name="Case studies").first.wait_for()
        assert intro.is_hidden()  # signed in, the editor has the whole screen
        context.close()
