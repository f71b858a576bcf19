"""The MkDocs plugin: loads and checks the knowledge base once per build, hands data to templates."""

from __future__ import annotations

import os
import posixpath
from pathlib import Path
from typing import Any, cast
from urllib.parse import urljoin

from jinja2 import Environment
from markupsafe import escape
from mkdocs.commands.build import _build_page, _populate_page  # the preview rebuilds single pages
from mkdocs.config import config_options
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils import normalize_url
from mkdocs.utils.templates import TemplateContext

import kb
from kb.checks.loading import Memo
from kb.content import fields
from kb.content.addresses import SHARE_PAGE
from kb.content.diagnostics import summary_line
from kb.content.models import Concept, Guide, SitePage
from kb.content.page_types import TYPES, with_finders
from kb.links import graph
from kb.links.facets import facet_values
from kb.links.glossary import GlossaryExtension, used_in
from kb.output import csp, open_files, sanitise, share
from kb.views import citation, generated, handout, history, open_data
from kb.views.home import HOME, home
from kb.views.page_view import Site, page_view, redirects, with_search_terms
from kb.views.print_links import print_urls
from kb.views.urls import header_links, page_url
from kb_mkdocs import editor, search
from kb_mkdocs.fork import Fork, can_fork

log = get_plugin_logger(__name__)
OFFLINE_SEARCH_SHIM = "assets/javascripts/vendor/iframe-worker-shim.js"
"""Lets search run from file:// in the offline copy, served from the site itself."""
CACHE = ".cache/kb"
"""Beside mkdocs.yml: what builds keep for the next build (QR codes), never part of the site; delete it at will."""
MENU = "partials/nav.html"
"""Material's menu (the navigation sidebar), included in every page."""
REDIRECT_SCRIPT = "assets/javascripts/redirect.js"
"""Keeps the #fragment of an old or short address (mkdocs-redirects does it with an inline script)."""


class KnowledgeBasePluginConfig(Config):
    editor_port = config_options.Type(int, default=editor.LOCAL_PORT)
    """The port of the browser editor's local backend (`build.py editor`) on 127.0.0.1."""
    search_part_pages = config_options.Type(int, default=search.PART_PAGES)
    """Pages per Pagefind run: its memory grows with the pages one run holds."""


class KnowledgeBasePlugin(BasePlugin[KnowledgeBasePluginConfig]):
    """Thin adapter from MkDocs events to the pure-Python core in `kb`."""

    prechecked: kb.KnowledgeBase | None = None
    """Content `build.py build` has just checked (and reported): used once instead of checking again."""
    memo: Memo | None = None
    """What loading gave for each page, kept by the preview server from one build to the next (see `kb.load`)."""

    @event_priority(50)  # before Material's offline plugin, which would add a polyfill from another host
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self._kb: kb.KnowledgeBase | None = None  # fresh state for every build (serve reuses the plugin)
        offline = config.plugins.get("material/offline")
        self.offline = offline is not None and offline.config.enabled
        if self.offline:
            config.extra["polyfills"] = [OFFLINE_SEARCH_SHIM]
        # The browser editor needs a web server (and GitHub or the local backend); the offline copy's header keeps
        # Material's search, which works from file://.
        config.extra["kb_editor"] = not self.offline
        config.extra["kb_offline"] = self.offline
        config.extra["kb_header"] = header_links(config.extra.get("kb_header_links", []), not self.offline)
        self.indexer: search.Indexer | None = None
        self.kept_here: list[tuple[str, bool]] | None = None
        """In a forked process rendering some pages: each page it wrote and whether search indexes it."""
        self.glossary = GlossaryExtension()
        config.markdown_extensions.append(self.glossary)
        config.nav = with_finders(config.nav)
        return config

    @property
    def knowledge_base(self) -> kb.KnowledgeBase:
        """The content this build checked: loaded in `on_files`, for the events after it."""
        if self._kb is None:
            raise PluginError("The knowledge base was used before on_files loaded it (a fault in the plugin)")
        return self._kb

    @event_priority(50)
    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        if self.offline:
            for asset in editor.ASSETS:
                if (file := files.get_file_from_path(asset)) is not None:
                    files.remove(file)
        knowledge_base, self.prechecked = self.prechecked, None
        if knowledge_base is None or knowledge_base.content_dir.resolve() != Path(config.docs_dir).resolve():
            knowledge_base = kb.check(Path(config.docs_dir), self.memo)
            # Warnings are reported as `check` reports them, not as MkDocs warnings (strict mode fails on those).
            for diagnostic in knowledge_base.diagnostics:
                if diagnostic.severity == "warning":
                    log.info(diagnostic.format())
        errors = knowledge_base.errors
        if errors:
            lines = "\n".join(d.format() for d in errors)
            raise PluginError(f"The content has problems:\n{lines}\n{summary_line(knowledge_base.diagnostics)}")
        _refuse_unchecked_files(files, config, knowledge_base)
        for file in files.documentation_pages():  # MkDocs renders the text `check` read, without reading it again
            if (entry := knowledge_base.entries.get(file.src_uri)) is not None:
                file.content_string = entry.parsed.body  # its front matter is ours (on_page_markdown)
        self._kb = knowledge_base
        self._shown = {uri: _shown(entry) for uri, entry in knowledge_base.entries.items()}
        self.history = history.dates(Path(config.docs_dir))
        self.site = open_data.Site(config.site_name, config.site_url or "", config.site_description or "")
        with Fork(lambda _channel: self._open_files(), can_fork()) as opening:  # made beside the link graph
            self.graph = graph.build(knowledge_base)
            searched = self._prepare_pages(files, config)
            opened = opening.result() if opening.process else self._open_files()
        for path, text in opened.items():
            if files.get_file_from_path(path) is not None:  # content may hold pages and images only
                raise PluginError(f"content/{path}: file: expected no file at the address of the open data; found one")
            files.append(File.generated(config, path, content=text))
        return Files([*searched, *files])

    def _open_files(self) -> dict[str, str]:
        return open_files.files(self.knowledge_base, self.site, self.history)

    def _prepare_pages(self, files: Files, config: MkDocsConfig) -> list[File]:
        """The rest of `on_files`: short addresses, glossary, QR codes and the generated pages; returns those marked for search."""
        knowledge_base = self.knowledge_base
        self.view_site = Site(config.site_url or "", config.site_name, config.use_directory_urls)
        if "redirects" in config.plugins:  # mkdocs-redirects writes the short and old addresses
            maps = redirects(knowledge_base)
            _refuse_redirects_over_pages(maps, files, config)
            config.plugins["redirects"].config["redirect_maps"] = maps
        self.glossary.glossary = self.graph.glossary
        site_url = config.site_url or ""
        handout.CODES.prepare(  # made in other processes while MkDocs converts the pages
            (handout.short_url(site_url, entry.slug) for entry in knowledge_base.typed()),
            Path(config.config_file_path).parent / CACHE / "qr" if config.config_file_path else None,
            workers=max(1, (os.cpu_count() or 1) - 1),
        )
        self.generated = {}
        made_pages, share_files = self._generated(knowledge_base, config)
        config.extra["kb_share_page"] = page_url(SHARE_PAGE, config.use_directory_urls)  # linked from every help box
        for path, content in share_files.items():
            files.append(File.generated(config, path, content=content))
        searched = []  # written first, so that search indexes the site's pages in order of their paths
        for made in made_pages:
            if files.get_file_from_path(made.src_uri) is not None:  # `check` refuses content at these paths
                raise PluginError(
                    f"content/{made.src_uri}: file: expected no file at the address of a generated page; found one"
                )
            made_file = File.generated(config, made.src_uri, content=made.markdown)
            if made.searched:
                searched.append(made_file)
            else:
                files.append(made_file)
            self.generated[made.src_uri] = made
        return searched

    def _generated(
        self, knowledge_base: kb.KnowledgeBase, config: MkDocsConfig
    ) -> tuple[list[generated.GeneratedPage], dict[str, bytes]]:
        """The generated pages, the share page last, and the share page's downloads."""
        share_page, share_files = share.page(
            knowledge_base,
            site_name=config.site_name,
            site_url=config.site_url or "",
            repo_url=config.repo_url or "",
            contact_email=config.extra.get("kb_contact_email") or None,
            directory_urls=config.use_directory_urls,
        )
        made = generated.pages(knowledge_base, config.site_url or "", config.use_directory_urls, self.history)
        return [*made, share_page], share_files

    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
        self.nav = nav
        return nav

    def on_env(self, env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
        self.env, self.files = env, files
        _menu_once_per_folder(env, self.nav, config)
        _keys_first(env)
        if not self.offline:  # the content's pages and generated pages marked for search; the others come last
            pages = [
                f.dest_uri
                for f in files.documentation_pages()
                if f.src_uri not in self.generated or self.generated[f.src_uri].searched
            ]
            self.indexer = search.Indexer(Path(config.site_dir), pages, self.config.search_part_pages)
        return env

    @event_priority(50)
    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        entry = self.knowledge_base.entries.get(page.file.src_uri)
        self.glossary.enabled = entry is not None and entry.page.glossary_links
        if page.file.src_uri in self.generated:
            page.meta["template"] = self.generated[page.file.src_uri].layout
            return markdown
        if entry is None:
            return markdown
        self.glossary.page_src, self.glossary.page_slug = entry.src_uri, entry.slug
        # Our own parse replaces MkDocs' (which silently drops front matter it cannot read). The theme prints
        # these values raw, in the <head> too, so they are held escaped (Markup: `| e` leaves them alone).
        page.meta = {"title": escape(entry.title)}
        if entry.page.summary:
            page.meta["description"] = escape(entry.page.summary)
        if isinstance(entry.page, SitePage) and entry.page.hide:
            page.meta["hide"] = list(entry.page.hide)
        if entry.type in TYPES:
            page.meta["template"] = TYPES[entry.type].layout
        elif entry.src_uri == HOME:
            page.meta["template"] = "kb/home.html"
        return entry.parsed.body

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        """Sanitise the rendered body; in the offline copy, give Material's search the summary and labels the layouts show."""
        html = sanitise.clean(html)
        entry = self.knowledge_base.entries.get(page.file.src_uri)
        if not self.offline or entry is None or entry.type == "page":
            return html  # Pagefind indexes the layouts themselves
        return with_search_terms(self.knowledge_base, entry, html)

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        """Give every link its full address (for print handouts) and the page its Content-Security-Policy."""
        output = print_urls(output, urljoin(config.site_url or "/", page.url))
        if self.offline:
            return output
        output = csp.with_meta(output)
        if self.indexer is None:
            return output
        if self.kept_here is None:
            self.indexer.written(page.file.dest_uri, output)
        else:  # the build's own process counts it towards its search part (`rendered_elsewhere`)
            self.kept_here.append((page.file.dest_uri, self.indexer.keep(page.file.dest_uri, output)))
        return output

    def can_render_elsewhere(self) -> bool:
        """Whether a forked process may render some pages: not for the offline copy, whose search collects every page here."""
        return not self.offline

    def before_rendering_elsewhere(self) -> Path | None:
        """In the build's own process, before the fork renders: make the QR codes, and return the folder of search copies."""
        handout.CODES.wait()
        return None if self.indexer is None else self.indexer.work_folder()

    def rendering_elsewhere(self, search_copies: Path | None) -> None:
        """In the forked process: keep search copies in the build's own folder and note the pages, without starting search runs."""
        self.kept_here = []
        handout.CODES.wait()  # the QR workers are the build's children, which it has waited for: here, only read their codes
        if self.indexer is not None:
            self.indexer.work = search_copies

    def kept(self) -> list[tuple[str, bool]]:
        """In the forked process: the pages written since last asked, each with whether search indexes it."""
        kept, self.kept_here = self.kept_here or [], []
        return kept

    def rendered_elsewhere(self, kept: list[tuple[str, bool]]) -> None:
        """In the build's own process: count pages the forked process wrote (its `kept()`) towards search."""
        if self.indexer is not None:
            for page, marked in kept:
                self.indexer.noted(page, marked)

    @event_priority(-100)  # after the redirects plugin has written the short and old addresses
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """Write the browser editor, give the redirect pages and 404 their policy, write `_headers`, and finish indexing the site for search."""
        if self.offline:
            return  # the offline copy runs from file:// (no CSP), uses Material's search, and has no editor
        site = Path(config.site_dir)
        styles = [
            p.relative_to(site).as_posix() for p in sorted(site.glob("assets/stylesheets/main.*.min.css"))
        ] + list(config.extra_css)
        editor.write(
            site,
            Path(config.config_file_path).parent,
            self.knowledge_base,
            config.theme.get_env().get_template("kb/editor.html"),
            site_name=config.site_name,
            site_url=config.site_url or "/",
            repo_url=config.repo_url or "",
            share_url="../" + page_url(SHARE_PAGE, config.use_directory_urls),
            styles=styles,
            local_port=self.config.editor_port,
        )
        not_page = site / "404.html"
        not_page.write_text(csp.with_meta(not_page.read_text(encoding="utf-8")), encoding="utf-8")
        for old in redirects(self.knowledge_base):  # mkdocs-redirects' pages: their inline script becomes our file
            page = (
                site / old[: -len(".md")] / "index.html"
                if config.use_directory_urls
                else site / (old[: -len(".md")] + ".html")
            )
            script = posixpath.relpath(REDIRECT_SCRIPT, posixpath.dirname(page.relative_to(site).as_posix()))
            page.write_text(
                csp.with_meta(csp.redirect_page(page.read_text(encoding="utf-8"), script)), encoding="utf-8"
            )
        (site / "_headers").write_text(csp.headers_file({"/admin/*": editor.POLICY}), encoding="utf-8")
        if self.indexer is not None:
            self.indexer.finish()  # last: its last runs overlap the work above

    def update(self, config: MkDocsConfig, changed: set[str]) -> int | None:
        """After a full build, show what changed in the pages `changed` (content paths): the preview's rebuild.

        Checks the content again (reusing what loading gave for the other pages), rebuilds the
        link graph and the generated pages' data if what they are made of changed, then builds
        those pages again and the ones that show something that changed: new or lost backlinks
        and related pages, and, when a page's title or summary changed, the pages that list it.
        Search is not indexed again. Returns how many pages it built, or None when only a full
        build can show the change (pages added or removed, the addresses, the glossary or a
        generated page's Markdown changed). Raises `PluginError` on content with errors.
        """
        checked = kb.check(Path(config.docs_dir), self.memo)
        if checked.errors:
            lines = "\n".join(d.format() for d in checked.errors)
            raise PluginError(f"The content has problems:\n{lines}\n{summary_line(checked.diagnostics)}")
        before = self.knowledge_base
        if set(checked.entries) != set(before.entries):
            return None
        old, new = [before.entries[uri] for uri in changed], [checked.entries[uri] for uri in changed]
        same_fields = all(a.page == b.page and a.title == b.title for a, b in zip(old, new, strict=True))
        rebuild: set[str] = set()
        if not same_fields:  # what the generated pages and the short addresses are made of
            made = {m.src_uri: m for m in self._generated(checked, config)[0]}
            if redirects(checked) != redirects(before) or any(
                m.markdown != self.generated[uri].markdown for uri, m in made.items()
            ):
                return None
            rebuild = {uri for uri in made if made[uri].data != self.generated[uri].data}
            self.generated = made
        links = self.graph
        if any(self._graph_input(a) != self._graph_input(b) for a, b in zip(old, new, strict=True)):
            links = graph.build(checked)
            if links.glossary.ordered != self.graph.glossary.ordered:
                return None
        linked_before, self._kb, self.graph, self.glossary.glossary = self.graph, checked, links, links.glossary
        slugs = {entry.slug for entry in new}
        if links is not linked_before:
            for slug in checked.by_slug:
                if linked_before.backlinks(slug) != links.backlinks(slug) or linked_before.related.get(
                    slug
                ) != links.related.get(slug):
                    slugs.add(slug)
        for uri in changed:
            shown_before, shown_now = self._shown[uri], _shown(checked.entries[uri])
            if shown_before != shown_now:  # its title, summary or the like: every page that lists it
                slug = checked.entries[uri].slug
                for graph_ in (linked_before, links):
                    slugs |= {e.source for e in graph_.incoming.get(slug, [])}
                    slugs |= {e.target for e in graph_.outgoing.get(slug, [])}
                    slugs |= {other for other, related in graph_.related.items() if slug in related}
                themes = {*shown_before[-1], *shown_now[-1]}  # the topic guides that may list it
                slugs |= {e.slug for e in checked.of_type("guide") if e.model(Guide).topic in themes}
        self._shown = {uri: _shown(entry) for uri, entry in checked.entries.items()}
        rebuild |= {checked.by_slug[slug].src_uri for slug in slugs if slug in checked.by_slug} | changed
        self.indexer = None  # search keeps the first build's index
        pages = [
            _page_of(f)
            for f in self.files.documentation_pages(inclusion=InclusionLevel.is_in_serve)
            if f.src_uri in rebuild
        ]
        doc_files = self.files.documentation_pages(inclusion=InclusionLevel.is_in_serve)
        for page in pages:
            if page.file.src_uri in changed:
                page.file.content_string = checked.entries[page.file.src_uri].parsed.body
                _populate_page(page, config, self.files)
        for page in pages:
            _build_page(page, config, doc_files, self.nav, self.env)
        for page in pages:
            if page.file.src_uri in changed:
                page.validate_anchor_links(files=self.files, log_level=config.validation.links.anchors)
        return len(pages)

    def _graph_input(self, entry: kb.Entry) -> tuple:
        """All the link graph takes from a page (`graph.build`): the same for two versions, the same graph."""
        page = entry.page
        uses = used_in(self.graph.glossary, entry.parsed.body) if page.glossary_links else set()
        sources = [(citation.source, citation.locator) for citation in getattr(page, "sources", [])]
        terms: list[object] = []
        if entry.type == "concept":
            concept = entry.model(Concept)
            terms = [concept.term, concept.acronym, concept.also_known_as, concept.definition]
        links = [link.target for link in entry.links]
        return list(fields.references(page)), sources, facet_values(entry), links, page.glossary_links, uses, terms

    def on_build_error(self, *, error: Exception) -> None:
        self._stop_helpers()

    def on_shutdown(self) -> None:
        """After each build of `build.py build` (it may have been stopped), and when the preview server stops."""
        self._stop_helpers()

    def _stop_helpers(self) -> None:
        """Stop the processes this build started: Pagefind runs and QR code workers."""
        handout.CODES.stop()
        indexer = getattr(self, "indexer", None)
        if indexer is not None:
            indexer.stop()

    def on_template_context(
        self, context: TemplateContext, *, template_name: str, config: MkDocsConfig
    ) -> TemplateContext:
        """The 404 page routes readers onwards: it lists the topic guides and finders, as the home page does."""
        if template_name == "404.html":
            _ours(context)["home"] = home(self.knowledge_base, config.use_directory_urls)
        return context

    def on_page_context(
        self, context: TemplateContext, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext:
        """Hand the template its data: the page view or the generated page's, and the head's open data."""
        knowledge_base, data = self.knowledge_base, _ours(context)
        if page.file.src_uri in self.generated:
            made = self.generated[page.file.src_uri]
            data[made.name] = made.data
            data["kb_head"] = open_data.generated_head(self.site, made.src_uri, str(page.title), made.summary)
        entry = knowledge_base.entries.get(page.file.src_uri)
        if page.file.src_uri == HOME:
            data["home"] = home(knowledge_base, config.use_directory_urls)
        if entry is None:
            return context
        when = self.history.get(entry.src_uri)
        data["kb_head"] = open_data.page_head(knowledge_base, entry, self.site, when)
        if entry.type != "page":
            data["kb"] = page_view(
                knowledge_base, self.graph, entry, self.view_site, when.changed.date() if when else None
            )
            data["kb"]["cite"] = citation.view(knowledge_base, entry, self.site, when, config.use_directory_urls)
        return context


def kb_plugin(config: MkDocsConfig) -> KnowledgeBasePlugin:
    """This project's plugin in a loaded `config` (`kb` in mkdocs.yml's plugins), with its own attributes."""
    plugin = config.plugins["kb"]
    if not isinstance(plugin, KnowledgeBasePlugin):
        raise PluginError(f"expected the kb plugin to be kb_mkdocs' KnowledgeBasePlugin; found {type(plugin).__name__}")
    return plugin


def _ours(context: TemplateContext) -> dict[str, Any]:
    """The template context as the dict it is: MkDocs' `TemplateContext` types only MkDocs' own keys, not ours."""
    return cast("dict[str, Any]", context)


def _page_of(file: File) -> Page:
    """The page MkDocs made of a documentation file (every one has one once the navigation is built)."""
    if file.page is None:
        raise PluginError(f"content/{file.src_uri}: expected the page of the full build; found none")
    return file.page


def _shown(entry: kb.Entry) -> tuple:
    """What other pages show of a page when they list it (the last item: the themes of the guides that list it)."""
    page = entry.page
    return (
        entry.title,
        entry.type,
        getattr(page, "summary", None),
        getattr(page, "evidence_level", None),
        getattr(page, "definition", None),
        tuple(getattr(page, "theme", ())),
    )


def _keys_first(env: Environment) -> None:
    """Look up `x.name` in a plain dict (the views' data) by key first: Jinja tries the attribute first, and
    the exception that raises for every key costs about a second at 2,000 pages. Other objects, and names
    a dict lacks (`items`), are looked up as Jinja does."""
    attribute_first = env.getattr

    def getattr_(obj: Any, attribute: str) -> Any:
        if type(obj) is dict and attribute in obj:
            return obj[attribute]
        return attribute_first(obj, attribute)

    env.getattr = getattr_  # type: ignore[method-assign]  # what compiled templates call for `x.name`


def _menu_once_per_folder(env: Environment, nav: Navigation, config: MkDocsConfig) -> None:
    """Render Material's menu once for all the pages outside it whose links to the menu's pages are the same.

    Such a page's menu marks no item as the current one, so it differs from page to page only
    in its links (relative to the page): pages in the same folder share one menu.
    """
    template = env.get_template(MENU)
    render = template.root_render_func
    in_menu = {page.file.src_uri for page in nav.pages}
    links = [
        str(config.extra.get("homepage") or (nav.homepage.url if nav.homepage else "")),
        str(config.theme.get("logo") or ""),
    ]
    todo = list(nav.items)
    while todo:
        item = todo.pop()
        links += [item.url] if getattr(item, "url", None) is not None else []
        todo += getattr(item, "children", None) or []
    made: dict[tuple[str, ...], str] = {}

    def menu(context):
        page = context.get("page")
        if page is None or page.file.src_uri in in_menu:
            yield from render(context)
            return
        key = tuple(
            normalize_url(link, page=page, base=context.get("base_url", "")) for link in links
        )  # as `| url` does
        if key not in made:
            made[key] = "".join(render(context))
        yield made[key]

    template.root_render_func = menu  # what `{% include %}` runs


def _refuse_unchecked_files(files: Files, config: MkDocsConfig, checked: kb.KnowledgeBase) -> None:
    """A second line of defence: MkDocs publishes nothing from the content folder that `check` did not allow."""
    docs = Path(config.docs_dir).resolve()
    allowed = checked.published
    unexpected = sorted(
        f.src_uri
        for f in files
        if f.abs_src_path
        and Path(f.abs_src_path).resolve().is_relative_to(docs)
        and f.inclusion.is_included()
        and (f.src_uri not in allowed or Path(f.abs_src_path).is_symlink())
    )
    if unexpected:
        raise PluginError("The content folder has files that were not checked: " + ", ".join(unexpected))


def _refuse_redirects_over_pages(maps: dict[str, str], files: Files, config: MkDocsConfig) -> None:
    """mkdocs-redirects would silently overwrite a page that sits at a short or old address."""
    written = {f.dest_uri for f in files}
    for old in maps:
        dest = old[: -len(".md")] + ("/index.html" if config.use_directory_urls else ".html")
        if files.get_file_from_path(old) is not None or dest in written:
            raise PluginError(f"A short or old address would overwrite a page: {old} (rename the page or the alias)")
