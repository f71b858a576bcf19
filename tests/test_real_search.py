"""Search on the real site, in Debian chromium: a reader's query brings the expected page first."""

from __future__ import annotations

from pathlib import Path

import pytest

from browser import browser, serve


@pytest.fixture(scope="module")
def page(real_site: Path):
    with serve(real_site) as base, browser() as chromium:
        tab = chromium.new_page()
        tab.base = base
        yield tab


def first_result(page, query: str) -> str:
    """The first result once the list has settled (the interface refreshes as results arrive)."""
    page.goto(page.base + "search/")
    page.locator("#kb-search-q").fill(query)
    page.wait_for_selector(".kb-search-result__title a")
    seen = None
    for _ in range(30):
        first = page.locator(".kb-search-result__title a").first.get_attribute("href")
        if first == seen:
            return first
        seen = first
        page.wait_for_timeout(200)
    return seen


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("SPP", "/concepts/spp/"),  # an acronym: its glossary entry first
        ("PSLN", "/concepts/psln/"),
        ("organisational resilience", "/concepts/organisational-resilience/"),  # a term: its definition first
    ],
)
def test_a_query_brings_the_expected_page_first(page, query: str, expected: str) -> None:
    assert first_result(page, query) == expected
