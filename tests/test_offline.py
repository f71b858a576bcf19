"""The offline copy opens from the file system, with search, finders and links working, and no other host."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from browser import browser
from conftest import make_site, run_build_py


@pytest.fixture(scope="module")
def offline_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = make_site(tmp_path_factory.mktemp("offline") / "project").parent
    result = run_build_py(
        "build", "--offline", "--config", str(project / "mkdocs.yml"), "--site-dir", str(project / "site-offline")
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Offline copy: open" in result.stdout
    return project / "site-offline"


@pytest.fixture
def page(offline_site: Path):
    requests: list[str] = []
    with browser() as chromium:
        tab = chromium.new_page()
        tab.on("request", lambda request: requests.append(request.url))
        tab.requests = requests
        yield tab
    assert [url for url in requests if not url.startswith(("file://", "data:", "blob:", "about:"))] == []


def test_zip_holds_the_whole_site(offline_site: Path) -> None:
    names = set(zipfile.ZipFile(offline_site.with_suffix(".zip")).namelist())
    assert {"index.html", "case-studies/fixture-cluster.html", "search/search_index.js"} <= names
    # No browser editor: it needs a web server and GitHub (or the local backend).
    assert not any(name.startswith("admin/") for name in names)
    assert "in the browser" not in (offline_site / "case-studies" / "fixture-cluster.html").read_text(encoding="utf-8")


def test_search_works_from_the_file_system(page, offline_site: Path) -> None:
    page.goto((offline_site / "index.html").as_uri())
    page.locator("input.md-search__input").click()
    page.keyboard.type("FC")
    page.wait_for_selector(".md-search-result__item")
    first = page.locator(".md-search-result__item > a.md-search-result__link").first.get_attribute("href")
    assert first.split("?")[0].endswith("concepts/fixture-champion.html")


def test_links_and_finder_work_from_the_file_system(page, offline_site: Path) -> None:
    page.goto((offline_site / "case-studies" / "fixture-cluster.html").as_uri())
    page.locator(".kb-facets").get_by_role("link", name="Primary").click()
    page.wait_for_load_state()
    assert page.url.endswith("case-studies/index.html?phase=primary")
    assert len(page.locator(".kb-cards > li.kb-card:visible").all()) == 2
    page.get_by_role("link", name="A primary trust of five schools").click()
    page.wait_for_load_state()
    assert page.url.endswith("case-studies/fixture-primary-trust.html")


def test_short_address_works_from_the_file_system(page, offline_site: Path) -> None:
    page.goto((offline_site / "fixture-cluster.html").as_uri())
    page.wait_for_url("**/case-studies/fixture-cluster.html")
