"""Our own content at any size: renamed copies of its pages, their references rewritten, the glossary growing with it.

Copy k of a page `x` is `x-ck` in the same folder. In copy k every reference
(front matter fields and links in the text) to a page that also has a copy k
points to that copy; references to pages without one stay on the original.
Each copied concept names its own terms (`Term ck`) and acronym (`JPDZB`), so
the glossary grows with the pages; aliases are renamed too. Root pages and the
vocabulary are copied once. The same content and size always give the same files.

    python bench/replicate.py 2000 /tmp/kb-real-2000
"""

from __future__ import annotations

import argparse
import posixpath
import re
import shutil
import sys
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "plugins"))

from kb.checks.loading import load  # noqa: E402
from kb.content.fields import references  # noqa: E402
from kb.content.frontmatter import parse_yaml, split  # noqa: E402
from kb.content.knowledge_base import Entry  # noqa: E402


def replicate(content: Path, pages: int, project: Path) -> int:
    """Write `project/content` with about `pages` pages made from `content`; returns the number of pages."""
    kb = load(content)
    typed = sorted(kb.typed(), key=lambda e: e.src_uri)
    target = project / "content"
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(content, target)
    written = len(kb.entries)
    copy = 2
    while written < pages:
        need = min(pages - written, len(typed))
        members = [typed[i * len(typed) // need] for i in range(need)]  # a last, partial copy spread over every type
        in_copy = {e.slug for e in members}
        uri_of = {e.src_uri: e.slug for e in typed}
        for entry in members:
            text = _copy_of((content / entry.src_uri).read_text(encoding="utf-8"), entry, copy, in_copy, uri_of)
            path = target / posixpath.dirname(entry.src_uri) / f"{_renamed(entry.slug, copy)}.md"
            path.write_text(text, encoding="utf-8")
        written += len(members)
        copy += 1
    return written


def _renamed(slug: str, copy: int) -> str:
    return f"{slug}-c{copy}"


def _capitals(copy: int) -> str:
    """Letters that mark copy `copy` in an acronym: B for 2, C for 3, ..., BA for 27."""
    letters = ""
    while copy:
        copy, digit = divmod(copy, 26)
        letters = chr(ord("A") + digit) + letters
    return "Z" + letters


def _copy_of(text: str, entry: Entry, copy: int, in_copy: set[str], uri_of: dict[str, str]) -> str:
    """The text of copy number `copy` of `entry`, whose file holds `text`."""
    front, body, _line = split(text.replace("\r\n", "\n"))
    meta, _lines = parse_yaml(front)

    def rename(slug: str) -> str:
        return _renamed(slug, copy) if slug in in_copy else slug

    for loc, slug, _types in references(entry.page):
        _set(meta, loc, rename(slug))
    meta["aliases"] = [_renamed(alias, copy) for alias in meta.get("aliases") or []]
    if entry.type == "concept":
        meta["term"] = f"{meta['term']} c{copy}"
        meta["also_known_as"] = [f"{name} c{copy}" for name in meta.get("also_known_as") or []]
        if meta.get("acronym"):
            meta["acronym"] = meta["acronym"] + _capitals(copy)
    folder = posixpath.dirname(entry.src_uri)
    for link in {link.target for link in entry.links}:
        path, _, fragment = link.partition("#")
        uri = posixpath.normpath(posixpath.join(folder, path))
        if path.endswith(".md") and uri_of.get(uri) in in_copy:
            renamed = posixpath.join(posixpath.dirname(path), f"{_renamed(uri_of[uri], copy)}.md")
            new = renamed + (f"#{fragment}" if fragment else "")
            body = re.sub(rf"(?<=[(<\s]){re.escape(link)}(?=[)>\s]|$)", new, body, flags=re.MULTILINE)
    dumped = yaml.safe_dump(meta, sort_keys=False, allow_unicode=True, width=10_000)
    return f"---\n{dumped}---\n{body}"


def _set(data: Any, loc: tuple, value: str) -> None:
    for key in loc[:-1]:
        data = data[key]
    data[loc[-1]] = value


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pages", type=int)
    parser.add_argument("project", type=Path)
    args = parser.parse_args()
    print(replicate(ROOT / "content", args.pages, args.project), "pages")


if __name__ == "__main__":
    main()
