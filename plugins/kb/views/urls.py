"""Addresses inside the site: a content path's URL, one URL relative to another, finder and editor addresses.

They mirror MkDocs' `use_directory_urls` (`a/b.md` -> `a/b/`), so every URL a
template prints is worked out here, relative to the page it appears on.
"""

from __future__ import annotations

import posixpath
from urllib.parse import urlencode

from kb.content import page_types
from kb.content.addresses import SEARCH


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


def search_url(words: str, directory_urls: bool = True) -> str:
    """Site-relative URL of the search page asked for `words`."""
    return page_url(SEARCH, directory_urls) + "?" + urlencode({"q": words})


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
    """Site-relative URL of a type's finder."""
    return page_url(page_types.TYPES[type_name].finder_uri, directory_urls)


def editor_path(type_name: str, slug: str) -> str:
    """The browser editor's address of an existing page, relative to /admin/."""
    return f"#/collections/{page_types.TYPES[type_name].folder}/entries/{slug}"


def header_links(links: list[dict[str, str]], directory_urls: bool = True) -> list[dict[str, str]]:
    """The header's actions, each from `{title, page}` (a content path) to `{title, url}` (site-relative)."""
    return [{"title": link["title"], "url": page_url(link["page"], directory_urls)} for link in links]
