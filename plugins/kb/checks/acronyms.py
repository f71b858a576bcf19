"""Glossary completeness: an acronym used on a page needs a concept page that defines it."""

from __future__ import annotations

import re

from kb.content.body import lines_outside_code, without_code_spans
from kb.content.diagnostics import Diagnostic
from kb.content.knowledge_base import KnowledgeBase
from kb.content.models import Concept, Page

ACRONYM_RE = re.compile(r"(?<![\w/.#-])([A-Z][A-Z0-9&]*[A-Z])(?:s|[0-9]+)?(?![\w/-])")
CAPITALS_RE = re.compile(r"[A-Z][A-Z0-9&]*[A-Z]")
TARGETS = ((re.compile(r"\]\([^)]*\)"), ")"), (re.compile(r"<[^>]+>"), ">"))
"""Link targets and HTML tags, each with the character that closes it."""
WEB_ADDRESS_RE = re.compile(r"https?://\S+")
NOT_ACRONYMS = {
    "UK",
    "OK",
    "PDF",
    "CSV",
    "JSON",
    "QR",
    "URL",
    "DOI",
    "II",
    "III",
    "IV",
    "VI",
    "VII",
    "VIII",
    "IX",
    "XI",
    "XII",
    "AM",
    "PM",
}
"""Abbreviations a teacher reads without a glossary entry."""


def defined(kb: KnowledgeBase) -> set[str]:
    """Every acronym a concept page defines (its acronym, or a term or other name in capitals)."""
    found = set(NOT_ACRONYMS)
    for entry in kb.of_type("concept"):
        page = entry.model(Concept)
        for name in [page.acronym or "", page.term, *page.also_known_as, *page.not_acronyms]:
            found.update(ACRONYM_RE.findall(name))
    for entry in kb.typed():
        found.update(entry.model(Page).not_acronyms)
    return found


def used(text: str, first_line: int = 1) -> dict[str, int]:
    """Acronyms in Markdown text, outside code and link targets, with the line of first use."""
    first: dict[str, int] = {}
    if not CAPITALS_RE.search(text):
        return first
    for number, line in lines_outside_code(text, first_line):
        if not CAPITALS_RE.search(line):
            continue
        for acronym in ACRONYM_RE.findall(_outside_targets(without_code_spans(line, " "))):
            first.setdefault(acronym, number)
    return first


def _outside_targets(line: str) -> str:
    """The line without link targets, tags and web addresses, in linear time.

    Each pattern runs only up to the last character that can close it: past that,
    every opening would scan to the end of the line and fail (quadratic on `](](](`).
    """
    for pattern, closer in TARGETS:
        end = line.rfind(closer) + 1
        line = pattern.sub(" ", line[:end]) + line[end:]
    return WEB_ADDRESS_RE.sub(" ", line)


def undefined(kb: KnowledgeBase) -> list[Diagnostic]:
    """A warning for each acronym used on a page with no concept page defining it."""
    known = defined(kb)
    found: list[Diagnostic] = []
    for entry in kb.typed():
        uses = used(entry.model(Page).summary, entry.line_of(("summary",)))
        uses.update({k: v for k, v in used(entry.parsed.body, entry.parsed.body_line).items() if k not in uses})
        for acronym, line in sorted(uses.items(), key=lambda item: item[1]):
            if acronym not in known:
                found.append(
                    Diagnostic(
                        entry.path,
                        line,
                        "glossary",
                        f"expected a concept page defining the acronym '{acronym}' (its `acronym:` field); found none",
                        "warning",
                    )
                )
    return found
