"""A teacher's first minute on the real site, in Debian chromium at a desktop and a phone size: search everywhere,
finders that show results first, pages that put action first, and handouts that fit on three sheets."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from browser import browser, serve
from conftest import ROOT
from kb.content.page_types import TYPES

SIZES = {"desktop": (1280, 900), "phone": (390, 844)}
ONE_OF_EACH = [""] + [
    f"{t.folder}/{sorted((ROOT / 'content' / t.folder).glob('*.md'))[0].stem}/" for t in TYPES.values()
]


@pytest.fixture(scope="module")
def site(real_site: Path):
    with serve(real_site) as base, browser() as chromium:
        yield chromium, base


def tab(site, size: str):
    chromium, base = site
    width, height = SIZES[size]
    page = chromium.new_page(viewport={"width": width, "height": height})
    page.base = base
    return page


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("path", ONE_OF_EACH)
def test_a_search_field_is_in_the_first_screen_and_answers(site, size: str, path: str) -> None:
    page = tab(site, size)
    page.goto(page.base + path)
    if size == "phone" and path:
        page.get_by_role("button", name="Search").first.click()  # the header's search opens from a button
    box = page.locator("input[name=q]:visible").first
    top = box.bounding_box()
    assert top and top["y"] + top["height"] <= SIZES[size][1]
    box.fill("peer review")
    results = page.locator(".kb-search-box__results:visible .kb-search-box__item")
    results.first.wait_for()
    assert results.count() > 0 and page.locator(".kb-search-box__results:visible .kb-tag").count() > 0
    page.close()


@pytest.mark.parametrize("size", SIZES)
def test_the_first_case_study_and_a_filter_s_effect_are_in_the_first_screen(site, size: str) -> None:
    page = tab(site, size)
    page.goto(page.base + "case-studies/")
    height = SIZES[size][1]
    first = page.locator(".kb-cards > li.kb-card").first.bounding_box()
    assert first and first["y"] < height
    if size == "phone":
        page.get_by_role("button", name="Filter").click()
    page.get_by_role("group", name="Phase").get_by_label("Secondary").check()
    count = page.get_by_role("status")
    assert re.fullmatch(r"\d+ of \d+ case studies match your filters", count.inner_text())
    if size == "phone":
        page.get_by_role("button", name=re.compile(r"^Filter \(1\)")).click()  # fold the filters away again
    shown = page.locator(".kb-cards > li.kb-card:visible").first.bounding_box()
    assert count.bounding_box()["y"] < height and shown and shown["y"] < height
    page.close()


def test_sorting_recommendations_by_evidence_puts_the_strongest_first(site) -> None:
    page = tab(site, "desktop")
    page.goto(page.base + "recommendations/")
    page.get_by_label("Sort by").select_option(label="Strongest evidence first")
    levels = page.locator(".kb-cards > li.kb-card .kb-badge__label").all_inner_texts()
    assert levels[0] == "Moderate evidence" and levels == sorted(
        levels, key=["Strong evidence", "Moderate evidence", "Emerging evidence", "Practice-based"].index
    )
    assert page.url.endswith("?sort=strength")
    page.close()


def test_the_home_page_leads_to_the_peer_review_guide_in_one_click(site) -> None:
    page = tab(site, "desktop")
    page.goto(page.base)
    page.get_by_role("link", name="Starting or running peer review").click()
    page.wait_for_load_state()
    assert page.url.endswith("/guides/guide-to-peer-review/")
    page.close()


def test_a_missing_page_helps_the_reader_on(site) -> None:
    page = tab(site, "desktop")
    page.goto(page.base + "no-such-page/")
    page.goto(page.base + "404.html")  # what a host serves at a missing address
    assert page.get_by_role("heading", name="Page not found").is_visible()
    assert page.locator("input[name=q]").count() >= 2 and page.get_by_role("link", name="Peer review").is_visible()
    assert page.get_by_role("link", name="tell us about the broken link").is_visible()
    page.close()


ORDER = [
    "How to do it",
    "Roadblocks and ways round them",
    "When it may not apply",
    "Case studies it draws on",
    "Why (the evidence)",
]


def test_every_recommendation_puts_action_first(real_site: Path) -> None:
    for page in sorted((real_site / "recommendations").glob("*/index.html")):
        html = page.read_text()
        if "<title>Redirecting...</title>" in html:
            continue  # an old address of a renamed page
        headings = [re.sub("<[^>]+>", "", h).strip() for h in re.findall(r"<h2[^>]*>(.*?)</h2>", html, re.S)]
        present = [h for h in ORDER if h in headings]
        assert [h for h in headings if h in ORDER] == present, page
        assert html.count('class="kb-statement"') == 1 and 'class="kb-summary"' not in html, page  # the advice once
        assert re.search(r'<a class="kb-badge kb-badge--[a-z-]+"[^>]* href="\.\./\.\./how-we-rate-evidence/"', html), (
            page
        )


def test_no_page_of_the_real_site_repeats_a_heading(real_site: Path) -> None:
    for page in real_site.rglob("index.html"):
        headings = re.findall(r"<(h[23])[^>]*>(.*?)</\1>", page.read_text(), re.S)
        texts = [(level, re.sub("<[^>]+>", "", text).strip()) for level, text in headings]
        assert len(texts) == len(set(texts)), page


def longest(real_site: Path, folder: str) -> str:
    pages = sorted((ROOT / "content" / folder).glob("*.md"), key=lambda p: -len(p.read_text()))
    return f"{folder}/{pages[0].stem}/"


@pytest.mark.parametrize("folder", ["case-studies", "recommendations"])
def test_the_longest_page_prints_as_a_handout_of_three_sheets_and_in_full_on_request(
    site, real_site: Path, folder: str
) -> None:
    page = tab(site, "desktop")
    page.goto(page.base + longest(real_site, folder))
    handout = PdfReader(io.BytesIO(page.pdf(format="A4", prefer_css_page_size=True)))
    page.evaluate(
        "document.documentElement.setAttribute('data-kb-print', 'full'); document.querySelectorAll('.kb-page details').forEach(d => d.open = true)"
    )
    full = PdfReader(io.BytesIO(page.pdf(format="A4", prefer_css_page_size=True)))
    assert len(handout.pages) <= 3 < len(full.pages)
    text = "".join(p.extract_text() for p in full.pages)
    assert "Where this comes from" in text or "Sources" in text
    page.close()


def test_on_this_page_works_on_a_phone(site) -> None:
    page = tab(site, "phone")
    page.goto(page.base + "recommendations/keep-peer-review-groups-small/")
    page.locator(".kb-contents summary").click()
    page.locator(".kb-contents").get_by_role("link", name="Roadblocks and ways round them").click()
    page.wait_for_function("() => location.hash === '#roadblocks-and-ways-round-them'")
    heading = page.locator("#roadblocks-and-ways-round-them").bounding_box()
    assert heading and 0 <= heading["y"] < 844
    page.close()


def test_every_resource_prints_on_two_sheets_at_most(site) -> None:
    page = tab(site, "desktop")
    for resource in sorted((ROOT / "content" / "resources").glob("*.md")):
        page.goto(page.base + f"resources/{resource.stem}/")
        pdf = PdfReader(io.BytesIO(page.pdf(format="A4", prefer_css_page_size=True)))
        assert len(pdf.pages) <= 2, resource.stem
    page.close()


def test_the_peer_review_guide_points_to_documents_to_adapt(real_site: Path) -> None:
    html = (real_site / "guides" / "guide-to-peer-review" / "index.html").read_text()
    listed = html.split('<h2 id="kb-guide-resources">Documents to adapt</h2>')[1].split("</section>")[0]
    assert listed.count('href="../../resources/') >= 5


def test_the_peer_review_pack_points_to_the_documents_its_steps_use(real_site: Path) -> None:
    html = (real_site / "packs" / "starting-peer-review-in-a-new-cluster" / "index.html").read_text()
    listed = html.split('<h2 id="kb-pack-resources">Documents to adapt</h2>')[1].split("</section>")[0]
    assert 'href="../../resources/peer-review-partnership-agreement/"' in listed
