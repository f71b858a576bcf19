"""Glossary linking: the first use of a concept's term or acronym on a page links to the concept.

A Python-Markdown extension (no MkDocs), so any engine that runs Markdown
extensions can use it. The link carries the one-sentence definition as a
tooltip that keyboard and screen-reader users reach too (`aria-describedby`).
It never links inside headings, links, code or abbreviations, nor on the
concept's own page; a page opts out with `glossary_links: false`. Nor does it
ever match inside Python-Markdown's placeholders (STX ... ETX, such as
`\\x02wzxhzdk:0\\x03` for stashed HTML), whatever the terms are: splitting one
would lose the HTML or text it stands for.
"""

from __future__ import annotations

import posixpath
import re
import xml.etree.ElementTree as etree
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from markdown import Markdown, util
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

SKIP_TAGS = {"h1", "h2", "h3", "h4", "h5", "h6", "a", "code", "pre", "abbr", "script", "style", "kbd", "samp"}
PLACEHOLDER_RE = re.compile(f"{util.STX}[^{util.STX}{util.ETX}]*{util.ETX}")
"""A Markdown placeholder: stashed HTML, an inline element, `&`, a footnote mark (Markdown strips STX and ETX from the source)."""


@dataclass(frozen=True)
class Term:
    """One way of naming a concept in text."""

    text: str
    slug: str
    src_uri: str
    """Content path of the concept page, e.g. `concepts/jpd.md`."""
    definition: str
    case_sensitive: bool
    """Acronyms match only in capitals; terms match in any case."""


class Glossary:
    """Every term, compiled into one pattern; matching is linear in the text."""

    def __init__(self, terms: list[Term]):
        self.by_text = {}
        for term in sorted(terms, key=lambda t: (-len(t.text), t.text)):
            key = term.text if term.case_sensitive else term.text.casefold()
            self.by_text.setdefault(key, term)
        sensitive = [re.escape(t.text) for t in self.by_text.values() if t.case_sensitive]
        insensitive = [re.escape(t.text) for t in self.by_text.values() if not t.case_sensitive]
        parts = []
        if sensitive:
            parts.append("(?-i:" + "|".join(sensitive) + ")")
        if insensitive:
            parts.append("|".join(insensitive))
        self.pattern = (
            re.compile(r"(?<![\w-])(?:" + "|".join(parts) + r")s?(?![\w-])", re.IGNORECASE) if parts else None
        )

    def matches(self, text: str) -> Iterator[re.Match[str]]:
        """Every use of a term in `text`, left to right, outside Markdown's placeholders."""
        pos = 0
        for placeholder in PLACEHOLDER_RE.finditer(text):
            yield from self.pattern.finditer(text, pos, placeholder.start())
            pos = placeholder.end()
        yield from self.pattern.finditer(text, pos)

    def find(self, text: str) -> Term | None:
        """The term matched by `text`, allowing a plural 's'."""
        for candidate in (text, text[:-1]) if text.endswith("s") else (text,):
            term = self.by_text.get(candidate) or self.by_text.get(candidate.casefold())
            if term is not None and (candidate == term.text or not term.case_sensitive):
                return term
        return None


def terms_of(kb: Any) -> list[Term]:
    """Every concept's term, other names and acronym."""
    terms = []
    for entry in kb.of_type("concept"):
        concept = entry.page
        for text in [concept.term, *concept.also_known_as]:
            terms.append(Term(text, entry.slug, entry.src_uri, concept.definition, case_sensitive=False))
        if concept.acronym:
            terms.append(Term(concept.acronym, entry.slug, entry.src_uri, concept.definition, case_sensitive=True))
    return terms


def used_in(glossary: Glossary, text: str) -> set[str]:
    """Slugs of the concepts whose terms appear in `text`."""
    if glossary.pattern is None:
        return set()
    return {term.slug for term in map(glossary.find, glossary.pattern.findall(text)) if term is not None}


class GlossaryExtension(Extension):
    """Set `glossary`, `page_src` and `page_slug` before converting each page; `enabled=False` to skip one.

    Links are written as relative paths to the concept's Markdown file, so the
    engine resolves (and checks) them like any author's link.
    """

    def __init__(self, **kwargs):
        self.glossary: Glossary | None = None
        self.page_src = ""
        self.page_slug = ""
        self.enabled = True
        super().__init__(**kwargs)

    def extendMarkdown(self, md: Markdown) -> None:
        md.treeprocessors.register(GlossaryTreeprocessor(md, self), "kb_glossary", 1)


class GlossaryTreeprocessor(Treeprocessor):
    def __init__(self, md: Markdown, extension: GlossaryExtension):
        super().__init__(md)
        self.ext = extension

    def run(self, root: etree.Element) -> None:
        glossary = self.ext.glossary
        if not self.ext.enabled or glossary is None or glossary.pattern is None:
            return
        self.used: set[str] = {self.ext.page_slug}
        self._walk(root, glossary)

    def _walk(self, element: etree.Element, glossary: Glossary) -> None:
        classes = element.get("class", "").split()
        if element.tag in SKIP_TAGS or "kb-no-glossary" in classes or "kb-tip" in classes:
            return
        if element.text:
            element.text = self._link(element.text, element, 0, glossary)
        index = 0
        while index < len(element):
            child = element[index]
            self._walk(child, glossary)
            if child.tail:
                child.tail = self._link(child.tail, element, index + 1, glossary)
            index += 1

    def _link(self, text: str, parent: etree.Element, position: int, glossary: Glossary) -> str:
        """Link the first unused term in `text` by inserting a link and its tip at `position` in `parent`."""
        for match in glossary.matches(text):
            term = glossary.find(match.group(0))
            if term is None or term.slug in self.used:
                continue
            self.used.add(term.slug)
            tip_id = f"kb-tip-{term.slug}"
            href = posixpath.relpath(term.src_uri, posixpath.dirname(self.ext.page_src) or ".")
            link = etree.Element("a", {"href": href, "class": "kb-term", "aria-describedby": tip_id})
            link.text = match.group(0)
            tip = etree.Element("span", {"class": "kb-tip", "role": "tooltip", "id": tip_id})
            tip.text = term.definition
            tip.tail = text[match.end() :] or None  # the walk links later terms in it
            parent.insert(position, link)
            parent.insert(position + 1, tip)
            return text[: match.start()]
        return text
