"""Diagnostics: one problem in one file, printed as `path:line: field: message`.

Paths, fields and messages can carry a contributor's text, so every line is made
safe to print: nothing in it can end the line, move the cursor, colour the
terminal, reorder the text or start a GitHub workflow command.
"""

from __future__ import annotations

import difflib
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

Severity = Literal["error", "warning"]

UNSAFE_CATEGORIES = {"Cc", "Cf", "Cs", "Zl", "Zp"}
"""Controls (C0, DEL, C1), invisible format characters (bidi controls, zero-width), lone surrogates, line and paragraph separators."""


def one_line(text: str) -> str:
    """`text` with every unsafe character shown as its escape (`\\n`, `\\r`, `\\x1b`, `\\u2028`, `\\u202e`)."""
    if text.isprintable():
        return text
    return "".join(repr(char)[1:-1] if unicodedata.category(char) in UNSAFE_CATEGORIES else char for char in text)


def _data(text: str) -> str:
    """Escape workflow-command data as GitHub's toolkit does."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    """Escape a workflow-command property (file, line) as GitHub's toolkit does."""
    return _data(text).replace(":", "%3A").replace(",", "%2C")


@dataclass(frozen=True, order=True)
class Diagnostic:
    """A problem found in the content, located by file and line."""

    path: str
    """Path as the contributor sees it, e.g. `content/case-studies/x.md`."""
    line: int
    """1-based line in the file (0 when the problem is about the whole file)."""
    field: str
    """Dotted field path such as `setting.phase[1]`, or a short topic like `file`."""
    message: str
    """What was expected, and what was found."""
    severity: Severity = "error"

    def format(self) -> str:
        """Render as one safe line: `path:line: field: message` (warnings say so)."""
        prefix = "warning: " if self.severity == "warning" else ""
        return one_line(f"{self.path}:{self.line}: {prefix}{self.field}: {self.message}")

    def github(self) -> str:
        """Render as one GitHub Actions annotation, its properties and data escaped."""
        kind = "error" if self.severity == "error" else "warning"
        text = _data(one_line(f"{self.field}: {self.message}"))
        return f"::{kind} file={_property(one_line(self.path))},line={_property(str(max(self.line, 1)))}::{text}"


def expected_one_of(values: Iterable[str], found: object, what: str = "") -> str:
    """Plain message for a value outside a list, with a did-you-mean hint."""
    values = list(values)
    label = f"{what} " if what else ""
    message = f"expected {label}one of: {', '.join(values)}; found {found!r}"
    if isinstance(found, str):
        close = difflib.get_close_matches(found, values, n=1, cutoff=0.6)
        if close:
            message += f" (did you mean '{close[0]}'?)"
    return message


def summary_line(diagnostics: list[Diagnostic]) -> str:
    """A closing count such as `2 errors and 1 warning in 2 files`."""
    errors = sum(d.severity == "error" for d in diagnostics)
    warnings = len(diagnostics) - errors
    files = len({d.path for d in diagnostics})

    def plural(n: int, word: str) -> str:
        return f"{n} {word}{'' if n == 1 else 's'}"

    return f"{plural(errors, 'error')} and {plural(warnings, 'warning')} in {plural(files, 'file')}"
