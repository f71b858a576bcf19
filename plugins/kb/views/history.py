"""When each page was added and last changed, from git history: one `git log` for the whole content folder."""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path


@dataclass(frozen=True)
class Dates:
    """The commit times (with the committer's offset) that first and last touched a file."""

    added: datetime
    changed: datetime

    @property
    def is_new(self) -> bool:
        """Whether the page has not changed since it was added."""
        return self.added == self.changed


def dates(content_dir: Path) -> dict[str, Dates]:
    """When each file was added and last changed, by path inside `content_dir`.

    Empty when there is no git or no history (a downloaded copy); a shallow
    clone gives every file the date of its one commit.
    """
    try:
        log = subprocess.run(
            ["git", "-c", "core.quotePath=off", "log", "--format=%x00%cI", "--name-only", "--relative", "--", "."],
            cwd=content_dir,
            capture_output=True,
            text=True,
            check=True,
            timeout=120,
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return {}
    changed: dict[str, datetime] = {}
    added: dict[str, datetime] = {}
    current = None
    for line in log.splitlines():
        if line.startswith("\x00"):
            current = datetime.fromisoformat(line[1:])
        elif line and current is not None:
            changed.setdefault(line, current)  # the log is newest first
            added[line] = current
    return {path: Dates(added[path], when) for path, when in changed.items()}


def long_date(day: date) -> str:
    """24 November 2026."""
    return f"{day.day} {day:%B %Y}"
