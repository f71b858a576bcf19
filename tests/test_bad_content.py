"""Every kind of bad content gives one exact line: file, line, field, what was expected, what was found."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import kb
from conftest import FIXTURE_CONTENT, check_copy
from kb.content.page_types import FOLDERS

CASE = "case-studies/fixture-cluster.md"
REC = "recommendations/fixture-keep-groups-small.md"
FRAMEWORK = "frameworks/fixture-maturity.md"
CASE_TEXT = (FIXTURE_CONTENT / CASE).read_text(encoding="utf-8")
REC_TEXT = (FIXTURE_CONTENT / REC).read_text(encoding="utf-8")
FRAMEWORK_TEXT = (FIXTURE_CONTENT / FRAMEWORK).read_text(encoding="utf-8")


def case(old: str, new: str) -> dict[str, str]:
    assert old in CASE_TEXT, old
    return {CASE: CASE_TEXT.replace(old, new, 1)}


def rec(old: str, new: str) -> dict[str, str]:
    assert old in REC_TEXT, old
    return {REC: REC_TEXT.replace(old, new, 1)}


def framework(old: str, new: str) -> dict[str, str]:
    assert old in FRAMEWORK_TEXT, old
    return {FRAMEWORK: FRAMEWORK_TEXT.replace(old, new, 1)}


C = "content/case-studies/fixture-cluster.md"
R = "content/recommendations/fixture-keep-groups-small.md"
F = "content/frameworks/fixture-maturity.md"

BAD = {
    "empty file": (
        {CASE: ""},
        [f"{C}:1: file: expected front matter between '---' lines; found an empty file"],
    ),
    "binary bytes": (
        {CASE: b"---\x00\x01\x02"},
        [f"{C}:1: file: expected a UTF-8 text file; found binary data (a NUL byte)"],
    ),
    "not UTF-8": (
        {CASE: CASE_TEXT.replace("Three primary", "Caf\u00e9 primary").encode("latin-1")},
        [f"{C}:4: file: expected UTF-8 text; found the byte 0xe9, which is not UTF-8 (save the file as UTF-8)"],
    ),
    "no opening line": (
        {CASE: CASE_TEXT.replace("---\n", "", 1)},
        [f"{C}:1: file: expected the first line to be '---' to open the front matter; found 'type: case-study'"],
    ),
    "unclosed front matter": (
        {CASE: CASE_TEXT.split("\n---\n")[0]},
        [f"{C}:1: file: expected a closing '---' line after the front matter; found none before the end of the file"],
    ),
    "front matter is a list": (
        {CASE: "---\n- a\n- b\n---\nbody\n"},
        [f"{C}:2: file: expected front matter to be a set of 'key: value' lines; found a list"],
    ),
    "front matter is plain text": (
        {CASE: "---\njust some words\n---\nbody\n"},
        [f"{C}:2: file: expected front matter to be a set of 'key: value' lines; found the text 'just some words'"],
    ),
    "empty front matter": (
        {CASE: "---\n---\nbody\n"},
        [f"{C}:2: file: expected front matter to be a set of 'key: value' lines; found nothing"],
    ),
    "duplicate key": (
        case("period: 2019 to 2020\n", "period: 2019 to 2020\nperiod: 2021\n"),
        [f"{C}:15: period: expected each key once; found 'period' again (first on line 14)"],
    ),
    "unquoted colon": (
        case("title: A fixture cluster of three primaries", "title: Peer review: a guide"),
        [
            f"{C}:3: yaml: expected valid YAML; found ': ' inside a value that is not in quotes (put the whole value in quotes)"
        ],
    ),
    "tab indentation": (
        case("  region: anonymised", "\tregion: anonymised"),
        [f"{C}:7: yaml: expected valid YAML; found a tab in the indentation (use spaces, not tabs, to indent)"],
    ),
    "yaml alias": (
        case("audience: [senior-leaders]", "audience: &a [senior-leaders]\nstage_copy: *a"),
        [f"{C}:18: stage_copy: expected plain values; found a YAML alias (*name), which is not allowed"],
    ),
    "yaml tag": (
        case("period: 2019 to 2020", "period: !!python/object:os.system echo"),
        [
            f"{C}:14: period: expected plain values; found the YAML tag 'tag:yaml.org,2002:python/object:os.system', which is not allowed"
        ],
    ),
    "yaml merge key": (
        case("setting:\n", "setting:\n  <<: {x: 1}\n"),
        [f"{C}:6: setting: expected plain keys; found a YAML merge key '<<', which is not allowed"],
    ),
    "a site page's hide value outside the list": (
        {"about-us.md": "---\ntitle: About us\nhide: [navigation, tok]\n---\nBody\n"},
        [
            "content/about-us.md:3: hide[1]: expected one of: navigation, toc, footer, path, tags, feedback; found 'tok' (did you mean 'toc'?)"
        ],
    ),
    "a heading twice": (
        case("## Lessons\n", "## Lessons\n\n### Start small\n\n### Start small\n"),
        [f"{C}:LINE2: body: expected each heading once; found 'Start small' again (first on line LINE1)"],
    ),
    "a heading the layout already shows": (
        case("## Lessons\n", "## The setting\n\nIn a city.\n\n## Lessons\n"),
        [
            f"{C}:LINE1: body: expected no heading the page's layout already shows; found '## The setting' (rename it to say what it adds)"
        ],
    ),
    "missing type": (
        case("type: case-study\n", ""),
        [f"{C}:2: type: expected 'case-study' (the type of pages in case-studies/); found nothing"],
    ),
    "type does not match folder": (
        case("type: case-study", "type: recommendation"),
        [f"{C}:2: type: expected 'case-study' (the type of pages in case-studies/); found 'recommendation'"],
    ),
    "unknown folder": (
        {"blog/post.md": CASE_TEXT},
        [
            f"content/blog/post.md:1: file: expected the page to be in the content folder or in one of: {', '.join(f + '/' for f in FOLDERS.values())}; found 'blog/'"
        ],
    ),
    "file name is not a slug": (
        {"case-studies/Fixture Cluster.md": CASE_TEXT},
        [
            "content/case-studies/Fixture Cluster.md:1: file name: expected lower-case words joined by hyphens, ending in .md (the slug); found 'Fixture Cluster.md'"
        ],
    ),
    "missing required field": (
        case("title: A fixture cluster of three primaries\n", ""),
        [f"{C}:2: title: expected a value for this required field; found none"],
    ),
    "required field left empty": (
        case("period: 2019 to 2020", "period:"),
        [f"{C}:14: period: expected a value for this required field; found none"],
    ),
    "misspelt field": (
        case("summary:", "sumary:"),
        [
            f"{C}:2: summary: expected a value for this required field; found none",
            f"{C}:4: sumary: expected a known field, one of: type, title, summary, aliases, theme, audience, related, sources, contributed_by, glossary_links, not_acronyms, setting, partnership_type, programmes, period, anonymised, stage, evidence_type, evidence_note, illustrates; found the unknown field 'sumary' (did you mean 'summary'?)",
        ],
    ),
    "phase not in vocabulary": (
        case("phase: [primary]", "phase: [primary, seconadry]"),
        [
            f"{C}:6: setting.phase[1]: expected a phase, one of: early-years, primary, secondary, special, alternative-provision, all-through, not-stated; found 'seconadry' (did you mean 'secondary'?)"
        ],
    ),
    "region not in vocabulary": (
        case("region: anonymised", "region: Birmingham"),
        [
            f"{C}:7: setting.region: expected a region, one of: north-east, north-west, yorkshire-and-the-humber, east-midlands, west-midlands, east-of-england, london, south-east, south-west, england, anonymised; found 'Birmingham'"
        ],
    ),
    "number in words": (
        case("schools_involved: 3", "schools_involved: three"),
        [f"{C}:10: setting.schools_involved: expected a whole number; found 'three'"],
    ),
    "boolean as a word": (
        case("anonymised: true", "anonymised: partly"),
        [f"{C}:15: anonymised: expected true or false; found 'partly'"],
    ),
    "list given as text": (
        case("theme: [peer-review, trust-and-culture]", "theme: peer-review"),
        [f"{C}:16: theme: expected a list (lines starting with '- ', or [a, b]); found 'peer-review'"],
    ),
    "mapping given as text": (
        case(
            "setting:\n  phase: [primary]\n  region: anonymised\n  locality: a large city\n  community: urban\n  schools_involved: 3\n  context: Three two-form-entry primaries.\n",
            "setting: primary\n",
        ),
        [f"{C}:5: setting: expected a set of 'key: value' lines; found 'primary'"],
    ),
    "empty required list": (
        case("evidence_type: [interviews]", "evidence_type: []"),
        [f"{C}:19: evidence_type: expected at least 1 item(s); found 0"],
    ),
    "summary too long": (
        case("summary: Three primary schools reviewed each other.", "summary: " + " ".join(["word"] * 60)),
        [f"{C}:4: summary: expected a plain summary of at most 45 words; found 60 words"],
    ),
    "statement of two sentences": (
        rec(
            "statement: Keep peer review groups to about three schools.", "statement: Keep groups small. Review often."
        ),
        [f"{R}:5: statement: expected one sentence; found 2 sentences"],
    ),
    "impossible year": (
        {
            "sources/fixture-study.md": (FIXTURE_CONTENT / "sources/fixture-study.md")
            .read_text()
            .replace("year: 2020", "year: 2019-02-30")
        },
        ["content/sources/fixture-study.md:6: year: expected a whole number; found '2019-02-30'"],
    ),
    "reference is not a slug": (
        case("programmes: [fixture-programme]", "programmes: [Fixture Programme]"),
        [
            f"{C}:13: programmes[0]: expected a slug in lower-case words joined by hyphens (like 'peer-review'); found 'Fixture Programme'"
        ],
    ),
    "missing referenced page": (
        case("programmes: [fixture-programme]", "programmes: [no-such-programme]"),
        [
            f"{C}:13: programmes[0]: expected the slug of an existing programme page; found 'no-such-programme', which no page has"
        ],
    ),
    "reference to a page of the wrong type": (
        case("illustrates: [fixture-keep-groups-small]", "illustrates: [fixture-champion]"),
        [
            f"{C}:21: illustrates[0]: expected the slug of a recommendation page; found 'fixture-champion', which is a concept page"
        ],
    ),
    "source missing": (
        case('source: fixture-study, locator: "§5.1, p. 30"', 'source: fixture-studdy, locator: "§5.1, p. 30"'),
        [
            f"{C}:23: sources[0].source: expected the slug of an existing source page; found 'fixture-studdy', which no page has"
        ],
    ),
    "no sources": (
        case('sources:\n  - {source: fixture-study, locator: "§5.1, p. 30"}\n', ""),
        [
            f"{C}:2: sources: expected at least one source with a locator (or contributed_by for a practitioner's contribution); found none"
        ],
    ),
    "locator missing": (
        case('{source: fixture-study, locator: "§5.1, p. 30"}', "{source: fixture-study}"),
        [f"{C}:23: sources[0].locator: expected a value for this required field; found none"],
    ),
    "stance missing on a recommendation": (
        rec("stance: supports, ", ""),
        [
            f"{R}:10: evidence_level: expected at most 'practice-based' by the evidence rule (0 independent supporting sources, 0 with a comparison group or a large sample); found 'emerging'",
            f"{R}:14: sources[0].stance: expected the source's stance on a recommendation (supports, qualifies or contradicts); found none",
        ],
    ),
    "duplicate slug across folders": (
        {"recommendations/fixture-cluster.md": REC_TEXT},
        [
            "content/recommendations/fixture-cluster.md:1: file name: expected a slug unique across the knowledge base; found 'fixture-cluster', also used by content/case-studies/fixture-cluster.md"
        ],
    ),
    "alias equal to a slug": (
        case("anonymised: true", "anonymised: true\naliases: [fixture-study]"),
        [
            f"{C}:16: aliases[0]: expected an old slug no page uses now; found 'fixture-study', the slug of content/sources/fixture-study.md"
        ],
    ),
    "alias used twice": (
        {
            **case("anonymised: true", "anonymised: true\naliases: [old-name]"),
            **rec("evidence_level: emerging", "evidence_level: emerging\naliases: [old-name]"),
        },
        [
            f"{R}:11: aliases[0]: expected an alias unique across the knowledge base; found 'old-name', also an alias of {C}"
        ],
    ),
    "link to a missing page": (
        case("../recommendations/fixture-keep-groups-small.md#how-to-do-it", "../recommendations/gone.md"),
        [
            f"{C}:28: link: expected a link to an existing page; found '../recommendations/gone.md', and there is no content/recommendations/gone.md"
        ],
    ),
    "link to a missing anchor": (
        case("#how-to-do-it", "#what-not-to-do"),
        [f"{C}:28: link: expected an anchor that exists on {R}; found '#what-not-to-do', which no heading there has"],
    ),
    "missing body section": (
        case("## Lessons\n", "## Learning\n"),
        [
            f"{C}:25: body: expected a '## Lessons' section (a case-study has: Context, What they did, What changed, What got in the way, What helped, Lessons, Questions for discussion); found none"
        ],
    ),
    "level descriptor missing": (
        framework(
            "levels: {beginning: Polite visits., embedding: Honest challenge.}", "levels: {beginning: Polite visits.}"
        ),
        [
            f"{F}:25: dimensions[0].strands[1].levels: expected a descriptor for every level (beginning, embedding), as other strands have; found none for embedding"
        ],
    ),
    "level descriptor for an unknown level": (
        framework("embedding: Honest challenge.}", "embedding: Honest challenge., expert: Too far.}"),
        [
            f"{F}:25: dimensions[0].strands[1].levels.expert: expected one of the scale's level ids: beginning, embedding; found 'expert'"
        ],
    ),
    "evidence level above what the sources allow": (
        rec("evidence_level: emerging", "evidence_level: strong"),
        [
            f"{R}:10: evidence_level: expected at most 'emerging' by the evidence rule (1 independent supporting source, 0 with a comparison group or a large sample); found 'strong'"
        ],
    ),
    "acronym with no concept page": (
        case("## What helped\n", "## What helped\n\nThe LLE helped.\n"),
        [
            f"{C}:45: warning: glossary: expected a concept page defining the acronym 'LLE' (its `acronym:` field); found none"
        ],
    ),
    "template placeholder left in": (
        case("period: 2019 to 2020", 'period: "FILL IN: when it happened"'),
        [
            f"{C}:14: period: expected your own text in place of the template's placeholder; found 'FILL IN: when it happened'"
        ],
    ),
}


@pytest.mark.parametrize("name", list(BAD))
def test_bad_content_gives_exact_line(name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    changes, expected = BAD[name]
    text = next(iter(changes.values()))
    if isinstance(text, str) and "LINE1" in expected[0]:  # rows whose line depends on where the change lands
        marker = "### Start small" if "twice" in name else "## The setting"
        lines = text.split("\n")
        at = [n + 1 for n, line in enumerate(lines) if line == marker]
        expected = [e.replace("LINE1", str(at[0])).replace("LINE2", str(at[-1])) for e in expected]
    assert check_copy(tmp_path, monkeypatch, changes) == expected


@pytest.mark.parametrize("value", ["[A fixture cluster", "`fixture", "'A fixture' cluster", "@fixture"])
def test_other_invalid_yaml_is_one_line_at_the_page(
    value: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Mistakes we have no words of our own for keep the YAML library's reason, on one line of ours."""
    [line] = check_copy(tmp_path, monkeypatch, case("title: A fixture cluster of three primaries", f"title: {value}"))
    path, number, rest = line.split(":", 2)
    assert (path, rest.startswith(" yaml: expected valid YAML; found ")) == (C, True) and 3 <= int(number) <= 50


def test_fixture_content_is_valid(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert check_copy(tmp_path, monkeypatch, {}) == []


def test_all_problems_are_reported_at_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    changes = {**case("phase: [primary]", "phase: [primery]"), **rec("stance: supports, ", ""), "blog/x.md": "x"}
    found = check_copy(tmp_path, monkeypatch, changes)
    assert [line.split(":")[0] for line in found] == ["content/blog/x.md", C, R, R]


def test_unreadable_file_is_a_clear_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    content = tmp_path / "content"
    shutil.copytree(FIXTURE_CONTENT, content)
    real_read = Path.read_bytes

    def read_bytes(path: Path) -> bytes:
        if path.name == "fixture-champion.md":
            raise PermissionError(13, "Permission denied")
        return real_read(path)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    monkeypatch.chdir(tmp_path)
    lines = [d.format() for d in kb.check(Path("content")).diagnostics]
    assert (
        "content/concepts/fixture-champion.md:1: file: expected a readable file; found an error reading it (Permission denied)"
        in lines
    )
