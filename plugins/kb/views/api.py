"""The static JSON API under `/api/v1/`: every page (`pages.json`), one file per type, and the vocabulary.

Its shape is declared once, here, as models: the build makes its files through
them, and `schema_export` writes their JSON Schemas (`schema/api/v1/`, and beside
each file in the site). Within v1 fields may be added, never removed or changed
in meaning; a change that would break a reader gets `/api/v2/`.
"""

from __future__ import annotations

import json
from datetime import date
from functools import cache
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, create_model

from kb.content.addresses import API
from kb.content.knowledge_base import Entry, KnowledgeBase
from kb.content.page_types import TYPES
from kb.links.facets import facet_values
from kb.views import citation
from kb.views.handout import short_url
from kb.views.history import Dates
from kb.views.open_data import Site, type_label

VERSION = "1"


class ApiModel(BaseModel):
    """Every object of the API refuses keys it does not declare, so its schema says exactly what a file holds."""

    model_config = ConfigDict(extra="forbid", use_attribute_docstrings=True)


class Label(ApiModel):
    """A vocabulary value and its label."""

    value: str
    label: str


class FacetValues(ApiModel):
    """One facet of a page: its name, label and the page's values."""

    name: str
    """The facet, as in vocabulary.json, e.g. `phase`."""
    label: str
    values: list[Label]


class Evidence(ApiModel):
    """A recommendation's evidence level."""

    value: str
    label: str
    description: str


class SourceCitation(ApiModel):
    """A source the page draws on, with the place in that document."""

    slug: str
    title: str
    url: str
    locator: str
    """The document's own section and page numbers, e.g. "§5.3, p. 112"."""
    stance: Label | None
    """On recommendations: whether the source supports, qualifies or contradicts it."""
    data: str | None
    """On recommendations: what the source's data were."""


class Cite(ApiModel):
    """How to cite the page."""

    apa: str
    """An APA 7 reference with the page's date and address."""
    bibtex: str
    """The address of its BibTeX file."""
    ris: str
    """The address of its RIS file."""


class SiteInfo(ApiModel):
    name: str
    url: str
    """The site's public address."""


class PageRecord(ApiModel):
    """One page: what it is, where it is, what it is about and where it comes from."""

    slug: str
    """The page's unique name; it also answers at the site's address plus the slug."""
    type: str
    """Its page type (as in types/), or `page` for a page about the site itself."""
    type_label: str
    title: str
    summary: str | None
    url: str
    short_url: str | None
    """The short address trainers read aloud (pages of a type only)."""
    facets: list[FacetValues]
    sources: list[SourceCitation]
    evidence_level: Evidence | None
    """Recommendations only."""
    added: date | None
    """The day it was added, from the repository's history (null without history)."""
    last_changed: date | None
    """The day it last changed, from the repository's history (null without history)."""
    cite: Cite | None
    """Pages of a type only."""


class PagesFile(ApiModel):
    """`pages.json`: every page of the knowledge base."""

    api_version: Literal["1"]
    site: SiteInfo
    pages: list[PageRecord]


class Term(ApiModel):
    value: str
    label: str
    description: str


class Facet(ApiModel):
    name: str
    label: str
    description: str
    values: list[Term]


class VocabularyFile(ApiModel):
    """`vocabulary.json`: every facet, with its values, labels and descriptions."""

    api_version: Literal["1"]
    facets: list[Facet]


@cache
def type_file_model(type_name: str) -> type[ApiModel]:
    """The model of `types/<type>.json`: each page's record plus `fields`, its front matter as the content model reads it."""
    page_type = TYPES[type_name]
    record = create_model(
        f"{page_type.model.__name__}Record",
        __base__=PageRecord,
        __doc__=f"One {page_type.label.lower()} page: its record, as in pages.json, and all its fields.",
        fields=(page_type.model, ...),
    )
    fields: dict[str, Any] = {
        "api_version": (Literal["1"], ...),
        "type": (Literal[type_name], ...),
        "label": (str, ...),
        "plural": (str, ...),
        "pages": (list[record], ...),
    }
    return create_model(
        f"{page_type.model.__name__}File",
        __base__=ApiModel,
        __doc__=f"`types/{type_name}.json`: every {page_type.label.lower()} page with all its fields.",
        **fields,
    )


def file_models() -> dict[str, type[ApiModel]]:
    """The model of every API file, by its path inside `api/v1/`."""
    return {
        "pages.json": PagesFile,
        "vocabulary.json": VocabularyFile,
        **{f"types/{name}.json": type_file_model(name) for name in TYPES},
    }


def record(kb: KnowledgeBase, entry: Entry, site: Site, when: Dates | None) -> PageRecord:
    """The API's record of one page."""
    page: Any = entry.page
    typed = entry.type in TYPES
    vocab = kb.vocabulary
    evidence = None
    if entry.type == "recommendation":
        term = next(t for t in vocab["evidence_level"].terms if t.value == page.evidence_level)
        evidence = Evidence(value=term.value, label=term.label, description=term.description)
    cite = None
    if typed:
        stem = citation.file_stem(entry)
        cite = Cite(
            apa=citation.apa(citation.of_page(entry, site, when))["text"],
            bibtex=site.absolute(f"{stem}.bib"),
            ris=site.absolute(f"{stem}.ris"),
        )
    return PageRecord(
        slug=entry.slug,
        type=entry.type,
        type_label=type_label(entry),
        title=entry.title,
        summary=page.summary,
        url=site.page(entry.src_uri),
        short_url=short_url(site.url, entry.slug) if typed else None,
        facets=[
            FacetValues(
                name=name,
                label=vocab[name].label,
                values=[Label(value=v, label=vocab[name].label_of(v)) for v in found],
            )
            for name, found in facet_values(entry).items()
        ],
        sources=[
            SourceCitation(
                slug=c.source,
                title=kb.by_slug[c.source].title,
                url=site.page(kb.by_slug[c.source].src_uri),
                locator=c.locator,
                stance=Label(value=c.stance, label=vocab["stance"].label_of(c.stance)) if c.stance else None,
                data=c.data,
            )
            for c in (page.sources if typed else [])
        ],
        evidence_level=evidence,
        added=when.added.date() if when else None,
        last_changed=when.changed.date() if when else None,
        cite=cite,
    )


def _text(document: ApiModel) -> str:
    return json.dumps(document.model_dump(mode="json"), ensure_ascii=False, separators=(",", ":")) + "\n"


def files(kb: KnowledgeBase, site: Site, history: dict[str, Dates]) -> dict[str, str]:
    """Every file of the API, by site path (`api/v1/...`)."""
    records = {src: record(kb, entry, site, history.get(src)) for src, entry in kb.entries.items()}
    info = SiteInfo(name=site.name, url=site.url)
    written = {"pages.json": _text(PagesFile(api_version=VERSION, site=info, pages=list(records.values())))}
    written["vocabulary.json"] = _text(
        VocabularyFile(
            api_version=VERSION,
            facets=[
                Facet(
                    name=f.name,
                    label=f.label,
                    description=f.description,
                    values=[Term(value=t.value, label=t.label, description=t.description) for t in f.terms],
                )
                for f in kb.vocabulary.values()
            ],
        )
    )
    for name, page_type in TYPES.items():
        model: Any = type_file_model(name)
        pages = [{**dict(records[e.src_uri]), "fields": e.page} for e in kb.of_type(name)]
        written[f"types/{name}.json"] = _text(
            model(api_version=VERSION, type=name, label=page_type.label, plural=page_type.plural, pages=pages)
        )
    return {f"{API}/{path}": text for path, text in written.items()}
