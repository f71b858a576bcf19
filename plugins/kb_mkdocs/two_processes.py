"""MkDocs' build (`mkdocs.commands.build.build`, 1.6), with the work on pages shared by two processes.

A large site's pages are converted from Markdown by this process and a forked one together,
each taking the next page in order when it is free; each then renders and writes the pages it
converted. In between, each gives the other what other pages' layouts read of its pages
(titles, metadata, anchors), so every page is rendered exactly as in one process, and the fork
tells this process each page it wrote, so that search parts start as they fill. Everything else
runs here, in MkDocs' order, and the output is the same file for file.
"""

from __future__ import annotations

import logging
import multiprocessing
import time
from collections.abc import Iterator
from typing import Any

from jinja2 import Environment
from mkdocs import utils
from mkdocs.commands import build as mkdocs_build  # its helpers by attribute, as the benchmark times them
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort, BuildError
from mkdocs.structure.files import Files, InclusionLevel, set_exclusions
from mkdocs.structure.nav import Navigation, get_navigation
from mkdocs.structure.pages import Page

from kb_mkdocs.fork import Channel, Fork, can_fork
from kb_mkdocs.one_markdown import one_converter
from kb_mkdocs.plugin import kb_plugin

log = logging.getLogger("mkdocs")
SHARED_FROM_PAGES = 400
"""From this many pages (and with a second core), a forked process shares the pages' work."""


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
        with one_converter():
            _pages(pages, shared, config, files, nav, env)
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


def _pages(
    pages: list[Page], shared: bool, config: MkDocsConfig, files: Files, nav: Navigation, env: Environment
) -> None:
    """Convert every page, run `on_env`, write the theme's files, then render and write every page.

    Shared, each process converts the next page in order as it is free, and later renders the
    pages it converted. In between, each gives the other what the other's layouts read of its
    pages (titles, metadata, anchors): so every page is rendered as in one process, and no
    page's HTML crosses between them. The fork tells each page it wrote, for search.
    """
    plugin = kb_plugin(config)
    doc_files = files.documentation_pages(inclusion=InclusionLevel.is_included)
    queue = _Queue(pages, shared)

    def convert(page: Page) -> Page:
        mkdocs_build._populate_page(page, config, files)
        return page

    def render(page: Page, env: Environment) -> None:
        mkdocs_build._build_page(page, config, doc_files, nav, env, excluded=page.file.inclusion.is_excluded())

    def there(channel: Channel) -> None:
        mine = [convert(page) for page in queue]
        channel.tell([_shown_elsewhere(page) for page in mine])
        shown_here, search_copies = channel.hear()  # sent once the QR codes are made (`before_rendering_elsewhere`)
        for shown in shown_here:
            _take(shown, files)
        env_there = config.plugins.on_env(env, config=config, files=files)
        plugin.rendering_elsewhere(search_copies)
        for page in mine:
            render(page, env_there)
            channel.tell(plugin.kept())

    with Fork(there, shared) as fork:
        mine = [convert(page) for page in queue]
        if fork.process is not None:
            for shown in fork.next_told():
                _take(shown, files)
        env = config.plugins.on_env(env, config=config, files=files)
        if fork.process is not None:
            fork.say(([_shown_elsewhere(page) for page in mine], plugin.before_rendering_elsewhere()))
        files.copy_static_files(inclusion=InclusionLevel.is_included)
        for template in config.theme.static_templates:
            mkdocs_build._build_theme_template(template, env, files, config, nav)
        for template in config.extra_templates:
            mkdocs_build._build_extra_template(template, files, config, nav)
        for page in mine:
            render(page, env)
            for kept in fork.told():
                plugin.rendered_elsewhere(kept)
        fork.result()
        for kept in fork.told():
            plugin.rendered_elsewhere(kept)


def _shown_elsewhere(page: Page) -> tuple[str, dict[str, Any]]:
    """What other pages' layouts and MkDocs' anchor check read of a converted page: its title, metadata and anchors."""
    links = page.links_to_anchors
    return page.file.src_uri, {
        "meta": page.meta,
        "_title_from_render": page._title_from_render,
        "present_anchor_ids": page.present_anchor_ids,
        "links_to_anchors": None if links is None else {file.src_uri: targets for file, targets in links.items()},
    }


def _take(shown: tuple[str, dict[str, Any]], files: Files) -> None:
    """Set what `_shown_elsewhere` gave on this process's copy of the page."""
    src_uri, values = shown
    page = files.src_uris[src_uri].page
    assert page is not None
    links = values.pop("links_to_anchors")
    vars(page).update(values)
    page.markdown = ""  # read and converted (elsewhere): MkDocs gives a title only to a page it has read
    if links is not None:
        page.links_to_anchors = {files.src_uris[uri]: targets for uri, targets in links.items()}


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
