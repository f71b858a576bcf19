"""The `build.py` commands that need no MkDocs: check, new, schema and import."""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

import yaml

from kb import check as check_content
from kb.checks.content_files import VOCABULARY_FILE
from kb.checks.loading import Memo, read_vocabulary
from kb.content.addresses import API
from kb.content.diagnostics import summary_line
from kb.content.knowledge_base import KnowledgeBase, display_path
from kb.content.page_types import FOLDERS
from kb.content.vocabulary import Vocabulary
from kb.output import importer, scaffold, schema_export, submission

TYPES = sorted(FOLDERS)


def check(content_dir: Path, output: str = "text") -> int:
    """Print every problem and a count; 0 when there is no error."""
    return report(check_content(content_dir), output)


def report(kb: KnowledgeBase, output: str = "text") -> int:
    """Print the problems of a checked knowledge base and a count; 0 when there is no error."""
    for diagnostic in kb.diagnostics:
        print(diagnostic.github() if output == "github" else diagnostic.format())
    if kb.diagnostics:
        print(summary_line(kb.diagnostics))
    else:
        print(f"All {len(kb.entries)} pages are valid.")
    return 1 if kb.errors else 0


def new(content_dir: Path, type_name: str, title: str) -> int:
    """Write a page from its template; never overwrite."""
    vocab = _vocabulary(content_dir)
    if vocab is None:
        return 1
    try:
        path = scaffold.write_page(content_dir, type_name, title, vocab)
    except FileExistsError as exc:
        print(f"Not written: {exc} already exists. Choose another title, or edit that page.", file=sys.stderr)
        return 1
    except ValueError as exc:
        print(f"Not written: {exc}", file=sys.stderr)
        return 1
    print(f"Wrote {path}\nFill in every 'FILL IN' placeholder, then run: python build.py check")
    return 0


def schema(out_dir: Path, content_dir: Path, project: Path) -> int:
    """Write one JSON Schema file per page type (with `content_dir`'s vocabulary), and the editors' maps in `project`."""
    vocab = _vocabulary(content_dir)
    if vocab is None:
        return 1
    out_dir.mkdir(parents=True, exist_ok=True)
    for name, document in schema_export.schemas(vocab).items():
        (out_dir / f"{name}.schema.json").write_text(_json(document), encoding="utf-8")
    api_schemas = schema_export.api_schemas()
    for name, text in api_schemas.items():
        path = out_dir / API / name  # as the site has them: schema/api/v1/
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    settings = project / ".vscode" / "settings.json"
    current = json.loads(settings.read_text(encoding="utf-8")) if settings.is_file() else {}
    settings.parent.mkdir(exist_ok=True)
    settings.write_text(_json(schema_export.vscode_settings(current)), encoding="utf-8")
    (project / ".remarkrc.mjs").write_text(schema_export.remark_config(), encoding="utf-8")
    form = project / submission.ISSUE_FORM
    form.parent.mkdir(parents=True, exist_ok=True)
    form.write_text(issue_form(vocab), encoding="utf-8")
    print(
        f"Wrote {len(TYPES)} schemas to {out_dir}, {len(api_schemas)} of the API to {out_dir / API},"
        f" the maps of .vscode/settings.json and .remarkrc.mjs, and {submission.ISSUE_FORM}"
    )
    return 0


def issue_form(vocab: Vocabulary) -> str:
    """The GitHub issue form for case studies, as written to `submission.ISSUE_FORM`."""
    document = yaml.safe_dump(submission.issue_form(vocab), sort_keys=False, allow_unicode=True, width=120)
    return "# Written by `build.py schema` from the case-study template and model: do not edit by hand.\n" + document


def import_submission(source: str, content_dir: Path) -> int:
    """Write a case study from a submission (a .docx, an issue form's body or an email; '-' reads standard input),
    then report what `check` says about it. Every problem is one line."""
    started = time.monotonic()
    memo: Memo = {}  # the second check reads only the new page again
    if _vocabulary(content_dir) is None:  # its problems are printed: answers cannot be matched without it
        return 1
    try:
        data = _read_limited(source)
        found = importer.read(data)
        knowledge_base = check_content(content_dir, memo)
        meta, body, notes = importer.page(found, knowledge_base)
        path = importer.write(content_dir, meta, body)
    except (importer.SubmissionError, OSError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else exc
        print(f"Not imported: {source}: {reason}", file=sys.stderr)
        return 1
    print(f"Wrote {path} from {'standard input' if source == '-' else source} (read as {found.kind}).")
    for note in notes:
        print(f"Note: {note}")
    shown = display_path(path)
    problems = [d for d in check_content(content_dir, memo).diagnostics if d.path == shown]
    for diagnostic in problems:
        print(diagnostic.format())
    print(
        f"{len(problems)} problem(s) to fix in it" if problems else "It passes the check.",
        f"(imported in {time.monotonic() - started:.1f} s). Then read it for consent and anonymisation"
        " (SECURITY.md: what a maintainer must still review) and run: python build.py check",
    )
    return 0


def _read_limited(source: str) -> bytes:
    """The bytes of a file (or of standard input for '-'), refusing more than a submission may hold."""
    limit = importer.MAX_DOCX_BYTES
    if source == "-":
        data = sys.stdin.buffer.read(limit + 1)
    else:
        with open(source, "rb") as handle:
            data = handle.read(limit + 1)
    if len(data) > limit:
        raise importer.SubmissionError(f"expected a file under {limit // 1_000_000} MB; found a larger one")
    return data


def _json(document: object) -> str:
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def _vocabulary(content_dir: Path) -> Vocabulary | None:
    """The content folder's vocabulary, or None after printing its problems."""
    vocab, problems = read_vocabulary(Path(content_dir) / VOCABULARY_FILE)
    for problem in problems:
        print(problem.format(), file=sys.stderr)
    return vocab
