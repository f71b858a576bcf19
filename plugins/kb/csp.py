"""Content-Security-Policy for the built site: only our own origin, and hashes for the few inline scripts."""

from __future__ import annotations

import base64
import hashlib
import re

INLINE_SCRIPT_RE = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/json\")[^>]*>(.*?)</script>", re.S)
META_NAME = "Content-Security-Policy"


def script_hashes(html: str) -> set[str]:
    """CSP hash sources of every inline script in a page (JSON data blocks are not scripts)."""
    return {"'sha256-" + base64.b64encode(hashlib.sha256(body.encode()).digest()).decode() + "'" for body in INLINE_SCRIPT_RE.findall(html)}


def policy(hashes: set[str]) -> str:
    """The policy: everything from our own origin; inline scripts only by hash; no plugins, frames from elsewhere or forms."""
    scripts = " ".join(["'self'", "'wasm-unsafe-eval'", *sorted(hashes)])  # Pagefind runs as WebAssembly
    return (
        f"default-src 'self'; script-src {scripts}; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
        "font-src 'self'; connect-src 'self'; worker-src 'self' blob:; frame-src 'self'; object-src 'none'; "
        "base-uri 'self'; form-action 'none'"
    )


def with_meta(html: str, hashes: set[str]) -> str:
    """`html` with a CSP meta tag as the first element of its head."""
    if f'http-equiv="{META_NAME}"' in html:
        return html
    meta = f'<meta http-equiv="{META_NAME}" content="{policy(hashes)}">'
    return re.sub(r"<head>", "<head>\n" + meta, html, count=1)


def headers_file(hashes: set[str], own: dict[str, str] | None = None) -> str:
    """A `_headers` file (Netlify, Cloudflare Pages) that sends the policy for every address.

    `own` gives paths (such as the editor's) their own policy instead: `! Name` detaches the site-wide one.
    """
    text = f"/*\n  {META_NAME}: {policy(hashes)}\n  X-Content-Type-Options: nosniff\n  Referrer-Policy: no-referrer\n"
    for path, own_policy in (own or {}).items():
        text += f"{path}\n  ! {META_NAME}\n  {META_NAME}: {own_policy}\n"
    return text
