"""Load the knowledge base: check every file, read the vocabulary, then read, check and type every page once."""

from __future__ import annotations

import hashlib
import math
import multiprocessing
import os
import re
import threading
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from kb.checks import content_files, safety
from kb.checks.content_files import VOCABULARY_FILE
from kb.content.addresses import THEME_FOLDERS
from kb.content.body import headings, links
from kb.content.diagnostics import Diagnostic, expected_one_of
from kb.content.fieldtypes import SLUG_RE
from kb.content.frontmatter import FrontMatterError, ParsedPage, decode, dotted, parse, strings
from kb.content.frontmatter import Path as FieldPath
from kb.content.knowledge_base import Entry, KnowledgeBase, display_path
from kb.content.models import SitePage
from kb.content.page_types import FACETS_USED, FOLDERS, MODELS, TYPE_OF_FOLDER
from kb.content.schema_errors import diagnostics_from
from kb.content.vocabulary import Vocabulary, missing

MAX_PAGE_BYTES = 500_000
"""The largest page read: 25 times the longest page today, and a bound on the time every scan of a page takes."""
PLACEHOLDER_RE = re.compile(r"FILL[ -]IN", re.IGNORECASE)
SPLIT_FROM_PAGES = 400
"""From this many pages (and with a second core), a forked process reads the second half while this one reads the first."""


Memo = dict[str, tuple[bytes, "Entry | None", list[Diagnostic]]]
"""What loading gave for each page, by content path, under a digest of all it depends on (its bytes, the vocabulary, its displayed path)."""


def load(content_dir: Path, memo: Memo | None = None) -> KnowledgeBase:
    """Check every file under `content_dir`, read the vocabulary, then read and type every page (no cross-page checks).

    With a `memo` (kept by the caller from one load to the next, as the preview server does), a page
    whose file and vocabulary are byte for byte as they were is not parsed and typed again.
    """
    content_dir = Path(content_dir)
    files = content_files.scan(content_dir, display_path(content_dir), THEME_FOLDERS)
    vocab, problems = read_vocabulary(content_dir / VOCABULARY_FILE)
    kb = KnowledgeBase(content_dir, vocab or Vocabulary(), images=files.images)
    kb.diagnostics += files.problems + problems
    if vocab is None:
        return kb  # pages cannot be typed without their facets' values
    # Besides its bytes, a page's entry depends on the vocabulary it is typed against and where its path is shown from.
    context = hashlib.blake2b(f"{vocab!r}\0{os.getcwd()}".encode()).digest()
    for src_uri in files.pages:
        folder_type = TYPE_OF_FOLDER.get(src_uri.split("/")[0]) if "/" in src_uri else None
        if folder_type:
            kb.files.setdefault(Path(src_uri).stem, []).append((folder_type, display_path(content_dir / src_uri)))
    if memo is None:
        loaded = _load_pages(content_dir, files.pages, vocab)
    else:
        loaded = [_remembered(memo, content_dir / src_uri, src_uri, vocab, context) for src_uri in files.pages]
    for src_uri, (entry, problems) in zip(files.pages, loaded, strict=True):
        kb.diagnostics += problems
        if entry is not None:
            kb.entries[src_uri] = entry
    if memo is not None:
        for gone in set(memo) - set(files.pages):
            del memo[gone]
    return kb


def _load_pages(content_dir: Path, pages: list[str], vocab: Vocabulary) -> list[tuple[Entry | None, list[Diagnostic]]]:
    """`load_entry` for each page, in order: the second half in a forked process when there are many pages."""
    if len(pages) < SPLIT_FROM_PAGES or not can_fork():
        return _load_each(content_dir, pages, vocab)
    half = len(pages) // 2
    with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("fork")) as pool:
        second = pool.submit(_load_each, content_dir, pages[half:], vocab)
        return _load_each(content_dir, pages[:half], vocab) + second.result()


def can_fork() -> bool:
    """A second core, and no other thread (a preview server runs some) whose locks a forked child could inherit held."""
    return len(os.sched_getaffinity(0)) > 1 and threading.active_count() == 1


def _load_each(content_dir: Path, pages: list[str], vocab: Vocabulary) -> list[tuple[Entry | None, list[Diagnostic]]]:
    return [load_entry(content_dir / src_uri, src_uri, vocab) for src_uri in pages]


def _remembered(
    memo: Memo, file: Path, src_uri: str, vocab: Vocabulary, context: bytes
) -> tuple[Entry | None, list[Diagnostic]]:
    """`load_entry`, or what it gave last time for the same bytes (a file too large or unreadable is never remembered)."""
    try:
        if file.stat().st_size > MAX_PAGE_BYTES:
            return load_entry(file, src_uri, vocab)
        digest = hashlib.blake2b(file.read_bytes() + str(file).encode()).digest() + context
    except OSError:
        return load_entry(file, src_uri, vocab)
    remembered = memo.get(src_uri)
    if remembered is not None and remembered[0] == digest:
        return remembered[1], list(remembered[2])
    entry, problems = load_entry(file, src_uri, vocab)
    memo[src_uri] = (digest, entry, list(problems))
    return entry, problems


def read_vocabulary(path: Path) -> tuple[Vocabulary | None, list[Diagnostic]]:
    """The vocabulary file, or None and its problems (each at its line)."""
    shown = display_path(path)
    try:
        vocab = Vocabulary.load(path)
    except FrontMatterError as exc:
        return None, [Diagnostic(shown, exc.line, exc.field, exc.message)]
    absent = missing(vocab, FACETS_USED)
    if absent:
        return None, [
            Diagnostic(shown, 1, name, f"expected the facet '{name}', which pages use; found none") for name in absent
        ]
    return vocab, []


def load_entry(file: Path, src_uri: str, vocab: Vocabulary) -> tuple[Entry | None, list[Diagnostic]]:
    """Parse and type one page; returns the entry (or None) and its problems."""
    path = display_path(file)
    parts = src_uri.split("/")
    expected_type = TYPE_OF_FOLDER.get(parts[0]) if len(parts) > 1 else "page"
    if expected_type is None or len(parts) > 2:
        folders = [f + "/" for f in FOLDERS.values()]
        return None, [
            Diagnostic(
                path, 1, "file", expected_one_of(folders, parts[0] + "/", "the page to be in the content folder or in")
            )
        ]
    try:
        size = file.stat().st_size
        if size > MAX_PAGE_BYTES:
            return None, [
                Diagnostic(
                    path,
                    1,
                    "file",
                    f"expected a page under {MAX_PAGE_BYTES // 1000} KB; found {math.ceil(size / 1000)} KB",
                )
            ]
        data = file.read_bytes()
    except OSError as exc:
        return None, [
            Diagnostic(path, 1, "file", f"expected a readable file; found an error reading it ({exc.strerror})")
        ]
    try:
        parsed = parse(data)
    except FrontMatterError as exc:
        if expected_type == "page" and exc.field == "file" and exc.line == 1 and "first line" in exc.message:
            parsed = ParsedPage(meta={}, body=decode(data), body_line=1)
        else:
            return None, [Diagnostic(path, exc.line, exc.field, exc.message)]
    if not SLUG_RE.match(Path(src_uri).stem):
        return None, [
            Diagnostic(
                path,
                1,
                "file name",
                f"expected lower-case words joined by hyphens, ending in .md (the slug); found {Path(src_uri).name!r}",
            )
        ]
    texts = list(strings(parsed.meta))
    unsafe = safety.check_front_matter(parsed, texts, path) + safety.check_body(parsed.body, parsed.body_line, path)
    placeholders = find_placeholders(parsed, texts, path)
    if placeholders:
        return None, placeholders + unsafe
    meta = drop_empty(parsed.meta)
    found_type = meta.get("type", "page" if expected_type == "page" else None)
    if found_type != expected_type:
        where = f"the type of pages in {parts[0]}/" if expected_type != "page" else "pages outside the type folders"
        return None, [
            Diagnostic(
                path,
                parsed.line_of(("type",)),
                "type",
                f"expected '{expected_type}' ({where}); found {'nothing' if found_type is None else repr(found_type)}",
            )
        ]
    model = MODELS.get(expected_type, SitePage)
    try:
        page = model.model_validate(meta, context={"vocabulary": vocab})
    except ValidationError as exc:
        return None, diagnostics_from(exc, model, parsed, path) + unsafe
    return Entry(
        src_uri, path, parsed, page, headings(parsed.body, parsed.body_line), links(parsed.body, parsed.body_line)
    ), unsafe


def find_placeholders(parsed: ParsedPage, texts: list[tuple[FieldPath, str]], path: str) -> list[Diagnostic]:
    """Report every 'FILL IN' left from a `build.py new` template (`texts`: the front matter's, from `strings`)."""
    found = [
        Diagnostic(
            path,
            parsed.line_of(loc),
            dotted(loc),
            f"expected your own text in place of the template's placeholder; found {value[:60]!r}",
        )
        for loc, value in texts
        if PLACEHOLDER_RE.search(value)
    ]
    if PLACEHOLDER_RE.search(parsed.body):
        for offset, text in enumerate(parsed.body.split("\n")):
            if PLACEHOLDER_RE.search(text):
                found.append(
                    Diagnostic(
                        path,
                        parsed.body_line + offset,
                        "body",
                        f"expected your own text in place of the template's placeholder; found {text.strip()[:60]!r}",
                    )
                )
    return found


def drop_empty(value: Any) -> Any:
    """Remove keys left empty, so that an empty optional key means 'not set'."""
    if isinstance(value, dict):
        return {k: drop_empty(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [drop_empty(v) for v in value]
    return value
