"""Full link addresses for printed pages: `data-print-url` on each link, which print CSS writes after the link text."""

from __future__ import annotations

import re
from urllib.parse import urljoin

LINK_RE = re.compile(r'<a ([^>]*?)href="([^"#][^"]*)"')


def print_urls(html: str, page_url: str) -> str:
    """Add `data-print-url` (the absolute address) to every link with a real target in `html`."""

    def add(match: re.Match) -> str:
        attrs, href = match.group(1), match.group(2)
        if "data-print-url" in attrs or href.startswith(("mailto:", "javascript:", "data:")):
            return match.group(0)
        return f'<a {attrs}data-print-url="{urljoin(page_url, href)}" href="{href}"'

    return LINK_RE.sub(add, html)
