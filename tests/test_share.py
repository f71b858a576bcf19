"""Contributing without Git: the Word template, the GitHub issue form, `build.py import` and the page that offers them."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import sys
import zipfile
from datetime import UTC, datetime
from pathlib import Path

import docx
import pytest
import yaml
from pydantic import BaseModel

from conftest import FIXTURE_CONTENT, ROOT, run_build_py
from kb.content.fields import unwrap
from kb.content.frontmatter import parse
from kb.content.models import CaseStudy
from kb.content.page_types import TYPES
from kb.content.vocabulary import Vocabulary
from kb.output import word_template

CASE = TYPES["case-study"]
TEMPLATE = ROOT / "plugins" / "kb" / "output" / "templates" / "case-study.md"
ISSUE_FORM = ROOT / ".github" / "ISSUE_TEMPLATE" / "case-study.yml"
VOCAB = Vocabulary.load(FIXTURE_CONTENT / "vocabulary.yml")
KEY_RE = re.compile(r"\[([a-z_.]+)\]")

ANSWERS = {
    "title": 'Heads\' visits: three "small" primaries',
    "contributed_by": "The Fixture Cluster",
    "summary": "Three heads visited each other's schools each term, and said their planning improved.",
    "setting.phase": "Primary",
    "setting.region": "Anonymised",
    "setting.locality": "a market town",
    "setting.community": "Town",
    "setting.schools_involved": "3",
    "setting.context": "Three small primaries that had worked together informally for years.",
    "partnership_type": "Peer review cluster",
    "programmes": "Fixture peer review programme",
    "period": "2022 to 2024",
    "anonymised": "Yes",
    "theme": "Peer review, Trust and culture",
    "evidence_type": "Practitioner account",
    "evidence_note": "Our own notes; we did not measure pupils' results.",
    "illustrates": "Keep fixture groups small",
}
STORY = {
    "Context": "Three heads wanted to see each other's schools.",
    "What they did": ["Agreed a focus each term.", "Visited for half a day."],
    "What changed": "The heads said their planning improved.",
    "What got in the way": ["Finding cover."],
    "What helped": ["A shared calendar."],
    "Lessons": ["Start with a small group."],
    "Questions for discussion": ["Which school could you visit first?"],
}


def template_keys() -> set[str]:
    """Every field of the case-study template, as dotted paths (a mapping inside a mapping walked), read independently."""
    front = yaml.safe_load(TEMPLATE.read_text().split("\n---\n")[0].removeprefix("---\n"))
    keys = set()
    for key, value in front.items():
        keys |= {f"{key}.{inner}" for inner in value} if isinstance(value, dict) else {key}
    return keys - {"type"}


def word_template_bytes() -> bytes:
    return word_template.document(
        VOCAB,
        site_name="A knowledge base",
        share_url="https://kb.example.org/share-your-practice/",
        contact_email="share@kb.example.org",
    )


def rows(document: docx.document.Document) -> dict[str, docx.table._Row]:
    """The question rows of the template's tables, by the field key hidden in each."""
    found = {}
    for table in document.tables:
        for row in table.rows:
            marker = KEY_RE.search(row.cells[0].text)
            if marker:
                found[marker.group(1)] = row
    return found


def filled_word_template(answers: dict[str, str], story: dict[str, str | list[str]]) -> bytes:
    """The template as a contributor fills it in Word: answers in the table, text under the headings."""
    document = docx.Document(io.BytesIO(word_template_bytes()))
    for key, row in rows(document).items():
        if key in answers:
            row.cells[1].text = answers[key]
    paragraphs = document.paragraphs
    for index, paragraph in enumerate(paragraphs):
        if paragraph.style.name == "Heading 2" and paragraph.text in story:
            writing = paragraphs[index + 2]  # after the grey note
            text = story[paragraph.text]
            for line in [text] if isinstance(text, str) else text:
                writing.insert_paragraph_before(line, style=writing.style)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def content_copy(tmp_path: Path) -> Path:
    content = tmp_path / "content"
    shutil.copytree(FIXTURE_CONTENT, content)
    return content


def import_file(tmp_path: Path, name: str, data: bytes) -> subprocess.CompletedProcess:
    (tmp_path / name).write_bytes(data)
    return run_build_py("import", name, "--content", "content", cwd=tmp_path)


def written(tmp_path: Path) -> list[Path]:
    known = {p.name for p in (FIXTURE_CONTENT / "case-studies").iterdir()}
    return [p for p in (tmp_path / "content" / "case-studies").iterdir() if p.name not in known]


# The Word template.


def test_word_template_opens_and_holds_every_heading_and_field_of_the_template() -> None:
    document = docx.Document(io.BytesIO(word_template_bytes()))
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 2"]
    assert [h for h in headings if h in CASE.sections] == list(CASE.sections)
    body = TEMPLATE.read_text().split("\n---\n", 1)[1]
    notes = {p.text.lower() for p in document.paragraphs if p.style.name == "Guidance"}
    for guidance in re.findall(r"FILL IN: (.+)", body):
        assert guidance.lower() in notes
    found = rows(document)
    assert set(found) == template_keys()
    for facet, path in CASE.facets:  # each facet question lists its choices by their labels
        question = found[path].cells[0].text
        assert all(term.label in question for term in VOCAB[facet].terms), path
    assert all(row.cells[1].text == "" for row in found.values())
    checklist = [p.text for p in document.paragraphs if p.text.startswith("☐ ")]
    assert len(checklist) >= 5 and any("permission" in line.lower() for line in checklist)


def test_word_template_bytes_are_the_same_each_time_and_dated_from_source_date_epoch(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    first = word_template_bytes()
    assert word_template_bytes() == first
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    dated = word_template_bytes()
    assert docx.Document(io.BytesIO(dated)).core_properties.created == datetime(2026, 1, 1, tzinfo=UTC)
    assert {info.date_time for info in zipfile.ZipFile(io.BytesIO(dated)).infolist()} == {(2026, 1, 1, 0, 0, 0)}


# The issue form.


def model_fields(model: type[BaseModel], prefix: str = "") -> dict[str, object]:
    """Every field of a model by dotted path, the fields of a nested model one by one (lists of models stay one)."""
    found = {}
    for name, info in model.model_fields.items():
        inner, _ = unwrap(info.annotation, [])
        if isinstance(inner, type) and issubclass(inner, BaseModel):
            found |= model_fields(inner, f"{prefix}{name}.")
        else:
            found[prefix + name] = info
    return found


def test_issue_form_fields_match_the_model() -> None:
    form = yaml.safe_load(ISSUE_FORM.read_text())
    elements = {e["id"]: e for e in form["body"] if e["type"] != "markdown"}
    fields = {k: v for k, v in model_fields(CaseStudy).items() if k != "type"}
    sections = [e["attributes"]["label"] for e in form["body"] if e.get("id", "").startswith("section-")]
    assert sections == list(CASE.sections)
    assert set(elements) == {k.replace(".", "-") for k in fields} | {
        e["id"] for e in form["body"] if e.get("id", "").startswith("section-")
    } | {"checklist"}
    for key, info in fields.items():
        element = elements[key.replace(".", "-")]
        assert element["validations"]["required"] is info.is_required(), key
    for facet, path in CASE.facets:
        element = elements[path.replace(".", "-")]
        assert element["type"] == "dropdown"
        assert element["attributes"]["options"] == [
            t.label for t in Vocabulary.load(ROOT / "content" / "vocabulary.yml")[facet].terms
        ]
        many = "list" in str(fields[path].annotation)
        assert element["attributes"]["multiple"] is many, path
    labels = [e["attributes"]["label"] for e in elements.values()]
    assert len(labels) == len(set(labels))  # GitHub refuses a form with two fields of one label
    assert all(re.fullmatch(r"[A-Za-z0-9_-]+", i) for i in elements)
    checklist = elements["checklist"]["attributes"]["options"]
    assert checklist and all(option["required"] for option in checklist)


def test_committed_issue_form_is_current() -> None:
    from kb import cli

    current = cli.issue_form(Vocabulary.load(ROOT / "content" / "vocabulary.yml"))
    assert ISSUE_FORM.read_text() == current, "the issue form is out of date: run python build.py schema"


def issue_body(answers: dict[str, str]) -> str:
    """An issue's body as GitHub writes it from the form: '### label', then the answer or '_No response_'."""
    parts = []
    for element in yaml.safe_load(ISSUE_FORM.read_text())["body"]:
        if element["type"] == "markdown":
            continue
        label = element["attributes"]["label"]
        if element["type"] == "checkboxes":
            value = "\n".join(f"- [X] {o['label']}" for o in element["attributes"]["options"])
        else:
            value = answers.get(element["id"]) or "_No response_"
        parts.append(f"### {label}\n\n{value}")
    return "\n\n".join(parts) + "\n"


# build.py import.


def test_a_filled_in_word_template_becomes_a_page_that_passes_check(tmp_path: Path) -> None:
    content_copy(tmp_path)
    result = import_file(tmp_path, "from-a-head.docx", filled_word_template(ANSWERS, STORY))
    assert result.returncode == 0, result.stderr
    [page] = written(tmp_path)
    assert page.name == "heads-visits-three-small-primaries.md"
    assert "It passes the check." in result.stdout
    check = run_build_py("check", "--content", "content", cwd=tmp_path)
    assert check.returncode == 0, check.stdout
    parsed = parse(page.read_bytes())
    meta = parsed.meta
    assert meta["title"] == ANSWERS["title"] and meta["contributed_by"] == "The Fixture Cluster"
    assert meta["setting"]["phase"] == ["primary"] and meta["setting"]["schools_involved"] == "3"
    assert meta["programmes"] == ["fixture-programme"] and meta["illustrates"] == ["fixture-keep-groups-small"]
    assert meta["theme"] == ["peer-review", "trust-and-culture"] and meta["sources"] == []
    assert "## What they did\n\n1. Agreed a focus each term.\n1. Visited for half a day.\n" in parsed.body
    assert "FILL IN" not in parsed.body and "Each step, in order" not in parsed.body  # the grey notes are gone


def test_an_issue_form_body_becomes_a_page_that_passes_check_once_its_placeholders_are_filled(tmp_path: Path) -> None:
    content_copy(tmp_path)
    answers = {key.replace(".", "-"): value for key, value in ANSWERS.items()}
    answers |= {"setting-region": "Cumbria", "section-context": "## Our start\n\nWe began in 2022."}
    answers |= {"section-" + re.sub(r"\W+", "-", h.lower()).strip("-"): "- Something real." for h in CASE.sections[1:]}
    result = import_file(tmp_path, "issue-12.md", issue_body(answers).encode())
    assert result.returncode == 0, result.stderr
    [page] = written(tmp_path)
    check = run_build_py("check", "--content", "content", cwd=tmp_path)
    assert check.returncode == 1
    [problem] = check.stdout.splitlines()[:-1]
    assert re.fullmatch(
        rf"content/case-studies/{page.name}:\d+: setting\.region: expected your own text in place of the template's"
        r" placeholder; found 'FILL IN \(from the submission\): Cumbria'",
        problem,
    )
    assert problem in result.stdout  # the import says the same
    page.write_text(page.read_text().replace("'FILL IN (from the submission): Cumbria'", "north-west"))
    check = run_build_py("check", "--content", "content", cwd=tmp_path)
    assert check.returncode == 0, check.stdout
    body = parse(page.read_bytes()).body
    assert "### Our start\n\nWe began in 2022." in body  # a heading inside an answer stays below the page's own


def test_an_email_written_under_the_prepared_headings_becomes_a_page(tmp_path: Path) -> None:
    from kb.output import submission

    content_copy(tmp_path)
    labels = {q.label: q.key for q in submission.questions()}
    lines = []
    for prepared in submission.email_body().split("\r\n"):
        key = labels.get(prepared.rstrip(":"))
        lines.append(f"{prepared} {ANSWERS[key]}" if prepared.endswith(":") and key in ANSWERS else prepared)
        if prepared in STORY:
            text = STORY[prepared]
            lines.append(text if isinstance(text, str) else "\n".join(f"- {t}" for t in text))
    result = import_file(tmp_path, "email.txt", "\n".join(lines).encode())
    assert result.returncode == 0, result.stderr
    [page] = written(tmp_path)
    meta = parse(page.read_bytes()).meta
    assert meta["partnership_type"] == "peer-review-cluster" and meta["anonymised"] == "true"
    assert run_build_py("check", "--content", "content", cwd=tmp_path).returncode == 0


def tiny_png() -> bytes:
    """A one-pixel PNG."""
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\0\0")) + chunk(b"IEND", b"")


def test_a_word_document_of_its_own_keeps_its_text_for_the_maintainer(tmp_path: Path) -> None:
    """Not everyone uses the template: the title, the headings it shares with the template, and the rest, flagged."""
    content_copy(tmp_path)
    document = docx.Document()
    document.add_heading("Our cluster's peer review", level=0)
    document.add_paragraph("Written by the heads of three schools.")
    document.add_paragraph().add_run("Context").bold = True  # a heading typed in bold, not styled as one
    document.add_paragraph("Three small schools.")
    document.add_heading("What they did", level=1)
    document.add_paragraph("Met each term.", style="List Number")
    document.add_paragraph("Visited each other.", style="List Number")
    document.add_table(rows=1, cols=2).rows[0].cells[0].text = "Term 1"
    document.add_picture(io.BytesIO(tiny_png()))
    out = io.BytesIO()
    document.save(out)
    result = import_file(tmp_path, "our-own.docx", out.getvalue())
    assert result.returncode == 0, result.stderr
    [page] = written(tmp_path)
    assert "read as Word document" in result.stdout
    assert "Note: the document has 1 image(s); they were not imported" in result.stdout
    assert "Note: a table in the text was flattened into lines; check its layout" in result.stdout
    assert "Note: some text was under no heading of the template" in result.stdout
    parsed = parse(page.read_bytes())
    assert parsed.meta["title"] == "Our cluster's peer review"
    assert parsed.body.lstrip("\n").startswith(
        "Written by the heads of three schools.\n\n## Context\n\nThree small schools."
    )
    assert "## What they did\n\n1. Met each term.\n1. Visited each other.\n\nTerm 1 | " in parsed.body


HOSTILE_TITLE = "'\": {x: [&a *a !!python/object:os.system\n---\n...\n<script>alert(1)</script>"


def test_import_keeps_hostile_text_as_data(tmp_path: Path) -> None:
    content_copy(tmp_path)
    answers = {"title": HOSTILE_TITLE, "summary": "x\n---\ntype: source", "setting-context": "a: b\n...\n- c"}
    answers |= {"section-context": "---\n...\n<script>window.pwned = 1</script>\n---"}
    result = import_file(tmp_path, "hostile.md", issue_body(answers).encode())
    assert result.returncode == 0, result.stderr
    [page] = written(tmp_path)
    assert page.parent == tmp_path / "content" / "case-studies"
    parsed = parse(page.read_bytes())
    assert parsed.meta["type"] == "case-study"
    assert parsed.meta["title"] == " ".join(HOSTILE_TITLE.split())  # one line, exactly what was sent
    assert parsed.meta["summary"] == "x --- type: source" and parsed.meta["setting"]["context"] == "a: b ... - c"
    assert parsed.body.lstrip("\n").startswith("## Context\n\n---\n...\n<script>")
    check = run_build_py("check", "--content", "content", cwd=tmp_path)
    assert check.returncode == 1
    assert any(line.endswith("found <script>") for line in check.stdout.splitlines())  # check reports it


def zip_of(entries: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return out.getvalue()


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("big.docx", b"PK\x03\x04" + b"\0" * 10_000_001, "expected a file under 10 MB"),
        ("bomb.docx", zip_of({"word/document.xml": b"\0" * 60_000_000}), "unpacks to too much data"),
        ("other.docx", zip_of({"notes.txt": b"hello"}), "a zip file that is not one"),
        ("cut.docx", b"PK\x03\x04" + b"x" * 300, "damaged zip file"),
        ("picture.png", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR", "binary data"),
        ("latin.txt", "Title: Café".encode("latin-1"), "another encoding"),
        ("long.md", b"### Title\n\n" + b"a " * 300_000, "expected a submission under 500 KB"),
        ("empty.md", b"", "expected a title"),
        ("no-letters.md", b"### Title\n\n!!!\n", "letters or digits"),
    ],
)
def test_a_bad_submission_gives_one_line_and_writes_nothing(
    tmp_path: Path, name: str, data: bytes, reason: str
) -> None:
    content_copy(tmp_path)
    result = import_file(tmp_path, name, data)
    assert result.returncode == 1
    [line] = result.stderr.splitlines()
    assert line.startswith(f"Not imported: {name}: ") and reason in line
    assert written(tmp_path) == []


def test_import_never_overwrites_a_page(tmp_path: Path) -> None:
    content_copy(tmp_path)
    result = import_file(tmp_path, "again.md", b"### Title\n\nFixture cluster\n")
    assert result.returncode == 1 and "already exists" in result.stderr
    assert (tmp_path / "content/case-studies/fixture-cluster.md").read_bytes() == (
        FIXTURE_CONTENT / "case-studies" / "fixture-cluster.md"
    ).read_bytes()


def test_import_never_writes_outside_the_case_studies_folder(tmp_path: Path) -> None:
    content = content_copy(tmp_path)
    result = import_file(tmp_path, "up.md", b"### Title\n\n../../../etc/passwd\n")
    assert result.returncode == 0 and [p.name for p in written(tmp_path)] == ["etc-passwd.md"]
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    shutil.rmtree(content / "case-studies")
    (content / "case-studies").symlink_to(elsewhere)
    result = import_file(tmp_path, "linked.md", b"### Title\n\nA new page\n")
    assert result.returncode == 1 and "a link elsewhere" in result.stderr
    assert list(elsewhere.iterdir()) == []


# The page and its links.


def test_share_page_offers_the_template_the_email_and_the_form(built_fixture_site: Path) -> None:
    html = (built_fixture_site / "share-your-practice" / "index.html").read_text()
    template = re.search(r'href="([^"]+\.docx)" download', html).group(1)
    assert (built_fixture_site / "share-your-practice" / template).read_bytes().startswith(b"PK\x03\x04")
    mailto = re.search(r'href="(mailto:[^"?]+\?subject=[^"]+)"', html).group(1)
    assert (
        mailto.startswith("mailto:share@school-partnerships.example.org?subject=Case%20study")
        and "%0D%0AContext%0D%0A" in mailto
    )
    assert 'href="https://github.com/school-partnerships/knowledge-base/issues/new?template=case-study.yml"' in html
    assert 'href="https://github.com/school-partnerships/knowledge-base/blob/main/CONTRIBUTING.md"' in html
    assert 'href="../admin/#/collections/case-studies/new"' in html
    assert 'href="../case-studies/fixture-cluster/">A fixture cluster of three primaries</a>' in html  # the example
    routes = html.split('id="how-to-send-it"')[1].split('id="what-makes-a-good-case-study"')[0]
    assert routes.count("No account needed") == 2 and routes.count("Needs a free GitHub account") == 1
    case = (built_fixture_site / "case-studies" / "fixture-cluster" / "index.html").read_text()
    help_box = case.split('id="kb-help-title"')[1].split("</aside>")[0]
    assert 'href="../../share-your-practice/">Share your practice</a>' in help_box
    assert help_box.count("No account needed") == 2 and help_box.count("GitHub account") == 2


def test_a_contribution_says_who_shared_it_escaped(site_project: Path) -> None:
    page = site_project / "content" / "case-studies" / "fixture-cluster.md"
    page.write_text(page.read_text().replace("sources:\n", 'contributed_by: "Oak & Ash cluster"\nsources:\n'))
    result = run_build_py(
        "build", "--config", str(site_project / "mkdocs.yml"), "--site-dir", str(site_project / "site")
    )
    assert result.returncode == 0, result.stdout + result.stderr
    html = (site_project / "site" / "case-studies" / "fixture-cluster" / "index.html").read_text()
    assert re.search(r'<p class="kb-byline">\s*Shared by Oak &amp; Ash cluster\.', html)
    assert (
        "Shared by" not in (site_project / "site" / "case-studies" / "fixture-primary-trust" / "index.html").read_text()
    )


def test_import_reads_standard_input(tmp_path: Path) -> None:
    content_copy(tmp_path)
    body = issue_body({"title": "From standard input"}).encode()
    result = subprocess.run(
        [sys.executable, str(ROOT / "build.py"), "import", "-", "--content", "content"],
        input=body,
        cwd=tmp_path,
        capture_output=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert [p.name for p in written(tmp_path)] == ["from-standard-input.md"]


def test_the_build_warns_while_the_contact_address_is_a_placeholder(
    site_project: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture
) -> None:
    from kb_mkdocs import commands

    assert commands.build(site_project / "mkdocs.yml", site_project / "site") == 0
    assert "kb_contact_email is the placeholder share@school-partnerships.example.org" in capsys.readouterr().err
    monkeypatch.setenv("KB_CONTACT_EMAIL", "case-studies@partnerships.org.uk")
    assert commands.build(site_project / "mkdocs.yml", site_project / "site") == 0
    assert "kb_contact_email" not in capsys.readouterr().err
    html = (site_project / "site" / "share-your-practice" / "index.html").read_text()
    assert 'href="mailto:case-studies@partnerships.org.uk"' in html
