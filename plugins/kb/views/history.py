"""When each page last changed, from git history: one `git log` for the whole content folder."""

from __future__ import annotations

import subprocess
from datetime import date
from pathlib import Path


def last_changed(content_dir: Path) -> dict[str, date]:
    """Date of the last commit touching each file, by path inside `content_dir`.

    Empty when there is no git or no history (a downloaded copy); a shallow
    clone gives every file the date of its one commit.
    """
    try:
        log = subprocess.run(
            ["git", "log", "--format=%x00%cs", "--name-only", "--relative", "--", "."],
            cwd=content_dir,
            capture_output=True,
            text=True,
            check=True,
            timeout=120,
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return {}
    dates: dict[str, date] = {}
    current = None
    for line in log.splitlines():
        if line.startswith("\x00"):
            current = date.fromisoformat(line[1:])
        elif line and current is not None:
            dates.setdefault(line, current)  # the log is newest first
    return dates


def long_date(day: date) -> str:
    """24 November 2026."""
    return f"{day.day} {day:%B %Y}"
