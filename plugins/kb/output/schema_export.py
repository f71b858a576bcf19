"""Export the content model and the vocabulary as JSON Schema, one document per page type."""

from __future__ import annotations

import json
from typing import Any

from kb.content.fieldtypes import FACET_KEY
from kb.content.page_types import FOLDERS, MODELS
from kb.content.vocabulary import Vocabulary
from kb.views import api

SCHEMA_DRAFT = "http://json-schema.org/draft-07/schema#"
API_SCHEMA_DRAFT = "https://json-schema.org/draft/2020-12/schema"
REMARK_CONFIG = """// Written by `build.py schema` from the page-type registry: do not edit by hand.
// Checks front matter against schema/*.schema.json while a contributor types,
// in VS Code with the remark extension (unifiedjs.vscode-remark), and on the
// command line: npx remark content --quiet --frail
import remarkFrontmatter from 'remark-frontmatter';
import remarkLintFrontmatterSchema from 'remark-lint-frontmatter-schema';

export default {
  plugins: [
    remarkFrontmatter,
    [remarkLintFrontmatterSchema, {
      schemas: {
%s
      },
    }],
  ],
};
"""


def schemas(vocabulary: Vocabulary) -> dict[str, dict[str, Any]]:
    """JSON Schema documents by page type, with the values of `vocabulary` (sorted keys are left to the writer)."""
    documents = {}
    for name, model in MODELS.items():
        document = _with_values(model.model_json_schema(mode="validation"), vocabulary)
        document["$schema"] = SCHEMA_DRAFT
        document["$id"] = f"{name}.schema.json"
        if model.__doc__ is None:
            raise ValueError(f"models.{model.__name__}: expected a docstring (the schema's description); found none")
        document["description"] = f"Front matter of a {name} page in content/{FOLDERS[name]}/. {model.__doc__.strip()}"
        documents[name] = document
    return documents


def _with_values(node: Any, vocabulary: Vocabulary) -> Any:
    """The schema with every vocabulary field's allowed values, labels and descriptions filled in."""
    if isinstance(node, list):
        return [_with_values(item, vocabulary) for item in node]
    if not isinstance(node, dict):
        return node
    if FACET_KEY in node:
        facet = vocabulary[node[FACET_KEY]]
        own = {key: value for key, value in node.items() if key != FACET_KEY}
        return (
            {"description": facet.description}
            | own
            | {  # a field's own description wins over the facet's
                "title": facet.label,
                "enum": facet.values,
                "markdownEnumDescriptions": [f"**{t.label}**: {t.description}" for t in facet.terms],
            }
        )
    return {key: _with_values(value, vocabulary) for key, value in node.items()}


def api_schemas() -> dict[str, str]:
    """The JSON Schema of every API file, as written, by path inside `api/v1/`: `pages.json` -> `pages.schema.json`.

    They hold no vocabulary (the values are in `vocabulary.json`), so one set fits every build.
    """
    written = {}
    for path, model in api.file_models().items():
        name = path[: -len(".json")] + ".schema.json"
        document = {
            "$schema": API_SCHEMA_DRAFT,
            "$id": name.rsplit("/", 1)[-1],
            **_without_values(model.model_json_schema(mode="serialization")),
        }
        written[name] = json.dumps(document, indent=2, ensure_ascii=False) + "\n"
    return written


def _without_values(node: Any) -> Any:
    """The schema with every vocabulary field a plain string that names its facet."""
    if isinstance(node, list):
        return [_without_values(item) for item in node]
    if not isinstance(node, dict):
        return node
    if FACET_KEY in node:
        own = {key: value for key, value in node.items() if key != FACET_KEY}
        return {"description": f"A value of the facet '{node[FACET_KEY]}' (see vocabulary.json)."} | own
    return {key: _without_values(value) for key, value in node.items()}


def remark_config() -> str:
    """`.remarkrc.mjs`: the remark linter's map of each type's schema to its content folder."""
    lines = [f"        './schema/{name}.schema.json': ['./content/{folder}/*.md']," for name, folder in FOLDERS.items()]
    return REMARK_CONFIG % "\n".join(lines)


def vscode_settings(settings: dict[str, Any]) -> dict[str, Any]:
    """`.vscode/settings.json` with its map of each type's schema to its content folder (other settings kept)."""
    maps = {f"./schema/{name}.schema.json": [f"content/{folder}/*.md"] for name, folder in FOLDERS.items()}
    return {**settings, "yaml.schemas": maps}
