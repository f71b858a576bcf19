"""What a contributor without Git is asked: the questions, the consent checklist, the email and the GitHub issue form.

Everything is derived from the case-study template `build.py new` writes (its fields
in order, its headings and the guidance under them), the content model (required or
not, one value or several, vocabulary or page references) and the vocabulary (the
choices' labels), so the Word template, the issue form, the email and `build.py import`
ask and read the same questions. Only the plain wording of each question is written
here; a template field without wording stops the build (`NoQuestion`).
"""

from __future__ import annotations

import typing
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from pydantic import BaseModel

from kb.content.fields import unwrap
from kb.content.fieldtypes import Ref, Vocab
from kb.content.page_types import MODELS
from kb.content.vocabulary import Vocabulary
from kb.output.editor import LONG_TEXT
from kb.output.scaffold import Section, slugify, template_front_matter, template_sections

SUBMITTED_TYPE = "case-study"
"""The page type people send in without Git."""
ISSUE_FORM = ".github/ISSUE_TEMPLATE/case-study.yml"
"""Where `build.py schema` writes the GitHub issue form, in the project."""

WORDING: dict[str, tuple[str, str]] = {
    "title": (
        "Title",
        "A short, plain title that says what happened, for example 'Three primaries share a peer review cycle'.",
    ),
    "summary": ("Summary", "One or two sentences, at most 40 words, saying what you did and what changed."),
    "setting.phase": ("Phase", "The phases of education of the schools involved."),
    "setting.region": (
        "Region",
        "Where the schools are. Choose 'Anonymised' if you would rather not say, and describe the place in the next question.",
    ),
    "setting.locality": (
        "Place",
        "The place, described no more precisely than the schools are happy with, for example 'a coastal town'. Leave blank to give only the region.",
    ),
    "setting.community": ("Community", "The kind of community the schools serve."),
    "setting.schools_involved": ("Number of schools", "A whole number. Leave blank if you would rather not say."),
    "setting.school_mix": ("Kinds of school", "For example 'four one-form-entry primaries and a special school'."),
    "setting.context": (
        "Background",
        "A sentence or two on the schools' situation: for example deprivation, recent inspections, and how long they have worked together.",
    ),
    "partnership_type": ("Kind of partnership", "How the schools are joined together."),
    "programmes": (
        "Programme",
        "The name of any programme the schools took part in, as the site's Programmes page gives it. Leave blank if none.",
    ),
    "period": ("When", "When it happened, for example 'from September 2022 to July 2024'."),
    "anonymised": (
        "Anonymised",
        "Yes if you have left out or changed the names of schools or people; No if everyone named has agreed to be named.",
    ),
    "theme": ("Themes", "What your account is about."),
    "audience": ("Who it is for", "Who would learn most from it."),
    "stage": ("Stage", "Where the work had got to: exploring an idea, preparing, delivering, or keeping it going."),
    "evidence_type": (
        "Kind of evidence",
        "What your account rests on. For your own partnership's story, choose 'Practitioner account', and add others if, for example, you also ran a survey.",
    ),
    "evidence_note": (
        "How you know",
        "What stands behind your account (for example 'our meeting notes and a survey of 40 staff')"
        " and what it cannot show (for example 'we did not measure pupils' results').",
    ),
    "illustrates": (
        "Recommendations it illustrates",
        "The titles of recommendations on the site that your account shows in practice.",
    ),
    "related": ("Related pages", "The titles of other pages on the site worth reading next."),
    "aliases": ("Old addresses", "Earlier addresses of the page, if it is ever renamed."),
    "glossary_links": (
        "Glossary links",
        "Yes to link terms on the page to the glossary (the usual choice); No to leave them plain.",
    ),
    "not_acronyms": (
        "Codes that are not acronyms",
        "Capital-letter codes in your text that are not acronyms, such as a school's initials.",
    ),
    "contributed_by": (
        "Your partnership's name",
        "Shown on the page as 'Shared by …'. If your partnership would rather not be named,"
        " describe it instead, for example 'a cluster of four primary schools'.",
    ),
    "sources": (
        "Published sources",
        "If any part of your account comes from a published report or article, name it and give the page. Leave blank if it is all your own experience.",
    ),
}
"""The label and the help of each field of the template, written for a head teacher rather than a developer."""

FOR_EDITORS = frozenset({"illustrates", "related", "aliases", "glossary_links", "not_acronyms"})
"""Fields the editors usually fill in: asked last, and marked as such."""

ASKED_FIRST = ("title", "contributed_by", "summary")
"""Asked before the rest of the template's fields, which follow in the template's order."""

REQUIRED_SECTIONS = frozenset({"Context", "What they did", "What changed"})
"""The headings an issue-form submission must answer: without them there is no account to publish."""

CHECKLIST: tuple[tuple[str, str], ...] = (
    (
        "Permission from the schools you name.",
        "Ask each school before you name it. If a school would rather not be named, call it 'School A' or describe it ('a large primary').",
    ),
    (
        "No pupils' names, and staff named only with their agreement.",
        "Otherwise describe people by their role, such as 'the deputy head' or 'a Year 5 teacher'.",
    ),
    (
        "Places no more precise than you need.",
        "'A coastal town in the South West' is usually enough, unless the schools are happy to be named.",
    ),
    (
        "Nothing that identifies someone when put together.",
        "A rare job title, a very small group or a particular incident can identify a person or a school even without a name.",
    ),
    (
        "Your own words, and figures you can stand behind.",
        "Say where each number comes from. If you quote a report, keep the quotation short and give the page.",
    ),
    (
        "You know what we publish, and who checks it.",
        "We publish your account as a page on this site, with your partnership's name as 'Shared by …'. We never publish your email address."
        " An editor reads every page before it appears, and checks any changes with you.",
    ),
)
"""The consent and anonymisation checklist: (what to check, how), on the page, in the Word template and in the issue form."""

CHECKLIST_TITLE = "Before you send it: permission and privacy"
EMAIL_SUBJECT = "Case study for the knowledge base"
EMAIL_INTRO = "Attach the Word template if you used it. Or write your case study in this email, under these headings:"


class NoQuestion(KeyError):
    """A field of the template with no plain wording for contributors."""


@dataclass(frozen=True)
class Question:
    """One field of the template, asked in plain words."""

    key: str
    """Its dotted path in the front matter, e.g. `setting.phase`."""
    label: str
    help: str
    kind: str
    """'text', 'long', 'number', 'yes-no', 'choice', 'choices', 'pages', 'list' or 'sources'."""
    required: bool
    facet: str | None = None
    page_types: tuple[str, ...] = ()
    """For 'pages': the page types it may name (none: any)."""

    @property
    def path(self) -> tuple[str, ...]:
        return tuple(self.key.split("."))

    @property
    def for_editors(self) -> bool:
        return self.key in FOR_EDITORS

    def choices(self, vocab: Vocabulary) -> list[str]:
        """The labels a 'choice' or 'choices' question offers."""
        return [term.label for term in vocab[self.facet].terms] if self.facet else []

    def choose(self, vocab: Vocabulary) -> str:
        """'Choose one: A, B.' and the like: the choices in words (empty for other kinds)."""
        if self.kind == "yes-no":
            return "Answer Yes or No."
        if not self.facet:
            return ""
        lead = "Choose one" if self.kind == "choice" else "Choose one or more" if self.required else "Choose any"
        return f"{lead}: {', '.join(self.choices(vocab))}."


def questions() -> list[Question]:
    """Every field of the case-study template as a question: `ASKED_FIRST`, then the rest in the template's order."""
    found = []
    for key, _value in _leaves(template_front_matter(SUBMITTED_TYPE)):
        if key == "type":
            continue
        if key not in WORDING:
            raise NoQuestion(f"{SUBMITTED_TYPE} template field '{key}' has no wording in kb/output/submission.py")
        label, help_text = WORDING[key]
        found.append(Question(key, label, help_text, **_kind(MODELS[SUBMITTED_TYPE], key.split("."))))
    return sorted(found, key=lambda q: ASKED_FIRST.index(q.key) if q.key in ASKED_FIRST else len(ASKED_FIRST))


def sections() -> list[Section]:
    """The headings of a case study's text, each with the template's guidance."""
    return template_sections(SUBMITTED_TYPE)


def _leaves(data: dict[str, Any], prefix: str = "") -> list[tuple[str, Any]]:
    """(dotted key, value) of every field; a mapping inside a mapping is walked, lists are one field."""
    found = []
    for key, value in data.items():
        if isinstance(value, dict):
            found += _leaves(value, f"{prefix}{key}.")
        else:
            found.append((prefix + key, value))
    return found


def _kind(model: type[BaseModel], path: list[str]) -> dict[str, Any]:
    """How a field is asked and read, from its type in the model."""
    info = model.model_fields[path[0]]
    if len(path) > 1:
        inner, _ = unwrap(info.annotation, [])
        return _kind(inner, path[1:])
    annotation, metadata = unwrap(info.annotation, list(info.metadata))
    many = typing.get_origin(annotation) is list
    if many:
        annotation, metadata = unwrap(typing.get_args(annotation)[0], [])
    facet = next((m.facet for m in metadata if isinstance(m, Vocab)), None)
    ref = next((m for m in metadata if isinstance(m, Ref)), None)
    required = info.is_required()
    if facet:
        return {"kind": "choices" if many else "choice", "required": required, "facet": facet}
    if ref:
        return {"kind": "pages", "required": required, "page_types": ref.types}
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return {"kind": "sources", "required": required}
    if annotation is bool:
        return {"kind": "yes-no", "required": required}
    if annotation is int:
        return {"kind": "number", "required": required}
    if many:
        return {"kind": "list", "required": required}
    return {"kind": "long" if path[-1] in LONG_TEXT else "text", "required": required}


def email_body() -> str:
    """The prepared email: the questions a page needs, the contributor's name, and the headings."""
    asked = [q.label for q in questions() if q.required or q.key == "contributed_by"]
    lines = [EMAIL_INTRO, ""]
    for label in asked:
        lines += [f"{label}:", ""]
    for section in sections():
        lines += [section.heading, "", ""]
    return "\r\n".join(lines)


def mailto(address: str) -> str:
    """A `mailto:` address with the prepared subject and body."""
    return (
        f"mailto:{quote(address, safe='@.+-_')}?subject={quote(EMAIL_SUBJECT, safe='')}"
        f"&body={quote(email_body(), safe='')}"
    )


def section_id(heading: str) -> str:
    """The issue form's id of a heading, e.g. `section-what-they-did`."""
    return "section-" + slugify(heading)


def issue_form(vocab: Vocabulary) -> dict[str, Any]:
    """The GitHub issue form `.github/ISSUE_TEMPLATE/case-study.yml`: the checklist, every question, every heading."""
    every = questions()
    asked = [q for q in every if not q.for_editors]
    editors = [q for q in every if q.for_editors]
    body: list[dict[str, Any]] = [
        _markdown(
            "Thank you for sharing your partnership's practice. Answer what you can: an editor turns your answers into a"
            " page and checks it with you before it is published.\n\n**Issues on GitHub are public**: anyone can read"
            " what you write here as soon as you send it. If your account names schools or people who have not yet"
            " agreed, send it by email instead (see the site's 'Share your practice' page)."
        ),
        {
            "type": "checkboxes",
            "id": "checklist",
            "attributes": {
                "label": CHECKLIST_TITLE,
                "description": "Tick each point before you send your case study.",
                "options": [{"label": f"**{lead}** {how}", "required": True} for lead, how in CHECKLIST],
            },
        },
        *[_element(q, vocab) for q in asked],
        _markdown(
            "## Your account\n\nWrite under each heading as you would explain it to another head. Lists and paragraphs are both fine."
        ),
        *[
            {
                "type": "textarea",
                "id": section_id(s.heading),
                "attributes": {"label": s.heading, "description": guidance(s.guidance)},
                "validations": {"required": s.heading in REQUIRED_SECTIONS},
            }
            for s in sections()
        ],
        _markdown("## For the editors\n\nYou can leave these blank: the editors fill them in."),
        *[_element(q, vocab) for q in editors],
    ]
    return {
        "name": "Share a case study",
        "description": "Tell us what your partnership did, what changed and what got in the way. An editor turns it into a page.",
        "title": "Case study: ",
        "labels": ["submission"],
        "body": body,
    }


def _markdown(text: str) -> dict[str, Any]:
    return {"type": "markdown", "attributes": {"value": text}}


def _element(question: Question, vocab: Vocabulary) -> dict[str, Any]:
    """One issue-form field for a question."""
    attributes: dict[str, Any] = {"label": question.label, "description": question.help}
    if question.kind in ("choice", "choices", "yes-no"):
        kind = "dropdown"
        attributes["options"] = ["Yes", "No"] if question.kind == "yes-no" else question.choices(vocab)
        attributes["multiple"] = question.kind == "choices"
    elif question.kind in ("long", "pages", "sources"):
        kind = "textarea"
        if question.kind == "pages":
            attributes["description"] += " One per line."
    else:
        kind = "input"
        if question.kind == "list":
            attributes["description"] += " Separate them with commas."
    return {
        "type": kind,
        "id": question.key.replace(".", "-"),
        "attributes": attributes,
        "validations": {"required": question.required},
    }


def guidance(text: str) -> str:
    """A section's guidance as a sentence, as the Word template and the issue form show it: 'each step.' -> 'Each step.'"""
    return text[:1].upper() + text[1:]
