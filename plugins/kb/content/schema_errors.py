"""Turn pydantic validation errors into plain one-line diagnostics."""

from __future__ import annotations

import types
import typing
from typing import Any

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from kb.content.diagnostics import Diagnostic, expected_one_of
from kb.content.frontmatter import ParsedPage, dotted
from kb.content.models import describe


def diagnostics_from(error: ValidationError, model: type[BaseModel], parsed: ParsedPage, path: str) -> list[Diagnostic]:
    """One diagnostic per pydantic error, located at the key's line in the file."""
    found: list[Diagnostic] = []
    for item in error.errors(include_url=False):
        loc = tuple(item["loc"])
        found.append(Diagnostic(path, parsed.line_of(loc), dotted(loc) or "front matter", _message(item, model, loc)))
    return found


def _message(item: ErrorDetails, model: type[BaseModel], loc: tuple) -> str:
    kind, value, ctx = item["type"], item.get("input"), item.get("ctx") or {}
    if kind == "kb":
        return item["msg"]
    if kind == "missing":
        return "expected a value for this required field; found none"
    if kind == "extra_forbidden":
        allowed = fields_at(model, loc[:-1])
        return expected_one_of(allowed, loc[-1], "a known field,").replace("found ", "found the unknown field ", 1)
    if kind in ("int_parsing", "int_type", "int_from_float"):
        return f"expected a whole number; found {describe(value)}"
    if kind in ("bool_parsing", "bool_type"):
        return f"expected true or false; found {describe(value)}"
    if kind == "list_type":
        return f"expected a list (lines starting with '- ', or [a, b]); found {describe(value)}"
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        return f"expected a set of 'key: value' lines; found {describe(value)}"
    if kind == "string_type":
        return f"expected text; found {describe(value)}"
    if kind == "too_short":
        return f"expected at least {ctx.get('min_length')} item(s); found {ctx.get('actual_length', 0)}"
    if kind == "literal_error":
        return expected_one_of(_literals(annotation_at(model, loc)), value)
    return f"{item['msg'].rstrip('.').lower()}; found {describe(value)}"


def annotation_at(model: type[BaseModel], loc: tuple) -> Any:
    """The annotation of the field reached by following `loc` from `model` (None if there is none)."""
    current: Any = model
    annotation = None
    for part in loc:
        if isinstance(part, int):
            continue
        fields = getattr(current, "model_fields", {})
        if part not in fields:
            return None
        annotation = fields[part].annotation
        current = _inner_model(annotation)
    return annotation


def _literals(annotation: Any) -> list[str]:
    """The values of the first `Literal` inside an annotation (through list, Optional, Annotated)."""
    if typing.get_origin(annotation) is typing.Literal:
        return [str(value) for value in typing.get_args(annotation)]
    for arg in typing.get_args(annotation):
        if found := _literals(arg):
            return found
    return []


def fields_at(model: type[BaseModel], loc: tuple) -> list[str]:
    """The field names of the nested model reached by following `loc` from `model`."""
    current: Any = model
    for part in loc:
        if isinstance(part, int):
            continue
        fields = getattr(current, "model_fields", {})
        if part not in fields:
            return []
        current = _inner_model(fields[part].annotation)
    return list(getattr(current, "model_fields", {}))


def _inner_model(annotation: Any) -> Any:
    """Unwrap Optional, list and Annotated down to a BaseModel subclass, if any."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    origin = typing.get_origin(annotation)
    if origin in (list, typing.Union, types.UnionType, typing.Annotated):
        for arg in typing.get_args(annotation):
            found = _inner_model(arg)
            if found is not None:
                return found
    return None
