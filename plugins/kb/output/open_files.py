"""Every file the open data adds to the site: the JSON API and its schemas, the Atom feed, the citation files."""

from __future__ import annotations

from kb.content.addresses import API, FEED
from kb.content.knowledge_base import KnowledgeBase
from kb.output.schema_export import api_schemas
from kb.views import api, citation, feed
from kb.views.history import Dates
from kb.views.open_data import Site


def files(kb: KnowledgeBase, site: Site, history: dict[str, Dates]) -> dict[str, str]:
    """The text of each file, by site path (reproducible: its only dates come from `history`)."""
    written = api.files(kb, site, history)
    written.update({f"{API}/{name}": text for name, text in api_schemas().items()})
    written[FEED] = feed.atom(kb, site, history)
    written.update(citation.files(kb, site, history))
    return written
