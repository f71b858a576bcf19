"""Shared fixtures: a small knowledge base written to a temporary folder, and site builds."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import markdown
import pytest
import yaml

import kb

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


def site_markdown(*first: markdown.Extension) -> markdown.Markdown:
    """A Markdown converter with `first`, then the extensions and settings mkdocs.yml gives the site."""
    section = (
        (ROOT / "mkdocs.yml").read_text(encoding="utf-8").split("\nmarkdown_extensions:", 1)[1].split("\n\n", 1)[0]
    )
    names, settings = [], {}
    for item in yaml.safe_load(section):
        name, setting = next(iter(item.items())) if isinstance(item, dict) else (item, {})
        names.append(name)
        settings[name] = setting
    return markdown.Markdown(extensions=[*first, *names], extension_configs=settings)


def write_files(folder: Path, files: dict[str, str | bytes | Path | None]) -> None:
    """Write files under `folder`: text, bytes, a symbolic link to a Path, or None to delete one."""
    for name, value in files.items():
        target = folder / name
        if value is None:
            target.unlink()
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(value, Path):
            target.symlink_to(value)
        elif isinstance(value, bytes):
            target.write_bytes(value)
        else:
            target.write_text(value, encoding="utf-8")


def check_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, files: dict) -> list[str]:
    """`check` on a copy of the fixture content in `tmp_path` with `files` written (see `write_files`): its lines."""
    content = tmp_path / "content"
    shutil.copytree(FIXTURE_CONTENT, content, dirs_exist_ok=True)
    write_files(content, files)
    monkeypatch.chdir(tmp_path)
    return [d.format() for d in kb.check(Path("content")).diagnostics]


def build_command(project: Path, site: Path) -> list[str]:
    """`build.py build` of a project folder into `site`, for tests that run it as a process."""
    return [
        sys.executable,
        str(ROOT / "build.py"),
        "build",
        "--config",
        str(project / "mkdocs.yml"),
        "--site-dir",
        str(site),
    ]


def git(project: Path, *args: str, when: str = "2026-03-12T10:00:00+00:00") -> None:
    """Run git in `project` as a fixed author at a fixed time."""
    env = {
        **os.environ,
        "GIT_AUTHOR_DATE": when,
        "GIT_COMMITTER_DATE": when,
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.org",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.org",
    }
    subprocess.run(["git", *args], cwd=project, check=True, capture_output=True, env=env)


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
