"""Each page type's own template data, beside what every page has (`views.PageView`).

A function per model, registered with `@view_of`; a type without one gets its fields
and its references as links (`views.generic`), which is enough for a new type's layout.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from kb.content import models
from kb.views import urls
from kb.views.handout import qr_svg, short_url

if TYPE_CHECKING:
    from kb.content.knowledge_base import Entry
    from kb.views.page_view import PageView

View = Callable[["PageView", Any, dict[str, Any]], dict[str, Any]]
VIEWS: dict[type, View] = {}
"""The view of each model that has one of its own."""


def view_of(model: type[models.Page]) -> Callable[[View], View]:
    """Register a function as the template data of `model`'s pages."""

    def register(function: View) -> View:
        VIEWS[model] = function
        return function

    return register


GUIDE_LIST_LIMIT = 12
"""Case studies and frameworks a topic guide lists before pointing to the filtered finder."""


@view_of(models.CaseStudy)
def case_study(v: PageView, page: Any, view: dict[str, Any]) -> dict[str, Any]:
    s = page.setting
    return {
        "setting": {
            "phase": ", ".join(v.label("phase", p) for p in s.phase),
            "region": v.label("region", s.region),
            "locality": s.locality,
            "community": v.label("community", s.community),
            "schools_involved": s.schools_involved,
            "school_mix": s.school_mix,
            "context": s.context,
            "partnership_type": v.label("partnership_type", page.partnership_type),
            "period": page.period,
            "anonymised": page.anonymised,
        },
        "evidence_note": page.evidence_note,
        "evidence_types": [v.label("evidence_type", t) for t in page.evidence_type],
        "programmes": [v.link(slug) for slug in page.programmes],
        "illustrates": [v.link(slug) for slug in page.illustrates],
    }


@view_of(models.Recommendation)
def recommendation(v: PageView, page: Any, view: dict[str, Any]) -> dict[str, Any]:
    drawn = list(
        dict.fromkeys(page.case_studies + [e.source for e in v.graph.backlinks(v.entry.slug).get("illustrates", [])])
    )
    by_stance = {
        stance: [c for c in view["citations"] if c["stance"] == stance]
        for stance in ("supports", "qualifies", "contradicts")
    }
    return {
        "statement": page.statement,
        "headline": headline(page, v.vocab, len({c.source for c in page.sources})),
        "evidence": v.evidence(v.entry),
        "evidence_basis": page.evidence_basis,
        "case_studies": [v.link(slug) for slug in drawn],
        "stances": [
            {
                "stance": k,
                "label": {"supports": "Supported by", "qualifies": "Qualified by", "contradicts": "Contradicted by"}[k],
                "citations": v,
            }
            for k, v in by_stance.items()
            if v
        ],
    }


@view_of(models.Programme)
def programme(v: PageView, page: Any, view: dict[str, Any]) -> dict[str, Any]:
    return {
        "provider": page.provider,
        "years": page.years,
        "cycle": [stage.model_dump() for stage in page.cycle],
        "scale": [point.model_dump() for point in page.scale],
        "roles": [v.link(slug, definition=v.kb.by_slug[slug].page.definition) for slug in page.roles],
        "evaluations": [v.link(slug) for slug in page.evaluations],
        "case_studies": [
            v.link(e.source)
            for e in v.graph.backlinks(v.entry.slug).get("programmes", [])
            if v.kb.by_slug[e.source].type == "case-study"
        ],
        "website": page.website,
    }


@view_of(models.Source)
def source(v: PageView, page: Any, view: dict[str, Any]) -> dict[str, Any]:
    return {
        "reference": reference(page, v.vocab),
        "date_note": page.date_note,
        "method": page.method.model_dump(),
        "strengths": page.strengths,
        "limitations": page.limitations,
        "doi": page.doi,
        "url": page.url,
        "evidence_types": [v.label("evidence_type", t) for t in page.evidence_type],
    }


@view_of(models.Concept)
def concept(v: PageView, page: Any, view: dict[str, Any]) -> dict[str, Any]:
    return {
        "term": page.term,
        "acronym": page.acronym,
        "also_known_as": page.also_known_as,
        "definition": page.definition,
        "status": v.label("concept_status", page.status),
        "historic": page.status == "historic",
        "see_also": [v.link(slug) for slug in page.see_also],
    }


@view_of(models.Pack)
def pack(v: PageView, page: Any, view: dict[str, Any]) -> dict[str, Any]:
    steps = []
    for step in page.steps:
        short = short_url(v.site_url, step.page)
        steps.append(
            {
                **v.link(step.page),
                "minutes": step.minutes,
                "activity": step.activity,
                "questions": step.questions,
                "short_url": short,
                "qr_svg": qr_svg(short),
            }
        )
    total = sum(step.minutes for step in page.steps)
    return {"purpose": page.purpose, "preparation": page.preparation, "steps": steps, "duration": _duration(total)}


@view_of(models.Guide)
def guide(v: PageView, page: Any, view: dict[str, Any]) -> dict[str, Any]:
    """The topic's recommendations by the first stage they belong to, and its case studies and frameworks."""

    def on_topic(type_name: str) -> list[Entry]:
        return sorted(v.kb.with_theme(type_name, page.topic), key=lambda e: e.title.casefold())

    stages = []
    for term in v.vocab["stage"].terms:
        recs = [e for e in on_topic("recommendation") if e.page.stage[0] == term.value]
        if recs:
            stages.append(
                {
                    "id": term.value,
                    "label": term.label,
                    "description": term.description,
                    "recommendations": [v.link(e.slug) for e in recs],
                }
            )

    def some(type_name: str) -> dict[str, Any]:
        """The first few pages on the topic, and the filtered finder that lists them all."""
        entries = on_topic(type_name)
        url = v.url(f"{urls.finder_url(type_name, v.directory_urls)}?theme={page.topic}")
        return {"links": [v.link(e.slug) for e in entries[:GUIDE_LIST_LIMIT]], "total": len(entries), "all_url": url}

    return {
        "topic": v.label("theme", page.topic),
        "stages": stages,
        "case_studies": some("case-study"),
        "frameworks": some("framework"),
    }


@view_of(models.Framework)
def framework(v: PageView, page: Any, view: dict[str, Any]) -> dict[str, Any]:
    levels = [level.model_dump() for level in page.scale.levels]
    cells = {s.id: [(s.levels or {}).get(level["id"]) for level in levels] for d in page.dimensions for s in d.strands}
    described = any(not is_filler(c) for c in cells.values())
    dimensions = [
        {
            "id": d.id,
            "name": d.name,
            "descriptor": d.descriptor,
            "strands": [
                {
                    "id": s.id,
                    "name": s.name,
                    "descriptor": s.descriptor,
                    "prompt": s.prompt,
                    "cells": cells[s.id],
                    "discussion_only": described and is_filler(cells[s.id]),
                    "no_levels_note": cells[s.id][0] if is_filler(cells[s.id]) else None,
                    "recommendations": [v.link(slug) for slug in s.recommendations],
                    "case_studies": [v.link(slug) for slug in s.case_studies],
                }
                for s in d.strands
            ],
        }
        for d in page.dimensions
    ]
    strands = [s for d in dimensions for s in d["strands"]]
    return {
        "version": structure_version(page),
        "tool": {
            "framework": v.entry.slug,
            "title": v.entry.title,
            "version": structure_version(page),
            "levels": [{"id": level["id"], "label": level["label"]} for level in levels],
            "dimensions": [
                {
                    "id": d["id"],
                    "name": d["name"],
                    "strands": [
                        {"id": s["id"], "name": s["name"], "discussion": s["discussion_only"]} for s in d["strands"]
                    ],
                }
                for d in dimensions
            ],
        },
        "strand_count": len(strands),
        "rated_count": sum(not s["discussion_only"] for s in strands),
        "strand_links": {
            s["id"]: {"recommendations": s["recommendations"], "case_studies": s["case_studies"]} for s in strands
        },
        "originator": page.originator,
        "year": page.year,
        "purpose": page.purpose,
        "use_note": page.use_note,
        "structure_note": page.structure_note,
        "scale": {
            "origin": page.scale.origin,
            "origin_label": v.label("scale_origin", page.scale.origin),
            "levels": levels,
        },
        "described": described,
        "dimensions": dimensions,
        "programmes": [v.link(slug) for slug in page.programmes],
    }


def is_filler(cells: list[str | None]) -> bool:
    """Whether a strand's level statements tell its levels apart: not when they are all missing or all the same.

    A source that gives no statements for a strand is sometimes recorded as one sentence saying so, repeated
    in every level; such a strand is for discussion only, never rated against statements nobody wrote.
    """
    return len(set(cells)) == 1


def structure_version(page: Any) -> str:
    """A short fingerprint of a framework's levels, dimensions and strands.

    Saved ratings are keyed by it, so a framework whose structure changes never
    misreads ratings made against the old structure.
    """
    shape = [[level.id for level in page.scale.levels]] + [[d.id, [s.id for s in d.strands]] for d in page.dimensions]
    return hashlib.sha256(json.dumps(shape).encode()).hexdigest()[:10]


def headline(page: Any, vocab: Any, sources: int) -> str:
    """One generated sentence: what to do, for whom, when, and on what evidence."""
    level = vocab["evidence_level"].label_of(page.evidence_level).lower()
    audience = _join([vocab["audience"].label_of(a).lower() for a in page.audience])
    stages = _join([vocab["stage"].label_of(s).lower() for s in page.stage])
    noun = "source" if sources == 1 else "sources"
    return f"For {audience}, at the {stages} {'stage' if len(page.stage) == 1 else 'stages'}: {level}, from {sources} {noun}."


def reference(page: Any, vocab: Any) -> str:
    """A plain citation a reader can copy."""
    authors = _join(page.authors, "and")
    year = str(page.year) if page.year else "n.d."
    kind = vocab["document_type"].label_of(page.document_type)
    where = f" https://doi.org/{page.doi}" if page.doi else (f" {page.url}" if page.url else "")
    return f"{authors} ({year}). {page.citation_title}. {kind}, {page.institution}.{where}"


def _duration(minutes: int) -> str:
    """90 -> '1 hour 30 minutes'."""
    hours, rest = divmod(minutes, 60)
    parts = ([f"{hours} hour{'s' if hours != 1 else ''}"] if hours else []) + ([f"{rest} minutes"] if rest else [])
    return " ".join(parts)


def _join(items: list[str], word: str = "and") -> str:
    """['a', 'b', 'c'] -> 'a, b and c'; with a comma before the last when an item has the word in it."""
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    comma = "," if len(items) > 2 and any(f" {word} " in item for item in items) else ""
    return ", ".join(items[:-1]) + f"{comma} {word} " + items[-1]
