"""`build.py new`: write a page from its type's template."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from kb.content.page_types import FOLDERS, TYPES
from kb.content.vocabulary import Vocabulary

TEMPLATES = Path(__file__).parent / "templates"


def slugify(title: str) -> str:
    """'Peer review: a guide' -> 'peer-review-a-guide'; "Café's" -> 'cafes'.

    The same rule as the browser editor's (Decap CMS with ASCII slugs and clean
    accents), so a page gets one file name whichever way it is written.
    """
    plain = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    plain = re.sub(r"['’]", "", plain.lower())
    return re.sub(r"[^a-z0-9]+", "-", plain).strip("-")


def render(type_name: str, title: str, vocab: Vocabulary) -> str:
    """The template of `type_name` with the title and the vocabulary's values filled in."""
    if not title.strip():
        raise ValueError("the title is empty")
    template = (TEMPLATES / TYPES[type_name].scaffold).read_text(encoding="utf-8")
    template = re.sub(r"\{\{values:(\w+)\}\}", lambda m: ", ".join(vocab[m.group(1)].values), template)
    return template.replace("{{title}}", title.replace('"', "'"))


def template_body(type_name: str) -> str:
    """The body of a type's template: its headings, each with guidance to replace."""
    return _template(type_name)[1].lstrip("\n")


@dataclass(frozen=True)
class Section:
    """One heading of a template's body, with the guidance under it."""

    heading: str
    guidance: str
    """The placeholder's text without 'FILL IN: ', e.g. 'each step, in order: ...'; empty if it has none."""
    placeholder: str
    """The placeholder line itself, e.g. '1. FILL IN: each step, in order: ...'."""
    kind: str
    """'numbered', 'bulleted' or 'text': how the placeholder line starts."""


def template_front_matter(type_name: str) -> dict[str, Any]:
    """The front matter of a type's template as data, in its order: every field with its starting value."""
    return yaml.safe_load(_template(type_name)[0])


def template_sections(type_name: str) -> list[Section]:
    """Every level-2 heading of a type's template body, in order, with its placeholder."""
    sections = []
    for block in re.split(r"^## ", _template(type_name)[1], flags=re.M)[1:]:
        heading, _, rest = block.partition("\n")
        placeholder = rest.strip().split("\n", 1)[0]
        marker = re.match(r"(1\. |- )?FILL IN:?\s*", placeholder)
        kind = {"1. ": "numbered", "- ": "bulleted"}.get(marker.group(1) or "", "text") if marker else "text"
        guidance = placeholder[marker.end() :] if marker else placeholder
        sections.append(Section(heading.strip(), guidance, placeholder, kind))
    return sections


def _template(type_name: str) -> tuple[str, str]:
    """A type's template split into its front matter (YAML) and its body."""
    text = (TEMPLATES / TYPES[type_name].scaffold).read_text(encoding="utf-8")
    front, body = text.removeprefix("---\n").split("\n---\n", 1)
    return front, body


def write_page(content_dir: Path, type_name: str, title: str, vocab: Vocabulary) -> Path:
    """Write `content/<folder>/<slug>.md`; raises FileExistsError rather than overwrite."""
    slug = slugify(title)
    if not slug:
        raise ValueError(f"the title {title!r} has no letters or digits to make a file name from")
    path = Path(content_dir) / FOLDERS[type_name] / f"{slug}.md"
    if path.exists():
        raise FileExistsError(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render(type_name, title, vocab), encoding="utf-8")
    return path
