"""Where a build may write: never into the project or its sources, and only over a site it made."""

from __future__ import annotations

from pathlib import Path

MARK = ".kb-site"
"""A file in every site folder a build made; only such a folder (or an empty or missing one) is replaced."""
MARK_TEXT = "This folder was made by `build.py build`; the next build replaces all of it.\n"
PROTECTED = (
    "content",
    "plugins",
    "theme_overrides",
    "tests",
    "tools",
    "schema",
    "bench",
    ".git",
    ".github",
    ".venv",
    "node_modules",
)
"""Folders of the project a site may never be written into."""


def problem(site_dir: Path, project: Path, content_dir: Path) -> str | None:
    """Why `site_dir` may not receive a build, or None. Both paths must be absolute and resolved."""
    shown = str(site_dir)
    if site_dir == project or site_dir in project.parents:
        return f"expected a site folder outside the project's own files; found {shown}, which holds the project"
    for folder in (content_dir, *(project / name for name in PROTECTED)):
        if site_dir == folder or folder in site_dir.parents:
            return f"expected a site folder outside the project's sources; found {shown}, inside {folder}"
    if site_dir.is_symlink() or (site_dir.exists() and not site_dir.is_dir()):
        return f"expected a folder (or nothing) at {shown}; found a file or a link"
    if site_dir.is_dir() and not (site_dir / MARK).is_file() and any(site_dir.iterdir()):
        return (
            f"expected an empty folder or a site a previous build made; found {shown}, which holds files"
            " no build made (move them, or choose another --site-dir)"
        )
    return None


def mark(site_dir: Path) -> None:
    """Mark a finished site as made by a build, so the next build may replace it."""
    (site_dir / MARK).write_text(MARK_TEXT, encoding="utf-8")
