"""The fixture knowledge base built end to end, and the atomic build."""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import re
import subprocess
from pathlib import Path

from conftest import FIXTURE_CONTENT, build_command, git, run_build_py

CASE = "case-studies/fixture-cluster/index.html"


def read(site: Path, path: str) -> str:
    """A built page without its print-only link addresses (tested in test_trainers)."""
    return re.sub(r' data-print-url="[^"]*"', "", (site / path).read_text(encoding="utf-8"))


def test_every_page_is_built_with_its_type_layout(built_fixture_site: Path) -> None:
    """Each page names its kind above its title (GOV.UK's caption), linking to its finder."""
    from kb.content.page_types import TYPES

    for page in sorted(FIXTURE_CONTENT.glob("*/*.md")):
        kind = next(t for t in TYPES.values() if t.folder == page.parent.name)
        html = read(built_fixture_site, f"{kind.folder}/{page.stem}/index.html")
        caption = f'<p class="kb-caption"><a href="../" data-pagefind-filter="Kind of page">{kind.label}</a></p>\n<h1'
        assert caption in html, page


def test_case_study_shows_summary_facets_and_citations(built_fixture_site: Path) -> None:
    html = read(built_fixture_site, CASE)
    assert '<meta name="description" content="Three primary schools reviewed each other.">' in html
    assert '<p class="kb-summary">Three primary schools reviewed each other.</p>' in html
    assert (
        '<a class="kb-facet" href="../?phase=primary" data-facet="phase" data-value="primary" data-pagefind-filter="Phase">Primary</a>'
        in html
    )
    assert (
        '<a class="kb-facet" href="../?theme=trust-and-culture" data-facet="theme" data-value="trust-and-culture" data-pagefind-filter="Theme">Trust and culture</a>'
        in html
    )
    assert (
        '<a href="../../sources/fixture-study/">Fixture (2020): a study of peer review</a> <span class="kb-locator">(§5.1, p. 30)</span>'
        in html
    )
    assert "<h1" in html and "A fixture cluster of three primaries" in html


def test_front_matter_never_leaks_into_the_page(built_fixture_site: Path) -> None:
    html = read(built_fixture_site, CASE)
    assert "partnership_type:" not in html and "evidence_note:" not in html


def test_recommendation_citation_shows_stance(built_fixture_site: Path) -> None:
    html = read(built_fixture_site, "recommendations/fixture-keep-groups-small/index.html")
    assert '<h3 id="kb-supports">Supported by</h3>' in html
    assert (
        'Fixture (2020): a study of peer review</a> <span class="kb-locator">(§4.2, p. 20)</span><br><span class="kb-link-summary">survey of 10 leaders</span>'
        in html
    )


def test_no_third_party_requests(built_fixture_site: Path) -> None:
    for page in built_fixture_site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert "fonts.googleapis.com" not in html and "fonts.gstatic.com" not in html, page


def test_vocabulary_file_is_not_published(built_fixture_site: Path) -> None:
    assert not (built_fixture_site / "vocabulary.yml").exists()


def digest(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_failed_check_leaves_last_good_site_untouched(site_project: Path) -> None:
    config, site = str(site_project / "mkdocs.yml"), str(site_project / "site")
    assert run_build_py("build", "--config", config, "--site-dir", site).returncode == 0
    before = digest(site_project / "site")
    page = site_project / "content" / "case-studies" / "fixture-cluster.md"
    page.write_text(page.read_text().replace("region: anonymised", "region: atlantis"))
    result = run_build_py("build", "--config", config, "--site-dir", site)
    assert result.returncode == 1
    assert "setting.region: expected a region" in result.stdout
    assert "The last good site is unchanged." in result.stdout
    assert digest(site_project / "site") == before


def test_failed_mkdocs_build_leaves_last_good_site_untouched(site_project: Path) -> None:
    config, site = str(site_project / "mkdocs.yml"), str(site_project / "site")
    assert run_build_py("build", "--config", config, "--site-dir", site).returncode == 0
    before = digest(site_project / "site")
    layout = site_project / "theme_overrides" / "kb" / "case-study.html"
    layout.write_text(layout.read_text() + "{% if %}")  # the content passes check; the broken layout fails MkDocs
    result = run_build_py("build", "--config", config, "--site-dir", site)
    assert result.returncode == 1
    assert "case-study.html" in result.stderr and "Traceback" not in result.stderr
    assert "The last good site is unchanged." in result.stderr
    assert digest(site_project / "site") == before
    assert [p.name for p in site_project.iterdir() if p.name.startswith(".site-")] == []


def test_successful_build_replaces_the_site(site_project: Path) -> None:
    config, site = str(site_project / "mkdocs.yml"), str(site_project / "site")
    assert run_build_py("build", "--config", config, "--site-dir", site).returncode == 0
    page = site_project / "content" / "case-studies" / "fixture-cluster.md"
    page.write_text(
        page.read_text().replace("Three primary schools reviewed each other.", "Three primaries reviewed one another.")
    )
    assert run_build_py("build", "--config", config, "--site-dir", site).returncode == 0
    assert "Three primaries reviewed one another." in read(site_project / "site", CASE)


def test_last_changed_date_comes_from_git_history(site_project: Path) -> None:
    git(site_project, "init", "-q")
    git(site_project, "add", "-A")
    git(site_project, "commit", "-qm", "first", when="2026-03-12T10:00:00")
    page = site_project / "content" / "case-studies" / "fixture-cluster.md"
    page.write_text(page.read_text() + "\nMore.\n")
    git(site_project, "commit", "-qam", "second", when="2026-09-01T10:00:00")
    assert (
        run_build_py(
            "build", "--config", str(site_project / "mkdocs.yml"), "--site-dir", str(site_project / "site")
        ).returncode
        == 0
    )
    site = site_project / "site"
    assert 'Last changed on <time datetime="2026-09-01">1 September 2026</time>' in read(site, CASE)
    assert 'Last changed on <time datetime="2026-03-12">12 March 2026</time>' in read(
        site, "sources/fixture-study/index.html"
    )


def test_builds_without_git_history_and_shows_no_date(built_fixture_site: Path) -> None:
    assert "Last changed on" not in read(built_fixture_site, CASE)


def test_two_builds_with_the_same_source_date_epoch_are_byte_identical(site_project: Path) -> None:
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1767225600"}
    sites = []
    for name in ("one", "two"):
        result = subprocess.run(
            build_command(site_project, site_project / name),
            capture_output=True,
            text=True,
            env=env,
            timeout=600,
        )
        assert result.returncode == 0, result.stdout + result.stderr
        sites.append(digest(site_project / name))
    # Pagefind's filter and word indexes come out in hash-map order (Pagefind/pagefind#638): every
    # other file, its page fragments included, must be identical.
    unstable = ("pagefind/filter/", "pagefind/index/", "pagefind/pagefind-entry.json", "pagefind/pagefind.en_")
    stable = [{path: h for path, h in site.items() if not path.startswith(unstable)} for site in sites]
    assert stable[0] == stable[1]
    assert len(stable[0]) > 50 and any(path.startswith("pagefind/fragment/") for path in stable[0])


def test_sitemap_does_not_stamp_pages_with_the_build_date(built_fixture_site: Path) -> None:
    sitemap = (built_fixture_site / "sitemap.xml").read_text()
    assert "<loc>https://school-partnerships.example.org/case-studies/fixture-cluster/</loc>" in sitemap
    assert "<lastmod>" not in sitemap


def searched_text(site: Path) -> dict[str, str]:
    """What search holds of each page, by its address: the text of every Pagefind fragment."""
    texts = {}
    for fragment in site.glob("pagefind*/fragment/*.pf_fragment"):
        data = gzip.decompress(fragment.read_bytes())
        entry = json.loads(data[data.index(b"{") :])
        texts[entry["url"]] = entry["content"]
    return texts


def test_search_holds_a_pages_own_words_not_those_every_page_repeats(site_project: Path) -> None:
    """A search for 'print', 'published' or 'short address' finds the pages about them, not every page."""
    case = site_project / "content" / "case-studies" / "fixture-cluster.md"
    case.write_text(case.read_text().replace("sources:", 'contributed_by: "The Fixture Partnership"\nsources:', 1))
    site = site_project / "site"
    result = run_build_py("build", "--config", str(site_project / "mkdocs.yml"), "--site-dir", str(site))
    assert result.returncode == 0, result.stdout + result.stderr
    texts = searched_text(site)
    page = texts["/case-studies/fixture-cluster/"]
    assert "Three primary schools reviewed each other." in page and "Shared by The Fixture Partnership." in page
    html = (site / "case-studies" / "fixture-cluster" / "index.html").read_text()
    assert "Short address:" in html and "Print the full page" in html and "Published by" in html
    for repeated in ("Short address", "Print the full page", "short handout", "Published by"):
        assert not [url for url, text in texts.items() if repeated in text], repeated
