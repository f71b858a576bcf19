"""The page-type registry: what each type of page is, declared once.

Everything else is derived from `TYPES`: the models by name, the content folders,
the finders, the template data, the browser editor's collections, the JSON Schema
and the editors' schema maps, the navigation and `build.py new`. A type also has a
scaffold template (`templates/<name>.md`) and a layout (`theme_overrides/kb/<name>.html`);
`tests/test_page_types.py` fails, naming the part, when a type lacks one. A type may
add template data of its own with `@type_views.view_of(Model)`; without it, its layout
gets its fields and its references as links.

To add a type: a model in `models.py`, an entry here, the two files above, then
`build.py schema`. See DEVELOPING.md.
"""

from __future__ import annotations

from dataclasses import dataclass

from kb.content import models
from kb.content.fields import facets_used


@dataclass(frozen=True)
class PageType:
    """One type of page."""

    name: str
    """The value of `type:` in front matter, e.g. `case-study`."""
    model: type[models.Page]
    folder: str
    """The content folder, e.g. `case-studies`; also the finder's address."""
    label: str
    """The kind of page, shown above each page's title, e.g. "Case study"."""
    plural: str
    """The finder's title, its menu entry and the editor's collection, e.g. "Case studies"."""
    intro: str
    """The finder's opening sentence."""
    facets: tuple[tuple[str, str], ...] = ()
    """(vocabulary facet, field path) of every facet shown on the page and filtered on in the finder."""
    card_facts: tuple[str, ...] = ()
    """The facets a card in the finder shows (at most three)."""
    sections: tuple[str, ...] = ()
    """The level-2 headings the body must have, in order."""
    layout_headings: tuple[str, ...] = ()
    """The level-2 headings its layout may add (the body must not repeat one)."""
    needs_sources: bool = True
    """Whether a page must cite a source (or be a practitioner's contribution)."""
    editor_label: str = ""
    """The singular in the browser editor, when it differs from `label`."""

    @property
    def finder_uri(self) -> str:
        """Content path of the type's finder page."""
        return f"{self.folder}/index.md"

    @property
    def layout(self) -> str:
        """The theme template of its pages."""
        return f"kb/{self.name}.html"

    @property
    def scaffold(self) -> str:
        """The file name of its `build.py new` template in `kb/templates/`."""
        return f"{self.name}.md"


TYPES: dict[str, PageType] = {
    t.name: t
    for t in (
        PageType(
            "case-study",
            models.CaseStudy,
            "case-studies",
            "Case study",
            "Case studies",
            "Real partnerships: what they did, what changed, what got in the way, and the evidence behind each account.",
            facets=(
                ("phase", "setting.phase"),
                ("region", "setting.region"),
                ("community", "setting.community"),
                ("partnership_type", "partnership_type"),
                ("theme", "theme"),
                ("audience", "audience"),
                ("stage", "stage"),
                ("evidence_type", "evidence_type"),
            ),
            card_facts=("phase", "partnership_type", "evidence_type"),
            sections=(
                "Context",
                "What they did",
                "What changed",
                "What got in the way",
                "What helped",
                "Lessons",
                "Questions for discussion",
            ),
            layout_headings=("The setting", "Recommendations this case illustrates", "About this evidence"),
        ),
        PageType(
            "recommendation",
            models.Recommendation,
            "recommendations",
            "Recommendation",
            "Recommendations",
            "What to do, each with a label saying how strong the evidence behind it is.",
            facets=(
                ("evidence_level", "evidence_level"),
                ("audience", "audience"),
                ("stage", "stage"),
                ("phase", "phase"),
                ("theme", "theme"),
                ("evidence_type", "evidence_type"),
            ),
            card_facts=("stage", "audience"),
            sections=("How to do it", "Roadblocks and ways round them", "When it may not apply", "Why (the evidence)"),
            layout_headings=("Case studies it draws on",),
        ),
        PageType(
            "framework",
            models.Framework,
            "frameworks",
            "Framework",
            "Frameworks",
            "Models and checklists that a team can use to discuss where its partnership stands. Each works as a self-evaluation.",
            facets=(("phase", "phase"), ("theme", "theme"), ("audience", "audience"), ("stage", "stage")),
            card_facts=("stage", "audience"),
            layout_headings=("About this framework", "The framework", "Rate your partnership", "Blank rating form"),
        ),
        PageType(
            "programme",
            models.Programme,
            "programmes",
            "Programme",
            "Programmes",
            "Named programmes and partnerships that schools took part in, with their cycles, roles, scale and evaluations.",
            facets=(("phase", "phase"), ("region", "region"), ("theme", "theme"), ("audience", "audience")),
            card_facts=("phase", "region"),
            layout_headings=(
                "At a glance",
                "The cycle, step by step",
                "Roles",
                "Scale",
                "Evaluations",
                "Case studies of this programme",
            ),
        ),
        PageType(
            "concept",
            models.Concept,
            "concepts",
            "Glossary",
            "Glossary",
            "The terms and acronyms used across the knowledge base, from A to Z.",
            facets=(("concept_status", "status"), ("theme", "theme")),
            card_facts=("concept_status",),
            editor_label="Concept",
            layout_headings=("Definition",),
        ),
        PageType(
            "source",
            models.Source,
            "sources",
            "Source",
            "Sources",
            "The research documents the knowledge base draws on, with how each study was done and what it cannot show.",
            facets=(("document_type", "document_type"), ("evidence_type", "evidence_type"), ("theme", "theme")),
            card_facts=("document_type", "evidence_type"),
            needs_sources=False,
            layout_headings=("Reference", "How the study was done", "Strengths", "Limitations"),
        ),
        PageType(
            "pack",
            models.Pack,
            "packs",
            "Workshop pack",
            "Workshop packs",
            "Ready-made workshops for trainers: a sequence of pages with timings, activities and questions, printable as one handout.",
            facets=(("audience", "audience"), ("theme", "theme")),
            card_facts=("audience",),
            needs_sources=False,
            layout_headings=("At a glance", "The workshop, step by step", "Documents to adapt"),
        ),
        PageType(
            "guide",
            models.Guide,
            "guides",
            "Topic guide",
            "Topic guides",
            "Short, plain guides to the main themes: what the evidence says, and what to do at each stage, from exploring an idea to keeping it going.",
            facets=(("theme", "topic"), ("audience", "audience")),
            card_facts=("audience",),
            needs_sources=False,
            layout_headings=(
                "What to do, stage by stage",
                "Case studies",
                "Frameworks to review where you stand",
                "Documents to adapt",
            ),
        ),
        PageType(
            "resource",
            models.Resource,
            "resources",
            "Resource",
            "Resources",
            "Working documents to adapt and print: timetables, checklists, agendas, report outlines, agreements"
            " and question sets, each from a partnership in the sources.",
            facets=(
                ("resource_kind", "resource_kind"),
                ("stage", "stage"),
                ("audience", "audience"),
                ("phase", "phase"),
                ("theme", "theme"),
            ),
            card_facts=("resource_kind", "stage"),
            sections=("What it is for", "When to use it", "The resource", "How it was used", "What to adapt"),
            layout_headings=("Recommendations it helps carry out", "Case studies that show it in use", "Programmes"),
        ),
    )
}
"""Every page type, in the order finders, the menu and the editor list them."""

MODELS: dict[str, type[models.Page]] = {name: t.model for name, t in TYPES.items()}
FOLDERS: dict[str, str] = {name: t.folder for name, t in TYPES.items()}
TYPE_OF_FOLDER: dict[str, str] = {t.folder: name for name, t in TYPES.items()}


def with_finders(nav: list | None) -> list | None:
    """The site's menu with an entry for every type's finder, in registry order, after Search (or at the end)."""
    if nav is None:
        return None
    listed = {str(value) for item in nav if isinstance(item, dict) for value in item.values()}
    finders = [{t.plural: t.finder_uri} for t in TYPES.values() if t.finder_uri not in listed]
    after = next(
        (i + 1 for i, item in enumerate(nav) if isinstance(item, dict) and "search.md" in item.values()), len(nav)
    )
    return nav[:after] + finders + nav[after:]


COMMON_HEADINGS = (
    "Where this comes from",
    "Filed under",
    "Related pages",
    "Cite this page",
    "Help improve this page",
    "On this page",
)
"""The level-2 headings every page's layout may add."""

FACETS_USED: set[str] = facets_used(MODELS.values())
"""Every vocabulary facet the content model uses: a vocabulary without one of them is refused."""
