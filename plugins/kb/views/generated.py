"""Pages the build makes from the whole knowledge base: a finder per type, search, the evidence map, the comparison,
what's new.

Each is declared here with its Markdown, its layout and its template data, so the
MkDocs adapter only adds them to the site (their addresses are reserved in `addresses`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from kb.content.addresses import WHATS_NEW
from kb.content.knowledge_base import KnowledgeBase
from kb.content.page_types import TYPES
from kb.views import feed, finders, synthesis
from kb.views.history import Dates


@dataclass(frozen=True)
class GeneratedPage:
    """One page made by the build."""

    src_uri: str
    """Its content path, e.g. `case-studies/index.md`."""
    markdown: str
    layout: str
    """Its theme template, e.g. `kb/finder.html`."""
    name: str
    """The name its data has in the template, e.g. `finder`."""
    data: dict[str, Any]
    summary: str = ""
    """What it lists, for link previews (else the site's description)."""
    searched: bool = False
    """Whether its layout marks it for search (`data-pagefind-body`): the build writes such pages first, with
    the content, so that search can index them in order; the others (finders, lists) come last."""


KIND_OF_PAGE = "Kind of page"
FIRST_FILTERS = ("phase", "stage", "evidence_level")
"""After the kind of page, the search page's filters in this order, open; the rest follow, folded."""


def search_page(kb: KnowledgeBase) -> dict[str, Any]:
    """The search page's data: the order of its filters (Pagefind names them by label)."""
    first = [KIND_OF_PAGE, *(kb.vocabulary[name].label for name in FIRST_FILTERS if name in kb.vocabulary)]
    return {"filter_order": first, "open_filters": first}


def pages(
    kb: KnowledgeBase, site_url: str, directory_urls: bool = True, history: dict[str, Dates] | None = None
) -> list[GeneratedPage]:
    """Every generated page, with its data, for this knowledge base (`history`: when each page changed)."""
    changed = {uri: when.changed.date() for uri, when in (history or {}).items()}
    found = [
        GeneratedPage(
            t.finder_uri,
            finders.markdown(name),
            "kb/finder.html",
            "finder",
            finders.finder(kb, name, directory_urls, changed),
            summary=t.intro,
        )
        for name, t in TYPES.items()
    ]
    markdown = synthesis.MARKDOWN
    found += [
        GeneratedPage(
            synthesis.EVIDENCE_MAP,
            markdown[synthesis.EVIDENCE_MAP],
            "kb/evidence-map.html",
            "finder",
            synthesis.evidence_map(kb, directory_urls),
        ),
        GeneratedPage(
            synthesis.SEARCH,
            markdown[synthesis.SEARCH],
            "kb/search.html",
            "search",
            search_page(kb),
        ),
        GeneratedPage(
            synthesis.PROGRAMME_COMPARISON,
            markdown[synthesis.PROGRAMME_COMPARISON],
            "kb/compare-programmes.html",
            "comparison",
            synthesis.programme_comparison(kb, directory_urls),
        ),
        GeneratedPage(
            WHATS_NEW,
            feed.MARKDOWN,
            "kb/whats-new.html",
            "whats_new",
            feed.whats_new(kb, history or {}, directory_urls),
            summary=feed.SUMMARY,
        ),
    ]
    return found
