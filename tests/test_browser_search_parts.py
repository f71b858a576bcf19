"""A large site's search index comes in parts (one Pagefind run each, to bound its memory),
merged in the reader's browser: search and its filters still cover every page."""

from __future__ import annotations

import gzip
import json
import os
from pathlib import Path

import pytest

from browser import browser, search, serve, site_tab
from conftest import make_site, run_build_py


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture site indexed in parts of 4 pages; returns the site folder."""
    project = make_site(tmp_path_factory.mktemp("parts") / "project").parent
    os.environ["KB_SEARCH_PART_PAGES"] = "4"
    try:
        result = run_build_py("build", "--config", str(project / "mkdocs.yml"), "--site-dir", str(project / "site"))
    finally:
        del os.environ["KB_SEARCH_PART_PAGES"]
    assert result.returncode == 0, result.stdout + result.stderr
    return project / "site"


@pytest.fixture(scope="module")
def site(built: Path):
    """(browser, base URL) for the served site."""
    with serve(built) as base, browser() as chromium:
        yield chromium, base


def test_the_index_is_written_in_parts_that_the_search_page_merges(built: Path) -> None:
    indexed = [p for p in built.rglob("*.html") if "data-pagefind-body" in p.read_text(encoding="utf-8")]
    parts = sorted(p.name for p in built.glob("pagefind-*"))
    assert len(indexed) > 12 and parts == [f"pagefind-{n}" for n in range(2, -(-len(indexed) // 4) + 1)]
    assert json.loads((built / "pagefind" / "parts.json").read_text(encoding="utf-8")) == {"merge": parts}
    assert not list(built.parent.glob(".pagefind-*"))  # the working folders are gone


def test_search_and_filters_cover_every_part(site) -> None:
    page = site_tab(site)
    results = search(page, "fixture")
    folders = {href.split("/")[1] for href in results if "#" not in href}
    assert {"case-studies", "sources"} <= folders, results  # pages from the first and the last part
    assert "/recommendations/fixture-keep-groups-small/" in search(page, "small groups")
    assert search(page, "FC")[0] == "/concepts/fixture-champion/"
    page.get_by_role("group", name="Kind of page").get_by_label("Case study").check()
    page.wait_for_function(
        "() => { const links = [...document.querySelectorAll('.kb-search-result__title a')];"
        " return links.length && links.every(a => a.getAttribute('href').startsWith('/case-studies/')); }"
    )
    page.context.close()


def indexed_urls(part: Path) -> set[str]:
    """The addresses of the pages one Pagefind index holds (each fragment is gzipped JSON after a signature)."""
    urls = set()
    for fragment in (part / "fragment").glob("*.pf_fragment"):
        data = gzip.decompress(fragment.read_bytes())
        urls.add(json.loads(data[data.index(b"{") :])["url"])
    return urls


def test_the_header_search_box_also_searches_every_part(site, built: Path) -> None:
    """The search box on every page merges the parts too: a page indexed only in the last part is found from the header."""
    last = json.loads((built / "pagefind" / "parts.json").read_text(encoding="utf-8"))["merge"][-1]
    assert "/sources/fixture-study/" in indexed_urls(built / last)
    assert "/sources/fixture-study/" not in indexed_urls(built / "pagefind")
    page = site_tab(site)
    page.goto(page.base)
    page.locator(".kb-header input[name=q]").fill("study of peer review")
    page.wait_for_selector(".kb-header .kb-search-box__link")
    links = page.locator(".kb-header .kb-search-box__link").evaluate_all(
        "links => links.map(a => a.getAttribute('href'))"
    )
    assert "/sources/fixture-study/" in links, links
    page.context.close()
