"""Open data (#27): the JSON API and its schemas, JSON-LD, link previews, the Atom feed, What's new and "Cite this page"."""

from __future__ import annotations

import json
import re
import shutil
import xml.etree.ElementTree as ET
from datetime import datetime
from html.parser import HTMLParser
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator, FormatChecker
from pybtex.database import parse_string

import kb
from browser import axe_violations, browser, serve
from conftest import FIXTURE_CONTENT, ROOT, git, make_site, run_build_py
from kb.content.page_types import FOLDERS, TYPES
from kb.output import schema_export
from kb.views import citation, feed
from kb.views.history import Dates
from kb.views.open_data import Site, script_json

ATOM = "{http://www.w3.org/2005/Atom}"
SITE_URL = "https://school-partnerships.example.org/"
CASE = "case-studies/fixture-cluster"
NEW_PAGE = "concepts/fixture-peer"
HOSTILE_TITLE = 'Peers & "friends" }, publisher = {pwned} 100% \\ ~ ^ # _ $\nTY  - JOUR'
HOSTILE_SUMMARY = 'It\'s "quoted" & split\nER  - \n@misc{x, title={y}}'
LATEX = {
    r"\textbackslash{}": "\\",
    r"\textbraceleft{}": "{",
    r"\textbraceright{}": "}",
    r"\textasciitilde{}": "~",
    r"\textasciicircum{}": "^",
    r"\%": "%",
    r"\&": "&",
    r"\#": "#",
    r"\_": "_",
    r"\$": "$",
}
"""LaTeX's own spellings of the characters BibTeX cannot hold as they are."""


def one_line(text: str) -> str:
    return " ".join(text.split())


def from_latex(text: str) -> str:
    return re.sub("|".join(re.escape(k) for k in LATEX), lambda m: LATEX[m.group(0)], text)


class Head(HTMLParser):
    """The open data of a page's <head>: its meta tags, alternate links and JSON-LD blocks."""

    def __init__(self) -> None:
        super().__init__()
        self.meta: dict[str, list[str]] = {}
        self.links: list[dict[str, str | None]] = []
        self.json_ld: list[str] = []
        self._in_ld = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "meta" and (a.get("property") or a.get("name")):
            self.meta.setdefault(a.get("property") or a.get("name") or "", []).append(a.get("content") or "")
        elif tag == "link" and a.get("rel") == "alternate":
            self.links.append(a)
        elif tag == "script" and a.get("type") == "application/ld+json":
            self._in_ld = True
            self.json_ld.append("")

    def handle_endtag(self, tag: str) -> None:
        self._in_ld &= tag != "script"

    def handle_data(self, data: str) -> None:
        if self._in_ld:
            self.json_ld[-1] += data


def head(site: Path, path: str) -> Head:
    parser = Head()
    parser.feed((site / path).read_text(encoding="utf-8"))
    return parser


def pages(site: Path) -> list[Path]:
    """Every page the build rendered with our theme (not redirect pages, not the editor)."""
    return [
        p
        for p in sorted(site.rglob("*.html"))
        if "Redirecting..." not in p.read_text(encoding="utf-8") and "admin" not in p.parts and p.name != "404.html"
    ]


@pytest.fixture(scope="module")
def history_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture site in git: everything added in March, the case study changed (with hostile values) in
    September, a new glossary page added in October; built once."""
    project = make_site(tmp_path_factory.mktemp("history") / "project").parent
    git(project, "init", "-q", when="2026-03-12T10:00:00+00:00")
    git(project, "add", "-A", when="2026-03-12T10:00:00+00:00")
    git(project, "commit", "-qm", "first", when="2026-03-12T10:00:00+00:00")
    case = project / "content" / f"{CASE}.md"
    text = case.read_text()
    text = text.replace("title: A fixture cluster of three primaries", f"title: {json.dumps(HOSTILE_TITLE)}")
    case.write_text(
        text.replace("summary: Three primary schools reviewed each other.", f"summary: {json.dumps(HOSTILE_SUMMARY)}")
    )
    git(project, "commit", "-qam", "second", when="2026-09-01T10:00:00+00:00")
    concept = (FIXTURE_CONTENT / "concepts" / "fixture-champion.md").read_text()
    concept = concept.replace("title: Fixture champion", "title: Fixture peer").replace(
        "term: Fixture champion", "term: Fixture peer"
    )
    (project / "content" / f"{NEW_PAGE}.md").write_text(
        concept.replace("acronym: FC\n", "").replace("summary: A made-up role", "summary: A new made-up role")
    )
    git(project, "add", "-A", when="2026-10-05T09:30:00+00:00")
    git(project, "commit", "-qm", "third", when="2026-10-05T09:30:00+00:00")
    result = run_build_py("build", "--config", str(project / "mkdocs.yml"), "--site-dir", str(project / "site"))
    assert result.returncode == 0, result.stdout + result.stderr
    return project / "site"


# The API: every page, one file per type, the vocabulary, each valid against its schema.


def api_files(site: Path) -> dict[str, Path]:
    """Every data file of the API with its schema, by path inside api/v1/."""
    folder = site / "api" / "v1"
    return {
        p.relative_to(folder).as_posix(): p.with_name(p.name.replace(".json", ".schema.json"))
        for p in sorted(folder.rglob("*.json"))
        if not p.name.endswith(".schema.json")
    }


@pytest.mark.parametrize("name", ["built_fixture_site", "history_site"])
def test_api_files_validate_against_their_schemas(name: str, request: pytest.FixtureRequest) -> None:
    site = request.getfixturevalue(name)
    files = api_files(site)
    assert set(files) == {"pages.json", "vocabulary.json", *(f"types/{t}.json" for t in TYPES)}
    for path, schema_path in files.items():
        schema = json.loads(schema_path.read_text())
        Draft202012Validator.check_schema(schema)
        errors = list(
            Draft202012Validator(schema, format_checker=FormatChecker()).iter_errors(
                json.loads((site / "api" / "v1" / path).read_text())
            )
        )
        assert errors == [], f"{path}: {errors[0].message if errors else ''}"


def test_the_schemas_refuse_what_they_do_not_describe(built_fixture_site: Path) -> None:
    """A validation that could not fail proves nothing: a misspelt key, a missing field and a wrong type are refused."""
    folder = built_fixture_site / "api" / "v1"
    validator = Draft202012Validator(json.loads((folder / "types" / "case-study.schema.json").read_text()))
    good = json.loads((folder / "types" / "case-study.json").read_text())
    assert validator.is_valid(good)
    for spoil in (
        lambda d: d["pages"][0].update(titel="x"),
        lambda d: d["pages"][0].pop("url"),
        lambda d: d["pages"][0]["fields"].update(anonymised="yes"),
        lambda d: d["pages"][0]["fields"]["setting"].update(schools_involved="three"),
        lambda d: d.update(api_version="2"),
    ):
        bad = json.loads(json.dumps(good))
        spoil(bad)
        assert not validator.is_valid(bad)


def test_the_site_serves_the_committed_schemas_and_they_are_current(built_fixture_site: Path) -> None:
    written = schema_export.api_schemas()
    for name, text in written.items():
        committed = (ROOT / "schema" / "api" / "v1" / name).read_text()
        assert committed == text, f"schema/api/v1/{name} is out of date: run python build.py schema"
        assert (built_fixture_site / "api" / "v1" / name).read_text() == text
    assert {
        p.relative_to(ROOT / "schema" / "api" / "v1").as_posix()
        for p in (ROOT / "schema" / "api" / "v1").rglob("*.json")
    } == set(written)


def test_pages_json_lists_every_page_and_each_type_file_its_pages(built_fixture_site: Path) -> None:
    loaded = kb.check(FIXTURE_CONTENT)
    listed = json.loads((built_fixture_site / "api" / "v1" / "pages.json").read_text())["pages"]
    assert sorted((p["slug"], p["type"]) for p in listed) == sorted((e.slug, e.type) for e in loaded.entries.values())
    for name in TYPES:
        data = json.loads((built_fixture_site / "api" / "v1" / "types" / f"{name}.json").read_text())
        assert sorted(p["slug"] for p in data["pages"]) == sorted(e.slug for e in loaded.of_type(name)), name
        assert all(p["fields"]["type"] == name and p["type"] == name for p in data["pages"])
    vocabulary = json.loads((built_fixture_site / "api" / "v1" / "vocabulary.json").read_text())
    assert [f["name"] for f in vocabulary["facets"]] == list(loaded.vocabulary)


def test_a_record_gives_labels_locators_evidence_and_addresses(built_fixture_site: Path) -> None:
    listed = json.loads((built_fixture_site / "api" / "v1" / "pages.json").read_text())
    by_slug = {p["slug"]: p for p in listed["pages"]}
    rec = by_slug["fixture-keep-groups-small"]
    loaded = kb.check(FIXTURE_CONTENT)
    page = loaded.by_slug["fixture-keep-groups-small"].page
    level = loaded.vocabulary["evidence_level"]
    assert rec["evidence_level"]["value"] == page.evidence_level
    assert rec["evidence_level"]["label"] == level.label_of(page.evidence_level)
    assert [(s["slug"], s["locator"], s["stance"]["value"]) for s in rec["sources"]] == [
        (c.source, c.locator, c.stance) for c in page.sources
    ]
    assert rec["url"] == SITE_URL + "recommendations/fixture-keep-groups-small/"
    assert rec["short_url"] == SITE_URL + "fixture-keep-groups-small/"
    case = by_slug["fixture-cluster"]
    assert {"name": "phase", "label": "Phase", "values": [{"value": "primary", "label": "Primary"}]} in case["facets"]
    assert case["evidence_level"] is None and case["last_changed"] is None  # no history in this copy
    assert case["cite"]["bibtex"] == SITE_URL + "case-studies/fixture-cluster.bib"
    assert by_slug["index"]["type"] == "page" and by_slug["index"]["cite"] is None


def test_the_api_dates_pages_from_history(history_site: Path) -> None:
    by_slug = {p["slug"]: p for p in json.loads((history_site / "api" / "v1" / "pages.json").read_text())["pages"]}
    assert (by_slug["fixture-cluster"]["added"], by_slug["fixture-cluster"]["last_changed"]) == (
        "2026-03-12",
        "2026-09-01",
    )
    assert (by_slug["fixture-peer"]["added"], by_slug["fixture-peer"]["last_changed"]) == ("2026-10-05", "2026-10-05")
    assert by_slug["fixture-cluster"]["title"] == HOSTILE_TITLE  # JSON carries the value exactly


# schema.org JSON-LD and link previews in every page's head.


def test_every_page_has_one_json_ld_block_that_parses(built_fixture_site: Path) -> None:
    found = pages(built_fixture_site)
    assert len(found) > len(list(FIXTURE_CONTENT.rglob("*.md")))
    for page in found:
        [block] = head(built_fixture_site, str(page.relative_to(built_fixture_site))).json_ld
        data = json.loads(block)
        assert data["@context"] == "https://schema.org" and data["name"] and data["url"].startswith(SITE_URL), page


@pytest.mark.parametrize(
    ("path", "kind"),
    [
        ("case-studies/fixture-cluster/index.html", "Article"),
        ("recommendations/fixture-keep-groups-small/index.html", "Article"),
        ("guides/fixture-peer-review-guide/index.html", "Article"),
        ("frameworks/fixture-maturity/index.html", "LearningResource"),
        ("concepts/fixture-champion/index.html", "DefinedTerm"),
        ("packs/fixture-workshop/index.html", "HowTo"),
        ("sources/fixture-study/index.html", "WebPage"),
        ("index.html", "WebSite"),
        ("case-studies/index.html", "CollectionPage"),
    ],
)
def test_json_ld_says_what_each_page_is(built_fixture_site: Path, path: str, kind: str) -> None:
    [block] = head(built_fixture_site, path).json_ld
    assert json.loads(block)["@type"] == kind


def test_json_ld_of_a_source_a_term_and_a_workshop(built_fixture_site: Path) -> None:
    def ld(path: str) -> dict:
        return json.loads(head(built_fixture_site, path).json_ld[0])

    document = ld("sources/fixture-study/index.html")["mainEntity"]
    assert (document["@type"], document["name"], document["datePublished"]) == (
        "Thesis",
        "A study of peer review in test schools",
        "2020",
    )
    assert document["author"] == [{"@type": "Person", "name": "Fixture, A."}]
    term = ld("concepts/fixture-champion/index.html")
    assert (term["name"], term["termCode"], term["inDefinedTermSet"]["url"]) == (
        "Fixture champion",
        "FC",
        SITE_URL + "concepts/",
    )
    workshop = ld("packs/fixture-workshop/index.html")
    assert [step["position"] for step in workshop["step"]] == [1, 2, 3] and workshop["totalTime"] == "PT90M"
    assert workshop["step"][0]["url"] == SITE_URL + "case-studies/fixture-cluster/"


def test_every_page_has_link_preview_tags_and_the_feed(built_fixture_site: Path) -> None:
    for page in pages(built_fixture_site):
        tags = head(built_fixture_site, str(page.relative_to(built_fixture_site)))
        for name in (
            "og:title",
            "og:description",
            "og:url",
            "og:site_name",
            "og:image",
            "twitter:card",
            "twitter:title",
        ):
            assert len(tags.meta.get(name, [])) == 1 and tags.meta[name][0], (page, name)
        feeds = [link for link in tags.links if link.get("type") == "application/atom+xml"]
        assert (
            len(feeds) == 1
            and (page.parent / str(feeds[0]["href"])).resolve() == (built_fixture_site / "feed.xml").resolve()
        ), page
    case = head(built_fixture_site, f"{CASE}/index.html").meta
    assert case["og:title"] == ["A fixture cluster of three primaries"]
    assert case["og:description"] == ["Three primary schools reviewed each other."]
    assert case["og:url"] == [SITE_URL + "case-studies/fixture-cluster/"]
    assert (built_fixture_site / case["og:image"][0].removeprefix(SITE_URL)).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_hostile_values_stay_data_in_the_head(history_site: Path) -> None:
    tags = head(history_site, f"{CASE}/index.html")
    assert tags.meta["og:title"] == [one_line(HOSTILE_TITLE)] and tags.meta["twitter:title"] == [
        one_line(HOSTILE_TITLE)
    ]
    assert tags.meta["og:description"] == [one_line(HOSTILE_SUMMARY)]
    [block] = tags.json_ld
    assert json.loads(block)["name"] == HOSTILE_TITLE and json.loads(block)["description"] == HOSTILE_SUMMARY


@pytest.mark.parametrize(
    "value", ["</script><script>alert(1)</script>", "</SCRIPT >", "<!--<script>", "a & b > c", "\"'\n\u2028"]
)
def test_json_ld_text_cannot_close_its_block(value: str) -> None:
    text = script_json({"name": value})
    assert not re.search(r"[<>&]", text) and json.loads(text) == {"name": value}


# What's new: the Atom feed and the page, from git history.


def test_the_feed_is_atom_with_the_latest_changes_first(history_site: Path) -> None:
    root = ET.parse(history_site / "feed.xml").getroot()
    assert root.tag == f"{ATOM}feed"
    entries = root.findall(f"{ATOM}entry")
    loaded = kb.check(FIXTURE_CONTENT)
    assert len(entries) == min(len(loaded.entries) + 1, feed.LATEST)  # every page in the history, and the new one
    first, second = entries[0], entries[1]
    assert first.findtext(f"{ATOM}id") == SITE_URL + "concepts/fixture-peer/"
    assert first.findtext(f"{ATOM}updated") == first.findtext(f"{ATOM}published") == "2026-10-05T09:30:00+00:00"
    assert first.findtext(f"{ATOM}summary") == "A new made-up role used only by the tests."
    assert second.findtext(f"{ATOM}title") == one_line(HOSTILE_TITLE)
    assert (second.findtext(f"{ATOM}published"), second.findtext(f"{ATOM}updated")) == (
        "2026-03-12T10:00:00+00:00",
        "2026-09-01T10:00:00+00:00",
    )
    assert root.findtext(f"{ATOM}updated") == "2026-10-05T09:30:00+00:00"
    updated = [datetime.fromisoformat(e.findtext(f"{ATOM}updated") or "") for e in entries]
    assert updated == sorted(updated, reverse=True)
    assert all(e.find(f"{ATOM}link").get("href") == e.findtext(f"{ATOM}id") for e in entries)


def test_a_copy_without_history_has_a_valid_empty_feed(built_fixture_site: Path) -> None:
    root = ET.parse(built_fixture_site / "feed.xml").getroot()
    assert root.findall(f"{ATOM}entry") == [] and root.findtext(f"{ATOM}updated") == feed.NO_HISTORY
    assert "without its history" in (built_fixture_site / "whats-new" / "index.html").read_text()


def test_the_feed_holds_characters_xml_cannot() -> None:
    loaded = kb.check(FIXTURE_CONTENT)
    entry = loaded.entries[f"{CASE}.md"]
    entry.page = entry.page.model_copy(update={"title": "Bell \x07 and \x0c form feed", "summary": "Null \x00 here"})
    history = {
        f"{CASE}.md": Dates(
            datetime.fromisoformat("2026-01-02T03:04:05+00:00"), datetime.fromisoformat("2026-01-02T03:04:05+00:00")
        )
    }
    root = ET.fromstring(feed.atom(loaded, Site("KB", SITE_URL), history).encode())
    [item] = root.findall(f"{ATOM}entry")
    assert (item.findtext(f"{ATOM}title"), item.findtext(f"{ATOM}summary")) == ("Bell and form feed", "Null here")


def test_whats_new_lists_the_latest_changes(history_site: Path) -> None:
    html = re.sub(r' data-print-url="[^"]*"', "", (history_site / "whats-new" / "index.html").read_text())
    items = re.findall(
        r'<h2 class="kb-card__title"><a href="([^"]+)">(.*?)</a></h2>\s*<p class="kb-card__labels">(New|Updated) on <time datetime="([\d-]+)">',
        html,
        re.S,
    )
    assert items[:2] == [
        ("../concepts/fixture-peer/", "Fixture peer", "New", "2026-10-05"),
        (
            "../case-studies/fixture-cluster/",
            "Peers &amp; &#34;friends&#34; }, publisher = {pwned} 100% \\ ~ ^ # _ $\nTY  - JOUR",
            "Updated",
            "2026-09-01",
        ),
    ]
    assert len(items) == min(len(kb.check(FIXTURE_CONTENT).entries) + 1, feed.LATEST)
    assert 'href="../feed.xml"' in html


# Cite this page: APA, BibTeX and RIS.


def test_a_case_study_shows_cite_this_page_with_its_date_and_address(history_site: Path) -> None:
    html = (history_site / CASE / "index.html").read_text()
    assert '<h2 id="kb-cite">Cite this page</h2>' in html
    [reference] = re.findall(r'<p class="kb-cite__reference" id="kb-cite-text-fixture-cluster">(.*?)</p>', html, re.S)
    text = re.sub(r"<[^>]+>", "", reference)
    assert text.startswith("School Partnerships Knowledge Base. (2026, September 1). Peers &amp; &#34;friends&#34;")
    assert text.endswith(f"[Case study]. {SITE_URL}case-studies/fixture-cluster/")
    assert html.index('id="kb-cite"') < html.index('id="kb-help-title"')
    for ext in ("bib", "ris"):
        assert f'href="../fixture-cluster.{ext}" download="fixture-cluster.{ext}"' in html
        assert (history_site / f"{CASE}.{ext}").is_file()


def test_the_bibtex_parses_with_every_value_intact(history_site: Path) -> None:
    data = parse_string((history_site / f"{CASE}.bib").read_text(), "bibtex")
    [(key, entry)] = data.entries.items()
    assert (key, entry.type) == ("fixture-cluster", "misc")
    assert set(entry.fields) == {"title", "howpublished", "year", "month", "url"}  # nothing injected by the title
    assert from_latex(entry.fields["title"]) == "{" + one_line(HOSTILE_TITLE) + "}"
    assert (entry.fields["year"], entry.fields["month"]) == ("2026", "September")
    assert entry.fields["url"] == SITE_URL + "case-studies/fixture-cluster/"
    assert [str(p) for p in entry.persons["author"]] == ["{School Partnerships Knowledge Base}"]


def ris_tags(text: str) -> list[tuple[str, str]]:
    """The (tag, value) lines of one RIS record; every line must be a tag line."""
    lines = text.split("\r\n")
    assert lines[-1] == ""
    tags = [re.fullmatch(r"([A-Z][A-Z0-9])  - (.*)", line) for line in lines[:-1]]
    assert all(tags), text
    return [(m.group(1), m.group(2)) for m in tags if m]


def test_the_ris_has_the_right_tags_on_one_line_each(history_site: Path) -> None:
    tags = ris_tags((history_site / f"{CASE}.ris").read_bytes().decode())
    assert tags[0] == ("TY", "ELEC") and tags[-1] == ("ER", "")
    assert [t for t, _ in tags].count("TY") == 1 and [t for t, _ in tags].count(
        "ER"
    ) == 1  # the values started no record
    assert dict(tags)["TI"] == one_line(HOSTILE_TITLE) and dict(tags)["AB"] == one_line(HOSTILE_SUMMARY)
    assert (dict(tags)["PY"], dict(tags)["DA"], dict(tags)["UR"]) == (
        "2026",
        "2026/09/01",
        SITE_URL + "case-studies/fixture-cluster/",
    )


def test_a_source_page_cites_the_original_document_too(built_fixture_site: Path) -> None:
    html = (built_fixture_site / "sources" / "fixture-study" / "index.html").read_text()
    assert "Cite the original document" in html
    assert "Fixture, A. (2020). <i>A study of peer review in test schools</i> [EdD thesis, Test University]." in html
    data = parse_string((built_fixture_site / "sources" / "fixture-study.document.bib").read_text(), "bibtex")
    [entry] = data.entries.values()
    assert entry.type == "phdthesis" and entry.fields["year"] == "2020" and entry.fields["school"] == "Test University"
    assert [str(p) for p in entry.persons["author"]] == ["Fixture, A."]
    tags = ris_tags((built_fixture_site / "sources" / "fixture-study.document.ris").read_bytes().decode())
    assert (
        ("TY", "THES") in tags
        and ("AU", "Fixture, A.") in tags
        and ("PY", "2020") in tags
        and ("PB", "Test University") in tags
    )


def test_every_page_of_a_type_has_its_citation_files(built_fixture_site: Path) -> None:
    loaded = kb.check(FIXTURE_CONTENT)
    for entry in loaded.typed():
        html = (built_fixture_site / FOLDERS[entry.type] / entry.slug / "index.html").read_text()
        assert '<h2 id="kb-cite">Cite this page</h2>' in html, entry.slug
        assert (
            len(parse_string((built_fixture_site / f"{citation.file_stem(entry)}.bib").read_text(), "bibtex").entries)
            == 1
        )


@pytest.mark.parametrize(
    ("authors", "apa", "bib"),
    [
        (["Fixture, A."], "Fixture, A. (2020).", "Fixture, A."),
        (["Fixture, A.", "Other, B."], "Fixture, A., & Other, B. (2020).", "Fixture, A. and Other, B."),
        (["Education Development Trust"], "Education Development Trust. (2020).", "{Education Development Trust}"),
        (["Smith and Sons, A."], "Smith and Sons, A. (2020).", "{Smith and Sons, A.}"),
    ],
)
def test_authors_in_apa_and_bibtex(authors: list[str], apa: str, bib: str) -> None:
    work = citation.Work(
        key="k", kind="thesis", authors=tuple(authors), title="T", description="PhD thesis", publisher="U", year=2020
    )
    assert citation.apa(work)["lead"] == apa
    assert f"  author = {{{bib}}}," in citation.bibtex(work)


# The offline copy, reproducible builds and reserved names.


def test_the_offline_copy_links_its_citation_files_and_feed(tmp_path: Path) -> None:
    project = make_site(tmp_path / "project").parent
    result = run_build_py(
        "build", "--offline", "--config", str(project / "mkdocs.yml"), "--site-dir", str(project / "site-offline")
    )
    assert result.returncode == 0, result.stdout + result.stderr
    site = project / "site-offline"
    page = site / "case-studies" / "fixture-cluster.html"
    html = page.read_text()
    hrefs = re.findall(r'href="([^"]+\.(?:bib|ris|xml))"', html)
    assert len(hrefs) == 3 and all((page.parent / href).is_file() for href in hrefs)


def test_two_builds_of_one_history_write_identical_open_data(history_site: Path, tmp_path: Path) -> None:
    again = tmp_path / "site"
    result = run_build_py("build", "--config", str(history_site.parent / "mkdocs.yml"), "--site-dir", str(again))
    assert result.returncode == 0, result.stdout + result.stderr
    open_files = [
        p.relative_to(history_site)
        for p in history_site.rglob("*")
        if p.suffix in (".json", ".xml", ".bib", ".ris") and "pagefind" not in p.parts  # Pagefind#638
    ]
    assert len(open_files) > 40
    assert all((history_site / p).read_bytes() == (again / p).read_bytes() for p in open_files)


@pytest.mark.parametrize("name", ["api", "feed", "whats-new"])
def test_no_page_takes_an_open_data_address(name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    content = tmp_path / "content"
    shutil.copytree(FIXTURE_CONTENT, content)
    (content / "case-studies" / "fixture-cluster.md").rename(content / "case-studies" / f"{name}.md")
    monkeypatch.chdir(tmp_path)
    errors = [d.format() for d in kb.check(Path("content")).errors]
    assert any(
        e.startswith(f"content/case-studies/{name}.md:1: file name: expected a slug that is not a reserved address")
        for e in errors
    ), errors


# In chromium: the cite block at desktop and phone sizes, the copy button, and axe.


@pytest.mark.browser
@pytest.mark.parametrize("size", [(1280, 900), (390, 844)])
def test_cite_block_in_chromium(history_site: Path, size: tuple[int, int]) -> None:
    with serve(history_site) as base, browser() as chromium:
        context = chromium.new_context(viewport={"width": size[0], "height": size[1]}, bypass_csp=True)
        context.grant_permissions(["clipboard-read", "clipboard-write"])
        page = context.new_page()
        for path in (f"{CASE}/", "sources/fixture-study/", "whats-new/"):
            page.goto(base + path)
            page.wait_for_load_state("networkidle")
            assert axe_violations(page) == [], path
            assert page.evaluate("document.documentElement.scrollWidth") <= size[0], path
        page.goto(base + f"{CASE}/")
        block = page.locator(".kb-cite")
        button = block.get_by_role("button", name="Copy the reference")
        button.click()
        copied = page.evaluate("navigator.clipboard.readText()")
        assert copied.startswith('School Partnerships Knowledge Base. (2026, September 1). Peers & "friends"')
        assert copied.endswith("[Case study]. " + SITE_URL + "case-studies/fixture-cluster/")
        assert (
            block.get_by_role("link", name="BibTeX file of this page").get_attribute("download")
            == "fixture-cluster.bib"
        )
        with page.expect_download() as download:
            block.get_by_role("link", name="RIS file of this page").click()
        assert download.value.suggested_filename == "fixture-cluster.ris"
        context.close()
