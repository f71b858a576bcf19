"""For trainers: short addresses and old slugs redirect; every page type prints as a clean handout."""

from __future__ import annotations

import io
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from pypdf import PdfReader

from browser import browser, serve
from conftest import make_site, run_build_py

SITE_URL = "https://school-partnerships.example.org/"


@pytest.fixture(scope="module")
def renamed_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture site after renaming fixture-cluster to cluster-of-three, keeping the old slug as an alias."""
    project = make_site(tmp_path_factory.mktemp("renamed") / "project").parent
    content = project / "content"
    old = content / "case-studies" / "fixture-cluster.md"
    text = old.read_text().replace("anonymised: true", "anonymised: true\naliases: [fixture-cluster]")
    old.unlink()
    (content / "case-studies" / "cluster-of-three.md").write_text(text)
    for page in content.rglob("*.md"):
        page.write_text(
            page.read_text()
            .replace("fixture-cluster", "cluster-of-three")
            .replace("aliases: [cluster-of-three]", "aliases: [fixture-cluster]")
        )
    result = run_build_py("build", "--config", str(project / "mkdocs.yml"), "--site-dir", str(project / "site"))
    assert result.returncode == 0, result.stdout + result.stderr
    return project / "site"


@pytest.mark.parametrize("address", ["cluster-of-three/", "fixture-cluster/", "case-studies/fixture-cluster/"])
def test_short_and_old_addresses_reach_the_renamed_page(renamed_site: Path, address: str) -> None:
    with serve(renamed_site) as base, browser() as chromium:
        page = chromium.new_page()
        page.route("**/*", lambda route: route.continue_() if route.request.url.startswith(base) else route.abort())
        page.goto(base + address)
        page.wait_for_url(base + "case-studies/cluster-of-three/")
        assert page.locator("h1").first.inner_text() == "A fixture cluster of three primaries"


def test_every_page_has_a_short_address(built_fixture_site: Path) -> None:
    for slug, target in [
        ("fixture-study", "../sources/fixture-study/"),
        ("fixture-maturity", "../frameworks/fixture-maturity/"),
    ]:
        html = (built_fixture_site / slug / "index.html").read_text()
        assert refresh_target(html) == target


def refresh_target(html: str) -> str | None:
    """Where a page's meta refresh sends the reader (however the redirect plugin spells the tag)."""
    found: list[str] = []

    class Parser(HTMLParser):
        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            values = {k.lower(): v or "" for k, v in attrs}
            if tag == "meta" and values.get("http-equiv", "").lower() == "refresh":
                found.append(re.split(r";\s*url=", values.get("content", ""), maxsplit=1, flags=re.IGNORECASE)[-1])

    Parser().feed(html)
    return found[0] if found else None


def test_a_slug_may_not_take_a_reserved_address(tmp_path: Path) -> None:
    content = make_site(tmp_path / "p").parent / "content"
    (content / "concepts" / "fixture-champion.md").rename(content / "concepts" / "assets.md")
    result = run_build_py("check", "--content", str(content))
    assert result.returncode == 1 and "file name: expected a slug that is not a reserved address" in result.stdout


HANDOUTS = [
    ("case-studies/fixture-cluster/", "fixture-cluster", 3),
    ("recommendations/fixture-keep-groups-small/", "fixture-keep-groups-small", 3),
    ("frameworks/fixture-maturity/", "fixture-maturity", 3),
    ("programmes/fixture-programme/", "fixture-programme", 2),
    ("concepts/fixture-champion/", "fixture-champion", 2),
    ("sources/fixture-study/", "fixture-study", 2),
    ("packs/fixture-workshop/", "fixture-workshop", 3),
]


@pytest.fixture(scope="module")
def pdfs(built_fixture_site: Path) -> dict[str, tuple[PdfReader, bool, bool]]:
    """Each page printed to PDF, with whether its QR code shows on screen and in print."""
    with serve(built_fixture_site) as base, browser() as chromium:
        page = chromium.new_page()
        found = {}
        for path, _slug, _pages in HANDOUTS:
            page.emulate_media(media="screen")
            page.goto(base + path)
            on_screen = page.locator(".kb-handout-head svg.kb-qr").is_visible()
            page.emulate_media(media="print")
            found[path] = (
                PdfReader(io.BytesIO(page.pdf(prefer_css_page_size=True))),
                on_screen,
                page.locator(".kb-handout-head svg.kb-qr").is_visible(),
            )
        return found


@pytest.mark.parametrize(("path", "slug", "max_pages"), HANDOUTS)
def test_page_prints_as_a_clean_handout(pdfs, path: str, slug: str, max_pages: int) -> None:
    pdf, qr_on_screen, qr_in_print = pdfs[path]
    text = "\n".join(page.extract_text() for page in pdf.pages)
    assert f"{SITE_URL}{slug}/" in pdf.pages[0].extract_text().replace("\n", "")
    assert qr_in_print and not qr_on_screen
    for chrome in ("Table of contents", "Skip to content", "Previous", "Next", "Search"):
        assert chrome not in text, chrome
    assert len(pdf.pages) <= max_pages


def test_the_full_page_prints_every_link_with_its_address_and_the_handout_does_not(built_fixture_site: Path) -> None:
    with serve(built_fixture_site) as base, browser() as chromium:
        page = chromium.new_page()
        page.goto(base + "case-studies/fixture-cluster/")
        handout = "".join(p.extract_text() for p in PdfReader(io.BytesIO(page.pdf())).pages).replace("\n", "")
        page.evaluate(
            "document.documentElement.setAttribute('data-kb-print', 'full')"
        )  # what "Print the full page" sets
        full = "".join(p.extract_text() for p in PdfReader(io.BytesIO(page.pdf())).pages).replace("\n", "")
    address = f"Fixture peer review programme ({SITE_URL}programmes/fixture-programme/)"
    assert address in full and address not in handout
    assert "Recommendations this case illustrates" in full and "Recommendations this case illustrates" not in handout


DRAW_AND_READ_PIXELS = """async ([svg, size]) => {
    const image = new Image(size, size);
    image.src = "data:image/svg+xml;charset=utf-8," + encodeURIComponent(svg);
    await image.decode();
    const canvas = document.createElement("canvas");
    canvas.width = canvas.height = size;
    const context = canvas.getContext("2d");
    context.fillStyle = "#fff";
    context.fillRect(0, 0, size, size);
    context.drawImage(image, 0, 0, size, size);
    const rgba = context.getImageData(0, 0, size, size).data;
    return Array.from({length: size * size}, (_, i) => rgba[4 * i]);
}"""
"""Chromium draws the SVG `size` pixels square on white; returns its grey levels, one a pixel, row by row."""


def test_qr_code_as_a_browser_draws_it_scans_to_the_short_address(built_fixture_site: Path) -> None:
    import zxingcpp

    scanned = {}
    with browser() as chromium:
        page = chromium.new_page()
        for path, slug in (
            ("sources/fixture-study/", "fixture-study"),
            ("case-studies/fixture-cluster/", "fixture-cluster"),
        ):
            html = (built_fixture_site / path / "index.html").read_text()
            svgs = re.findall(r'<svg[^>]*class="kb-qr".*?</svg>', html, flags=re.S)
            assert len(svgs) == 1, path
            assert f"<title>QR code for {SITE_URL}{slug}/</title>" in svgs[0]
            size = 300
            pixels = bytes(page.evaluate(DRAW_AND_READ_PIXELS, [svgs[0], size]))
            assert pixels.count(0) > size * size // 5  # dark modules drawn solid, not as hairlines
            code = zxingcpp.read_barcode(
                memoryview(pixels).cast("B", (size, size)), formats=zxingcpp.BarcodeFormat.QRCode
            )
            scanned[slug] = code.text if code else None
    assert scanned == {slug: f"{SITE_URL}{slug}/" for slug in scanned}


def test_pack_prints_as_one_handout_with_every_steps_address(pdfs) -> None:
    text = "".join(p.extract_text() for p in pdfs["packs/fixture-workshop/"][0].pages).replace("\n", "")
    for slug in ("fixture-cluster", "fixture-keep-groups-small", "fixture-maturity"):
        assert f"{SITE_URL}{slug}/" in text
    assert "Read the case study in pairs." in text and "Rate your partnership together." in text
