"""Every file under `content/`, against an allowlist: pages, raster images and the vocabulary.

MkDocs publishes whatever is in the content folder, so a contribution could
otherwise add a script, an SVG, an HTML page, a host's `_redirects` file, a
symbolic link to a secret, or a file that takes the place of a theme asset.
Here each file is classified once; anything not allowed is a one-line problem.
"""

from __future__ import annotations

import os
import re
from collections.abc import Set
from dataclasses import dataclass, field
from pathlib import Path

from kb.content.diagnostics import Diagnostic

PAGE_SUFFIX = ".md"
VOCABULARY_FILE = "vocabulary.yml"
OTHER_MARKDOWN = (".markdown", ".mdown", ".mkdn", ".mkd", ".mdwn", ".mdtxt", ".mdtext", ".text", ".rmd", ".txt")
IMAGE_SIGNATURES: dict[str, tuple[bytes, ...]] = {
    ".png": (b"\x89PNG\r\n\x1a\n",),
    ".jpg": (b"\xff\xd8\xff",),
    ".jpeg": (b"\xff\xd8\xff",),
    ".gif": (b"GIF87a", b"GIF89a"),
    ".webp": (b"RIFF",),  # then four bytes of size, then WEBP (checked below)
}
"""Raster images a page may show, with the first bytes a real file of that kind starts with."""
NAME_RE = re.compile(r"^[a-z0-9]+(?:[-_][a-z0-9]+)*$")
ALLOWED = f"a page (.md), an image ({', '.join(IMAGE_SIGNATURES)}) or {VOCABULARY_FILE}"


@dataclass
class ContentFiles:
    """The files of a content folder that may be published, and the problems with the rest."""

    pages: list[str] = field(default_factory=list)
    """Content paths of the Markdown pages, e.g. `case-studies/x.md`, sorted."""
    images: set[str] = field(default_factory=set)
    """Content paths of the images."""
    problems: list[Diagnostic] = field(default_factory=list)

    @property
    def published(self) -> set[str]:
        """Every content path the site may publish."""
        return set(self.pages) | self.images


def scan(content_dir: Path, display: str, reserved_folders: Set[str]) -> ContentFiles:
    """Classify every file and folder under `content_dir`, following no symbolic link.

    `display` is the folder as contributors see it (e.g. `content`); `reserved_folders`
    are top-level names the site's own files use (theme assets, the editor, search).
    """
    found = ContentFiles()
    for folder, dirs, files in os.walk(content_dir, followlinks=False):
        relative = Path(folder).relative_to(content_dir).as_posix()
        prefix = "" if relative == "." else relative + "/"
        for name in sorted(dirs):
            problem = _folder_problem(Path(folder) / name, prefix + name, reserved_folders)
            if problem:
                found.problems.append(Diagnostic(f"{display}/{prefix}{name}", 1, "file", problem))
                dirs.remove(name)  # never read inside it
        for name in sorted(files):
            src_uri = prefix + name
            kind, problem = _classify(Path(folder) / name, src_uri)
            if problem:
                found.problems.append(Diagnostic(f"{display}/{src_uri}", 1, "file", problem))
            elif kind == "page":
                found.pages.append(src_uri)
            elif kind == "image":
                found.images.add(src_uri)
    found.pages.sort()
    return found


def _folder_problem(path: Path, src_uri: str, reserved_folders: Set[str]) -> str | None:
    if path.is_symlink():
        return "expected a folder; found a symbolic link (links are never followed or published)"
    if path.name.startswith((".", "_")):
        return f"expected a folder name that does not start with '.' or '_'; found {path.name!r}"
    if "/" not in src_uri and path.name in reserved_folders:
        return f"expected a folder that does not take the place of the site's own files ({', '.join(sorted(reserved_folders))}); found {path.name + '/'!r}"
    return None


def _classify(path: Path, src_uri: str) -> tuple[str, str | None]:
    """('page' | 'image' | 'vocabulary', None) for an allowed file, else ('', the problem)."""
    name = path.name
    suffix = path.suffix.lower()
    if path.is_symlink():
        return "", "expected a regular file; found a symbolic link (links are never followed or published)"
    if name.startswith((".", "_")):
        return (
            "",
            f"expected a file name that does not start with '.' or '_' (hosts treat such files as settings); found {name!r}",
        )
    if not path.is_file():
        return "", f"expected a regular file; found something else ({ALLOWED} only)"
    if src_uri == VOCABULARY_FILE:
        return "vocabulary", None
    if suffix == PAGE_SUFFIX:
        return "page", None
    if suffix in OTHER_MARKDOWN:
        return "", f"expected a page to end in .md; found {suffix!r} (rename the file to {path.stem}.md)"
    if suffix in IMAGE_SIGNATURES:
        if not NAME_RE.match(path.stem) or suffix != path.suffix:
            return (
                "",
                f"expected an image name in lower-case letters, digits and hyphens, e.g. 'review-timetable{suffix}'; found {name!r}",
            )
        if not _looks_like(path, suffix):
            return "", f"expected a real {suffix[1:].upper()} image; found a file whose content is not one"
        return "image", None
    return "", f"expected {ALLOWED}; found {(suffix or 'a file with no extension')!r}"


def _looks_like(path: Path, suffix: str) -> bool:
    """Whether the file starts as an image of its kind does (so a script cannot pose as one)."""
    try:
        with path.open("rb") as handle:
            head = handle.read(16)
    except OSError:
        return False
    if not head.startswith(IMAGE_SIGNATURES[suffix]):
        return False
    return suffix != ".webp" or head[8:12] == b"WEBP"
