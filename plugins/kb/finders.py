"""Finder pages: one per page type, with cards and the facet filters of that type.

Computed once per build; each finder's data is plain and JSON-able.
"""

from __future__ import annotations

from typing import Any

from .facets import FACETS, facet_values
from .knowledge_base import KnowledgeBase
from .models import FOLDERS
from .views import FINDER_TITLES, page_url, relative

INTROS = {
    "case-study": "Real partnerships: what they did, what changed, what got in the way, and the evidence behind each account.",
    "recommendation": "What to do, each with a label saying how strong the evidence behind it is.",
    "framework": "Models and checklists that a team can use to discuss where its partnership stands. Each works as a self-evaluation.",
    "programme": "Named programmes and partnerships that schools took part in, with their cycles, roles, scale and evaluations.",
    "concept": "The terms and acronyms used across the knowledge base, from A to Z.",
    "source": "The research documents the knowledge base draws on, with how each study was done and what it cannot show.",
    "guide": "Short, plain guides to the main themes: what the evidence says, and what to do at each stage, from exploring an idea to keeping it going.",
    "pack": "Ready-made workshops for trainers: a sequence of pages with timings, activities and questions, printable as one handout.",
}


def finder_uri(type_name: str) -> str:
    """Content path of a type's finder page."""
    return f"{FOLDERS[type_name]}/index.md"


def markdown(type_name: str) -> str:
    """The Markdown of a generated finder page (the cards come from its template)."""
    return f"---\ntitle: {FINDER_TITLES[type_name]}\n---\n\n{INTROS[type_name]}\n"


def finder(kb: KnowledgeBase, type_name: str, directory_urls: bool = True) -> dict[str, Any]:
    """Cards and filters of one type's finder."""
    base = page_url(finder_uri(type_name), directory_urls)
    entries = sorted(kb.of_type(type_name), key=lambda e: e.title.casefold())
    counts: dict[str, dict[str, int]] = {name: {} for name, _ in FACETS[type_name]}
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
    for name, _path in FACETS[type_name]:
        facet = kb.vocabulary[name]
        options = [{"value": t.value, "label": t.label, "description": t.description, "count": counts[name].get(t.value, 0)} for t in facet.terms]
        options = [o for o in options if o["count"]]
        if options:
            facets.append({"name": name, "label": facet.label, "options": options})
    letters = sorted({c["letter"] for c in cards}) if type_name == "concept" else []
    return {"type": type_name, "title": FINDER_TITLES[type_name], "noun": FINDER_TITLES[type_name].lower(), "cards": cards, "facets": facets, "letters": letters}


def _letter(title: str) -> str:
    first = title.strip()[:1].upper()
    return first if first.isalpha() else "#"
