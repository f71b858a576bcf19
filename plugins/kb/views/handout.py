"""Print handouts: each page's short address and a QR code for it (an SVG made at build time)."""

from __future__ import annotations

import io
from urllib.parse import urlsplit

import segno

RESERVED_DOMAINS = ("example.org", "example.com", "example.net", "example", "test", "invalid", "localhost")
"""Host names that can never be a public site (RFC 2606)."""


def short_url(site_url: str, slug: str) -> str:
    """The address a trainer reads aloud: the site address plus the slug."""
    return f"{site_url.rstrip('/')}/{slug}/"


def is_placeholder(site_url: str) -> bool:
    """Whether the public address is a placeholder host, so every short link and QR code would lead nowhere."""
    host = (urlsplit(site_url).hostname or "").rstrip(".")
    return not host or any(host == domain or host.endswith("." + domain) for domain in RESERVED_DOMAINS)


def qr_svg(url: str) -> str:
    """An inline SVG QR code of `url`, with a text alternative."""
    buffer = io.BytesIO()
    # A fixed mask: choosing the best of eight costs about three times as long, and any mask scans.
    segno.make(url, error="m", mask=0, micro=False).save(
        buffer,
        kind="svg",
        xmldecl=False,
        svgns=True,
        nl=False,
        scale=2,
        border=2,
        title=f"QR code for {url}",
        svgclass="kb-qr",
        lineclass=None,
        omitsize=True,
    )
    return buffer.getvalue().decode()
