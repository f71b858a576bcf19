"""The content model: one typed schema per page type (registered in `page_types`).

Field descriptions are written for contributors: they appear in editor hover
help (the exported JSON Schema) and in `build.py new` templates.
"""

from __future__ import annotations

import re
from typing import Annotated, Any, Literal
from urllib.parse import urlsplit

from pydantic import AfterValidator, BaseModel, ConfigDict, Field
from pydantic_core import PydanticCustomError

from kb.content.fieldtypes import Ref, Slug, Vocab

SUMMARY_MAX_WORDS = 45
"""A summary should be about 40 words; the limit leaves a little slack before it is an error."""


def _non_empty(value: str) -> str:
    if not value.strip():
        raise PydanticCustomError("kb", "expected some text; found an empty value")
    return value


def _short(value: str) -> str:
    words = len(value.split())
    if words > SUMMARY_MAX_WORDS:
        raise PydanticCustomError(
            "kb",
            "expected a plain summary of at most {limit} words; found {words} words",
            {"limit": SUMMARY_MAX_WORDS, "words": words},
        )
    return _non_empty(value)


def _web_address(value: str) -> str:
    parts = urlsplit(value)
    host = parts.netloc.rsplit("@", 1)[-1]
    if (
        parts.scheme not in ("http", "https")
        or not value.startswith(f"{parts.scheme}://")
        or "." not in host
        or any(c.isspace() for c in value)
    ):
        raise PydanticCustomError(
            "kb", "expected a full web address starting with https://; found '{found}'", {"found": value}
        )
    return value


def _one_sentence(value: str) -> str:
    sentences = [s for s in re.split(r"(?<=[.!?])\s+(?=[A-Z])", value.strip()) if s]
    if len(sentences) != 1:
        raise PydanticCustomError("kb", "expected one sentence; found {n} sentences", {"n": len(sentences)})
    return _non_empty(value)


Text = Annotated[str, AfterValidator(_non_empty)]
Summary = Annotated[str, AfterValidator(_short)]
Sentence = Annotated[str, AfterValidator(_one_sentence)]
WebAddress = Annotated[str, AfterValidator(_web_address)]


class Strict(BaseModel):
    """Every schema refuses unknown keys, so a misspelt key is reported, not ignored."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, use_attribute_docstrings=True)


class Citation(Strict):
    """Where a claim comes from: a source page and the place in that document."""

    source: Annotated[str, Ref("source")]
    """Slug of the source page."""
    locator: Text
    """The document's own section and page numbers, e.g. "§5.3, p. 112" (never our line numbers)."""
    stance: Annotated[str, Vocab("stance")] | None = None
    """On recommendations: does this source support, qualify or contradict it?"""
    data: str | None = None
    """On recommendations: what this source's data were, e.g. "interviews with 21 leaders in one city"."""


class Page(Strict):
    """Fields every page has."""

    type: str
    title: Text
    """The page title, in sentence case."""
    summary: Summary
    """Plain English, at most about 40 words; shown on cards, in search results and as the description."""
    aliases: list[Slug] = []
    """Old slugs of this page; each keeps working as a redirect after a rename."""
    theme: list[Annotated[str, Vocab("theme")]] = []
    """What the page is about."""
    audience: list[Annotated[str, Vocab("audience")]] = []
    """Who the page is mainly for."""
    related: list[Annotated[str, Ref()]] = []
    """Slugs of other pages worth reading next."""
    sources: list[Citation] = []
    """The documents behind this page, each with a locator."""
    contributed_by: str | None = None
    """For a practitioner contribution: the partnership's name (then sources may be empty)."""
    glossary_links: bool = True
    """Set to false to stop glossary terms on this page linking to the glossary."""
    not_acronyms: list[str] = []
    """Capitalised codes on this page that are not acronyms to define, e.g. a school's code "ANO"."""


class Setting(Strict):
    """Where and with whom the case took place, as the source states it."""

    phase: Annotated[list[Annotated[str, Vocab("phase")]], Field(min_length=1)]
    region: Annotated[str, Vocab("region")]
    """An English region, or 'anonymised' when the source does not name one."""
    locality: str | None = None
    """The place as the source describes it (e.g. "a large metropolitan city"); never more precise."""
    community: Annotated[str, Vocab("community")]
    schools_involved: int | None = None
    """The number of schools; leave empty if the source does not say."""
    school_mix: str | None = None
    """The kinds of school, e.g. "four one-form-entry primaries"."""
    context: Text
    """The context in the source's terms (deprivation, inspection grades, history)."""


class CaseStudy(Page):
    """A real setting: what a partnership did, what changed and what it learned."""

    type: Literal["case-study"]
    setting: Setting
    partnership_type: Annotated[str, Vocab("partnership_type")]
    programmes: list[Annotated[str, Ref("programme")]] = []
    """Slugs of the programmes this case is part of."""
    period: Text
    """When it happened, as the source gives it."""
    anonymised: bool
    """True if the source anonymises the schools or people; keep its anonymisation exactly."""
    stage: list[Annotated[str, Vocab("stage")]] = []
    evidence_type: Annotated[list[Annotated[str, Vocab("evidence_type")]], Field(min_length=1)]
    evidence_note: Text
    """What stands behind this account, and what it cannot show."""
    illustrates: list[Annotated[str, Ref("recommendation")]] = []
    """Slugs of the recommendations this case illustrates."""


class Recommendation(Page):
    """One practice, stated as an action, with an honest evidence label."""

    type: Literal["recommendation"]
    statement: Sentence
    """One imperative sentence, e.g. "Keep peer review groups small."."""
    audience: Annotated[list[Annotated[str, Vocab("audience")]], Field(min_length=1)]
    stage: Annotated[list[Annotated[str, Vocab("stage")]], Field(min_length=1)]
    phase: list[Annotated[str, Vocab("phase")]] = []
    evidence_level: Annotated[str, Vocab("evidence_level")]
    evidence_basis: Text
    """What data stand behind it, e.g. "interviews with 23 leaders in one city; survey of 97 staff"."""
    evidence_type: list[Annotated[str, Vocab("evidence_type")]] = []
    case_studies: list[Annotated[str, Ref("case-study")]] = []
    """Slugs of the case studies this recommendation draws on."""


class Level(Strict):
    """One level of a framework's rating scale."""

    id: Slug
    label: Text
    meaning: Text


class Scale(Strict):
    """An ordered rating scale, lowest level first."""

    origin: Annotated[str, Vocab("scale_origin")]
    """'source' for the framework's own levels; 'site' for a generic scale we added."""
    levels: Annotated[list[Level], Field(min_length=2)]


class Strand(Strict):
    """One thing to rate."""

    id: Slug
    name: Text
    descriptor: str | None = None
    """What the strand means, in one line."""
    prompt: str | None = None
    """A question for the self-evaluation, e.g. "Do we act before problems become crises?"."""
    levels: dict[str, str] | None = None
    """One descriptor per scale level id, where the source gives them."""
    recommendations: list[Annotated[str, Ref("recommendation")]] = []
    """Slugs of recommendations that help move this strand on."""
    case_studies: list[Annotated[str, Ref("case-study")]] = []
    """Slugs of case studies that show this strand in practice."""


class Dimension(Strict):
    """A group of strands."""

    id: Slug
    name: Text
    descriptor: str | None = None
    strands: Annotated[list[Strand], Field(min_length=1)]


class Framework(Page):
    """An evaluation framework or model, usable as a self-evaluation."""

    type: Literal["framework"]
    originator: Text
    """Who made it, as the source cites them."""
    year: int | None = None
    """The year the source gives for it, if any."""
    purpose: Text
    use_note: Text
    """How to use it, e.g. "A discussion tool, not an audit."."""
    structure_note: str | None = None
    """How the source's structure was turned into dimensions and strands, and what is ours."""
    phase: list[Annotated[str, Vocab("phase")]] = []
    stage: list[Annotated[str, Vocab("stage")]] = []
    programmes: list[Annotated[str, Ref("programme")]] = []
    scale: Scale
    dimensions: Annotated[list[Dimension], Field(min_length=1)]


class ScalePoint(Strict):
    """The size of a programme at one date, and who says so."""

    date: Text
    scale: Text
    reported_by: Text


class CycleStage(Strict):
    """One stage of a programme's cycle."""

    name: Text
    description: Text


class Programme(Page):
    """A named programme or partnership that schools take part in."""

    type: Literal["programme"]
    provider: Text
    """Who runs it."""
    years: Text
    """When it ran, e.g. "2014 to 2018"."""
    phase: Annotated[list[Annotated[str, Vocab("phase")]], Field(min_length=1)]
    region: list[Annotated[str, Vocab("region")]] = []
    scale: list[ScalePoint] = []
    cycle: list[CycleStage] = []
    """Its stages, in order."""
    roles: list[Annotated[str, Ref("concept")]] = []
    """Slugs of the concept pages for its roles."""
    evaluations: list[Annotated[str, Ref("source")]] = []
    """Slugs of the sources that evaluate it."""
    time_commitment: str | None = None
    """The time it asks of schools, as the sources give it, e.g. "two review days a year per school"."""
    evaluation_note: str | None = None
    """How it was evaluated and what that showed (and could not show), in one or two sentences."""
    status: Annotated[str, Vocab("concept_status")] = "current"
    """'historic' for a past national initiative (it no longer runs in this form)."""
    website: WebAddress | None = None


class Concept(Page):
    """A glossary term."""

    type: Literal["concept"]
    term: Text
    acronym: str | None = None
    also_known_as: list[str] = []
    definition: Sentence
    """One plain sentence, used in tooltips."""
    see_also: list[Annotated[str, Ref()]] = []
    status: Annotated[str, Vocab("concept_status")] = "current"


class Method(Strict):
    """How a study was done."""

    design: Text
    sample: Text
    period: Text
    setting: Text


class Source(Page):
    """A research document the knowledge base draws on."""

    type: Literal["source"]
    authors: Annotated[list[Text], Field(min_length=1)]
    year: int | None = None
    """Year of publication; leave empty if the document is undated."""
    date_note: str | None = None
    """Anything to say about the date, e.g. "undated; 2018 or later"."""
    citation_title: Text
    """The document's own title."""
    institution: Text
    """The university or publisher."""
    document_type: Annotated[str, Vocab("document_type")]
    doi: str | None = None
    url: WebAddress | None = None
    method: Method
    evidence_type: Annotated[list[Annotated[str, Vocab("evidence_type")]], Field(min_length=1)]
    strengths: Annotated[list[Text], Field(min_length=1)]
    limitations: Annotated[list[Text], Field(min_length=1)]
    comparison_group: bool = False
    """True if the study compares schools that took part with similar schools that did not."""
    large_sample: bool = False
    """True if the study's data cover 100 or more schools."""
    linked_to: list[Annotated[str, Ref("source")]] = []
    """Sources that are not independent of this one (e.g. a programme's provider and its evaluation)."""


class PackStep(Strict):
    """One step of a workshop: a page to use, for how long, and what to do with it."""

    page: Annotated[str, Ref()]
    """The slug of the page this step uses."""
    minutes: Annotated[int, Field(gt=0)]
    """How long the step takes, in minutes."""
    activity: Text
    """What the group does, e.g. "Read the case study in pairs and list what helped"."""
    questions: list[str] = []
    """Questions for discussion."""


class Pack(Page):
    """A trainer's workshop: a sequence of pages with timings, activities and questions."""

    type: Literal["pack"]
    audience: Annotated[list[Annotated[str, Vocab("audience")]], Field(min_length=1)]
    purpose: Text
    """What the workshop is for, in one or two sentences."""
    preparation: str | None = None
    """What the trainer needs to prepare (copies, files, room)."""
    steps: Annotated[list[PackStep], Field(min_length=1)]


class Guide(Page):
    """A topic guide: plain advice on one theme, with its recommendations listed by stage."""

    type: Literal["guide"]
    topic: Annotated[str, Vocab("theme")]
    """The theme the guide covers; its recommendations, case studies and frameworks are listed from it."""
    audience: Annotated[list[Annotated[str, Vocab("audience")]], Field(min_length=1)]


class Resource(Page):
    """A working document a partnership can adapt: a timetable, checklist, agenda, report outline or plan."""

    type: Literal["resource"]
    resource_kind: Annotated[str, Vocab("resource_kind")]
    """What kind of document it is."""
    stage: Annotated[list[Annotated[str, Vocab("stage")]], Field(min_length=1)]
    """When in the cycle it is used."""
    audience: Annotated[list[Annotated[str, Vocab("audience")]], Field(min_length=1)]
    phase: list[Annotated[str, Vocab("phase")]] = []
    """Only where the source gives the phase."""
    programmes: list[Annotated[str, Ref("programme")]] = []
    """Slugs of the programmes it comes from."""
    recommendations: Annotated[list[Annotated[str, Ref("recommendation")]], Field(min_length=1)]
    """Slugs of the recommendations it helps carry out."""
    case_studies: list[Annotated[str, Ref("case-study")]] = []
    """Slugs of the case studies that show it in use."""


class SitePage(Strict):
    """A page outside the type folders (home, about, guides): front matter is optional."""

    type: Literal["page"] = "page"
    title: str | None = None
    summary: str | None = None
    hide: list[Literal["navigation", "toc", "footer", "path", "tags", "feedback"]] = []
    glossary_links: bool = True


def describe(value: Any) -> str:
    """A short plain description of a found value, for messages."""
    if value is None:
        return "nothing"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a set of keys"
    return repr(value)
