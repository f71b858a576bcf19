"""Read a page body: its headings (with their anchors) and its links, each with a line."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterator

from markdown.extensions.toc import slugify, unique

FENCE_RE = re.compile(r"^\s*(```|~~~)")
HEADING_RE = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
ATTR_ID_RE = re.compile(r"\s*\{[^}]*#([\w-]+)[^}]*\}\s*$")
LINK_RE = re.compile(r"!?\[(?:[^\]\\]|\\.)*\]\(\s*<?([^)\s>]*)>?(?:\s+[\"'][^)]*[\"'])?\s*\)")
REF_DEF_RE = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)")
CODE_SPAN_RE = re.compile(r"`+[^`]*`+")
INLINE_MARKUP_RE = re.compile(r"[*_`]|\[([^\]]*)\]\([^)]*\)")


@dataclass(frozen=True)
class Heading:
    level: int
    text: str
    anchor: str
    line: int


@dataclass(frozen=True)
class Link:
    target: str
    line: int


def lines_outside_code(body: str, first_line: int = 1) -> Iterator[tuple[int, str]]:
    """Yield (file line, text) for lines not inside fenced code blocks."""
    fence = None
    for offset, text in enumerate(body.split("\n")):
        match = FENCE_RE.match(text)
        if match:
            fence = None if fence == match.group(1) else (fence or match.group(1))
            continue
        if fence is None:
            yield first_line + offset, text


def headings(body: str, first_line: int = 1) -> list[Heading]:
    """ATX headings with the anchors the toc extension gives them."""
    found, used = [], set()
    for line, text in lines_outside_code(body, first_line):
        match = HEADING_RE.match(text)
        if not match:
            continue
        title = match.group(2)
        custom = ATTR_ID_RE.search(title)
        if custom:
            title = title[: custom.start()]
            anchor = custom.group(1)
        else:
            plain = INLINE_MARKUP_RE.sub(lambda m: m.group(1) or "", title)
            anchor = slugify(plain, "-")
        anchor = unique(anchor, used)
        found.append(Heading(len(match.group(1)), title.strip(), anchor, line))
    return found


def links(body: str, first_line: int = 1) -> list[Link]:
    """Inline and reference-style link targets, outside code."""
    found = []
    for line, text in lines_outside_code(body, first_line):
        text = CODE_SPAN_RE.sub("", text)
        found += [Link(m.group(1), line) for m in LINK_RE.finditer(text)]
        ref = REF_DEF_RE.match(text)
        if ref:
            found.append(Link(ref.group(1), line))
    return found
