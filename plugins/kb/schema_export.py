"""Export the content model and the vocabulary as JSON Schema, one document per page type."""

from __future__ import annotations

from typing import Any

from .models import FOLDERS, MODELS

SCHEMA_DRAFT = "http://json-schema.org/draft-07/schema#"


def schemas() -> dict[str, dict[str, Any]]:
    """JSON Schema documents by page type, deterministic (sorted keys are left to the writer)."""
    documents = {}
    for name, model in MODELS.items():
        document = model.model_json_schema(mode="validation")
        document["$schema"] = SCHEMA_DRAFT
        document["$id"] = f"{name}.schema.json"
        document["description"] = f"Front matter of a {name} page in content/{FOLDERS[name]}/. {model.__doc__.strip()}"
        documents[name] = document
    return documents
