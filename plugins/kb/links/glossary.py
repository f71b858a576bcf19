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
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import compress
from typing import Any

from markdown import Markdown, util
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

SKIP_TAGS = {"h1", "h2", "h3", "h4", "h5", "h6", "a", "code", "pre", "abbr", "script", "style", "kbd", "samp"}
PLACEHOLDER_RE = re.compile(f"{util.STX}[^{util.STX}{util.ETX}]*{util.ETX}")
"""A Markdown placeholder: stashed HTML, an inline element, `&`, a footnote mark (Markdown strips STX and ETX from the source)."""
WORD_RE = re.compile(r"\w+")
"""A word: a term may start only at a word (one not after a hyphen, which the terms' expressions check)."""
ASCII_LOOKALIKES = str.maketrans({"\u212a": "k", "\u017f": "s", "\u0130": "i", "\u0131": "i"})
"""The only letters outside ASCII that match ASCII letters when case is ignored: Kelvin sign, long s, dotted and dotless I."""


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
    """Every term, indexed by its first word, so that matching costs the same however many terms there are.

    The matches are those of one regular expression of all the terms, tried in
    order (acronyms, then terms, each group longest first), that starts where no
    letter, digit or hyphen precedes and allows a plural 's'. That expression is
    never run over the text: a term starting with an ASCII word can only start
    at a word equal to that word in lower case (or to it plus 's'), so each word
    tries only the terms that begin with it, in the same order. The few terms
    that could start elsewhere ("loose": not beginning with an ASCII word) are
    tried everywhere.
    """

    _latest: Glossary | None = None
    """The glossary made last: one made with the same terms (a preview's next build) takes over its `uses`."""

    def __init__(self, terms: list[Term]):
        self.by_text: dict[str, Term] = {}
        for term in sorted(terms, key=lambda t: (-len(t.text), t.text)):
            if term.text:
                key = term.text if term.case_sensitive else term.text.casefold()
                self.by_text.setdefault(key, term)
        self.ordered = [t for t in self.by_text.values() if t.case_sensitive]
        self.ordered += [t for t in self.by_text.values() if not t.case_sensitive]
        self.starting: dict[str, list[int]] = {}
        """Places in `ordered` of the terms that may start at a word, by the word in lower case."""
        self.loose: list[int] = []
        for rank, term in enumerate(self.ordered):
            first = WORD_RE.match(term.text)
            after = term.text[first.end() : first.end() + 1] if first else ""
            if first is None or not first.group().isascii() or after.lower() != after.upper():
                self.loose.append(rank)
                continue
            key = first.group().lower()
            self.starting.setdefault(key, []).append(rank)
            if not after:  # a one-word term: its plural is one word too
                self.starting.setdefault(key + "s", []).append(rank)
        self.loose_pattern = _pattern([self.ordered[rank] for rank in self.loose])
        self._at_word: dict[str, re.Pattern[str] | None] = {}
        latest = Glossary._latest
        self.uses: dict[str, frozenset[str]] = latest.uses if latest and latest.ordered == self.ordered else {}
        """The concepts `used_in` found in each text it was given."""
        Glossary._latest = self

    def __bool__(self) -> bool:
        return bool(self.ordered)

    def matches(self, text: str) -> Iterator[re.Match[str]]:
        """Every use of a term in `text`, left to right, outside Markdown's placeholders."""
        if self.loose_pattern is None and text.isascii() and self._no_term_starts(text):
            return  # most of a page's texts: quicker than finding the placeholders and scanning between them
        pos = 0
        for placeholder in PLACEHOLDER_RE.finditer(text):
            yield from self.scan(text, pos, placeholder.start())
            pos = placeholder.end()
        yield from self.scan(text, pos, len(text))

    def scan(self, text: str, pos: int = 0, end: int | None = None) -> Iterator[re.Match[str]]:
        """Every use of a term in `text[pos:end]`, left to right, as if the text ended at `end`."""
        end = len(text) if end is None else end
        words: Iterable[re.Match[str]] = WORD_RE.finditer(text, pos, end)
        if self.loose_pattern is None and text.isascii():  # the common case: try only the words that start a term
            found = list(words)
            words = compress(found, map(self.starting.__contains__, map(str.lower, map(re.Match.group, found))))
        resume = pos
        loose = _Loose(self.loose_pattern, text, end) if self.loose_pattern is not None else None
        for word in words:
            start = word.start()
            if loose is not None:
                for loose_match in loose.before(resume, start):
                    resume = loose_match.end()
                    yield loose_match
            if start < resume:
                continue
            pattern = self._pattern_at(word.group())
            match = pattern.match(text, start, end) if pattern is not None else None
            if match:
                resume = match.end()
                yield match
        if loose is not None:
            yield from loose.before(resume, end)

    def _no_term_starts(self, text: str) -> bool:
        """Whether no word of an ASCII `text` is the first word of a term (so no term can match in it)."""
        return self.starting.keys().isdisjoint(map(str.lower, WORD_RE.findall(text)))

    def _pattern_at(self, word: str) -> re.Pattern[str] | None:
        """The terms that may start at `word`, in order, as one expression (None: no term can)."""
        key = (word if word.isascii() else word.translate(ASCII_LOOKALIKES)).lower()
        if key not in self.starting:
            return self.loose_pattern
        if key not in self._at_word:
            ranks = sorted(self.starting[key] + self.loose)
            self._at_word[key] = _pattern([self.ordered[rank] for rank in ranks])
        return self._at_word[key]

    def find(self, text: str) -> Term | None:
        """The term matched by `text`, allowing a plural 's'."""
        for candidate in (text, text[:-1]) if text.endswith("s") else (text,):
            term = self.by_text.get(candidate) or self.by_text.get(candidate.casefold())
            if term is not None and (candidate == term.text or not term.case_sensitive):
                return term
        return None


def _pattern(terms: list[Term]) -> re.Pattern[str] | None:
    """One expression of `terms` in their order: acronyms in capitals only, terms in any case, a plural 's'."""
    sensitive = [re.escape(t.text) for t in terms if t.case_sensitive]
    insensitive = [re.escape(t.text) for t in terms if not t.case_sensitive]
    parts = []
    if sensitive:
        parts.append("(?-i:" + "|".join(sensitive) + ")")
    if insensitive:
        parts.append("|".join(insensitive))
    return re.compile(r"(?<![\w-])(?:" + "|".join(parts) + r")s?(?![\w-])", re.IGNORECASE) if parts else None


class _Loose:
    """Uses of the loose terms in one text, found by searching ahead (each part of the text is searched once)."""

    def __init__(self, pattern: re.Pattern[str], text: str, end: int):
        self.pattern, self.text, self.end = pattern, text, end
        self.found: re.Match[str] | None = None
        self.searched = False

    def before(self, resume: int, start: int) -> Iterator[re.Match[str]]:
        """Uses from `resume` on that start before `start`, each after the one before it."""
        while True:
            if not self.searched or (self.found is not None and self.found.start() < resume):
                self.found, self.searched = self.pattern.search(self.text, resume, self.end), True
            if self.found is None or self.found.start() >= start:
                return
            resume = self.found.end()
            yield self.found


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
    found = glossary.uses.get(text)
    if found is None:
        found = frozenset(term.slug for match in glossary.scan(text) if (term := glossary.find(match.group(0))))
        glossary.uses[text] = found
    return set(found)


class GlossaryExtension(Extension):
    """Set `glossary`, `page_src` and `page_slug` before converting each page; `enabled=False` to skip one.

    Links are written as relative paths to the concept's Markdown file, so the
    engine resolves (and checks) them like any author's link.
    """

    def __init__(self, **kwargs: Any) -> None:
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
        if not self.ext.enabled or not glossary:
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
