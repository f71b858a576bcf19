"""Pages generated from the whole knowledge base: the evidence map and the programme comparison.

Both are built once per build from front matter (no hand-kept tables).
"""

from __future__ import annotations

from typing import Any

from kb.content.addresses import EVIDENCE_MAP, PROGRAMME_COMPARISON, SEARCH
from kb.content.knowledge_base import KnowledgeBase
from kb.content.models import Programme, Recommendation, Source
from kb.links.facets import facet_values
from kb.views.page_view import RATING_PAGE, evidence_picture
from kb.views.type_views import strongest_first
from kb.views.urls import page_url, relative

STANCE_LABELS = {"supports": "Supports", "qualifies": "Qualifies", "contradicts": "Contradicts"}
STANCE_SYMBOLS = {"supports": "✓", "qualifies": "◐", "contradicts": "✗"}
"""The evidence map's symbols; each also carries its word, for screen readers and for print."""

MARKDOWN = {
    EVIDENCE_MAP: (
        "---\ntitle: Evidence map\nhide: [navigation, toc]\n---\n\n"
        "Every recommendation (rows) against every source document (columns). Each cell says whether that document"
        " supports, qualifies or contradicts the recommendation, and links to the page where its locator is given."
        " An empty cell means the document does not speak to it."
        " Read [how we rate evidence](how-we-rate-evidence.md) for what the labels mean.\n"
    ),
    SEARCH: (
        "---\ntitle: Search\nhide: [navigation, toc]\n---\n\n"
        "Search every page: case studies, recommendations, frameworks, programmes, the glossary and sources."
        " Narrow the results by kind of page, phase, theme and more.\n"
    ),
    PROGRAMME_COMPARISON: (
        "---\ntitle: Programmes compared\nhide: [navigation, toc]\n---\n\n"
        "The programmes in the knowledge base side by side: how each works, who does what, how big it is,"
        " the time it asks of schools, and how it was evaluated."
        " Everything here comes from each programme's own page, where the sources are given.\n"
    ),
}
"""The Markdown of each generated page (their tables come from their templates)."""


def evidence_map(kb: KnowledgeBase, directory_urls: bool = True) -> dict[str, Any]:
    """Rows (recommendations) by columns (sources), each cell a stance and a link."""
    base = page_url(EVIDENCE_MAP, directory_urls)
    rating = relative(page_url(RATING_PAGE, directory_urls), base) if RATING_PAGE in kb.entries else None
    sources = sorted(kb.of_type("source"), key=lambda e: _by_author(e.model(Source)))
    columns = [
        {
            "slug": e.slug,
            "label": _short_citation(e.model(Source)),
            "title": e.title,
            "url": relative(page_url(e.src_uri, directory_urls), base),
        }
        for e in sources
    ]
    rows: list[dict[str, Any]] = []
    for entry in strongest_first(kb.of_type("recommendation")):
        recommendation = entry.model(Recommendation)
        url = relative(page_url(entry.src_uri, directory_urls), base)
        by_source: dict[str, dict[str, str | None]] = {}
        for citation in recommendation.sources:
            by_source.setdefault(
                citation.source,
                {
                    "stance": citation.stance,
                    "label": STANCE_LABELS.get(citation.stance or "", ""),
                    "symbol": STANCE_SYMBOLS.get(citation.stance or "", ""),
                    "locator": citation.locator,
                    "url": f"{url}#kb-citations",
                },
            )
        values = facet_values(entry)
        rows.append(
            {
                "title": entry.title,
                "url": url,
                "level": kb.vocabulary["evidence_level"].label_of(recommendation.evidence_level),
                "evidence": evidence_picture(kb.vocabulary, recommendation.evidence_level, rating),
                "data": {name: " ".join(values.get(name, [])) for name in ("theme", "audience")},
                "cells": [by_source.get(column["slug"]) for column in columns],
            }
        )
    facets = []
    for name in ("theme", "audience"):
        present = {v for row in rows for v in row["data"][name].split()}
        options = [
            {
                "value": t.value,
                "label": t.label,
                "description": t.description,
                "count": sum(t.value in row["data"][name].split() for row in rows),
            }
            for t in kb.vocabulary[name].terms
            if t.value in present
        ]
        facets.append({"name": name, "label": kb.vocabulary[name].label, "options": options})
    return {"columns": columns, "rows": rows, "facets": facets, "noun": "recommendations", "cards": rows}


def programme_comparison(kb: KnowledgeBase, directory_urls: bool = True) -> dict[str, Any]:
    """One row per programme: cycle, roles, scale, time asked, evaluation."""
    base = page_url(PROGRAMME_COMPARISON, directory_urls)
    rows: list[dict[str, Any]] = []
    for entry in sorted(kb.of_type("programme"), key=lambda e: e.title.casefold()):
        page = entry.model(Programme)
        rows.append(
            {
                "title": entry.title,
                "url": relative(page_url(entry.src_uri, directory_urls), base),
                "provider": page.provider,
                "years": page.years,
                "phases": ", ".join(kb.vocabulary["phase"].label_of(p) for p in page.phase),
                "cycle": [stage.name for stage in page.cycle],
                "roles": [kb.by_slug[slug].title for slug in page.roles],
                "scale": [f"{point.scale} ({point.date}; {point.reported_by})" for point in page.scale],
                "time_commitment": page.time_commitment,
                "evaluation_note": page.evaluation_note,
                "historic": page.status == "historic",
                "evaluations": [
                    {
                        "title": kb.by_slug[slug].title,
                        "url": relative(page_url(kb.by_slug[slug].src_uri, directory_urls), base),
                    }
                    for slug in page.evaluations
                ],
            }
        )
    return {
        "groups": [
            {
                "id": "current",
                "title": "Programmes and partnerships in the sources",
                "rows": [r for r in rows if not r["historic"]],
            },
            {"id": "historic", "title": "Past national initiatives", "rows": [r for r in rows if r["historic"]]},
        ]
    }


def _by_author(source: Source) -> tuple[str, int]:
    """The evidence map's column order: by first author, then year (undated first)."""
    return source.authors[0].casefold(), source.year or 0


def _short_citation(source: Source) -> str:
    surnames = [author.split(",")[0].strip() for author in source.authors]
    who = (
        surnames[0]
        if len(surnames) == 1
        else (" and ".join(surnames) if len(surnames) == 2 else f"{surnames[0]} et al.")
    )
    return f"{who} ({source.year or 'n.d.'})"
