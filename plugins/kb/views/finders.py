"""Finder pages: one per page type, with cards and the facet filters of that type.

Computed once per build; each finder's data is plain and JSON-able.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from kb.content.knowledge_base import KnowledgeBase
from kb.content.models import Concept, Page, Recommendation
from kb.content.page_types import TYPES
from kb.links.facets import facet_values
from kb.views.page_view import RATING_PAGE, evidence_picture, silent_sections
from kb.views.urls import page_url, relative

FACETS_FROM = 10
"""A finder of this many pages or fewer shows no filters (a reader sees them all at once); a filtered address,
such as a page's facet link, still narrows it, with the active filter shown as a chip to remove."""
OPEN_FACETS = ("phase", "stage", "evidence_level", "resource_kind")
"""Facets shown open; the others start folded."""


def finder_uri(type_name: str) -> str:
    """Content path of a type's finder page."""
    return TYPES[type_name].finder_uri


def markdown(type_name: str) -> str:
    """The Markdown of a generated finder page (the cards come from its template)."""
    page_type = TYPES[type_name]
    return f"---\ntitle: {page_type.plural}\nhide: [navigation, toc]\n---\n\n{page_type.intro}\n"


def finder(
    kb: KnowledgeBase, type_name: str, directory_urls: bool = True, changed: dict[str, date] | None = None
) -> dict[str, Any]:
    """Cards, filters and sort orders of one type's finder (GOV.UK's finder pattern)."""
    page_type = TYPES[type_name]
    base = page_url(finder_uri(type_name), directory_urls)
    rating = relative(page_url(RATING_PAGE, directory_urls), base) if RATING_PAGE in kb.entries else None
    entries = sorted(kb.of_type(type_name), key=lambda e: e.title.casefold())
    changed = changed or {}
    counts: dict[str, dict[str, int]] = {name: {} for name, _ in page_type.facets}
    cards = []
    for entry in entries:
        page = entry.model(Page)
        values = facet_values(entry)
        for name, found in values.items():
            for value in found:
                counts[name][value] = counts[name].get(value, 0) + 1
        card: dict[str, Any] = {
            "slug": entry.slug,
            "title": entry.title,
            "url": relative(page_url(entry.src_uri, directory_urls), base),
            "summary": page.summary,
            "data": {name: " ".join(found) for name, found in values.items()},
            "facts": _facts(kb, page_type.card_facts, values),
            "letter": _letter(entry.title),
            "changed": changed[entry.src_uri].isoformat() if entry.src_uri in changed else "",
            "contributed_by": page.contributed_by,
            "short_account": type_name == "case-study" and len(silent_sections(entry.parsed.body)) >= 2,
        }
        if type_name == "concept":
            concept = entry.model(Concept)
            card["acronym"] = concept.acronym
            card["definition"] = concept.definition
        if type_name == "recommendation":
            card["evidence"] = evidence_picture(kb.vocabulary, entry.model(Recommendation).evidence_level, rating)
        cards.append(card)
    facets = []
    if cards:
        for name, _path in page_type.facets:
            facet = kb.vocabulary[name]
            options = [
                {
                    "value": t.value,
                    "label": t.label,
                    "description": t.description,
                    "count": counts[name].get(t.value, 0),
                }
                for t in facet.terms
                if counts[name].get(t.value) and not t.placeholder
            ]
            if options:
                facets.append({"name": name, "label": facet.label, "options": options, "open": name in OPEN_FACETS})
    sorts = [{"value": "title", "label": "A to Z"}]
    if type_name == "recommendation":
        sorts.append({"value": "strength", "label": "Strongest evidence first"})
    if any(c["changed"] for c in cards):
        sorts.append({"value": "changed", "label": "Recently changed"})
    return {
        "type": type_name,
        "title": page_type.plural,
        "noun": page_type.plural.lower(),
        "cards": cards,
        "facets": facets,
        "show_filters": len(cards) > FACETS_FROM,
        "sorts": sorts,
        "letters": sorted({c["letter"] for c in cards}) if type_name == "concept" else [],
    }


def _facts(kb: KnowledgeBase, names: tuple[str, ...], values: dict[str, list[str]]) -> list[dict[str, str]]:
    """A card's labelled facts: each chosen facet's values, leaving out those the source does not give."""
    facts = []
    for name in names:
        facet = kb.vocabulary[name]
        known = [facet.label_of(v) for v in values.get(name, []) if v not in facet.placeholders()]
        if known:
            facts.append({"label": facet.label, "value": ", ".join(known)})
    return facts


def _letter(title: str) -> str:
    first = title.strip()[:1].upper()
    return first if first.isalpha() else "#"
