"""Odd input: every problem prints as one safe line, body scanning takes linear time, lines are counted as editors count them, and the glossary leaves Markdown's placeholders alone."""

from __future__ import annotations

import math
import os
import re
import shutil
import signal
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import markdown
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown.extensions.toc import slugify, unique

import kb
from conftest import FIXTURE_CONTENT, check_copy, run_build_py, site_markdown
from kb.checks import safety
from kb.checks.safety import MAX_BRACKETS
from kb.content.body import Link, headings, inline_link_targets, links
from kb.content.diagnostics import Diagnostic
from kb.links.glossary import Glossary, GlossaryExtension, Term

T = TypeVar("T")
CASE = "case-studies/fixture-cluster.md"
CASE_TEXT = (FIXTURE_CONTENT / CASE).read_text(encoding="utf-8")

# --- Class 8: one line per problem ------------------------------------------------------------

HOSTILE = {
    "newline": "a\nb",
    "carriage return": "a\rb",
    "CR LF": "a\r\nb",
    "escape sequence": "\x1b[31mred\x1b[0m\x1b[2J\x1b]0;title\x07",
    "workflow command after a newline": "x\n::error file=evil.md,line=1::owned",
    "workflow command after a CR": "x\r::error file=evil.md::owned",
    "encoded newline": "a%0Ab%0D%25",
    "commas and colons": "a,b:c::d,line=9",
    "line separator": "a\u2028b",
    "paragraph separator": "a\u2029b",
    "next line (C1)": "a\x85b",
    "C1 CSI": "a\x9b31mb",
    "DEL": "a\x7fb",
    "bidi override": "good\u202edm.live",
    "bidi isolate": "a\u2066b\u2069c",
    "zero width": "a\u200bb\ufeffc",
    "tab and NUL": "a\tb\x00c",
    "lone surrogate (an undecodable file name)": "bad\udcffname",
}
UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\u200b-\u200f\ufeff\ud800-\udfff]")


def hostile_diagnostics(text: str) -> list[Diagnostic]:
    """The hostile text in each part of a diagnostic in turn, as an error and as a warning."""
    return [
        Diagnostic(f"content/case-studies/{text}.md", 3, "summary", "expected plain text; found it"),
        Diagnostic("content/index.md", 4, f"setting.{text}", "expected a known field; found it"),
        Diagnostic("content/index.md", 5, "link", f"expected a link to an existing page; found '{text}'", "warning"),
    ]


PROPERTY_UNESCAPES = [("%0D", "\r"), ("%0A", "\n"), ("%3A", ":"), ("%2C", ","), ("%25", "%")]
DATA_UNESCAPES = [("%0D", "\r"), ("%0A", "\n"), ("%25", "%")]
"""In the order GitHub's runner undoes them (`%25` last)."""


def parse_annotation(line: str) -> tuple[str, dict[str, str], str]:
    """A workflow command read back as GitHub's runner reads it: (command, properties, data)."""
    assert line.startswith("::")
    end = line.index("::", 2)
    name, _, properties = line[2:end].partition(" ")
    found = {}
    for pair in properties.split(","):
        key, _, value = pair.partition("=")
        found[key] = unescape(value, PROPERTY_UNESCAPES)
    return name, found, unescape(line[end + 2 :], DATA_UNESCAPES)


def unescape(text: str, mappings: list[tuple[str, str]]) -> str:
    for token, char in mappings:
        text = text.replace(token, char)
    return text


def escaped(text: str) -> str:
    """What the reader should see: each unsafe character as its Python escape."""
    return "".join(repr(c)[1:-1] if unicodedata.category(c) in ("Cc", "Cf", "Cs", "Zl", "Zp") else c for c in text)


def assert_safe(line: str) -> None:
    assert not UNSAFE.search(line), repr(line)
    assert line.splitlines() == [line]


@pytest.mark.parametrize("name", list(HOSTILE))
def test_text_format_is_one_safe_line(name: str) -> None:
    for diagnostic in hostile_diagnostics(HOSTILE[name]):
        line = diagnostic.format()
        assert_safe(line)
        prefix = "warning: " if diagnostic.severity == "warning" else ""
        assert line == escaped(f"{diagnostic.path}:{diagnostic.line}: {prefix}{diagnostic.field}: {diagnostic.message}")


@pytest.mark.parametrize("name", list(HOSTILE))
def test_github_format_is_one_annotation_that_reads_back(name: str) -> None:
    for diagnostic in hostile_diagnostics(HOSTILE[name]):
        line = diagnostic.github()
        assert_safe(line)
        command, properties, data = parse_annotation(line)
        assert command == diagnostic.severity
        assert properties == {"file": escaped(diagnostic.path), "line": str(diagnostic.line)}
        assert data == escaped(f"{diagnostic.field}: {diagnostic.message}")


def test_escapes_are_shown_as_written() -> None:
    line = Diagnostic("content/a\nb\x1b.md", 2, "summary", "found 'x\r\u2028\u202ey'").format()
    assert line == r"content/a\nb\x1b.md:2: summary: found 'x\r\u2028\u202ey'"


def test_plain_text_is_unchanged() -> None:
    diagnostic = Diagnostic("content/café/ünï.md", 2, "title", "expected text; found « Ça va ? » 日本語 ✓")
    assert diagnostic.format() == "content/café/ünï.md:2: title: expected text; found « Ça va ? » 日本語 ✓"
    assert (
        diagnostic.github()
        == "::error file=content/café/ünï.md,line=2::title: expected text; found « Ça va ? » 日本語 ✓"
    )


def test_github_properties_escape_percent_colon_and_comma() -> None:
    line = Diagnostic("content/a,b:c%0A.md", 1, "file", "50% done, see: x").github()
    assert line == "::error file=content/a%2Cb%3Ac%250A.md,line=1::file: 50%25 done, see: x"


def test_check_github_format_from_hostile_file_names_and_values(tmp_path: Path) -> None:
    """Pages named with a newline, ESC or a byte that is not UTF-8, and a value with CR and a workflow command: one annotation per problem."""
    content = tmp_path / "content"
    shutil.copytree(FIXTURE_CONTENT, content)
    case = (content / "case-studies" / "fixture-cluster.md").read_text(encoding="utf-8")
    (content / "case-studies" / "bad\n::error file=x::owned.md").write_text(case, encoding="utf-8")
    (content / "case-studies" / "bad\x1b[2J\x1b[31mname.md").write_text(case, encoding="utf-8")
    (content / "case-studies" / os.fsdecode(b"not-utf-8-\xff.md")).write_text(case, encoding="utf-8")
    source = content / "sources" / "fixture-study.md"
    source.write_text(
        source.read_text().replace("year: 2020\n", 'year: 2020\nurl: "https://x.org/\\r::error file=x::owned"\n'),
        encoding="utf-8",
    )
    result = run_build_py("check", "--format", "github", "--content", "content", cwd=tmp_path)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    *annotations, summary, end = result.stdout.split("\n")
    counts = re.fullmatch(r"(\d+) errors? and (\d+) warnings? in \d+ files?", summary)
    assert counts and end == ""
    assert len(annotations) == int(counts[1]) + int(counts[2]) >= 4
    read = [parse_annotation(line) for line in annotations]
    assert all(
        command in ("error", "warning") and set(properties) == {"file", "line"} for command, properties, _ in read
    )
    files = {properties["file"] for _, properties, _ in read}
    assert {
        r"content/case-studies/bad\n::error file=x::owned.md",
        r"content/case-studies/bad\x1b[2J\x1b[31mname.md",
        r"content/case-studies/not-utf-8-\udcff.md",
        "content/sources/fixture-study.md",
    } <= files
    assert (
        r"url: expected a full web address starting with https://; found 'https://x.org/\r::error file=x::owned'"
        in {data for *_, data in read}
    )


# --- Class 9: slow input -------------------------------------------------------------------------

PAGE = 490_000
"""Characters in each pathological line: a page just under the size limit."""
PATHOLOGICAL = {
    "[": "[" * PAGE,
    "![": "![" * (PAGE // 2),
    "[]": "[]" * (PAGE // 2),
    "](": "](" * (PAGE // 2),
    "[](": "[](" * (PAGE // 3),
    "[]( then )": "[]( " * (PAGE // 4) + ")",
    "titles that never close": '[](a "' * (PAGE // 12) + "x" + " " * (PAGE // 2) + ")",
    "spaces in a link": "[a](" + " " * PAGE + "x y)",
    "backslashes": "[\\" * (PAGE // 2),
    "<a": "<a" * (PAGE // 2),
    "<a:": "<a:" * (PAGE // 3),
    "< then spaces": "<" + " " * PAGE + "1",
    "< and space": "< " * (PAGE // 2),
    "unclosed quote in a tag": '<div a="' + "x" * PAGE,
    "{": "{" * PAGE,
    "{ href=": '{ href="' * (PAGE // 8),
    "backticks": "x" + "`" * PAGE,
    "backtick and space": "` " * (PAGE // 2),
    "*": "*" * PAGE,
    "_": "_" * PAGE,
    "reference definition": "[a]: " + "x" * PAGE,
    "# then spaces": "#" + " " * PAGE + "x",
    "# and space": "# " + " #" * (PAGE // 2) + "x",
    "heading of [": "# " + "[" * PAGE,
    "heading of [](": "# " + "[](" * (PAGE // 3),
    "heading of {#": "# x " + "{#a " * (PAGE // 4) + "}",
    "heading of {": "# x " + "{" * PAGE + "}",
}
LIMIT_SECONDS = 2.0
"""Each line takes well under a second; the scanners they replace took minutes for a sixth of it."""


class TooSlow(Exception):
    pass


def within(seconds: float, work: Callable[[], T]) -> T:
    """The result of `work`, or TooSlow once `seconds` have passed (regular expressions stop for signals too)."""

    def interrupt(signum: int, frame: object) -> None:
        raise TooSlow(f"more than {seconds} s")

    previous = signal.signal(signal.SIGALRM, interrupt)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        return work()
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@pytest.mark.parametrize("name", list(PATHOLOGICAL))
def test_body_scanning_is_quick_on_pathological_lines(name: str) -> None:
    body = f"## What helped\n\n{PATHOLOGICAL[name]}\n\nText after [a link](x.md).\n"
    found = within(
        LIMIT_SECONDS, lambda: (headings(body, 40), links(body, 40), safety.check_body(body, 40, "content/x.md"))
    )
    assert found[0][0].line == 40 and found[1][-1] == Link("x.md", 44)


def test_check_is_quick_on_a_page_of_brackets_just_under_the_size_limit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    content = copy_fixture(
        tmp_path, {CASE: CASE_TEXT.replace("## What helped\n", "## What helped\n\n" + "[" * PAGE + "\n")}
    )
    monkeypatch.chdir(tmp_path)
    body_line = CASE_TEXT.split("\n").index("---", 1) + 2
    assert [d.format() for d in within(5 * LIMIT_SECONDS, lambda: kb.check(content)).diagnostics] == [
        f"content/{CASE}:{body_line}: body: expected at most {MAX_BRACKETS} square brackets '[' in a page (more make it very slow to build); found {PAGE + CASE_TEXT.split(chr(10) + '---' + chr(10), 1)[1].count('[')}"
    ]


def test_a_page_with_many_brackets_builds_in_reasonable_time() -> None:
    """The bracket limit keeps Python-Markdown's quadratic link patterns cheap on the largest page check allows."""
    text = "\n\n".join(["[" * 250] * 4)
    assert text.count("[") <= MAX_BRACKETS
    within(
        LIMIT_SECONDS,
        lambda: markdown.Markdown(
            extensions=["attr_list", "md_in_html", "footnotes", "abbr", "def_list", "tables"]
        ).convert(text),
    )


def test_a_page_over_the_limit_is_one_diagnostic(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    content = copy_fixture(
        tmp_path, {CASE: CASE_TEXT.replace("## What helped\n", "## What helped\n\n" + "[" * 1_000_000 + "\n")}
    )
    monkeypatch.chdir(tmp_path)
    lines = [d.format() for d in within(LIMIT_SECONDS, lambda: kb.check(content)).diagnostics]
    assert lines == [
        f"content/{CASE}:1: file: expected a page under 500 KB; found {math.ceil(len(CASE_TEXT) / 1000) + 1000} KB"
    ]


def copy_fixture(tmp_path: Path, changes: dict[str, str]) -> Path:
    """A copy of the fixture content with some pages replaced; returns its path relative to `tmp_path`."""
    shutil.copytree(FIXTURE_CONTENT, tmp_path / "content", dirs_exist_ok=True)
    for path, text in changes.items():
        (tmp_path / "content" / path).write_text(text, encoding="utf-8")
    return Path("content")


# The regular expressions the scanners replace, kept here as their specification on short lines.
OLD_LINK_RE = re.compile(r"!?\[(?:[^\]\\]|\\.)*\]\(\s*<?([^)\s>]*)>?(?:\s+[\"'][^)]*[\"'])?\s*\)")
OLD_HEADING_RE = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
OLD_ATTR_ID_RE = re.compile(r"\s*\{[^}]*#([\w-]+)[^}]*\}\s*$")
OLD_INLINE_MARKUP_RE = re.compile(r"[*_`]|\[([^\]]*)\]\([^)]*\)")
OLD_LINK_TARGET_RE = re.compile(
    r"\]\(\s*<?([^)>]*)|^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)|<((?:[a-zA-Z][a-zA-Z0-9+.-]*):[^>\s]*)>"
)
MARKDOWN_BITS = st.lists(
    st.sampled_from([*"[]()<>\\\"'#{}*_`: \tax-!/=\xa0\u2028é", "](", "<a:", "[x](", "{#"]), max_size=16
).map("".join)


@settings(max_examples=2000, derandomize=True, deadline=None)
@given(MARKDOWN_BITS)
def test_link_scanner_finds_what_the_regular_expression_found(text: str) -> None:
    assert inline_link_targets(text) == [m.group(1) for m in OLD_LINK_RE.finditer(text)]


@settings(max_examples=2000, derandomize=True, deadline=None)
@given(MARKDOWN_BITS)
def test_safety_link_scanner_finds_what_the_regular_expression_found(text: str) -> None:
    assert safety.link_targets(text) == [
        next((g for g in groups if g), "") for groups in OLD_LINK_TARGET_RE.findall(text)
    ]


@settings(max_examples=2000, derandomize=True, deadline=None)
@given(MARKDOWN_BITS)
def test_headings_read_as_the_regular_expressions_read_them(text: str) -> None:
    for line in (text, "# " + text, "## " + text + " {#a}", "#" + text):
        match = OLD_HEADING_RE.match(line)
        found = headings(line)
        assert len(found) == (1 if match else 0)
        if match:
            custom = OLD_ATTR_ID_RE.search(match.group(2))
            title = match.group(2)[: custom.start()] if custom else match.group(2)
            plain = OLD_INLINE_MARKUP_RE.sub(lambda m: m.group(1) or "", title)
            assert (found[0].level, found[0].text) == (len(match.group(1)), title.strip())
            assert found[0].anchor == unique(custom.group(1) if custom else slugify(plain, "-"), set())


# --- Class 9: lines counted as editors count them -----------------------------------------------

BREAKS = "\u2028\x85\u2029"
"""Characters YAML takes as line ends, and editors and git do not."""


def check_lines(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str) -> list[str]:
    return [line for line in check_copy(tmp_path, monkeypatch, {CASE: text}) if line.startswith(f"content/{CASE}:")]


def edit(text: str, *changes: tuple[str, str]) -> str:
    for old, new in changes:
        assert old in text, old
        text = text.replace(old, new, 1)
    return text


def test_line_separators_in_values_do_not_move_later_lines(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    text = edit(
        CASE_TEXT,
        ("title: A fixture cluster of three primaries", f'title: "A fixture{BREAKS}cluster"'),
        (
            "summary: Three primary schools reviewed each other.",
            'summary: "Three\u2028primary\x85schools reviewed\u2029each other."',
        ),
        ("community: urban", "community: city"),
        ("anonymised: true\n", "anonymised: true\ntitle: again\n"),
    )
    assert check_lines(tmp_path, monkeypatch, text) == [
        f"content/{CASE}:16: title: expected each key once; found 'title' again (first on line 3)"
    ]
    text = edit(text, ("anonymised: true\ntitle: again\n", "anonymised: true\n"))
    assert check_lines(tmp_path, monkeypatch, text) == [
        f"content/{CASE}:9: setting.community: expected a community, one of: urban, suburban, town, rural, coastal, mixed, not-stated; found 'city'",
    ]


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        pytest.param(
            [
                ("summary: Three primary schools reviewed each other.", f'summary: "Three{BREAKS * 3} primaries."'),
                ("  region: anonymised", "\tregion: anonymised"),
            ],
            "7: yaml: expected valid YAML; found a tab in the indentation (use spaces, not tabs, to indent)",
            id="a tab after line separators",
        ),
        pytest.param(
            [
                ("summary: Three primary schools reviewed each other.", 'summary: "Three\u2028primaries."'),
                ("context: Three", "context: \x0bThree"),
            ],
            "11: yaml: expected valid YAML; found the character '\\x0b', which YAML does not allow",
            id="a control character",
        ),
    ],
)
def test_yaml_errors_after_line_separators_are_found_on_their_own_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, changes: list[tuple[str, str]], expected: str
) -> None:
    assert check_lines(tmp_path, monkeypatch, edit(CASE_TEXT, *changes)) == [f"content/{CASE}:{expected}"]


def test_line_separators_in_the_body_do_not_move_headings_or_links(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = edit(
        CASE_TEXT,
        ("Leaders said trust grew.", f"Leaders{BREAKS}said trust grew."),
        ("- Trust, and the FC role.", "- Trust, and the [FC role](missing.md)."),
    )
    assert check_lines(tmp_path, monkeypatch, text) == [
        f"content/{CASE}:45: link: expected a link to an existing page; found 'missing.md', and there is no content/case-studies/missing.md",
    ]
    entry = kb.check(Path("content")).entries[CASE]
    assert [(h.text, h.line) for h in entry.headings] == [
        ("Context", 26),
        ("What they did", 30),
        ("What changed", 35),
        ("What got in the way", 39),
        ("What helped", 43),
        ("Lessons", 47),
        ("Questions for discussion", 51),
    ]


# --- Class 9: the glossary and Markdown's placeholders ------------------------------------------

PLACEHOLDER_WORDS = [
    "wzxhzdk",
    "klzzwxh",
    "hzzhzkh",
    "amp",
    "zz1337820767766393qq",
    "qq3936677670287331zz",
    "0",
    "1",
    "czjqqkd",
]
"""Words inside Python-Markdown's placeholders (and those of its extensions), and the numbers that follow them."""
PLACEHOLDER_GLOSSARY = Glossary(
    [
        Term(word, f"p{index}", f"concepts/p{index}.md", "A placeholder.", False)
        for index, word in enumerate(PLACEHOLDER_WORDS)
    ]
    + [
        Term(word.upper(), f"a{index}", f"concepts/a{index}.md", "An acronym.", True)
        for index, word in enumerate(PLACEHOLDER_WORDS)
    ]
    + [Term("JPD", "jpd", "concepts/jpd.md", "Improving practice together.", True)]
)
PAGE_WITH_HTML = """\
We use JPD with <kbd>Ctrl</kbd> and <span class="note">a note</span>, `code <b>` and AT&T &amp; co.[^1]

<div markdown="1">
A *block* with <abbr title="x">HTML</abbr> &copy; 0 1 amp.
</div>

| a | b |
|---|---|
| <span>cell</span> | `x` |

[^1]: A footnote with <sup>1</sup>.
"""
TERM_LINK_RE = re.compile(
    r'<a aria-describedby="kb-tip-(\w+)" class="kb-term" href="[^"]*">([^<]*)</a><span class="kb-tip" id="kb-tip-\1" role="tooltip">[^<]*</span>'
)


def render(text: str, glossary: Glossary | None) -> str:
    ext = GlossaryExtension()
    ext.glossary, ext.page_src, ext.page_slug = glossary, "case-studies/x.md", "x"
    return site_markdown(ext).convert(text)


def test_glossary_never_matches_inside_markdown_placeholders() -> None:
    plain = render(PAGE_WITH_HTML, None)
    linked = render(PAGE_WITH_HTML, PLACEHOLDER_GLOSSARY)
    assert [m.groups() for m in TERM_LINK_RE.finditer(linked)] == [
        ("jpd", "JPD"),
        ("p6", "0"),
        ("p7", "1"),
        ("p3", "amp"),
    ]
    assert TERM_LINK_RE.sub(r"\2", linked) == plain
    assert "wzxhzdk" not in linked and "\x02" not in linked and "<kbd>Ctrl</kbd>" in linked
