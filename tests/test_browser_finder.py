"""The case-study finder in headless Debian chromium: filter, count, shareable address, keyboard."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Error as PlaywrightError

from browser import browser, serve


@pytest.fixture(scope="module")
def site(built_fixture_site: Path):
    """(browser, base URL) for the served fixture site."""
    with serve(built_fixture_site) as base, browser() as chromium:
        yield chromium, base


def new_page(site, **options):
    chromium, base = site
    context = chromium.new_context(**options)
    context.route("**/*", lambda route: route.continue_() if route.request.url.startswith(base) else route.abort())
    tab = context.new_page()
    tab.base = base
    return tab


@pytest.fixture
def page(site):
    tab = new_page(site)
    yield tab
    tab.context.close()


def visible_titles(page) -> list[str]:
    return page.locator(".kb-cards > li.kb-card:visible .kb-card__title a").all_inner_texts()


def test_filter_by_two_facets_then_reload_the_shared_address(page) -> None:
    page.goto(page.base + "case-studies/")
    assert len(visible_titles(page)) == 3
    page.get_by_role("group", name="Phase").get_by_label("Primary").check()
    assert sorted(visible_titles(page)) == ["A fixture cluster of three primaries", "A primary trust of five schools"]
    page.get_by_role("group", name="Partnership type").get_by_label("Multi-academy trust").check()
    assert visible_titles(page) == ["A primary trust of five schools"]
    assert page.get_by_role("status").inner_text() == "1 of 3 case studies match your filters"
    assert page.url.endswith("/case-studies/?phase=primary&partnership_type=multi-academy-trust")

    page.goto(page.url)
    assert visible_titles(page) == ["A primary trust of five schools"]
    assert page.get_by_role("group", name="Phase").get_by_label("Primary").is_checked()
    assert page.get_by_role("status").inner_text() == "1 of 3 case studies match your filters"


def test_filters_work_from_the_keyboard(page) -> None:
    page.goto(page.base + "case-studies/")
    box = page.get_by_role("group", name="Phase").get_by_label("Secondary")
    box.focus()
    page.keyboard.press("Space")
    assert visible_titles(page) == ["Secondary schools in a city trust"]
    page.get_by_role("button", name="Clear filters").focus()
    page.keyboard.press("Enter")
    page.locator(".kb-cards > li.kb-card:not([hidden])").nth(2).wait_for()
    assert page.url.endswith("/case-studies/")


def test_facet_value_on_a_page_opens_the_finder_filtered(page) -> None:
    page.goto(page.base + "case-studies/fixture-secondary-trust/")
    page.locator(".kb-facets").get_by_role("link", name="Secondary").click()
    page.wait_for_load_state()
    assert page.url.endswith("/case-studies/?phase=secondary")
    assert visible_titles(page) == ["Secondary schools in a city trust"]


def test_without_javascript_every_card_shows(site) -> None:
    tab = new_page(site, java_script_enabled=False)
    tab.goto(tab.base + "case-studies/?phase=secondary")
    assert len(visible_titles(tab)) == 3
    assert not tab.locator(".kb-filters").is_visible()
    tab.context.close()


def search(page, query: str) -> list[str]:
    """Type a query into the search page, as a reader would; returns the result addresses."""
    page.goto(page.base + "search/")
    page.get_by_placeholder("Search the knowledge base").click()
    page.keyboard.type(query)
    page.wait_for_selector(".pagefind-ui__result-link")
    return page.locator(".pagefind-ui__result-link").evaluate_all("links => links.map(a => a.getAttribute('href'))")


def test_search_finds_a_concept_by_its_acronym(page) -> None:
    assert search(page, "FC")[0] == "/concepts/fixture-champion/"


def test_search_filters_by_kind_of_page(page) -> None:
    search(page, "trust")
    page.locator(".pagefind-ui__filter-block").filter(has_text="Kind of page").locator("summary").click()
    page.get_by_label("Case study").check()
    pages: list[str] = []
    for _ in range(50):  # the results refresh asynchronously: wait up to 5 s for the filtered list
        results = page.locator(".pagefind-ui__result-link").evaluate_all(
            "links => links.map(a => a.getAttribute('href'))"
        )
        pages = [href for href in results if "#" not in href]
        if pages and all(href.startswith("/case-studies/") for href in pages):
            break
        page.wait_for_timeout(100)
    assert pages and all(href.startswith("/case-studies/") for href in pages), pages


def test_search_finds_pages_by_facet_label(page) -> None:
    assert "/case-studies/fixture-secondary-trust/" in search(page, "London")


def test_copy_the_reference_button(site) -> None:
    tab = new_page(site, permissions=["clipboard-read", "clipboard-write"])
    tab.goto(tab.base + "sources/fixture-study/")
    tab.get_by_role("button", name="Copy the reference").click()
    assert (
        tab.evaluate("navigator.clipboard.readText()")
        == "Fixture, A. (2020). A study of peer review in test schools. EdD thesis, Test University."
    )
    tab.context.close()


@pytest.mark.parametrize(
    "path",
    ["", "case-studies/", "case-studies/fixture-cluster/", "frameworks/fixture-maturity/", "sources/fixture-study/"],
)
def test_pages_request_nothing_from_other_hosts(site, path: str) -> None:
    tab = new_page(site)
    requests: list[str] = []
    tab.on("request", lambda request: requests.append(request.url))
    tab.goto(tab.base + path)
    tab.wait_for_load_state("networkidle")
    assert [url for url in requests if not url.startswith((tab.base, "data:", "blob:"))] == []
    tab.context.close()


@pytest.mark.parametrize(
    "path", ["", "case-studies/", "frameworks/fixture-maturity/", "evidence-map/", "fixture-cluster/"]
)
def test_content_security_policy_allows_our_scripts_and_blocks_others(site, path: str) -> None:
    tab = new_page(site)
    refused: list[str] = []
    tab.on(
        "console", lambda message: refused.append(message.text) if "Content Security Policy" in message.text else None
    )
    tab.goto(tab.base + path)
    tab.wait_for_load_state("networkidle")
    assert refused == []
    with pytest.raises(PlaywrightError):
        tab.add_script_tag(content="window.injected = true")
    assert tab.evaluate("window.injected === undefined")
    tab.context.close()


def test_headers_file_sends_the_same_policy(built_fixture_site) -> None:
    site_wide, editor = (built_fixture_site / "_headers").read_text().split("/admin/*\n")
    assert site_wide.startswith(
        "/*\n  Content-Security-Policy: default-src 'self'; script-src 'self' 'wasm-unsafe-eval';"
    )
    assert "https:" not in site_wide and "http:" not in site_wide and "'unsafe-eval'" not in site_wide
    # The editor alone may talk to GitHub and compile code at run time (Decap needs both); `!` detaches the site-wide policy.
    assert editor.startswith(
        "  ! Content-Security-Policy\n  Content-Security-Policy: default-src 'self'; script-src 'self' 'unsafe-eval'"
    )


def test_every_page_carries_the_policy(built_fixture_site) -> None:
    pages = sorted(built_fixture_site.rglob("*.html"))
    assert len(pages) > 30
    assert [p for p in pages if 'http-equiv="Content-Security-Policy"' not in p.read_text()] == []
