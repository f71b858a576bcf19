"""`build.py new`: write a page from its type's template."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

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
    return (TEMPLATES / TYPES[type_name].scaffold).read_text(encoding="utf-8").split("\n---\n", 1)[1].lstrip("\n")


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
