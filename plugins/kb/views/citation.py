"""Cite this page: an APA reference with its date and address, and BibTeX and RIS files written beside the pages.

A source page cites the original document as well. Contributors' values are made
safe for each format: one line each (so no value starts a new RIS tag) and, in
BibTeX, every special character spelt as a command, so no brace can end a field.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from kb.content.knowledge_base import Entry, KnowledgeBase
from kb.content.page_types import FOLDERS, TYPES
from kb.views.history import Dates
from kb.views.open_data import LANGUAGE, Site, one_line
from kb.views.urls import page_url, relative

TEX = {
    "\\": r"\textbackslash{}",
    "{": r"\textbraceleft{}",
    "}": r"\textbraceright{}",
    "%": r"\%",
    "&": r"\&",
    "#": r"\#",
    "_": r"\_",
    "$": r"\$",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}
"""BibTeX counts braces even after a backslash, so braces are spelt as commands too."""
TEX_TABLE = str.maketrans(TEX)
URL_TABLE = str.maketrans({"{": "%7B", "}": "%7D", "\\": "%5C", " ": "%20", '"': "%22"})
MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")


@dataclass(frozen=True)
class Work:
    """One thing to cite: a page of the site, or the document a source page describes."""

    key: str
    """The BibTeX key and the file name, e.g. `fixture-cluster` or `fixture-study-document`."""
    kind: str
    """`page`, `thesis`, `report` or `other`."""
    authors: tuple[str, ...]
    title: str
    description: str
    """What it is, as APA puts it in brackets, e.g. "Case study" or "EdD thesis"."""
    publisher: str | None = None
    year: int | None = None
    when: Dates | None = None
    url: str | None = None
    doi: str | None = None
    summary: str | None = None

    @property
    def link(self) -> str | None:
        """Where a reader finds it: the DOI's address, else its own."""
        return f"https://doi.org/{self.doi}" if self.doi else self.url


def of_page(entry: Entry, site: Site, when: Dates | None) -> Work:
    """A page of the knowledge base, by the site as its author, dated by its last change."""
    return Work(
        key=entry.slug,
        kind="page",
        authors=(site.name,),
        title=entry.title,
        description=TYPES[entry.type].label,
        publisher=site.name,
        when=when,
        url=site.page(entry.src_uri),
        summary=entry.page.summary,
    )


def of_document(kb: KnowledgeBase, entry: Entry) -> Work:
    """The document a source page describes."""
    page: Any = entry.page
    last_word = page.document_type.rsplit("-", 1)[-1]
    return Work(
        key=f"{entry.slug}-document",
        kind={"thesis": "thesis", "report": "report", "paper": "report"}.get(last_word, "other"),
        authors=tuple(page.authors),
        title=page.citation_title,
        description=kb.vocabulary["document_type"].label_of(page.document_type),
        publisher=page.institution,
        year=page.year,
        url=page.url,
        doi=page.doi,
    )


def _apa_authors(names: tuple[str, ...]) -> str:
    """APA 7: every author up to 20, with "&" before the last."""
    names = tuple(one_line(n) for n in names)
    if len(names) == 1:
        return names[0]
    if len(names) > 20:
        return ", ".join(names[:19]) + ", . . . " + names[-1]
    return ", ".join(names[:-1]) + ", & " + names[-1]


def apa(work: Work) -> dict[str, Any]:
    """An APA 7 reference in parts: `lead` (authors and date), `title` (in italics), `after` and `link`."""
    authors = _apa_authors(work.authors)
    if work.kind == "page":
        day = work.when.changed.date() if work.when else None
        date = f"{day.year}, {day:%B} {day.day}" if day else "n.d."
    else:
        date = str(work.year) if work.year else "n.d."
    lead = f"{authors}{'' if authors.endswith('.') else '.'} ({date})."
    description = one_line(work.description)
    publisher = one_line(work.publisher or "")
    if work.kind == "thesis":
        after = f" [{description}, {publisher}]."
    elif work.kind == "page" or publisher in {
        one_line(a) for a in work.authors
    }:  # APA leaves out a publisher that is the author
        after = f" [{description}]."
    else:
        after = f" [{description}]. {publisher}."
    link = one_line(work.link) if work.link else None
    title = one_line(work.title)
    return {
        "lead": lead,
        "title": title,
        "after": after,
        "link": link,
        "text": f"{lead} {title}{after}" + (f" {link}" if link else ""),
    }


def _tex(text: str) -> str:
    return one_line(text).translate(TEX_TABLE)


def _tex_name(name: str) -> str:
    """An author for BibTeX: "Surname, I." as it is; an organisation in braces, so it is not split into names."""
    name = _tex(name)
    return name if "," in name and " and " not in name.lower() else "{" + name + "}"


def bibtex(work: Work) -> str:
    """One BibTeX entry: `@misc` for a page, `@phdthesis` for a thesis, `@techreport` for a report."""
    kind = {"thesis": "phdthesis", "report": "techreport"}.get(work.kind, "misc")
    fields = [
        ("author", " and ".join(_tex_name(a) for a in work.authors)),
        ("title", "{" + _tex(work.title) + "}"),  # double braces keep the title's capitals
    ]
    if work.kind == "page":
        fields.append(("howpublished", _tex(work.description)))
    elif work.kind == "thesis":
        fields += [("school", _tex(work.publisher or "")), ("type", _tex(work.description))]
    elif work.kind == "report":
        fields += [("institution", _tex(work.publisher or "")), ("type", _tex(work.description))]
    else:
        fields += [("publisher", _tex(work.publisher or "")), ("howpublished", _tex(work.description))]
    month = None
    if work.when:
        day = work.when.changed.date()
        fields.append(("year", str(day.year)))
        month = MONTHS[day.month - 1]
    elif work.year:
        fields.append(("year", str(work.year)))
    if work.doi:
        fields.append(("doi", one_line(work.doi).translate(URL_TABLE)))
    if work.url:
        fields.append(("url", one_line(work.url).translate(URL_TABLE)))
    lines = [f"@{kind}{{{work.key},"] + [f"  {name} = {{{value}}}," for name, value in fields]
    if month:
        lines.append(f"  month = {month},")  # BibTeX's own month names, written without braces
    return "\n".join(lines) + "\n}\n"


def ris(work: Work) -> str:
    """One RIS record (lines `TAG  - value`, ending `ER  - `), each value on one line."""
    kind = {"page": "ELEC", "thesis": "THES", "report": "RPRT"}.get(work.kind, "GEN")
    tags = [("TY", kind)] + [("AU", a) for a in work.authors] + [("TI", work.title)]
    if work.kind == "page":
        tags.append(("T2", work.publisher or ""))
    elif work.publisher:
        tags.append(("PB", work.publisher))
    tags.append(("M3", work.description))
    if work.when:
        day = work.when.changed.date()
        tags += [("PY", str(day.year)), ("DA", f"{day:%Y/%m/%d}")]
    elif work.year:
        tags.append(("PY", str(work.year)))
    if work.doi:
        tags.append(("DO", work.doi))
    if work.url:
        tags.append(("UR", work.url))
    if work.summary:
        tags.append(("AB", work.summary))
    tags += [("LA", LANGUAGE), ("ER", "")]
    return "".join(f"{tag}  - {one_line(value)}\r\n" for tag, value in tags)


def file_stem(entry: Entry, document: bool = False) -> str:
    """Where a page's citation files go, beside its page: `case-studies/x` (`.bib`, `.ris`)."""
    return f"{FOLDERS[entry.type]}/{entry.slug}" + (".document" if document else "")


def works(kb: KnowledgeBase, entry: Entry, site: Site, when: Dates | None) -> list[tuple[str, Work]]:
    """The page's work and, on a source page, the document's, each with its file stem."""
    found = [(file_stem(entry), of_page(entry, site, when))]
    if entry.type == "source":
        found.append((file_stem(entry, document=True), of_document(kb, entry)))
    return found


def files(kb: KnowledgeBase, site: Site, history: dict[str, Dates]) -> dict[str, str]:
    """Every citation file of the site, by site path: a `.bib` and a `.ris` per page, and per source document."""
    written = {}
    for entry in kb.typed():
        for stem, work in works(kb, entry, site, history.get(entry.src_uri)):
            written[f"{stem}.bib"] = bibtex(work)
            written[f"{stem}.ris"] = ris(work)
    return written


def view(kb: KnowledgeBase, entry: Entry, site: Site, when: Dates | None, directory_urls: bool) -> list[dict[str, Any]]:
    """The "Cite this page" block's data: the page's reference, then the original document's on a source page."""
    base = page_url(entry.src_uri, directory_urls)
    blocks = []
    for stem, work in works(kb, entry, site, when):
        name = stem.rsplit("/", 1)[-1]
        blocks.append(
            {
                "id": work.key,
                "heading": "Cite this page" if work.kind == "page" else "Cite the original document",
                "apa": apa(work),
                "bibtex": {"url": relative(f"{stem}.bib", base), "name": f"{name}.bib"},
                "ris": {"url": relative(f"{stem}.ris", base), "name": f"{name}.ris"},
            }
        )
    return blocks
