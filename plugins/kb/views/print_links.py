"""Full link addresses for printed pages: `data-print-url` on each link in the page's article, which print CSS writes after the link text."""

from __future__ import annotations

import posixpath
import re

LINK_RE = re.compile(r'<a ([^>]*?)href="([^"#][^"]*)"')
ARTICLE_RE = re.compile(r"<article\b")


def print_urls(html: str, page_url: str) -> str:
    """Add `data-print-url` (the absolute address) to every link with a real target in the page's article."""
    scheme, _, rest = page_url.partition("://")
    host, _, path = rest.partition("/")
    origin, folder = (
        f"{scheme}://{host}",
        "/" + (path if path.endswith("/") or not path else posixpath.dirname(path) + "/"),
    )

    def absolute(href: str) -> str:
        if "://" in href[:12]:
            return href
        target, _, suffix = href.partition("?") if "?" in href else href.partition("#")
        joined = posixpath.normpath(posixpath.join(folder, target)) + (
            "/" if target.endswith("/") or not target else ""
        )
        separator = "?" if "?" in href else "#"
        return origin + joined.replace("//", "/") + (separator + suffix if suffix else "")

    def add(match: re.Match) -> str:
        attrs, href = match.group(1), match.group(2)
        if "data-print-url" in attrs or href.startswith(("mailto:", "javascript:", "data:")):
            return match.group(0)
        return f'<a {attrs}data-print-url="{absolute(href)}" href="{href}"'

    start = ARTICLE_RE.search(html)  # the article: from its tag to the first `</article>` (found, not matched: faster)
    if start is None:
        return html
    end = html.find("</article>", start.end())
    if end < 0:
        return html
    return html[: start.start()] + LINK_RE.sub(add, html[start.start() : end]) + html[end:]
