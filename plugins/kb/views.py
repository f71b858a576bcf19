"""Plain data for templates: facet values with labels, resolved references, citations.

Computed from the loaded knowledge base; JSON-able, so any template engine can
render it.
"""

from __future__ import annotations

from typing import Any

from .knowledge_base import Entry, KnowledgeBase

FACETS: dict[str, tuple[tuple[str, str], ...]] = {
    "case-study": (("phase", "setting.phase"), ("region", "setting.region"), ("community", "setting.community"), ("partnership_type", "partnership_type"), ("theme", "theme"), ("audience", "audience"), ("stage", "stage"), ("evidence_type", "evidence_type")),
    "recommendation": (("evidence_level", "evidence_level"), ("audience", "audience"), ("stage", "stage"), ("phase", "phase"), ("theme", "theme"), ("evidence_type", "evidence_type")),
    "framework": (("phase", "phase"), ("theme", "theme"), ("audience", "audience"), ("stage", "stage")),
    "programme": (("phase", "phase"), ("region", "region"), ("theme", "theme"), ("audience", "audience")),
    "concept": (("concept_status", "status"), ("theme", "theme")),
    "source": (("document_type", "document_type"), ("evidence_type", "evidence_type"), ("theme", "theme")),
}
"""Per page type: (vocabulary facet, field path) of every facet shown and filtered on."""


def page_url(src_uri: str) -> str:
    """Site-relative URL of a content path with directory URLs: `a/b.md` -> `a/b/`."""
    stem = src_uri[: -len(".md")]
    if stem == "index":
        return ""
    if stem.endswith("/index"):
        return stem[: -len("index")]
    return stem + "/"


def _get(data: Any, dotted: str) -> Any:
    for part in dotted.split("."):
        data = getattr(data, part, None)
    return data


def facet_values(entry: Entry) -> dict[str, list[str]]:
    """Facet name -> values of this page, in vocabulary order."""
    values = {}
    for facet, path in FACETS.get(entry.type, ()):
        found = _get(entry.page, path)
        found = [found] if isinstance(found, str) else list(found or [])
        if found:
            values[facet] = found
    return values


def link(kb: KnowledgeBase, slug: str) -> dict[str, str]:
    """A titled link to the page with this slug."""
    entry = kb.by_slug[slug]
    return {"slug": slug, "title": entry.title, "url": page_url(entry.src_uri), "type": entry.type, "summary": entry.page.summary}


def page_view(kb: KnowledgeBase, entry: Entry) -> dict[str, Any]:
    """Everything a page template needs about `entry`."""
    vocab = kb.vocabulary
    facets = [
        {"name": name, "label": vocab[name].label, "terms": [{"value": v, "label": vocab[name].label_of(v)} for v in values]}
        for name, values in facet_values(entry).items()
    ]
    citations = [
        {**link(kb, c.source), "locator": c.locator, "stance": c.stance, "data": c.data}
        for c in getattr(entry.page, "sources", [])
    ]
    return {
        "type": entry.type,
        "slug": entry.slug,
        "summary": entry.page.summary,
        "facets": facets,
        "citations": citations,
        "fields": entry.page.model_dump(mode="json", exclude_none=True),
    }
