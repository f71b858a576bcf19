"""The link graph: every reference between pages, backlinks, and related pages.

Built once per build in time linear in the number of pages and references:
no step scans every page for every page.
"""

from __future__ import annotations

import posixpath
from collections import defaultdict
from dataclasses import dataclass, field
from operator import attrgetter
from urllib.parse import unquote, urlsplit

from kb.content.fields import references
from kb.content.knowledge_base import KnowledgeBase
from kb.content.models import Page
from kb.links.facets import facet_values
from kb.links.glossary import Glossary, terms_of, used_in

RELATED_LIMIT = 5
CANDIDATES_PER_FEATURE = 40
"""Only this many pages are taken from any one shared reference or facet value,
so that a popular value (a theme half the pages share) cannot make the work quadratic."""

BACKLINK_LABELS = {
    "sources": "Cited by",
    "illustrates": "Illustrated by",
    "case_studies": "Drawn on by",
    "programmes": "Case studies and pages about it",
    "roles": "A role in",
    "recommendations": "Resources that help carry it out",
    "evaluations": "Evaluation of",
    "see_also": "See also from",
    "related": "Linked from",
    "framework": "Frameworks that point here",
    "steps": "Used in workshop packs",
    "linked_to": "Not independent of",
    "body": "Mentioned in",
    "glossary": "Used in",
}
"""Heading of each backlink group, by the field that makes the link."""


@dataclass(frozen=True, order=True)
class Edge:
    """A reference from one page to another."""

    source: str
    target: str
    field: str
    """The top-level field that makes the link (`body` for links in the text)."""
    locator: str | None = None


EDGE_ORDER = attrgetter("source", "target", "field", "locator")
"""The order of edges (their fields', as `order=True` compares them), as a key: sorting is several times faster."""


@dataclass
class LinkGraph:
    """Out-edges and in-edges of every page, by slug, sorted."""

    glossary: Glossary = field(default_factory=lambda: Glossary([]))
    outgoing: dict[str, list[Edge]] = field(default_factory=dict)
    incoming: dict[str, list[Edge]] = field(default_factory=dict)
    related: dict[str, list[str]] = field(default_factory=dict)

    def backlinks(self, slug: str) -> dict[str, list[Edge]]:
        """In-edges grouped by field, one edge per linking page and field."""
        groups: dict[str, list[Edge]] = defaultdict(list)
        seen = set()
        for edge in self.incoming.get(slug, []):
            if (edge.field, edge.source) not in seen:
                seen.add((edge.field, edge.source))
                groups[edge.field].append(edge)
        return dict(groups)


def build(kb: KnowledgeBase) -> LinkGraph:
    """The graph of the loaded, checked knowledge base."""
    slug_of_uri = {e.src_uri: e.slug for e in kb.typed()}
    graph = LinkGraph(glossary=Glossary(terms_of(kb)))
    incoming: dict[str, list[Edge]] = defaultdict(list)
    for entry in kb.typed():
        page = entry.model(Page)
        edges = set()
        for loc, target, _types in references(page):
            locator = page.sources[loc[1]].locator if loc[0] == "sources" else None
            field_name = "framework" if loc[0] == "dimensions" else loc[0]
            edges.add(Edge(entry.slug, target, field_name, locator))
        for link in entry.links:
            linked = _link_target(entry.src_uri, link.target, slug_of_uri)
            if linked and linked != entry.slug:
                edges.add(Edge(entry.slug, linked, "body"))
        if page.glossary_links:
            edges.update(
                Edge(entry.slug, concept, "glossary")
                for concept in used_in(graph.glossary, entry.parsed.body)
                if concept != entry.slug
            )
        graph.outgoing[entry.slug] = sorted(edges, key=EDGE_ORDER)
        for edge in edges:
            incoming[edge.target].append(edge)
    graph.incoming = {slug: sorted(edges, key=EDGE_ORDER) for slug, edges in incoming.items()}
    graph.related = _related(kb, graph)
    return graph


def _link_target(src_uri: str, target: str, slug_of_uri: dict[str, str]) -> str | None:
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not parts.path.endswith(".md"):
        return None
    uri = posixpath.normpath(posixpath.join(posixpath.dirname(src_uri), unquote(parts.path)))
    return slug_of_uri.get(uri)


def _related(kb: KnowledgeBase, graph: LinkGraph) -> dict[str, list[str]]:
    """Up to RELATED_LIMIT pages per page, scored by shared references (3) and facet values (1)."""
    by_feature: dict[tuple, list[str]] = defaultdict(list)
    features: dict[str, list[tuple]] = {}
    for entry in sorted(kb.typed(), key=lambda e: e.slug):
        own: list[tuple[str, ...]] = [
            ("ref", e.target) for e in graph.outgoing.get(entry.slug, []) if e.field not in ("body", "glossary")
        ]
        own += [("facet", name, value) for name, values in facet_values(entry).items() for value in values]
        features[entry.slug] = own
        for feature in set(own):
            if len(by_feature[feature]) < CANDIDATES_PER_FEATURE:
                by_feature[feature].append(entry.slug)
    related = {}
    for slug, own in features.items():
        linked = {e.target for e in graph.outgoing.get(slug, [])} | {slug}
        scores: dict[str, int] = defaultdict(int)
        for feature in set(own):
            weight = 3 if feature[0] == "ref" else 1
            for other in by_feature[feature]:
                if other not in linked:
                    scores[other] += weight
        ranked = sorted(scores.items(), key=lambda item: (-item[1], item[0]))
        related[slug] = [other for other, score in ranked[:RELATED_LIMIT] if score >= 2]
    return related
