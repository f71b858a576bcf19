#!/usr/bin/env python3
"""The knowledge base's command line: check, build, serve, new, schema, import.

python build.py check              validate every page; exit 1 on any error
python build.py build              check, then build the site atomically into site/
python build.py serve              preview with live reload on http://127.0.0.1:8000
python build.py editor             the browser editor on http://127.0.0.1:8000/admin/, saving to this clone
python build.py new TYPE "Title"   write a new page from a template
python build.py schema             refresh the JSON Schema files in schema/ and the GitHub issue form
python build.py import FILE        write a case study from a filled-in Word template, an issue form's body or an email
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT / "plugins"))

from kb import cli  # noqa: E402  (needs the path above)
from kb_mkdocs import commands as site  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="build.py", description="Check, build, preview and add pages to the knowledge base."
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    check = commands.add_parser(
        "check",
        help="validate every page and report all problems",
        description="Validate every page. Prints one line per problem (file:line: field: what was expected; found what) and a count. Exits 1 on any error.",
    )
    check.add_argument(
        "--format", choices=["text", "github"], default="text", help="'github' prints GitHub Actions annotations"
    )
    check.add_argument("--content", type=Path, default=ROOT / "content", help=argparse.SUPPRESS)

    build = commands.add_parser(
        "build",
        help="check, then build the site; a failed build keeps the last good site",
        description="Check the content, then build with mkdocs --strict into a temporary folder that replaces the site only if everything passed.",
    )
    build.add_argument(
        "--site-dir",
        type=Path,
        default=None,
        help="where the site goes (default: site/, or site-offline/ with --offline)",
    )
    build.add_argument(
        "--offline",
        action="store_true",
        help="a copy that opens from a folder or USB stick, search included, plus a .zip of it",
    )
    build.add_argument("--config", type=Path, default=ROOT / "mkdocs.yml", help=argparse.SUPPRESS)

    serve = commands.add_parser(
        "serve",
        help="preview the site with live reload",
        description="Preview the site on 127.0.0.1 with live reload. Restart after changing plugins/.",
    )
    serve.add_argument("--port", type=int, default=8000, help="port on 127.0.0.1 (default 8000)")
    serve.add_argument("--config", type=Path, default=ROOT / "mkdocs.yml", help=argparse.SUPPRESS)

    editor = commands.add_parser(
        "editor",
        help="try the browser editor against this clone (no GitHub needed)",
        description=(
            "Serve the site with live reload and run the browser editor's local backend (Decap CMS's decap-server, git mode)"
            " on 127.0.0.1. Each page saved in the editor becomes a branch cms/<folder>/<slug> in this clone, as it would be"
            " a pull request on GitHub. Commit or stash your own changes first."
        ),
    )
    editor.add_argument(
        "--port", type=int, default=8000, help="port of the site on 127.0.0.1 (default 8000); the editor is at /admin/"
    )
    editor.add_argument(
        "--backend-port", type=int, default=8081, help="port of the local backend on 127.0.0.1 (default 8081)"
    )
    editor.add_argument("--config", type=Path, default=ROOT / "mkdocs.yml", help=argparse.SUPPRESS)

    new = commands.add_parser(
        "new",
        help="write a new page from a template",
        description="Write content/<folder>/<slug>.md from a template that shows every field. Fill in every 'FILL IN' placeholder, then run check.",
    )
    new.add_argument("type", choices=cli.TYPES, help="the page type")
    new.add_argument("title", help="the page title, in quotes")
    new.add_argument("--content", type=Path, default=ROOT / "content", help=argparse.SUPPRESS)

    schema = commands.add_parser(
        "schema",
        help="write the JSON Schema of every page type to schema/, and the case-study issue form",
        description=(
            "Export the content model and vocabulary as JSON Schema, for editors, and write the GitHub issue form"
            " .github/ISSUE_TEMPLATE/case-study.yml from the case-study template."
        ),
    )
    schema.add_argument("--out", type=Path, default=ROOT / "schema", help=argparse.SUPPRESS)
    schema.add_argument("--content", type=Path, default=ROOT / "content", help=argparse.SUPPRESS)

    imports = commands.add_parser(
        "import",
        help="write a case study from a submission (Word template, issue form or email)",
        description=(
            "Write content/case-studies/<slug>.md from a filled-in Word template (.docx), the body of an issue made with"
            " the case-study form, or an email written under the template's headings (text; '-' reads standard input)."
            " Never overwrites. Answers that fit no allowed value stay as 'FILL IN' placeholders, and the page's"
            " problems are listed as check lists them."
        ),
    )
    imports.add_argument(
        "file", help="the .docx, or a text file with the issue's body or the email; '-' for standard input"
    )
    imports.add_argument("--content", type=Path, default=ROOT / "content", help=argparse.SUPPRESS)

    args = parser.parse_args(argv)
    if args.command == "check":
        return cli.check(args.content, args.format)
    if args.command == "build":
        site_dir = args.site_dir or ROOT / ("site-offline" if args.offline else "site")
        return site.build(args.config, site_dir, offline=args.offline)
    if args.command == "serve":
        return site.serve(args.config, args.port)
    if args.command == "editor":
        return site.editor(args.config, args.port, args.backend_port)
    if args.command == "new":
        return cli.new(args.content, args.type, args.title)
    if args.command == "import":
        return cli.import_submission(args.file, args.content)
    return cli.schema(args.out, args.content, args.out.parent)


if __name__ == "__main__":
    try:
        sys.exit(main())
    except KeyboardInterrupt:  # Ctrl-C outside a build (which cleans up after itself)
        print("Stopped.", file=sys.stderr)
        sys.exit(130)
