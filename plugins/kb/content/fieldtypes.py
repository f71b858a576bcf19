"""Field types for the content model: vocabulary values, page references, plain text.

Each type validates with a plain-English message and describes itself in the
exported JSON Schema (enums and labels come from the vocabulary file).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Annotated, Any

from pydantic import GetCoreSchemaHandler, GetJsonSchemaHandler, PlainValidator, WithJsonSchema
from pydantic_core import PydanticCustomError, core_schema

from kb.content.diagnostics import expected_one_of
from kb.content.vocabulary import Vocabulary

SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def _text(value: Any) -> str:
    if not isinstance(value, str):
        kind = "a list" if isinstance(value, list) else "a set of keys" if isinstance(value, dict) else "nothing"
        raise PydanticCustomError("kb", "expected text; found {found}", {"found": kind})
    return value


@dataclass(frozen=True)
class Vocab:
    """A value from one facet of the vocabulary file."""

    facet: str

    def __get_pydantic_core_schema__(self, source: Any, handler: GetCoreSchemaHandler) -> core_schema.CoreSchema:
        return core_schema.with_info_plain_validator_function(self.validate)

    def __get_pydantic_json_schema__(self, schema: Any, handler: GetJsonSchemaHandler) -> dict[str, Any]:
        return {"type": "string", FACET_KEY: self.facet}  # `schema_export` fills in the values of the vocabulary in use

    def validate(self, value: Any, info: core_schema.ValidationInfo) -> str:
        value = _text(value)
        facet = vocabulary_of(info)[self.facet]
        if value not in facet.values:
            raise PydanticCustomError(
                "kb",
                "{message}",
                {"message": expected_one_of(facet.values, value, f"{_article(facet.label.lower())},")},
            )
        return value


FACET_KEY = "x-kb-facet"
"""Marks a vocabulary field in the raw JSON Schema, until the vocabulary's values replace it."""


def vocabulary_of(info: core_schema.ValidationInfo) -> Vocabulary:
    """The vocabulary a page is validated against: `model_validate(..., context={"vocabulary": ...})`."""
    context = info.context or {}
    if "vocabulary" not in context:
        raise TypeError("pages are validated with context={'vocabulary': Vocabulary}")
    return context["vocabulary"]


class Ref:
    """The slug of another page, of one of the given types (none given: any type)."""

    def __init__(self, *types: str) -> None:
        self.types = types

    def __get_pydantic_core_schema__(self, source: Any, handler: GetCoreSchemaHandler) -> core_schema.CoreSchema:
        return core_schema.no_info_plain_validator_function(validate_slug)

    def __get_pydantic_json_schema__(self, schema: Any, handler: GetJsonSchemaHandler) -> dict[str, Any]:
        kinds = " or ".join(self.types)
        return {
            "type": "string",
            "pattern": SLUG_RE.pattern,
            "description": f"The slug (file name without .md) of a {kinds + ' ' if kinds else ''}page.",
        }


def validate_slug(value: Any) -> str:
    value = _text(value)
    if not SLUG_RE.match(value):
        raise PydanticCustomError(
            "kb",
            "expected a slug in lower-case words joined by hyphens (like 'peer-review'); found '{found}'",
            {"found": value},
        )
    return value


Slug = Annotated[str, PlainValidator(validate_slug), WithJsonSchema({"type": "string", "pattern": SLUG_RE.pattern})]


def _article(noun: str) -> str:
    return f"{'an' if noun[0] in 'aeiou' else 'a'} {noun}"
