"""The controlled vocabularies: one YAML file of facets, values, labels and descriptions."""

from __future__ import annotations

from contextvars import ContextVar
from dataclasses import dataclass
from pathlib import Path

from .frontmatter import FrontMatterError, parse_yaml


@dataclass(frozen=True)
class Term:
    """One allowed value of a facet."""

    value: str
    label: str
    description: str


@dataclass(frozen=True)
class Facet:
    """A named list of terms, in display order."""

    name: str
    label: str
    description: str
    terms: tuple[Term, ...]

    @property
    def values(self) -> list[str]:
        return [term.value for term in self.terms]

    def label_of(self, value: str) -> str:
        return next((t.label for t in self.terms if t.value == value), value)


class Vocabulary(dict[str, Facet]):
    """All facets by name."""

    @classmethod
    def load(cls, path: Path) -> "Vocabulary":
        """Read the vocabulary file; raises `FrontMatterError` with a line on a bad entry."""
        data, lines = parse_yaml(path.read_text(encoding="utf-8"))
        vocabulary = cls()
        if not isinstance(data, dict):
            raise FrontMatterError(1, "vocabulary", "expected a mapping of facet names")
        for name, spec in data.items():
            try:
                if set(spec) != {"label", "description", "values"} or any(set(e) != {"label", "description"} for e in spec["values"].values()):
                    raise KeyError(name)
                terms = tuple(
                    Term(value, entry["label"], entry["description"])
                    for value, entry in spec["values"].items()
                )
                vocabulary[name] = Facet(name, spec["label"], spec["description"], terms)
            except (KeyError, TypeError, AttributeError):
                raise FrontMatterError(
                    lines.get((name,), 1), name,
                    "expected 'label', 'description' and 'values' (each value with a label and a description)",
                ) from None
        return vocabulary


_current: ContextVar[Vocabulary | None] = ContextVar("vocabulary", default=None)
DEFAULT_PATH = Path(__file__).resolve().parents[2] / "content" / "vocabulary.yml"


def current() -> Vocabulary:
    """The vocabulary in use (the project's own file unless `use()` set another)."""
    vocabulary = _current.get()
    if vocabulary is None:
        vocabulary = Vocabulary.load(DEFAULT_PATH)
        _current.set(vocabulary)
    return vocabulary


def use(vocabulary: Vocabulary) -> None:
    """Make `vocabulary` the one that validation and schema export use."""
    _current.set(vocabulary)
