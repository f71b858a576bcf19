"""MkDocs' build (`mkdocs.commands.build.build`, 1.6), with the work on pages shared by two processes.

A large site's pages are converted from Markdown, then rendered and written, half in this
process and half in a forked one. The first fork converts its half and sends back all that
converting gave each page (its HTML, contents, title, anchors), so that every page's layout
then sees every page exactly as in one process; the second fork renders and writes its half.
Everything else runs here, in MkDocs' order, and the output is the same file for file.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import pickle
import signal
import threading
import time
from collections.abc import Callable
from typing import Any

from jinja2 import Environment
from mkdocs import utils
from mkdocs.commands import build as mkdocs_build  # its helpers by attribute, as the benchmark times them
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort, BuildError, PluginError
from mkdocs.structure.files import Files, InclusionLevel, set_exclusions
from mkdocs.structure.nav import Navigation, get_navigation
from mkdocs.structure.pages import Page

from kb_mkdocs.plugin import kb_plugin

log = logging.getLogger("mkdocs")
SHARED_FROM_PAGES = 400
"""From this many pages (and with a second core), a forked process takes half of the pages' work."""
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
        shared = len(pages) >= SHARED_FROM_PAGES and _can_fork() and plugin.can_render_elsewhere()
        here, there = (pages[: len(pages) // 2], pages[len(pages) // 2 :]) if shared else (pages, [])
        _convert(here, there, config, files)
        env = config.plugins.on_env(env, config=config, files=files)
        files.copy_static_files(inclusion=InclusionLevel.is_included)
        for template in config.theme.static_templates:
            mkdocs_build._build_theme_template(template, env, files, config, nav)
        for template in config.extra_templates:
            mkdocs_build._build_extra_template(template, files, config, nav)
        if there:
            plugin.before_rendering_elsewhere()
        _render(here, there, config, files, nav, env)
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


def _convert(here: list[Page], there: list[Page], config: MkDocsConfig, files: Files) -> None:
    """Convert every page's Markdown: `there` in a forked process, which sends back what it set on each page."""

    def convert_there() -> list[dict[str, Any]]:
        for page in there:
            mkdocs_build._populate_page(page, config, files)
        return [_converted(page) for page in there]

    with _Fork(convert_there, bool(there)) as fork:
        for page in here:
            mkdocs_build._populate_page(page, config, files)
        for page, converted in zip(there, fork.result() or [], strict=True):
            links = converted.pop("links_to_anchors")
            vars(page).update(converted)
            if links is not None:
                page.links_to_anchors = {files.src_uris[uri]: targets for uri, targets in links.items()}


def _converted(page: Page) -> dict[str, Any]:
    links = page.links_to_anchors
    return {
        **{name: getattr(page, name) for name in CONVERTED},
        "links_to_anchors": None if links is None else {file.src_uri: targets for file, targets in links.items()},
    }


def _render(
    here: list[Page], there: list[Page], config: MkDocsConfig, files: Files, nav: Navigation, env: Environment
) -> None:
    """Render and write every page: `there` in a forked process; this one then counts its pages for search."""
    doc_files = files.documentation_pages(inclusion=InclusionLevel.is_included)
    plugin = kb_plugin(config)

    def render_there() -> list[tuple[str, bool]]:
        plugin.rendering_elsewhere()
        for page in there:
            mkdocs_build._build_page(page, config, doc_files, nav, env, excluded=page.file.inclusion.is_excluded())
        return plugin.kept_here or []

    with _Fork(render_there, bool(there)) as fork:
        for page in here:
            mkdocs_build._build_page(page, config, doc_files, nav, env, excluded=page.file.inclusion.is_excluded())
        plugin.rendered_elsewhere(fork.result() or [])


def _can_fork() -> bool:
    """A second core, and no other thread (a preview server runs some) whose locks a child could inherit held."""
    return len(os.sched_getaffinity(0)) > 1 and threading.active_count() == 1


class _Fork:
    """Runs `work` in a forked process (when `wanted`); `result()` waits for what it returns and logs what it logged.

    Leaving the block early (an error here, Ctrl-C, SIGTERM) ends the process at once.
    """

    def __init__(self, work: Callable[[], Any], wanted: bool):
        self.work, self.wanted = work, wanted
        self.process: multiprocessing.process.BaseProcess | None = None

    def __enter__(self) -> _Fork:
        if self.wanted:
            self.receive, send = multiprocessing.Pipe(duplex=False)
            self.process = multiprocessing.get_context("fork").Process(target=_run, args=(self.work, send))
            self.process.start()
            send.close()
        return self

    def result(self) -> Any:
        if self.process is None:
            return None
        try:
            done, value, records = self.receive.recv()
        except EOFError:
            raise PluginError(
                f"the build's second process ended without finishing its pages (exit code {self.process.exitcode})"
            ) from None
        finally:
            self.process.join()
            self.process = None
        for level, name, message in records:  # logged here, so that strict mode counts its warnings
            logging.getLogger(name).log(level, message)
        if not done:
            raise value
        return value

    def __exit__(self, *_exc: object) -> None:
        if self.process is not None:
            self.process.terminate()
            self.process.join(timeout=10)
            if self.process.exitcode is None:
                self.process.kill()
                self.process.join()


def _run(work: Callable[[], Any], send: Any) -> None:
    """In the forked process: do `work`, and send back its result (or error) and the messages it logged.

    SIGTERM ends it at once; Ctrl-C is left to the build's own process, which then ends it.
    """
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGHUP, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    records: list[tuple[int, str, str]] = []
    keeper = logging.Handler(logging.INFO)
    keeper.emit = lambda record: records.append((record.levelno, record.name, record.getMessage()))  # type: ignore[method-assign]
    log.handlers = [keeper]
    try:
        answer: tuple[bool, Any, list] = (True, work(), records)
    except BaseException as exc:
        answer = (False, _sendable(exc), records)
    send.send(answer)


def _sendable(exc: BaseException) -> BaseException:
    """`exc`, or a `PluginError` with its text if it cannot be pickled."""
    try:
        pickle.loads(pickle.dumps(exc))
    except Exception:
        return PluginError(f"{type(exc).__name__}: {exc}")
    return exc
