"""The self-evaluation tool in a room, in headless Debian chromium at 1024x768 (a projector).

The framework is a copy of the Hargreaves maturity model (3 dimensions, 12 strands, 4 levels, 7 strands
without level statements) in the fixture site: present it, rate, count hands, reload, gather three
participants' codes, print a blank form and the record, with axe and the keyboard.
"""

from __future__ import annotations

import io
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader

from browser import axe_violations, browser, serve, site_tab
from conftest import ROOT, make_site, run_build_py

URL = "frameworks/room-maturity/"
PROJECTOR = {"width": 1024, "height": 768}
STRANDS = 12
DISCUSSION = 7
A4_LANDSCAPE = (842, 595)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory):
    project = make_site(tmp_path_factory.mktemp("room") / "project").parent
    shutil.copy(ROOT / "tests" / "fixtures_room" / "room-maturity.md", project / "content" / "frameworks")
    result = run_build_py("build", "--config", str(project / "mkdocs.yml"), "--site-dir", str(project / "site"))
    assert result.returncode == 0, result.stdout + result.stderr
    with serve(project / "site") as base, browser() as chromium:
        yield chromium, base


def new_page(site, viewport: dict[str, int] = PROJECTOR):
    page = site_tab(site, viewport=viewport, accept_downloads=True, bypass_csp=True)  # lets axe-core in
    page.goto(page.base + URL)
    return page


@pytest.fixture
def page(site):
    page = new_page(site)
    yield page
    page.context.close()


def present(page):
    page.get_by_role("button", name="Present to a room", exact=True).click()
    room = page.get_by_role("dialog")
    assert room.is_visible()
    return room


def row(room, strand: str):
    return room.get_by_role("group", name=strand, exact=True)


def hands(room, strand: str, counts: list[int]) -> None:
    for level, n in zip(("Beginning", "Developing", "Embedding", "Leading"), counts, strict=True):
        row(room, strand).get_by_role("spinbutton", name=f"Hands for {level}").fill(str(n))


def choose(page, strand: str, level: str) -> None:
    """Rate a strand in the tool for one person."""
    page.locator(".kb-strand").filter(has=page.get_by_text(strand, exact=True)).get_by_label(
        re.compile(rf"^\s*{level}")
    ).check()


def pdf_of(page) -> PdfReader:
    page.emulate_media(media="print")
    pdf = PdfReader(io.BytesIO(page.pdf(prefer_css_page_size=True)))
    page.emulate_media(media="screen")
    return pdf


def test_the_button_and_links_are_at_the_top(page) -> None:
    button = page.get_by_role("button", name="Present to a room", exact=True)
    assert button.bounding_box()["y"] + button.bounding_box()["height"] <= PROJECTOR["height"]
    links = page.get_by_role("navigation", name="Use this framework").get_by_role("link")
    assert links.all_inner_texts() == ["The framework", "Rate your partnership", "Blank rating form"]
    for link in links.all():
        target = link.get_attribute("href")
        assert page.locator(target).count() == 1
        assert page.locator(f"{target} h2, h2{target}").first.get_attribute("id"), target


def test_the_whole_model_is_within_two_screens(page) -> None:
    room = present(page)
    body = room.locator("#kb-room-body")
    rows = room.locator("[data-room-strand]")
    assert rows.count() == STRANDS

    def fully_visible() -> set[str]:
        return set(
            page.evaluate(
                """() => { const body = document.getElementById('kb-room-body').getBoundingClientRect();
                  return [...document.querySelectorAll('[data-room-strand]')].filter(r => {
                    const b = r.getBoundingClientRect(); return b.top >= body.top - 1 && b.bottom <= body.bottom + 1; })
                  .map(r => r.dataset.roomStrand); }"""
            )
        )

    first = fully_visible()
    body.evaluate("b => b.scrollBy(0, b.clientHeight)")
    second = fully_visible()
    print(f"first screen: {len(first)} of {STRANDS} strands; second: {len(second)}; together {len(first | second)}")
    assert len(first) >= 5 and len(first | second) == STRANDS
    # Nothing of the page (Material's "Back to top" button included) lies over the grid.
    cell = row(room, "Alliance architecture").get_by_label(re.compile("^Leading"))
    cell.scroll_into_view_if_needed()
    box = cell.bounding_box()
    inside = page.evaluate(
        "([x, y]) => document.getElementById('kb-room').contains(document.elementFromPoint(x, y))",
        [box["x"] + box["width"] / 2, box["y"] + box["height"] / 2],
    )
    assert inside and not page.locator(".md-top").is_visible()


def test_discussion_only_strands_have_one_prompt_not_four_filler_cells(page) -> None:
    filler = "The thesis does not give level statements for this strand."
    matrix = page.locator(".kb-matrix__table")
    assert matrix.locator("td.kb-matrix__discussion[colspan='4']").count() == DISCUSSION
    assert matrix.inner_text().count(filler) == DISCUSSION
    assert page.locator(".kb-rating-form").get_by_role("radio").count() == (STRANDS - DISCUSSION) * 4
    room = present(page)
    assert row(room, "Fit governance").get_by_role("radio").count() == 0
    assert "Are our decision-making and governance arrangements fit" in row(room, "Fit governance").inner_text()
    assert room.get_by_role("radio").count() == (STRANDS - DISCUSSION) * 4


def test_rate_count_hands_and_note_in_the_room_then_reload(page) -> None:
    room = present(page)
    row(room, "Joint practice development").get_by_label(re.compile("^Developing")).check()
    row(room, "High social capital").get_by_label(re.compile("^Embedding")).check()
    row(room, "Alliance architecture").get_by_label(re.compile("^Beginning")).check()
    hands(room, "Joint practice development", [2, 5, 1, 0])
    hands(room, "High social capital", [0, 3, 3, 2])
    hands(room, "Evaluation and challenge", [4, 0, 0, 1])
    room.get_by_role("button", name="Note on Fit governance").click()
    page.keyboard.type("Governance reviewed in May.")
    status = room.get_by_role("status").first
    assert status.inner_text() == "3 of 5 strands agreed · hands counted for 3 · 0 codes added"
    assert row(room, "Evaluation and challenge").inner_text().count("5 people: spread 3 levels") == 1
    assert "Discuss first: Evaluation and challenge (3), Joint practice development (2), High social capital (2)" in (
        room.locator("#kb-room-summary").inner_text()
    )
    room.get_by_role("button", name="Widest spread first").click()
    order = room.locator("[data-room-strand]").evaluate_all("rows => rows.map(r => r.dataset.roomStrand)")
    assert order[:3] == ["evaluation-and-challenge", "joint-practice-development", "high-social-capital"]

    page.reload()
    room = page.get_by_role("dialog")
    assert room.is_visible()  # the room view comes back after a reload
    assert row(room, "Joint practice development").get_by_label(re.compile("^Developing")).is_checked()
    assert row(room, "Alliance architecture").get_by_label(re.compile("^Beginning")).is_checked()
    assert row(room, "High social capital").get_by_role("spinbutton", name="Hands for Leading").input_value() == "2"
    assert (
        row(room, "Evaluation and challenge").get_by_role("spinbutton", name="Hands for Beginning").input_value() == "4"
    )
    room.get_by_role("button", name="Edit note on Fit governance").click()
    assert room.get_by_role("textbox", name="Fit governance", exact=True).input_value() == "Governance reviewed in May."
    assert room.get_by_role("status").first.inner_text().startswith("3 of 5 strands agreed · hands counted for 3")
    room.get_by_role("button", name="Close", exact=True).click()
    with page.expect_download() as download:
        page.get_by_role("button", name="Export the agreed rating (JSON)").click()
    agreed = json.loads(Path(download.value.path()).read_text())
    assert agreed["hands"]["evaluation-and-challenge"] == {"beginning": 4, "leading": 1}
    assert agreed["ratings"]["fit-governance"] == {"level": None, "note": "Governance reviewed in May."}


def participant_code(site, levels: dict[str, str]) -> tuple[str, str]:
    """A participant rates alone on their own device; returns their code and their QR code's link."""
    page = new_page(site)
    for strand, level in levels.items():
        choose(page, strand, level)
    code = page.locator("#kb-my-code").inner_text()
    link = page.locator("#kb-my-qr svg").get_attribute("data-link")
    assert_qr_encodes(page.locator("#kb-my-qr path").get_attribute("d"), link)
    page.context.close()
    return code, link


QR_MODULES = """
const vm = require("node:vm"), fs = require("node:fs"), sandbox = {};
vm.runInNewContext(fs.readFileSync(process.argv[1], "utf8") + ";this.qrcode = qrcode;", sandbox);
const qr = sandbox.qrcode(0, "M"); qr.addData(process.argv[2], "Byte"); qr.make();
const dark = [];
for (let r = 0; r < qr.getModuleCount(); r++) for (let c = 0; c < qr.getModuleCount(); c++) if (qr.isDark(r, c)) dark.push([r, c]);
console.log(JSON.stringify(dark));
"""


def assert_qr_encodes(path: str, text: str) -> None:
    """The drawn modules are the vendored encoder's QR code of `text` (checked once by decoding with zxing-cpp)."""
    drawn = {(int(y) - 4, int(x) - 4) for x, y in re.findall(r"M(\d+) (\d+)h1v1h-1z", path)}
    vendored = ROOT / "theme_overrides" / "assets" / "javascripts" / "vendor" / "qrcode-generator.js"
    result = subprocess.run(["node", "-e", QR_MODULES, str(vendored), text], capture_output=True, text=True, check=True)
    assert drawn == {tuple(m) for m in json.loads(result.stdout)} and len(drawn) > 100


def test_three_participants_codes_make_the_group_view(site, page) -> None:
    codes = [
        participant_code(site, {"Joint practice development": "Beginning", "High social capital": "Leading"}),
        participant_code(site, {"Joint practice development": "Embedding", "High social capital": "Leading"}),
        participant_code(site, {"Joint practice development": "Beginning"}),
    ]
    assert len({code for code, _ in codes}) == 3 and all(
        re.fullmatch(r"[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{2}", c) for c, _ in codes
    )
    room = present(page)
    room.get_by_role("button", name="Codes").click()
    field = room.get_by_label(re.compile("^Paste or type codes"))
    assert field.evaluate("f => f === document.activeElement")
    field.fill(f"Ana: {codes[0][0]}\n{codes[1][0].lower().replace('-', ' ')}\n{codes[2][0]}\nABCD-EFGH-JK")
    room.get_by_role("button", name="Add to the group").click()
    status = room.locator("[data-group-status]").inner_text()
    assert status.startswith("Added 3 people. Could not add ABCD-EFGH-JK: it has a typo") and status.endswith(
        "3 people in the group view."
    )
    assert room.locator("#kb-room-people li").all_inner_texts()[0].startswith(f"Ana ({codes[0][0]})")
    assert row(room, "Joint practice development").inner_text().count("+2 by code") == 1
    assert "3 people: spread 2 levels" in row(room, "Joint practice development").inner_text()
    room.get_by_role("button", name="Close", exact=True).click()
    head = page.locator("#kb-group-head th").all_inner_texts()
    assert head == ["Strand", "Ana", "Person 1", "Person 2", "Range", "Spread (levels apart)", "Agreed rating"]
    first = page.locator("#kb-group-body tr").first.inner_text().split("\t")
    assert first[:6] == [
        "Joint practice development",
        "Beginning",
        "Embedding",
        "Beginning",
        "Beginning to Embedding",
        "2",
    ]

    # A participant's QR code opens the page with their ratings added to the group view of that browser.
    scanned = new_page(site)
    scanned.goto("about:blank")
    scanned.goto(codes[2][1])
    assert scanned.get_by_role("dialog").is_visible() and "#" not in scanned.url
    assert scanned.locator("#kb-room-people li").all_inner_texts()[0].startswith(f"Person 1 ({codes[2][0]})")
    scanned.context.close()


def test_blank_form_prints_on_one_landscape_page(page) -> None:
    page.evaluate("window.print = () => {}")
    page.get_by_role("button", name="Print the blank form").click()
    pdf = pdf_of(page)
    sizes = {tuple(round(float(v)) for v in p.mediabox[2:]) for p in pdf.pages}
    text = pdf.pages[0].extract_text()
    print(f"blank form: {len(pdf.pages)} page(s) {sizes}")
    assert len(pdf.pages) == 1 and sizes == {A4_LANDSCAPE}
    assert text.count("Discussion only") == DISCUSSION and "Alliance architecture" in text
    assert "Evidence and notes" in text and "Rate your partnership" not in text


def test_record_prints_agreed_levels_hands_and_notes(page) -> None:
    room = present(page)
    row(room, "Joint practice development").get_by_label(re.compile("^Developing")).check()
    hands(room, "Joint practice development", [2, 5, 1, 0])
    page.evaluate("window.print = () => {}")
    room.get_by_role("button", name="Print the record").click()
    pdf = pdf_of(page)
    text = "\n".join(p.extract_text() for p in pdf.pages)
    print(f"record: {len(pdf.pages)} page(s)")
    assert 1 <= len(pdf.pages) <= 2
    assert "Agreed rating of the group" in text and "Show of hands" in text
    assert "Beginning 2, Developing 5, Embedding 1 (spread 2 levels)" in text.replace("\n", " ")
    assert "Widest spread first" not in text and "Hands" not in text.replace("Show of hands", "")


def test_no_serious_accessibility_issue_with_the_room_open(page) -> None:
    room = present(page)
    row(room, "High social capital").get_by_label(re.compile("^Embedding")).check()
    hands(room, "High social capital", [0, 3, 3, 2])
    assert axe_violations(page) == []
    room.get_by_role("button", name="Codes").click()
    assert axe_violations(page) == []


def test_every_room_control_works_by_keyboard(page) -> None:
    page.get_by_role("button", name="Present to a room", exact=True).focus()
    page.keyboard.press("Enter")
    room = page.get_by_role("dialog")
    assert room.is_visible()

    def tab_to(predicate: str, limit: int = 80) -> None:
        for _ in range(limit):
            page.keyboard.press("Tab")
            if page.evaluate(f"(() => {{ const e = document.activeElement; return {predicate}; }})()"):
                return
        raise AssertionError(f"Tab never reached {predicate}")

    tab_to("e.name === 'room-joint-practice-development'")
    page.keyboard.press("Space")
    page.keyboard.press("ArrowRight")  # the next level: the agreed level moves with it
    assert row(room, "Joint practice development").get_by_label(re.compile("^Developing")).is_checked()
    tab_to("e.dataset.hands === 'joint-practice-development' && e.dataset.level === 'developing'")
    page.keyboard.type("4")
    assert "4 people: all one level" in row(room, "Joint practice development").inner_text()
    tab_to("e.getAttribute('aria-label') === 'Note on Mentoring and coaching'")
    page.keyboard.press("Enter")
    page.keyboard.type("Two trained coaches.")
    page.keyboard.press("Escape")  # closes the drawer, back to its button
    assert room.is_visible() and room.locator("#kb-room-drawer").is_hidden()
    tab_to("e.dataset.room === 'order'", limit=200)
    page.keyboard.press("Enter")
    assert room.get_by_role("button", name="Widest spread first").get_attribute("aria-pressed") == "true"
    page.keyboard.press("Escape")
    assert not room.is_visible()
    assert page.evaluate("document.activeElement.textContent") == "Present to a room"
    assert page.get_by_label("Agreed rating for Joint practice development").input_value() == "developing"


def test_summary_reads_on_a_phone(site) -> None:
    page = new_page(site, {"width": 390, "height": 844})
    choose(page, "Joint practice development", "Beginning")
    choose(page, "High social capital", "Embedding")
    page.locator("#kb-summary-title").scroll_into_view_if_needed()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    summary = page.get_by_role("region", name="Summary by dimension")
    assert summary.evaluate("r => r.scrollWidth <= r.clientWidth")
    competence = summary.get_by_role("row", name=re.compile("^Partnership competence"))
    assert competence.get_by_role("cell").all_inner_texts()[:3] == ["1 of 3", "Embedding", "All Embedding"]
    assert competence.get_by_role("cell").first.evaluate("td => getComputedStyle(td).display") == "block"
    room = present(page)
    assert room.evaluate("d => d.scrollWidth <= d.clientWidth")
    page.context.close()
