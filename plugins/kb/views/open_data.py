"""What a page tells machines: schema.org JSON-LD, and the Open Graph and Twitter card tags of link previews.

Every value is plain data for the head partial, which escapes it; the JSON-LD is
one string made safe to sit inside `<script type="application/ld+json">`.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import urljoin

from kb.content.knowledge_base import Entry, KnowledgeBase
from kb.content.page_types import TYPES
from kb.links.facets import facet_values
from kb.views.history import Dates
from kb.views.urls import finder_url, page_url

LANGUAGE = "en-GB"
ROOT_PAGE_LABEL = "About the site"
"""What a page outside the type folders is (as search's filter calls it)."""


def type_label(entry: Entry) -> str:
    """What kind of page `entry` is, in words: its type's label, or ROOT_PAGE_LABEL."""
    return TYPES[entry.type].label if entry.type in TYPES else ROOT_PAGE_LABEL


PREVIEW_IMAGE = "assets/images/site-preview.png"
"""One image for every link preview (1200 × 630): a generated image per page would need an imaging library."""
PREVIEW_SIZE = (1200, 630)
KIND_OF_PAGE = {
    "case-study": "Article",
    "recommendation": "Article",
    "guide": "Article",
    "programme": "Article",
    "framework": "LearningResource",
    "resource": "LearningResource",
    "pack": "HowTo",
    "concept": "DefinedTerm",
    "source": "WebPage",
}
"""The schema.org type of each page type; a source page's main entity is the document itself."""
DOCUMENT_KINDS = {"thesis": "Thesis", "article": "ScholarlyArticle", "report": "Report", "paper": "Report"}
"""The schema.org type of a source document, by the last word of its document type (else ScholarlyArticle)."""
CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


@dataclass(frozen=True)
class Site:
    """The site as other services see it: its name, public address and description."""

    name: str
    url: str
    """The public address, e.g. `https://example.org/kb/` (empty: addresses stay site-relative)."""
    description: str = ""

    def absolute(self, path: str) -> str:
        """The public address of a site-relative path."""
        return urljoin(self.url, path) if self.url else "/" + path

    def page(self, src_uri: str) -> str:
        """The public address of a content page (always in the published site's form, `a/b/`)."""
        return self.absolute(page_url(src_uri, True))


def script_json(data: Any) -> str:
    """JSON that can sit inside a `<script>` block: `<`, `>` and `&` escaped, so no value can close the block."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def one_line(text: str) -> str:
    """Text on one line: control characters and line breaks become spaces, runs of spaces one."""
    return " ".join(CONTROL_RE.sub(" ", text).split())


def _dated(data: dict[str, Any], when: Dates | None) -> dict[str, Any]:
    if when is not None:
        data["datePublished"] = when.added.date().isoformat()
        data["dateModified"] = when.changed.date().isoformat()
    return data


def _author(name: str) -> dict[str, str]:
    """A person written "Surname, I." or an organisation."""
    return {"@type": "Person" if "," in name else "Organization", "name": name}


def document(kb: KnowledgeBase, entry: Entry) -> dict[str, Any]:
    """A source page's document as schema.org: a thesis, article or report, with its authors and year."""
    page: Any = entry.page
    kind = DOCUMENT_KINDS.get(page.document_type.rsplit("-", 1)[-1], "ScholarlyArticle")
    data: dict[str, Any] = {
        "@type": kind,
        "name": page.citation_title,
        "author": [_author(a) for a in page.authors],
        "genre": kb.vocabulary["document_type"].label_of(page.document_type),
        "publisher": {"@type": "Organization", "name": page.institution},
    }
    if page.year:
        data["datePublished"] = str(page.year)
    if page.doi:
        data["identifier"] = {"@type": "PropertyValue", "propertyID": "DOI", "value": page.doi}
        data["sameAs"] = f"https://doi.org/{page.doi}"
    if page.url:
        data["url"] = page.url
    return data


def json_ld(kb: KnowledgeBase, entry: Entry, site: Site, when: Dates | None) -> dict[str, Any]:
    """The schema.org description of a content page."""
    url = site.page(entry.src_uri)
    data: dict[str, Any]
    if entry.type not in TYPES:
        kind = "WebSite" if entry.src_uri == "index.md" else "WebPage"
        data = {"@context": "https://schema.org", "@type": kind, "@id": url, "url": url, "name": entry.title}
        data["description"] = entry.page.summary or site.description
        return _dated(data, when)
    page: Any = entry.page
    kind = KIND_OF_PAGE.get(entry.type, "Article")
    data = {
        "@context": "https://schema.org",
        "@type": kind,
        "@id": url,
        "url": url,
        "name": entry.title,
        "description": page.summary,
        "inLanguage": LANGUAGE,
        "genre": TYPES[entry.type].label,
        "isPartOf": {"@type": "WebSite", "name": site.name, "url": site.url},
        "publisher": {"@type": "Organization", "name": site.name, "url": site.url},
    }
    if kind == "Article":
        data["headline"] = entry.title
    labels = [kb.vocabulary[name].label_of(v) for name, values in facet_values(entry).items() for v in values]
    if labels:
        data["keywords"] = labels
    if page.audience:
        data["audience"] = [
            {"@type": "Audience", "audienceType": kb.vocabulary["audience"].label_of(a)} for a in page.audience
        ]
    cited: list[Any] = [kb.by_slug[slug] for slug in dict.fromkeys(c.source for c in page.sources)]
    if cited:
        data["citation"] = [
            {"@type": "CreativeWork", "name": source.page.citation_title, "url": site.page(source.src_uri)}
            for source in cited
        ]
    if entry.type == "concept":
        data["name"] = page.term
        data["description"] = page.definition
        if page.acronym:
            data["termCode"] = page.acronym
        if page.also_known_as:
            data["alternateName"] = page.also_known_as
        data["inDefinedTermSet"] = {
            "@type": "DefinedTermSet",
            "name": TYPES["concept"].plural,
            "url": site.absolute(finder_url("concept")),
        }
    elif entry.type == "pack":
        data["totalTime"] = f"PT{sum(s.minutes for s in page.steps)}M"
        data["step"] = [
            {
                "@type": "HowToStep",
                "position": number,
                "name": kb.by_slug[step.page].title,
                "text": step.activity,
                "url": site.page(kb.by_slug[step.page].src_uri),
            }
            for number, step in enumerate(page.steps, start=1)
        ]
    elif entry.type == "resource":
        data["learningResourceType"] = kb.vocabulary["resource_kind"].label_of(page.resource_kind)
    elif entry.type == "framework":
        data["learningResourceType"] = TYPES["framework"].label
        data["educationalUse"] = "self-evaluation"
    elif entry.type == "source":
        data["mainEntity"] = document(kb, entry)
    return _dated(data, when)


def head(
    site: Site,
    *,
    title: str,
    description: str | None,
    url: str,
    ld: dict[str, Any],
    article: bool = False,
    when: Dates | None = None,
) -> dict[str, Any]:
    """The head partial's data: link preview tags and the JSON-LD block (an `article` gives its dates)."""
    image = site.absolute(PREVIEW_IMAGE)
    data = {
        "title": one_line(title),
        "description": one_line(description or site.description),
        "url": url,
        "site_name": site.name,
        "type": "article" if article else "website",
        "image": image,
        "image_width": PREVIEW_SIZE[0],
        "image_height": PREVIEW_SIZE[1],
        "image_alt": site.name,
        "json_ld": script_json(ld),
    }
    if article and when is not None:
        data["published"] = when.added.isoformat()
        data["modified"] = when.changed.isoformat()
    return data


def page_head(kb: KnowledgeBase, entry: Entry, site: Site, when: Dates | None) -> dict[str, Any]:
    """The head data of a content page."""
    return head(
        site,
        title=entry.title,
        description=entry.page.summary,
        url=site.page(entry.src_uri),
        ld=json_ld(kb, entry, site, when),
        article=entry.type in TYPES,
        when=when,
    )


def generated_head(site: Site, src_uri: str, title: str, summary: str) -> dict[str, Any]:
    """The head data of a page the build makes (a finder, the evidence map, what's new)."""
    url = site.page(src_uri)
    ld = {
        "@context": "https://schema.org",
        "@type": "CollectionPage",
        "@id": url,
        "url": url,
        "name": title,
        "description": summary or site.description,
        "isPartOf": {"@type": "WebSite", "name": site.name, "url": site.url},
    }
    return head(site, title=title, description=summary, url=url, ld=ld)
