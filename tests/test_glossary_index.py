"""The glossary's first-word index finds exactly what one expression of every term found, and links the same words.

The reference is the matcher the glossary had before it was indexed: one regular
expression of all the terms, run over the text (its cost grew with the number of terms).
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterator

import markdown
import pytest

import kb
from conftest import FIXTURE_CONTENT, ROOT
from kb.links import graph
from kb.links.glossary import Glossary, GlossaryExtension, Term, terms_of, used_in


class OneExpression(Glossary):
    """The glossary as it was: one expression of every term, acronyms first, each group longest first."""

    def __init__(self, terms: list[Term]):
        super().__init__(terms)
        sensitive = [re.escape(t.text) for t in self.by_text.values() if t.case_sensitive]
        insensitive = [re.escape(t.text) for t in self.by_text.values() if not t.case_sensitive]
        parts = (["(?-i:" + "|".join(sensitive) + ")"] if sensitive else []) + (
            ["|".join(insensitive)] if insensitive else []
        )
        self.pattern = re.compile(r"(?<![\w-])(?:" + "|".join(parts) + r")s?(?![\w-])", re.IGNORECASE)
        self.uses = {}  # its own record of texts, never the indexed glossary's

    def scan(self, text: str, pos: int = 0, end: int | None = None) -> Iterator[re.Match[str]]:
        yield from self.pattern.finditer(text, pos, len(text) if end is None else end)


def term(text: str, slug: str | None = None, acronym: bool = False) -> Term:
    slug = slug or re.sub(r"\W+", "-", text.lower()).strip("-") or "x"
    return Term(text, slug, f"concepts/{slug}.md", f"About {text}.", acronym)


def spans(glossary: Glossary, text: str) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group(0)) for m in glossary.matches(text)]


def linked(glossary: Glossary, text: str) -> str:
    ext = GlossaryExtension()
    ext.glossary, ext.page_src, ext.page_slug = glossary, "case-studies/x.md", "x"
    return markdown.Markdown(extensions=[ext, "abbr", "attr_list", "footnotes", "md_in_html", "tables"]).convert(text)


TERMS = [
    term("peer review"),
    term("peer review cycle"),
    term("peer"),
    term("review"),
    term("reviews of practice"),
    term("school improvement partner"),
    term("school"),
    term("co-op"),
    term("C++"),
    term("self-evaluation"),
    term("Ofsted’s framework"),
    term("(QA)", "qa"),
    term("£5 fund", "fund"),
    term("café network"),
    term("naïve"),
    term("résumé"),
    term("kelvin scale"),
    term("issue"),
    term("ıdea"),
    term("İstanbul schools"),
    term("lesson_study"),
    term("peer\u0345", "peer-iota"),  # a mark that matches a letter when case is ignored: tried everywhere
    term("2020 review"),
    term("a"),
    term("JPD", acronym=True),
    term("MAT", acronym=True),
    term("MATs", "mats", acronym=True),
    term("SEND", acronym=True),
    term("send"),
    term("ÉTÉ", acronym=True),
    term("S2SSP", acronym=True),
]
TRICKY = [
    "Peer review cycles and peer reviews; a peer-review, a peer_review, peer  review.",
    "The PEER REVIEW CYCLE: reviews of practice, Reviews Of Practices, reviewss.",
    "school improvement partners, a school improvement, Schools.",
    "A co-op, co-ops and co-operatives; C++ and C++s; non-peer review.",
    "self-evaluation, Self-Evaluations, selfevaluation, self evaluation.",
    "Ofsted’s framework, OFSTED’S FRAMEWORKS, Ofsted's framework.",
    "(QA) and (qa)s and x(QA), the £5 fund and £5 funds.",
    "Café network, CAFÉ NETWORKS, cafe network, naïve, NAÏVE, naive, résumés.",
    "\u212aelvin scale, \u212aELVIN SCALE, kelvin scales; i\u017f\u017fue, I\u017fSUE, issue\u017f.",
    "\u0131dea and Idea and IDEA; İstanbul schools and istanbul schools and \u0130STANBUL SCHOOLS.",
    "lesson_study, Lesson_Studies, 2020 review, 2020 reviews, 2020-review.",
    "a A as a-b b-a Á",
    "peer\u0345 and peer\u03b9 and PEER\u0399s and peer\u1fbe",
    "JPD, JPDs, jpd, Jpd, JPDS, JPD-led, the MAT's MATs and MATS and mats, SEND and send and Send.",
    "ÉTÉ, été, ÉTÉs; S2SSP, s2ssp, S2SSPs.",
    "peer\x02wzxhzdk:0\x03 review and JPD\x02klzzwxh:1\x03s, \x02peer review\x03 peer review",
    "",
    "-peer review-; peer review—school; «peer review»; peer\u00adreview; peer\nreview",
]


@pytest.mark.parametrize("text", TRICKY)
def test_the_index_finds_exactly_what_one_expression_found(text: str) -> None:
    assert spans(Glossary(TERMS), text) == spans(OneExpression(TERMS), text)


@pytest.mark.parametrize("text", TRICKY)
def test_the_same_words_are_linked(text: str) -> None:
    assert linked(Glossary(TERMS), text) == linked(OneExpression(TERMS), text)


def test_the_table_exercises_every_kind_of_term() -> None:
    """The cases above match terms indexed by their first word and terms tried everywhere, in any case and plural."""
    glossary = Glossary(TERMS)
    found = {m.group(0) for text in TRICKY for m in glossary.matches(text)}
    assert {"Peer review cycles", "JPDs", "(QA)", "£5 funds", "\u212aelvin scale", "CAFÉ NETWORKS"} <= found
    assert glossary.loose and glossary.starting


def test_random_texts_match_the_same() -> None:
    """Texts made of pieces of the terms, in random case, with plurals, hyphens and placeholders between."""
    rng = random.Random(26)
    pieces = [w for t in TERMS for w in re.split(r"(\W)", t.text) if w] + [
        "s",
        "S",
        "-",
        " ",
        " ",
        "  ",
        ".",
        "x",
        "\u017f",
        "\u212a",
        "\u0131",
        "\x02wzxhzdk:7\x03",
        "\x02",
        "\x03",
    ]
    for _ in range(300):
        terms = rng.sample(TERMS, rng.randint(1, len(TERMS)))
        new, old = Glossary(terms), OneExpression(terms)
        for _ in range(10):
            parts = [rng.choice(pieces) for _ in range(rng.randint(1, 30))]
            text = "".join(p.upper() if rng.random() < 0.2 else p for p in parts)
            assert spans(new, text) == spans(old, text), (terms, text)


def test_a_glossary_with_the_same_terms_remembers_the_texts_seen() -> None:
    """A preview rebuilds the link graph after each save: only the changed pages' texts are scanned again."""
    text = "Peer review and JPD."
    first = Glossary(TERMS)
    assert used_in(first, text) == {"peer-review", "jpd"}
    same = Glossary(list(reversed(TERMS)))
    assert same.uses is first.uses and text in same.uses
    other = Glossary(TERMS[:3])
    assert other.uses == {} and used_in(other, text) == {"peer-review"}


def test_no_terms_match_nothing() -> None:
    empty = Glossary([])
    assert not empty and spans(empty, "peer review") == [] and used_in(empty, "peer review") == set()
    assert "kb-term" not in linked(empty, "peer review")


@pytest.mark.parametrize("content", [FIXTURE_CONTENT, ROOT / "content"], ids=["fixture", "real"])
def test_every_page_uses_the_same_concepts(content) -> None:
    """The link graph's glossary edges, and the links in every page's text, on the fixture and on our own content."""
    checked = kb.check(content)
    terms = terms_of(checked)
    new, old = Glossary(terms), OneExpression(terms)
    for entry in checked.typed():
        body = entry.parsed.body
        assert used_in(new, body) == used_in(old, body), entry.src_uri
        assert spans(new, body) == spans(old, body), entry.src_uri
    if content == FIXTURE_CONTENT:
        for entry in checked.typed():
            assert linked(new, entry.parsed.body) == linked(old, entry.parsed.body), entry.src_uri
    assert graph.build(checked).glossary.ordered == new.ordered
