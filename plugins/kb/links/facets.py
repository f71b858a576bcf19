"""A page's facet values: the fields its type declares as facets (`page_types`), shown as labels and filtered on."""

from __future__ import annotations

from typing import Any

from kb.content.knowledge_base import Entry
from kb.content.page_types import TYPES


def _get(data: Any, dotted: str) -> Any:
    for part in dotted.split("."):
        data = getattr(data, part, None)
    return data


def facet_values(entry: Entry) -> dict[str, list[str]]:
    """Facet name -> values of this page."""
    values = {}
    for facet, path in TYPES[entry.type].facets if entry.type in TYPES else ():
        found = _get(entry.page, path)
        found = [found] if isinstance(found, str) else list(found or [])
        if found:
            values[facet] = found
    return values
