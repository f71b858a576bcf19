"""The home page's data: a search with examples, three doors by need, the topic guides, then browsing by type."""

from __future__ import annotations

from typing import Any

from kb.content.addresses import SHARE_PAGE
from kb.content.knowledge_base import KnowledgeBase
from kb.content.models import Guide
from kb.content.page_types import TYPES
from kb.views.urls import finder_url, page_url, relative, search_url

HOME = "index.md"
EXAMPLES = ("peer review", "governors", "90-day follow-up")
"""Searches shown under the home page's search box."""
DOORS = (
    "What to do first, what went wrong elsewhere, and how strong the evidence is.",
    "Tell other schools what you did: in Word, by email or online.",
    "Timed workshops with activities and questions, and tools a room can use together.",
)
"""What each of the home page's three doors leads to."""


def _door(title: str, text: str, url: str) -> dict[str, str]:
    return {"title": title, "text": text, "url": url}


def home(kb: KnowledgeBase, directory_urls: bool = True) -> dict[str, Any]:
    """Everything the home layout shows, with URLs relative to the home page."""
    base = page_url(HOME, directory_urls)

    def url(src_uri: str) -> str:
        return relative(page_url(src_uri, directory_urls), base)

    guides = sorted(kb.of_type("guide"), key=lambda e: e.title.casefold())
    peer_review = next((e for e in guides if e.model(Guide).topic == "peer-review"), None)
    doors = [
        _door("Starting or running peer review", DOORS[0], url(peer_review.src_uri)) if peer_review else None,
        _door("Share your partnership's practice", DOORS[1], url(SHARE_PAGE)),
        _door("Run a workshop", DOORS[2], relative(finder_url("pack", directory_urls), base)),
    ]
    return {
        "examples": [
            {
                "text": text,
                "url": relative(search_url(text, directory_urls), base),
            }
            for text in EXAMPLES
        ],
        "doors": [door for door in doors if door],
        "guides": [{"title": e.title, "summary": e.page.summary, "url": url(e.src_uri)} for e in guides],
        "browse": [
            {"title": t.plural, "url": relative(finder_url(name, directory_urls), base), "count": len(kb.of_type(name))}
            for name, t in TYPES.items()
            if kb.of_type(name)
        ],
    }
