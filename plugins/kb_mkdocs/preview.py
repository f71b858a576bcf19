"""`build.py serve`: the preview server, which rebuilds only what a save changes."""

from __future__ import annotations

import logging
import shutil
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit

from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.livereload import LiveReloadServer

from kb.checks.loading import Memo
from kb_mkdocs.commands import _describe
from kb_mkdocs.plugin import kb_plugin

log = logging.getLogger("mkdocs")
LIVERELOAD = Path(__file__).with_name("livereload.js")
POLL_SECONDS = 0.25
"""How often the watched files are looked at: MkDocs looks every 0.5 s. A look takes about 3 ms at 276 pages and 20 ms at 2,000."""


class Preview:
    """`build.py serve`: the site built in full once; after a save, only the pages the save changes.

    A save that changes pages' text or front matter rebuilds those pages and the pages that
    show something of them (`KnowledgeBasePlugin.update`), reusing the loaded knowledge base,
    QR codes and layouts: a sentence takes about half a second at 2,000 pages, a title longer
    (every page that lists the page shows it). Anything else (a page added or removed, the
    vocabulary, mkdocs.yml, a layout) builds the whole site again.
    """

    def __init__(self, config_file: Path, port: int):
        self.config_file, self.port = config_file.resolve(), port
        self.folder = Path(tempfile.mkdtemp(prefix="kb-preview-"))
        self.site = self.folder / "site"
        self.url = f"http://127.0.0.1:{port}/"
        self.memo: Memo = {}
        """What loading gave for each page, for the next check."""
        self.config: MkDocsConfig | None = None
        self.seen: dict[str, tuple[int, int]] = {}
        """Every watched file's modification time and size at the last build."""
        self.unbuilt: set[str] = set()
        """Files changed since the last build that succeeded."""
        self.whole = False
        """Whether the last whole build succeeded: after one that failed, only a whole build can follow."""

    def serve(self) -> None:
        """Build the site, then serve it and rebuild it on every change, until Ctrl-C."""
        self.full()
        assert self.config is not None
        server = PreviewServer(
            self.rebuild,
            "127.0.0.1",
            self.port,
            root=str(self.site),
            mount_path=self.mount,
            polling_interval=POLL_SECONDS,
        )
        for path in self.watched(self.config):
            server.watch(str(path))
        try:
            server.serve()
        finally:
            server.shutdown()

    def watched(self, config: MkDocsConfig) -> list[Path]:
        """The content, mkdocs.yml and the layouts (and whatever else mkdocs.yml asks to watch), resolved."""
        theme = config.theme.custom_dir
        paths = [Path(config.docs_dir), self.config_file, *([Path(theme)] if theme else []), *map(Path, config.watch)]
        return list(dict.fromkeys(path.resolve() for path in paths))

    def rebuild(self) -> None:
        """After files changed: rebuild what they change, or say in one line why the preview stays as it was."""
        start = time.perf_counter()
        self.unbuilt |= self.changes()
        try:
            pages = self.changed_pages() if self.whole else None
            config = self.config
            built = kb_plugin(config).update(config, pages) if config is not None and pages else None
            if built is None:
                self.full()
                log.info("Built the whole preview in %.1f s", time.perf_counter() - start)
            else:
                log.info("Rebuilt %d pages in %.2f s", built, time.perf_counter() - start)
            self.unbuilt.clear()
        except Exception as exc:  # the server goes on; the next save tries again
            print(f"Preview not updated: {_describe(exc)}", file=sys.stderr)

    def full(self) -> None:
        """Build the whole site again, with mkdocs.yml read again; if that fails, the last good site is served still."""
        config = load_config(str(self.config_file), site_dir=str(self.site))
        self.mount = "/" + urlsplit(config.site_url or "/").path.strip("/")
        self.url = f"http://127.0.0.1:{self.port}{self.mount.rstrip('/')}/"
        config.site_url = self.url
        kb_plugin(config).memo = self.memo
        if self.config is None:
            config.plugins.on_startup(command="serve", dirty=False)
        else:
            self.config.plugins.on_shutdown()
        self.config, self.seen, self.whole = config, self.snapshot(config), False
        previous = self.folder / "previous"
        shutil.rmtree(previous, ignore_errors=True)
        if self.site.exists():
            self.site.rename(previous)
        try:
            mkdocs_build(config, serve_url=self.url)
        except BaseException:
            shutil.rmtree(self.site, ignore_errors=True)
            if previous.exists():
                previous.rename(self.site)
            raise
        shutil.rmtree(previous, ignore_errors=True)
        self.whole = True

    def changes(self) -> set[str]:
        """Watched files added, removed or changed since the last look."""
        assert self.config is not None
        now = self.snapshot(self.config)
        changed = {path for path in now.keys() | self.seen.keys() if now.get(path) != self.seen.get(path)}
        self.seen = now
        return changed

    def changed_pages(self) -> set[str] | None:
        """The content paths of the changed files, if every one is a page that was already built; else None."""
        assert self.config is not None
        docs = Path(self.config.docs_dir).resolve()
        plugin = kb_plugin(self.config)
        pages = set()
        for path in map(Path, self.unbuilt):
            src_uri = path.relative_to(docs).as_posix() if path.is_relative_to(docs) else None
            if src_uri is None or src_uri not in plugin.knowledge_base.entries or str(path) not in self.seen:
                return None
            pages.add(src_uri)
        return pages

    def snapshot(self, config: MkDocsConfig) -> dict[str, tuple[int, int]]:
        """Modification time and size of every watched file, by path."""
        found = {}
        for root in self.watched(config):
            paths = [root] if root.is_file() else (p for p in root.rglob("*") if p.is_file())
            for path in paths:
                try:
                    stat = path.stat()
                except OSError:
                    continue
                found[str(path)] = (stat.st_mtime_ns, stat.st_size)
        return found

    def close(self) -> None:
        if self.config is not None:
            self.config.plugins.on_shutdown()
        shutil.rmtree(self.folder, ignore_errors=True)


class PreviewServer(LiveReloadServer):
    """MkDocs' live-reload server with its reload script served as a file: every page's policy refuses inline scripts."""

    SCRIPT = "/.kb-livereload.js"

    def _inject_js_into_html(self, content: bytes, epoch: int) -> bytes:
        tag = f'<script src="{self.SCRIPT}" data-epoch="{epoch}" data-request="{time.time_ns()}"></script>'.encode()
        end = content.rfind(b"</body>")
        return content + tag if end < 0 else content[:end] + tag + content[end:]

    def _serve_request(self, environ, start_response):
        if environ["PATH_INFO"] == self.SCRIPT:
            start_response("200 OK", [("Content-Type", "application/javascript")])
            return [LIVERELOAD.read_bytes()]
        return super()._serve_request(environ, start_response)
