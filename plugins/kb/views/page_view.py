"""Plain data for templates: labelled facets, resolved links, backlinks, per-type details.

Every URL here is already relative to the page being rendered, so templates
only print values (no Python calls, no custom filters): any engine can render them.
"""

from __future__ import annotations

from typing import Any

from kb.content.fields import references
from kb.content.knowledge_base import Entry, KnowledgeBase
from kb.content.page_types import FOLDERS, TYPES
from kb.links.facets import facet_values
from kb.links.graph import BACKLINK_LABELS
from kb.views.handout import qr_svg, short_url
from kb.views.type_views import VIEWS
from kb.views.urls import editor_path, finder_url, page_url, relative


class PageView:
    """Builds the template data of pages, relative to one page's URL."""

    def __init__(self, kb: KnowledgeBase, graph: Any, entry: Entry, site_url: str, directory_urls: bool):
        self.kb, self.graph, self.entry, self.site_url = kb, graph, entry, site_url
        self.directory_urls = directory_urls
        self.base = page_url(entry.src_uri, directory_urls)
        self.vocab = kb.vocabulary

    def url(self, site_url: str) -> str:
        return relative(site_url, self.base)

    def label(self, facet: str, value: str | None) -> str | None:
        return None if value is None else self.vocab[facet].label_of(value)

    def link(self, slug: str, **extra: Any) -> dict[str, Any]:
        target = self.kb.by_slug[slug]
        data = {
            "slug": slug,
            "title": target.title,
            "url": self.url(page_url(target.src_uri, self.directory_urls)),
            "type": target.type,
            "type_label": TYPES[target.type].label,
            "summary": target.page.summary,
        }
        if target.type == "recommendation":
            data["evidence"] = self.evidence(target)
        return {**data, **extra}

    def evidence(self, target: Entry) -> dict[str, str]:
        level = target.page.evidence_level
        term = next(t for t in self.vocab["evidence_level"].terms if t.value == level)
        return {"level": level, "label": term.label, "description": term.description}

    def facets(self) -> list[dict[str, Any]]:
        finder = finder_url(self.entry.type, self.directory_urls)
        return [
            {
                "name": name,
                "label": self.vocab[name].label,
                "terms": [
                    {"value": v, "label": self.vocab[name].label_of(v), "url": self.url(f"{finder}?{name}={v}")}
                    for v in values
                ],
            }
            for name, values in facet_values(self.entry).items()
        ]

    def citations(self) -> list[dict[str, Any]]:
        return [self.link(c.source, locator=c.locator, stance=c.stance, data=c.data) for c in self.entry.page.sources]

    def backlinks(self) -> list[dict[str, Any]]:
        groups = []
        for field_name, edges in sorted(
            self.graph.backlinks(self.entry.slug).items(), key=lambda item: list(BACKLINK_LABELS).index(item[0])
        ):
            groups.append(
                {
                    "field": field_name,
                    "label": BACKLINK_LABELS[field_name],
                    "pages": [self.link(e.source, locator=e.locator) for e in edges],
                }
            )
        return groups

    def build(self) -> dict[str, Any]:
        page = self.entry.page
        short = short_url(self.site_url, self.entry.slug)
        view = {
            "short_url": short,
            "qr_svg": qr_svg(short),
            "type": self.entry.type,
            "type_label": TYPES[self.entry.type].label,
            "finder": {
                "title": TYPES[self.entry.type].plural,
                "url": self.url(finder_url(self.entry.type, self.directory_urls)),
            },
            "slug": self.entry.slug,
            "editor_url": self.url("admin/") + editor_path(self.entry.type, self.entry.slug),
            "summary": page.summary,
            "contributed_by": page.contributed_by,
            "facets": self.facets(),
            "citations": self.citations(),
            "backlinks": self.backlinks(),
            "related": [self.link(slug) for slug in self.graph.related.get(self.entry.slug, [])],
        }
        details = VIEWS.get(type(page), generic)
        view.update(details(self, page, view))
        return view


def generic(v: PageView, page: Any, view: dict[str, Any]) -> dict[str, Any]:
    """A type with no view of its own: its fields as they are, and every page it refers to as a link, by field."""
    links: dict[str, list[dict[str, Any]]] = {}
    for loc, slug, _types in references(page):
        if loc[0] not in ("related", "sources"):  # every page shows these already
            links.setdefault(loc[0], []).append(v.link(slug))
    return {"fields": page.model_dump(mode="json"), "links": links}


def redirects(kb: KnowledgeBase) -> dict[str, str]:
    """Short and old addresses: `<slug>.md` and every alias (also under its type folder) -> the page."""
    maps = {}
    for entry in kb.typed():
        maps[f"{entry.slug}.md"] = entry.src_uri
        for alias in entry.page.aliases:
            maps[f"{alias}.md"] = entry.src_uri
            maps[f"{FOLDERS[entry.type]}/{alias}.md"] = entry.src_uri
    return dict(sorted(maps.items()))


def search_terms(kb: KnowledgeBase, entry: Entry) -> str:
    """Words a reader may search for that the page body may not contain: summary, labels, term names."""
    words = [entry.page.summary]
    words += [kb.vocabulary[name].label_of(v) for name, values in facet_values(entry).items() for v in values]
    if entry.type == "concept":
        words += [entry.page.term, entry.page.acronym or "", *entry.page.also_known_as, entry.page.definition]
    if entry.type == "recommendation":
        words.append(entry.page.statement)
    return " · ".join(w for w in words if w)


def page_view(
    kb: KnowledgeBase, graph: Any, entry: Entry, site_url: str, directory_urls: bool = True
) -> dict[str, Any]:
    """Everything a page template needs about `entry`; `site_url` makes its short address."""
    return PageView(kb, graph, entry, site_url, directory_urls).build()
