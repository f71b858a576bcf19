"""The browser editor (Decap CMS): its configuration, generated from the content model and vocabulary.

Every field of every page type becomes one form widget, so the editor cannot
drift from the model: a field whose type has no widget here stops the build.
"""

from __future__ import annotations

import types
import typing
from typing import Any, Literal
from urllib.parse import urlsplit

from annotated_types import MinLen
from pydantic import BaseModel

from kb.content import vocabulary
from kb.content.fieldtypes import SLUG_RE, Ref, Slug, Vocab
from kb.content.knowledge_base import KnowledgeBase
from kb.content.models import WebAddress
from kb.content.page_types import FOLDERS, MODELS, TYPES
from kb.output.scaffold import template_body

LOGO = "logo.svg"
"""The site's mark on the editor's sign-in screen (theme_overrides/admin/logo.svg), relative to /admin/."""
LOCAL_PORT = 8081
"""Where `build.py editor` runs the local backend (decap-server), on 127.0.0.1."""

LONG_TEXT = frozenset(
    {
        "summary",
        "context",
        "evidence_note",
        "evidence_basis",
        "purpose",
        "use_note",
        "structure_note",
        "definition",
        "meaning",
        "descriptor",
        "description",
        "activity",
        "preparation",
        "evaluation_note",
        "statement",
        "prompt",
        "sample",
        "design",
        "setting",
    }
)
"""Text fields that get a several-line box rather than one line."""

FIRST = ("type", "title", "summary")
LAST = ("theme", "audience", "related", "sources", "contributed_by", "aliases", "glossary_links", "not_acronyms")
"""Form order: what every page has first, then the type's own fields, then links and rarely used settings."""


class NoWidget(TypeError):
    """A model field whose type the editor has no widget for."""


def github_repo(repo_url: str) -> str:
    """'https://github.com/owner/name' -> 'owner/name'."""
    return urlsplit(repo_url).path.strip("/").removesuffix(".git")


def config(
    kb: KnowledgeBase, *, repo_url: str, site_url: str, branch: str = "main", local_port: int = LOCAL_PORT
) -> dict[str, Any]:
    """The whole Decap CMS configuration (written to admin/config.yml)."""
    pages = _page_options(kb)
    return {
        "backend": {
            "name": "github",
            "repo": github_repo(repo_url),
            "branch": branch,
            "open_authoring": True,  # contributors without write access work in a fork; each submission is a pull request
            "commit_messages": {
                "create": "Add {{collection}} page '{{slug}}'",
                "update": "Edit {{collection}} page '{{slug}}'",
            },
        },
        "local_backend": {"url": f"http://127.0.0.1:{local_port}/api/v1", "allowed_hosts": ["127.0.0.1", "localhost"]},
        "publish_mode": "editorial_workflow",
        "logo_url": LOGO,  # with site_url: the sign-in screen shows the site's mark and a link back to it
        "site_url": site_url,
        "display_url": site_url,
        "media_folder": "content/assets/uploads",
        "public_folder": "/assets/uploads",
        "slug": {"encoding": "ascii", "clean_accents": True, "sanitize_replacement": "-"},
        "editor": {"preview": True},
        "collections": [_collection(name, model, kb.vocabulary, pages) for name, model in MODELS.items()],
    }


def _collection(
    type_name: str, model: type[BaseModel], vocab: vocabulary.Vocabulary, pages: list[dict]
) -> dict[str, Any]:
    plural, singular = TYPES[type_name].plural, TYPES[type_name].editor_label or TYPES[type_name].label
    fields = sorted(_fields(model, vocab, pages), key=_form_position)
    fields.append(
        {
            "name": "body",
            "label": "Page text",
            "widget": "markdown",
            "default": template_body(type_name),
            "hint": "Keep every heading of the template, in order, and replace each 'FILL IN'.",
        }
    )
    return {
        "name": FOLDERS[type_name],
        "label": plural,
        "label_singular": singular,
        "description": (model.__doc__ or "").strip(),
        "folder": f"content/{FOLDERS[type_name]}",
        "create": True,
        "delete": False,  # Decap would delete a published page by a direct commit; removing a page goes through Git
        "extension": "md",
        "format": "frontmatter",
        "slug": "{{slug}}",
        "identifier_field": "title",
        "summary": "{{title}}",
        "sortable_fields": ["title"],
        "fields": fields,
    }


def _form_position(field: dict[str, Any]) -> int:
    """FIRST fields in their order, then the type's own (in model order: the sort is stable), then LAST."""
    name = field["name"]
    if name in FIRST:
        return FIRST.index(name)
    if name in LAST:
        return len(FIRST) + 1 + LAST.index(name)
    return len(FIRST)


def _fields(model: type[BaseModel], vocab: vocabulary.Vocabulary, pages: list[dict]) -> list[dict[str, Any]]:
    fields = []
    for name, info in model.model_fields.items():
        try:
            widget = _widget(info.annotation, list(info.metadata), vocab, pages)
        except NoWidget as exc:
            raise NoWidget(f"{model.__name__}.{name}: {exc}") from None
        widget = {"name": name, "label": name.replace("_", " ").capitalize(), **widget}
        if widget["widget"] == "string" and name in LONG_TEXT:
            widget["widget"] = "text"
        if widget["widget"] == "boolean" and info.is_required():  # a switch cannot show "not answered yet"
            widget.update(
                widget="select", options=[{"label": "Yes", "value": "true"}, {"label": "No", "value": "false"}]
            )
        if info.description:
            widget["hint"] = info.description
        if not info.is_required():
            widget["required"] = False
            if info.default not in (None, [], "") and "default" not in widget:
                widget["default"] = info.default
        fields.append(widget)
    return fields


def _widget(annotation: Any, metadata: list, vocab: vocabulary.Vocabulary, pages: list[dict]) -> dict[str, Any]:
    """One Decap widget for a field's type (Optional, Annotated and list unwrapped)."""
    annotation, metadata = _unwrap(annotation, metadata)
    origin = typing.get_origin(annotation)
    if origin is list:
        return _list_widget(typing.get_args(annotation)[0], metadata, vocab, pages)
    if origin is Literal:
        return {"widget": "hidden", "default": typing.get_args(annotation)[0]}
    if origin is dict:
        return {"widget": "kb-map", "hint": "One line per level: the level's id, then its descriptor."}
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return {"widget": "object", "collapsed": False, "fields": _fields(annotation, vocab, pages)}
    if annotation is bool:
        return {"widget": "boolean"}  # made an explicit yes/no choice in `_fields` when the field has no default
    if annotation is int:
        return {"widget": "number", "value_type": "int", "min": 0}
    if annotation is str:
        return _text_widget(metadata, vocab, pages)
    raise NoWidget(f"no editor widget for {annotation!r}")


def _unwrap(annotation: Any, metadata: list) -> tuple[Any, list]:
    """Strip `X | None` and `Annotated[X, ...]`, collecting the metadata."""
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            metadata = [*metadata, *annotation.__metadata__]
            annotation = typing.get_args(annotation)[0]
        elif origin in (typing.Union, types.UnionType):
            options = [a for a in typing.get_args(annotation) if a is not type(None)]
            if len(options) != 1:
                raise NoWidget(f"no editor widget for a choice of {options!r}")
            annotation = options[0]
        else:
            return annotation, metadata


def _list_widget(item: Any, metadata: list, vocab: vocabulary.Vocabulary, pages: list[dict]) -> dict[str, Any]:
    minimum = next((m.min_length for m in metadata if isinstance(m, MinLen)), 0)
    inner = _widget(item, [], vocab, pages)
    if inner["widget"] in ("select", "relation"):
        widget = {**inner, "multiple": True}
    elif inner["widget"] == "object":
        widget = {"widget": "list", "collapsed": False, "fields": inner["fields"]}
    else:
        widget = {"widget": "list", "field": {"name": "item", "label": "Item", **inner}}
    widget.pop("default", None)
    if minimum:
        widget["min"] = minimum
    return widget


def _text_widget(metadata: list, vocab: vocabulary.Vocabulary, pages: list[dict]) -> dict[str, Any]:
    for meta in metadata:
        if isinstance(meta, Vocab):
            facet = vocab[meta.facet]
            return {
                "widget": "select",
                "options": [{"label": t.label, "value": t.value} for t in facet.terms],
                "hint": facet.description,
            }
        if isinstance(meta, Ref):
            if len(meta.types) == 1:
                return {
                    "widget": "relation",
                    "collection": FOLDERS[meta.types[0]],
                    "value_field": "{{slug}}",
                    "search_fields": ["title"],
                    "display_fields": ["title"],
                    "options_length": 50,
                }
            return {"widget": "select", "options": pages}  # any type: Decap's relation widget reads one collection only
    if _is(metadata, WebAddress):
        return {
            "widget": "string",
            "pattern": [r"^https?://[^\s/]+\.[^\s]+$", "A full web address starting with https://"],
        }
    if _is(metadata, Slug):
        return {
            "widget": "string",
            "pattern": [SLUG_RE.pattern, "Lower-case words joined by hyphens, like peer-review"],
        }
    return {"widget": "string"}


def _is(metadata: list, alias: Any) -> bool:
    """Whether a field's metadata carries all of an `Annotated` alias's (so the field is of that type)."""
    return all(m in metadata for m in typing.get_args(alias)[1:])


def _page_options(kb: KnowledgeBase) -> list[dict[str, str]]:
    """Every page, for references that may point at a page of any type."""
    return [
        {"label": f"{e.title} ({(TYPES[e.type].editor_label or TYPES[e.type].label).lower()})", "value": e.slug}
        for e in sorted(kb.typed(), key=lambda e: e.title.lower())
    ]
