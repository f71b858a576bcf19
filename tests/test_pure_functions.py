"""Tables for the pure functions that were rewritten for speed or safety: addresses, print links, the policy, links' schemes, sentences."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from conftest import FIXTURE_CONTENT
from kb.checks.safety import unsafe_url
from kb.content.vocabulary import Vocabulary
from kb.output import csp
from kb.views.print_links import print_urls
from kb.views.type_views import _duration, headline, reference
from kb.views.urls import editor_path, finder_url, page_url, relative

VOCABULARY = Vocabulary.load(FIXTURE_CONTENT / "vocabulary.yml")


@pytest.mark.parametrize(
    ("src_uri", "directory", "file"),
    [
        ("index.md", "", "index.html"),
        ("about.md", "about/", "about.html"),
        ("case-studies/index.md", "case-studies/", "case-studies/index.html"),
        ("case-studies/a-city.md", "case-studies/a-city/", "case-studies/a-city.html"),
    ],
)
def test_page_url(src_uri: str, directory: str, file: str) -> None:
    assert (page_url(src_uri), page_url(src_uri, directory_urls=False)) == (directory, file)


@pytest.mark.parametrize(
    ("target", "base", "expected"),
    [
        ("case-studies/x/", "case-studies/", "x/"),
        ("case-studies/", "case-studies/x/", "../"),
        ("", "case-studies/x/", "../../"),
        ("", "", "./"),
        ("case-studies/?phase=primary", "case-studies/x/", "../?phase=primary"),
        ("case-studies/?phase=primary", "", "case-studies/?phase=primary"),
        ("a/b/", "a/b/", "./"),
        ("x/", "", "x/"),
        ("sources/s/", "case-studies/x/", "../../sources/s/"),
        ("case-studies/x.html", "case-studies/y.html", "x.html"),
        ("index.html", "case-studies/y.html", "../index.html"),
        ("case-studies/index.html", "index.html", "case-studies/index.html"),
        ("a/b/c/", "a/x/y/", "../../b/c/"),
    ],
)
def test_relative(target: str, base: str, expected: str) -> None:
    assert relative(target, base) == expected


def test_finder_and_editor_addresses() -> None:
    assert (finder_url("case-study"), finder_url("concept", directory_urls=False)) == (
        "case-studies/",
        "concepts/index.html",
    )
    assert (
        editor_path("recommendation", "keep-groups-small") == "#/collections/recommendations/entries/keep-groups-small"
    )


PAGE = "https://kb.example.org/case-studies/p/"


@pytest.mark.parametrize(
    ("href", "printed"),
    [
        ("../x/", "https://kb.example.org/case-studies/x/"),
        ("y/?q=1#f", "https://kb.example.org/case-studies/p/y/?q=1#f"),
        ("../../", "https://kb.example.org/"),
        ("https://other.example.org/a", "https://other.example.org/a"),
        ("mailto:someone@example.org", None),
        ("#top", None),
    ],
)
def test_print_urls_inside_the_article(href: str, printed: str | None) -> None:
    html = f'<article><a href="{href}">link</a></article>'
    out = print_urls(html, PAGE)
    assert out == (
        html if printed is None else f'<article><a data-print-url="{printed}" href="{href}">link</a></article>'
    )


def test_print_urls_leave_links_outside_the_article() -> None:
    html = '<nav><a href="x/">menu</a></nav><article><a href="y/">y</a></article><footer><a href="z/">z</a></footer>'
    assert print_urls(html, PAGE).count("data-print-url") == 1


def test_the_policy_goes_first_in_the_head_once() -> None:
    html = "<html><head><title>x</title></head><body></body></html>"
    once = csp.with_meta(html)
    assert once.startswith('<html><head>\n<meta http-equiv="Content-Security-Policy"') and csp.with_meta(once) == once


def test_a_redirect_page_gets_our_script_for_its_inline_one() -> None:
    page = '<head><link rel="canonical" href="../x/">\n<script>var anchor=1;location.href="../x/"</script>\n</head>'
    assert (
        csp.redirect_page(page, "../assets/javascripts/redirect.js")
        == '<head><link rel="canonical" href="../x/">\n<script src="../assets/javascripts/redirect.js"></script>\n</head>'
    )


def test_headers_give_the_editor_its_own_policy() -> None:
    lines = csp.headers_file({"/admin/*": "script-src 'self' 'unsafe-eval'"}).splitlines()
    assert lines[:2] == ["/*", f"  Content-Security-Policy: {csp.POLICY}"]
    assert lines[-3:] == [
        "/admin/*",
        "  ! Content-Security-Policy",
        "  Content-Security-Policy: script-src 'self' 'unsafe-eval'",
    ]


@pytest.mark.parametrize(
    ("url", "unsafe"),
    [
        ("https://example.org", False),
        ("http://example.org", False),
        ("mailto:a@example.org", False),
        ("../case-studies/x.md", False),
        ("#context", False),
        ("x.md?y=z", False),
        ("javascript:alert(1)", True),
        ("JavaScript:alert(1)", True),
        ("java\tscript:alert(1)", True),
        ("&#106;avascript:alert(1)", True),
        ("&#x6A;&#x61;vascript:alert(1)", True),
        ("&amp;#106;avascript:x", True),
        ("data:text/html,x", True),
        ("vbscript:x", True),
        ("file:///etc/passwd", True),
        (" javascript:x", True),
    ],
)
def test_unsafe_url(url: str, unsafe: bool) -> None:
    assert unsafe_url(url) is unsafe


@pytest.mark.parametrize(
    ("minutes", "text"), [(45, "45 minutes"), (60, "1 hour"), (90, "1 hour 30 minutes"), (150, "2 hours 30 minutes")]
)
def test_duration(minutes: int, text: str) -> None:
    assert _duration(minutes) == text


@pytest.mark.parametrize(
    ("audience", "stage", "sources", "text"),
    [
        (
            ["senior-leaders"],
            ["prepare"],
            1,
            "For senior leaders, at the prepare stage: emerging evidence, from 1 source.",
        ),
        (
            ["senior-leaders", "teachers", "governors"],
            ["prepare", "deliver"],
            3,
            "For senior leaders, teachers, and governors and trustees, at the prepare and deliver stages: emerging evidence, from 3 sources.",
        ),
        (
            ["teachers", "governors"],
            ["sustain"],
            2,
            "For teachers and governors and trustees, at the sustain stage: emerging evidence, from 2 sources.",
        ),
    ],
)
def test_headline(audience: list[str], stage: list[str], sources: int, text: str) -> None:
    page = SimpleNamespace(evidence_level="emerging", audience=audience, stage=stage)
    assert headline(page, VOCABULARY, sources) == text


def test_reference_prefers_the_doi() -> None:
    source = SimpleNamespace(
        authors=["Murphy, A.", "Bell, C."],
        year=None,
        citation_title="Peer review",
        document_type="edd-thesis",
        institution="A University",
        doi="10.1/x",
        url="https://x.org",
    )
    assert (
        reference(source, VOCABULARY)
        == "Murphy, A. and Bell, C. (n.d.). Peer review. EdD thesis, A University. https://doi.org/10.1/x"
    )
