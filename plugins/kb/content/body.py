"""Read a page body: its headings (with their anchors) and its links, each with a line.

Bodies come from strangers, so every scan takes time linear in the line: each
regular expression here is anchored or cannot backtrack far, and links are found
by a scanner that never reads the same text twice over (a line of 80,000 `[`
took minutes with the one regular expression it replaces).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from markdown.extensions.toc import slugify, unique

FENCE_RE = re.compile(r"^\s*(```|~~~)")
HEADING_RE = re.compile(r"(#{1,6})\s++")
ATTR_ID_RE = re.compile(r"\{[^}]*#([\w-]+)[^}]*\}\s*$")
LINK_TEXT_RE = re.compile(r"(?:[^\]\\]++|\\.)*+")
"""A link's text up to its `]`: anything but `]`, with backslash escapes."""
LINK_DESTINATION_RE = re.compile(r"(\s*+)<?([^)\s>]*+)>?")
"""The start of what is between a link's `(` and `)`: spaces, the target, perhaps in `<>`."""
SPACES_RE = re.compile(r"\s*+")
QUOTES = "\"'"
REF_DEF_RE = re.compile(r"^\s{0,3}\[(?!\^)[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)")
"""A reference definition, `[label]: target`; group 1 is the target."""
CODE_SPAN_RE = re.compile(r"`+[^`]*`+")
MARKUP_RE = re.compile(r"[*_`\[]")


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


def without_code_spans(line: str, fill: str = "") -> str:
    """`line` with each inline code span replaced by `fill` (quick when it has no backtick)."""
    return CODE_SPAN_RE.sub(fill, line) if "`" in line else line


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
    found: list[Heading] = []
    used: set[str] = set()
    for line, text in lines_outside_code(body, first_line):
        match = HEADING_RE.match(text)
        if not match:
            continue
        title = text[match.end() :].rstrip().rstrip("#").rstrip()
        custom = custom_id(title)
        if custom:
            title, anchor = title[: custom[0]], custom[1]
        else:
            anchor = slugify(plain_heading(title), "-")
        anchor = unique(anchor, used)
        found.append(Heading(len(match.group(1)), title.strip(), anchor, line))
    return found


def custom_id(title: str) -> tuple[int, str] | None:
    """Where a closing `{ ... #id ... }` starts in a heading, and its id (the last `#id` in it)."""
    end = len(title.rstrip()) - 1
    if end < 0 or title[end] != "}":
        return None
    opening = title.find("{", title.rfind("}", 0, end) + 1, end)
    match = ATTR_ID_RE.match(title, opening) if opening >= 0 else None
    return (len(title[:opening].rstrip()), match.group(1)) if match else None


def plain_heading(title: str) -> str:
    """A heading's text without `*`, `_` and backticks, each `[text](address)` reduced to its text."""
    parts, pos, close, paren = [], 0, 0, 0
    while match := MARKUP_RE.search(title, pos):
        start = match.start()
        parts.append(title[pos:start])
        pos = start + 1
        if title[start] != "[":
            continue
        if 0 <= close <= start:
            close = title.find("]", start + 1)
        if close > 0 and title.startswith("(", close + 1):
            if 0 <= paren < close + 2:
                paren = title.find(")", close + 2)
            if paren > 0:
                parts.append(title[start + 1 : close])
                pos = paren + 1
                continue
        parts.append("[")
    parts.append(title[pos:])
    return "".join(parts)


def links(body: str, first_line: int = 1) -> list[Link]:
    """Inline and reference-style link targets, outside code."""
    found = []
    for line, raw in lines_outside_code(body, first_line):
        text = without_code_spans(raw)
        found += [Link(target, line) for target in inline_link_targets(text)]
        ref = REF_DEF_RE.match(text)
        if ref:
            found.append(Link(ref.group(1), line))
    return found


def inline_link_targets(text: str) -> list[str]:
    """Targets of `[text](target "title")` links and images in one line, left to right, in linear time.

    A `[` whose link fails rules out every later `[` before the same `]`, and every
    later `](` inside the same target: they would fail in the same way.
    """
    found, pos, paren, last, dead = [], 0, -1, -1, 0
    while (start := text.find("[", pos)) >= 0:
        link_text = LINK_TEXT_RE.match(text, start + 1)
        assert link_text is not None  # the pattern matches the empty string, so always matches
        close = link_text.end()
        if close == len(text) or text[close] != "]":
            break  # no `]` to close this text, nor any later one
        pos = close + 1
        if not text.startswith("(", pos) or close + 2 < dead:
            continue
        if paren < close + 2:
            paren = text.find(")", close + 2)
            if paren < 0:
                break  # no `)` to close this link, nor any later one
            last = _last_visible(text, paren)
        target, dead = _destination(text, close + 2, paren, last)
        if target is not None:
            found.append(target)
            pos = paren + 1
    return found


def _last_visible(text: str, end: int) -> int:
    """The position of the last character before `end` that is not a space."""
    while end > 0 and text[end - 1].isspace():
        end -= 1
    return end - 1


def _destination(text: str, start: int, end: int, last: int) -> tuple[str | None, int]:
    """The target of a link written `(target "title")` between `start` and `end` (None if it is not one), and where its target ends."""
    match = LINK_DESTINATION_RE.match(text, start, end)
    assert match is not None  # the pattern matches the empty string, so always matches
    after = match.end()
    spaces_after = SPACES_RE.match(text, after, end)
    assert spaces_after is not None  # likewise
    rest = spaces_after.end()
    titled = text[last] in QUOTES
    if rest == end or (rest > after and text[rest] in QUOTES and titled and last > rest):
        return match.group(2), match.end(2)
    spaces = match.end(1)
    if spaces > start and text[spaces] in QUOTES and titled and last > spaces:
        return "", match.end(2)  # only a title, after a space
    return None, match.end(2)


def sections(body: str) -> list[tuple[str, str]]:
    """(heading, text) of each level-2 section of a body, outside code, in order."""
    found: list[tuple[str, list[str]]] = []
    for _line, text in lines_outside_code(body):
        if text.startswith("## "):
            found.append((plain_heading(text[3:].strip()), []))
        elif found:
            found[-1][1].append(text)
    return [(title, "\n".join(lines).strip()) for title, lines in found]
