"""The self-evaluation tool in headless Debian chromium: rate, persist, export, import a group, keyboard, axe."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from browser import axe_violations, browser, local_tab, serve

URL = "frameworks/fixture-maturity/"


@pytest.fixture(scope="module")
def site(built_fixture_site: Path):
    with serve(built_fixture_site) as base, browser() as chromium:
        yield chromium, base


@pytest.fixture
def page(site):
    chromium, base = site
    tab = local_tab(chromium, base, accept_downloads=True, bypass_csp=True)  # lets axe-core be injected
    tab.goto(base + URL)
    yield tab
    tab.context.close()


def strand(page, name: str):
    return page.get_by_role("group", name=name, exact=True)


def test_ratings_persist_after_reload(page) -> None:
    strand(page, "Openness").get_by_label("Embedding").check()
    page.get_by_label("Note on openness (your evidence)").fill("We share data each term.")
    assert page.get_by_role("status").filter(has_text="strands rated").inner_text() == "1 of 2 strands rated"
    page.reload()
    assert strand(page, "Openness").get_by_label("Embedding").is_checked()
    assert page.get_by_label("Note on openness (your evidence)").input_value() == "We share data each term."
    assert page.get_by_role("status").filter(has_text="strands rated").inner_text() == "1 of 2 strands rated"


def test_summary_and_what_next_link_lowest_strand_to_help(page) -> None:
    strand(page, "Openness").get_by_label("Beginning").check()
    strand(page, "Challenge").get_by_label("Embedding").check()
    # Two different middle ratings: the typical level names both, never the lower one alone.
    assert page.locator("#kb-summary-body tr").first.inner_text().split("\t") == [
        "Trust",
        "2 of 2",
        "Between Beginning and Embedding",
        "Beginning to Embedding",
        "Openness (Beginning)",
    ]
    strand(page, "Challenge").get_by_label("Beginning").check()
    assert page.locator("#kb-summary-body tr").first.inner_text().split("\t")[2:4] == ["Beginning", "All Beginning"]
    what_next = page.locator("#kb-next")
    assert what_next.get_by_role("heading").all_inner_texts() == ["Recommendations", "Case studies"]
    recommendations, case_studies = what_next.get_by_role("list").all()
    assert [" ".join(text.split()) for text in recommendations.get_by_role("listitem").all_inner_texts()] == [
        "Keep fixture groups small Emerging evidence for Openness"
    ]
    assert case_studies.get_by_role("link").all_inner_texts() == ["A fixture cluster of three primaries"]
    assert "No page is linked to Challenge yet" in what_next.inner_text()


def test_export_json_and_csv(page) -> None:
    page.get_by_label("Your name (optional, shown in exports)").fill("Sam")
    strand(page, "Challenge").get_by_label("Beginning").check()
    with page.expect_download() as download:
        page.get_by_role("button", name="Export my ratings (JSON)").click()
    data = json.loads(Path(download.value.path()).read_text())
    assert data["format"] == "kb-self-evaluation" and data["framework"] == "fixture-maturity" and data["name"] == "Sam"
    assert len(data["version"]) == 10 and len(data["date"]) == 10
    assert data["ratings"] == {"challenge": {"level": "beginning", "note": ""}}
    assert download.value.suggested_filename.startswith("fixture-maturity-sam-")
    with page.expect_download() as download:
        page.get_by_role("button", name="Export my ratings (CSV)").click()
    lines = Path(download.value.path()).read_text().splitlines()
    assert lines[0] == "framework,version,kind,name,date,dimension,strand_id,strand,level_id,level,note"
    assert lines[2].startswith(f"fixture-maturity,{data['version']},individual,Sam,") and lines[2].endswith(
        ",Trust,challenge,Challenge,beginning,Beginning,"
    )


def rating_file(tmp_path: Path, page, name: str, openness: str, challenge: str, csv: bool = False) -> str:
    version = json.loads(page.locator("#kb-selfeval-data").text_content())["version"]
    if csv:
        path = tmp_path / f"{name}.csv"
        rows = ["framework,version,kind,name,date,dimension,strand_id,strand,level_id,level,note"]
        rows += [
            f"fixture-maturity,{version},individual,{name},2026-11-24,Trust,openness,Openness,{openness},,",
            f'fixture-maturity,{version},individual,{name},2026-11-24,Trust,challenge,Challenge,{challenge},,"a note, with a comma"',
        ]
        path.write_text("\n".join(rows) + "\n")
    else:
        path = tmp_path / f"{name}.json"
        path.write_text(
            json.dumps(
                {
                    "format": "kb-self-evaluation",
                    "format_version": 1,
                    "framework": "fixture-maturity",
                    "version": version,
                    "kind": "individual",
                    "name": name,
                    "date": "2026-11-24",
                    "ratings": {
                        "openness": {"level": openness, "note": ""},
                        "challenge": {"level": challenge, "note": ""},
                    },
                }
            )
        )
    return str(path)


def test_group_view_from_three_files_then_agreed_rating(page, tmp_path: Path) -> None:
    files = [
        rating_file(tmp_path, page, "Ana", "beginning", "embedding"),
        rating_file(tmp_path, page, "Ben", "beginning", "beginning"),
        rating_file(tmp_path, page, "Cy", "beginning", "embedding", csv=True),
    ]
    page.get_by_label("Import rating files (JSON or CSV; choose several)").set_input_files(files)
    page.wait_for_selector("#kb-group:not([hidden])")
    assert "3 people in the group view" in page.locator("#kb-import-status").inner_text()
    headers = page.locator("#kb-group-head th").all_inner_texts()
    assert headers == ["Strand", "Ana", "Ben", "Cy", "Range", "Spread (levels apart)", "Agreed rating"]
    rows = [row.split("\t") for row in page.locator("#kb-group-body tr").all_inner_texts()]
    assert [r[:6] for r in rows] == [
        ["Challenge", "Embedding", "Beginning", "Embedding", "Beginning to Embedding", "1"],
        ["Openness", "Beginning", "Beginning", "Beginning", "Beginning", "0"],
    ]
    page.get_by_label("Agreed rating for Challenge").select_option("embedding")
    page.get_by_label("Agreed rating for Openness").select_option("beginning")
    with page.expect_download() as download:
        page.get_by_role("button", name="Export the agreed rating (JSON)").click()
    agreed = json.loads(Path(download.value.path()).read_text())
    assert agreed["kind"] == "agreed"
    assert agreed["ratings"] == {
        "challenge": {"level": "embedding", "note": ""},
        "openness": {"level": "beginning", "note": ""},
    }


def test_files_from_another_version_keep_only_matching_ratings(page, tmp_path: Path) -> None:
    path = tmp_path / "old.json"
    path.write_text(
        json.dumps(
            {
                "format": "kb-self-evaluation",
                "framework": "fixture-maturity",
                "version": "0000000000",
                "kind": "individual",
                "name": "Old",
                "date": "2025-01-01",
                "ratings": {
                    "openness": {"level": "embedding", "note": ""},
                    "removed-strand": {"level": "beginning", "note": ""},
                    "challenge": {"level": "no-such-level", "note": ""},
                },
            }
        )
    )
    page.get_by_label("Import rating files (JSON or CSV; choose several)").set_input_files([str(path)])
    page.wait_for_selector("#kb-group:not([hidden])")
    assert (
        "earlier version of this framework; 2 ratings no longer match and were left out"
        in page.locator("#kb-import-status").inner_text()
    )
    rows = [row.split("\t")[:2] for row in page.locator("#kb-group-body tr").all_inner_texts()]
    assert sorted(rows) == [["Challenge", "–"], ["Openness", "Embedding"]]


def test_saved_ratings_of_another_structure_are_not_misread(page) -> None:
    key_prefix = "kb-selfeval:fixture-maturity:"
    page.evaluate(
        f"localStorage.setItem('{key_prefix}0000000000', JSON.stringify({{name: 'x', ratings: {{openness: {{level: 'embedding', note: 'old'}}}}}}))"
    )
    page.evaluate(
        "() => { const k = Object.keys(localStorage).find(k => k.startsWith('kb-selfeval:fixture-maturity:') && !k.endsWith('0000000000')); if (k) localStorage.removeItem(k); }"
    )
    page.reload()
    assert not strand(page, "Openness").get_by_label("Embedding").is_checked()
    assert page.get_by_role("status").filter(has_text="strands rated").inner_text() == "0 of 2 strands rated"


def test_complete_the_tool_with_the_keyboard_only(page) -> None:
    page.get_by_label("Your name (optional, shown in exports)").focus()
    page.keyboard.type("Kim")
    page.keyboard.press("Tab")  # into the first strand's radio group
    page.keyboard.press("Space")  # choose its first level
    page.keyboard.press("ArrowRight")  # move to the next level
    page.keyboard.press("Tab")  # to the note
    page.keyboard.type("Termly data swap.")
    page.keyboard.press("Tab")  # the next strand's radio group
    page.keyboard.press("Space")
    assert strand(page, "Openness").get_by_label("Embedding").is_checked()
    assert strand(page, "Challenge").get_by_label("Beginning").is_checked()
    assert page.get_by_label("Note on openness (your evidence)").input_value() == "Termly data swap."
    assert page.get_by_role("status").filter(has_text="strands rated").inner_text() == "2 of 2 strands rated"


def test_print_record_shows_ratings_notes_date_and_address(page) -> None:
    strand(page, "Openness").get_by_label("Embedding").check()
    page.get_by_label("Note on openness (your evidence)").fill("Shared data.")
    page.evaluate("window.print = () => {}")
    page.get_by_role("button", name="Print my ratings").click()
    assert page.evaluate("document.documentElement.getAttribute('data-kb-print')") == "record"
    page.emulate_media(media="print")
    assert page.locator("#kb-record").is_visible()
    assert not page.locator("#kb-rating-form").is_visible()
    assert not page.locator(".kb-matrix").is_visible()
    meta = page.locator("#kb-record-meta").inner_text()
    assert meta.startswith("My ratings, 20") and meta.endswith("/frameworks/fixture-maturity/")
    assert page.locator("#kb-record-body tr").first.inner_text().split("\t") == [
        "Trust",
        "Openness",
        "Embedding",
        "Shared data.",
    ]


def test_no_serious_accessibility_issue_while_in_use(page) -> None:
    strand(page, "Openness").get_by_label("Embedding").check()
    assert axe_violations(page) == []


def test_matrix_prints_on_landscape_a4(page) -> None:
    page.emulate_media(media="print")
    pdf = page.pdf(prefer_css_page_size=True)
    sizes = [
        tuple(round(float(v)) for v in box.split()[2:])
        for box in __import__("re").findall(rb"/MediaBox \[([\d. ]+)\]", pdf)
        and [m.decode() for m in __import__("re").findall(rb"/MediaBox \[([\d. ]+)\]", pdf)]
    ]
    assert (842, 595) in sizes, sizes
