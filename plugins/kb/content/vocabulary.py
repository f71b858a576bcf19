"""The controlled vocabularies: one YAML file of facets, values, labels and descriptions."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from kb.content.frontmatter import FrontMatterError, parse_yaml


@dataclass(frozen=True)
class Term:
    """One allowed value of a facet."""

    value: str
    label: str
    description: str
    placeholder: bool = False
    """A value that says the source does not give one ("not stated", "anonymised"): kept on the page, never a filter."""


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

    def placeholders(self) -> set[str]:
        """The values that say the source gives none."""
        return {t.value for t in self.terms if t.placeholder}

    def label_of(self, value: str) -> str:
        return next((t.label for t in self.terms if t.value == value), value)


class Vocabulary(dict[str, Facet]):
    """All facets by name."""

    @classmethod
    def load(cls, path: Path) -> Vocabulary:
        """Read the vocabulary file; raises `FrontMatterError` with a line on a bad entry."""
        try:
            text = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            raise FrontMatterError(
                1, "file", "expected the vocabulary file, which lists the values of every facet; found none"
            ) from None
        except (OSError, UnicodeDecodeError):
            raise FrontMatterError(
                1, "file", "expected a readable UTF-8 vocabulary file; found one that cannot be read"
            ) from None
        data, lines = parse_yaml(text)
        vocabulary = cls()
        if not isinstance(data, dict):
            raise FrontMatterError(
                1,
                "vocabulary",
                "expected a mapping of facet names, each with a label, a description and values; found none",
            )
        for name, spec in data.items():
            vocabulary[name] = _facet(name, spec, lines)
        return vocabulary


def _facet(name: str, spec: object, lines: dict) -> Facet:
    """One facet, or a `FrontMatterError` at the line of what is wrong with it."""
    line = lines.get((name,), 1)
    if not isinstance(spec, dict) or set(spec) != {"label", "description", "values"}:
        raise FrontMatterError(
            line,
            name,
            "expected 'label', 'description' and 'values'; found "
            + (", ".join(map(repr, spec)) if isinstance(spec, dict) else "no set of keys"),
        )
    values = spec["values"]
    if not isinstance(values, dict) or not values:
        raise FrontMatterError(
            lines.get((name, "values"), line),
            f"{name}.values",
            "expected at least one value, each with a label and a description; found none",
        )
    terms = []
    for value, entry in values.items():
        if (
            not isinstance(entry, dict)
            or not {"label", "description"} <= set(entry) <= {"label", "description", "placeholder"}
            or not all(isinstance(entry[k], str) and entry[k] for k in ("label", "description"))
            or entry.get("placeholder", "true") != "true"
        ):
            raise FrontMatterError(
                lines.get((name, "values", value), line),
                f"{name}.values.{value}",
                "expected a label and a description, both text (and optionally `placeholder: true`); found something else",
            )
        terms.append(Term(value, entry["label"], entry["description"], "placeholder" in entry))
    if not isinstance(spec["label"], str) or not isinstance(spec["description"], str):
        raise FrontMatterError(line, name, "expected a label and a description as text; found something else")
    return Facet(name, spec["label"], spec["description"], tuple(terms))


def missing(vocabulary: Vocabulary, wanted: set[str]) -> list[str]:
    """The facets the content model uses that the vocabulary does not define, sorted."""
    return sorted(wanted - set(vocabulary))
