"""The link graph, related pages and glossary matching, on the fixture knowledge base."""

from __future__ import annotations

import os
import subprocess
import sys

import markdown

import kb
from conftest import FIXTURE_CONTENT, ROOT
from kb.links import graph
from kb.links.glossary import Glossary, GlossaryExtension, Term


def fixture_graph() -> graph.LinkGraph:
    return graph.build(kb.check(FIXTURE_CONTENT))


def test_backlinks_group_references_by_field() -> None:
    links = fixture_graph().backlinks("fixture-study")
    assert [e.source for e in links["sources"]] == [
        "fixture-champion",
        "fixture-cluster",
        "fixture-keep-groups-small",
        "fixture-maturity",
        "fixture-primary-trust",
        "fixture-programme",
        "fixture-secondary-trust",
    ]
    assert {e.source: e.locator for e in links["sources"]}["fixture-cluster"] == "§5.1, p. 30"
    assert [e.source for e in links["evaluations"]] == ["fixture-programme"]


def test_backlinks_from_illustrates_body_links_frameworks_and_glossary() -> None:
    g = fixture_graph()
    rec = g.backlinks("fixture-keep-groups-small")
    assert [e.source for e in rec["illustrates"]] == ["fixture-cluster"]
    assert [e.source for e in rec["body"]] == ["fixture-cluster", "fixture-primary-trust", "fixture-secondary-trust"]
    assert [e.source for e in rec["framework"]] == ["fixture-maturity"]
    assert [e.source for e in g.backlinks("fixture-champion")["glossary"]] == [
        "fixture-cluster",
        "fixture-primary-trust",
        "fixture-secondary-trust",
    ]


def test_related_pages_share_facets_or_references_and_are_capped() -> None:
    g = fixture_graph()
    assert g.related["fixture-primary-trust"][:2] == ["fixture-cluster", "fixture-secondary-trust"]
    assert all(len(pages) <= graph.RELATED_LIMIT for pages in g.related.values())
    assert "fixture-primary-trust" not in g.related["fixture-primary-trust"]


RELATED_OF_FIXTURE = (
    "import json, kb; from kb.links import graph;"
    f"print(json.dumps(graph.build(kb.check({str(FIXTURE_CONTENT)!r})).related, sort_keys=True))"
)


def test_related_pages_do_not_depend_on_the_hash_seed() -> None:
    """Sets iterate in an order that changes with Python's hash seed: the related pages must not."""
    runs = [
        subprocess.run(
            [sys.executable, "-c", RELATED_OF_FIXTURE],
            env={**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": str(ROOT / "plugins")},
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for seed in ("1", "2", "3")
    ]
    assert "fixture-cluster" in runs[0] and runs[0] == runs[1] == runs[2]


GLOSSARY = Glossary(
    [
        Term("joint practice development", "jpd", "concepts/jpd.md", "Improving practice together.", False),
        Term("JPD", "jpd", "concepts/jpd.md", "Improving practice together.", True),
        Term("MAT", "mat", "concepts/mat.md", "A trust of academies.", True),
    ]
)


def convert(text: str, page: str = "case-studies/x.md", enabled: bool = True) -> str:
    ext = GlossaryExtension()
    ext.glossary, ext.page_src, ext.page_slug, ext.enabled = GLOSSARY, page, page.rsplit("/", 1)[-1][:-3], enabled
    return markdown.Markdown(extensions=[ext]).convert(text)


def test_first_use_links_with_an_accessible_tooltip() -> None:
    html = convert("We tried JPD. Later JPD again.")
    assert html == (
        '<p>We tried <a aria-describedby="kb-tip-jpd" class="kb-term" href="../concepts/jpd.md">JPD</a>'
        '<span class="kb-tip" id="kb-tip-jpd" role="tooltip">Improving practice together.</span>. Later JPD again.</p>'
    )


def test_never_in_headings_links_or_code() -> None:
    html = convert("## JPD\n\n`JPD` and [JPD](x.md)\n\n    JPD\n")
    assert "kb-term" not in html


def test_acronyms_match_in_capitals_only_and_terms_in_any_case() -> None:
    assert "kb-term" not in convert("the mat by the door")
    assert 'href="../concepts/jpd.md">Joint practice development</a>' in convert("Joint practice development works.")


def test_plural_and_word_boundaries() -> None:
    assert ">MATs</a>" in convert("Two MATs merged.")
    assert "kb-term" not in convert("FORMAT and MATTER")


def test_not_on_the_concepts_own_page_and_opt_out() -> None:
    assert "kb-term" not in convert("JPD here.", page="concepts/jpd.md")
    assert "kb-term" not in convert("JPD here.", enabled=False)


def test_every_reference_field_has_a_backlink_heading() -> None:
    from kb.content.page_types import MODELS

    fields = set()
    for model in MODELS.values():
        for name, info in model.model_fields.items():
            text = repr(info.annotation) + repr(info.metadata)
            if "Ref(" in text or "Strand" in text or "PackStep" in text or "Citation" in text:
                fields.add("framework" if name == "dimensions" else name)
    assert fields <= set(graph.BACKLINK_LABELS), fields - set(graph.BACKLINK_LABELS)
