"""The case-study finder in headless Debian chromium: filter, count, shareable address, keyboard."""

from __future__ import annotations

import pytest
from playwright.sync_api import Error as PlaywrightError

from browser import browser, search, serve, site_tab
from conftest import make_site, run_build_py


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory):
    """(browser, base URL) for the fixture site with ten more case studies, so its finder has filters."""
    project = make_site(tmp_path_factory.mktemp("finder") / "project").parent
    case = (project / "content" / "case-studies" / "fixture-cluster.md").read_text()
    for n in range(10):
        copy = case.replace("title: A fixture cluster of three primaries", f"title: Copy {n} of a primary cluster")
        (project / "content" / "case-studies" / f"fixture-copy-{n}.md").write_text(copy)
    result = run_build_py("build", "--config", str(project / "mkdocs.yml"), "--site-dir", str(project / "site"))
    assert result.returncode == 0, result.stdout + result.stderr
    with serve(project / "site") as base, browser() as chromium:
        yield chromium, base


@pytest.fixture
def page(site):
    tab = site_tab(site)
    yield tab
    tab.context.close()


def visible_titles(page) -> list[str]:
    return page.locator(".kb-cards > li.kb-card:visible .kb-card__title a").all_inner_texts()


def open_facet(page, name: str):
    """The checkboxes of one facet, its disclosure opened if it is folded."""
    facet = page.locator("details.kb-filter").filter(has=page.locator("summary", has_text=name))
    if facet.get_attribute("open") is None:
        facet.locator("summary").click()
    return page.get_by_role("group", name=name)


def test_filter_by_two_facets_then_reload_the_shared_address(page) -> None:
    page.goto(page.base + "case-studies/")
    assert len(visible_titles(page)) == 13
    open_facet(page, "Phase").get_by_label("Primary").check()
    assert len(visible_titles(page)) == 12 and "Secondary schools in a city trust" not in visible_titles(page)
    open_facet(page, "Partnership type").get_by_label("Multi-academy trust").check()
    assert visible_titles(page) == ["A primary trust of five schools"]
    assert page.get_by_role("status").inner_text() == "1 of 13 case studies match your filters"
    assert page.url.endswith("/case-studies/?phase=primary&partnership_type=multi-academy-trust")
    # the counts follow the selection: the only London case is not a primary one, so London would give nothing
    london = open_facet(page, "Region").get_by_label("London")
    assert london.is_disabled() and "(0)" in london.locator("xpath=..").inner_text()
    # the active filters show as chips that remove them
    assert page.locator(".kb-chip").all_inner_texts() == ["Phase: Primary", "Partnership type: Multi-academy trust"]

    page.goto(page.url)
    assert visible_titles(page) == ["A primary trust of five schools"]
    assert page.get_by_role("group", name="Phase").get_by_label("Primary").is_checked()
    page.get_by_role("button", name="Remove filter Partnership type: Multi-academy trust").click()
    assert len(visible_titles(page)) == 12
    assert page.url.endswith("/case-studies/?phase=primary")


def test_filters_work_from_the_keyboard(page) -> None:
    page.goto(page.base + "case-studies/")
    box = open_facet(page, "Phase").get_by_label("Secondary")
    box.focus()
    page.keyboard.press("Space")
    assert visible_titles(page) == ["Secondary schools in a city trust"]
    page.get_by_role("button", name="Clear filters").focus()
    page.keyboard.press("Enter")
    page.locator(".kb-cards > li.kb-card:not([hidden])").nth(12).wait_for()
    assert page.url.endswith("/case-studies/")


def test_on_a_phone_the_filters_open_from_a_button_and_the_first_result_is_in_view(site) -> None:
    tab = site_tab(site, viewport={"width": 390, "height": 844})
    tab.goto(tab.base + "case-studies/")
    assert not tab.locator(".kb-filters").is_visible()
    first = tab.locator(".kb-cards > li.kb-card").first.bounding_box()
    assert first and first["y"] < 844
    tab.get_by_role("button", name="Filter").click()
    open_facet(tab, "Phase").get_by_label("Secondary").check()
    assert tab.get_by_role("button", name="Filter (1)").is_visible()
    tab.context.close()


def test_facet_value_on_a_page_opens_the_finder_filtered(page) -> None:
    page.goto(page.base + "case-studies/fixture-secondary-trust/")
    page.locator(".kb-facets").get_by_role("link", name="Secondary").click()
    page.wait_for_load_state()
    assert page.url.endswith("/case-studies/?phase=secondary")
    assert visible_titles(page) == ["Secondary schools in a city trust"]


def test_without_javascript_every_card_shows(site) -> None:
    tab = site_tab(site, java_script_enabled=False)
    tab.goto(tab.base + "case-studies/?phase=secondary")
    assert len(visible_titles(tab)) == 13
    assert not tab.locator(".kb-filters").is_visible()
    tab.context.close()


def test_search_finds_a_concept_by_its_acronym(page) -> None:
    assert search(page, "FC")[0] == "/concepts/fixture-champion/"


def test_search_filters_by_kind_of_page_and_keeps_them_in_the_address(page) -> None:
    search(page, "trust")
    assert (
        page.locator("details.kb-filter summary").first.inner_text() == "Kind of page"
    )  # the filter readers need, first
    page.get_by_role("group", name="Kind of page").get_by_label("Case study").check()
    page.wait_for_function(
        "() => [...document.querySelectorAll('.kb-search-result__title a')].every(a => a.getAttribute('href').startsWith('/case-studies/'))"
    )
    results = page.locator(".kb-search-result")
    assert results.count() > 0 and all(
        text.startswith("Case study") for text in page.locator(".kb-search-result__title").all_inner_texts()
    )
    assert "q=trust" in page.url and "Kind+of+page=Case+study" in page.url
    page.goto(page.url)  # a shared address opens the same filtered search
    page.wait_for_selector(".kb-search-result a")
    assert page.get_by_role("group", name="Kind of page").get_by_label("Case study").is_checked()


def test_search_finds_pages_by_facet_label(page) -> None:
    assert "/case-studies/fixture-secondary-trust/" in search(page, "London")


def test_copy_the_reference_button(site) -> None:
    tab = site_tab(site, permissions=["clipboard-read", "clipboard-write"])
    tab.goto(tab.base + "sources/fixture-study/")
    tab.get_by_role("region", name="Reference").get_by_role("button", name="Copy the reference").click()
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
    tab = site_tab(site)
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
    tab = site_tab(site)
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
