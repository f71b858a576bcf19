"""Finder pages: one per page type, with cards and the facet filters of that type.

Computed once per build; each finder's data is plain and JSON-able.
"""

from __future__ import annotations

from typing import Any

from kb.content.knowledge_base import KnowledgeBase
from kb.content.page_types import TYPES
from kb.links.facets import facet_values
from kb.views.urls import page_url, relative


def finder_uri(type_name: str) -> str:
    """Content path of a type's finder page."""
    return TYPES[type_name].finder_uri


def markdown(type_name: str) -> str:
    """The Markdown of a generated finder page (the cards come from its template)."""
    page_type = TYPES[type_name]
    return f"---\ntitle: {page_type.plural}\n---\n\n{page_type.intro}\n"


def finder(kb: KnowledgeBase, type_name: str, directory_urls: bool = True) -> dict[str, Any]:
    """Cards and filters of one type's finder."""
    base = page_url(finder_uri(type_name), directory_urls)
    entries = sorted(kb.of_type(type_name), key=lambda e: e.title.casefold())
    counts: dict[str, dict[str, int]] = {name: {} for name, _ in TYPES[type_name].facets}
    cards = []
    for entry in entries:
        values = facet_values(entry)
        for name, found in values.items():
            for value in found:
                counts[name][value] = counts[name].get(value, 0) + 1
        card = {
            "slug": entry.slug,
            "title": entry.title,
            "url": relative(page_url(entry.src_uri, directory_urls), base),
            "summary": entry.page.summary,
            "data": {name: " ".join(found) for name, found in values.items()},
            "labels": [kb.vocabulary[name].label_of(v) for name, found in values.items() for v in found],
            "letter": _letter(entry.title),
        }
        if type_name == "concept":
            card["acronym"] = entry.page.acronym
            card["definition"] = entry.page.definition
        if type_name == "recommendation":
            level = entry.page.evidence_level
            card["evidence"] = {"level": level, "label": kb.vocabulary["evidence_level"].label_of(level)}
        cards.append(card)
    facets = []
    for name, _path in TYPES[type_name].facets:
        facet = kb.vocabulary[name]
        options = [
            {"value": t.value, "label": t.label, "description": t.description, "count": counts[name].get(t.value, 0)}
            for t in facet.terms
        ]
        options = [o for o in options if o["count"]]
        if options:
            facets.append({"name": name, "label": facet.label, "options": options})
    letters = sorted({c["letter"] for c in cards}) if type_name == "concept" else []
    return {
        "type": type_name,
        "title": TYPES[type_name].plural,
        "noun": TYPES[type_name].plural.lower(),
        "cards": cards,
        "facets": facets,
        "letters": letters,
    }


def _letter(title: str) -> str:
    first = title.strip()[:1].upper()
    return first if first.isalpha() else "#"
