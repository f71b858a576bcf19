"""The site's top-level addresses: which belong to the site itself, so no page may take them.

Every page also answers at `/<slug>/` (its short address) and at each old slug,
so a slug, an alias or a root page named like a type folder, a generated page or
a folder of the theme would overwrite it. One list, built here, is checked.
"""

from __future__ import annotations

from kb.content.page_types import FOLDERS

THEME_NAMES = frozenset({"assets", "admin", "pagefind", "search", "404", "sitemap", "index", "api", "feed"})
"""Top-level names the theme and the build write: assets, the editor, the search index, 404.html, sitemap.xml,
the JSON API (api/) and the Atom feed (feed.xml)."""
SEARCH, EVIDENCE_MAP, PROGRAMME_COMPARISON, WHATS_NEW = (
    "search.md",
    "evidence-map.md",
    "compare-programmes.md",
    "whats-new.md",
)
SHARE_PAGE = "share-your-practice.md"
"""How to send a case study without Git; the build also writes its Word template under `share-your-practice/`."""
GENERATED_PAGES = (SEARCH, EVIDENCE_MAP, PROGRAMME_COMPARISON, WHATS_NEW, SHARE_PAGE)
"""Root pages the build generates from the knowledge base."""
API = "api/v1"
"""The folder of the JSON API's files, versioned."""
FEED = "feed.xml"
THEME_FOLDERS = frozenset({"assets", "admin", "pagefind", "search", "api"})
"""Top-level folders of the theme and the build, which content may not contain."""


def reserved(root_pages: list[str]) -> dict[str, str]:
    """Every top-level name no slug or alias may take, with what holds it (`root_pages`: their slugs)."""
    names = dict.fromkeys(THEME_NAMES, "the site's own files")
    names.update(dict.fromkeys(FOLDERS.values(), "a finder"))
    names.update({page[: -len(".md")]: "a generated page" for page in GENERATED_PAGES})
    names.update({slug: f"the page content/{slug}.md" for slug in root_pages if slug != "index"})
    return names


def generated_pages() -> set[str]:
    """Content paths the build adds: a finder per type and the generated root pages."""
    return {f"{folder}/index.md" for folder in FOLDERS.values()} | set(GENERATED_PAGES)
