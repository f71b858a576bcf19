"""Hostile content: the raw-HTML policy for contributed pages, checked line by line.

Policy. Pages are Markdown. Raw HTML is allowed only for a few harmless
layout tags (RAW_HTML_TAGS) with a few attributes (RAW_HTML_ATTRIBUTES): enough
for grid cards and keyboard keys, never for script, frames, forms, embedded
objects, styles or event handlers. Links and images may only use http, https,
mailto or relative addresses. Includes (`--8<--`) are refused: the snippets
extension is not enabled, and contributed pages may not read other files.
Front matter is plain text: no HTML in it. Jinja or macro syntax in content is
never evaluated (MkDocs renders Markdown, not templates), so it is harmless
text. The built HTML of every page is also passed through a sanitiser
(`sanitise.py`), so anything this check misses still cannot run.
"""

from __future__ import annotations

import html
import re

from kb.content.body import REF_DEF_RE, lines_outside_code, without_code_spans
from kb.content.diagnostics import Diagnostic
from kb.content.frontmatter import ParsedPage, dotted
from kb.content.frontmatter import Path as FieldPath

RAW_HTML_TAGS = {"div", "span", "kbd", "abbr", "br", "sub", "sup", "mark", "small", "details", "summary"}
RAW_HTML_ATTRIBUTES = {"class", "id", "title", "markdown", "lang", "open"}
SAFE_SCHEMES = ("http:", "https:", "mailto:")
SCRIPT_SCHEMES = ("javascript:", "vbscript:", "data:", "file:", "livescript:")

TAG_RE = re.compile(r"<\s*+(/?)\s*+([a-zA-Z][a-zA-Z0-9:-]*+)((?:[^>\"']++|\"[^\"]*+\"|'[^']*+')*+)>?")
ATTRIBUTE_RE = re.compile(r"([^\s=/>\"']+)(?:\s*=\s*(\"[^\"]*\"|'[^']*'|[^\s>]+))?")
ATTR_LIST_RE = re.compile(r"\{:?([^{}]*)\}")
LINK_START_RE = re.compile(r"\]\(|<")
INLINE_TARGET_RE = re.compile(r"\]\(\s*+<?([^)>]*+)")
AUTOLINK_RE = re.compile(r"<([a-zA-Z][a-zA-Z0-9+.-]*+:[^>\s]*+)(>?)")
EVENT_HANDLER_RE = re.compile(r"(?:^|[\s:])on[a-z]+\s*=", re.IGNORECASE)
ASSIGNED_URL_RE = re.compile(
    r"\b(?:href|src|action|formaction|xlink:href)\s*=\s*(\"[^\"]*\"|'[^']*'|\S+)", re.IGNORECASE
)
HTML_IN_TEXT_RE = re.compile(r"<\s*+/?\s*+[a-zA-Z!?]")
"""Every pattern above runs on contributors' lines, so each is anchored where it starts or cannot backtrack far: time linear in the line."""


def _plain(url: str) -> str:
    """`url` with entities decoded (twice) and hidden characters removed, in lower case."""
    return re.sub(r"[\x00-\x20\x7f-\x9f]+", "", html.unescape(html.unescape(url))).lower()


def unsafe_url(url: str) -> bool:
    """True if a link target uses a scheme other than http, https or mailto (relative addresses are fine)."""
    plain = _plain(url)
    return bool(re.match(r"^[a-z][a-z0-9+.-]*:", plain)) and not plain.startswith(SAFE_SCHEMES)


def script_url(text: str) -> bool:
    """True if `text` is an address that can run script (javascript:, vbscript:, data: ...)."""
    return _plain(text).startswith(SCRIPT_SCHEMES)


MAX_BRACKETS = 1000
"""Square brackets a page may hold: Python-Markdown's link patterns take quadratic time in a paragraph's
brackets (2,000 take a second, 8,000 sixteen), and the most any page has today is 38."""


def check_body(body: str, first_line: int, path: str) -> list[Diagnostic]:
    """Every breach of the raw-HTML policy in a page body, and a page too costly for Markdown to render."""
    found = []

    def report(line: int, message: str) -> None:
        found.append(Diagnostic(path, line, "body", message))

    brackets = body.count("[")
    if brackets > MAX_BRACKETS:
        report(
            first_line,
            f"expected at most {MAX_BRACKETS} square brackets '[' in a page (more make it very slow to build); found {brackets}",
        )
    for line, raw in lines_outside_code(body, first_line):
        text = without_code_spans(raw, " ")
        if not any(mark in text for mark in ("<", "{", "](", "]:", "--8<--")):
            continue  # nothing here can carry HTML, attributes or a link
        if "--8<--" in text:
            report(line, "expected no include ('--8<--'); found one: pages may not read other files")
        for closing, tag, attributes in TAG_RE.findall(text):
            name = tag.lower()
            if ":" in name or closing:  # an autolink (its address is checked below), or a closing tag
                continue
            if name not in RAW_HTML_TAGS:
                report(
                    line,
                    f"expected Markdown or one of the allowed HTML tags ({', '.join(sorted(RAW_HTML_TAGS))}); found <{closing}{tag}>",
                )
                continue
            for attribute, _value in ATTRIBUTE_RE.findall(attributes):
                if attribute.lower() not in RAW_HTML_ATTRIBUTES:
                    report(
                        line,
                        f"expected only the attributes {', '.join(sorted(RAW_HTML_ATTRIBUTES))} on <{tag}>; found '{attribute}'",
                    )
        for attr_list in ATTR_LIST_RE.findall(text):
            if EVENT_HANDLER_RE.search(attr_list) or re.search(
                r"(?:^|\s)(?:style|srcdoc)\s*=", attr_list, re.IGNORECASE
            ):
                report(
                    line,
                    f"expected only ids, classes and titles in an attribute list; found {{{attr_list.strip()[:60]}}}",
                )
            for value in ASSIGNED_URL_RE.findall(attr_list):
                if unsafe_url(value.strip("\"'")):
                    report(line, f"expected an http, https, mailto or relative address; found {value[:60]}")
        for target in link_targets(text):
            if unsafe_url(target):
                report(line, f"expected a link to an http, https, mailto or relative address; found '{target[:60]}'")
    return found


def link_targets(text: str) -> list[str]:
    """Every address a line may link to (inline `](...)`, a reference definition, an autolink `<scheme:...>`), in linear time."""
    found, pos, dead = [], 0, 0
    reference = None if text.startswith("](") else REF_DEF_RE.match(text)
    if reference:
        found.append(reference.group(1))
        pos = reference.end()
    while start := LINK_START_RE.search(text, pos):
        pos = start.start()
        if inline := INLINE_TARGET_RE.match(text, pos):  # at every `](`, and only there
            found.append(inline.group(1))
            pos = inline.end()
            continue
        autolink = AUTOLINK_RE.match(text, pos) if pos >= dead else None
        if autolink and autolink.group(2):
            found.append(autolink.group(1))
            pos = autolink.end()
            continue
        if autolink:
            dead = autolink.end()  # any `<` before this point would run to it too, and find no `>`
        pos += 1
    return found


def check_front_matter(parsed: ParsedPage, texts: list[tuple[FieldPath, str]], path: str) -> list[Diagnostic]:
    """Front matter is plain text: report any HTML or script address in its values (`texts`, from `strings`)."""
    return [
        Diagnostic(
            path,
            parsed.line_of(loc),
            dotted(loc),
            f"expected plain text; found HTML or a script address: {value.strip()[:60]!r}",
        )
        for loc, value in texts
        if ("<" in value or ":" in value) and (HTML_IN_TEXT_RE.search(value) or script_url(value.strip()))
    ]
