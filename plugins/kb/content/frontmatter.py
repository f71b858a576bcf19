"""Front matter: split a page, parse its YAML safely and keep the line of every key.

Every scalar stays a string (no YAML 1.1 surprises: `no` is not False,
`2025-13-01` is not a date), empty values become None, and anchors, aliases,
tags and duplicate keys are refused. Only `FrontMatterError` ever escapes.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import frontmatter
import yaml

MAX_FRONT_MATTER_BYTES = 64_000
MAX_DEPTH = 100
"""Levels of nesting allowed: pages need a few; the YAML libraries fail in their own words near 1,000."""
TOO_DEEP = f"expected front matter at most {MAX_DEPTH} levels deep; found nesting too deep to read"
NULLS = {"", "~", "null", "Null", "NULL"}

Path = tuple[str | int, ...]


class FrontMatterError(Exception):
    """A page whose front matter cannot be read; `line` is the file line."""

    def __init__(self, line: int, field: str, message: str):
        self.line, self.field, self.message = line, field, message
        super().__init__(f"{line}: {field}: {message}")


@dataclass
class ParsedPage:
    """A page split into front matter and body, with file lines for every key."""

    meta: dict[str, Any]
    body: str
    body_line: int
    """File line on which the body starts."""
    lines: dict[Path, int] = field(default_factory=dict)
    """File line of each key and list item, by path such as ('setting', 'phase', 1)."""

    def line_of(self, path: Path) -> int:
        """The line of `path`, or of its nearest parent that has one."""
        path = tuple(path)
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return self.lines.get((), 1)


if TYPE_CHECKING:
    _Base = yaml.SafeLoader  # the interface: CSafeLoader has the same one, but exists only where PyYAML has libyaml
else:
    _Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml's parser when PyYAML has it: ~10 times faster


class _StringLoader(_Base):
    """SafeLoader that resolves no implicit types: every plain scalar is a string."""


_StringLoader.yaml_implicit_resolvers = {}

_PLAIN_TAGS = {"tag:yaml.org,2002:str", "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"}


def decode(data: bytes) -> str:
    """Decode UTF-8 (with or without a BOM) and normalise line endings."""
    if b"\x00" in data:
        raise FrontMatterError(1, "file", "expected a UTF-8 text file; found binary data (a NUL byte)")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise FrontMatterError(
            line,
            "file",
            f"expected UTF-8 text; found the byte 0x{data[exc.start]:02x}, which is not UTF-8 (save the file as UTF-8)",
        ) from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


class _PageHandler(frontmatter.YAMLHandler):
    """python-frontmatter's YAML handler with our delimiters: `---` opens; `---` or `...` closes.

    It only splits: the YAML is composed by `parse_yaml`, which keeps line numbers and types.
    """

    FM_BOUNDARY = re.compile(r"^(?:---|\.\.\.)[^\S\n]*$", re.MULTILINE)

    def detect(self, text: str) -> bool:
        return re.match(r"---[^\S\n]*(?:\n|$)", text) is not None


_HANDLER = _PageHandler()


def split(text: str) -> tuple[str, str, int]:
    """Split text into (yaml, body, body_line); the YAML starts on file line 2."""
    if not text.strip():
        raise FrontMatterError(1, "file", "expected front matter between '---' lines; found an empty file")
    if not _HANDLER.detect(text):
        first = text.split("\n", 1)[0]
        raise FrontMatterError(
            1, "file", f"expected the first line to be '---' to open the front matter; found {first[:40]!r}"
        )
    try:
        block, body = _HANDLER.split(text)
    except ValueError:  # one delimiter only
        raise FrontMatterError(
            1, "file", "expected a closing '---' line after the front matter; found none before the end of the file"
        ) from None
    return block[1:], body[1:] if body.startswith("\n") else body, 2 + block.count("\n")


def parse(data: bytes | str) -> ParsedPage:
    """Parse a whole page (bytes or text) into a `ParsedPage`."""
    text = decode(data) if isinstance(data, bytes) else data.lstrip("\ufeff").replace("\r\n", "\n")
    source, body, body_line = split(text)
    if len(source.encode()) > MAX_FRONT_MATTER_BYTES:
        raise FrontMatterError(
            2,
            "file",
            f"expected front matter under {MAX_FRONT_MATTER_BYTES // 1000} KB; found {len(source.encode()) // 1000} KB",
        )
    meta, lines = parse_yaml(source, first_line=2)
    if not isinstance(meta, dict):
        found = "nothing" if meta is None else ("a list" if isinstance(meta, list) else f"the text {str(meta)[:40]!r}")
        raise FrontMatterError(2, "file", f"expected front matter to be a set of 'key: value' lines; found {found}")
    return ParsedPage(meta=meta, body=body, body_line=body_line, lines=lines)


def parse_yaml(source: str, first_line: int = 1) -> tuple[Any, dict[Path, int]]:
    """Parse a YAML document to plain data, with the file line of every node."""
    at = file_lines(source, first_line)
    try:
        node = yaml.compose(source, Loader=_StringLoader)
    except yaml.MarkedYAMLError as exc:
        if _too_deep(source):
            raise FrontMatterError(first_line, "yaml", TOO_DEEP) from None
        mark = exc.problem_mark or exc.context_mark
        line = at[min(mark.line, len(at) - 1)] if mark else first_line
        text = source.split("\n")[line - first_line] if mark else ""
        problem = _known_problem(text) or (exc.problem or "invalid YAML").strip().removeprefix("found ")
        raise FrontMatterError(line, "yaml", f"expected valid YAML; found {problem}") from None
    except yaml.reader.ReaderError:
        bad = _NOT_YAML_RE.search(source)
        line = first_line + source.count("\n", 0, bad.start()) if bad else first_line
        raise FrontMatterError(
            line,
            "yaml",
            f"expected valid YAML; found the character {bad.group() if bad else ''!r}, which YAML does not allow",
        ) from None
    except yaml.YAMLError as exc:  # composer errors without marks
        raise FrontMatterError(first_line, "yaml", f"expected valid YAML; found {exc}") from None
    except RecursionError:
        raise FrontMatterError(first_line, "yaml", TOO_DEEP) from None
    lines: dict[Path, int] = {}
    if node is None:
        return None, lines
    try:
        return _convert(node, (), lines, at, set()), lines
    except RecursionError:
        raise FrontMatterError(first_line, "yaml", TOO_DEEP) from None


def file_lines(source: str, first_line: int = 1) -> Sequence[int]:
    """The file line of each line YAML counts: YAML also ends lines at CR, NEL, U+2028 and U+2029; editors and git only at LF."""
    if not _OTHER_BREAK_RE.search(source):
        return range(first_line, first_line + source.count("\n") + 1)
    lines = [first_line]
    for match in _YAML_BREAK_RE.finditer(source):
        lines.append(lines[-1] + ("\n" in match.group()))
    return lines


_YAML_BREAK_RE = re.compile(r"\r\n?|[\n\x85\u2028\u2029]")
_OTHER_BREAK_RE = re.compile(r"[\r\x85\u2028\u2029]")
_NOT_YAML_RE = re.compile("[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
"""A character YAML refuses to read (control characters but tab and line ends)."""


def _too_deep(source: str) -> bool:
    """Whether the YAML nests deeper than `MAX_DEPTH` before it fails.

    Read as a stream of events (no recursion) by PyYAML's pure-Python parser, which,
    unlike libyaml's, sets no nesting limit of its own; called only once a page has failed.
    """
    depth = 0
    try:
        for event in yaml.parse(source, Loader=yaml.SafeLoader):
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH:
                    return True
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
    except yaml.YAMLError:
        pass
    return False


def _known_problem(line: str) -> str | None:
    """The usual mistakes on a failing line, in our words (the YAML library's own are the fallback)."""
    indent = line[: len(line) - len(line.lstrip())]
    if "\t" in indent:
        return "a tab in the indentation (use spaces, not tabs, to indent)"
    if _UNQUOTED_COLON.match(line):
        return "': ' inside a value that is not in quotes (put the whole value in quotes)"
    return None


_UNQUOTED_COLON = re.compile(r"\s*(?:- )?[^\s:'\"#][^:]*:[^\S\n]+[^'\"\s\[{|>][^#]*?:(?:\s|$)")


def _convert(node: yaml.Node, path: Path, lines: dict[Path, int], at: Sequence[int], seen: set[int]) -> Any:
    line = at[node.start_mark.line]
    lines.setdefault(path, line)
    if len(path) > MAX_DEPTH:
        raise FrontMatterError(at[0], "yaml", TOO_DEEP)
    if id(node) in seen:
        raise FrontMatterError(
            lines[path], dotted(path), "expected plain values; found a YAML alias (*name), which is not allowed"
        )
    seen.add(id(node))
    if node.tag not in _PLAIN_TAGS:
        raise FrontMatterError(
            line, dotted(path), f"expected plain values; found the YAML tag {node.tag!r}, which is not allowed"
        )
    if isinstance(node, yaml.ScalarNode):
        if not node.style and node.value in NULLS:  # plain (libyaml gives '' for plain, PyYAML None)
            return None
        return node.value
    if isinstance(node, yaml.SequenceNode):
        items = []
        for index, child in enumerate(node.value):
            lines[path + (index,)] = at[child.start_mark.line]
            items.append(_convert(child, path + (index,), lines, at, seen))
        return items
    result: dict[str, Any] = {}
    for key_node, value_node in node.value:
        key_line = at[key_node.start_mark.line]
        if not isinstance(key_node, yaml.ScalarNode):
            raise FrontMatterError(
                key_line, dotted(path), "expected a plain key name; found a list or mapping used as a key"
            )
        key = key_node.value
        if key == "<<":
            raise FrontMatterError(
                key_line, dotted(path), "expected plain keys; found a YAML merge key '<<', which is not allowed"
            )
        if key in result:
            raise FrontMatterError(
                key_line,
                dotted(path + (key,)),
                f"expected each key once; found {key!r} again (first on line {lines[path + (key,)]})",
            )
        lines[path + (key,)] = key_line
        result[key] = _convert(value_node, path + (key,), lines, at, seen)
    return result


def strings(value: Any, path: Path = ()) -> Iterator[tuple[Path, str]]:
    """Every text value in parsed front matter, with its path."""
    if isinstance(value, dict):
        for key, item in value.items():
            yield from strings(item, path + (key,))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from strings(item, path + (index,))
    elif isinstance(value, str):
        yield path, value


def dotted(path: Path) -> str:
    """('setting', 'phase', 1) -> 'setting.phase[1]'."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text or "front matter"
