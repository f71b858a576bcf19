"""Plain data for templates: labelled facets, resolved links, backlinks, per-type details.

Every URL here is already relative to the page being rendered, so templates
only print values (no Python calls, no custom filters): any engine can render them.
"""

from __future__ import annotations

import hashlib
import json
import posixpath
from typing import Any

from .facets import facet_values
from .graph import BACKLINK_LABELS
from .editor import entry_path
from .handout import qr_svg, short_url
from .knowledge_base import Entry, KnowledgeBase
from .models import FOLDERS

TYPE_LABELS = {"case-study": "Case study", "recommendation": "Recommendation", "framework": "Framework", "programme": "Programme", "concept": "Glossary", "source": "Source", "pack": "Workshop pack", "guide": "Topic guide"}
FINDER_TITLES = {"case-study": "Case studies", "recommendation": "Recommendations", "framework": "Frameworks", "programme": "Programmes", "concept": "Glossary", "source": "Sources", "pack": "Workshop packs", "guide": "Topic guides"}


def page_url(src_uri: str, directory_urls: bool = True) -> str:
    """Site-relative URL of a content path: `a/b.md` -> `a/b/` (or `a/b.html` for the offline copy)."""
    stem = src_uri[: -len(".md")]
    if not directory_urls:
        return stem + ".html"
    if stem == "index":
        return ""
    if stem.endswith("/index"):
        return stem[: -len("index")]
    return stem + "/"


def relative(target: str, base: str) -> str:
    """URL of site-relative `target` as seen from the page at site-relative `base`."""
    path, _, query = target.partition("?")
    folder = base if base.endswith("/") or not base else posixpath.dirname(base) + "/"
    here = [part for part in folder.split("/") if part]
    there = path.split("/")
    common = 0
    while common < len(here) and common < len(there) - 1 and here[common] == there[common]:
        common += 1
    rel = "../" * (len(here) - common) + "/".join(there[common:])
    if not rel:
        rel = "./"
    elif not rel.endswith("/") and (path.endswith("/") or not path):
        rel += "/"
    return rel + (f"?{query}" if query else "")


def finder_url(type_name: str, directory_urls: bool = True) -> str:
    return page_url(f"{FOLDERS[type_name]}/index.md", directory_urls)


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
        data = {"slug": slug, "title": target.title, "url": self.url(page_url(target.src_uri, self.directory_urls)), "type": target.type, "type_label": TYPE_LABELS[target.type], "summary": target.page.summary}
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
                "terms": [{"value": v, "label": self.vocab[name].label_of(v), "url": self.url(f"{finder}?{name}={v}")} for v in values],
            }
            for name, values in facet_values(self.entry).items()
        ]

    def citations(self) -> list[dict[str, Any]]:
        return [self.link(c.source, locator=c.locator, stance=c.stance, data=c.data) for c in self.entry.page.sources]

    def backlinks(self) -> list[dict[str, Any]]:
        groups = []
        for field_name, edges in sorted(self.graph.backlinks(self.entry.slug).items(), key=lambda item: list(BACKLINK_LABELS).index(item[0])):
            groups.append({"field": field_name, "label": BACKLINK_LABELS[field_name], "pages": [self.link(e.source, locator=e.locator) for e in edges]})
        return groups

    def build(self) -> dict[str, Any]:
        page = self.entry.page
        short = short_url(self.site_url, self.entry.slug)
        view = {
            "short_url": short,
            "qr_svg": qr_svg(short),
            "type": self.entry.type,
            "type_label": TYPE_LABELS[self.entry.type],
            "finder": {"title": FINDER_TITLES[self.entry.type], "url": self.url(finder_url(self.entry.type, self.directory_urls))},
            "slug": self.entry.slug,
            "editor_url": self.url("admin/") + entry_path(self.entry.type, self.entry.slug),
            "summary": page.summary,
            "facets": self.facets(),
            "citations": self.citations(),
            "backlinks": self.backlinks(),
            "related": [self.link(slug) for slug in self.graph.related.get(self.entry.slug, [])],
        }
        details = getattr(self, "_" + self.entry.type.replace("-", "_"))
        view.update(details(page, view))
        return view

    def _case_study(self, page: Any, view: dict[str, Any]) -> dict[str, Any]:
        s = page.setting
        return {
            "setting": {
                "phase": ", ".join(self.label("phase", p) for p in s.phase),
                "region": self.label("region", s.region),
                "locality": s.locality,
                "community": self.label("community", s.community),
                "schools_involved": s.schools_involved,
                "school_mix": s.school_mix,
                "context": s.context,
                "partnership_type": self.label("partnership_type", page.partnership_type),
                "period": page.period,
                "anonymised": page.anonymised,
            },
            "evidence_note": page.evidence_note,
            "evidence_types": [self.label("evidence_type", t) for t in page.evidence_type],
            "programmes": [self.link(slug) for slug in page.programmes],
            "illustrates": [self.link(slug) for slug in page.illustrates],
        }

    def _recommendation(self, page: Any, view: dict[str, Any]) -> dict[str, Any]:
        drawn = list(dict.fromkeys(page.case_studies + [e.source for e in self.graph.backlinks(self.entry.slug).get("illustrates", [])]))
        by_stance = {stance: [c for c in view["citations"] if c["stance"] == stance] for stance in ("supports", "qualifies", "contradicts")}
        return {
            "statement": page.statement,
            "headline": headline(page, self.vocab, len({c.source for c in page.sources})),
            "evidence": self.evidence(self.entry),
            "evidence_basis": page.evidence_basis,
            "case_studies": [self.link(slug) for slug in drawn],
            "stances": [{"stance": k, "label": {"supports": "Supported by", "qualifies": "Qualified by", "contradicts": "Contradicted by"}[k], "citations": v} for k, v in by_stance.items() if v],
        }

    def _programme(self, page: Any, view: dict[str, Any]) -> dict[str, Any]:
        return {
            "provider": page.provider,
            "years": page.years,
            "cycle": [stage.model_dump() for stage in page.cycle],
            "scale": [point.model_dump() for point in page.scale],
            "roles": [self.link(slug, definition=self.kb.by_slug[slug].page.definition) for slug in page.roles],
            "evaluations": [self.link(slug) for slug in page.evaluations],
            "case_studies": [self.link(e.source) for e in self.graph.backlinks(self.entry.slug).get("programmes", []) if self.kb.by_slug[e.source].type == "case-study"],
            "website": page.website,
        }

    def _source(self, page: Any, view: dict[str, Any]) -> dict[str, Any]:
        return {
            "reference": reference(page, self.vocab),
            "date_note": page.date_note,
            "method": page.method.model_dump(),
            "strengths": page.strengths,
            "limitations": page.limitations,
            "doi": page.doi,
            "url": page.url,
            "evidence_types": [self.label("evidence_type", t) for t in page.evidence_type],
        }

    def _concept(self, page: Any, view: dict[str, Any]) -> dict[str, Any]:
        return {
            "term": page.term,
            "acronym": page.acronym,
            "also_known_as": page.also_known_as,
            "definition": page.definition,
            "status": self.label("concept_status", page.status),
            "historic": page.status == "historic",
            "see_also": [self.link(slug) for slug in page.see_also],
        }

    def _pack(self, page: Any, view: dict[str, Any]) -> dict[str, Any]:
        steps = []
        for step in page.steps:
            short = short_url(self.site_url, step.page)
            steps.append({**self.link(step.page), "minutes": step.minutes, "activity": step.activity, "questions": step.questions, "short_url": short, "qr_svg": qr_svg(short)})
        total = sum(step.minutes for step in page.steps)
        return {"purpose": page.purpose, "preparation": page.preparation, "steps": steps, "duration": _duration(total)}

    def _guide(self, page: Any, view: dict[str, Any]) -> dict[str, Any]:
        """The topic's recommendations by the first stage they belong to, and its case studies and frameworks."""
        def on_topic(type_name: str) -> list[Entry]:
            return sorted(self.kb.with_theme(type_name, page.topic), key=lambda e: e.title.casefold())

        stages = []
        for term in self.vocab["stage"].terms:
            recs = [e for e in on_topic("recommendation") if e.page.stage[0] == term.value]
            if recs:
                stages.append({"id": term.value, "label": term.label, "description": term.description, "recommendations": [self.link(e.slug) for e in recs]})
        def some(type_name: str) -> dict[str, Any]:
            """The first few pages on the topic, and the filtered finder that lists them all."""
            entries = on_topic(type_name)
            url = self.url(f"{finder_url(type_name, self.directory_urls)}?theme={page.topic}")
            return {"links": [self.link(e.slug) for e in entries[:GUIDE_LIST_LIMIT]], "total": len(entries), "all_url": url}

        return {"topic": self.label("theme", page.topic), "stages": stages, "case_studies": some("case-study"), "frameworks": some("framework")}

    def _framework(self, page: Any, view: dict[str, Any]) -> dict[str, Any]:
        levels = [level.model_dump() for level in page.scale.levels]
        described = any(s.levels for d in page.dimensions for s in d.strands)
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
                        "cells": [(s.levels or {}).get(level["id"]) for level in levels],
                        "recommendations": [self.link(slug) for slug in s.recommendations],
                        "case_studies": [self.link(slug) for slug in s.case_studies],
                    }
                    for s in d.strands
                ],
            }
            for d in page.dimensions
        ]
        return {
            "version": structure_version(page),
            "tool": {
                "framework": self.entry.slug,
                "title": self.entry.title,
                "version": structure_version(page),
                "levels": [{"id": level["id"], "label": level["label"]} for level in levels],
                "dimensions": [{"id": d["id"], "name": d["name"], "strands": [{"id": s["id"], "name": s["name"]} for s in d["strands"]]} for d in dimensions],
            },
            "strand_count": sum(len(d["strands"]) for d in dimensions),
            "strand_links": {
                s["id"]: {"recommendations": s["recommendations"], "case_studies": s["case_studies"]}
                for d in dimensions for s in d["strands"]
            },
            "originator": page.originator,
            "year": page.year,
            "purpose": page.purpose,
            "use_note": page.use_note,
            "structure_note": page.structure_note,
            "scale": {"origin": page.scale.origin, "origin_label": self.label("scale_origin", page.scale.origin), "levels": levels},
            "described": described,
            "dimensions": dimensions,
            "programmes": [self.link(slug) for slug in page.programmes],
        }


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
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + f" {word} " + items[-1]


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


GUIDE_LIST_LIMIT = 12
"""Case studies and frameworks a topic guide lists before pointing to the filtered finder."""


def page_view(kb: KnowledgeBase, graph: Any, entry: Entry, site_url: str, directory_urls: bool = True) -> dict[str, Any]:
    """Everything a page template needs about `entry`; `site_url` makes its short address."""
    return PageView(kb, graph, entry, site_url, directory_urls).build()
