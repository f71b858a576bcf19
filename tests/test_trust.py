"""What a stranger's contribution cannot do: publish other files, reach the <head>, run a script,
take a reserved address, write into the project, break the vocabulary unseen, or pass `check` and fail the build."""

from __future__ import annotations

import fcntl
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

import pytest
from jinja2 import Environment, nodes

import kb
from browser import browser, serve
from conftest import FIXTURE_CONTENT, ROOT, build_command, check_copy, make_site, run_build_py

CASE = "case-studies/fixture-cluster.md"
CASE_TEXT = (FIXTURE_CONTENT / CASE).read_text(encoding="utf-8")
PNG = b"\x89PNG\r\n\x1a\n" + bytes.fromhex(
    "0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201a1d9e1d20000000049454e44ae426082"
)


# Class 1: every file under content/ is checked against an allowlist.

NOT_MD = "expected a page to end in .md; found "
OTHER = "expected a page (.md), an image (.png, .jpg, .jpeg, .gif, .webp) or vocabulary.yml; found "
SYMLINK = "expected a regular file; found a symbolic link (links are never followed or published)"
FILES = {
    ".markdown page": (
        {"case-studies/x.markdown": CASE_TEXT},
        [f"content/case-studies/x.markdown:1: file: {NOT_MD}'.markdown' (rename the file to x.md)"],
    ),
    ".mdown page": ({"x.mdown": "# x"}, [f"content/x.mdown:1: file: {NOT_MD}'.mdown' (rename the file to x.md)"]),
    "html page": ({"evil.html": "<script>alert(1)</script>"}, [f"content/evil.html:1: file: {OTHER}'.html'"]),
    "script": ({"concepts/app.js": "alert(1)"}, [f"content/concepts/app.js:1: file: {OTHER}'.js'"]),
    "svg": (
        {"case-studies/logo.svg": "<svg onload=alert(1)>"},
        [f"content/case-studies/logo.svg:1: file: {OTHER}'.svg'"],
    ),
    "a file with no extension": ({"robots": "x"}, [f"content/robots:1: file: {OTHER}'a file with no extension'"]),
    "a theme asset": (
        {"assets/javascripts/bundle.a5f9d56c.min.js": "alert(1)"},
        [
            "content/assets:1: file: expected a folder that does not take the place of the site's own files (admin, api, assets, pagefind, search); found 'assets/'"
        ],
    ),
    "the host's redirects file": (
        {"_redirects": "/* https://evil.example 301"},
        [
            "content/_redirects:1: file: expected a file name that does not start with '.' or '_' (hosts treat such files as settings); found '_redirects'"
        ],
    ),
    "the host's headers file": (
        {"_headers": "/*\n  X: y"},
        [
            "content/_headers:1: file: expected a file name that does not start with '.' or '_' (hosts treat such files as settings); found '_headers'"
        ],
    ),
    "a dot folder": (
        {".well-known/security.txt": "x"},
        [
            "content/.well-known:1: file: expected a folder name that does not start with '.' or '_'; found '.well-known'"
        ],
    ),
    "a link to a system file": (
        {"concepts/passwd.md": Path("/etc/passwd")},
        [f"content/concepts/passwd.md:1: file: {SYMLINK}"],
    ),
    "a link to the process environment": (
        {"environ.png": Path("/proc/self/environ")},
        [f"content/environ.png:1: file: {SYMLINK}"],
    ),
    "a link to the repository's settings": (
        {"config.md": ROOT / ".git" / "config"},
        [f"content/config.md:1: file: {SYMLINK}"],
    ),
    "a linked folder": (
        {"concepts/etc": Path("/etc")},
        [
            "content/concepts/etc:1: file: expected a folder; found a symbolic link (links are never followed or published)"
        ],
    ),
    "a script posing as an image": (
        {"case-studies/chart.png": "<script>alert(1)</script>"},
        ["content/case-studies/chart.png:1: file: expected a real PNG image; found a file whose content is not one"],
    ),
    "an image name with spaces": (
        {"case-studies/My Chart.png": PNG},
        [
            "content/case-studies/My Chart.png:1: file: expected an image name in lower-case letters, digits and hyphens, e.g. 'review-timetable.png'; found 'My Chart.png'"
        ],
    ),
    "a vocabulary elsewhere": (
        {"concepts/vocabulary.yml": "x: y"},
        [f"content/concepts/vocabulary.yml:1: file: {OTHER}'.yml'"],
    ),
}


@pytest.mark.parametrize("name", list(FILES))
def test_check_refuses_every_file_outside_the_allowlist(
    name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    add, expected = FILES[name]
    assert check_copy(tmp_path, monkeypatch, add) == expected


def test_a_real_image_is_allowed_and_published(site_project: Path) -> None:
    (site_project / "content" / "case-studies" / "review-chart.png").write_bytes(PNG)
    page = site_project / "content" / CASE
    page.write_text(page.read_text() + "\n![A chart of the review cycle](review-chart.png)\n")
    result = run_build_py(
        "build", "--config", str(site_project / "mkdocs.yml"), "--site-dir", str(site_project / "site")
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert (site_project / "site" / "case-studies" / "review-chart.png").read_bytes() == PNG


def test_plain_mkdocs_build_refuses_the_same_files(site_project: Path) -> None:
    (site_project / "content" / "evil.html").write_text("<script>alert(1)</script>")
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "mkdocs",
            "build",
            "-f",
            str(site_project / "mkdocs.yml"),
            "-d",
            str(site_project / "out"),
        ],
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    assert result.returncode != 0
    assert "content/evil.html:1: file: " in result.stdout + result.stderr
    assert not (site_project / "out" / "evil.html").exists()


def test_the_adapter_refuses_a_file_the_check_missed(site_project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The second line of defence: were `check` to let a file through, MkDocs still would not publish it."""
    from kb.checks import content_files
    from kb_mkdocs import commands

    (site_project / "content" / "evil.html").write_text("<script>alert(1)</script>")
    real_scan = content_files.scan

    def blind_scan(*args):
        found = real_scan(*args)
        found.problems = []
        return found

    monkeypatch.setattr(content_files, "scan", blind_scan)
    assert commands.build(site_project / "mkdocs.yml", site_project / "site") == 1
    assert not (site_project / "site").exists()


# Class 2: values reach the <head> escaped.

PRE_ESCAPED = {("main.html", "page.meta.title")}
"""Values the plugin holds already escaped (kb_mkdocs/plugin.py), printed as they are held."""


def _safe_output(expr: nodes.Expr) -> bool:
    """An output that needs no autoescape: `super()`, a constant, a fixed address, or an explicit filter."""
    if isinstance(expr, nodes.Call) and isinstance(expr.node, nodes.Name) and expr.node.name == "super":
        return True
    if isinstance(expr, nodes.Filter) and expr.name in ("e", "escape", "safe", "tojson"):
        return True
    return isinstance(expr, nodes.Const) or (
        isinstance(expr, nodes.Filter) and expr.name == "url" and isinstance(expr.node, nodes.Const)
    )


def _unescaped_outputs(node: nodes.Node, escaped: bool, template: str) -> Iterator[str]:
    if isinstance(node, nodes.ScopedEvalContextModifier):
        escaped = next((bool(kw.value.as_const()) for kw in node.options if kw.key == "autoescape"), escaped)
    if isinstance(node, nodes.Output) and not escaped:
        for expr in node.nodes:
            source = _source(expr)
            if (
                not isinstance(expr, nodes.TemplateData)
                and not _safe_output(expr)
                and (template, source) not in PRE_ESCAPED
            ):
                yield f"{template}:{expr.lineno}: {source}"
    for child in node.iter_child_nodes():
        yield from _unescaped_outputs(child, escaped, template)


def _source(expr: nodes.Expr) -> str:
    """A dotted name for an output, for the message (`page.meta.title`)."""
    parts = []
    while isinstance(expr, nodes.Getattr):
        parts.append(expr.attr)
        expr = expr.node
    return ".".join([getattr(expr, "name", type(expr).__name__), *reversed(parts)])


def test_every_value_a_template_prints_is_escaped() -> None:
    """MkDocs' templates do not escape by default: each of ours prints values inside `{% autoescape true %}`,
    through an explicit filter, or as a fixed text; a block that forgot its autoescape tag fails here."""
    environment = Environment()
    found = [
        line
        for path in sorted((ROOT / "theme_overrides").rglob("*.html"))
        for line in _unescaped_outputs(
            environment.parse(path.read_text(encoding="utf-8")),
            False,
            path.relative_to(ROOT / "theme_overrides").as_posix(),
        )
    ]
    assert found == []


def test_the_escape_rule_finds_a_forgotten_autoescape() -> None:
    forgot = Environment().parse(
        "{% block x %}<p>{{ kb.title }}</p>{% endblock %}{% autoescape true %}{{ kb.summary }}{% endautoescape %}"
    )
    assert list(_unescaped_outputs(forgot, False, "t.html")) == ["t.html:1: kb.title"]


DATA_SCRIPTS = ("application/json", "application/ld+json")
"""Script types that are data blocks (the self-evaluation's data, schema.org JSON-LD): browsers never run them."""


class Head(HTMLParser):
    """The <title> text and every <meta> and <script> in a page's head."""

    def __init__(self) -> None:
        super().__init__()
        self.in_head, self.in_title, self.title, self.metas, self.scripts = False, False, "", [], []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        attributes = dict(attrs)
        self.in_head |= tag == "head"
        if not self.in_head:
            return
        self.in_title = tag == "title"
        if tag == "meta":
            self.metas.append(attributes)
        elif tag == "script":
            self.scripts.append(attributes)

    def handle_endtag(self, tag: str) -> None:
        self.in_head &= tag != "head"
        self.in_title &= tag != "title"

    def handle_data(self, data: str) -> None:
        if self.in_title:
            self.title += data


def head_of(html: str) -> Head:
    parser = Head()
    parser.feed(html)
    return parser


HOSTILE_SUMMARY = 'Peers reviewed" http-equiv="refresh" content="0;url=https://evil.example/'
HOSTILE_TITLE = 'Peers & "friends" &lt;/title&gt;&lt;script&gt;window.pwned=1&lt;/script&gt;'
HOSTILE_HEADING = "# &lt;/title&gt;&lt;script&gt;window.pwned=2&lt;/script&gt; Home"


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture site with hostile values in every place that reaches the <head>."""
    project = make_site(tmp_path_factory.mktemp("hostile") / "project").parent
    case = project / "content" / CASE
    text = case.read_text().replace(
        "summary: Three primary schools reviewed each other.", f"summary: '{HOSTILE_SUMMARY}'"
    )
    case.write_text(text.replace("title: A fixture cluster of three primaries", f"title: '{HOSTILE_TITLE}'"))
    (project / "content" / "index.md").write_text(f"{HOSTILE_HEADING}\n\nA page with no front matter.\n")
    result = run_build_py("build", "--config", str(project / "mkdocs.yml"), "--site-dir", str(project / "site"))
    assert result.returncode == 0, result.stdout + result.stderr
    return project / "site"


def test_hostile_values_stay_text_in_every_head_position(hostile_site: Path) -> None:
    case = head_of((hostile_site / "case-studies" / "fixture-cluster" / "index.html").read_text())
    assert (
        case.title == HOSTILE_TITLE + " - School Partnerships Knowledge Base"
    )  # front matter is plain text: "&lt;" is four characters
    assert [m["content"] for m in case.metas if m.get("name") == "description"] == [HOSTILE_SUMMARY]
    assert [m["http-equiv"] for m in case.metas if "http-equiv" in m] == ["Content-Security-Policy"]
    assert all("src" in s or s.get("type") in DATA_SCRIPTS for s in case.scripts)
    previews = {m["property"]: m["content"] for m in case.metas if "property" in m}
    assert (previews["og:title"], previews["og:description"]) == (HOSTILE_TITLE, HOSTILE_SUMMARY)
    html = (hostile_site / "case-studies" / "fixture-cluster" / "index.html").read_text()
    [ld] = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert (json.loads(ld)["name"], json.loads(ld)["description"]) == (HOSTILE_TITLE, HOSTILE_SUMMARY)
    home = head_of((hostile_site / "index.html").read_text())
    assert home.title == "School Partnerships Knowledge Base"  # the home page keeps the site's name
    assert all("src" in s or s.get("type") == "application/ld+json" for s in home.scripts)
    [ld] = re.findall(
        r'<script type="application/ld\+json">(.*?)</script>', (hostile_site / "index.html").read_text(), re.S
    )
    assert json.loads(ld)["name"] == "</title><script>window.pwned=2</script> Home"  # "</" is "\u003c/" in the block


def test_a_root_page_title_from_its_heading_stays_text(hostile_site: Path, tmp_path: Path) -> None:
    about = hostile_site.parent / "content" / "about-us.md"
    about.write_text(f"{HOSTILE_HEADING.replace(' Home', ' About')}\n\nText.\n")
    site = tmp_path / "site"
    assert (
        run_build_py("build", "--config", str(hostile_site.parent / "mkdocs.yml"), "--site-dir", str(site)).returncode
        == 0
    )
    assert (
        head_of((site / "about-us" / "index.html").read_text()).title
        == "</title><script>window.pwned=2</script> About - School Partnerships Knowledge Base"
    )


def test_no_hostile_value_runs_or_redirects_in_chromium(hostile_site: Path) -> None:
    with serve(hostile_site) as base, browser() as chromium:
        page = chromium.new_page()
        for path in ("case-studies/fixture-cluster/", ""):
            page.goto(base + path)
            page.wait_for_timeout(1500)  # time for a meta refresh to fire, were there one
            assert page.url == base + path
            assert page.evaluate("typeof window.pwned") == "undefined"


# Class 3: the Content-Security-Policy allows only the scripts we ship.


def test_no_built_page_has_an_inline_script(built_fixture_site: Path) -> None:
    for html in built_fixture_site.rglob("*.html"):
        if html.parts[-2] == "admin":
            continue  # the editor's page has a policy of its own
        scripts = head_of(html.read_text().replace("<body", "<head-body")).scripts
        assert all("src" in s or s.get("type") in DATA_SCRIPTS for s in scripts), html


def test_the_policy_allows_no_inline_script_or_hash(built_fixture_site: Path) -> None:
    from kb.output.csp import POLICY

    scripts = next(part for part in POLICY.split(";") if part.strip().startswith("script-src"))
    assert scripts.split() == ["script-src", "'self'", "'wasm-unsafe-eval'"]
    headers = (built_fixture_site / "_headers").read_text()
    assert f"Content-Security-Policy: {POLICY}" in headers and "sha256" not in headers


def test_material_still_writes_the_start_up_script_we_serve_as_a_file() -> None:
    """Our material-start.js is Material's inline start-up script: a Material upgrade that changes it must fail here."""
    import material

    partial = Path(material.__file__).parent / "templates" / "partials" / "javascripts" / "base.html"
    assert (
        '<script>__md_scope=new URL("{{ config.extra.scope | d(base_url) }}",location),__md_hash=e=>[...e].reduce(((e,_)=>(e<<5)-e+_.charCodeAt(0)),0),__md_get=(e,_=localStorage,t=__md_scope)=>JSON.parse(_.getItem(t.pathname+"."+e)),__md_set=(e,_,t=localStorage,a=__md_scope)=>{try{t.setItem(a.pathname+"."+e,JSON.stringify(_))}catch(e){}}</script>'
        in partial.read_text()
    )


INJECTED = {
    "an inline script": "<script>window.pwned = 'inline';</script>",
    "an event handler": '<img src="data:," onerror="window.pwned = \'handler\'">',
    "a javascript: address": "<iframe src=\"javascript:parent.pwned='iframe'\"></iframe>",
}


def test_an_injected_script_is_refused_by_the_browser(built_fixture_site: Path, tmp_path: Path) -> None:
    """Whatever slips into a finished page, the policy refuses it; our own scripts still run."""
    site = tmp_path / "site"
    shutil.copytree(built_fixture_site, site)
    page = site / "case-studies" / "fixture-cluster" / "index.html"
    page.write_text(page.read_text().replace("</article>", "".join(INJECTED.values()) + "</article>", 1))
    with serve(site) as base, browser() as chromium:
        tab = chromium.new_page()
        violations: list[str] = []
        tab.on(
            "console",
            lambda message: violations.append(message.text) if "Content Security Policy" in message.text else None,
        )
        tab.goto(base + "case-studies/fixture-cluster/")
        tab.wait_for_timeout(500)
        assert tab.evaluate("typeof window.pwned") == "undefined"
        assert len(violations) >= 2
        assert tab.evaluate("typeof __md_get") == "function"  # Material's start-up script, from our file, ran


def test_a_short_address_keeps_its_fragment(built_fixture_site: Path) -> None:
    with serve(built_fixture_site) as base, browser() as chromium:
        tab = chromium.new_page()
        tab.goto(base + "fixture-cluster/#context")
        tab.wait_for_url(base + "case-studies/fixture-cluster/#context")


# Class 4: one list of reserved addresses.

RESERVED = {
    "slug of a generated page": (
        {"case-studies/evidence-map.md": CASE_TEXT},
        "content/case-studies/evidence-map.md:1: file name: expected a slug that is not a reserved address; found 'evidence-map', the address of a generated page",
    ),
    "slug of the search page": (
        {"concepts/search.md": CASE_TEXT},
        "content/concepts/search.md:1: file name: expected a slug that is not a reserved address; found 'search', the address of a generated page",
    ),
    "slug of a root page": (
        {"case-studies/how-we-rate-evidence.md": CASE_TEXT},
        "content/case-studies/how-we-rate-evidence.md:1: file name: expected a slug that is not a reserved address; found 'how-we-rate-evidence', the address of the page content/how-we-rate-evidence.md",
    ),
    "slug of a theme folder": (
        {"case-studies/admin.md": CASE_TEXT},
        "content/case-studies/admin.md:1: file name: expected a slug that is not a reserved address; found 'admin', the address of the site's own files",
    ),
    "slug of a finder": (
        {"case-studies/concepts.md": CASE_TEXT},
        "content/case-studies/concepts.md:1: file name: expected a slug that is not a reserved address; found 'concepts', the address of a finder",
    ),
    "the finder's own path": (
        {"case-studies/index.md": CASE_TEXT},
        "content/case-studies/index.md:1: file name: expected a slug that is not a reserved address; found 'index', the address of the site's own files",
    ),
    "a root page at a generated page": (
        {"compare-programmes.md": "# Compare\n"},
        "content/compare-programmes.md:1: file name: expected a root page name that is not the address of a generated page; found 'compare-programmes'",
    ),
    "a root page at a finder": (
        {"packs.md": "# Packs\n"},
        "content/packs.md:1: file name: expected a root page name that is not the address of a finder; found 'packs'",
    ),
    "a root page at a page's short address": (
        {"fixture-study.md": "# Study\n"},
        "content/sources/fixture-study.md:1: file name: expected a slug that is not a reserved address; found 'fixture-study', the address of the page content/fixture-study.md",
    ),
    "an alias of a generated page": (
        {CASE: CASE_TEXT.replace("aliases: []", "aliases: [compare-programmes]")}
        if "aliases: []" in CASE_TEXT
        else {CASE: CASE_TEXT.replace("type: case-study\n", "type: case-study\naliases: [compare-programmes]\n", 1)},
        "content/case-studies/fixture-cluster.md:",
    ),
}


@pytest.mark.parametrize("name", list(RESERVED))
def test_no_page_takes_a_reserved_address(name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    add, expected = RESERVED[name]
    lines = check_copy(tmp_path, monkeypatch, add)
    assert any(line.startswith(expected) for line in lines), lines
    if name == "an alias of a generated page":
        assert any(
            "aliases[0]: expected an old slug that is not a reserved address; found 'compare-programmes', the address of a generated page"
            in line
            for line in lines
        )


def test_the_build_refuses_a_redirect_over_a_page(site_project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Were the rule above missed, mkdocs-redirects would overwrite the page: the build stops instead."""
    from kb.checks import rules
    from kb_mkdocs import commands

    (site_project / "content" / "fixture-study.md").write_text("# A root page at a short address\n")
    monkeypatch.setattr(rules, "_reserved", lambda kb: [])
    assert commands.build(site_project / "mkdocs.yml", site_project / "site") == 1
    assert not (site_project / "site").exists()


def test_every_top_level_name_of_a_built_site_is_known(built_fixture_site: Path) -> None:
    """The reserved list covers what the theme and the build write (so a new generated file is reserved too)."""
    from kb.content import addresses

    loaded = kb.check(FIXTURE_CONTENT)
    slugs = {e.slug for e in loaded.typed()} | {a for e in loaded.typed() for a in e.page.aliases}
    root_pages = {e.slug for e in loaded.entries.values() if "/" not in e.src_uri}
    known = set(addresses.reserved(sorted(root_pages))) | slugs
    names = {p.name.split(".")[0] for p in built_fixture_site.iterdir()}
    assert names - known - {"", "_headers"} == set()


# Class 5: the site folder.


@pytest.mark.parametrize(
    "where", [".", "content", "content/case-studies", "plugins", "theme_overrides", "tests", ".git", "..", "/"]
)
def test_build_never_writes_into_the_project_or_its_sources(site_project: Path, where: str) -> None:
    (site_project / "plugins").mkdir()
    (site_project / "plugins" / "keep.py").write_text("x = 1\n")
    (site_project / ".git").mkdir()
    before = sorted(str(p.relative_to(site_project)) for p in site_project.rglob("*"))
    site_dir = where if where.startswith("/") else str(site_project / where)
    result = run_build_py("build", "--config", str(site_project / "mkdocs.yml"), "--site-dir", site_dir)
    assert result.returncode == 1
    [line] = result.stderr.splitlines()
    assert line.startswith("Build stopped: --site-dir: expected a site folder outside the project")
    assert sorted(str(p.relative_to(site_project)) for p in site_project.rglob("*")) == before


def test_build_never_replaces_a_folder_it_did_not_make(site_project: Path) -> None:
    theirs = site_project / "my-documents"
    theirs.mkdir()
    (theirs / "letter.txt").write_text("Dear governors")
    result = run_build_py("build", "--config", str(site_project / "mkdocs.yml"), "--site-dir", str(theirs))
    assert result.returncode == 1 and "holds files no build made" in result.stderr
    assert [p.name for p in theirs.iterdir()] == ["letter.txt"]


def test_build_replaces_its_own_site_and_fills_an_empty_folder(site_project: Path) -> None:
    site = site_project / "site"
    site.mkdir()
    for _ in range(2):
        result = run_build_py("build", "--config", str(site_project / "mkdocs.yml"), "--site-dir", str(site))
        assert result.returncode == 0, result.stderr
    assert (site / ".kb-site").is_file() and (site / "index.html").is_file()


def test_a_second_build_into_the_same_folder_waits_its_turn(site_project: Path) -> None:
    site = site_project / "site"
    with open(site_project / ".site.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        result = run_build_py("build", "--config", str(site_project / "mkdocs.yml"), "--site-dir", str(site))
    assert result.returncode == 1 and "another build is writing" in result.stderr
    assert not site.exists()


@pytest.mark.parametrize(("signum", "code"), [(signal.SIGTERM, 143), (signal.SIGHUP, 129), (signal.SIGINT, 130)])
def test_a_stopped_build_cleans_up_and_says_one_line(site_project: Path, signum: int, code: int) -> None:
    config, site = site_project / "mkdocs.yml", site_project / "site"
    assert run_build_py("build", "--config", str(config), "--site-dir", str(site)).returncode == 0
    before = sorted(p.name for p in site.iterdir())
    process = subprocess.Popen(
        build_command(site_project, site),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 60
    while not any(p.name.startswith(".site-") for p in site_project.iterdir()):
        assert time.monotonic() < deadline and process.poll() is None
        time.sleep(0.02)
    time.sleep(0.3)  # inside MkDocs' build
    process.send_signal(signum)
    _out, err = process.communicate(timeout=60)
    assert process.returncode == code
    assert "Traceback" not in err and err.strip().splitlines()[-1].startswith("Build stopped by ")
    assert [p.name for p in site_project.iterdir() if p.name.startswith(".site-")] == []
    assert sorted(p.name for p in site.iterdir()) == before


# Class 6: the vocabulary's own problems.

VOCABULARY = (FIXTURE_CONTENT / "vocabulary.yml").read_text()
PHASE = VOCABULARY[VOCABULARY.index("phase:\n") : VOCABULARY.index("\nregion:\n")]
PHASE_LINE = VOCABULARY.split("\n").index("phase:") + 1
BAD_VOCABULARY = {
    "deleted": (
        None,
        [
            "content/vocabulary.yml:1: file: expected the vocabulary file, which lists the values of every facet; found none"
        ],
    ),
    "a facet removed": (
        VOCABULARY.replace("\nstage:", "\nstages:", 1),
        ["content/vocabulary.yml:1: stage: expected the facet 'stage', which pages use; found none"],
    ),
    "a facet with no values": (
        VOCABULARY.replace(PHASE, "phase:\n  label: Phase\n  description: The phase.\n  values: {}\n"),
        [
            f"content/vocabulary.yml:{PHASE_LINE + 3}: phase.values: expected at least one value, each with a label and a description; found none"
        ],
    ),
    "a facet with an unknown key": (
        VOCABULARY.replace(PHASE, PHASE.replace("  values:", "  colour: blue\n  values:")),
        [
            f"content/vocabulary.yml:{PHASE_LINE}: phase: expected 'label', 'description' and 'values'; found 'label', 'description', 'colour', 'values'"
        ],
    ),
    "a value with no label": (
        VOCABULARY.replace("primary: {label: Primary, description:", "primary: {name: Primary, description:", 1),
        [
            f"content/vocabulary.yml:{PHASE_LINE + 5}: phase.values.primary: expected a label and a description, both text (and optionally `placeholder: true`); found something else"
        ],
    ),
    "not YAML": (VOCABULARY.replace("phase:\n", "phase: [\n", 1), None),
}


@pytest.mark.parametrize("name", list(BAD_VOCABULARY))
def test_a_broken_vocabulary_is_a_line_in_the_file_not_a_traceback(name: str, site_project: Path) -> None:
    text, expected = BAD_VOCABULARY[name]
    vocabulary = site_project / "content" / "vocabulary.yml"
    if text is None:
        vocabulary.unlink()
    else:
        vocabulary.write_text(text)
    result = run_build_py("check", "--content", "content", cwd=site_project)
    assert result.returncode == 1 and "Traceback" not in result.stderr + result.stdout
    lines = result.stdout.splitlines()[:-1]
    if expected is None:
        [line] = lines
        assert line.startswith("content/vocabulary.yml:") and ": yaml: expected valid YAML; found " in line
    else:
        assert lines == expected
    build = run_build_py(
        "build", "--config", str(site_project / "mkdocs.yml"), "--site-dir", str(site_project / "site")
    )
    assert build.returncode == 1 and "Traceback" not in build.stderr and result.stdout.splitlines()[0] in build.stdout


# Class 7: `check` fails exactly when the build would.

AGREEMENT = {
    "an undefined acronym (a warning)": ("\nThe LLE helped.\n", 0),
    "a missing image": ("\n![A chart](missing.png)\n", 1),
    "a link to a missing PDF": ("\nSee [the report](report.pdf).\n", 1),
    "an absolute link to a missing page": ("\nSee [the guide](/guides/no-such-guide.md).\n", 1),
    "an absolute link to a real page": ("\nSee [the study](/sources/fixture-study.md).\n", 0),
    "a link to a missing anchor": ("\nSee [the context](#no-such-section).\n", 1),
    "a link out of the content folder": ("\nSee [the settings](../../mkdocs.yml).\n", 1),
}


@pytest.mark.parametrize("name", list(AGREEMENT))
def test_check_and_build_agree(name: str, site_project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from kb import cli
    from kb_mkdocs import commands

    addition, code = AGREEMENT[name]
    page = site_project / "content" / CASE
    page.write_text(page.read_text() + addition)
    monkeypatch.chdir(site_project)
    assert cli.check(Path("content")) == code
    try:  # the strict MkDocs build alone, which checks the content again inside the plugin
        commands.build_site(site_project / "mkdocs.yml", site_project / "out")
        built = 0
    except Exception:
        built = 1
    assert built == code
