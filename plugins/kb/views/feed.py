"""What's new: an Atom feed of new and changed pages, and the data of the What's new page, both from git history.

Dates are commit times, so two builds of the same history are identical; a copy
without history has an empty feed, dated at the Unix epoch for the same reason.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from typing import Any

from kb.content.addresses import FEED, WHATS_NEW
from kb.content.knowledge_base import Entry, KnowledgeBase
from kb.views.history import Dates, long_date
from kb.views.open_data import LANGUAGE, Site, one_line, type_label
from kb.views.urls import page_url, relative

LATEST = 50
"""Pages the feed and the What's new page list."""
ATOM = "http://www.w3.org/2005/Atom"
NO_HISTORY = "1970-01-01T00:00:00+00:00"
NOT_XML_RE = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
"""Characters XML 1.0 cannot hold, even escaped."""
MARKDOWN = (
    "---\ntitle: What's new\n---\n\n"
    "The pages added or changed most recently, newest first, with the date of each change."
    " Follow the feed in a feed reader or Teams channel to hear of new pages as they come.\n"
)
SUMMARY = "The pages added or changed most recently in the knowledge base, newest first."


def latest(kb: KnowledgeBase, history: dict[str, Dates]) -> list[tuple[Entry, Dates]]:
    """The most recently changed pages with their dates, newest first (ties by title, so the order is stable)."""
    dated = [(entry, history[src]) for src, entry in kb.entries.items() if src in history]
    dated.sort(key=lambda pair: (-pair[1].changed.timestamp(), pair[0].title.casefold(), pair[0].src_uri))
    return dated[:LATEST]


def _text(parent: ET.Element, tag: str, text: str) -> None:
    ET.SubElement(parent, tag).text = NOT_XML_RE.sub("", one_line(text))


def atom(kb: KnowledgeBase, site: Site, history: dict[str, Dates]) -> str:
    """The Atom feed (RFC 4287) of the latest new and changed pages, each with its summary."""
    changes = latest(kb, history)
    feed = ET.Element("feed", {"xmlns": ATOM, "{http://www.w3.org/XML/1998/namespace}lang": LANGUAGE})
    _text(feed, "title", f"{site.name}: what's new")
    _text(feed, "subtitle", SUMMARY)
    _text(feed, "id", site.absolute(FEED))
    ET.SubElement(feed, "link", {"rel": "self", "type": "application/atom+xml", "href": site.absolute(FEED)})
    ET.SubElement(feed, "link", {"rel": "alternate", "type": "text/html", "href": site.page(WHATS_NEW)})
    _text(feed, "updated", changes[0][1].changed.isoformat() if changes else NO_HISTORY)
    _text(ET.SubElement(feed, "author"), "name", site.name)
    for entry, when in changes:
        url = site.page(entry.src_uri)
        item = ET.SubElement(feed, "entry")
        _text(item, "title", entry.title)
        _text(item, "id", url)
        ET.SubElement(item, "link", {"rel": "alternate", "type": "text/html", "href": url})
        _text(item, "published", when.added.isoformat())
        _text(item, "updated", when.changed.isoformat())
        ET.SubElement(item, "category", {"term": entry.type, "label": type_label(entry)})
        if entry.page.summary:
            _text(item, "summary", entry.page.summary)
    ET.indent(feed)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="unicode") + "\n"


def whats_new(kb: KnowledgeBase, history: dict[str, Dates], directory_urls: bool = True) -> dict[str, Any]:
    """The What's new page's data: the latest changes, each new or updated, with links relative to the page."""
    base = page_url(WHATS_NEW, directory_urls)
    return {
        "feed_url": relative(FEED, base),
        "changes": [
            {
                "title": entry.title,
                "url": relative(page_url(entry.src_uri, directory_urls), base),
                "type_label": type_label(entry),
                "summary": entry.page.summary,
                "new": when.is_new,
                "iso": when.changed.date().isoformat(),
                "date": long_date(when.changed.date()),
            }
            for entry, when in latest(kb, history)
        ],
    }
