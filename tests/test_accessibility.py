"""WCAG 2.2 AA checks with axe-core in Debian chromium on the real site: every layout, finders, search, the tool in use.

No rule is disabled.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from browser import axe_violations, browser, serve

PAGES = {
    "home": "",
    "case study": "case-studies/montsaye-peer-review-rigour/",
    "recommendation": "recommendations/keep-peer-review-groups-small/",
    "framework": "frameworks/hargreaves-maturity-model/",
    "programme": "programmes/schools-partnership-programme/",
    "concept": "concepts/joint-practice-development/",
    "source": "sources/murphy-2019-city-peer-review/",
    "pack": "packs/starting-peer-review-in-a-new-cluster/",
    "guide": "guides/guide-to-peer-review/",
    "how we rate evidence": "how-we-rate-evidence/",
    "accessibility statement": "accessibility/",
    "programme comparison": "compare-programmes/",
    "case-study finder, filtered": "case-studies/?phase=primary",
    "recommendation finder, filtered": "recommendations/?evidence_level=moderate",
    "framework finder, filtered": "frameworks/?theme=peer-review",
    "programme finder, filtered": "programmes/?phase=secondary",
    "glossary, filtered": "concepts/?concept_status=historic",
    "source finder, filtered": "sources/?document_type=edd-thesis",
    "pack finder, filtered": "packs/?audience=trainers",
    "search page": "search/?q=peer+review",
    "guide finder, filtered": "guides/?audience=senior-leaders",
    "evidence map, filtered": "evidence-map/?theme=peer-review",
    "what's new": "whats-new/",
}


@pytest.fixture(scope="module")
def site(real_site: Path):
    with serve(real_site) as base, browser() as chromium:
        context = chromium.new_context(bypass_csp=True)  # lets axe-core be injected
        yield context, base
        context.close()


@pytest.mark.parametrize("name", list(PAGES))
def test_no_serious_or_critical_violation(site, name: str) -> None:
    context, base = site
    page = context.new_page()
    page.goto(base + PAGES[name])
    page.wait_for_load_state("networkidle")
    assert axe_violations(page) == []
    page.close()


def test_search_results(site) -> None:
    context, base = site
    page = context.new_page()
    page.goto(base + "search/")
    page.locator("#kb-search-q").fill("peer review")
    page.wait_for_selector(".kb-search-result__title a")
    assert axe_violations(page) == []
    page.close()


def test_self_evaluation_tool_in_use(site) -> None:
    context, base = site
    page = context.new_page()
    page.goto(base + PAGES["framework"])
    for group in page.locator(".kb-strand").all()[:6]:
        group.locator("input[type=radio]").first.check()
    page.locator("textarea").first.fill("Evidence from our last review.")
    assert axe_violations(page) == []
    page.close()


@pytest.mark.parametrize("name", ["case study", "recommendation", "guide"])
def test_reflows_at_320_pixels_without_sideways_scrolling(site, name: str) -> None:
    context, base = site
    page = context.new_page()
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto(base + PAGES[name])
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    page.close()


@pytest.mark.parametrize(("width", "height"), [(1280, 900), (390, 844)])
def test_share_your_practice_page_at_desktop_and_phone_widths(site, width: int, height: int) -> None:
    context, base = site
    page = context.new_page()
    page.set_viewport_size({"width": width, "height": height})
    page.goto(base + "share-your-practice/")
    page.wait_for_load_state("networkidle")
    assert axe_violations(page) == []
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    page.close()
