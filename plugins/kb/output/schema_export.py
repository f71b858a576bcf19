"""Export the content model and the vocabulary as JSON Schema, one document per page type."""

from __future__ import annotations

from typing import Any

from kb.content.fieldtypes import FACET_KEY
from kb.content.page_types import FOLDERS, MODELS
from kb.content.vocabulary import Vocabulary

SCHEMA_DRAFT = "http://json-schema.org/draft-07/schema#"
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


def remark_config() -> str:
    """`.remarkrc.mjs`: the remark linter's map of each type's schema to its content folder."""
    lines = [f"        './schema/{name}.schema.json': ['./content/{folder}/*.md']," for name, folder in FOLDERS.items()]
    return REMARK_CONFIG % "\n".join(lines)


def vscode_settings(settings: dict[str, Any]) -> dict[str, Any]:
    """`.vscode/settings.json` with its map of each type's schema to its content folder (other settings kept)."""
    maps = {f"./schema/{name}.schema.json": [f"content/{folder}/*.md"] for name, folder in FOLDERS.items()}
    return {**settings, "yaml.schemas": maps}
