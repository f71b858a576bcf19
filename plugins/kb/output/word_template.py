"""The case-study template as a Word document, written at build time with python-docx.

Its questions and headings come from `submission` (and so from the template `build.py new`
writes), and each question carries its field's key as hidden text, so `build.py import`
reads a filled-in copy back even if its wording has changed since. The bytes are the
same for the same inputs: fixed dates (SOURCE_DATE_EPOCH when set) and a rewritten zip.
"""

from __future__ import annotations

import io
import os
import zipfile
from datetime import UTC, datetime

from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.style import WD_STYLE_TYPE
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, RGBColor
from docx.table import Table
from docx.text.paragraph import Paragraph

from kb.content.vocabulary import Vocabulary
from kb.output import submission

GUIDANCE_STYLE = "Guidance"
"""The grey notes a contributor writes over."""
ZIP_EPOCH = datetime(1980, 1, 1, tzinfo=UTC)
"""The earliest date a zip file can hold: the documents' date when SOURCE_DATE_EPOCH is not set."""
CHECKBOX = "☐ "
WIDTHS = (Cm(7.5), Cm(9))


def build_date() -> datetime:
    """SOURCE_DATE_EPOCH when set (reproducible builds), else a fixed date."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    return datetime.fromtimestamp(int(epoch), UTC) if epoch.isdigit() else ZIP_EPOCH


def document(
    vocab: Vocabulary, *, site_name: str, share_url: str, contact_email: str | None, when: datetime | None = None
) -> bytes:
    """The .docx: how to use it, the checklist, a table of questions, and a heading per section with guidance."""
    when = when or build_date()
    doc = Document()
    _styles(doc)
    doc.add_heading("Case study template", level=0)
    doc.add_paragraph(f"For {site_name}: {share_url}")

    doc.add_heading("How to use this template", level=1)
    send = f"email it to {contact_email}" if contact_email else f"send it to the editors (see {share_url})"
    steps = (
        "Read the checklist below before you start writing.",
        "Answer the questions in the table. Where a question lists choices, type the ones that fit."
        " Questions marked * are needed for the page; answer the others if you can.",
        "Write your account under each heading of 'Your account', in place of the grey note. Write as much as you need.",
        f"Save the file and {send}.",
        "An editor turns it into a page and checks it with you before it is published.",
    )
    _numbered(doc, [doc.add_paragraph(step, style="List Number") for step in steps])

    doc.add_heading(submission.CHECKLIST_TITLE, level=1)
    for lead, how in submission.CHECKLIST:
        paragraph = doc.add_paragraph(CHECKBOX)
        paragraph.add_run(lead).bold = True
        paragraph.add_run(f" {how}")

    doc.add_heading("About your case study", level=1)
    asked = submission.questions()
    _questions(doc, [q for q in asked if not q.for_editors], vocab)
    doc.add_heading("For the editors", level=2)
    doc.add_paragraph("You can leave these blank: the editors fill them in.")
    _questions(doc, [q for q in asked if q.for_editors], vocab)

    doc.add_heading("Your account", level=1)
    doc.add_paragraph("Keep each heading. Replace the grey note under it with your own words.")
    for section in submission.sections():
        doc.add_heading(section.heading, level=2)
        doc.add_paragraph(submission.guidance(section.guidance), style=GUIDANCE_STYLE)
        writing = doc.add_paragraph(style={"numbered": "List Number", "bulleted": "List Bullet"}.get(section.kind))
        if section.kind == "numbered":
            _numbered(doc, [writing])

    properties = doc.core_properties
    properties.title = f"Case study template: {site_name}"
    properties.author = properties.last_modified_by = site_name
    properties.language = "en-GB"
    properties.created = properties.modified = properties.last_printed = when
    properties.revision = 1
    package = doc.part.package
    for rid, relation in list(package.rels.items()):  # python-docx's blank-page preview, shown by file browsers
        if relation.reltype == RELATIONSHIP_TYPE.THUMBNAIL:
            del package.rels[rid]
    out = io.BytesIO()
    doc.save(out)
    return _stable_zip(out.getvalue(), when)


def key_marker(key: str) -> str:
    """The hidden text that names a question's field, e.g. ' [setting.phase]'."""
    return f" [{key}]"


def _numbered(doc: DocumentObject, paragraphs: list[Paragraph]) -> None:
    """Number `paragraphs` as one list from 1 (Word's "List Number" style alone would go on from the previous list)."""
    numbering = doc.part.numbering_part.element
    style = doc.styles["List Number"].element.pPr.numPr.numId.val
    num = numbering.add_num(numbering.num_having_numId(style).abstractNumId.val)
    num.add_lvlOverride(ilvl=0).add_startOverride(1)
    for paragraph in paragraphs:
        number = paragraph._p.get_or_add_pPr().get_or_add_numPr()
        number.get_or_add_ilvl().val = 0
        number.get_or_add_numId().val = num.numId


def _styles(doc: DocumentObject) -> None:
    normal = doc.styles["Normal"]
    language = OxmlElement("w:lang")
    language.set(qn("w:val"), "en-GB")
    normal.element.get_or_add_rPr().append(language)
    note = doc.styles.add_style(GUIDANCE_STYLE, WD_STYLE_TYPE.PARAGRAPH)
    note.base_style = normal
    note.font.italic = True
    note.font.color.rgb = RGBColor(0x59, 0x59, 0x59)  # 7:1 on white


def _questions(doc: DocumentObject, questions: list[submission.Question], vocab: Vocabulary) -> Table:
    """A two-column table, Question and Your answer, whose header row repeats on every page."""
    table = doc.add_table(rows=1, cols=2)
    table.style = "Table Grid"
    header = table.rows[0]
    for cell, text in zip(header.cells, ("Question", "Your answer"), strict=True):
        cell.paragraphs[0].add_run(text).bold = True
    repeat = OxmlElement("w:tblHeader")
    repeat.set(qn("w:val"), "true")
    header._tr.get_or_add_trPr().append(repeat)
    for question in questions:
        cells = table.add_row().cells
        label = cells[0].paragraphs[0]
        label.add_run(question.label + (" *" if question.required else "")).bold = True
        label.add_run(key_marker(question.key)).font.hidden = True
        cells[0].add_paragraph(question.help, style=GUIDANCE_STYLE)
        if choose := question.choose(vocab):
            cells[0].add_paragraph(choose, style=GUIDANCE_STYLE)
    for row in table.rows:
        for cell, width in zip(row.cells, WIDTHS, strict=True):
            cell.width = width
    return table


def _stable_zip(data: bytes, when: datetime) -> bytes:
    """The same zip with every entry dated `when` (python-docx stamps them with the time of writing)."""
    stamp = max(when, ZIP_EPOCH).astimezone(UTC).timetuple()[:6]
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for entry in source.infolist():
            info = zipfile.ZipInfo(entry.filename, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            target.writestr(info, source.read(entry.filename))
    return out.getvalue()
