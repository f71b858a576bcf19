"""Write the browser editor into the built site: /admin/ with Decap CMS and its generated configuration."""

from __future__ import annotations

import shutil
from html import escape
from pathlib import Path

import yaml

from kb import editor
from kb.editor import LOCAL_PORT
from kb.models import FOLDERS
from kb.knowledge_base import KnowledgeBase

BUNDLE = Path("node_modules/decap-cms/dist")
LOCAL_BACKEND = Path("node_modules/decap-server/dist/index.js")
PLUGIN_ROOT = Path(__file__).resolve().parents[2]
SCRIPT = "admin/editor.js"
"""Our previews and widgets for the editor, in theme_overrides/ (MkDocs copies it into the site)."""
POLICY = (
    "default-src 'self'; script-src 'self' 'unsafe-eval' 'wasm-unsafe-eval'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data: blob: https://avatars.githubusercontent.com https://raw.githubusercontent.com; "
    "font-src 'self' data:; connect-src 'self' blob: https://api.github.com http://127.0.0.1:* http://localhost:*; "
    "frame-src 'self' blob:; worker-src 'self' blob:; object-src 'none'; base-uri 'self'; form-action 'none'"
)
"""The editor's own policy: Decap compiles its YAML and preview code at run time ('unsafe-eval') and talks to GitHub
(or the local backend on this machine); the rest of the site never gets these."""

PAGE = """<!doctype html>
<html lang="en">
<head>
<meta http-equiv="Content-Security-Policy" content="{policy}">
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>Editor · {site_name}</title>
<link href="config.yml" type="text/yaml" rel="cms-config-url">
</head>
<body>
{body}
</body>
</html>
"""

MISSING = """<main style="font-family: sans-serif; max-width: 40em; margin: 2em auto">
<h1>The editor is not installed in this copy of the site</h1>
<p>It is built from the npm package <code>decap-cms</code>. Run <code>tools/setup.sh</code> (it runs <code>npm install</code>), then build again.</p>
<p>Meanwhile, see <a href="{contributing}">how to contribute</a>.</p>
</main>"""


def installed(project: Path, relative: Path) -> Path | None:
    """An npm package's file from the project's `node_modules`, or else from this plugin's checkout."""
    return next((root / relative for root in (project, PLUGIN_ROOT) if (root / relative).is_file()), None)


def write(site: Path, project: Path, kb: KnowledgeBase, *, site_name: str, site_url: str, repo_url: str, styles: list[str], local_port: int = LOCAL_PORT) -> None:
    """Write `site/admin/`: the page, `config.yml` and (when installed) the Decap bundle."""
    admin = site / "admin"
    admin.mkdir(parents=True, exist_ok=True)
    settings = editor.config(kb, repo_url=repo_url, site_url=site_url, local_port=local_port)
    (admin / "config.yml").write_text(yaml.safe_dump(settings, sort_keys=False, allow_unicode=True, width=120), encoding="utf-8")
    script = installed(project, BUNDLE / "decap-cms.js")
    if script is None:
        body = MISSING.format(contributing=escape(f"{repo_url}/blob/main/CONTRIBUTING.md"))
    else:
        source = script.parent
        shutil.copytree(source, admin / "decap", ignore=shutil.ignore_patterns("*.map", "cms.*", "*.LICENSE.txt", "[0-9]*.cms.js"), dirs_exist_ok=True)
        shutil.copy(source / "decap-cms.js.LICENSE.txt", admin / "decap" / "LICENSE.txt")
        style_list = escape(" ".join(f"../{s}" for s in styles))
        body = (
            '<noscript>The editor needs JavaScript. You can also change pages on GitHub: see the contributing guide.</noscript>\n'
            '<script src="decap/decap-cms.js"></script>\n'
            f'<script src="editor.js" data-styles="{style_list}" data-collections="{" ".join(FOLDERS.values())}"></script>'
        )
    page = PAGE.format(policy=POLICY, site_name=escape(site_name), body=body)
    (admin / "index.html").write_text(page, encoding="utf-8")
