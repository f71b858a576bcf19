"""Odd input: every problem prints as one safe line, body scanning takes linear time, lines are counted as editors count them, and the glossary leaves Markdown's placeholders alone."""

from __future__ import annotations

import re
import shutil
import unicodedata
from pathlib import Path

import pytest

import kb
from conftest import FIXTURE_CONTENT, run_build_py
from kb.diagnostics import Diagnostic

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


def parse_annotation(line: str) -> tuple[str, dict[str, str], str]:
    """A workflow command read back as GitHub's runner reads it: (command, properties, data)."""
    assert line.startswith("::")
    end = line.index("::", 2)
    name, _, properties = line[2:end].partition(" ")
    unescape = [("%0D", "\r"), ("%0A", "\n"), ("%3A", ":"), ("%2C", ","), ("%25", "%")]
    found = {}
    for pair in properties.split(","):
        key, _, value = pair.partition("=")
        for token, char in unescape:
            value = value.replace(token, char)
        found[key] = value
    data = line[end + 2:]
    for token, char in (unescape[:2] + unescape[-1:]):
        data = data.replace(token, char)
    return name, found, data


def assert_safe(line: str) -> None:
    assert "\n" not in line and not UNSAFE.search(line), repr(line)
    assert len(line.split("\n")) == 1 and len(line.splitlines()) == 1


@pytest.mark.parametrize("name", list(HOSTILE))
def test_text_format_is_one_safe_line(name: str) -> None:
    for diagnostic in hostile_diagnostics(HOSTILE[name]):
        line = diagnostic.format()
        assert_safe(line)
        assert line.startswith(f"{diagnostic.path.split(HOSTILE[name])[0]}")
        assert line.endswith(diagnostic.message.split(HOSTILE[name])[-1])


@pytest.mark.parametrize("name", list(HOSTILE))
def test_github_format_is_one_annotation_that_reads_back(name: str) -> None:
    for diagnostic in hostile_diagnostics(HOSTILE[name]):
        line = diagnostic.github()
        assert_safe(line)
        command, properties, data = parse_annotation(line)
        assert command == diagnostic.severity
        assert properties == {"file": escaped(diagnostic.path), "line": str(diagnostic.line)}
        assert data == escaped(f"{diagnostic.field}: {diagnostic.message}")


def escaped(text: str) -> str:
    """What the reader should see: each unsafe character as its Python escape."""
    return "".join(repr(c)[1:-1] if unicodedata.category(c) in ("Cc", "Cf", "Cs", "Zl", "Zp") else c for c in text)


def test_escapes_are_shown_as_written() -> None:
    line = Diagnostic("content/a\nb\x1b.md", 2, "summary", "found 'x\r\u2028\u202ey'").format()
    assert line == r"content/a\nb\x1b.md:2: summary: found 'x\r\u2028\u202ey'"


def test_plain_text_is_unchanged() -> None:
    diagnostic = Diagnostic("content/café/ünï.md", 2, "title", "expected text; found « Ça va ? » 日本語 ✓")
    assert diagnostic.format() == "content/café/ünï.md:2: title: expected text; found « Ça va ? » 日本語 ✓"
    assert diagnostic.github() == "::error file=content/café/ünï.md,line=2::title: expected text; found « Ça va ? » 日本語 ✓"


def test_github_properties_escape_percent_colon_and_comma() -> None:
    line = Diagnostic("content/a,b:c%0A.md", 1, "file", "50% done, see: x").github()
    assert line == "::error file=content/a%2Cb%3Ac%250A.md,line=1::file: 50%25 done, see: x"


def test_check_github_format_from_hostile_file_names_and_values(tmp_path: Path) -> None:
    """A page named with a newline and ESC, and a value with CR and a workflow command: one annotation per problem."""
    content = tmp_path / "content"
    shutil.copytree(FIXTURE_CONTENT, content)
    case = (content / "case-studies" / "fixture-cluster.md").read_text(encoding="utf-8")
    (content / "case-studies" / "bad\n::error file=x::owned.md").write_text(case, encoding="utf-8")
    (content / "case-studies" / "bad\x1b[2J\x1b[31mname.md").write_text(case, encoding="utf-8")
    source = content / "sources" / "fixture-study.md"
    source.write_text(source.read_text().replace("year: 2020\n", 'year: 2020\nurl: "https://x.org/\\r::error file=x::owned"\n'), encoding="utf-8")
    result = run_build_py("check", "--format", "github", "--content", "content", cwd=tmp_path)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    *annotations, summary, end = result.stdout.split("\n")
    counts = re.fullmatch(r"(\d+) errors? and (\d+) warnings? in \d+ files?", summary)
    assert counts and end == ""
    assert len(annotations) == int(counts[1]) + int(counts[2]) >= 3
    read = [parse_annotation(line) for line in annotations]
    assert all(command in ("error", "warning") and set(properties) == {"file", "line"} for command, properties, _ in read)
    files = {properties["file"] for _, properties, _ in read}
    assert {r"content/case-studies/bad\n::error file=x::owned.md", r"content/case-studies/bad\x1b[2J\x1b[31mname.md", "content/sources/fixture-study.md"} <= files
    assert r"url: expected a full web address starting with https://; found 'https://x.org/\r::error file=x::owned'" in {data for *_, data in read}
