"""Plain data for templates: labelled facets, resolved links, backlinks, per-type details.

Every URL here is already relative to the page being rendered, so templates
only print values (no Python calls, no custom filters): any engine can render them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from markupsafe import escape

from kb.content.body import plain_heading, sections
from kb.content.fields import references
from kb.content.knowledge_base import Entry, KnowledgeBase
from kb.content.models import Concept, Page, Recommendation
from kb.content.page_types import FOLDERS, TYPES
from kb.content.vocabulary import Vocabulary
from kb.links.facets import facet_values
from kb.links.graph import BACKLINK_LABELS, LinkGraph
from kb.views.handout import qr_svg, short_url
from kb.views.history import long_date
from kb.views.type_views import VIEWS
from kb.views.urls import editor_path, finder_url, page_url, relative, search_url

LINKING_HERE_LIMIT = 12
"""Pages that link here, listed for each kind of page; a popular glossary term is mentioned by hundreds of pages,
and search finds the rest."""
RATING_PAGE = "how-we-rate-evidence.md"
"""The root page that explains the evidence labels; every label links to it."""
READ_NEXT = ("related", "see_also")
"""Reference fields listed in the related block rather than by the layout."""
SILENT_RE = re.compile(
    r"\b(?:does not|doesn't|did not|do not) (?:say|report|give|describe|tell)|\bnot (?:stated|reported|given|known)\b",
    re.I,
)
SILENT_WORDS = 30
"""A section this short that says the source is silent is one the source said nothing in."""


class PageView:
    """Builds the template data of pages, relative to one page's URL."""

    def __init__(
        self, kb: KnowledgeBase, graph: LinkGraph, entry: Entry, site: Site, changed: date | None = None
    ) -> None:
        self.kb, self.graph, self.entry = kb, graph, entry
        self.site_url, self.site_name, self.directory_urls = site.url, site.name, site.directory_urls
        self.changed = changed
        self.base = page_url(entry.src_uri, self.directory_urls)
        self.vocab = kb.vocabulary

    def url(self, site_url: str) -> str:
        return relative(site_url, self.base)

    def label(self, facet: str, value: str | None) -> str | None:
        return None if value is None else self.vocab[facet].label_of(value)

    def link(self, slug: str, **extra: Any) -> dict[str, Any]:
        target = self.kb.by_slug[slug]
        data: dict[str, Any] = {
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

    def evidence(self, target: Entry) -> dict[str, Any]:
        rating = self.url(page_url(RATING_PAGE, self.directory_urls)) if RATING_PAGE in self.kb.entries else None
        return evidence_picture(self.vocab, target.model(Recommendation).evidence_level, rating)

    def facets(self) -> list[dict[str, Any]]:
        """The page's facet values as links to its filtered finder (a value the source does not give is left out)."""
        finder = finder_url(self.entry.type, self.directory_urls)
        facets = []
        for name, values in facet_values(self.entry).items():
            known = [v for v in values if v not in self.vocab[name].placeholders()]
            if known:
                terms = [
                    {"value": v, "label": self.vocab[name].label_of(v), "url": self.url(f"{finder}?{name}={v}")}
                    for v in known
                ]
                facets.append({"name": name, "label": self.vocab[name].label, "terms": terms})
        return facets

    def citations(self) -> list[dict[str, Any]]:
        return [
            self.link(c.source, locator=c.locator, stance=c.stance, data=c.data) for c in self.entry.model(Page).sources
        ]

    def related(self) -> dict[str, Any]:
        """One related block: pages worth reading next, by kind, then the pages that link here.

        Pages the layout already lists (the page's own references: sources, case studies, programmes...)
        are not repeated; `related` and `see_also` lead, then pages like this one.
        """
        page = self.entry.model(Page)
        shown = {slug for loc, slug, _ in references(page) if loc[0] not in READ_NEXT} | {self.entry.slug}
        chosen = [*page.related, *getattr(page, "see_also", []), *self.graph.related.get(self.entry.slug, [])]
        read_next = [s for s in dict.fromkeys(chosen) if s not in shown and s in self.kb.by_slug]
        linking = [e.source for edges in self.graph.backlinks(self.entry.slug).values() for e in edges]
        linking = [s for s in dict.fromkeys(linking) if s not in shown and s in self.kb.by_slug]
        linking_groups = self._by_type(linking)
        for group in linking_groups:
            group["more"] = max(0, len(group["links"]) - LINKING_HERE_LIMIT)
            group["links"] = group["links"][:LINKING_HERE_LIMIT]
        return {
            "groups": self._by_type(read_next),
            "count": len(read_next),
            "linking_here": {
                "groups": linking_groups,
                "count": len(linking),
                "search_url": self._search_url(),
            },
        }

    def _search_url(self) -> str:
        """The search page asked for this page's name (a term's acronym, else its term; else the title): it finds every page that mentions it."""
        page = self.entry.page
        words = (page.acronym or page.term) if isinstance(page, Concept) else self.entry.title
        return self.url(search_url(words, self.directory_urls))

    def _by_type(self, slugs: list[str]) -> list[dict[str, Any]]:
        groups: dict[str, list[dict[str, Any]]] = {}
        for slug in slugs:
            groups.setdefault(self.kb.by_slug[slug].type, []).append(self.link(slug))
        return [{"type": name, "label": t.plural, "links": groups[name]} for name, t in TYPES.items() if name in groups]

    def contents(self, view: dict[str, Any]) -> list[dict[str, str]]:
        """'On this page': the sections the layout adds before the body, the body's own, then those after it."""
        inserts = view.get("contents_inserts", {})
        body = []
        for heading in (h for h in self.entry.headings if h.level == 2):
            body += inserts.get(heading.anchor, [])
            body.append({"id": heading.anchor, "title": plain_heading(heading.text)})
        after = list(view.get("contents_after", []))
        if view["citations"] and not view["citations_in_body"]:
            after.append({"id": "kb-citations", "title": "Where this comes from"})
        if view["related"]["count"] or view["related"]["linking_here"]["count"]:
            after.append({"id": "kb-related", "title": "Related pages"})
        return [*view.get("contents_before", []), *body, *after]

    def short_account(self) -> bool:
        """A case study whose source is silent in two or more of its sections."""
        return self.entry.type == "case-study" and len(silent_sections(self.entry.parsed.body)) >= 2

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
        page = self.entry.model(Page)
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
            "citations_in_body": any(h.level == 2 and h.anchor == "sources" for h in self.entry.headings),
            "related": self.related(),
            "short_account": self.short_account(),
            "published_by": self.site_name,
            "last_changed": {"iso": self.changed.isoformat(), "text": long_date(self.changed)}
            if self.changed
            else None,
        }
        details = VIEWS.get(type(page), generic)
        view.update(details(self, page, view))
        view["contents"] = self.contents(view)
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
        for alias in entry.model(Page).aliases:
            maps[f"{alias}.md"] = entry.src_uri
            maps[f"{FOLDERS[entry.type]}/{alias}.md"] = entry.src_uri
    return dict(sorted(maps.items()))


def with_search_terms(kb: KnowledgeBase, entry: Entry, body_html: str) -> str:
    """The rendered body for the offline copy's search (Material's, which reads only the body): a hidden
    paragraph of the words the layout shows around the body first."""
    return f'<p class="kb-search-terms" hidden>{escape(search_terms(kb, entry))}</p>\n{body_html}'


def search_terms(kb: KnowledgeBase, entry: Entry) -> str:
    """Words a reader may search for that the page body may not contain: summary, labels, term names."""
    words = [entry.page.summary]
    words += [kb.vocabulary[name].label_of(v) for name, values in facet_values(entry).items() for v in values]
    if entry.type == "concept":
        concept = entry.model(Concept)
        words += [concept.term, concept.acronym or "", *concept.also_known_as, concept.definition]
    if entry.type == "recommendation":
        words.append(entry.model(Recommendation).statement)
    return " · ".join(w for w in words if w)


@dataclass(frozen=True)
class Site:
    """What the views need to know of the site: its public address, its name, and its URL style."""

    url: str
    name: str = ""
    directory_urls: bool = True


def page_view(
    kb: KnowledgeBase, graph: LinkGraph, entry: Entry, site: Site, changed: date | None = None
) -> dict[str, Any]:
    """Everything a page template needs about `entry`; `changed` is when it last changed (from git)."""
    return PageView(kb, graph, entry, site, changed).build()


def evidence_picture(vocab: Vocabulary, level: str, rating_url: str | None) -> dict[str, Any]:
    """An evidence label as a picture: its step on the four-step scale, and where the scale is explained."""
    terms = vocab["evidence_level"].terms  # strongest first
    step = len(terms) - next(i for i, t in enumerate(terms) if t.value == level)
    term = terms[len(terms) - step]
    return {
        "level": level,
        "label": term.label,
        "description": term.description,
        "step": step,
        "steps": len(terms),
        "scale": [{"filled": n <= step} for n in range(1, len(terms) + 1)],
        "url": rating_url,
    }


def silent_sections(body: str) -> list[str]:
    """The level-2 sections of a body that only say the source is silent ("The thesis does not say.")."""
    return [title for title, text in sections(body) if len(text.split()) <= SILENT_WORDS and SILENT_RE.search(text)]
