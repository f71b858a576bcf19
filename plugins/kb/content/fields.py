"""Walk a page's typed fields: every reference to another page, with its place in the front matter."""

from __future__ import annotations

import functools
import types
import typing
from collections.abc import Iterable, Iterator
from typing import Any

from pydantic import BaseModel

from kb.content.fieldtypes import Ref, Vocab


def references(model: BaseModel, loc: tuple = ()) -> Iterator[tuple[tuple, str, tuple[str, ...]]]:
    """Yield (field path, slug, allowed types) for every page reference in a model (no types: any page)."""
    for name, kind, allowed in _reference_fields(type(model)):
        value = getattr(model, name)
        if value is None:
            continue
        items = enumerate(value) if kind.startswith("list") else [(None, value)]
        for index, item in items:
            where = loc + ((name,) if index is None else (name, index))
            if kind.endswith("ref"):
                yield where, item, allowed
            else:
                yield from references(item, where)


@functools.cache
def _reference_fields(model: type[BaseModel]) -> tuple[tuple[str, str, tuple[str, ...]], ...]:
    """The fields of a model that hold references or nested models: (name, kind, allowed types).

    Worked out once per model class from its annotations; kind is 'ref', 'model',
    'list-ref' or 'list-model'.
    """
    plan = []
    for name, info in model.model_fields.items():
        annotation, metadata = unwrap(info.annotation, list(info.metadata))
        prefix = ""
        if typing.get_origin(annotation) is list:
            prefix = "list-"
            annotation, metadata = unwrap(typing.get_args(annotation)[0], [])
        refs = [m for m in metadata if isinstance(m, Ref)]
        if refs:
            plan.append((name, prefix + "ref", refs[0].types))
        elif isinstance(annotation, type) and issubclass(annotation, BaseModel):
            plan.append((name, prefix + "model", ()))
    return tuple(plan)


def unwrap(annotation: Any, metadata: list) -> tuple[Any, list]:
    """Strip Optional and Annotated, collecting Annotated metadata."""
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation, *extra = typing.get_args(annotation)
            metadata = metadata + extra
        elif origin in (typing.Union, types.UnionType):
            annotation = next(a for a in typing.get_args(annotation) if a is not type(None))
        else:
            return annotation, metadata


def facets_used(models: Iterable[type[BaseModel]]) -> set[str]:
    """Every vocabulary facet a field of these models (or of the models they nest) takes its values from."""
    found: set[str] = set()
    seen: set[type[BaseModel]] = set()
    todo = list(models)
    while todo:
        model = todo.pop()
        if model in seen:
            continue
        seen.add(model)
        for info in model.model_fields.values():
            for annotation, metadata in _leaves(info.annotation, list(info.metadata)):
                found |= {m.facet for m in metadata if isinstance(m, Vocab)}
                if isinstance(annotation, type) and issubclass(annotation, BaseModel):
                    todo.append(annotation)
    return found


def _leaves(annotation: Any, metadata: list) -> Iterator[tuple[Any, list]]:
    """The annotations inside lists, dicts and unions, each with its Annotated metadata."""
    annotation, metadata = unwrap(annotation, metadata)
    args = typing.get_args(annotation)
    if typing.get_origin(annotation) in (list, dict) and args:
        for arg in args:
            yield from _leaves(arg, [])
    else:
        yield annotation, metadata
