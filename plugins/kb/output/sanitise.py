"""The second line of defence: every page's rendered HTML passes through nh3 with an allowlist.

The allowlist keeps what Markdown, pymdown-extensions, mkdocs-material and our
own components produce (headings with ids and permalinks, admonitions, tables,
footnotes, tabs, abbreviations, glossary links and their tooltips) and drops
everything else, including any script, event handler or script address that
got past `safety.py`.
"""

from __future__ import annotations

import nh3

TAGS = {
    "a",
    "abbr",
    "b",
    "blockquote",
    "br",
    "caption",
    "code",
    "col",
    "colgroup",
    "dd",
    "del",
    "details",
    "div",
    "dl",
    "dt",
    "em",
    "figcaption",
    "figure",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "i",
    "img",
    "input",
    "ins",
    "kbd",
    "label",
    "li",
    "mark",
    "ol",
    "p",
    "pre",
    "q",
    "s",
    "samp",
    "small",
    "span",
    "strong",
    "sub",
    "summary",
    "sup",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "time",
    "tr",
    "u",
    "ul",
}
GLOBAL_ATTRIBUTES = {
    "class",
    "id",
    "title",
    "lang",
    "dir",
    "role",
    "aria-describedby",
    "aria-label",
    "aria-labelledby",
    "aria-hidden",
    "tabindex",
}
ATTRIBUTES = {
    "*": GLOBAL_ATTRIBUTES,
    "a": {"href", "rel"},
    "img": {"src", "alt", "width", "height", "loading"},
    "td": {"colspan", "rowspan", "align"},
    "th": {"colspan", "rowspan", "align", "scope"},
    "ol": {"start", "type"},
    "details": {"open"},
    "input": {"type", "name", "checked"},
    "label": {"for"},
    "time": {"datetime"},
    "col": {"span"},
}
URL_SCHEMES = {"http", "https", "mailto"}


def clean(html: str) -> str:
    """`html` with everything outside the allowlist removed."""
    return nh3.clean(
        html,
        tags=TAGS,
        clean_content_tags={"script", "style"},
        attributes=ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel=None,
        strip_comments=True,
    )
