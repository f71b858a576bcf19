"""Shared fixtures: a small knowledge base written to a temporary folder, and site builds."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FIXTURE_CONTENT = ROOT / "tests" / "fixtures" / "content"


def run_build_py(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    """Run `python build.py ...` as a contributor would."""
    return subprocess.run(
        [sys.executable, str(ROOT / "build.py"), *args], cwd=cwd, capture_output=True, text=True, timeout=600
    )


def make_site(folder: Path, content: Path = FIXTURE_CONTENT) -> Path:
    """A project folder (mkdocs.yml, theme, content copy) ready to build; returns its mkdocs.yml."""
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "mkdocs.yml", folder / "mkdocs.yml")
    shutil.copytree(ROOT / "theme_overrides", folder / "theme_overrides")
    shutil.copytree(content, folder / "content")
    return folder / "mkdocs.yml"


@pytest.fixture
def site_project(tmp_path: Path) -> Path:
    """A copy of the fixture project in a temporary folder."""
    return make_site(tmp_path / "project").parent


@pytest.fixture(scope="session")
def built_fixture_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture knowledge base built once with the full pipeline; returns the site folder."""
    project = make_site(tmp_path_factory.mktemp("fixture") / "project").parent
    result = run_build_py("build", "--config", str(project / "mkdocs.yml"), "--site-dir", str(project / "site"))
    assert result.returncode == 0, result.stdout + result.stderr
    return project / "site"


@pytest.fixture(scope="session")
def real_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real knowledge base built once with the full pipeline; returns the site folder."""
    project = make_site(tmp_path_factory.mktemp("real") / "project", content=ROOT / "content").parent
    result = run_build_py("build", "--config", str(project / "mkdocs.yml"), "--site-dir", str(project / "site"))
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return project / "site"


@pytest.fixture(scope="session")
def recorded_site(tmp_path_factory: pytest.TempPathFactory):
    """The fixture site built in-process, with the template data each page was given (awesome-nav's recorder idea).

    Returns (site folder, {content path: {"kb": ..., "finder": ..., ...}}).
    """
    from kb_mkdocs import commands
    from kb_mkdocs.plugin import KnowledgeBasePlugin

    project = make_site(tmp_path_factory.mktemp("recorded") / "project").parent
    recorded: dict[str, dict] = {}
    original = KnowledgeBasePlugin.on_page_context

    def recording(self, context, *, page, config, nav):
        context = original(self, context, page=page, config=config, nav=nav)
        recorded[page.file.src_uri] = {
            name: context[name] for name in ("kb", "finder", "search", "comparison", "home") if name in context
        }
        return context

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(KnowledgeBasePlugin, "on_page_context", recording)
        assert commands.build(project / "mkdocs.yml", project / "site") == 0
    return project / "site", recorded
