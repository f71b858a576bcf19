"""Write the browser editor into the built site: /admin/ with Decap CMS and its generated configuration."""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml
from jinja2 import Template

from kb.content.knowledge_base import KnowledgeBase
from kb.content.page_types import FOLDERS
from kb.output import editor
from kb.output.editor import LOCAL_PORT

BUNDLE = Path("node_modules/decap-cms/dist")
LOCAL_BACKEND = Path("node_modules/decap-server/dist/index.js")
PLUGIN_ROOT = Path(__file__).resolve().parents[2]
SCRIPT = "admin/editor.js"
"""Our previews and widgets for the editor, in theme_overrides/ (MkDocs copies it into the site)."""
ASSETS = (SCRIPT, "admin/editor.css", "admin/logo.svg")
"""The editor's files in theme_overrides/: left out of the offline copy, which has no editor."""
POLICY = (
    "default-src 'self'; script-src 'self' 'unsafe-eval' 'wasm-unsafe-eval'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data: blob: https://avatars.githubusercontent.com https://raw.githubusercontent.com; "
    "font-src 'self' data:; connect-src 'self' blob: https://api.github.com http://127.0.0.1:* http://localhost:*; "
    "frame-src 'self' blob:; worker-src 'self' blob:; object-src 'none'; base-uri 'self'; form-action 'none'"
)
"""The editor's own policy: Decap compiles its YAML and preview code at run time ('unsafe-eval') and talks to GitHub
(or the local backend on this machine); the rest of the site never gets these."""


def installed(project: Path, relative: Path) -> Path | None:
    """An npm package's file from the project's `node_modules`, or else from this plugin's checkout."""
    return next((root / relative for root in (project, PLUGIN_ROOT) if (root / relative).is_file()), None)


def write(
    site: Path,
    project: Path,
    kb: KnowledgeBase,
    page: Template,
    *,
    site_url: str,
    repo_url: str,
    styles: list[str],
    local_port: int = LOCAL_PORT,
    **context: str,
) -> None:
    """Write `site/admin/`: the page (from the theme template `page`), `config.yml` and (when installed) the Decap bundle."""
    admin = site / "admin"
    admin.mkdir(parents=True, exist_ok=True)
    settings = editor.config(kb, repo_url=repo_url, site_url=site_url, local_port=local_port)
    dumper = getattr(
        yaml, "CSafeDumper", yaml.SafeDumper
    )  # libyaml's when PyYAML has it: the same text, 6 times faster
    (admin / "config.yml").write_text(
        yaml.dump(settings, Dumper=dumper, sort_keys=False, allow_unicode=True, width=120), encoding="utf-8"
    )
    script = installed(project, BUNDLE / "decap-cms.js")
    if script is not None:
        source = script.parent
        shutil.copytree(
            source,
            admin / "decap",
            ignore=shutil.ignore_patterns("*.map", "cms.*", "*.LICENSE.txt", "[0-9]*.cms.js"),
            dirs_exist_ok=True,
        )
        shutil.copy(source / "decap-cms.js.LICENSE.txt", admin / "decap" / "LICENSE.txt")
    html = page.render(
        policy=POLICY,
        installed=script is not None,
        styles=[f"../{s}" for s in styles],
        collections=list(FOLDERS.values()),
        contributing_url=f"{repo_url}/blob/main/CONTRIBUTING.md",
        **context,
    )
    (admin / "index.html").write_text(html, encoding="utf-8")
