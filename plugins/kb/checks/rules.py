"""Cross-page rules: unique slugs and aliases, references, sources, sections, links and anchors."""

from __future__ import annotations

import posixpath
from urllib.parse import unquote, urlsplit

from kb.checks import acronyms, evidence, safety
from kb.content import addresses
from kb.content.diagnostics import Diagnostic
from kb.content.fields import references
from kb.content.frontmatter import dotted as _dotted
from kb.content.knowledge_base import Entry, KnowledgeBase
from kb.content.models import Framework, Page, Recommendation
from kb.content.page_types import COMMON_HEADINGS, TYPES


def check(kb: KnowledgeBase, generated: set[str]) -> list[Diagnostic]:
    """Every cross-page problem; `generated` lists content paths the build adds (finders)."""
    found = _duplicate_slugs(kb) + _aliases(kb) + _reserved(kb) + acronyms.undefined(kb)
    sources = {e.slug: e.page for e in kb.of_type("source")}
    for entry in kb.entries.values():
        found += _references(kb, entry)
        found += _sources(entry, sources)
        found += _sections(entry)
        found += _headings(entry)
        found += _links(kb, entry, generated)
        if isinstance(entry.page, Framework):
            found += _framework(entry)
    return found


def _duplicate_slugs(kb: KnowledgeBase) -> list[Diagnostic]:
    found = []
    for slug, files in kb.files.items():
        for _type, path in files[1:]:
            found.append(
                Diagnostic(
                    path,
                    1,
                    "file name",
                    f"expected a slug unique across the knowledge base; found '{slug}', also used by {files[0][1]}",
                )
            )
    return found


def _reserved(kb: KnowledgeBase) -> list[Diagnostic]:
    """Slugs, aliases and root pages may not take an address the site uses for something else."""
    root_pages = [e for e in kb.entries.values() if "/" not in e.src_uri]
    taken = addresses.reserved([e.slug for e in root_pages])
    found = []
    for slug, files in kb.files.items():
        if slug in taken:
            found.append(
                Diagnostic(
                    files[0][1],
                    1,
                    "file name",
                    f"expected a slug that is not a reserved address; found '{slug}', the address of {taken[slug]}",
                )
            )
    for entry in kb.typed():
        for index, alias in enumerate(entry.model(Page).aliases):
            if alias in taken:
                found.append(
                    Diagnostic(
                        entry.path,
                        entry.line_of(("aliases", index)),
                        f"aliases[{index}]",
                        f"expected an old slug that is not a reserved address; found '{alias}', the address of {taken[alias]}",
                    )
                )
    site_names = addresses.reserved([])
    for entry in root_pages:
        if entry.slug in site_names and entry.slug != "index":
            found.append(
                Diagnostic(
                    entry.path,
                    1,
                    "file name",
                    f"expected a root page name that is not the address of {site_names[entry.slug]}; found '{entry.slug}'",
                )
            )
    return found


def _aliases(kb: KnowledgeBase) -> list[Diagnostic]:
    found: list[Diagnostic] = []
    owner: dict[str, str] = {}
    for entry in kb.typed():
        for index, alias in enumerate(entry.model(Page).aliases):
            line = entry.line_of(("aliases", index))
            if alias in kb.files:
                found.append(
                    Diagnostic(
                        entry.path,
                        line,
                        f"aliases[{index}]",
                        f"expected an old slug no page uses now; found '{alias}', the slug of {kb.files[alias][0][1]}",
                    )
                )
            elif alias in owner:
                found.append(
                    Diagnostic(
                        entry.path,
                        line,
                        f"aliases[{index}]",
                        f"expected an alias unique across the knowledge base; found '{alias}', also an alias of {owner[alias]}",
                    )
                )
            else:
                owner[alias] = entry.path
    return found


def _references(kb: KnowledgeBase, entry: Entry) -> list[Diagnostic]:
    found = []
    for loc, slug, allowed in references(entry.page):
        files = kb.files.get(slug)
        wanted = " or ".join(allowed)
        if not files:
            found.append(
                Diagnostic(
                    entry.path,
                    entry.line_of(loc),
                    _dotted(loc),
                    f"expected the slug of an existing {wanted + ' ' if wanted else ''}page; found '{slug}', which no page has",
                )
            )
        elif allowed and files[0][0] not in allowed:
            found.append(
                Diagnostic(
                    entry.path,
                    entry.line_of(loc),
                    _dotted(loc),
                    f"expected the slug of a {wanted} page; found '{slug}', which is a {files[0][0]} page",
                )
            )
    return found


def _evidence_level(entry: Entry, sources: dict) -> list[Diagnostic]:
    page = entry.model(Recommendation)
    judgement = evidence.allowed(page, sources)
    if evidence.LEVELS.index(page.evidence_level) <= evidence.LEVELS.index(judgement.level):
        return []
    return [
        Diagnostic(
            entry.path,
            entry.line_of(("evidence_level",)),
            "evidence_level",
            f"expected at most '{judgement.level}' by the evidence rule ({judgement.reason}); found '{page.evidence_level}'",
        )
    ]


def _sources(entry: Entry, sources: dict) -> list[Diagnostic]:
    if entry.type not in TYPES or not TYPES[entry.type].needs_sources:
        return []
    page = entry.model(Page)
    if not page.sources and not page.contributed_by:
        return [
            Diagnostic(
                entry.path,
                entry.line_of(("type",)),
                "sources",
                "expected at least one source with a locator (or contributed_by for a practitioner's contribution); found none",
            )
        ]
    found = []
    if isinstance(page, Recommendation):
        found += _evidence_level(entry, sources)
        for index, citation in enumerate(page.sources):
            if citation.stance is None:
                loc = ("sources", index)
                found.append(
                    Diagnostic(
                        entry.path,
                        entry.line_of(loc),
                        f"sources[{index}].stance",
                        "expected the source's stance on a recommendation (supports, qualifies or contradicts); found none",
                    )
                )
    return found


def _sections(entry: Entry) -> list[Diagnostic]:
    wanted = TYPES[entry.type].sections if entry.type in TYPES else ()
    if not wanted:
        return []
    present = [h.text for h in entry.headings if h.level == 2]
    listing = ", ".join(wanted)
    found = [
        Diagnostic(
            entry.path,
            entry.parsed.body_line,
            "body",
            f"expected a '## {section}' section (a {entry.type} has: {listing}); found none",
        )
        for section in wanted
        if section not in present
    ]
    order = [s for s in present if s in wanted]
    if not found and order != list(wanted):
        found.append(
            Diagnostic(
                entry.path,
                entry.parsed.body_line,
                "body",
                f"expected the sections in the order {listing}; found {', '.join(order)}",
            )
        )
    return found


def _headings(entry: Entry) -> list[Diagnostic]:
    """No heading twice at one level, and no level-2 heading that the page's layout already shows."""
    found: list[Diagnostic] = []
    seen: dict[tuple[int, str], int] = {}
    layout = set(COMMON_HEADINGS) | set(TYPES[entry.type].layout_headings if entry.type in TYPES else ())
    for heading in entry.headings:
        key = (heading.level, heading.text.casefold())
        if key in seen:
            found.append(
                Diagnostic(
                    entry.path,
                    heading.line,
                    "body",
                    f"expected each heading once; found '{heading.text}' again (first on line {seen[key]})",
                )
            )
        seen.setdefault(key, heading.line)
        if heading.level == 2 and heading.text in layout:
            found.append(
                Diagnostic(
                    entry.path,
                    heading.line,
                    "body",
                    f"expected no heading the page's layout already shows; found '## {heading.text}' (rename it to say what it adds)",
                )
            )
    return found


def _links(kb: KnowledgeBase, entry: Entry, generated: set[str]) -> list[Diagnostic]:
    """Every link inside the site leads to a page, a generated page or an image that exists (as the strict build demands)."""
    found = []
    for link in entry.links:
        parts = urlsplit(link.target)
        if parts.scheme or parts.netloc or safety.unsafe_url(link.target):
            continue  # the web, or an address the raw-HTML policy reports
        target_uri = entry.src_uri
        if parts.path:
            folder = "" if parts.path.startswith("/") else posixpath.dirname(entry.src_uri)
            target_uri = posixpath.normpath(posixpath.join(folder, unquote(parts.path).lstrip("/")))
            if parts.path.endswith("/") or target_uri == ".":
                target_uri = posixpath.join(target_uri, "index.md") if target_uri != "." else "index.md"
            if target_uri.startswith("../") or target_uri == "..":
                found.append(
                    Diagnostic(
                        entry.path,
                        link.line,
                        "link",
                        f"expected a link inside the site; found '{link.target}', which leads outside the content folder",
                    )
                )
                continue
            if not target_uri.endswith(".md"):
                if target_uri not in kb.images:
                    found.append(
                        Diagnostic(
                            entry.path,
                            link.line,
                            "link",
                            f"expected a link to a page or an image in the content folder; found '{link.target}',"
                            f" and there is no such image (content/{target_uri})",
                        )
                    )
                continue
            if (
                target_uri not in generated
                and target_uri not in kb.entries
                and not (kb.content_dir / target_uri).is_file()
            ):
                found.append(
                    Diagnostic(
                        entry.path,
                        link.line,
                        "link",
                        f"expected a link to an existing page; found '{link.target}', and there is no content/{target_uri}",
                    )
                )
                continue
        anchor = unquote(parts.fragment)
        target = kb.entries.get(target_uri)
        if anchor and target is not None and anchor not in {h.anchor for h in target.headings}:
            found.append(
                Diagnostic(
                    entry.path,
                    link.line,
                    "link",
                    f"expected an anchor that exists on {target.path}; found '#{anchor}', which no heading there has",
                )
            )
    return found


def _framework(entry: Entry) -> list[Diagnostic]:
    page = entry.model(Framework)
    found = []
    level_ids = [level.id for level in page.scale.levels]
    if len(set(level_ids)) != len(level_ids):
        found.append(
            Diagnostic(
                entry.path,
                entry.line_of(("scale", "levels")),
                "scale.levels",
                f"expected each level id once; found {', '.join(level_ids)}",
            )
        )
    described = any(s.levels for d in page.dimensions for s in d.strands)
    ids: dict[str, tuple] = {}
    for di, dimension in enumerate(page.dimensions):
        for si, strand in enumerate(dimension.strands):
            loc = ("dimensions", di, "strands", si)
            where = _dotted(loc)
            if strand.id in ids:
                found.append(
                    Diagnostic(
                        entry.path,
                        entry.line_of(loc + ("id",)),
                        where + ".id",
                        f"expected each strand id once in the framework; found '{strand.id}' again",
                    )
                )
            ids[strand.id] = loc
            if not described:
                continue
            given = strand.levels or {}
            missing = [level for level in level_ids if level not in given]
            unknown = [key for key in given if key not in level_ids]
            if missing:
                found.append(
                    Diagnostic(
                        entry.path,
                        entry.line_of(loc + ("levels",)),
                        where + ".levels",
                        f"expected a descriptor for every level ({', '.join(level_ids)}), as other strands have; found none for {', '.join(missing)}",
                    )
                )
            for key in unknown:
                found.append(
                    Diagnostic(
                        entry.path,
                        entry.line_of(loc + ("levels", key)),
                        f"{where}.levels.{key}",
                        f"expected one of the scale's level ids: {', '.join(level_ids)}; found '{key}'",
                    )
                )
    return found
