"""MkDocs' build (`mkdocs.commands.build.build`, 1.6), with the work on pages shared by two processes.

A large site's pages are converted from Markdown, then rendered and written, by this process
and a forked one together: each takes the next page in order when it is free. The first fork
sends back all that converting gave each of its pages (HTML, contents, title, anchors), so that
every page's layout then sees every page exactly as in one process; the second fork tells this
process each page it wrote, so that search parts start as they fill. Everything else runs here,
in MkDocs' order, and the output is the same file for file.
"""

from __future__ import annotations

import logging
import multiprocessing
import time
from collections.abc import Callable, Iterator
from typing import Any

from jinja2 import Environment
from mkdocs import utils
from mkdocs.commands import build as mkdocs_build  # its helpers by attribute, as the benchmark times them
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort, BuildError
from mkdocs.structure.files import Files, InclusionLevel, set_exclusions
from mkdocs.structure.nav import Navigation, get_navigation
from mkdocs.structure.pages import Page

from kb_mkdocs.fork import Fork, can_fork
from kb_mkdocs.plugin import kb_plugin

log = logging.getLogger("mkdocs")
SHARED_FROM_PAGES = 400
"""From this many pages (and with a second core), a forked process shares the pages' work."""
CONVERTED = ("markdown", "meta", "content", "toc", "_title_from_render", "present_anchor_ids")
"""What converting a page sets on it, besides `links_to_anchors` (whose keys are files)."""


def build(config: MkDocsConfig) -> None:
    """Build the site as `mkdocs build` does, with the pages' work in two processes when there are many."""
    warnings = utils.CountHandler()
    warnings.setLevel(logging.WARNING)
    if config.strict:
        log.addHandler(warnings)
    try:
        start = time.monotonic()
        config = config.plugins.on_config(config)
        config.plugins.on_pre_build(config=config)
        utils.clean_directory(config.site_dir)
        files = mkdocs_build.get_files(config)
        env = config.theme.get_env()
        files.add_files_from_theme(env, config)
        files = config.plugins.on_files(files, config=config)
        set_exclusions(files, config)
        nav = get_navigation(files, config)
        nav = config.plugins.on_nav(nav, config=config, files=files)
        pages = []
        for file in files.documentation_pages(inclusion=InclusionLevel.is_included):
            if file.page is None and file.inclusion.is_not_in_nav():
                Page(None, file, config)
            assert file.page is not None
            pages.append(file.page)
        plugin = kb_plugin(config)
        shared = len(pages) >= SHARED_FROM_PAGES and can_fork() and plugin.can_render_elsewhere()
        _convert(pages, shared, config, files)
        env = config.plugins.on_env(env, config=config, files=files)
        files.copy_static_files(inclusion=InclusionLevel.is_included)
        for template in config.theme.static_templates:
            mkdocs_build._build_theme_template(template, env, files, config, nav)
        for template in config.extra_templates:
            mkdocs_build._build_extra_template(template, files, config, nav)
        if shared:
            plugin.before_rendering_elsewhere()
        _render(pages, shared, config, files, nav, env)
        for page in pages:
            page.validate_anchor_links(files=files, log_level=config.validation.links.anchors)
        config.plugins.on_post_build(config=config)
        if counts := warnings.get_counts():
            raise Abort(f"Aborted with {', '.join(f'{n} {level.lower()}s' for level, n in counts)} in strict mode!")
        log.info(f"Documentation built in {time.monotonic() - start:.2f} seconds")
    except Exception as exc:
        config.plugins.on_build_error(error=exc)
        if isinstance(exc, BuildError):
            log.error(str(exc))
            raise Abort("Aborted with a BuildError!") from None
        raise
    finally:
        log.removeHandler(warnings)


def _convert(pages: list[Page], shared: bool, config: MkDocsConfig, files: Files) -> None:
    """Convert every page's Markdown, shared with a forked process, which sends back what it set on each of its pages."""
    queue = _Queue(pages, shared)

    def convert_there(_tell: Callable[[Any], None]) -> list[tuple[str, dict[str, Any]]]:
        done = []
        for page in queue:
            mkdocs_build._populate_page(page, config, files)
            done.append(page)
        return [(page.file.src_uri, _converted(page)) for page in done]

    with Fork(convert_there, shared) as fork:
        for page in queue:
            mkdocs_build._populate_page(page, config, files)
        for src_uri, converted in fork.result() or []:
            done = files.src_uris[src_uri].page
            assert done is not None
            links = converted.pop("links_to_anchors")
            vars(done).update(converted)
            if links is not None:
                done.links_to_anchors = {files.src_uris[uri]: targets for uri, targets in links.items()}


def _converted(page: Page) -> dict[str, Any]:
    links = page.links_to_anchors
    return {
        **{name: getattr(page, name) for name in CONVERTED},
        "links_to_anchors": None if links is None else {file.src_uri: targets for file, targets in links.items()},
    }


def _render(
    pages: list[Page], shared: bool, config: MkDocsConfig, files: Files, nav: Navigation, env: Environment
) -> None:
    """Render and write every page, shared with a forked process, which tells this one each page it wrote (for search)."""
    doc_files = files.documentation_pages(inclusion=InclusionLevel.is_included)
    plugin = kb_plugin(config)
    queue = _Queue(pages, shared)

    def render(page: Page) -> None:
        mkdocs_build._build_page(page, config, doc_files, nav, env, excluded=page.file.inclusion.is_excluded())

    def render_there(tell: Callable[[Any], None]) -> None:
        plugin.rendering_elsewhere()
        for page in queue:
            render(page)
            tell(plugin.kept())

    with Fork(render_there, shared) as fork:
        for page in queue:
            render(page)
            for kept in fork.told():
                plugin.rendered_elsewhere(kept)
        fork.result()
        for kept in fork.told():
            plugin.rendered_elsewhere(kept)


class _Queue:
    """The pages in order, each given to whichever process asks first (a counter the processes share once forked)."""

    def __init__(self, pages: list[Page], shared: bool):
        self.pages = pages
        self.taken = multiprocessing.get_context("fork").Value("l", 0) if shared else None

    def __iter__(self) -> Iterator[Page]:
        if self.taken is None:
            yield from self.pages
            return
        while True:
            with self.taken.get_lock():
                number = self.taken.value
                self.taken.value += 1
            if number >= len(self.pages):
                return
            yield self.pages[number]
