"""Each page type's own template data, beside what every page has (`views.PageView`).

A function per model, registered with `@view_of`; a type without one gets its fields
and its references as links (`views.generic`), which is enough for a new type's layout.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from kb.checks.evidence import LEVELS
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


EVIDENCE_SECTION = "why-the-evidence"
"""The anchor of a recommendation's evidence section, which its layout shows after the case studies."""


def section(anchor: str, title: str) -> dict[str, str]:
    """An entry of 'On this page' for a section the layout adds."""
    return {"id": anchor, "title": title}


def view_case_studies(v: PageView) -> list[str]:
    """The case studies that name a programme (slugs)."""
    edges = v.graph.backlinks(v.entry.slug).get("programmes", [])
    return [e.source for e in edges if v.kb.by_slug[e.source].type == "case-study"]


GUIDE_LIST_LIMIT = 12
"""Case studies, frameworks and resources a topic guide lists before pointing to the filtered finder."""
STAGE_LIST_LIMIT = 20
"""Recommendations a topic guide lists at one stage (strongest first) before pointing to the filtered finder:
every one on our own topics (at most 15), a readable few on a site of thousands."""


@view_of(models.CaseStudy)
def case_study(v: PageView, page: Any, view: dict[str, Any]) -> dict[str, Any]:
    s = page.setting
    return {
        "setting": {
            "phase": ", ".join(v.vocab["phase"].label_of(p) for p in s.phase),
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
        "contents_before": [section("kb-setting", "The setting")],
        "contents_after": [
            *([section("kb-illustrates", "Recommendations this case illustrates")] if page.illustrates else []),
            section("kb-evidence-note", "About this evidence"),
        ],
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
        "evidence_section": EVIDENCE_SECTION,
        "contents_inserts": {
            EVIDENCE_SECTION: [section("kb-case-studies", "Case studies it draws on")] if drawn else []
        },
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
        "roles": [v.link(slug, definition=v.kb.by_slug[slug].model(models.Concept).definition) for slug in page.roles],
        "evaluations": [v.link(slug) for slug in page.evaluations],
        "case_studies": [v.link(slug) for slug in view_case_studies(v)],
        "website": page.website,
        "contents_before": [
            section("kb-at-a-glance", "At a glance"),
            *([section("kb-cycle", "The cycle, step by step")] if page.cycle else []),
            *([section("kb-roles", "Roles")] if page.roles else []),
            *([section("kb-scale", "Scale")] if page.scale else []),
        ],
        "contents_after": [
            *([section("kb-evaluations", "Evaluations")] if page.evaluations else []),
            *([section("kb-case-studies", "Case studies of this programme")] if view_case_studies(v) else []),
        ],
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
        "contents_before": [
            section("kb-reference", "Reference"),
            section("kb-method", "How the study was done"),
            section("kb-strengths", "Strengths"),
            section("kb-limitations", "Limitations"),
        ],
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
        "contents_before": [section("kb-definition", "Definition")],
    }


@view_of(models.Pack)
def pack(v: PageView, page: Any, view: dict[str, Any]) -> dict[str, Any]:
    """The steps with their timings and print addresses, and the resources that serve the steps' pages."""
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
    step_pages = {step.page for step in page.steps}
    resources = []
    for e in sorted(v.kb.of_type("resource"), key=lambda e: e.title.casefold()):
        resource = e.model(models.Resource)
        if step_pages & {*resource.recommendations, *resource.case_studies}:
            resources.append(v.link(e.slug))
    return {
        "purpose": page.purpose,
        "preparation": page.preparation,
        "steps": steps,
        "duration": _duration(total),
        "resources": resources,
        "contents_before": [
            section("kb-at-a-glance", "At a glance"),
            section("kb-steps", "The workshop, step by step"),
            *([section("kb-pack-resources", "Documents to adapt")] if resources else []),
        ],
    }


@view_of(models.Guide)
def guide(v: PageView, page: Any, view: dict[str, Any]) -> dict[str, Any]:
    """The topic's recommendations by the first stage they belong to, and its case studies and frameworks."""

    def on_topic(type_name: str) -> list[Entry]:
        return sorted(v.kb.with_theme(type_name, page.topic), key=lambda e: e.title.casefold())

    stages = []
    recommendations = [(e, e.model(models.Recommendation).stage) for e in on_topic("recommendation")]
    for term in v.vocab["stage"].terms:
        recs = strongest_first([e for e, stage in recommendations if stage[0] == term.value])
        if recs:
            finder = urls.finder_url("recommendation", v.directory_urls)
            stages.append(
                {
                    "id": term.value,
                    "label": term.label,
                    "description": term.description,
                    "recommendations": [v.link(e.slug) for e in recs[:STAGE_LIST_LIMIT]],
                    "more": len(recs) > STAGE_LIST_LIMIT,
                    "all_count": sum(term.value in stage for _, stage in recommendations),
                    "all_url": v.url(f"{finder}?theme={page.topic}&stage={term.value}"),
                }
            )

    def some(type_name: str) -> dict[str, Any]:
        """The first few pages on the topic, and the filtered finder that lists them all."""
        entries = on_topic(type_name)
        url = v.url(f"{urls.finder_url(type_name, v.directory_urls)}?theme={page.topic}")
        return {"links": [v.link(e.slug) for e in entries[:GUIDE_LIST_LIMIT]], "total": len(entries), "all_url": url}

    case_studies, frameworks, resources = some("case-study"), some("framework"), some("resource")
    return {
        "topic": v.label("theme", page.topic),
        "stages": stages,
        "case_studies": case_studies,
        "frameworks": frameworks,
        "resources": resources,
        "contents_after": [
            *([section("kb-by-stage", "What to do, stage by stage")] if stages else []),
            *([section("kb-guide-case-studies", "Case studies")] if case_studies["links"] else []),
            *([section("kb-guide-frameworks", "Frameworks to review where you stand")] if frameworks["links"] else []),
            *([section("kb-guide-resources", "Documents to adapt")] if resources["links"] else []),
        ],
    }


def strongest_first(entries: list[Entry]) -> list[Entry]:
    """Recommendations by the strength of their evidence, strongest first, then by title."""
    return sorted(
        entries, key=lambda e: (-LEVELS.index(e.model(models.Recommendation).evidence_level), e.title.casefold())
    )


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
        "contents_before": [
            section("kb-about-framework", "About this framework"),
            section("kb-matrix", "The framework"),
        ],
        "contents_after": [
            section("kb-selfeval-title", "Rate your partnership"),
            section("kb-blank-title", "Blank rating form"),
        ],
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
