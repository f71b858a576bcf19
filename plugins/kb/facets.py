"""Which fields of each page type are facets: shown as labels, filtered on in finders."""

from __future__ import annotations

from typing import Any

from .knowledge_base import Entry

FACETS: dict[str, tuple[tuple[str, str], ...]] = {
    "case-study": (("phase", "setting.phase"), ("region", "setting.region"), ("community", "setting.community"), ("partnership_type", "partnership_type"), ("theme", "theme"), ("audience", "audience"), ("stage", "stage"), ("evidence_type", "evidence_type")),
    "recommendation": (("evidence_level", "evidence_level"), ("audience", "audience"), ("stage", "stage"), ("phase", "phase"), ("theme", "theme"), ("evidence_type", "evidence_type")),
    "framework": (("phase", "phase"), ("theme", "theme"), ("audience", "audience"), ("stage", "stage")),
    "programme": (("phase", "phase"), ("region", "region"), ("theme", "theme"), ("audience", "audience")),
    "concept": (("concept_status", "status"), ("theme", "theme")),
    "source": (("document_type", "document_type"), ("evidence_type", "evidence_type"), ("theme", "theme")),
    "pack": (("audience", "audience"), ("theme", "theme")),
    "guide": (("theme", "topic"), ("audience", "audience")),
}
"""Per page type: (vocabulary facet, field path) of every facet shown and filtered on."""


def _get(data: Any, dotted: str) -> Any:
    for part in dotted.split("."):
        data = getattr(data, part, None)
    return data


def facet_values(entry: Entry) -> dict[str, list[str]]:
    """Facet name -> values of this page."""
    values = {}
    for facet, path in FACETS.get(entry.type, ()):
        found = _get(entry.page, path)
        found = [found] if isinstance(found, str) else list(found or [])
        if found:
            values[facet] = found
    return values
