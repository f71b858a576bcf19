"""The front-matter parser: safe types, line numbers, odd encodings, and properties."""

from __future__ import annotations

import sys

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import FIXTURE_CONTENT
from kb.checks.loading import load_entry
from kb.content.frontmatter import MAX_DEPTH, TOO_DEEP, FrontMatterError, parse
from kb.content.vocabulary import Vocabulary

VOCABULARY = Vocabulary.load(FIXTURE_CONTENT / "vocabulary.yml")

PAGE = "---\ntitle: no\nsummary: on\nperiod: 2019-09-01\nimpossible: 2025-13-01\nversion: 1.10\nempty:\nlist:\n  - a\n  - yes\n---\nBody\n"


def test_yaml_1_1_surprises_stay_text() -> None:
    meta = parse(PAGE).meta
    assert meta == {
        "title": "no",
        "summary": "on",
        "period": "2019-09-01",
        "impossible": "2025-13-01",
        "version": "1.10",
        "empty": None,
        "list": ["a", "yes"],
    }


def test_every_key_and_list_item_has_its_file_line() -> None:
    parsed = parse(PAGE)
    assert parsed.lines[("title",)] == 2
    assert parsed.lines[("impossible",)] == 5
    assert parsed.lines[("list", 0)] == 9
    assert parsed.lines[("list", 1)] == 10
    assert parsed.body_line == 12
    assert parsed.body == "Body\n"


def test_crlf_and_bom_are_accepted() -> None:
    data = ("\ufeff" + PAGE).replace("\n", "\r\n").encode("utf-8")
    parsed = parse(data)
    assert parsed.meta["title"] == "no"
    assert parsed.lines[("list", 1)] == 10
    assert parsed.body == "Body\n"


def test_old_mac_line_endings_are_accepted() -> None:
    assert parse(PAGE.replace("\n", "\r").encode()).meta["summary"] == "on"


def test_quoted_empty_string_is_kept_but_plain_empty_is_none() -> None:
    assert parse("---\na: ''\nb: ~\nc:\n---\n").meta == {"a": "", "b": None, "c": None}


def test_dotted_body_terminator_closes_front_matter() -> None:
    assert parse("---\ntitle: x\n...\nbody").body == "body"


def test_booleans_and_numbers_are_typed_by_the_schema(tmp_path) -> None:
    page = tmp_path / "sources" / "a-study.md"
    page.parent.mkdir()
    page.write_text(
        "---\ntype: source\ntitle: A study\nsummary: A study.\nauthors: [A]\nyear: 2019\ncitation_title: T\ninstitution: U\n"
        "document_type: edd-thesis\nmethod: {design: d, sample: s, period: p, setting: s}\nevidence_type: [survey]\n"
        "strengths: [s]\nlimitations: [l]\nglossary_links: no\n---\n",
        encoding="utf-8",
    )
    entry, problems = load_entry(page, "sources/a-study.md", VOCABULARY)
    assert problems == []
    assert entry.page.year == 2019 and entry.page.glossary_links is False


NESTINGS = {
    "flow lists": lambda depth: "x: " + "[" * depth + "x" + "]" * depth,
    "flow mappings": lambda depth: "x: " + "{a: " * depth + "x" + "}" * depth,
    "block lists": lambda depth: "x:\n  " + "- " * depth + "x",
}


@pytest.mark.parametrize("depth", [MAX_DEPTH + 1, 2 * MAX_DEPTH, sys.getrecursionlimit(), 5000])
@pytest.mark.parametrize("shape", NESTINGS)
def test_deep_nesting_is_our_own_clear_error(depth: int, shape: str) -> None:
    """The same line whatever depth the YAML library or Python would give up at, and in whichever words."""
    with pytest.raises(FrontMatterError) as caught:
        parse("---\n" + NESTINGS[shape](depth) + "\n---\n")
    assert (caught.value.line, caught.value.field, caught.value.message) == (2, "yaml", TOO_DEEP)


@pytest.mark.parametrize("shape", NESTINGS)
def test_nesting_up_to_the_limit_is_read(shape: str) -> None:
    assert parse("---\n" + NESTINGS[shape](MAX_DEPTH - 1) + "\n---\n").meta["x"]


KEYS = st.text(alphabet=st.characters(min_codepoint=97, max_codepoint=122), min_size=1, max_size=12)
SAFE_TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp"), blacklist_characters="\x85\ufeff"),
    max_size=40,
)
VALUES = st.recursive(
    SAFE_TEXT, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(KEYS, inner, max_size=4), max_leaves=12
)


@settings(max_examples=200, derandomize=True, deadline=None)
@given(st.dictionaries(KEYS, VALUES, min_size=1, max_size=6))
def test_safe_dumped_mapping_parses_back_equal(mapping: dict) -> None:
    text = "---\n" + yaml.safe_dump(mapping, allow_unicode=True, sort_keys=False) + "---\nbody\n"
    assert parse(text).meta == mapping


@settings(max_examples=300, derandomize=True, deadline=None)
@given(st.binary(max_size=200) | st.text(max_size=200).map(lambda t: "---\n" + t + "\n---\n"))
def test_nothing_but_front_matter_error_escapes(data) -> None:
    try:
        parse(data)
    except FrontMatterError as exc:  # any other exception fails the test
        error = exc
    else:
        return
    assert error.line >= 1 and error.message


@settings(max_examples=150, derandomize=True, deadline=None)
@given(st.text(max_size=300))
def test_loading_any_page_never_raises(tmp_path_factory, text: str) -> None:
    folder = tmp_path_factory.mktemp("any") / "case-studies"
    folder.mkdir()
    page = folder / "any-page.md"
    page.write_text("---\ntype: case-study\n" + text + "\n---\n", encoding="utf-8", errors="surrogatepass")
    entry, problems = load_entry(page, "case-studies/any-page.md", VOCABULARY)
    assert entry is not None or problems
    assert all(p.line >= 1 for p in problems)
