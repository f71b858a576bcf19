"""`build.py import`: turn a submission (a filled-in Word template, an issue form's body, an email) into a page.

Every submission is hostile input. It is read, never run: the .docx is unzipped within
limits by python-docx (which resolves no XML entities), text is read as text. Answers are
matched to the questions of `submission`; an answer that fits no allowed value is kept as
a 'FILL IN' placeholder quoting it, so `check` lists it. The page is written as data
(`yaml.safe_dump`), only to a new file in `content/case-studies/`, never over another.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from kb.checks.loading import MAX_PAGE_BYTES
from kb.content.knowledge_base import KnowledgeBase
from kb.content.page_types import FOLDERS
from kb.output import submission
from kb.output.scaffold import slugify, template_front_matter
from kb.views.open_data import CONTROL_RE

MAX_DOCX_BYTES = 10_000_000
MAX_UNZIPPED_BYTES = 50_000_000
MAX_SLUG = 80
"""Characters of a file name made from a long title (cut at a hyphen)."""
NO_RESPONSE = "_No response_"
"""What an issue form writes for a question left blank."""
FROM_SUBMISSION = "FILL IN (from the submission): "
KEY_RE = re.compile(r"\[([a-z_]+(?:\.[a-z_]+)*)\]")
SEPARATORS_RE = re.compile(r"[,;\n]+")


class SubmissionError(Exception):
    """A submission that cannot be read; its message is one line."""


@dataclass
class Submission:
    """What a submission says: answers by question key, text by heading, and anything else."""

    kind: str
    """What it was: 'Word template', 'Word document', 'issue form' or 'email or text'."""
    answers: dict[str, str] = field(default_factory=dict)
    sections: dict[str, str] = field(default_factory=dict)
    loose: list[str] = field(default_factory=list)
    """Paragraphs under no known heading (a document not made from the template)."""
    notes: list[str] = field(default_factory=list)
    """What the maintainer should know that `check` will not say: images left out, tables flattened."""


def read(data: bytes) -> Submission:
    """A .docx (by its zip signature) or UTF-8 text (an issue form's body, or an email)."""
    if data.startswith(b"PK\x03\x04"):
        return from_docx(data)
    if len(data) > MAX_PAGE_BYTES:
        raise SubmissionError(f"expected a submission under {MAX_PAGE_BYTES // 1000} KB; found {len(data) // 1000} KB")
    if b"\x00" in data[:8000]:
        raise SubmissionError("expected a Word .docx file or text; found another kind of file (binary data)")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise SubmissionError("expected a Word .docx file or UTF-8 text; found text in another encoding") from None
    return from_text(text)


# Text: the body of an issue made with the form, or an email written under the headings.


def _norm(text: str) -> str:
    """A label as compared: lower case, single spaces, no marks around it."""
    return " ".join(text.replace("*", " ").split()).strip(" :?.").lower()


def _labels() -> dict[str, tuple[str, str | None]]:
    """Every label a submission may use, normalised: -> ('answer', key), ('section', heading) or ('skip', None)."""
    labels: dict[str, tuple[str, str | None]] = {_norm(submission.CHECKLIST_TITLE): ("skip", None)}
    labels |= {_norm(q.label): ("answer", q.key) for q in submission.questions()}
    labels |= {_norm(s.heading): ("section", s.heading) for s in submission.sections()}
    return labels


def from_text(text: str) -> Submission:
    """Answers under their labels, each label once: '### Label' lines (an issue form's body) or else 'Label:' lines (an email)."""
    labels, seen = _labels(), set()
    lines = _clean(text).split("\n")
    issue_form = any(line.startswith("### ") and _norm(line[4:]) in labels for line in lines)
    found = Submission("issue form" if issue_form else "email or text")
    current: tuple[str, str | None] | None = None
    buffers: dict[tuple[str, str | None], list[str]] = {}
    for line in lines:
        if issue_form:
            label, rest = (_norm(line[4:]), "") if line.startswith("### ") else ("", "")
        else:
            head, _, rest = line.partition(":")
            label = _norm(head)
        if label in labels and label not in seen:
            seen.add(label)
            current = labels[label]
            buffers[current] = [rest.strip()] if rest.strip() else []
        elif current is None:
            found.loose.append(line)
        else:
            buffers[current].append(line)
    for (what, name), value_lines in buffers.items():
        value = "\n".join(value_lines).strip()
        if value == NO_RESPONSE or what == "skip" or name is None:
            continue
        if what == "answer":
            found.answers[name] = value
        else:
            found.sections[name] = _demote_headings(value)
    loose = "\n".join(found.loose).strip()
    found.loose = [loose] if loose else []
    return found


def _demote_headings(text: str) -> str:
    """Headings inside an answer become level 3, so the page's own level-2 headings stay in order."""
    return re.sub(r"^\s{0,3}#{1,2}(?=\s)", "###", text, flags=re.M)


def _clean(text: str) -> str:
    """Line ends made '\\n', control characters removed."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n")
    return CONTROL_RE.sub("", text)


# Word: the template filled in, or any .docx.


def from_docx(data: bytes) -> Submission:
    """The answers in the template's tables (by each question's hidden key, or its label) and the text under each heading."""
    if len(data) > MAX_DOCX_BYTES:
        raise SubmissionError(
            f"expected a Word file under {MAX_DOCX_BYTES // 1_000_000} MB; found {len(data) // 1_000_000} MB"
        )
    try:
        entries = zipfile.ZipFile(io.BytesIO(data)).infolist()
    except (zipfile.BadZipFile, ValueError, OSError):
        raise SubmissionError("expected a Word .docx file; found a damaged zip file") from None
    if sum(e.file_size for e in entries) > MAX_UNZIPPED_BYTES or len(entries) > 5000:
        raise SubmissionError("expected a Word .docx file of ordinary size; found one that unpacks to too much data")
    try:
        from docx import Document

        doc = Document(io.BytesIO(data))
        blocks = list(doc.iter_inner_content())
        images = len(doc.inline_shapes)
    except Exception:  # any failure of a third-party parser on hostile input is one line
        raise SubmissionError(
            "expected a Word .docx file; found a zip file that is not one (save it from Word as .docx)"
        ) from None
    labels = _labels()
    found = Submission("Word document")
    current: str | None = None
    title: str | None = None
    guidance = {_norm(submission.guidance(s.guidance)) for s in submission.sections()}
    for block in blocks:
        if hasattr(block, "rows"):  # a table
            if not _read_table(block, labels, found):
                found.notes.append("a table in the text was flattened into lines; check its layout")
                _add(found, current, "\n".join(" | ".join(c.text.strip() for c in row.cells) for row in block.rows))
            continue
        text = " ".join(_clean(block.text).split())
        if labels.get(_norm(text), ("",))[0] == "section":  # a heading of the template, styled as one or not
            current = labels[_norm(text)][1]
            continue
        style = block.style.name if block.style is not None else ""
        level = 0 if style == "Title" else int(style[8:]) if re.fullmatch(r"Heading [1-9]", style) else None
        if level is not None:
            title = title or (text if level == 0 else None)
            if level <= 1:
                current = None
            elif text:
                _add(found, current, "### " + text)
            continue
        if not text or _norm(text) in guidance:
            continue
        if re.match(r"List Number", style):
            line = "1. " + text
        elif re.match(r"List", style) or (block._p.pPr is not None and block._p.pPr.numPr is not None):
            line = "- " + text
        else:
            line = "\\" + text if text.startswith("#") else text
        _add(found, current, line)
    if found.kind == "Word template":
        found.loose = []  # the text outside the headings is the template's own
    elif title and "title" not in found.answers:
        found.answers["title"] = title  # a document of its own: its title is the page's
    if images:
        found.notes.append(f"the document has {images} image(s); they were not imported")
    return found


def _read_table(table: Any, labels: dict[str, tuple[str, str | None]], found: Submission) -> bool:
    """Answers from a table of questions; False when the table is not one."""
    keys = {q.key for q in submission.questions()}
    read_any = False
    for row in table.rows:
        cells = row.cells
        if len(cells) < 2:
            continue
        marker = KEY_RE.search(cells[0].text)
        key = marker.group(1) if marker and marker.group(1) in keys else None
        if key is None:
            kind, name = labels.get(_norm(cells[0].paragraphs[0].text if cells[0].paragraphs else ""), (None, None))
            key = name if kind == "answer" else None
        if key is None:
            continue
        read_any = True
        found.kind = "Word template"
        answer = "\n".join(p.text for p in cells[1].paragraphs)
        if answer.strip():
            found.answers[key] = _clean(answer).strip()
    return read_any or _norm(table.rows[0].cells[0].text if table.rows else "") == "question"


def _add(found: Submission, section: str | None, line: str) -> None:
    """A paragraph or list item under a heading (or loose): list items stay together, paragraphs apart."""
    if section is None:
        found.loose.append(line)
        return
    previous = found.sections.get(section)
    if previous is None:
        found.sections[section] = line
    else:
        both_items = re.match(r"(1\.|-) ", line) and re.match(r"(1\.|-) ", previous.rsplit("\n", 1)[-1])
        found.sections[section] = previous + ("\n" if both_items else "\n\n") + line


# The page.


def page(found: Submission, kb: KnowledgeBase) -> tuple[dict[str, Any], str, list[str]]:
    """Front matter (the template's, with every answer put in) and body, and notes for the maintainer."""
    meta = template_front_matter(submission.SUBMITTED_TYPE)
    notes = list(found.notes)
    for question in submission.questions():
        raw = found.answers.get(question.key, "").strip()
        if not raw:
            continue
        _set(meta, question.path, _value(question, raw, kb))
    if not found.answers.get("sources", "").strip() and meta.get("contributed_by"):
        meta["sources"] = []  # a practitioner's own account needs no source
    title = meta["title"]
    if title == "{{title}}":
        raise SubmissionError("expected a title (the answer to 'Title'); found none: add one and import again")
    parts = ["\n\n".join(found.loose)] if found.loose else []
    if parts:
        notes.append("some text was under no heading of the template; it is at the top of the page: move it")
    for section in submission.sections():
        parts.append(f"## {section.heading}\n\n{found.sections.get(section.heading) or section.placeholder}")
    return meta, "\n\n".join(parts) + "\n", notes


def _value(question: submission.Question, raw: str, kb: KnowledgeBase) -> Any:
    """An answer as the field's value, or a placeholder quoting it when it fits no allowed value."""
    one_line = " ".join(raw.split())
    placeholder = FROM_SUBMISSION + one_line
    if question.kind in ("text", "long"):
        return one_line
    if question.kind == "number":
        return int(one_line) if one_line.isdigit() and len(one_line) <= 6 else placeholder  # a count of schools
    if question.kind == "yes-no":
        answer = _norm(one_line)
        return True if answer in ("yes", "y", "true") else False if answer in ("no", "n", "false") else placeholder
    if question.kind == "sources":
        return [{"source": "FILL-IN-SOURCE-SLUG", "locator": placeholder}]
    items = [item for item in (" ".join(piece.split()).lstrip("-•* ") for piece in SEPARATORS_RE.split(raw)) if item]
    if question.kind == "list":
        return items
    if question.facet:  # a choice or choices
        terms = kb.vocabulary[question.facet].terms
        known = {_norm(t.label): t.value for t in terms} | {_norm(t.value): t.value for t in terms}
    else:  # pages: by title or slug
        pages = [e for e in kb.typed() if not question.page_types or e.type in question.page_types]
        known = {_norm(e.title): e.slug for e in pages} | {e.slug: e.slug for e in pages}
    values = [known.get(_norm(item), FROM_SUBMISSION + item) for item in items]
    if question.kind == "choice":
        return values[0] if len(values) == 1 else placeholder
    return list(dict.fromkeys(values))


def _set(meta: dict[str, Any], path: tuple[str, ...], value: Any) -> None:
    for key in path[:-1]:
        meta = meta[key]
    meta[path[-1]] = value


def render(meta: dict[str, Any], body: str) -> str:
    """The page file: front matter as YAML data (never text pasted into YAML), then the body."""
    front = yaml.safe_dump(meta, sort_keys=False, allow_unicode=True, width=float("inf"), default_flow_style=False)
    return f"---\n{front}---\n\n{body}"


def write(content_dir: Path, meta: dict[str, Any], body: str) -> Path:
    """Write `content/case-studies/<slug>.md` as a new file; never over a file, never elsewhere."""
    slug = slugify(meta["title"])
    if len(slug) > MAX_SLUG:
        slug = slug[:MAX_SLUG].rsplit("-", 1)[0]
    if not slug:
        raise SubmissionError(f"expected a title with letters or digits to name the file; found {meta['title'][:60]!r}")
    folder = Path(content_dir) / FOLDERS[submission.SUBMITTED_TYPE]
    folder.mkdir(parents=True, exist_ok=True)
    if folder.is_symlink() or folder.resolve() != Path(content_dir).resolve() / folder.name:
        raise SubmissionError(f"expected {folder} to be a folder of the content; found a link elsewhere")
    path = folder / f"{slug}.md"
    text = render(meta, body)
    if len(text.encode()) > MAX_PAGE_BYTES:
        raise SubmissionError(
            f"expected a page under {MAX_PAGE_BYTES // 1000} KB; the submission makes {len(text.encode()) // 1000} KB"
        )
    try:
        with open(path, "x", encoding="utf-8") as out:  # "x": fails on any existing file or link
            out.write(text)
    except FileExistsError:
        raise SubmissionError(f"{path} already exists: rename the title in the submission, or edit that page") from None
    return path
